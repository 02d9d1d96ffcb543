"""Average-linkage agglomeration with cannot-link constraints, shared by
:mod:`timeline.merge` (the timeline's events) and :mod:`timeline.clustering` (event
mentions without dates, ECB+).

Clusters grow by merging the pair with the best *average* pair score over all their
members, so a point joins a cluster only when it fits the cluster as a whole: links do
not chain (A-B and B-C do not make A-C unless A-C are close enough on average). A
blocked pair (a named difference) can never end up in one cluster.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence
from typing import Optional


def average_linkage(
    size: int,
    scores: Mapping[tuple[int, int], float],
    blocked: set[tuple[int, int]],
    threshold: float,
    allowed: Optional[Callable[[Sequence[int], Sequence[int]], bool]] = None,
) -> list[list[int]]:
    """Average-linkage agglomeration of ``size`` points with sparse pair ``scores``
    (absent pairs count 0) and ``blocked`` pairs that no cluster may hold both of.
    Merges the pair of clusters with the best average while it is >= ``threshold``
    (and ``allowed(members, members)`` says yes, when given: a check on the clusters as
    wholes); ties go to the smallest member indices, so the result is deterministic
    and depends only on the indices, not on any input order."""
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(size)}
    cannot: dict[int, set[int]] = {i: set() for i in range(size)}
    for (i, j), score in scores.items():
        sums[i][j] = sums[i].get(j, 0.0) + score
        sums[j][i] = sums[j].get(i, 0.0) + score
    for i, j in blocked:
        cannot[i].add(j)
        cannot[j].add(i)
    heap: list[tuple[float, int, int]] = []
    for i in range(size):
        for j, total in sums[i].items():
            if i < j and total >= threshold:
                heapq.heappush(heap, (-total, i, j))
    while heap:
        negative, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        average = sums[i].get(j, 0.0) / (len(members[i]) * len(members[j]))
        if abs(average + negative) > 1e-12:
            continue  # a stale entry: this pair's average changed since it was pushed
        if average < threshold or j in cannot[i]:
            continue
        if allowed is not None and not allowed(members[i], members[j]):
            continue
        # merge j into i (i is the smaller root id)
        members[i].extend(members.pop(j))
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
            average = total / (len(members[i]) * len(members[k]))
            if average >= threshold:
                a, b = min(i, k), max(i, k)
                heapq.heappush(heap, (-average, a, b))
    groups = [sorted(group) for group in members.values()]
    return sorted(groups, key=lambda group: group[0])
