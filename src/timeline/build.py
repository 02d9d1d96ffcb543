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
from .entities import cluster_entities, document_entities, with_roles
from .errors import DocumentTypeError, InvalidDocumentError
from .events import check_policy, document_events
from .merge import merge, merge_events
from .model import Entity, Event, Timeline, TimeMention
from .nlp import parse_texts, resolve_nlp
from .temporal import find_times_in_parsed, with_publication_date


def _documents(docs: Any) -> list[Document]:
    """Checked documents (any iterable, generators included) with their dates filled in."""
    if not isinstance(docs, Iterable):
        raise DocumentTypeError(
            f"docs must be an iterable of documents (Document, str or mapping), got {type(docs).__name__}"
        )
    return [with_publication_date(document) for document in as_documents(docs)]


@attrs.frozen
class DocumentResult:
    """What one document gives, as plain data (no parse): the document (with the
    publication date it was read with), its time mentions, its events, one mention
    each, in text order, with the roles of their participants, and its entities
    (:mod:`timeline.entities`). Merging these (:func:`timeline.merge.merge_events`, and
    :func:`timeline.entities.cluster_entities` for the entities) is order-independent,
    so documents can be analyzed anywhere, in any order."""

    document: Document
    times: tuple[TimeMention, ...]
    events: tuple[Event, ...]
    entities: tuple[Entity, ...] = ()


def analyze_document(document: Document, parsed: Doc, *, undated: str = "drop") -> DocumentResult:
    """Stages 2-4 for one document and its spaCy parse (of ``document.text``): times,
    dated events and, with ``undated="inherit"``, the events that inherit a date, then
    the document's entities and the roles they play in each event. A pure function of
    its arguments."""
    policy = check_policy(undated)
    times = tuple(find_times_in_parsed(document, parsed))
    events = document_events(document, parsed, times, undated=policy)
    found = document_entities(document, parsed)
    return DocumentResult(
        document=document, times=times, events=tuple(with_roles(events, parsed, found)), entities=found.entities
    )


def _events(documents: list[Document], nlp: Language, undated: str) -> tuple[list[Event], list[Entity]]:
    """Every event of the documents, one mention each, and every document's entities,
    document by document."""
    events: list[Event] = []
    entities: list[Entity] = []
    for document, parsed in zip(documents, parse_texts((d.text for d in documents), nlp)):
        result = analyze_document(document, parsed, undated=undated)
        events.extend(result.events)
        entities.extend(result.entities)
    return events, entities


def timeline_of(results: Iterable[DocumentResult], *, documents: Iterable[str] = ()) -> Timeline:
    """One timeline from per-document results: the events merged and ordered, the
    entities clustered across the documents."""
    events: list[Event] = []
    entities: list[Entity] = []
    ids = list(documents)
    for result in results:
        events.extend(result.events)
        entities.extend(result.entities)
        ids.append(result.document.id)
    merged = merge_events(events, documents=ids)
    return attrs.evolve(merged, entity_table=cluster_entities(entities))


def build_timeline(docs: Iterable[Any], *, nlp: Optional[Language] = None, undated: str = "drop") -> Timeline:
    """Build the timeline of ``docs``: Documents, texts or mappings with ``text`` (and
    optionally ``id``, ``published``, ``title``). ``nlp`` is any spaCy pipeline with a
    parser; the default is the pinned English one. ``undated`` is ``"drop"`` (only
    events a time expression dates) or ``"inherit"`` (also the others, dated from
    their sentence or the publication day; see :mod:`timeline.events.date`). No input
    gives an empty Timeline."""
    policy = check_policy(undated)
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents = _documents(docs)
    if not documents:
        return Timeline()
    events, entities = _events(documents, checked_nlp or resolve_nlp(None), policy)
    merged = merge_events(events, documents=[d.id for d in documents])
    return attrs.evolve(merged, entity_table=cluster_entities(entities))


def extend(
    timeline: Timeline, docs: Iterable[Any], *, nlp: Optional[Language] = None, undated: str = "drop"
) -> Timeline:
    """``timeline`` with the events of more documents merged in.

    A document whose id the timeline already holds is refused: its events are in
    already, and adding them again would count one source twice. ``undated`` as in
    :func:`build_timeline`."""
    policy = check_policy(undated)
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents = _documents(docs)
    known = set(timeline.documents)
    for position, document in enumerate(documents):
        if document.id in known:
            raise InvalidDocumentError(f"document #{position}: id {document.id!r} is already in the timeline")
    if not documents:
        return timeline
    events, entities = _events(documents, checked_nlp or resolve_nlp(None), policy)
    added = merge_events(events, documents=[d.id for d in documents])
    return merge(timeline, attrs.evolve(added, entity_table=cluster_entities(entities)))
