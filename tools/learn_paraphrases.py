"""Learn event paraphrase pairs from the gold event clusters of the ECB+ train topics.

For every train topic, the gold event mentions are read and keyed as the library keys
them (:func:`timeline.evaluate.ecbplus.gold_mention_events`, then the paraphrase key of
:func:`timeline.merge.paraphrase_groups`: the light stem of the trigger lemma). A pair of
different keys is *seen together* in a gold cluster (CROSS_DOC_COREF instance or
INTRA_DOC_COREF chain) when both name mentions of that cluster; it is kept when

- at least ``--min-count`` mention pairs with these two keys are in one gold cluster,
  in at least ``--min-topics`` topics (ECB+ has few topics per kind of event, so most
  pairs come from one topic: the count of coreferent mention pairs is what tells a
  story's repeated wording from a one-off),
- both keys are words (letters, three or more, not a stop word of
  ``resources/merge_stopwords.tsv``: ECB+ marks "it" and "that" as event mentions),
- of the mention pairs with these two keys in one topic, at most ``--max-negative``
  (a rate) are in different gold clusters ("shooting" / "killing" of two different
  crimes of one topic is a warning, not a paraphrase),
- and the library does not link it already (same :func:`timeline.merge.trigger_key`,
  or a shared group of the hand table ``resources/merge_paraphrases.tsv``).

Each kept pair becomes its own group (``learned:<a>+<b>``), written as two rows of the
paraphrase table's format, so that learned pairs never chain into one large group.
Only the topics given are read (the default and the shipped table: the train topics;
the tool refuses the dev topics and topics 36-45).

    # choosing --min-count and --max-negative: 2-fold cross-validation over the train topics
    PYTHONPATH=src python tools/learn_paraphrases.py ../shared/data/ecbplus --topics train --cross-validate
    # the shipped table
    PYTHONPATH=src python tools/learn_paraphrases.py ../shared/data/ecbplus --topics train \\
        --min-count 5 --max-negative 0.3 --out src/timeline/resources/merge_paraphrases_learned.tsv

Run with ``PYTHONPATH=src`` from the repository root.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Optional

from timeline.evaluate.ecbplus import DEFAULT_CACHE, topic_events, trainable_topics
from timeline.merge import HAND_PARAPHRASES, _phrase_key, paraphrase_table, stop_words, trigger_key

Pair = tuple[str, str]


class PairCounts:
    """What the train topics say about each pair of different trigger keys."""

    def __init__(self) -> None:
        self.clusters: Counter[Pair] = Counter()  # gold clusters naming both keys
        self.topics: defaultdict[Pair, set[int]] = defaultdict(set)
        self.positive: Counter[Pair] = Counter()  # mention pairs in one gold cluster
        self.negative: Counter[Pair] = Counter()  # mention pairs of one topic in different clusters
        self.surface: defaultdict[str, Counter[str]] = defaultdict(Counter)  # key -> trigger lemmas

    def add_topic(self, topic: int, mentions: Sequence[tuple[str, str, str]]) -> None:
        """One topic's mentions as (gold cluster, key, trigger lemma)."""
        by_cluster: defaultdict[str, set[str]] = defaultdict(set)
        for cluster, key, lemma in mentions:
            by_cluster[cluster].add(key)
            self.surface[key][lemma] += 1
        for keys in by_cluster.values():
            for pair in _pairs(keys):
                self.clusters[pair] += 1
                self.topics[pair].add(topic)
        # mention pairs, counted per key pair (only pairs that some cluster links matter,
        # but counting all keeps the rate honest and is cheap at ECB+'s size)
        for i, (cluster_a, key_a, _) in enumerate(mentions):
            for cluster_b, key_b, _ in mentions[i + 1:]:
                if key_a == key_b:
                    continue
                pair = (min(key_a, key_b), max(key_a, key_b))
                if cluster_a == cluster_b:
                    self.positive[pair] += 1
                else:
                    self.negative[pair] += 1

    def negative_rate(self, pair: Pair) -> float:
        total = self.positive[pair] + self.negative[pair]
        return self.negative[pair] / total if total else 1.0

    def word(self, key: str) -> str:
        """The most frequent trigger lemma of a key whose key is the key itself."""
        for lemma, _ in sorted(self.surface[key].items(), key=lambda item: (-item[1], item[0])):
            if _phrase_key(lemma) == key:
                return lemma
        return key


def _pairs(keys: Iterable[str]) -> list[Pair]:
    ordered = sorted(keys)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]]


def already_linked(a: str, b: str) -> bool:
    """The library links the two keys already: one trigger key, or a hand group."""
    if trigger_key(a) == trigger_key(b):
        return True
    table = paraphrase_table(HAND_PARAPHRASES)
    return bool(table.get(a, frozenset()) & table.get(b, frozenset()))


def is_word(key: str) -> bool:
    """A key that can be a paraphrase: letters only, three or more, no stop word."""
    return all(part.isalpha() and len(part) >= 3 and part not in stop_words() for part in key.split(" "))


def count_topics(directory: Path, topics: Sequence[int], cache: Optional[Path]) -> PairCounts:
    """Read the topics' gold mentions and count the key pairs."""
    counts = PairCounts()
    for documents, named in topic_events(directory, topics, "gold", cache):
        cluster_of = {m.id: m.cluster for d in documents for m in d.mentions}
        mentions = []
        for mention_id, event in named:
            key = _phrase_key(event.trigger)
            if key:
                mentions.append((cluster_of[mention_id], key, event.trigger.lower()))
        counts.add_topic(documents[0].topic, mentions)
    return counts


def learned_pairs(counts: PairCounts, *, min_count: int, min_topics: int, max_negative: float) -> list[Pair]:
    """The pairs that pass the three tests of the module docstring, sorted."""
    return sorted(
        pair for pair, seen in counts.clusters.items()
        if counts.positive[pair] >= min_count and len(counts.topics[pair]) >= min_topics
        and all(is_word(key) for key in pair)
        and counts.negative_rate(pair) <= max_negative and not already_linked(*pair)
    )


def write_table(pairs: Sequence[Pair], counts: PairCounts, out: Path, command: str, topics: Sequence[int]) -> None:
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("# Event paraphrase pairs learned from the gold event clusters of the ECB+ topics\n")
        handle.write(f"# {','.join(map(str, topics))} by tools/learn_paraphrases.py on {datetime.date.today().isoformat()}:\n")
        handle.write(f"#   {command}\n")
        handle.write("# Same columns as merge_paraphrases.tsv (word, group); each pair is its own group, so\n")
        handle.write("# pairs never chain. Loaded next to the hand table by timeline.merge.paraphrases.\n")
        handle.write("# Per pair: coreferent mention pairs, gold clusters naming both, topics, rate of non-coreferent mention pairs.\n")
        for a, b in pairs:
            group = f"learned:{a}+{b}"
            handle.write(f"# {a} / {b}: {counts.positive[(a, b)]} coreferent mention pairs in {counts.clusters[(a, b)]} clusters, "
                         f"{len(counts.topics[(a, b)])} topics, "
                         f"negative rate {counts.negative_rate((a, b)):.2f}\n")
            handle.write(f"{counts.word(a)}\t{group}\n")
            handle.write(f"{counts.word(b)}\t{group}\n")


def use_pairs(pairs: Sequence[Pair]) -> None:
    """Make :func:`timeline.merge.paraphrases` give the hand table plus these pairs (for
    the cross-validation: the shipped learned table is not read)."""
    import importlib

    # (``import timeline.merge`` would give the package's ``merge`` function)
    merge = importlib.import_module("timeline.merge")
    table: dict[str, set[str]] = {key: set(groups) for key, groups in merge.paraphrase_table(HAND_PARAPHRASES).items()}
    for a, b in pairs:
        for key in (a, b):
            table.setdefault(key, set()).add(f"learned:{a}+{b}")
    frozen = {key: frozenset(groups) for key, groups in table.items()}
    merge.paraphrases = lambda: frozen  # type: ignore[attr-defined]


GRID = tuple((k, r) for k in (3, 5, 10, 20, 40) for r in (0.3, 0.5, 0.7))


def cross_validate(directory: Path, topics: Sequence[int], cache: Optional[Path]) -> None:
    """Two folds of the topics (alternating): learn on one, score the gold-mention
    CoNLL F1 of the other, for each setting of :data:`GRID`; prints a table."""
    from timeline.evaluate.ecbplus import evaluate

    folds = (tuple(topics[0::2]), tuple(topics[1::2]))
    counts = [count_topics(directory, fold, cache) for fold in folds]
    results: dict[object, list[float]] = {}
    for index, held_out in enumerate(folds):
        use_pairs(())
        results.setdefault("none", []).append(evaluate(directory, held_out, mentions="gold", cache=cache).conll_f1)
        for min_count, max_negative in GRID:
            pairs = learned_pairs(counts[1 - index], min_count=min_count, min_topics=1, max_negative=max_negative)
            use_pairs(pairs)
            score = evaluate(directory, held_out, mentions="gold", cache=cache).conll_f1
            results.setdefault((min_count, max_negative), []).append(score)
            print(f"fold {index}: min-count {min_count} max-negative {max_negative}: {len(pairs)} pairs, CoNLL F1 {score:.4f}", file=sys.stderr)
    print("setting\tfold 0\tfold 1\tmean")
    for setting, scores in results.items():
        print(f"{setting}\t" + "\t".join(f"{s:.4f}" for s in scores) + f"\t{sum(scores) / len(scores):.4f}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path, help="the ECB+ folder")
    parser.add_argument("--topics", default="train", help="train (default) or train topic numbers 1,3,...")
    parser.add_argument("--min-count", type=int, default=5, help="coreferent mention pairs a pair of keys needs")
    parser.add_argument("--min-topics", type=int, default=1, help="topics those clusters must span")
    parser.add_argument("--max-negative", type=float, default=0.3,
                        help="highest rate of non-coreferent mention pairs among a pair's co-occurrences")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="parse cache folder")
    parser.add_argument("--out", type=Path, help="the table to write")
    parser.add_argument("--cross-validate", action="store_true",
                        help="print the 2-fold cross-validation of the settings over the topics instead")
    args = parser.parse_args(argv)
    topics = trainable_topics(args.topics)
    if topics is None:
        return 2
    if args.cross_validate:
        cross_validate(args.directory, topics, args.cache)
        return 0
    if args.out is None:
        parser.error("--out is required (or --cross-validate)")
    counts = count_topics(args.directory, topics, args.cache)
    pairs = learned_pairs(counts, min_count=args.min_count, min_topics=args.min_topics, max_negative=args.max_negative)
    command = (f"python tools/learn_paraphrases.py ../shared/data/ecbplus --topics {args.topics} --min-count {args.min_count} "
               f"--min-topics {args.min_topics} --max-negative {args.max_negative} --out {args.out.name}")
    write_table(pairs, counts, args.out, command, topics)
    print(f"{len(pairs)} pairs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
