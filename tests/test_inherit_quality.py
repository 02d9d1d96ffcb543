"""Event lines of ``undated="inherit"`` timelines as a reader sees them (issue #14, branch
inherit): no fragment that is no event, one dating per summary, identical table rows once.
Each rule has its examples (must) and must-not rows; the fresh probes are in
``benchmarks/probes/news_inherit_3.tsv``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
from spacy.language import Language

from timeline import Document, build_timeline
from timeline.evaluate.probes import Seen, parse_item, read_probes, score_probe, twins
from timeline.events.summary import agrees, headline_end, is_headline
from timeline.nlp import default_nlp
from timeline.outputs import table_rows

PUBLISHED = "2026-11-20"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def lines(nlp: Language, text: str, undated: str = "inherit") -> list[tuple[str, str]]:
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated=undated)
    return [(event.when.value, event.summary) for event in timeline.events]


# (text, a line that must be there, a summary no line may have)
FRAGMENT_ROWS: list[tuple[str, Optional[tuple[str, Optional[str]]], str]] = [
    # a participle used as a preposition is no event
    ("Police seized weapons including two rifles and a handgun in a raid on Tuesday.", ("2026-11-17", "Police seized weapons including two rifles and a handgun in a raid"), "Including"),
    ("State television reported that troops had arrived with equipment including an air defense system last month.", None, "Including"),
    # the copula's clitic with a typographic apostrophe is the copula
    ("“I’m confident the deal will close,” the chief executive said on Thursday.", ("2026-11-19", None), "I’m confident the deal will close"),
    # a verb with no tense
    ("Before the army seized power in July 2023, the country had been a key partner in a region where groups affiliated with ISIS operate.", ("2023-07", "The army seized power"), "Groups affiliated with ISIS"),
    # a subject with a verb that does not agree with it is not that verb's subject
    ("A senior official told Reuters that the Russian troops are not mixing with American soldiers but were instead using a separate hangar.", None, "A senior official were instead using a separate hangar"),
    # ... and the subject of the verb between them that agrees is ("hung too high")
    (
        "A senior U.S. defense official told Reuters that the Russian forces are not mingling with the American troops at the base, but were instead using a separate hangar.",
        ("2026-11-20", "The Russian forces were using a separate hangar"),
        "A senior U.S. defense official were using a separate hangar",
    ),
]


@pytest.mark.parametrize(("text", "must", "must_not"), FRAGMENT_ROWS)
def test_no_fragment_lines(nlp: Language, text: str, must: Optional[tuple[str, Optional[str]]], must_not: str) -> None:
    """The fragment is no line of the inherit timeline; the real event of the sentence is."""
    found = lines(nlp, text)
    assert must_not not in [summary for _, summary in found]
    if must is not None:
        value, summary = must
        assert any(v == value and (summary is None or s == summary) for v, s in found), found


# (text, the one date every line of the summary has, the summary)
TWIN_ROWS = [
    # an infinitive complement and its governor: one summary, one date
    ("Officials told residents to leave their homes on Sunday as the river rose.", "2026-11-15", "Officials told residents to leave their homes"),
    # a state clause and the event noun inside it: the clause's present, not the past of the sentence
    ("Former president Ali Kamara, who was ousted in June, remains under house arrest in the capital.", "2026-11-20", None),
]


@pytest.mark.parametrize(("text", "value", "summary"), TWIN_ROWS)
def test_twins_share_one_date(nlp: Language, text: str, value: str, summary: object) -> None:
    """Events of one summary get one date, and the table shows their row once."""
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    by_summary: dict[str, set[str]] = {}
    for event in timeline.events:
        by_summary.setdefault(event.summary, set()).add(event.when.value)
    assert all(len(values) == 1 for values in by_summary.values()), by_summary
    rows = table_rows(timeline)
    assert len(rows) == len(set(rows))
    if summary is not None:
        assert by_summary[summary] == {value}  # type: ignore[index]
    else:
        assert any(value in values and "remains" in s for s, values in by_summary.items()), by_summary
        assert not any("2026-06" in values and "remains" in s for s, values in by_summary.items()), by_summary


def test_drop_policy_untouched(nlp: Language) -> None:
    """The default policy shows what a time dates, fragment rules aside (a time-dated
    event is never left out for its summary)."""
    text = "The new bloc, as it is known locally, held its first summit on Tuesday."
    assert lines(nlp, text, undated="drop") == lines(nlp, text, undated="drop")
    assert ("2026-11-17", "The new bloc held its first summit") in lines(nlp, text, undated="drop")


@pytest.mark.parametrize(
    ("sentence", "subject", "verb", "agree"),
    [
        ("The official said the troops were using a hangar.", "troops", "using", True),
        ("The official were using a hangar.", "official", "using", False),
        ("Niger operate in the region.", "Niger", "operate", False),
        ("Mali and Niger operate in the region.", "Mali", "operate", True),
        ("The official said it.", "official", "said", True),  # a past shows no number
    ],
)
def test_agreement(nlp: Language, sentence: str, subject: str, verb: str, agree: bool) -> None:
    """A subject and a verb agree unless both show a number and the numbers differ."""
    parsed = nlp(sentence)
    subject_token = next(t for t in parsed if t.text == subject)
    verb_token = next(t for t in parsed if t.text == verb)
    assert agrees(subject_token, verb_token) is agree


# --------------------------------------------------------------------------- the probe scorer


def test_probe_summary_items_and_twins() -> None:
    """'"SUMMARY"' matches a summary (exactly, or as a prefix with '...'); '!twins' is
    violated by two events of one summary; twins are counted in every probe."""
    item = parse_item('"Reports say"')
    prefix = parse_item('"A senior official were..."=2026-11-20')
    assert item.summary == "reports say" and item.value is None
    assert prefix.value == "2026-11-20"
    seen = [
        Seen(words=frozenset({"say"}), value="2026-11-20", unreal=False, summary="Reports say"),
        Seen(words=frozenset({"use"}), value="2026-11-20", unreal=False, summary="A senior official were using a hangar"),
        Seen(words=frozenset({"using"}), value="2026-11-20", unreal=False, summary="A senior official were using a hangar"),
    ]
    assert len(twins(seen)) == 1
    probe = read_probes(Path("benchmarks/probes/news_inherit_3.tsv"))[0]
    probe = type(probe)(id="x", published="2026-11-20", text="", expected=(), must_not=(item, prefix, parse_item("!twins"), parse_item('"Reports"')))
    outcome = score_probe(probe, seen)
    assert len(outcome["violated"]) == 3  # type: ignore[arg-type]
    assert len(outcome["twins"]) == 1  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        parse_item('"open')


@pytest.mark.parametrize(
    ("item", "value", "unreal"),
    [
        ("landed=2026-12-16T22:12", "2026-12-16T22:12", False),
        ("walkout|stage=2027-02-23T07:00:unreal", "2027-02-23T07:00", True),
        ("cut=2027:unreal", "2027", True),
        ("said=2026-12-16", "2026-12-16", False),
    ],
)
def test_probe_items_with_clock_times(item: str, value: str, unreal: bool) -> None:
    """A clock time's colons belong to the value; only a final ':word' is a flag, and an
    unknown one is refused."""
    parsed = parse_item(item)
    assert (parsed.value, parsed.unreal) == (value, unreal)


def test_probe_item_unknown_flag() -> None:
    with pytest.raises(ValueError, match="unknown flag"):
        parse_item("cut=2027:maybe")


# --------------------------------------------------------------------------- rule tables

# (sentence, trigger word, its reason; None: a readable event line)
REASON_ROWS: list[tuple[str, str, Optional[str]]] = [
    ("Police seized weapons including two rifles in a raid.", "including", "no_event_word"),
    ("According to police, the ferry sank.", "According", "no_event_word"),
    ("ECOWAS itself had initially threatened military intervention.", "ECOWAS", "no_event_word"),
    (
        "Before the coup, Niger had been a partner in the Sahel region of Africa where groups affiliated with ISIS and al Qaeda operate.",
        "affiliated",
        "no_tense",
    ),
    ("The designation triggered U.S. legislation restricting the amount of military training and assistance it can provide to the country.", "restricting", "no_tense"),
    ("The new bloc, as it is known locally, held its first summit.", "known", "empty_it"),
    (
        "All three nations face the threat of Islamic insurgency, and both Mali and Burkina Faso have relied on Russian mercenaries to help fight jihadists.",
        "fight",
        "no_subject",
    ),
    ("Speaking at a press conference in Hawaii, Austin downplayed any risk.", "Speaking", "no_subject"),
    ("Russia has sent troops into an air base in Niger that is hosting American soldiers, reports say, after the junta ordered U.S. forces to leave.", "say", "report_aside"),
    # must not: readable lines
    ("Russia sent troops into an air base that is hosting American soldiers.", "hosting", None),
    ("Both governments hired mercenaries to help fight jihadists.", "fight", None),  # the summary climbs to "hired"
    ("The junta seized power and declared a curfew.", "declared", None),
    ("He argued that a deadline would, when it was broken, give the military a green light.", "broken", None),  # an "it" that stands for a thing
    ("Gunmen kidnap 20 students in Kaduna\n\nGunmen kidnapped 20 students on Sunday.", "kidnap", None),  # a headline's verb may have no tense
    ("Boeing shares slide on fuselage flaw\n\nBoeing shares fell 3% on Wednesday.", "slide", "no_subject"),  # a headline's misparse is no name
    ("The death of the founder in a plane crash shocked the country.", "death", None),
]


@pytest.mark.parametrize(("text", "word", "reason"), REASON_ROWS)
def test_fragment_reasons(nlp: Language, text: str, word: str, reason: Optional[str]) -> None:
    """Each fragment rule on its example, and readable lines that no rule takes."""
    from timeline.events._parse import Trigger, is_clause_verb, load_lexicon, verb_trigger
    from timeline.events.summary import fragment_reason, summary_tokens

    lexicon = load_lexicon()
    token = next(t for t in nlp(text) if t.text == word)
    trigger = verb_trigger(token, lexicon) if is_clause_verb(token) else Trigger(token=token, clause=None)
    assert fragment_reason(trigger, summary_tokens(trigger, frozenset()), lexicon.reporting) == reason


@pytest.mark.parametrize(
    ("text", "word", "state"),
    [
        ("Bazoum, who was ousted in June, remains under arrest.", "arrest", True),
        ("The suspect is in custody after the raid.", "custody", True),
        ("Bazoum was under arrest in June.", "arrest", False),  # a past linking verb
        ("The union still occupies the factory after the strike.", "strike", False),  # no linking verb
    ],
)
def test_present_state_nouns(nlp: Language, text: str, word: str, state: bool) -> None:
    """An event noun that is the state a present linking verb tells holds at publication."""
    from timeline.events._parse import Trigger
    from timeline.events.date import is_present_state

    token = next(t for t in nlp(text) if t.text == word)
    assert is_present_state(Trigger(token=token, clause=None)) is state


@pytest.mark.parametrize(
    ("text", "word", "infinitive"),
    [
        ("Both governments hired mercenaries to help fight jihadists.", "fight", True),
        ("They tried to hasten it.", "hasten", True),
        ("The troops don't have access to the base.", "have", False),
        ("They helped fight the fire.", "fight", False),  # a bare infinitive under a past verb
    ],
)
def test_infinitives(nlp: Language, text: str, word: str, infinitive: bool) -> None:
    """A "to" infinitive, or a bare infinitive complement of one, is aimed at, not done."""
    from timeline.events._parse import load_lexicon, verb_trigger
    from timeline.events.date import is_infinitive

    token = next(t for t in nlp(text) if t.text == word)
    assert is_infinitive(verb_trigger(token, load_lexicon())) is infinitive


@pytest.mark.parametrize(
    ("text", "must", "must_not"),
    [
        # a noun object of a simple past takes the past's narrative date, not the publication day
        ("The court struck down the law in October. The ruling sparked protests across the country.", ("2026-10", "protests"), ("2026-11-20", "protests")),
        # a noun subject of a future clause is not done by publication
        ("The Pentagon said its troops will leave, but there is no timeline about when the withdrawal will be complete.", None, ("2026-11-20", "withdrawal")),
        # must stay: a noun object of a present clause holds at publication
        ("The union is staging protests outside the factory.", ("2026-11-20", "protests"), None),
    ],
)
def test_nouns_of_their_clause(nlp: Language, text: str, must: Optional[tuple[str, str]], must_not: Optional[tuple[str, str]]) -> None:
    """An event noun that is the subject or object of a past or future clause takes its
    time from that clause, not the publication day."""
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    seen = {(event.when.value, mention.trigger_text.lower()) for event in timeline.events for mention in event.mentions}
    if must is not None:
        assert must in seen, seen
    if must_not is not None:
        assert must_not not in seen, seen


@pytest.mark.parametrize(
    "text, end",
    [
        ("Gunmen kidnap 20 students\n\nGunmen kidnapped 20 students on Sunday.", 25),
        ("Gunmen kidnapped 20 students on Sunday.", 0),  # one line: no headline
        ("Gunmen kidnap 20 students\n  \n", 0),  # nothing follows the first line
        ("\nGunmen kidnapped 20 students on Sunday.", 0),  # the text opens with a break
    ],
)
def test_headline_end_is_the_first_line_break_with_text_after_it(nlp: Language, text: str, end: int) -> None:
    """Where a document's headline ends, and which tokens lie in it (read once per Doc)."""
    doc = nlp(text)
    assert headline_end(doc) == end
    assert [token.i for token in doc if is_headline(token)] == [token.i for token in doc if token.idx < end]
    assert headline_end(doc) == end  # the remembered value
