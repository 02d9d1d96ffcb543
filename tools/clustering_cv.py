"""Cross-validation by topic of the pair model of timeline.merge.clustering on ECB+ train topics.

Usage (the tool refuses the dev topics and topics 36-45):

    PYTHONPATH=src python tools/clustering_cv.py ../shared/data/ecbplus --topics train
    PYTHONPATH=src python tools/clustering_cv.py ../shared/data/ecbplus --topics train --within-story
    PYTHONPATH=src python tools/clustering_cv.py ../shared/data/ecbplus --topics train --drop both_reporting,any_reporting
    PYTHONPATH=src python tools/clustering_cv.py ../shared/data/ecbplus --topics train --wordnet 2,1
    PYTHONPATH=src python tools/clustering_cv.py ../shared/data/ecbplus --topics train --model trees --depth 3 --trees 200

The topics (sorted) are dealt into ``--folds`` folds (topic number ``i`` of the sorted
list into fold ``i % folds``). For each fold the logistic pair model is fitted on the
gold-mention pairs of the other folds (:func:`timeline.evaluate.ecbplus.fit_logistic`,
as ``--train-weights`` fits the shipped weights on all train topics) and the held-out
topics are clustered with it at each link threshold of ``--thresholds``
(:func:`timeline.merge.clustering.pair_table` and the same average linkage as
``cluster_events``; ``--wordnet K,D``: with the WordNet relations of triggers, blocking
and features, ``K`` senses and ``D`` hypernym steps; ``--model trees``: gradient-boosted
trees over the same features instead of the logistic model, scikit-learn's
``GradientBoostingClassifier`` with ``--depth``, ``--trees``, ``--learning-rate`` and
``--min-leaf``, the experiment of issue #15 that was not shipped; needs the ``train``
extra). Prints, per threshold, MUC, B3, CEAF-e, LEA and CoNLL F1 of all
held-out topics pooled. This is how the clustering's features, stories and threshold
were chosen (docs/benchmarks.md); the dev topics are scored only by
``python -m timeline.evaluate ecbplus``.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Optional, Union

import attrs

from timeline.merge.clustering import FEATURES, pair_table
from timeline.evaluate.coref_metrics import CorefScores, pooled
from timeline.evaluate.ecbplus import DEFAULT_CACHE, EcbDocument, fit_logistic, topic_events, trainable_topics
from timeline.evaluate.options import comma_choices
from timeline.merge.linkage import average_linkage
from timeline.model import Event

Clusters = list[frozenset[str]]


PairScorer = Callable[[Sequence[Sequence[float]]], Sequence[float]]
"""Same-event probabilities of feature rows (in :data:`FEATURES` order)."""


@attrs.frozen
class TreeSettings:
    """Gradient-boosted trees (``--model trees``): depth, number and learning rate of the
    trees, fewest training pairs in a leaf."""

    depth: int = 3
    trees: int = 200
    learning_rate: float = 0.1
    min_leaf: int = 50


def logistic_scorer(weights: Mapping[str, float]) -> PairScorer:
    """The logistic model's probabilities (bias and weights by feature name)."""

    def score(rows: Sequence[Sequence[float]]) -> list[float]:
        result = []
        for row in rows:
            z = weights["bias"] + sum(weights[name] * value for name, value in zip(FEATURES, row))
            result.append(1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z)))))
        return result

    return score


def fit_trees(rows: Sequence[Sequence[float]], labels: Sequence[float], settings: TreeSettings) -> PairScorer:
    """Gradient-boosted trees fitted to the rows (scikit-learn, deterministic: no
    subsampling, ``random_state`` fixed)."""
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(max_depth=settings.depth, n_estimators=settings.trees,
                                       learning_rate=settings.learning_rate, min_samples_leaf=settings.min_leaf,
                                       random_state=0)
    model.fit(rows, labels)

    def score(rows: Sequence[Sequence[float]]) -> list[float]:
        return [float(p) for p in model.predict_proba(rows)[:, 1]] if len(rows) else []

    return score


def topic_clusters(documents: Sequence[EcbDocument], named: Sequence[tuple[str, Event]],
                   model: Union[Mapping[str, float], PairScorer],
                   thresholds: Sequence[float], within_story: bool,
                   wordnet: Optional[tuple[int, int]] = None,
                   drop: Sequence[str] = ()) -> dict[float, tuple[Clusters, Clusters]]:
    """Key and response clusters of one topic at each threshold, with these weights (or
    this scorer of feature rows; the features in ``drop`` read as 0)."""
    table = pair_table([event for _, event in named], {d.stem: d.text for d in documents}, within_story=within_story,
                       wordnet=wordnet)
    scorer = logistic_scorer(model) if isinstance(model, Mapping) else model
    pairs = list(table.features)
    rows = [[0.0 if name in drop else table.features[pair][name] for name in FEATURES] for pair in pairs]
    scores = dict(zip(pairs, scorer(rows)))
    gold: dict[str, set[str]] = {}
    for document in documents:
        for mention in document.mentions:
            gold.setdefault(mention.cluster, set()).add(mention.id)
    key = [frozenset(members) for members in gold.values()]
    result = {}
    for threshold in thresholds:
        groups = average_linkage(len(table.items), scores, table.blocked, threshold)
        result[threshold] = (key, [frozenset(named[table.order[i]][0] for i in group) for group in groups])
    return result


def cross_validate(directory: Path, topics: Sequence[int], *, folds: int, thresholds: Sequence[float],
                   within_story: bool = False, drop: Sequence[str] = (), l2: float = 1.0,
                   cache: Optional[Path] = DEFAULT_CACHE,
                   wordnet: Optional[tuple[int, int]] = None,
                   trees: Optional[TreeSettings] = None) -> dict[float, CorefScores]:
    """Pooled held-out scores per threshold (see the module docstring); the features in
    ``drop`` are left out of the model (weight 0, not fitted); ``wordnet`` (senses,
    depth) adds the WordNet relations of the triggers; ``trees`` fits gradient-boosted
    trees instead of the logistic model."""
    from timeline.evaluate.ecbplus import pair_rows

    data = {documents[0].topic: (documents, named) for documents, named in topic_events(directory, topics, "gold", cache)}
    ordered = sorted(data)
    kept = [index for index, name in enumerate(FEATURES) if name not in drop]
    rows_of = {topic: pair_rows(*data[topic], wordnet=wordnet) for topic in ordered}
    runs: dict[float, list[tuple[Clusters, Clusters]]] = {threshold: [] for threshold in thresholds}
    for fold in range(folds):
        held_out = [topic for position, topic in enumerate(ordered) if position % folds == fold]
        rows: list[list[float]] = []
        labels: list[float] = []
        for topic in ordered:
            if topic not in held_out:
                rows.extend([row[k] if k in kept else 0.0 for k in range(len(FEATURES))] for row in rows_of[topic][0])
                labels.extend(rows_of[topic][1])
        model: Union[dict[str, float], PairScorer]
        if trees is not None:
            model = fit_trees(rows, labels, trees)
        else:
            model = fit_logistic(rows, labels, l2=l2)
            for name in drop:
                model[name] = 0.0
        for topic in held_out:
            for threshold, pair in topic_clusters(*data[topic], model, thresholds, within_story, wordnet, drop).items():
                runs[threshold].append(pair)
    return {threshold: pooled(pairs) for threshold, pairs in runs.items()}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, help="the ECB+ folder")
    parser.add_argument("--topics", default="train", help="train (default) or train topic numbers 1,3,...")
    parser.add_argument("--folds", type=int, default=5, help="folds of train topics (at least 2; default 5)")
    parser.add_argument("--thresholds", default="0.38,0.39,0.40,0.41,0.42,0.43,0.44", help="comma-separated link thresholds")
    parser.add_argument("--within-story", action="store_true", help="compare only mentions of one predicted story")
    parser.add_argument("--drop", type=comma_choices(FEATURES, "feature"), default="",
                        help="comma-separated features to leave out of the model, of " + ", ".join(FEATURES))
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty of the fit")
    parser.add_argument("--wordnet", default="", help="K,D: WordNet relations of the triggers (K senses, D hypernym steps)")
    parser.add_argument("--model", choices=("linear", "trees"), default="linear",
                        help="the logistic pair model (default) or gradient-boosted trees (needs scikit-learn)")
    parser.add_argument("--depth", type=int, default=TreeSettings().depth, help="trees: depth of each tree")
    parser.add_argument("--trees", type=int, default=TreeSettings().trees, help="trees: how many")
    parser.add_argument("--learning-rate", type=float, default=TreeSettings().learning_rate, help="trees: learning rate")
    parser.add_argument("--min-leaf", type=int, default=TreeSettings().min_leaf, help="trees: fewest training pairs in a leaf")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="parse cache folder")
    args = parser.parse_args(argv)
    topics = trainable_topics(args.topics)
    if topics is None:
        return 2
    drop = args.drop
    if args.folds < 2:
        print(f"--folds: need at least 2, got {args.folds}", file=sys.stderr)
        return 2
    thresholds = tuple(float(value) for value in args.thresholds.split(","))
    wordnet: Optional[tuple[int, int]] = None
    if args.wordnet:
        try:
            senses, depth = (int(value) for value in args.wordnet.split(","))
        except ValueError:
            print(f"--wordnet: expected K,D (two whole numbers), got {args.wordnet!r}", file=sys.stderr)
            return 2
        if senses < 1 or depth < 0:
            print(f"--wordnet: need K >= 1 and D >= 0, got {args.wordnet!r}", file=sys.stderr)
            return 2
        wordnet = (senses, depth)
    trees: Optional[TreeSettings] = None
    if args.model == "trees":
        if args.depth < 1 or args.trees < 1 or args.min_leaf < 1 or not args.learning_rate > 0:
            print(f"--model trees: need --depth, --trees, --min-leaf >= 1 and --learning-rate > 0, got "
                  f"{args.depth}, {args.trees}, {args.min_leaf}, {args.learning_rate}", file=sys.stderr)
            return 2
        trees = TreeSettings(depth=args.depth, trees=args.trees, learning_rate=args.learning_rate, min_leaf=args.min_leaf)
    scores = cross_validate(args.directory, topics, folds=args.folds, thresholds=thresholds,
                            within_story=args.within_story, drop=drop, l2=args.l2, cache=args.cache,
                            wordnet=wordnet, trees=trees)
    print("threshold\tMUC\tB3\tCEAF-e\tLEA\tCoNLL")
    for threshold, score in scores.items():
        print(f"{threshold:.2f}\t{score.muc.f1:.4f}\t{score.b3.f1:.4f}\t{score.ceafe.f1:.4f}\t{score.lea.f1:.4f}\t{score.conll_f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
