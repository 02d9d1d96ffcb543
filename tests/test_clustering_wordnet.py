"""Tests of the WordNet relations of timeline.merge.clustering (the opt-in experiment
``wordnet=(k, d)`` of :func:`pair_table` and :func:`cluster_events`): which triggers
relate (a shared first sense, a noun/verb derivation, a near hypernym) and which must
not, that related pairs are compared only when asked for, and that the shipped model
does not use them (see docs/benchmarks.md, "WordNet relations")."""

from __future__ import annotations

from pathlib import Path

import pytest
from event_builders import one_mention_event
from tool_modules import load_tool

from timeline.merge import clustering
from timeline.merge.clustering import FEATURES, cluster_events, pair_table, trigger_senses, wordnet_relations, weights
from timeline.errors import InvalidOptionError
from timeline.model import Event

WORDNET_FEATURES = ("wordnet_synonym", "wordnet_derived", "wordnet_hypernym", "wordnet_in_story")


@pytest.mark.parametrize(
    ("first", "second", "relations"),
    [
        ("thwart", "foil", (True, False, False)),  # one first sense
        ("kidnap", "abduct", (True, False, False)),
        ("death", "die", (False, True, False)),  # noun -> verb derivation
        ("invasion", "invade", (False, True, False)),
        ("shoot", "kill", (False, False, True)),  # shoot: "kill by firing a missile"
        ("kill", "shoot", (False, False, True)),  # direction-free
        ("shooting", "kill", (False, False, True)),  # through the derivation shooting -> shoot
    ],
)
def test_related_triggers(first: str, second: str, relations: tuple[bool, bool, bool]) -> None:
    assert wordnet_relations(trigger_senses(first, 2, 1), trigger_senses(second, 2, 1)) == relations


@pytest.mark.parametrize(
    ("first", "second"),
    [("say", "kill"), ("earthquake", "election"), ("arrest", "kill"), ("stab", "election"), ("xyzzy", "kill")],
)
def test_unrelated_triggers_must_not_relate(first: str, second: str) -> None:
    assert wordnet_relations(trigger_senses(first, 2, 1), trigger_senses(second, 2, 1)) == (False, False, False)


def test_depth_and_senses_bound_the_relations() -> None:
    """No hypernym step at depth 0; an unknown lemma has no senses; an inflected lemma
    the lemmatizer left ("wins") is read as its stem."""
    assert not any(wordnet_relations(trigger_senses("shoot", 2, 0), trigger_senses("kill", 2, 0)))
    assert trigger_senses("xyzzy", 2, 1).extended == frozenset()
    assert trigger_senses("wins", 2, 1) == trigger_senses("win", 2, 1)
    assert len(trigger_senses("kill", 1, 0).own) < len(trigger_senses("kill", 3, 0).own)


def _event(doc_id: str, word: str, lemma: str) -> Event:
    return one_mention_event(doc_id, word, lemma)


@pytest.mark.parametrize(
    ("first", "second", "feature"),
    [
        (("shot", "shoot"), ("killed", "kill"), "wordnet_hypernym"),
        (("thwarted", "thwart"), ("foiled", "foil"), "wordnet_synonym"),
        (("capture", "capture"), ("seized", "seize"), "wordnet_derived"),
    ],
)
def test_related_pairs_are_compared_only_with_wordnet(first: tuple[str, str], second: tuple[str, str], feature: str) -> None:
    """Two triggers without a shared key or paraphrase group are never compared by
    default; with ``wordnet`` they are, and their relation is a feature (in one story:
    ``wordnet_in_story`` too)."""
    events = [_event("a", *first), _event("b", *second)]
    assert pair_table(events, story_of={"a": 0, "b": 0}).features == {}
    features = pair_table(events, story_of={"a": 0, "b": 0}, wordnet=(2, 1)).features[(0, 1)]
    assert features[feature] == 1.0 and features["wordnet_in_story"] == 1.0
    assert sum(features[name] for name in WORDNET_FEATURES) == 2.0  # that relation only


@pytest.mark.parametrize(("first", "second"), [(("said", "say"), ("killed", "kill")), (("arrested", "arrest"), ("killed", "kill"))])
def test_unrelated_pairs_stay_uncompared_with_wordnet(first: tuple[str, str], second: tuple[str, str]) -> None:
    events = [_event("a", *first), _event("b", *second)]
    assert pair_table(events, story_of={"a": 0, "b": 0}, wordnet=(2, 1)).features == {}


def test_a_shared_key_leaves_the_wordnet_features_off() -> None:
    """"death" / "died" share a trigger key (the nominalization table): the WordNet
    features fire only between different triggers."""
    events = [_event("a", "death", "death"), _event("b", "died", "die")]
    features = pair_table(events, story_of={"a": 0, "b": 0}, wordnet=(2, 1)).features[(0, 1)]
    assert features["same_key"] == 1.0
    assert all(features[name] == 0.0 for name in WORDNET_FEATURES)


def test_cluster_events_links_related_triggers_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """With weights that trust a near hypernym (a stand-in: the shipped model gives the
    WordNet features weight 0), "shot" and "killed" of one story form one event with
    ``wordnet`` and stay two without; "said" never joins them."""
    bias, table = weights()
    trusting = {**table, "wordnet_hypernym": 12.0}
    monkeypatch.setattr(clustering, "weights", lambda: (bias, trusting))
    events = [_event("a", "shot", "shoot"), _event("b", "killed", "kill"), _event("c", "said", "say")]
    story = {"a": 0, "b": 0, "c": 0}
    assert sorted(map(sorted, cluster_events(events, story_of=story, wordnet=(2, 1)))) == [[0, 1], [2]]
    assert sorted(map(sorted, cluster_events(events, story_of=story))) == [[0], [1], [2]]


def test_the_shipped_model_leaves_wordnet_out() -> None:
    """The WordNet features are known to the model and weigh nothing in the shipped
    weights (they did not help on ECB+; docs/benchmarks.md)."""
    assert set(WORDNET_FEATURES) <= set(FEATURES)
    assert all(weights()[1].get(name, 0.0) == 0.0 for name in WORDNET_FEATURES)


@pytest.mark.parametrize("bad", [(0, 1), (2, -1)])
def test_bad_wordnet_settings_are_refused(bad: tuple[int, int]) -> None:
    with pytest.raises(InvalidOptionError, match="wordnet"):
        pair_table([_event("a", "shot", "shoot")], wordnet=bad)


def test_cross_validation_tool_refuses_bad_wordnet_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tool = load_tool("clustering_cv")
    for bad in ("0,1", "2,-1", "two,1", "2"):
        assert tool.main([str(tmp_path), "--topics", "1,3", "--wordnet", bad]) == 2
        assert "--wordnet" in capsys.readouterr().err
