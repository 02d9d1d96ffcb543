"""The experiment tools' keyed options (``tools/``): an unknown ``--split`` (or feature)
is an argparse error naming the allowed values, given before any corpus is read; and
the option type behind it, :func:`timeline.evaluate.options.comma_choices`."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from tool_modules import TOOLS, load_tool

from timeline.evaluate.options import comma_choices

def test_comma_choices_reads_a_list_in_its_order() -> None:
    """Known keys come back as a tuple in the order written, empty parts skipped."""
    parse = comma_choices(("tb2aq", "aq2tb", "cv5"), "split")
    assert parse("cv5,tb2aq") == ("cv5", "tb2aq")
    assert parse("aq2tb,") == ("aq2tb",)
    assert parse("") == ()


def test_comma_choices_names_the_unknown_and_the_allowed() -> None:
    """An unknown key raises ArgumentTypeError with the key and every allowed value."""
    parse = comma_choices(("tb2aq", "aq2tb", "cv5"), "split")
    with pytest.raises(argparse.ArgumentTypeError, match=r"unknown split 'tb2xx' \(allowed: tb2aq, aq2tb, cv5\)"):
        parse("tb2aq,tb2xx")


def test_tagger_experiment_rejects_an_unknown_split(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """tools/event_tagger_experiment.py --split tb2xx: usage error (status 2) naming the
    allowed splits, before the (absent) corpus is read; it was a KeyError after."""
    tool = load_tool("event_tagger_experiment")
    with pytest.raises(SystemExit) as stopped:
        tool.main([str(tmp_path / "absent"), "--split", "tb2aq,tb2xx"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "argument --split: unknown split 'tb2xx' (allowed: tb2aq, aq2tb, tb2tb)" in error


def test_detector_experiments_reject_an_unknown_split_and_feature(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """tools/event_detector_experiments.py: an unknown --split or --extra is a usage
    error naming the allowed values (the split was caught only after the corpus was
    read and earlier splits had run, the feature family was a KeyError)."""
    pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")
    tool = load_tool("event_detector_experiments")
    for option, value, message in (("--split", "cv10", "unknown split 'cv10' (allowed: tb2aq, aq2tb, cv5, cv5tb)"),
                                   ("--extra", "verbnoun", "unknown feature family 'verbnoun' (allowed: nounverb, wordnet, wnsense, wnctx, wnhyp, wnnoun)")):
        with pytest.raises(SystemExit) as stopped:
            tool.main([str(tmp_path / "absent"), option, value])
        assert stopped.value.code == 2
        assert f"argument {option}: {message}" in capsys.readouterr().err


def test_tool_options_all_have_help() -> None:
    """Every option of the tools and benchmark scripts says what it is for (--help)."""
    import ast

    root = TOOLS.parent
    missing = []
    for path in sorted([*root.glob("tools/*.py"), *root.glob("benchmarks/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument":
                if not any(keyword.arg == "help" for keyword in node.keywords):
                    missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not missing, missing


def test_untrainable_topics_are_the_dev_and_test_ones() -> None:
    """The ECB+ topics the learning tools refuse: dev topics and the test topics from 36, sorted."""
    from timeline.evaluate.ecbplus import DEV_TOPICS, TRAIN_TOPICS, untrainable_topics

    assert untrainable_topics([40, 1, 2, 36, 35]) == [2, 35, 36, 40]
    assert untrainable_topics(TRAIN_TOPICS) == []
    assert untrainable_topics(DEV_TOPICS) == sorted(DEV_TOPICS)


@pytest.mark.benchmark_data
def test_every_train_and_dev_topic_has_its_folder() -> None:
    """``--topics train`` / ``dev`` name only topics the ECB+ data holds (it has no 15 or 17:
    listing them made ``ecbplus-entities --topics train`` stop on a missing folder)."""
    from timeline.evaluate.ecbplus import ABSENT_TOPICS, DEV_TOPICS, TRAIN_TOPICS

    folder = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ecbplus" / "ECB+"
    if not folder.is_dir():
        pytest.skip(f"ECB+ not found under {folder} (../shared/data)")
    held = {int(path.name) for path in folder.iterdir() if path.name.isdigit()}
    assert set(TRAIN_TOPICS) | set(DEV_TOPICS) == held - set(range(36, 46))
    assert not held & set(ABSENT_TOPICS)
