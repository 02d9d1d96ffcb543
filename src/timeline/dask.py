"""Scale-out on Dask: the timeline of a ``dask.bag.Bag`` of documents, built on a
cluster (or any Dask scheduler).

Each partition is analyzed where it lives (:func:`timeline.build.read_documents`, then
:func:`timeline.build.analyze_documents`: parse, times, events, with the worker's own
pipeline, loaded once per worker process) and merged into a partition timeline
(:func:`timeline.merge.merge_events`); the partition timelines are then combined by a
tree reduction (``split_every`` at a time) with the library's :func:`timeline.merge.merge`,
which is commutative and associative, so the result is the timeline one
:func:`timeline.build_timeline` call gives on the same documents. Only events travel
between workers, never parses.

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
from .inherit import check_policy
from .merge import merge, merge_events
from .model import Timeline
from .outputs_tables import MissingExtraError

try:  # the extra; a clear error at call time when it is missing
    import dask.bag as _dask_bag
except ImportError:  # pragma: no cover - depends on the environment
    _dask_bag = None  # type: ignore[assignment]


def partition_timeline(items: Iterable[Any], *, undated: str = "drop", batch_size: int = 16, nlp: Any = None) -> Timeline:
    """The timeline of one partition's documents (runs on a worker)."""
    documents, dates = read_documents(list(items))
    if not documents:
        return Timeline()
    results = analyze_documents(documents, nlp=nlp, undated=undated, batch_size=batch_size)
    events = [event for result in results for event in result.events]
    return attrs.evolve(merge_events(events, documents=[d.id for d in documents]), publication_dates=dates)


def combine_timelines(timelines: Iterable[Timeline]) -> Timeline:
    """Merge partition timelines (one node of the tree reduction); refuses a document
    id that two of them hold (one source would count twice)."""
    combined = Timeline()
    for timeline in timelines:
        shared = set(combined.documents) & set(timeline.documents)
        if shared:
            raise InvalidDocumentError(
                f"document id {sorted(shared)[0]!r} is in two partitions of the bag; give every document its own id"
            )
        combined = merge(combined, timeline) if combined.documents else timeline
    return combined


def build_timeline(
    bag: Any,
    *,
    undated: str = "drop",
    batch_size: int = 16,
    split_every: int = 8,
    nlp: Optional[Any] = None,
    compute: bool = True,
) -> Any:
    """The timeline of the documents in ``bag`` (a ``dask.bag.Bag`` of Documents,
    texts or mappings, as :func:`timeline.build_timeline` takes), equal to a one-process
    build. ``undated`` as there; ``batch_size`` documents per ``nlp.pipe`` batch on a
    worker; ``split_every`` partition timelines merged per node of the reduction tree;
    ``nlp`` a pipeline to ship to the workers (default: each worker loads the pinned
    English one). With ``compute=False`` the lazy Dask object is returned (its
    ``.compute()`` gives the Timeline); else the Timeline, computed on the current
    scheduler (a ``distributed.Client`` when one is active)."""
    if _dask_bag is None:
        raise MissingExtraError("timeline.dask needs dask: pip install 'news-timeline[dask]'")
    if not isinstance(bag, _dask_bag.Bag):
        raise DocumentTypeError(f"bag must be a dask.bag.Bag, got {type(bag).__name__} (see dask.bag.from_sequence)")
    policy = check_policy(undated)
    for name, value in (("batch_size", batch_size), ("split_every", split_every)):
        if isinstance(value, bool) or not isinstance(value, int) or value < (1 if name == "batch_size" else 2):
            raise DocumentTypeError(f"{name} must be an int of at least {1 if name == 'batch_size' else 2}, got {value!r}")
    per_partition = functools.partial(partition_timeline, undated=policy, batch_size=batch_size, nlp=nlp)
    lazy = bag.reduction(per_partition, combine_timelines, split_every=split_every)
    return lazy.compute() if compute else lazy
