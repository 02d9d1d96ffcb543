"""Stage 4c: events a caller brings, at given character spans of a document.

The library finds events itself (:mod:`timeline.events`, :mod:`timeline.inherit`); an
annotated corpus (ECB+ gold event mentions) or another event detector already knows
where they are. :func:`events_at` makes one :class:`~timeline.model.Event` per given
span, with the usual attachments: the trigger is the span's syntactic head, the
summary, participants and flags are read off the parse as for the library's own
events, and the date is the one the library would give the word:

1. a time expression that anchors to the trigger (the same walk as
   :func:`timeline.events.document_events`, ``dated_by="time"``);
2. else the inherited date of :mod:`timeline.inherit` (sentence, story day,
   publication day);
3. else none: ``when`` is the unknown date ``XXXX-XX-XX`` (no interval) and
   ``dated_by="none"``. Such events are kept here, one per span, so that a caller can
   cluster them (:func:`timeline.clustering.cluster_events`); the timeline
   (:func:`timeline.merge.merge_events`) leaves them out, as it leaves out every event
   it cannot place.

The mention's ``trigger_span`` and ``trigger_text`` are the given span and its text
(several words stay several words: "took over"); the result is in the order of the
spans, one event each. A pure function of its arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Optional

import attrs
from spacy.tokens import Doc, Token

from .documents import Document
from .errors import InvalidDocumentError
from .events import (
    Anchoring,
    anchor_mentions,
    bounded_tokens,
    dateline_bounds,
    inside,
    is_calendar_mention,
    make_event,
    time_tokens,
)
from .inherit import inherited_dating, story_day
from .model import Event, TimeMention, TimeValue
from .sections import reference_date
from .triggers import TimeSpan, Trigger, is_clause_verb, load_lexicon, time_spans, verb_trigger

UNKNOWN_DATE = TimeValue(value="XXXX-XX-XX", type="DATE")
"""The ``when`` of a given event that nothing dates (no interval: not on the timeline)."""


def _head(parsed: Doc, start: int, end: int, position: int) -> Token:
    """The syntactic head of the tokens covering ``[start, end)``."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise InvalidDocumentError(f"spans[{position}]: ({start}, {end}) covers no token of the document")
    return span.root


def _trigger(token: Token) -> Trigger:
    """The trigger of a head word: a clause verb keeps its clause, anything else is a noun-like trigger."""
    if is_clause_verb(token):
        return verb_trigger(token, load_lexicon())
    return Trigger(token=token, clause=None)


def events_at(
    document: Document,
    parsed: Doc,
    spans: Sequence[tuple[int, int]],
    *,
    times: Iterable[TimeMention] = (),
) -> tuple[Event, ...]:
    """One event per ``(start, end)`` character span of ``document.text``, in order.

    ``parsed`` is the spaCy parse of the text, ``times`` its time mentions
    (:func:`timeline.temporal.find_times_in_parsed`; none: every event is undated or
    dated by the publication day). Dating rules in the module docstring."""
    if parsed.text != document.text:
        raise InvalidDocumentError(f"document {document.id!r}: the parse is not of this document's text")
    lexicon = load_lexicon()
    time_list = time_spans(parsed, list(times))
    skip = dateline_bounds(document.text)
    own = anchor_mentions(time_list, lexicon, skip)  # token index -> dating by its own time
    by_sentence: dict[int, list[TimeSpan]] = {}
    for time in time_list:
        if is_calendar_mention(time.mention) and not inside(time.mention.start, time.mention.end, skip):
            by_sentence.setdefault(time.span.sent.start, []).append(time)
    story = story_day(parsed, by_sentence, document.published_date)
    banned = time_tokens(time_list) | bounded_tokens(parsed, skip)
    events = []
    for position, (start, end) in enumerate(spans):
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(document.text)):
            raise InvalidDocumentError(f"spans[{position}]: expected 0 <= start < end <= {len(document.text)}, got ({start!r}, {end!r})")
        head = _head(parsed, start, end, position)
        trigger = _trigger(head)
        dating: Optional[Anchoring] = own.get(head.i)
        if dating is not None:
            dating = attrs.evolve(dating, trigger=trigger)
        else:
            here = reference_date(document.text, document.published_date, head.idx)
            dating = inherited_dating(trigger, by_sentence.get(head.sent.start, []), story if here else None, here, lexicon)
        if dating is None:
            dating = Anchoring(trigger=trigger, time=None, when=UNKNOWN_DATE, dated_by="none")
        event = make_event(document, dating, banned, lexicon)
        mention = attrs.evolve(event.mentions[0], trigger_span=(start, end), trigger_text=document.text[start:end])
        events.append(attrs.evolve(event, mentions=(mention,), id=f"{document.id}:{start}"))
    return tuple(events)
