"""How the event stage's time grows with the length of one text.

Usage: python benchmarks/scaling.py [--repeat N]

Builds one article from a paragraph repeated 60 and 240 times, parses each once, and
times ``timeline.build.analyze_document`` (the stages after the parse) on each, median
of N runs. Prints both times and their ratio: for four times the text, a ratio near 4
means linear growth; a 200,000-character text once took 224 s because each event
scanned the whole text (ratio near 16). A development script, not a test: timings
belong here, not in the test suite.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Optional

from timeline.build import analyze_document
from timeline.documents import Document
from timeline.nlp import default_nlp
from timeline.temporal import with_publication_date

PARAGRAPH = "Peace talks collapsed on Friday, the minister said on Monday. The delegation left Istanbul on March 9. "
SMALL, LARGE = 60, 240


def stage_seconds(repeats: int, runs: int) -> float:
    """Median seconds of the stages after the parse on PARAGRAPH * repeats."""
    document = with_publication_date(Document(PARAGRAPH * repeats, published="2024-03-12"))
    parsed = default_nlp()(document.text)
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        analyze_document(document, parsed)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median reported)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    stage_seconds(SMALL, 1)  # warm-up: load the pipeline and the resource tables
    small, large = stage_seconds(SMALL, args.repeat), stage_seconds(LARGE, args.repeat)
    print(f"{len(PARAGRAPH) * SMALL:>8} characters  {small:8.3f} s")
    print(f"{len(PARAGRAPH) * LARGE:>8} characters  {large:8.3f} s")
    print(f"ratio for {LARGE // SMALL}x the text: {large / small:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
