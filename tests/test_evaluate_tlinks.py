"""Tests of timeline.evaluate.tlinks: reading event-time TLINKs, the classes of the
relation to publication, the careful and strict scores, and a floor on a fixed subset
of AQUAINT (skipped without ../shared/data)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Optional

import pytest

from timeline.evaluate.tlinks import RelationScores, evaluate_directory, gold_class, on_named_day, read_links, system_class
from timeline.model import Event, Granularity, Interval, Mention, TimeValue
from timeline.nlp import default_nlp

REPO_ROOT = Path(__file__).resolve().parents[1]
AQUAINT = REPO_ROOT.parent / "shared" / "data" / "tempeval3" / "AQUAINT"
# Measured on the first 15 AQUAINT files (docs/benchmarks.md): attachment 0.8864,
# careful 0.5041 (0.4793 before the tense-aspect dating rules); the floors leave room
# for parser noise, not for a regression.
ATTACHMENT_FLOOR = 0.85
CAREFUL_FLOOR = 0.48

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-20" functionInDocument="CREATION_TIME">19980120</TIMEX3></DCT>
<TEXT>Troops <EVENT eid="e1" class="OCCURRENCE">arrived</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-01-19">Monday</TIMEX3> and will <EVENT eid="e2" class="OCCURRENCE">leave</EVENT>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="FUTURE" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="BEFORE" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei2" />
</TimeML>
"""


def _event(value: Optional[str], start: Optional[datetime] = None, end: Optional[datetime] = None) -> Optional[Event]:
    if value is None:
        return None
    interval = Interval(start, end) if start is not None and end is not None else None
    return Event(when=TimeValue(value, "DATE", Granularity.DAY, interval), summary="x", trigger="x")


def test_links_are_read_event_first_and_inverted_from_time_first(tmp_path: Path) -> None:
    """A time->event TLINK is read as event->time with the inverse relation; event-event
    links are left out; the DCT's tid is found."""
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    links = read_links(path)
    assert links.dct_tid == "t0"
    assert {(l.event, l.relation, l.time) for l in links.links} == {("e1", "IS_INCLUDED", "t1"), ("e2", "AFTER", "t0")}


@pytest.mark.parametrize(
    ("relation", "expected"),
    [("BEFORE", "before"), ("IBEFORE", "before"), ("AFTER", "after"), ("IAFTER", "after"),
     ("IS_INCLUDED", "overlap"), ("INCLUDES", "overlap"), ("SIMULTANEOUS", "overlap"), ("ENDED_BY", "overlap")],
)
def test_gold_classes(relation: str, expected: str) -> None:
    """BEFORE/IBEFORE, AFTER/IAFTER, and every other relation overlaps the publication."""
    assert gold_class(relation) == expected


def test_system_classes_read_the_dates_interval_against_the_publication_day() -> None:
    """Ends before the day -> before; starts after it -> after; overlaps -> on; none -> undated."""
    day = datetime(1998, 1, 20)
    assert system_class(_event("1998-01-19", datetime(1998, 1, 19), day), day) == "before"
    assert system_class(_event("1998-01-20", day, datetime(1998, 1, 21)), day) == "on"
    assert system_class(_event("1998", datetime(1998, 1, 1), datetime(1999, 1, 1)), day) == "on"
    assert system_class(_event("1998-01-21", datetime(1998, 1, 21), datetime(1998, 1, 22)), day) == "after"
    assert system_class(None, day) == "undated"


def test_careful_accuracy_forgives_undated_before_and_after_but_not_overlap() -> None:
    """Strict counts only agreeing classes; careful also counts undated before/after events."""
    scores = RelationScores(confusion=Counter({("before", "before"): 1, ("before", "undated"): 1, ("after", "undated"): 1,
                                               ("overlap", "undated"): 1, ("overlap", "on"): 1, ("before", "on"): 1}))
    figures = scores.figures()
    assert figures["strict_accuracy"] == round(2 / 6, 4)
    assert figures["careful_accuracy"] == round(4 / 6, 4)


def _dated(start: datetime, end: datetime, granularity: Granularity, dated_by: str) -> Event:
    mention = Mention(doc_id="d", sentence="x", trigger_span=(0, 1), event_span=(0, 1), time_span=None, time_text=None, dated_by=dated_by)
    when = TimeValue(start.strftime("%Y-%m-%d"), "DATE", granularity, Interval(start, end))
    return Event(when=when, summary="x", trigger="x", mentions=(mention,))


def test_named_day_is_the_publication_day_from_a_time_of_the_text() -> None:
    """Only a day-grain date on the publication day itself, from a time the text names,
    counts for the secondary figure; the publication fallback, another day or a month do not."""
    day = datetime(1998, 1, 20)
    after = datetime(1998, 1, 21)
    assert on_named_day(_dated(day, after, Granularity.DAY, "story"), day)
    assert on_named_day(_dated(day, after, Granularity.DAY, "sentence"), day)
    assert not on_named_day(_dated(day, after, Granularity.DAY, "publication"), day)
    assert not on_named_day(_dated(datetime(1998, 1, 19), day, Granularity.DAY, "story"), day)
    assert not on_named_day(_dated(datetime(1998, 1, 1), datetime(1998, 2, 1), Granularity.MONTH, "narrative"), day)
    assert not on_named_day(None, day)


def test_named_day_figure_adds_those_events_to_careful_only() -> None:
    """The secondary figure is careful plus the gold-before events dated on a named
    publication day; careful and strict do not change."""
    scores = RelationScores(confusion=Counter({("before", "on"): 2, ("overlap", "on"): 1, ("before", "undated"): 1}), before_on_named_day=1)
    figures = scores.figures()
    assert figures["careful_accuracy"] == 0.5
    assert figures["strict_accuracy"] == 0.25
    assert figures["careful_named_day_accuracy"] == 0.75


@pytest.mark.benchmark_data
def test_aquaint_subset_floors() -> None:
    """On the first 15 AQUAINT files, attachment and careful relation accuracy stay above their floors."""
    if not AQUAINT.is_dir():
        pytest.skip(f"TempEval-3 data not found at {AQUAINT} (expected ../shared/data next to the repo)")
    attachment, relations = evaluate_directory(AQUAINT, default_nlp(), limit=15)
    assert attachment.figures()["accuracy"] >= ATTACHMENT_FLOOR
    assert relations.figures()["careful_accuracy"] >= CAREFUL_FLOOR
