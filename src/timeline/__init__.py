"""timeline: news articles in, an ordered and deduplicated timeline of dated events out.

The flow, one module per stage: :mod:`~timeline.documents` (documents in) ->
:mod:`~timeline.recognize` (temporal expressions) -> :mod:`~timeline.normalize`
(TIMEX3 values against the context) -> :mod:`~timeline.events` (what each time dates) ->
:mod:`~timeline.merge` (deduplicate and order) -> :mod:`~timeline.outputs` (JSON,
TimeML, tables).
"""

from .build import build_timeline
from .clustering import cluster_events
from .documents import Document
from .errors import (
    DocumentTypeError,
    InvalidDateError,
    InvalidDocumentError,
    ModelNotAvailableError,
    ResourceError,
    TimelineError,
)
from .given import events_at
from .merge import merge
from .model import Anchor, Conflict, Event, Granularity, Interval, Mention, Timeline, TimeMention, TimeValue
from .outputs import to_timeml
from .temporal import find_times

__all__ = [
    "Anchor",
    "Conflict",
    "Document",
    "DocumentTypeError",
    "Event",
    "Granularity",
    "Interval",
    "InvalidDateError",
    "InvalidDocumentError",
    "Mention",
    "ModelNotAvailableError",
    "ResourceError",
    "TimeMention",
    "TimeValue",
    "Timeline",
    "TimelineError",
    "build_timeline",
    "cluster_events",
    "events_at",
    "find_times",
    "merge",
    "to_timeml",
]

__version__ = "0.1.0"
