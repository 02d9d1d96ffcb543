"""Merge and order events (stub)."""
from __future__ import annotations
from .model import Timeline


def merge(a: Timeline, b: Timeline) -> Timeline:
    raise NotImplementedError
