"""build_timeline: documents -> times -> events -> merged, ordered Timeline (stub)."""
from __future__ import annotations
from typing import Any
from .model import Timeline


def build_timeline(docs: Any, *, nlp: Any = None) -> Timeline:
    raise NotImplementedError
