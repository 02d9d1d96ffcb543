"""Stage 4c: events a caller brings, at given character spans of a document.

The library finds events itself (:mod:`timeline.events`, :mod:`timeline.inherit`); an
annotated corpus (ECB+ gold event mentions) or another event detector already knows
where they are. :func:`events_at` makes one :class:`~timeline.model.Event` per given
span, with the usual attachments: the trigger is the span's syntactic head, the
summary, participants and flags are read off the parse as for the library's own
events, and the date is the one the library would give the word:

1. a time expression that anchors to the trigger (the walk of
   :func:`timeline.events.document_events`, ``dated_by="time"``);
2. else the inherited date of :mod:`timeline.events.date` (sentence, narrative, story
   day, publication day);
3. else none: ``when`` is the unknown date ``XXXX-XX-XX`` (no interval) and
   ``dated_by="none"``. Such events are kept here, one per span, so that a caller can
   cluster them (:func:`timeline.merge.clustering.cluster_events`); the timeline
   (:func:`timeline.merge.merge_events`) leaves them out, as it leaves out every event
   it cannot place.

The mention's ``trigger_span`` and ``trigger_text`` are the given span and its text
(several words stay several words: "took over"); the result is in the order of the
spans, one event each. A pure function of its arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from spacy.tokens import Doc, Span, Token

from ..documents import Document
from ..errors import DocumentTypeError, InvalidDocumentError
from . import Anchoring, document_events, load_lexicon, make_event
from ._parse import Trigger, bounded_tokens, dateline_bounds, is_clause_verb, time_spans, time_tokens, verb_trigger
from ..model import Event, TimeMention, TimeValue

UNKNOWN_DATE = TimeValue(value="XXXX-XX-XX", type="DATE")
"""The ``when`` of a given event that nothing dates (no interval: not on the timeline)."""


def _head(parsed: Doc, start: int, end: int, position: int) -> Token:
    """The syntactic head of the tokens covering ``[start, end)``."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        raise InvalidDocumentError(f"spans[{position}]: ({start}, {end}) covers no token of the document")
    return span.root


def events_at(
    document: Document,
    parsed: Doc,
    spans: Sequence[tuple[int, int]],
    *,
    times: Iterable[TimeMention] = (),
) -> tuple[Event, ...]:
    """One event per ``(start, end)`` character span of ``document.text``, in order.

    ``parsed`` is the spaCy parse of the text, ``times`` its time mentions
    (:func:`timeline.times.temporal.find_times_in_parsed`; none: every event is undated or
    dated by the publication day). The spans are handed to
    :func:`timeline.events.document_events` as its detector (``undated="inherit"``), so
    attachment, dating and description are the library's own; a span that gets no
    date there is described undated (``dated_by="none"``)."""
    if not isinstance(document, Document):
        raise DocumentTypeError(f"document must be a timeline.Document, got {type(document).__name__}")
    if not isinstance(parsed, Doc):
        raise DocumentTypeError(f"parsed must be a spaCy Doc, got {type(parsed).__name__}")
    if isinstance(spans, (str, bytes)) or not isinstance(spans, Iterable):
        raise DocumentTypeError(f"spans must be a sequence of (start, end) pairs, got {type(spans).__name__}")
    if parsed.text != document.text:
        raise InvalidDocumentError(f"document {document.id!r}: the parse is not of this document's text")
    heads: list[Token] = []
    for position, span in enumerate(spans):
        if not (isinstance(span, (tuple, list)) and len(span) == 2):
            raise InvalidDocumentError(f"spans[{position}]: expected a (start, end) pair, got {span!r:.80}")
        start, end = span
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(document.text)):
            raise InvalidDocumentError(f"spans[{position}]: expected 0 <= start < end <= {len(document.text)}, got ({start!r}, {end!r})")
        heads.append(_head(parsed, start, end, position))
    time_list = list(times)

    def given_words(doc: Doc) -> list[Span | Token]:
        return list(heads)

    found = document_events(document, parsed, time_list, undated="inherit", detect=given_words, keep_reporting=True)
    by_start: dict[int, Event] = {}
    for event in found:
        by_start.setdefault(event.mentions[0].trigger_span[0], event)
    lexicon = load_lexicon()
    skip = dateline_bounds(document.text)
    filed = bounded_tokens(parsed, skip)
    banned = time_tokens(time_spans(parsed, time_list)) | filed
    events = []
    for (start, end), head in zip(spans, heads):
        dated = by_start.get(head.idx)
        if dated is not None:
            event = dated
        else:
            trigger = verb_trigger(head, lexicon) if is_clause_verb(head) else Trigger(token=head, clause=None)
            dating = Anchoring(trigger=trigger, time=None, when=UNKNOWN_DATE, dated_by="none")
            event = make_event(document, dating, banned, lexicon, filed=filed)
        mention = attrs.evolve(event.mentions[0], trigger_span=(start, end), trigger_text=document.text[start:end])
        events.append(attrs.evolve(event, mentions=(mention,), id=f"{document.id}:{start}"))
    return tuple(events)


__all__ = [
    "UNKNOWN_DATE", "events_at"
]
