"""ECB+ event coreference benchmark: ``python -m timeline.evaluate ecbplus DIR ...``.

Reads the ECB+ corpus (Cybulska and Vossen 2014; ``DIR`` holds ``ECB+/<topic>/*.xml``
and ``ECBplus_coreference_sentences.csv``), runs each topic's documents through the
library together (both sub-topics mixed: no sub-topic oracle) and scores the event
clusters with MUC, B3, CEAF-e, CoNLL F1 and LEA (:mod:`timeline.evaluate.coref_metrics`),
on the validated sentences only, as every published evaluation does.

Gold clusters: the CROSS_DOC_COREF instance of a mention (its ``note``), else its
INTRA_DOC_COREF chain, else a singleton. Event mentions are the ACTION_* and
NEG_ACTION_* markables.

``--mentions gold``: the gold mentions are the events (:func:`timeline.events.given.events_at`),
clustered by :func:`timeline.merge.clustering.cluster_events`. ``--mentions predicted``: the
library's own events (``undated="inherit"``, plus the undated ones, see
:func:`predicted_events`), clustered the same way; a system mention is matched to the
gold mention with the same token set. ``--system lemma`` is the same-head-lemma
baseline (one cluster per lemma within a topic).

ECB+ documents carry no publication date, so nothing is dated by publication and
relative dates stay unresolved; the clustering reads content (and dates where the text
gives full ones). Parses are cached per topic under ``--cache`` (default
``/tmp/dedup/ecbplus``) as spaCy DocBins.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Optional, Union

import attrs
from spacy.tokens import Token

from ..documents import Document
from ..model import Event
from .coref_metrics import CorefScores, pooled

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
# ECB+ has no topics 15 and 17 (numbered 1-45, two were never released); listing them
# made `ecbplus-entities --topics train` stop on a missing folder.
ABSENT_TOPICS = (15, 17)
TRAIN_TOPICS = tuple(t for t in range(1, 36) if t not in DEV_TOPICS and t not in ABSENT_TOPICS)
FIRST_TEST_TOPIC = 36  # topics 36-45: ECB+'s held-out test part (not in ../shared/data)
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
# the participants of events: people, other things, places
PARTICIPANT_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
DEFAULT_CACHE = Path("/tmp/dedup/ecbplus")


@attrs.frozen
class GoldMention:
    """One annotated mention (an event, or a participant: see :attr:`EcbDocument.participants`):
    its id (``doc/m_id``), sentence, token ids and character span in the document text
    this module builds, its gold cluster and its markable tag (``ACTION_OCCURRENCE``,
    ``HUMAN_PART_PER``, ...)."""

    id: str
    doc: str
    sentence: int
    tokens: tuple[int, ...]
    span: tuple[int, int]
    cluster: str
    tag: str


@attrs.frozen
class EcbDocument:
    """A document of ECB+: its stem (``3_1ecb``), text (tokens joined by spaces, one
    sentence a line), token offsets and sentences, the gold event mentions
    (``mentions``) and the gold participant mentions (``participants``: the
    ``HUMAN_PART_*``, ``NON_HUMAN_PART_*`` and ``LOC_*`` markables) of its validated
    sentences, each sorted by span."""

    stem: str
    topic: int
    text: str
    token_spans: dict[int, tuple[int, int]]
    token_sentence: dict[int, int]
    mentions: tuple[GoldMention, ...]
    participants: tuple[GoldMention, ...] = ()

    def char_span(self, tokens: Sequence[int]) -> tuple[int, int]:
        """The character span of a run of token ids in :attr:`text`."""
        return self.token_spans[min(tokens)][0], self.token_spans[max(tokens)][1]


def validated_sentences(directory: Path) -> dict[str, frozenset[int]]:
    """File stem (``1_10ecbplus``) -> its validated sentence numbers."""
    result: dict[str, set[int]] = {}
    with open(directory / "ECBplus_coreference_sentences.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            result.setdefault(f"{row['Topic']}_{row['File']}", set()).add(int(row["Sentence Number"]))
    return {stem: frozenset(numbers) for stem, numbers in result.items()}


def read_document(path: Union[str, Path], topic: Optional[int] = None, validated: Optional[AbstractSet[int]] = None) -> EcbDocument:
    """One ECB+ XML file, the one reader of both ECB+ runners (events here, participants
    in :mod:`.ecbplus_entities`). ``topic`` defaults to the number the file name starts
    with; with ``validated``, only the mentions inside those sentences are kept.

    Text: the tokens joined by single spaces, a newline between sentences; a token's
    surrounding white space is dropped (ECB+ has a few tokens such as ``"Awards\\t"``)
    and an empty token is written ``_``, so that character offsets stay one per token.
    Gold cluster of a mention: its CROSS_DOC_COREF instance (``cross:<note>``), else its
    INTRA_DOC_COREF chain (``intra:<stem>:<target m_id>``), else ``single:<id>``."""
    path = Path(path)
    root = ET.parse(path).getroot()
    stem = path.stem
    pieces: list[str] = []
    token_spans: dict[int, tuple[int, int]] = {}
    token_sentence: dict[int, int] = {}
    offset = 0
    previous_sentence: Optional[int] = None
    for token in root.iter("token"):
        t_id, sentence = int(token.get("t_id", "0")), int(token.get("sentence", "0"))
        word = (token.text or "").strip() or "_"
        if previous_sentence is not None:
            separator = "\n" if sentence != previous_sentence else " "
            pieces.append(separator)
            offset += 1
        token_spans[t_id] = (offset, offset + len(word))
        token_sentence[t_id] = sentence
        pieces.append(word)
        offset += len(word)
        previous_sentence = sentence
    text = "".join(pieces)
    markables = root.find("Markables")
    mention_tokens: dict[str, tuple[str, tuple[int, ...]]] = {}
    if markables is not None:
        for markable in markables:
            anchors = tuple(int(a.get("t_id", "0")) for a in markable.iter("token_anchor"))
            if anchors and markable.tag.startswith(EVENT_TAGS + PARTICIPANT_TAGS):
                mention_tokens[markable.get("m_id", "")] = (markable.tag, tuple(sorted(anchors)))
    cluster_of: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for relation in relations:
            sources = [s.get("m_id", "") for s in relation.iter("source")]
            target = next((t.get("m_id", "") for t in relation.iter("target")), "")
            if relation.tag == "CROSS_DOC_COREF":
                label = f"cross:{relation.get('note', '')}"
            elif relation.tag == "INTRA_DOC_COREF":
                label = f"intra:{stem}:{target}"
            else:
                continue
            for source in sources:
                # a cross-document instance wins over a chain within the document
                if source not in cluster_of or relation.tag == "CROSS_DOC_COREF":
                    cluster_of[source] = label
    events: list[GoldMention] = []
    participants: list[GoldMention] = []
    for m_id, (tag, tokens) in mention_tokens.items():
        sentence = token_sentence[tokens[0]]
        if validated is not None and not all(token_sentence[t] in validated for t in tokens):
            continue
        span = (token_spans[tokens[0]][0], token_spans[tokens[-1]][1])
        mention_id = f"{stem}/{m_id}"
        mention = GoldMention(mention_id, stem, sentence, tokens, span, cluster_of.get(m_id, f"single:{mention_id}"), tag)
        (events if tag.startswith(EVENT_TAGS) else participants).append(mention)
    events.sort(key=lambda m: (m.span, m.id))
    participants.sort(key=lambda m: (m.span, m.id))
    number = topic if topic is not None else int(stem.split("_")[0])
    return EcbDocument(stem, number, text, token_spans, token_sentence, tuple(events), tuple(participants))


def read_topic(directory: Path, topic: int, validated: Optional[dict[str, frozenset[int]]] = None) -> list[EcbDocument]:
    """The documents of one topic that have validated sentences, sorted by stem."""
    validated = validated if validated is not None else validated_sentences(directory)
    folder = directory / "ECB+" / str(topic)
    documents = []
    for path in sorted(folder.glob("*.xml")):
        if path.stem in validated:
            documents.append(read_document(path, topic, validated[path.stem]))
    return documents


def topics_of(name: str) -> tuple[int, ...]:
    """``dev``, ``train``, ``all`` or a comma-separated list of topic numbers."""
    if name == "dev":
        return DEV_TOPICS
    if name == "train":
        return TRAIN_TOPICS
    if name == "all":
        return tuple(sorted(DEV_TOPICS + TRAIN_TOPICS))
    try:
        return tuple(int(part) for part in name.split(","))
    except ValueError:
        raise SystemExit(f"--topics: expected dev, train, all or topic numbers, got {name!r}") from None


def untrainable_topics(topics: Iterable[int]) -> list[int]:
    """The topics among ``topics`` that nothing may be learned or tuned on: the dev
    topics and the test topics, sorted (what the learning tools refuse)."""
    return sorted(t for t in topics if t in DEV_TOPICS or t >= FIRST_TEST_TOPIC)


def trainable_topics(name: str) -> Optional[tuple[int, ...]]:
    """:func:`topics_of` for the learning and tuning tools (``tools/``): the topics
    ``name`` names, or None, after a message on standard error naming them, when any
    is a dev or test topic (the tools then exit with status 2)."""
    topics = topics_of(name)
    forbidden = untrainable_topics(topics)
    if forbidden:
        print(f"--topics: refusing dev/test topics {forbidden}: learn and tune on train topics only", file=sys.stderr)
        return None
    return topics


# --------------------------------------------------------------------------- parsing


def parse_topic(documents: Sequence[EcbDocument], cache: Optional[Path]) -> list:  # type: ignore[type-arg]
    """The spaCy parses of the documents, from the DocBin cache when it holds these texts."""
    from spacy.tokens import DocBin

    from ..nlp import parse_texts, resolve_nlp

    nlp = resolve_nlp(None)
    digest = hashlib.sha1("\x00".join(d.text for d in documents).encode("utf-8")).hexdigest()[:16]
    path = cache / f"topic{documents[0].topic}-{digest}.spacy" if cache is not None and documents else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(parse_texts((d.text for d in documents), nlp))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed).to_disk(path)
    return parsed


# --------------------------------------------------------------------------- systems


def gold_mention_events(document: EcbDocument, parsed: object) -> list[tuple[str, Event]]:
    """The gold mentions of a document as library events (:func:`timeline.events.given.events_at`),
    with the roles of the document's entities in them (:func:`timeline.entities.with_roles`,
    as :func:`timeline.build.analyze_document` gives the library's own events)."""
    from ..entities import document_entities, with_roles
    from ..events.given import events_at
    from ..times.temporal import find_times_in_parsed

    library_document = Document(text=document.text, id=document.stem)
    times = tuple(find_times_in_parsed(library_document, parsed))  # type: ignore[arg-type]
    events = events_at(library_document, parsed, [m.span for m in document.mentions], times=times)  # type: ignore[arg-type]
    events = tuple(with_roles(events, parsed, document_entities(library_document, parsed)))  # type: ignore[arg-type]
    return [(mention.id, event) for mention, event in zip(document.mentions, events)]


def predicted_events(document: EcbDocument, parsed: object) -> list[tuple[str, Event]]:
    """The library's own events of a document (dated, inherited and, since ECB+ has no
    publication dates, the remaining candidate triggers undated), those in validated
    sentences, each named by the gold mention with the same tokens or a new id."""
    from ..build import analyze_document
    from ..events import lexicon_detector, load_lexicon
    from ..events.given import events_at
    from ..times.temporal import find_times_in_parsed

    library_document = Document(text=document.text, id=document.stem)
    result = analyze_document(library_document, parsed, undated="inherit")  # type: ignore[arg-type]
    starts = {m.trigger_span[0] for e in result.events for m in e.mentions}
    extra = []
    for word in lexicon_detector(load_lexicon())(parsed):  # type: ignore[arg-type]
        if isinstance(word, Token) and word.idx not in starts:
            extra.append((word.idx, word.idx + len(word.text)))
    times = tuple(find_times_in_parsed(library_document, parsed))  # type: ignore[arg-type]
    events = list(result.events) + list(events_at(library_document, parsed, extra, times=times))  # type: ignore[arg-type]
    validated_sentences_here = {m.sentence for m in document.mentions}
    by_tokens = {m.tokens: m.id for m in document.mentions}
    start_to_token = {span[0]: t_id for t_id, span in document.token_spans.items()}
    end_to_token = {span[1]: t_id for t_id, span in document.token_spans.items()}
    named = []
    for event in events:
        start, end = event.mentions[0].trigger_span
        first, last = start_to_token.get(start), end_to_token.get(end)
        if first is None or last is None:
            continue
        if document.token_sentence[first] not in validated_sentences_here:
            continue
        tokens = tuple(range(first, last + 1))
        named.append((by_tokens.get(tokens, f"{document.stem}/sys{start}"), event))
    return named


def head_lemma(parsed: object, event: Event) -> str:
    """The spaCy lemma of the head word of an event mention's span (the baseline's key)."""
    start, end = event.mentions[0].trigger_span
    span = parsed.char_span(start, end, alignment_mode="expand")  # type: ignore[attr-defined]
    return str(span.root.lemma_).lower() if span is not None and len(span) else event.trigger


def system_tokens(document: EcbDocument, event: Event) -> tuple[int, ...]:
    """The token ids a system event mention covers."""
    start, end = event.mentions[0].trigger_span
    return tuple(t for t, (s, e) in sorted(document.token_spans.items()) if s < end and start < e)


@attrs.frozen
class TopicRun:
    """What one topic gives: key and response clusterings, and the output rows."""

    key: list[frozenset[str]]
    response: list[frozenset[str]]
    rows: list[dict[str, object]]


def run_topic(documents: Sequence[EcbDocument], parses: Sequence[object], mentions: str, system: str,
              threshold: Optional[float] = None) -> TopicRun:
    """Cluster one topic's event mentions and the gold clusters to score them against."""
    from ..merge.clustering import LINK_THRESHOLD, cluster_events, lemma_clusters

    named: list[tuple[str, Event, EcbDocument]] = []
    for document, parsed in zip(documents, parses):
        pairs = gold_mention_events(document, parsed) if mentions == "gold" else predicted_events(document, parsed)
        named.extend((mention_id, event, document) for mention_id, event in pairs)
    events = [event for _, event, _ in named]
    if system == "lemma":
        groups = lemma_clusters(events, lemmas=[head_lemma(parses[documents.index(document)], event) for _, event, document in named])
    else:
        groups = cluster_events(events, documents={d.stem: d.text for d in documents},
                                threshold=LINK_THRESHOLD if threshold is None else threshold)
    response = [frozenset(named[i][0] for i in group) for group in groups]
    gold: dict[str, set[str]] = {}
    for document in documents:
        for mention in document.mentions:
            gold.setdefault(mention.cluster, set()).add(mention.id)
    key = [frozenset(members) for members in gold.values()]
    rows: list[dict[str, object]] = []
    for number, group in enumerate(groups):
        cluster_id = f"t{documents[0].topic}-{number}"
        for i in group:
            _, event, document = named[i]
            tokens = system_tokens(document, event)
            rows.append({"doc": document.stem, "sentence": document.token_sentence[tokens[0]], "tokens": list(tokens), "cluster": cluster_id})
    return TopicRun(key=key, response=response, rows=rows)


def evaluate(directory: Path, topics: Iterable[int], *, mentions: str = "gold", system: str = "library",
             cache: Optional[Path] = DEFAULT_CACHE, out: Optional[Path] = None,
             threshold: Optional[float] = None) -> CorefScores:
    """Scores over the topics (pooled as one set of documents), optionally writing the
    system's mentions as JSON Lines to ``out``."""
    validated = validated_sentences(directory)
    runs = []
    for topic in topics:
        documents = read_topic(directory, topic, validated)
        if not documents:
            continue
        parses = parse_topic(documents, cache)
        runs.append(run_topic(documents, parses, mentions, system, threshold))
    if out is not None:
        with open(out, "w", encoding="utf-8") as handle:
            for run in runs:
                for row in run.rows:
                    handle.write(json.dumps(row) + "\n")
    return pooled((run.key, run.response) for run in runs)


def topic_events(directory: Path, topics: Iterable[int], mentions: str, cache: Optional[Path]) -> Iterable[tuple[list[EcbDocument], list[tuple[str, Event]]]]:
    """Per topic: its documents and its (mention id, event) pairs."""
    validated = validated_sentences(directory)
    for topic in topics:
        documents = read_topic(directory, topic, validated)
        if not documents:
            continue
        parses = parse_topic(documents, cache)
        named: list[tuple[str, Event]] = []
        for document, parsed in zip(documents, parses):
            named.extend(gold_mention_events(document, parsed) if mentions == "gold" else predicted_events(document, parsed))
        yield documents, named


def pair_rows(documents: Sequence[EcbDocument], named: Sequence[tuple[str, Event]],
              wordnet: Optional[tuple[int, int]] = None) -> tuple[list[list[float]], list[float]]:
    """The feature rows (in :data:`timeline.merge.clustering.FEATURES` order) and labels (1.0:
    same gold cluster) of the candidate pairs of one topic's gold mentions (``wordnet``:
    as :func:`timeline.merge.clustering.pair_table`'s, the WordNet experiment)."""
    from ..merge.clustering import FEATURES, pair_table

    cluster_of = {m.id: m.cluster for d in documents for m in d.mentions}
    table = pair_table([event for _, event in named], {d.stem: d.text for d in documents}, wordnet=wordnet)
    rows: list[list[float]] = []
    labels: list[float] = []
    for (i, j), features in sorted(table.features.items()):
        first, second = named[table.order[i]][0], named[table.order[j]][0]
        rows.append([features[name] for name in FEATURES])
        labels.append(1.0 if cluster_of[first] == cluster_of[second] else 0.0)
    return rows, labels


def fit_logistic(rows: Sequence[Sequence[float]], labels: Sequence[float], *, l2: float = 1.0, steps: int = 50) -> dict[str, float]:
    """Bias and weights (by feature name) of the logistic pair model fitted to the rows:
    Newton's method (iteratively reweighted least squares) with an L2 penalty on the
    weights, not the bias; exact and deterministic for these few features."""
    import numpy as np

    from ..merge.clustering import FEATURES

    y = np.array(labels)
    design = np.hstack([np.ones((len(y), 1)), np.array(rows)])
    theta = np.zeros(design.shape[1])
    penalty = l2 * np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(design @ theta, -60, 60)))
        gradient = design.T @ (p - y) + penalty @ theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return {"bias": float(theta[0]), **{name: float(w) for name, w in zip(FEATURES, theta[1:])}}


def train_weights(directory: Path, topics: Iterable[int], out: Path, *, cache: Optional[Path] = DEFAULT_CACHE,
                  l2: float = 1.0, steps: int = 50) -> dict[str, float]:
    """Fit the logistic pair model of :mod:`timeline.merge.clustering` on the candidate pairs
    of the topics' gold mentions (label: same gold cluster) and write it to ``out`` as
    the resource TSV (:func:`fit_logistic`)."""
    topics = tuple(topics)
    rows: list[list[float]] = []
    labels: list[float] = []
    for documents, named in topic_events(directory, topics, "gold", cache):
        topic_rows, topic_labels = pair_rows(documents, named)
        rows.extend(topic_rows)
        labels.extend(topic_labels)
    table_out = fit_logistic(rows, labels, l2=l2, steps=steps)
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(f"# feature\tweight (logistic pair model of timeline.merge.clustering; trained on ECB+ topics "
                     f"{','.join(map(str, topics))}: {len(labels)} candidate pairs, {int(sum(labels))} coreferent)\n")
        handle.write("# python -m timeline.evaluate ecbplus ../shared/data/ecbplus --topics train --train-weights FILE\n")
        for name, value in table_out.items():
            handle.write(f"{name}\t{value:.4f}\n")
    return table_out


def format_scores(scores: CorefScores) -> str:
    """A small table of the scores."""
    lines = [f"{'metric':8} {'R':>7} {'P':>7} {'F1':>7}"]
    for name in ("muc", "b3", "ceafe", "lea"):
        score = getattr(scores, name)
        lines.append(f"{name:8} {score.recall:7.4f} {score.precision:7.4f} {score.f1:7.4f}")
    lines.append(f"CoNLL F1 {scores.conll_f1:.4f}")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m timeline.evaluate ecbplus", description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, help="the ECB+ folder (with ECB+/ and ECBplus_coreference_sentences.csv)")
    parser.add_argument("--mentions", choices=("gold", "predicted"), default="gold")
    parser.add_argument("--topics", default="dev", help="dev (default), train, all or topic numbers 1,3,...")
    parser.add_argument("--system", choices=("library", "lemma"), default="library",
                        help="library clustering (default) or the same-head-lemma baseline")
    parser.add_argument("--out", type=Path, help="write the system mentions as JSON Lines")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="parse cache folder")
    parser.add_argument("--threshold", type=float, help="link threshold (default: timeline.merge.clustering.LINK_THRESHOLD)")
    parser.add_argument("--train-weights", type=Path, metavar="FILE",
                        help="fit the pair model on the topics' gold mentions and write it to FILE (no scoring)")
    args = parser.parse_args(argv)
    if not (args.directory / "ECBplus_coreference_sentences.csv").exists():
        print(f"{args.directory}: no ECBplus_coreference_sentences.csv here", file=sys.stderr)
        return 2
    if args.train_weights is not None:
        fitted = train_weights(args.directory, topics_of(args.topics), args.train_weights, cache=args.cache)
        print(json.dumps(fitted, indent=2))
        return 0
    scores = evaluate(args.directory, topics_of(args.topics), mentions=args.mentions, system=args.system,
                      cache=args.cache, out=args.out, threshold=args.threshold)
    print(json.dumps(scores.as_dict(), indent=2) if args.json else format_scores(scores))
    return 0
