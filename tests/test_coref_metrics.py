"""Tests of the coreference scorer (MUC, B3, CEAF-e, CoNLL F1, LEA) against examples
computed by hand from the metrics' papers, and properties every clustering must keep."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.evaluate.coref_metrics import (
    InvalidClusteringError,
    b3,
    ceafe,
    clusters_from_labels,
    lea,
    max_weight_assignment,
    muc,
    pooled,
    score_all,
)

# Pradhan et al. (2014), also the running example of Moosavi and Strube (2016):
# key {a b c} {d e f g}; response {a b} {c d} {f g h i} (h, i are not in the key, e is
# not in the response).
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def close(value: float, expected: float) -> bool:
    return abs(value - expected) < 1e-9


class TestPaperExample:
    """The figures of the shared example, computed by hand."""

    def test_muc(self) -> None:
        """MUC: key links resolved (3-2)+(4-3) of 2+3; response (2-1)+(2-2)+(4-3) of 1+1+3."""
        score = muc(KEY, RESPONSE)
        assert close(score.recall, 2 / 5) and close(score.precision, 2 / 5)

    def test_b3(self) -> None:
        """B3 recall (2/3+2/3+1/3+1/4+0+2/4+2/4)/7, precision (1+1+1/2+1/2+2/4+2/4+0+0)/8 (0.5 in the paper)."""
        score = b3(KEY, RESPONSE)
        assert close(score.recall, (5 / 3 + 1 / 4 + 1) / 7)
        assert close(score.precision, 4 / 8)

    def test_ceafe(self) -> None:
        """CEAF-e aligns {abc}-{ab} (phi4 0.8) and {defg}-{fghi} (0.5): 1.3 / 2 and 1.3 / 3."""
        score = ceafe(KEY, RESPONSE)
        assert close(score.recall, 1.3 / 2) and close(score.precision, 1.3 / 3)

    def test_lea(self) -> None:
        """LEA recall (3*1/3 + 4*1/6)/7, precision (2*1 + 2*0 + 4*1/6)/8 (Moosavi and Strube)."""
        score = lea(KEY, RESPONSE)
        assert close(score.recall, (1 + 4 / 6) / 7)
        assert close(score.precision, (2 + 4 / 6) / 8)

    def test_conll_is_the_mean(self) -> None:
        """CoNLL F1 is the mean of the MUC, B3 and CEAF-e F1."""
        scores = score_all(KEY, RESPONSE)
        assert close(scores.conll_f1, (scores.muc.f1 + scores.b3.f1 + scores.ceafe.f1) / 3)
        assert close(scores.muc.f1, 0.4)


def test_muc_vilain_example() -> None:
    """Vilain et al.: key {A B C D}, response {A B} {C D}: recall 2/3, precision 1."""
    score = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}])
    assert close(score.recall, 2 / 3) and close(score.precision, 1.0)


def test_b3_bagga_baldwin_example() -> None:
    """Bagga and Baldwin: merging {6 7} into {8..12} gives precision 0.76 and recall 1."""
    key = [{1, 2, 3, 4, 5}, {6, 7}, {8, 9, 10, 11, 12}]
    response = [{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10, 11, 12}]
    score = b3(key, response)
    assert close(score.recall, 1.0)
    assert close(score.precision, (5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)
    assert round(score.precision, 2) == 0.76


def test_singletons() -> None:
    """Singletons: MUC ignores them; B3, CEAF-e and LEA score them (LEA by a self-link)."""
    key = [{"x"}, {"y"}, {"z"}]
    all_apart = score_all(key, [{"x"}, {"y"}, {"z"}])
    assert all_apart.muc.recall == 0.0 and all_apart.muc.precision == 0.0
    assert close(all_apart.b3.f1, 1.0) and close(all_apart.ceafe.f1, 1.0) and close(all_apart.lea.f1, 1.0)
    merged = score_all(key, [{"x", "y", "z"}])
    assert merged.muc.recall == 0.0  # no key links to find
    assert merged.muc.precision == 0.0  # both response links are wrong
    assert close(merged.b3.recall, 1.0) and close(merged.b3.precision, 1 / 3)
    assert close(merged.lea.recall, 0.0)  # no key singleton stays a singleton
    assert close(merged.ceafe.recall, (2 / 4) / 3) and close(merged.ceafe.precision, 2 / 4)


def test_missing_mentions() -> None:
    """A response mention absent from the key lowers precision only, and vice versa."""
    scores = score_all([{"a", "b"}], [{"a", "b", "extra"}])
    assert close(scores.b3.recall, 1.0) and close(scores.b3.precision, (2 / 3 + 2 / 3) / 3)
    assert close(scores.muc.recall, 1.0) and close(scores.muc.precision, 1 / 2)
    assert close(scores.lea.recall, 1.0) and close(scores.lea.precision, 1 / 3)


def test_empty_sides() -> None:
    """An empty response scores 0, not an error."""
    scores = score_all([{"a", "b"}], [])
    assert scores.conll_f1 == 0.0 and scores.lea.f1 == 0.0


def test_bad_clusterings() -> None:
    """A mention in two clusters, or an empty cluster, is an InvalidClusteringError naming it."""
    with pytest.raises(InvalidClusteringError, match="'a'"):
        score_all([{"a"}, {"a", "b"}], [{"a"}])
    with pytest.raises(InvalidClusteringError, match="response: empty"):
        score_all([{"a"}], [set()])


def test_clusters_from_labels_and_pooled() -> None:
    """Labels group into clusters; pooling two topics equals scoring their union."""
    assert sorted(map(sorted, clusters_from_labels({"a": 1, "b": 1, "c": 2}))) == [["a", "b"], ["c"]]
    first = ([{"a", "b"}], [{"a"}, {"b"}])
    second = ([{"c"}, {"d"}], [{"c", "d"}])
    assert pooled([first, second]) == score_all([{"a", "b"}, {"c"}, {"d"}], [{"a"}, {"b"}, {"c", "d"}])


def brute_force_assignment(weights: list[list[float]]) -> float:
    rows, columns = len(weights), len(weights[0])
    if rows <= columns:
        return max(sum(weights[r][c] for r, c in zip(range(rows), perm)) for perm in itertools.permutations(range(columns), rows))
    return max(sum(weights[r][c] for c, r in zip(range(columns), perm)) for perm in itertools.permutations(range(rows), columns))


@given(st.integers(1, 5).flatmap(lambda rows: st.lists(st.lists(st.floats(0, 1), min_size=1, max_size=5).map(tuple), min_size=rows, max_size=rows)))
def test_assignment_equals_brute_force(raw: list[tuple[float, ...]]) -> None:
    """Kuhn-Munkres finds the best one-to-one matching, as trying every permutation does."""
    width = min(len(row) for row in raw)
    weights = [list(row[:width]) for row in raw]
    assert abs(max_weight_assignment(weights) - brute_force_assignment(weights)) < 1e-9


clusterings = st.lists(st.integers(0, 4), min_size=1, max_size=10).map(
    lambda labels: clusters_from_labels({index: label for index, label in enumerate(labels)})
)


@given(clusterings, clusterings)
def test_swapping_sides_swaps_recall_and_precision(key: list[frozenset[int]], response: list[frozenset[int]]) -> None:
    """Scoring the response as key swaps recall and precision for every metric."""
    forward, backward = score_all(key, response), score_all(response, key)
    for name in ("muc", "b3", "ceafe", "lea"):
        one, other = getattr(forward, name), getattr(backward, name)
        assert close(one.recall, other.precision) and close(one.precision, other.recall)


@given(clusterings)
def test_identity_scores_one(key: list[frozenset[int]]) -> None:
    """A response equal to the key scores 1 on B3, CEAF-e and LEA (and MUC when there are links)."""
    scores = score_all(key, key)
    assert close(scores.b3.f1, 1.0) and close(scores.ceafe.f1, 1.0) and close(scores.lea.f1, 1.0)
    if any(len(cluster) > 1 for cluster in key):
        assert close(scores.muc.f1, 1.0)
