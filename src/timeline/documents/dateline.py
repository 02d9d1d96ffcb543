"""Publication date (and time) from the dateline or byline at the start of an article.

Only the first few lines are read, and only absolute, full dates count (day, month and
year). The heads understood:

- a wire dateline: "WASHINGTON, May 3, 2024 (Reuters) -", "PARIS (AFP), 3 May 2024 -",
  "NEW YORK, Jan. 2, 2024 /PRNewswire/ --", "SAN FRANCISCO--(BUSINESS WIRE)--Jan. 2, 2024--",
  and without a place "May 3, 2024 (AP) -";
- a line that is only a date, maybe with a weekday and a clock time: "June 8 , 2010",
  "May 3, 2024, 10:15 AM", "Friday 3 May 2024 10.15 BST", "2024-05-03T10:00:00Z";
- a labelled byline date, the clock before or after the date: "Published: 2024-05-03",
  "Updated: 10:32 AM EDT, Fri May 3, 2024", "By Jane Doe | Updated on March 1, 2021";
- an author line that ends in the date: "By Jane Doe | May 3, 2024 10:15 a.m. ET".

The labels and the byline's "By" are in ``resources/dateline_words.tsv``. A date labelled
as an update is taken only when the head holds no other full date: a "Published" date
wins over an "Updated" one. A clock time written with the date is kept as written (local
time; a zone name such as "ET" is read past, not converted), so the publication moment
is then a ``datetime``. A date without a year ("May 3 (Reuters) -"), an impossible date
("February 30, 2023") or a date in the running text is not a publication date, so the
answer is then ``None``.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Optional, Union

import attrs
import regex

from ..errors import ResourceError
from ..tables import read_resource_rows

# Only the head of the article can hold a dateline or byline; later dates are content.
_HEAD_LINES = 5
_MAX_LINE_CHARS = 200

# Ranks of a head date: lower wins, then the earlier one. An update's date is only a
# stand-in when the first publication's date is not given.
_PUBLISHED = 0
_UPDATED = 1


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
_ISO_TIME = (
    r"(?:[T ](?P<iso_hour>\d{2}):(?P<iso_minute>\d{2})(?::(?P<iso_second>\d{2})(?:\.\d+)?)?"
    r"(?P<iso_zone>Z|[+-]\d{2}:?\d{2})?)?"
)
_DATES = (_MDY, _DMY, _ISO + _ISO_TIME)


def _clock(name: str) -> str:
    """A clock time, its groups prefixed with ``name``: "10:15 a.m. ET", "10.15 BST",
    "9:00 AM". The zone (capitals) is part of the span only."""
    return (
        rf"(?P<{name}_hour>[0-2]?\d)[:.](?P<{name}_minute>[0-5]\d)(?::(?P<{name}_second>[0-5]\d))?(?!\d)"
        rf"\s*(?P<{name}_half>(?i:[ap]\.?m\.?))?\s*(?:[A-Z]{{2,4}}(?![A-Za-z]))?"
    )


# A clock time after the date ("May 3, 2024, 10:15 AM", "June 8, 2010 at 10:32") or
# before it ("10:32 AM EDT, Fri May 3, 2024").
_CLOCK_AFTER = r"(?:\s*(?:,|at|-|\|)?\s*" + _clock("post") + r")?"
_CLOCK_BEFORE = r"(?:" + _clock("pre") + r"\s*,?\s*)?"

# A line that is only a date (optionally with a weekday and a clock time).
_DATE_LINE = [re.compile(r"^\s*" + _WEEKDAY + d + _CLOCK_AFTER + r"\s*$") for d in _DATES]
# A wire dateline: place name(s) in capitals, maybe a region and an agency, then the
# date: "WASHINGTON, May 3, 2024 (Reuters) -", "PARIS (AFP), 3 May 2024 -",
# "SAN FRANCISCO--(BUSINESS WIRE)--Jan. 2, 2024--" (the dashes before the agency are
# taken by the place name's character class).
# Place names are in capitals of any script ("SÃO PAULO", "BOGOTÁ", "ZÜRICH"): these
# patterns use the ``regex`` module for its \p{Lu} and \p{L}.
_PLACE_WORDS = r"\p{Lu}[\p{Lu}.'-]+(?: \p{Lu}[\p{Lu}.'-]+)*"  # WASHINGTON, NEW YORK
_REGION = r"(?:,\s*\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*)*)?"  # , Mali / , Calif.
_AGENCY = r"\([A-Za-z&.' ]+\)"  # (AFP), (BUSINESS WIRE)
_PLACE = r"^\s*" + _PLACE_WORDS + _REGION + r"\s*(?:" + _AGENCY + r"\s*)?(?:--?|[,:(–—])?\s*"
# Without a place, the date must be followed by an agency or a dash: "May 3, 2024 (AP) -".
_AGENCY_DASH = r"\s*(?:" + _AGENCY + r"\s*)?[–—-]"
_DATELINE = [regex.compile(_PLACE + _WEEKDAY + d) for d in (_MDY, _DMY)] + [
    re.compile(r"^\s*" + _WEEKDAY + d + _AGENCY_DASH) for d in (_MDY, _DMY)
]
# The whole wire head of a lead, with or without a date: "KYIV, March 12, 2024 (Reuters) -",
# "BRASÍLIA (AP) —", "WASHINGTON —". It names where the story was filed, not a
# participant of its first event. A plain hyphen needs an agency or a date before it
# ("U.S. - China talks" is no dateline).
_HEAD_DATE = (  # the year may be left out here: "KYIV, March 12 (Reuters) -"
    r"(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+[0-3]?\d(?:\s*,?\s*\d{4})?"
    + r"|[0-3]?\d\s+(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?(?:\s*,?\s*\d{4})?"
)
_WIRE_HEAD = regex.compile(
    r"^\s*(?P<place>" + _PLACE_WORDS + r")" + _REGION
    + r"(?:\s*(?P<agency>" + _AGENCY + r"))?"
    + r"(?:\s*,?\s*" + _WEEKDAY + r"(?P<date>" + _HEAD_DATE + r")"
    + r"(?:\s*(?P<agency2>" + _AGENCY + r"))?)?"
    + r"\s*(?P<dash>--?|–|—)(?=\s)"
)
# What separates the parts of a byline: "By Jane Doe | Updated ...", "... • May 3, 2024".
_SEPARATOR = r"(?:\||•|·|–|—|--?)"


@attrs.frozen
class _BylineWords:
    """The byline vocabulary of ``resources/dateline_words.tsv``."""

    ranks: dict[str, int]  # label (lower case, single spaces) -> _PUBLISHED / _UPDATED
    labels: str  # regex alternation of the labels, longest first
    openers: str  # regex alternation of the words that open an author line ("By")
    not_places: frozenset[str]  # capitals that open a line and name no place ("NATO")


def _alternation(forms: list[str]) -> str:
    words = (r"\s+".join(map(re.escape, form.split())) for form in sorted(forms, key=len, reverse=True))
    return "(?i:" + "|".join(words) + ")"


@functools.lru_cache(maxsize=1)
def _byline_words() -> _BylineWords:
    rows = read_resource_rows("dateline_words.tsv", 2)
    roles = {"published": _PUBLISHED, "updated": _UPDATED}
    for form, role in rows:
        if role not in roles and role not in ("byline", "not_place"):
            raise ResourceError(f"resources/dateline_words.tsv: unknown role {role!r} for {form!r}")
    ranks = {" ".join(form.lower().split()): roles[role] for form, role in rows if role in roles}
    openers = [form for form, role in rows if role == "byline"]
    not_places = frozenset(form.lower() for form, role in rows if role == "not_place")
    return _BylineWords(ranks=ranks, labels=_alternation(list(ranks)), openers=_alternation(openers), not_places=not_places)


@functools.lru_cache(maxsize=1)
def _byline_patterns() -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """(labelled byline dates, author lines ending in a date), one per date form."""
    words = _byline_words()
    # The label opens the line or follows a separator ("By Jane Doe | Updated ..."), or
    # a comma if capitalized ("By Jane Doe, Published ..."): a "posted" in running text
    # ("The report, posted May 3, 2024, ...") is not a byline.
    labelled = [
        re.compile(
            r"(?:^\s*|" + _SEPARATOR + r"\s*|,\s*(?=[A-Z]))(?P<label>" + words.labels + r")(?![A-Za-z])\s*:?\s*"
            + _CLOCK_BEFORE + _WEEKDAY + d + _CLOCK_AFTER
        )
        for d in _DATES
    ]
    # "By Jane Doe | May 3, 2024": a capitalized name, a separator, then the date; a
    # comma is no separator here ("By Friday, May 3, 2024, troops had left").
    authored = [
        re.compile(
            r"^\s*" + words.openers + r"\s+[A-Z][^|•·–—\n]{0,80}?\s*" + _SEPARATOR + r"\s*"
            + _CLOCK_BEFORE + _WEEKDAY + d + _CLOCK_AFTER
        )
        for d in _DATES
    ]
    return labelled, authored


@attrs.frozen
class DatelineMatch:
    """A publication date found at the head of a text, with its character span and the
    clock time written with it (None when there is none)."""

    date: date
    start: int
    end: int
    clock: Optional[time] = None


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


def _zone(text: Optional[str]) -> Optional[tzinfo]:
    """The fixed offset of an ISO timestamp ("Z", "+02:00", "-0500"), else None."""
    if not text:
        return None
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _clock_of(match: re.Match[str]) -> Optional[time]:
    """The clock time written with the date, or None (none written, or no real time
    such as "13:00 p.m.": the date still stands)."""
    groups = match.groupdict()
    for name in ("iso", "pre", "post"):
        if not groups.get(f"{name}_hour"):
            continue
        hour = int(groups[f"{name}_hour"])
        half = groups.get(f"{name}_half")
        if half:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half[0] in "pP" else 0)
        try:
            return time(
                hour,
                int(groups[f"{name}_minute"]),
                int(groups[f"{name}_second"] or 0),
                tzinfo=_zone(groups.get(f"{name}_zone")),
            )
        except ValueError:
            return None
    return None


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


def _plain_place(place: str) -> bool:
    """Whether a place before a plain hyphen is a dateline's: capitals, no dots, not a
    known acronym (its first word either), and longer than two letters ("EU - China")."""
    not_places = _byline_words().not_places
    return "." not in place and len(place) > 2 and place.lower() not in not_places and place.split()[0].lower() not in not_places


def wire_head(text: str) -> Optional[tuple[int, int]]:
    """Character bounds of the wire head that opens the lead ("KYIV, March 12, 2024
    (Reuters) -", "BRASÍLIA (AP) —", "WASHINGTON —"), on one of the first lines, else
    None. A plain hyphen counts after an agency or a date, or after a place in capitals
    without dots that is no known acronym ("BERLIN - Train drivers ...", not "U.S. -
    China talks" or "NATO - Russia talks"; ``resources/dateline_words.tsv``)."""
    if not isinstance(text, str):
        return None
    for offset, line in _head_lines(text):
        found = _WIRE_HEAD.match(line[:_MAX_LINE_CHARS])
        if found is None:
            continue
        if found["dash"] in ("-", "--") and not (found["agency"] or found["date"] or found["agency2"]):
            following = line[found.end() :].split()[:1]
            # "EDGAR HERNANDEZ - FIRST CONFIRMED CASE": a caption in capitals, no dateline
            if not _plain_place(found["place"]) or (following and following[0].isupper() and len(following[0]) > 1):
                continue
        start = offset + len(line) - len(line.lstrip())
        return start, offset + found.end()
    return None


def _line_matches(line: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(rank, match) of every candidate date on one head line."""
    # A long line is running text, where dates are content.
    head = line[:_MAX_LINE_CHARS]
    labelled, authored = _byline_patterns()
    for pattern in (*_DATE_LINE, *_DATELINE, *authored):
        found = pattern.search(head)
        if found is not None:
            yield _PUBLISHED, found
    ranks = _byline_words().ranks
    for pattern in labelled:
        for found in pattern.finditer(head):
            yield ranks.get(" ".join(found["label"].lower().split()), _PUBLISHED), found


def find_dateline(text: str) -> Optional[DatelineMatch]:
    """The publication date at the head of ``text`` and where it is, or None."""
    if not isinstance(text, str):
        return None
    best: Optional[tuple[tuple[int, int], DatelineMatch]] = None
    for offset, line in _head_lines(text):
        for rank, found in _line_matches(line):
            value = _date_of(found)
            if value is None:
                continue
            key = (rank, offset + found.start())
            if best is None or key < best[0]:
                match = DatelineMatch(value, offset + found.start(), offset + found.end(), _clock_of(found))
                best = (key, match)
    return best[1] if best is not None else None


def infer_published(text: str) -> Optional[Union[date, datetime]]:
    """Publication date from a dateline or byline at the start of ``text``, else None: a
    ``datetime`` when a clock time is written with the date."""
    found = find_dateline(text)
    if found is None:
        return None
    if found.clock is None:
        return found.date
    return datetime.combine(found.date, found.clock)


# Memoized: the event stage and the entity stage each ask for the same text's bounds.
@functools.lru_cache(maxsize=8)
def dateline_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Character bounds of the text's dateline and of the wire head that opens its lead
    ("KYIV, March 12, 2024 (Reuters) -", "BRASÍLIA (AP) —"): a date there dates the
    article, not an event, and a place there is where the story was filed, not part of
    the first event's summary."""
    bounds = []
    dateline = find_dateline(text)
    if dateline is not None:
        bounds.append((dateline.start, dateline.end))
    head = wire_head(text)
    if head is not None:
        bounds.append(head)
    return tuple(bounds)


__all__ = [
    "DatelineMatch", "dateline_bounds", "find_dateline", "infer_published", "wire_head"
]
