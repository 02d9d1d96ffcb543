"""The paraphrase pairs learned from the ECB+ train topics
(``resources/merge_paraphrases_learned.tsv``, ``tools/learn_paraphrases.py``): the table
loads as pairs that never chain, a learned pair links two triggers in
:func:`timeline.clustering.cluster_events`'s blocking and features but not in the build's
merge profile, and the learning tool keeps and drops the pairs its rules say."""

from __future__ import annotations

import importlib.util
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from timeline.clustering import pair_table
from timeline.merge import HAND_PARAPHRASES, _phrase_key, paraphrase_groups, paraphrase_table, paraphrases, profile
from timeline.model import Event, Mention, TimeValue
from timeline.tables import resource_table

TOOL = Path(__file__).resolve().parent.parent / "tools" / "learn_paraphrases.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("learn_paraphrases", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["learn_paraphrases"] = module
    spec.loader.exec_module(module)
    return module


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


def test_learned_table_loads_as_pairs_apart_from_the_hand_groups() -> None:
    groups = _learned_groups()
    assert groups, "merge_paraphrases_learned.tsv has no rows"
    header = (Path(__file__).resolve().parent.parent / "src/timeline/resources/merge_paraphrases_learned.tsv").read_text().splitlines()[:4]
    assert any("tools/learn_paraphrases.py" in line and "--topics train" in line for line in header)
    hand = paraphrase_table(HAND_PARAPHRASES)
    for group, words in groups.items():
        # each group is one pair of two different keys, named after them: no chains
        assert group.startswith("learned:") and len(words) == 2, (group, words)
        keys = {_phrase_key(w) for w in words}
        assert len(keys) == 2 and group == f"learned:{'+'.join(sorted(keys))}", (group, words)
        # the tool drops pairs the hand table links already
        assert not hand.get(min(keys), frozenset()) & hand.get(max(keys), frozenset())
        for key in keys:
            assert group in paraphrases()[key]


def test_every_learned_pair_links_in_clustering_only() -> None:
    for group, (first, second) in _learned_groups().items():
        a, b = _event("a", first), _event("b", second)
        assert group in paraphrase_groups(a, learned=True) & paraphrase_groups(b, learned=True)
        # the build's merge compares profiles, which keep to the hand groups
        assert not any(t.startswith("~learned:") for t in profile(a).triggers | profile(b).triggers)


def test_a_learned_pair_is_a_candidate_pair_with_the_paraphrase_feature() -> None:
    groups = _learned_groups()
    first, second = groups["learned:blitz+raid"]
    table = pair_table([_event("a", first), _event("b", second)], None)
    assert list(table.features.values())[0]["same_paraphrase"] == 1.0
    # a pair of words in no shared group is not even a candidate
    assert not pair_table([_event("a", "blitz"), _event("b", "wedding")], None).features


def test_tool_keeps_frequent_clean_pairs_and_drops_the_rest() -> None:
    tool = _tool()
    counts = tool.PairCounts()
    mentions = (
        [("c1", "blitz", "blitz")] * 3 + [("c1", "raid", "raid")] * 2  # 6 coreferent pairs
        + [("c2", "it", "it")] * 3 + [("c2", "shooting", "shooting")] * 3  # a stop word
        + [("c3", "kill", "kill")] * 3 + [("c3", "die", "die")] * 3  # linked by the hand table
        + [("c4", "rally", "rally")] * 2 + [("c4", "march", "march")] * 3  # 6 coreferent ...
        + [("c5", "rally", "rally")] * 3 + [("c6", "march", "march")] * 3  # ... and 27 apart
    )
    counts.add_topic(1, [(c, _phrase_key(k), w) for c, k, w in mentions])
    pairs = tool.learned_pairs(counts, min_count=5, min_topics=1, max_negative=0.3)
    assert pairs == [("blitz", "raid")]
    assert tool.learned_pairs(counts, min_count=7, min_topics=1, max_negative=0.3) == []
    assert ("march", "rally") in tool.learned_pairs(counts, min_count=5, min_topics=1, max_negative=0.9)
    assert tool.learned_pairs(counts, min_count=5, min_topics=2, max_negative=0.3) == []


def test_tool_refuses_dev_and_test_topics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tool = _tool()
    assert tool.main([str(tmp_path), "--topics", "1,2", "--out", str(tmp_path / "x.tsv")]) == 2
    assert tool.main([str(tmp_path), "--topics", "40", "--out", str(tmp_path / "x.tsv")]) == 2
    assert "refusing" in capsys.readouterr().err
    assert not (tmp_path / "x.tsv").exists()
