"""Queries on a built timeline: its entities, the events of one entity, a date window.

These only filter the data a :class:`timeline.model.Timeline` holds (the entities were
resolved when it was built, :mod:`timeline.entities`); the ``Timeline`` methods
``entities``, ``find_entities``, ``about`` and ``between`` call them through the model's
registry (:func:`timeline.model.register_format`), so the data model imports no module
of the package. Bad queries raise :class:`timeline.errors.InvalidQueryError`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

import attrs

from .errors import DocumentTypeError, InvalidQueryError
from .model import ROLES, DateLike, Entity, Timeline, name_key, register_format


def entities(timeline: Timeline) -> tuple[Entity, ...]:
    """The entities the events are about, each with the number of events it takes part
    in (with any role) and their documents: most events first, then by name."""
    counted = []
    for entity in timeline.entity_table:
        members = set(entity.members)
        events = [e for e in timeline.events if any(p.entity_id in members for m in e.mentions for p in m.roles)]
        sources = sorted({d for e in events for d in e.doc_ids})
        counted.append(attrs.evolve(entity, events=len(events), sources=tuple(sources)))
    return tuple(sorted(counted, key=lambda e: (-e.events, e.name.casefold(), e.id)))


def find_entities(timeline: Timeline, query: str) -> tuple[Entity, ...]:
    """The entities ``query`` names: those with an alias equal to it ignoring case;
    else those with a key equal to its loose form (:func:`timeline.model.name_key`:
    "rolls royce" finds Rolls-Royce, "IBM" International Business Machines); else those
    with an alias of that loose form ("tesla inc" finds "Tesla Inc."); else the people
    whose surname it is ("Iger")."""
    if not isinstance(query, str) or not query.strip():
        raise InvalidQueryError(f"query must be a non-empty name, got {query!r}")
    table = timeline.entity_table
    wanted = query.strip().casefold()
    found = [e for e in table if any(a.casefold() == wanted for a in e.aliases)]
    key = name_key(query)
    if not found:
        found = [e for e in table if key and key in e.keys]
    if not found:
        found = [e for e in table if key and any(name_key(a) == key for a in e.aliases)]
    if not found and " " not in wanted:
        found = [
            e for e in table if e.type == "PERSON" and any(a.split()[-1].casefold() == wanted for a in e.aliases if " " in a)
        ]
    return tuple(found)


def about(timeline: Timeline, query: str, *, role: Optional[str] = None) -> Timeline:
    """The timeline of the events involving the entity ``query`` names (matched through
    its aliases, see :func:`find_entities`), with ``role`` (one of
    :data:`timeline.model.ROLES`) when given; an empty timeline when no entity matches.
    The documents, publication dates and entity table stay."""
    if role is not None and role not in ROLES:
        raise InvalidQueryError(f"role must be one of {ROLES} or None, got {role!r}")
    members = {m for entity in find_entities(timeline, query) for m in entity.members}
    kept = tuple(
        event
        for event in timeline.events
        if any(p.entity_id in members and (role is None or p.role == role) for m in event.mentions for p in m.roles)
    )
    return attrs.evolve(timeline, events=kept)


def between(timeline: Timeline, start: Optional[DateLike], end: Optional[DateLike]) -> Timeline:
    """The events whose time overlaps the window ``[start, end)``: dates, datetimes or
    ISO strings ("2024-05-01"), None for an open side. Events not on the calendar are
    left out. Times are compared as wall-clock times (a UTC offset is ignored)."""
    low, high = _window_end(start, "start"), _window_end(end, "end")
    if low is not None and high is not None and not low < high:
        raise InvalidQueryError(f"start must be before end, got {start!r} >= {end!r}")
    kept = []
    for event in timeline.events:
        interval = event.when.interval
        if interval is None:
            continue
        event_start, event_end = interval.start.replace(tzinfo=None), interval.end.replace(tzinfo=None)
        if (high is None or event_start < high) and (low is None or low < event_end):
            kept.append(event)
    return attrs.evolve(timeline, events=tuple(kept))


def _window_end(value: Optional[DateLike], name: str) -> Optional[datetime]:
    """One end of a :func:`between` window as a naive datetime."""
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


register_format("entities", entities)
register_format("find_entities", find_entities)
register_format("about", about)
register_format("between", between)


__all__ = [
    "about", "between", "entities", "find_entities"
]
