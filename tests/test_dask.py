"""timeline.dask: the timeline of a dask.bag on a dask.distributed LocalCluster of 2
workers equals the one-process timeline (documents of test_scale.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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


@pytest.mark.parametrize("combine", ["events", "merge"])
@pytest.mark.parametrize("partitions", [1, 3, 8])
def test_dask_build_equals_one_build(client: object, one_process: Timeline, partitions: int, combine: str) -> None:
    """Per-partition analysis and a tree reduction (split_every=2, so the tree has inner
    nodes) give the one-process timeline, whatever the partitioning. On these documents
    the merge mode does too (see the next test for documents where it does not)."""
    bag = dask_bag.from_sequence(list(documents()), npartitions=partitions)
    assert bag.npartitions == partitions
    from timeline import dask as timeline_dask

    assert timeline_dask.build_timeline(bag, split_every=2, combine=combine) == one_process


TIMELINE17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeline17-dev" / "H1N1_bbc" / "InputDocs"


@pytest.mark.benchmark_data
def test_merging_per_document_first_equals_one_merge() -> None:
    """Two Timeline17 articles where merge(build(a), build(b)) once differed from
    build([a, b]) (244's 'closer to a flu pandemic' linked to a report of 406 in one
    build, not after merging): merge now reclusters from the atoms and is exact."""
    if not TIMELINE17.is_dir():
        pytest.skip(f"no data at {TIMELINE17}")
    from timeline import build_timeline
    from timeline.documents import Document
    from timeline.merge import merge

    texts = {}
    for day, name in (("2009-04-27", "244"), ("2009-04-29", "406")):
        path = TIMELINE17 / day / f"{name}.htm.txt"
        texts[name] = Document(path.read_text(encoding="utf-8"), id=f"{day}/{name}", published=day)
    one = build_timeline(list(texts.values()))
    assert merge(build_timeline([texts["244"]]), build_timeline([texts["406"]])) == one


@pytest.mark.parametrize("combine", ["events", "merge"])
def test_dask_refuses_a_document_in_two_partitions(client: object, combine: str) -> None:
    """The same text twice gets the same derived id; no partition sees both."""
    from timeline import dask as timeline_dask

    bag = dask_bag.from_sequence(["It rained on May 3, 2024.", "It rained on May 3, 2024."], npartitions=2)
    with pytest.raises(InvalidDocumentError, match="in two partitions"):
        timeline_dask.build_timeline(bag, combine=combine)


def test_dask_needs_a_bag_and_a_known_combine(client: object) -> None:
    from timeline import dask as timeline_dask

    with pytest.raises(DocumentTypeError, match="dask.bag.Bag"):
        timeline_dask.build_timeline(["text"])
    with pytest.raises(DocumentTypeError, match="combine"):
        timeline_dask.build_timeline(dask_bag.from_sequence(["text"]), combine="reduce")


def test_dask_compute_false_gives_the_lazy_timeline(client: object, one_process: Timeline) -> None:
    """compute=False returns the Dask object; computing it gives the same timeline."""
    from timeline import dask as timeline_dask

    lazy = timeline_dask.build_timeline(dask_bag.from_sequence(list(documents()), npartitions=2), compute=False)
    assert not isinstance(lazy, Timeline)
    assert lazy.compute() == one_process


# A publication date makes "auto" read the text as news ("November 10" before May 3,
# 2024 is 2023-11-10); the narrative style dates it from the year just told (1920).
STORY = (
    {"text": "In 1920 the army regrouped. On November 10, the army attacked the town.", "id": "story", "published": "2024-05-03"},
    {"text": "The rebels seized the capital on May 3, 2024.", "id": "news", "published": "2024-05-03"},
)


@pytest.mark.parametrize("combine", ["events", "merge"])
def test_dask_passes_the_style_to_every_partition(client: object, combine: str) -> None:
    """style="narrative" reaches the workers' analysis: the Dask timeline equals the
    one-process narrative build and differs from the default (news) one."""
    from timeline import build_timeline
    from timeline import dask as timeline_dask

    bag = dask_bag.from_sequence(list(STORY), npartitions=2)
    narrative = timeline_dask.build_timeline(bag, style="narrative", combine=combine)
    assert narrative == build_timeline(list(STORY), style="narrative")
    assert narrative != timeline_dask.build_timeline(bag, combine=combine)
    assert "1920-11-10" in {event.when.value for event in narrative if event.when is not None}


def test_dask_refuses_an_unknown_style(client: object) -> None:
    """A bad style is refused before any work is sent, with InvalidOptionError naming it."""
    from timeline import dask as timeline_dask
    from timeline.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="'story'"):
        timeline_dask.build_timeline(dask_bag.from_sequence(list(STORY)), style="story")
