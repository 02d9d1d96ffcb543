"""Command line: ``news-timeline`` (or ``python -m timeline``) ``PATH... [options]``.

Reads ``.txt`` files (a directory stands for its ``*.txt`` files, sorted; ``-`` for one
article on standard input, id ``stdin``), builds the timeline with
:func:`timeline.build_timeline` and prints it as a table (default), as the JSON form or
as TimelineJS3 JSON, to standard output or ``-o FILE``; ``--html FILE``, ``--csv FILE``
and ``--jsonl FILE`` also write the page and the tables. ``--times`` prints each file's
temporal expressions instead (:func:`timeline.times.temporal.find_times_many`), one per line.
A file's document id is its name without the extension. ``--top N`` keeps the N key
dates, each with its best sentence (:func:`timeline.key_dates`). ``--about NAME`` keeps the
events of the entity NAME names (:meth:`timeline.Timeline.about`).

For people: a progress bar (documents analyzed, ETA) on standard error when it is a
terminal (``--quiet`` turns it off); a file that cannot be used (not UTF-8, unreadable,
too long) is reported by name and skipped, and the exit status says so; a warning names
the files without a publication date; a closed pipe (``| head``) ends quietly.

Exit status: 0 done; 1 the library could not run (model or resource missing); 2 a
mistake in the command line (missing path, bad date) or no usable file; 3 done, but
some files were skipped; 141 the reader closed the pipe (as a process that SIGPIPE
stops).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional, TextIO, Union

from .documents import Document, parse_published
from .errors import DocumentTypeError, InvalidDateError, InvalidDocumentError, InvalidQueryError, TimelineError
from .model import PublicationDate, Timeline, TimeMention

EXIT_OK = 0
EXIT_FAILURE = 1  # the library could not run (model or resource missing)
EXIT_USAGE = 2  # the input was wrong
EXIT_SKIPPED = 3  # the output is written, without the files that could not be used
EXIT_PIPE = 141  # the reader closed the pipe: 128 + SIGPIPE, as `yes | head` reports

STDIN = "-"
STDIN_ID = "stdin"


class UsageError(Exception):
    """A mistake in the command line or its files, reported without a traceback."""


def program_name(argv0: Optional[str] = None) -> str:
    """The name the command was called by, for the help: ``python -m timeline`` when
    run as a module, else the script's own name (``news-timeline``)."""
    name = os.path.basename(argv0 if argv0 is not None else (sys.argv[0] if sys.argv else ""))
    if not name or name in ("__main__.py", "-c"):
        return "python -m timeline"
    return name


def parser(prog: Optional[str] = None) -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    from . import __version__

    p = argparse.ArgumentParser(
        prog=prog or program_name(),
        description="Turn news articles (.txt files) into an ordered, deduplicated timeline of dated events.",
        epilog=(
            "exit status: 0 done; 1 the library could not run; 2 a mistake in the command line or no usable file; "
            "3 done, but some files were skipped (each is named on stderr). "
            "Example: %(prog)s articles/ --published a.txt=2024-05-03 --html timeline.html --csv timeline.csv"
        ),
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="a .txt file, a directory of .txt files, or - for one article on stdin (id 'stdin')"
    )
    p.add_argument(
        "--published",
        action="append",
        default=[],
        metavar="FILE=DATE",
        help="publication date of a file (its name, path or id; stdin for standard input), ISO 8601; repeatable",
    )
    p.add_argument(
        "--undated",
        choices=("drop", "inherit", "inherit_events"),
        default="drop",
        help="events without a time of their own: leave out (default) or date from their sentence or the publication day "
        "(inherit_events: the same, without the verbs the learned event detector reads as states)",
    )
    p.add_argument(
        "--about",
        metavar="NAME",
        help="only the events involving the entity NAME names (its aliases count: 'ECB', 'the bank' ...)",
    )
    p.add_argument(
        "--style",
        choices=("auto", "news", "narrative"),
        default="auto",
        help="news (the publication date places what a text leaves open), narrative (the text's running "
        "reference time does; histories) or auto (narrative for a file without a publication date)",
    )
    p.add_argument("--top", type=int, metavar="N", help="only the N key dates, each with its best sentence (timeline.key_dates)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the timeline's JSON form")
    fmt.add_argument("--timelinejs", action="store_true", help="print TimelineJS3 JSON")
    fmt.add_argument(
        "--times",
        action="store_true",
        help="print each file's temporal expressions (offsets, text, TIMEX3 type, value, mod, anchor) instead of the timeline",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the table (or --json, --timelinejs, --times) to FILE instead of stdout")
    p.add_argument("--html", metavar="FILE", help="also write the timeline as one self-contained HTML page (opens offline)")
    p.add_argument("--csv", metavar="FILE", help="also write one CSV row per event (date, start, end, grain, summary, sources, conflicts)")
    p.add_argument("--jsonl", metavar="FILE", help="also write JSON Lines, one event per line")
    p.add_argument("--title", help="title of the --html page (default: Timeline)")
    p.add_argument(
        "-j", "--jobs", type=_positive_int, default=1, metavar="N",
        help="analyze the documents in N processes (default 1; worth it from a few dozen articles)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar (it is shown only when stderr is a terminal)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


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
    if list(paths).count(STDIN) > 1:
        raise UsageError("- (standard input) is named more than once")
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            files.append(Path(STDIN))
        elif path.is_dir():
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
    if given == STDIN:
        return {STDIN, STDIN_ID}
    return {path.name, path.stem, given, str(path), str(path.resolve())}


def _read_text(path: Path, stdin: Optional[TextIO]) -> str:
    """The text of a file, or of standard input for ``-``; SkippedFile when it cannot be used."""
    if str(path) == STDIN:
        source = stdin if stdin is not None else sys.stdin
        raw = getattr(source, "buffer", None)  # read bytes, decoded as UTF-8 like the files
        try:
            return raw.read().decode("utf-8") if raw is not None else source.read()
        except UnicodeDecodeError as err:
            raise SkippedFile(f"standard input: not UTF-8 text ({err.reason} at byte {err.start})") from None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise SkippedFile(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise SkippedFile(f"{path}: cannot read ({err.strerror})") from None


class SkippedFile(Exception):
    """A file that cannot be used; the run goes on without it."""


def read_documents(
    files: Sequence[Path],
    published: dict[str, Union[date, datetime]],
    *,
    skipped: Optional[list[str]] = None,
    stdin: Optional[TextIO] = None,
) -> list[Document]:
    """One Document per file (id = file name without extension, ``stdin`` for ``-``),
    with its date. A file that cannot be used (not UTF-8, unreadable, too long) is
    left out and its reason appended to ``skipped``; without that list it raises
    UsageError."""
    used: set[str] = set()
    documents = []
    seen: dict[str, Path] = {}
    for path in files:
        doc_id = STDIN_ID if str(path) == STDIN else path.stem
        if doc_id in seen:
            raise UsageError(f"{path}: duplicate id {doc_id!r} (also {seen[doc_id]}); rename one of the files")
        seen[doc_id] = path
        keys = _keys(path, str(path))
        matches = sorted(keys & published.keys())
        dates = {published[k] for k in matches}
        if len(dates) > 1:
            raise UsageError(f"{path}: several --published dates ({', '.join(matches)})")
        used.update(matches)
        name = "standard input" if str(path) == STDIN else str(path)
        try:
            text = _read_text(path, stdin)
            documents.append(Document(text=text, id=doc_id, published=dates.pop() if dates else None))
        except (SkippedFile, InvalidDocumentError) as err:
            reason = str(err) if isinstance(err, SkippedFile) else f"{name}: {err}"
            if skipped is None:
                raise UsageError(reason) from None
            skipped.append(reason)
    unused = sorted(set(published) - used)
    if unused:
        raise UsageError(f"--published names {', '.join(unused)}, which is not among the input files")
    return documents


def undated_warning(dates: Sequence[PublicationDate]) -> Optional[str]:
    """The warning naming the documents read without a publication date, or None."""
    missing = [item.doc_id for item in dates if item.published is None]
    if not missing:
        return None
    return (
        f"no publication date for {', '.join(missing)} (none given with --published, none in a dateline): "
        "their relative dates ('last month', 'on Friday') stay unresolved, and the events those date are left out; "
        "give one with --published FILE=DATE"
    )


@contextmanager
def progress_bar(total: int, *, stream: TextIO, enabled: bool) -> Iterator[Any]:
    """A tqdm bar of documents analyzed (with rate and ETA) on ``stream``, or a
    stand-in that does nothing when disabled."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc="analyzing", unit="doc", file=stream, leave=False, dynamic_ncols=True) as bar:
        yield bar


def _write_outputs(args: argparse.Namespace, timeline: Timeline, out: TextIO) -> None:
    from .outputs import to_timelinejs

    if args.json:
        out.write(timeline.to_json(indent=2, ensure_ascii=False) + "\n")
    elif args.timelinejs:
        out.write(json.dumps(to_timelinejs(timeline), indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(str(timeline) + "\n")
    if args.html:
        timeline.to_html(args.html, title=args.title)
    if args.csv:
        timeline.to_csv(args.csv)
    if args.jsonl:
        timeline.to_jsonl(args.jsonl)


def run(args: argparse.Namespace, out: TextIO, *, err: Optional[TextIO] = None, stdin: Optional[TextIO] = None) -> int:
    """Build the timeline for parsed arguments and write it to ``out`` (or
    ``args.output``); messages and the progress bar go to ``err``. Returns the exit
    status (EXIT_SKIPPED when some files were left out)."""
    import timeline as package  # build_timeline is looked up at call time (tests replace it)

    err = err if err is not None else sys.stderr
    if args.times and (args.html or args.csv or args.jsonl):
        raise UsageError("--html, --csv and --jsonl write the timeline; --times prints expressions only")
    if args.top is not None and args.top < 1:
        raise UsageError(f"--top must be 1 or more, got {args.top}")
    files = expand_paths(args.paths)
    skipped: list[str] = []
    documents = read_documents(files, parse_published_options(args.published), skipped=skipped, stdin=stdin)
    for reason in skipped:
        print(f"{program_name()}: skipped {reason}", file=err)
    if not documents:
        raise UsageError("no usable input file" + (" (all were skipped)" if skipped else ""))
    status = EXIT_SKIPPED if skipped else EXIT_OK
    if args.times:
        from .build import publication_date
        from .times.temporal import find_times_many, with_publication_date

        warning = undated_warning([publication_date(d, with_publication_date(d, args.style)) for d in documents])
        if warning and args.style != "narrative":
            print(f"{program_name()}: warning: {warning}", file=err)
        rows = [TIMES_HEADER, *times_rows(documents, find_times_many(documents, style=args.style))]
        with _output(args.output, out) as target:  # opened once there is something to write
            for row in rows:
                target.write("\t".join(row) + "\n")
        return status
    show = not args.quiet and hasattr(err, "isatty") and err.isatty()
    with progress_bar(len(documents), stream=err, enabled=show) as bar:
        options: dict[str, Any] = {"undated": args.undated, "style": args.style}
        if args.jobs > 1:
            options["n_process"] = args.jobs
        if bar is not None:
            options["progress"] = bar.update
        timeline = package.build_timeline(documents, **options)
    if args.about is not None:
        timeline = timeline.about(args.about)  # only the events of that entity
    warning = undated_warning(timeline.publication_dates)
    if warning and args.style != "narrative":  # a narrative reads its dates from the story
        print(f"{program_name()}: warning: {warning}", file=err)
    if args.top is not None:
        timeline = package.key_dates(timeline, args.top)
    with _output(args.output, out) as target:
        _write_outputs(args, timeline, target)
    return status


@contextmanager
def _output(path: Optional[str], default: TextIO) -> Iterator[TextIO]:
    if path is None:
        yield default
        return
    try:
        stream = open(path, "w", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"-o {path}: cannot write ({error.strerror})") from None
    with stream:
        yield stream


def _quiet_broken_pipe() -> int:
    """The reader of standard output went away (``| head``): point stdout at
    /dev/null so that the interpreter's last flush raises nothing, and report it in
    the exit status only."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a file descriptor (tests)
        pass
    return EXIT_PIPE


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point; returns the exit status (argparse exits with 2 on usage errors)."""
    name = program_name()
    args = parser(name).parse_args(argv)
    try:
        status = run(args, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except (UsageError, InvalidDocumentError, InvalidDateError, DocumentTypeError, InvalidQueryError) as err:
        print(f"{name}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except TimelineError as err:
        print(f"{name}: error: {err}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as err:  # an output file that cannot be written (--html, --csv, --jsonl)
        where = f"{err.filename}: " if err.filename else ""
        print(f"{name}: error: {where}cannot write ({err.strerror or err})", file=sys.stderr)
        return EXIT_USAGE
    return status
