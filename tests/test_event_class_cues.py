"""Tests of the guideline class cues of the learned event detector
(``resources/events_class_cues.tsv``, :func:`timeline.events.learned.class_cue_features`).

The table's own rows are the example corpus: each positive row's example must give its
word the row's class feature, each must-not row's example must give no event argument
to the word as a word of that class.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from timeline.events.learned import class_cue_features, complement_frames, token_features
from timeline.model import EVENT_CLASSES
from timeline.nlp import default_nlp
from timeline.tables import read_resource_rows

ROWS = read_resource_rows("events_class_cues.tsv", 3)
POSITIVE = [row for row in ROWS if not row[0].startswith("!")]
MUST_NOT = [(row[0][1:], row[1], row[2]) for row in ROWS if row[0].startswith("!")]


def _word(text: str, lemma: str) -> Token:
    """The first token of ``text`` whose lemma is ``lemma``."""
    return next(t for t in default_nlp()(text) if t.lemma_.lower() == lemma)


class TestTable:
    def test_classes_are_timeml_classes(self) -> None:
        """Every row names one of the seven TimeML classes."""
        assert {row[1] for row in ROWS} <= set(EVENT_CLASSES)

    def test_no_duplicate_rows(self) -> None:
        """A (lemma, class) pair is listed once."""
        pairs = [(row[0], row[1]) for row in ROWS]
        assert len(pairs) == len(set(pairs))

    def test_must_not_rows_exist(self) -> None:
        """The table keeps its look-alikes (a rule family needs must-not rows)."""
        assert len(MUST_NOT) >= 5


class TestExamples:
    @pytest.mark.parametrize(("lemma", "event_class", "example"), POSITIVE)
    def test_positive_row_gives_its_class(self, lemma: str, event_class: str, example: str) -> None:
        """The row's word in its example carries the row's guideline class feature."""
        assert f"gc={event_class}" in class_cue_features(_word(example, lemma))

    @pytest.mark.parametrize(("lemma", "event_class", "example"), MUST_NOT)
    def test_must_not_row_gives_no_event_argument(self, lemma: str, event_class: str, example: str) -> None:
        """The look-alike gets no class-with-complement feature of that class."""
        features = class_cue_features(_word(example, lemma))
        assert not [f for f in features if f.startswith(f"gc+frame={event_class}|") and not f.endswith("|none")], features


class TestFrames:
    @pytest.mark.parametrize(
        ("text", "lemma", "frame"),
        [
            ("Officials said that the plant closed.", "say", "ccomp_that"),
            ("The rebels want to negotiate.", "want", "xcomp_to"),
            ("Investors kept buying shares.", "keep", "xcomp_VBG"),
            ("Leaders urged an investigation.", "urge", "obj_event"),
            ("He kept the money.", "keep", "none"),
        ],
    )
    def test_complement_frame(self, text: str, lemma: str, frame: str) -> None:
        """The complement kind of a word: clause, infinitive, -ing complement, eventive object, none."""
        assert frame in complement_frames(_word(text, lemma))

    def test_governed_event(self) -> None:
        """An event under a class word knows the governor's class and its relation."""
        assert "gov=I_STATE|xcomp" in class_cue_features(_word("The rebels want to negotiate.", "negotiate"))

    def test_governed_through_preposition(self) -> None:
        """The object of "called for" is governed by an I_ACTION word through "for"."""
        assert "gov=I_ACTION|prep_for" in class_cue_features(_word("The opposition called for an investigation.", "investigation"))

    def test_predicative_adjective_and_copula(self) -> None:
        """A predicative adjective names its copula; the copula names its predicate."""
        assert "pred=ADJ|be" in class_cue_features(_word("The road was unsafe.", "unsafe"))
        assert "cop_with=acomp|ADJ" in class_cue_features(_word("The road was unsafe.", "be"))

    def test_cues_are_part_of_the_detector_features(self) -> None:
        """token_features carries the cue features (they are in the weights' feature version)."""
        token = _word("Officials said that the plant closed.", "say")
        assert set(class_cue_features(token)) <= set(token_features(token))


COPULA_EXAMPLES = {  # the examples of events_copulas.tsv's header, one per row
    "be": ("The outcome was unclear.", "unclear"),
    "become": ("She became president.", "president"),
    "seem": ("A deal seems likely.", "likely"),
    "remain": ("The road remained closed.", "closed"),
    "appear": ("The city appeared calm.", "calm"),
    "stay": ("Shops stayed open.", "open"),
    "look": ("The outlook looks bleak.", "bleak"),
    "sound": ("The plan sounds odd.", "odd"),
    "get": ("The floods got worse.", "worse"),
}


class TestCopulas:
    def test_every_row_has_an_example(self) -> None:
        """Each copula of events_copulas.tsv has an example here, and none is left over."""
        assert set(COPULA_EXAMPLES) == {row[0] for row in read_resource_rows("events_copulas.tsv", 1)}

    @pytest.mark.parametrize(("copula", "example"), sorted(COPULA_EXAMPLES.items()))
    def test_predicate_names_its_copula(self, copula: str, example: tuple[str, str]) -> None:
        """The predicate under each listed copula carries "pred=<POS>|<copula>"."""
        sentence, word = example
        token = next(t for t in default_nlp()(sentence) if t.text == word)
        assert f"pred={token.pos_}|{copula}" in class_cue_features(token)

    def test_keep_is_no_copula(self) -> None:
        """Must-not row of the table's header: "kept quiet" is an aspectual verb, no copula."""
        token = next(t for t in default_nlp()("The witnesses kept quiet.") if t.text == "quiet")
        assert not [f for f in class_cue_features(token) if f.startswith("pred=")]
