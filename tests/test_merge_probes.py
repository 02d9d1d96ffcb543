"""The merge probes of fresh multi-article news (issue #15): the scorer
(``timeline.evaluate.merge_probes``) on hand-made timelines, the reading of the probe
file, and a floor on the shipped probe set (``benchmarks/probes/news_merges.jsonl``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.evaluate.merge_probes import (
    SeenEvent,
    Story,
    occurrence,
    parse_story,
    parse_report,
    read_stories,
    run,
    score_story,
    totals_of,
)
from timeline.nlp import mark_paragraphs, parse_texts

PROBES = Path(__file__).resolve().parent.parent / "benchmarks" / "probes" / "news_merges.jsonl"

# Two articles: a (title "Rebels seize Goma", body "Rebels seized Goma on Monday. They
# looted the bank on Tuesday.") and b ("The fall of Goma on Monday ... a rally on Monday").
STORY: dict[str, object] = {
    "id": "tiny",
    "probes": "hand-made",
    "docs": [
        {"id": "a", "published": "2025-01-28", "title": "Rebels seize Goma",
         "text": "Rebels seized Goma on Monday. They looted the bank on Tuesday."},
        {"id": "b", "published": "2025-01-28", "title": "",
         "text": "The fall of Goma on Monday shocked Kinshasa, where a rally was held on Monday."},
    ],
    "events": [
        {"mentions": ["a:seize", "a:seized", "b:fall"], "conflict": True},
        ["a:looted"],
        ["b:rally"],
    ],
    "separate": [["a:seized", "a:looted"], ["b:fall", "b:rally"]],
}


def _story(tmp_path: Path, record: Mapping[str, object] = STORY) -> Story:
    path = tmp_path / "probes.jsonl"
    path.write_text(json.dumps({"header": "test"}) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    return read_stories(path)[0]


def _at(story: Story, doc: str, word: str, n: int = 1) -> tuple[str, int, int]:
    """The trigger span of the ``n``-th ``word`` of article ``doc`` as a timeline mention has it."""
    text = next(a.text for a in story.articles if a.id == doc)
    span = occurrence(text, word, n)
    assert span is not None
    return (doc, *span)


def _event(*triggers: tuple[str, int, int], conflict: bool = False) -> SeenEvent:
    return SeenEvent(triggers=frozenset(triggers), conflict=conflict, label="x")


class TestReading:
    def test_reports_parse_alternatives_and_occurrences(self) -> None:
        """``doc:word|other#2`` names the document and each word with its occurrence."""
        report = parse_report("b:Said|buy#2")
        assert report.doc == "b" and report.words == (("said", 1), ("buy", 2))
        assert str(report) == "b:said|buy#2"

    @pytest.mark.parametrize("bad", ["said", "b:", ":said", "b:said#0", "b:said#x"])
    def test_bad_reports_are_refused(self, bad: str) -> None:
        """A report without a document, a word or with a bad occurrence is a ValueError."""
        with pytest.raises(ValueError):
            parse_report(bad)

    def test_occurrence_counts_whole_words_ignoring_case(self) -> None:
        """'seize' is not found inside 'seized'; the title's word comes first."""
        text = "Rebels seize Goma\n\nRebels seized Goma. They seize it again."
        assert occurrence(text, "seize", 1) == (7, 12)
        assert occurrence(text, "seize", 2) == (text.rindex("seize"), text.rindex("seize") + 5)
        assert occurrence(text, "seize", 3) is None

    def test_the_text_is_title_blank_line_body(self, tmp_path: Path) -> None:
        """An article is read as its title, a blank line and its body; without a title, the body."""
        story = _story(tmp_path)
        assert story.articles[0].text.startswith("Rebels seize Goma\n\nRebels seized")
        assert story.articles[1].text.startswith("The fall of Goma")

    @pytest.mark.parametrize(
        "change, message",
        [
            ({"events": [["a:stormed"]]}, "no occurrence"),
            ({"events": [["c:seized"]]}, "names no article"),
            ({"events": [["a:seized"], ["a:seized"]]}, "two expected events"),
            ({"separate": [["a:seized", "b:fall"]]}, "within one expected event"),
            ({"separate": [["a:seized", "b:shocked"]]}, "no expected event lists"),
        ],
    )
    def test_inconsistent_expectations_are_refused(self, tmp_path: Path, change: dict[str, object], message: str) -> None:
        """A report the text does not hold, or contradictory expectations, raise ValueError naming them."""
        with pytest.raises(ValueError, match=message):
            _story(tmp_path, {**STORY, **change})


class TestScoring:
    def test_a_perfect_timeline(self, tmp_path: Path) -> None:
        """Everything expected: group and pairs satisfied, precision and recall 1, conflicts right."""
        story = _story(tmp_path)
        events = [
            _event(_at(story, "a", "seize"), _at(story, "a", "seized"), _at(story, "b", "fall"), conflict=True),
            _event(_at(story, "a", "looted")),
            _event(_at(story, "b", "rally")),
        ]
        outcome = score_story(story, events)
        assert (outcome["found"], outcome["reports"]) == (5, 5)
        assert (outcome["groups_right"], outcome["groups"]) == (1, 1)
        assert (outcome["pairs_right"], outcome["pairs"]) == (2, 2)
        assert (outcome["tp"], outcome["fp"], outcome["fn"]) == (3, 0, 0)
        assert (outcome["conflicts_right"], outcome["conflicts"]) == (3, 3)

    def test_a_split_group_and_a_chain(self, tmp_path: Path) -> None:
        """The fall apart from the seizure, the rally joined to the fall: the group is
        split, one pair is joined, pairwise 1 right link of 2, 2 of 3 gold links missed;
        the missing conflict and the conflict on the rally are both wrong."""
        story = _story(tmp_path)
        events = [
            _event(_at(story, "a", "seize"), _at(story, "a", "seized")),
            _event(_at(story, "a", "looted")),
            _event(_at(story, "b", "fall"), _at(story, "b", "rally"), conflict=True),
        ]
        outcome = score_story(story, events)
        assert (outcome["groups_right"], outcome["groups"]) == (0, 1)
        assert (outcome["pairs_right"], outcome["pairs"]) == (1, 2)
        assert len(outcome["joined"]) == 1 and "b:rally" in outcome["joined"][0]
        assert (outcome["tp"], outcome["fp"], outcome["fn"]) == (1, 1, 2)
        assert (outcome["conflicts_right"], outcome["conflicts"]) == (1, 3)
        totals = totals_of([outcome])
        assert totals["precision"] == 0.5 and totals["recall"] == pytest.approx(1 / 3, abs=1e-4)

    def test_only_found_reports_are_scored(self, tmp_path: Path) -> None:
        """Reports the event stage did not give (here the headline and the looting) count
        as missing, not against the merge: the group is scored on the two found."""
        story = _story(tmp_path)
        events = [
            _event(_at(story, "a", "seized"), _at(story, "b", "fall"), conflict=True),
            _event(_at(story, "b", "rally")),
        ]
        outcome = score_story(story, events)
        assert outcome["found"] == 3 and sorted(outcome["missing"]) == ["a:looted", "a:seize"]
        assert (outcome["groups_right"], outcome["groups"]) == (1, 1)
        assert (outcome["pairs_right"], outcome["pairs"]) == (1, 1)  # seized / looted not scorable
        assert (outcome["tp"], outcome["fp"], outcome["fn"]) == (1, 0, 0)

    def test_a_trigger_on_either_word_counts(self, tmp_path: Path) -> None:
        """A report with alternatives is found by a mention on any of its words, and a
        mention overlapping the word (a longer trigger) finds it too."""
        record = {**STORY, "events": [["a:seize", "a:seized|goma#2", "b:fall"], ["a:looted"], ["b:rally"]], "separate": []}
        story = _story(tmp_path, record)
        doc, start, end = _at(story, "a", "goma", 2)
        events = [_event(_at(story, "a", "seize"), (doc, start - 2, end), _at(story, "b", "fall"))]
        outcome = score_story(story, events)
        assert outcome["groups_right"] == 1 and outcome["found"] == 3

    def test_an_empty_report_totals_to_perfect_precision(self) -> None:
        """No pair at all: precision and recall are 1 by convention, F1 1."""
        totals = totals_of([])
        assert (totals["precision"], totals["recall"], totals["f1"]) == (1.0, 1.0, 1.0)


WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot")


@given(gold=st.lists(st.integers(0, 3), min_size=6, max_size=6), system=st.lists(st.integers(0, 3), min_size=6, max_size=6))
def test_pairwise_counts_add_up(gold: list[int], system: list[int]) -> None:
    """For any expected and any produced grouping of six reports, the linked pairs are
    tp + fp, the gold pairs tp + fn, and scoring the gold grouping itself is perfect."""
    groups: dict[int, list[str]] = {}
    for word, label in zip(WORDS, gold):
        groups.setdefault(label, []).append(f"a:{word}")
    record = {"id": "p", "docs": [{"id": "a", "published": "2025-01-01", "text": " ".join(WORDS)}],
              "events": list(groups.values())}
    story = parse_story(record)

    def events_of(labels: list[int]) -> list[SeenEvent]:
        by_label: dict[int, list[tuple[str, int, int]]] = {}
        for word, label in zip(WORDS, labels):
            by_label.setdefault(label, []).append(_at(story, "a", word))
        return [_event(*spans) for spans in by_label.values()]

    def pairs(labels: list[int]) -> int:
        return sum(labels[i] == labels[j] for i in range(6) for j in range(i + 1, 6))

    outcome = score_story(story, events_of(system))
    assert outcome["tp"] + outcome["fp"] == pairs(system)
    assert outcome["tp"] + outcome["fn"] == pairs(gold)
    perfect = score_story(story, events_of(gold))
    assert perfect["fp"] == perfect["fn"] == 0 and perfect["groups_right"] == perfect["groups"]


def test_paragraph_breaks_start_sentences() -> None:
    """A title line and its body, separated by a blank line, are two sentences, so the
    body's first sentence keeps its own subject."""
    text = "Militants storm hotel in Mogadishu\n\nMilitants stormed the Hayat hotel in Mogadishu on Sunday, police said."
    parsed = next(parse_texts([text]))
    sentences = [s.text.strip() for s in parsed.sents]
    assert sentences[0] == "Militants storm hotel in Mogadishu"
    stormed = next(t for t in parsed if t.text == "stormed")
    assert any(child.dep_ == "nsubj" and child.text == "Militants" for child in stormed.children)


def test_mark_paragraphs_leaves_single_line_breaks() -> None:
    """Only a blank line starts a sentence: a text wrapped at single line breaks is left to the parser."""
    from timeline.nlp import default_nlp

    doc = mark_paragraphs(default_nlp().make_doc("The army said\non Monday that\n \nrebels fled."))
    starts = [t.text for t in doc if t.is_sent_start and t.i > 0]
    assert starts == ["rebels"]


@pytest.mark.skipif(not PROBES.exists(), reason="benchmarks/probes/news_merges.jsonl not in this checkout")
def test_merge_probes_floor() -> None:
    """The library on the fresh merge probes (the test set): at least the figures
    measured after the recall work of issue #15 (docs/benchmarks.md, "Merge recall on
    fresh news"), less a small margin."""
    report = run(read_stories(PROBES))
    drop, inherit = report["drop"]["totals"], report["inherit"]["totals"]
    assert drop["groups_right"] >= 10 and drop["pairs_right"] >= 31
    assert drop["precision"] >= 0.90 and drop["recall"] >= 0.45
    # 0.937 since the third round (docs/benchmarks.md, "Merge recall, third round"):
    # five joined pairs more, a precision loss measured and reported there
    assert inherit["groups_right"] >= 26 and inherit["pairs_right"] >= 45
    assert inherit["precision"] >= 0.92 and inherit["recall"] >= 0.60
    assert drop["conflicts_right"] >= 41 and inherit["conflicts_right"] >= 52


DEV_PROBES = PROBES.with_name("news_merges_dev.jsonl")


@pytest.mark.skipif(not DEV_PROBES.exists(), reason="benchmarks/probes/news_merges_dev.jsonl not in this checkout")
def test_merge_dev_probes_floor() -> None:
    """The dev merge probes the rules were tuned on: at least the figures measured
    (docs/benchmarks.md, "Merge recall on fresh news"), less a small margin."""
    report = run(read_stories(DEV_PROBES))
    drop, inherit = report["drop"]["totals"], report["inherit"]["totals"]
    assert drop["groups_right"] >= 13 and drop["pairs_right"] >= 42
    assert drop["precision"] >= 0.95 and drop["recall"] >= 0.65
    assert inherit["groups_right"] >= 21 and inherit["pairs_right"] >= 49
    assert inherit["precision"] >= 0.95 and inherit["recall"] >= 0.74
    assert drop["conflicts_right"] >= 49 and inherit["conflicts_right"] >= 55


DEV2_PROBES = PROBES.with_name("news_merges_dev2.jsonl")
DEV3_PROBES = PROBES.with_name("news_merges_dev3.jsonl")


@pytest.mark.skipif(not DEV2_PROBES.exists() or not DEV3_PROBES.exists(),
                    reason="benchmarks/probes/news_merges_dev2.jsonl or dev3 not in this checkout")
def test_merge_dev2_dev3_probes_floor() -> None:
    """The second and third dev sets (issue #15, third round; docs/benchmarks.md, "Merge
    recall, third round"): at least the figures measured, less a small margin; every
    must-separate pair of both kept."""
    dev2 = run(read_stories(DEV2_PROBES))
    drop, inherit = dev2["drop"]["totals"], dev2["inherit"]["totals"]
    assert drop["precision"] >= 0.95 and drop["recall"] >= 0.48
    assert inherit["precision"] >= 0.95 and inherit["recall"] >= 0.52
    assert drop["pairs_right"] == drop["pairs"] and inherit["pairs_right"] == inherit["pairs"]
    dev3 = run(read_stories(DEV3_PROBES))
    for policy in ("drop", "inherit"):
        totals = dev3[policy]["totals"]
        assert totals["pairs_right"] == totals["pairs"] and totals["precision"] >= 0.99


DEV4_PROBES = PROBES.with_name("news_merges_dev4.jsonl")
DEV5_PROBES = PROBES.with_name("news_merges_dev5.jsonl")
TEST2_PROBES = PROBES.with_name("news_merges_test2.jsonl")


@pytest.mark.skipif(not DEV4_PROBES.exists() or not DEV5_PROBES.exists(),
                    reason="benchmarks/probes/news_merges_dev4.jsonl or dev5 not in this checkout")
def test_merge_dev4_dev5_precision_probes_floor() -> None:
    """The precision probes of session 16 (docs/benchmarks.md, "Session 16 (merge
    precision, mergeprec branch)" and "Session 17: merge precision"): at least the
    figures of the merge with the precision rules of session 17
    (:mod:`timeline.merge.precision`), less a small margin."""
    dev4 = run(read_stories(DEV4_PROBES))
    drop, inherit = dev4["drop"]["totals"], dev4["inherit"]["totals"]
    assert drop["precision"] >= 0.95 and drop["recall"] >= 0.6 and drop["pairs_right"] >= 15
    assert inherit["precision"] >= 0.95 and inherit["recall"] >= 0.5 and inherit["pairs_right"] >= 31
    dev5 = run(read_stories(DEV5_PROBES))
    drop, inherit = dev5["drop"]["totals"], dev5["inherit"]["totals"]
    assert drop["precision"] >= 0.75 and drop["recall"] >= 0.75 and drop["pairs_right"] >= 9
    assert inherit["precision"] >= 0.8 and inherit["recall"] >= 0.6 and inherit["pairs_right"] >= 15


DEV7_PROBES = PROBES.with_name("news_merges_dev7.jsonl")
TEST3_PROBES = PROBES.with_name("news_merges_test3.jsonl")


@pytest.mark.skipif(not DEV7_PROBES.exists(), reason="benchmarks/probes/news_merges_dev7.jsonl not in this checkout")
def test_merge_dev7_precision_probes_floor() -> None:
    """The dev set of session 17 (docs/benchmarks.md, "Session 17: merge precision"):
    every must-separate pair kept, precision and recall at least the figures measured
    less a small margin."""
    report = run(read_stories(DEV7_PROBES))
    drop, inherit = report["drop"]["totals"], report["inherit"]["totals"]
    assert drop["precision"] >= 0.95 and drop["recall"] >= 0.35 and drop["pairs_right"] == drop["pairs"]
    assert inherit["precision"] >= 0.95 and inherit["recall"] >= 0.3 and inherit["pairs_right"] == inherit["pairs"]


@pytest.mark.skipif(not TEST3_PROBES.exists(), reason="benchmarks/probes/news_merges_test3.jsonl not in this checkout")
def test_merge_test3_probes_floor() -> None:
    """The third held-out set (session 17; scored on main before the session's rules and
    once at the end, never tuned on): at least the figures measured at the end, less a
    small margin."""
    report = run(read_stories(TEST3_PROBES))
    drop, inherit = report["drop"]["totals"], report["inherit"]["totals"]
    assert drop["precision"] >= 0.8 and drop["recall"] >= 0.55 and drop["pairs_right"] >= 51
    assert inherit["precision"] >= 0.83 and inherit["recall"] >= 0.48 and inherit["pairs_right"] >= 100


@pytest.mark.skipif(not TEST2_PROBES.exists(), reason="benchmarks/probes/news_merges_test2.jsonl not in this checkout")
def test_merge_test2_probes_floor() -> None:
    """The second held-out set (session 16): at least the figures of the merge as it
    is, less a small margin. Scored for the session's rules, it is spent for tuning."""
    report = run(read_stories(TEST2_PROBES))
    drop, inherit = report["drop"]["totals"], report["inherit"]["totals"]
    assert drop["precision"] >= 0.72 and drop["recall"] >= 0.5 and drop["pairs_right"] >= 12
    assert inherit["precision"] >= 0.9 and inherit["recall"] >= 0.38 and inherit["pairs_right"] >= 22
