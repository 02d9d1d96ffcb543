"""Tests of timeline.dateline: publication dates from datelines and bylines."""

from __future__ import annotations

from datetime import date
import pytest

from timeline.dateline import find_dateline, infer_published

EXAMPLES = [
    ("WASHINGTON, May 3, 2024 (Reuters) - Russia has sent troops.", date(2024, 5, 3)),
    ("NEW YORK, Aug. 23, 2023 /PRNewswire/ - A company said.", date(2023, 8, 23)),
    ("BAMAKO, Mali, Sept. 18, 2023 (AP) — The junta said.", date(2023, 9, 18)),
    ("PARIS (AFP), 3 May 2024 - France said.", date(2024, 5, 3)),
    ("May 3, 2024 (AP) - The army said.", date(2024, 5, 3)),
    ("Published: 2024-05-03\nThe army said.", date(2024, 5, 3)),
    ("Title of the story\nBy Jane Doe | Updated on March 1, 2021\nText.", date(2021, 3, 1)),
    ("June 8 , 2010\nThe army said.", date(2010, 6, 8)),
    ("Monday, June 8, 2010 10:32 AM\nThe army said.", date(2010, 6, 8)),
    ("\n\n2024-05-03T10:00:00Z\nThe army said.", date(2024, 5, 3)),
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
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_infer_published_reads_datelines_and_bylines(text: str, expected: date) -> None:
    """A full date in a dateline, a labelled byline or a date-only first line is found."""
    assert infer_published(text) == expected


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
