"""Stage 2+3 entry points: find temporal expressions in documents and normalize them.

``find_times`` is the public call; ``find_times_in_parsed`` is the pure per-document
function (a Document and its spaCy parse in, TimeMentions out) that batch callers use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc

from .documents import DateLike, Document, as_document
from .model import TimeMention
from .nlp import parse_texts, resolve_nlp


def find_times_in_parsed(document: Document, parsed: Optional[Doc]) -> list[TimeMention]:
    """Temporal expressions of one document, normalized against its context.

    ``parsed`` is the spaCy parse of ``document.text`` (used for tense and sentences);
    with ``None`` the engine falls back to the publication date alone."""
    return []  # filled in by the temporal engine


def find_times(
    doc: Union[Document, str, Doc, Any],
    *,
    published: DateLike = None,
    nlp: Optional[Language] = None,
) -> list[TimeMention]:
    """Find and normalize the temporal expressions of one document.

    ``doc`` is a :class:`Document`, a ``str`` or a ready spaCy ``Doc``; ``published``
    sets (or overrides a missing) publication date; ``nlp`` is any spaCy pipeline."""
    if isinstance(doc, Doc):
        document = as_document(doc.text, published=published)
        return find_times_in_parsed(document, doc)
    document = as_document(doc, published=published)
    parsed = resolve_nlp(nlp)(document.text)
    return find_times_in_parsed(document, parsed)


def find_times_many(docs: Iterable[Document], *, nlp: Optional[Language] = None) -> list[list[TimeMention]]:
    """Find times in many documents, parsing them in batches with ``nlp.pipe``."""
    documents = list(docs)
    parsed_docs = parse_texts((d.text for d in documents), nlp)
    return [find_times_in_parsed(d, p) for d, p in zip(documents, parsed_docs)]
