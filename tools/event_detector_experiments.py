"""Held-out experiments on the event detector's class decision (issue #14), kept to reproduce the
"tried and dropped" figures of docs/benchmarks.md (TempEval-3 Task B section).

Variants of :mod:`timeline.events.learned`'s model, each scored like
``python -m timeline.evaluate events`` (relaxed F1, class accuracy, class F1 at thresholds
0.30-0.50; hyphen-joined words merged as the detector does) on documents the model never
saw: TimeBank -> AQUAINT (``tb2aq``), AQUAINT -> TimeBank (``aq2tb``) and 5-fold by
document over all 256 (``cv5``, the seeded shuffle of ``train_event_detector.py``) and
within TimeBank alone (``cv5tb``, the tuning split):

* ``--dense tok|tokhead --alpha A``: the pinned pipeline's ``doc.tensor`` (tok2vec, 96
  values a token) of the token (and its head), times ``A``, next to the sparse features;
* ``--two-stage --c2 C``: a second regression over event tokens only decides the class;
* ``--stack oof``: features saying which of the token's dependents (by label, through a
  preposition too) and whether its head are events, from a first model's decisions
  (out-of-fold on the training documents, 3 folds);
* ``--extra nounverb``: a common noun whose lemma the pipeline's lemmatizer also knows
  as a verb ("offer", "decline"), with its dependency label and determiner;
* ``--extra wordnet|wnsense|wnctx|wnhyp|wnnoun``: WordNet senses (:func:`timeline.events.learned.wordnet_features`,
  feature version 3), its supersenses alone, the first supersense with the dependency
  label and the governor's, every hypernym of the first sense, the WordNet features
  of nouns only (on the version-2 cache: ``--feature-cache-version 2``; with
  ``--wordnet-verbs`` the families see verbs too, the draft measured first);
* ``--occurrence-odds F``: the class decision divides P(OCCURRENCE) by ``F``;
* ``--doc-vote W``: document consistency after the fact: among the events a document's
  tokens of one lemma are, each one's class is the argmax of its own class distribution
  plus ``W`` times the mean distribution of the others (``--doc-event-vote B``: the
  event probability likewise mixed with the mean of the other mentions of the lemma,
  weight ``B``);
* ``--doc-stack``: document consistency learned: dense features from a first model's
  out-of-fold probabilities (3 inner folds on the training documents) of the other
  candidate tokens of the same lemma in the same document (their mean event
  probability, their mean class distribution weighted by it), then a second fit;
* ``--class-bias``: per-class additive log biases of the class decision, chosen on the
  out-of-fold probabilities of 3 inner folds of the training documents (coordinate
  search maximizing the class accuracy of the gold events found), applied to the test;
* ``--pos-thresholds``: one event threshold per part of speech (VERB, NOUN, AUX, ADJ,
  other), chosen on the same inner out-of-fold probabilities (coordinate search
  maximizing the token-level event F1), reported at the row of threshold 0.40;
* ``--class-groups``: the wrong classes at threshold 0.40 (after ``--doc-vote``) by
  the (document, lemma) group of the matched events: a lemma found once in the
  document, every mention of the lemma wrong, or some right and some wrong;
* ``--errors``: misses and false alarms of a cross-corpus split by part of speech and lemma;
* ``--oracle``: class accuracy of the majority class of each lemma, learned on the
  training folds (cv5) and, as a ceiling, counted on the scored documents themselves;
  also per document (one class per lemma in each document, in-sample) and the other
  mentions' majority in the same document (leave one out).

Run from the repository root with ``PYTHONPATH=src`` (needs the ``train`` extra)::

    python tools/event_detector_experiments.py ../shared/data/tempeval3 --cache /tmp/detect --split tb2aq,aq2tb,cv5
    python tools/event_detector_experiments.py ../shared/data/tempeval3 --cache /tmp/detect --split cv5 --dense tokhead --alpha 0.3

The corpus cache is per feature version (``experiments-corpus-v2.pkl``: the guideline
class cues of :func:`timeline.events.learned.class_cue_features` are in the features
since version 2; the rows of docs/benchmarks.md measured before that used version 1).
"""

from __future__ import annotations

import argparse
import collections
import functools
import pickle
import random
import sys
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Token

from timeline.evaluate.events import EventScores, EventSpan, gold_events, parse_documents, score_events
from timeline.evaluate.options import comma_choices
from timeline.evaluate.timeml import read_timeml_directory
from timeline.events import learned
from timeline.model import EVENT_CLASSES
from timeline.nlp import default_nlp

LABELS = ("NONE", *EVENT_CLASSES)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
SEED = 13
POS_GROUPS = ("VERB", "NOUN", "AUX", "ADJ")


def corpus(root: Path, cache: Optional[Path], version: int = learned.FEATURE_VERSION) -> list[dict[str, Any]]:
    """Every candidate token of TimeBank and AQUAINT: position, features, label, word
    bounds, head, dependents; with the document's tensor and gold events (cached).
    ``version``: read the cache of an older feature version (it must exist)."""
    target = cache / f"experiments-corpus-v{version}.pkl" if cache is not None else None
    if version != learned.FEATURE_VERSION and (target is None or not target.exists()):
        raise SystemExit(f"no corpus cache of feature version {version} in {cache}")
    if target is not None and target.exists():
        with open(target, "rb") as handle:
            cached: list[dict[str, Any]] = pickle.load(handle)
            return cached
    tok2vec = default_nlp().get_pipe("tok2vec")
    documents_out = []
    for name in ("TimeBank", "AQUAINT"):
        documents = read_timeml_directory(root / name)
        for document, doc in zip(documents, parse_documents(documents, cache, name)):
            doc = tok2vec(doc)  # the DocBin cache keeps no tensor; tok2vec alone recomputes it
            gold = gold_events(document)
            label_at = {o: e.event_class for e in gold for o in range(e.start, e.end)}
            tokens = []
            for t in doc:
                if not learned.is_candidate(t):
                    continue
                label = next((label_at[o] for o in range(t.idx, t.idx + len(t.text)) if o in label_at), "NONE")
                kids = [(c.dep_, c.i) for c in t.children]
                kids += [("prep_" + c.lower_, g.i) for c in t.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ in ("pobj", "pcomp")]
                tokens.append((t.i, learned.token_features(t), label, learned._word_bounds(doc, t), t.head.i, kids, t.dep_))
            documents_out.append(dict(corpus=name, gold=gold, toks=tokens, tensor=np.asarray(doc.tensor, dtype=np.float32), text=doc.text))
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            pickle.dump(documents_out, handle)
    return documents_out


class Experiment:
    """The token matrices of the corpus and one variant's fit/score."""

    def __init__(self, docs: list[dict[str, Any]], args: argparse.Namespace) -> None:
        self.docs, self.args = docs, args
        # the class decision's odds against OCCURRENCE (1.0: the model's argmax)
        self.class_scale = np.array([1.0 if label != "OCCURRENCE" else 1.0 / args.occurrence_odds for label in LABELS[1:]])
        index: dict[str, int] = {}
        rows, cols, doc_of, labels, dense = [], [], [], [], []
        self.row_of: dict[tuple[int, int], int] = {}
        self.tokens: list[tuple[int, Any]] = []
        for di, d in enumerate(docs):
            tensor = d["tensor"]
            for tok in d["toks"]:
                r = len(labels)
                self.row_of[(di, tok[0])] = r
                self.tokens.append((di, tok))
                for f in set(tok[1]):
                    rows.append(r)
                    cols.append(index.setdefault(f, len(index)))
                doc_of.append(di)
                labels.append(LABELS.index(tok[2]))
                if args.dense == "tok":
                    dense.append(tensor[tok[0]])
                elif args.dense == "tokhead":
                    dense.append(np.concatenate([tensor[tok[0]], tensor[tok[4]]]))
        self.X = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(labels), len(index)))
        self.y = np.array(labels)
        self.doc_of = np.array(doc_of)
        self.dense = np.array(dense, dtype=np.float32) if dense else None
        # rows of the same lemma in the same document (document consistency)
        self.lemma_of = [next((f[2:] for f in tok[1] if f.startswith("l=")), "") for _di, tok in self.tokens]
        groups: dict[tuple[int, str], list[int]] = collections.defaultdict(list)
        for r, (di, _tok) in enumerate(self.tokens):
            groups[(di, self.lemma_of[r])].append(r)
        self.same_lemma = [groups[(di, self.lemma_of[r])] for r, (di, _tok) in enumerate(self.tokens)]
        self.class_bias = np.zeros(len(LABELS) - 1)
        pos_of = [next((f[2:] for f in tok[1] if f.startswith("p=")), "") for _di, tok in self.tokens]
        self.pos_group = np.array([POS_GROUPS.index(p) if p in POS_GROUPS else len(POS_GROUPS) for p in pos_of])
        self.event_shift = np.zeros(len(POS_GROUPS) + 1)

    def fit1(self, train_docs: Sequence[int], test_docs: Sequence[int], extra: Optional[csr_matrix] = None) -> tuple[np.ndarray, np.ndarray]:
        """Train on ``train_docs``; (row mask of the test tokens, their label probabilities)."""
        a = self.args
        train = np.isin(self.doc_of, list(train_docs))
        test = np.isin(self.doc_of, list(test_docs))
        keep = np.where(np.asarray((self.X[train] > 0).sum(axis=0)).ravel() >= a.min_count)[0]

        def matrix(mask: np.ndarray) -> csr_matrix:
            m = self.X[mask][:, keep]
            if extra is not None:
                m = hstack([m, extra[mask]]).tocsr()
            if self.dense is not None:
                m = hstack([m, csr_matrix(self.dense[mask] * a.alpha)]).tocsr()
            return m

        x_train, x_test = matrix(train), matrix(test)
        model = LogisticRegression(C=a.c, max_iter=3000)
        model.fit(x_train, self.y[train])
        probabilities = np.zeros((int(test.sum()), len(LABELS)))
        probabilities[:, model.classes_] = model.predict_proba(x_test)
        if a.two_stage:
            events = self.y[train] > 0
            classes = LogisticRegression(C=a.c2, max_iter=3000)
            classes.fit(x_train[events], self.y[train][events])
            q = np.zeros_like(probabilities)
            q[:, classes.classes_] = classes.predict_proba(x_test)
            probabilities[:, 1:] = q[:, 1:] * (1 - probabilities[:, :1])
        return test, probabilities

    def extra(self, is_event: np.ndarray) -> csr_matrix:
        """Stacked features: which dependents (by label) and whether the head are events."""
        names: dict[str, int] = {}
        rows, cols = [], []
        for r, (di, tok) in enumerate(self.tokens):
            feats = set()
            for dep, child in tok[5]:
                c = self.row_of.get((di, child))
                if c is not None and is_event[c]:
                    feats.update((f"evkid={dep}", "evkid"))
            h = self.row_of.get((di, tok[4]))
            if h is not None and h != r and is_event[h]:
                feats.add(f"evhead={tok[6]}")
            for f in feats:
                rows.append(r)
                cols.append(names.setdefault(f, len(names)))
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self.tokens), max(len(names), 1)))

    def inner_oof(self, train_docs: Sequence[int]) -> np.ndarray:
        """Out-of-fold probabilities of every training row (3 inner folds by document)."""
        oof = np.zeros((len(self.y), len(LABELS)))
        shuffled = list(train_docs)
        random.Random(7).shuffle(shuffled)
        for k in range(3):
            held = set(shuffled[k::3])
            inner_test, inner = self.fit1([d for d in train_docs if d not in held], sorted(held))
            oof[np.where(inner_test)[0]] = inner
        return oof

    def doc_features(self, probabilities: np.ndarray) -> csr_matrix:
        """Dense features of the other candidate tokens of the same lemma in the same
        document: whether there are any, their mean event probability, and their mean
        class distribution weighted by the event probability."""
        out = np.zeros((len(self.y), len(LABELS) + 1), dtype=np.float32)
        a = self.args.doc_alpha
        for r in range(len(self.y)):
            others = [o for o in self.same_lemma[r] if o != r]
            if not others:
                continue
            p = probabilities[others]
            event = 1 - p[:, 0]
            q = p[:, 1:] / np.maximum(p[:, 1:].sum(axis=1, keepdims=True), 1e-9)
            out[r, 0] = a
            out[r, 1] = a * event.mean()
            out[r, 2:] = a * (q * event[:, None]).sum(axis=0) / max(event.sum(), 1e-9) * min(event.sum(), 1.0)
        return csr_matrix(out)

    def choose_class_bias(self, rows: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
        """Per-class log biases maximizing the class accuracy of the gold events among
        ``rows`` the model finds (event probability >= 0.4): coordinate search."""
        found = (self.y[rows] > 0) & (1 - probabilities[:, 0] >= 0.4)
        logq = np.log(np.maximum(probabilities[found][:, 1:], 1e-12))
        gold = self.y[rows][found] - 1
        bias = np.zeros(logq.shape[1])
        accuracy = lambda b: float(np.mean(np.argmax(logq + b, axis=1) == gold))  # noqa: E731
        best = accuracy(bias)
        for _round in range(3):
            for c in range(len(bias)):
                for step in (-1.0, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1.0):
                    trial = bias.copy()
                    trial[c] += step
                    value = accuracy(trial)
                    if value > best + 1e-6:
                        best, bias = value, trial
        return bias

    def choose_pos_thresholds(self, rows: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
        """Per part-of-speech group, the event threshold minus 0.4 that maximizes the
        token-level event F1 over ``rows`` (coordinate search from 0.4 everywhere)."""
        event = 1 - probabilities[:, 0]
        gold = self.y[rows] > 0
        group = self.pos_group[rows]
        shift = np.zeros(len(POS_GROUPS) + 1)

        def f1(sh: np.ndarray) -> float:
            said = event - sh[group] >= 0.4
            tp = float(np.sum(said & gold))
            return 2 * tp / max(float(said.sum() + gold.sum()), 1.0)

        best = f1(shift)
        for _round in range(2):
            for g in range(len(shift)):
                for value in np.arange(-0.2, 0.25, 0.05):
                    trial = shift.copy()
                    trial[g] = value
                    score = f1(trial)
                    if score > best + 1e-6:
                        best, shift = score, trial
        return shift

    def fit(self, train_docs: Sequence[int], test_docs: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        test, probabilities = self.fit1(train_docs, test_docs)
        a = self.args
        if a.pos_thresholds:
            train_mask = np.isin(self.doc_of, list(train_docs))
            oof = self.inner_oof(train_docs)
            self.event_shift = self.choose_pos_thresholds(np.where(train_mask)[0], oof[train_mask])
            print(f"  threshold shifts {dict(zip((*POS_GROUPS, 'other'), np.round(self.event_shift, 2)))}", file=sys.stderr)
            if a.class_bias:
                self.class_bias = self.choose_class_bias(np.where(train_mask)[0], oof[train_mask])
            return test, probabilities
        if a.stack != "oof" and not a.doc_stack and not a.class_bias:
            return test, probabilities
        train_mask = np.isin(self.doc_of, list(train_docs))
        oof = self.inner_oof(train_docs)
        if a.class_bias:
            self.class_bias = self.choose_class_bias(np.where(train_mask)[0], oof[train_mask])
            print(f"  class bias {dict(zip(LABELS[1:], np.round(self.class_bias, 2)))}", file=sys.stderr)
        if a.stack == "oof":
            is_event = (1 - oof[:, 0]) >= 0.5
            is_event[np.where(test)[0]] = (1 - probabilities[:, 0]) >= 0.5
            return self.fit1(train_docs, test_docs, extra=self.extra(is_event))
        if a.doc_stack:
            first = oof.copy()
            first[np.where(test)[0]] = probabilities
            return self.fit1(train_docs, test_docs, extra=self.doc_features(first))
        return test, probabilities

    def vote(self, rows: np.ndarray, probabilities: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """(event probability, class index) of each row after the document votes of
        ``--doc-event-vote`` and ``--doc-vote`` (none: the model's own)."""
        a = self.args
        event = 1 - probabilities[:, 0] - self.event_shift[self.pos_group[rows]]
        q = probabilities[:, 1:] / np.maximum(probabilities[:, 1:].sum(axis=1, keepdims=True), 1e-12)
        q = q * self.class_scale * np.exp(self.class_bias)
        q = q / q.sum(axis=1, keepdims=True)
        k_of = {int(r): k for k, r in enumerate(rows)}
        if a.doc_event_vote:
            mixed = event.copy()
            for k, r in enumerate(rows):
                others = [k_of[o] for o in self.same_lemma[r] if o != r and o in k_of]
                if others:
                    mixed[k] = (1 - a.doc_event_vote) * event[k] + a.doc_event_vote * float(np.mean(event[others]))
            event = mixed
        classes = np.argmax(q, axis=1)
        if a.doc_vote:
            for k, r in enumerate(rows):
                if event[k] < threshold:
                    continue
                others = [k_of[o] for o in self.same_lemma[r] if o != r and o in k_of and event[k_of[o]] >= threshold]
                if others:
                    classes[k] = int(np.argmax(q[k] + a.doc_vote * q[others].mean(axis=0)))
        return event, classes

    def score(self, test: np.ndarray, probabilities: np.ndarray, totals: dict[float, EventScores]) -> None:
        rows = np.where(test)[0]
        per_doc: dict[int, list[int]] = {}
        for k, r in enumerate(rows):
            per_doc.setdefault(int(self.doc_of[r]), []).append(k)
        decided = {t: self.vote(rows, probabilities, t) for t in THRESHOLDS}
        for di, ks in per_doc.items():
            d = self.docs[di]
            for threshold in THRESHOLDS:
                events, classes = decided[threshold]
                best: dict[tuple[int, int], tuple[str, float]] = {}
                for k, tok in zip(ks, d["toks"]):
                    event = events[k]
                    if event < threshold:
                        continue
                    if tok[3] not in best or best[tok[3]][1] < event:
                        best[tok[3]] = (LABELS[1 + int(classes[k])], event)
                system = [EventSpan(s, e, d["text"][s:e], c) for (s, e), (c, _) in sorted(best.items())]
                totals[threshold].add(score_events(d["gold"], system))


def class_groups(experiment: "Experiment", test: np.ndarray, probabilities: np.ndarray, threshold: float = 0.4) -> collections.Counter[str]:
    """The wrong classes of the matched events by their (document, lemma) group: a
    lemma matched once in the document, every match of the lemma wrong, or mixed (with
    the counts of matched and right classes under ``matched`` and ``right``)."""
    from timeline.evaluate.tempeval import Span, align

    rows = np.where(test)[0]
    events, classes = experiment.vote(rows, probabilities, threshold)
    per_doc: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        per_doc.setdefault(int(experiment.doc_of[r]), []).append(k)
    kinds: collections.Counter[str] = collections.Counter()
    right = total = 0
    for di, ks in per_doc.items():
        d = experiment.docs[di]
        best: dict[tuple[int, int], tuple[int, float]] = {}
        for k in ks:
            tok = experiment.tokens[rows[k]][1]
            if events[k] >= threshold and (tok[3] not in best or best[tok[3]][1] < events[k]):
                best[tok[3]] = (k, events[k])
        spans = sorted(best)
        pairs = align([Span(g.start, g.end) for g in d["gold"]], [Span(s, e) for s, e in spans])
        groups: dict[str, list[bool]] = collections.defaultdict(list)
        for gi, si in pairs:
            k = best[spans[si]][0]
            groups[experiment.lemma_of[rows[k]]].append(d["gold"][gi].event_class == LABELS[1 + int(classes[k])])
        for oks in groups.values():
            right, total = right + sum(oks), total + len(oks)
            wrong = len(oks) - sum(oks)
            if wrong:
                kinds["once in the document" if len(oks) == 1 else "every mention wrong" if not any(oks) else "mixed"] += wrong
    kinds["matched"], kinds["right"] = total, right
    return kinds


def error_analysis(experiment: "Experiment", test: np.ndarray, probabilities: np.ndarray, threshold: float = 0.4) -> None:
    """Misses and false alarms at ``threshold`` by part of speech and lemma (relaxed:
    a gold event no system event overlaps; a system event that overlaps no gold event)."""
    misses: collections.Counter[str] = collections.Counter()
    false: collections.Counter[str] = collections.Counter()
    miss_lemmas: collections.Counter[str] = collections.Counter()
    false_lemmas: collections.Counter[str] = collections.Counter()
    feature = lambda feats, prefix: next((f[len(prefix):] for f in feats if f.startswith(prefix)), "?")  # noqa: E731
    per_doc: dict[int, list[int]] = {}
    for k, r in enumerate(np.where(test)[0]):
        per_doc.setdefault(int(experiment.doc_of[r]), []).append(k)
    for di, ks in per_doc.items():
        d = experiment.docs[di]
        system = [(tok, probabilities[k]) for k, tok in zip(ks, d["toks"]) if 1 - probabilities[k][0] >= threshold]
        for event in d["gold"]:
            if not any(tok[3][0] < event.end and event.start < tok[3][1] for tok, _ in system):
                token = next((tok for tok in d["toks"] if tok[3][0] < event.end and event.start < tok[3][1]), None)
                pos = feature(token[1], "p=") if token else "no candidate"
                misses[pos] += 1
                miss_lemmas[f"{feature(token[1], 'l=') if token else event.text.lower()}|{pos}"] += 1
        for tok, _ in system:
            if not any(tok[3][0] < event.end and event.start < tok[3][1] for event in d["gold"]):
                pos = feature(tok[1], "p=")
                false[pos] += 1
                false_lemmas[f"{feature(tok[1], 'l=')}|{pos}"] += 1
    print(f"misses by POS {sum(misses.values())}: {misses.most_common()}")
    print(f"  lemmas: {miss_lemmas.most_common(40)}")
    print(f"false alarms by POS {sum(false.values())}: {false.most_common()}")
    print(f"  lemmas: {false_lemmas.most_common(40)}")


@functools.lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """The verb lemmas the pinned pipeline's rule lemmatizer knows (its ``lemma_index``
    table): a noun whose lemma is also a verb ("offer", "decline", "bid") names an act
    or a change more often than not."""
    nlp = default_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(str(w) for w in lookups.get_table("lemma_index").get("verb", ()))


def noun_verb_features(token: Token) -> list[str]:
    """A common noun whose lemma is also a verb (zero or regular derivation), with its
    dependency label and whether it has a determiner."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _verb_lemmas():
        return []
    has_det = any(c.dep_ in ("det", "poss") for c in token.children)
    return ["nounverb", f"nounverb+d={token.dep_}", f"nounverb+det={has_det}"]


def wordnet_sense_features(token: Token) -> list[str]:
    """Only the supersense part of :func:`timeline.events.learned.wordnet_features`
    (``wn0``, ``wn1``, ``wn3``): no hypernyms, no derivations."""
    return [f for f in learned.wordnet_features(token) if f.startswith(("wn0=", "wn1=", "wn3="))]


def wordnet_context_features(token: Token) -> list[str]:
    """The first sense's supersense with the word's dependency label, and the supersense
    of its governor's first sense (an object of a ``verb.possession`` verb)."""
    features = [f"wn1+d={f[4:]}|{token.dep_}" for f in learned.wordnet_features(token) if f.startswith("wn1=")]
    if token.head.i != token.i:
        features += [f"hwn1={f[4:]}" for f in learned.wordnet_features(token.head) if f.startswith("wn1=")]
    return features


def wordnet_hypernym_features(token: Token) -> list[str]:
    """Every hypernym synset above the first sense of a noun or verb (``wnh=n13252973``):
    a finer generalization than the supersenses."""
    pos = {"NOUN": "n", "VERB": "v", "AUX": "v"}.get(token.pos_)
    if pos is None:
        return []
    return _hypernyms_of_first_sense(token.lemma_.lower(), pos)


@functools.lru_cache(maxsize=None)
def _hypernyms_of_first_sense(lemma: str, pos: str) -> list[str]:
    from timeline.wordnet import load_wordnet

    wordnet = load_wordnet()
    first = wordnet.synsets(lemma, pos)[:1]
    return sorted(f"wnh={s}" for s in wordnet.ancestors(first) - set(first))


def wordnet_noun_features(token: Token) -> list[str]:
    """:func:`timeline.events.learned.wordnet_features` of nouns only (verbs get none)."""
    return learned.wordnet_features(token) if token.pos_ == "NOUN" else []


EXTRA_FEATURES = {
    "nounverb": noun_verb_features,
    "wordnet": learned.wordnet_features,
    "wnsense": wordnet_sense_features,
    "wnctx": wordnet_context_features,
    "wnhyp": wordnet_hypernym_features,
    "wnnoun": wordnet_noun_features,
}

SPLITS = ("tb2aq", "aq2tb", "cv5", "cv5tb")
"""The held-out splits of ``--split`` (see the module docstring)."""
DEFAULT_SPLITS = ("tb2aq", "aq2tb", "cv5")


def add_extra_features(docs: list[dict[str, Any]], root: Path, cache: Optional[Path], names: Sequence[str]) -> None:
    """Append the features of the named candidate families (:data:`EXTRA_FEATURES`) to
    every candidate token, from the cached parses."""
    parsed = []
    for name in ("TimeBank", "AQUAINT"):
        parsed += parse_documents(read_timeml_directory(root / name), cache, name)
    for d, doc in zip(docs, parsed):
        assert d["text"] == doc.text
        d["toks"] = [(tok[0], tok[1] + [f for n in names for f in EXTRA_FEATURES[n](doc[tok[0]])], *tok[2:]) for tok in d["toks"]]


def lemma_oracle(docs: list[dict[str, Any]]) -> None:
    """Class accuracy on gold events of the lemma's majority class: from the training folds
    (cv5), and counted on the scored documents themselves (a ceiling for lemma-only classes)."""
    order = list(range(len(docs)))
    random.Random(SEED).shuffle(order)
    lemma = lambda feats: next(f[2:] for f in feats if f.startswith("l="))  # noqa: E731
    right = total = 0
    seen: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for fold in range(5):
        held = set(order[fold::5])
        table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for i, d in enumerate(docs):
            if i not in held:
                for tok in d["toks"]:
                    if tok[2] != "NONE":
                        table[lemma(tok[1])][tok[2]] += 1
        for i in held:
            for tok in docs[i]["toks"]:
                if tok[2] == "NONE":
                    continue
                key = lemma(tok[1])
                seen[key][tok[2]] += 1
                guess = table[key].most_common(1)[0][0] if key in table else "OCCURRENCE"
                right += guess == tok[2]
                total += 1
    ceiling = sum(c.most_common(1)[0][1] for c in seen.values()) / total
    print(f"lemma majority class accuracy on gold events: cv5 {right / total:.4f}, in-sample ceiling {ceiling:.4f}")
    # one class per lemma in each document (in-sample), and the other mentions' majority
    in_doc = leave_right = leave_total = 0
    for d in docs:
        per_lemma: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for tok in d["toks"]:
            if tok[2] != "NONE":
                per_lemma[lemma(tok[1])][tok[2]] += 1
        in_doc += sum(c.most_common(1)[0][1] for c in per_lemma.values())
        for counts in per_lemma.values():
            for event_class, n in counts.items():
                others = counts.copy()
                others[event_class] -= 1
                if sum(others.values()) == 0:
                    continue
                top = max(others.values())
                winners = [c for c, m in others.items() if m == top]
                leave_total += n
                leave_right += n * (winners == [event_class])
    print(f"one class per lemma in each document (in-sample ceiling): {in_doc / total:.4f}; "
          f"events with other mentions of their lemma in the document: {leave_total} ({leave_total / total:.3f}), "
          f"the others' unique majority class right for {leave_right / max(leave_total, 1):.4f}")


def _floats(text: str) -> tuple[float, ...]:
    return tuple(float(v) for v in text.split(","))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Held-out experiments on the event detector (issue #14).")
    parser.add_argument("root", type=Path, help="the tempeval3 folder (TimeBank/ and AQUAINT/)")
    parser.add_argument("--cache", type=Path, help="parse and feature cache folder")
    parser.add_argument("--split", type=comma_choices(SPLITS, "split"), default=",".join(DEFAULT_SPLITS),
                        help="comma-separated held-out splits to run, of " + ", ".join(SPLITS) + " (default: " + ",".join(DEFAULT_SPLITS) + ")")
    parser.add_argument("--dense", choices=["none", "tok", "tokhead"], default="none",
                        help="add the pipeline's tok2vec vector of the token (tok) or of the token and its head (tokhead)")
    parser.add_argument("--alpha", type=float, default=1.0, help="scale of the dense vectors (with --dense)")
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength of the logistic regression")
    parser.add_argument("--min-count", type=int, default=2, help="features seen in fewer training tokens are dropped")
    parser.add_argument("--two-stage", action="store_true", help="a second regression over event tokens decides the class")
    parser.add_argument("--c2", type=float, default=0.5, help="inverse L2 strength of the second stage (with --two-stage)")
    parser.add_argument("--stack", choices=["", "oof"], default="",
                        help="oof: add features from a first model's out-of-fold decisions on dependents and head")
    parser.add_argument("--oracle", action="store_true",
                        help="only print the class accuracy of each lemma's majority class (cv5 and in-sample ceiling)")
    parser.add_argument("--occurrence-odds", type=float, default=1.0, help="divide P(OCCURRENCE) by this when choosing the class")
    parser.add_argument("--doc-vote", type=_floats, default=(0.0,), help="weight(s), comma-separated, of the other mentions of the lemma in the document in each event's class (0: none)")
    parser.add_argument("--doc-event-vote", type=_floats, default=(0.0,), help="weight(s), comma-separated, of the other mentions' mean event probability in each token's (0: none)")
    parser.add_argument("--doc-stack", action="store_true", help="second fit with the out-of-fold probabilities of the other mentions of the lemma in the document")
    parser.add_argument("--doc-alpha", type=float, default=1.0, help="scale of the --doc-stack features")
    parser.add_argument("--class-bias", action="store_true", help="per-class log biases chosen on 3 inner folds of the training documents")
    parser.add_argument("--pos-thresholds", action="store_true", help="one event threshold per part of speech, chosen on 3 inner folds of the training documents")
    parser.add_argument("--class-groups", action="store_true", help="also print the wrong classes (threshold 0.4) by (document, lemma) group")
    parser.add_argument("--errors", action="store_true", help="also print misses and false alarms (threshold 0.4) by POS and lemma")
    parser.add_argument("--wordnet-verbs", action="store_true", help="the WordNet families look up verbs too (feature version 3 draft: nouns and verbs)")
    parser.add_argument("--feature-cache-version", type=int, default=learned.FEATURE_VERSION, help="read the corpus cache of this feature version (2: without the WordNet features, to measure their families)")
    parser.add_argument("--extra", type=comma_choices(EXTRA_FEATURES, "feature family"), default="",
                        help="comma-separated extra feature families, of " + ", ".join(EXTRA_FEATURES))
    args = parser.parse_args(argv)
    docs = corpus(args.root, args.cache, args.feature_cache_version)
    if args.wordnet_verbs:
        learned._WORDNET_POS.update({"VERB": "v", "AUX": "v"})
    if args.extra:
        add_extra_features(docs, args.root, args.cache, args.extra)
    if args.oracle:
        lemma_oracle(docs)
        return 0
    experiment = Experiment(docs, args)
    timebank = [i for i, d in enumerate(docs) if d["corpus"] == "TimeBank"]
    aquaint = [i for i, d in enumerate(docs) if d["corpus"] == "AQUAINT"]
    votes = [(v, b) for v in args.doc_vote for b in args.doc_event_vote]
    for split in args.split:
        totals = {vb: {t: EventScores() for t in THRESHOLDS} for vb in votes}
        groups: dict[tuple[float, float], collections.Counter[str]] = {vb: collections.Counter() for vb in votes}

        def score_all(test: np.ndarray, probabilities: np.ndarray) -> None:
            for vb in votes:
                args.doc_vote, args.doc_event_vote = vb
                experiment.score(test, probabilities, totals[vb])
                if args.class_groups:
                    groups[vb].update(class_groups(experiment, test, probabilities))

        if split in ("tb2aq", "aq2tb"):
            train_docs, test_docs = (timebank, aquaint) if split == "tb2aq" else (aquaint, timebank)
            test, probabilities = experiment.fit(train_docs, test_docs)
            score_all(test, probabilities)
            if args.errors:
                error_analysis(experiment, test, probabilities)
        else:  # cv5 or cv5tb (comma_choices let no other split through)
            # cv5tb: within TimeBank alone, the tuning split (train_event_detector.py --folds 5 on TimeBank)
            order = list(range(len(docs))) if split == "cv5" else list(timebank)
            random.Random(SEED).shuffle(order)
            for fold in range(5):
                held = sorted(order[fold::5])
                score_all(*experiment.fit([i for i in order if i not in set(held)], held))
        for vb in votes:
            label = "" if len(votes) == 1 else f" doc-vote {vb[0]:g} doc-event-vote {vb[1]:g}"
            for t in THRESHOLDS:
                print(f"{split}{label} threshold {t:.2f}: {totals[vb][t].relaxed_line()}", flush=True)
            if args.class_groups:
                g = groups[vb]
                wrong = g["matched"] - g["right"]
                print(f"{split}{label} threshold 0.40 class errors by (document, lemma) group: matched {g['matched']}, class acc "
                      f"{g['right'] / max(g['matched'], 1):.4f}, wrong {wrong}: once in the document {g['once in the document']}, "
                      f"every mention wrong {g['every mention wrong']}, mixed {g['mixed']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
