"""``python -m timeline.evaluate {tempeval,events,tlinks,semeval,ecbplus,ecbplus-entities,tls,probes,merge-probes,role-probes} ...``: run one of the benchmarks.

Each benchmark module is imported only when asked for, so one of them being broken or
slow to import does not affect the other.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Optional

USAGE = (
    "usage: python -m timeline.evaluate {tempeval,events,tlinks,semeval,ecbplus,ecbplus-entities,tls,probes,merge-probes,role-probes} [options]\n"
    "  tempeval DIR [DIR...] [--errors FILE] [--json] [--limit N]   TIMEX3 scores (TempEval-3 Task A)\n"
    "  events DIR [DIR...] [--model FILE] [--unseen-only] [--baseline verbs]   events (TempEval-3 Task B)\n"
    "  tlinks DIR [DIR...] [--json] [--limit N] [--cache DIR]        event-time links (attachment, relation to publication)\n"
    "  semeval ...                                                  timelines (SemEval-2015 Task 4)\n"
    "  ecbplus DIR --mentions gold|predicted [--topics dev|train|all] [--out FILE] [--json]\n"
    "                                                               event coreference (ECB+)\n"
    "  ecbplus-entities [DIR] [--topics 2,5,...] [--json]           entity coreference (ECB+, gold mentions)\n"
    "  tls DIR --out OUTDIR [--json] [--method library|floor]       key dates (Timeline17, Date-F1, ROUGE)\n"
    "  probes [FILE] [--verbose] [--json]                           fresh news probes of the event stage\n"
    "  merge-probes [FILE] [--verbose] [--json]                     fresh multi-article news probes of the merge\n"
    "  role-probes [FILE] [--verbose] [--json]                      fresh news probes of event participants and roles\n"
    "Run a benchmark with --help for its options."
)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Dispatch to the benchmark named by the first argument."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "tempeval":
        from . import tempeval

        return tempeval.main(rest)
    if command == "ecbplus":
        from . import ecbplus

        return ecbplus.main(rest)
    if command == "events":
        from . import events

        return events.main(rest)
    if command == "tlinks":
        from . import tlinks

        return tlinks.main(rest)
    if command == "semeval":
        try:
            from . import semeval  # type: ignore[attr-defined]  # written separately
        except ModuleNotFoundError as err:
            if err.name != f"{__package__}.semeval":
                raise  # a missing dependency of semeval: show the real error
            print("the semeval benchmark (timeline.evaluate.semeval) is not available", file=sys.stderr)
            return 2
        return int(semeval.main(rest) or 0)
    if command == "ecbplus-entities":
        from . import ecbplus_entities

        return ecbplus_entities.main(rest)
    if command == "probes":
        from . import probes

        return probes.main(rest)
    if command == "merge-probes":
        from . import merge_probes

        return merge_probes.main(rest)
    if command == "role-probes":
        from . import role_probes

        return role_probes.main(rest)
    if command == "tls":
        from . import tls

        return tls.main(rest)
    print(f"unknown benchmark {command!r}\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
