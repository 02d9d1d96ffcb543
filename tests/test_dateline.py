"""Tests of timeline.documents.dateline: publication dates from datelines and bylines."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Union

import pytest

from timeline.documents.dateline import find_dateline, infer_published

EXAMPLES = [
    ("WASHINGTON, May 3, 2024 (Reuters) - Russia has sent troops.", date(2024, 5, 3)),
    ("NEW YORK, Aug. 23, 2023 /PRNewswire/ - A company said.", date(2023, 8, 23)),
    ("BAMAKO, Mali, Sept. 18, 2023 (AP) — The junta said.", date(2023, 9, 18)),
    ("PARIS (AFP), 3 May 2024 - France said.", date(2024, 5, 3)),
    ("May 3, 2024 (AP) - The army said.", date(2024, 5, 3)),
    ("Published: 2024-05-03\nThe army said.", date(2024, 5, 3)),
    ("Title of the story\nBy Jane Doe | Updated on March 1, 2021\nText.", date(2021, 3, 1)),
    ("June 8 , 2010\nThe army said.", date(2010, 6, 8)),
    # A clock time written with the date makes the publication a datetime (local time
    # as written; an ISO offset is kept).
    ("Monday, June 8, 2010 10:32 AM\nThe army said.", datetime(2010, 6, 8, 10, 32)),
    ("\n\n2024-05-03T10:00:00Z\nThe army said.", datetime(2024, 5, 3, 10, 0, tzinfo=timezone.utc)),
    # An author line that ends in the date.
    ("By Jane Doe | May 3, 2024 10:15 a.m. ET\nThe army said.", datetime(2024, 5, 3, 10, 15)),
    # Labelled dates with the clock first (CNN style).
    ("Updated: 10:32 AM EDT, Fri May 3, 2024\nThe army said.", datetime(2024, 5, 3, 10, 32)),
    ("Published 9:00 AM ET, Fri May 3, 2024\nThe army said.", datetime(2024, 5, 3, 9, 0)),
    # Press-release wires.
    ("SAN FRANCISCO--(BUSINESS WIRE)--Jan. 2, 2024--Acme Corp. said.", date(2024, 1, 2)),
    ("NEW YORK, Jan. 2, 2024 /PRNewswire/ -- Acme Corp. said.", date(2024, 1, 2)),
    # A date line under the headline; Guardian style with a 24-hour clock.
    ("Headline\nMay 3, 2024, 10:15 AM\nThe army said.", datetime(2024, 5, 3, 10, 15)),
    ("Headline\nFriday 3 May 2024 10.15 BST\nThe army said.", datetime(2024, 5, 3, 10, 15)),
    # A published date wins over an updated one, wherever each is in the head.
    ("Headline\nUpdated May 4, 2024\nPublished May 3, 2024\nText.", date(2024, 5, 3)),
    ("By Jane Doe | Published May 1, 2024 | Updated May 3, 2024 1:05 p.m.\nText.", date(2024, 5, 1)),
    ("Updated 3:00 PM ET, Sat May 4, 2024\nWASHINGTON, May 3, 2024 (Reuters) - Text.", date(2024, 5, 3)),
    # An updated date is better than none; 12 a.m. is midnight, 12 p.m. noon.
    ("Headline\nLast updated on May 4, 2024 12:30 a.m.\nText.", datetime(2024, 5, 4, 0, 30)),
    ("By Jane Doe, Updated 12:05 p.m. ET, May 4, 2024\nText.", datetime(2024, 5, 4, 12, 5)),
    # An impossible clock time leaves the date.
    ("Headline\nMay 3, 2024 13:15 p.m.\nText.", date(2024, 5, 3)),
]

NON_EXAMPLES = [
    "May 3 (Reuters) - Russia has sent troops.",
    "WASHINGTON, May 3 (Reuters) - Troops arrived on May 3, 2024.",
    "Russia has sent troops on May 3, 2024, officials said.",
    "The report posted May 3, 2024 shows a rise.",
    "February 30, 2023\nThe army said.",
    "June 2010\nThe army said.",
    "",
    "Title\n\n\nline one\nline two\nline three\nline four\nline five\nJune 8, 2010",
    # Impossible dates in the new heads.
    "Headline\nUpdated: 10:32 AM EDT, Fri Feb 30, 2024\nText.",
    "SAN FRANCISCO--(BUSINESS WIRE)--Feb. 30, 2024--Acme Corp. said.",
    "By Jane Doe | February 30, 2024 10:15 a.m. ET\nText.",
    # Running text: a comma is no byline separator, a lower-case label is no label.
    "By Friday, May 3, 2024, the troops had left.",
    "The report, posted May 3, 2024, shows a rise.",
    # A byline below the head is in the body.
    "Headline\nStandfirst.\nFirst paragraph.\nSecond paragraph.\nThird paragraph.\n"
    "Updated: 10:32 AM EDT, Fri May 3, 2024",
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_infer_published_reads_datelines_and_bylines(text: str, expected: Union[date, datetime]) -> None:
    """A full date in a dateline, a byline or a date-only head line is found, with its
    clock time when one is written."""
    found = infer_published(text)
    assert (type(found), found) == (type(expected), expected)


@pytest.mark.parametrize("text", NON_EXAMPLES)
def test_infer_published_refuses_partial_or_running_text_dates(text: str) -> None:
    """Dates without a year, impossible dates and dates in running text give None."""
    assert infer_published(text) is None


def test_find_dateline_gives_the_span_of_the_date() -> None:
    """The match covers the dateline up to the end of the date, from the text start."""
    text = "WASHINGTON, May 3, 2024 (Reuters) - Russia has sent troops."
    found = find_dateline(text)
    assert found is not None
    assert (found.start, found.end) == (0, text.index(" (Reuters)"))


def test_find_dateline_offsets_count_earlier_lines() -> None:
    """A byline on a later line has offsets into the whole text, not into its line."""
    text = "Headline\nPublished: 2024-05-03\nBody."
    found = find_dateline(text)
    assert found is not None
    assert text[found.start : found.end].strip() == "Published: 2024-05-03"


def test_find_dateline_span_covers_a_clock_before_the_date() -> None:
    """The span holds the clock time written before the date, so that no time mention
    of the byline is taken for an event's time."""
    text = "Headline\nUpdated: 10:32 AM EDT, Fri May 3, 2024\nBody."
    found = find_dateline(text)
    assert found is not None
    assert text[found.start : found.end] == "Updated: 10:32 AM EDT, Fri May 3, 2024"
    assert found.clock is not None and (found.clock.hour, found.clock.minute) == (10, 32)


def test_find_dateline_span_is_the_preferred_date() -> None:
    """With an updated and a published date, the span is the published one's."""
    text = "Headline\nUpdated May 4, 2024\nPublished May 3, 2024\nBody."
    found = find_dateline(text)
    assert found is not None
    assert text[found.start : found.end] == "Published May 3, 2024"


def test_infer_published_ignores_non_text() -> None:
    """Anything but a str has no dateline (the documents stage refuses it elsewhere)."""
    assert infer_published(b"May 3, 2024 (AP) - x") is None  # type: ignore[arg-type]


def test_find_times_reads_relative_expressions_against_the_dateline() -> None:
    """Without a publication date, find_times takes the dateline's full date, as
    build_timeline does; a date given by the caller still wins."""
    from timeline import find_times

    text = "NEW YORK, May 3, 2024 (Reuters) - Stocks fell on Friday. Last week they rose."
    by_text = {m.text: m for m in find_times(text)}
    assert (by_text["Last week"].value, by_text["Last week"].resolved) == ("2024-W17", True)
    assert by_text["Friday"].value == "2024-05-03"
    assert {m.text: m.value for m in find_times(text, published="2024-05-10")}["Last week"] == "2024-W18"


def test_find_times_counts_hours_from_the_byline_time() -> None:
    """A clock time in the byline is the publication time: "an hour ago" is counted from
    it, not only from the publication day."""
    from timeline import find_times

    text = "By Jane Doe | May 3, 2024 10:15 a.m. ET\nThe troops left an hour ago."
    by_text = {m.text: m.value for m in find_times(text)}
    assert by_text["an hour ago"] == "2024-05-03T09:15"
