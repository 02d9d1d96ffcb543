"""Stage 6: outputs. A timeline as a dict/JSON (the versioned form described by
``docs/schema.json``, with an exact round trip), a plain-text table, TimelineJS3 JSON;
and a document with its temporal expressions as TimeML. A single TimeMention has a
plain-data form too (:func:`time_mention_to_dict`), which the spaCy component keeps in
the Doc.
"""

from __future__ import annotations

import html
import json
import re
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, Optional, Union

from ..documents import Document, parse_published
from ..errors import DocumentTypeError, InvalidOptionError, InvalidDateError, InvalidDocumentError
from ..model import (
    DATED_BY,
    PUBLISHED_FROM,
    ROLES,
    Anchor,
    Conflict,
    Entity,
    Event,
    Granularity,
    Interval,
    Mention,
    Participant,
    PublicationDate,
    Timeline,
    TimeMention,
    TimeValue,
    register_format,
)

FORMAT_VERSION = 1
"""Version of the dict/JSON form; bumped on any incompatible change."""

FORMAT_NAME = "news-timeline"

# ----------------------------------------------------------------------------- dict form


def _span(span: Optional[tuple[int, int]]) -> Optional[list[int]]:
    return None if span is None else [span[0], span[1]]


def time_value_to_dict(when: TimeValue) -> dict[str, Any]:
    """A TimeValue as plain data (ISO datetimes, lowercase granularity label). A set's
    ``freq`` and ``quant`` are written only when it has them: they came within format
    version 1, so a value without them reads and validates as before."""
    data: dict[str, Any] = {
        "value": when.value,
        "type": when.type,
        "granularity": when.granularity.label if when.granularity is not None else None,
        "interval": None
        if when.interval is None
        else {"start": when.interval.start.isoformat(), "end": when.interval.end.isoformat()},
        "mod": when.mod,
    }
    if when.freq is not None:
        data["freq"] = when.freq
    if when.quant is not None:
        data["quant"] = when.quant
    return data


def time_mention_to_dict(mention: TimeMention) -> dict[str, Any]:
    """A TimeMention as plain data: str, int, bool and None values and the dicts of
    :func:`time_value_to_dict` for ``when`` and ``range`` (None when it has none), so
    JSON and msgpack write it as it is. ``anchor`` is the Anchor's string value."""
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "when": time_value_to_dict(mention.when),
        "anchor": mention.anchor.value,
        "resolved": mention.resolved,
        "rule": mention.rule,
        "anchor_value": mention.anchor_value,
        "sentence_index": mention.sentence_index,
        "range": None if mention.range is None else time_value_to_dict(mention.range),
    }


def participant_to_dict(participant: Participant) -> dict[str, Any]:
    """A Participant as plain data."""
    return {
        "name": participant.name,
        "role": participant.role,
        "entity_id": participant.entity_id,
        "span": _span(participant.span),
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """An Entity record as plain data (its counts are not stored: they follow from the events)."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "keys": list(entity.keys),
        "members": list(entity.members),
    }


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """A Mention as plain data (spans as two-element lists); ``planned`` only when
    true, ``roles`` only when there are some."""
    data: dict[str, Any] = {
        "doc_id": mention.doc_id,
        "sentence": mention.sentence,
        "trigger_span": _span(mention.trigger_span),
        "event_span": _span(mention.event_span),
        "time_span": _span(mention.time_span),
        "time_text": mention.time_text,
        "trigger_text": mention.trigger_text,
        "sentence_span": _span(mention.sentence_span),
        "time_value": mention.time_value,
        "dated_by": mention.dated_by,
    }
    if mention.planned:
        data["planned"] = True
    if mention.roles:
        data["roles"] = [participant_to_dict(p) for p in mention.roles]
    return data


def event_to_dict(event: Event) -> dict[str, Any]:
    """An Event as plain data."""
    return {
        "id": event.id,
        "when": time_value_to_dict(event.when),
        "summary": event.summary,
        "trigger": event.trigger,
        "participants": list(event.participants),
        "mentions": [mention_to_dict(m) for m in event.mentions],
        "conflicts": [{"value": c.value, "doc_ids": list(c.doc_ids)} for c in event.conflicts],
        "negated": event.negated,
        "planned": event.planned,
        "hypothetical": event.hypothetical,
    }


def publication_date_to_dict(item: PublicationDate) -> dict[str, Any]:
    """A PublicationDate as plain data: ``published`` as an ISO date or datetime (null
    when none was found) and ``source`` (given, dateline or none)."""
    return {
        "doc_id": item.doc_id,
        "published": None if item.published is None else item.published.isoformat(),
        "source": item.source,
    }


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The versioned plain-data form of a timeline (see ``docs/schema.json``).
    ``publication_dates`` is written only when the timeline has them (it came within
    format version 1, so older readers and files keep working)."""
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"expected a timeline.Timeline, got {type(timeline).__name__}")
    data: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "documents": list(timeline.documents),
    }
    if timeline.publication_dates:
        data["publication_dates"] = [publication_date_to_dict(d) for d in timeline.publication_dates]
    data["events"] = [event_to_dict(e) for e in timeline.events]
    if timeline.entity_table:
        data["entities"] = [entity_to_dict(e) for e in timeline.entity_table]
    return data


def timeline_to_json(timeline: Timeline, **json_kwargs: Any) -> str:
    """``timeline_to_dict`` as JSON; keyword arguments go to :func:`json.dumps`."""
    return json.dumps(timeline_to_dict(timeline), **json_kwargs)


# The dict form nests six levels deep (timeline, events, event, mentions, mention,
# span); deeper input is refused before it is read, so that neither reading nor an
# error message recurses without bound (hostile JSON once gave a RecursionError).
MAX_NESTING = 16
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60


def _shown(value: Any) -> str:
    """``value`` for an error message: a short repr, whatever its size or depth."""
    return _SHOWN.repr(value)


def _check_nesting(data: Any, where: str) -> None:
    """Refuse input nested deeper than :data:`MAX_NESTING` lists and objects (walked
    without recursion), naming the path where it gets too deep."""
    pending: list[tuple[Any, str, int]] = [(data, where, 0)]
    while pending:
        value, path, depth = pending.pop()
        if isinstance(value, Mapping):
            items: Iterable[tuple[str, Any]] = ((f"{path}.{key if isinstance(key, str) else _shown(key)}", item) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            items = ((f"{path}[{index}]", item) for index, item in enumerate(value))
        else:
            continue
        if depth >= MAX_NESTING:
            raise InvalidDocumentError(f"{path} is nested more than {MAX_NESTING} levels deep")
        pending.extend((item, item_path, depth + 1) for item_path, item in items)


def _field(data: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise InvalidDocumentError(f"{where} must be an object, got {type(data).__name__}")
    if key not in data:
        raise InvalidDocumentError(f"{where} has no {key!r}")
    return data[key]


def _read_span(value: Any, where: str) -> Optional[tuple[int, int]]:
    if value is None:
        return None
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value)):
        raise InvalidDocumentError(f"{where} must be [start, end] integers, got {_shown(value)}")
    if not 0 <= value[0] <= value[1]:  # [5, 2] and [-5, 2] were read as they were
        raise InvalidDocumentError(f"{where} must be [start, end] with 0 <= start <= end, got {_shown(value)}")
    return (value[0], value[1])


def _read_datetime(value: Any, where: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidDateError(f"{where} must be an ISO 8601 datetime, got {_shown(value)}") from None


def time_value_from_dict(data: Mapping[str, Any], where: str = "when") -> TimeValue:
    """The inverse of :func:`time_value_to_dict`."""
    label = _typed(_field(data, "granularity", where), str, f"{where}.granularity", optional=True)
    try:
        granularity = None if label is None else Granularity[label.upper()]
    except KeyError:
        raise InvalidDocumentError(f"{where}.granularity: unknown granularity {_shown(label)}") from None
    raw = _field(data, "interval", where)
    interval = None
    if raw is not None:
        start = _read_datetime(_field(raw, "start", f"{where}.interval"), f"{where}.interval.start")
        end = _read_datetime(_field(raw, "end", f"{where}.interval"), f"{where}.interval.end")
        try:
            interval = Interval(start, end)
        except (TypeError, ValueError) as err:
            raise InvalidDocumentError(f"{where}.interval: {err}") from None
    value = _typed(_field(data, "value", where), str, f"{where}.value")
    type_ = _typed(_field(data, "type", where), str, f"{where}.type")
    mod, freq, quant = (_typed(data.get(key), str, f"{where}.{key}", optional=True) for key in ("mod", "freq", "quant"))
    try:
        return TimeValue(value=value, type=type_, granularity=granularity, interval=interval, mod=mod, freq=freq, quant=quant)
    except ValueError as err:
        raise InvalidDocumentError(f"{where}: {err}") from None


def _typed(value: Any, kind: type, where: str, *, optional: bool = False) -> Any:
    """``value`` when it is a ``kind`` (a bool is no int), or None when ``optional``."""
    if (value is None and optional) or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    expected = f"{kind.__name__} or null" if optional else kind.__name__
    raise InvalidDocumentError(f"{where} must be {expected}, got {_shown(value)}")


def _list(value: Any, where: str) -> list[Any]:
    """``value`` when it is a list (a string or an object is no list of items)."""
    if not isinstance(value, list):
        raise InvalidDocumentError(f"{where} must be a list, got {_shown(value)}")
    return value


def _strings(value: Any, where: str) -> tuple[str, ...]:
    """A list of strings as a tuple ("abc" is refused, not split into letters)."""
    return tuple(_typed(item, str, f"{where}[{index}]") for index, item in enumerate(_list(value, where)))


def time_mention_from_dict(data: Mapping[str, Any], where: str = "time mention") -> TimeMention:
    """The inverse of :func:`time_mention_to_dict`: ``text``, ``start``, ``end`` and
    ``when`` are required, the others default as in :class:`TimeMention`."""
    _check_nesting(data, where)
    text = _typed(_field(data, "text", where), str, f"{where}.text")  # checks data is a mapping
    raw_anchor = data.get("anchor", Anchor.ABSOLUTE.value)
    try:
        anchor = Anchor(_typed(raw_anchor, str, f"{where}.anchor"))
    except ValueError:
        raise InvalidDocumentError(
            f"{where}.anchor must be one of {tuple(a.value for a in Anchor)}, got {_shown(raw_anchor)}"
        ) from None
    raw_range = data.get("range")
    return TimeMention(
        text=text,
        start=_typed(_field(data, "start", where), int, f"{where}.start"),
        end=_typed(_field(data, "end", where), int, f"{where}.end"),
        when=time_value_from_dict(_field(data, "when", where), f"{where}.when"),
        anchor=anchor,
        resolved=_flag(data.get("resolved", True), f"{where}.resolved"),
        rule=_typed(data.get("rule", ""), str, f"{where}.rule"),
        anchor_value=_typed(data.get("anchor_value"), str, f"{where}.anchor_value", optional=True),
        sentence_index=_typed(data.get("sentence_index"), int, f"{where}.sentence_index", optional=True),
        range=None if raw_range is None else time_value_from_dict(raw_range, f"{where}.range"),
    )


def _dated_by(value: Any, where: str) -> str:
    if not isinstance(value, str) or value not in DATED_BY:
        raise InvalidDocumentError(f"{where}.dated_by must be one of {DATED_BY}, got {_shown(value)}")
    return str(value)


def participant_from_dict(data: Mapping[str, Any], where: str = "participant") -> Participant:
    """The inverse of :func:`participant_to_dict`."""
    role = _field(data, "role", where)
    if role not in ROLES:
        raise InvalidDocumentError(f"{where}.role must be one of {ROLES}, got {role!r}")
    return Participant(
        name=_typed(_field(data, "name", where), str, f"{where}.name"),
        role=role,
        entity_id=_typed(data.get("entity_id"), str, f"{where}.entity_id", optional=True),
        span=_read_span(data.get("span"), f"{where}.span"),
    )


def entity_from_dict(data: Mapping[str, Any], where: str = "entity") -> Entity:
    """The inverse of :func:`entity_to_dict`."""
    return Entity(
        id=_typed(_field(data, "id", where), str, f"{where}.id"),
        name=_typed(_field(data, "name", where), str, f"{where}.name"),
        type=_typed(_field(data, "type", where), str, f"{where}.type"),
        aliases=_strings(data.get("aliases", []), f"{where}.aliases"),
        keys=_strings(data.get("keys", []), f"{where}.keys"),
        members=_strings(data.get("members", []), f"{where}.members"),
    )


def mention_from_dict(data: Mapping[str, Any], where: str = "mention") -> Mention:
    """The inverse of :func:`mention_to_dict`."""
    trigger_span = _read_span(_field(data, "trigger_span", where), f"{where}.trigger_span")
    event_span = _read_span(_field(data, "event_span", where), f"{where}.event_span")
    if trigger_span is None or event_span is None:
        raise InvalidDocumentError(f"{where}: trigger_span and event_span are required")
    return Mention(
        doc_id=_typed(_field(data, "doc_id", where), str, f"{where}.doc_id"),
        sentence=_typed(_field(data, "sentence", where), str, f"{where}.sentence"),
        trigger_span=trigger_span,
        event_span=event_span,
        time_span=_read_span(data.get("time_span"), f"{where}.time_span"),
        time_text=_typed(data.get("time_text"), str, f"{where}.time_text", optional=True),
        trigger_text=_typed(data.get("trigger_text", ""), str, f"{where}.trigger_text"),
        sentence_span=_read_span(data.get("sentence_span"), f"{where}.sentence_span"),
        time_value=_typed(data.get("time_value"), str, f"{where}.time_value", optional=True),
        dated_by=_dated_by(data.get("dated_by", "time"), where),
        planned=_flag(data.get("planned", False), f"{where}.planned"),
        roles=tuple(participant_from_dict(p, f"{where}.roles[{i}]") for i, p in enumerate(data.get("roles", ()))),
    )


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidDocumentError(f"{where}: expected true or false, got {_shown(value)}")
    return value


def event_from_dict(data: Mapping[str, Any], where: str = "event") -> Event:
    """The inverse of :func:`event_to_dict`."""
    return Event(
        when=time_value_from_dict(_field(data, "when", where), f"{where}.when"),
        summary=_typed(_field(data, "summary", where), str, f"{where}.summary"),
        trigger=_typed(_field(data, "trigger", where), str, f"{where}.trigger"),
        participants=_strings(data.get("participants", []), f"{where}.participants"),
        mentions=tuple(
            mention_from_dict(m, f"{where}.mentions[{i}]") for i, m in enumerate(_list(data.get("mentions", []), f"{where}.mentions"))
        ),
        conflicts=tuple(
            Conflict(
                value=_typed(_field(c, "value", f"{where}.conflicts[{i}]"), str, f"{where}.conflicts[{i}].value"),
                doc_ids=_strings(_field(c, "doc_ids", f"{where}.conflicts[{i}]"), f"{where}.conflicts[{i}].doc_ids"),
            )
            for i, c in enumerate(_list(data.get("conflicts", []), f"{where}.conflicts"))
        ),
        negated=_flag(data.get("negated", False), f"{where}.negated"),
        planned=_flag(data.get("planned", False), f"{where}.planned"),
        hypothetical=_flag(data.get("hypothetical", False), f"{where}.hypothetical"),
        id=_typed(data.get("id", ""), str, f"{where}.id"),
    )


def timeline_from_dict(data: Mapping[str, Any]) -> Timeline:
    """Read the plain-data form back: ``timeline_from_dict(timeline_to_dict(t)) == t``.

    Raises :class:`~timeline.errors.InvalidDocumentError` naming the first bad field
    (and :class:`~timeline.errors.InvalidDateError` for unreadable datetimes)."""
    version = _field(data, "version", "timeline")
    if type(version) is not int or version != FORMAT_VERSION:
        raise InvalidDocumentError(f"timeline: unsupported format version {_shown(version)} (this library reads {FORMAT_VERSION})")
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:  # another tool's JSON with a "version" 1 was read as ours
        raise InvalidDocumentError(f"timeline.format must be {FORMAT_NAME!r}, got {_shown(data['format'])}")
    _check_nesting(data, "timeline")
    events = _field(data, "events", "timeline")
    if not isinstance(events, list):
        raise InvalidDocumentError(f"timeline.events must be a list, got {type(events).__name__}")
    documents = _strings(data.get("documents", []), "timeline.documents")
    if len(set(documents)) != len(documents):  # build_timeline refuses a duplicate id; so does reading
        twice = next(doc_id for index, doc_id in enumerate(documents) if doc_id in documents[:index])
        raise InvalidDocumentError(f"timeline.documents names {_shown(twice)} twice")
    return Timeline(
        events=tuple(event_from_dict(e, f"events[{i}]") for i, e in enumerate(events)),
        documents=documents,
        publication_dates=publication_dates_from_dict(data.get("publication_dates", [])),
        entity_table=tuple(entity_from_dict(e, f"entities[{i}]") for i, e in enumerate(_list(data.get("entities", []), "timeline.entities"))),
    )


def timeline_from_json(text: str) -> Timeline:
    """Read :func:`timeline_to_json`'s text back (:func:`timeline_from_dict` on
    ``json.loads(text)``); JSON that does not parse, or nests too deep for the
    standard library's parser (it raises RecursionError), is an InvalidDocumentError."""
    if not isinstance(text, str):
        raise DocumentTypeError(f"text must be the JSON as str, got {type(text).__name__}; decode it first")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidDocumentError(f"timeline: not JSON ({err})") from None
    except RecursionError:
        raise InvalidDocumentError(f"timeline: JSON nested more than {MAX_NESTING} levels deep") from None
    return timeline_from_dict(data)


def publication_dates_from_dict(items: Any, where: str = "timeline.publication_dates") -> tuple[PublicationDate, ...]:
    """The inverse of :func:`publication_date_to_dict` for the whole list (absent in
    files written before it existed: then empty)."""
    if not isinstance(items, list):
        raise InvalidDocumentError(f"{where} must be a list, got {type(items).__name__}")
    dates = []
    for i, item in enumerate(items):
        here = f"{where}[{i}]"
        source = _field(item, "source", here)
        if source not in PUBLISHED_FROM:
            raise InvalidDocumentError(f"{here}.source must be one of {PUBLISHED_FROM}, got {source!r}")
        raw = _field(item, "published", here)
        published = None if raw is None else parse_published(_typed(raw, str, f"{here}.published"), field=f"{here}.published")
        try:
            dates.append(
                PublicationDate(doc_id=_typed(_field(item, "doc_id", here), str, f"{here}.doc_id"), published=published, source=source)
            )
        except ValueError as err:
            raise InvalidDocumentError(f"{here}: {err}") from None
    return tuple(dates)


# ----------------------------------------------------------------------------- table


def flags(event: Event) -> list[str]:
    """The event's flags as labels, in a fixed order."""
    names = ("negated", "planned", "hypothetical")
    return [name for name in names if getattr(event, name)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def table_rows(timeline: Timeline) -> list[tuple[str, str, str]]:
    """``(date, event, sources)`` cells of each event, in timeline order; a row identical
    to the one above is shown once (two events of one clause with one summary and one
    date, :func:`timeline.events.date_twins`: a reader would see a duplicate)."""
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    rows: list[tuple[str, str, str]] = []
    for event in timeline.events:
        date_cell = event.when.value + (f" ({event.when.mod})" if event.when.mod else "")
        event_cell = _one_line(event.summary) + "".join(f" [{flag}]" for flag in flags(event))
        sources = ", ".join(event.doc_ids) or "-"
        for conflict in event.conflicts:
            sources += f"; conflict: {conflict.value} ({', '.join(conflict.doc_ids) or '-'})"
        row = (date_cell, event_cell, sources)
        if not rows or rows[-1] != row:
            rows.append(row)
    return rows


def render_table(timeline: Timeline) -> str:
    """A readable ``date | event | sources`` table; conflicting dates are noted in the
    sources column as ``conflict: VALUE (doc ids)``."""
    header = ("date", "event", "sources")
    rows = table_rows(timeline)
    if not rows:
        return " | ".join(header) + "\n(no events)"
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(2)]

    def line(row: Sequence[str]) -> str:
        return f"{row[0].ljust(widths[0])} | {row[1].ljust(widths[1])} | {row[2]}".rstrip()

    rule = f"{'-' * widths[0]}-+-{'-' * widths[1]}-+-{'-' * len(header[2])}"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


# ----------------------------------------------------------------------------- TimelineJS

# Which date fields TimelineJS gets for each granularity: a month value has no day.
_JS_FIELDS: dict[Granularity, tuple[str, ...]] = {
    Granularity.CENTURY: ("year",),
    Granularity.DECADE: ("year",),
    Granularity.YEAR: ("year",),
    Granularity.HALF: ("year", "month"),
    Granularity.QUARTER: ("year", "month"),
    Granularity.SEASON: ("year", "month"),
    Granularity.MONTH: ("year", "month"),
    Granularity.WEEK: ("year", "month", "day"),
    Granularity.DAY: ("year", "month", "day"),
    Granularity.PART_OF_DAY: ("year", "month", "day", "hour"),
    Granularity.HOUR: ("year", "month", "day", "hour"),
    Granularity.MINUTE: ("year", "month", "day", "hour", "minute"),
    Granularity.SECOND: ("year", "month", "day", "hour", "minute", "second"),
}


def _js_date(moment: datetime, fields: Sequence[str]) -> dict[str, int]:
    return {name: getattr(moment, name) for name in fields}


def _js_text(event: Event) -> str:
    parts = [f"Date: {html.escape(event.when.value)}"]
    if flags(event):
        parts.append("Status: " + ", ".join(flags(event)))
    parts.append("Sources: " + html.escape(", ".join(event.doc_ids) or "-"))
    for conflict in event.conflicts:
        parts.append(f"Other date: {html.escape(conflict.value)} ({html.escape(', '.join(conflict.doc_ids))})")
    return "<br>".join(parts)


def js_event(event: Event) -> Optional[dict[str, Any]]:
    """One TimelineJS3 slide, or None for an event without interval.

    ``start_date`` has the fields the granularity has (a month gets year and month);
    ``end_date`` (the last unit inside the interval) is given only when the value spans
    more than one such unit (quarters, seasons, weeks, decades...). ``group`` is the
    event's status: reported, planned, hypothetical or negated."""
    interval = event.when.interval
    if interval is None:
        return None
    fields = _JS_FIELDS.get(event.when.granularity or Granularity.DAY, _JS_FIELDS[Granularity.DAY])
    start = _js_date(interval.start, fields)
    last = _js_date(interval.end - timedelta(microseconds=1), fields)
    slide: dict[str, Any] = {
        "start_date": start,
        "text": {"headline": html.escape(_one_line(event.summary)), "text": _js_text(event)},
        "unique_id": event.id,
        "group": (flags(event) or ["reported"])[0],
    }
    if last != start:
        slide["end_date"] = last
    return slide


def to_timelinejs(timeline: Timeline) -> dict[str, Any]:
    """The timeline as TimelineJS3 JSON data (``{"events": [...]}``)."""
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    slides = (js_event(e) for e in timeline.events)
    return {"events": [s for s in slides if s is not None]}


# ----------------------------------------------------------------------------- TimeML

# Characters XML 1.0 forbids even as references; replaced one for one to keep offsets.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Escape text content; carriage returns become references so that parsing keeps
    them (XML parsers turn raw CR and CRLF into LF, which would shift offsets)."""
    text = _XML_FORBIDDEN.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def xml_attr(text: str) -> str:
    """Escape an attribute value (double-quoted); whitespace kept as references."""
    text = xml_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _attrs(pairs: Iterable[tuple[str, Optional[str]]]) -> str:
    return "".join(f' {name}="{xml_attr(value)}"' for name, value in pairs if value is not None)


def _dct(published: Union[date, datetime]) -> str:
    if isinstance(published, datetime):
        value = published.replace(tzinfo=None).isoformat(timespec="minutes" if not published.second else "seconds")
        time_type = "TIME"
    else:
        value, time_type = published.isoformat(), "DATE"
    attributes = _attrs(
        [("tid", "t0"), ("type", time_type), ("value", value), ("temporalFunction", "false"),
         ("functionInDocument", "CREATION_TIME")]
    )
    return f"<DCT><TIMEX3{attributes}>{xml_text(value)}</TIMEX3></DCT>"


def _checked_mentions(text: str, mentions: Iterable[TimeMention]) -> list[TimeMention]:
    """Mentions sorted by offset; InvalidOptionError (a ValueError) when one is out of
    range or two overlap."""
    if isinstance(mentions, (str, bytes, Mapping)) or not isinstance(mentions, Iterable):
        raise DocumentTypeError(f"mentions must be an iterable of TimeMention objects, got {type(mentions).__name__}")
    items = list(mentions)
    for item in items:
        if not isinstance(item, TimeMention):
            raise DocumentTypeError(f"mentions must be TimeMention objects, got {type(item).__name__}")
        if not 0 <= item.start < item.end <= len(text):
            raise InvalidOptionError(f"mention {item.text!r} at [{item.start}, {item.end}) is outside the text (length {len(text)})")
    items.sort(key=lambda m: (m.start, m.end))
    for before, after in zip(items, items[1:]):
        if after.start < before.end:
            raise InvalidOptionError(
                f"mentions overlap: {before.text!r} [{before.start}, {before.end}) and "
                f"{after.text!r} [{after.start}, {after.end})"
            )
    return items


def _range_timex(items: Sequence[TimeMention], number: int, has_dct: bool) -> str:
    """The non-consuming DURATION TIMEX3 of the range that ends at mention ``number``
    (1-based, text order), or "" when that mention ends no range. Its tid follows the
    consuming tags': t<len(items) + number>."""
    mention = items[number - 1]
    if mention.range is None:
        return ""
    previous = items[number - 2] if number > 1 else None
    next_one = items[number] if number < len(items) else None
    if next_one is not None and next_one.range == mention.range:
        return ""  # the first end of a closed range: the tag follows the second
    if previous is not None and previous.range == mention.range:
        begin, end = f"t{number - 1}", f"t{number}"
    elif has_dct:
        begin, end = f"t{number}", "t0"  # "since 2020": up to the publication
    else:
        return ""
    from ..times.ranges import range_duration  # the rule tables load only when TimeML ranges are written

    value = range_duration(mention.range)
    if value is None:
        return ""
    attributes = _attrs(
        [
            ("tid", f"t{len(items) + number}"),
            ("type", "DURATION"),
            ("value", value),
            ("beginPoint", begin),
            ("endPoint", end),
            ("temporalFunction", "true"),
            ("functionInDocument", "NONE"),
        ]
    )
    return f"<TIMEX3{attributes}/>"


def to_timeml(doc: Union[Document, str], mentions: Iterable[TimeMention], *, ranges: bool = False) -> str:
    """The document as TimeML: a DCT TIMEX3 (tid ``t0``, CREATION_TIME) when the
    publication date is known, and each mention wrapped in a TIMEX3 (tid ``t1``... in
    text order; ``anchorTimeID="t0"`` for values computed from the publication date).

    With ``ranges=True`` each range ("from May to July") also gets a non-consuming
    DURATION TIMEX3 after its second end, ``beginPoint``/``endPoint`` naming its ends
    (TimeML 1.2; "since 2020" ends at the DCT, ``t0``). Off by default: TempEval-3 tools
    expect consuming tags only.

    The text inside ``<TEXT>`` is the document's text character for character (XML
    escaped; characters XML cannot carry become U+FFFD), so offsets into it are kept.
    Raises InvalidOptionError (a ValueError) for overlapping or out-of-range
    mentions, DocumentTypeError for anything but TimeMentions."""
    if isinstance(doc, str):
        doc = Document(text=doc)
    if not isinstance(doc, Document):
        raise DocumentTypeError(f"doc must be a timeline.Document or a str, got {type(doc).__name__}")
    if not isinstance(ranges, bool):
        raise InvalidOptionError(f"ranges must be True or False, got {type(ranges).__name__} {ranges!r:.80}")
    text = doc.text
    items = _checked_mentions(text, mentions)
    has_dct = doc.published is not None
    pieces = []
    cursor = 0
    for number, mention in enumerate(items, start=1):
        anchored = has_dct and mention.anchor in (Anchor.PUBLICATION, Anchor.TENSE)
        attributes = _attrs(
            [
                ("tid", f"t{number}"),
                ("type", mention.type),
                ("value", mention.value),
                ("mod", mention.mod),
                ("freq", mention.freq),
                ("quant", mention.quant),
                ("temporalFunction", "false" if mention.anchor == Anchor.ABSOLUTE else "true"),
                ("anchorTimeID", "t0" if anchored else None),
                ("functionInDocument", "NONE"),
            ]
        )
        pieces.append(xml_text(text[cursor : mention.start]))
        pieces.append(f"<TIMEX3{attributes}>{xml_text(text[mention.start : mention.end])}</TIMEX3>")
        cursor = mention.end
        if ranges:
            pieces.append(_range_timex(items, number, has_dct))
    pieces.append(xml_text(text[cursor:]))
    head = [f"<DOCID>{xml_text(doc.id)}</DOCID>"]
    if doc.published is not None:
        head.append(_dct(doc.published))
    if doc.title is not None:
        head.append(f"<TITLE>{xml_text(doc.title)}</TITLE>")
    body = "".join(pieces)
    return '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n' + "\n".join(head) + f"\n<TEXT>{body}</TEXT>\n</TimeML>\n"


# ----------------------------------------------------------------------------- registration

# The thin format methods of Timeline (model.py) find these writers here; see
# model.register_format and docs/design.md, "Outputs".
register_format("table", render_table)
register_format("dict", timeline_to_dict)
register_format("json", timeline_to_json)
register_format("from_dict", timeline_from_dict)
register_format("from_json", timeline_from_json)


__all__ = [
    "FORMAT_NAME", "FORMAT_VERSION", "MAX_NESTING", "entity_from_dict", "entity_to_dict", "event_from_dict",
    "event_to_dict", "flags", "js_event", "mention_from_dict", "mention_to_dict", "participant_from_dict",
    "participant_to_dict", "publication_date_to_dict", "publication_dates_from_dict", "render_table",
    "table_rows", "time_mention_from_dict", "time_mention_to_dict", "time_value_from_dict", "time_value_to_dict",
    "timeline_from_dict", "timeline_from_json", "timeline_to_dict", "timeline_to_json", "to_timelinejs", "to_timeml", "xml_attr",
    "xml_text"
]
