"""Tests of the TempEval-3 Task B scorer (timeline.evaluate.events).

Synthetic TimeML checks the reader and the arithmetic by hand; the benchmark test
scores weights trained on TimeBank only (tests/data, not shipped; written by
tools/train_event_detector.py) on a fixed subset of AQUAINT, which they never saw, and
is skipped when ../shared/data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tool_modules import load_tool

from timeline.evaluate.__main__ import main as evaluate_main
from timeline.evaluate.events import EventScores, EventSpan, evaluate_directory, gold_events, score_events
from timeline.evaluate.timeml import read_timeml
from timeline.events.learned import load_model_file

REPO_ROOT = Path(__file__).resolve().parents[1]
AQUAINT = REPO_ROOT.parent / "shared" / "data" / "tempeval3" / "AQUAINT"
TIMEBANK_ONLY_MODEL = Path(__file__).parent / "data" / "event_detector_timebank.json.gz"

SYNTHETIC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>synthetic1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-03" functionInDocument="CREATION_TIME">2024-05-03</TIMEX3></DCT>
<TEXT>Troops <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the city, officials <EVENT eid="e2" class="REPORTING">said</EVENT>, and the <EVENT eid="e3" class="OCCURRENCE">re-election</EVENT> would not <EVENT eid="e4" class="OCCURRENCE">happen</EVENT>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="NONE" aspect="NONE" polarity="NEG" modality="WOULD" pos="VERB" />
</TimeML>
"""


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    path = tmp_path / "synthetic1.tml"
    path.write_text(SYNTHETIC, encoding="utf-8")
    return path


class TestGold:
    def test_events_with_instance_attributes(self, synthetic: Path) -> None:
        """Gold events carry their class and their MAKEINSTANCE tense, polarity and (lower-cased) modality."""
        gold = gold_events(read_timeml(synthetic))
        assert [(g.text, g.event_class) for g in gold] == [
            ("attacked", "OCCURRENCE"), ("said", "REPORTING"), ("re-election", "OCCURRENCE"), ("happen", "OCCURRENCE")
        ]
        assert gold[0].tense == "PAST" and gold[3].polarity == "NEG" and gold[3].modality == "would" and gold[0].modality == ""


class TestScores:
    def test_hand_counted_figures(self, synthetic: Path) -> None:
        """Strict, relaxed, class figures equal the hand count: 4 gold, 4 system, 2 exact, 3 overlapping, 2 right classes."""
        document = read_timeml(synthetic)
        gold = gold_events(document)
        text = document.text
        at = text.index
        system = [
            EventSpan(at("attacked"), at("attacked") + 8, "attacked", "OCCURRENCE", "PAST", "NONE", "POS"),
            EventSpan(at("said"), at("said") + 4, "said", "OCCURRENCE", "PAST", "NONE", "POS"),  # wrong class
            EventSpan(at("election"), at("election") + 8, "election", "OCCURRENCE", "NONE", "NONE", "POS"),  # relaxed only
            EventSpan(at("city"), at("city") + 4, "city", "OCCURRENCE"),  # spurious
        ]
        scores = score_events(gold, system)
        assert (scores.gold, scores.system, scores.strict, scores.relaxed, scores.class_correct) == (4, 4, 2, 3, 2)
        figures = scores.figures()
        assert figures["strict_f1"] == pytest.approx(0.5)
        assert figures["relaxed_f1"] == pytest.approx(0.75)
        assert figures["class_accuracy"] == pytest.approx(2 / 3)
        assert figures["class_f1"] == pytest.approx(0.75 * 2 / 3)
        assert figures["tense_accuracy"] == pytest.approx(1.0)

    def test_gold_against_itself(self, synthetic: Path) -> None:
        """The gold as the system scores 1.0 on spans, classes and attributes."""
        gold = gold_events(read_timeml(synthetic))
        figures = score_events(gold, gold).figures()
        assert all(value == 1.0 for value in figures.values()), figures

    def test_nothing_found(self, synthetic: Path) -> None:
        """No system output gives zeros, never a division error."""
        figures = score_events(gold_events(read_timeml(synthetic)), []).figures()
        assert figures["relaxed_f1"] == 0.0 and figures["class_f1"] == 0.0

    def test_runner_on_a_folder(self, synthetic: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line scores a folder with the detector and with the verb baseline."""
        assert evaluate_main(["events", str(synthetic.parent)]) == 0
        assert evaluate_main(["events", str(synthetic.parent), "--baseline", "verbs"]) == 0
        out = capsys.readouterr().out
        assert out.count("relaxF1") == 2
        report = evaluate_directory(synthetic.parent)
        assert report.documents == 1 and report.scores.gold == 4 and report.scores.relaxed >= 2


@pytest.mark.benchmark_data
def test_timebank_model_on_unseen_aquaint_meets_the_floor() -> None:
    """Weights trained on TimeBank only reach the recorded floors on the first 15 AQUAINT documents (never seen)."""
    if not AQUAINT.is_dir():
        pytest.skip(f"TempEval-3 data not found at {AQUAINT} (expected ../shared/data next to the repo)")
    model = load_model_file(TIMEBANK_ONLY_MODEL)
    assert model.metadata["trained_on"] == ["TimeBank"]
    report = evaluate_directory(AQUAINT, model=model, limit=15, unseen_only=True)
    assert report.seen_in_training == 0 and report.documents == 15
    figures = report.scores.figures()
    assert figures["relaxed_f1"] >= RELAXED_F1_FLOOR, report.scores.as_dict()
    assert figures["class_f1"] >= CLASS_F1_FLOOR, report.scores.as_dict()


# measured 0.883 and 0.771 on this subset (feature version 3; 0.869 and 0.754 with version 2;
# docs/benchmarks.md); the margin absorbs parser updates
RELAXED_F1_FLOOR = 0.85
CLASS_F1_FLOOR = 0.74


def test_training_tool_writes_versioned_weights(synthetic: Path, tmp_path: Path) -> None:
    """tools/train_event_detector.py trains on a folder and writes weights that list its documents and settings."""
    pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")
    tool = load_tool("train_event_detector")
    out = tmp_path / "weights.json.gz"
    assert tool.main([str(synthetic.parent), "--out", str(out), "--min-count", "1", "--threshold", "0.45", "--date", "2026-01-01"]) == 0
    model = load_model_file(out)
    assert model.training_documents == {f"{synthetic.parent.name}/synthetic1.tml"}
    assert model.metadata["date"] == "2026-01-01" and model.threshold == 0.45
    assert model.labels[:2] == ("NONE", "OCCURRENCE")
    # the document it was trained on is counted as seen, and --unseen-only leaves it out
    report = evaluate_directory(synthetic.parent, model=model, unseen_only=True)
    assert report.seen_in_training == 1 and report.skipped == 1 and report.scores.gold == 0


def test_relaxed_line_reports_the_relaxed_and_class_figures() -> None:
    """The experiment tools' one-line summary: 6 of 8 system events overlap one of 10
    gold ones (P 0.75, R 0.6), 4 of those 6 with the right class."""
    line = EventScores(gold=10, system=8, strict=5, relaxed=6, class_correct=4).relaxed_line()
    assert line == "system 8 relaxed P 0.7500 R 0.6000 F1 0.6667 class acc 0.6667 class F1 0.4444"
