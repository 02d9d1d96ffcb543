"""The command line the probe scorers share (``probes``, ``merge-probes``): a probe file
(a default one when none is given), ``--verbose`` and ``--json``; a missing file is
exit status 2, the report printed as JSON or by the scorer's own text printer."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

__all__ = ["probe_main"]


def probe_main(
    argv: Optional[Sequence[str]],
    *,
    prog: str,
    description: str,
    default: Path,
    file_noun: str,
    item_noun: str,
    score: Callable[[Path], Mapping[str, Any]],
    print_text: Callable[[Mapping[str, Any], bool], None],
) -> int:
    """Parse ``argv`` (``[FILE] [--verbose] [--json]``), score the file with ``score``
    and print its report: as JSON with --json, else with ``print_text(report,
    verbose)``. ``file_noun`` ("probe table") and ``item_noun`` ("probe") word the help
    and the error message. Returns the exit status: 0, or 2 when the file is missing."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("file", nargs="?", type=Path, default=default, help=f"{file_noun} (default {default})")
    parser.add_argument("--verbose", action="store_true", help=f"list what each {item_noun} got wrong")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"no {file_noun} at {args.file}", file=sys.stderr)
        return 2
    report = score(args.file)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_text(report, args.verbose)
    return 0
