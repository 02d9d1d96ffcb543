"""Choose the key-date salience weights on the Timeline17 dev stories with
leave-one-story-out, and print every fold (docs/benchmarks.md, "Key dates").

    python benchmarks/keydates_weights.py ../shared/data/timeline17-dev [--cache DIR] [--undated drop|inherit]

For each story the merged timeline is built (or read from the cache of
``python -m timeline.evaluate tls``), each day's document counts are computed once
(:func:`timeline.keydates.day_counts`), and every weight triple of a small grid over
(references, sources, leads) is scored by Date-F1. Each story is then scored with the
triple best on the other four (ties: the smaller weights), and the triple best on all
five is shown too. Also printed: the floor, and the ceiling (the share of reference
days that hold any dated event at all: no ranking can find the others).
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
from timeline.keydates import WEIGHTS, DayCounts, SalienceWeights, day_counts, events_by_day_in, salience

GRID = (0.0, 0.5, 1.0, 2.0)


def top_days(counts: dict[date, DayCounts], weights: SalienceWeights, n: int, first: date, last: date) -> list[date]:
    days = [d for d in counts if first <= d <= last]
    return sorted(days, key=lambda d: (-salience(counts[d], weights), d))[:n]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--undated", choices=("drop", "inherit"), default="drop")
    args = parser.parse_args(argv)
    stories = {}
    for folder in story_folders(args.root):
        story = read_story(folder)
        timeline = story_timeline(story, args.cache, args.undated)
        published = {d.id: d.published_date for d in story.documents if d.published_date is not None}
        counts = {day: day_counts(events, published) for day, events in events_by_day_in(timeline, None, None).items()}
        stories[story.name] = (story, counts)
    rows = []
    for triple in itertools.product(GRID, repeat=3):
        if not any(triple):
            continue
        weights = SalienceWeights(*triple)
        scores = {}
        for name, (story, counts) in stories.items():
            f1s = []
            for reference in story.references:
                n, _, first, last = task_of(reference)
                f1s.append(date_f1(top_days(counts, weights, n, first, last), [d for d, _ in reference]))
            scores[name] = statistics.fmean(f1s)
        rows.append((triple, scores))
    print("story            floor  ceiling  held-out  (weights chosen on the other stories)")
    held = []
    for name, (story, counts) in stories.items():
        best = max(rows, key=lambda r: (round(sum(v for k, v in r[1].items() if k != name), 6), -sum(r[0])))
        floors, ceilings = [], []
        for reference in story.references:
            n, per_date, first, last = task_of(reference)
            floors.append(date_f1([d for d, _ in floor_timeline(story.documents, n, per_date, first, last)], [d for d, _ in reference]))
            reachable = {d for d, _ in reference} & {d for d in counts if first <= d <= last}
            ceilings.append(len(reachable) / n)
        held.append(best[1][name])
        print(f"{name:16} {statistics.fmean(floors):.3f}  {statistics.fmean(ceilings):.3f}    {best[1][name]:.3f}     {best[0]}")
    print(f"{'mean':16}                 {statistics.fmean(held):.3f}")
    best = max(rows, key=lambda r: (round(sum(r[1].values()), 6), -sum(r[0])))
    print("best on all five:", best[0], {k: round(v, 3) for k, v in best[1].items()})
    tune = [name for name in stories if name.startswith("H1N1")]
    best = max(rows, key=lambda r: (round(sum(r[1][k] for k in tune), 6), -sum(r[0])))
    print("best on the H1N1 stories:", best[0], {k: round(v, 3) for k, v in best[1].items()})
    default = next(scores for triple, scores in rows if SalienceWeights(*triple) == WEIGHTS)
    print("the default weights", attrs.astuple(WEIGHTS), {k: round(v, 3) for k, v in default.items()},
          round(statistics.fmean(default.values()), 3))


if __name__ == "__main__":
    main()
