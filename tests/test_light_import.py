"""`import timeline` is light (no spaCy until a name needs it), the data model imports
no stage (the outputs register their writers with it), and the stages import only
earlier stages and the shared modules (docs/design.md, "The flow")."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import timeline

SRC = Path(timeline.__file__).resolve().parent


def _run(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC.parent)}
    return subprocess.run([sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env, timeout=120)


def test_import_timeline_and_a_document_do_not_load_spacy() -> None:
    """A fresh interpreter: `import timeline`, a Document, a Timeline's JSON and page,
    and spaCy is still not loaded, nor dateparser (a written date such as "May 4, 2024"
    loads it, not spaCy); build_timeline then loads spaCy on first use."""
    code = (
        "import sys, timeline\n"
        "timeline.Document('It rained on May 3, 2024.', published='2024-05-04')\n"
        "timeline.Timeline().to_json(); timeline.Timeline().to_html(); timeline.Timeline().to_csv()\n"
        "assert 'spacy' not in sys.modules, sorted(m for m in sys.modules if m.startswith('spacy'))\n"
        "assert 'dateparser' not in sys.modules  # an ISO date needs no dateparser\n"
        "timeline.Document('It rained.', published='May 4, 2024')\n"
        "assert 'dateparser' in sys.modules and 'spacy' not in sys.modules\n"
        "timeline.build_timeline\n"
        "assert 'spacy' in sys.modules\n"
        "print('ok')\n"
    )
    completed = _run(code)
    assert completed.stdout.strip() == "ok", completed.stderr


def test_import_time_is_well_under_a_second() -> None:
    """-X importtime's cumulative figure for the package: a generous guard (0.3 s is
    the target, typically 0.15 s; spaCy alone takes about a second)."""
    completed = _run("import timeline", "-X", "importtime")
    lines = [line for line in completed.stderr.splitlines() if line.rstrip().endswith("| timeline")]
    assert lines, completed.stderr[-2000:]
    cumulative_us = int(lines[-1].split("|")[1])
    assert cumulative_us < 900_000, f"import timeline took {cumulative_us / 1e6:.2f} s"
    assert "spacy" not in completed.stderr


def _package_imports(module: str) -> set[str]:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            imported.add(node.module or "")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("timeline"):
            imported.add(node.module or "")
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names if alias.name.startswith("timeline"))
    return imported


def test_the_model_imports_no_stage() -> None:
    """model.py imports nothing of the package but the exceptions (no outputs, no stage),
    not even inside a function: the format methods find their writers in its registry;
    errors.py, which its records raise from, imports nothing of the package either."""
    assert _package_imports("model.py") == {"errors"}
    assert _package_imports("errors.py") == set()


# The order of the flow (docs/design.md): a module may import its own rank or a lower one.
SHARED = {"model", "errors", "tables", "lexicon", "cues", "wordnet", "nlp"}
STAGE_RANKS = {
    "documents": 1, "times": 2, "events": 3, "entities": 4, "merge": 5, "keydates": 6,
    "outputs": 7, "queries": 7,
    "build": 8, "dask": 8, "cli": 8, "spacy_component": 8, "__init__": 8, "__main__": 8,
    "evaluate": 9,
}


def _rank(module: str) -> int:
    """The rank of a dotted module under timeline ("times.recognize" -> 2, "model" -> 0)."""
    head = module.split(".")[0]
    if head in SHARED:
        return 0
    return STAGE_RANKS[head]


def _imported_modules(path: Path) -> set[str]:
    """The package's modules a file imports, anywhere in it (inside functions too), as
    dotted names under timeline; a name imported from a package counts as its submodule
    when there is one ("from . import clustering")."""
    here = path.relative_to(SRC).with_suffix("").parts
    package = here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)])
            module = ".".join([*base, *([node.module] if node.module else [])])
            targets = [f"{module}.{alias.name}" if module else alias.name for alias in node.names]
            targets = [t if _is_module(t) else module for t in targets]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("timeline."):
            targets = [node.module.removeprefix("timeline.")]  # type: ignore[union-attr]
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("timeline.") for a in node.names if a.name.startswith("timeline.")]
        found.update(t for t in targets if t)
    return found


def _is_module(dotted: str) -> bool:
    path = SRC.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_no_module_imports_a_later_stage() -> None:
    """Every import inside the package goes down the flow or stays in its stage; the
    shared modules import only each other."""
    upward = []
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        module = ".".join(parts)
        rank = _rank(module)
        for imported in _imported_modules(path):
            if _rank(imported) > rank:
                upward.append(f"{module} imports {imported}")
    assert not upward, upward
    assert len(list(SRC.rglob("*.py"))) > 40  # the walk saw the package


def test_the_layering_check_sees_relative_and_lazy_imports() -> None:
    """The check reads imports inside functions and resolves relative ones: an outputs
    import inside a times function is found as upward."""
    assert _rank("times.recognize") == 2 and _rank("outputs.page") == 7 and _rank("cues") == 0
    found = _imported_modules(SRC / "documents" / "__init__.py")
    assert "lexicon" in found and "errors" in found  # the lazy weekday import counts
    found = _imported_modules(SRC / "merge" / "clustering.py")
    assert "merge" in found and "merge.linkage" in found and "model" in found
