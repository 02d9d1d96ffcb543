"""The data that flows between the stages: frozen attrs classes, no behaviour beyond
small derived properties.

Stages: documents -> :class:`TimeMention` (temporal expressions, normalized) ->
:class:`Event` with :class:`Mention` s -> :class:`Timeline` (merged and ordered).
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from collections.abc import Iterator
from typing import Optional, Union

import attrs

from .errors import DocumentTypeError, InvalidQueryError


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


DATED_BY = ("time", "sentence", "story", "publication")
"""How a mention got its date: a time expression of its own clause (``time``), the
nearest time expression elsewhere in its sentence (``sentence``), the day the story's
lead tells of (``story``) or the document's publication date (``publication``). The
last three only come from ``build_timeline(..., undated="inherit")``
(:mod:`timeline.events.date`); they are approximations, weaker than a time of the event's
own."""


def _check_dated_by(_: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in DATED_BY:
        raise ValueError(f"{attribute.name} must be one of {DATED_BY}, got {value!r}")


ROLES = ("agent", "patient", "beneficiary", "place", "other")
"""What an entity is to an event (:class:`Participant`): who does it (``agent``: the
subject of an active verb, the "by" of a passive, the owner of an event noun), whom it
happens to (``patient``: the object, the subject of a passive, "of" after an event
noun), for whom (``beneficiary``: the indirect object), where (``place``: a place in a
prepositional phrase of the event) and ``other`` (any other prepositional phrase of the
event)."""


def _check_role(_: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in ROLES:
        raise ValueError(f"{attribute.name} must be one of {ROLES}, got {value!r}")


@attrs.frozen
class Participant:
    """An entity taking part in one report of an event, with its role (:data:`ROLES`).

    ``name`` is the entity's best name in that document (a pronoun or "the company" is
    replaced by the name it stands for), ``span`` the ``(start, end)`` character offsets
    of the words that refer to it in the event's sentence, and ``entity_id`` the
    document's entity (an id listed in the ``members`` of one of the timeline's
    :class:`Entity` records)."""

    name: str
    role: str = attrs.field(validator=_check_role)
    entity_id: Optional[str] = None
    span: Optional[tuple[int, int]] = None


@attrs.frozen
class Mention:
    """One report of an event in one document; spans are ``(start, end)`` character
    offsets into that document's text. ``dated_by`` says where its date comes from
    (see :data:`DATED_BY`); ``time_span`` is None when it is the publication date.
    ``roles`` are the entities the report says the event is about, each with its role
    (filled by :mod:`timeline.entities`)."""

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
    roles: tuple[Participant, ...] = ()

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

    @property
    def roles(self) -> tuple[Participant, ...]:
        """The participants with roles of all its mentions, once per (name, role), in
        mention order."""
        seen: dict[tuple[str, str], Participant] = {}
        for mention in self.mentions:
            for participant in mention.roles:
                seen.setdefault((participant.name, participant.role), participant)
        return tuple(seen.values())


ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "OTHER")
"""Entity types: spaCy's named-entity labels, ``OTHER`` for a proper name the tagger
gave no label."""


def name_key(name: str) -> str:
    """A name compared loosely: lowercase letters and digits only ("Rolls-Royce",
    "Rolls Royce" -> ``rollsroyce``; "U.S." -> ``us``)."""
    return re.sub(r"[\W_]+", "", name.casefold())


@attrs.frozen
class Entity:
    """Someone or something the timeline's events are about, across documents.

    ``name`` is its canonical name, ``aliases`` every name it goes by in the documents
    (the canonical one included), ``keys`` the loose forms (:func:`name_key`, acronyms)
    that identify it across documents, ``members`` the ids of the per-document entities
    it gathers (what :attr:`Participant.entity_id` holds). ``events`` and ``sources``
    count the timeline's events it takes part in and their documents; they are filled
    by :meth:`Timeline.entities`."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    events: int = 0
    sources: tuple[str, ...] = ()


DateLike = Union[date, datetime, str]


@attrs.frozen
class Timeline:
    """Events in time order (see :mod:`timeline.merge` for the order and the merging),
    the ids of the documents they come from and the entities they are about
    (``entity_table``; :meth:`entities`, :meth:`about`, :meth:`between` query them)."""

    events: tuple[Event, ...] = ()
    documents: tuple[str, ...] = ()
    # the entities of the events (built by timeline.entities); see entities() and about()
    entity_table: tuple[Entity, ...] = ()

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def entities(self) -> tuple[Entity, ...]:
        """The entities the events are about, each with the number of events it takes
        part in (with any role) and their documents: most events first, then by name."""
        counted = []
        for entity in self.entity_table:
            members = set(entity.members)
            events = [e for e in self.events if any(p.entity_id in members for m in e.mentions for p in m.roles)]
            sources = sorted({d for e in events for d in e.doc_ids})
            counted.append(attrs.evolve(entity, events=len(events), sources=tuple(sources)))
        return tuple(sorted(counted, key=lambda e: (-e.events, e.name.casefold(), e.id)))

    def find_entities(self, query: str) -> tuple[Entity, ...]:
        """The entities ``query`` names: those with an alias equal to it ignoring case;
        else those with a key equal to its loose form (:func:`name_key`: "rolls royce"
        finds Rolls-Royce, "IBM" International Business Machines); else those with an
        alias of that loose form ("tesla inc" finds "Tesla Inc."); else the people whose
        surname it is ("Iger")."""
        if not isinstance(query, str) or not query.strip():
            raise InvalidQueryError(f"query must be a non-empty name, got {query!r}")
        wanted = query.strip().casefold()
        found = [e for e in self.entity_table if any(a.casefold() == wanted for a in e.aliases)]
        key = name_key(query)
        if not found:
            found = [e for e in self.entity_table if key and key in e.keys]
        if not found:
            found = [e for e in self.entity_table if key and any(name_key(a) == key for a in e.aliases)]
        if not found and " " not in wanted:
            found = [
                e
                for e in self.entity_table
                if e.type == "PERSON" and any(a.split()[-1].casefold() == wanted for a in e.aliases if " " in a)
            ]
        return tuple(found)

    def about(self, query: str, *, role: Optional[str] = None) -> "Timeline":
        """The timeline of the events involving the entity ``query`` names (matched
        through its aliases, see :meth:`find_entities`), with ``role`` (one of
        :data:`ROLES`) when given; an empty timeline when no entity matches."""
        if role is not None and role not in ROLES:
            raise InvalidQueryError(f"role must be one of {ROLES} or None, got {role!r}")
        members = {m for entity in self.find_entities(query) for m in entity.members}
        kept = tuple(
            event
            for event in self.events
            if any(p.entity_id in members and (role is None or p.role == role) for m in event.mentions for p in m.roles)
        )
        return attrs.evolve(self, events=kept)

    def between(self, start: Optional[DateLike], end: Optional[DateLike]) -> "Timeline":
        """The events whose time overlaps the window ``[start, end)``: dates, datetimes or
        ISO strings ("2024-05-01"), None for an open side. Events not on the calendar
        are left out. Times are compared as wall-clock times (a UTC offset is ignored)."""
        low, high = _window_end(start, "start"), _window_end(end, "end")
        if low is not None and high is not None and not low < high:
            raise InvalidQueryError(f"start must be before end, got {start!r} >= {end!r}")
        kept = []
        for event in self.events:
            interval = event.when.interval
            if interval is None:
                continue
            event_start, event_end = interval.start.replace(tzinfo=None), interval.end.replace(tzinfo=None)
            if (high is None or event_start < high) and (low is None or low < event_end):
                kept.append(event)
        return attrs.evolve(self, events=tuple(kept))

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


def _window_end(value: Optional[DateLike], name: str) -> Optional[datetime]:
    """One end of a :meth:`Timeline.between` window as a naive datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidQueryError(f"{name} must be an ISO date such as 2024-05-01, got {value!r}") from None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    raise DocumentTypeError(f"{name} must be a date, datetime, ISO string or None, got {type(value).__name__}")
