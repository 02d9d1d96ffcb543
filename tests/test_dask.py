"""timeline.dask: the timeline of a dask.bag on a dask.distributed LocalCluster of 2
workers equals the one-process timeline (documents of test_scale.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_scale import documents, one_process  # noqa: F401  (fixture)

from timeline.errors import DocumentTypeError, InvalidDocumentError
from timeline.model import Timeline

dask_bag = pytest.importorskip("dask.bag", reason="the dask extra is not installed (pip install '.[dask]')")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """Two in-process workers, one thread each: the test checks the reduction, not speed
    (benchmarks/scale_out.py measures that with worker processes)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.mark.parametrize("partitions", [1, 3, 8])
def test_dask_build_equals_one_build(client: object, one_process: Timeline, partitions: int) -> None:
    """Per-partition analysis and a tree reduction with merge (split_every=2, so the
    tree has inner nodes) give the one-process timeline, whatever the partitioning."""
    bag = dask_bag.from_sequence(list(documents()), npartitions=partitions)
    assert bag.npartitions == partitions
    from timeline import dask as timeline_dask

    assert timeline_dask.build_timeline(bag, split_every=2) == one_process


def test_dask_refuses_a_document_in_two_partitions(client: object) -> None:
    from timeline import dask as timeline_dask

    bag = dask_bag.from_sequence(["It rained on May 3, 2024.", "It rained on May 3, 2024."], npartitions=2)
    with pytest.raises(InvalidDocumentError, match="in two partitions"):
        timeline_dask.build_timeline(bag)


def test_dask_needs_a_bag() -> None:
    from timeline import dask as timeline_dask

    with pytest.raises(DocumentTypeError, match="dask.bag.Bag"):
        timeline_dask.build_timeline(["text"])
