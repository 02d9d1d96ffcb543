"""TempEval-3 Task B scoring of event mentions (EVENT spans and classes).

Conventions (UzZaman et al., 2013, TempEval-3 Task B), as for Task A
(:mod:`timeline.evaluate.tempeval`, whose one-to-one alignment is reused):

* **strict** match: a system span with exactly the gold offsets; **relaxed**: overlap;
* **class accuracy**: share of relaxed-matched pairs with the same TimeML class;
  **class F1** = relaxed F1 x class accuracy;
* also reported: the accuracy of tense, aspect, polarity and modality on the matched
  pairs (gold values from each event's first ``<MAKEINSTANCE>``).

The system is :func:`timeline.events.learned.detect_in_parsed` with the shipped
weights or a weights file (``--model``), or the baseline "every spaCy VERB token is an
OCCURRENCE" (``--baseline verbs``). A weights file names the documents it was trained
on: they are counted apart, and ``--unseen-only`` scores only the others (the shipped
model saw all of TempEval-3, so only a model trained on part of it gives honest
figures; see docs/benchmarks.md).

Run it: ``python -m timeline.evaluate events DIR [DIR...] [--model FILE]
[--unseen-only] [--baseline verbs] [--parse-cache DIR] [--json] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Optional, Union

import attrs
from spacy.tokens import Doc, DocBin

from ..events.learned import EventModel, detect_in_parsed, load_model_file, resolve_model
from ..nlp import default_nlp
from . import metrics
from .tempeval import Span, align
from .timeml import TimeMLDocument, read_timeml_directory

ATTRIBUTES = ("tense", "aspect", "polarity", "modality")


@attrs.frozen
class EventSpan:
    """An event to score: character span, TimeML class and MAKEINSTANCE attributes
    (modality ``""`` when there is none)."""

    start: int
    end: int
    text: str = ""
    event_class: str = ""
    tense: str = ""
    aspect: str = ""
    polarity: str = ""
    modality: str = ""

    def attribute(self, name: str) -> str:
        return str(getattr(self, name))


def _instances(path: Optional[str]) -> dict[str, dict[str, str]]:
    """The first MAKEINSTANCE of each event id of a TimeML file (outside ``<TEXT>``)."""
    if path is None:
        return {}
    instances: dict[str, dict[str, str]] = {}
    for element in ET.parse(path).getroot().iter():
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "MAKEINSTANCE":
            instances.setdefault(element.get("eventID", ""), dict(element.attrib))
    return instances


def gold_events(document: TimeMLDocument) -> list[EventSpan]:
    """The gold EVENT spans of a TimeML document with their instance attributes."""
    instances = _instances(document.path)
    events = []
    for event in document.events:
        instance = instances.get(event.id or "", {})
        modality = instance.get("modality", "").lower()
        events.append(
            EventSpan(
                event.start,
                event.end,
                event.text,
                event.attrs.get("class", ""),
                instance.get("tense", ""),
                instance.get("aspect", ""),
                instance.get("polarity", ""),
                "" if modality == "none" else modality,
            )
        )
    return events


@attrs.define
class EventScores:
    """Counts over documents (micro-average); the figures are derived properties."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    class_correct: int = 0
    attribute_correct: dict[str, int] = attrs.field(factory=lambda: dict.fromkeys(ATTRIBUTES, 0))

    def add(self, other: "EventScores") -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.class_correct += other.class_correct
        for name in ATTRIBUTES:
            self.attribute_correct[name] += other.attribute_correct[name]

    def figures(self) -> dict[str, float]:
        strict_p, strict_r = metrics.ratio(self.strict, self.system), metrics.ratio(self.strict, self.gold)
        relaxed_p, relaxed_r = metrics.ratio(self.relaxed, self.system), metrics.ratio(self.relaxed, self.gold)
        relaxed_f1 = metrics.f1(relaxed_p, relaxed_r)
        class_accuracy = metrics.ratio(self.class_correct, self.relaxed)
        figures = {
            "strict_precision": strict_p,
            "strict_recall": strict_r,
            "strict_f1": metrics.f1(strict_p, strict_r),
            "relaxed_precision": relaxed_p,
            "relaxed_recall": relaxed_r,
            "relaxed_f1": relaxed_f1,
            "class_accuracy": class_accuracy,
            "class_f1": relaxed_f1 * class_accuracy,
        }
        for name in ATTRIBUTES:
            figures[f"{name}_accuracy"] = metrics.ratio(self.attribute_correct[name], self.relaxed)
        return figures

    def relaxed_line(self) -> str:
        """One line of the relaxed and class figures, as the experiment tools print them."""
        f = self.figures()
        return (
            f"system {self.system} relaxed P {f['relaxed_precision']:.4f} R {f['relaxed_recall']:.4f} "
            f"F1 {f['relaxed_f1']:.4f} class acc {f['class_accuracy']:.4f} class F1 {f['class_f1']:.4f}"
        )

    def as_dict(self) -> dict[str, Any]:
        counts: dict[str, Any] = {"gold": self.gold, "system": self.system, "strict": self.strict, "relaxed": self.relaxed}
        return {**counts, **{k: round(v, 4) for k, v in self.figures().items()}}


def score_events(gold: Sequence[EventSpan], system: Sequence[EventSpan]) -> EventScores:
    """Task B counts of one document."""
    pairs = align([Span(g.start, g.end) for g in gold], [Span(s.start, s.end) for s in system])
    gold_offsets = {(g.start, g.end) for g in gold}
    scores = EventScores(gold=len(gold), system=len(system), relaxed=len(pairs))
    scores.strict = sum(1 for s in {(s.start, s.end) for s in system} if s in gold_offsets)
    for gi, si in pairs:
        scores.class_correct += gold[gi].event_class == system[si].event_class
        for name in ATTRIBUTES:
            scores.attribute_correct[name] += gold[gi].attribute(name) == system[si].attribute(name)
    return scores


def system_events(parsed: Doc, model: Optional[EventModel], threshold: Optional[float] = None) -> list[EventSpan]:
    """The detector's events of a parsed text as spans to score."""
    return [
        EventSpan(m.start, m.end, m.text, m.event_class, m.tense, m.aspect, m.polarity, m.modality or "")
        for m in detect_in_parsed(parsed, model, threshold=threshold)
    ]


def verb_baseline(parsed: Doc) -> list[EventSpan]:
    """The reference baseline: every spaCy VERB token is an OCCURRENCE."""
    return [EventSpan(t.idx, t.idx + len(t.text), t.text, "OCCURRENCE") for t in parsed if t.pos_ == "VERB"]


def parse_documents(documents: Sequence[TimeMLDocument], cache: Optional[Path] = None, name: str = "") -> list[Doc]:
    """The default pipeline's parses of the documents' texts; with ``cache``, read from
    (or written to) ``cache/<name>-<count>.spacy`` so that repeated runs parse once."""
    nlp = default_nlp()
    target = cache / f"{name}-{len(documents)}.spacy" if cache is not None else None
    if target is not None and target.exists():
        parsed = list(DocBin().from_disk(target).get_docs(nlp.vocab))
        if [p.text for p in parsed] == [d.text for d in documents]:
            return parsed
    parsed = list(nlp.pipe((d.text for d in documents), batch_size=8))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        store = DocBin(store_user_data=False)
        for doc in parsed:
            store.add(doc)
        store.to_disk(target)
    return parsed


@attrs.frozen
class CorpusReport:
    """The scores of one folder: documents scored and skipped as seen in training."""

    name: str
    scores: EventScores
    documents: int
    seen_in_training: int
    skipped: int


def evaluate_directory(
    directory: Union[str, PathLike[str]],
    *,
    model: Optional[EventModel] = None,
    baseline: Optional[str] = None,
    unseen_only: bool = False,
    limit: Optional[int] = None,
    cache: Optional[Path] = None,
) -> CorpusReport:
    """Score one folder of ``.tml`` files (see the module docstring)."""
    documents = read_timeml_directory(directory, limit=limit)
    folder = Path(directory).name
    parsed = parse_documents(documents, cache, folder)
    weights = resolve_model(model) if baseline is None else None
    trained_on = weights.training_documents if weights is not None else frozenset()
    total = EventScores()
    seen = skipped = 0
    for document, doc in zip(documents, parsed):
        key = f"{folder}/{Path(document.path or document.doc_id).name}"
        if key in trained_on:
            seen += 1
            if unseen_only:
                skipped += 1
                continue
        system = verb_baseline(doc) if baseline == "verbs" else system_events(doc, weights)
        total.add(score_events(gold_events(document), system))
    return CorpusReport(folder, total, len(documents), seen, skipped)


def format_report(reports: Sequence[CorpusReport]) -> str:
    """A plain-text table, one row per folder and a combined row."""
    combined = EventScores()
    for report in reports:
        combined.add(report.scores)
    header = f"{'corpus':<12}{'docs':>6}{'seen':>6}{'gold':>7}{'sys':>7}{'strictF1':>10}{'relaxP':>8}{'relaxR':>8}{'relaxF1':>9}{'classAcc':>9}{'classF1':>9}{'tense':>7}{'aspect':>7}{'polar':>7}{'modal':>7}"
    lines = [header]

    def row(name: str, docs: int, seen: int, scores: EventScores) -> str:
        f = scores.figures()
        return (
            f"{name:<12}{docs:>6}{seen:>6}{scores.gold:>7}{scores.system:>7}{f['strict_f1']:>10.4f}{f['relaxed_precision']:>8.4f}"
            f"{f['relaxed_recall']:>8.4f}{f['relaxed_f1']:>9.4f}{f['class_accuracy']:>9.4f}{f['class_f1']:>9.4f}"
            f"{f['tense_accuracy']:>7.3f}{f['aspect_accuracy']:>7.3f}{f['polarity_accuracy']:>7.3f}{f['modality_accuracy']:>7.3f}"
        )

    for report in reports:
        lines.append(row(report.name, report.documents - report.skipped, report.seen_in_training, report.scores))
    if len(reports) > 1:
        lines.append(row("combined", sum(r.documents - r.skipped for r in reports), sum(r.seen_in_training for r in reports), combined))
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: ``python -m timeline.evaluate events DIR [DIR...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate events",
        description="TempEval-3 Task B: event spans (strict, relaxed) and classes.",
    )
    parser.add_argument("directories", nargs="+", type=Path, metavar="DIR", help="folders of .tml files")
    parser.add_argument("--model", type=Path, metavar="FILE", help="a weights file (default: the shipped one)")
    parser.add_argument(
        "--unseen-only", action="store_true", help="skip the documents the model was trained on (listed in its metadata)"
    )
    parser.add_argument("--baseline", choices=["verbs"], help="score a baseline instead of the detector")
    parser.add_argument("--parse-cache", type=Path, metavar="DIR", help="keep the spaCy parses in DIR between runs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents of each folder")
    args = parser.parse_args(argv)
    model = load_model_file(args.model) if args.model is not None else None
    reports = []
    for directory in args.directories:
        if not directory.is_dir():
            print(f"{directory}: not a directory", file=sys.stderr)
            return 2
        reports.append(
            evaluate_directory(
                directory, model=model, baseline=args.baseline, unseen_only=args.unseen_only, limit=args.limit, cache=args.parse_cache
            )
        )
    if args.json:
        print(json.dumps([{"corpus": r.name, "documents": r.documents, "seen_in_training": r.seen_in_training, "skipped": r.skipped, **r.scores.as_dict()} for r in reports], indent=2))
    else:
        print(format_report(reports))
        seen = sum(r.seen_in_training - r.skipped for r in reports)
        if seen:
            print(f"note: {seen} scored document(s) were in the model's training data; --unseen-only leaves them out")
    return 0
