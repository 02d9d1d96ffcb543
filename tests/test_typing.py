"""The package type-checks: mypy over src/timeline with the settings in pyproject.toml
(every function annotated; the package ships ``py.typed``, so callers rely on it)."""

from __future__ import annotations

from pathlib import Path

import mypy.api

ROOT = Path(__file__).resolve().parent.parent


def test_package_type_checks() -> None:
    stdout, stderr, status = mypy.api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental"])
    assert status == 0, stdout + stderr
