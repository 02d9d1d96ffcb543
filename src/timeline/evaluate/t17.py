"""Reading the Timeline17 layout (news-tls packaging) into Documents and reference timelines.

``<story>/InputDocs/YYYY-MM-DD/<id>.htm.txt`` is one article, tokenized, one sentence per
line; the folder name is its publication date. ``<story>/timelines.jsonl`` holds the
reference timelines, one JSON array per line: ``[[date, [sentence, ...]], ...]``.

The articles are PTB-tokenized (`` `` ``, `` 's ``, `` n't ``, `` , ``); :func:`detokenize`
joins the tokens back the way they were written, so the parser and the summaries read
ordinary text. Sentences are kept one per line.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import attrs

from ..documents import Document

# Token joins, in order: quotes, punctuation that sticks to the word before, clitics,
# brackets. Each is (pattern, replacement) over the space-separated tokens.
_JOINS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"``\s*"), '"'),
    (re.compile(r"\s*''"), '"'),
    (re.compile(r"\s+([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$])\s+"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|')(?=\s|$)", re.IGNORECASE), r"\1"),
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
)


def detokenize(line: str) -> str:
    """A tokenized sentence as it was written ("Jackson 's `` Thriller '' ." ->
    'Jackson's "Thriller".'). Only spacing changes, never a word."""
    text = " ".join(line.split())
    for pattern, replacement in _JOINS:
        text = pattern.sub(replacement, text)
    return text


@attrs.frozen
class Story:
    """One story folder: its articles and its reference timelines (each a tuple of
    ``(date, sentences)`` in the file's order)."""

    name: str
    documents: tuple[Document, ...]
    references: tuple[tuple[tuple[date, tuple[str, ...]], ...], ...]


def read_article(path: Path, published: date) -> Document:
    """One article file: sentences detokenized, one per line; id ``<date>/<file stem>``."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    text = "\n".join(detokenize(line) for line in lines if line.strip())
    return Document(text=text, id=f"{published.isoformat()}/{path.name.split('.')[0]}", published=published)


def read_references(path: Path) -> tuple[tuple[tuple[date, tuple[str, ...]], ...], ...]:
    """The reference timelines of ``timelines.jsonl``."""
    references = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entries = [(date.fromisoformat(day[:10]), tuple(s.strip() for s in sentences)) for day, sentences in json.loads(line)]
        references.append(tuple(entries))
    return tuple(references)


def read_story(folder: Path) -> Story:
    """A story folder: articles sorted by (date, id), so the result never depends on the
    file system's order."""
    documents = []
    for day_folder in sorted((folder / "InputDocs").iterdir()):
        if not day_folder.is_dir():
            continue
        published = date.fromisoformat(day_folder.name)
        for path in sorted(day_folder.iterdir()):
            if path.is_file():
                documents.append(read_article(path, published))
    return Story(name=folder.name, documents=tuple(documents), references=read_references(folder / "timelines.jsonl"))


def story_folders(root: Path) -> list[Path]:
    """The story folders under ``root`` (those with InputDocs and timelines.jsonl), by name."""
    return sorted(p for p in root.iterdir() if (p / "InputDocs").is_dir() and (p / "timelines.jsonl").is_file())
