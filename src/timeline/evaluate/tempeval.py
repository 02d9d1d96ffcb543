"""TempEval-3 Task A scoring of temporal expressions (TIMEX3 spans, types and values).

Conventions (UzZaman et al., 2013, TempEval-3 Task A):

* **strict** match: a system span with exactly the gold offsets;
* **relaxed** match: spans that overlap. Pairs are one-to-one and chosen greedily by
  largest overlap first (ties: smallest combined extent, then document order), so one
  long system span cannot take credit for two gold expressions;
* **type / value accuracy**: share of relaxed-matched pairs whose TIMEX3 ``type`` /
  ``value`` strings are equal; **type / value F1** = relaxed F1 x that accuracy.

Counts are summed over documents and corpora (micro-average). A ratio whose denominator
is zero is 0.0, never NaN, so figures are always defined (e.g. precision with no system
output).

Run it: ``python -m timeline.evaluate tempeval DIR [DIR...] [--errors FILE] [--json]
[--limit N] [--no-dct] [--style STYLE]``. ``--no-dct`` runs without the documents'
creation time (WikiWars: its DCT is the download date, no reference for the story) and
in the narrative style unless ``--style`` says otherwise.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Optional, Protocol, TextIO, Union

import attrs
from spacy.language import Language

from ..documents import Document
from ..times.temporal import STYLES
from . import metrics
from .timeml import TimeMLDocument, read_timeml_directory


def _check_offsets(instance: "Span", _: attrs.Attribute, value: int) -> None:  # type: ignore[type-arg]
    if instance.start < 0 or instance.end < instance.start:
        raise ValueError(f"span offsets must satisfy 0 <= start <= end, got ({instance.start}, {instance.end})")


@attrs.frozen
class Span:
    """A temporal expression to score: ``[start, end)`` character offsets into the
    document text, the covered text, its TIMEX3 type and value."""

    start: int
    end: int = attrs.field(validator=_check_offsets)
    text: str = ""
    type: str = ""
    value: str = ""


class _MentionLike(Protocol):
    """What the scorer needs from a system mention (e.g. :class:`timeline.TimeMention`)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


def span_from_mention(mention: _MentionLike) -> Span:
    """A :class:`Span` from a system mention (anything with start, end, text, type, value)."""
    return Span(mention.start, mention.end, mention.text, mention.type or "", mention.value or "")


def gold_spans(document: TimeMLDocument) -> list[Span]:
    """The gold TIMEX3 spans of a TimeML document (the DCT is not scored)."""
    return [
        Span(a.start, a.end, a.text, a.attrs.get("type", ""), a.attrs.get("value", ""))
        for a in document.timexes
    ]


@attrs.frozen
class Scores:
    """Match counts for one document or many, with the TempEval-3 figures derived from them.

    Add two :class:`Scores` with ``+`` to aggregate (micro-average)."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # pairs with identical offsets
    relaxed: int = 0  # overlapping pairs, one-to-one
    type_correct: int = 0  # relaxed pairs with the gold type
    value_correct: int = 0  # relaxed pairs with the gold value

    def __add__(self, other: "Scores") -> "Scores":
        if not isinstance(other, Scores):
            return NotImplemented
        return Scores(*(a + b for a, b in zip(attrs.astuple(self), attrs.astuple(other))))

    @property
    def strict_precision(self) -> float:
        return metrics.ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        return metrics.ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return metrics.f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return metrics.ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        return metrics.ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return metrics.f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return metrics.ratio(self.type_correct, self.relaxed)

    @property
    def value_accuracy(self) -> float:
        return metrics.ratio(self.value_correct, self.relaxed)

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    def figures(self) -> dict[str, float]:
        """The derived figures by name (all in [0, 1])."""
        names = (
            "strict_precision strict_recall strict_f1 relaxed_precision relaxed_recall relaxed_f1 "
            "type_accuracy value_accuracy type_f1 value_f1"
        ).split()
        return {name: getattr(self, name) for name in names}

    def as_dict(self) -> dict[str, Union[int, float]]:
        """Counts and figures, JSON-ready."""
        return {**attrs.asdict(self), **self.figures()}


ERROR_KINDS = ("missed", "spurious", "span", "type", "value")


@attrs.frozen
class ErrorRecord:
    """One scoring error. ``kind`` is ``missed`` (gold without a relaxed match),
    ``spurious`` (system span without one), ``span`` (relaxed but not strict match),
    ``type`` or ``value`` (relaxed match with another type / value). Pairs that are wrong
    in several ways give one record per kind."""

    doc_id: str
    kind: str
    gold: Optional[Span]
    system: Optional[Span]
    context: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "kind": self.kind,
            "gold": attrs.asdict(self.gold) if self.gold else None,
            "system": attrs.asdict(self.system) if self.system else None,
            "context": self.context,
        }


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def align(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one relaxed pairing ``(gold index, system index)``, best overlap first.

    Candidates are overlapping pairs; they are taken greedily by decreasing overlap,
    then by smallest union (so an exact match beats a longer span with the same
    overlap), then in document order. Returned sorted by gold index."""
    candidates: list[tuple[int, int, int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = _overlap(g, s)
            if overlap > 0:
                union = max(g.end, s.end) - min(g.start, s.start)
                candidates.append((-overlap, union, g.start, s.start, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, gi, si in candidates:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


def _strict_count(gold: Sequence[Span], system: Sequence[Span]) -> int:
    # Multiset intersection of offsets: a duplicated system span counts once.
    gold_offsets = Counter((g.start, g.end) for g in gold)
    system_offsets = Counter((s.start, s.end) for s in system)
    return sum((gold_offsets & system_offsets).values())


def _context(text: Optional[str], start: int, end: int, width: int = 40) -> str:
    if not text:
        return ""
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def compare(
    gold: Sequence[Span], system: Sequence[Span], *, doc_id: str = "", text: Optional[str] = None
) -> tuple[Scores, list[ErrorRecord]]:
    """Score one document and list its errors (``text``, when given, adds context)."""
    pairs = align(gold, system)
    type_correct = sum(1 for gi, si in pairs if gold[gi].type == system[si].type)
    value_correct = sum(1 for gi, si in pairs if gold[gi].value == system[si].value)
    scores = Scores(
        gold=len(gold),
        system=len(system),
        strict=_strict_count(gold, system),
        relaxed=len(pairs),
        type_correct=type_correct,
        value_correct=value_correct,
    )

    errors: list[ErrorRecord] = []
    matched_gold = {gi for gi, _ in pairs}
    matched_system = {si for _, si in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            errors.append(ErrorRecord(doc_id, "missed", g, None, _context(text, g.start, g.end)))
    for si, s in enumerate(system):
        if si not in matched_system:
            errors.append(ErrorRecord(doc_id, "spurious", None, s, _context(text, s.start, s.end)))
    for gi, si in pairs:
        g, s = gold[gi], system[si]
        context = _context(text, min(g.start, s.start), max(g.end, s.end))
        if (g.start, g.end) != (s.start, s.end):
            errors.append(ErrorRecord(doc_id, "span", g, s, context))
        if g.type != s.type:
            errors.append(ErrorRecord(doc_id, "type", g, s, context))
        if g.value != s.value:
            errors.append(ErrorRecord(doc_id, "value", g, s, context))
    errors.sort(key=lambda e: ((e.gold or e.system).start, ERROR_KINDS.index(e.kind)))  # type: ignore[union-attr]
    return scores, errors


def score(gold: Sequence[Span], system: Sequence[Span]) -> Scores:
    """TempEval-3 scores of one document's system spans against its gold spans."""
    return compare(gold, system)[0]


def score_corpus(gold: Iterable[Sequence[Span]], system: Iterable[Sequence[Span]]) -> Scores:
    """Micro-averaged scores over documents given as parallel per-document lists."""
    gold_docs = list(gold)
    system_docs = list(system)
    if len(gold_docs) != len(system_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(system_docs)} system documents")
    total = Scores()
    for g, s in zip(gold_docs, system_docs):
        total += score(g, s)
    return total


@attrs.frozen
class Report:
    """The result of a benchmark run over one corpus (or several, combined)."""

    name: str
    documents: int
    scores: Scores
    errors: tuple[ErrorRecord, ...] = ()
    per_document: tuple[tuple[str, Scores], ...] = ()
    seconds: float = 0.0  # time spent in the system (parse included), not in reading
    # System mentions whose text is not text[start:end]: an engine bug, not a score.
    offset_errors: int = 0

    def as_dict(self, *, per_document: bool = False) -> dict[str, Any]:
        result: dict[str, Any] = {
            "name": self.name,
            "documents": self.documents,
            "seconds": round(self.seconds, 3),
            "offset_errors": self.offset_errors,
            **self.scores.as_dict(),
        }
        if per_document:
            result["per_document"] = {doc_id: s.as_dict() for doc_id, s in self.per_document}
        return result


def combine(reports: Sequence[Report], name: str = "combined") -> Report:
    """One report over several corpora (counts summed: micro-average)."""
    total = Scores()
    for report in reports:
        total += report.scores
    return Report(
        name=name,
        documents=sum(r.documents for r in reports),
        scores=total,
        errors=tuple(e for r in reports for e in r.errors),
        per_document=tuple(p for r in reports for p in r.per_document),
        seconds=sum(r.seconds for r in reports),
        offset_errors=sum(r.offset_errors for r in reports),
    )


# A system: documents in, one list of mentions per document out (``find_times_many``).
FindTimes = Callable[[list[Document]], Sequence[Sequence[_MentionLike]]]


def evaluate_documents(
    tml_documents: Sequence[TimeMLDocument],
    *,
    name: str = "corpus",
    nlp: Optional[Language] = None,
    find: Optional[FindTimes] = None,
    use_dct: bool = True,
    style: str = "auto",
) -> Report:
    """Run the system on already-read TimeML documents and score it against their TIMEX3s.

    ``find`` replaces the system (default: :func:`timeline.times.temporal.find_times_many`
    with ``nlp`` and ``style``); tests use it to feed known outputs through the runner.
    ``use_dct=False`` gives the system no publication date (the DCT is still not
    scored)."""
    documents = [Document(text=d.text, id=d.doc_id, published=d.dct_date if use_dct else None) for d in tml_documents]
    run_system: FindTimes
    if find is None:
        from ..nlp import resolve_nlp
        from ..times.temporal import find_times_many

        # Load the pipeline before the clock starts: ``seconds`` is processing time.
        run_system = functools.partial(find_times_many, nlp=resolve_nlp(nlp), style=style)
    else:
        run_system = find

    started = time.perf_counter()
    outputs = list(run_system(documents))
    seconds = time.perf_counter() - started
    if len(outputs) != len(documents):
        raise RuntimeError(f"the system returned {len(outputs)} results for {len(documents)} documents")

    total = Scores()
    errors: list[ErrorRecord] = []
    per_document: list[tuple[str, Scores]] = []
    offset_errors = 0
    for tml, mentions in zip(tml_documents, outputs):
        system = [span_from_mention(m) for m in mentions]
        offset_errors += sum(1 for s in system if tml.text[s.start : s.end] != s.text)
        doc_scores, doc_errors = compare(gold_spans(tml), system, doc_id=tml.doc_id, text=tml.text)
        total += doc_scores
        errors.extend(doc_errors)
        per_document.append((tml.doc_id, doc_scores))
    return Report(
        name=name,
        documents=len(documents),
        scores=total,
        errors=tuple(errors),
        per_document=tuple(per_document),
        seconds=seconds,
        offset_errors=offset_errors,
    )


def evaluate_corpus(
    directory: Union[str, PathLike[str]],
    *,
    nlp: Optional[Language] = None,
    limit: Optional[int] = None,
    find: Optional[FindTimes] = None,
    use_dct: bool = True,
    style: str = "auto",
    names: Optional[Iterable[str]] = None,
) -> Report:
    """Read every ``.tml`` file of ``directory`` (sorted; ``limit`` keeps the first N;
    ``names`` keeps only those document ids), run the system and score it. The report is
    named after the directory. ``use_dct`` and ``style`` as in :func:`evaluate_documents`."""
    folder = Path(directory)
    tml_documents = read_timeml_directory(folder, limit=limit)
    if names is not None:
        wanted = set(names)
        tml_documents = [d for d in tml_documents if d.doc_id in wanted or Path(d.doc_id).stem in wanted]
    if not tml_documents:
        raise FileNotFoundError(f"{folder}: no .tml files")
    return evaluate_documents(tml_documents, name=folder.resolve().name, nlp=nlp, find=find, use_dct=use_dct, style=style)


# --- output -------------------------------------------------------------------------

_TABLE_ROWS: tuple[tuple[str, str], ...] = (
    ("documents", "documents"),
    ("gold timexes", "gold"),
    ("system timexes", "system"),
    ("strict matches", "strict"),
    ("relaxed matches", "relaxed"),
    ("strict precision", "strict_precision"),
    ("strict recall", "strict_recall"),
    ("strict F1", "strict_f1"),
    ("relaxed precision", "relaxed_precision"),
    ("relaxed recall", "relaxed_recall"),
    ("relaxed F1", "relaxed_f1"),
    ("type accuracy", "type_accuracy"),
    ("value accuracy", "value_accuracy"),
    ("type F1", "type_f1"),
    ("value F1", "value_f1"),
    ("system seconds", "seconds"),
)


def format_table(reports: Sequence[Report]) -> str:
    """A plain-text table: one column per report, one row per figure (figures in [0, 1])."""
    width = max(10, *(len(r.name) + 2 for r in reports))
    lines = ["TempEval-3 Task A (TIMEX3)".ljust(20) + "".join(r.name.rjust(width) for r in reports)]
    for label, key in _TABLE_ROWS:
        cells = []
        for report in reports:
            value = report.as_dict()[key]
            if key == "seconds":
                cells.append(f"{value:.1f}")
            elif isinstance(value, float):
                cells.append(f"{value:.3f}")
            else:
                cells.append(str(value))
        lines.append(label.ljust(20) + "".join(c.rjust(width) for c in cells))
    bad = sum(r.offset_errors for r in reports[-1:])
    if bad:
        lines.append(f"WARNING: {bad} system mention(s) whose text is not text[start:end]")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return " ".join(text.split())


ERRORS_HEADER = (
    "corpus doc_id kind gold_start gold_end gold_text gold_type gold_value "
    "system_start system_end system_text system_type system_value context"
).split()


def write_errors(reports: Sequence[Report], out: TextIO) -> int:
    """Write the errors of ``reports`` as TSV (one row per error, header first); returns
    the number of rows. Texts have their whitespace collapsed so rows stay on one line."""
    out.write("\t".join(ERRORS_HEADER) + "\n")
    rows = 0
    for report in reports:
        for error in report.errors:
            cells = [report.name, error.doc_id, error.kind]
            for span in (error.gold, error.system):
                if span is None:
                    cells += ["", "", "", "", ""]
                else:
                    cells += [str(span.start), str(span.end), _clean(span.text), span.type, span.value]
            cells.append(_clean(error.context))
            out.write("\t".join(cells) + "\n")
            rows += 1
    return rows


def main(argv: Optional[Sequence[str]] = None) -> int:
    """CLI: score the system on TimeML directories and print a table (or JSON)."""
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate tempeval",
        description="Score temporal expression recognition and normalization (TempEval-3 Task A).",
    )
    parser.add_argument("directories", nargs="+", type=Path, metavar="DIR", help="folders of .tml files")
    parser.add_argument("--errors", type=Path, metavar="FILE", help="write every error as TSV to FILE")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents of each folder")
    parser.add_argument(
        "--no-dct",
        action="store_true",
        help="give the system no publication date (the DCT is not the story's date, as in WikiWars); implies --style narrative",
    )
    parser.add_argument("--style", choices=STYLES, help="document style (default: narrative with --no-dct, else auto)")
    parser.add_argument("--only", nargs="+", metavar="DOC", help="only these documents (ids or file stems)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    style = args.style or ("narrative" if args.no_dct else "auto")

    for directory in args.directories:
        if not directory.is_dir():
            parser.error(f"{directory}: not a directory")
    reports = [
        evaluate_corpus(d, limit=args.limit, use_dct=not args.no_dct, style=style, names=args.only) for d in args.directories
    ]
    shown = reports + [combine(reports)] if len(reports) > 1 else reports

    if args.json:
        payload = {
            "corpora": {r.name: r.as_dict() for r in reports},
            "combined": combine(reports).as_dict(),
        }
        print(json.dumps(payload, indent=2))
    else:
        print(format_table(shown))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            rows = write_errors(reports, out)
        print(f"{rows} errors written to {args.errors}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
