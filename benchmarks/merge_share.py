"""The merge stage's share of a whole build on real news (issue #15).

Usage: python benchmarks/merge_share.py [--root DIR] [--limit N]

Reads the articles of every story of a Timeline17-layout folder (default:
``../shared/data/timeline17-dev``, 843 articles of 5 stories, each with its publication
date), parses them once (``nlp.parse_texts``, the library's batches), then times in one
process the stages a ``build_timeline`` runs: the analysis of each parsed article
(``build.analyze_document``: times, events, entities), ``merge.merge_events`` on all
their events (the merge stage: dedup across articles, order) and the clustering of the
entities, for ``undated="drop"`` (the default) and ``"inherit"`` (many more events).
Prints the CPU time of each (``time.process_time``: the machine is shared) and the
merge's share of the whole (parse included). A development script, not a test.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional, TypeVar

from timeline.build import analyze_document
from timeline.documents import Document
from timeline.entities import cluster_entities
from timeline.evaluate.t17 import read_story, story_folders
from timeline.merge import merge_events
from timeline.nlp import default_nlp, parse_texts
from timeline.times.temporal import with_publication_date

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ROOT = REPO_ROOT.parent / "shared" / "data" / "timeline17-dev"

T = TypeVar("T")


def cpu(run: Callable[[], T]) -> tuple[T, float]:
    """The result of ``run()`` and the CPU seconds it took."""
    gc.collect()
    started = time.process_time()
    result = run()
    return result, time.process_time() - started


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="a Timeline17-layout folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"data not found: {args.root} (expected ../shared/data next to the repo)", file=sys.stderr)
        return 2
    documents: list[Document] = [d for folder in story_folders(args.root) for d in read_story(folder).documents]
    if args.limit > 0:
        documents = documents[: args.limit]
    documents = [with_publication_date(d) for d in documents]
    nlp = default_nlp()
    parse_texts(["Warm-up on Monday."], nlp)
    parsed, parse_seconds = cpu(lambda: list(parse_texts((d.text for d in documents), nlp)))
    print(f"{len(documents)} articles, parse {parse_seconds:.2f} s CPU ({parse_seconds / len(documents) * 1000:.1f} ms each)")
    for undated in ("drop", "inherit"):
        results, analysis = cpu(lambda: [analyze_document(d, p, undated=undated) for d, p in zip(documents, parsed)])
        events = [event for result in results for event in result.events]
        timeline, merge = cpu(lambda: merge_events(events, documents=[d.id for d in documents]))
        _, entities = cpu(lambda: cluster_entities([e for result in results for e in result.entities]))
        total = parse_seconds + analysis + merge + entities
        print(f"undated={undated}: {len(events)} events -> {len(timeline.events)}; analysis {analysis:.2f} s, "
              f"merge_events {merge:.2f} s, entities {entities:.2f} s CPU; merge share of the build "
              f"{merge / total:.1%} (of {total:.1f} s with the parse), {merge / (analysis + merge + entities):.1%} "
              f"of the stages after the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
