"""Publication dates given as strings other than ISO 8601: RFC 2822 (feeds, HTTP
headers) and written dates (pages, tables) are read exactly, through the standard
library and dateparser; relative, partial, ambiguous and impossible ones are refused
with an InvalidDateError naming the field and the value."""

from __future__ import annotations

import email.utils
from datetime import date, datetime, timedelta, timezone
from typing import Union

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import written_dates
from timeline import Document
from timeline.cli import UsageError, parse_published_options
from timeline.documents import parse_published
from timeline.errors import InvalidDateError
from timeline.outputs import publication_dates_from_dict

EDT = timezone(timedelta(hours=-4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # RFC 2822, as RSS and HTTP give it: the zone is kept as a fixed offset
        ("Fri, 03 May 2024 14:00:00 GMT", datetime(2024, 5, 3, 14, 0, tzinfo=timezone.utc)),
        ("Fri, 03 May 2024 14:00:00 +0200", datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=2)))),
        ("03 May 2024 14:00 -0430", datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=-4, minutes=-30)))),
        ("Fri, 03 May 2024 14:00:00 -0000", datetime(2024, 5, 3, 14, 0)),  # RFC 2822: zone unknown
        # written dates: a date without a clock time is a date
        ("May 3, 2024", date(2024, 5, 3)),
        ("3 May 2024", date(2024, 5, 3)),
        ("  the 3rd of May, 2024 ", date(2024, 5, 3)),
        ("Friday, May 3, 2024", date(2024, 5, 3)),
        ("Fri, 03 May 2024", date(2024, 5, 3)),
        ("Mon. Sept. 18, 2023", date(2023, 9, 18)),
        ("January 1, 1066", date(1066, 1, 1)),
        ("December 31, 9998", date(9998, 12, 31)),
        # dashes between day, month name and year; "1200" is a year here, not a clock time
        ("07-Mar-2024", date(2024, 3, 7)),
        ("07-Mar-1200", date(1200, 3, 7)),
        ("Mar-07-1100", date(1100, 3, 7)),
        # all-numeric with a four-digit year first, or a day over 12 that tells the order
        ("2024/05/03", date(2024, 5, 3)),
        ("2024.05.03", date(2024, 5, 3)),
        ("2024-5-3", date(2024, 5, 3)),
        ("13/05/2024", date(2024, 5, 13)),
        ("05/13/2024", date(2024, 5, 13)),
        ("05.05.2024", date(2024, 5, 5)),  # the same either way
        # with a clock time: a datetime, naive unless the string gives a zone
        ("Sept. 18, 2023 10:15 am EDT", datetime(2023, 9, 18, 10, 15, tzinfo=EDT)),
        ("3 May 2024 14:00 +05:30", datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
        ("May 3, 2024 2 pm", datetime(2024, 5, 3, 14, 0)),
        ("May 3, 2024 00:00", datetime(2024, 5, 3, 0, 0)),
        ("13/05/2024 09:30", datetime(2024, 5, 13, 9, 30)),
    ],
)
def test_written_dates_are_read_exactly(text: str, expected: Union[date, datetime]) -> None:
    """Each accepted form gives its date, or its datetime with the offset the string gave."""
    parsed = parse_published(text)
    assert parsed == expected
    assert type(parsed) is type(expected)
    if isinstance(expected, datetime):
        assert isinstance(parsed, datetime) and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("yesterday", "relative date with no fixed day"),
        ("2 days ago", "relative date with no fixed day"),
        ("now", "relative date with no fixed day"),
        ("next week", "relative date with no fixed day"),
        ("May 2024", "lacks its day, month or year"),
        ("May 3", "lacks its day, month or year"),
        ("2024", "lacks its day, month or year"),
        ("03/05/2024", r"May 3, 2024 \(day first\) or March 5, 2024 \(month first\).*ISO 8601"),
        ("5-3-2024 10:00", r"March 5, 2024 \(day first\) or May 3, 2024 \(month first\)"),
        ("3.5.24", "two-digit year.*ISO 8601"),
        ("May 3, 24", "two-digit year"),
        ("Feb 30, 2024", "real calendar date"),
        ("13/13/2024", "real calendar date"),
        ("Fri, 30 Feb 2024 14:00:00 GMT", "not a real calendar date"),
        ("Tuesday, May 3, 2024", "weekday 'Tuesday' but May 3, 2024 is a Friday"),
        ("Tue, 03 May 2024 14:00:00 GMT", "weekday 'Tue' but May 3, 2024 is a Friday"),
        ("Dec 31, 9999", "year 9998 or earlier"),
        ("3 mai 2024", "must be an ISO 8601 date"),  # English only
        ("Posted May 3, 2024", "must be an ISO 8601 date"),  # a date, not a line that holds one
        ("someday", "must be an ISO 8601 date"),
        ("", "must be an ISO 8601 date"),
        ("May 3, 2024 " + "x" * 200, "must be an ISO 8601 date"),
    ],
)
def test_unusable_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    """Relative, partial, ambiguous, impossible and unreadable dates raise InvalidDateError
    naming the field, the value and why."""
    with pytest.raises(InvalidDateError, match=reason) as caught:
        parse_published(text, field="items[4].published")
    message = str(caught.value)
    assert message.startswith("items[4].published ")
    assert repr(text)[:40] in message


@given(written_dates())
@settings(max_examples=60, deadline=None)
def test_a_date_written_with_a_named_month_round_trips(written: tuple[date, str]) -> None:
    """Any date in any of the strftime patterns with a named month reads back as itself."""
    day, text = written
    assert parse_published(text) == day


@given(st.datetimes(datetime(1900, 1, 1), datetime(9998, 12, 31), timezones=st.sampled_from(
    [timezone.utc, timezone(timedelta(hours=-4)), timezone(timedelta(hours=5, minutes=45))])))
@settings(max_examples=60, deadline=None)
def test_an_rfc_2822_date_round_trips_with_its_offset(moment: datetime) -> None:
    """email.utils.format_datetime's output (as feeds write it) reads back to the second, offset kept."""
    moment = moment.replace(microsecond=0)
    parsed = parse_published(email.utils.format_datetime(moment))
    assert parsed == moment and isinstance(parsed, datetime) and parsed.utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-03", date(2024, 5, 3)),
        ("2024-05-03T14:00", datetime(2024, 5, 3, 14, 0)),
        ("2024-05-03 14:00:05.25", datetime(2024, 5, 3, 14, 0, 5, 250000)),
        ("2024-05-03T14:00Z", datetime(2024, 5, 3, 14, 0, tzinfo=timezone.utc)),
        ("2024-05-03T14:00+0530", datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    ],
)
def test_iso_8601_is_read_as_before(text: str, expected: Union[date, datetime]) -> None:
    """ISO 8601 strings are read by the standard library, exactly as before dateparser."""
    parsed = parse_published(text)
    assert parsed == expected and type(parsed) is type(expected)
    assert parsed.utcoffset() == expected.utcoffset() if isinstance(expected, datetime) else True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "published is not a real calendar date: '2023-02-30' (day is out of range for month)"),
        ("9999-01-01", "published must be in year 9998 or earlier, got '9999-01-01'"),
    ],
)
def test_iso_8601_refusals_are_unchanged(text: str, message: str) -> None:
    """An impossible ISO date and a year after 9998 keep their messages word for word."""
    with pytest.raises(InvalidDateError) as caught:
        parse_published(text)
    assert str(caught.value) == message


@given(st.dates(date(1, 1, 1), date(9998, 12, 31)))
@settings(max_examples=60, deadline=None)
def test_any_iso_date_reads_back_as_itself(day: date) -> None:
    """Every ISO 8601 date of the calendar (year 1 to 9998) is read as before: itself."""
    assert parse_published(day.isoformat()) == day


def test_documents_the_cli_and_json_go_through_the_same_reader() -> None:
    """Document, --published FILE=DATE and a timeline's JSON publication dates accept
    the same written forms and refuse the same ambiguous ones, naming their own field
    (the command line turns the error into its usage error: exit status 2)."""
    assert Document("Troops arrived.", published="Fri, 03 May 2024 14:00:00 GMT").published == datetime(
        2024, 5, 3, 14, 0, tzinfo=timezone.utc)
    assert parse_published_options(["a.txt=May 3, 2024"]) == {"a.txt": date(2024, 5, 3)}
    dates = publication_dates_from_dict([{"doc_id": "a", "published": "3 May 2024", "source": "given"}])
    assert dates[0].published == date(2024, 5, 3)
    with pytest.raises(UsageError, match=r"--published a\.txt.*day and month could be swapped"):
        parse_published_options(["a.txt=03/05/2024"])
    with pytest.raises(InvalidDateError, match=r"publication_dates\[0\]\.published.*relative"):
        publication_dates_from_dict([{"doc_id": "a", "published": "yesterday", "source": "given"}])
