"""The paraphrase pairs learned from the ECB+ train topics
(``resources/merge_paraphrases_learned.tsv``, ``tools/learn_paraphrases.py``): the table
loads as pairs that never chain, a learned pair links two triggers in
:func:`timeline.merge.clustering.cluster_events`'s blocking and features but not in the build's
merge profile, and the learning tool keeps and drops the pairs its rules say."""

from __future__ import annotations

import importlib
from collections import defaultdict
from pathlib import Path

import pytest
from tool_modules import load_tool

from timeline.merge.clustering import pair_table
from timeline.merge import HAND_PARAPHRASES, _phrase_key, paraphrase_groups, paraphrase_table, paraphrases, profile
from timeline.model import Event, Mention, TimeValue
from timeline.tables import resource_table

merge_module = importlib.import_module("timeline.merge")  # the module, not timeline.merge the function


def _event(doc_id: str, word: str) -> Event:
    sentence = f"The {word} on the house in Leeds."
    start = sentence.index(word)
    mention = Mention(doc_id=doc_id, sentence=sentence, trigger_span=(start, start + len(word)),
                      event_span=(0, len(sentence)), time_span=None, time_text=None, trigger_text=word)
    # undated, as ECB+ mentions mostly are
    return Event(when=TimeValue("XXXX-XX-XX", "DATE"), summary=sentence, trigger=word, participants=(), mentions=(mention,))


def _learned_groups() -> dict[str, list[str]]:
    words: dict[str, list[str]] = defaultdict(list)
    for _, cells in resource_table("merge_paraphrases_learned.tsv"):
        words[cells[1]].append(cells[0])
    return words


# A learned table as the tool writes it (the shipped one is empty at the documented
# setting: no pair of the train topics holds in two topics), to test the mechanism.
STAND_IN_LEARNED = {"blitz": frozenset({"learned:blitz+raid"}), "raid": frozenset({"learned:blitz+raid"})}


@pytest.fixture
def stand_in_learned(monkeypatch: pytest.MonkeyPatch) -> None:
    hand = paraphrase_table(HAND_PARAPHRASES)
    table = {key: hand.get(key, frozenset()) | STAND_IN_LEARNED.get(key, frozenset()) for key in {*hand, *STAND_IN_LEARNED}}
    monkeypatch.setattr(merge_module, "paraphrases", lambda: table)


def test_shipped_learned_table_is_the_tools_output_at_the_documented_setting() -> None:
    """The shipped table names the command that wrote it (train topics, a pair must hold
    in two topics) and holds only pairs apart from the hand groups, each its own group."""
    header = (Path(__file__).resolve().parent.parent / "src/timeline/resources/merge_paraphrases_learned.tsv").read_text().splitlines()[:4]
    assert any("tools/learn_paraphrases.py" in line and "--topics train" in line and "--min-topics 2" in line for line in header)
    hand = paraphrase_table(HAND_PARAPHRASES)
    for group, words in _learned_groups().items():
        assert group.startswith("learned:") and len(words) == 2, (group, words)
        keys = {_phrase_key(w) for w in words}
        assert len(keys) == 2 and group == f"learned:{'+'.join(sorted(keys))}", (group, words)
        assert not hand.get(min(keys), frozenset()) & hand.get(max(keys), frozenset())
        for key in keys:
            assert group in paraphrases()[key]


def test_a_learned_pair_links_in_clustering_only(stand_in_learned: None) -> None:
    """A learned pair gives both triggers a shared group for cluster_events, never in the
    profile the build's merge compares."""
    a, b = _event("a", "blitz"), _event("b", "raid")
    assert "learned:blitz+raid" in paraphrase_groups(a, learned=True) & paraphrase_groups(b, learned=True)
    assert "learned:blitz+raid" not in paraphrase_groups(a) | paraphrase_groups(b)
    assert not any(t.startswith("~learned:") for t in profile(a).triggers | profile(b).triggers)


def test_a_learned_pair_is_a_candidate_pair_with_the_paraphrase_feature(stand_in_learned: None) -> None:
    """Two triggers of a learned pair are a candidate pair of cluster_events with the
    same_paraphrase feature; two triggers in no shared group are not."""
    table = pair_table([_event("a", "blitz"), _event("b", "raid")], None)
    assert list(table.features.values())[0]["same_paraphrase"] == 1.0
    assert not pair_table([_event("a", "blitz"), _event("b", "wedding")], None).features


def test_tool_keeps_frequent_clean_pairs_and_drops_the_rest() -> None:
    tool = load_tool("learn_paraphrases")
    counts = tool.PairCounts()
    mentions = (
        [("c1", "blitz", "blitz")] * 3 + [("c1", "raid", "raid")] * 2  # 6 coreferent pairs
        + [("c2", "it", "it")] * 3 + [("c2", "shooting", "shooting")] * 3  # a stop word
        + [("c3", "kill", "kill")] * 3 + [("c3", "die", "die")] * 3  # linked by the hand table
        + [("c4", "parade", "parade")] * 2 + [("c4", "vigil", "vigil")] * 3  # 6 coreferent ...
        + [("c5", "parade", "parade")] * 3 + [("c6", "vigil", "vigil")] * 3  # ... and 27 apart
    )
    counts.add_topic(1, [(c, _phrase_key(k), w) for c, k, w in mentions])
    pairs = tool.learned_pairs(counts, min_count=5, min_topics=1, max_negative=0.3)
    assert pairs == [("blitz", "raid")]
    assert tool.learned_pairs(counts, min_count=7, min_topics=1, max_negative=0.3) == []
    # (rally / march, the pair this row had first, joined the hand table's protests)
    assert ("parad", "vigil") in tool.learned_pairs(counts, min_count=5, min_topics=1, max_negative=0.9)
    assert tool.learned_pairs(counts, min_count=5, min_topics=2, max_negative=0.3) == []


def test_tool_refuses_dev_and_test_topics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tool = load_tool("learn_paraphrases")
    assert tool.main([str(tmp_path), "--topics", "1,2", "--out", str(tmp_path / "x.tsv")]) == 2
    assert tool.main([str(tmp_path), "--topics", "40", "--out", str(tmp_path / "x.tsv")]) == 2
    assert "refusing" in capsys.readouterr().err
    assert not (tmp_path / "x.tsv").exists()
