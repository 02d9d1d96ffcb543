"""A pickle cache of per-document results for the timeline-summarization benchmark.

Parsing a few hundred articles takes minutes; a development loop over the salience
weights needs only the :class:`timeline.build.DocumentResult` of each article, which is
plain data. The cache key hashes the documents (id, publication date, text), the
``undated`` policy and the library's stage modules, so a change to any stage (or to a
resource table) invalidates it; the ranking stage (:mod:`timeline.keydates`) and the
evaluation code are left out of the key, since they only read the results.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import attrs

from ..build import DocumentResult, read_documents, timeline_of
from ..build import analyze_documents as analyze_in_order
from ..documents import Document
from ..model import Timeline

_PACKAGE = Path(__file__).resolve().parent.parent
_NOT_STAGES = ("keydates.py", "cli.py")
_NOT_STAGE_PACKAGES = ("evaluate", "outputs", "__pycache__")  # they only read the results


def _library_fingerprint() -> str:
    digest = hashlib.sha1()
    for path in sorted(_PACKAGE.rglob("*")):
        if not path.is_file() or path.name in _NOT_STAGES or set(path.relative_to(_PACKAGE).parts) & set(_NOT_STAGE_PACKAGES):
            continue
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(documents: Sequence[Document], undated: str) -> str:
    """The key of these documents' results under the current library."""
    digest = hashlib.sha1(_library_fingerprint().encode())
    digest.update(undated.encode())
    for document in documents:
        for part in (document.id, str(document.published), document.text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
    return digest.hexdigest()[:20]


def analyze_documents(
    documents: Sequence[Document], *, undated: str = "inherit", cache_dir: Optional[Path] = None
) -> list[DocumentResult]:
    """The results of ``documents`` (one batched ``nlp.pipe`` pass,
    :func:`timeline.build.analyze_documents`), read from and written to ``cache_dir``
    when given.

    The parse is always analyzed with ``undated="inherit"`` and cached so; the
    ``"drop"`` results are those with the inherited events left out, which is exactly
    what :func:`timeline.build.analyze_document` returns for ``"drop"`` (the dated
    events first, the inherited ones added after), so one parse serves both."""
    path = cache_dir / f"{cache_key(documents, 'inherit')}.pickle" if cache_dir is not None else None
    results: Optional[list[DocumentResult]] = _load(path)
    if results is None:
        used, _ = read_documents(documents)  # dates from the datelines, as build_timeline does
        results = list(analyze_in_order(used, undated="inherit"))
        _store(path, results)
    if undated == "drop":
        return [
            attrs.evolve(r, events=tuple(e for e in r.events if all(not m.inferred for m in e.mentions)))
            for r in results
        ]
    return results


def merged_timeline(
    documents: Sequence[Document], *, undated: str = "inherit", cache_dir: Optional[Path] = None
) -> Timeline:
    """The merged timeline of ``documents`` (as :func:`timeline.build_timeline` gives it),
    read from and written to ``cache_dir`` when given."""
    path = cache_dir / f"{cache_key(documents, undated)}.timeline.pickle" if cache_dir is not None else None
    cached: Optional[Timeline] = _load(path)
    if cached is not None:
        return cached
    results = analyze_documents(documents, undated=undated, cache_dir=cache_dir)
    _, dates = read_documents(documents)
    timeline = attrs.evolve(timeline_of(results, documents=[d.id for d in documents]), publication_dates=dates)
    _store(path, timeline)
    return timeline


def _load(path: Optional[Path]) -> Any:
    if path is None or not path.is_file():
        return None
    with path.open("rb") as handle:
        return pickle.load(handle)


def _store(path: Optional[Path], value: object) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)
