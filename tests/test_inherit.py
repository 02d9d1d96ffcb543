"""Tests of the dating policy of timeline.events.date: dates for events without a time of their own
(``build_timeline(..., undated="inherit")``), and how the merge treats them."""

from __future__ import annotations

from datetime import date
from typing import Optional

import pytest
from spacy.language import Language

from timeline import build_timeline
from timeline.documents import Document
from timeline.times.calendar import day_value
from timeline.events import check_policy, document_events
from timeline.merge import merge_events
from timeline.model import Event, Granularity, Mention, TimeMention
from timeline.nlp import default_nlp
from timeline.times.temporal import find_times_in_parsed

PUBLISHED = date(2010, 6, 8)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def inherited(nlp: Language, text: str, published: Optional[date] = PUBLISHED) -> dict[str, tuple[str, str]]:
    """trigger text -> (value, dated_by) of the inherited events of ``text``."""
    document = Document(text=text, id="d", published=published)
    parsed = nlp(text)
    mentions: list[TimeMention] = find_times_in_parsed(document, parsed)
    events = [e for e in document_events(document, parsed, mentions, undated="inherit") if e.mentions[0].inferred]
    return {e.mentions[0].trigger_text: (e.when.value, e.mentions[0].dated_by) for e in events}


# text, trigger, expected (value, dated_by); published 2010-06-08 (a Tuesday)
EXAMPLES = [
    # no time anywhere, a present clause: the publication day
    ("Apple sells more phones than Nokia.", "sells", ("2010-06-08", "publication")),
    # a time elsewhere in the sentence dates the other events of the sentence
    ("In 2003 Apple opened the store and sold songs online.", "sold", ("2003", "sentence")),
    # the lead's day ("yesterday") is the day of the story's events
    ("Yesterday Jobs unveiled the phone at a conference. Developers applauded the design.",
     "applauded", ("2010-06-07", "story")),
    # a time inside the reported clause dates that clause, not the saying
    ("Jobs says that the system will ship in 2011 to all users.", "says", ("2010-06-08", "publication")),
    # a simple past takes the date the narrative just told of (two sentences back at most)
    ("On May 3 police raided the house. They arrested two men.", "arrested", ("2010-05-03", "narrative")),
    # a restatement of an event dated elsewhere takes that date
    ("The company signed the pact on Saturday. The pact was signed in Bamako.", "signed", ("2010-06-05", "narrative")),
    # a perfect after a lead that tells of an earlier day takes that day
    ("Yesterday police arrested two men. Prices have fallen sharply.", "fallen", ("2010-06-07", "story")),
]


# text, trigger: events that a careful reader leaves undated (published 2010-06-08)
UNDATED = [
    ("Apple sold more phones than Nokia.", "sold"),  # a simple past with no date told before
    ("Prices have fallen sharply.", "fallen"),  # a perfect: before publication, day unknown
    ("Apple tried to hasten the launch.", "hasten"),  # an infinitive complement
    ("Apple will release a new phone.", "release"),  # future
    ("Apple could release a new phone.", "release"),  # modal
    ("Apple plans to release a new phone.", "release"),  # planned by its governor
    ("The phone is thin.", "is"),  # the copula names no event
    # a statement is the reporting of the news, not a step of the narrative before it
    ("On May 3 police raided the house. The mayor said nothing.", "said"),
    # the narrative date is at most two sentences back
    ("On May 3 police raided the house. It rained. Crowds gathered. They arrested two men.", "arrested"),
]


@pytest.mark.parametrize(("text", "trigger"), UNDATED)
def test_the_policy_leaves_these_undated(nlp: Language, text: str, trigger: str) -> None:
    """Future, modal, infinitive, state, perfect and undated simple-past events get no
    inherited date (the publication day would be false)."""
    assert trigger not in inherited(nlp, text)


@pytest.mark.parametrize(("text", "trigger", "expected"), EXAMPLES)
def test_inherited_dates_follow_the_documented_rule(nlp: Language, text: str, trigger: str, expected: tuple[str, str]) -> None:
    assert inherited(nlp, text)[trigger] == expected


def test_without_publication_date_only_sentence_times_are_inherited(nlp: Language) -> None:
    text = "Apple sells more phones than Nokia. In 2003 Apple opened the store and sold songs online."
    found = inherited(nlp, text, published=None)
    assert "sold" in found and found["sold"] == ("2003", "sentence")
    assert all(dated_by == "sentence" for _, dated_by in found.values())


def test_events_dated_by_their_own_time_are_not_repeated(nlp: Language) -> None:
    """An event dated by its own time gets no second, inherited mention."""
    text = "Apple opened the store on April 28, 2003."
    document = Document(text=text, id="d", published=PUBLISHED)
    parsed = nlp(text)
    mentions = find_times_in_parsed(document, parsed)
    events = document_events(document, parsed, mentions, undated="inherit")
    opened = [e.mentions[0].dated_by for e in events if e.mentions[0].trigger_text == "opened"]
    assert opened == ["time"]


def test_an_event_noun_that_is_a_passive_verbs_agent_is_that_event(nlp: Language) -> None:
    """"governments toppled by military coups": the coups are the toppling, so the noun
    gets no event of its own (the seeds showed the line twice); a noun elsewhere does."""
    # the past passive takes the narrative's date (Monday): it is dated, so it is there
    text = "Fighting broke out on Monday. Three governments were toppled by military coups. The coup in Mali drew protests."
    found = inherited(nlp, text)
    assert "coups" not in found and "toppled" in found and "coup" in found


def test_build_timeline_keeps_only_dated_events_by_default(nlp: Language) -> None:
    docs = [Document(text="Apple sells more phones than Nokia. Apple opened a store on April 28, 2003.", id="d",
                     published=PUBLISHED)]
    default = build_timeline(docs, nlp=nlp)
    inherit = build_timeline(docs, nlp=nlp, undated="inherit")
    assert all(m.dated_by == "time" for e in default for m in e.mentions)
    assert {m.dated_by for e in inherit for m in e.mentions} == {"time", "publication"}
    assert len(inherit) > len(default)


@pytest.mark.parametrize("policy", ["keep", "", None, 1, "INHERIT"])
def test_unknown_undated_policy_is_refused(policy: object) -> None:
    with pytest.raises(ValueError, match="undated must be one of"):
        check_policy(policy)
    with pytest.raises(ValueError, match="undated must be one of"):
        build_timeline([], undated=policy)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- merge


def _event(doc: str, day: date, dated_by: str, summary: str = "Apple unveiled the iPhone 4") -> Event:
    when = day_value(day)
    mention = Mention(doc_id=doc, sentence=summary, trigger_span=(0, 8), event_span=(0, len(summary)),
                      time_span=None, time_text=None, trigger_text="unveiled", time_value=when.value,
                      dated_by=dated_by)
    return Event(when=when, summary=summary, trigger="unveil", participants=("Apple",), mentions=(mention,))


def test_an_own_date_wins_over_an_inherited_one_without_conflict() -> None:
    """A later report (publication day) of an event dated elsewhere joins it, takes its
    date, and its inherited date is not listed as a disagreement."""
    timeline = merge_events([_event("a", date(2010, 6, 7), "time"), _event("b", date(2010, 6, 16), "publication")])
    assert len(timeline) == 1
    event = timeline.events[0]
    assert event.when.value == "2010-06-07"
    assert event.conflicts == ()
    assert {m.dated_by for m in event.mentions} == {"time", "publication"}


def test_an_inherited_date_does_not_join_an_event_it_precedes() -> None:
    """A report published before the dated event cannot be a later report of it."""
    timeline = merge_events([_event("a", date(2010, 6, 7), "time"), _event("b", date(2010, 6, 1), "publication")])
    assert len(timeline) == 2


def test_inherited_dates_need_strong_similarity_to_merge() -> None:
    """Two undated "unveiled" events of one day with different content stay apart."""
    a = _event("a", date(2010, 6, 7), "publication")
    b = _event("b", date(2010, 6, 7), "publication", summary="Apple unveiled a new MacBook Air laptop lineup")
    assert len(merge_events([a, b])) == 2


def test_publication_day_is_a_day() -> None:
    when = day_value(date(2024, 2, 29))
    assert when.value == "2024-02-29" and when.granularity == Granularity.DAY
    assert when.end is not None and when.start is not None and (when.end - when.start).days == 1
