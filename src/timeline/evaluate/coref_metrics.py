"""Coreference scores over two clusterings of mention ids: MUC, B3, CEAF-e, CoNLL F1, LEA.

A clustering is a collection of clusters, each a collection of hashable mention ids;
``key`` is the gold clustering, ``response`` the system's. Conventions follow the CoNLL
reference scorer (Pradhan et al. 2014) for mentions that appear on one side only:

- MUC (Vilain et al. 1995): a mention missing from the other side counts as its own
  singleton partition; singleton clusters contribute no links to either side.
- B3 (Bagga and Baldwin 1998): every mention of the key (for recall) or of the response
  (for precision) is scored, singletons included; a mention missing from the other side
  contributes 0.
- CEAF-e (Luo 2005): the entity similarity phi4 = 2|K & R| / (|K| + |R|), the best
  one-to-one alignment of key and response entities (Kuhn-Munkres), divided by the
  number of key entities (recall) or response entities (precision).
- LEA (Moosavi and Strube 2016): each entity weighted by its size, resolved by the share
  of its links found in the other side; a singleton has one self-link, resolved when the
  mention is a singleton on the other side as well.
- CoNLL F1: the unweighted mean of the MUC, B3 and CEAF-e F1.

Pure Python; the alignment for CEAF-e runs per connected component of the key/response
overlap graph, so many singletons cost little.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Callable

import attrs

from ..errors import TimelineError
from .metrics import f1, ratio

Clustering = Collection[Collection[Hashable]]


class InvalidClusteringError(TimelineError, ValueError):
    """A clustering names one mention in two clusters, or holds an empty cluster."""


@attrs.frozen
class Score:
    """Recall, precision and F1 of one metric."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        """The harmonic mean of recall and precision."""
        return f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, float]:
        """``{"recall": ..., "precision": ..., "f1": ...}``."""
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1}


@attrs.frozen
class CorefScores:
    """All five scores of one key/response pair."""

    muc: Score
    b3: Score
    ceafe: Score
    lea: Score

    @property
    def conll_f1(self) -> float:
        """The mean of the MUC, B3 and CEAF-e F1 (the CoNLL-2012 figure)."""
        return (self.muc.f1 + self.b3.f1 + self.ceafe.f1) / 3

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary of every metric and the CoNLL F1."""
        return {
            "muc": self.muc.as_dict(),
            "b3": self.b3.as_dict(),
            "ceafe": self.ceafe.as_dict(),
            "lea": self.lea.as_dict(),
            "conll_f1": self.conll_f1,
        }


def clusters_from_labels(labels: Mapping[Hashable, Hashable]) -> list[frozenset[Hashable]]:
    """Group ``{mention: cluster label}`` into a list of clusters (sorted for stable output)."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return sorted((frozenset(group) for group in groups.values()), key=lambda c: sorted(map(repr, c)))


def _normalized(clustering: Iterable[Iterable[Hashable]], side: str) -> tuple[list[frozenset[Hashable]], dict[Hashable, int]]:
    """The clusters as frozensets and the index of each mention's cluster; checks the input."""
    clusters: list[frozenset[Hashable]] = []
    where: dict[Hashable, int] = {}
    for cluster in clustering:
        members = frozenset(cluster)
        if not members:
            raise InvalidClusteringError(f"{side}: empty cluster at position {len(clusters)}")
        for mention in members:
            if mention in where:
                raise InvalidClusteringError(f"{side}: mention {mention!r} is in two clusters")
            where[mention] = len(clusters)
        clusters.append(members)
    return clusters, where


def _muc_side(clusters: list[frozenset[Hashable]], other: Mapping[Hashable, int]) -> tuple[float, float]:
    """Numerator and denominator of MUC recall of ``clusters`` against ``other``."""
    numerator = denominator = 0
    for cluster in clusters:
        # Each mention absent from the other side is a partition of its own.
        partitions = {other.get(mention, ("missing", mention)) for mention in cluster}
        numerator += len(cluster) - len(partitions)
        denominator += len(cluster) - 1
    return numerator, denominator


def _b3_side(clusters: list[frozenset[Hashable]], other_clusters: list[frozenset[Hashable]], other: Mapping[Hashable, int]) -> tuple[float, float]:
    """Numerator and denominator of B3 recall of ``clusters`` against the other side."""
    numerator = 0.0
    denominator = 0
    for cluster in clusters:
        counts: dict[int, int] = {}
        for mention in cluster:
            index = other.get(mention)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        # Each of the `shared` mentions scores shared / |cluster|.
        numerator += sum(shared * shared for shared in counts.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, denominator


def _lea_side(clusters: list[frozenset[Hashable]], other_clusters: list[frozenset[Hashable]], other: Mapping[Hashable, int]) -> tuple[float, float]:
    """Numerator and denominator of LEA recall of ``clusters`` against the other side."""
    numerator = 0.0
    denominator = 0
    for cluster in clusters:
        size = len(cluster)
        if size == 1:
            (mention,) = cluster
            index = other.get(mention)
            resolved = 1.0 if index is not None and len(other_clusters[index]) == 1 else 0.0
        else:
            counts: dict[int, int] = {}
            for mention in cluster:
                index = other.get(mention)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            common = sum(shared * (shared - 1) / 2 for shared in counts.values())
            resolved = common / (size * (size - 1) / 2)
        numerator += size * resolved
        denominator += size
    return numerator, denominator


def _phi4(key: frozenset[Hashable], response: frozenset[Hashable]) -> float:
    """Luo's entity similarity: 2 |K & R| / (|K| + |R|)."""
    return 2 * len(key & response) / (len(key) + len(response))


def max_weight_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one matching of rows and columns (Kuhn-Munkres).

    ``weights`` is a rectangular matrix of non-negative numbers; unmatched rows or
    columns add nothing. O(n^2 m) with potentials (rows n <= columns m after transposing).
    """
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(column) for column in zip(*weights)]
    rows, columns = len(weights), len(weights[0])
    infinity = float("inf")
    # Minimize the cost -weight; 1-based arrays with a dummy column 0 (classic form).
    u = [0.0] * (rows + 1)
    v = [0.0] * (columns + 1)
    match_of_column = [0] * (columns + 1)
    way = [0] * (columns + 1)
    for row in range(1, rows + 1):
        match_of_column[0] = row
        column0 = 0
        min_slack = [infinity] * (columns + 1)
        used = [False] * (columns + 1)
        while True:
            used[column0] = True
            row0 = match_of_column[column0]
            delta = infinity
            column1 = 0
            for column in range(1, columns + 1):
                if used[column]:
                    continue
                current = -weights[row0 - 1][column - 1] - u[row0] - v[column]
                if current < min_slack[column]:
                    min_slack[column] = current
                    way[column] = column0
                if min_slack[column] < delta:
                    delta = min_slack[column]
                    column1 = column
            for column in range(columns + 1):
                if used[column]:
                    u[match_of_column[column]] += delta
                    v[column] -= delta
                else:
                    min_slack[column] -= delta
            column0 = column1
            if match_of_column[column0] == 0:
                break
        while column0:
            previous = way[column0]
            match_of_column[column0] = match_of_column[previous]
            column0 = previous
    return sum(weights[match_of_column[column] - 1][column - 1] for column in range(1, columns + 1) if match_of_column[column])


def _ceafe_similarity(key: list[frozenset[Hashable]], response: list[frozenset[Hashable]], response_of: Mapping[Hashable, int]) -> float:
    """The total phi4 of the best alignment, solved per connected overlap component."""
    # Union-find over key entities (0..k-1) and response entities (k..k+r-1).
    parent = list(range(len(key) + len(response)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for key_index, cluster in enumerate(key):
        for mention in cluster:
            response_index = response_of.get(mention)
            if response_index is not None:
                parent[find(key_index)] = find(len(key) + response_index)
    components: dict[int, tuple[list[int], list[int]]] = {}
    for key_index in range(len(key)):
        components.setdefault(find(key_index), ([], []))[0].append(key_index)
    for response_index in range(len(response)):
        components.setdefault(find(len(key) + response_index), ([], []))[1].append(response_index)
    total = 0.0
    for key_indexes, response_indexes in components.values():
        if not key_indexes or not response_indexes:
            continue
        if len(key_indexes) == 1 and len(response_indexes) == 1:
            total += _phi4(key[key_indexes[0]], response[response_indexes[0]])
            continue
        matrix = [[_phi4(key[i], response[j]) for j in response_indexes] for i in key_indexes]
        total += max_weight_assignment(matrix)
    return total


def _score(side: Callable[..., tuple[float, float]], key_args: tuple[object, ...], response_args: tuple[object, ...]) -> Score:
    recall_num, recall_den = side(*key_args)
    precision_num, precision_den = side(*response_args)
    return Score(recall=ratio(recall_num, recall_den), precision=ratio(precision_num, precision_den))


def muc(key: Clustering, response: Clustering) -> Score:
    """MUC recall, precision and F1."""
    key_clusters, key_of = _normalized(key, "key")
    response_clusters, response_of = _normalized(response, "response")
    return _score(_muc_side, (key_clusters, response_of), (response_clusters, key_of))


def b3(key: Clustering, response: Clustering) -> Score:
    """B-cubed recall, precision and F1 (every mention counted, singletons included)."""
    key_clusters, key_of = _normalized(key, "key")
    response_clusters, response_of = _normalized(response, "response")
    return _score(_b3_side, (key_clusters, response_clusters, response_of), (response_clusters, key_clusters, key_of))


def lea(key: Clustering, response: Clustering) -> Score:
    """LEA recall, precision and F1 (link-based, entities weighted by size)."""
    key_clusters, key_of = _normalized(key, "key")
    response_clusters, response_of = _normalized(response, "response")
    return _score(_lea_side, (key_clusters, response_clusters, response_of), (response_clusters, key_clusters, key_of))


def ceafe(key: Clustering, response: Clustering) -> Score:
    """Entity-based CEAF (phi4) recall, precision and F1."""
    key_clusters, _ = _normalized(key, "key")
    response_clusters, response_of = _normalized(response, "response")
    similarity = _ceafe_similarity(key_clusters, response_clusters, response_of)
    return Score(recall=ratio(similarity, len(key_clusters)), precision=ratio(similarity, len(response_clusters)))


def score_all(key: Clustering, response: Clustering) -> CorefScores:
    """MUC, B3, CEAF-e and LEA of ``response`` against ``key`` (``.conll_f1`` their mean)."""
    return CorefScores(muc=muc(key, response), b3=b3(key, response), ceafe=ceafe(key, response), lea=lea(key, response))


def pooled(pairs: Iterable[tuple[Clustering, Clustering]]) -> CorefScores:
    """Scores of several key/response pairs (e.g. topics) pooled as one document set.

    Mention ids must be unique across pairs; the clusterings are simply concatenated,
    which is what the CoNLL scorer does with several documents in one file.
    """
    key_all: list[Collection[Hashable]] = []
    response_all: list[Collection[Hashable]] = []
    for key, response in pairs:
        key_all.extend(key)
        response_all.extend(response)
    return score_all(key_all, response_all)


__all__ = [
    "Clustering",
    "CorefScores",
    "InvalidClusteringError",
    "Score",
    "b3",
    "ceafe",
    "clusters_from_labels",
    "lea",
    "max_weight_assignment",
    "muc",
    "pooled",
    "score_all",
]
