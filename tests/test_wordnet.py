"""The shipped WordNet tables (``timeline.wordnet``): what the event and merge stages read."""

from __future__ import annotations

import pytest

from timeline.errors import InvalidOptionError
from timeline.wordnet import load_wordnet

WN = load_wordnet()

# (lemma, pos, senses, expected supersenses in sense order)
SUPERSENSE_EXAMPLES = [
    ("death", "n", 1, ("noun.event",)),
    ("loss", "n", 2, ("noun.possession", "noun.process")),
    ("say", "v", 1, ("verb.communication",)),
    ("see", "v", 1, ("verb.perception",)),
    ("kill", "v", 1, ("verb.contact",)),
    ("earthquake", "n", 1, ("noun.event",)),
]


@pytest.mark.parametrize("lemma, pos, senses, expected", SUPERSENSE_EXAMPLES)
def test_supersenses_of_known_words(lemma: str, pos: str, senses: int, expected: tuple[str, ...]) -> None:
    assert WN.supersenses(lemma, pos, senses) == expected


@pytest.mark.parametrize("lemma, pos", [("xqzzy", "n"), ("the", "v"), ("Obama", "v")])
def test_unknown_lemmas_have_no_senses(lemma: str, pos: str) -> None:
    assert WN.synsets(lemma, pos) == ()
    assert WN.supersenses(lemma, pos) == ()
    assert WN.derived(lemma, pos) == ()


def test_shooting_is_a_way_of_killing() -> None:
    kill = set(WN.synsets("kill", "v")[:1])
    assert kill & WN.ancestors(WN.synsets("shoot", "v")[:2], depth=1)
    # must not: "kill" is no kind of "shoot", and "say" is no kind of "kill"
    assert not set(WN.synsets("shoot", "v")) & WN.ancestors(WN.synsets("kill", "v")[:2], depth=3)
    assert not kill & WN.ancestors(WN.synsets("say", "v"), depth=3)


def test_multiword_verbs_are_kept() -> None:
    gun_down = WN.synsets("gun down", "v")
    assert gun_down
    assert set(WN.synsets("shoot", "v")) & WN.ancestors(gun_down, depth=1)


@pytest.mark.parametrize(
    "lemma, pos, derived, not_derived",
    [
        ("death", "n", ("v", "die"), ("v", "kill")),
        ("invade", "v", ("n", "invasion"), ("n", "attack")),
        # derived lemmas of several words stay whole ("v:add on", not "v:add" and "on")
        ("add-on", "n", ("v", "add on"), ("v", "add")),
        ("air-condition", "v", ("n", "air conditioner"), ("n", "air")),
    ],
)
def test_derivations_link_nouns_and_verbs(lemma: str, pos: str, derived: tuple[str, str], not_derived: tuple[str, str]) -> None:
    assert derived in WN.derived(lemma, pos)
    assert not_derived not in WN.derived(lemma, pos)


def test_ancestors_depth_bounds_the_walk() -> None:
    start = WN.synsets("earthquake", "n")[:1]
    assert WN.ancestors(start, depth=0) == frozenset(start)
    one, all_of_them = WN.ancestors(start, depth=1), WN.ancestors(start)
    assert frozenset(start) < one < all_of_them
    assert {WN.lexname(s) for s in all_of_them} >= {"noun.event", "noun.Tops"}


def test_bad_part_of_speech_is_named() -> None:
    with pytest.raises(InvalidOptionError, match="'NOUN'"):
        WN.synsets("death", "NOUN")


def test_unknown_synset_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="n99999999"):
        WN.lexname("n99999999")
