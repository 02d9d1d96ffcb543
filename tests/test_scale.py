"""Scale-out: build_timeline(n_process=2) and timeline.dask.build_timeline on a
dask.distributed LocalCluster of 2 workers give exactly the one-process timeline.

The documents are the two seed articles and short articles that share events with them
and with each other (the same pact, the same coup told with other words and dates), so
that merges across partitions happen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline import build_timeline
from timeline.documents import Document
from timeline.errors import DocumentTypeError, InvalidDocumentError
from timeline.model import Timeline

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SHORT = (
    ("s1", "2023-09-17", "Niger, Mali and Burkina Faso signed a mutual defense pact on Saturday, officials said."),
    ("s2", "2023-08-01", "Niger's government fell in a coup in July, when soldiers detained President Mohamed Bazoum."),
    ("s3", "2023-08-24", "Yevgeny Prigozhin died in a plane crash on Wednesday, Russian officials said."),
    ("s4", "2023-09-10", "Niger accused France on Saturday of plotting to invade the country."),
    ("s5", "2024-04-13", "Russian military instructors arrived in Niger on Wednesday with air defense equipment."),
    ("s6", "2023-07-30", "Thousands protested in Niamey on Sunday in support of the junta."),
)


def documents() -> Iterator[Document]:
    for prefix, published in (("000", "2024-05-03"), ("004", "2023-09-18")):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        yield Document(text=path.read_text(encoding="utf-8"), id=prefix, published=published)
    for doc_id, published, text in SHORT:
        yield Document(text=text, id=doc_id, published=published)


@pytest.fixture(scope="module")
def one_process() -> Timeline:
    return build_timeline(list(documents()))


def test_n_process_2_gives_the_one_process_timeline(one_process: Timeline) -> None:
    """Two spawned workers, 3 documents per task: the same Timeline, publication dates
    included; the progress callback counts every document once."""
    done: list[int] = []
    two = build_timeline(list(documents()), n_process=2, batch_size=3, progress=done.append)
    assert two == one_process
    assert sum(done) == len(SHORT) + 2
    assert len(one_process) >= 8


@pytest.mark.parametrize("value", [0, -1, 1.5, True])
def test_n_process_and_batch_size_must_be_positive_ints(value: object) -> None:
    with pytest.raises(DocumentTypeError, match="positive int"):
        build_timeline(["x"], n_process=value)  # type: ignore[arg-type]
    with pytest.raises(DocumentTypeError, match="positive int"):
        build_timeline(["x"], batch_size=value)  # type: ignore[arg-type]
