"""Ablation of the dating policy (timeline.events.date) on a TempEval-3 folder: the
careful and strict accuracy of the relation to publication (timeline.evaluate.tlinks,
and its secondary "careful, named day" figure)
with the whole policy, then with each rule switched off in turn (monkeypatched in this
process only). With ``--alone``, the rules of issue #14 item 3 (tense and aspect) are
measured the other way: all of them off (the policy before them), then each one alone.

    python benchmarks/dating_ablation.py ../shared/data/tempeval3/TimeBank [--cache DIR] [--alone] [--semeval]

``--semeval`` adds the SemEval-2015 trial figures of each row (micro F1 and the date
accuracy of the mentions found, ``timeline.evaluate.semeval``; ../shared/data).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

from timeline.evaluate import semeval, tlinks
from timeline.events import date as dating
from timeline.nlp import default_nlp

SAVED: dict[str, Any] = {
    name: getattr(dating, name)
    for name in (
        "is_infinitive",
        "is_perfect",
        "_restated",
        "NARRATIVE_REACH",
        "is_simple_past",
        "over_for_present",
        "ahead_of_past",
        "holds_plan",
        "is_past_perfect",
        "holds_at_publication",
    )
}


def _simple_past_by_tag(trigger: Any) -> bool:
    """The simple past before the verb-form table: a verb tagged VBD, whatever its
    auxiliaries (no past passive, no "did")."""
    return trigger.clause is not None and trigger.clause.tag_ == "VBD"


# the rules of the tense-aspect change (issue #14, item 3): how to switch each off
TENSE_RULES: list[tuple[str, Callable[[], None]]] = [
    ("present clause: no sentence time over before publication", lambda: setattr(dating, "over_for_present", lambda *args: False)),
    ("past clause: no sentence time after publication", lambda: setattr(dating, "ahead_of_past", lambda *args: False)),
    ("plan or expectation held: publication day", lambda: setattr(dating, "holds_plan", lambda *args: False)),
    ("past perfect: never the lead's day", lambda: setattr(dating, "is_past_perfect", lambda trigger: False)),
    ("present clause: publication day, not an earlier lead's day", lambda: setattr(dating, "holds_at_publication", lambda trigger: False)),
    ("past passive and 'did' as simple past (verb-form table)", lambda: setattr(dating, "is_simple_past", _simple_past_by_tag)),
]

SWITCHES: list[tuple[str, Callable[[], None]]] = [
    ("whole policy", lambda: None),
    ("- infinitives undated", lambda: setattr(dating, "is_infinitive", lambda trigger: False)),
    ("- perfects not on publication", lambda: setattr(dating, "is_perfect", lambda trigger: False)),
    ("- restatements", lambda: setattr(dating, "_restated", lambda *args: None)),
    ("- narrative date (past undated)", lambda: setattr(dating, "NARRATIVE_REACH", 0)),
    ("- simple past rule (publication day)", lambda: setattr(dating, "is_simple_past", lambda trigger: False)),
    *[(f"- {label}", switch) for label, switch in TENSE_RULES],
]


def _restore() -> None:
    for name, value in SAVED.items():
        setattr(dating, name, value)


def _measure(label: str, folder: Path, cache: Optional[Path], switches: list[Callable[[], None]], with_semeval: bool) -> None:
    nlp = default_nlp()
    for switch in switches:
        switch()
    try:
        _, relations = tlinks.evaluate_directory(folder, nlp, cache=cache)
        figures = relations.figures()
        line = (
            f"{label:62} careful {figures['careful_accuracy']:.4f}  strict {figures['strict_accuracy']:.4f}"
            f"  named day {figures['careful_named_day_accuracy']:.4f}"
        )
        if with_semeval:
            report = semeval.evaluate_trial(nlp=nlp)
            line += f"  SemEval {report.f1:.4f} (date acc {report.micro.date_accuracy:.3f})"
        print(line, flush=True)
    finally:
        _restore()


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of TempEval-3 .tml files (TimeBank)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    parser.add_argument("--alone", action="store_true", help="each tense-aspect rule alone on the policy without them")
    parser.add_argument("--semeval", action="store_true", help="also the SemEval-2015 trial F1 and date accuracy of each row")
    args = parser.parse_args(argv)
    if args.alone:
        every_off = [switch for _, switch in TENSE_RULES]
        _measure("without the tense-aspect rules", args.folder, args.cache, every_off, args.semeval)
        for label, kept in TENSE_RULES:
            _measure(f"+ {label}", args.folder, args.cache, [switch for _, switch in TENSE_RULES if switch is not kept], args.semeval)
        return
    for label, switch in SWITCHES:
        _measure(label, args.folder, args.cache, [switch], args.semeval)


if __name__ == "__main__":
    main()
