"""Score the merge stage on fresh multi-article news stories (issue #15).

Each story of the probe file (``benchmarks/probes/news_merges.jsonl``, one JSON object a
line, the first one a header) holds a few short articles with their publication dates
and titles, and what a reader of their timeline expects: the *expected events*, each a
group of reports (a document and the word of its trigger) that must end in ONE event
of the timeline, whether that event must carry a date conflict, and pairs of reports
that must stay in *different* events. The article's text is its title, a blank line and
its body, as a user would pass a page with its headline.

A report is written ``doc:word``; ``doc:word|other`` when the library may take either
word of the same report as the trigger ("agreed to acquire"), and ``word#2`` for the
second occurrence of the word (whole word, ignoring case) in the title plus body. A
report is *found* when a mention of the timeline in that document has a trigger span
over one of its words. Every figure below counts only the reports the event stage
found (how many it found is reported apart: that is not the merge's doing):

* must-merge groups (expected events of two reports or more) satisfied: scored when two
  of its reports or more are found, satisfied when one event holds all of them;
* must-separate pairs satisfied: scored when both are found, satisfied when no event
  holds both;
* pairwise merge precision and recall over the found reports of each story: a pair is
  gold-linked when the two are in one expected event, and linked when one event holds
  both;
* conflicts right: an expected event with ``"conflict": true`` is right when one event
  holds all its found reports (two or more) and carries a conflict; with ``false`` (the
  default), when none of the events holding its reports carries one.

Every story is scored under both policies for undated events (``drop``, the default of
``build_timeline``, where a headline without a time of its own is left out, and
``inherit``).

With ``--verbose``, each story also lists what it got wrong and, for every event that
joins reports of two expected events, *why*: each pair of the event's input reports
(its atoms) that link, with the rule that linked them (:func:`timeline.merge.link_rule`:
same day, restated, inherited, claimed day, compatible, conflict) and their similarity.

Run it: ``python -m timeline.evaluate merge-probes [FILE] [--verbose] [--json]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

import attrs

from .probe_cli import probe_main

DEFAULT_PROBES = Path("benchmarks") / "probes" / "news_merges.jsonl"
POLICIES = ("drop", "inherit")


@attrs.frozen
class Report:
    """A report a story expects: its document and the words (with their occurrence,
    1 for the first) that may be its trigger."""

    doc: str
    words: tuple[tuple[str, int], ...]

    def __str__(self) -> str:
        return self.doc + ":" + "|".join(word if n == 1 else f"{word}#{n}" for word, n in self.words)


@attrs.frozen
class ExpectedEvent:
    """One event a reader expects: its reports, and whether it must carry a conflict."""

    reports: tuple[Report, ...]
    conflict: bool = False


@attrs.frozen
class Article:
    """One article of a story."""

    id: str
    published: str
    title: str
    body: str

    @property
    def text(self) -> str:
        """What the library reads: the title, a blank line, the body."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body


@attrs.frozen
class Story:
    """A probe: articles, the expected events, the pairs that must stay apart."""

    id: str
    probes: str
    articles: tuple[Article, ...]
    events: tuple[ExpectedEvent, ...]
    separate: tuple[tuple[Report, Report], ...]


@attrs.frozen
class SeenEvent:
    """An event of the story's timeline as the scorer reads it: the trigger spans of
    its mentions (document, start, end), whether it carries a conflict, a description."""

    triggers: frozenset[tuple[str, int, int]]
    conflict: bool
    label: str


def parse_report(item: str) -> Report:
    """``doc:word|other#2`` as a Report."""
    doc, sep, rest = item.partition(":")
    if not sep or not doc.strip() or not rest.strip():
        raise ValueError(f"report {item!r} is not 'doc:word'")
    words = []
    for alternative in rest.split("|"):
        word, _, count = alternative.strip().partition("#")
        if not word or (count and not count.isdigit()) or count == "0":
            raise ValueError(f"report {item!r}: bad word {alternative!r}")
        words.append((word.lower(), int(count) if count else 1))
    return Report(doc=doc.strip(), words=tuple(words))


def occurrence(text: str, word: str, n: int) -> Optional[tuple[int, int]]:
    """The span of the ``n``-th whole-word occurrence of ``word`` in ``text`` (ignoring
    case), or None."""
    hits = list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE))
    return hits[n - 1].span() if len(hits) >= n else None


def parse_story(record: Mapping[str, Any], where: str = "story") -> Story:
    """One story of the probe file from its JSON record; ``where`` names it in errors
    (see :func:`read_stories`)."""
    articles = tuple(
        Article(id=str(a["id"]), published=str(a["published"]), title=str(a.get("title") or ""), body=str(a["text"]))
        for a in record["docs"]
    )
    texts = {a.id: a.text for a in articles}
    if len(texts) != len(articles):
        raise ValueError(f"{where}: two articles share an id")
    events = []
    for item in record["events"]:
        mentions = item["mentions"] if isinstance(item, Mapping) else item
        conflict = bool(item.get("conflict", False)) if isinstance(item, Mapping) else False
        events.append(ExpectedEvent(reports=tuple(parse_report(m) for m in mentions), conflict=conflict))
    owner: dict[Report, int] = {}
    for index, event in enumerate(events):
        for report in event.reports:
            if report.doc not in texts:
                raise ValueError(f"{where}: report {report} names no article of the story")
            for word, n in report.words:
                if occurrence(texts[report.doc], word, n) is None:
                    raise ValueError(f"{where}: report {report}: no occurrence {n} of {word!r} in article {report.doc}")
            if report in owner:
                raise ValueError(f"{where}: report {report} is in two expected events")
            owner[report] = index
    separate = []
    for first, second in record.get("separate", ()):
        pair = (parse_report(first), parse_report(second))
        for report in pair:
            if report not in owner:
                raise ValueError(f"{where}: separate pair names {report}, which no expected event lists")
        if owner[pair[0]] == owner[pair[1]]:
            raise ValueError(f"{where}: separate pair {pair[0]} / {pair[1]} is within one expected event")
        separate.append(pair)
    return Story(
        id=str(record["id"]), probes=str(record.get("probes", "")), articles=articles, events=tuple(events), separate=tuple(separate)
    )


def read_stories(path: Path) -> list[Story]:
    """The stories of a probe file (JSON Lines; a record with a ``header`` key is the
    file's description and is skipped). Raises ``ValueError`` naming the line for a
    report that names no article, no word of its text, or is listed twice."""
    stories = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        if "header" in record:
            continue
        stories.append(parse_story(record, f"{path}:{number} ({record.get('id')})"))
    return stories


def found_in(report: Report, story: Story, events: Sequence[SeenEvent]) -> frozenset[int]:
    """The indices of the events that hold a mention whose trigger covers one of the
    report's words."""
    text = next(a.text for a in story.articles if a.id == report.doc)
    spans = [span for word, n in report.words if (span := occurrence(text, word, n)) is not None]
    return frozenset(
        index
        for index, event in enumerate(events)
        for doc, start, end in event.triggers
        if doc == report.doc and any(start < span_end and span_start < end for span_start, span_end in spans)
    )


def why_joined(timeline: Any, triggers: frozenset[tuple[str, int, int]]) -> list[str]:
    """Why the timeline's event with these trigger spans holds what it holds: every pair
    of its input reports (``timeline.atoms``) that link, with the rule and similarity
    (:func:`timeline.merge.link_rule`), the reports read as the merge reads them
    (:func:`timeline.merge.node_of`)."""
    from ..merge import evidence, link_rule, node_of

    nodes = [node for node in map(node_of, timeline.atoms) if node is not None]
    inside = [node for node in nodes
              if node.event.mentions and all((m.doc_id, *m.trigger_span) in triggers for m in node.event.mentions)]

    def name(node: Any) -> str:
        return "/".join(f"{m.doc_id}:{m.trigger_text}[{m.dated_by} {m.time_value or node.event.when.value}]"
                        for m in node.event.mentions)

    lines = []
    for i, first in enumerate(inside):
        for second in inside[i + 1:]:
            rule = link_rule(first, second)
            if rule is not None:
                found = evidence(first, second)
                score = f" {found.score:.2f}" if found is not None else ""
                lines.append(f"{name(first)} ~ {name(second)}: {rule}{score}")
    return lines


def score_story(story: Story, events: Sequence[SeenEvent]) -> dict[str, Any]:
    """The outcome of one story against the events of its timeline (see the module
    docstring for what each count means)."""
    where = {report: found_in(report, story, events) for event in story.events for report in event.reports}
    found = [report for report, holders in where.items() if holders]
    owner = {report: index for index, event in enumerate(story.events) for report in event.reports}
    outcome: dict[str, Any] = {
        "reports": len(where),
        "found": len(found),
        "missing": [str(r) for r in where if not where[r]],
        "groups": 0,
        "groups_right": 0,
        "split": [],
        "pairs": 0,
        "pairs_right": 0,
        "joined": [],
        "conflicts": 0,
        "conflicts_right": 0,
        "conflicts_wrong": [],
        "tp": 0,
        "fp": 0,
        "fn": 0,
        "wrong_events": [],  # indices of the events joining reports of two expected events
    }

    def label(report: Report) -> str:
        return f"{report} -> " + "; ".join(events[i].label for i in sorted(where[report]))

    for event in story.events:
        present = [r for r in event.reports if where[r]]
        together = frozenset.intersection(*(where[r] for r in present)) if present else frozenset()
        if len(event.reports) >= 2 and len(present) >= 2:
            outcome["groups"] += 1
            if together:
                outcome["groups_right"] += 1
            else:
                outcome["split"].append([label(r) for r in present])
        if event.conflict and len(present) >= 2:
            outcome["conflicts"] += 1
            if any(events[i].conflict for i in together):
                outcome["conflicts_right"] += 1
            else:
                outcome["conflicts_wrong"].append(f"expected a conflict: {', '.join(map(str, present))}")
        elif not event.conflict and present:
            outcome["conflicts"] += 1
            flagged = sorted({i for r in present for i in where[r] if events[i].conflict})
            if flagged:
                outcome["conflicts_wrong"].append(
                    f"unexpected conflict: {', '.join(map(str, present))} -> " + "; ".join(events[i].label for i in flagged)
                )
            else:
                outcome["conflicts_right"] += 1
    for first, second in story.separate:
        if where[first] and where[second]:
            outcome["pairs"] += 1
            if where[first] & where[second]:
                outcome["joined"].append(f"{label(first)} / {label(second)}")
            else:
                outcome["pairs_right"] += 1
    for i, first in enumerate(found):
        for second in found[i + 1 :]:
            gold = owner[first] == owner[second]
            linked = bool(where[first] & where[second])
            if gold and linked:
                outcome["tp"] += 1
            elif linked:
                outcome["fp"] += 1
                for index in sorted(where[first] & where[second]):
                    if index not in outcome["wrong_events"]:
                        outcome["wrong_events"].append(index)
            elif gold:
                outcome["fn"] += 1
    return outcome


def seen_events(timeline: Iterable[Any]) -> list[SeenEvent]:
    """The scorer's view of a timeline's events."""
    seen = []
    for event in timeline:
        triggers = frozenset((m.doc_id, m.trigger_span[0], m.trigger_span[1]) for m in event.mentions)
        words = "/".join(sorted({f"{m.doc_id}:{m.trigger_text}" for m in event.mentions}))
        conflict = " CONFLICT " + ",".join(c.value for c in event.conflicts) if event.conflicts else ""
        seen.append(SeenEvent(triggers=triggers, conflict=bool(event.conflicts), label=f"[{event.when.value} {words}{conflict}]"))
    return seen


def story_timeline(story: Story, parses: Mapping[str, Any], policy: str) -> Any:
    """The timeline ``build_timeline`` gives for the story's articles under ``policy``
    (each text parsed once, ``parses`` by text)."""
    from ..build import analyze_document, read_documents, timeline_of

    documents, _ = read_documents(
        [{"text": a.text, "id": a.id, "published": a.published, "title": a.title or None} for a in story.articles]
    )
    results = [analyze_document(d, parses[d.text], undated=policy) for d in documents]
    return timeline_of(results)


TOTAL_KEYS = ("reports", "found", "groups", "groups_right", "pairs", "pairs_right", "conflicts", "conflicts_right", "tp", "fp", "fn")


def totals_of(outcomes: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The sums of the story outcomes, with pairwise precision, recall and F1."""
    totals: dict[str, Any] = {key: 0 for key in TOTAL_KEYS}
    for outcome in outcomes:
        for key in TOTAL_KEYS:
            totals[key] += outcome[key]
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    totals["precision"] = round(precision, 4)
    totals["recall"] = round(recall, 4)
    totals["f1"] = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return totals


def run(stories: Sequence[Story], policies: Iterable[str] = POLICIES) -> dict[str, Any]:
    """Score every story under every policy (each text parsed once)."""
    from ..nlp import parse_texts

    texts = sorted({a.text for story in stories for a in story.articles})
    parses = dict(zip(texts, parse_texts(texts)))  # as build_timeline parses them
    report: dict[str, Any] = {}
    for policy in policies:
        rows = []
        for story in stories:
            timeline = story_timeline(story, parses, policy)
            seen = seen_events(timeline)
            outcome = score_story(story, seen)
            wrong = outcome.pop("wrong_events")
            outcome["why"] = [f"{seen[index].label}: {line}" for index in wrong
                              for line in why_joined(timeline, seen[index].triggers)]
            rows.append({"id": story.id, "probes": story.probes, **outcome})
        report[policy] = {"totals": totals_of(rows), "stories": rows}
    return report


def summary_line(policy: str, totals: Mapping[str, Any]) -> str:
    """One line of figures for one policy."""
    return (
        f"undated={policy}: reports found {totals['found']}/{totals['reports']}; must-merge groups "
        f"{totals['groups_right']}/{totals['groups']}; must-separate pairs {totals['pairs_right']}/{totals['pairs']}; "
        f"pairwise P {totals['precision']:.3f} R {totals['recall']:.3f} F1 {totals['f1']:.3f} "
        f"(tp {totals['tp']}, fp {totals['fp']}, fn {totals['fn']}); conflicts right {totals['conflicts_right']}/{totals['conflicts']}"
    )


def print_report(report: Mapping[str, Any], verbose: bool) -> None:
    """The summary line of each policy (and, with ``verbose``, what each story got wrong)."""
    for policy, part in report.items():
        print(summary_line(policy, part["totals"]))
        if verbose:
            for row in part["stories"]:
                bad = {key: row[key] for key in ("split", "joined", "why", "conflicts_wrong", "missing") if row.get(key)}
                if bad:
                    print(f"  {row['id']}:")
                    for key, items in bad.items():
                        for item in items:
                            print(f"    {key}: {item}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: score the probe file and print the totals (and, with --verbose,
    what each story got wrong)."""
    return probe_main(
        argv,
        prog="python -m timeline.evaluate merge-probes",
        description=__doc__.splitlines()[0],
        default=DEFAULT_PROBES,
        file_noun="probe file",
        item_noun="story",
        score=lambda path: run(read_stories(path)),
        print_text=print_report,
    )


if __name__ == "__main__":
    raise SystemExit(main())
