"""Publication date from the dateline or byline at the start of an article.

Only the first few lines are read, and only absolute, full dates count (day, month and
year): "WASHINGTON, May 3, 2024 (Reuters) -", "Published: 2024-05-03", a first line that
is just "June 8 , 2010". A date without a year ("May 3 (Reuters) -") or a date in the
running text is not a publication date, so the answer is then ``None``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

import attrs

# Only the head of the article can hold a dateline or byline; later dates are content.
_HEAD_LINES = 5
_MAX_LINE_CHARS = 200


def _month_names() -> dict[str, int]:
    """Month names and abbreviations (with and without a dot) -> month number."""
    names: dict[str, int] = {}
    for number in range(1, 13):
        names[calendar.month_name[number].lower()] = number
        names[calendar.month_abbr[number].lower()] = number
    names["sept"] = 9  # the AP abbreviation, absent from the C locale table
    return names


_MONTHS = _month_names()

# Month, weekday and label words match in any case; the rest of a pattern is
# case-sensitive because a dateline's place name must be in capitals.
_MONTH = r"(?P<month>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_WEEKDAY = r"(?:(?i:" + "|".join((*calendar.day_name, *calendar.day_abbr)) + r")\.?\s*,?\s*)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)(?!\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_MDY = _MONTH + r"\s+" + _DAY + r"\s*,?\s*" + _YEAR  # "May 3, 2024", "June 8 , 2010"
_DMY = _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\s*,?\s*" + _YEAR  # "3 May 2024"
_ISO = r"(?P<iyear>(?:1[89]|2[01])\d\d)[-/](?P<imonth>[01]?\d)[-/](?P<iday>[0-3]?\d)(?!\d)"
_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_CLOCK = r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?i:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?"
_DATES = (_MDY, _DMY, _ISO + _ISO_TIME)

# A line that is only a date (optionally with a weekday and a clock time).
_DATE_LINE = [re.compile(r"^\s*" + _WEEKDAY + d + _CLOCK + r"\s*$") for d in _DATES]
# A labelled byline date: "Published: 2024-05-03", "Updated on May 3, 2024 10:00".
_LABEL = r"(?i:(?:first\s+|last\s+)?(?:published|updated|posted|date|dated))\s*:?\s*(?i:on)?\s*:?\s*"
# The label opens the line or follows a separator ("By Jane Doe | Updated ..."): a
# "posted" in running text is not a byline.
_BYLINE = [re.compile(r"(?:^\s*|[|•·,–—-]\s*)" + _LABEL + _WEEKDAY + d) for d in _DATES]
# A wire dateline: place name(s) in capitals, maybe a region and an agency, then the
# date: "WASHINGTON, May 3, 2024 (Reuters) -", "PARIS (AFP), 3 May 2024 -".
_PLACE = (
    r"^\s*[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*"  # WASHINGTON, NEW YORK
    r"(?:,\s*[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)*)?"  # , Mali / , Calif.
    r"\s*(?:\([A-Za-z&.' ]+\)\s*)?"  # (AFP)
    r"[,:(–—-]?\s*"
)
# Without a place, the date must be followed by an agency or a dash: "May 3, 2024 (AP) -".
_AGENCY_DASH = r"\s*(?:\([A-Za-z&.' ]+\)\s*)?[–—-]"
_DATELINE = [re.compile(_PLACE + _WEEKDAY + d) for d in (_MDY, _DMY)] + [
    re.compile(r"^\s*" + _WEEKDAY + d + _AGENCY_DASH) for d in (_MDY, _DMY)
]


@attrs.frozen
class DatelineMatch:
    """A publication date found at the head of a text, with its character span."""

    date: date
    start: int
    end: int


def _make_date(year: str, month: int, day: str) -> Optional[date]:
    """A real calendar date, or None (``May 32`` is not a dateline)."""
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def _date_of(match: re.Match[str]) -> Optional[date]:
    groups = match.groupdict()
    if groups.get("iyear"):
        return _make_date(groups["iyear"], int(groups["imonth"]), groups["iday"])
    month = _MONTHS.get(groups["month"].lower().rstrip("."))
    if month is None:
        return None
    return _make_date(groups["year"], month, groups["day"])


def _head_lines(text: str) -> list[tuple[int, str]]:
    """The first non-empty lines with their offsets (leading blank lines are skipped)."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((offset, line.rstrip("\r\n")))
            if len(lines) == _HEAD_LINES:
                break
        offset += len(line)
    return lines


def _match_line(line: str) -> Optional[tuple[date, int, int]]:
    # The first line may be only a date, or a wire dateline; a labelled byline may come
    # on any of the head lines. A long line is running text, where dates are content.
    for pattern in (*_DATE_LINE, *_DATELINE, *_BYLINE):
        found = pattern.search(line[:_MAX_LINE_CHARS])
        if found is None:
            continue
        value = _date_of(found)
        if value is not None:
            return value, found.start(), found.end()
    return None


def find_dateline(text: str) -> Optional[DatelineMatch]:
    """The publication date at the head of ``text`` and where it is, or None."""
    if not isinstance(text, str):
        return None
    for offset, line in _head_lines(text):
        found = _match_line(line)
        if found is not None:
            value, start, end = found
            return DatelineMatch(date=value, start=offset + start, end=offset + end)
    return None


def infer_published(text: str) -> Optional[date]:
    """Publication date from a dateline or byline at the start of ``text``, else None."""
    found = find_dateline(text)
    return found.date if found is not None else None
