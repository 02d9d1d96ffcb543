"""Sort the value errors of a TempEval run into the classes docs/benchmarks.md reports.

Usage: python benchmarks/error_classes.py ERRORS_TSV [--list CLASS]

ERRORS_TSV is the file written by ``python -m timeline.evaluate tempeval ... --errors``.
Each value error (a relaxed match whose value differs) falls in the first class whose
test it passes; most classes are conventions on which the gold disagrees with itself
or with the text (its own week numbers written ``WXX``, years written ``1968-XX``), so
the count of the last class, ``other``, bounds what rule work can still win. Prints the
counts, and with ``--list CLASS`` the rows of one class. A development script, not a
test.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Optional

Row = dict[str, str]

# Documents whose weekdays the gold places against another day than their DCT.
DCT_CONTRADICTED = frozenset({"AP900815-0044", "APW20000115.0209"})
REFERENCES = frozenset({"PAST_REF", "PRESENT_REF", "FUTURE_REF", "PXY", "PXM", "PXW", "PXD"})
_PART_OF_DAY = re.compile(r"T(MO|AF|EV|NI)$")


def _is_duration(value: str) -> bool:
    return value.startswith("P") and value not in REFERENCES


# (class name, test on gold value, system value, gold text, document id), in order.
CLASSES: Sequence[tuple[str, Callable[[str, str, str, str], bool]]] = (
    ("week written WXX where the week is known", lambda g, s, t, d: "WXX" in g and bool(re.search(r"W\d\d", s))),
    ("week number without its zero (W7)", lambda g, s, t, d: bool(re.fullmatch(r"\d{4}-W\d", g))),
    ("year written YYYY-XX", lambda g, s, t, d: bool(re.fullmatch(r"\d{4}(-XX)+", g)) and s == g[:4]),
    ("quarter written QX", lambda g, s, t, d: bool(re.fullmatch(r"\d{4}-QX", g))),
    ("decade written 199X", lambda g, s, t, d: bool(re.fullmatch(r"\d{3}X", g)) and s == g[:3]),
    ("weekday against the DCT", lambda g, s, t, d: d in DCT_CONTRADICTED),
    ("part of the day kept or dropped", lambda g, s, t, d: _PART_OF_DAY.sub("", g) == _PART_OF_DAY.sub("", s)),
    (
        "year or quarter in a comparison",
        lambda g, s, t, d: bool(re.search(r"year (ago|earlier)|last year|year-earlier", t)) and g[:4] == s[:4],
    ),
    ("reference or vague duration", lambda g, s, t, d: {g, s} <= REFERENCES),
    ("duration or date", lambda g, s, t, d: _is_duration(g) != _is_duration(s)),
    ("other", lambda g, s, t, d: True),
)


def classify(row: Row) -> str:
    """The first class whose test the value error passes."""
    gold, system, text, doc = row["gold_value"], row["system_value"], row["gold_text"].lower(), row["doc_id"]
    return next(name for name, test in CLASSES if test(gold, system, text, doc))


def value_errors(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == "value"]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("errors", type=Path, help="the --errors TSV of a TempEval run")
    parser.add_argument("--list", metavar="CLASS", help="print the rows of this class")
    args = parser.parse_args(argv)
    if not args.errors.is_file():
        parser.error(f"{args.errors}: no such file")
    rows = value_errors(args.errors)
    counts = Counter(classify(row) for row in rows)
    for name, _ in CLASSES:
        print(f"{counts[name]:4d}  {name}")
    print(f"{len(rows):4d}  value errors")
    if args.list:
        for row in rows:
            if classify(row) == args.list:
                print(f"  {row['doc_id']}\t{row['gold_text']}\t{row['gold_value']}\t{row['system_value']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
