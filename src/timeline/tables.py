"""Reading the bundled resource tables (``resources/*.tsv``) that the stages share.

One reader, one error format: a missing file or a malformed row raises
:class:`timeline.errors.ResourceError` naming the file and line. The temporal lexicons
and rules are read with :func:`resource_text` too and compiled by
:mod:`timeline.lexicon`.
"""

from __future__ import annotations

from importlib import resources

from .errors import ResourceError


def resource_text(*parts: str) -> str:
    """The text of ``resources/<parts...>`` bundled with the package."""
    location = resources.files("timeline").joinpath("resources")
    for part in parts:
        location = location.joinpath(part)
    try:
        return location.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as err:
        raise ResourceError(f"missing resource file resources/{'/'.join(parts)}: {err}") from None


def resource_table(name: str) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of ``resources/<name>``, comments and blank
    lines skipped."""
    text = resource_text(name)
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.lstrip().startswith("#") or not raw.strip():
            continue
        rows.append((number, [cell.strip() for cell in raw.split("\t")]))
    return rows


def read_resource_rows(name: str, columns: int) -> list[list[str]]:
    """Rows of ``resources/<name>``, each checked to have ``columns`` non-empty fields."""
    rows = []
    for number, cells in resource_table(name):
        if len(cells) != columns or not all(cells):
            raise ResourceError(f"resources/{name} line {number}: expected {columns} tab-separated fields, got {cells!r}")
        rows.append(cells)
    return rows


__all__ = [
    "read_resource_rows", "resource_table", "resource_text"
]
