"""A trained spaCy component as the event detector (issue #14): measured against the
feature model of :mod:`timeline.events.learned`, kept to reproduce the figure in
docs/benchmarks.md ("Issue #14, second round").

A spaCy ``tagger`` with its own small tok2vec (hash embeddings of the word's norm,
prefix, suffix, shape, and of the pinned pipeline's lemma, POS, dependency label and
morphology; a maxout CNN over a window of one token each side, four layers) predicts
``O`` or the TimeML class of every token. It is trained on CPU with a plain
``nlp.update`` loop (seeded), on the cached parses of the training documents; it
scores held-out documents like ``python -m timeline.evaluate events`` (candidate tokens
only, hyphen-joined words merged, an event when ``1 - P(O)`` reaches the threshold).

Run from the repository root with ``PYTHONPATH=src``::

    python tools/event_tagger_experiment.py ../shared/data/tempeval3 --cache /tmp/detect --split tb2aq,aq2tb --epochs 10 --drop 0.3

Splits: ``tb2aq`` (train TimeBank, score AQUAINT), ``aq2tb`` (the other way) and
``tb2tb`` (train and score TimeBank: an in-sample check of what the tagger can fit).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import spacy
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Config, fix_random_seed

from timeline.evaluate.events import EventScores, EventSpan, gold_events, parse_documents, score_events
from timeline.evaluate.options import comma_choices
from timeline.evaluate.timeml import TimeMLDocument, read_timeml_directory
from timeline.events import learned

SEED = 13
SPLITS = {"tb2aq": ("TimeBank", "AQUAINT"), "aq2tb": ("AQUAINT", "TimeBank"), "tb2tb": ("TimeBank", "TimeBank")}
"""Each ``--split``: (the corpus trained on, the corpus scored)."""
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)

TAGGER_CONFIG = """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "LEMMA", "POS", "DEP", "MORPH"]
rows = [4000, 1000, 2000, 500, 4000, 50, 100, 500]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 4
window_size = 1
maxout_pieces = 3
"""


def labelled(document: TimeMLDocument, parsed: Doc) -> tuple[Doc, list[str]]:
    """The parse (lemma, POS, dependency, morphology kept as input) and a tag per token."""
    label_at = {o: e.event_class for e in gold_events(document) for o in range(e.start, e.end)}
    tags = []
    for token in parsed:
        label = "O"
        if learned.is_candidate(token):
            label = next((label_at[o] for o in range(token.idx, token.idx + len(token.text)) if o in label_at), "O")
        tags.append(label)
    return parsed, tags


def train_tagger(items: Sequence[tuple[Doc, list[str]]], epochs: int, drop: float) -> spacy.Language:
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger", config={"model": Config().from_str(TAGGER_CONFIG)["model"]})
    examples = []
    for parsed, tags in items:
        predicted = parsed.copy()
        reference = Doc(nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed], tags=tags)
        examples.append(Example(predicted, reference))
    for label in sorted({t for _, tags in items for t in tags}):
        tagger.add_label(label)
    optimizer = nlp.initialize(lambda: examples)
    order = list(range(len(examples)))
    rng = random.Random(SEED)
    for epoch in range(epochs):
        started = time.process_time()
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for start in range(0, len(order), 2):
            nlp.update([examples[i] for i in order[start : start + 2]], sgd=optimizer, drop=drop, losses=losses)
        print(f"epoch {epoch + 1}: loss {losses.get('tagger', 0):.1f}, {time.process_time() - started:.0f} s CPU", file=sys.stderr, flush=True)
    return nlp


def score(nlp: spacy.Language, items: Sequence[tuple[TimeMLDocument, Doc]], totals: dict[float, EventScores]) -> None:
    tagger = nlp.get_pipe("tagger")
    labels = list(tagger.labels)
    outside = labels.index("O")
    for document, parsed in items:
        probabilities = np.asarray(tagger.model.ops.to_numpy(tagger.model.predict([parsed.copy()])[0]))
        gold = gold_events(document)
        for threshold in THRESHOLDS:
            best: dict[tuple[int, int], tuple[str, float]] = {}
            for token in parsed:
                if not learned.is_candidate(token):
                    continue
                p = probabilities[token.i]
                event = 1 - p[outside]
                if event < threshold:
                    continue
                bounds = learned._word_bounds(parsed, token)
                label = max((i for i in range(len(labels)) if i != outside), key=lambda i: p[i])
                if bounds not in best or best[bounds][1] < event:
                    best[bounds] = (labels[label], event)
            system = [EventSpan(s, e, parsed.text[s:e], c) for (s, e), (c, _) in sorted(best.items())]
            totals[threshold].add(score_events(gold, system))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))  # the whole first paragraph
    parser.add_argument("root", type=Path, help="the tempeval3 folder (TimeBank/ and AQUAINT/)")
    parser.add_argument("--cache", type=Path, help="parse cache folder")
    parser.add_argument("--split", type=comma_choices(SPLITS, "split"), default="tb2aq",
                        help="comma-separated splits to run, of " + ", ".join(SPLITS) + " (default: tb2aq)")
    parser.add_argument("--epochs", type=int, default=12, help="passes over the training documents")
    parser.add_argument("--drop", type=float, default=0.2, help="dropout rate while training")
    args = parser.parse_args(argv)
    corpora = {}
    for name in ("TimeBank", "AQUAINT"):
        documents = read_timeml_directory(args.root / name)
        corpora[name] = list(zip(documents, parse_documents(documents, args.cache, name)))
    for split in args.split:
        source, target = SPLITS[split]
        started = time.process_time()
        nlp = train_tagger([labelled(d, p) for d, p in corpora[source]], args.epochs, args.drop)
        print(f"{split}: trained in {time.process_time() - started:.0f} s CPU, {len(nlp.to_bytes()):,} bytes", file=sys.stderr)
        totals = {t: EventScores() for t in THRESHOLDS}
        score(nlp, corpora[target], totals)
        for t in THRESHOLDS:
            print(f"{split} threshold {t:.2f}: {totals[t].relaxed_line()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
