"""Stage 1, documents in: the :class:`Document` record and the checks on what callers pass.

Anything that is not usable text or a real date is refused here with an error that
names the field and the value, so later stages can trust their input.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, Optional, Union

import attrs

from .errors import DocumentTypeError, InvalidDateError, InvalidDocumentError

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
    """Return a date/datetime from a date, datetime or ISO 8601 string (``None`` stays None).

    Raises :class:`InvalidDateError` naming ``field`` for anything else, including
    impossible calendar dates such as ``2023-02-30`` and years after 9998."""
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
            raise InvalidDateError(
                f"{field} must be an ISO 8601 date such as '2024-05-03' or "
                f"'2024-05-03T14:00', got {value!r}"
            )
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
