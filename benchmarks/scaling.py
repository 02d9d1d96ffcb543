"""How the event stage's time grows with the length of one text, and the merge stage's
with the number of documents.

Usage: python benchmarks/scaling.py [--repeat N] [--merge] [--merge-only] [--constant-density]

``--merge`` also times :func:`timeline.merge.merge_events` and
:func:`timeline.merge.clustering.cluster_events` on synthetic events of 1,000 and 10,000
documents (CPU time; five events each, drawn from stories spread over a year: each story has a
trigger among 60, a place among 60, a day; documents report a story, a twentieth of them
with a date one day off), and prints the time per event and the ratio (near 10 for 10x the
documents means near-linear cost: candidate blocking by time, trigger and name keeps the
compared pairs few). Each size also prints a digest of the merged groups: run the script
on two versions of the code to check that a change of speed changed no group.
``--constant-density`` spreads the stories over one year per 1,000 documents, so that
ten times the documents are ten times the days, not ten times the stories a day.

Builds one article from a paragraph repeated 60 and 240 times, parses each once, and
times ``timeline.build.analyze_document`` (the stages after the parse) on each, median
of N runs. Prints both times and their ratio: for four times the text, a ratio near 4
means linear growth; a 200,000-character text once took 224 s because each event
scanned the whole text (ratio near 16). A development script, not a test: timings
belong here, not in the test suite.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Optional

from timeline.build import analyze_document
from timeline.documents import Document
from timeline.nlp import default_nlp
from timeline.times.temporal import with_publication_date

PARAGRAPH = "Peace talks collapsed on Friday, the minister said on Monday. The delegation left Istanbul on March 9. "
SMALL, LARGE = 60, 240


def stage_seconds(repeats: int, runs: int) -> float:
    """Median seconds of the stages after the parse on PARAGRAPH * repeats."""
    document = with_publication_date(Document(PARAGRAPH * repeats, published="2024-03-12"))
    parsed = default_nlp()(document.text)
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        analyze_document(document, parsed)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


TRIGGERS = tuple((verb + "ed", verb) for verb in (
    "storm", "attack", "kill", "sign", "elect", "arrest", "launch", "appoint", "approv", "ban", "block", "boycott",
    "charg", "convict", "cancel", "claim", "clos", "confirm", "deploy", "detain", "evacuat", "expell", "fin", "flood",
    "freez", "hack", "halt", "impeach", "indict", "injur", "invad", "jail", "lift", "loot", "march", "merg", "murder",
    "nominat", "open", "pardon", "protest", "rais", "releas", "rescu", "resign", "sack", "seiz", "shell", "sentenc",
    "strik", "su", "suspend", "tax", "test", "vot", "warn", "withdr", "won", "wreck", "raid"))
PLACES = tuple(f"{town}{number}" for town in ("Kherson", "Odesa", "Niamey", "Mumbai", "Kabul", "Tula", "Ohio", "Lagos",
                                               "Quito", "Hanoi", "Oslo", "Perth") for number in ("ville", "burg", "ton", "field", "port"))


def synthetic_events(documents: int, per_document: int = 5, seed: int = 7, days: int = 365) -> list:  # type: ignore[type-arg]
    """One-mention events of ``documents`` documents reporting stories of ``days`` days
    (one year by default)."""
    import random
    from datetime import date, datetime, timedelta

    from timeline.times.calendar import day_value
    from timeline.model import Event, Mention

    rnd = random.Random(seed)
    stories = [(rnd.choice(TRIGGERS), rnd.choice(PLACES), date(2023, 1, 1) + timedelta(days=rnd.randrange(days)), n)
               for n in range(documents // 2 + 1)]
    events = []
    for doc in range(documents):
        for slot in range(per_document):
            (word, lemma), place, day, number = rnd.choice(stories)
            if rnd.random() < 0.05:
                day += timedelta(days=1)  # a source one day off
            summary = f"Group {number} {word} in {place}"
            mention = Mention(doc_id=f"d{doc}", sentence=summary + ".", trigger_span=(slot * 100, slot * 100 + len(word)),
                              event_span=(slot * 100, slot * 100 + len(summary)), time_span=None, time_text=None,
                              trigger_text=word)
            events.append(Event(when=day_value(day), summary=summary, trigger=lemma, participants=(place,),
                                mentions=(mention,)))
    return events


def groups_digest(timeline: object) -> str:
    """A short digest of the merged events' groups (the mentions of each event, and
    its date and conflicts): equal digests from two versions of the code mean the same
    groups."""
    import hashlib

    rows = sorted(
        "|".join([*(f"{m.doc_id}:{m.trigger_span[0]}" for m in event.mentions), event.when.value,
                  *(c.value for c in event.conflicts)])
        for event in timeline.events  # type: ignore[attr-defined]
    )
    return hashlib.sha1("\n".join(rows).encode("utf-8")).hexdigest()[:12]


def merge_seconds(documents: int, undated: bool = True, days: int = 365) -> tuple[float, float, int, str]:
    """CPU seconds (of this process: the machine is shared) of merge_events and of
    cluster_events (dates dropped; 0 when ``undated`` is False) on the synthetic events,
    their count and the digest of the merged groups."""
    import attrs

    from timeline.merge.clustering import cluster_events
    from timeline.events.given import UNKNOWN_DATE
    from timeline.merge import merge_events

    events = synthetic_events(documents, days=days)
    gc.collect()
    started = time.process_time()
    timeline = merge_events(events)
    merged = time.process_time() - started
    digest = groups_digest(timeline)
    if not undated:
        return merged, 0.0, len(events), digest
    without_dates = [attrs.evolve(e, when=UNKNOWN_DATE) for e in events]
    gc.collect()
    started = time.process_time()
    cluster_events(without_dates)
    clustered = time.process_time() - started
    return merged, clustered, len(events), digest


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))  # the whole first paragraph
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--merge", action="store_true", help="also time the merge stage at 1k and 10k documents")
    parser.add_argument("--merge-only", action="store_true", help="only time the merge stage")
    parser.add_argument("--constant-density", action="store_true",
                        help="spread the stories over a year per 1,000 documents (ten years at 10k), instead of "
                             "one year for all: the same number of stories a day at both sizes")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.merge or args.merge_only:
        results = {}
        for documents in (1000, 10000):
            days = 365 * documents // 1000 if args.constant_density else 365
            # clustering without dates compares whole trigger blocks: timed at 1k only
            merged, clustered, count, digest = merge_seconds(documents, undated=documents == 1000, days=days)
            results[documents] = merged
            print(f"{documents:>6} documents {count:>6} events  merge_events {merged:8.2f} s CPU  groups {digest}"
                  + (f"  cluster_events (no dates) {clustered:8.2f} s CPU" if clustered else ""), flush=True)
        print(f"ratio for 10x the documents: merge_events {results[10000] / results[1000]:.1f}")
        if args.merge_only:
            return 0
    stage_seconds(SMALL, 1)  # warm-up: load the pipeline and the resource tables
    small, large = stage_seconds(SMALL, args.repeat), stage_seconds(LARGE, args.repeat)
    print(f"{len(PARAGRAPH) * SMALL:>8} characters  {small:8.3f} s")
    print(f"{len(PARAGRAPH) * LARGE:>8} characters  {large:8.3f} s")
    print(f"ratio for {LARGE // SMALL}x the text: {large / small:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
