"""Fuzzing the public entry points (issue #20): nothing but TimelineError subclasses
may escape, whatever the text, the publication date or the JSON.

Each property has a fixed time budget (:data:`BUDGET_SECONDS`): once spent, the
remaining examples return at once, so the suite's time does not depend on how fast
the machine draws and parses examples. The strategies draw random Unicode, runs of
the engine's own temporal vocabulary (the lexicons' forms, numbers, punctuation,
white space), edge publication dates, and hostile JSON for ``Timeline.from_dict``.
"""

from __future__ import annotations

import copy
import json
import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import atom, calendar_value

from timeline import build_timeline, find_times
from timeline.errors import TimelineError
from timeline.lexicon import lexicons
from timeline.merge import merge_events
from timeline.model import Granularity, Timeline
from timeline.outputs import time_mention_from_dict, time_mention_to_dict, timeline_from_dict, timeline_to_dict
from timeline.times.recognize import find_candidates

BUDGET_SECONDS = 12.0
_started: dict[str, float] = {}


def _within_budget(name: str) -> bool:
    """False once the property ``name`` has run for BUDGET_SECONDS."""
    started = _started.setdefault(name, time.monotonic())
    return time.monotonic() - started < BUDGET_SECONDS


def _vocabulary() -> list[str]:
    words = sorted({form for lexicon in lexicons().values() for form in lexicon.entries})
    return words + ["12/31/9999", "9999", "1/1/0001", "0001", "2024", "'24", "Q4", "3:15", "p.m.", "a.m.", "10", "31",
                    "-", "/", ",", ".", "(", ")", "\u2019", "\n\n", "\t", "  ", "\u00a0", "\u2028", "http://x.com/", "_",
                    "the", "The", "this", "last"]  # first words the rules' second words filter


VOCABULARY = _vocabulary()
temporal_texts = st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join)
unicode_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
published_dates = st.one_of(
    st.none(),
    st.sampled_from(["0001-01-01", "0001-01-02", "9998-12-31", "2024-02-29", "1999-12-31", "2000-01-01"]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9998, 12, 30), timezones=st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))])),
)
# Layout and encoding oddities of scraped text (session 16): line ends of every
# system, zero-width and direction marks, control characters and NUL, right-to-left
# script, emoji, and long runs of punctuation or symbols without a space (spaCy's
# tokenizer took time quadratic in such a word's length: 9,000 characters of emoji
# ran over 5 s in find_times).
_ODD_PIECES = ["\r\n", "\r", "\r\n\r\n", "\u200b", "\u200d", "\ufeff", "\u202e", "\u202c", "\u2066", "\x00", "\x1b[0m",
               "\x0c", "\x85", "\u2029", "\u0623\u0645\u0633", "\u0663 \u0645\u0627\u064a\u0648", "\U0001f600", "\U0001f1fa\U0001f1f8",
               "\u0301", "\uff13", "\u00a0"]
_RUN_UNITS = ["(", ")", '"', "'", "$", "%", "*", "#", "<", "\u2026", "\U0001f600", "\u2122", "a:", "12:", "1/", "-", "=", ".", "_"]
hostile_texts = st.lists(
    st.one_of(
        st.sampled_from(VOCABULARY),
        st.sampled_from(_ODD_PIECES),
        st.builds(lambda unit, count: unit * count, st.sampled_from(_RUN_UNITS), st.integers(min_value=1, max_value=2_500)),
    ),
    max_size=30,
).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.one_of(temporal_texts, unicode_texts), published_dates)
def test_find_times_raises_only_timeline_errors(text: str, published: Any) -> None:
    """find_times on any text and publication date returns mentions whose offsets
    point at their text, or raises a TimelineError."""
    if not _within_budget("find_times"):
        return
    try:
        mentions = find_times(text, published=published)
    except TimelineError:
        return
    assert all(text[m.start : m.end] == m.text for m in mentions)


@FUZZ
@given(hostile_texts, published_dates)
def test_find_times_on_odd_layout_raises_only_timeline_errors(text: str, published: Any) -> None:
    """find_times on text with odd line ends, invisible and control characters,
    right-to-left script and long runs of punctuation returns mentions whose offsets
    point at their text, or raises a TimelineError (a hang shows as the suite's time)."""
    if not _within_budget("odd layout"):
        return
    try:
        mentions = find_times(text, published=published)
    except TimelineError:
        return
    assert all(text[m.start : m.end] == m.text for m in mentions)


@FUZZ
@given(st.lists(st.one_of(temporal_texts, unicode_texts), min_size=1, max_size=3), published_dates, st.sampled_from(["drop", "inherit"]))
def test_build_timeline_raises_only_timeline_errors(texts: list[str], published: Any, undated: str) -> None:
    """build_timeline on any texts gives a Timeline that survives its JSON round trip,
    or raises a TimelineError."""
    if not _within_budget("build_timeline"):
        return
    documents = [{"text": text, "id": f"d{index}", "published": published} for index, text in enumerate(texts)]
    try:
        timeline = build_timeline(documents, undated=undated)
    except TimelineError:
        return
    assert Timeline.from_dict(timeline.to_dict()) == timeline


@settings(max_examples=300, deadline=None)
@given(temporal_texts)
def test_cue_prefilters_change_no_match(text: str) -> None:
    """Skipping rules by their needed strings, and trying each rule only at the word
    starts its matches can begin with (their first words, and the words that may
    follow a first word), finds exactly the matches that scanning the whole text with
    every rule finds."""
    from timeline.lexicon import rules

    every_rule = tuple(attrs.evolve(rule, needs=(), starts=None, first_words=None, second_words=None) for rule in rules())

    def found(table: Any = None) -> list[tuple[Any, ...]]:
        return [(c.start, c.end, c.rule.name, c.partial) for c in find_candidates(text, table)]

    assert found() == found(every_rule)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=30,
)


def _valid_dict() -> dict[str, Any]:
    events = [atom(0, 0, "a", calendar_value(Granularity.DAY, 2023, 7, 26)), atom(1, 1, "b", calendar_value(Granularity.MONTH, 2023, 9))]
    return merge_events(events, documents=["a", "b"]).to_dict()


VALID = _valid_dict()


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a nested dict/list, as a path of keys and indexes."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*path, index)))
    return found


PATHS = _paths(VALID)[1:]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PATHS), json_values)
def test_from_dict_on_a_corrupted_timeline_raises_only_timeline_errors(path: tuple[Any, ...], replacement: Any) -> None:
    """A valid timeline dict with any one field replaced by any JSON value reads back
    as a timeline that survives its own JSON round trip, or raises a TimelineError
    with a message."""
    data = copy.deepcopy(VALID)
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = replacement
    try:
        timeline = timeline_from_dict(data)
    except TimelineError as error:
        assert str(error)
        return
    assert timeline_from_dict(timeline.to_dict()) == timeline


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_from_dict_on_any_json_raises_only_timeline_errors(data: Any) -> None:
    """Any JSON value, as a timeline or as a time mention, reads as a record that
    survives its own JSON round trip, or raises a TimelineError with a message."""
    for reader, writer in ((timeline_from_dict, timeline_to_dict), (time_mention_from_dict, time_mention_to_dict)):
        try:
            record = reader(data)
        except TimelineError as error:
            assert str(error)
            continue
        assert reader(writer(record)) == record


def test_the_unchanged_timeline_reads_back_and_a_wrong_field_is_named() -> None:
    """The fuzzed dict itself reads back equal to the timeline it was written from, and
    one wrong field gives an error naming it: the two outcomes the properties accept."""
    assert timeline_from_dict(copy.deepcopy(VALID)).to_dict() == VALID
    broken = copy.deepcopy(VALID)
    broken["events"][0]["when"]["type"] = "YEAR"
    try:
        timeline_from_dict(broken)
    except TimelineError as error:
        assert "type" in str(error) and "YEAR" in str(error)
    else:
        raise AssertionError("a time value of type 'YEAR' was read")


@settings(max_examples=300, deadline=None)
@given(st.one_of(json_values.map(json.dumps), st.text(st.sampled_from('[]{}":,0123456789.eE-+ truefalsn\\'), max_size=60)))
def test_from_json_on_any_text_raises_only_timeline_errors(text: str) -> None:
    """Timeline.from_json on any JSON, and on any text of JSON's own characters,
    reads a timeline that survives its JSON round trip or raises a TimelineError."""
    try:
        timeline = Timeline.from_json(text)
    except TimelineError as error:
        assert str(error)
        return
    assert Timeline.from_json(timeline.to_json()) == timeline
