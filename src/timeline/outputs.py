"""Outputs (stub)."""
from __future__ import annotations
from typing import Any


def to_timeml(doc: Any, mentions: Any) -> str:
    raise NotImplementedError
