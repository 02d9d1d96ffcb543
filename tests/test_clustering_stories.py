"""Tests of the predicted document stories of timeline.merge.clustering (document clustering
before event clustering: :func:`document_stories`, :func:`stories`, the ``story_of`` and
``within_story`` parameters of :func:`cluster_events`) and of the reporting-verb pair
features, and of the training tools (``fit_logistic``, ``tools/clustering_cv.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from event_builders import one_mention_event
from tool_modules import load_tool

from timeline.merge.clustering import cluster_events, document_stories, pair_table, stories
from timeline.documents import Document
from timeline.events.given import events_at
from timeline.model import Event
from timeline.nlp import resolve_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return resolve_nlp(None)


# --------------------------------------------------------------------------- stories


def _unit(**weights: float) -> dict[str, float]:
    norm = sum(v * v for v in weights.values()) ** 0.5
    return {word: value / norm for word, value in weights.items()}


# Two stories of three documents each ({a1, a2, a3} share "x", {b1, b2, b3} share "y"),
# and "short", which shares a little with the b story only (cosine 0.05 with b1 and b2).
VECTORS = {
    "a1": _unit(x=1.0, p=1.0),
    "a2": _unit(x=1.0, q=1.0),
    "a3": _unit(x=1.0, r=1.0),
    "b1": _unit(y=1.0, s=1.0),
    "b2": _unit(y=1.0, t=1.0),
    "b3": _unit(y=1.0, u=1.0),
    "short": {"s": 0.05 * 2**0.5, "t": 0.05 * 2**0.5, "z": (1 - 2 * 0.005) ** 0.5},
}


def test_stories_group_documents_and_attach_a_small_story_to_the_closest_one() -> None:
    """Average linkage over the cosines makes the two stories; the short document, below
    the story threshold with every other one, joins the story it is closest to on average
    (2 x 0.05 / 3 = 0.033 >= 0.02), and stays alone without attaching or when the attach
    threshold is higher than that average."""
    grouped = stories(VECTORS)
    assert grouped["a1"] == grouped["a2"] == grouped["a3"]
    assert grouped["b1"] == grouped["b2"] == grouped["b3"] == grouped["short"]
    assert grouped["a1"] != grouped["b1"]
    alone = stories(VECTORS, attach_size=0)
    assert alone["short"] not in {alone["a1"], alone["b1"]}
    assert stories(VECTORS, attach_threshold=0.04)["short"] == alone["short"]


def test_stories_never_attach_to_another_small_story() -> None:
    """With no story larger than ``attach_size``, nothing is attached."""
    vectors = {"one": _unit(x=1.0), "two": _unit(x=1.0, y=3.0), "three": _unit(z=1.0)}
    grouped = stories(vectors, threshold=0.9, attach_size=2)
    assert len(set(grouped.values())) == 3


@settings(max_examples=30, deadline=None)
@given(st.permutations(sorted(VECTORS)))
def test_stories_do_not_depend_on_the_order_of_the_documents(order: list[str]) -> None:
    """Story numbers follow the sorted document ids, whatever order the mapping has."""
    assert stories({doc_id: VECTORS[doc_id] for doc_id in order}) == stories(VECTORS)


QUAKES = {
    "chile1": "A magnitude 8.8 earthquake struck central Chile on Saturday, killing 214 people in Concepcion.",
    "chile2": "The magnitude 8.8 earthquake in central Chile killed 214 people; Concepcion was hit hardest.",
    "chile3": "Rescuers searched Concepcion after the magnitude 8.8 earthquake in central Chile.",
    "haiti1": "A magnitude 7.0 earthquake devastated Port-au-Prince, Haiti, on Tuesday.",
    "haiti2": "In Port-au-Prince, Haiti, the magnitude 7.0 earthquake destroyed the presidential palace.",
    "haiti3": "Aid reached Port-au-Prince, Haiti, a week after the magnitude 7.0 earthquake.",
}


def test_document_stories_tell_two_earthquakes_apart() -> None:
    """Two stories of one kind (an earthquake in Chile, one in Haiti) differ by their
    names and numbers: predicted document clustering finds them from the texts."""
    grouped = document_stories(QUAKES)
    chile = {grouped[doc_id] for doc_id in QUAKES if doc_id.startswith("chile")}
    haiti = {grouped[doc_id] for doc_id in QUAKES if doc_id.startswith("haiti")}
    assert len(chile) == 1 and len(haiti) == 1 and chile != haiti


# --------------------------------------------------------------------------- cluster_events


def _quake_events(nlp: Language) -> list[Event]:
    """The "earthquake" mention of each QUAKES document."""
    events: list[Event] = []
    for doc_id, text in QUAKES.items():
        start = text.index("earthquake")
        events.extend(events_at(Document(text, id=doc_id), nlp(text), [(start, start + len("earthquake"))]))
    return events


def _doc_groups(events: list[Event], groups: list[list[int]]) -> list[list[str]]:
    return sorted(sorted(events[i].mentions[0].doc_id for i in group) for group in groups)


def test_within_story_keeps_every_cluster_inside_one_story(nlp: Language) -> None:
    """All six mentions are "earthquake": told that the documents are one story they
    form one cluster, and with ``within_story=True`` no cluster spans the two stories
    given by ``story_of`` (a caller's grouping instead of the predicted one)."""
    events = _quake_events(nlp)
    one_story = {doc_id: "quakes" for doc_id in QUAKES}
    together = cluster_events(events, documents=QUAKES, story_of=one_story)
    assert _doc_groups(events, together) == [sorted(QUAKES)]
    by_country = {doc_id: doc_id[:5] for doc_id in QUAKES}
    apart = cluster_events(events, documents=QUAKES, story_of=by_country, within_story=True)
    for group in _doc_groups(events, apart):
        assert len({doc_id[:5] for doc_id in group}) == 1
    predicted = cluster_events(events, documents=QUAKES, within_story=True)
    assert _doc_groups(events, predicted) == [[d for d in sorted(QUAKES) if d.startswith("chile")],
                                              [d for d in sorted(QUAKES) if d.startswith("haiti")]]


def test_pair_features_read_the_stories_given() -> None:
    """``same_story`` follows ``story_of``; a document it does not name is in a story of
    its own."""
    events = [_said("a", "said"), _said("b", "said"), _said("c", "said")]
    table = pair_table(events, story_of={"a": 1, "b": 1})
    by_docs = {(table.items[i].doc_id, table.items[j].doc_id): f["same_story"] for (i, j), f in table.features.items()}
    assert by_docs == {("a", "b"): 1.0, ("a", "c"): 0.0, ("b", "c"): 0.0}


# --------------------------------------------------------------------------- reporting verbs


def _said(doc_id: str, word: str, lemma: str = "say") -> Event:
    return one_mention_event(doc_id, word, lemma)


@pytest.mark.parametrize(
    ("first", "second", "both", "any_"),
    [
        (("said", "say"), ("said", "say"), 1.0, 1.0),
        (("told", "tell"), ("said", "say"), 1.0, 1.0),
        (("said", "say"), ("statement", "statement"), 0.0, 1.0),
        (("attacked", "attack"), ("attacked", "attack"), 0.0, 0.0),
    ],
)
def test_reporting_features(first: tuple[str, str], second: tuple[str, str], both: float, any_: float) -> None:
    """Reporting verbs of ``events_reporting.tsv``: both triggers, or one of them ("a
    statement" shares the paraphrase group of "say" but is no reporting verb)."""
    table = pair_table([_said("a", *first), _said("b", *second)], story_of={"a": 0, "b": 0})
    features = table.features[(0, 1)]
    assert features["both_reporting"] == both and features["any_reporting"] == any_


# --------------------------------------------------------------------------- training tools

def test_cross_validation_tool_refuses_dev_and_test_topics_and_unknown_features(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tools/clustering_cv.py refuses dev and test topics (status 2), and an unknown
    --drop feature is a usage error (status 2) naming it."""
    tool = load_tool("clustering_cv")
    assert tool.main([str(tmp_path), "--topics", "1,2"]) == 2
    assert tool.main([str(tmp_path), "--topics", "40"]) == 2
    assert "refusing dev/test topics [40]" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        tool.main([str(tmp_path), "--topics", "1,3", "--drop", "same_key,no_such_feature"])
    assert stopped.value.code == 2
    assert "argument --drop: unknown feature 'no_such_feature'" in capsys.readouterr().err


def test_fit_logistic_learns_the_sign_of_each_feature() -> None:
    """Pairs with a shared trigger key are mostly one event, pairs of two reporting verbs
    mostly not: the fitted weights say so (the one fit of --train-weights and the tool)."""
    from timeline.merge.clustering import FEATURES
    from timeline.evaluate.ecbplus import fit_logistic

    def row(**values: float) -> list[float]:
        return [values.get(name, 0.0) for name in FEATURES]

    rows = [row(same_key=1.0)] * 8 + [row()] * 8 + [row(same_key=1.0, both_reporting=1.0)] * 8
    labels = [1.0] * 6 + [0.0] * 2 + [0.0] * 7 + [1.0] + [0.0] * 7 + [1.0]
    weights = fit_logistic(rows, labels)
    assert set(weights) == {"bias", *FEATURES}
    assert weights["same_key"] > 0 > weights["both_reporting"] and weights["bias"] < 0
