"""The rule families' example tables, run through the whole engine (parse included).

Each ``resources/examples/<family>.tsv`` row is ``sentence, published, mention, type,
value[, mod[, freq[, quant]]]`` (an empty or missing cell: none); ``negative.tsv`` rows
are ``sentence, published, not-a-date``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from timeline import find_times
from timeline.lexicon import read_tsv, rules
from timeline.nlp import default_nlp

EXAMPLES = Path(str(resources.files("timeline").joinpath("resources", "examples")))


def _rows(name: str) -> list[tuple[str, ...]]:
    return read_tsv((EXAMPLES / name).read_text(encoding="utf-8"), source=name)


def _positive_rows() -> list[tuple[str, ...]]:
    rows = []
    for path in sorted(EXAMPLES.glob("*.tsv")):
        if path.name != "negative.tsv":
            # pad the optional mod, freq and quant columns so every row has the same shape
            rows.extend((path.stem, *row, "", "", "")[:9] for row in _rows(path.name))
    return rows


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return default_nlp()


class TestExampleTables:
    @pytest.mark.parametrize("family,sentence,published,mention,type_,value,mod,freq,quant", _positive_rows())
    def test_example(self, nlp, family, sentence, published, mention, type_, value, mod, freq, quant):  # type: ignore[no-untyped-def]
        """Every example sentence yields the expected mention with its type, value, mod
        and, for sets, TIMEX3 freq and quant."""
        found = find_times(sentence, published=published or None, nlp=nlp)
        by_text = {m.text: m for m in found}
        assert mention in by_text, f"[{family}] {mention!r} not found in {[m.text for m in found]}"
        got = by_text[mention]
        assert (got.type, got.value) == (type_, value), f"[{family}] {sentence!r}: rule {got.rule}"
        assert got.mod == (mod or None)
        assert (got.freq, got.quant) == (freq or None, quant or None), f"[{family}] {sentence!r}: freq, quant"
        start = sentence.index(mention)
        assert (got.start, got.end) == (start, start + len(mention))

    @pytest.mark.parametrize("sentence,published,forbidden", _rows("negative.tsv"))
    def test_negative(self, nlp, sentence, published, forbidden):  # type: ignore[no-untyped-def]
        """Strings that only look like dates produce no mention over them."""
        start = sentence.index(forbidden)
        end = start + len(forbidden)
        found = find_times(sentence, published=published or None, nlp=nlp)
        overlapping = [m.text for m in found if m.start < end and start < m.end]
        assert overlapping == [], f"{forbidden!r} read as {overlapping}"


class TestTablesCoverRules:
    def test_every_family_has_examples(self) -> None:
        """Each rule family named in rules.toml has its own non-empty example table."""
        families = {rule.family for rule in rules()}
        for family in families:
            path = EXAMPLES / f"{family}.tsv"
            assert path.exists(), f"no example table for rule family {family!r}"
            assert _rows(path.name), f"example table {path.name} is empty"

    def test_every_rule_fires_in_examples(self, nlp) -> None:  # type: ignore[no-untyped-def]
        """Each rule produces at least one mention somewhere in the example tables."""
        fired = set()
        for _, sentence, published, *_ in _positive_rows():
            fired.update(m.rule for m in find_times(sentence, published=published or None, nlp=nlp))
        missing = sorted({rule.name for rule in rules()} - fired)
        assert missing == [], f"rules without an example: {missing}"

    def test_every_match_holds_its_rule_cue(self) -> None:
        """A rule's cue (the words the engine looks for before scanning a text with it)
        is inside every match of the rule in the example sentences: a wrong cue would
        hide matches."""
        cued = [rule for rule in rules() if rule.cue is not None]
        assert cued, "no rule has a cue: the prefilter is untested"
        sentences = [row[1] for row in _positive_rows()] + [row[0] for row in _rows("negative.tsv")]
        matched = set()
        for rule in cued:
            for sentence in sentences:
                for match in rule.pattern.finditer(sentence):
                    matched.add(rule.name)
                    assert rule.cue.search(match.group(0)), f"{rule.name}: {match.group(0)!r} lacks the cue"
        assert matched == {rule.name for rule in cued}


def test_a_quantified_space_is_refused() -> None:
    """' ?' in a rule would compile to a lazy but required '\\s+?': the engine says so."""
    from timeline.errors import ResourceError
    from timeline.lexicon import _compile

    with pytest.raises(ResourceError, match="quantify a space"):
        _compile("FY ?(?P<year>\\d{4})", "FY year")
    assert _compile("FY(?: )?(?P<year>\\d{4})", "FY year").search("FY 2024")


class TestLazyCompilation:
    """The rule table compiles each rule's regex when a text first needs it
    (:class:`timeline.lexicon.LazyPattern`); what the scans find is unchanged."""

    def _texts(self) -> list[str]:
        seeds = Path(__file__).resolve().parents[1] / "seeds"
        sentences = [row[1] for row in _positive_rows()] + [row[0] for row in _rows("negative.tsv")]
        return sentences + [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]

    def test_lazily_compiled_rules_find_what_compiled_rules_find(self) -> None:
        """Every example sentence and seed article gives the same candidates (spans,
        rules, readings) with the lazy table as with a table compiled up front."""
        import attrs

        from timeline.lexicon import compiled, load_rules
        from timeline.times.recognize import find_candidates

        lazy = load_rules()
        eager = tuple(
            attrs.evolve(rule, pattern=compiled(rule.pattern), cue=None if rule.cue is None else compiled(rule.cue))
            for rule in load_rules()
        )
        assert not any(isinstance(rule.pattern, type(lazy[0].pattern)) for rule in eager)
        for text in self._texts():
            found = [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, lazy)]
            expected = [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, eager)]
            assert found == expected, text[:80]

    def test_a_text_compiles_only_the_rules_it_may_match(self) -> None:
        """A fresh table compiles nothing until used; a text compiles only rules whose
        needs it holds (a text without digits or date words compiles almost none)."""
        from timeline.cues import CuePresence
        from timeline.lexicon import load_rules
        from timeline.times.recognize import find_candidates

        table = load_rules()
        assert not any(rule.pattern.is_compiled for rule in table)
        text = "The committee met and talked at length about the budget."
        find_candidates(text, table)
        presence = CuePresence(text)
        compiled_rules = [rule for rule in table if rule.pattern.is_compiled]
        assert all(presence.satisfies(rule.needs) for rule in compiled_rules)
        assert len(compiled_rules) < len(table) // 4, [rule.name for rule in compiled_rules]

    def test_a_bad_pattern_is_refused_with_the_rule_name_when_compiled(self) -> None:
        """A pattern the regex module cannot compile raises ResourceError naming the rule
        (at its first use, since compiling waits for a text)."""
        from timeline.errors import ResourceError
        from timeline.lexicon import _compile

        pattern = _compile("(?P<year>\\d{4}", "broken year")
        with pytest.raises(ResourceError, match="broken year"):
            pattern.search("in 2024")
