"""What the event nouns beyond the lexicon (issue #14) change in the default output.

Runs the event stage with the default ``undated="drop"`` on every document of a folder
of TimeML files twice, with and without the learned detector's dated nouns
(``document_events(..., learned_nouns=False)``), and lists the dated events that
differ: new events, lost events, and events whose trigger or date moved.

    python benchmarks/default_output_diff.py ../shared/data/semeval2015-task4-trial/documents [--cache DIR]

The SemEval-2015 trial documents are news the event detector was not trained on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline.documents import Document
from timeline.evaluate.timeml import read_timeml
from timeline.evaluate.tlinks import _parses
from timeline.events import document_events
from timeline.nlp import default_nlp
from timeline.times.temporal import find_times_in_parsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of TimeML files (the SemEval-2015 trial documents)")
    parser.add_argument("--cache", type=Path, default=None, help="folder for cached parses")
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.tml"))
    documents = [read_timeml(f, sentence_separator="\n") for f in files]
    counts = {"before": 0, "after": 0, "new": 0, "lost": 0, "moved": 0}
    for document, parsed in zip(documents, _parses(documents, default_nlp(), args.cache)):
        source = Document(text=document.text, id=document.doc_id, published=document.dct_date)
        times = find_times_in_parsed(source, parsed)
        runs = {}
        for name, nouns in (("before", False), ("after", True)):
            events = document_events(source, parsed, times, learned_nouns=nouns)
            # key: the time that dates it (its span), value: trigger and date
            runs[name] = {e.mentions[0].time_span: (e.mentions[0].trigger_text, e.when.value, e.summary) for e in events}
            counts[name] += len(events)
        old, new = runs["before"], runs["after"]
        for span in sorted(set(old) | set(new), key=lambda s: s or (0, 0)):
            if span not in old:
                counts["new"] += 1
                print(f"{document.doc_id} new    {new[span]}")
            elif span not in new:
                counts["lost"] += 1
                print(f"{document.doc_id} lost   {old[span]}")
            elif old[span][:2] != new[span][:2]:
                counts["moved"] += 1
                print(f"{document.doc_id} moved  {old[span]} -> {new[span]}")
    print(
        f"documents {len(documents)}: dated events {counts['before']} -> {counts['after']}; "
        f"times that date another event {counts['moved']}, new {counts['new']}, lost {counts['lost']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
