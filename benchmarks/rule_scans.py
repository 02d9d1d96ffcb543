"""CPU time of the rule scans alone, without the parse, and the costliest rules.

Usage: python benchmarks/rule_scans.py [--corpus DIR] [--full | --no-first-words] [--top N]

Over the texts of a TimeML corpus (default: AQUAINT from ``../shared/data/tempeval3``),
scans each text with each rule whose needs it holds (``timeline.cues``), as
``recognize.find_candidates`` does, and sums the time per rule. ``--full`` scans the
whole text with ``finditer`` instead of trying the rule only where its first word
(``cues.rule_first_words``) begins, ``--no-first-words`` at its starts (the first up
to three letters, ``cues.rule_starts``): all give the same matches, the differences
are the prefilters' savings.
A development script, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from timeline.cues import CuePresence, StartIndex, scan
from timeline.evaluate.timeml import read_timeml_directory
from timeline.lexicon import rules

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "tempeval3" / "AQUAINT"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .tml files")
    parser.add_argument("--full", action="store_true", help="scan whole texts (finditer), not from the starts")
    parser.add_argument("--no-first-words", action="store_true", help="try the rules at their starts, not at their first words")
    parser.add_argument("--top", type=int, default=10, help="costliest rules to list (default 10)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus} (expected ../shared/data next to the repo)", file=sys.stderr)
        return 2
    texts = [document.text for document in read_timeml_directory(args.corpus)]
    table = rules()
    seconds: dict[str, float] = defaultdict(float)
    matches: dict[str, int] = defaultdict(int)
    for text in texts:
        presence = CuePresence(text)
        index = None if args.full else StartIndex(text)
        for rule in table:
            if not presence.satisfies(rule.needs) or (rule.cue is not None and rule.cue.search(text) is None):
                continue
            started = time.process_time()
            words = None if args.no_first_words else rule.first_words
            matches[rule.name] += sum(1 for _ in scan(rule.pattern, text, rule.starts, index, words))
            seconds[rule.name] += time.process_time() - started
    total = sum(seconds.values())
    mode = "whole texts (finditer)" if args.full else "from the starts" if args.no_first_words else "from the first words"
    print(f"{len(texts)} texts, {len(table)} rules, scanned {mode}: {total:.3f} s CPU, {sum(matches.values())} matches")
    for name, spent in sorted(seconds.items(), key=lambda item: -item[1])[: args.top]:
        print(f"{spent:8.4f} s {100 * spent / total:5.1f}%  {matches[name]:5d} matches  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
