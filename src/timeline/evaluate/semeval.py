"""SemEval-2015 Task 4 (TimeLine: cross-document event ordering): timelines, scorer, runner.

The task (Minard et al., 2015, "SemEval-2015 Task 4: TimeLine: Cross-Document Event
Ordering"): given documents and a target entity, list the events involving the entity,
each line ``ORDER<TAB>DATE<TAB>docid-sentid-token[<TAB>...]``. Mentions on one line are
the same event (cross-document deduplication); ORDER is the position on the timeline
(equal ORDER = same time, 0 = not placed); DATE is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``
or ``XXXX-XX-XX`` (unknown).

**The metric** (the task's tools page, http://alt.qcri.org/semeval2015/task4/index.php?id=tools,
and TempEval-3's temporal awareness, UzZaman & Allen 2011; UzZaman et al. 2013): each
timeline becomes a graph of temporal relations and

* precision = share of the system's relations entailed by the closure of the gold graph,
* recall = share of the gold relations entailed by the closure of the system graph,
* F1 from the micro-averaged precision and recall: matched and total counts are summed
  over the entity timelines first (the official script reports the micro average).

The graph of a timeline (see :func:`timeline_relations`), following the official
transformation "ordering and time anchors":

* every mention on a placed line (ORDER > 0) is SIMULTANEOUS with every other mention
  at the same ORDER, and BEFORE every mention at the next ORDER. Relations across two or
  more positions are left to the closure: like TempEval-3, which scores *reduced* graphs,
  the implied relations are not counted, so long timelines do not weigh quadratically;
* mentions on one line are the same event, so they are SIMULTANEOUS even at ORDER 0;
* ORDER 0 lines ("could not be placed") get no ordering relations;
* every mention whose line has a known date is linked to a time-anchor node for that
  date (one node per distinct normalized date; ``XXXX-XX-XX`` asserts nothing, no node).

Deviations from the official script, whose code was not available (only its
description): (1) the anchor link is IS_INCLUDED (the event happens within the date),
not SIMULTANEOUS: several events ordered on one day (the gold has ORDER 9, 10 and 11
all on 2005-06-06) would otherwise be simultaneous with the day and hence with each
other, contradicting their BEFORE links; (2) the official script fed the relations to
the TempEval-3 tool, whose reduced graph depends on the order relations are inserted;
here the relations between adjacent positions are listed in full, which is canonical;
(3) a mention id repeated within a timeline (the gold has ``18315-9-appearance`` at
two dates, and two "lost" tokens in one sentence) is one node per occurrence,
``id``, ``id#2``, ... in line order, matched occurrence by occurrence.
``anchors=False`` gives the official "ordering only" variant (no time anchors).

The closure is a point algebra over interval endpoints (every node is an interval
``[s, e]`` with ``s <= e``; BEFORE is ``a.e < b.s``, SIMULTANEOUS ``a.s = b.s, a.e = b.e``,
IS_INCLUDED ``t.s <= a.s, a.e <= t.e``): a relation is entailed when all its endpoint
constraints follow by transitivity (a path of ``<=``/``<`` steps, with at least one
``<`` for a strict one), which is complete for conjunctions of ``<``, ``<=`` and ``=``.

Also reported: mention precision/recall (which gold mentions the system put on the
entity's timeline), date accuracy of the mentions found in both (same normalized DATE;
unknown = unknown counts as right), and pairwise precision/recall of the deduplication
(pairs of mentions on one line), counted over the mentions found in both so it measures
the merging, not the detection. A ratio with a zero denominator is 0.0 (as TempEval-3).

Runner: ``python -m timeline.evaluate semeval [DATA_DIR] [--out DIR] [--json]
[--system DIR] [--ordering-only]``; DATA_DIR defaults to ``../shared/data`` next to the
repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from os import PathLike
from pathlib import Path
from typing import Any, Optional, Union

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Event, Granularity, Timeline, TimeValue
from . import metrics
from .timeml import TimeMLDocument, read_timeml

PathType = Union[str, PathLike[str]]

TRIAL_DIRNAME = "semeval2015-task4-trial"
UNKNOWN_DATE = "XXXX-XX-XX"

BEFORE = "BEFORE"
SIMULTANEOUS = "SIMULTANEOUS"
IS_INCLUDED = "IS_INCLUDED"

# A relation is (source, relation type, target), TLINK-like. SIMULTANEOUS pairs are
# stored with the smaller id first so that a relation has one spelling.
Relation = tuple[str, str, str]

# Node ids of time anchors; mention ids never look like this.
_DATE_NODE = "TIMEX3:"

_MENTION_ID = re.compile(r"^(.+?)-(\d+)-(.+)$")


# --------------------------------------------------------------------------- timelines


@attrs.frozen
class TimelineLine:
    """One line of a timeline: position (0 = not placed), DATE string as written, and
    the ids (``docid-sentid-token``) of the mentions of one event."""

    order: int
    date: str
    mentions: tuple[str, ...]


@attrs.frozen
class EntityTimeline:
    """The timeline of one target entity, lines in file order."""

    entity: str
    lines: tuple[TimelineLine, ...] = ()

    @property
    def mentions(self) -> tuple[str, ...]:
        """Every mention id, in line order (repeats kept)."""
        return tuple(m for line in self.lines for m in line.mentions)


def parse_mention_id(mention: str) -> tuple[str, int, str]:
    """Split ``docid-sentid-token`` into its parts; the token may hold hyphens
    (``16900-2-pre-orders``). Raises ``ValueError`` on anything else."""
    match = _MENTION_ID.match(mention)
    if not match:
        raise ValueError(f"not a docid-sentid-token mention id: {mention!r}")
    return match.group(1), int(match.group(2)), match.group(3)


def parse_timeline(text: str, *, source: str = "<string>") -> EntityTimeline:
    """Parse the text of a timeline file: the entity on the first line, then
    ``ORDER<TAB>DATE<TAB>mention[<TAB>mention...]`` lines (blank lines are skipped).

    Raises ``ValueError`` naming ``source`` and the line number on a malformed line."""
    rows = text.splitlines()
    entity = rows[0].strip() if rows else ""
    if not entity:
        raise ValueError(f"{source}: the first line must name the entity")
    lines: list[TimelineLine] = []
    for number, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        fields = [f.strip() for f in row.split("\t")]
        fields = [f for f in fields if f]
        if len(fields) < 3:
            raise ValueError(f"{source}:{number}: expected ORDER<TAB>DATE<TAB>mention..., got {row!r}")
        try:
            order = int(fields[0])
        except ValueError:
            raise ValueError(f"{source}:{number}: ORDER must be an integer, got {fields[0]!r}") from None
        if order < 0:
            raise ValueError(f"{source}:{number}: ORDER must be >= 0, got {order}")
        for mention in fields[2:]:
            try:
                parse_mention_id(mention)
            except ValueError as err:
                raise ValueError(f"{source}:{number}: {err}") from None
        lines.append(TimelineLine(order, fields[1], tuple(fields[2:])))
    return EntityTimeline(entity, tuple(lines))


def read_timeline(path: PathType) -> EntityTimeline:
    """Read one timeline file."""
    file = Path(path)
    return parse_timeline(file.read_text(encoding="utf-8"), source=str(file))


def read_timelines(directory: PathType) -> dict[str, EntityTimeline]:
    """Read every ``*.txt`` timeline of a folder (sorted by file name), keyed by entity.

    Raises ``FileNotFoundError`` if the folder does not exist and ``ValueError`` if two
    files name the same entity."""
    folder = Path(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: not a directory")
    timelines: dict[str, EntityTimeline] = {}
    for file in sorted(folder.glob("*.txt")):
        timeline = read_timeline(file)
        if timeline.entity in timelines:
            raise ValueError(f"{file}: entity {timeline.entity!r} already read from another file")
        timelines[timeline.entity] = timeline
    return timelines


def format_timeline(timeline: EntityTimeline) -> str:
    """The file text of a timeline (the inverse of :func:`parse_timeline`)."""
    rows = [timeline.entity]
    for line in timeline.lines:
        rows.append("\t".join([str(line.order), line.date, *line.mentions]))
    return "\n".join(rows) + "\n"


def timeline_filename(entity: str) -> str:
    """The file name the task uses for an entity: ``Steve Jobs`` -> ``steve_jobs.txt``."""
    stem = re.sub(r"[^0-9a-z]+", "_", entity.lower().replace("&", "_and_")).strip("_")
    return (stem or "entity") + ".txt"


def write_timeline(timeline: EntityTimeline, path: PathType) -> Path:
    """Write one timeline file; returns its path."""
    file = Path(path)
    file.write_text(format_timeline(timeline), encoding="utf-8")
    return file


def write_timelines(timelines: Iterable[EntityTimeline], directory: PathType) -> list[Path]:
    """Write each timeline to ``directory/<entity file name>`` (the folder is created)."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    return [write_timeline(t, folder / timeline_filename(t.entity)) for t in timelines]


def normalize_date(value: str) -> Optional[str]:
    """The known part of a DATE: ``2008-03-XX`` -> ``2008-03``, ``2010-XX-XX`` -> ``2010``;
    ``None`` when the year is unknown (``XXXX-XX-XX``, and typos such as ``XXX-XX-XX``)."""
    parts = value.strip().upper().split("-")
    while parts and parts[-1] and set(parts[-1]) == {"X"}:
        parts.pop()
    if not parts or not re.fullmatch(r"\d{4}", parts[0]):
        return None
    if any(not re.fullmatch(r"\d{2}", p) for p in parts[1:3]) or len(parts) > 3:
        return None
    return "-".join(parts)


# ------------------------------------------------------------------ relation graphs


def mention_keys(timeline: EntityTimeline) -> list[list[str]]:
    """Node ids of the mentions, line by line: the mention id for its first occurrence
    in the timeline, ``id#2``, ``id#3``... for later ones (a repeat within one line is
    dropped, it cannot be a second event)."""
    seen: Counter[str] = Counter()
    keys: list[list[str]] = []
    for line in timeline.lines:
        row: list[str] = []
        for mention in dict.fromkeys(line.mentions):
            seen[mention] += 1
            row.append(mention if seen[mention] == 1 else f"{mention}#{seen[mention]}")
        keys.append(row)
    return keys


def _simultaneous(a: str, b: str) -> Relation:
    return (a, SIMULTANEOUS, b) if a <= b else (b, SIMULTANEOUS, a)


def timeline_relations(timeline: EntityTimeline, *, anchors: bool = True) -> frozenset[Relation]:
    """The relations a timeline asserts (see the module docstring for the rules)."""
    keys = mention_keys(timeline)
    relations: set[Relation] = set()
    positions: dict[int, list[str]] = {}
    for line, row in zip(timeline.lines, keys):
        # One line is one event: its mentions are simultaneous even when not placed.
        for i, a in enumerate(row):
            for b in row[i + 1 :]:
                relations.add(_simultaneous(a, b))
        if line.order > 0:
            positions.setdefault(line.order, []).extend(row)
        if anchors:
            date = normalize_date(line.date)
            if date is not None:
                relations.update((key, IS_INCLUDED, _DATE_NODE + date) for key in row)
    ordered = [positions[order] for order in sorted(positions)]
    for group in ordered:
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a != b:
                    relations.add(_simultaneous(a, b))
    # Adjacent positions only: BEFORE across two or more positions follows by closure.
    for earlier, later in zip(ordered, ordered[1:]):
        relations.update((a, BEFORE, b) for a in earlier for b in later)
    return frozenset(relations)


# Endpoint of a node: (node id, 0 = start / 1 = end).
_Point = tuple[str, int]


class TemporalClosure:
    """What a set of BEFORE / SIMULTANEOUS / IS_INCLUDED relations entails.

    Nodes are intervals ``[s, e]`` with ``s <= e``; each relation is a conjunction of
    ``<``, ``<=`` and ``=`` between endpoints. Over such constraints, ``x <= y`` follows
    iff there is a path of constraints from ``x`` to ``y``, and ``x < y`` iff some path
    has a strict step, so the closure is computed lazily by a search from each endpoint
    that is asked about (small graphs: a timeline has at most a few hundred nodes)."""

    def __init__(self, relations: Iterable[Relation]) -> None:
        # Adjacency: point -> [(next point, strict step)].
        self._edges: dict[_Point, list[tuple[_Point, bool]]] = {}
        self.nodes: set[str] = set()
        for source, relation, target in relations:
            self._add_node(source)
            self._add_node(target)
            if relation == BEFORE:
                self._edge((source, 1), (target, 0), strict=True)
            elif relation == SIMULTANEOUS:
                for end in (0, 1):
                    self._edge((source, end), (target, end), strict=False)
                    self._edge((target, end), (source, end), strict=False)
            elif relation == IS_INCLUDED:
                self._edge((target, 0), (source, 0), strict=False)
                self._edge((source, 1), (target, 1), strict=False)
            else:
                raise ValueError(f"unsupported relation type {relation!r}")
        self._reach: dict[_Point, tuple[frozenset[_Point], frozenset[_Point]]] = {}

    def _add_node(self, node: str) -> None:
        if node not in self.nodes:
            self.nodes.add(node)
            self._edge((node, 0), (node, 1), strict=False)

    def _edge(self, a: _Point, b: _Point, *, strict: bool) -> None:
        self._edges.setdefault(a, []).append((b, strict))

    def _reachable(self, point: _Point) -> tuple[frozenset[_Point], frozenset[_Point]]:
        """The points ``q`` with ``point <= q`` and those with ``point < q`` entailed."""
        cached = self._reach.get(point)
        if cached is not None:
            return cached
        # Breadth-first over (point, a strict step taken so far); the strict state of a
        # point is worth visiting even after its non-strict one.
        seen: set[tuple[_Point, bool]] = {(point, False)}
        queue: deque[tuple[_Point, bool]] = deque(seen)
        while queue:
            current, strict = queue.popleft()
            for following, step_strict in self._edges.get(current, ()):
                state = (following, strict or step_strict)
                if state not in seen:
                    seen.add(state)
                    queue.append(state)
        result = (frozenset(p for p, _ in seen), frozenset(p for p, s in seen if s))
        self._reach[point] = result
        return result

    def _le(self, a: _Point, b: _Point) -> bool:
        return b in self._reachable(a)[0]

    def _lt(self, a: _Point, b: _Point) -> bool:
        return b in self._reachable(a)[1]

    @property
    def consistent(self) -> bool:
        """False when some endpoint would have to come strictly before itself."""
        return not any(self._lt(p, p) for p in self._edges)

    def entails(self, relation: Relation) -> bool:
        """True when the relation follows from the relations given (a relation about a
        node the graph does not have never does)."""
        a, kind, b = relation
        if a not in self.nodes or b not in self.nodes:
            return False
        if kind == BEFORE:
            return self._lt((a, 1), (b, 0))
        if kind == SIMULTANEOUS:
            return all(self._le((a, e), (b, e)) and self._le((b, e), (a, e)) for e in (0, 1))
        if kind == IS_INCLUDED:
            return self._le((b, 0), (a, 0)) and self._le((a, 1), (b, 1))
        raise ValueError(f"unsupported relation type {kind!r}")


# --------------------------------------------------------------------------- scores


@attrs.frozen
class Counts:
    """Matched and total items on each side: precision = system_matched / system,
    recall = gold_matched / gold. Counts add up (micro-averaging)."""

    system_matched: int = 0
    system: int = 0
    gold_matched: int = 0
    gold: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.system_matched + other.system_matched,
            self.system + other.system,
            self.gold_matched + other.gold_matched,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return metrics.ratio(self.system_matched, self.system)

    @property
    def recall(self) -> float:
        return metrics.ratio(self.gold_matched, self.gold)

    @property
    def f1(self) -> float:
        return metrics.f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Union[int, float]]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "system_matched": self.system_matched,
            "system": self.system,
            "gold_matched": self.gold_matched,
            "gold": self.gold,
        }


@attrs.frozen
class EntityScore:
    """The figures of one entity timeline (or their sum, ``entity="micro"``)."""

    entity: str
    relations: Counts = Counts()
    mentions: Counts = Counts()
    dedup: Counts = Counts()
    dates_correct: int = 0
    dates_total: int = 0

    def __add__(self, other: "EntityScore") -> "EntityScore":
        return EntityScore(
            "micro",
            self.relations + other.relations,
            self.mentions + other.mentions,
            self.dedup + other.dedup,
            self.dates_correct + other.dates_correct,
            self.dates_total + other.dates_total,
        )

    @property
    def f1(self) -> float:
        """Temporal-awareness F1 of the relations (the task's figure)."""
        return self.relations.f1

    @property
    def date_accuracy(self) -> float:
        return metrics.ratio(self.dates_correct, self.dates_total)

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "relations": self.relations.as_dict(),
            "mentions": self.mentions.as_dict(),
            "dedup_pairs": self.dedup.as_dict(),
            "date_accuracy": round(self.date_accuracy, 4),
            "dates_correct": self.dates_correct,
            "dates_total": self.dates_total,
        }


@attrs.frozen
class Report:
    """Scores per gold entity (gold order) and their micro-average."""

    entities: tuple[EntityScore, ...]
    anchors: bool = True

    @property
    def micro(self) -> EntityScore:
        total = EntityScore("micro")
        for score in self.entities:
            total = total + score
        return total

    @property
    def precision(self) -> float:
        return self.micro.relations.precision

    @property
    def recall(self) -> float:
        return self.micro.relations.recall

    @property
    def f1(self) -> float:
        """Micro-averaged temporal-awareness F1 (the task's official figure)."""
        return self.micro.relations.f1

    def as_dict(self) -> dict[str, Any]:
        return {
            "benchmark": "SemEval-2015 Task 4 (TimeLine)",
            "variant": "ordering and time anchors" if self.anchors else "ordering only",
            "micro": self.micro.as_dict(),
            "entities": [s.as_dict() for s in self.entities],
        }


def _keyed_lines(timeline: EntityTimeline) -> list[tuple[TimelineLine, list[str]]]:
    return list(zip(timeline.lines, mention_keys(timeline)))


def _same_line_pairs(timeline: EntityTimeline, keep: set[str]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for _, row in _keyed_lines(timeline):
        row = sorted(k for k in row if k in keep)
        pairs.update((a, b) for i, a in enumerate(row) for b in row[i + 1 :])
    return pairs


def score_timeline(gold: EntityTimeline, system: EntityTimeline, *, anchors: bool = True) -> EntityScore:
    """Score one system timeline against the gold one (see the module docstring)."""
    gold_relations = timeline_relations(gold, anchors=anchors)
    system_relations = timeline_relations(system, anchors=anchors)
    gold_closure = TemporalClosure(gold_relations)
    system_closure = TemporalClosure(system_relations)
    relations = Counts(
        sum(1 for r in system_relations if gold_closure.entails(r)),
        len(system_relations),
        sum(1 for r in gold_relations if system_closure.entails(r)),
        len(gold_relations),
    )

    gold_dates = {k: normalize_date(line.date) for line, row in _keyed_lines(gold) for k in row}
    system_dates = {k: normalize_date(line.date) for line, row in _keyed_lines(system) for k in row}
    common = set(gold_dates) & set(system_dates)
    mentions = Counts(len(common), len(system_dates), len(common), len(gold_dates))
    correct = sum(1 for k in common if gold_dates[k] == system_dates[k])

    gold_pairs = _same_line_pairs(gold, common)
    system_pairs = _same_line_pairs(system, common)
    both = len(gold_pairs & system_pairs)
    dedup = Counts(both, len(system_pairs), both, len(gold_pairs))
    return EntityScore(gold.entity, relations, mentions, dedup, correct, len(common))


def score_timelines(
    gold: Mapping[str, EntityTimeline], system: Mapping[str, EntityTimeline], *, anchors: bool = True
) -> Report:
    """Score every gold entity (a missing system timeline counts as empty); system
    timelines of entities without gold are ignored, as in the official script."""
    scores = [
        score_timeline(timeline, system.get(entity, EntityTimeline(entity)), anchors=anchors)
        for entity, timeline in gold.items()
    ]
    return Report(tuple(scores), anchors=anchors)


# --------------------------------------------------------------------------- runner


# Particles that the task's annotation joins to a verb trigger ("step_down",
# "showed_off"): phrasal verbs are one multi-token event in the guidelines.
_PARTICLES = frozenset({"off", "out", "down", "up", "away", "back"})


def _sentence_at(document: TimeMLDocument, offset: int) -> Optional[tuple[str, int, int]]:
    for sentence in document.sentences:
        if sentence[1] <= offset < sentence[2]:
            return sentence
    return None


def mention_id(document: TimeMLDocument, span: tuple[int, int], *, join_particles: bool = True) -> Optional[str]:
    """``docid-sentid-token`` of a trigger span, or None outside the ``<s>`` sentences.

    The span is widened to whole tokens (the text is space-tokenized), tokens are joined
    with "_" as in the gold, and with ``join_particles`` a following particle is joined
    to a one-token trigger ("step" + "down" -> ``step_down``)."""
    start, end = span
    sentence = _sentence_at(document, start)
    if sentence is None:
        return None
    sentence_id, first, last = sentence
    text = document.text
    end = min(max(end, start + 1), last)
    while start > first and not text[start - 1].isspace():
        start -= 1
    while end < last and not text[end].isspace():
        end += 1
    tokens = text[start:end].split()
    if not tokens:
        return None
    if join_particles and len(tokens) == 1:
        following = text[end:last].split()
        if following and following[0].lower() in _PARTICLES:
            tokens.append(following[0])
    return f"{document.doc_id}-{sentence_id}-{'_'.join(tokens)}"


def _date_interval(date: str) -> tuple[datetime, datetime]:
    """The period a normalized DATE string covers (``2010`` -> the year 2010)."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return datetime(parts[0], 1, 1), datetime(parts[0] + 1, 1, 1)
    if len(parts) == 2:
        year, month = parts
        return datetime(year, month, 1), datetime(year + month // 12, month % 12 + 1, 1)
    start = datetime(parts[0], parts[1], parts[2])
    return start, start + timedelta(days=1)


def timeline_date(when: TimeValue) -> str:
    """The DATE field for a :class:`timeline.TimeValue`: ``YYYY-MM-DD`` for a day or a
    finer grain, ``YYYY-MM`` for a month (or a week within one month), ``YYYY`` for a
    year or a part of one, ``XXXX-XX-XX`` when not on the calendar or coarser."""
    start, end, grain = when.start, when.end, when.granularity
    if start is None or end is None or grain is None:
        return UNKNOWN_DATE
    last = end - timedelta(microseconds=1)
    if grain >= Granularity.DAY:
        return start.strftime("%Y-%m-%d")
    if grain == Granularity.MONTH or (grain == Granularity.WEEK and (start.year, start.month) == (last.year, last.month)):
        return start.strftime("%Y-%m")
    if grain >= Granularity.YEAR:
        return f"{start.year:04d}"
    return UNKNOWN_DATE


def _event_order_key(event: Event, date: str) -> Optional[tuple[datetime, timedelta]]:
    """Where an event goes: by the start of its date, a coarser date first at equal
    start (the gold puts ``2006-01`` before ``2006-01-01``); None = not placed."""
    known = normalize_date(date)
    if known is not None:
        start, end = _date_interval(known)
    else:
        if event.when.start is None or event.when.end is None:
            return None
        start, end = event.when.start, event.when.end
    return (start.replace(tzinfo=None), -(end.replace(tzinfo=None) - start.replace(tzinfo=None)))


def entity_events(timeline: Timeline, entity: str) -> Timeline:
    """The events of ``entity`` through the library's entity layer
    (:meth:`timeline.Timeline.about`). A target name the documents never use in full
    ("Beatles Apple Corps") is tried without its first words ("Apple Corps"), as
    long as two words remain."""
    words = entity.split()
    for start in range(max(1, len(words) - 1)):
        name = " ".join(words[start:])
        if timeline.find_entities(name):
            return timeline.about(name)
    return timeline.about(entity)


def entity_timeline(entity: str, timeline: Timeline, documents: Mapping[str, TimeMLDocument]) -> EntityTimeline:
    """The timeline of ``entity`` from the library's timeline: the events it takes part
    in (:func:`entity_events`), negated and hypothetical ones left out (they did not
    happen); ORDER numbers the distinct dates in time order from 1, undated events get
    ORDER 0 and ``XXXX-XX-XX``."""
    rows: list[tuple[Optional[tuple[datetime, timedelta]], str, tuple[str, ...]]] = []
    for event in entity_events(timeline, entity):
        if event.negated or event.hypothetical:
            continue
        ids: list[str] = []
        for mention in event.mentions:
            document = documents.get(mention.doc_id)
            if document is None:
                continue
            identifier = mention_id(document, mention.trigger_span)
            if identifier is not None:
                ids.append(identifier)
        ids = list(dict.fromkeys(ids))
        if not ids:
            continue
        date = timeline_date(event.when)
        rows.append((_event_order_key(event, date), date, tuple(ids)))
    keys = sorted({key for key, _, _ in rows if key is not None})
    position = {key: number for number, key in enumerate(keys, start=1)}
    lines = [
        TimelineLine(position[key] if key is not None else 0, date if key is not None else UNKNOWN_DATE, ids)
        for key, date, ids in rows
    ]
    lines.sort(key=lambda line: (line.order, line.mentions))
    return EntityTimeline(entity, tuple(lines))


def system_timelines(
    timeline: Timeline, documents: Mapping[str, TimeMLDocument], entities: Iterable[str]
) -> dict[str, EntityTimeline]:
    """One timeline per entity from a :class:`timeline.Timeline` built on ``documents``."""
    return {entity: entity_timeline(entity, timeline, documents) for entity in entities}


def target_entities(trial_dir: PathType) -> list[str]:
    """The target entities: the lines of the data's ``list_target_entities*.txt`` when
    it has one, else the first lines of the gold timelines."""
    folder = Path(trial_dir)
    lists = sorted(folder.glob("list_target_entities*.txt"))
    if lists:
        names = [line.strip() for file in lists for line in file.read_text(encoding="utf-8").splitlines()]
        return list(dict.fromkeys(n for n in names if n))
    return list(read_timelines(folder / "gold-timelines"))


def parse_documents(documents: Mapping[str, TimeMLDocument], nlp: Optional[Language] = None) -> dict[str, Doc]:
    """The spaCy parse of every document's text, by document id (same pipeline as
    the library's, so token offsets agree with its mentions)."""
    from ..nlp import parse_texts, resolve_nlp

    ids = list(documents)
    parsed = parse_texts((documents[i].text for i in ids), resolve_nlp(nlp))
    return dict(zip(ids, parsed))


def default_data_dir() -> Path:
    """``../shared/data`` relative to the repository root."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def find_trial_dir(data_dir: Optional[PathType] = None) -> Path:
    """The trial data folder: ``data_dir`` itself when it holds ``gold-timelines/``,
    else its ``semeval2015-task4-trial/``. Raises ``FileNotFoundError`` if neither."""
    base = Path(data_dir) if data_dir is not None else default_data_dir()
    for candidate in (base, base / TRIAL_DIRNAME):
        if (candidate / "gold-timelines").is_dir() and (candidate / "documents").is_dir():
            return candidate
    raise FileNotFoundError(
        f"no SemEval-2015 Task 4 trial data under {base} (expected gold-timelines/ and documents/)"
    )


def read_documents(trial_dir: PathType) -> dict[str, TimeMLDocument]:
    """The raw ``documents/*.tml`` keyed by DOCID (sentences separated by a newline)."""
    folder = Path(trial_dir) / "documents"
    documents: dict[str, TimeMLDocument] = {}
    for file in sorted(folder.glob("*.tml")):
        document = read_timeml(file, sentence_separator="\n")
        documents[document.doc_id] = document
    return documents


def run_library(
    documents: Mapping[str, TimeMLDocument], *, nlp: Optional[Language] = None, undated: str = "inherit"
) -> Timeline:
    """The library on the documents (publication date = the DCT): the merged timeline
    with its entities.

    The task's timelines hold every event of the entity, most of them dated by the DCT
    or a time of their sentence only, hence ``undated="inherit"`` by default."""
    from ..build import analyze_document, timeline_of
    from ..documents import Document

    parses = parse_documents(documents, nlp)
    results = [
        analyze_document(Document(text=document.text, id=doc_id, published=document.dct_date), parses[doc_id], undated=undated)
        for doc_id, document in documents.items()
    ]
    return timeline_of(results, documents=list(documents))


def evaluate_trial(
    data_dir: Optional[PathType] = None,
    *,
    nlp: Optional[Language] = None,
    out_dir: Optional[PathType] = None,
    anchors: bool = True,
    undated: str = "inherit",
) -> Report:
    """Run the library on the trial documents, cut one timeline per target entity
    (:func:`target_entities`), write them to ``out_dir`` when given, and score them
    against the gold timelines. ``undated`` is passed to :func:`timeline.build_timeline`."""
    trial = find_trial_dir(data_dir)
    gold = read_timelines(trial / "gold-timelines")
    documents = read_documents(trial)
    built = run_library(documents, nlp=nlp, undated=undated)
    system = system_timelines(built, documents, target_entities(trial))
    if out_dir is not None:
        write_timelines(system.values(), out_dir)
    return score_timelines(gold, system, anchors=anchors)


def format_report(report: Report) -> str:
    """A plain-text table: relations P/R/F1 (the task figure), then mentions, dates and
    deduplication per entity, and the micro-average."""
    header = (
        f"{'entity':<22}{'rel P':>7}{'rel R':>7}{'rel F1':>8}{'sys':>6}{'gold':>6}"
        f"{'ment P':>8}{'ment R':>8}{'date acc':>9}{'dedup F1':>9}"
    )
    rows = [header, "-" * len(header)]
    for score in (*report.entities, report.micro):
        r, m, d = score.relations, score.mentions, score.dedup
        # No same-line pair on either side: nothing to deduplicate, "-" rather than 0.
        dedup = f"{d.f1:>9.3f}" if d.system or d.gold else f"{'-':>9}"
        rows.append(
            f"{score.entity[:21]:<22}{r.precision:>7.3f}{r.recall:>7.3f}{r.f1:>8.3f}{r.system:>6}{r.gold:>6}"
            f"{m.precision:>8.3f}{m.recall:>8.3f}{score.date_accuracy:>9.3f}{dedup}"
        )
    variant = "ordering and time anchors" if report.anchors else "ordering only"
    rows.append(f"SemEval-2015 Task 4, {variant}: micro F1 = {report.f1:.4f}")
    return "\n".join(rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: run the library on the trial data (or score ``--system`` files)."""
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate semeval",
        description="SemEval-2015 Task 4 (TimeLine) on the trial data: temporal-awareness F1 of the entity timelines.",
    )
    parser.add_argument("data_dir", nargs="?", type=Path, help="data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="write the system timelines to DIR")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--system", type=Path, metavar="DIR", help="score these timeline files instead of running")
    parser.add_argument("--ordering-only", action="store_true", help="no time anchors (the 'ordering only' variant)")
    parser.add_argument(
        "--undated",
        choices=("inherit", "inherit_events", "drop"),
        default="inherit",
        help="events without a time of their own: dated from the sentence or DCT (default) or left out",
    )
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    anchors = not args.ordering_only
    try:
        trial = find_trial_dir(args.data_dir)
        gold = read_timelines(trial / "gold-timelines")
        if args.system is not None:
            report = score_timelines(gold, read_timelines(args.system), anchors=anchors)
        else:
            report = evaluate_trial(trial, out_dir=args.out, anchors=anchors, undated=args.undated)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except NotImplementedError:
        print("error: timeline.build_timeline is not implemented yet", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
