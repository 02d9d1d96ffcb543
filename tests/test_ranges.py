"""Tests of timeline.times.ranges: two times that make one period, and "since" ranges."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from timeline import Timeline, build_timeline, find_times
from timeline.documents import Document
from timeline.merge import parse_value
from timeline.model import Granularity
from timeline.nlp import default_nlp
from timeline.times.ranges import range_duration, range_value
from timeline.tables import read_resource_rows


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


EXAMPLES = read_resource_rows("ranges_examples.tsv", 5)


@pytest.mark.parametrize(("sentence", "published", "first", "second", "expected"), EXAMPLES)
def test_range_examples(nlp: Language, sentence: str, published: str, first: str, second: str, expected: str) -> None:
    """Both ends carry the whole range; the ends' own values stay TIMEX3 points."""
    found = {m.text: m for m in find_times(sentence, published=published, nlp=nlp)}
    ends = [first] if second == "-" else [first, second]
    for end in ends:
        assert end in found, f"{end!r} not in {sorted(found)}"
        whole = found[end].range
        assert whole is not None and whole.value == expected
        assert "/" not in found[end].value
    start_value, end_value = expected.split("/")
    assert found[first].value == start_value
    if second != "-":
        assert found[second].value == end_value


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("The index rose from 5 to 7 percent in 2020.", "2023-09-18"),  # numbers, not times
        ("Profit rose in 2019 and sales fell in 2021.", "2023-09-18"),  # "and" without "between"
        ("Sales have fallen since 2020.", None),  # an open range needs the publication date
        ("Sales have fallen since 2030.", "2023-09-18"),  # after publication: no range up to it
        ("The court's June 6-3 ruling stood.", "2024-05-03"),  # a vote, not days
        ("The Jets beat the Bills in May 21-14.", "2024-05-03"),  # days out of order: a score
        ("The report 2008-05 was filed.", "2024-05-03"),  # "05" ends no span that starts in 2008
        ("Rates rose from March 10 to 12 percent.", "2024-05-03"),
    ],
)
def test_no_range(nlp: Language, sentence: str, published: str | None) -> None:
    assert all(m.range is None for m in find_times(sentence, published=published, nlp=nlp))


def test_range_value_needs_two_ordered_calendar_times() -> None:
    may, july = parse_value("2023-05"), parse_value("2023-07")
    assert may is not None and july is not None
    whole = range_value(may, july)
    assert whole is not None
    assert (whole.value, whole.granularity) == ("2023-05/2023-07", Granularity.MONTH)
    assert (whole.start, whole.end) == (datetime(2023, 5, 1), datetime(2023, 8, 1))
    assert range_value(july, may) is None
    assert parse_value("2023-05/2023-07") == whole  # the merge reads range values back
    assert parse_value("2023-07/2023-05") is None


def test_event_dated_by_a_range_takes_the_whole_range(nlp: Language) -> None:
    text = "The three countries have all seen their governments toppled by military coups since 2020."
    result = build_timeline([Document(text=text, id="a", published=date(2023, 9, 18))], nlp=nlp)
    (event,) = result.events
    assert event.when.value == "2020/2023-09-18"
    assert (event.when.start, event.when.end) == (datetime(2020, 1, 1), datetime(2023, 9, 19))
    assert Timeline.from_dict(result.to_dict()) == result


def test_weekday_repair_rules_exist_in_the_rule_table() -> None:
    # ranges moves a weekday end by a week only for these rules: a rename in rules.toml
    # must fail here, not silently turn the weekly repair into a yearly one
    from timeline.lexicon import rules
    from timeline.times.ranges import weekday_rules

    names = {rule.name for rule in rules()}
    assert weekday_rules() <= names
    assert all(rule.name not in weekday_rules() or "weekday" in rule.pattern.pattern for rule in rules())


def test_open_range_openers_come_from_the_table() -> None:
    from timeline.times.ranges import open_range_openers

    assert open_range_openers() == {"since"}


@pytest.mark.parametrize(
    ("sentence", "published", "duration"),
    [
        ("Prices rose from May to July 2023.", "2024-05-03", "P3M"),
        ("The economy grew between 2019 and 2021.", "2024-05-03", "P3Y"),
        ("Prices have risen since 2020.", "2024-05-03", "P4Y"),
        ("The strike ran from May 5 to May 9.", "2024-05-03", "P5D"),
        ("The office is open from Monday to Wednesday.", "2024-05-03", "P3D"),
        ("It lasted from 9 a.m. to 5 p.m. Friday.", "2024-05-03", "PT8H"),
        ("Voting ran from 9:30 a.m. to 5 p.m.", "2024-05-03", "PT7H30M"),
    ],
)
def test_range_duration(nlp: Language, sentence: str, published: str, duration: str) -> None:
    """A range spans whole units of its grain, both ends included; clock times are points."""
    wholes = {m.range for m in find_times(sentence, published=published, nlp=nlp) if m.range is not None}
    assert len(wholes) == 1
    assert range_duration(wholes.pop()) == duration


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.integers(min_value=1, max_value=400))
def test_a_range_of_days_lasts_its_days_both_ends_included(first: date, extra_days: int) -> None:
    """From one day to a later one the duration is the count of days, both ends included
    (one day is no range)."""
    from datetime import timedelta

    from timeline.times.calendar import day_value

    whole = range_value(day_value(first), day_value(first + timedelta(days=extra_days)))
    assert whole is not None
    assert range_duration(whole) == f"P{extra_days + 1}D"


@pytest.mark.parametrize(
    ("start", "digits", "year"),
    [(2020, 21, 2021), (1939, 45, 1945), (2008, 9, 2009), (1999, 0, 2000), (1990, 99, 1999)],
)
def test_two_digit_second_end_is_completed_from_the_first(start: int, digits: int, year: int) -> None:
    from timeline.times.recognize import year_after

    assert year_after(start, digits) == year


@pytest.mark.parametrize(("start", "digits"), [(2008, 5), (2020, 20), (2021, 20), (1998, 0)])
def test_two_digits_that_end_no_span(start: int, digits: int) -> None:
    from timeline.times.recognize import SlotError, year_after

    with pytest.raises(SlotError):
        year_after(start, digits)


def test_a_compact_second_end_without_its_first_is_dropped(nlp: Language) -> None:
    """"20" of "Flight 2019/20" is a date only as the end of a range; "2019" is a flight
    number here, so neither is a date."""
    assert find_times("Flight 2019/20 landed safely.", published="2024-05-03", nlp=nlp) == []


def test_only_in_range_rules_come_from_the_table() -> None:
    from timeline.times.ranges import only_in_range_rules

    assert "second day of a day range" in only_in_range_rules()
    assert "month day" not in only_in_range_rules()


def test_a_compact_range_in_timeml(nlp: Language) -> None:
    """Each end is a TIMEX3 of its own, as for "2009-2010"; the range's DURATION joins them."""
    from timeline import to_timeml

    text = "The sale runs May 1-15."
    xml = to_timeml(Document(text=text, id="a", published="2024-05-03"), find_times(text, published="2024-05-03", nlp=nlp), ranges=True)
    import re

    assert re.search(r'<TIMEX3 tid="t1" [^>]*value="2024-05-01"[^>]*>May 1</TIMEX3>-<TIMEX3 tid="t2" [^>]*value="2024-05-15"[^>]*>15</TIMEX3>', xml)
    assert re.search(r'<TIMEX3 [^>]*type="DURATION" value="P15D" beginPoint="t1" endPoint="t2"', xml)
