"""The data that flows between the stages: frozen attrs classes, no behaviour beyond
small derived properties.

Stages: documents -> :class:`TimeMention` (temporal expressions, normalized) ->
:class:`Event` with :class:`Mention` s -> :class:`Timeline` (merged and ordered).

This module imports no stage. The format methods of :class:`Timeline` (``to_json``,
``to_html``, ``to_csv``...) call the writers that the outputs stage registers here
(:func:`register_format`) when ``timeline`` is imported.
"""

from __future__ import annotations

import enum
import os
import re
import reprlib
from datetime import date, datetime
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Optional, Union

import attrs

from .errors import InvalidFieldError  # errors.py imports nothing: no stage comes in



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


# Values in error messages are shown cut short (a hostile value may be huge).
_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 80


def _refuse(record: object, field: str, expected: str, value: object) -> InvalidFieldError:
    """The error for a value ``field`` of ``record`` (an instance or a class name) does
    not take: it names the record, the field, what it takes and what it got."""
    name = record if isinstance(record, str) else type(record).__name__
    return InvalidFieldError(f"{name}.{field} must be {expected}, got {_SHOWN.repr(value)}")


def _check_type(record: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in TIMEX_TYPES:
        raise _refuse(record, attribute.name, f"one of {TIMEX_TYPES}", value)


@attrs.frozen
class Interval:
    """A half-open span of time ``[start, end)``."""

    start: datetime
    end: datetime

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            raise _refuse(self, "start", f"before Interval.end ({_SHOWN.repr(self.end)})", self.start)

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
    period when the mention is an end of a range (:mod:`timeline.times.ranges`)."""

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


DATED_BY = ("time", "sentence", "narrative", "story", "publication", "none")
"""How a mention got its date: a time expression of its own clause (``time``), the
nearest time expression elsewhere in its sentence (``sentence``), a date the narrative
gave before (``narrative``: the same event dated elsewhere in the document, or for a
simple past the last date of the two sentences before), the day the story's lead tells
of (``story``) or the document's publication date (``publication``). All but ``time``
only come from ``build_timeline(..., undated="inherit")``
(:mod:`timeline.events.date`); they are approximations, weaker than a time of the event's
own. ``none``: nothing dates it (an event a caller brought, :func:`timeline.events.given.events_at`;
its ``when`` has no interval)."""


def _check_dated_by(record: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in DATED_BY:
        raise _refuse(record, attribute.name, f"one of {DATED_BY}", value)


ROLES = ("agent", "patient", "beneficiary", "place", "other")
"""What an entity is to an event (:class:`Participant`): who does it (``agent``: the
subject of an active verb, the "by" of a passive, the owner of an event noun), whom it
happens to (``patient``: the object, the subject of a passive, "of" after an event
noun), for whom (``beneficiary``: the indirect object), where (``place``: a place in a
prepositional phrase of the event) and ``other`` (any other prepositional phrase of the
event)."""


def _check_role(record: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in ROLES:
        raise _refuse(record, attribute.name, f"one of {ROLES}", value)


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


ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW", "OTHER")
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


PUBLISHED_FROM = ("given", "dateline", "none")
"""Where the publication date a document was read with comes from: the caller
(``given``), the document's own dateline or byline (``dateline``), or nowhere
(``none``: then relative dates such as "last month" stay unresolved)."""


def _check_published_from(record: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
    if value not in PUBLISHED_FROM:
        raise _refuse(record, attribute.name, f"one of {PUBLISHED_FROM}", value)


@attrs.frozen
class PublicationDate:
    """The publication date one document was read with, and where it came from
    (:data:`PUBLISHED_FROM`); ``published`` is None exactly when ``source`` is ``none``."""

    doc_id: str
    published: Optional[Union[date, datetime]] = None
    source: str = attrs.field(default="none", validator=_check_published_from)

    def __attrs_post_init__(self) -> None:
        if (self.published is None) != (self.source == "none"):
            expected = f"what published ({_SHOWN.repr(self.published)}) says: a date needs 'given' or 'dateline', no date needs 'none'"
            raise _refuse(self, "source", expected, self.source)


# ----------------------------------------------------------------------------- formats

# The data model knows no format. The outputs stage registers its writers here when it
# is imported (``import timeline`` imports it), and the thin methods of Timeline look
# them up, so model.py imports no later stage (dependency inversion).
_FORMATS: dict[str, Callable[..., Any]] = {}

PathOrBuffer = Union[str, "os.PathLike[str]", IO[str]]


def register_format(name: str, function: Callable[..., Any]) -> None:
    """Make ``function`` the writer (or reader) that ``Timeline`` uses for ``name``
    (``table``, ``dict``, ``json``, ``from_dict``, ``html``, ``csv``, ``jsonl``,
    ``pandas``; and the queries ``entities``, ``find_entities``, ``about``, ``between``
    of :mod:`timeline.queries`). Called by those modules at import."""
    _FORMATS[name] = function


def _format(name: str) -> Callable[..., Any]:
    try:
        return _FORMATS[name]
    except KeyError:  # only when timeline.model is loaded without the package
        raise RuntimeError(f"no {name!r} writer is registered: import timeline (its outputs stage registers them)") from None


@attrs.frozen
class Timeline:
    """Events in time order (see :mod:`timeline.merge` for the order and the merging).

    ``documents`` are the ids of the documents read; ``publication_dates`` tell, for
    each of them, the publication date it was read with and where it came from (empty
    for timelines written before it existed or made by ``merge_events`` alone);
    ``entity_table`` holds the entities the events are about (built by
    :mod:`timeline.entities`; :meth:`entities`, :meth:`about`, :meth:`between` query it).

    ``atoms`` are the events the timeline was merged from (one mention each, as the
    documents gave them), kept so that :func:`timeline.merge.merge` can recluster from
    them and give exactly the one-build result. They take no part in equality, repr or
    the JSON form; a timeline read back from JSON has none.

    The format methods are thin: each calls the function of the outputs stage named in
    its docstring, which has the full documentation."""

    events: tuple[Event, ...] = ()
    documents: tuple[str, ...] = ()
    publication_dates: tuple[PublicationDate, ...] = ()
    # the entities of the events (built by timeline.entities); see entities() and about()
    entity_table: tuple[Entity, ...] = ()
    atoms: tuple[Event, ...] = attrs.field(default=(), eq=False, repr=False)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def entities(self) -> tuple[Entity, ...]:
        """The entities the events are about, each with the number of events it takes
        part in and their documents, most events first (:func:`timeline.queries.entities`)."""
        found = _format("entities")(self)
        return tuple(found)

    def find_entities(self, query: str) -> tuple[Entity, ...]:
        """The entities ``query`` names, through their aliases and keys
        (:func:`timeline.queries.find_entities`)."""
        return tuple(_format("find_entities")(self, query))

    def about(self, query: str, *, role: Optional[str] = None) -> "Timeline":
        """The timeline of the events involving the entity ``query`` names, with
        ``role`` (one of :data:`ROLES`) when given (:func:`timeline.queries.about`)."""
        timeline = _format("about")(self, query, role=role)
        assert isinstance(timeline, Timeline)
        return timeline

    def between(self, start: Optional[DateLike], end: Optional[DateLike]) -> "Timeline":
        """The events whose time overlaps ``[start, end)``; dates, datetimes, ISO strings
        or None for an open side (:func:`timeline.queries.between`)."""
        timeline = _format("between")(self, start, end)
        assert isinstance(timeline, Timeline)
        return timeline

    def __len__(self) -> int:
        return len(self.events)

    def __str__(self) -> str:
        """The ``date | event | sources`` table (:func:`timeline.outputs.render_table`)."""
        return str(_format("table")(self))

    def to_dict(self) -> dict:  # type: ignore[type-arg]
        """The versioned plain-data form (:func:`timeline.outputs.timeline_to_dict`)."""
        return dict(_format("dict")(self))

    def to_json(self, **json_kwargs: object) -> str:
        """The JSON form (:func:`timeline.outputs.timeline_to_json`)."""
        return str(_format("json")(self, **json_kwargs))

    @classmethod
    def from_dict(cls, data: dict) -> "Timeline":  # type: ignore[type-arg]
        """Read the plain-data form back (:func:`timeline.outputs.timeline_from_dict`)."""
        timeline = _format("from_dict")(data)
        assert isinstance(timeline, Timeline)
        return timeline

    @classmethod
    def from_json(cls, text: str) -> "Timeline":
        """Read :meth:`to_json`'s text back (:func:`timeline.outputs.timeline_from_json`)."""
        timeline = _format("from_json")(text)
        assert isinstance(timeline, Timeline)
        return timeline

    def to_html(
        self, path: Optional[Union[str, "os.PathLike[str]"]] = None, *, title: Optional[str] = None,
        highlight: Iterable[str] = (),
    ) -> str:
        """One self-contained HTML page of the timeline, written to ``path`` when given,
        returned as a string (:func:`timeline.outputs.page.to_html`)."""
        return str(_format("html")(self, path, title=title, highlight=highlight))

    def to_csv(self, path_or_buffer: Optional[PathOrBuffer] = None) -> Optional[str]:
        """One CSV row per event (:func:`timeline.outputs.tabular.to_csv`); the text when
        no path or buffer is given."""
        result = _format("csv")(self, path_or_buffer)
        return None if result is None else str(result)

    def to_jsonl(self, path_or_buffer: Optional[PathOrBuffer] = None) -> Optional[str]:
        """One JSON object per event and line (:func:`timeline.outputs.tabular.to_jsonl`);
        the text when no path or buffer is given."""
        result = _format("jsonl")(self, path_or_buffer)
        return None if result is None else str(result)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``, one row per event (:func:`timeline.outputs.tabular.to_pandas`;
        needs the ``pandas`` extra)."""
        return _format("pandas")(self)


EVENT_CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
"""TimeML's event classes."""

EVENT_TENSES = ("PAST", "PRESENT", "FUTURE", "NONE", "INFINITIVE", "PRESPART", "PASTPART")
EVENT_ASPECTS = ("PROGRESSIVE", "PERFECTIVE", "PERFECTIVE_PROGRESSIVE", "NONE")
EVENT_POLARITIES = ("POS", "NEG")


def _one_of(allowed: tuple[str, ...]) -> Callable[[object, "attrs.Attribute[str]", str], None]:
    """A validator that accepts only the values of ``allowed``."""

    def check(record: object, attribute: attrs.Attribute, value: str) -> None:  # type: ignore[type-arg]
        if value not in allowed:
            raise _refuse(record, attribute.name, f"one of {allowed}", value)

    return check


@attrs.frozen
class EventMention:
    """One event mention of a text in the TimeML sense (an ``<EVENT>`` with its
    MAKEINSTANCE attributes), as :func:`timeline.find_events` finds it.

    ``start``/``end`` are character offsets into the document text and ``text`` is
    exactly ``document.text[start:end]``; ``event_class``, ``tense``, ``aspect`` and
    ``polarity`` take TimeML's values; ``modality`` is the modal word ("would",
    "could") or None; ``lemma`` and ``pos`` are the spaCy reading of the word,
    ``sentence`` the index of its sentence in the parse and ``score`` the detector's
    probability that the word is an event (from the detector's threshold, 0.4, to 1)."""

    text: str
    start: int
    end: int
    event_class: str = attrs.field(validator=_one_of(EVENT_CLASSES))
    tense: str = attrs.field(default="NONE", validator=_one_of(EVENT_TENSES))
    aspect: str = attrs.field(default="NONE", validator=_one_of(EVENT_ASPECTS))
    polarity: str = attrs.field(default="POS", validator=_one_of(EVENT_POLARITIES))
    modality: Optional[str] = None
    lemma: str = ""
    pos: str = ""
    sentence: Optional[int] = None
    score: float = 1.0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, object]:
        """The JSON form: every field by name (see docs/data-model.md)."""
        return attrs.asdict(self)


__all__ = [
    "Anchor", "Conflict", "DATED_BY", "DateLike", "ENTITY_TYPES", "EVENT_ASPECTS", "EVENT_CLASSES",
    "EVENT_POLARITIES", "EVENT_TENSES", "Entity", "Event", "EventMention", "Granularity", "Interval", "Mention",
    "PUBLISHED_FROM", "Participant", "PathOrBuffer", "PublicationDate", "ROLES", "TIMEX_TYPES", "TimeMention",
    "TimeValue", "Timeline", "name_key", "register_format"
]
