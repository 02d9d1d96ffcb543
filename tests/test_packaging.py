"""Every bundled resource ships in the wheel: each file under ``src/timeline/resources``
matches a ``[tool.setuptools.package-data]`` pattern of pyproject.toml (a new folder or
extension that is not listed works from a checkout and fails for an installed user)."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "timeline"


def _patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["setuptools"]["package-data"]["timeline"])


def _shipped(relative: str, patterns: list[str]) -> bool:
    # setuptools globs: "*" does not cross a folder, as fnmatch's does; compare part by part
    parts = relative.split("/")
    return any(
        len(pattern.split("/")) == len(parts)
        and all(fnmatch.fnmatchcase(part, glob) for part, glob in zip(parts, pattern.split("/")))
        for pattern in patterns
    )


def test_every_resource_file_is_package_data() -> None:
    patterns = _patterns()
    files = [p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "resources").rglob("*") if p.is_file()]
    assert len(files) > 30
    missing = [f for f in files if not _shipped(f, patterns) and "__pycache__" not in f]
    assert missing == []


def test_the_check_sees_an_unlisted_file() -> None:
    patterns = ["resources/*.tsv", "resources/wordnet/*.tsv.gz"]
    assert _shipped("resources/events_nouns.tsv", patterns)
    assert _shipped("resources/wordnet/lemmas.tsv.gz", patterns)
    assert not _shipped("resources/wordnet/LICENSE-WordNet.txt", patterns)
    assert not _shipped("resources/new_folder/table.tsv", patterns)
