"""The data that flows between the stages: frozen attrs classes, no behaviour beyond
small derived properties.

Stages: documents -> :class:`TimeMention` (temporal expressions, normalized) ->
:class:`Event` with :class:`Mention` s -> :class:`Timeline` (merged and ordered).
"""

from __future__ import annotations

import enum
from datetime import datetime
from collections.abc import Iterator
from typing import Optional

import attrs


class Granularity(enum.IntEnum):
    """How precise a time value is; larger is finer."""

    CENTURY = 1
    DECADE = 2
    YEAR = 3
    HALF = 4
    QUARTER = 5
    SEASON = 6
    MONTH = 7
    WEEK = 8
    DAY = 9
    PART_OF_DAY = 10
    HOUR = 11
    MINUTE = 12
    SECOND = 13

    @property
    def label(self) -> str:
        return self.name.lower()


class Anchor(str, enum.Enum):
    """What a mention's value was computed from (its provenance)."""

    ABSOLUTE = "absolute"  # the text says it all ("July 26, 2023")
    PUBLICATION = "publication"  # deictic, from the publication date ("last month")
    TENSE = "tense"  # underspecified, completed from the publication date and the tense
    PREVIOUS_MENTION = "previous_mention"  # anaphoric ("the next day")
    EVENT = "event"  # relative to another event ("a week after ...")
    NONE = "none"  # nothing to anchor on (durations, sets, unresolved)


TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


def _check_type(_: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in TIMEX_TYPES:
        raise ValueError(f"{attribute.name} must be one of {TIMEX_TYPES}, got {value!r}")


@attrs.frozen
class Interval:
    """A half-open span of time ``[start, end)``."""

    start: datetime
    end: datetime

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"Interval start must be before end, got {self.start} >= {self.end}")

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Interval") -> bool:
        return self.start <= other.start and other.end <= self.end


@attrs.frozen
class TimeValue:
    """A normalized time: TIMEX3 value and type, grain and, for points and periods on the
    calendar, the half-open interval it covers.

    ``freq`` and ``quant`` are TIMEX3's attributes of sets (type SET), None elsewhere:
    ``freq`` counts the occurrences in each period of the value ("twice a week": value
    P1W, freq ``2X``; "daily": P1D, ``1X``), ``quant`` is the quantifier of the words
    ("every Monday": ``EVERY``, "each July": ``EACH``, "every other Monday":
    ``EVERY OTHER``)."""

    value: str
    type: str = attrs.field(validator=_check_type)
    granularity: Optional[Granularity] = None
    interval: Optional[Interval] = None
    mod: Optional[str] = None
    freq: Optional[str] = None
    quant: Optional[str] = None

    @property
    def start(self) -> Optional[datetime]:
        return self.interval.start if self.interval else None

    @property
    def end(self) -> Optional[datetime]:
        return self.interval.end if self.interval else None

    @property
    def is_calendar(self) -> bool:
        """True when the value sits on the calendar (has an interval)."""
        return self.interval is not None


@attrs.frozen
class TimeMention:
    """A temporal expression found in a document, with its normalized value.

    ``start``/``end`` are character offsets into the document text; ``when`` is the
    normalized value; ``anchor`` and ``anchor_value`` say what it was computed from;
    ``resolved`` is False when context was missing (no publication date, no previous
    mention) and the value keeps unknown parts (``XXXX-10``). ``range`` is the whole
    period when the mention is an end of a range (:mod:`timeline.ranges`)."""

    text: str
    start: int
    end: int
    when: TimeValue
    anchor: Anchor = Anchor.ABSOLUTE
    resolved: bool = True
    rule: str = ""
    anchor_value: Optional[str] = None
    sentence_index: Optional[int] = None
    range: Optional[TimeValue] = None

    @property
    def dating(self) -> TimeValue:
        """The time an event dated by this mention takes: the whole range when the
        mention is an end of one ("from May to July", "since 2020"), else its value."""
        return self.range if self.range is not None else self.when

    @property
    def type(self) -> str:
        return self.when.type

    @property
    def value(self) -> str:
        return self.when.value

    @property
    def mod(self) -> Optional[str]:
        return self.when.mod

    @property
    def freq(self) -> Optional[str]:
        return self.when.freq

    @property
    def quant(self) -> Optional[str]:
        return self.when.quant

    @property
    def granularity(self) -> Optional[Granularity]:
        return self.when.granularity

    @property
    def interval(self) -> Optional[Interval]:
        return self.when.interval


DATED_BY = ("time", "sentence", "story", "publication", "none")
"""How a mention got its date: a time expression of its own clause (``time``), the
nearest time expression elsewhere in its sentence (``sentence``), the day the story's
lead tells of (``story``) or the document's publication date (``publication``). The
last three only come from ``build_timeline(..., undated="inherit")``
(:mod:`timeline.inherit`); they are approximations, weaker than a time of the event's
own. ``none``: nothing dates it (an event a caller brought, :func:`timeline.given.events_at`;
its ``when`` has no interval)."""


def _check_dated_by(_: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in DATED_BY:
        raise ValueError(f"{attribute.name} must be one of {DATED_BY}, got {value!r}")


@attrs.frozen
class Mention:
    """One report of an event in one document; spans are ``(start, end)`` character
    offsets into that document's text. ``dated_by`` says where its date comes from
    (see :data:`DATED_BY`); ``time_span`` is None when it is the publication date."""

    doc_id: str
    sentence: str
    trigger_span: tuple[int, int]
    event_span: tuple[int, int]
    time_span: Optional[tuple[int, int]]
    time_text: Optional[str]
    trigger_text: str = ""
    sentence_span: Optional[tuple[int, int]] = None
    time_value: Optional[str] = None
    dated_by: str = attrs.field(default="time", validator=_check_dated_by)
    # this report tells the event as planned ("expected to close in the fourth
    # quarter"); kept per mention so that a merged event still knows which dates are plans
    planned: bool = False

    @property
    def inferred(self) -> bool:
        """True when the date is inherited (sentence, story or publication), not the event's own."""
        return self.dated_by != "time"


@attrs.frozen
class Conflict:
    """A date that some sources give for an event whose chosen date differs."""

    value: str
    doc_ids: tuple[str, ...]


@attrs.frozen
class Event:
    """A dated event of the timeline, with every mention that supports it."""

    when: TimeValue
    summary: str
    trigger: str
    participants: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    negated: bool = False
    planned: bool = False
    hypothetical: bool = False
    id: str = ""

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.doc_id for m in self.mentions}))


@attrs.frozen
class Timeline:
    """Events in time order (see :mod:`timeline.merge` for the order and the merging).

    ``atoms`` are the events the timeline was merged from (one mention each, as the
    documents gave them), kept so that :func:`timeline.merge.merge` can recluster from
    them and give exactly the one-build result. They take no part in equality, repr or
    the JSON form; a timeline read back from JSON has none."""

    events: tuple[Event, ...] = ()
    documents: tuple[str, ...] = ()
    atoms: tuple[Event, ...] = attrs.field(default=(), eq=False, repr=False)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __str__(self) -> str:
        from .outputs import render_table

        return render_table(self)

    def to_dict(self) -> dict:  # type: ignore[type-arg]
        from .outputs import timeline_to_dict

        return timeline_to_dict(self)

    def to_json(self, **json_kwargs: object) -> str:
        from .outputs import timeline_to_json

        return timeline_to_json(self, **json_kwargs)

    @classmethod
    def from_dict(cls, data: dict) -> "Timeline":  # type: ignore[type-arg]
        from .outputs import timeline_from_dict

        return timeline_from_dict(data)
