"""Scale-out on Dask: the timeline of a ``dask.bag.Bag`` of documents, built on a
cluster (or any Dask scheduler).

Each partition is analyzed where it lives (:func:`timeline.build.read_documents`, then
:func:`timeline.build.analyze_documents`: parse, times, events, with the worker's own
pipeline, loaded once per worker process); then a tree reduction (``split_every``
results per node) brings the results together. Only events travel between workers,
never parses. Two ways to combine:

* ``combine="events"`` (the default): each node of the tree concatenates the
  per-document events (one mention each) and the root merges them once with
  :func:`timeline.merge.merge_events`, exactly as one :func:`timeline.build_timeline`
  call does, so the result is that timeline whatever the partitioning.
* ``combine="merge"``: each partition is merged into a timeline on its worker and each
  node merges timelines with :func:`timeline.merge.merge`, so less travels up the tree.
  Merging in any grouping gives the one-build timeline (a merged timeline keeps the
  events it was built from in ``Timeline.atoms`` and reclusters from them; see
  docs/design.md, "The clustering contract"), so this equals one build too
  (``tests/test_dask.py``); the atoms travel up the tree, so it saves no traffic over
  ``"events"``, which stays the default.

Needs the ``dask`` extra (``pip install 'news-timeline[dask]'``: dask and
distributed). A real cluster::

    from dask.distributed import Client
    import dask.bag as db
    import timeline.dask

    client = Client("tcp://scheduler:8786")          # each worker has news-timeline installed
    bag = db.from_sequence(documents, partition_size=64)   # dicts, Documents or texts
    tl = timeline.dask.build_timeline(bag)
    tl.to_html("timeline.html")

Documents must have distinct ids across the whole bag (give ``id`` explicitly: a
partition cannot see the others), else :class:`~timeline.errors.InvalidDocumentError`
names the id found twice.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Optional

import attrs

from .build import analyze_documents, read_documents
from .errors import DocumentTypeError, InvalidDocumentError
from .events import check_policy
from .entities import cluster_entities
from .merge import merge, merge_events
from .model import Timeline
from .model import Entity, Event, PublicationDate
from .times.temporal import check_style
from .outputs.tabular import MissingExtraError

try:  # the extra; a clear error at call time when it is missing
    import dask.bag as _dask_bag
except ImportError:  # pragma: no cover - depends on the environment
    _dask_bag = None  # type: ignore[assignment]


def partition_timeline(
    items: Iterable[Any], *, undated: str = "drop", batch_size: int = 16, nlp: Any = None, style: str = "auto"
) -> Timeline:
    """The timeline of one partition's documents (runs on a worker): its
    :func:`partition_events` merged as at the root (:func:`merge_analyzed`; the
    publication dates come sorted by id already)."""
    return merge_analyzed(partition_events(items, undated=undated, batch_size=batch_size, nlp=nlp, style=style))


@attrs.frozen
class Analyzed:
    """The per-document events (one mention each, not merged) of some documents, with
    their ids and publication dates: what travels up the tree with combine="events"."""

    events: tuple[Event, ...] = ()
    documents: tuple[str, ...] = ()
    publication_dates: tuple[PublicationDate, ...] = ()
    entities: tuple[Entity, ...] = ()  # per document, clustered at the root


def partition_events(
    items: Iterable[Any], *, undated: str = "drop", batch_size: int = 16, nlp: Any = None, style: str = "auto"
) -> Analyzed:
    """The per-document events of one partition's documents (runs on a worker)."""
    documents, dates = read_documents(list(items), style)
    if not documents:
        return Analyzed()
    results = list(analyze_documents(documents, nlp=nlp, undated=undated, batch_size=batch_size, style=style))
    events = tuple(event for result in results for event in result.events)
    entities = tuple(entity for result in results for entity in result.entities)
    return Analyzed(events=events, documents=tuple(d.id for d in documents), publication_dates=dates, entities=entities)


def _check_distinct(seen: set[str], documents: Iterable[str]) -> None:
    shared = seen & set(documents)
    if shared:
        raise InvalidDocumentError(
            f"document id {sorted(shared)[0]!r} is in two partitions of the bag; give every document its own id"
        )


def combine_analyzed(parts: Iterable[Analyzed]) -> Analyzed:
    """Concatenate analyzed parts (one node of the tree); refuses a document id that two
    of them hold (one source would count twice)."""
    events: list[Event] = []
    documents: list[str] = []
    dates: list[PublicationDate] = []
    entities: list[Entity] = []
    for part in parts:
        _check_distinct(set(documents), part.documents)
        events.extend(part.events)
        documents.extend(part.documents)
        dates.extend(part.publication_dates)
        entities.extend(part.entities)
    return Analyzed(
        events=tuple(events), documents=tuple(documents), publication_dates=tuple(dates), entities=tuple(entities)
    )


def merge_analyzed(analyzed: Analyzed) -> Timeline:
    """The root of the tree: one merge of every per-document event, as build_timeline."""
    if not analyzed.documents:
        return Timeline()
    merged = merge_events(analyzed.events, documents=analyzed.documents)
    dates = tuple(sorted(analyzed.publication_dates, key=lambda d: d.doc_id))
    return attrs.evolve(merged, publication_dates=dates, entity_table=cluster_entities(analyzed.entities))


def combine_timelines(timelines: Iterable[Timeline]) -> Timeline:
    """Merge partition timelines (one node of the tree reduction); refuses a document
    id that two of them hold (one source would count twice)."""
    combined = Timeline()
    for timeline in timelines:
        _check_distinct(set(combined.documents), timeline.documents)
        combined = merge(combined, timeline) if combined.documents else timeline
    return combined


def build_timeline(
    bag: Any,
    *,
    undated: str = "drop",
    batch_size: int = 16,
    split_every: int = 8,
    nlp: Optional[Any] = None,
    combine: str = "events",
    compute: bool = True,
    style: str = "auto",
) -> Any:
    """The timeline of the documents in ``bag`` (a ``dask.bag.Bag`` of Documents,
    texts or mappings, as :func:`timeline.build_timeline` takes), equal to a one-process
    build. ``undated`` as there; ``batch_size`` documents per ``nlp.pipe`` batch on a
    worker; ``split_every`` partition timelines merged per node of the reduction tree;
    ``nlp`` a pipeline to ship to the workers (default: each worker loads the pinned
    English one); ``combine`` is ``"events"`` or ``"merge"`` (see the module); ``style``
    ("auto", "news" or "narrative") as in :func:`timeline.build_timeline`, passed to
    every partition's analysis. With ``compute=False`` the lazy Dask object is returned (its
    ``.compute()`` gives the Timeline); else the Timeline, computed on the current
    scheduler (a ``distributed.Client`` when one is active)."""
    if _dask_bag is None:
        raise MissingExtraError("timeline.dask needs dask: pip install 'news-timeline[dask]'")
    if not isinstance(bag, _dask_bag.Bag):
        raise DocumentTypeError(f"bag must be a dask.bag.Bag, got {type(bag).__name__} (see dask.bag.from_sequence)")
    policy = check_policy(undated)
    style = check_style(style)
    for name, value in (("batch_size", batch_size), ("split_every", split_every)):
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if name == "batch_size" else 2):
            raise DocumentTypeError(f"{name} must be an int of at least {1 if name == 'batch_size' else 2}, got {value!r}")
    options: dict[str, Any] = {"undated": policy, "batch_size": batch_size, "nlp": nlp, "style": style}
    if combine == "events":
        events_of = functools.partial(partition_events, **options)
        lazy = bag.reduction(events_of, combine_analyzed, split_every=split_every).apply(merge_analyzed)
    elif combine == "merge":
        timeline_of = functools.partial(partition_timeline, **options)
        lazy = bag.reduction(timeline_of, combine_timelines, split_every=split_every)
    else:
        raise DocumentTypeError(f"combine must be 'events' or 'merge', got {combine!r}")
    return lazy.compute() if compute else lazy


__all__ = [
    "Analyzed", "build_timeline", "combine_analyzed", "combine_timelines", "merge_analyzed", "partition_events",
    "partition_timeline"
]
