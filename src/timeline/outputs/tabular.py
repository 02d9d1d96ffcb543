"""Stage 6, outputs as tables: one row per event for CSV and pandas, and JSON Lines
(one event's JSON object per line) for timelines too large to hold as one JSON text.

The row (:data:`COLUMNS`) is flat: the date as TIMEX3 value, interval start and end
(ISO 8601, empty when the value is not on the calendar), grain; the summary; the
sources (document ids, ``;``-separated) and conflicts (``VALUE (doc, doc)``,
``;``-separated). JSON Lines keeps the full record (:func:`timeline.outputs.event_to_dict`).
pandas is optional (the ``pandas`` extra); nothing here imports it until
:func:`to_pandas` is called.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timezone
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Optional, Union

from ..errors import DocumentTypeError, TimelineError
from ..model import Event, Timeline, register_format
from . import event_to_dict, flags

COLUMNS = (
    "id",
    "value",
    "start",
    "end",
    "grain",
    "mod",
    "summary",
    "trigger",
    "participants",
    "sources",
    "conflicts",
    "flags",
    "mentions",
)
"""The columns of :func:`rows`, :func:`to_csv` and :func:`to_pandas`, in order."""

PathOrBuffer = Union[str, "os.PathLike[str]", IO[str]]


class MissingExtraError(TimelineError, ImportError):
    """An optional dependency (an extra of the package) is not installed."""


def _check(timeline: Any) -> Timeline:
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"expected a timeline.Timeline, got {type(timeline).__name__}")
    return timeline


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat row of :data:`COLUMNS` (str values, ``mentions`` an int)."""
    when = event.when
    return {
        "id": event.id,
        "value": when.value,
        "start": when.start.isoformat() if when.start is not None else "",
        "end": when.end.isoformat() if when.end is not None else "",
        "grain": when.granularity.label if when.granularity is not None else "",
        "mod": when.mod or "",
        "summary": " ".join(event.summary.split()),
        "trigger": event.trigger,
        "participants": "; ".join(event.participants),
        "sources": "; ".join(event.doc_ids),
        "conflicts": "; ".join(f"{c.value} ({', '.join(c.doc_ids)})" for c in event.conflicts),
        "flags": "; ".join(flags(event)),
        "mentions": len(event.mentions),
    }


def rows(timeline: Timeline) -> Iterator[dict[str, Any]]:
    """The rows of :func:`event_row`, one per event, in timeline order (lazily)."""
    return (event_row(event) for event in _check(timeline).events)


def _write(path_or_buffer: Optional[PathOrBuffer], write: Any) -> Optional[str]:
    """Call ``write(stream)`` on a new text file (str or path), a given text stream, or
    a string buffer whose text is returned (``None``)."""
    if path_or_buffer is None:
        buffer = io.StringIO()
        write(buffer)
        return buffer.getvalue()
    if isinstance(path_or_buffer, (str, os.PathLike)):
        # newline="" so that the csv module's own line ends are kept as they are
        with Path(path_or_buffer).open("w", encoding="utf-8", newline="") as stream:
            write(stream)
        return None
    if not hasattr(path_or_buffer, "write"):
        raise DocumentTypeError(
            f"path_or_buffer must be a path or a text stream, got {type(path_or_buffer).__name__}"
        )
    write(path_or_buffer)
    return None


def to_csv(timeline: Timeline, path_or_buffer: Optional[PathOrBuffer] = None) -> Optional[str]:
    """The timeline as CSV (RFC 4180 quoting, a header row of :data:`COLUMNS`, UTF-8 for
    files): written to a path or a text stream, or returned as a string when
    ``path_or_buffer`` is None. Rows are written one at a time."""
    checked = _check(timeline)

    def write(stream: IO[str]) -> None:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for row in rows(checked):
            writer.writerow(row)

    return _write(path_or_buffer, write)


def iter_jsonl(timeline: Timeline) -> Iterator[str]:
    """Each event's JSON object (the dict form of ``docs/schema.json``'s events) as one
    line with its newline, in timeline order, one at a time."""
    for event in _check(timeline).events:
        yield json.dumps(event_to_dict(event), ensure_ascii=False) + "\n"


def to_jsonl(timeline: Timeline, path_or_buffer: Optional[PathOrBuffer] = None) -> Optional[str]:
    """JSON Lines, one event per line (:func:`iter_jsonl`): written to a path or a text
    stream line by line, or returned as a string when ``path_or_buffer`` is None.
    ``pandas.read_json(path, lines=True)`` and ``jq`` read it."""
    checked = _check(timeline)

    def write(stream: IO[str]) -> None:
        for line in iter_jsonl(checked):
            stream.write(line)

    return _write(path_or_buffer, write)


def to_pandas(timeline: Timeline) -> Any:
    """A ``pandas.DataFrame`` with one row per event and the :data:`COLUMNS`; ``start``
    and ``end`` are datetimes (NaT off the calendar). Needs pandas (``pip install
    'news-timeline[pandas]'``): without it, :class:`MissingExtraError`."""
    checked = _check(timeline)
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "Timeline.to_pandas needs pandas, which is not installed: pip install 'news-timeline[pandas]'"
        ) from None
    import numpy

    frame = pandas.DataFrame(list(rows(checked)), columns=list(COLUMNS))
    for column in ("start", "end"):
        # microseconds, not pandas' default nanoseconds: those end in 2262, and news
        # speaks of the year 1066 and of 9999 ("until further notice" never, but still)
        moments = [getattr(event.when, column) for event in checked.events]
        frame[column] = pandas.Series(
            numpy.array([_naive_utc(m) if m is not None else "NaT" for m in moments], dtype="datetime64[us]"),
            index=frame.index,
        )
    return frame


def _naive_utc(moment: datetime) -> datetime:
    """An aware datetime as naive UTC (numpy holds no offsets); a naive one as it is."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


register_format("csv", to_csv)
register_format("jsonl", to_jsonl)
register_format("pandas", to_pandas)


__all__ = [
    "COLUMNS", "MissingExtraError", "PathOrBuffer", "event_row", "iter_jsonl", "rows", "to_csv", "to_jsonl",
    "to_pandas"
]
