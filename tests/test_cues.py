"""The cue prefilters of ``timeline.cues``: what a rule's match must start with, and
the scan that tries a rule only there (it must find what a full scan finds)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cues import DIGIT_START, StartIndex, rule_starts, scan
from timeline.lexicon import rules
from timeline.recognize import find_candidates

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![\w])(?:(?i:jan|feb)uary)(?![\w])", {"jan", "feb"}),
        (r"(?i:may)|June", {"may", "jun"}),
        (r"(?:the )?year", None),  # "the" is optional and a space is a class: "t..." or "yea"
        (r"[01]?\d:[0-5]\d", {"0", "1", DIGIT_START}),
        (r"a(?=b)c", {"ac"}),
        (r"(?:\s*)x", None),  # may start with white space
        (r"\(x\)", None),  # starts with no word character
        (r"x?", None),  # may be empty
        (r"[^a]bc", None),
        (r"é+", None),  # case folding of other letters is not read
    ],
)
def test_rule_starts(pattern: str, expected: set[str] | None) -> None:
    found = rule_starts(pattern)
    if pattern == r"(?:the )?year":
        assert found == frozenset({"the", "yea"})
        return
    assert found == (None if expected is None else frozenset(expected))


TRICKY = [
    "At 10:30 a.m. on Jan. 5, 2003 and \u212aelvin \u017fep 5 SEPT 9 2001.",
    "ab12:30 x1:30 \u0663:15 (noon) 4pm 4 p.m. May 1-15, mayday, Maybe 1999 ",
    "the the-year theyear 'the year' last year's fiscal 1999 Q1-2000 1Q2000",
    "",
    "1",
]


@pytest.mark.parametrize("text", TRICKY + [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))])
def test_scan_from_starts_finds_what_the_full_scan_finds(text: str) -> None:
    index = StartIndex(text)
    for rule in rules():
        full = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        started = [(m.span(), m.groupdict()) for m in scan(rule.pattern, text, rule.starts, index)]
        assert started == full, rule.name


def test_most_rules_have_starts() -> None:
    """The mechanism is in use: most rules of the table are tried only at their starts
    (the clock-time and month rules among them)."""
    table = rules()
    with_starts = {rule.name for rule in table if rule.starts is not None}
    assert len(with_starts) >= len(table) * 2 // 3
    assert {"clock time", "month day, year", "month"} <= with_starts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 :.-'(\u212a\u017fMay0\n")), max_size=60))
def test_scan_equals_finditer_on_odd_texts(text: str) -> None:
    """On texts of few characters (digits, separators, odd case pairs), the scan from
    the starts gives finditer's matches for any pattern the starts are read for."""
    patterns = [r"(?<![\w])(?:(?i:may)|a:?\d+|\d\d?(?::\d\d)?)(?![\w])", r"(?<![\w])(?:(?i:k)?a[a-]b|b\.?)"]
    index = StartIndex(text)
    for pattern in patterns:
        compiled = regex.compile(pattern, regex.V0)
        starts = rule_starts(pattern)
        assert starts is not None
        assert [m.span() for m in scan(compiled, text, starts, index)] == [m.span() for m in compiled.finditer(text)]


def test_find_candidates_with_and_without_starts_on_the_seeds() -> None:
    plain = tuple(attrs.evolve(rule, starts=None) for rule in rules())
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text)]
        assert found and found == [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, plain)]
