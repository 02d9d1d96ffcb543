"""Event-time links of TempEval-3 (TimeBank, AQUAINT) against the event stage.

Two measures, both on gold TimeML (``TLINK`` between ``eventInstanceID`` and
``relatedToTime``, either direction; ``MAKEINSTANCE`` maps an instance to its event):

**Attachment** (does the attach step give a time to the event it dates?). An item is a
gold TIMEX3 of type DATE or TIME inside ``<TEXT>`` whose spaCy sentence holds at least
two gold events, and which a gold TLINK of an *anchoring* relation (:data:`ANCHORING`:
IS_INCLUDED, INCLUDES, SIMULTANEOUS, DURING, DURING_INV, IDENTITY: the time says when
the event was) ties to an event of that sentence. The library's answer is
:func:`timeline.events.attach.attached_event` on the gold span (the walk with its
comparison guard, over the default detector's words: the lexicon's and the event
nouns the learned detector finds on the time's walk, ``events.attach.nouns_above``;
``--lexicon-only`` leaves those out, ``--model FILE`` takes other weights for them):
right when its trigger word or clause verb lies inside one of those linked events. ``accuracy`` = right / items (no answer is
wrong); ``coverage`` = items with an answer / items; ``precision`` = right / answered.
Two baselines: the gold event of the sentence nearest the time in tokens (``nearest
gold``), and the detected word nearest the time (``nearest word``, what a
nearest-event rule over the library's own detector does).

**Relation to publication** (what the dating implies for each gold event). Every gold
event with a TLINK to the document's creation time (the DCT's ``tid``) has a gold class:
``before`` (BEFORE, IBEFORE), ``after`` (AFTER, IAFTER) or ``overlap`` (every other
relation: the event is on the publication day or runs over it). The library runs
:func:`timeline.events.document_events` with ``undated="inherit"`` and the DCT as the
publication date; the event whose trigger lies in the gold event's span gives its
class: ``before`` (its date ends before the publication day), ``after`` (starts after
it), ``on`` (overlaps it) or ``undated`` (no event, or none dated). Scoring:

* ``strict``: right only when the classes agree (before/before, after/after,
  overlap/on); undated is never right;
* ``careful`` (the headline figure): as strict, and undated counts as right for a gold
  ``before`` or ``after`` event: a reader given no date is not misled, while the
  publication day given to an event that happened earlier or will happen later is a
  false date; an ``overlap`` event left undated is wrong (its day was there to give).

A secondary figure, ``careful, named day`` (``careful_named_day_accuracy``), also counts
as right a gold ``before`` event that the library dates to the publication day itself
(day grain) from a time the text names ("today", the publication weekday: any
``dated_by`` but ``publication``): TimeML's BEFORE is before the creation *instant*, so
its annotators mark what a story tells of its own day ("the company said today")
BEFORE, while a reader, and SemEval-2015's gold, date it on that day. The headline
figures do not count it.

Gold events without a DCT link are left out of both (TimeBank links only some events to
the DCT; "no link" is not "vague"); their count and how many the library dates is
reported. Parses are cached (``--cache DIR``) as spaCy DocBins keyed by the texts.

Run it: ``python -m timeline.evaluate tlinks DIR [DIR...] [--json] [--limit N] [--lexicon-only] [--model FILE]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Optional

import attrs
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token

from ..documents import Document
from ..events import document_events, load_lexicon
from ..events.attach import attached_event, nouns_above
from ..events.learned import EventModel, classify, load_model_file, resolve_model
from ..events.detect import is_lexicon_trigger
from ..model import Event, Granularity
from ..times.temporal import find_times_in_parsed
from .timeml import Annotation, TimeMLDocument, read_timeml

ANCHORING = frozenset({"IS_INCLUDED", "INCLUDES", "SIMULTANEOUS", "DURING", "DURING_INV", "IDENTITY"})
"""Relations by which a time says when an event was (the attachment items)."""

_INVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
}
GOLD_CLASSES = ("before", "overlap", "after")
SYSTEM_CLASSES = ("before", "on", "after", "undated")
_AGREE = {"before": "before", "overlap": "on", "after": "after"}


@attrs.frozen
class EventTimeLink:
    """A gold TLINK read as "event ``relation`` time" (a time->event link is inverted)."""

    event: str  # the EVENT's eid
    relation: str
    time: str  # the TIMEX3's tid


@attrs.frozen
class GoldLinks:
    """The event-time links of one TimeML file and the tid of its creation time."""

    dct_tid: Optional[str]
    links: tuple[EventTimeLink, ...]


def read_links(path: Path) -> GoldLinks:
    """The event-time TLINKs of a TimeML file (instances mapped to their events)."""
    root = ET.parse(path).getroot()
    instance_event: dict[str, str] = {}
    dct_tid: Optional[str] = None
    for element in root.iter():
        if element.tag == "MAKEINSTANCE":
            instance_event[element.get("eiid", "")] = element.get("eventID", "")
        elif element.tag == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME" and dct_tid is None:
            dct_tid = element.get("tid")
    links = []
    for element in root.iter("TLINK"):
        relation = element.get("relType", "")
        instance, time = element.get("eventInstanceID"), element.get("relatedToTime")
        if instance is None or time is None:
            instance, time = element.get("relatedToEventInstance"), element.get("timeID")
            relation = _INVERSE.get(relation, relation)
        if instance is None or time is None or instance not in instance_event:
            continue
        links.append(EventTimeLink(event=instance_event[instance], relation=relation, time=time))
    return GoldLinks(dct_tid=dct_tid, links=tuple(links))


def gold_class(relation: str) -> str:
    """The publication-relation class of a gold event-DCT relation."""
    if relation in ("BEFORE", "IBEFORE"):
        return "before"
    if relation in ("AFTER", "IAFTER"):
        return "after"
    return "overlap"


def on_named_day(event: Optional[Event], published: datetime) -> bool:
    """True when the library dates the event to the publication day itself (day grain)
    from a time the text names, not by the publication fallback."""
    if event is None or event.when.granularity != Granularity.DAY or event.when.start is None:
        return False
    return event.mentions[0].dated_by != "publication" and event.when.start.date() == published.date()


def system_class(event: Optional[Event], published: datetime) -> str:
    """What the library's dating says of an event against the publication day."""
    if event is None or event.when.interval is None:
        return "undated"
    interval = event.when.interval
    if interval.end <= published:
        return "before"
    if interval.start >= published + timedelta(days=1):
        return "after"
    return "on"


# --------------------------------------------------------------------------- scores


@attrs.define
class AttachmentScores:
    """Counts of the attachment measure (module docstring)."""

    items: int = 0
    answered: int = 0
    right: int = 0
    nearest_gold: int = 0
    nearest_word: int = 0

    def figures(self) -> dict[str, Any]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "items": self.items,
            "accuracy": ratio(self.right, self.items),
            "coverage": ratio(self.answered, self.items),
            "precision": ratio(self.right, self.answered),
            "nearest_gold_accuracy": ratio(self.nearest_gold, self.items),
            "nearest_word_accuracy": ratio(self.nearest_word, self.items),
        }


@attrs.define
class RelationScores:
    """Counts of the relation-to-publication measure: a confusion table gold x system,
    and the events without a DCT link (``unlinked``; ``unlinked_dated`` of them dated)."""

    confusion: Counter[tuple[str, str]] = attrs.field(factory=Counter)
    unlinked: int = 0
    unlinked_dated: int = 0
    # gold before, dated on the publication day itself by a time the text names
    before_on_named_day: int = 0

    def figures(self) -> dict[str, Any]:
        total = sum(self.confusion.values())
        strict = sum(n for (g, s), n in self.confusion.items() if _AGREE[g] == s)
        careful = strict + sum(n for (g, s), n in self.confusion.items() if s == "undated" and g in ("before", "after"))
        return {
            "events": total,
            "strict_accuracy": round(strict / total, 4) if total else 0.0,
            "careful_accuracy": round(careful / total, 4) if total else 0.0,
            "careful_named_day_accuracy": round((careful + self.before_on_named_day) / total, 4) if total else 0.0,
            "before_on_named_day": self.before_on_named_day,
            "confusion": {g: {s: self.confusion[(g, s)] for s in SYSTEM_CLASSES} for g in GOLD_CLASSES},
            "unlinked": self.unlinked,
            "unlinked_dated": self.unlinked_dated,
        }


# --------------------------------------------------------------------------- one document


def _covers(annotation: Annotation, index: int, parsed: Doc) -> bool:
    token = parsed[index]
    return annotation.start <= token.idx < annotation.end


def _gold_span(parsed: Doc, annotation: Annotation) -> Optional[Span]:
    return parsed.char_span(annotation.start, annotation.end, alignment_mode="expand")


def score_attachment(
    document: TimeMLDocument,
    gold: GoldLinks,
    parsed: Doc,
    scores: AttachmentScores,
    *,
    lexicon_only: bool = False,
    model: Optional[EventModel] = None,
) -> None:
    """Add the attachment items of one document to ``scores`` (``lexicon_only``: the
    walk stops at the lexicon's words alone, the default before issue #14)."""
    lexicon = load_lexicon()
    lexicon_words = frozenset(t.i for t in parsed if is_lexicon_trigger(t, lexicon))
    verdicts: dict[int, bool] = {}
    weights = resolve_model(model)

    def is_event(token: Token) -> bool:
        return classify(token, weights) is not None
    events = {a.id: a for a in document.events}
    spans: dict[str, Span] = {}
    for annotation in document.events:
        found = _gold_span(parsed, annotation)
        if annotation.id is not None and found is not None:
            spans[annotation.id] = found
    linked: dict[str, set[str]] = {}
    for link in gold.links:
        if link.relation in ANCHORING and link.event in events:
            linked.setdefault(link.time, set()).add(link.event)
    for timex in document.timexes:
        if timex.attrs.get("type") not in ("DATE", "TIME") or timex.id not in linked:
            continue
        span = _gold_span(parsed, timex)
        if span is None or len(span) == 0:
            continue
        sentence = span.root.sent
        in_sentence = [eid for eid, s in spans.items() if s.start >= sentence.start and s.end <= sentence.end]
        targets = [eid for eid in linked[timex.id] if eid in in_sentence]
        if len(in_sentence) < 2 or not targets:
            continue
        scores.items += 1

        def right(index: int) -> bool:
            return any(_covers(events[eid], index, parsed) for eid in targets)

        # the default detector's stops: the lexicon's words and the event nouns beyond
        # it on this time's walk (events.attach.dated_nouns), unless lexicon_only
        stops = lexicon_words | (frozenset() if lexicon_only else frozenset(nouns_above(span, lexicon, is_event, verdicts)))
        trigger = attached_event(span, lexicon, stops)
        if trigger is not None:
            scores.answered += 1
            words = [trigger.token.i] + ([trigger.clause.i] if trigger.clause is not None else [])
            scores.right += any(right(i) for i in words)

        def gap(start: int, end: int) -> int:
            return max(start - span.end + 1, span.start - end + 1, 0)

        nearest = min(in_sentence, key=lambda eid: (gap(spans[eid].start, spans[eid].end), spans[eid].start))
        scores.nearest_gold += nearest in targets
        words_in_sentence = [t.i for t in sentence if (t.i < span.start or t.i >= span.end) and is_lexicon_trigger(t, lexicon)]
        if words_in_sentence:
            scores.nearest_word += right(min(words_in_sentence, key=lambda i: (gap(i, i + 1), i)))


def score_relations(
    document: TimeMLDocument,
    gold: GoldLinks,
    parsed: Doc,
    scores: RelationScores,
    *,
    lexicon_only: bool = False,
    model: Optional[EventModel] = None,
) -> None:
    """Add the gold events of one document to the relation-to-publication counts."""
    if document.dct_date is None:
        return
    published = datetime(document.dct_date.year, document.dct_date.month, document.dct_date.day)
    source = Document(text=document.text, id=document.doc_id, published=document.dct_date)
    times = find_times_in_parsed(source, parsed)
    found = document_events(source, parsed, times, undated="inherit", learned_nouns=not lexicon_only, event_model=model)
    to_dct = {link.event: gold_class(link.relation) for link in gold.links if link.time == gold.dct_tid}
    for annotation in document.events:
        event = next(
            (e for e in found if annotation.start <= e.mentions[0].trigger_span[0] < annotation.end),
            None,
        )
        system = system_class(event, published)
        if annotation.id in to_dct:
            scores.confusion[(to_dct[annotation.id], system)] += 1
            if to_dct[annotation.id] == "before" and system == "on" and on_named_day(event, published):
                scores.before_on_named_day += 1
        else:
            scores.unlinked += 1
            scores.unlinked_dated += system != "undated"


# --------------------------------------------------------------------------- corpus


def _parses(documents: Sequence[TimeMLDocument], nlp: Language, cache: Optional[Path]) -> list[Doc]:
    """The parses of the documents' texts, read from or written to a DocBin in ``cache``."""
    key = hashlib.sha1("\x00".join(d.text for d in documents).encode("utf-8")).hexdigest()[:16]
    path = cache / f"tlinks-{key}.spacy" if cache is not None else None
    if path is not None and path.exists():
        parsed = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in parsed] == [d.text for d in documents]:
            return parsed
    parsed = list(nlp.pipe(d.text for d in documents))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(path)
    return parsed


def evaluate_directory(
    directory: Path,
    nlp: Language,
    *,
    limit: Optional[int] = None,
    cache: Optional[Path] = None,
    lexicon_only: bool = False,
    model: Optional[EventModel] = None,
) -> tuple[AttachmentScores, RelationScores]:
    """Both measures over the ``*.tml`` files of one directory (sorted, first ``limit``).
    ``lexicon_only``: the attach walk stops at the event lexicon's words alone (the
    default detector before issue #14); ``model``: the learned detector's weights that
    tell the event nouns beyond the lexicon (default: the shipped ones, trained on
    TimeBank and AQUAINT: pass weights that did not see the folder for an honest figure)."""
    files = sorted(directory.glob("*.tml"))[: limit if limit is not None else None]
    documents = [read_timeml(f) for f in files]
    attachment, relations = AttachmentScores(), RelationScores()
    for file, document, parsed in zip(files, documents, _parses(documents, nlp, cache)):
        gold = read_links(file)
        score_attachment(document, gold, parsed, attachment, lexicon_only=lexicon_only, model=model)
        score_relations(document, gold, parsed, relations, lexicon_only=lexicon_only, model=model)
    return attachment, relations


def _table(name: str, attachment: AttachmentScores, relations: RelationScores) -> str:
    a, r = attachment.figures(), relations.figures()
    lines = [
        f"== {name}",
        f"attachment: items {a['items']}  accuracy {a['accuracy']:.4f}  coverage {a['coverage']:.4f}  "
        f"precision {a['precision']:.4f}  | nearest gold event {a['nearest_gold_accuracy']:.4f}  "
        f"nearest detected word {a['nearest_word_accuracy']:.4f}",
        f"relation to publication: events {r['events']}  careful accuracy {r['careful_accuracy']:.4f}  "
        f"strict accuracy {r['strict_accuracy']:.4f}  (no DCT link: {r['unlinked']}, dated {r['unlinked_dated']})",
        f"  secondary: careful, named day {r['careful_named_day_accuracy']:.4f} "
        f"(gold before, dated the publication day by a time the text names: {r['before_on_named_day']})",
        "  gold \\ system   " + "  ".join(f"{s:>8}" for s in SYSTEM_CLASSES),
    ]
    for g in GOLD_CLASSES:
        lines.append(f"  {g:<15}  " + "  ".join(f"{r['confusion'][g][s]:>8}" for s in SYSTEM_CLASSES))
    return "\n".join(lines)


def main(argv: Optional[Iterable[str]] = None) -> int:
    """Command line: ``python -m timeline.evaluate tlinks DIR [DIR...]``."""
    parser = argparse.ArgumentParser(prog="python -m timeline.evaluate tlinks", description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="folders of TimeML files (e.g. ../shared/data/tempeval3/TimeBank)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each folder")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    parser.add_argument("--lexicon-only", action="store_true", help="the walk stops at the event lexicon's words alone (before issue #14)")
    parser.add_argument("--model", type=Path, default=None, help="event detector weights for the nouns beyond the lexicon (default: the shipped ones)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    model = load_model_file(args.model) if args.model is not None else None
    from ..nlp import default_nlp

    nlp = default_nlp()
    results: dict[str, Any] = {}
    for directory in args.dirs:
        if not directory.is_dir():
            print(f"error: {directory} is not a directory", file=sys.stderr)
            return 2
        attachment, relations = evaluate_directory(
            directory, nlp, limit=args.limit, cache=args.cache, lexicon_only=args.lexicon_only, model=model
        )
        results[directory.name] = {"attachment": attachment.figures(), "relations": relations.figures()}
        if not args.json:
            print(_table(directory.name, attachment, relations))
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
