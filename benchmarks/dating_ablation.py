"""Ablation of the dating policy (timeline.events.date) on a TempEval-3 folder: the
careful and strict accuracy of the relation to publication (timeline.evaluate.tlinks)
with the whole policy, then with each rule switched off in turn (monkeypatched in this
process only).

    python benchmarks/dating_ablation.py ../shared/data/tempeval3/AQUAINT [--cache DIR]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from timeline.evaluate import tlinks
from timeline.events import date as dating
from timeline.nlp import default_nlp

SWITCHES: list[tuple[str, Callable[[], None]]] = [
    ("whole policy", lambda: None),
    ("- infinitives undated", lambda: setattr(dating, "is_infinitive", lambda trigger: False)),
    ("- perfects not on publication", lambda: setattr(dating, "is_perfect", lambda trigger: False)),
    ("- restatements", lambda: setattr(dating, "_restated", lambda *args: None)),
    ("- narrative date (past undated)", lambda: setattr(dating, "NARRATIVE_REACH", 0)),
    ("- simple past rule (publication day)", lambda: setattr(dating, "is_simple_past", lambda trigger: False)),
]


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    args = parser.parse_args(argv)
    nlp = default_nlp()
    saved: dict[str, Any] = {name: getattr(dating, name) for name in ("is_infinitive", "is_perfect", "_restated", "NARRATIVE_REACH", "is_simple_past")}
    for label, switch in SWITCHES:
        switch()
        _, relations = tlinks.evaluate_directory(args.folder, nlp, cache=args.cache)
        figures = relations.figures()
        print(f"{label:38} careful {figures['careful_accuracy']:.4f}  strict {figures['strict_accuracy']:.4f}", flush=True)
        for name, value in saved.items():
            setattr(dating, name, value)


if __name__ == "__main__":
    main()
