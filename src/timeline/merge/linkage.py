"""Average-linkage agglomeration with cannot-link constraints, shared by
:mod:`timeline.merge` (the timeline's events) and :mod:`timeline.merge.clustering` (event
mentions without dates, ECB+).

Clusters grow by merging the pair with the best *average* pair score over all their
members, so a point joins a cluster only when it fits the cluster as a whole: links do
not chain (A-B and B-C do not make A-C unless A-C are close enough on average). A
blocked pair (a named difference) can never end up in one cluster.

**Voters.** Points may be given *voters* (in the merge: their document). The members of
a cluster with the same voter are restatements of one source already judged the same
event, and they vote once: the average between two clusters is taken over the pairs of
their voters, a pair of two voters scoring the best of its point pairs, a voter with
itself the average of its point pairs (so nothing chains within one source). A
{headline, body} group of one article and one of another, linked only body to body (1
pair of 4), are then 1 linked voter pair of 1. At an equal average, two clusters of one
same voter merge first. Without voters every point votes on its own (plain average
linkage).

**Cost.** Two clusters merge only when some pair between them is scored, so each
connected component of the scored pairs is agglomerated on its own (a small heap each,
the same merges in the same order); after a merge only the votes whose pairs or member
counts changed are recomputed. The work grows with the scored pairs and the size of
the components, not with the number of points squared (docs/benchmarks.md, "Merge
stage cost").

**Weights.** A point may stand for several identical points (``weights``: how many),
such as one paragraph's report repeated word for word: the copies are one point, and
the averages count it as its copies (its pair scores and its voter's member count are
multiplied by its weight), so thousands of copies cost one point, not their pairs
squared. The copies must be linked to each other (score 1) and to nothing apart; the
caller (:func:`timeline.merge.groups`) checks that.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Optional

from ..errors import InvalidOptionError


def average_linkage(
    size: int,
    scores: Mapping[tuple[int, int], float],
    blocked: set[tuple[int, int]],
    threshold: float,
    allowed: Optional[Callable[[Sequence[int], Sequence[int]], bool]] = None,
    voters: Optional[Sequence[Hashable]] = None,
    weights: Optional[Sequence[int]] = None,
) -> list[list[int]]:
    """Average-linkage agglomeration of ``size`` points with sparse pair ``scores``
    (absent pairs count 0) and ``blocked`` pairs that no cluster may hold both of.
    Merges the pair of clusters with the best average while it is >= ``threshold``
    (and ``allowed(members, members)`` says yes, when given: a check on the clusters as
    wholes); ties go to the smallest member indices, so the result is deterministic
    and depends only on the indices, not on any input order.

    ``voters`` (one hashable per point, see the module docstring) makes the members of
    a cluster with one voter vote once: the average is over voter pairs, a pair of two
    voters scoring its best point pair, a voter with itself the average of its point
    pairs; at an equal average two clusters of one same voter merge first.

    ``weights`` (one count per point, see the module docstring) makes a point count as
    that many identical points."""
    if voters is not None and len(voters) != size:
        raise InvalidOptionError(f"voters must have one entry per point ({size}), got {len(voters)}")
    if weights is not None and (len(weights) != size or any(weight < 1 for weight in weights)):
        raise InvalidOptionError(f"weights must be one count of at least 1 per point ({size}), got {list(weights)[:10]}")
    parts = connected_components(size, scores)
    if len(parts) > 1:
        return _per_component(parts, scores, blocked, threshold, allowed, voters, weights)
    weight = [1] * size if weights is None else list(weights)
    # without voters: the total weight of each cluster's members (its point count)
    mass: dict[int, int] = {i: weight[i] for i in range(size)}
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(size)}
    cannot: dict[int, set[int]] = {i: set() for i in range(size)}
    # with voters: how many members each cluster has of each voter, and per cluster
    # pair (best score, total score) of each voter pair (oriented: the first voter is
    # the first cluster's); sums[i][k] is then the voter pairs' total vote
    voter_counts: dict[int, Counter[Hashable]] = {}
    votes: dict[int, dict[int, dict[tuple[Hashable, Hashable], tuple[float, float]]]] = {}
    if voters is not None:
        voter_counts = {i: Counter({voters[i]: weight[i]}) for i in range(size)}
        votes = {i: {} for i in range(size)}
    for (i, j), score in scores.items():
        if voters is not None:
            # the vote of two points is their score; the voter pair's total counts
            # every copy's pair (weight by weight)
            sums[i][j] = sums[i].get(j, 0.0) + score
            sums[j][i] = sums[j].get(i, 0.0) + score
            total = sums[i][j] * weight[i] * weight[j]
            votes[i][j] = {(voters[i], voters[j]): (sums[i][j], total)}
            votes[j][i] = {(voters[j], voters[i]): (sums[i][j], total)}
        else:
            sums[i][j] = sums[i].get(j, 0.0) + score * weight[i] * weight[j]
            sums[j][i] = sums[j].get(i, 0.0) + score * weight[i] * weight[j]

    def rank(a: int, b: int) -> int:
        """0 for two clusters of one and the same voter (restatements of one article
        join first at an equal average, so its headline meets its body before either
        meets another article), else 1; always 0 without voters."""
        if voters is None:
            return 0
        return 0 if len(voter_counts[a]) == 1 and voter_counts[a].keys() == voter_counts[b].keys() else 1

    def size_of(k: int) -> int:
        return len(voter_counts[k]) if voters is not None else mass[k]

    for i, j in blocked:
        cannot[i].add(j)
        cannot[j].add(i)
    heap: list[tuple[float, int, int, int]] = []
    for i in range(size):
        for j, total in sums[i].items():
            if i < j and total >= threshold:
                heapq.heappush(heap, (-total, rank(i, j), i, j))
    while heap:
        negative, order, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        average = sums[i].get(j, 0.0) / (size_of(i) * size_of(j))
        if abs(average + negative) > 1e-12 or order != rank(i, j):
            continue  # a stale entry: this pair's average changed since it was pushed
        if average < threshold or j in cannot[i]:
            continue
        if allowed is not None and not allowed(members[i], members[j]):
            continue
        # merge j into i (i is the smaller root id)
        members[i].extend(members.pop(j))
        mass[i] += mass.pop(j)
        if voters is not None:
            _merge_votes(votes, sums, voter_counts, i, j)
        else:
            for k, total in sums.pop(j).items():
                if k == i:
                    continue
                sums[i][k] = sums[i].get(k, 0.0) + total
                sums[k][i] = sums[k].get(i, 0.0) + total
                del sums[k][j]
            sums[i].pop(j, None)
        for k in cannot.pop(j):
            if k != i:
                cannot[i].add(k)
                cannot[k].discard(j)
                cannot[k].add(i)
        cannot[i].discard(j)
        for k, total in sums[i].items():
            if k in cannot[i]:
                continue
            average = total / (size_of(i) * size_of(k))
            if average >= threshold:
                a, b = min(i, k), max(i, k)
                heapq.heappush(heap, (-average, rank(a, b), a, b))
    groups = [sorted(group) for group in members.values()]
    return sorted(groups, key=lambda group: group[0])


def connected_components(size: int, scores: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The connected components of the graph on points ``0..size-1`` whose edges are the
    given pairs (singletons included), each sorted, in the order of their smallest point."""
    parent = list(range(size))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i, j in scores:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    parts: dict[int, list[int]] = {}
    for k in range(size):
        parts.setdefault(root(k), []).append(k)
    return list(parts.values())


def _per_component(
    parts: Sequence[Sequence[int]],
    scores: Mapping[tuple[int, int], float],
    blocked: set[tuple[int, int]],
    threshold: float,
    allowed: Optional[Callable[[Sequence[int], Sequence[int]], bool]],
    voters: Optional[Sequence[Hashable]],
    weights: Optional[Sequence[int]],
) -> list[list[int]]:
    """:func:`average_linkage` run on each component of the scored pairs on its own.

    Two clusters merge only when some pair between them is scored, so no merge ever
    crosses components, and each component's merges happen in the same order as in one
    run over all points: they only look at the component's own clusters, and numbering
    its points in the same relative order keeps every tie break. The results are the
    same; the cost is that of many small problems (a heap per component) instead of one
    large one, which grows faster than the links when many stories are merged at once."""
    part_of: dict[int, int] = {}
    local: dict[int, int] = {}
    for number, points in enumerate(parts):
        for index, point in enumerate(points):
            part_of[point] = number
            local[point] = index
    part_scores: list[dict[tuple[int, int], float]] = [{} for _ in parts]
    for (i, j), score in scores.items():
        part_scores[part_of[i]][(local[i], local[j])] = score
    part_blocked: list[set[tuple[int, int]]] = [set() for _ in parts]
    for i, j in blocked:
        if part_of[i] == part_of[j]:  # a cannot-link across components changes nothing
            part_blocked[part_of[i]].add((local[i], local[j]))
    clusters: list[list[int]] = []
    for number, points in enumerate(parts):
        if len(points) == 1:
            clusters.append(list(points))
            continue
        part_allowed = None
        if allowed is not None:
            check = allowed

            def part_allowed(first: Sequence[int], second: Sequence[int], points: Sequence[int] = points,
                             check: Callable[[Sequence[int], Sequence[int]], bool] = check) -> bool:
                return check([points[k] for k in first], [points[k] for k in second])

        part_voters = None if voters is None else [voters[point] for point in points]
        part_weights = None if weights is None else [weights[point] for point in points]
        for cluster in average_linkage(len(points), part_scores[number], part_blocked[number], threshold,
                                       part_allowed, part_voters, part_weights):
            clusters.append([points[k] for k in cluster])
    return sorted(clusters, key=lambda cluster: cluster[0])


def _merge_votes(
    votes: dict[int, dict[int, dict[tuple[Hashable, Hashable], tuple[float, float]]]],
    sums: dict[int, dict[int, float]],
    voter_counts: dict[int, Counter[Hashable]],
    i: int,
    j: int,
) -> None:
    """Fold cluster ``j`` into ``i`` and recompute the votes of ``i`` with every other
    cluster: across two voters a voter pair scores its best pair; within one voter
    (two restatements of one article) the average of all its pairs, absent ones 0, as
    a restatement still has to fit the other's group as a whole."""
    moved = voter_counts[j].keys()
    # a restatement's vote with k depends on the counts of its voter in i: when j brings
    # no voter that i has already, only the votes with j's neighbours change
    shared_voter = any(voter in voter_counts[i] for voter in moved)
    voter_counts[i] += voter_counts.pop(j)
    votes[i].pop(j, None)
    sums[i].pop(j, None)
    j_sums = sums.pop(j, {})
    changed: set[int] = set()
    for k, theirs in votes.pop(j).items():
        if k == i:
            continue
        changed.add(k)
        mine = votes[i].setdefault(k, {})
        mirror = votes[k].setdefault(i, {})
        for (a, b), (best, total) in theirs.items():
            old_best, old_total = mine.get((a, b), (best, 0.0))
            entry = (max(old_best, best), old_total + total)
            mine[(a, b)] = entry
            mirror[(b, a)] = entry
        del votes[k][j]
        sums[k].pop(j, None)
    if not shared_voter:
        # i and j share no voter, so their voter pairs with k are apart and each keeps
        # the member counts it was scored with: i's vote with k is the sum of i's and
        # j's. Adding the two sums (not recounting every voter pair of the grown i with
        # each neighbour) keeps a dense group of n reports at n^2 work, not n^3
        # (docs/design.md, "Limits"); the others keep their vote
        for k in changed:
            vote = sums[i].get(k, 0.0) + j_sums.get(k, 0.0)
            sums[i][k] = vote
            sums[k][i] = vote
        return
    # a voter's count in i changed: every vote of i is recounted from its voter pairs
    for k, pairs in votes[i].items():
        vote = 0.0
        for (a, b), (best, total) in pairs.items():
            vote += best if a != b else total / (voter_counts[i][a] * voter_counts[k][b])
        sums[i][k] = vote
        sums[k][i] = vote


__all__ = [
    "average_linkage", "connected_components"
]
