"""The reading rules of branch probes4 (issue #14): a relation verb's past form read as
the participle of a reduced relative ("groups linked to al Qaeda"), who does a
participle's or gerund's act (control: "Speaking to reporters, the minister said"), an
event noun told by a clause of no tense ("sanctions restricting arms sales"), a noun a
scheduling verb dates ("the delivery scheduled for March"), the empty
"it" of an "as" comment clause left out even when a time dates it, and a reported event
telling its own clause when its statement is shown too; and those of branch probes5:
an "after" clause taking its main clause's day, the time of an onset participle
("starting in 2028") dating the event it modifies, a condition's verb inheriting no
time. Each rule runs
on its examples and must-not rows (``resources/events_reading_examples.tsv``) through the
parse; the readable lines they give are checked through ``build_timeline``, and the
batch-3 probe floor guards the rules together."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from timeline import Document, build_timeline
from timeline.events._parse import Trigger, load_lexicon
from timeline.events.summary import controller, fragment_reason, is_finite, reads_as_participle, summary_tokens
from timeline.evaluate.probes import read_probes, run
from timeline.nlp import default_nlp
from timeline.tables import read_resource_rows

PUBLISHED = "2026-11-20"  # a Friday, as in benchmarks/probes/news_inherit_3.tsv
EXAMPLES = read_resource_rows("events_reading_examples.tsv", 4)
RULES = (
    "participle", "control", "noun", "empty_it", "scheduled", "leading_up", "onset", "condition", "own_day", "own_day_inherit",
    "ending_gerund", "offence_complement", "negated_inherit", "perfect_ahead", "pluperfect_content", "relative_noun", "attribution",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _word(nlp: Language, sentence: str, word: str) -> Token:
    return next(token for token in nlp(sentence) if token.text == word)


def test_every_rule_has_examples_and_must_not_rows() -> None:
    """Each rule family of the table has rows where it fires and rows where it must not."""
    assert {row[0] for row in EXAMPLES} == set(RULES)
    for rule in RULES:
        expected = [row[3] for row in EXAMPLES if row[0] == rule]
        assert "-" in expected and any(value != "-" for value in expected), rule


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "participle"])
def test_relation_participles(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """A relation verb's past form with its preposition and no object is a participle
    (and so has no tense); with an object, or a verb of the active use, it is a past."""
    token = _word(nlp, sentence, word)
    assert reads_as_participle(token) is (expected == "yes")
    if expected == "yes":
        assert not is_finite(token)


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "control"])
def test_control(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Who does a subjectless participle's or gerund's act, or None where the reading is
    unsafe (a noun's complement, a trailing participle, a bare -ing word, a subordinator,
    a pronoun)."""
    doer = controller(_word(nlp, sentence, word))
    assert (doer.text if doer is not None else "-") == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "noun"])
def test_event_noun_told_by_a_clause_of_no_tense(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """An event noun whose summary is a no-tense modifier clause is a fragment; one in a
    finite clause or read in its own phrase is not."""
    trigger = Trigger(token=_word(nlp, sentence, word), clause=None)
    reason = fragment_reason(trigger, summary_tokens(trigger, frozenset()), load_lexicon().reporting)
    assert (reason or "-") == expected


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "empty_it"])
def test_empty_it_is_dropped_even_when_dated(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under the default policy (only events a time dates), the "it" of an "as" comment
    clause is no event; an "it" that stands for a thing keeps its event."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp)
    triggers = {mention.trigger_text for event in timeline.events for mention in event.mentions}
    assert (word not in triggers) is (expected == "dropped"), triggers


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "scheduled"])
def test_scheduled_things_are_events(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """What a scheduling verb sets the date of through "for"/"until"/"to" is an event,
    whatever its noun; a verb whose object is often no event, or a time of the
    scheduling itself ("on Monday"), dates no noun."""
    timeline = build_timeline([Document(sentence, id="d", published="2025-03-12")], nlp=nlp)
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "condition"])
def test_condition_inherits_no_time(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under undated="inherit" the verb of an "if"/"unless" clause takes no time of its
    sentence (the time dates the consequence); other adverbial clauses still do."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "onset"])
def test_onset_participle_dates_the_event_it_starts(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """The time of "starting"/"beginning" with no subject of its own dates the event the
    participle modifies ("to ban plastic bags starting in 2028": the ban, 2028), and the
    participle is no event of its own; a finite "started" keeps its event."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp)
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "leading_up"])
def test_clause_leading_up_takes_its_main_clause_day(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under the default policy an "after" clause of its own subject and no time of its
    own takes the day of its main clause ("fell 9% on Tuesday after the company warned");
    not a year or other coarser time, not the other way, not a subjectless clause."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp)
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "ending_gerund"])
def test_ending_gerund_time_dates_the_ending(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """A time the parse hangs on the gerund of a verb that ends its activity ("retired
    from acting in 2015") dates that verb; the gerund of another verb keeps its time
    ("accused of killing a driver in July")."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp)
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(
    ("rule", "sentence", "word", "expected"),
    [row for row in EXAMPLES if row[0] in ("offence_complement", "negated_inherit", "perfect_ahead", "pluperfect_content", "attribution")],
)
def test_inherit_leaves_undated(nlp: Language, rule: str, sentence: str, word: str, expected: str) -> None:
    """Under undated="inherit": the act a verdict judges ("convicted on Monday of
    defrauding"), an event denied outright ("no one was injured", "was never charged"),
    a present perfect beside a time ahead ("has issued a warning" beside "on Saturday")
    a past perfect told in a complement clause and an event beside an attribution's
    time ("according to a study published on Wednesday") take no time of their
    sentence or narrative; their positive twins do (and a plain "not")."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, (rule, dated)


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "relative_noun"])
def test_event_noun_takes_its_relative_clause_time(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under undated="inherit" an event noun takes the time of a relative clause on it
    ("a shooting that left two people dead on Sunday": Sunday, not the arrest's Tuesday);
    without one, the sentence's time as before."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "own_day"])
def test_statement_with_a_day_of_its_own_is_kept(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under the default policy a statement whose content holds a dated event stays an
    event of its own when a time of its own (a day or a week, outside what it reports)
    dates it on another day than its content; without a day of its own, on its
    content's day or dated by a month it is left out, the content carrying the news."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp)
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(("sentence", "word", "expected"), [row[1:] for row in EXAMPLES if row[0] == "own_day_inherit"])
def test_dropped_statement_inherits_no_date(nlp: Language, sentence: str, word: str, expected: str) -> None:
    """Under undated="inherit" a statement the reporting policy dropped (dated on its
    content's day or by a month, content dated) stays out instead of inheriting its own
    time back; one with a day of its own stays an event of its day."""
    timeline = build_timeline([Document(sentence, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    dated = {mention.trigger_text: event.when.value for event in timeline.events for mention in event.mentions}
    assert dated.get(word, "-") == expected, dated


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Speaking to reporters in Brussels, the foreign minister said the talks had collapsed on Monday.", "The foreign minister speaking to reporters in Brussels"),
        ("On Saturday the government accused the opposition of plotting to overthrow the president.", "The opposition plotting to overthrow the president"),
    ],
)
def test_control_gives_the_line_its_doer(nlp: Language, text: str, summary: str) -> None:
    """The inherit timeline shows who does the participle's act, in lower case after
    the borrowed subject."""
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    assert summary in [event.summary for event in timeline.events]


def test_control_keeps_the_participants(nlp: Language) -> None:
    """The borrowed subject is shown, not counted among the participle's own named
    participants (the merge compares those)."""
    text = "Speaking to reporters in Brussels, Minister Anna Berg said the talks had collapsed on Monday."
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    speaking = next(event for event in timeline.events if any(m.trigger_text == "Speaking" for m in event.mentions))
    assert "Anna Berg" in speaking.summary
    assert "Anna Berg" not in speaking.participants


# (text, policy, summaries that must be there, a summary no line may have twice)
TOLD_ROWS = [
    # the statement is shown (inherit): it and what it reports are two lines
    (
        "State radio reported on Monday that rebels had captured the airport.",
        "inherit",
        ("State radio reported that rebels had captured the airport", "Rebels had captured the airport"),
    ),
    (
        "Russia has sent troops to an air base that is hosting American soldiers, officials said on Thursday.",
        "inherit",
        ("Russia has sent troops to an air base",),
    ),
    # must not: with the statement left out (the default policy) the reported event keeps
    # the statement's clause, so that the line says who reports it
    ("State radio reported on Monday that rebels had captured the airport.", "drop", ("State radio reported that rebels had captured the airport",)),
]


@pytest.mark.parametrize(("text", "undated", "summaries"), TOLD_ROWS)
def test_statement_and_content_each_tell_their_clause(nlp: Language, text: str, undated: str, summaries: tuple[str, ...]) -> None:
    """A reported event tells its own clause when its statement is a line too; no summary
    is shown twice."""
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated=undated)
    shown = [event.summary for event in timeline.events]
    assert all(summary in shown for summary in summaries), shown
    assert len(shown) == len(set(shown)), shown


def test_third_batch_floor() -> None:
    """The fresh probes of the inherit policy (benchmarks/probes/news_inherit_3.tsv):
    at most 2 of the 45 must-not items violated under inherit (14 before these rules),
    none under the default policy (2 before), the right counts as before (30 and 22)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "probes" / "news_inherit_3.tsv"
    report = run(read_probes(path))
    inherit, drop = report["inherit"]["totals"], report["drop"]["totals"]  # type: ignore[index]
    assert inherit["violated"] <= 2 and drop["violated"] == 0, (inherit, drop)
    assert inherit["right"] >= 30 and drop["right"] >= 22, (inherit, drop)


def test_fourth_batch_floor() -> None:
    """The fourth probe batch (benchmarks/probes/news_events_4.tsv), the tuning set of
    branch probes5's rules: right 37/39 under the default policy (33 before them) with at
    most 1 of 42 must-not items violated (3 before), right 38/39 under inherit (36) with
    at most 4 violated (8)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "probes" / "news_events_4.tsv"
    report = run(read_probes(path))
    inherit, drop = report["inherit"]["totals"], report["drop"]["totals"]  # type: ignore[index]
    assert drop["right"] >= 37 and drop["violated"] <= 1, drop
    assert inherit["right"] >= 38 and inherit["violated"] <= 4, inherit
