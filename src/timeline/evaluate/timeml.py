"""A small TimeML reader: the text of ``<TEXT>`` with its annotations as character spans.

``read_timeml(path)`` returns a :class:`TimeMLDocument` whose ``text`` is the content of
the ``<TEXT>`` element with every tag removed and XML entities unescaped; every
annotation's ``start``/``end`` index into exactly that string. It works for the
TempEval-3 corpora (TBAQ-cleaned) and for the SemEval-2015 Task 4 documents, which wrap
sentences in ``<s id=N>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from os import PathLike
from pathlib import Path
from typing import Optional, Union

import attrs

# Tags that only structure the text (sentences); they are reported as ``sentences``, not
# as annotations.
_SENTENCE_TAG = "s"

_DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@attrs.frozen
class Annotation:
    """One tagged span inside ``<TEXT>``: the tag name, ``[start, end)`` offsets into the
    document text, the covered text and the tag's XML attributes."""

    tag: str
    start: int
    end: int
    text: str
    # Left out of the hash (a dict is unhashable); still part of equality.
    attrs: dict[str, str] = attrs.field(factory=dict, hash=False)

    @property
    def id(self) -> Optional[str]:
        """The TimeML id of the tag (``tid``, ``eid``, ``sid``), when it has one."""
        for key in ("tid", "eid", "sid", "id"):
            if key in self.attrs:
                return self.attrs[key]
        return None


@attrs.frozen
class TimeMLDocument:
    """A TimeML document: id, creation time (DCT), text and its annotations.

    ``annotations`` holds every tag found inside ``<TEXT>`` (TIMEX3, EVENT, SIGNAL, ...)
    in document order, except sentence tags, which are in ``sentences`` as
    ``(sentence id, start, end)``."""

    doc_id: str
    dct: Optional[str]
    dct_date: Optional[date]
    text: str
    annotations: tuple[Annotation, ...] = ()
    sentences: tuple[tuple[str, int, int], ...] = ()
    title: Optional[str] = None
    path: Optional[str] = None

    @property
    def timexes(self) -> tuple[Annotation, ...]:
        """The TIMEX3 annotations inside ``<TEXT>`` that cover text (the DCT is not one
        of them, nor a non-consuming TIMEX3 such as a range's implicit duration)."""
        return tuple(a for a in self.tagged("TIMEX3") if a.end > a.start)

    @property
    def events(self) -> tuple[Annotation, ...]:
        """The EVENT annotations inside ``<TEXT>``."""
        return self.tagged("EVENT")

    def tagged(self, tag: str) -> tuple[Annotation, ...]:
        """The annotations with the given tag name, in document order."""
        return tuple(a for a in self.annotations if a.tag == tag)


class _TextBuilder:
    """Walks an element tree, concatenating text and tails and recording where each
    element starts and ends in the concatenation."""

    def __init__(self, sentence_separator: str) -> None:
        self.pieces: list[str] = []
        self.length = 0
        self.annotations: list[Annotation] = []
        self.sentences: list[tuple[str, int, int]] = []
        self.sentence_separator = sentence_separator

    def add(self, piece: Optional[str]) -> None:
        if piece:
            self.pieces.append(piece)
            self.length += len(piece)

    def walk_children(self, element: ET.Element) -> None:
        self.add(element.text)
        for child in element:
            self.walk(child)
            self.add(child.tail)

    def walk(self, element: ET.Element) -> None:
        tag = _local_name(element.tag)
        if tag == _SENTENCE_TAG and self.sentence_separator and self.sentences:
            # SemEval sentences follow each other with no whitespace in between;
            # without a separator "2008</s><s>The" would read as one token "2008The".
            self.add(self.sentence_separator)
        start = self.length
        # Recorded before the children so annotations stay in document order even
        # when tags nest.
        position = len(self.annotations)
        self.walk_children(element)
        end = self.length
        if tag == _SENTENCE_TAG:
            self.sentences.append((element.get("id", str(len(self.sentences))), start, end))
            return
        covered = "".join(element.itertext())
        self.annotations.insert(position, Annotation(tag, start, end, covered, dict(element.attrib)))

    @property
    def text(self) -> str:
        return "".join(self.pieces)


def _local_name(tag: object) -> str:
    """The tag without a ``{namespace}`` prefix (comments and PIs have non-str tags)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _find(root: ET.Element, name: str) -> Optional[ET.Element]:
    """The first element called ``name`` anywhere under ``root`` (namespace-agnostic)."""
    for element in root.iter():
        if _local_name(element.tag) == name:
            return element
    return None


def _parse_dct_date(value: Optional[str]) -> Optional[date]:
    """The calendar day of a DCT value such as ``1998-11-20T19:30``; None if not a day."""
    if not value:
        return None
    match = _DATE_PREFIX.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_timeml(path: Union[str, PathLike[str]], *, sentence_separator: str = "") -> TimeMLDocument:
    """Read a TimeML file into a :class:`TimeMLDocument`.

    ``sentence_separator`` is inserted between consecutive ``<s>`` elements (the
    SemEval-2015 files have none, so "\\n" is a sensible choice there); with the default
    ``""`` the text is exactly the content of ``<TEXT>`` without its tags.

    Raises ``ValueError`` naming the file when it is not well-formed XML or has no
    ``<TEXT>`` element."""
    file = Path(path)
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as err:
        raise ValueError(f"{file}: not well-formed XML ({err})") from None

    text_element = _find(root, "TEXT")
    if text_element is None:
        raise ValueError(f"{file}: no <TEXT> element")
    builder = _TextBuilder(sentence_separator)
    builder.walk_children(text_element)

    docid_element = _find(root, "DOCID")
    doc_id = (docid_element.text or "").strip() if docid_element is not None else ""
    # Some corpora leave DOCID out; the file name is the id then.
    doc_id = doc_id or file.stem

    dct: Optional[str] = None
    dct_element = _find(root, "DCT")
    if dct_element is not None:
        dct_timex = _find(dct_element, "TIMEX3")
        if dct_timex is not None:
            dct = dct_timex.get("value")
    if dct is None:
        # TimeML without a <DCT> wrapper marks the creation time on the TIMEX3 itself.
        for element in root.iter():
            if _local_name(element.tag) == "TIMEX3" and element.get("functionInDocument") == "CREATION_TIME":
                dct = element.get("value")
                break

    title_element = _find(root, "TITLE")
    title = " ".join("".join(title_element.itertext()).split()) if title_element is not None else None

    return TimeMLDocument(
        doc_id=doc_id,
        dct=dct,
        dct_date=_parse_dct_date(dct),
        text=builder.text,
        annotations=tuple(builder.annotations),
        sentences=tuple(builder.sentences),
        title=title or None,
        path=str(file),
    )


def read_timeml_directory(
    directory: Union[str, PathLike[str]], *, limit: Optional[int] = None, sentence_separator: str = ""
) -> list[TimeMLDocument]:
    """Read every ``*.tml`` file of a directory, sorted by file name (``limit`` keeps the
    first N)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: not a directory")
    files = sorted(folder.glob("*.tml"))
    if limit is not None:
        files = files[: max(limit, 0)]
    return [read_timeml(f, sentence_separator=sentence_separator) for f in files]
