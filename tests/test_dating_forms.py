"""Tests of the tense-aspect rules of the dating policy (timeline.events.date, issue #14
item 3): the verb-form table read through the parse (``events_verb_forms_examples.tsv``)
and each rule on its examples with the rule on and switched off
(``events_dating_examples.tsv``), so that every row shows the rule at work or, for a
must-not row, that the rule leaves the event alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from spacy.language import Language

from timeline.documents import Document
from timeline.errors import ResourceError
from timeline.events import date as dating
from timeline.events import document_events
from timeline.events._parse import Trigger
from timeline.nlp import default_nlp
from timeline.tables import read_resource_rows
from timeline.times.temporal import find_times_in_parsed

PUBLISHED = date(2025, 3, 12)  # a Wednesday, as the examples' header says

FORM_EXAMPLES = read_resource_rows("events_verb_forms_examples.tsv", 3)
DATING_EXAMPLES = read_resource_rows("events_dating_examples.tsv", 5)


def _simple_past_by_tag(trigger: Trigger) -> bool:
    return trigger.clause is not None and trigger.clause.tag_ == "VBD"


# rule -> (attribute of timeline.events.date, its replacement that switches the rule off)
SWITCHED_OFF: dict[str, tuple[str, Callable[..., Any]]] = {
    "present_sentence": ("over_for_present", lambda *args: False),
    "past_sentence": ("ahead_of_past", lambda *args: False),
    "plan_held": ("holds_plan", lambda *args: False),
    "past_perfect": ("is_past_perfect", lambda trigger: False),
    "present_publication": ("holds_at_publication", lambda trigger: False),
    "past_form": ("is_simple_past", _simple_past_by_tag),
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _value(nlp: Language, text: str, trigger: str) -> str:
    """The inherited date of ``trigger``'s event in ``text`` ("-": none)."""
    document = Document(text=text, id="example", published=PUBLISHED)
    parsed = nlp(text)
    events = document_events(document, parsed, find_times_in_parsed(document, parsed), undated="inherit")
    return next((e.when.value for e in events if e.mentions[0].trigger_text == trigger), "-")


@pytest.mark.parametrize(("sentence", "verb", "reading"), FORM_EXAMPLES)
def test_verb_form_table_reads_each_example(nlp: Language, sentence: str, verb: str, reading: str) -> None:
    """Each example clause verb gets its tense-aspect reading; "-" rows get none."""
    parsed = nlp(sentence)
    token = next(t for t in parsed if t.text == verb)
    assert (dating.verb_group_form(token) or "-") == reading


def test_every_reading_of_the_table_has_an_example() -> None:
    """The examples file covers each reading the table can give, and a must-not row."""
    readings = {row[2] for row in FORM_EXAMPLES}
    assert readings == {*dating.VERB_FORM_READINGS, "-"}


@pytest.mark.parametrize(("rule", "text", "trigger", "expected", "without"), DATING_EXAMPLES)
def test_dating_rule_on_its_examples(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, rule: str, text: str, trigger: str, expected: str, without: str
) -> None:
    """The policy gives each example its value; with the rule switched off it gives the
    row's other value (the same one for a must-not row)."""
    assert _value(nlp, text, trigger) == expected
    name, replacement = SWITCHED_OFF[rule]
    monkeypatch.setattr(dating, name, replacement)
    assert _value(nlp, text, trigger) == without


def test_each_rule_has_an_example_it_changes_and_a_must_not_row() -> None:
    """Every rule of the table shows what it changes and where it must not act."""
    for rule in SWITCHED_OFF:
        rows = [row for row in DATING_EXAMPLES if row[0] == rule]
        assert any(row[3] != row[4] for row in rows), rule
        assert any(row[3] == row[4] for row in rows), rule


def test_every_row_of_the_verb_form_table_reads_an_example(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row of events_verb_forms.tsv is the one that reads some example: without it,
    an example's reading changes (no row is dead or shadowed by an earlier one)."""
    verbs = [next(t for t in nlp(sentence) if t.text == verb) for sentence, verb, _ in FORM_EXAMPLES]
    table = dating.verb_form_rows()
    readings = [dating.verb_group_form(verb) for verb in verbs]
    for index, row in enumerate(table):
        monkeypatch.setattr(dating, "verb_form_rows", lambda index=index: table[:index] + table[index + 1 :])
        assert [dating.verb_group_form(verb) for verb in verbs] != readings, row


def test_a_bad_reading_in_the_verb_form_table_is_a_resource_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row with a reading the policy does not know names the file and the value."""
    dating.verb_form_rows.cache_clear()
    monkeypatch.setattr(dating, "read_resource_rows", lambda name, columns: [["have", "VBD", "VBN", "pluperfect"]])
    try:
        with pytest.raises(ResourceError, match="events_verb_forms.tsv.*'pluperfect'"):
            dating.verb_form_rows()
    finally:
        dating.verb_form_rows.cache_clear()
