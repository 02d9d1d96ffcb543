"""Speed of temporal expression finding and of the whole build versus the spaCy parse.

Usage: python benchmarks/speed.py [--corpus DIR] [--repeat N] [--passes N] [--find-times]

On a TimeML corpus (default: AQUAINT from ``../shared/data/tempeval3``), measures in
one process (a) the spaCy pipeline alone over the texts (``nlp.pipe``, the batch size
the library uses), (c) ``timeline.build_timeline`` on the same texts (parse, times,
events, merge) and, with ``--find-times``, (b) ``timeline.times.temporal.find_times_many``,
which runs the same parse and then the temporal engine (always measured until session
16, now left out by default to save a third of the run). Times are the process's
CPU time (``time.process_time``), not the wall clock: the machine is shared, and CPU
time is what the engine costs.

Three figures, from the noisiest to the steadiest:

- **Medians**: the median of each of (a), (b), (c) over ``--repeat`` rounds (after a
  warm-up; default 5), ``c / a`` of the medians. This is the figure of the earlier sessions; it
  divides two separately timed totals, and the parse alone moves by up to 10% between
  runs on a shared machine, so the ratio moves by 0.05-0.1x.
- **Paired ratios**: in each round (a), (b) and (c) run back to back, in the order
  a, (b), c in even rounds and c, (b), a in odd ones (so that neither comes always first
  after the collection of the other's garbage), and ``c / a`` is taken within the
  round. Printed: each round's ratio, their median, and their spread (lowest to
  highest). A change of load between rounds falls on both sides of a ratio.
- **After the parse**: the work ``build_timeline`` does besides the parse, timed on
  the texts parsed once beforehand (``timeline.nlp.parse_texts``, the same call as
  (a)): ``build.read_documents``, ``build.analyze_document`` on each document and its
  parse, ``merge.merge_events`` and ``entities.cluster_entities``, as
  ``build_timeline`` calls them, over ``--passes`` passes. Each pass also times the
  stages one by one (times, events, entities, roles, merge and entity clustering).
  Printed as seconds (median and spread) and as a fraction of the parse (``s / a``,
  ``a`` the median of the parse rounds): ``1 + s / a`` is the build's ratio with the
  noise of the parse's total left out of the numerator. This is the figure to compare
  two versions of the stages with.

The first-call cost is printed apart: the CPU time of the first document's analysis
after the parse (``build.analyze_document``: the rule table read, the rules its text
needs compiled, the other stages' tables loaded), and of the same call again. A
development script, not a test.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional

import attrs

from timeline.build import analyze_document, build_timeline, read_documents
from timeline.documents import Document
from timeline.entities import cluster_entities, document_entities, with_roles
from timeline.events import document_events
from timeline.evaluate.timeml import read_timeml_directory
from timeline.merge import merge_events
from timeline.nlp import default_nlp, parse_texts
from timeline.times.temporal import find_times_in_parsed, find_times_many

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "tempeval3" / "AQUAINT"
STAGES = ("times", "events", "entities", "roles", "merge")


def _time_once(run: Callable[[], object]) -> float:
    # Collect garbage first so one run does not pay for the previous one's objects.
    gc.collect()
    started = time.process_time()
    run()
    return time.process_time() - started


def _spread(values: Sequence[float], digits: int = 3) -> str:
    return f"median {statistics.median(values):.{digits}f}, {min(values):.{digits}f}-{max(values):.{digits}f}"


def after_the_parse(documents: Sequence[Document], parsed: Sequence[object]) -> Callable[[], object]:
    """What ``build_timeline`` does besides the parse, on documents parsed beforehand."""

    def run() -> object:
        used, dates = read_documents(documents)
        results = [analyze_document(document, doc) for document, doc in zip(used, parsed)]  # type: ignore[arg-type]
        merged = merge_events([e for r in results for e in r.events], documents=[d.id for d in used])
        return attrs.evolve(
            merged, publication_dates=dates, entity_table=cluster_entities([e for r in results for e in r.entities])
        )

    return run


def stage_times(documents: Sequence[Document], parsed: Sequence[object]) -> dict[str, float]:
    """Each stage of :func:`timeline.build.analyze_document` and the merge timed apart."""
    pairs = list(zip(read_documents(documents)[0], parsed))
    seconds: dict[str, float] = {}

    def clock(name: str, run: Callable[[], list[object]]) -> list[object]:
        gc.collect()
        started = time.process_time()
        value = run()
        seconds[name] = time.process_time() - started
        return value

    times = clock("times", lambda: [tuple(find_times_in_parsed(d, p)) for d, p in pairs])  # type: ignore[arg-type]
    events = clock("events", lambda: [document_events(d, p, t) for (d, p), t in zip(pairs, times)])  # type: ignore
    found = clock("entities", lambda: [document_entities(d, p) for d, p in pairs])  # type: ignore[arg-type]
    roles = clock(
        "roles", lambda: [with_roles(e, p, f) for (_, p), e, f in zip(pairs, events, found)]  # type: ignore
    )
    clock(
        "merge",
        lambda: [
            merge_events([e for r in roles for e in r], documents=[d.id for d, _ in pairs]),  # type: ignore
            cluster_entities([e for f in found for e in f.entities]),  # type: ignore
        ],
    )
    return seconds


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .tml files")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds of (a), (b), (c) (default 5)")
    parser.add_argument("--passes", type=int, default=9, help="timed passes after the parse (default 9)")
    parser.add_argument("--find-times", action="store_true", help="also time (b) find_times_many")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (expected ../shared/data next to the repo)", file=sys.stderr)
        return 2
    if args.repeat < 1 or args.passes < 1:
        parser.error("--repeat and --passes must be at least 1")

    tml = read_timeml_directory(args.corpus)
    documents = [Document(text=d.text, id=d.doc_id, published=d.dct_date) for d in tml]
    texts = [d.text for d in documents]
    nlp = default_nlp()

    # (a) uses parse_texts, which is nlp.pipe with the batch size find_times_many uses,
    # so the only difference between (a) and (b) is the temporal engine.
    def parse_only() -> object:
        return list(parse_texts(texts, nlp))

    def find_times() -> object:
        return find_times_many(documents, nlp=nlp)

    def build() -> object:
        return build_timeline(documents, nlp=nlp)

    # Warm-up: model weights, lazily built rule tables and caches are loaded once here.
    parsed = list(parse_texts(texts, nlp))
    first_call = _time_once(lambda: analyze_document(documents[0], parsed[0]))
    second_call = _time_once(lambda: analyze_document(documents[0], parsed[0]))
    if args.find_times:
        find_times()
    build()
    after = after_the_parse(documents, parsed)
    after()

    timed: dict[str, list[float]] = {"parse": [], "find": [], "build": []}
    runs = {"parse": parse_only, "find": find_times, "build": build}
    measured = ("parse", "find", "build") if args.find_times else ("parse", "build")
    for round_number in range(args.repeat):
        # Alternate the order so drift (thermal, other load) affects all alike.
        order = measured if round_number % 2 == 0 else measured[::-1]
        for name in order:
            timed[name].append(_time_once(runs[name]))

    after_seconds: list[float] = []
    per_stage: dict[str, list[float]] = {name: [] for name in STAGES}
    for _ in range(args.passes):
        after_seconds.append(_time_once(after))
        for name, seconds in stage_times(documents, parsed).items():
            per_stage[name].append(seconds)

    a = statistics.median(timed["parse"])
    c = statistics.median(timed["build"])
    n = len(documents)
    chars = sum(len(t) for t in texts)
    print(f"corpus: {args.corpus} ({n} documents, {chars:,} characters), CPU time")
    print(
        f"first call: the first document analyzed in {first_call:.3f} s after its parse "
        f"(tables read, the rules it needs compiled), {second_call:.3f} s the second time"
    )
    print(f"medians of {args.repeat} rounds:")
    print(f"(a) spaCy parse only       {a:8.3f} s  {n / a:8.1f} docs/s")
    if args.find_times:
        b = statistics.median(timed["find"])
        print(f"(b) find_times_many        {b:8.3f} s  {n / b:8.1f} docs/s  {b / a:.3f}x the parse")
    print(f"(c) build_timeline         {c:8.3f} s  {n / c:8.1f} docs/s  {c / a:.3f}x the parse")
    print("paired ratios (each round's own parse):")
    if args.find_times:
        find_ratios = [f / p for f, p in zip(timed["find"], timed["parse"])]
        print(f"  b / a  {' '.join(f'{r:.3f}' for r in find_ratios)}  ({_spread(find_ratios)})")
    build_ratios = [t / p for t, p in zip(timed["build"], timed["parse"])]
    print(f"  c / a  {' '.join(f'{r:.3f}' for r in build_ratios)}  ({_spread(build_ratios)})")
    print(f"  c - a  {_spread([t - p for t, p in zip(timed['build'], timed['parse'])])} s")
    s = statistics.median(after_seconds)
    print(f"after the parse, on the parsed documents, {args.passes} passes:")
    print(f"  read, analyze, merge     {_spread(after_seconds)} s")
    for name in STAGES:
        print(f"    {name:22s} {_spread(per_stage[name])} s")
    print(f"  as a fraction of the parse: s / a = {s / a:.3f} (1 + s / a = {1 + s / a:.3f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
