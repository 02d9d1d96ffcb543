"""The example table of ``resources/events_time_cues.tsv``: which event a time dates,
and the comparison readings ("the lowest since October") that date none."""

from __future__ import annotations

import pytest
from spacy.language import Language

from timeline.events import load_lexicon
from timeline.events.attach import attached_event, load_time_cues, measure_reading
from timeline.nlp import default_nlp
from timeline.tables import read_resource_rows

EXAMPLES = [tuple(row) for row in read_resource_rows("events_time_cues_examples.tsv", 3)]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


@pytest.mark.parametrize(("sentence", "time", "expected"), EXAMPLES)
def test_time_dates_the_expected_event_or_none(nlp: Language, sentence: str, time: str, expected: str) -> None:
    """The attach step gives the time to the expected word, or to nothing ("-")."""
    parsed = nlp(sentence)
    start = sentence.index(time)
    span = parsed.char_span(start, start + len(time), alignment_mode="expand")
    assert span is not None
    trigger = attached_event(span, load_lexicon())
    found = "-" if trigger is None else trigger.token.text
    assert found == expected, measure_reading(span)


def test_the_table_has_both_kinds_of_rows() -> None:
    """Every cue family is exercised: comparison rows and rows that must not match."""
    assert any(expected == "-" for _, _, expected in EXAMPLES)
    assert any(expected != "-" for _, _, expected in EXAMPLES)
    assert load_time_cues().prepositions["since"] == frozenset({"superlative"})
