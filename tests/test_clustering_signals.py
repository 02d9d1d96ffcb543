"""The candidate pair signals of ``tools/clustering_signals.py`` (issue #15, branch
``ecbsal``: story salience, key rarity, tok2vec context, numbers, parts of speech,
background, lemmas told in one sentence; none was kept, docs/benchmarks.md, "Story
salience and context"): a table of pairs that must and must not get each signal."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from event_builders import one_mention_event
from tool_modules import load_tool


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_tool("clustering_signals")


def facts(tool: ModuleType, doc_id: str, keys: str, sentence: str = "s1", **values: Any) -> Any:
    key_set = frozenset(keys.split("|"))
    return tool.MentionFacts(doc_id=doc_id, sentence=sentence, keys=key_set,
                             lemma=values.pop("lemma", sorted(key_set)[0]), **values)


def small_topic(tool: ModuleType) -> tuple[dict[str, Any], Any]:
    """Story 0 (documents a1-a3): an earthquake in every document, "say" in two, "kill" in
    one, "checked into rehab" told in one sentence of a1; story 1 (b1, b2): "say" and
    "vote" in both."""
    m = {
        "a1 quake": facts(tool, "a1", "earthquake"), "a2 quake": facts(tool, "a2", "earthquake"),
        "a3 quake": facts(tool, "a3", "earthquake|~disaster"),
        "a1 say": facts(tool, "a1", "say", "s2"), "a2 say": facts(tool, "a2", "say", "s2"),
        "a3 kill": facts(tool, "a3", "kill", "s2"),
        "a1 check": facts(tool, "a1", "check", "s3"), "a1 rehab": facts(tool, "a1", "rehab", "s3"),
        "a2 check": facts(tool, "a2", "check", "s3"), "a3 rehab": facts(tool, "a3", "rehab", "s3"),
        "b1 say": facts(tool, "b1", "say"), "b2 say": facts(tool, "b2", "say"),
        "b1 vote": facts(tool, "b1", "vote", "s2"), "b2 vote": facts(tool, "b2", "vote", "s2"),
    }
    story_of = {"a1": 0, "a2": 0, "a3": 0, "b1": 1, "b2": 1}
    return m, tool.topic_facts(list(m.values()), story_of, sorted(story_of))


# (signal, first mention, second mention, expected value)
TABLE = [
    # the story's main event (in all three documents) against a key of two of them
    ("key_salience", "a1 quake", "a2 quake", 1.0),
    ("key_salience", "a1 say", "b1 say", 2 / 3),
    ("key_salience", "a1 quake", "a3 kill", 0.0),           # must not: no shared key
    ("salience_min", "a3 kill", "a1 quake", 1 / 3),
    ("salience_min", "a1 quake", "a2 quake", 1.0),
    ("story_main_shared", "a1 quake", "a3 quake", 1.0),
    ("story_main_shared", "b1 say", "b2 say", 1.0),
    ("story_main_shared", "a1 say", "a2 say", 0.0),         # must not: "say" is not story 0's main key
    ("story_main_shared", "a1 say", "b1 say", 0.0),         # must not: main in story 1 only
    # the rarity of the key over all five documents: "say" is in four, "earthquake" in three
    ("key_df", "a1 say", "b1 say", 0.8),
    ("key_df", "a1 quake", "a2 quake", 0.6),
    ("key_df", "a1 quake", "a3 kill", 0.0),                 # must not: no shared key
    ("key_df_across_stories", "a1 say", "b1 say", 0.8),
    ("key_df_across_stories", "a1 say", "a2 say", 0.0),     # must not: one story
    # two lemmas told as two mentions of one sentence ("checked into rehab") somewhere
    ("lemmas_in_one_sentence", "a2 check", "a3 rehab", 1.0),
    ("lemmas_in_one_sentence", "a1 check", "a2 check", 0.0),  # must not: one lemma
    ("lemmas_in_one_sentence", "a2 check", "a1 say", 0.0),    # must not: never in one sentence
    ("keys_in_one_sentence", "a2 check", "a3 rehab", 0.5),    # 1 sentence of the 2 of each key
    ("keys_in_one_sentence", "a1 quake", "a1 say", 0.0),      # must not: told in two sentences
    ("keys_in_one_sentence", "a1 quake", "a2 quake", 0.0),    # must not: a shared key
]


@pytest.mark.parametrize(("signal", "first", "second", "expected"), TABLE)
def test_story_and_sentence_signals(tool: ModuleType, signal: str, first: str, second: str, expected: float) -> None:
    mentions, topic = small_topic(tool)
    function = tool.SIGNALS[signal]
    assert function(mentions[first], mentions[second], topic) == pytest.approx(expected)
    assert function(mentions[second], mentions[first], topic) == pytest.approx(expected)


# (signal, values of the first mention, values of the second, expected)
MENTION_TABLE: list[tuple[str, dict[str, Any], dict[str, Any], float]] = [
    ("numbers_differ", {"numbers": frozenset({"6.1"})}, {"numbers": frozenset({"5.4"})}, 1.0),
    ("numbers_differ", {"numbers": frozenset({"6.1", "12"})}, {"numbers": frozenset({"12"})}, 0.0),
    ("numbers_differ", {}, {"numbers": frozenset({"5"})}, 0.0),     # must not: one side has none
    ("numbers_shared", {"numbers": frozenset({"6.1", "12"})}, {"numbers": frozenset({"12"})}, 1.0),
    ("numbers_shared", {"numbers": frozenset({"6.1"})}, {"numbers": frozenset({"5.4"})}, 0.0),
    ("noun_pair", {"pos": "NOUN"}, {"pos": "NOUN"}, 1.0),
    ("noun_pair", {"pos": "NOUN"}, {"pos": "VERB"}, 0.0),
    ("verb_pair", {"pos": "VERB"}, {"pos": "VERB"}, 1.0),
    ("verb_pair", {"pos": ""}, {"pos": ""}, 0.0),                   # must not: unknown
    ("background_one", {"background": True}, {}, 1.0),
    ("background_one", {"background": True}, {"background": True}, 0.0),
    ("trigger_context_cosine", {"trigger_vector": (0.6, 0.8)}, {"trigger_vector": (1.0, 0.0)}, 0.6),
    ("trigger_context_cosine", {"trigger_vector": (0.6, 0.8)}, {}, 0.0),  # no tensor: neutral
    ("sentence_context_cosine", {"sentence_vector": (0.0, 1.0)}, {"sentence_vector": (0.0, 1.0)}, 1.0),
    ("sentence_context_cosine", {}, {}, 0.0),                             # no tensor: neutral
    ("glove_trigger_cosine", {"glove_trigger": (0.6, 0.8)}, {"glove_trigger": (0.0, 1.0)}, 0.8),
    ("glove_trigger_cosine", {"glove_trigger": (0.6, 0.8)}, {}, 0.0),     # a word without a vector: neutral
    ("glove_sentence_cosine", {"glove_sentence": (1.0, 0.0)}, {"glove_sentence": (1.0, 0.0)}, 1.0),
    ("glove_sentence_cosine", {}, {"glove_sentence": (1.0, 0.0)}, 0.0),   # no word with a vector: neutral
]


@pytest.mark.parametrize(("signal", "first", "second", "expected"), MENTION_TABLE)
def test_mention_signals(tool: ModuleType, signal: str, first: dict[str, Any], second: dict[str, Any],
                         expected: float) -> None:
    _, topic = small_topic(tool)
    a, b = facts(tool, "a1", "earthquake", **first), facts(tool, "b1", "earthquake", **second)
    assert tool.SIGNALS[signal](a, b, topic) == pytest.approx(expected)


def test_mention_facts_read_the_parse_and_have_no_vectors_without_a_tensor(tool: ModuleType) -> None:
    """Numbers, background words and the part of speech come from the sentence and the
    parse; the tok2vec vectors are unit vectors with the pipeline and None with a blank
    pipeline (no tensor), so the context signals are then neutral."""
    import spacy

    from timeline.model import Event, Mention

    from timeline.nlp import resolve_nlp

    text = "A 6.1 earthquake struck again on Monday."
    base = one_mention_event("d1", "earthquake", "earthquake")
    mention = Mention(doc_id="d1", sentence=text, trigger_span=(6, 16), event_span=(0, len(text)), time_span=None,
                      time_text=None, trigger_text="earthquake", dated_by="none")
    event = Event(when=base.when, summary=text, trigger="earthquake", mentions=(mention,))
    parsed = resolve_nlp(None)(text)
    got = tool.mention_facts(event, parsed, frozenset({"earthquake"}), "earthquake")
    assert got.numbers == frozenset({"6.1"}) and got.background and got.pos == "NOUN"
    assert got.trigger_vector is not None and sum(v * v for v in got.trigger_vector) == pytest.approx(1.0)
    assert got.sentence_vector is not None
    blank = tool.mention_facts(event, spacy.blank("en")(text), frozenset({"earthquake"}), "earthquake")
    assert blank.trigger_vector is None and blank.sentence_vector is None
    assert tool.trigger_context_cosine(got, blank, None) == 0.0


def test_glove_trigger_signals_other_and_in_story(tool: ModuleType) -> None:
    """The "other" variant counts only pairs without a shared key, the "in story" one
    only those inside one predicted story."""
    _, topic = small_topic(tool)
    quake = facts(tool, "a1", "earthquake", glove_trigger=(1.0, 0.0))
    quake_too = facts(tool, "a2", "earthquake", glove_trigger=(1.0, 0.0))
    tremor = facts(tool, "a3", "tremor", glove_trigger=(0.6, 0.8))
    far = facts(tool, "b1", "tremor", glove_trigger=(0.6, 0.8))
    assert tool.glove_trigger_cosine_other(quake, tremor, topic) == pytest.approx(0.6)
    assert tool.glove_trigger_cosine_other(quake, quake_too, topic) == 0.0        # must not: a shared key
    assert tool.glove_trigger_cosine_in_story(quake, tremor, topic) == pytest.approx(0.6)
    assert tool.glove_trigger_cosine_in_story(quake, far, topic) == 0.0           # must not: two stories
    assert tool.glove_other_pair(quake, tremor, topic) == 1.0
    assert tool.glove_other_pair(quake, quake_too, topic) == 0.0                  # must not: a shared key
    assert tool.glove_other_pair(quake, facts(tool, "a3", "tremor"), topic) == 0.0  # must not: no vector
    said = facts(tool, "a1", "earthquake", glove_sentence=(1.0, 0.0))
    told = facts(tool, "a2", "tremor", glove_sentence=(0.8, 0.6))
    assert tool.glove_sentence_cosine_other(said, told, topic) == pytest.approx(0.8)
    assert tool.glove_sentence_cosine_other(said, facts(tool, "a2", "earthquake", glove_sentence=(0.8, 0.6)),
                                            topic) == 0.0                        # must not: a shared key


def toy_glove(tool: ModuleType) -> Any:
    import numpy as np

    words = ["kill", "shoot", "vote", "scandal"]
    matrix = np.array([[1.0, 0.2, 0.0], [0.9, 0.4, 0.0], [0.0, 0.1, 1.0], [0.0, 1.0, 0.0]], dtype=np.float32)
    return tool.Glove(rows={w: i for i, w in enumerate(words)}, matrix=matrix)


def test_glove_mean_is_a_unit_vector_of_the_known_words_and_none_without_one(tool: ModuleType) -> None:
    glove = toy_glove(tool)
    assert glove.mean(["kill", "unheardof"]) == pytest.approx(glove.mean(["kill"]))
    assert sum(v * v for v in glove.mean(["kill", "vote"])) == pytest.approx(1.0)
    assert glove.mean(["unheardof"]) is None and glove.mean([]) is None
    assert tool.glove_words("The police shot 3 people") == ["police", "shot", "people"]


def test_expand_scores_close_triggers_of_no_shared_block_and_only_those(tool: ModuleType) -> None:
    """"kill" / "shoot" (cosine 0.98) share no block and are added at cut 0.9; "kill" /
    "vote" (0.02) are not; a pair already in a block is not added twice."""
    from timeline.merge.clustering import pair_table

    glove = toy_glove(tool)
    events = [one_mention_event("d1", "killed", "kill"), one_mention_event("d2", "shot", "shoot"),
              one_mention_event("d3", "voted", "vote"), one_mention_event("d4", "killed", "kill")]
    table = pair_table(events)
    before = set(table.features)
    assert len(before) == 1  # the two "kill"
    mentions = [tool.MentionFacts(doc_id=item.doc_id, sentence="s", keys=item.profile.triggers, lemma=item.lemma,
                                  glove_trigger=glove.mean([item.lemma])) for item in table.items]
    added = tool.expand(table, mentions, {f"d{n}": f"Police did it {n}." for n in range(1, 5)}, 0.9)
    lemmas = {frozenset({table.items[i].lemma, table.items[j].lemma}) for i, j in set(table.features) - before}
    assert added == 2 and lemmas == {frozenset({"kill", "shoot"})}
    assert all(table.features[pair]["same_key"] == 0.0 for pair in set(table.features) - before)


@pytest.mark.parametrize(("argv", "message"), [
    (["--topics", "2"], "refusing dev/test topics"),
    (["--topics", "1,40"], "refusing dev/test topics"),
    (["--partitions", "0"], "--partitions"),
])
def test_signals_tool_refuses_bad_options(tool: ModuleType, argv: list[str], message: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main([str(tmp_path), *argv]) == 2
    assert message in capsys.readouterr().err


def test_signals_tool_refuses_an_unknown_signal(tool: ModuleType, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        tool.main([str(tmp_path), "--signals", "key_df,vibes"])
    assert "unknown signal 'vibes'" in capsys.readouterr().err


def test_load_glove_reads_a_folder_and_refuses_a_mismatch(tool: ModuleType, tmp_path: Path) -> None:
    import numpy as np

    np.save(tmp_path / "glove_6B_50d_emb.npy", np.eye(3, dtype=np.float32))
    (tmp_path / "vocab.txt").write_text("kill\nshoot\nvote\n", encoding="utf-8")
    glove = tool.load_glove(tmp_path)
    assert glove.rows == {"kill": 0, "shoot": 1, "vote": 2}
    assert glove.mean(["shoot"]) == pytest.approx((0.0, 1.0, 0.0))
    (tmp_path / "vocab.txt").write_text("kill\nshoot\n", encoding="utf-8")
    with pytest.raises(ValueError, match="2 words for 3 vectors"):
        tool.load_glove(tmp_path)


def test_signals_tool_refuses_a_missing_glove_folder(tool: ModuleType, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main([str(tmp_path), "--signals", "glove_trigger_cosine", "--glove", str(tmp_path / "none")]) == 2
    assert "--glove: cannot read the vectors" in capsys.readouterr().err
