"""The cue prefilters of ``timeline.cues``: what a rule's match must start with, and
the scan that tries a rule only there (it must find what a full scan finds)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cues import (
    DIGIT_START,
    WHOLE_WORD,
    WORD_START,
    CuePresence,
    StartIndex,
    fold,
    rule_first_words,
    rule_second_words,
    rule_starts,
    scan,
    shared_second_words,
)
from timeline.lexicon import rules
from timeline.times.recognize import find_candidates

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TEMPEVAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w])(?:(?i:jan|feb)uary)(?![\w])", {"jan", "feb"}),
        (r"(?i:may)|June", {"may", "jun"}),
        (r"(?:the )?year", None),  # "the" is optional and a space is a class: "t..." or "yea"
        (r"[01]?\d:[0-5]\d", {"0", "1", DIGIT_START}),
        (r"a(?=b)c", {"ac"}),
        (r"(?:\s*)x", None),  # may start with white space
        (r"\(x\)", None),  # starts with no word character
        (r"x?", None),  # may be empty
        (r"[^a]bc", None),
        (r"é+", None),  # case folding of other letters is not read
    ],
)
def test_rule_starts(pattern: str, expected: set[str] | None) -> None:
    found = rule_starts(pattern)
    if pattern == r"(?:the )?year":
        assert found == frozenset({"the", "yea"})
        return
    assert found == (None if expected is None else frozenset(expected))


TRICKY = [
    "At 10:30 a.m. on Jan. 5, 2003 and \u212aelvin \u017fep 5 SEPT 9 2001.",
    "ab12:30 x1:30 \u0663:15 (noon) 4pm 4 p.m. May 1-15, mayday, Maybe 1999 ",
    "the the-year theyear 'the year' last year's fiscal 1999 Q1-2000 1Q2000",
    "",
    "1",
]


@pytest.mark.parametrize("text", TRICKY + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))])
def test_scan_from_starts_finds_what_the_full_scan_finds(text: str) -> None:
    index = StartIndex(text)
    for rule in rules():
        full = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        started = [(m.span(), m.groupdict()) for m in scan(rule.pattern, text, rule.starts, index)]
        assert started == full, rule.name


def test_most_rules_have_starts() -> None:
    """The mechanism is in use: most rules of the table are tried only at their starts
    (the clock-time and month rules among them)."""
    table = rules()
    with_starts = {rule.name for rule in table if rule.starts is not None}
    assert len(with_starts) >= len(table) * 2 // 3
    assert {"clock time", "month day, year", "month"} <= with_starts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 :.-'(\u212a\u017fMay0\n")), max_size=60))
def test_scan_equals_finditer_on_odd_texts(text: str) -> None:
    """On texts of few characters (digits, separators, odd case pairs), the scan from
    the starts gives finditer's matches for any pattern the starts are read for."""
    patterns = [r"(?<![\w])(?:(?i:may)|a:?\d+|\d\d?(?::\d\d)?)(?![\w])", r"(?<![\w])(?:(?i:k)?a[a-]b|b\.?)"]
    index = StartIndex(text)
    for pattern in patterns:
        compiled = regex.compile(pattern, regex.V0)
        starts = rule_starts(pattern)
        assert starts is not None
        assert [m.span() for m in scan(compiled, text, starts, index)] == [m.span() for m in compiled.finditer(text)]


def test_find_candidates_with_and_without_starts_on_the_seeds() -> None:
    plain = tuple(attrs.evolve(rule, starts=None) for rule in rules())
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text)]
        assert found and found == [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, plain)]


@pytest.mark.parametrize(
    ("pattern", "whole", "starts"),
    [
        (r"(?<![\w])(?:a\s+(?:week|day)|\d+\s+days)", {"a"}, {DIGIT_START}),  # "a" alone, not "and"
        (r"(?:the\s+)?year\b", {"the", "year"}, set()),
        (r"(?i:jan|feb)uary(?![\w])", {"january", "febuary"}, set()),
        (r"Sept\.?\s+\d", {"sept"}, set()),  # "Sept." and "Sept 5": the word is "Sept"
        (r"(?i:may)|June", set(), {"may", "jun"}),  # nothing ends the word: "Maybe", "Junes"
        (r"ab+c\s", set(), {"ab"}),  # a repeat may go on: only its start
        (r"Q\d", set(), {"q"}),  # a digit goes on with the word
        (r"a-b", {"a"}, set()),
    ],
)
def test_rule_first_words(pattern: str, whole: set[str], starts: set[str]) -> None:
    """A first word is read whole only where the pattern ends it; else its start is kept."""
    assert rule_first_words(pattern) == (frozenset(whole), frozenset(starts))


@pytest.mark.parametrize("pattern", [r"x?", r"(?:\s*)x", r"\(x\)", r"é+\s", r"[^a]bc"])
def test_rule_first_words_not_read(pattern: str) -> None:
    """A pattern that may be empty, start with no word character or with a letter whose
    case folding is not read has no first words."""
    assert rule_first_words(pattern) is None


def test_most_rules_have_first_words() -> None:
    """The whole-word prefilter is in use for nearly every rule with starts, and reads
    the number words of the amount rules whole ("a", "an", "three"), not as "a", "thr"."""
    table = rules()
    assert sum(rule.first_words is not None for rule in table) >= sum(rule.starts is not None for rule in table)
    amount = next(rule for rule in table if rule.name == "amount unit ago")
    assert amount.first_words is not None and {"a", "an", "three"} <= amount.first_words[0]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 :.-'(\u212a\u017fMayK\u0131\u0130Sept0\n")), max_size=60))
def test_scan_from_first_words_equals_finditer_on_odd_texts(text: str) -> None:
    """On texts of few characters (odd case pairs such as the Kelvin sign, the long s and
    the dotted and dotless i among them), the scan from the first words gives
    finditer's matches."""
    patterns = [
        r"(?<![\w])(?:(?i:may|a|sept)\.?(?:\s+|-)\d+|(?i:ab?)(?![\w])|\d\d?(?::\d\d)?)(?![\w])",
        r"(?<![\w])(?:(?i:k)a\b|(?i:si)\s+b|(?:a|b)-\w+)",
    ]
    index = StartIndex(text)
    for pattern in patterns:
        compiled = regex.compile(pattern, regex.V0)
        words = rule_first_words(pattern)
        assert words is not None
        assert [m.span() for m in scan(compiled, text, None, index, words)] == [m.span() for m in compiled.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            r"(?<![\w])(?:(?:(?i:the)\s+)?(?i:past|last)\s+\d+)(?![\w])",
            [("last", set(), {DIGIT_START}), ("past", set(), {DIGIT_START}), ("the", {"last", "past"}, set())],
        ),
        (r"(?<![\w])(?:(?i:the)\s+year|this\s+(?:week|month))(?![\w])", [("the", {"year"}, set()), ("this", {"week", "month"}, set())]),
        (r"(?i:a|the)\s+week\b|\d+\s+weeks\b", [("a", {"week"}, set()), ("the", {"week"}, set())]),
    ],
)
def test_rule_second_words(pattern: str, expected: list[tuple[str, set[str], set[str]]]) -> None:
    """After a literal first word and white space, the next word is read as the first
    words are: whole where the pattern ends it, else its start or "a digit"."""
    assert rule_second_words(pattern) == tuple((first, frozenset(whole), frozenset(starts)) for first, whole, starts in expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:the\s+)?\w+\s+ago",  # another opening may start with any word, "the" too
        r"the\s+\w+",  # the next word may be any word
        r"(?:the|th\w*)\s+year\b",  # "the" may also open the pattern as "th..."
        r"the\s*year\b",  # no white space needed: "theyear"
        r"the\s+(?:\s*)year",  # the next word may come after more white space: not read
    ],
)
def test_rule_second_words_not_read(pattern: str) -> None:
    """Where what follows a first word is not pinned down, or the word may open the
    pattern another way, it is not filtered."""
    assert rule_second_words(pattern) is None


def test_second_words_shared_across_the_table() -> None:
    """Each first word's next words are widened to every rule's that filters it (so a
    text checks each first word once), and only words that at least four rules
    filter are kept; the table filters "the" so."""
    the = ("the", frozenset({"year"}), frozenset())
    table = [(the,)] * 3 + [(("the", frozenset({"week"}), frozenset({DIGIT_START})), ("a", frozenset({"day"}), frozenset()))]
    shared = ("the", frozenset({"year", "week"}), frozenset({DIGIT_START}))
    assert shared_second_words(table + [None]) == [(shared,)] * 4 + [None]
    assert shared_second_words(table[1:]) == [None] * 3
    the_rules = [rule for rule in rules() if rule.second_words and any(first == "the" for first, _, _ in rule.second_words)]
    assert len(the_rules) >= 20 and len({rule.second_words for rule in the_rules if len(rule.second_words) == 1}) == 1


_PHRASE_PATTERNS = [
    r"(?<![\w])(?:(?:(?i:the)\s+)?(?i:past|last)\s+(?:\d+|year)|(?i:the)\s+(?:\d\d?)(?:st|th)?\s+(?i:of)\s+May)(?![\w])",
    r"(?<![\w])(?:(?i:the|a)\s+(?i:week|year)s?|\d+\s+weeks)(?![\w])",
    r"(?<![\w])(?:(?i:this|the)\s+(?i:k)ey|(?i:this)-\w+)",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "The", "THE", "tHe", "thee", "theory", "past", "PAST", "last", "year", "years", "week", "weeks",
                         "12", "1st", "of", "May", "a", "A", "this", "key", "\u212aey", "la\u017ft", " ", "  ", "\n", "-", ".", "\u00a0"]),
        max_size=14,
    ).map("".join)
)
def test_scan_from_second_words_equals_finditer(text: str) -> None:
    """On texts of words that do and do not follow "the" as the rules want (odd case
    pairs, other white space, punctuation between), the scan from the first and second
    words, each rule's own or widened over the patterns, gives finditer's matches."""
    index = StartIndex(text)
    seconds = [rule_second_words(pattern) for pattern in _PHRASE_PATTERNS]
    assert all(second is not None for second in seconds)
    widened = shared_second_words(seconds * 4)[: len(seconds)]
    for pattern, second, wide in zip(_PHRASE_PATTERNS, seconds, widened):
        compiled = regex.compile(pattern, regex.V0)
        words = rule_first_words(pattern)
        assert words is not None
        expected = [m.span() for m in compiled.finditer(text)]
        assert [m.span() for m in scan(compiled, text, None, index, words, second)] == expected
        assert [m.span() for m in scan(compiled, text, None, index, words, wide)] == expected


@pytest.mark.benchmark_data
def test_first_words_never_reject_a_match_on_tempeval_texts() -> None:
    """Over 40 TempEval-3 texts, every rule's prefilters (needs, starts, first and
    second words) keep every match a full scan finds: the candidates are those of the
    table without starts and first words."""
    from timeline.evaluate.timeml import read_timeml_directory

    if not (TEMPEVAL / "TimeBank").is_dir():
        pytest.skip(f"TempEval-3 not found under {TEMPEVAL} (../shared/data)")
    texts = [document.text for document in read_timeml_directory(TEMPEVAL / "TimeBank")[:40]]
    plain = tuple(attrs.evolve(rule, starts=None, first_words=None) for rule in rules())
    for text in texts:
        found = [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text)]
        assert found == [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, plain)]


@pytest.mark.parametrize("text", ["\u0130n two weeks", "\u0130N 2003 AND \u212aEPT \u017fEPT. 5", "In two weeks"])
def test_dotted_capital_i_is_read_as_a_case_insensitive_i(text: str) -> None:
    """"\u0130n two weeks": the patterns' case-insensitive "in" matches the dotted capital
    I, so the prefilters read it as "i" (``casefold`` alone gives "i" and a dot)."""
    plain = tuple(attrs.evolve(rule, needs=(), starts=None, first_words=None) for rule in rules())
    found = [(c.start, c.end, c.rule.name) for c in find_candidates(text)]
    assert found == [(c.start, c.end, c.rule.name) for c in find_candidates(text, plain)]


@given(st.text(alphabet=st.sampled_from("aZ1 İıſKßΣσς\u00e9-"), max_size=12) | st.text(max_size=12))
def test_fold_is_casefold_with_the_dotted_capital_i_as_i(text: str) -> None:
    """``fold`` takes a shortcut for ASCII text (``lower``): the result is the full
    case folding's, with the dotted capital I read as "i", on any text."""
    assert fold(text) == text.replace("\u0130", "i").casefold()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(list("aZb1 _-.'\nİıſKßé") + ["The", "the", "MAY", "ago"]), max_size=30).map("".join),
    st.lists(st.sampled_from(["the", "may", "ago", "a", "b", "z", "th", "ma", "1", "ss", "k", "é"]), max_size=6),
)
def test_cue_presence_from_the_index_words_answers_as_from_the_text(text: str, strings: list[str]) -> None:
    """``CuePresence(text, words)`` (the StartIndex's words, lower-cased for an ASCII
    text instead of found again in the folded text) holds exactly the whole words and
    word starts that ``CuePresence(text)`` holds, on ASCII and other texts."""
    plain, shared = CuePresence(text), CuePresence(text, StartIndex(text).words)
    for string in strings:
        for need in (WHOLE_WORD + string, WORD_START + string, string):
            assert shared.holds(need) == plain.holds(need), need


def test_cue_presence_words_are_the_index_words_lower_cased() -> None:
    """The shortcut is taken on an ASCII text: its words come from the index (a word
    the index did not give is not seen), and not on another text."""
    text = "The Fed met on Monday."
    assert CuePresence(text, ["The", "Fed"]).holds(WHOLE_WORD + "fed")
    assert not CuePresence(text, ["The", "Fed"]).holds(WHOLE_WORD + "monday")
    assert CuePresence("Café opened Monday", ["Café"]).holds(WHOLE_WORD + "monday")
