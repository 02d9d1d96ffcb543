"""Throughput of build_timeline with 1 and 2 processes, and of timeline.dask with 1 and
2 workers (a LocalCluster of worker processes), on Timeline17 dev articles.

Usage: python benchmarks/scale_out.py [--docs N] [--story H1N1_bbc] [--no-dask] [--combine events|merge]

Takes the first N articles (sorted by path) of ``../shared/data/timeline17-dev/<story>/
InputDocs`` (the folder name is the publication date), builds the timeline once to
warm the pipeline up, then times each configuration once (wall clock, including the
workers' start-up: each worker process loads spaCy and the pipeline) and prints
documents per second, the speed-up over one process, and whether each timeline equals
the one-process one. Also prints the load average before and after: on a shared
machine the speed-up says little. A development script, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

import attrs

from timeline import build_timeline
from timeline.build import analyze_documents, read_documents
from timeline.documents import Document
from timeline.merge import merge_events

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "timeline17-dev"


def articles(story: str, limit: int) -> list[Document]:
    folder = DATA / story / "InputDocs"
    if not folder.is_dir():
        raise SystemExit(f"no data at {folder} (../shared/data is absent)")
    paths = sorted(folder.glob("*/*.txt"))[:limit]
    return [
        Document(text=p.read_text(encoding="utf-8"), id=f"{p.parent.name}/{p.stem}", published=p.parent.name)
        for p in paths
    ]


def timed(label: str, run: object, count: int, base: Optional[float]) -> float:
    assert callable(run)
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    speedup = f"  x{base / seconds:.2f}" if base else ""
    print(f"{label:<28} {seconds:7.1f} s  {count / seconds:6.2f} docs/s{speedup}  events={len(result)}", flush=True)
    timed.results[label] = result  # type: ignore[attr-defined]
    return seconds


timed.results = {}  # type: ignore[attr-defined]


def serial_share(documents: list[Document]) -> None:
    """Time the two parts of a one-process build: the per-document analysis (what the
    workers share) and the merge (what stays serial), and print the speed-up Amdahl's
    law allows with 2 workers on 2 free cores."""
    started = time.perf_counter()
    used, dates = read_documents(documents)
    results = list(analyze_documents(used))
    analyzed = time.perf_counter()
    events = [event for result in results for event in result.events]
    timeline = attrs.evolve(merge_events(events, documents=[d.id for d in used]), publication_dates=dates)
    merged = time.perf_counter()
    analysis, merge = analyzed - started, merged - analyzed
    print(
        f"analysis {analysis:.1f} s, merge {merge:.2f} s of {len(events)} per-document events "
        f"({100 * merge / (analysis + merge):.1f}% serial): at most x{(analysis + merge) / (analysis / 2 + merge):.2f} "
        f"with 2 workers on free cores; {len(timeline)} events",
        flush=True,
    )


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=60, help="number of articles (default 60)")
    parser.add_argument("--story", default="H1N1_bbc", help="the Timeline17 dev story to take articles from (default H1N1_bbc)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    parser.add_argument("--combine", choices=("events", "merge"), default="events", help="timeline.dask's combine (default events)")
    args = parser.parse_args(argv)
    documents = articles(args.story, args.docs)
    chars = sum(len(d.text) for d in documents)
    print(f"{len(documents)} articles of {args.story}, {chars:,} characters; load average {os.getloadavg()[0]:.1f}")
    build_timeline(documents[:2])  # warm-up: pipeline and rule tables
    serial_share(documents)
    one = timed("build_timeline n_process=1", lambda: build_timeline(documents), len(documents), None)
    timed("build_timeline n_process=2", lambda: build_timeline(documents, n_process=2, batch_size=8), len(documents), one)
    if not args.no_dask:
        import dask.bag as db
        from distributed import Client, LocalCluster

        import timeline.dask

        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
                bag = db.from_sequence(documents, npartitions=4 * workers)
                timed(
                    f"dask {workers} worker(s), {args.combine}",
                    lambda: timeline.dask.build_timeline(bag, combine=args.combine),
                    len(documents),
                    one,
                )
    reference = timed.results["build_timeline n_process=1"]  # type: ignore[attr-defined]
    for label, result in timed.results.items():  # type: ignore[attr-defined]
        print(f"{label:<28} equal to one process: {result == reference}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
