"""timeline: news articles in, an ordered and deduplicated timeline of dated events out.

The flow, one module per stage: :mod:`~timeline.documents` (documents in) ->
:mod:`~timeline.times.recognize` (temporal expressions) -> :mod:`~timeline.times.normalize`
(TIMEX3 values against the context) -> :mod:`~timeline.events.learned` (every event
mention, learned) and :mod:`~timeline.events` (what each time dates) ->
:mod:`~timeline.entities` (who each event is about) -> :mod:`~timeline.merge`
(deduplicate and order) -> :mod:`~timeline.keydates` (the key dates, optional) ->
:mod:`~timeline.outputs` (JSON, TimeML, tables, an HTML page).

``import timeline`` is light: it loads the data model, the documents, the merge, the key
dates and the outputs, not spaCy. The names that need spaCy (:func:`build_timeline`,
:func:`find_times`, :func:`find_events`) are loaded on first use (module ``__getattr__``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# imported for what they register: Timeline.to_html, to_csv, ... (the outputs) and
# Timeline.about, ... (the queries)
from . import queries  # noqa: F401
from .outputs import page as _page, tabular as _tabular  # noqa: F401

from .documents import Document
from .errors import (
    DocumentTypeError,
    InvalidDateError,
    InvalidDocumentError,
    InvalidFieldError,
    InvalidOptionError,
    InvalidQueryError,
    ModelNotAvailableError,
    ResourceError,
    TimelineError,
)
from .keydates import key_dates
from .merge import merge
from .model import (
    ROLES,
    Anchor,
    Conflict,
    Entity,
    Event,
    EventMention,
    Granularity,
    Interval,
    Mention,
    Participant,
    PublicationDate,
    Timeline,
    TimeMention,
    TimeValue,
)
from .outputs import to_timeml

if TYPE_CHECKING:  # for type checkers; at run time they load on first use (below)
    from .build import build_timeline
    from .merge.clustering import cluster_events
    from .events.learned import find_events
    from .events.given import events_at
    from .times.temporal import find_times

__all__ = [
    "Anchor",
    "Conflict",
    "Document",
    "DocumentTypeError",
    "Entity",
    "Event",
    "EventMention",
    "Granularity",
    "Interval",
    "InvalidDateError",
    "InvalidDocumentError",
    "InvalidFieldError",
    "InvalidOptionError",
    "InvalidQueryError",
    "Mention",
    "PublicationDate",
    "ModelNotAvailableError",
    "Participant",
    "ROLES",
    "ResourceError",
    "TimeMention",
    "TimeValue",
    "Timeline",
    "TimelineError",
    "build_timeline",
    "cluster_events",
    "events_at",
    "find_events",
    "find_times",
    "key_dates",
    "merge",
    "to_timeml",
]

__version__ = "0.1.0"

# Names loaded on first use: each needs spaCy, which takes about a second to import.
_LAZY = {
    "build_timeline": "build",
    "cluster_events": "merge.clustering",
    "events_at": "events.given",
    "find_events": "events.learned",
    "find_times": "times.temporal",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
