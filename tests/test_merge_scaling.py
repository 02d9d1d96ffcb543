"""The merge stage's cost (issue #15, docs/benchmarks.md "Merge stage cost"): the
average linkage run per component of the links equals one run over all points and the
definition it implements, and a generous guard on the work of the merge as the
documents grow (counts of pairs compared, not timings)."""

from __future__ import annotations

import importlib
import random
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge import linkage
from timeline.times.calendar import day_value
from timeline.errors import InvalidOptionError, TimelineError
from timeline.merge.linkage import average_linkage
from timeline.merge import Node
from timeline.model import Event, Mention

THRESHOLD = 0.5 + 1e-9


def naive_average_linkage(size: int, scores: dict[tuple[int, int], float], blocked: set[tuple[int, int]],
                          threshold: float, voters: Sequence[str], limit: int) -> list[list[int]]:
    """The definition of :func:`average_linkage` with voters, recomputed from scratch
    after every merge in exact fractions: the best pair of clusters by average over
    voter pairs (best score across two voters, the average within one), then two
    clusters of one same voter first, then the smallest members; ``limit`` caps the
    members of a cluster (the ``allowed`` check)."""
    clusters = [[k] for k in range(size)]

    def score(p: int, q: int) -> Fraction:
        return Fraction(scores.get((min(p, q), max(p, q)), 0.0))

    def average(first: list[int], second: list[int]) -> Fraction:
        mine, theirs = Counter(voters[p] for p in first), Counter(voters[q] for q in second)
        total = Fraction(0)
        for a in mine:
            for b in theirs:
                pairs = [score(p, q) for p in first if voters[p] == a for q in second if voters[q] == b]
                total += max(pairs) if a != b else sum(pairs, Fraction(0)) / (mine[a] * theirs[b])
        return total / (len(mine) * len(theirs))

    while True:
        best: Optional[tuple[Fraction, int, int, int]] = None
        for x, first in enumerate(clusters):
            for y, second in enumerate(clusters):
                if first[0] >= second[0] or not any(score(p, q) for p in first for q in second):
                    continue
                if any((min(p, q), max(p, q)) in blocked for p in first for q in second):
                    continue
                if len(first) + len(second) > limit:
                    continue
                value = average(first, second)
                if value < Fraction(threshold):
                    continue
                one_voter = {voters[p] for p in first}
                rank = 0 if len(one_voter) == 1 and one_voter == {voters[q] for q in second} else 1
                key = (-value, rank, first[0], second[0])
                if best is None or key < best:
                    best = key
        if best is None:
            return sorted(clusters)
        first = next(c for c in clusters if c[0] == best[2])
        second = next(c for c in clusters if c[0] == best[3])
        clusters.remove(second)
        first.extend(second)
        first.sort()


@st.composite
def linkage_cases(draw: st.DrawFn) -> tuple[int, dict[tuple[int, int], float], set[tuple[int, int]], list[str], int]:
    """Points in a few loose components, links (score 1, as the merge gives), a few
    cannot-links, voters among three documents, a cap on cluster sizes."""
    size = draw(st.integers(2, 10))
    pair = st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)).filter(lambda p: p[0] < p[1])
    scores = {p: 1.0 for p in draw(st.sets(pair, max_size=18))}
    blocked = draw(st.sets(pair, max_size=3))
    voters = draw(st.lists(st.sampled_from("abc"), min_size=size, max_size=size))
    return size, scores, blocked, voters, draw(st.integers(2, 6))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(linkage_cases())
def test_average_linkage_is_its_definition(case: tuple[int, dict[tuple[int, int], float], set[tuple[int, int]],
                                                       list[str], int]) -> None:
    """Average linkage with voters (run per component, votes updated where they
    changed) merges as the definition recomputed from scratch does."""
    size, scores, blocked, voters, limit = case
    found = average_linkage(size, scores, blocked, THRESHOLD, lambda a, b: len(a) + len(b) <= limit, voters)
    assert found == naive_average_linkage(size, scores, blocked, THRESHOLD, voters, limit)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(linkage_cases(), st.data())
def test_average_linkage_is_its_definition_with_many_voters_and_scores(
        case: tuple[int, dict[tuple[int, int], float], set[tuple[int, int]], list[str], int],
        data: st.DataObject) -> None:
    """As above with up to eight documents (most merges bring no voter the cluster
    has: the votes are then added, not recounted) and scores other than 1 (dyadic, so
    that sums in any order are exact)."""
    size, scores, blocked, _, limit = case
    voters = data.draw(st.lists(st.sampled_from("abcdefgh"), min_size=size, max_size=size))
    scores = {pair: data.draw(st.sampled_from((0.25, 0.5, 0.75, 1.0))) for pair in scores}
    found = average_linkage(size, scores, blocked, THRESHOLD, lambda a, b: len(a) + len(b) <= limit, voters)
    assert found == naive_average_linkage(size, scores, blocked, THRESHOLD, voters, limit)


@settings(max_examples=300, deadline=None)
@given(linkage_cases(), st.sampled_from((0.25, 0.5, 1.0)), st.booleans())
def test_components_apart_give_the_clusters_of_one_run(
        case: tuple[int, dict[tuple[int, int], float], set[tuple[int, int]], list[str], int],
        other: float, with_voters: bool) -> None:
    """Pairs scored 0 that chain every point into one component (one run, one heap)
    change no cluster: the run per component is the same agglomeration."""
    size, scores, blocked, voters, limit = case
    scores = {pair: (other if pair[0] % 2 else score) for pair, score in scores.items()}
    chained = {**{(k, k + 1): 0.0 for k in range(size - 1)}, **scores}
    assert len(linkage.connected_components(size, chained)) == 1
    points_voters = voters if with_voters else None

    def allowed(first: Sequence[int], second: Sequence[int]) -> bool:
        return len(first) + len(second) <= limit

    assert (average_linkage(size, scores, blocked, THRESHOLD, allowed, points_voters)
            == average_linkage(size, chained, blocked, THRESHOLD, allowed, points_voters))


def test_voters_of_another_length_are_an_invalid_option() -> None:
    """Voters of another length than the points are refused with a TimelineError
    naming them and both lengths."""
    with pytest.raises(InvalidOptionError, match=r"voters must have one entry per point \(2\), got 1"):
        average_linkage(2, {(0, 1): 1.0}, set(), 0.5, voters=["a"])
    with pytest.raises(TimelineError):
        average_linkage(1, {}, set(), 0.5, voters=["a", "b"])


TRIGGERS = ("stormed", "attacked", "killed", "signed", "elected", "arrested", "launched", "banned", "closed", "raided",
            "seized", "resigned", "shelled", "released", "protested", "sued")
PLACES = tuple(f"{town}{end}" for town in ("Kherson", "Niamey", "Quito", "Hanoi", "Oslo") for end in ("ville", "burg", "ton"))


def stories(documents: int, seed: int = 3) -> list[Event]:
    """One-mention events of ``documents`` documents (five each) reporting stories of
    one trigger at one place on one day (a twentieth of the reports a day off), one
    story a day: the density stays the same as they grow."""
    rnd = random.Random(seed)
    days = max(1, documents // 2)
    told = [(rnd.choice(TRIGGERS), rnd.choice(PLACES), date(2023, 1, 1) + timedelta(days=rnd.randrange(days)), n)
            for n in range(documents // 2 + 1)]
    events = []
    for doc in range(documents):
        for slot in range(5):
            word, place, day, number = rnd.choice(told)
            if rnd.random() < 0.05:
                day += timedelta(days=1)
            summary = f"Group {number} {word} in {place}"
            mention = Mention(doc_id=f"d{doc}", sentence=summary + ".", trigger_span=(slot * 100, slot * 100 + len(word)),
                              event_span=(slot * 100, slot * 100 + len(summary)), time_span=None, time_text=None,
                              trigger_text=word)
            events.append(Event(when=day_value(day), summary=summary, trigger=word[:-2], participants=(place,),
                                mentions=(mention,)))
    return events


def merge_work(documents: int) -> Counter[str]:
    """What the merge of :func:`stories` compares: link candidates, pairs whose link is
    decided, content evidences computed, links, and the votes folded by the linkage."""
    merge = importlib.import_module("timeline.merge")  # the module; `timeline.merge` is also a function
    work: Counter[str] = Counter()

    def counted(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            work[name] += 1
            return function(*args, **kwargs)
        return run

    def candidates(nodes: Sequence[Node]) -> set[tuple[int, int]]:
        found: set[tuple[int, int]] = link_candidate_pairs(nodes)
        work["candidates"] += len(found)
        return found

    def linked_points(size: int, scores: dict[tuple[int, int], float], *args: Any, **kwargs: Any) -> list[list[int]]:
        work["links"] += len(scores)
        return average_linkage(size, scores, *args, **kwargs)

    link_candidate_pairs = merge.link_candidate_pairs
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge, "link_candidate_pairs", candidates)
        patch.setattr(merge, "average_linkage", linked_points)
        patch.setattr(merge, "evidence", counted("evidences", merge.evidence))
        patch.setattr(merge, "_linked_given", counted("decided", merge._linked_given))
        patch.setattr(merge, "_named_difference_given", counted("differences", merge._named_difference_given))
        patch.setattr(linkage, "_merge_votes", counted("merges", linkage._merge_votes))
        timeline = merge.merge_events(stories(documents))
    work["events"] = len(timeline.events)
    return work


SMALL = 100
"""Documents of the smaller merge of the guard (the larger has ten times as many)."""


def test_merge_work_grows_with_the_documents_not_their_pairs() -> None:
    """Ten times the documents at the same density: every count of the merge's work
    grows about ten times (12.5 times at most when written; the guard allows 20,
    comparing every pair would grow 100 times), and an event is compared with a
    few others (under 8 when written), not with every report of its month (over 600)."""
    small, large = merge_work(SMALL), merge_work(10 * SMALL)
    for name in ("candidates", "decided", "evidences", "differences", "links", "merges"):
        assert small[name] > 0, name
        assert large[name] <= 20 * small[name], (name, small[name], large[name])
    assert large["candidates"] <= 15 * 5 * 10 * SMALL  # fifteen per event (five a document) at most
    # the reports of a story do merge (a story has about ten): the work is not idle
    assert large["events"] <= 5 * 10 * SMALL // 5
