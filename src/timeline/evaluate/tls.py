"""``python -m timeline.evaluate tls DIR --out OUTDIR``: timeline summarization on the
Timeline17 layout (news-tls protocol), scored by Date-F1 and ROUGE.

For each story folder of ``DIR`` the articles of ``InputDocs`` are built into one
timeline (publication date = the date folder's name; ``--undated drop``, the default,
or ``inherit``, which adds the events dated by their publication day: the same Date-F1
with the default weights, ten times the events to merge, minutes per story); for each
reference timeline (a line of ``timelines.jsonl``) a timeline is produced with as many
dates as the reference has distinct dates, restricted to its first..last date, and per
date as many sentences as the reference's average per date (rounded, at least 1).
``OUTDIR/<story>.jsonl`` gets one line per reference line: ``[["YYYY-MM-DD", [sentence,
...]], ...]``.

Methods: ``library`` ranks with :func:`timeline.keydates.rank_dates`; ``floor`` takes
the days with the most published articles (ties: the earlier day), and as sentences the
first sentences of that day's articles.

Scores (per reference, then averaged per story and over all references):

- Date-F1 between the predicted and the reference date sets;
- ROUGE-1 and ROUGE-2 F, ``concat`` (all sentences of each timeline as one text) and
  ``agree`` (n-grams matched only between summaries of the same date; Martschat &
  Markert 2017). Tokens are lowercase letters and digits, no stemming, no stop-word
  removal (the tokenization of Google's ``rouge-score`` without its stemmer); the
  implementation is :func:`rouge_n`.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Optional

from ..documents import Document
from ..keydates import WEIGHTS, SalienceWeights, rank_dates
from ..model import Timeline
from .t17 import Story, read_story, story_folders
from .tls_cache import merged_timeline

DEFAULT_CACHE = Path("/tmp/keydates/cache")

DatedSummary = list[tuple[date, list[str]]]
Reference = Sequence[tuple[date, Sequence[str]]]

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """ROUGE tokens: lowercase runs of letters and digits."""
    return _TOKEN.findall(text.lower())


def ngrams(text_tokens: Sequence[str], size: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(text_tokens[i : i + size]) for i in range(len(text_tokens) - size + 1))


def _f1(overlap: float, predicted: float, reference: float) -> float:
    if overlap <= 0 or predicted <= 0 or reference <= 0:
        return 0.0
    precision, recall = overlap / predicted, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(predicted: str, reference: str, size: int) -> float:
    """ROUGE-N F between two texts."""
    p, r = ngrams(tokens(predicted), size), ngrams(tokens(reference), size)
    return _f1(sum((p & r).values()), sum(p.values()), sum(r.values()))


def rouge_agreement(predicted: Mapping[date, str], reference: Mapping[date, str], size: int) -> float:
    """ROUGE-N F with n-grams matched only within the same date (the "agreement" variant):
    precision over all predicted n-grams, recall over all reference n-grams."""
    p_counts = {day: ngrams(tokens(text), size) for day, text in predicted.items()}
    r_counts = {day: ngrams(tokens(text), size) for day, text in reference.items()}
    overlap = sum(sum((p_counts[day] & r_counts[day]).values()) for day in p_counts.keys() & r_counts.keys())
    return _f1(overlap, sum(sum(c.values()) for c in p_counts.values()), sum(sum(c.values()) for c in r_counts.values()))


def date_f1(predicted: Sequence[date], reference: Sequence[date]) -> float:
    """F1 between the predicted and reference date sets."""
    p, r = set(predicted), set(reference)
    return _f1(len(p & r), len(p), len(r))


def merged_reference(reference: Reference) -> dict[date, list[str]]:
    """A reference with its repeated dates merged (sentences in file order)."""
    days: dict[date, list[str]] = defaultdict(list)
    for day, sentences in reference:
        days[day].extend(sentences)
    return dict(days)


def task_of(reference: Reference) -> tuple[int, int, date, date]:
    """(dates, sentences per date, first, last) asked for by a reference timeline."""
    days = merged_reference(reference)
    per_date = max(1, round(sum(len(s) for s in days.values()) / len(days)))
    return len(days), per_date, min(days), max(days)


def score(predicted: DatedSummary, reference: Reference) -> dict[str, float]:
    """Date-F1 and ROUGE-1/2 F (concatenated and by date agreement) of one timeline."""
    ref_days = {day: " ".join(s) for day, s in merged_reference(reference).items()}
    pred_days = {day: " ".join(s) for day, s in predicted}
    pred_text, ref_text = " ".join(pred_days[d] for d in sorted(pred_days)), " ".join(ref_days[d] for d in sorted(ref_days))
    return {
        "date_f1": date_f1(list(pred_days), list(ref_days)),
        "rouge1_concat": rouge_n(pred_text, ref_text, 1),
        "rouge2_concat": rouge_n(pred_text, ref_text, 2),
        "rouge1_agree": rouge_agreement(pred_days, ref_days, 1),
        "rouge2_agree": rouge_agreement(pred_days, ref_days, 2),
    }


def floor_timeline(documents: Sequence[Document], n: int, per_date: int, first: date, last: date) -> DatedSummary:
    """The floor: the ``n`` days of ``first``..``last`` with the most published articles
    (ties: the earlier day), each with the first sentences of its articles (by id)."""
    by_day: dict[date, list[Document]] = defaultdict(list)
    for document in documents:
        day = document.published_date
        if day is not None and first <= day <= last:
            by_day[day].append(document)
    days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:n]
    summary = []
    for day in sorted(days):
        leads = [d.text.split("\n", 1)[0] for d in sorted(by_day[day], key=lambda d: d.id)]
        summary.append((day, leads[:per_date]))
    return summary


def library_timeline(
    timeline: Timeline,
    published: Mapping[str, date],
    n: int,
    per_date: int,
    first: date,
    last: date,
    weights: SalienceWeights = WEIGHTS,
) -> DatedSummary:
    """The library's key dates for one reference's task."""
    ranked = rank_dates(timeline, n, per_date=per_date, start=first, end=last, published=published, weights=weights)
    return [(key.day, list(key.sentences)) for key in sorted(ranked, key=lambda k: k.day)]


def story_timeline(story: Story, cache_dir: Optional[Path], undated: str = "drop") -> Timeline:
    """The merged timeline of a story's articles (per-document results cached)."""
    return merged_timeline(story.documents, undated=undated, cache_dir=cache_dir)


def run_story(
    story: Story,
    method: str,
    cache_dir: Optional[Path],
    weights: SalienceWeights = WEIGHTS,
    timeline: Optional[Timeline] = None,
    undated: str = "drop",
) -> tuple[list[DatedSummary], list[dict[str, float]]]:
    """The predicted timelines and scores of one story, one per reference."""
    if method == "library" and timeline is None:
        timeline = story_timeline(story, cache_dir, undated)
    published = {d.id: d.published_date for d in story.documents if d.published_date is not None}
    predictions, scores = [], []
    for reference in story.references:
        n, per_date, first, last = task_of(reference)
        if method == "floor":
            predicted = floor_timeline(story.documents, n, per_date, first, last)
        else:
            assert timeline is not None
            predicted = library_timeline(timeline, published, n, per_date, first, last, weights)
        predictions.append(predicted)
        scores.append(score(predicted, reference))
    return predictions, scores


def mean_scores(scores: Sequence[Mapping[str, float]]) -> dict[str, float]:
    return {key: round(statistics.fmean(s[key] for s in scores), 4) for key in scores[0]} if scores else {}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline.evaluate tls", description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="a Timeline17-layout folder (story folders with InputDocs/)")
    parser.add_argument("--out", type=Path, required=True, help="folder for <story>.jsonl predictions")
    parser.add_argument("--method", choices=("library", "floor"), default="library")
    parser.add_argument(
        "--undated",
        choices=("drop", "inherit"),
        default="drop",
        help="build with undated='drop' (default: fast) or 'inherit' (days only written about count as sources)",
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--story", action="append", default=[], help="only this story (repeatable)")
    parser.add_argument(
        "--cache", type=Path, default=DEFAULT_CACHE, help=f"per-document results cache (default {DEFAULT_CACHE})"
    )
    parser.add_argument("--no-cache", action="store_true", help="parse everything, read and write no cache")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"no such folder: {args.root}", file=sys.stderr)
        return 2
    folders = [f for f in story_folders(args.root) if not args.story or f.name in args.story]
    if not folders:
        print(f"no story folders (with InputDocs/ and timelines.jsonl) under {args.root}", file=sys.stderr)
        return 2
    cache_dir = None if args.no_cache else args.cache
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"method": args.method, "undated": args.undated, "stories": {}}
    every: list[dict[str, float]] = []
    for folder in folders:
        started = time.perf_counter()
        story = read_story(folder)
        predictions, scores = run_story(story, args.method, cache_dir, undated=args.undated)
        with (args.out / f"{story.name}.jsonl").open("w", encoding="utf-8") as handle:
            for predicted in predictions:
                handle.write(json.dumps([[day.isoformat(), sentences] for day, sentences in predicted]) + "\n")
        every.extend(scores)
        story_report = {
            **mean_scores(scores),
            "references": len(scores),
            "documents": len(story.documents),
            "seconds": round(time.perf_counter() - started, 1),
        }
        report["stories"][story.name] = story_report  # type: ignore[index]
        if not args.json:
            figures = "  ".join(f"{k} {v:.4f}" for k, v in mean_scores(scores).items())
            print(f"{story.name:16} {figures}  ({len(story.documents)} docs, {story_report['seconds']} s)")
    report["mean"] = mean_scores(every)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{'mean':16} " + "  ".join(f"{k} {v:.4f}" for k, v in report["mean"].items()))  # type: ignore[attr-defined]
    return 0
