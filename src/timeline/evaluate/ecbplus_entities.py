"""ECB+ entity coreference: the entity layer (:mod:`timeline.entities`) on gold entity
mentions and on its own mentions, scored with MUC, B3, CEAF-e, CoNLL F1 and LEA
(:mod:`.coref_metrics`).

ECB+ (Cybulska & Vossen, LREC 2014) marks the participants of events: ``HUMAN_PART_*``,
``NON_HUMAN_PART_*`` and ``LOC_*`` markables, linked within a document by
``INTRA_DOC_COREF`` and across documents by ``CROSS_DOC_COREF`` (the ``note`` names
the instance). The gold entities are those links; a markable in no link is a singleton.
Only the validated sentences (``ECBplus_coreference_sentences.csv``) count, as in every
published evaluation; the default topics are the dev split (2, 5, 12, 18, 21, 23, 34,
35). Documents are grouped by their gold topic (both sub-topics together): the system
clusters entities within a topic, never across.

The system side, per document: each gold mention is read off the spaCy parse of the
document's text (its head is the root of its tokens): a pronoun of
``resources/entities_pronouns.tsv``, a name when its head is a proper noun, else a
description; then :func:`timeline.entities.resolve` (within the document) and
:func:`timeline.entities.cluster_entities` (across the topic's documents). A
description of no kind with no antecedent keeps an entity of its own; descriptions that
no name joins are compared across documents by their head noun only
(``head:<lemma>``), the usual baseline. The same-head-lemma baseline (every mention
clustered with those of the same head lemma in its topic) is reported beside it.

The documents and their gold participant mentions come from the one ECB+ reader,
:func:`timeline.evaluate.ecbplus.read_document` (:attr:`EcbDocument.participants`).

Command: ``python -m timeline.evaluate ecbplus-entities [DIR] [--topics dev|train|all|2,5,...]
[--json] [--cache DIR]``; DIR defaults to ``../shared/data/ecbplus``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Optional, Union

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entities import (
    ENTITY_LABELS,
    EntityMention,
    cluster_entities,
    cluster_entity,
    find_mentions,
    kinds,
    name_type,
    pronouns,
    resolve,
)
from ..model import Entity
from .coref_metrics import CorefScores, pooled
# one reader for both ECB+ runners (events and participants); read_document is re-exported
from .ecbplus import DEV_TOPICS, EcbDocument, GoldMention, parse_topic, read_document, read_topic, topics_of, validated_sentences

__all__ = ["EcbDocument", "GoldMention", "evaluate", "main", "read_document", "read_topics"]

PathType = Union[str, Path]


def read_topics(directory: PathType, topics: Iterable[int] = DEV_TOPICS) -> dict[int, list[EcbDocument]]:
    """The documents of the given topics that have validated sentences, by topic
    (:func:`.ecbplus.read_topic`: one reader for events and participants)."""
    base = Path(directory)
    validated = validated_sentences(base)
    found: dict[int, list[EcbDocument]] = {}
    for topic in topics:
        folder = base / "ECB+" / str(topic)
        if not folder.is_dir():
            raise FileNotFoundError(f"no ECB+ topic folder {folder}")
        found[topic] = read_topic(base, topic, validated)
    return found


def _core(span: Span) -> Span:
    """The markable without leading prepositions, determiners, conjunctions and
    trailing punctuation ("at the Betty Ford Center" -> "Betty Ford Center"; a
    possessive "her" stays), so that its head is the noun, not the preposition."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (doc[start].pos_ in ("ADP", "DET", "PUNCT", "CCONJ") and doc[start].tag_ not in ("PRP$", "WP", "WDT", "WP$")):
        start += 1
    while end - start > 1 and doc[end - 1].pos_ == "PUNCT":
        end -= 1
    return doc[start:end]


def _mention_of(parsed: Doc, gold: GoldMention) -> Optional[EntityMention]:
    """The entity layer's reading of a gold markable: a relative pronoun, a pronoun, a
    name (its head a proper noun or a tagged entity, or every word capitalized) or a
    description (of a kind noun when its head is one)."""
    start, end = gold.span
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    span = _core(span)
    head = span.root
    if head.tag_ in ("WP", "WDT", "WP$") and len(span) == 1:
        return EntityMention(span, "relative", "OTHER")
    if head.pos_ == "PRON" and head.lower_ in pronouns():
        return EntityMention(span, "pronoun", pronouns()[head.lower_])
    capitalized = [t for t in span if t.pos_ not in ("DET", "PUNCT", "ADP")]
    if head.pos_ == "PROPN" or head.ent_type_ in ENTITY_LABELS or (capitalized and all(t.text[:1].isupper() for t in capitalized)):
        # the name starts at its first capitalized word ("downtown Palmer" -> Palmer)
        start, end = span.start, span.end
        while start < head.i and not parsed[start].text[:1].isupper():
            start += 1
        while start < end - 1 and parsed[start].pos_ in ("DET", "PUNCT"):
            start += 1
        return EntityMention(parsed[start:end], "name", name_type(parsed[start:end].text, head.ent_type_ or "OTHER"))
    kind = kinds().get(head.lemma_.lower())
    if kind is not None:
        return EntityMention(span, "description", kind.type, kind.subtype)
    return EntityMention(span, "description", "OTHER")


def system_clusters(documents: Sequence[EcbDocument], parses: Sequence[Doc]) -> list[set[str]]:
    """The entity layer's clusters of the gold mentions of one topic."""
    entity_of_mention: dict[str, str] = {}
    entities: list[Entity] = []
    for document, parsed in zip(documents, parses):
        given: list[tuple[GoldMention, EntityMention]] = []
        for gold in document.participants:
            mention = _mention_of(parsed, gold)
            if mention is not None:
                given.append((gold, mention))
        by_identity = {id(m): g for g, m in given}
        for cluster in resolve([m for _, m in given], parsed, keep_descriptions=True):
            entity_id = f"{document.stem}#{cluster.number}"
            entity = cluster_entity(cluster, entity_id, descriptions=True)
            if entity is None:
                continue  # pronouns alone: each a singleton
            entities.append(entity)
            for mention in cluster.mentions:
                gold_mention = by_identity.get(id(mention))
                if gold_mention is not None:
                    entity_of_mention[gold_mention.id] = entity_id
    global_of = {member: entity.id for entity in cluster_entities(entities) for member in entity.members}
    clusters: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        for gold in document.participants:
            local = entity_of_mention.get(gold.id)
            clusters[global_of[local] if local is not None else gold.id].add(gold.id)
    return list(clusters.values())


def predicted_clusters(documents: Sequence[EcbDocument], parses: Sequence[Doc]) -> list[set[str]]:
    """The entity layer on its own mentions (:func:`timeline.entities.find_mentions`) in
    the validated sentences: a predicted mention whose head is a gold mention's head
    takes that mention's id, the others are spurious mentions of their own."""
    entities: list[Entity] = []
    entity_of_mention: dict[str, str] = {}
    for document, parsed in zip(documents, parses):
        validated = {document.token_sentence[m.tokens[0]] for m in document.participants}
        heads: dict[int, str] = {}
        for gold in document.participants:
            start, end = gold.span
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                heads.setdefault(span.root.i, gold.id)
        sentence_of = _sentence_numbers(document, parsed)
        mentions = [m for m in find_mentions(parsed) if sentence_of.get(m.head.i) in validated]
        for cluster in resolve(mentions, parsed):
            entity_id = f"{document.stem}#{cluster.number}"
            entity = cluster_entity(cluster, entity_id)
            if entity is None:
                continue
            entities.append(entity)
            for mention in cluster.mentions:
                mention_id = heads.get(mention.head.i, f"{document.stem}:pred{mention.span.start_char}")
                entity_of_mention.setdefault(mention_id, entity_id)
    global_of = {member: entity.id for entity in cluster_entities(entities) for member in entity.members}
    clusters: dict[str, set[str]] = defaultdict(set)
    for mention_id, local in entity_of_mention.items():
        clusters[global_of[local]].add(mention_id)
    return list(clusters.values())


def _sentence_numbers(document: EcbDocument, parsed: Doc) -> dict[int, int]:
    """Token index of the parse -> ECB+ sentence number (from the token's characters)."""
    by_start = {start: document.token_sentence[t_id] for t_id, (start, _) in document.token_spans.items()}
    numbers: dict[int, int] = {}
    for token in parsed:
        number = by_start.get(token.idx)
        if number is None:
            # inside an ECB+ token: take the line's sentence
            line = document.text.count("\n", 0, token.idx)
            number = sorted(set(document.token_sentence.values()))[line] if document.token_sentence else 0
        numbers[token.i] = number
    return numbers


def head_lemma_clusters(documents: Sequence[EcbDocument], parses: Sequence[Doc]) -> list[set[str]]:
    """The baseline: the mentions of a topic with the same head lemma are one entity
    (the head of the markable without a leading preposition, as the system reads it:
    "at the Betty Ford Center" has the head "Center", not "at")."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for document, parsed in zip(documents, parses):
        for gold in document.participants:
            start, end = gold.span
            span = parsed.char_span(start, end, alignment_mode="expand")
            key = _core(span).root.lemma_.lower() if span is not None and len(span) else gold.id
            clusters[key].add(gold.id)
    return list(clusters.values())


def gold_clusters(documents: Sequence[EcbDocument]) -> list[set[str]]:
    """The gold entities of a topic's mentions."""
    clusters: dict[str, set[str]] = defaultdict(set)
    for mention in (m for d in documents for m in d.participants):
        clusters[mention.cluster].add(mention.id)
    return list(clusters.values())


@attrs.frozen
class EntityReport:
    """System and baseline scores over the topics, and what was scored."""

    system: CorefScores
    baseline: CorefScores
    predicted: CorefScores
    topics: tuple[int, ...]
    documents: int
    mentions: int

    def as_dict(self) -> dict[str, object]:
        return {
            "topics": list(self.topics),
            "documents": self.documents,
            "mentions": self.mentions,
            "system": self.system.as_dict(),
            "same_head_lemma_baseline": self.baseline.as_dict(),
            "predicted_mentions": self.predicted.as_dict(),
        }


def evaluate(
    directory: PathType, topics: Iterable[int] = DEV_TOPICS, *, nlp: Optional[Language] = None, cache: Optional[Path] = None
) -> EntityReport:
    """Score the entity layer and the baseline on the topics' gold entity mentions;
    with ``cache`` (and the default pipeline) the parses are kept there per topic
    (:func:`.ecbplus.parse_topic`)."""
    from ..nlp import parse_texts, resolve_nlp

    by_topic = read_topics(directory, topics)
    model = resolve_nlp(nlp) if nlp is not None or cache is None else None
    system_pairs = []
    baseline_pairs = []
    predicted_pairs = []
    documents = mentions = 0
    for topic in sorted(by_topic):
        docs = by_topic[topic]
        if not docs:
            continue
        parses = list(parse_texts((d.text for d in docs), model)) if model is not None else parse_topic(docs, cache)
        gold = gold_clusters(docs)
        system_pairs.append((gold, system_clusters(docs, parses)))
        baseline_pairs.append((gold, head_lemma_clusters(docs, parses)))
        predicted_pairs.append((gold, predicted_clusters(docs, parses)))
        documents += len(docs)
        mentions += sum(len(d.participants) for d in docs)
    return EntityReport(
        pooled(system_pairs), pooled(baseline_pairs), pooled(predicted_pairs), tuple(sorted(by_topic)), documents, mentions
    )


def default_directory() -> Path:
    """``../shared/data/ecbplus`` relative to the repository root."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus"


def format_report(report: EntityReport) -> str:
    """A plain-text table of the scores."""
    rows = [f"ECB+ entity coreference, topics {','.join(map(str, report.topics))}: "
            f"{report.documents} documents, {report.mentions} mentions"]
    rows.append(f"{'':<22}{'MUC':>8}{'B3':>8}{'CEAF-e':>8}{'LEA':>8}{'CoNLL':>8}")
    for label, scores in (
        ("entity layer", report.system),
        ("same head lemma", report.baseline),
        ("predicted mentions", report.predicted),
    ):
        rows.append(
            f"{label:<22}{scores.muc.f1:>8.3f}{scores.b3.f1:>8.3f}{scores.ceafe.f1:>8.3f}{scores.lea.f1:>8.3f}{scores.conll_f1:>8.3f}"
        )
    return "\n".join(rows)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(
        prog="python -m timeline.evaluate ecbplus-entities",
        description="ECB+ entity coreference of the entity layer (gold and predicted mentions): MUC, B3, CEAF-e, CoNLL F1, LEA.",
    )
    parser.add_argument("directory", nargs="?", type=Path, help="the ecbplus folder (default: ../shared/data/ecbplus)")
    parser.add_argument("--topics", default="dev", help="dev (default), train, all or comma-separated topic numbers, as for ecbplus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--cache", type=Path, help="keep the parses in this folder (default: parse every run)")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        topics = topics_of(args.topics)
        report = evaluate(args.directory or default_directory(), topics, cache=args.cache)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_dict(), indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
