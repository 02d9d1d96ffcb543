"""Each stage module declares its public names in ``__all__``: every name listed exists,
and every top-level name the module defines without a leading underscore is listed (a
helper meant for the module alone takes an underscore)."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "timeline"

# The modules of the stages and what they share (model, errors, tables). Not here: the
# command line (cli, __main__), the private events._parse, and the packages whose
# ``__init__`` lists a chosen few (timeline, timeline.events) or nothing (timeline.times), or
# that declared theirs before (times.normalize: its resolvers are reached through ``resolve``).
STAGE_MODULES = [
    "build", "cues", "dask", "entities", "errors", "keydates", "lexicon", "model", "nlp", "queries",
    "spacy_component", "tables", "wordnet",
    "documents", "documents.dateline", "documents.sections",
    "times.calendar", "times.ranges", "times.recognize", "times.syntax", "times.temporal",
    "events.attach", "events.date", "events.describe", "events.detect", "events.given", "events.learned",
    "events.summary",
    "merge", "merge.clustering", "merge.linkage",
    "outputs", "outputs.page", "outputs.tabular",
]


def source_of(module: str) -> Path:
    """The file of a module: ``a/b.py``, or ``a/b/__init__.py`` for a package."""
    path = SOURCE / (module.replace(".", "/") + ".py")
    return path if path.exists() else SOURCE / module.replace(".", "/") / "__init__.py"


def defined_public_names(module: str) -> set[str]:
    """The top-level names a module's source defines (functions, classes, assignments,
    tuple assignments) without a leading underscore, ``__all__`` aside."""
    tree = ast.parse(source_of(module).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                names.update(element.id for element in elements if isinstance(element, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


@pytest.mark.parametrize("module", STAGE_MODULES)
def test_all_lists_the_public_names(module: str) -> None:
    """``__all__`` names each public name the module defines, once, and nothing it lacks."""
    loaded = importlib.import_module(f"timeline.{module}")
    listed = getattr(loaded, "__all__", None)
    assert listed is not None, f"timeline.{module} has no __all__"
    assert len(listed) == len(set(listed)), f"timeline.{module}.__all__ lists a name twice"
    missing = [name for name in listed if not hasattr(loaded, name)]
    assert not missing, f"timeline.{module}.__all__ lists names it does not have: {missing}"
    unlisted = sorted(defined_public_names(module) - set(listed))
    assert not unlisted, f"timeline.{module} defines public names missing from __all__: {unlisted}"


def test_the_check_reads_tuple_assignments() -> None:
    """Names bound together ("NEWS, NARRATIVE = ...") count as defined, like single ones."""
    assert {"NEWS", "NARRATIVE", "find_times"} <= defined_public_names("times.temporal")
    assert "_WORD" not in defined_public_names("entities")


# --------------------------------------------------------------------------- the docs' names

DOCS = [SOURCE.parent.parent / name for name in ("README.md", "docs/design.md", "docs/data-model.md", "docs/seeds.md")]
# Files the docs name ("timeline.html"), not modules.
FILE_SUFFIXES = (".html", ".csv", ".jsonl", ".json", ".tsv")


def dotted_names(text: str) -> set[str]:
    """The ``timeline.x.y`` names written in backquotes in a Markdown text."""
    return {
        name
        for name in re.findall(r"`(timeline(?:\.[A-Za-z_][A-Za-z0-9_]*)+)", text)
        if not name.endswith(FILE_SUFFIXES)
    }


def resolves(name: str) -> bool:
    """Whether ``name`` is a module of the package or an attribute path below one."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_name_the_docs_write_exists(doc: Path) -> None:
    """A module, function or class the user docs name in code type exists under that
    name (after the package layout moved modules, docs naming old paths misled)."""
    missing = sorted(name for name in dotted_names(doc.read_text(encoding="utf-8")) if not resolves(name))
    assert not missing, f"{doc.name} names what the package does not have: {missing}"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("see `timeline.merge.linkage` and `timeline.build_timeline(docs)`", {"timeline.merge.linkage", "timeline.build_timeline"}),
        ("writes `timeline.html` and `timeline.csv`", set()),
        ("the timeline.events package, unquoted", set()),
    ],
)
def test_dotted_names_reads_code_spans(text: str, expected: set[str]) -> None:
    assert dotted_names(text) == expected


def test_resolves_tells_missing_names() -> None:
    assert resolves("timeline.merge.linkage.average_linkage")
    assert not resolves("timeline.temporal")  # moved to timeline.times.temporal
    assert not resolves("timeline.merge.no_such_function")
