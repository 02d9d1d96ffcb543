"""Probes of the event stage on fresh news sentences: the events a reader sees, dated right.

The probe table (``benchmarks/probes/news_events.tsv``, written with its expectations
before the library was run on it) holds per row a short news text, its publication
date, the events a reader expects with their dates, and what must not be there:

* ``expected``: ``alt|alt=VALUE[:unreal]`` items separated by ``"; "``: some event of
  the timeline has a mention whose trigger word (its text or its lemma) is one of the
  alternatives and the event's value is ``VALUE`` (a clock time too: ``2026-12-14T16:15``); with ``:unreal`` the event must also
  be flagged planned or hypothetical.
* ``must_not``: ``alt=VALUE`` (no such event at that value), ``*=VALUE`` (no event at
  all at that value: a comparison time dates nothing), ``alt`` (no event with that
  trigger at all), ``"SUMMARY"`` or ``"SUMMARY"=VALUE`` (no event whose summary is that
  text, case and spacing aside; a text ending in ``...`` is a prefix: a fragment a
  reader cannot read, "Reports say"), ``!twins`` (no two events of the timeline with
  the same summary: a reader sees a duplicate).

Each text is built alone (``build.analyze_document`` and ``merge.merge_events``, what
``build_timeline`` does for one document) under two policies: the default
(``undated="drop"``) and ``undated="inherit"``. Per policy the scorer counts the
expected events found with the right value (``right``), found with another value only
(``wrong date``), not found (``missed``), the must-not items violated, the events
that no item speaks of (``unlisted``, shown, not scored) and the *twins*: events of one
probe's timeline beyond the first with a summary already shown (counted in every probe,
whether or not its row asks ``!twins``).

Run it: ``python -m timeline.evaluate probes [FILE] [--verbose] [--json]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

import attrs

from .probe_cli import probe_main

DEFAULT_PROBES = Path("benchmarks") / "probes" / "news_events.tsv"
POLICIES = ("drop", "inherit")


@attrs.frozen
class Expectation:
    """One item of a probe: trigger alternatives (``*``: any), a value, and whether the
    event must be flagged planned or hypothetical; or a summary the event has
    (``summary``, the triggers then ``("*",)``); or, with ``twins``, the must-not item
    ``!twins``."""

    triggers: tuple[str, ...]
    value: Optional[str]
    unreal: bool = False
    summary: Optional[str] = None
    twins: bool = False


@attrs.frozen
class Probe:
    """A row of the probe table."""

    id: str
    published: str
    text: str
    expected: tuple[Expectation, ...]
    must_not: tuple[Expectation, ...]


@attrs.frozen
class Seen:
    """An event of a probe's timeline as the scorer reads it: the words of its
    mentions' triggers (texts and lemma), its value and flags, its summary."""

    words: frozenset[str]
    value: str
    unreal: bool
    summary: str


TWINS_ITEM = "!twins"


def normal_summary(text: str) -> str:
    """A summary as the scorer compares it: lower case, single spaces, no final stop."""
    return " ".join(text.lower().split()).rstrip(".")


def parse_item(item: str) -> Expectation:
    """``alt|alt=VALUE[:unreal]``, ``*=VALUE``, ``alt``, ``"SUMMARY"[=VALUE]`` or
    ``!twins`` as an Expectation."""
    if item == TWINS_ITEM:
        return Expectation(triggers=("*",), value=None, twins=True)
    if item.startswith('"'):
        closing = item.find('"', 1)
        if closing < 0:
            raise ValueError(f"probe item {item!r} opens a summary it does not close")
        rest = item[closing + 1 :].strip()
        if rest and not rest.startswith("="):
            raise ValueError(f"probe item {item!r}: only '=VALUE' may follow a summary")
        text = item[1:closing]
        wanted = normal_summary(text[:-3]) + "..." if text.endswith("...") else normal_summary(text)
        return Expectation(triggers=("*",), value=rest[1:].strip() or None, summary=wanted)
    left, _, right = item.partition("=")
    # The flag is the last colon's word; a clock time's colons ("2026-12-14T16:15") are
    # part of the value.
    value, _, flag = right.rpartition(":") if right.rpartition(":")[2].isalpha() else (right, "", "")
    if flag not in ("", "unreal"):
        raise ValueError(f"unknown flag {flag!r} in probe item {item!r}")
    triggers = tuple(word.strip().lower() for word in left.split("|") if word.strip())
    if not triggers:
        raise ValueError(f"probe item {item!r} names no trigger")
    return Expectation(triggers=triggers, value=value.strip() or None, unreal=flag == "unreal")


def _items(cell: str) -> tuple[Expectation, ...]:
    return tuple(parse_item(item.strip()) for item in cell.split(";") if item.strip())


def table_rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a tab-separated probe table: comment lines start with
    ``#``, the first other line is the header (row 1, not given); ``ValueError`` naming
    the row when one has fewer than ``columns`` cells."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) < columns:
            raise ValueError(f"{path}: row {number} has {len(cells)} cells, expected at least {columns}")
        yield number, cells


def read_probes(path: Path) -> list[Probe]:
    """The rows of a probe table (:func:`table_rows`)."""
    return [
        Probe(id=cells[0], published=cells[1], text=cells[2], expected=_items(cells[3]), must_not=_items(cells[4]))
        for _, cells in table_rows(path, 5)
    ]


def matches(item: Expectation, seen: Seen) -> bool:
    """Whether ``seen`` is the event ``item`` speaks of (trigger or summary and, if
    given, value)."""
    if "*" not in item.triggers and not (seen.words & set(item.triggers)):
        return False
    if item.summary is not None and not _summary_matches(item.summary, normal_summary(seen.summary)):
        return False
    return item.value is None or item.value == seen.value


def _summary_matches(wanted: str, summary: str) -> bool:
    if wanted.endswith("..."):
        return summary.startswith(wanted[:-3].rstrip())
    return summary == wanted


def twins(events: Sequence[Seen]) -> list[Seen]:
    """The events beyond the first with a summary already shown (case and spacing
    aside): duplicates a reader sees."""
    shown: set[str] = set()
    repeated = []
    for event in events:
        key = normal_summary(event.summary)
        if key in shown:
            repeated.append(event)
        shown.add(key)
    return repeated


def score_probe(probe: Probe, events: Sequence[Seen]) -> dict[str, object]:
    """The outcome of one probe: its right, wrong-date and missed expectations, its
    violated must-not items and its unlisted events."""
    right, wrong, missed, violated = [], [], [], []
    for item in probe.expected:
        hits = [e for e in events if matches(item, e)]
        if any(not item.unreal or e.unreal for e in hits):
            right.append(item)
        elif hits or any(matches(attrs.evolve(item, value=None), e) for e in events):
            wrong.append(item)
        else:
            missed.append(item)
    repeated = twins(events)
    for item in probe.must_not:
        if (repeated if item.twins else any(matches(item, e) for e in events)):
            violated.append(item)
    listed = [*probe.expected, *probe.must_not]
    unlisted = [
        e for e in events if not any(matches(attrs.evolve(i, value=None), e) for i in listed if "*" not in i.triggers or i.summary is not None)
    ]
    return {"right": right, "wrong": wrong, "missed": missed, "violated": violated, "unlisted": unlisted, "twins": repeated}


def _describe(item: Expectation) -> str:
    if item.twins:
        return TWINS_ITEM
    head = f'"{item.summary}"' if item.summary is not None else "|".join(item.triggers)
    return head + (f"={item.value}" if item.value else "") + (":unreal" if item.unreal else "")


def timeline_events(probe: Probe, parsed: object, undated: str) -> list[Seen]:
    """The events of the probe's one-document timeline under ``undated``."""
    from ..build import analyze_document
    from ..documents import Document
    from ..merge import merge_events

    document = Document(text=probe.text, id=probe.id, published=probe.published)
    result = analyze_document(document, parsed, undated=undated)  # type: ignore[arg-type]
    timeline = merge_events(result.events, documents=[document.id])
    seen = []
    for event in timeline:
        words = {event.trigger.lower(), *event.trigger.lower().split()}
        for mention in event.mentions:
            words.add(mention.trigger_text.lower())
        seen.append(Seen(words=frozenset(words), value=event.when.value, unreal=event.planned or event.hypothetical, summary=event.summary))
    return seen


def run(probes: Sequence[Probe], policies: Iterable[str] = POLICIES) -> dict[str, object]:
    """Score every probe under every policy (each text parsed once)."""
    from ..nlp import default_nlp

    nlp = default_nlp()
    parses = list(nlp.pipe(probe.text for probe in probes))
    report: dict[str, object] = {}
    for policy in policies:
        totals = {"expected": 0, "right": 0, "wrong": 0, "missed": 0, "must_not": 0, "violated": 0, "unlisted": 0, "twins": 0}
        rows = []
        for probe, parsed in zip(probes, parses):
            outcome = score_probe(probe, timeline_events(probe, parsed, policy))
            totals["expected"] += len(probe.expected)
            totals["must_not"] += len(probe.must_not)
            for key in ("right", "wrong", "missed", "violated", "unlisted", "twins"):
                totals[key] += len(outcome[key])  # type: ignore[arg-type]
            rows.append(
                {
                    "id": probe.id,
                    **{key: [_describe(i) for i in outcome[key]] for key in ("right", "wrong", "missed", "violated")},  # type: ignore[attr-defined]
                    "unlisted": [f"{e.value} [{'/'.join(sorted(e.words))}] {e.summary}" for e in outcome["unlisted"]],  # type: ignore[attr-defined]
                    "twins": [f"{e.value} {e.summary}" for e in outcome["twins"]],  # type: ignore[attr-defined]
                }
            )
        report[policy] = {"totals": totals, "probes": rows}
    return report


def print_report(report: Mapping[str, Any], verbose: bool) -> None:
    """The totals of each policy (and, with ``verbose``, every probe's misses)."""
    for policy, part in report.items():
        totals = part["totals"]
        print(
            f"undated={policy}: expected {totals['right']}/{totals['expected']} right, {totals['wrong']} wrong date, "
            f"{totals['missed']} missed; must-not violated {totals['violated']}/{totals['must_not']}; unlisted events {totals['unlisted']}; "
            f"twins {totals['twins']}"
        )
        if verbose:
            for row in part["probes"]:
                bad = {key: row[key] for key in ("wrong", "missed", "violated", "unlisted", "twins") if row[key]}
                if bad:
                    print(f"  {row['id']}: {bad}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: score the probe table and print the totals (and, with --verbose,
    every probe's misses)."""
    return probe_main(
        argv,
        prog="python -m timeline.evaluate probes",
        description=__doc__.splitlines()[0],
        default=DEFAULT_PROBES,
        file_noun="probe table",
        item_noun="probe",
        score=lambda path: run(read_probes(path)),
        print_text=print_report,
    )


if __name__ == "__main__":
    raise SystemExit(main())
