"""The gradient-boosted pair model of ``tools/clustering_cv.py --model trees`` (issue #15:
an experiment, not shipped; docs/benchmarks.md, "A non-linear pair model")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tool_modules import load_tool


@pytest.mark.parametrize("bad", [["--depth", "0"], ["--trees", "0"], ["--min-leaf", "0"], ["--learning-rate", "0"]])
def test_cross_validation_tool_refuses_bad_tree_settings(
        bad: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tool = load_tool("clustering_cv")
    assert tool.main([str(tmp_path), "--topics", "1,3", "--model", "trees", *bad]) == 2
    assert "--model trees" in capsys.readouterr().err


def test_trees_learn_an_interaction_the_logistic_model_cannot() -> None:
    """A shared trigger key is one event inside one story and seldom across stories, a
    shared story alone says nothing: the trees learn the interaction from ``same_key``
    and ``same_story`` alone (no ``key_in_story``), which a logistic model over these two
    features cannot (one weight for the key, whatever the story)."""
    pytest.importorskip("sklearn")
    from timeline.merge.clustering import FEATURES

    tool = load_tool("clustering_cv")

    def row(**values: float) -> list[float]:
        return [values.get(name, 0.0) for name in FEATURES]

    both, key_only, story_only, neither = (row(same_key=1.0, same_story=1.0), row(same_key=1.0),
                                           row(same_story=1.0), row())
    rows = [both] * 60 + [key_only] * 60 + [story_only] * 60 + [neither] * 60
    labels = ([1.0] * 54 + [0.0] * 6) + ([1.0] * 3 + [0.0] * 57) + ([1.0] * 12 + [0.0] * 48) + ([1.0] * 12 + [0.0] * 48)
    scorer = tool.fit_trees(rows, labels, tool.TreeSettings(depth=2, trees=100, min_leaf=5))
    p_both, p_key, p_story, p_neither = scorer([both, key_only, story_only, neither])
    assert p_both > 0.8 and p_key < 0.1
    assert p_key < p_neither and abs(p_story - p_neither) < 0.05
    assert scorer([]) == []
