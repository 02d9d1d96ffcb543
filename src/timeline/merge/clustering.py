"""Stage 5a: which event mentions report the same event, as coherent clusters.

:func:`cluster_events` groups events (usually one mention each) by average-linkage
agglomeration over a pairwise same-event probability, with hard constraints checked
against the whole cluster, so that links never chain: a mention joins a cluster only
when its average probability over *every* member is at least :data:`LINK_THRESHOLD`
and no member is a named difference (see :func:`cannot_link`).

**Pair probability.** A logistic model over pair features (:func:`pair_features`):
the trigger keys agree (:func:`timeline.merge.trigger_key`: lemma, nominalization,
synonyms), the raw head lemmas agree, a shared event class
(``resources/merge_event_classes.tsv``), the Dice overlap of the two sentences' and of
the two summaries' content words, the Jaccard overlap of participants, the two
documents' word similarity (cosine of tf-idf vectors, when the documents are given),
the same story (see below), the same document,
whether both dates are compatible, whether both have dates of their own that are not
(``dates_conflict``), and whether both name their arguments and share none
(``arguments_differ``: the names of the entities in the roles agent, patient and place
of :attr:`timeline.model.Mention.roles`, "Lindsay Lohan checked into Betty Ford" /
"Tara Reid checked into Promises"), and whether both triggers or one of them are
reporting verbs (``resources/events_reporting.tsv``: two articles' "said" are seldom
one act of saying). Weights and bias are data,
``resources/clustering_weights.tsv``, trained on the ECB+ train topics by
``python -m timeline.evaluate ecbplus DIR --topics train --train-weights FILE`` (see
docs/benchmarks.md).

**Stories** (document clustering before event clustering, :func:`document_stories`):
the documents are grouped by average linkage over the cosine of their tf-idf vectors of
words, numbers and adjacent word pairs, small stories joining the closest larger one;
the stand-in for "the same days" when documents carry no dates, and for ECB+'s
sub-topics (predicted from the text, not an oracle). A caller may give its own
(``story_of``). The story features make pairs across stories less likely;
``within_story=True`` compares only mentions of one story.

**Blocking.** Only pairs that share a trigger key, an event class or a paraphrase group
are scored; every other pair counts as probability 0 in the averages. So the cost grows
with the sizes of the blocks, not with the square of the input. With ``wordnet=(k, d)``
(an experiment, off by default) pairs whose triggers are related in WordNet are scored
too (a shared sense among the first ``k``, also through a noun/verb derivation, or one
a hypernym of the other within ``d`` steps: "shot" / "killed", "death" / "died"); on
ECB+ that gained nothing over noise, as the trained probability of such a pair stays
under the link threshold (docs/benchmarks.md, "WordNet relations").

**Cannot link** (checked against every member, complete linkage): opposite polarity.
Participants and own dates that differ are strong evidence, not proof, and count as
features: without publication dates the dates ECB+ mentions get are often a
dateline's or a neighbouring event's ("dies at 91 ... Friday, June 7"), and a third
of the train pairs with incompatible own dates are one event.

The result depends only on the set of events: they are sorted by their mention keys
first, and ties are broken by that order.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Optional

import attrs

from ..errors import DocumentTypeError, InvalidOptionError, ResourceError
from .linkage import average_linkage
from . import (
    Profile,
    paraphrase_groups,
    compatible,
    content_words,
    dice,
    jaccard,
    mention_key,
    participants_agree,
    profile,
)
from ..model import Event
from ..tables import read_resource_rows
from ..wordnet import PARTS_OF_SPEECH, load_wordnet

LINK_THRESHOLD = 0.41
"""Average same-event probability from which two clusters merge."""

FEATURES = (
    "same_key",
    "same_lemma",
    "same_class",
    "same_paraphrase",
    "same_story",
    "sentence_dice",
    "summary_dice",
    "participants",
    "document_cosine",
    "same_document",
    "dates_compatible",
    "key_in_story",
    "paraphrase_in_story",
    "sentence_in_story",
    "participants_differ",
    "dates_conflict",
    "arguments_differ",
    "both_reporting",
    "any_reporting",
    "wordnet_synonym",
    "wordnet_derived",
    "wordnet_hypernym",
    "wordnet_in_story",
)
"""The pair features. The ``wordnet_*`` ones are 0 unless the caller asks for WordNet
relations (``wordnet=(k, d)``; off by default, and weight 0 in the shipped model: they
did not help, see docs/benchmarks.md)."""


@functools.lru_cache(maxsize=1)
def weights() -> tuple[float, dict[str, float]]:
    """The bias and the feature weights of ``resources/clustering_weights.tsv``."""
    table = {row[0]: float(row[1]) for row in read_resource_rows("clustering_weights.tsv", 2)}
    bias = table.pop("bias", 0.0)
    unknown = set(table) - set(FEATURES)
    if unknown:
        raise ResourceError(f"clustering_weights.tsv: unknown features {sorted(unknown)}")
    return bias, table


@functools.lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    """The reporting verbs of ``resources/events_reporting.tsv`` (say, tell, report...)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_reporting.tsv", 1))


WORDNET_SENSES = 2
"""k of ``wordnet=(k, d)`` as the experiments used it: how many of a trigger lemma's
WordNet senses (most frequent first, as a verb and as a noun) count for its relations;
the rarer senses relate almost anything."""

WORDNET_DEPTH = 1
"""d of ``wordnet=(k, d)``: how many hypernym steps up from a sense a relation may
reach ("shoot" -> "kill" is one); higher up the ancestors are general and join too
much."""


@attrs.frozen
class TriggerSenses:
    """The WordNet senses a trigger lemma relates by (see :func:`trigger_senses`)."""

    own: frozenset[str] = frozenset()  # its first senses as a verb and as a noun
    extended: frozenset[str] = frozenset()  # those and the first senses of its derivations
    ancestors: frozenset[str] = frozenset()  # hypernyms of ``extended`` within the depth, not in it


def _wordnet_lemmas(lemma: str) -> tuple[str, ...]:
    """The lemma, and when WordNet lacks it, the forms a lemmatizer may have left
    inflected ("burns", "rushes"); the first that WordNet has."""
    wordnet = load_wordnet()
    forms = [lemma]
    if lemma.endswith("es"):
        forms.append(lemma[:-2])
    if lemma.endswith("s") and not lemma.endswith("ss"):
        forms.append(lemma[:-1])
    for form in forms:
        if any(wordnet.synsets(form, pos) for pos in PARTS_OF_SPEECH):
            return (form,)
    return ()


@functools.lru_cache(maxsize=8192)
def trigger_senses(lemma: str, senses: int = WORDNET_SENSES, depth: int = WORDNET_DEPTH) -> TriggerSenses:
    """A trigger lemma's first ``senses`` WordNet senses as a verb and as a noun, the same
    of the lemmas WordNet derives from it ("death" -> "die", "shooting" -> "shoot"), and
    their hypernyms up to ``depth`` steps; empty for a lemma WordNet lacks."""
    wordnet = load_wordnet()
    own: set[str] = set()
    extended: set[str] = set()
    for form in _wordnet_lemmas(lemma.lower()):
        for pos in PARTS_OF_SPEECH:
            own.update(wordnet.synsets(form, pos)[:senses])
            for other_pos, other in wordnet.derived(form, pos):
                extended.update(wordnet.synsets(other, other_pos)[:senses])
    extended |= own
    return TriggerSenses(
        own=frozenset(own),
        extended=frozenset(extended),
        ancestors=wordnet.ancestors(extended, depth) - extended,
    )


def wordnet_relations(a: TriggerSenses, b: TriggerSenses) -> tuple[bool, bool, bool]:
    """(synonym, derived, hypernym) of two triggers' senses: a shared first sense ("kill"
    / "slay"); a shared sense through a derivation ("death" / "die"); one's sense among
    the other's near hypernyms, either way ("shoot" / "kill", "shooting" / "kill")."""
    synonym = bool(a.own & b.own)
    derived = not synonym and bool(a.extended & b.extended)
    hypernym = bool(a.extended & b.ancestors) or bool(b.extended & a.ancestors)
    return synonym, derived, hypernym


@attrs.frozen
class Item:
    """One event ready for clustering: its profile and what the pair features read."""

    event: Event
    profile: Profile
    lemma: str
    sentence_words: frozenset[str]
    blocks: frozenset[str]
    doc_id: str
    own_date: bool
    groups: frozenset[str]
    arguments: frozenset[str] = frozenset()
    reporting: bool = False
    senses: TriggerSenses = TriggerSenses()


_TOKEN = re.compile(r"[^\W_]{2,}|\d")
"""A word of two letters or digits or more, or a single digit."""

ARGUMENT_ROLES = frozenset({"agent", "patient", "place"})
"""The roles whose entities tell two events of one kind apart (who, to whom, where)."""


def argument_words(event: Event) -> frozenset[str]:
    """Content words of the names of the entities in the agent, patient and place roles
    of an event's mentions (:attr:`timeline.model.Mention.roles`)."""
    words: frozenset[str] = frozenset()
    for mention in event.mentions:
        for participant in mention.roles:
            if participant.role in ARGUMENT_ROLES:
                words |= content_words(participant.name)
    return words


def _item(event: Event, wordnet: Optional[tuple[int, int]] = None) -> Item:
    event_profile = profile(event)
    mention = event.mentions[0] if event.mentions else None
    sentence = " ".join(m.sentence for m in event.mentions)
    keys = event_profile.triggers
    # the learned pairs of the ECB+ train topics count here (blocking and the
    # same_paraphrase feature), not in the profile the build's merge compares
    groups = paraphrase_groups(event, learned=True)
    # block keys, their kinds kept apart by a prefix (opaque strings, never read back):
    # k: a trigger key, c: an event class, p: a paraphrase group
    return Item(
        event=event,
        profile=event_profile,
        lemma=event.trigger.lower(),
        sentence_words=content_words(sentence) - keys,
        blocks=frozenset({f"k:{k}" for k in keys} | {f"c:{c}" for c in event_profile.classes} | {f"p:{g}" for g in groups}),
        doc_id=mention.doc_id if mention is not None else "",
        own_date=event.when.interval is not None and all(not m.inferred for m in event.mentions),
        groups=groups,
        arguments=argument_words(event),
        reporting=event.trigger.lower() in reporting_lemmas(),
        senses=trigger_senses(event.trigger.lower(), *wordnet) if wordnet is not None else TriggerSenses(),
    )


def document_vectors(documents: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """Unit tf-idf vectors of the documents' lowercased tokens and of their pairs of
    adjacent tokens (idf over these documents). Tokens are words of two letters or more
    and numbers (digit runs: "7.6" is "7", "6" and the pair "7 6"); the numbers ("91",
    "2013") and the word pairs ("lindsay lohan", "magnitude 7") are what two stories of one
    kind differ by, more than single words."""
    counts: dict[str, Counter[str]] = {}
    for doc_id, text in documents.items():
        tokens = [token.lower() for token in _TOKEN.findall(text)]
        terms = Counter(tokens)
        terms.update(f"{first} {second}" for first, second in zip(tokens, tokens[1:]))
        counts[doc_id] = terms
    frequency: Counter[str] = Counter()
    for terms in counts.values():
        frequency.update(terms.keys())
    total = len(counts)
    vectors = {}
    for doc_id, terms in counts.items():
        vector = {w: (1 + math.log(n)) * math.log((1 + total) / (1 + frequency[w])) for w, n in terms.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors[doc_id] = {w: v / norm for w, v in vector.items()}
    return vectors


STORY_THRESHOLD = 0.035
"""Average tf-idf cosine from which two groups of documents tell the same story."""

STORY_ATTACH_SIZE = 2
"""Stories of at most this many documents join the closest larger story ..."""

STORY_ATTACH_THRESHOLD = 0.02
"""... when their average cosine with it is at least this (a short report of a story
shares too few words with the long ones to reach :data:`STORY_THRESHOLD`)."""


def stories(
    vectors: Mapping[str, Mapping[str, float]],
    threshold: float = STORY_THRESHOLD,
    attach_size: int = STORY_ATTACH_SIZE,
    attach_threshold: float = STORY_ATTACH_THRESHOLD,
) -> dict[str, int]:
    """Document id -> its story number: documents grouped by average-linkage over the
    cosine of their tf-idf vectors (the stand-in for "the same days" when documents
    carry no dates); then each story of at most ``attach_size`` documents joins the
    larger story it is closest to on average, when that average is at least
    ``attach_threshold`` (``attach_size=0``: no attaching). Story numbers follow the
    sorted document ids; the result depends only on the vectors."""
    ids = sorted(vectors)
    scores = {}
    for i, first in enumerate(ids):
        for j in range(i + 1, len(ids)):
            score = _cosine(vectors[first], vectors[ids[j]])
            if score > 0:
                scores[(i, j)] = score
    groups = average_linkage(len(ids), scores, set(), threshold)
    story_of = {i: group[0] for group in groups for i in group}
    large = [group for group in groups if len(group) > attach_size]
    for group in groups:
        if len(group) > attach_size or not large:
            continue
        # the closest larger story as it was found (attached documents do not count),
        # the one with the smallest first member at a tie
        def closeness(other: list[int], group: list[int] = group) -> tuple[float, int]:
            total = sum(scores.get((min(i, j), max(i, j)), 0.0) for i in group for j in other)
            return total / (len(group) * len(other)), -other[0]

        target = max(large, key=closeness)
        if closeness(target)[0] >= attach_threshold:
            for i in group:
                story_of[i] = target[0]
    numbers = {first: number for number, first in enumerate(sorted(set(story_of.values())))}
    return {ids[i]: numbers[story_of[i]] for i in range(len(ids))}


def document_stories(documents: Mapping[str, str]) -> dict[str, int]:
    """Document id -> story number for document texts (doc id -> text): predicted
    document clustering, :func:`stories` over :func:`document_vectors`. The default
    grouping of :func:`cluster_events`, the stand-in for ECB+'s sub-topics (two
    earthquakes of one topic are two stories)."""
    return stories(document_vectors(documents))


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def pair_features(a: Item, b: Item, document_cosine: float, same_story: bool) -> dict[str, float]:
    """The features of one pair (names in :data:`FEATURES`)."""
    dates = 1.0 if a.event.when.interval is not None and b.event.when.interval is not None and compatible(a.event.when, b.event.when) else 0.0
    own_dates_conflict = a.own_date and b.own_date and not compatible(a.event.when, b.event.when)
    same_key = 1.0 if a.profile.triggers & b.profile.triggers else 0.0
    same_paraphrase = 1.0 if a.groups & b.groups else 0.0
    story = 1.0 if same_story else 0.0
    sentence = dice(a.sentence_words, b.sentence_words)
    # WordNet relations of two different triggers (pairs with a shared key have theirs)
    synonym, derived, hypernym = (False, False, False) if same_key else wordnet_relations(a.senses, b.senses)
    return {
        "same_key": same_key,
        "same_lemma": 1.0 if a.lemma == b.lemma else 0.0,
        "same_class": 1.0 if a.profile.classes & b.profile.classes else 0.0,
        "same_paraphrase": same_paraphrase,
        "same_story": story,
        "sentence_dice": sentence,
        "summary_dice": dice(a.profile.words, b.profile.words),
        "participants": jaccard(a.profile.participants, b.profile.participants),
        "document_cosine": document_cosine,
        "same_document": 1.0 if a.doc_id == b.doc_id else 0.0,
        "dates_compatible": dates,
        # the same words mean much more inside one story than across two
        "key_in_story": same_key * story,
        "paraphrase_in_story": same_paraphrase * story,
        "sentence_in_story": sentence * story,
        # both name who took part and share no one ("Tara Reid" / "Lindsay Lohan")
        "participants_differ": 0.0 if participants_agree(a.profile, b.profile) else 1.0,
        # two dates of the events' own that are not compatible ("May 3" / "May 4")
        "dates_conflict": 1.0 if own_dates_conflict else 0.0,
        # both say who or where and name no one in common
        "arguments_differ": 1.0 if a.arguments and b.arguments and not a.arguments & b.arguments else 0.0,
        # "said" / "said" of two articles are seldom one act of saying (18% of the ECB+
        # train pairs), and a report joins the event it reports even less
        "both_reporting": 1.0 if a.reporting and b.reporting else 0.0,
        "any_reporting": 1.0 if a.reporting or b.reporting else 0.0,
        "wordnet_synonym": 1.0 if synonym else 0.0,
        "wordnet_derived": 1.0 if derived else 0.0,
        "wordnet_hypernym": 1.0 if hypernym else 0.0,
        # as for the paraphrase groups: a related pair means more inside one story
        "wordnet_in_story": story if synonym or derived or hypernym else 0.0,
    }


def probability(features: Mapping[str, float]) -> float:
    """The logistic model's same-event probability for a pair."""
    bias, table = weights()
    z = bias + sum(table.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def cannot_link(a: Item, b: Item) -> bool:
    """A named difference: opposite polarity (other differences are features)."""
    return a.profile.negated != b.profile.negated


def candidate_pairs(items: Sequence[Item]) -> set[tuple[int, int]]:
    """Pairs of indices that share a block (a trigger key, an event class or a
    paraphrase group: :attr:`Item.blocks`), or, with ``wordnet``, whose triggers are
    related in WordNet (:func:`wordnet_relations`: a shared sense, also through a
    derivation, or one's sense a near hypernym of the other's)."""
    by_block: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        for block in item.blocks:
            by_block.setdefault(block, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_block.values():
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                pairs.add((i, j))
    by_sense: dict[str, list[int]] = {}
    by_ancestor: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        for sense in item.senses.extended:
            by_sense.setdefault(sense, []).append(index)
        for sense in item.senses.ancestors:
            by_ancestor.setdefault(sense, []).append(index)
    for sense, members in by_sense.items():
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                pairs.add((i, j))
        for i in members:
            for j in by_ancestor.get(sense, ()):
                if i != j:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def sorted_events(events: Sequence[Event]) -> list[int]:
    """Indices of ``events`` in a canonical order (by their mentions, then the record)."""
    return sorted(range(len(events)), key=lambda i: (tuple(map(mention_key, events[i].mentions)), repr(events[i])))


@attrs.frozen
class PairTable:
    """The candidate pairs of a set of events, in canonical order: ``order[i]`` is the
    input index of item ``i``; ``features`` of the linkable pairs, ``blocked`` the pairs
    with a named difference."""

    order: list[int]
    items: list[Item]
    features: dict[tuple[int, int], dict[str, float]]
    blocked: set[tuple[int, int]]


def pair_table(
    events: Sequence[Event],
    documents: Optional[Mapping[str, str]] = None,
    *,
    story_of: Optional[Mapping[str, Hashable]] = None,
    within_story: bool = False,
    wordnet: Optional[tuple[int, int]] = None,
) -> PairTable:
    """Items, candidate pairs and their features (see :func:`cluster_events`)."""
    order = sorted_events(events)
    if wordnet is not None and (wordnet[0] < 1 or wordnet[1] < 0):
        raise InvalidOptionError(f"wordnet must be (senses >= 1, depth >= 0), got {wordnet!r}")
    items = [_item(events[i], wordnet) for i in order]
    vectors = document_vectors(documents) if documents else {}
    cosine_cache: dict[tuple[str, str], float] = {}

    def doc_cosine(a: Item, b: Item) -> float:
        if a.doc_id == b.doc_id:
            return 1.0
        key = (min(a.doc_id, b.doc_id), max(a.doc_id, b.doc_id))
        if key not in cosine_cache:
            first, second = vectors.get(key[0]), vectors.get(key[1])
            cosine_cache[key] = _cosine(first, second) if first is not None and second is not None else 0.0
        return cosine_cache[key]

    story: Mapping[str, Hashable] = story_of if story_of is not None else stories(vectors)
    features: dict[tuple[int, int], dict[str, float]] = {}
    blocked: set[tuple[int, int]] = set()
    for i, j in candidate_pairs(items):
        a, b = items[i], items[j]
        same_story = a.doc_id == b.doc_id or (a.doc_id in story and b.doc_id in story and story[a.doc_id] == story[b.doc_id])
        if within_story and not same_story:
            continue  # never compared: counts as probability 0, like a pair of two blocks
        if cannot_link(a, b):
            blocked.add((i, j))
        else:
            features[(i, j)] = pair_features(a, b, doc_cosine(a, b), same_story)
    return PairTable(order=order, items=items, features=features, blocked=blocked)


def cluster_events(
    events: Sequence[Event],
    *,
    documents: Optional[Mapping[str, str]] = None,
    threshold: float = LINK_THRESHOLD,
    story_of: Optional[Mapping[str, Hashable]] = None,
    within_story: bool = False,
    wordnet: Optional[tuple[int, int]] = None,
) -> list[list[int]]:
    """Groups of indices into ``events`` that report the same event (rules in the module
    docstring); every index is in exactly one group. ``documents`` (doc id -> text), when
    given, adds the documents' word similarity and groups the documents into stories
    (:func:`document_stories`: predicted document clustering, no oracle).

    ``story_of`` (doc id -> any label) gives the stories instead (a document it does not
    name is in no story but its own); ``within_story=True`` compares only mentions of
    one story (or one document), so no cluster spans two stories; by default a pair
    across stories is only less likely (the story features).

    ``wordnet=(k, d)`` also compares and scores pairs whose triggers are related in
    WordNet (:func:`wordnet_relations` over :func:`trigger_senses` with ``k`` senses and
    ``d`` hypernym steps): an experiment, off by default, which needs weights trained
    with it (the shipped ones give the ``wordnet_*`` features weight 0; see
    docs/benchmarks.md, "WordNet relations"). Groups are sorted by their
    first index in the canonical order; the grouping does not depend on the order of
    ``events``."""
    _check_cluster_arguments(events, documents, threshold, story_of, within_story, wordnet)
    table = pair_table(events, documents, story_of=story_of, within_story=within_story, wordnet=wordnet)
    scores = {pair: probability(features) for pair, features in table.features.items()}
    groups = average_linkage(len(table.items), scores, table.blocked, threshold)
    return [[table.order[i] for i in group] for group in groups]


def _check_cluster_arguments(
    events: object, documents: object, threshold: object, story_of: object, within_story: object, wordnet: object
) -> None:
    """The arguments of :func:`cluster_events`, checked before any work (None, a list
    of ints, threshold="0.4" or NaN and wordnet=(1,) raised TypeError, AttributeError
    or IndexError, or grouped silently by a NaN threshold)."""
    if isinstance(events, (str, bytes, Mapping)) or not isinstance(events, Sequence):
        raise DocumentTypeError(f"events must be a sequence of timeline.Event, got {type(events).__name__}")
    for position, event in enumerate(events):
        if not isinstance(event, Event):
            raise DocumentTypeError(f"events[{position}] must be a timeline.Event, got {type(event).__name__}")
    for name, mapping in (("documents", documents), ("story_of", story_of)):
        if mapping is not None and not isinstance(mapping, Mapping):
            raise DocumentTypeError(f"{name} must be a mapping of document id, or None, got {type(mapping).__name__}")
    if isinstance(documents, Mapping):
        for doc_id, text in documents.items():
            if not isinstance(text, str):
                raise DocumentTypeError(f"documents[{doc_id!r:.40}] must be the document's text (str), got {type(text).__name__}")
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise InvalidOptionError(f"threshold must be a number from 0 to 1, got {threshold!r:.80}")
    if not isinstance(within_story, bool):
        raise InvalidOptionError(f"within_story must be True or False, got {within_story!r:.80}")
    if wordnet is not None and not (
        isinstance(wordnet, tuple) and len(wordnet) == 2
        and all(isinstance(part, int) and not isinstance(part, bool) and part >= 0 for part in wordnet)
    ):
        raise InvalidOptionError(f"wordnet must be None or (senses, hypernym steps), two non-negative ints, got {wordnet!r:.80}")


def lemma_clusters(events: Sequence[Event], lemmas: Optional[Sequence[str]] = None) -> list[list[int]]:
    """The same-head-lemma baseline: one group per lemma (``lemmas``, one per event, or
    else the events' trigger lemmas)."""
    keys = list(lemmas) if lemmas is not None else [event.trigger.lower() for event in events]
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    return list(groups.values())


__all__ = [
    "ARGUMENT_ROLES", "FEATURES", "Item", "LINK_THRESHOLD", "PairTable", "STORY_ATTACH_SIZE",
    "STORY_ATTACH_THRESHOLD", "STORY_THRESHOLD", "argument_words", "candidate_pairs", "cannot_link",
    "cluster_events", "document_stories", "document_vectors", "lemma_clusters", "pair_features", "pair_table",
    "probability", "reporting_lemmas", "sorted_events", "stories", "weights",
    "TriggerSenses", "WORDNET_DEPTH", "WORDNET_SENSES", "trigger_senses", "wordnet_relations",
]
