"""Time and memory of build_timeline on one long text: news and adversarial input.

Usage: python benchmarks/long_texts.py [--sizes 10000,100000,1000000] [--kinds news,adversarial,repeated,cycled]
                                       [--undated drop|inherit]

For each kind of text and each size, runs ``timeline.build_timeline`` on one text of
that many characters in a fresh process (peak memory is per process) and prints the
CPU time (``time.process_time``), the CPU time per KB and the peak resident memory
(``resource.getrusage``, ru_maxrss) above the process after loading the pipeline.

- news: the seed articles (``seeds/``) repeated, separated by blank lines;
- adversarial: runs that once took quadratic time (white space, "May May ...",
  a hyphenated chain of years, clock times, blank lines), repeated;
- repeated: one news paragraph (a dated event, a reporting verb, a named person and
  place) repeated, separated by blank lines: every copy a mention of one event, which
  once made the merge compare every pair of copies (issue #20);
- cycled: five such paragraphs in turn (two tell an event after another).

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


PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget, Mayor Jane Smith said in a statement "
    "after a long debate at City Hall in Springfield.",
    "Police arrested two men in Springfield on Monday after a shooting at a bar, officials said.",
    "The company announced on March 3 that it would cut 500 jobs, chief executive John Doe told reporters.",
    "Floods hit the town of Riverside last week, forcing thousands to leave their homes, the governor said.",
    "Prime Minister Anna Berg resigned on Friday after losing a vote in parliament, her office said.",
)
KINDS = ("news", "adversarial", "repeated", "cycled")


def text_of(kind: str, size: int) -> str:
    if kind == "news":
        unit = "\n\n".join(path.read_text(encoding="utf-8").strip() for path in sorted((REPO_ROOT / "seeds").glob("*.txt")))
        unit += "\n\n"
    elif kind == "repeated":
        unit = PARAGRAPHS[0] + "\n\n"
    elif kind == "cycled":
        unit = "\n\n".join(PARAGRAPHS) + "\n\n"
    else:
        unit = ADVERSARIAL_UNIT
    text = (unit * (size // len(unit) + 1))[:size]
    # whole paragraphs only for the repeated kinds: a cut copy would be another report
    return text[: text.rfind("\n\n") + 2] if kind in ("repeated", "cycled") else text


def measure_one(kind: str, size: int, undated: str = "drop") -> dict[str, float]:
    """Build the timeline of one text in this process; CPU seconds and peak memory."""
    from timeline import build_timeline
    from timeline.nlp import default_nlp

    default_nlp()
    build_timeline(["Warm-up: the rules compile on May 3, 2024."])
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text = text_of(kind, size)
    started = time.process_time()
    timeline = build_timeline([{"text": text, "published": "2024-05-03"}], undated=undated)
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak / 1024, "above_mb": (peak - before) / 1024, "events": len(timeline),
            "chars": len(text), "most_mentions": max((len(event.mentions) for event in timeline.events), default=0)}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated sizes in characters")
    parser.add_argument("--kinds", default="news,adversarial", help=f"comma-separated kinds of text, of {', '.join(KINDS)}")
    parser.add_argument("--undated", default="drop", choices=("drop", "inherit", "inherit_events"),
                        help="build_timeline's undated policy")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]), args.undated)))
        return 0
    kinds = args.kinds.split(",")
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        parser.error(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    print(f"{'text':12} {'chars':>9} {'CPU s':>8} {'ms/KB':>7} {'peak MB':>8} {'above':>7} {'events':>6} {'most mentions':>13}")
    for kind in kinds:
        for size in (int(s) for s in args.sizes.split(",")):
            out = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(size), "--undated", args.undated],
                check=True, capture_output=True, text=True,
            ).stdout
            row = json.loads(out.strip().splitlines()[-1])
            chars = int(row["chars"])
            print(
                f"{kind:12} {chars:>9,} {row['seconds']:8.2f} {1000 * row['seconds'] / (chars / 1000):7.1f} "
                f"{row['peak_mb']:8.0f} {row['above_mb']:7.0f} {int(row['events']):6} {int(row['most_mentions']):13}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
