"""The command line as people use it: stdin, -o, --html/--csv/--jsonl files, the
progress bar, skipped files, the warning about missing publication dates, the name in
the help, --version and a closed pipe. In-process with the pipeline stubbed (as in
test_cli.py), plus two runs of the real command in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import FakeBuild, corpus, fake_build  # noqa: F401  (fixtures)

import timeline
from timeline.cli import EXIT_PIPE, EXIT_SKIPPED, main, parser, program_name, run
from timeline.documents import MAX_TEXT_CHARS

SRC = Path(timeline.__file__).resolve().parent.parent


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_dash_reads_one_article_from_stdin(
    corpus: Path, fake_build: FakeBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-' is standard input, id 'stdin', dated with --published stdin=DATE."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("Niger's junta took power on July 26, 2023."))
    assert main(["-", str(corpus / "000_first.txt"), "--published", "stdin=2024-05-03"]) == 0
    assert [(d.id, str(d.published)) for d in fake_build.documents] == [("stdin", "2024-05-03"), ("000_first", "None")]
    assert fake_build.documents[0].text.startswith("Niger's junta")


def test_output_file_and_the_html_csv_jsonl_files(
    corpus: Path, fake_build: FakeBuild, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o takes the table off stdout; --html, --csv and --jsonl each write their file,
    one row (or line, or <li>) per event."""
    out, page, table, lines = (tmp_path / name for name in ("out.txt", "t.html", "t.csv", "t.jsonl"))
    status = main([str(corpus), "-o", str(out), "--html", str(page), "--csv", str(table), "--jsonl", str(lines), "--title", "Niger"])
    assert status == 0
    assert capsys.readouterr().out == ""
    built = fake_build(fake_build.documents)
    assert out.read_text(encoding="utf-8") == str(built) + "\n"
    assert page.read_text(encoding="utf-8") == built.to_html(title="Niger")
    assert page.read_text(encoding="utf-8").count('<li class="event') == len(built) == 2
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert [r["value"] for r in rows] == [e.when.value for e in built]
    assert [json.loads(line)["id"] for line in lines.read_text(encoding="utf-8").splitlines()] == [e.id for e in built]


def test_unusable_files_are_named_and_skipped_with_status_3(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not UTF-8 and one over the length limit are each reported by
    name; the others are built; the exit status says some were skipped."""
    (corpus / "002_latin1.txt").write_bytes("caf\xe9 on Monday".encode("latin-1"))
    (corpus / "003_huge.txt").write_text("a" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    assert main([str(corpus)]) == EXIT_SKIPPED
    err = capsys.readouterr().err
    assert f"skipped {corpus / '002_latin1.txt'}: not UTF-8 text" in err
    assert f"skipped {corpus / '003_huge.txt'}: text has {MAX_TEXT_CHARS + 1:,} characters" in err
    assert "Traceback" not in err
    assert [d.id for d in fake_build.documents] == ["000_first", "001_second"]


def test_a_warning_names_the_files_without_publication_date(
    corpus: Path, fake_build: FakeBuild, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files read without a date are named, with what it means and how to fix it."""
    assert main([str(corpus), "--published", "000_first=2024-05-03"]) == 0
    err = capsys.readouterr().err
    assert "warning: no publication date for 001_second (" in err
    assert "stay unresolved" in err and "--published FILE=DATE" in err
    assert "000_first" not in err


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(corpus: Path, fake_build: FakeBuild) -> None:
    """The bar (documents done out of the total) is drawn on a terminal; --quiet and a
    stderr that is no terminal get none, and the timeline is the same."""
    shown = Terminal()
    assert run(parser().parse_args([str(corpus)]), io.StringIO(), err=shown) == 0
    assert "analyzing:" in shown.getvalue() and "0/2 [" in shown.getvalue()  # the total is known: an ETA
    for args, stream in (([str(corpus), "--quiet"], Terminal()), ([str(corpus)], io.StringIO())):
        assert run(parser().parse_args(args), io.StringIO(), err=stream) == 0
        assert "analyzing" not in stream.getvalue()
        assert "progress" not in fake_build.options


def test_files_of_the_timeline_are_refused_with_times(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus), "--times", "--html", "t.html"]) == 2
    assert "--times prints expressions only" in capsys.readouterr().err


def test_jobs_reach_the_pipeline(corpus: Path, fake_build: FakeBuild) -> None:
    assert main([str(corpus), "-j", "2"]) == 0
    assert fake_build.options["n_process"] == 2


def test_help_shows_the_name_it_was_called_by() -> None:
    """`news-timeline` shows its own name, `python -m timeline` that command."""
    assert program_name("/usr/local/bin/news-timeline") == "news-timeline"
    assert program_name("/x/src/timeline/__main__.py") == "python -m timeline"
    assert parser("news-timeline").format_help().startswith("usage: news-timeline ")
    assert "--html FILE" in parser("x").format_help()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.split()[-1] == timeline.__version__


def _python_m_timeline(*args: str, **options: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-m", "timeline", *args], env=env, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options,  # type: ignore[call-overload]
    )


def test_real_command_reads_stdin_and_writes_a_page(tmp_path: Path) -> None:
    """The installed pipeline end to end: an article on stdin, its timeline printed and
    written as a page; the help names `python -m timeline`."""
    page = tmp_path / "t.html"
    process = _python_m_timeline("-", "--published", "stdin=2023-09-18", "--html", str(page), stdin=subprocess.PIPE)
    out, err = process.communicate("Niger's ruling junta signed a defense pact with Mali on Saturday.", timeout=300)
    assert process.returncode == 0, err
    assert "2023-09-16" in out and "stdin" in out
    assert page.read_text(encoding="utf-8").count('<li class="event') == 1
    assert err == ""
    helped = _python_m_timeline("--help")
    assert helped.communicate(timeout=60)[0].startswith("usage: python -m timeline ")


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """Like `... | head`: the reader is gone before the output is written; the command
    ends with status 141 and no traceback."""
    article = tmp_path / "a.txt"
    article.write_text("The troops arrived on Monday. " * 50, encoding="utf-8")
    process = _python_m_timeline(str(article), "--published", "a=2024-05-03", "--times")
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away at once
    err = process.stderr.read()
    assert process.wait(timeout=300) == EXIT_PIPE
    assert "Traceback" not in err and "BrokenPipe" not in err
