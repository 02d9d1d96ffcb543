"""Command-line option types shared by the evaluation commands and the experiment tools
(``tools/``): a comma-separated list of keyed choices, checked when the options are
parsed, so that an unknown key is an argparse error naming the allowed ones (not a
``KeyError`` after the corpus has been read)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable

__all__ = ["comma_choices"]


def comma_choices(allowed: Iterable[str], noun: str) -> Callable[[str], tuple[str, ...]]:
    """An argparse ``type`` reading ``"a,b"`` as ``("a", "b")``, each one of ``allowed``
    (in their order, empty parts skipped); an unknown one raises
    :class:`argparse.ArgumentTypeError` naming it and the allowed values (``noun``
    words the message: "unknown split 'tb2xx' (allowed: tb2aq, aq2tb, cv5)")."""
    choices = tuple(allowed)

    def parse(text: str) -> tuple[str, ...]:
        parts = tuple(part.strip() for part in text.split(",") if part.strip())
        unknown = [part for part in parts if part not in choices]
        if unknown:
            names = ", ".join(repr(part) for part in unknown)
            plural = "s" if len(unknown) > 1 else ""
            raise argparse.ArgumentTypeError(f"unknown {noun}{plural} {names} (allowed: {', '.join(choices)})")
        return parts

    return parse
