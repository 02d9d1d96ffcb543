"""User-level probes of the event layer (build_timeline on short wire stories): each
table row is a case that a probe found wrong, with what a reader expects."""

from __future__ import annotations

import pytest
from spacy.language import Language

from timeline import build
from timeline.dateline import infer_published, wire_head
from timeline.documents import Document
from timeline.model import Event
from timeline.nlp import default_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def events(nlp: Language, text: str, published: str = "2024-03-12") -> list[Event]:
    return list(build.build_timeline([Document(text, published=published)], nlp=nlp))


def dated(nlp: Language, text: str, published: str = "2024-03-12") -> list[tuple[str, str]]:
    return [(e.when.value, e.summary) for e in events(nlp, text, published)]


# --------------------------------------------------------------------------- wire heads


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("KYIV, March 12, 2024 (Reuters) - Talks collapsed.", "KYIV, March 12, 2024 (Reuters) -"),
        ("SÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won.", "SÃO PAULO, Oct. 31, 2022 (Reuters) -"),
        ("BRASÍLIA (AP) — Bolsonaro spoke.", "BRASÍLIA (AP) —"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON —"),
        ("KYIV, Ukraine, March 12 (Reuters) - Talks collapsed.", "KYIV, Ukraine, March 12 (Reuters) -"),
        ("U.S. - China talks resumed on Monday.", None),
        ("NATO met on Monday.", None),
    ],
)
def test_wire_head_bounds(line: str, head: object) -> None:
    text = "Headline of the story\n" + line
    found = wire_head(text)
    assert (text[found[0] : found[1]] if found else None) == head


def test_dateline_place_in_any_script_dates_the_article() -> None:
    """"SÃO PAULO" and "BOGOTÁ" are capitals too."""
    assert str(infer_published("Lula wins\nSÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won.")) == "2022-10-31"
    assert str(infer_published("BOGOTÁ, Oct. 31, 2022 (Reuters) - Petro spoke.")) == "2022-10-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the filing place is no part of the lead's event
        (
            "Talks collapse\nKYIV, March 12, 2024 (Reuters) - Peace talks between Ukraine and Russia collapsed on Friday.",
            [("2024-03-08", "Peace talks between Ukraine and Russia collapsed")],
        ),
        (
            "Bolsonaro silent\nBRASÍLIA (AP) — Truckers blocked highways across the country on Monday.",
            [("2024-03-11", "Truckers blocked highways across the country")],
        ),
        # the dateline's date (accented place) dates no headline verb
        (
            "Lula wins Brazil runoff\nSÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won the runoff on Sunday.",
            [("2022-10-30", "Lula won the runoff")],
        ),
    ],
)
def test_wire_head_is_not_part_of_the_lead_event(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    published = "2022-10-31" if "2022" in text else "2024-03-12"
    assert dated(nlp, text, published) == expected
