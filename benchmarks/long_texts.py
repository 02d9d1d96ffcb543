"""Time and memory of build_timeline on one long text: news and adversarial input.

Usage: python benchmarks/long_texts.py [--sizes 10000,100000,1000000]

For each kind of text and each size, runs ``timeline.build_timeline`` on one text of
that many characters in a fresh process (peak memory is per process) and prints the
CPU time (``time.process_time``), the CPU time per KB and the peak resident memory
(``resource.getrusage``, ru_maxrss) above the process after loading the pipeline.

- news: the seed articles (``seeds/``) repeated, separated by blank lines;
- adversarial: runs that once took quadratic time (white space, "May May ...",
  a hyphenated chain of years, clock times, blank lines), repeated.

Linear growth shows as a flat time per KB. A development script, not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

REPO_ROOT = Path(__file__).resolve().parents[1]
ADVERSARIAL_UNIT = (
    " " * 2000 + "\n" + "May " * 400 + "\n\n" + "-".join(["2020"] * 300) + " "
    + "at 5 p.m. " * 100 + "\n\n\n" + "\t \n" * 300 + "12/31/9999 " * 20 + "\n\n"
)


def text_of(kind: str, size: int) -> str:
    if kind == "news":
        unit = "\n\n".join(path.read_text(encoding="utf-8").strip() for path in sorted((REPO_ROOT / "seeds").glob("*.txt")))
        unit += "\n\n"
    else:
        unit = ADVERSARIAL_UNIT
    return (unit * (size // len(unit) + 1))[:size]


def measure_one(kind: str, size: int) -> dict[str, float]:
    """Build the timeline of one text in this process; CPU seconds and peak memory."""
    from timeline import build_timeline
    from timeline.nlp import default_nlp

    default_nlp()
    build_timeline(["Warm-up: the rules compile on May 3, 2024."])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = text_of(kind, size)
    started = time.process_time()
    timeline = build_timeline([{"text": text, "published": "2024-05-03"}])
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "above_mb": (peak - before) / 1024, "events": len(timeline)}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated sizes in characters")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]))))
        return 0
    print(f"{'text':12} {'chars':>9} {'CPU s':>8} {'ms/KB':>7} {'peak MB':>8} {'above':>7} {'events':>6}")
    for kind in ("news", "adversarial"):
        for size in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(size)], check=True, capture_output=True, text=True
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(
                f"{kind:12} {size:>9,} {row['seconds']:8.2f} {1000 * row['seconds'] / (size / 1000):7.1f} "
                f"{row['peak_mb']:8.0f} {row['above_mb']:7.0f} {int(row['events']):6}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
