"""Choose the key-date salience weights on the Timeline17 dev stories with
leave-one-story-out, and print every fold (docs/benchmarks.md, "Key dates").

    python benchmarks/keydates_weights.py ../shared/data/timeline17-dev [--cache DIR] [--undated drop|inherit]

For each story the merged timeline is built (or read from the cache of
``python -m timeline.evaluate tls``), each candidate day's counts are computed once
(:func:`timeline.keydates.candidate_days`: the days of events and the publication
days), and every weight set of a small grid is scored by Date-F1. ``references`` is
fixed at 1 (only the ratios matter to a ranking); the grid is over (sources, leads,
published, late references) and the delay that makes a reference late
(:data:`timeline.keydates.LATE_DAYS`). Each story is then scored with the weights best
on the other four (ties: the smaller weights, then the shorter delay), and the weights
best on all five are shown too, with the defaults' figures. Also printed: the floor, and the ceiling (the share of reference
days that are candidates at all: no ranking can find the others).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import attrs

from timeline.evaluate.t17 import read_story, story_folders
from timeline.evaluate.tls import DEFAULT_CACHE, date_f1, floor_timeline, story_timeline, task_of
from timeline.keydates import LATE_DAYS, WEIGHTS, DayCounts, SalienceWeights, candidate_days, salience

SOURCES = (0.0, 0.25, 0.5, 1.0)
LEADS = (0.0, 0.5)
PUBLISHED = (0.0, 0.25, 0.5, 1.0, 2.0)
LATE = (0.0, 0.5, 1.0, 2.0)
DELAYS = (3, 7, 14, 30)
# every count, so that the weights decide which days take part (a publication day
# with no event is a candidate only when the published weight is not 0)
ALL_COUNTS = SalienceWeights(references=1, sources=1, leads=1, published=1)


def top_days(counts: dict[date, DayCounts], weights: SalienceWeights, n: int, first: date, last: date) -> list[date]:
    days = [d for d in counts if first <= d <= last and (weights.published or counts[d].sources)]
    return sorted(days, key=lambda d: (-round(salience(counts[d], weights), 9), d))[:n]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="the Timeline17 dev folder (one folder a story)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="the timeline cache of python -m timeline.evaluate tls")
    parser.add_argument("--undated", choices=("drop", "inherit"), default="drop", help="what the timelines do with undated events (default drop)")
    args = parser.parse_args(argv)
    stories = {}
    for folder in story_folders(args.root):
        story = read_story(folder)
        timeline = story_timeline(story, args.cache, args.undated)
        published = {d.id: d.published_date for d in story.documents if d.published_date is not None}
        by_delay = {delay: candidate_days(timeline, published, None, None, ALL_COUNTS, late_days=delay) for delay in DELAYS}
        stories[story.name] = (story, by_delay)
    rows = []
    for sources, leads, published_weight, late, delay in itertools.product(SOURCES, LEADS, PUBLISHED, LATE, DELAYS):
        if not late and delay != LATE_DAYS:
            continue  # the delay means nothing without a weight on late references
        weights = SalienceWeights(
            references=1.0, sources=sources, leads=leads, published=published_weight, late_references=late
        )
        scores = {}
        for name, (story, by_delay) in stories.items():
            counts = by_delay[delay]
            f1s = []
            for reference in story.references:
                n, _, first, last = task_of(reference)
                f1s.append(date_f1(top_days(counts, weights, n, first, last), [d for d, _ in reference]))
            scores[name] = statistics.fmean(f1s)
        rows.append(((weights, delay), scores))

    def smaller(choice: tuple[SalienceWeights, int]) -> tuple[float, int]:
        return -sum(attrs.astuple(choice[0])), -choice[1]

    def shown(choice: tuple[SalienceWeights, int]) -> tuple[float, ...]:
        weights, delay = choice
        return (weights.sources, weights.leads, weights.published, weights.late_references, delay)

    print("story            floor  ceiling  held-out  (chosen on the other stories: sources, leads, published, late, delay)")
    held = []
    for name, (story, by_delay) in stories.items():
        counts = by_delay[LATE_DAYS]
        best = max(rows, key=lambda r: (round(sum(v for k, v in r[1].items() if k != name), 6), smaller(r[0])))
        floors, ceilings = [], []
        for reference in story.references:
            n, per_date, first, last = task_of(reference)
            floors.append(date_f1([d for d, _ in floor_timeline(story.documents, n, per_date, first, last)], [d for d, _ in reference]))
            reachable = {d for d, _ in reference} & {d for d in counts if first <= d <= last}
            ceilings.append(len(reachable) / n)
        held.append(best[1][name])
        print(f"{name:16} {statistics.fmean(floors):.3f}  {statistics.fmean(ceilings):.3f}    {best[1][name]:.3f}     {shown(best[0])}")
    print(f"{'mean':16}                 {statistics.fmean(held):.3f}")
    best = max(rows, key=lambda r: (round(sum(r[1].values()), 6), smaller(r[0])))
    print("best on all five:", shown(best[0]), {k: round(v, 3) for k, v in best[1].items()})
    ranked = sorted(rows, key=lambda r: -sum(r[1].values()))
    for choice, scores in ranked[:12]:
        print("  ", shown(choice), {k: round(v, 3) for k, v in scores.items()}, round(statistics.fmean(scores.values()), 3))
    default = next(scores for choice, scores in rows if choice == (WEIGHTS, LATE_DAYS))
    print("the default weights", attrs.astuple(WEIGHTS), {k: round(v, 3) for k, v in default.items()},
          round(statistics.fmean(default.values()), 3))


if __name__ == "__main__":
    main()
