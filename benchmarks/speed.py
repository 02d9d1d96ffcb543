"""Speed of temporal expression finding and of the whole build versus the spaCy parse.

Usage: python benchmarks/speed.py [--corpus DIR] [--repeat N]

On a TimeML corpus (default: AQUAINT from ``../shared/data/tempeval3``), measures in
one process (a) the spaCy pipeline alone over the texts (``nlp.pipe``, the batch size
the library uses), (b) ``timeline.times.temporal.find_times_many``, which runs the same parse
and then the temporal engine, and (c) ``timeline.build_timeline`` on the same texts
(parse, times, events, merge). Times are the process's CPU time
(``time.process_time``, median of N runs after a warm-up), not the wall clock: the
machine is shared, and CPU time is what the engine costs. Prints documents per second
and each one's cost relative to the parse (``b / a``, ``c / a``). The first-call cost
is printed apart: the CPU time of the first document's analysis after the parse
(``build.analyze_document``: the rule table read, the rules its text needs compiled,
the other stages' tables loaded), and of the same call again. A development script,
not a test.
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

from timeline.build import analyze_document, build_timeline
from timeline.documents import Document
from timeline.evaluate.timeml import read_timeml_directory
from timeline.nlp import default_nlp, parse_texts
from timeline.times.temporal import find_times_many

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "tempeval3" / "AQUAINT"


def _time_once(run: Callable[[], object]) -> float:
    # Collect garbage first so one run does not pay for the previous one's objects.
    gc.collect()
    started = time.process_time()
    run()
    return time.process_time() - started


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .tml files")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each (default 5)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (expected ../shared/data next to the repo)", file=sys.stderr)
        return 2
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

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
    parse_only()
    first_parsed = list(parse_texts(texts[:1], nlp))[0]
    first_call = _time_once(lambda: analyze_document(documents[0], first_parsed))
    second_call = _time_once(lambda: analyze_document(documents[0], first_parsed))
    find_times()
    build()

    parse_seconds: list[float] = []
    find_seconds: list[float] = []
    build_seconds: list[float] = []
    # Alternate the three so drift (thermal, other load) affects all alike.
    for _ in range(args.repeat):
        parse_seconds.append(_time_once(parse_only))
        find_seconds.append(_time_once(find_times))
        build_seconds.append(_time_once(build))

    a = statistics.median(parse_seconds)
    b = statistics.median(find_seconds)
    c = statistics.median(build_seconds)
    n = len(documents)
    chars = sum(len(t) for t in texts)
    print(f"corpus: {args.corpus} ({n} documents, {chars:,} characters), {args.repeat} runs, medians of CPU time")
    print(
        f"first call: the first document analyzed in {first_call:.3f} s after its parse "
        f"(tables read, the rules it needs compiled), {second_call:.3f} s the second time"
    )
    print(f"(a) spaCy parse only       {a:8.3f} s  {n / a:8.1f} docs/s")
    print(f"(b) find_times_many        {b:8.3f} s  {n / b:8.1f} docs/s  {b / a:.3f}x the parse")
    print(f"(c) build_timeline         {c:8.3f} s  {n / c:8.1f} docs/s  {c / a:.3f}x the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
