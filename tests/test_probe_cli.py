"""Tests of the command line the probe scorers share (timeline.evaluate.probe_cli)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from timeline.evaluate.probe_cli import probe_main


def _run(argv: list[str], tmp_path: Path) -> tuple[int, list[tuple[Mapping[str, Any], bool]]]:
    printed: list[tuple[Mapping[str, Any], bool]] = []
    status = probe_main(
        argv,
        prog="probes",
        description="test",
        default=tmp_path / "default.tsv",
        file_noun="probe table",
        item_noun="probe",
        score=lambda path: {"file": path.name},
        print_text=lambda report, verbose: printed.append((report, verbose)),
    )
    return status, printed


def test_a_missing_file_is_status_2_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, printed = _run([], tmp_path)
    assert status == 2 and printed == []
    assert f"no probe table at {tmp_path / 'default.tsv'}" in capsys.readouterr().err


def test_text_and_json_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "mine.tsv"
    table.write_text("x\n")
    assert _run([str(table), "--verbose"], tmp_path) == (0, [({"file": "mine.tsv"}, True)])
    assert _run([str(table)], tmp_path) == (0, [({"file": "mine.tsv"}, False)])
    capsys.readouterr()
    status, printed = _run([str(table), "--json"], tmp_path)
    assert status == 0 and printed == []
    assert json.loads(capsys.readouterr().out) == {"file": "mine.tsv"}
