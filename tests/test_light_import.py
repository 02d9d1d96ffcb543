"""`import timeline` is light (no spaCy until a name needs it), and the data model
imports no stage: the outputs register their writers with it."""

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
