"""Probes of event participants on fresh news: does an event name who it is about, in the right role?

The probe table (``benchmarks/probes/news_roles_dev.tsv``, and the held-out
``news_roles_test.tsv``, both written with their expectations before the library was
run on them) holds per row a short news paragraph, its publication date, one event's
trigger and what a reader expects of its participants:

* ``trigger``: ``word|word[=VALUE]``: the event whose mention's trigger text (or whose
  trigger lemma) is one of the words; when ``VALUE`` is given and some such event has
  that date, only those (the word may occur twice), else every event with the word (the
  probe is then flagged ``wrong date``, which the event stage, not the participants,
  answers for). No such event: the probe's expected participants are all missed, as
  ``no event``.
* ``expected``: ``role=Name|Alt`` items separated by ``"; "``, the role one of
  :data:`timeline.model.ROLES`; ``?role=Name`` or ``?Name``: optional, neither required
  nor a false positive when found in any role (a nested name a reader may or may not
  count; its role says what a reader would call it).
* ``must_not``: ``Name`` (in no role) or ``role=Name`` (not in that role): the reporter's
  agency, a pronoun, a date, a place as the agent.

The participants scored are the event's :attr:`timeline.model.Mention.roles` (the
entities stage's :func:`timeline.entities.with_roles`) of the mentions with the trigger:
``(name, role)`` pairs, once each. Per role: a participant is *right* when an expected
item of that role has its name, else a false positive; an expected item no participant
of its role names is *missed*, classed ``wrong role`` (its name is there in another
role), ``no event`` or ``not found``. Precision, recall and F1 per role, over all roles
(``all``) and over names whatever their role (``names``). The names the event shows
(:attr:`timeline.model.Event.participants`, read off the clause by the event stage:
what the page lists under an event) are scored apart, names only (``shown``).

Names are compared leniently in these ways only (:func:`normal_name`): case, runs of
whitespace, a leading "the", a final possessive "'s" and a final period ("Walt Disney
Co." = "walt disney co"). Everything else (a title kept, "Apple Inc." for "Apple") must
be listed in the probe as an alternative name.

Each text is built alone (``build.analyze_document`` and ``merge.merge_events``) under
``undated="inherit"``: the roles do not depend on the policy, and so an event the
default policy leaves out for want of a date of its own is still scored.

Run it: ``python -m timeline.evaluate role-probes [FILE] [--verbose] [--json]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

import attrs

from ..model import ROLES, Event
from .metrics import f1, ratio
from .probe_cli import probe_main
from .probes import table_rows

DEFAULT_PROBES = Path("benchmarks") / "probes" / "news_roles_dev.tsv"
COLUMNS = ("id", "published", "text", "trigger", "expected", "must_not")


@attrs.frozen
class Item:
    """One item of a probe: the names that may stand for one participant, its role
    (None: any role) and whether it is optional."""

    names: tuple[str, ...]
    role: Optional[str]
    optional: bool = False

    def __str__(self) -> str:
        return ("?" if self.optional else "") + (f"{self.role}=" if self.role else "") + "|".join(self.names)


@attrs.frozen
class RoleProbe:
    """A row of the probe table."""

    id: str
    published: str
    text: str
    triggers: tuple[str, ...]
    value: Optional[str]
    expected: tuple[Item, ...]
    must_not: tuple[Item, ...]


@attrs.frozen
class Found:
    """What the library gave for a probe's event: whether it found one, whether its
    date was the one asked for, its participants as (name, role) pairs and the names
    the event shows."""

    event: bool
    right_date: bool
    roles: tuple[tuple[str, str], ...]
    shown: tuple[str, ...]


_SPACES = re.compile(r"\s+")


def normal_name(name: str) -> str:
    """A name as the scorer compares it: case-folded, single spaces, without a leading
    "the", a final possessive or a final period."""
    text = _SPACES.sub(" ", name.replace("’", "'")).strip().casefold()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"'s?$", "", text).strip()
    return text.rstrip(".").strip()


def parse_item(item: str, *, optional_allowed: bool) -> Item:
    """``[?][role=]Name|Alt`` as an :class:`Item`; a role must be one of ROLES."""
    text = item.strip()
    optional = text.startswith("?")
    if optional:
        if not optional_allowed:
            raise ValueError(f"role probe item {item!r}: '?' only in expected items")
        text = text[1:].strip()
    role: Optional[str] = None
    left, sep, right = text.partition("=")
    if sep:
        role = left.strip()
        if role not in ROLES:
            raise ValueError(f"role probe item {item!r}: role {role!r} is not one of {ROLES}")
        text = right
    names = tuple(name.strip() for name in text.split("|") if name.strip())
    if not names:
        raise ValueError(f"role probe item {item!r} names no one")
    return Item(names=names, role=role, optional=optional)


def _items(cell: str, *, optional_allowed: bool) -> tuple[Item, ...]:
    return tuple(parse_item(i, optional_allowed=optional_allowed) for i in cell.split(";") if i.strip())


def read_role_probes(path: Path) -> list[RoleProbe]:
    """The rows of a role probe table (comment lines start with ``#``; the first other
    line is the header, :data:`COLUMNS` and maybe a note column). A required expected
    item must give its role."""
    probes = []
    for number, cells in table_rows(path, len(COLUMNS)):
        trigger, _, value = cells[3].partition("=")
        triggers = tuple(word.strip().lower() for word in trigger.split("|") if word.strip())
        if not triggers:
            raise ValueError(f"{path}: row {number} names no trigger")
        expected = _items(cells[4], optional_allowed=True)
        for item in expected:
            if not item.optional and item.role is None:
                raise ValueError(f"{path}: row {number}: expected item {item} gives no role")
        probes.append(
            RoleProbe(
                id=cells[0], published=cells[1], text=cells[2], triggers=triggers, value=value.strip() or None,
                expected=expected, must_not=_items(cells[5], optional_allowed=False),
            )
        )
    return probes


def _names(item: Item) -> set[str]:
    return {normal_name(n) for n in item.names}


def score_probe(probe: RoleProbe, found: Found) -> dict[str, Any]:
    """The outcome of one probe: per role its right, false-positive and missed counts,
    the same over names whatever their role and over the names shown, the misses with
    their class, the false positives and the must-not items violated."""
    right = dict.fromkeys(ROLES, 0)
    wrong = dict.fromkeys(ROLES, 0)
    missed = dict.fromkeys(ROLES, 0)
    required = [item for item in probe.expected if not item.optional]
    pairs = list(dict.fromkeys((normal_name(name), role) for name, role in found.roles))
    written = {(normal_name(name), role): name for name, role in found.roles}
    taken: set[int] = set()  # the required items already matched by a participant
    false_positives = []
    for name, role in pairs:
        hit = next((i for i, item in enumerate(required) if item.role == role and name in _names(item) and i not in taken), None)
        if hit is not None:
            taken.add(hit)
            right[role] += 1
        elif any(name in _names(item) for item in probe.expected if item.optional):
            continue
        else:
            wrong[role] += 1
            false_positives.append(f"{role}={written[(name, role)]}")
    misses = []
    found_names = {name for name, _ in pairs}
    for index, item in enumerate(required):
        if index in taken:
            continue
        assert item.role is not None
        missed[item.role] += 1
        if not found.event:
            why = "no event"
        elif found_names & _names(item):
            why = "wrong role: " + ", ".join(f"{r}" for n, r in pairs if n in _names(item))
        else:
            why = "not found"
        misses.append(f"{item} ({why})")
    # names whatever the role: each required item found under any role
    names_right = sum(1 for item in required if found_names & _names(item))
    listed = set().union(*(_names(item) for item in probe.expected)) if probe.expected else set()
    names_wrong = len(found_names - listed)
    shown = {normal_name(n) for n in found.shown}
    shown_right = sum(1 for item in required if shown & _names(item))
    shown_wrong = len(shown - listed)
    violated = [
        str(item)
        for item in probe.must_not
        if any(name in _names(item) and item.role in (None, role) for name, role in pairs)
    ]
    shown_violated = [str(item) for item in probe.must_not if item.role is None and shown & _names(item)]
    return {
        "right": right, "wrong": wrong, "missed": missed,
        "names": {"right": names_right, "wrong": names_wrong, "missed": len(required) - names_right},
        "shown": {"right": shown_right, "wrong": shown_wrong, "missed": len(required) - shown_right},
        "misses": misses, "false_positives": false_positives, "violated": violated, "shown_violated": shown_violated,
    }


def _prf(right: int, wrong: int, missed: int) -> dict[str, float]:
    precision, recall = ratio(right, right + wrong), ratio(right, right + missed)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1(precision, recall), 3)}


def find_event(probe: RoleProbe, timeline: Iterable[Event]) -> Found:
    """The probe's event in a one-document timeline (see the module docstring)."""
    matched = []
    for event in timeline:
        by_lemma = event.trigger.lower() in probe.triggers
        mentions = [m for m in event.mentions if by_lemma or m.trigger_text.lower() in probe.triggers]
        if mentions:
            matched.append((event, mentions))
    if not matched:
        return Found(event=False, right_date=False, roles=(), shown=())
    dated = [(e, ms) for e, ms in matched if probe.value is not None and e.when.value == probe.value]
    right_date = probe.value is None or bool(dated)
    chosen = dated or matched
    roles = tuple(dict.fromkeys((p.name, p.role) for _, ms in chosen for m in ms for p in m.roles))
    shown = tuple(dict.fromkeys(name for e, _ in chosen for name in e.participants))
    return Found(event=True, right_date=right_date, roles=roles, shown=shown)


def run(probes: Sequence[RoleProbe]) -> dict[str, Any]:
    """Build every probe's text alone and score it (see the module docstring)."""
    from ..build import analyze_document
    from ..documents import Document
    from ..merge import merge_events
    from ..nlp import parse_texts

    totals: dict[str, Any] = {
        "probes": len(probes), "events_found": 0, "wrong_date": 0,
        "expected": sum(1 for p in probes for i in p.expected if not i.optional),
        "must_not": sum(len(p.must_not) for p in probes), "violated": 0, "shown_violated": 0,
    }
    counts = {key: {"right": 0, "wrong": 0, "missed": 0} for key in (*ROLES, "all", "names", "shown")}
    rows = []
    for probe, parsed in zip(probes, parse_texts(p.text for p in probes)):
        document = Document(text=probe.text, id=probe.id, published=probe.published)
        result = analyze_document(document, parsed, undated="inherit")
        found = find_event(probe, merge_events(result.events, documents=[document.id]))
        outcome = score_probe(probe, found)
        totals["events_found"] += found.event
        totals["wrong_date"] += found.event and not found.right_date
        totals["violated"] += len(outcome["violated"])
        totals["shown_violated"] += len(outcome["shown_violated"])
        for role in ROLES:
            for key in ("right", "wrong", "missed"):
                counts[role][key] += outcome[key][role]
                counts["all"][key] += outcome[key][role]
        for part in ("names", "shown"):
            for key in ("right", "wrong", "missed"):
                counts[part][key] += outcome[part][key]
        rows.append(
            {
                "id": probe.id, "event": found.event, "right_date": found.right_date,
                "roles": [f"{role}={name}" for name, role in found.roles], "shown": list(found.shown),
                "misses": outcome["misses"], "false_positives": outcome["false_positives"],
                "violated": outcome["violated"], "shown_violated": outcome["shown_violated"],
            }
        )
    scores = {key: {**value, **_prf(value["right"], value["wrong"], value["missed"])} for key, value in counts.items()}
    return {"totals": totals, "scores": scores, "probes": rows}


def print_report(report: Mapping[str, Any], verbose: bool) -> None:
    """Per-role precision, recall and F1, the totals and (``verbose``) every probe's misses."""
    totals = report["totals"]
    print(
        f"{totals['probes']} probes, events found {totals['events_found']} ({totals['wrong_date']} at another date); "
        f"expected participants {totals['expected']}; must-not violated {totals['violated']}/{totals['must_not']} "
        f"(names shown: {totals['shown_violated']})"
    )
    print(f"  {'role':<12} {'right':>5} {'wrong':>5} {'missed':>6}   P      R      F1")
    for key, score in report["scores"].items():
        if key in ROLES and not (score["right"] or score["wrong"] or score["missed"]):
            continue
        print(
            f"  {key:<12} {score['right']:>5} {score['wrong']:>5} {score['missed']:>6}   "
            f"{score['precision']:.3f}  {score['recall']:.3f}  {score['f1']:.3f}"
        )
    if verbose:
        for row in report["probes"]:
            bad = {key: row[key] for key in ("misses", "false_positives", "violated", "shown_violated") if row[key]}
            if bad or not row["event"] or not row["right_date"]:
                event = "no event; " if not row["event"] else ("" if row["right_date"] else "another date; ")
                print(f"  {row['id']}: {event}roles {row['roles']}; shown {row['shown']}; {bad}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: score the role probe table and print per-role figures (and, with
    --verbose, every probe's misses)."""
    return probe_main(
        argv,
        prog="python -m timeline.evaluate role-probes",
        description=__doc__.splitlines()[0],
        default=DEFAULT_PROBES,
        file_noun="role probe table",
        item_noun="probe",
        score=lambda path: run(read_role_probes(path)),
        print_text=print_report,
    )


if __name__ == "__main__":
    raise SystemExit(main())
