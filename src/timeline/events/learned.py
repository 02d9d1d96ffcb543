"""Stage 4 (events): a learned, generic event detector over the spaCy parse.

:func:`find_events` returns every event mention of a text in the TimeML sense (verbs,
event nouns, deverbal and light-verb nouns, predicative adjectives that are events) as
:class:`timeline.model.EventMention` records, with the TimeML class, tense, aspect,
polarity and modality of each.

How it works: every word token is described by sparse string features of the parse
(:func:`token_features`: its form, lemma, tag, dependency label, head, children,
neighbours, suffixes, morphology, and the TimeML guidelines' closed classes with the
word's complement frame and governing word: :func:`class_cue_features`; the WordNet
senses, top hypernyms and derivations of common nouns: :func:`wordnet_features`) and scored
by a multinomial logistic regression over ``NONE`` + the seven TimeML classes. The weights are learned from the ``<EVENT>``
annotations of TempEval-3 (TimeBank + AQUAINT) by ``tools/train_event_detector.py`` and
shipped as ``resources/models/event_detector.json.gz``; applying them here is plain
Python (no scikit-learn at run time). A token is an event when the probability of
``NONE`` is at most ``1 - threshold`` (the weights file's, 0.4 for the shipped one);
its class is the most probable of the seven. Tense, aspect,
polarity and modality are read from the parse by rule (:func:`verb_attributes`), as
TimeML's MAKEINSTANCE annotates them. The design and the measured figures are in
docs/design.md and docs/benchmarks.md.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import Any, Optional, Union

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..documents import DateLike, Document, as_document
from ..errors import DocumentTypeError, InvalidDocumentError, ResourceError
from ..model import EVENT_CLASSES, EventMention
from ..nlp import has_parse, parse_texts
from ..tables import read_resource_rows
from ..wordnet import load_wordnet
from ._parse import copula_lemmas

FEATURE_VERSION = 3
"""Bumped whenever :func:`token_features` changes: a weights file records the version
it was trained with, and :func:`load_model_file` refuses a mismatch."""

MODEL_FORMAT = "timeline-event-detector"
DEFAULT_MODEL = ("models", "event_detector.json.gz")
NONE_LABEL = "NONE"
DECISION_THRESHOLD = 0.5
"""A token is an event when ``1 - P(NONE)`` reaches this (unless the weights file
names its own ``threshold`` in its metadata, chosen at training time)."""

# Tokens that are never events: punctuation, symbols, numbers and closed-class words
# (TimeML annotates next to none of them: 3 of TempEval-3's 11,129 events).
_SKIPPED_POS = frozenset({"PUNCT", "SPACE", "SYM", "NUM", "DET", "PRON", "CCONJ", "SCONJ", "PART", "X", "INTJ"})



# --------------------------------------------------------------------------- features


@functools.lru_cache(maxsize=1)
def _nominal_suffixes() -> tuple[str, ...]:
    """Suffixes of deverbal and eventive words (``events_detector_suffixes.tsv``)."""
    return tuple(row[0].lower() for row in read_resource_rows("events_detector_suffixes.tsv", 1))


@functools.lru_cache(maxsize=1)
def _lexicon_nouns() -> frozenset[str]:
    """The event nouns and nominalizations the rule stages already know (a feature)."""
    nouns = {row[0].lower() for row in read_resource_rows("events_nouns.tsv", 1)}
    nouns |= {row[1].lower() for row in read_resource_rows("events_nominalizations.tsv", 2)}
    return frozenset(nouns)


def is_candidate(token: Token) -> bool:
    """True for a token the detector scores: a word of an open class (or an auxiliary)."""
    return token.pos_ not in _SKIPPED_POS and any(ch.isalpha() for ch in token.text)


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "UPPER"
    if text[:1].isupper():
        return "Title"
    if text.islower():
        return "lower"
    return "mixed"


def token_features(token: Token) -> list[str]:
    """The sparse features of one token (strings ``name=value``)."""
    lower = token.lower_
    lemma = token.lemma_.lower()
    head = token.head
    doc = token.doc
    prev = doc[token.i - 1] if token.i > 0 else None
    prev2 = doc[token.i - 2] if token.i > 1 else None
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    child_deps = sorted({c.dep_ for c in token.children})
    features = [
        "bias",
        f"w={lower}",
        f"l={lemma}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"l+p={lemma}|{token.pos_}",
        f"t+d={token.tag_}|{token.dep_}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        f"s2={lower[-2:]}",
        f"shape={_shape(token.text)}",
        f"ent={token.ent_type_ or '-'}",
        f"hl={head.lemma_.lower()}",
        f"hp={head.pos_}",
        f"d+hp={token.dep_}|{head.pos_}",
        f"d+hl={token.dep_}|{head.lemma_.lower()}",
        f"p+hl={token.pos_}|{head.lemma_.lower()}",
        f"pw={prev.lower_ if prev is not None else '<s>'}",
        f"pt={prev.tag_ if prev is not None else '<s>'}",
        f"ppt={prev2.tag_ if prev2 is not None else '<s>'}|{prev.tag_ if prev is not None else '<s>'}",
        f"nw={nxt.lower_ if nxt is not None else '</s>'}",
        f"nt={nxt.tag_ if nxt is not None else '</s>'}",
        f"pt+t={prev.tag_ if prev is not None else '<s>'}|{token.tag_}",
        f"t+nt={token.tag_}|{nxt.tag_ if nxt is not None else '</s>'}",
        f"nchild={min(len(child_deps), 4)}",
    ]
    features += [f"cd={dep}" for dep in child_deps]
    features += [f"p+cd={token.pos_}|{dep}" for dep in child_deps]
    features += [f"m={m}" for m in str(token.morph).split("|") if m]
    if lemma in _lexicon_nouns():
        features.append("lexnoun")
    for suffix in _nominal_suffixes():
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            features.append(f"nomsuf={suffix}|{token.pos_}")
            break
    if token.ent_iob_ in ("B", "I"):
        features.append(f"in_ent={token.ent_iob_}")
    if any(c.dep_ == "det" for c in token.children):
        features.append("has_det")
    prep_child = [c.lower_ for c in token.children if c.dep_ == "prep"]
    features += [f"prep={p}" for p in prep_child[:2]]
    if head.dep_ in ("prep", "agent") and head.head is not head:
        features.append(f"pobj_of={head.lower_}|{head.head.pos_}")
    if token.dep_ in ("attr", "acomp") and head.lemma_ == "be":
        features.append("predicative")
    features += class_cue_features(token)
    features += wordnet_features(token)
    return features


@functools.lru_cache(maxsize=1)
def _class_cues() -> Mapping[str, frozenset[str]]:
    """Lemma -> the TimeML classes the guidelines give it (``events_class_cues.tsv``;
    must-not rows, marked ``!``, add nothing)."""
    cues: dict[str, set[str]] = {}
    for lemma, event_class, _example in read_resource_rows("events_class_cues.tsv", 3):
        if not lemma.startswith("!"):
            cues.setdefault(lemma.lower(), set()).add(event_class)
    return {lemma: frozenset(classes) for lemma, classes in cues.items()}


def _is_eventive_noun(token: Token) -> bool:
    """A noun the rule stages list as an event or with a deverbal suffix ("election")."""
    lower = token.lower_
    return token.lemma_.lower() in _lexicon_nouns() or any(lower.endswith(s) and len(lower) > len(s) + 2 for s in _nominal_suffixes())


def complement_frames(token: Token) -> list[str]:
    """The kinds of event-like complements of a word: a clause ("that" or not), a
    to-infinitive or other open complement, an eventive object, an eventive or gerund
    object of a preposition ("called for a recount"); ``none`` when it has none."""
    frames = []
    for child in token.children:
        if child.dep_ == "ccomp":
            frames.append("ccomp_that" if any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children) else "ccomp")
        elif child.dep_ == "xcomp":
            frames.append("xcomp_to" if any(g.tag_ == "TO" for g in child.children) else f"xcomp_{child.tag_}")
        elif child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN" and _is_eventive_noun(child):
            frames.append("obj_event")
        elif child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pcomp" or (grandchild.dep_ == "pobj" and grandchild.pos_ == "NOUN" and _is_eventive_noun(grandchild)):
                    frames.append(f"prep_{child.lower_}_event")
                    break
    return sorted(set(frames)) or ["none"]


def class_cue_features(token: Token) -> list[str]:
    """Features of the TimeML class cues: the guideline classes of the word with its
    complement frames, the guideline class of the word that governs it (an event under
    "want", "try", "begin"), and the copula frame (a predicative word, a copula with one)."""
    lemma = token.lemma_.lower()
    frames = complement_frames(token)
    features = [f"frame={frame}|{token.pos_}" for frame in frames]
    for event_class in sorted(_class_cues().get(lemma, ())):
        features.append(f"gc={event_class}")
        features += [f"gc+frame={event_class}|{frame}" for frame in frames]
    governor, relation = token.head, token.dep_
    if relation in ("pobj", "pcomp") and governor.dep_ in ("prep", "agent") and governor.head.i != governor.i:
        relation, governor = f"prep_{governor.lower_}", governor.head
    if governor.i != token.i:
        for event_class in sorted(_class_cues().get(governor.lemma_.lower(), ())):
            features.append(f"gov={event_class}|{relation}")
    if token.dep_ in ("acomp", "attr", "oprd") and token.head.lemma_.lower() in copula_lemmas():
        features.append(f"pred={token.pos_}|{token.head.lemma_.lower()}")
    if lemma in copula_lemmas():
        features += sorted({f"cop_with={child.dep_}|{child.pos_}" for child in token.children if child.dep_ in ("acomp", "attr", "oprd", "expl")})
    return features


# WordNet parts of speech of the spaCy tags the WordNet features look up: common nouns
# only. Verbs were measured too and left out: their supersenses moved verb classes the
# wrong way across corpora (TimeBank -> AQUAINT class F1 0.7188 nouns only, 0.7133 with
# verbs; docs/benchmarks.md, "Issue #14, third round"); adjectives are not in the tables.
_WORDNET_POS = {"NOUN": "n"}

# Nouns whose first (most frequent) sense is one of these get no WordNet features: a
# period or a season ("year", "fall", "weekend") is the temporal-expression stage's
# (TIMEX3), and only 37 of TempEval-3's 1,107 such nouns are events; with the features,
# the rare eventive ones ("close", "delay") taught the weights to call "in the fall"
# an event.
_WORDNET_SILENT_SUPERSENSES = frozenset({"noun.time"})


@functools.lru_cache(maxsize=1)
def _wordnet_ancestors() -> Mapping[str, str]:
    """Synset -> name of the top noun synsets of ``events_wordnet_ancestors.tsv``
    (must-not rows, marked ``!``, add nothing)."""
    return {synset: name for name, synset, _example in read_resource_rows("events_wordnet_ancestors.tsv", 3) if not name.startswith("!")}


@functools.lru_cache(maxsize=1 << 16)
def _wordnet_lemma_features(lemma: str, pos: str) -> tuple[str, ...]:
    """The WordNet features of a lemma in one part of speech (cached: they depend on
    the lemma only)."""
    wordnet = load_wordnet()
    synsets = wordnet.synsets(lemma, pos)
    if not synsets:
        return (f"wn0={pos}",)
    if wordnet.lexname(synsets[0]) in _WORDNET_SILENT_SUPERSENSES:
        return ()
    features = [f"wn1={wordnet.lexname(synsets[0])}"]
    features += [f"wn3={name}" for name in wordnet.supersenses(lemma, pos, 3)]
    if pos == "n":
        tops = _wordnet_ancestors()
        features += sorted({f"wnanc={tops[s]}" for s in wordnet.ancestors(synsets[:2]) if s in tops})
    other = next(((p, l) for p, l in wordnet.derived(lemma, pos) if p != pos), None)
    if other is not None:
        # a noun derived from a verb ("death" -> "die"), a verb with its noun ("sell" -> "sale")
        features.append(f"wnder={pos}>{other[0]}")
        features += [f"wnder1={name}" for name in wordnet.supersenses(other[1], other[0], 1)]
    return tuple(features)


def wordnet_features(token: Token) -> list[str]:
    """Lexical semantics that reach beyond the lemmas seen in training (WordNet 3.0,
    :mod:`timeline.wordnet`), for common nouns: the supersense of the first sense
    (``wn1=noun.act``), the supersenses of the first three (``wn3=noun.process``), the
    top noun synsets of ``events_wordnet_ancestors.tsv`` above the first two senses
    (``wnanc=event``), the verb it derives from and the supersense of that verb's first
    sense (``wnder=n>v``, ``wnder1=verb.change`` for "growth"); ``wn0=n`` when WordNet
    lacks the lemma. Other parts of speech, and nouns whose first sense is a time
    (``noun.time``: "year", "fall"), get none."""
    pos = _WORDNET_POS.get(token.pos_)
    if pos is None:
        return []
    return list(_wordnet_lemma_features(token.lemma_.lower(), pos))


# --------------------------------------------------------------------------- model


@attrs.frozen
class EventModel:
    """The weights of the detector: per label an intercept, per feature one weight per
    label, and the metadata of its training (data, split, date, version)."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, Sequence[float]] = attrs.field(hash=False, eq=False, repr=False)
    metadata: Mapping[str, Any] = attrs.field(factory=dict, hash=False, eq=False)

    def probabilities(self, features: Iterable[str]) -> list[float]:
        """The softmax probabilities of the labels, in :attr:`labels` order."""
        scores = list(self.intercepts)
        for feature in features:
            row = self.weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    scores[index] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    @property
    def threshold(self) -> float:
        """The event probability from which a token is an event."""
        return float(self.metadata.get("threshold", DECISION_THRESHOLD))

    @property
    def training_documents(self) -> frozenset[str]:
        """The ids of the documents the weights were learned from (for honest scoring)."""
        return frozenset(self.metadata.get("documents", ()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "feature_version": FEATURE_VERSION,
            "metadata": dict(self.metadata),
            "labels": list(self.labels),
            "intercepts": list(self.intercepts),
            "weights": {k: list(v) for k, v in self.weights.items()},
        }


def model_from_dict(data: Mapping[str, Any], where: str) -> EventModel:
    """Check and build a model from its JSON form; ResourceError naming ``where``."""
    if not isinstance(data, Mapping) or data.get("format") != MODEL_FORMAT:
        raise ResourceError(f"{where}: not a {MODEL_FORMAT} weights file")
    if data.get("feature_version") != FEATURE_VERSION:
        raise ResourceError(
            f"{where}: trained with feature version {data.get('feature_version')!r}, this code computes version {FEATURE_VERSION}; retrain it"
        )
    labels = tuple(data.get("labels", ()))
    if not labels or labels[0] != NONE_LABEL or set(labels[1:]) - set(EVENT_CLASSES):
        raise ResourceError(f"{where}: labels must be NONE then TimeML classes, got {labels!r}")
    intercepts = tuple(float(x) for x in data.get("intercepts", ()))
    weights = data.get("weights", {})
    if len(intercepts) != len(labels) or any(len(row) != len(labels) for row in weights.values()):
        raise ResourceError(f"{where}: every weight row needs {len(labels)} values")
    return EventModel(labels=labels, intercepts=intercepts, weights=weights, metadata=data.get("metadata", {}))


def save_model(model: EventModel, path: Union[str, PathLike[str]]) -> None:
    """Write the weights as (gzipped, when the name ends in .gz) JSON."""
    text = json.dumps(model.to_dict(), separators=(",", ":"), sort_keys=True)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.suffix == ".gz":
        # no time stamp, no file name in the header: the same weights give the same bytes
        with open(target, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as out:
            out.write(text.encode("utf-8"))
    else:
        target.write_text(text, encoding="utf-8")


def load_model_file(path: Union[str, PathLike[str]]) -> EventModel:
    """Read a weights file written by :func:`save_model`."""
    source = Path(path)
    try:
        raw = source.read_bytes()
        text = gzip.decompress(raw).decode("utf-8") if raw[:2] == b"\x1f\x8b" else raw.decode("utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as err:
        raise ResourceError(f"{source}: cannot read event detector weights ({err})") from None
    return model_from_dict(data, str(source))


@functools.lru_cache(maxsize=1)
def default_model() -> EventModel:
    """The shipped weights (read once per process)."""
    from importlib import resources

    location = resources.files("timeline").joinpath("resources")
    for part in DEFAULT_MODEL:
        location = location.joinpath(part)
    try:
        raw = location.read_bytes()
    except (FileNotFoundError, OSError) as err:
        raise ResourceError(f"missing resource file resources/{'/'.join(DEFAULT_MODEL)}: {err}") from None
    try:
        data = json.loads(gzip.decompress(raw).decode("utf-8"))
    except (OSError, ValueError) as err:
        raise ResourceError(f"resources/{'/'.join(DEFAULT_MODEL)}: not gzipped JSON ({err})") from None
    return model_from_dict(data, f"resources/{'/'.join(DEFAULT_MODEL)}")


def resolve_model(model: Optional[EventModel]) -> EventModel:
    if model is None:
        return default_model()
    if not isinstance(model, EventModel):
        raise DocumentTypeError(f"model must be a timeline.events.learned.EventModel, got {type(model).__name__}")
    return model


# --------------------------------------------------------------------------- attributes


@functools.lru_cache(maxsize=1)
def _future_auxiliaries() -> frozenset[str]:
    """Auxiliaries of the future ("will", "shall", "'ll"): the planned/aux cues of
    ``events_modality.tsv``."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_modality.tsv", 3) if row[1:] == ["planned", "aux"])


def _auxiliaries(token: Token) -> list[Token]:
    """The auxiliaries of an event word in text order (a predicative word's include its copula)."""
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    # a predicative adjective or noun takes its auxiliaries from the copula ("was unclear")
    if token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be":
        copula = token.head
        auxiliaries += [copula, *(c for c in copula.children if c.dep_ in ("aux", "auxpass"))]
    return sorted(auxiliaries, key=lambda t: t.i)


def _tense_of_finite(word: Token) -> Optional[str]:
    """PAST or PRESENT for a finite verb form, None for any other word."""
    if word.tag_ == "VBD" or ("Past" in word.morph.get("Tense", []) and word.tag_ != "VBN"):
        return "PAST"
    if word.tag_ in ("VBZ", "VBP"):
        return "PRESENT"
    return None


def verb_attributes(token: Token) -> tuple[str, str, str, Optional[str]]:
    """TimeML (tense, aspect, polarity, modality) of an event token, from the parse.

    Verbs (and predicative words, through their copula): an auxiliary of the future
    gives FUTURE, a modal gives tense NONE and the modal as modality (TimeBank's
    convention), "to" gives INFINITIVE, a bare -ing/-ed form PRESPART/PASTPART, else the
    tense of the first finite word; "have" + participle is PERFECTIVE, "be" + -ing
    PROGRESSIVE. Nouns: tense and aspect NONE. Polarity is NEG with a negation
    dependent ("not", "never", "no")."""
    auxiliaries = _auxiliaries(token)
    negated = any(child.dep_ == "neg" for word in (token, *auxiliaries) for child in word.children) or any(
        child.dep_ == "det" and child.lower_ == "no" for child in token.children
    )
    polarity = "NEG" if negated else "POS"
    modality: Optional[str] = None
    for aux in auxiliaries:
        if aux.tag_ == "MD" and aux.lower_ not in _future_auxiliaries():
            modality = aux.lower_
    if token.pos_ not in ("VERB", "AUX") and not (token.dep_ in ("acomp", "attr") and token.head.lemma_ == "be"):
        return "NONE", "NONE", polarity, modality
    lemmas = [a.lemma_.lower() for a in auxiliaries]
    perfective = ("have" in lemmas and token.tag_ == "VBN") or any(
        a.lemma_ == "have" and nxt.tag_ == "VBN" for a, nxt in zip(auxiliaries, auxiliaries[1:])
    )
    progressive = token.tag_ == "VBG" and "be" in lemmas
    aspect = {(True, True): "PERFECTIVE_PROGRESSIVE", (True, False): "PERFECTIVE", (False, True): "PROGRESSIVE"}.get(
        (perfective, progressive), "NONE"
    )
    if any(a.lower_ in _future_auxiliaries() for a in auxiliaries):
        return "FUTURE", aspect, polarity, modality
    if modality is not None:
        return "NONE", aspect, polarity, modality
    if any(a.tag_ == "TO" for a in auxiliaries) or (token.tag_ == "VB" and not auxiliaries and token.dep_ == "xcomp"):
        return "INFINITIVE", aspect, polarity, modality
    for word in (*auxiliaries, token):
        tense = _tense_of_finite(word)
        if tense is not None:
            return tense, aspect, polarity, modality
    if token.tag_ == "VBG":
        return "PRESPART", aspect, polarity, modality
    if token.tag_ == "VBN":
        return "PASTPART", aspect, polarity, modality
    if token.tag_ == "VB" and any(a.lemma_ == "do" for a in auxiliaries):
        return "PRESENT", aspect, polarity, modality
    return "NONE", aspect, polarity, modality


# --------------------------------------------------------------------------- detection


def _word_bounds(doc: Doc, token: Token) -> tuple[int, int]:
    """The token's character span, widened over hyphen-joined parts ("re-election",
    "U.S.-led"), which TimeML annotates as one word, without punctuation at its edges."""
    first = last = token.i
    while first > 1 and not doc[first - 1].whitespace_ and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ and doc[first - 2].is_alpha:
        first -= 2
    while last + 2 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text == "-" and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha:
        last += 2
    start = doc[first].idx
    # the word's own text (Doc.text would join the whole document at every look)
    word = doc[first : last + 1].text
    lead, trail = 0, len(word)
    # a token may carry punctuation the tokenizer left on it ("said--"): not the word's
    while lead < trail - 1 and not word[lead].isalnum():
        lead += 1
    while trail > lead + 1 and not word[trail - 1].isalnum():
        trail -= 1
    return start + lead, start + trail


def classify(token: Token, weights: EventModel, threshold: Optional[float] = None) -> Optional[tuple[str, float]]:
    """(TimeML class, event probability) of ``token`` when the weights take it for an
    event at ``threshold`` (default: the model's), else None."""
    if not is_candidate(token):
        return None
    probabilities = weights.probabilities(token_features(token))
    none_index = weights.labels.index(NONE_LABEL)
    score = 1.0 - probabilities[none_index]
    if score < (weights.threshold if threshold is None else threshold):
        return None
    best = max((i for i in range(len(weights.labels)) if i != none_index), key=lambda i: probabilities[i])
    return weights.labels[best], score


def detected_class(token: Token, model: Optional[EventModel] = None) -> Optional[str]:
    """The TimeML class of ``token`` when the detector takes it for an event, else None
    (for stages that walk the parse token by token, e.g. :mod:`timeline.inherit`)."""
    decision = classify(token, resolve_model(model))
    return decision[0] if decision is not None else None


def detect_in_parsed(parsed: Doc, model: Optional[EventModel] = None, *, threshold: Optional[float] = None) -> list[EventMention]:
    """The event mentions of a parsed text, in text order (one per word: hyphen-joined
    parts that are both events are one mention, the better-scored one's). ``threshold``
    overrides the model's (see :data:`DECISION_THRESHOLD`)."""
    weights = resolve_model(model)
    sentence_of = {}
    for number, sentence in enumerate(parsed.sents):
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = number
    best: dict[tuple[int, int], EventMention] = {}
    for token in parsed:
        decision = classify(token, weights, threshold)
        if decision is None:
            continue
        event_class, score = decision
        start, end = _word_bounds(parsed, token)
        tense, aspect, polarity, modality = verb_attributes(token)
        mention = EventMention(
            text=parsed.text[start:end],
            start=start,
            end=end,
            event_class=event_class,
            tense=tense,
            aspect=aspect,
            polarity=polarity,
            modality=modality,
            lemma=token.lemma_.lower(),
            pos=token.pos_,
            sentence=sentence_of.get(token.i),
            score=round(score, 4),
        )
        if (start, end) not in best or best[(start, end)].score < mention.score:
            best[(start, end)] = mention
    return [best[key] for key in sorted(best)]


def find_events(
    doc: Union[Document, str, Doc, Any],
    *,
    published: DateLike = None,
    nlp: Optional[Language] = None,
) -> list[EventMention]:
    """Every event mention of one document, in text order.

    ``doc`` is a :class:`~timeline.Document`, a ``str``, a mapping with ``text`` (as for
    :func:`timeline.find_times`) or a spaCy ``Doc`` parsed with a dependency parser;
    ``published`` is checked like everywhere else (events do not depend on it);
    ``nlp`` is any spaCy pipeline with a tagger and parser. Offsets index the document
    text (``doc.text`` for a spaCy Doc)."""
    if isinstance(doc, Doc):
        as_document(doc.text, published=published)  # the same checks as a str
        if not has_parse(doc):
            raise InvalidDocumentError("doc is a spacy Doc without a dependency parse; parse it with a pipeline that has a parser")
        return detect_in_parsed(doc)
    document = as_document(doc, published=published)
    parsed = next(parse_texts([document.text], nlp))
    if not has_parse(parsed):
        raise InvalidDocumentError("nlp gave no dependency parse; find_events needs a pipeline with a tagger and a parser")
    return detect_in_parsed(parsed)



def learned_detector(model: Optional[EventModel] = None) -> Callable[[Doc], list[Token]]:
    """A detector for :func:`timeline.events.document_events` (``detect=``): the tokens
    the learned model takes for events, in text order."""
    weights = resolve_model(model)

    def detect(parsed: Doc) -> list[Token]:
        return [token for token in parsed if classify(token, weights) is not None]

    return detect


__all__ = [
    "DECISION_THRESHOLD", "DEFAULT_MODEL", "EventModel", "FEATURE_VERSION", "MODEL_FORMAT", "NONE_LABEL",
    "class_cue_features", "classify", "complement_frames", "default_model", "detect_in_parsed", "detected_class",
    "find_events", "is_candidate", "learned_detector", "load_model_file", "model_from_dict", "resolve_model",
    "save_model", "token_features", "verb_attributes", "wordnet_features"
]
