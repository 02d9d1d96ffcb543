"""build_timeline: documents -> times -> events -> one merged, ordered Timeline.

Each document's publication date is the one given, else the one (with its clock time,
when written) in its dateline or byline (:func:`timeline.dateline.infer_published`),
else none: then absolute dates are still placed and relative ones ("last month") stay
unresolved and out of the timeline. The machine clock is never used. All texts are parsed in one ``nlp.pipe`` pass.

By default only events that a time expression dates are kept; ``undated="inherit"``
also dates the other events of each document from their sentence or the publication
date (:mod:`timeline.events.date`), each such mention flagged by its ``dated_by``.

The per-document work is :func:`analyze_document` (a document and its parse in, plain
:class:`DocumentResult` data out); callers that parse on their own, or in other
processes, call it and merge the results with :func:`timeline.merge.merge_events`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from .documents import Document, as_documents
from .errors import DocumentTypeError, InvalidDocumentError
from .events import check_policy, document_events
from .merge import merge, merge_events
from .model import Event, Timeline, TimeMention
from .nlp import parse_texts, resolve_nlp
from .temporal import check_style, find_times_in_parsed, with_publication_date


def _documents(docs: Any, style: str = "auto") -> list[Document]:
    """Checked documents (any iterable, generators included) with their dates filled in
    (a narrative reads no dateline)."""
    if not isinstance(docs, Iterable):
        raise DocumentTypeError(
            f"docs must be an iterable of documents (Document, str or mapping), got {type(docs).__name__}"
        )
    return [with_publication_date(document, style) for document in as_documents(docs)]


@attrs.frozen
class DocumentResult:
    """What one document gives, as plain data (no parse): the document (with the
    publication date it was read with), its time mentions and its events, one mention
    each, in text order. Merging these (:func:`timeline.merge.merge_events`) is
    order-independent, so documents can be analyzed anywhere, in any order."""

    document: Document
    times: tuple[TimeMention, ...]
    events: tuple[Event, ...]


def analyze_document(document: Document, parsed: Doc, *, undated: str = "drop", style: str = "auto") -> DocumentResult:
    """Stages 2-4 for one document and its spaCy parse (of ``document.text``): times,
    dated events and, with ``undated="inherit"``, the events that inherit a date. A
    pure function of its arguments. ``style`` as in :func:`timeline.find_times`."""
    policy = check_policy(undated)
    times = tuple(find_times_in_parsed(document, parsed, style=check_style(style)))
    events = document_events(document, parsed, times, undated=policy)
    return DocumentResult(document=document, times=times, events=events)


def _events(documents: list[Document], nlp: Language, undated: str, style: str) -> list[Event]:
    """Every event of the documents, one mention each, document by document."""
    events: list[Event] = []
    for document, parsed in zip(documents, parse_texts((d.text for d in documents), nlp)):
        events.extend(analyze_document(document, parsed, undated=undated, style=style).events)
    return events


def build_timeline(
    docs: Iterable[Any], *, nlp: Optional[Language] = None, undated: str = "drop", style: str = "auto"
) -> Timeline:
    """Build the timeline of ``docs``: Documents, texts or mappings with ``text`` (and
    optionally ``id``, ``published``, ``title``). ``nlp`` is any spaCy pipeline with a
    parser; the default is the pinned English one. ``undated`` is ``"drop"`` (only
    events a time expression dates) or ``"inherit"`` (also the others, dated from
    their sentence or the publication day; see :mod:`timeline.events.date`). ``style``
    is "news" (the publication date places what the text leaves open), "narrative" (the
    running reference time of the text does: histories, Wikipedia articles; no dateline
    is read) or "auto" (narrative for a document without a publication date); another
    value raises :class:`~timeline.errors.InvalidOptionError`. No input gives an empty
    Timeline."""
    policy = check_policy(undated)
    check_style(style)
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents = _documents(docs, style)
    if not documents:
        return Timeline()
    events = _events(documents, checked_nlp or resolve_nlp(None), policy, style)
    return merge_events(events, documents=[d.id for d in documents])


def extend(
    timeline: Timeline, docs: Iterable[Any], *, nlp: Optional[Language] = None, undated: str = "drop", style: str = "auto"
) -> Timeline:
    """``timeline`` with the events of more documents merged in.

    A document whose id the timeline already holds is refused: its events are in
    already, and adding them again would count one source twice. ``undated`` as in
    :func:`build_timeline`, and so is ``style``."""
    policy = check_policy(undated)
    check_style(style)
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents = _documents(docs, style)
    known = set(timeline.documents)
    for position, document in enumerate(documents):
        if document.id in known:
            raise InvalidDocumentError(f"document #{position}: id {document.id!r} is already in the timeline")
    if not documents:
        return timeline
    events = _events(documents, checked_nlp or resolve_nlp(None), policy, style)
    added = merge_events(events, documents=[d.id for d in documents])
    return merge(timeline, added)
