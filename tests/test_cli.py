"""Tests of the command line (timeline.cli), run in-process on temporary files.

The pipeline itself is replaced by a stub that records the documents it gets, so these
tests check the command line's own work: reading files, ids, dates, formats, errors.
"""

from __future__ import annotations

import json
import runpy
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from strategies import atom, calendar_value

import timeline
from timeline.cli import main
from timeline.documents import Document
from timeline.merge import merge_events
from timeline.model import Granularity, PublicationDate, Timeline
from timeline.outputs import timeline_from_dict


class FakeBuild:
    """Stands in for build_timeline: remembers its documents, returns a fixed timeline."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.options: dict[str, Any] = {}

    def __call__(self, docs: Any, **options: Any) -> Timeline:
        self.documents = list(docs)
        self.options = options
        events = [atom(0, 0, "000_first", calendar_value(Granularity.DAY, 2024, 5, 2)),
                  atom(1, 3, "001_second", calendar_value(Granularity.MONTH, 2023, 9), planned=True)]
        progress = options.get("progress")
        for _ in self.documents:
            if progress is not None:
                progress(1)
        built = merge_events(events, documents=[d.id for d in self.documents])
        dates = tuple(
            PublicationDate(d.id, d.published, "given") if d.published else PublicationDate(d.id, None, "none")
            for d in self.documents
        )
        return attrs.evolve(built, publication_dates=dates)


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch) -> FakeBuild:
    """Replace the pipeline the CLI calls with a recording stub."""
    fake = FakeBuild()
    monkeypatch.setattr(timeline, "build_timeline", fake)
    return fake


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory with two articles, a non-.txt file and a subdirectory."""
    (tmp_path / "001_second.txt").write_text("Protests are planned for September.", encoding="utf-8")
    (tmp_path / "000_first.txt").write_text("Russia and Niger signed a pact yesterday.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_directory_expands_to_sorted_txt_files_with_ids_and_dates(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory gives its .txt files in order; --published takes the file name."""
    status = main([str(corpus), "--published", "000_first.txt=2024-05-03", "--published", "001_second=2023-09-18T08:00"])
    assert status == 0
    assert [d.id for d in fake_build.documents] == ["000_first", "001_second"]
    assert [d.published for d in fake_build.documents] == [date(2024, 5, 3), datetime(2023, 9, 18, 8, 0)]
    assert fake_build.documents[0].text == "Russia and Niger signed a pact yesterday."
    out = capsys.readouterr().out
    assert out.splitlines()[0].split("|")[0].strip() == "date"
    assert "Thousands protested against fuel prices in Lagos [planned]" in out
    assert "2024-05-02" in out


def test_files_can_be_named_one_by_one(corpus: Path, fake_build: FakeBuild) -> None:
    """Explicit files keep the command-line order, and a path works in --published."""
    second, first = corpus / "001_second.txt", corpus / "000_first.txt"
    assert main([str(second), str(first), "--published", f"{second}=2023-09-18"]) == 0
    assert [(d.id, d.published) for d in fake_build.documents] == [
        ("001_second", date(2023, 9, 18)), ("000_first", None)]


def test_json_output_reads_back_as_the_timeline(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json prints the versioned JSON form of the built timeline."""
    assert main([str(corpus), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    assert timeline_from_dict(data) == fake_build(fake_build.documents)


def test_timelinejs_output_is_timelinejs_json(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """--timelinejs prints slides with start dates."""
    assert main([str(corpus), "--timelinejs"]) == 0
    slides = json.loads(capsys.readouterr().out)["events"]
    assert [s["start_date"] for s in slides] == [{"year": 2023, "month": 9}, {"year": 2024, "month": 5, "day": 2}]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["missing.txt"], "missing.txt: no such file or directory"),
        (["--published", "000_first.txt=03/05/2024"], "ISO 8601"),
        (["--published", "000_first.txt=2023-02-30"], "not a real calendar date"),
        (["--published", "000_first.txt"], "expected FILE=DATE"),
        (["--published", "other.txt=2024-05-03"], "other.txt, which is not among the input files"),
    ],
)
def test_input_mistakes_exit_2_with_a_message(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    """Missing files and bad dates give status 2 and one clear line, no traceback."""
    assert main([str(corpus), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert fake_build.documents == []


def test_empty_directory_and_undecodable_file_exit_2(
    tmp_path: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory without .txt files and a non-UTF-8 file are input mistakes."""
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty")]) == 2
    assert "no .txt files" in capsys.readouterr().err
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    assert main([str(tmp_path / "latin1.txt")]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_same_id_twice_exits_2(tmp_path: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]) -> None:
    """Two files with the same name in different directories would share an id."""
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("Text.", encoding="utf-8")
    status = main([str(tmp_path / "x"), str(tmp_path / "y")])
    assert status == 2
    assert "duplicate id 'same'" in capsys.readouterr().err


def test_library_failures_exit_1(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing model (not an input mistake) gives status 1 and its message."""

    def broken(docs: Any, **_: Any) -> Timeline:
        raise timeline.ModelNotAvailableError("the spaCy pipeline is not installed")

    monkeypatch.setattr(timeline, "build_timeline", broken)
    assert main([str(corpus)]) == 1
    assert "not installed" in capsys.readouterr().err


def test_no_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without paths argparse prints the usage and exits with 2."""
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m_timeline_runs_main(
    corpus: Path, fake_build: FakeBuild, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m timeline` exits with main()'s status."""
    monkeypatch.setattr(sys, "argv", ["timeline", str(corpus / "nope.txt")])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("timeline", run_name="__main__", alter_sys=True)
    assert exit_info.value.code == 2
    assert "nope.txt" in capsys.readouterr().err


@pytest.mark.parametrize(("extra", "undated"), [([], "drop"), (["--undated", "inherit"], "inherit")])
def test_undated_policy_reaches_the_pipeline(corpus: Path, fake_build: FakeBuild, extra: list[str], undated: str) -> None:
    assert main([str(corpus), *extra]) == 0
    assert fake_build.options == {"undated": undated, "style": "auto"}


def test_style_reaches_the_pipeline(corpus: Path, fake_build: FakeBuild) -> None:
    """`--style narrative` is handed to build_timeline; an unknown style is a usage error."""
    assert main([str(corpus), "--style", "narrative"]) == 0
    assert fake_build.options == {"undated": "drop", "style": "narrative"}
    with pytest.raises(SystemExit) as exit_info:
        main([str(corpus), "--style", "saga"])
    assert exit_info.value.code == 2


def test_times_prints_each_expression_on_one_line(
    tmp_path: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """--times runs the temporal stage only (the real one): a header, then one
    tab-separated row per expression, a line break inside one made a space."""
    (tmp_path / "a.txt").write_text("The troops arrived last month.\nThey left on the\nfollowing day.", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--published", "a=2024-05-03", "--times"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ["id", "start", "end", "text", "type", "value", "mod", "anchor", "rule"]
    rows = [line.split("\t") for line in lines[1:]]
    assert [(r[0], r[3], r[4], r[5], r[7]) for r in rows] == [
        ("a", "last month", "DATE", "2024-04", "publication"),
        # counted from "last month", whose grain it keeps
        ("a", "the following day", "DATE", "2024-04", "previous_mention"),
    ]
    assert fake_build.documents == []  # no timeline was built


def test_about_keeps_the_events_of_one_entity(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--about NAME prints only the events whose roles name that entity (through its aliases); a blank name exits 2."""
    import attrs

    from timeline.model import Entity, Participant

    def build(docs: Any, **options: Any) -> Timeline:
        built = FakeBuild()(docs, **options)
        first, second = built.events
        role = Participant("European Central Bank", "agent", "000_first#0")
        first = attrs.evolve(first, mentions=tuple(attrs.evolve(m, roles=(role,)) for m in first.mentions))
        bank = Entity("000_first#0", "European Central Bank", "ORG", ("ECB", "European Central Bank"), ("ecb",), ("000_first#0",))
        return attrs.evolve(built, events=(first, second), entity_table=(bank,))

    monkeypatch.setattr(timeline, "build_timeline", build)
    assert main([str(corpus), "--json", "--about", "ecb"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["events"]) == 1 and data["events"][0]["mentions"][0]["roles"][0]["role"] == "agent"
    assert main([str(corpus), "--about", " "]) == 2
    assert "query" in capsys.readouterr().err
