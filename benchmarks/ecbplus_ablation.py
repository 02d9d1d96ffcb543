"""What each signal of timeline.merge.clustering adds on ECB+ (gold mentions).

Usage: python benchmarks/ecbplus_ablation.py DIR [--topics dev]

Knock-out ablation: each row sets the weights of one group of features to zero in the
trained model (no retraining) and scores the topics; "no paraphrase blocking" also
stops comparing pairs that share only a paraphrase group; the last row puts back the
cannot-link on incompatible own dates (the rule before they became a feature); the
story rows change the predicted document stories (no attaching of small stories; none:
each document its own story; ``within_story=True``). A development script; the
figures are in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from timeline.merge import clustering
from timeline.evaluate import ecbplus

GROUPS = {
    "trigger key and lemma": ("same_key", "same_lemma", "key_in_story"),
    "paraphrase groups": ("same_paraphrase", "paraphrase_in_story"),
    "event classes": ("same_class",),
    "sentence and summary words": ("sentence_dice", "summary_dice", "sentence_in_story"),
    "participants": ("participants", "participants_differ"),
    "documents (cosine, story, same document)": ("document_cosine", "same_story", "same_document",
                                                "key_in_story", "paraphrase_in_story", "sentence_in_story"),
    "dates (compatible, conflicting)": ("dates_compatible", "dates_conflict"),
    "date conflicts": ("dates_conflict",),
    "arguments (agent, patient, place)": ("arguments_differ",),
    "reporting verbs": ("both_reporting", "any_reporting"),
}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="the ECB+ folder")
    parser.add_argument("--topics", default="dev", help="dev (default), train, all or topic numbers 1,3,...")
    args = parser.parse_args(argv)
    topics = ecbplus.topics_of(args.topics)
    trained = clustering.weights()
    print(f"{'setting':45} {'MUC':>6} {'B3':>6} {'CEAF-e':>6} {'LEA':>6} {'CoNLL':>6}")

    def row(name: str) -> None:
        scores = ecbplus.evaluate(args.directory, topics, mentions="gold")
        print(f"{name:45} {scores.muc.f1:6.3f} {scores.b3.f1:6.3f} {scores.ceafe.f1:6.3f} {scores.lea.f1:6.3f} {scores.conll_f1:6.3f}")

    row("all signals")
    for name, features in GROUPS.items():
        bias, table = trained
        knocked = {feature: (0.0 if feature in features else weight) for feature, weight in table.items()}
        clustering.weights = lambda knocked=knocked, bias=bias: (bias, knocked)  # type: ignore[assignment]
        row(f"without {name}")
    clustering.weights = lambda: trained  # type: ignore[assignment]
    original_groups = clustering.paraphrase_groups
    clustering.paraphrase_groups = lambda event, **_: frozenset()  # type: ignore[assignment]
    row("without paraphrase groups (blocking and feature)")
    clustering.paraphrase_groups = original_groups  # type: ignore[assignment]
    original_cannot_link = clustering.cannot_link

    def old_cannot_link(a: clustering.Item, b: clustering.Item) -> bool:
        own_dates_differ = a.own_date and b.own_date and not clustering.compatible(a.event.when, b.event.when)
        return original_cannot_link(a, b) or own_dates_differ

    clustering.cannot_link = old_cannot_link  # type: ignore[assignment]
    row("incompatible own dates as a cannot-link (as before)")
    clustering.cannot_link = original_cannot_link  # type: ignore[assignment]
    original_stories = clustering.stories
    clustering.stories = functools.partial(original_stories, attach_size=0)  # type: ignore[assignment]
    row("stories without attaching small ones")
    clustering.stories = lambda vectors: {}  # type: ignore[assignment,misc]
    row("no stories (each document its own)")
    clustering.stories = original_stories  # type: ignore[assignment]
    original_pair_table = clustering.pair_table
    clustering.pair_table = functools.partial(original_pair_table, within_story=True)  # type: ignore[assignment]
    row("within_story=True (no pair across stories)")
    clustering.pair_table = original_pair_table  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    sys.exit(main())
