"""Command line: ``python -m timeline [PATHS...] [--published FILE=DATE ...]
[--undated drop|inherit] [--json|--timelinejs|--times]``.

Reads ``.txt`` files (a directory stands for its ``*.txt`` files, sorted), builds the
timeline with :func:`timeline.build_timeline` and prints it as a table (default), as
the JSON form or as TimelineJS3 JSON; ``--times`` prints each file's temporal
expressions instead (:func:`timeline.temporal.find_times_many`), one per line. A file's
document id is its name without the extension. Input mistakes (missing files, bad
dates) exit with status 2 and a message.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Optional, TextIO, Union

from .documents import Document, parse_published
from .errors import DocumentTypeError, InvalidDateError, InvalidDocumentError, TimelineError
from .model import TimeMention

EXIT_OK = 0
EXIT_FAILURE = 1  # the library could not run (model or resource missing)
EXIT_USAGE = 2  # the input was wrong


class UsageError(Exception):
    """A mistake in the command line or its files, reported without a traceback."""


def parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    p = argparse.ArgumentParser(
        prog="python -m timeline",
        description="Turn news articles (.txt files) into an ordered, deduplicated timeline of dated events.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file, or a directory of .txt files")
    p.add_argument(
        "--published",
        action="append",
        default=[],
        metavar="FILE=DATE",
        help="publication date of a file (its name, path or id), ISO 8601; repeatable",
    )
    p.add_argument(
        "--undated",
        choices=("drop", "inherit"),
        default="drop",
        help="events without a time of their own: leave out (default) or date from their sentence or the publication day",
    )
    p.add_argument(
        "--style",
        choices=("auto", "news", "narrative"),
        default="auto",
        help="news (the publication date places what a text leaves open), narrative (the text's running "
        "reference time does; histories) or auto (narrative for a file without a publication date)",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the timeline's JSON form")
    fmt.add_argument("--timelinejs", action="store_true", help="print TimelineJS3 JSON")
    fmt.add_argument(
        "--times",
        action="store_true",
        help="print each file's temporal expressions (offsets, text, TIMEX3 type, value, mod, anchor) instead of the timeline",
    )
    return p


TIMES_HEADER = ("id", "start", "end", "text", "type", "value", "mod", "anchor", "rule")


def times_rows(documents: Sequence[Document], mentions: Sequence[Sequence[TimeMention]]) -> list[tuple[str, ...]]:
    """One tab-separated row per temporal expression, in file and text order."""
    rows: list[tuple[str, ...]] = []
    for document, found in zip(documents, mentions):
        for m in found:
            anchor = m.anchor.value + ("" if m.resolved else " (unresolved)")
            text = " ".join(m.text.split())  # a line per expression, whatever the text's line breaks
            rows.append((document.id, str(m.start), str(m.end), text, m.type, m.value, m.mod or "", anchor, m.rule))
    return rows


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files named on the command line; directories give their ``*.txt`` files sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise UsageError(f"{raw}: directory has no .txt files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{raw}: no such file or directory")
    return files


def parse_published_options(options: Sequence[str]) -> dict[str, Union[date, datetime]]:
    """``FILE=DATE`` options as {file key: date}; the date is checked here."""
    dates: dict[str, Union[date, datetime]] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--published {option!r}: expected FILE=DATE, e.g. article.txt=2024-05-03")
        try:
            parsed = parse_published(value.strip(), field=f"--published {key.strip()}")
        except InvalidDateError as err:
            raise UsageError(str(err)) from None
        assert parsed is not None
        dates[key.strip()] = parsed
    return dates


def _keys(path: Path, given: str) -> set[str]:
    """The names by which --published may refer to a file."""
    return {path.name, path.stem, given, str(path), str(path.resolve())}


def read_documents(files: Sequence[Path], published: dict[str, Union[date, datetime]]) -> list[Document]:
    """One Document per file (id = file name without extension), with its date."""
    used: set[str] = set()
    documents = []
    seen: dict[str, Path] = {}
    for path in files:
        if path.stem in seen:
            raise UsageError(f"{path}: duplicate id {path.stem!r} (also {seen[path.stem]}); rename one of the files")
        seen[path.stem] = path
        keys = _keys(path, str(path))
        matches = sorted(keys & published.keys())
        dates = {published[k] for k in matches}
        if len(dates) > 1:
            raise UsageError(f"{path}: several --published dates ({', '.join(matches)})")
        used.update(matches)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            raise UsageError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
        except OSError as err:
            raise UsageError(f"{path}: cannot read ({err.strerror})") from None
        documents.append(Document(text=text, id=path.stem, published=dates.pop() if dates else None))
    unused = sorted(set(published) - used)
    if unused:
        raise UsageError(f"--published names {', '.join(unused)}, which is not among the input files")
    return documents


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Build the timeline for parsed arguments and write it to ``out``."""
    from . import build_timeline  # imported late: the pipeline is heavy and unused on errors
    from .outputs import to_timelinejs

    files = expand_paths(args.paths)
    documents = read_documents(files, parse_published_options(args.published))
    if args.times:
        from .temporal import find_times_many

        for row in [TIMES_HEADER, *times_rows(documents, find_times_many(documents, style=args.style))]:
            out.write("\t".join(row) + "\n")
        return
    timeline = build_timeline(documents, undated=args.undated, style=args.style)
    if args.json:
        out.write(timeline.to_json(indent=2, ensure_ascii=False) + "\n")
    elif args.timelinejs:
        out.write(json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(str(timeline) + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit status (argparse exits with 2 on usage errors)."""
    args = parser().parse_args(argv)
    try:
        run(args, sys.stdout)
    except (UsageError, InvalidDocumentError, InvalidDateError, DocumentTypeError) as err:
        print(f"timeline: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except TimelineError as err:
        print(f"timeline: error: {err}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK
