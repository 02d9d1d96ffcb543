"""Who an event is about on ordinary news (branch roleprobes): the place prepositions table
with its must-not rows, the roles read off small clauses and adverbs, names the tagger
cut or ran on, the type a kind noun beside a name gives, and how pronouns pick their
entity (a subject first; an untagged name for he/she)."""

from __future__ import annotations

from typing import Optional

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from timeline.documents import as_document
from timeline.entities import (
    PLACE_PREPOSITION_FAMILIES,
    argument_heads,
    document_entities,
    find_mentions,
    place_prepositions,
    resolve,
    with_roles,
)
from timeline.errors import ResourceError
from timeline.nlp import default_nlp
from timeline.tables import resource_table


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _roles(parsed: Doc, trigger: str) -> dict[str, str]:
    token = next(t for t in parsed if t.text == trigger)
    return {t.text: role for t, role in argument_heads(token)}


# ------------------------------------------------------------ place prepositions


def _place_rows() -> list[tuple[int, str, str, str, str, str]]:
    return [(number, *cells) for number, cells in resource_table("entities_place_prepositions.tsv")]  # type: ignore[misc]


@pytest.mark.parametrize(("number", "family", "preposition", "example", "trigger", "word"), _place_rows())
def test_place_preposition_rows(nlp: Language, number: int, family: str, preposition: str, example: str, trigger: str, word: str) -> None:
    """Each row of entities_place_prepositions.tsv: the word is a place of the trigger, or (a not-locative row) is not."""
    roles = _roles(nlp(example), trigger)
    if family == "not-locative":
        assert roles.get(word) != "place", (number, roles)
    else:
        assert roles.get(word) == "place", (number, roles)
        assert preposition in example.lower().split()


def test_place_table_has_both_families_and_must_not_rows() -> None:
    """The table lists rows of both rule families and must-not rows; an 'always' preposition stays 'always'."""
    families = {row[1] for row in _place_rows()}
    assert families == set(PLACE_PREPOSITION_FAMILIES)
    assert place_prepositions()["near"] == "always"
    assert place_prepositions()["in"] == "locative"
    assert "of" not in place_prepositions() and "after" not in place_prepositions()


def test_a_bad_place_row_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row of an unknown family is a ResourceError naming the table and the line."""
    import timeline.entities as entities

    monkeypatch.setattr(entities, "resource_table", lambda name: [(3, ["maybe", "in", "x", "y", "z"])])
    entities.place_prepositions.cache_clear()
    try:
        with pytest.raises(ResourceError, match="entities_place_prepositions.tsv line 3"):
            entities.place_prepositions()
    finally:
        monkeypatch.undo()
        entities.place_prepositions.cache_clear()


# ------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a verbless small clause: its subject is what the event happens to
        ("A jury found Hunter Biden guilty on Tuesday.", "found", {"Biden": "patient"}),
        # an adverb's phrase
        ("She finished five points ahead of Shilese Jones.", "finished", {"Jones": "other"}),
        # a place in apposition to the object of "near" is a place too
        ("Hurricane Ian made landfall near Cayo Costa, Florida, on Wednesday.", "made", {"Costa": "place", "Florida": "place"}),
        # a place two phrases deep, through locative prepositions only
        ("General Motors will lay off 1,300 workers at two plants in Michigan.", "lay", {"Michigan": "place", "Motors": "agent"}),
    ],
)
def test_roles_of_small_clauses_adverbs_and_nested_places(nlp: Language, text: str, trigger: str, expected: dict[str, str]) -> None:
    """Roles read off a small clause, an adverb's phrase, 'near' and a place inside an argument's locative phrase."""
    roles = _roles(nlp(text), trigger)
    for word, role in expected.items():
        assert roles.get(word) == role, (word, roles)


def test_a_place_inside_the_subject_is_no_place_of_the_event(nlp: Language) -> None:
    """'A jury in Delaware found ...' and 'Police in Paris arrested ...' did not happen 'in' the subject's place by that phrase."""
    for text, trigger, word in (
        ("A jury in Delaware found Hunter Biden guilty.", "found", "Delaware"),
        ("Police in Paris arrested Karim Benali on Tuesday.", "arrested", "Paris"),
    ):
        assert word not in _roles(nlp(text), trigger)


# ------------------------------------------------------------------- names


def _names(nlp: Language, text: str) -> dict[str, str]:
    return {m.text: m.type for m in find_mentions(nlp(text)) if m.kind == "name"}


def test_a_score_is_no_part_of_a_persons_name(nlp: Language) -> None:
    """'Novak Djokovic defeated Carlos Alcaraz 7-6, 7-6' names the person Carlos Alcaraz, not a product 'Carlos Alcaraz 7-6'."""
    names = _names(nlp, "Novak Djokovic defeated Carlos Alcaraz 7-6, 7-6 to win the Olympic gold medal.")
    assert names.get("Carlos Alcaraz") == "PERSON", names
    assert not any("7-6" in name for name in names)


def test_a_club_named_after_its_city_is_read_whole(nlp: Language) -> None:
    """'Real Madrid beat Barcelona': the name is 'Real Madrid', not the city; a title before a person's name stays out."""
    names = _names(nlp, "Real Madrid beat Barcelona 2-1 at the Santiago Bernabeu on Sunday.")
    assert "Real Madrid" in names and "Madrid" not in names, names
    people = _names(nlp, "Prime Minister Rishi Sunak announced an election on Wednesday.")
    assert "Rishi Sunak" in people, people


def test_a_kind_noun_before_a_name_gives_its_type(nlp: Language) -> None:
    """'the blood-testing startup Theranos' is an organisation (the tagger said a person), so 'She' is Elizabeth Holmes."""
    text = (
        "Elizabeth Holmes, the founder of the blood-testing startup Theranos, reported to a federal prison in Texas on Tuesday."
        " She was convicted of defrauding investors last year."
    )
    parsed = nlp(text)
    clusters = resolve(find_mentions(parsed), parsed)
    theranos = next(c for c in clusters if any(m.text == "Theranos" for m in c.mentions))
    assert theranos.type == "ORG"
    she = next(c for c in clusters if any(m.text == "She" for m in c.mentions))
    assert "Elizabeth Holmes" in she.names


def test_the_kind_noun_just_before_a_name_gives_its_type(nlp: Language) -> None:
    """'the chipmaker Qualcomm' (parsed as two objects) is a company, not the person the tagger said."""
    names = _names(nlp, "Tech giant Apple sued the chipmaker Qualcomm.")
    assert names.get("Qualcomm") == "ORG", names


def test_a_law_or_case_is_one_entity(nlp: Language) -> None:
    """'overturned Roe v. Wade' is about the case, named whole."""
    text = "The Supreme Court on Friday overturned Roe v. Wade."
    parsed = nlp(text)
    found = document_entities(as_document(text, published="2022-06-24"), parsed)
    assert any(e.name == "Roe v. Wade" and e.type == "LAW" for e in found.entities), found.entities


# ---------------------------------------------------------------- pronouns


def _antecedent(nlp: Language, text: str, pronoun: str) -> Optional[list[str]]:
    parsed = nlp(text)
    for cluster in resolve(find_mentions(parsed), parsed):
        if any(m.kind == "pronoun" and m.text == pronoun for m in cluster.mentions):
            return cluster.names
    return None


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        # a subject before a nearer object
        ("Apple Inc. agreed on Wednesday to buy Beats Electronics for $3 billion, its biggest acquisition ever.", "its", "Apple Inc."),
        ("General Motors will lay off 1,300 workers at two plants in Michigan next month as it ends production.", "it", "General Motors"),
        ("Elon Musk fired Parag Agrawal and Ned Segal on Thursday. He completed the takeover on Thursday.", "He", "Elon Musk"),
        # no subject fits: the nearest entity, as before
        ("Investors bought shares of Tesla on Monday after its results.", "its", "Tesla"),
        # he/she with no tagged person before it: an untagged name a person may bear
        ("Simone Biles won her sixth all-around title on Sunday. She finished five points ahead.", "She", "Simone Biles"),
    ],
)
def test_pronouns_prefer_a_subject_and_take_an_untagged_persons_name(nlp: Language, text: str, pronoun: str, name: str) -> None:
    """A pronoun takes a subject of its sentence or the one before over a nearer non-subject; he/she an untagged two-word name when no person is near."""
    names = _antecedent(nlp, text, pronoun)
    assert names is not None and name in names, names


def test_roles_name_the_entity_a_pronoun_stands_for(nlp: Language) -> None:
    """The agent of 'it would cut' in 'Amazon said it would cut jobs' is Amazon, by its name."""
    from timeline.build import analyze_document

    text = "Amazon said on Thursday it would cut about 9,000 more jobs."
    parsed = nlp(text)
    document = as_document(text, published="2023-03-20")
    result = analyze_document(document, parsed, undated="inherit")
    roles = {(p.name, p.role) for e in result.events for m in e.mentions if m.trigger_text == "cut" for p in m.roles}
    assert ("Amazon", "agent") in roles, roles
    assert with_roles((), parsed, document_entities(document, parsed)) == []
