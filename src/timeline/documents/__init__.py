"""Stage 1, documents in: the :class:`Document` record and the checks on what callers pass.

Anything that is not usable text or a real date is refused here with an error that
names the field and the value, so later stages can trust their input.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timezone
from types import MappingProxyType
from typing import Any, Optional, Union

import attrs

from ..errors import DocumentTypeError, InvalidDateError, InvalidDocumentError

# Longer texts are refused rather than silently truncated; a news article is far below.
# Long texts are parsed in blocks (timeline.nlp.LONG_TEXT_CHARS), so memory grows with
# the text's length only through the joined parse and the results (about 0.4 GB per
# 1,000,000 characters, docs/benchmarks.md): this limit keeps one text within a few GB.
MAX_TEXT_CHARS = 10_000_000

# Half of a UTF-16 pair without its other half (from a bad decode): no text can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

DateLike = Union[date, datetime, str, None]

_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


# The last year a publication date may fall in: every period around it ("tomorrow",
# "next week") must end inside the calendar Python holds (up to 9999-12-31).
LAST_PUBLISHED_YEAR = 9998


def parse_published(value: DateLike, *, field: str = "published") -> Optional[Union[date, datetime]]:
    """Return a date/datetime from a date, a datetime or a string (``None`` stays None).

    A string is ISO 8601 (read exactly as before), an RFC 2822 date as feeds and HTTP
    headers give it ("Fri, 03 May 2024 14:00:00 GMT"), or a written date with day,
    month and year ("May 3, 2024", "3 May 2024", "2024/05/03", "Sept. 18, 2023 10:15
    am EDT") read by dateparser; a date without a clock time is a ``date``, and an
    offset or zone given in the string is kept as a fixed offset.

    Raises :class:`InvalidDateError` naming ``field`` and the value for anything else:
    relative expressions ("yesterday"), dates missing their day, month or year ("May
    2024"), all-numeric dates whose day and month could be swapped ("03/05/2024") or
    whose year has two digits, a weekday that is not the date's, impossible calendar
    dates such as ``2023-02-30`` and years after 9998."""
    parsed = _parse_published(value, field)
    if parsed is not None and parsed.year > LAST_PUBLISHED_YEAR:
        raise InvalidDateError(f"{field} must be in year {LAST_PUBLISHED_YEAR} or earlier, got {value!r}")
    return parsed


def _parse_published(value: DateLike, field: str) -> Optional[Union[date, datetime]]:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE.match(text):
            return _parse_written_date(text, value, field)
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as err:
            raise InvalidDateError(f"{field} is not a real calendar date: {value!r} ({err})") from None
    raise InvalidDateError(
        f"{field} must be a date, a datetime, an ISO 8601 string or None, "
        f"got {type(value).__name__} {value!r}"
    )


# Written dates (not ISO 8601): RFC 2822 through the standard library, the rest through
# dateparser. A date string is short; a longer one is refused before any parsing.
MAX_WRITTEN_DATE_CHARS = 100

_READABLE_FORMS = (
    "an ISO 8601 date such as '2024-05-03' or '2024-05-03T14:00', or a real calendar date "
    "written with day, month and four-digit year such as 'May 3, 2024' or 'Fri, 03 May 2024 14:00:00 GMT'"
)

# RFC 2822 (feeds, HTTP headers): [weekday,] day month-abbreviation year hh:mm[:ss] [zone].
_RFC_2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?$"
)

# Three numbers and no month name: "03/05/2024", "3.5.24", "2024/05/03".
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?!\d)")

# A clock time in the string: then the result is a datetime, even at midnight.
_CLOCK_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?\s?m\b|\bnoon\b|\bmidnight\b", re.IGNORECASE)

_WORD = re.compile(r"[A-Za-z]+\.?")

# Day, month name and year joined by dashes ("07-Mar-2024", "Mar-07-2024"): read with
# spaces instead, because dateparser takes the "1200" of "07-Mar-1200" for a clock time
# and then finds no year.
_DASHED_NAMED_MONTH = re.compile(r"^(\d{1,2})-([A-Za-z]{3,9}\.?)-(\d{4})$|^([A-Za-z]{3,9}\.?)-(\d{1,2})-(\d{4})$")

# dateparser's settings, fixed for every call (read only; each call gets its own copy
# with the day/month order, so no setting is shared or changed between calls: see
# STYLE.md on dateparser's process-wide defaults). Only absolute dates ("absolute-time":
# no "yesterday"); STRICT_PARSING with REQUIRE_PARTS refuses a missing day, month or
# year instead of filling it from today, so PREFER_DATES_FROM and the PREFER_DAY_OF_MONTH
# family never apply. TIMEZONE "local" means "no conversion": a zone in the string is
# kept (any other value converts into it); RETURN_AS_TIMEZONE_AWARE is left at its
# default (dateparser takes no explicit value for it), under which a string without a
# zone gives a naive datetime and one with a zone an aware one.
_DATEPARSER_SETTINGS: Mapping[str, Any] = MappingProxyType(
    {
        "PARSERS": ("absolute-time",),
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ("day", "month", "year"),
        "TIMEZONE": "local",
    }
)
_DATEPARSER_LANGUAGES = ("en",)


def _parse_written_date(text: str, value: str, field: str) -> Union[date, datetime]:
    """A date written as feeds, headers, pages and tables give it; refused with a reason."""
    if not text or len(text) > MAX_WRITTEN_DATE_CHARS or not any(c.isdigit() for c in text):
        raise InvalidDateError(_unreadable(text, value, field))
    if _RFC_2822.match(text):
        try:
            rfc_parsed = email.utils.parsedate_to_datetime(text)
        except (ValueError, TypeError, IndexError) as err:
            raise InvalidDateError(f"{field} is not a real calendar date: {value!r} ({err})") from None
        return _check_weekday(rfc_parsed, text, value, field)
    dashed = _DASHED_NAMED_MONTH.match(text)
    if dashed:
        text = " ".join(part for part in dashed.groups() if part)
    order = _numeric_order(text, value, field)
    parsed = _dateparser_parse(text, order)
    if parsed is None:
        raise InvalidDateError(_unreadable(text, value, field))
    if f"{parsed.year:04d}" not in text:
        # dateparser guesses the century of "May 3, 24"; a publication date says it
        raise InvalidDateError(
            f"{field} has a two-digit year: {value!r}; write the year with four digits, e.g. 'May 3, 2024'"
        )
    offset = parsed.utcoffset()
    if offset is not None:
        # dateparser gives pytz zones; a fixed offset is what the string said
        parsed = parsed.replace(tzinfo=timezone(offset))
    elif not _CLOCK_TIME.search(text) and parsed.time() == time():
        return _check_weekday(parsed, text, value, field).date()
    return _check_weekday(parsed, text, value, field)


def _numeric_order(text: str, value: str, field: str) -> str:
    """dateparser's DATE_ORDER for a string; all-numeric dates must say which is the day."""
    numeric = _NUMERIC_DATE.search(text)
    if numeric is None:
        return "MDY"  # months are named: the order of the numbers tells nothing more
    first, _, second, last = numeric.groups()
    if len(first) == 4:
        return "YMD"
    if len(last) != 4:
        raise InvalidDateError(
            f"{field} is an all-numeric date with a two-digit year, which could be read in several "
            f"orders: {value!r}; write it in ISO 8601 (year-month-day), e.g. '2024-05-03'"
        )
    day_first, month_first = int(first), int(second)
    if day_first <= 12 and month_first <= 12 and day_first != month_first:
        as_day_first = date(int(last), month_first, day_first) if _is_real(int(last), month_first, day_first) else None
        as_month_first = date(int(last), day_first, month_first) if _is_real(int(last), day_first, month_first) else None
        readings = " or ".join(
            f"{reading:%B} {reading.day}, {reading.year} ({which} first)"
            for reading, which in ((as_day_first, "day"), (as_month_first, "month"))
            if reading is not None
        )
        raise InvalidDateError(
            f"{field} is an all-numeric date whose day and month could be swapped: {value!r} reads as "
            f"{readings}; write it in ISO 8601 (year-month-day), e.g. '2024-05-03'"
        )
    return "DMY" if day_first > 12 else "MDY"


def _is_real(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _dateparser_parse(text: str, order: str) -> Optional[datetime]:
    # imported here: dateparser takes a while to import, and only non-ISO strings need it
    import dateparser

    settings = {**_DATEPARSER_SETTINGS, "DATE_ORDER": order}
    settings["PARSERS"] = list(settings["PARSERS"])
    settings["REQUIRE_PARTS"] = list(settings["REQUIRE_PARTS"])
    parsed: Optional[datetime] = dateparser.parse(text, languages=list(_DATEPARSER_LANGUAGES), settings=settings)
    return parsed


def _check_weekday(parsed: datetime, text: str, value: str, field: str) -> datetime:
    """Refuse a weekday name that is not the date's ("Tuesday, May 3, 2024": a Friday)."""
    from ..lexicon import lexicons  # the weekday names are language data; loaded only here

    weekdays = lexicons()["weekday"]
    for word in _WORD.findall(text):
        row = weekdays.lookup(word) or weekdays.lookup(word.rstrip(".") + ".") or weekdays.lookup(word.rstrip("."))
        if row is not None and int(row[0]) != parsed.isoweekday():
            raise InvalidDateError(
                f"{field} names the weekday {word.rstrip('.')!r} but {parsed:%B} {parsed.day}, {parsed.year} "
                f"is a {parsed:%A}: {value!r}"
            )
    return parsed


def _unreadable(text: str, value: str, field: str) -> str:
    """The message for a string no reader took: relative, partial or not a date."""
    if text and len(text) <= MAX_WRITTEN_DATE_CHARS:
        import dateparser

        # read again, only to say why: a fixed base date, so nothing depends on today
        reading = {"RELATIVE_BASE": datetime(2000, 1, 1)}
        relative = dateparser.parse(text, languages=["en"], settings={**reading, "PARSERS": ["relative-time"]})
        if relative is not None:
            return (
                f"{field} is a relative date with no fixed day: {value!r}; give the date itself, "
                "e.g. '2024-05-03' or 'May 3, 2024'"
            )
        partial = dateparser.parse(text, languages=["en"], settings={**reading, "PARSERS": ["absolute-time"]})
        if partial is not None:
            return (
                f"{field} lacks its day, month or year: {value!r}; a publication date needs all three, "
                "e.g. '2024-05-03' or 'May 3, 2024'"
            )
    return f"{field} must be {_READABLE_FORMS}, got {value!r}"


def check_text(value: Any, *, field: str = "text") -> str:
    """Return ``value`` if it is usable text, else raise an error that says why."""
    if isinstance(value, (bytes, bytearray)):
        raise DocumentTypeError(f"{field} must be str, got bytes: decode it first (e.g. data.decode('utf-8'))")
    if not isinstance(value, str):
        raise DocumentTypeError(f"{field} must be str, got {type(value).__name__}")
    surrogate = _LONE_SURROGATE.search(value)
    if surrogate is not None:
        raise InvalidDocumentError(
            f"{field} is not valid Unicode: lone surrogate {surrogate.group()!r} at character {surrogate.start()} "
            "(decode the source with errors='replace', or fix its encoding)"
        )
    if len(value) > MAX_TEXT_CHARS:
        raise InvalidDocumentError(
            f"{field} has {len(value):,} characters, more than the limit of {MAX_TEXT_CHARS:,}; split it"
        )
    return value


def stable_id(text: str) -> str:
    """A short id derived from the text only, so the same article always gets the same id."""
    return "doc-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _convert_published(value: DateLike) -> Optional[Union[date, datetime]]:
    return parse_published(value)


@attrs.frozen
class Document:
    """A news article: its text, an id (given or derived from the text), its
    publication date when known, and an optional title."""

    text: str = attrs.field(converter=check_text)
    id: str = attrs.field(default="")
    published: Optional[Union[date, datetime]] = attrs.field(default=None, converter=_convert_published)
    title: Optional[str] = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str):
            raise InvalidDocumentError(f"id must be str, got {type(self.id).__name__} {self.id!r}")
        if not self.id:
            object.__setattr__(self, "id", stable_id(self.text))
        if self.title is not None and not isinstance(self.title, str):
            raise InvalidDocumentError(f"title must be str or None, got {type(self.title).__name__}")

    @property
    def published_date(self) -> Optional[date]:
        """The publication day, whatever the precision given."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


def as_document(item: Any, *, published: DateLike = None, position: Optional[int] = None) -> Document:
    """Coerce a ``Document``, ``str`` or mapping with ``text`` into a :class:`Document`.

    ``published`` fills in a missing publication date. ``position`` names the item in
    error messages when it comes from a collection."""
    where = f"document #{position}" if position is not None else "document"
    try:
        if isinstance(item, (bytes, bytearray)):
            check_text(item)  # raises, saying to decode the bytes first
        if isinstance(item, Document):
            if published is not None and item.published is None:
                return attrs.evolve(item, published=published)
            return item
        if isinstance(item, str):
            return Document(text=item, published=published)
        if isinstance(item, Mapping):
            unknown = set(item) - {"text", "id", "published", "title"}
            if unknown:
                raise InvalidDocumentError(f"unknown keys {sorted(unknown)}; expected text, id, published, title")
            if "text" not in item:
                raise InvalidDocumentError("mapping has no 'text' key")
            return Document(
                text=item["text"],
                # a missing, null or empty id gets the id derived from the text; any
                # other value is checked (0 was silently replaced by that id)
                id=item["id"] if item.get("id") is not None else "",
                published=item.get("published") if item.get("published") is not None else published,
                title=item.get("title"),
            )
    except (InvalidDocumentError, InvalidDateError, DocumentTypeError) as err:
        doc_name = item.get("id") if isinstance(item, Mapping) and item.get("id") else None
        label = f"{where} ({doc_name!r})" if doc_name else where
        raise type(err)(f"{label}: {err}") from None
    raise DocumentTypeError(
        f"{where} must be a timeline.Document, a str or a mapping with 'text', got {type(item).__name__}"
    )


def as_documents(items: Iterable[Any]) -> list[Document]:
    """Coerce an iterable of documents, refusing duplicate ids."""
    if isinstance(items, (str, bytes, Document, Mapping)):
        raise DocumentTypeError(
            f"docs must be an iterable of documents, got a single {type(items).__name__}; wrap it in a list"
        )
    documents: list[Document] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(items):
        document = as_document(item, position=position)
        if document.id in seen:
            first = seen[document.id]
            if document.id == stable_id(document.text) and documents[first].text == document.text:
                raise InvalidDocumentError(
                    f"document #{position}: same text as document #{first} and no id of its own "
                    f"(both get the id {document.id!r} derived from the text); drop the copy or give each an id"
                )
            raise InvalidDocumentError(
                f"document #{position}: duplicate id {document.id!r} (also document #{first})"
            )
        seen[document.id] = position
        documents.append(document)
    return documents


__all__ = [
    "DateLike", "Document", "LAST_PUBLISHED_YEAR", "MAX_TEXT_CHARS", "MAX_WRITTEN_DATE_CHARS", "as_document",
    "as_documents", "check_text", "parse_published", "stable_id"
]
