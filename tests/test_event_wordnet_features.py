"""Tests of the WordNet features of the learned event detector
(``resources/events_wordnet_ancestors.tsv``, :func:`timeline.events.learned.wordnet_features`).

The table's rows are the examples: a positive row's noun carries ``wnanc=<name>``, a
must-not row's noun does not.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from timeline.events.learned import token_features, wordnet_features
from timeline.nlp import default_nlp
from timeline.tables import read_resource_rows
from timeline.wordnet import load_wordnet

ROWS = read_resource_rows("events_wordnet_ancestors.tsv", 3)
POSITIVE = [row for row in ROWS if not row[0].startswith("!")]
MUST_NOT = [(row[0][1:], row[1], row[2]) for row in ROWS if row[0].startswith("!")]


def _word(text: str, lemma: str) -> Token:
    """The first token of ``text`` whose lemma is ``lemma``."""
    return next(t for t in default_nlp()(text) if t.lemma_.lower() == lemma)


class TestTable:
    def test_synsets_are_wordnet_nouns(self) -> None:
        """Every row names a noun synset the shipped WordNet knows."""
        wordnet = load_wordnet()
        for _name, synset, _example in ROWS:
            assert synset.startswith("n") and wordnet.lexname(synset).startswith("noun.")

    def test_names_are_unique(self) -> None:
        """One synset per name among the positive rows."""
        assert len({row[0] for row in POSITIVE}) == len(POSITIVE)

    def test_must_not_rows_exist(self) -> None:
        assert len(MUST_NOT) >= 3


class TestExamples:
    @pytest.mark.parametrize(("name", "synset", "noun"), POSITIVE)
    def test_positive_row_marks_its_noun(self, name: str, synset: str, noun: str) -> None:
        """The row's noun, in a sentence, falls under the row's synset."""
        assert f"wnanc={name}" in wordnet_features(_word(f"They talked about the {noun} on Monday.", noun))

    @pytest.mark.parametrize(("name", "synset", "noun"), MUST_NOT)
    def test_must_not_row_leaves_its_noun_out(self, name: str, synset: str, noun: str) -> None:
        assert f"wnanc={name}" not in wordnet_features(_word(f"They talked about the {noun} on Monday.", noun))


class TestFeatures:
    @pytest.mark.parametrize(
        ("text", "lemma", "expected"),
        [
            # TimeBank's financial event nouns that AQUAINT's documents lack
            ("The loss widened in the quarter.", "loss", {"wn1=noun.possession", "wn3=noun.process", "wnanc=possession"}),
            ("Growth slowed last year.", "growth", {"wn1=noun.process", "wnder=n>v", "wnder1=verb.change"}),
            ("His death shocked the town.", "death", {"wn1=noun.event", "wnanc=event", "wnder=n>v"}),
            ("The bid failed.", "bid", {"wn1=noun.communication", "wnanc=event", "wnder=n>v"}),
        ],
    )
    def test_senses_of_known_words(self, text: str, lemma: str, expected: set[str]) -> None:
        assert expected <= set(wordnet_features(_word(text, lemma)))

    def test_word_wordnet_lacks(self) -> None:
        """A noun WordNet does not list gets the unknown marker only."""
        assert wordnet_features(_word("The zorblax happened.", "zorblax")) == ["wn0=n"]

    def test_other_parts_of_speech_get_none(self) -> None:
        """Verbs, adjectives, proper nouns, determiners: no WordNet look-up (verbs were
        measured and left out, docs/benchmarks.md)."""
        doc = default_nlp()("The quick Reuters report said prices were clear.")
        others = [t for t in doc if t.pos_ in ("VERB", "AUX", "ADJ", "PROPN", "DET")]
        assert {t.pos_ for t in others} == {"VERB", "AUX", "ADJ", "PROPN", "DET"}
        assert [wordnet_features(t) for t in others] == [[] for _ in others]

    def test_token_features_carry_them(self) -> None:
        """token_features includes the WordNet features (feature version 3)."""
        token = _word("Growth slowed last year.", "growth")
        assert set(wordnet_features(token)) <= set(token_features(token))

    @pytest.mark.parametrize("noun", ["year", "fall", "weekend"])
    def test_time_nouns_get_none(self, noun: str) -> None:
        """A noun whose first sense is a time period is the temporal expressions' business."""
        assert wordnet_features(_word(f"They met in the {noun}.", noun)) == []

    def test_company_is_not_an_event(self) -> None:
        """A group noun carries no event, act or process ancestor."""
        features = set(wordnet_features(_word("The company grew.", "company")))
        assert "wn1=noun.group" in features and not features & {"wnanc=event", "wnanc=process", "wnanc=action"}
