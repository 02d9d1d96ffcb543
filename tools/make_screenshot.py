"""Make docs/timeline-page.png: the HTML page of the seed articles' timeline, as
headless Chromium shows it (the picture README.md shows).

Usage: python tools/make_screenshot.py [--out docs/timeline-page.png] [--html FILE]

Builds the timeline of seeds/ with the README's publication dates, writes the page
(to --html, default a temporary file) and screenshots it at 1100x760 with Debian's
Chromium (tests/chromium.py drives it the same way).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import find_chromium, screenshot  # noqa: E402

from timeline import Document, build_timeline  # noqa: E402

SEEDS = (("000_4fc743598e9fd621", "2024-05-03"), ("004_fb35a1da8638762c", "2023-09-18"))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "timeline-page.png",
                        help="the PNG to write (default: docs/timeline-page.png)")
    parser.add_argument("--html", type=Path, help="also keep the page at this path")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("no Chromium found: apt-get install chromium", file=sys.stderr)
        return 1
    documents = [
        Document((ROOT / "seeds" / f"{name}.txt").read_text(encoding="utf-8"), id=name, published=published)
        for name, published in SEEDS
    ]
    timeline = build_timeline(documents)
    # the key-date hook, shown on the coup (the event two sources report)
    key = [event.id for event in timeline if len(event.doc_ids) > 1][:1]
    with tempfile.TemporaryDirectory() as folder:
        page = args.html or Path(folder) / "timeline.html"
        timeline.to_html(page, title="Niger, Russia and the Sahel juntas (seed articles)", highlight=key)
        run = screenshot(page, args.out, width=1100, height=760)
    if run.console:
        print("console messages:", *run.console, sep="\n", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
