"""build_timeline: documents -> times -> events -> one merged, ordered Timeline.

Each document's publication date is the one given, else the one (with its clock time,
when written) in its dateline or byline (:func:`timeline.documents.dateline.infer_published`),
else none: then absolute dates are still placed and relative ones ("last month") stay
unresolved and out of the timeline. The machine clock is never used. All texts are parsed in one ``nlp.pipe`` pass.

By default only events that a time expression dates are kept; ``undated="inherit"``
also dates the other events of each document from their sentence or the publication
date (:mod:`timeline.events.date`), each such mention flagged by its ``dated_by``.

The per-document work is :func:`analyze_document` (a document and its parse in, plain
:class:`DocumentResult` data out); callers that parse on their own, or in other
processes, call it and merge the results with :func:`timeline.merge.merge_events`
(parsing with :func:`timeline.nlp.parse_texts`, as here, gives the same timeline: it
starts a sentence after each blank line, which a plain ``nlp(text)`` does not).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Optional

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from .documents import Document, as_documents
from .entities import cluster_entities, document_entities, with_roles
from .errors import DocumentTypeError, InvalidDocumentError
from .events import Detector, check_policy, document_events
from .merge import merge, merge_events
from .model import Entity, Event, PublicationDate, Timeline, TimeMention
from .nlp import parse_texts, reads_parse, resolve_nlp
from .times.temporal import check_style, find_times_in_parsed, with_publication_date

Progress = Callable[[int], None]
"""Called with the number of documents just analyzed (for progress bars)."""


def publication_date(given: Document, used: Document) -> PublicationDate:
    """Where the publication date ``used`` was read with comes from: ``given`` is the
    document as the caller passed it, ``used`` the same with the dateline's date filled in."""
    if given.published is not None:
        return PublicationDate(given.id, given.published, "given")
    if used.published is not None:
        return PublicationDate(used.id, used.published, "dateline")
    return PublicationDate(used.id, None, "none")


def read_documents(docs: Any, style: str = "auto") -> tuple[list[Document], tuple[PublicationDate, ...]]:
    """Checked documents (any iterable, generators included) with their dates filled in
    from their datelines, and where each one's date comes from (sorted by id)."""
    if not isinstance(docs, Iterable):
        raise DocumentTypeError(
            f"docs must be an iterable of documents (Document, str or mapping), got {type(docs).__name__}"
        )
    given = as_documents(docs)
    used = [with_publication_date(document, style) for document in given]  # a narrative reads no dateline
    dates = sorted((publication_date(g, u) for g, u in zip(given, used)), key=lambda d: d.doc_id)
    return used, tuple(dates)
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


@reads_parse  # the stages share what they read of the parse (its sentences, its text)
def analyze_document(
    document: Document, parsed: Doc, *, undated: str = "drop", detect: Optional[Detector] = None, style: str = "auto"
) -> DocumentResult:
    """Stages 2-4 for one document and its spaCy parse (of ``document.text``): times,
    dated events and, with ``undated="inherit"``, the events that inherit a date, then
    the document's entities and the roles they play in each event. A pure function of
    its arguments. ``detect`` replaces the event detector (see
    :func:`timeline.events.document_events`); ``style`` as in :func:`timeline.find_times`."""
    policy = check_policy(undated)
    times = tuple(find_times_in_parsed(document, parsed, style=check_style(style)))
    events = document_events(document, parsed, times, undated=policy, detect=detect)
    found = document_entities(document, parsed)
    return DocumentResult(
        document=document, times=times, events=tuple(with_roles(events, parsed, found)), entities=found.entities
    )


def _check_positive(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DocumentTypeError(f"{name} must be a positive int, got {value!r}")
    return value


def analyze_documents(
    documents: Sequence[Document],
    *,
    nlp: Optional[Language] = None,
    undated: str = "drop",
    batch_size: int = 16,
    progress: Optional[Progress] = None,
    style: str = "auto",
) -> Iterator[DocumentResult]:
    """:func:`analyze_document` for each document (parsed with ``nlp.pipe`` in batches
    of ``batch_size``), in order, in this process. ``documents`` must already carry the
    publication dates they are to be read with (:func:`read_documents`)."""
    policy = check_policy(undated)
    pipeline = resolve_nlp(nlp)
    for document, parsed in zip(documents, parse_texts((d.text for d in documents), pipeline, batch_size=batch_size)):
        yield analyze_document(document, parsed, undated=policy, style=style)
        if progress is not None:
            progress(1)


# One pipeline per worker process, set by the pool's initializer (None: the default).
_worker_nlp: Optional[Language] = None


def _init_worker(nlp: Optional[Language]) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _analyze_batch(batch: list[Document], undated: str, batch_size: int, style: str = "auto") -> list[DocumentResult]:
    return list(analyze_documents(batch, nlp=_worker_nlp, undated=undated, batch_size=batch_size, style=style))


def _analyze_batch_args(args: tuple[list[Document], str, int, str]) -> list[DocumentResult]:
    return _analyze_batch(*args)


def analyze_in_processes(
    documents: Sequence[Document],
    *,
    n_process: int,
    nlp: Optional[Language] = None,
    undated: str = "drop",
    batch_size: int = 16,
    progress: Optional[Progress] = None,
    style: str = "auto",
) -> Iterator[DocumentResult]:
    """:func:`analyze_document` for each document in ``n_process`` worker processes
    (spawned: each loads the pipeline once, the default one or a pickled copy of
    ``nlp``), ``batch_size`` documents per task; results in document order. The whole
    analysis runs in the workers (parse, times, events), so the speed-up is near
    linear in the cores; only the merge stays in the caller."""
    policy = check_policy(undated)
    batches = [list(documents[i : i + batch_size]) for i in range(0, len(documents), batch_size)]
    context = multiprocessing.get_context("spawn")  # no fork of a process that holds threads
    with context.Pool(processes=min(n_process, len(batches)), initializer=_init_worker, initargs=(nlp,)) as pool:
        for results in pool.imap(_analyze_batch_args, [(batch, policy, batch_size, style) for batch in batches]):
            yield from results
            if progress is not None:
                progress(len(results))


def _events(
    documents: list[Document],
    nlp: Optional[Language],
    undated: str,
    *,
    n_process: int = 1,
    batch_size: int = 16,
    progress: Optional[Progress] = None,
    style: str = "auto",
) -> tuple[list[Event], list[Entity]]:
    """Every event of the documents, one mention each, and every document's entities,
    document by document."""
    if n_process > 1 and len(documents) > 1:
        results = analyze_in_processes(
            documents, n_process=n_process, nlp=nlp, undated=undated, batch_size=batch_size, progress=progress, style=style
        )
    else:
        results = analyze_documents(
            documents, nlp=nlp, undated=undated, batch_size=batch_size, progress=progress, style=style
        )
    events: list[Event] = []
    entities: list[Entity] = []
    for result in results:
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


def build_timeline(
    docs: Iterable[Any],
    *,
    nlp: Optional[Language] = None,
    undated: str = "drop",
    n_process: int = 1,
    batch_size: int = 16,
    progress: Optional[Progress] = None,
    style: str = "auto",
) -> Timeline:
    """Build the timeline of ``docs``: Documents, texts or mappings with ``text`` (and
    optionally ``id``, ``published``, ``title``). ``nlp`` is any spaCy pipeline with a
    parser; the default is the pinned English one. ``undated`` is ``"drop"`` (only
    events a time expression dates), ``"inherit"`` (also the others, dated from
    their sentence or the publication day; see :mod:`timeline.events.date`) or
    ``"inherit_events"`` (the same without the verbs the learned event detector reads
    as states, :mod:`timeline.events.learned`). ``style``
    is "news" (the publication date places what the text leaves open), "narrative" (the
    running reference time of the text does: histories, Wikipedia articles; no dateline
    is read) or "auto" (narrative for a document without a publication date); another
    value raises :class:`~timeline.errors.InvalidOptionError`. No input gives an empty
    Timeline.

    ``n_process`` > 1 analyzes the documents in that many worker processes
    (:func:`analyze_in_processes`; worth it from a few dozen articles: each worker
    loads the pipeline first), ``batch_size`` documents at a time; the timeline is the
    same as with one process (the workers are spawned, so a script that calls it
    needs the usual ``if __name__ == "__main__":`` guard). ``progress`` is called with the number of documents
    done as they finish. For a cluster, see :mod:`timeline.dask`.

    ``Timeline.publication_dates`` tells each document's publication date as used
    (given, from its dateline, or none)."""
    policy = check_policy(undated)
    style = check_style(style)
    n_process = _check_positive("n_process", n_process)
    batch_size = _check_positive("batch_size", batch_size)
    if progress is not None and not callable(progress):
        # checked now: a wrong one raised TypeError after the first document was analyzed
        raise DocumentTypeError(f"progress must be a callable taking the number of documents done, or None, got {type(progress).__name__} {progress!r:.80}")
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents, dates = read_documents(docs, style)
    if not documents:
        return Timeline()
    events, entities = _events(
        documents, checked_nlp, policy, n_process=n_process, batch_size=batch_size, progress=progress, style=style
    )
    merged = merge_events(events, documents=[d.id for d in documents])
    return attrs.evolve(merged, publication_dates=dates, entity_table=cluster_entities(entities))


def extend(
    timeline: Timeline, docs: Iterable[Any], *, nlp: Optional[Language] = None, undated: str = "drop", style: str = "auto"
) -> Timeline:
    """``timeline`` with the events of more documents merged in.

    A document whose id the timeline already holds is refused: its events are in
    already, and adding them again would count one source twice. ``undated`` as in
    :func:`build_timeline`, and so is ``style``."""
    policy = check_policy(undated)
    style = check_style(style)
    if not isinstance(timeline, Timeline):
        raise DocumentTypeError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    checked_nlp = resolve_nlp(nlp) if nlp is not None else None
    documents, dates = read_documents(docs, style)
    known = set(timeline.documents)
    for position, document in enumerate(documents):
        if document.id in known:
            raise InvalidDocumentError(f"document #{position}: id {document.id!r} is already in the timeline")
    if not documents:
        return timeline
    events, entities = _events(documents, checked_nlp, policy, style=style)
    added = merge_events(events, documents=[d.id for d in documents])
    return merge(timeline, attrs.evolve(added, publication_dates=dates, entity_table=cluster_entities(entities)))


__all__ = [
    "DocumentResult", "Progress", "analyze_document", "analyze_documents", "analyze_in_processes",
    "build_timeline", "extend", "publication_date", "read_documents", "timeline_of"
]
