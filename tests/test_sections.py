"""Tests of timeline.documents.sections: teasers for other stories after the article are not
dated from the article's publication date."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from timeline import build_timeline, find_times
from timeline.documents import Document
from timeline.nlp import default_nlp
from timeline.documents.sections import is_related_heading, reference_date, related_block, related_start

PUBLISHED = date(2023, 9, 18)  # a Monday

ARTICLE = "Niger's junta signed a pact on Saturday.\n\n"
TEASERS = (
    "More from GZERO Media\n\n"
    "Trump meets King Abdullah in Washington, on Feb. 11, 2025.\n\n"
    "On Thursday, Hamas promised to release three hostages.\n"
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("More from GZERO Media", True),
        ("Related", True),
        ("RELATED STORIES", True),
        ("Read more:", False),  # ends like a lead-in to a sentence, not a heading
        ("Read more", True),
        ("You may also like", True),
        ("Most Popular", True),
        ("Relatedness of the two outbreaks was unclear", False),  # a word that starts like one
        ("More from the minister came later in the day.", False),  # a sentence
        ("Related stories about the coup in Niger and its neighbours in the Sahel region", False),  # too long
        ("", False),
    ],
)
def test_related_headings(line: str, expected: bool) -> None:
    assert is_related_heading(line) is expected


def test_related_block_starts_at_the_heading_and_never_on_the_first_line() -> None:
    text = ARTICLE + TEASERS
    assert related_start(text) == len(ARTICLE)
    assert related_start("Related\nThe junta signed a pact on Saturday.") is None
    assert related_start(ARTICLE) is None


def test_reference_date_is_none_in_the_teasers_only() -> None:
    text = ARTICLE + TEASERS
    assert reference_date(text, PUBLISHED, 5) == PUBLISHED
    assert reference_date(text, PUBLISHED, len(text) - 5) is None
    assert related_block(text, 5) is None
    # each teaser paragraph is its own block
    first = related_block(text, text.index("Trump"))
    second = related_block(text, text.index("Hamas"))
    assert first is not None and second is not None and first < second


def test_teaser_times_are_not_resolved_against_the_article(nlp: Language) -> None:
    values = {m.text: (m.when.value, m.resolved) for m in find_times(ARTICLE + TEASERS, published=PUBLISHED, nlp=nlp)}
    assert values["Saturday"] == ("2023-09-16", True)  # the article's own relative date
    assert values["Feb. 11, 2025"] == ("2025-02-11", True)  # absolute dates stay
    # not the Thursday before the article's date, nor the Thursday after Feb. 11, 2025
    assert values["Thursday"] == ("XXXX-WXX-4", False)


def test_teasers_give_only_their_absolute_events(nlp: Language) -> None:
    result = build_timeline([Document(text=ARTICLE + TEASERS, id="p", published=PUBLISHED)], nlp=nlp)
    dated = {(e.trigger, e.when.value, e.planned) for e in result}
    assert ("sign", "2023-09-16", False) in dated
    assert ("meet", "2025-02-11", False) in dated  # after the article's date, yet not "planned"
    assert "promise" not in {e.trigger for e in result}
    # with inherited dates, the teasers still get no publication day
    inherited = build_timeline([Document(text=ARTICLE + TEASERS, id="p", published=PUBLISHED)], nlp=nlp, undated="inherit")
    assert "promise" not in {e.trigger for e in inherited}
