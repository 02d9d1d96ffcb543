"""url_or_id_spans: the runs of non-blank characters holding a URL/e-mail/identifier
marker, found from the markers outward (issue #20), against a plain reference."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.times.syntax import _URL_OR_ID_MARKERS, in_url_or_id, url_or_id_spans


def _reference(text: str) -> list[tuple[int, int]]:
    """Every maximal run of characters that are not str.isspace(), kept when it holds a marker."""
    spans = []
    start = None
    for index, char in enumerate(text + " "):
        if char.isspace():
            if start is not None and any(marker in text[start:index] for marker in _URL_OR_ID_MARKERS):
                spans.append((start, index))
            start = None
        elif start is None:
            start = index
    return spans


def test_examples() -> None:
    text = "See http://example.com/a_b now, mail bob@example.org;\tid=42 and 2024-05-03."
    assert [text[a:b] for a, b in url_or_id_spans(text)] == ["http://example.com/a_b", "bob@example.org;", "id=42"]
    assert url_or_id_spans("On May 3, 2024 the vote was held.") == []
    # blanks as str.isspace() has them, control separators and the line separator too
    assert url_or_id_spans("a\x1cb_c\u2028d") == [(2, 5)]
    assert in_url_or_id(text, url_or_id_spans(text), text.index("42"), text.index("42") + 2)
    assert not in_url_or_id(text, url_or_id_spans(text), text.index("2024"), text.index("2024") + 4)


_ALPHABET = ["a", "h", "t", "p", "w", ".", "c", "o", "m", "r", "g", ":", "/", "_", "@", "=", "1", "-", " ", "\n", "\xa0", "\x1c", "\u2028"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_same_runs_as_reference(text: str) -> None:
    assert url_or_id_spans(text) == _reference(text)
