"""Tests of timeline.outputs: dict/JSON round trip and schema, table, TimelineJS, TimeML."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import atom, atom_lists, calendar_value, time_mentions, timelines

from timeline import Document, to_timeml
from timeline.errors import InvalidDateError, InvalidDocumentError
from timeline.merge import merge_events
from timeline.model import Anchor, Conflict, Event, Granularity, Interval, Mention, Timeline, TimeMention, TimeValue
from timeline.outputs import (
    render_table,
    time_mention_from_dict,
    time_mention_to_dict,
    timeline_from_dict,
    timeline_to_dict,
    to_timelinejs,
)

G = Granularity
SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "schema.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- a small validator
# jsonschema is not a dependency; this checks the subset of draft 2020-12 that
# docs/schema.json uses, and jsonschema is used as well when it happens to be installed.

_TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """Violations of ``schema`` by ``value`` (empty when valid)."""
    errors: list[str] = []
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        errors += schema_errors(value, target, root, path)
    if "anyOf" in schema and all(schema_errors(value, s, root, path) for s in schema["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "const" in schema and (value != schema["const"] or type(value) is not type(schema["const"])):
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in enum")
    if "type" in schema and not _is_type(value, schema["type"]):
        return errors + [f"{path}: expected {schema['type']}"]
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key!r}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected {key!r}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: wrong length {len(value)}")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += schema_errors(item, schema["items"], root, f"{path}[{i}]")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if _is_type(value, "integer") and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: below minimum")
    return errors


def assert_valid(data: dict[str, Any]) -> None:
    """Validate against docs/schema.json with the small validator and, if present, jsonschema."""
    assert schema_errors(data, SCHEMA, SCHEMA) == []
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.Draft202012Validator(SCHEMA).validate(data)


# --------------------------------------------------------------------------- fixtures

JULY_26 = calendar_value(G.DAY, 2023, 7, 26)


def sample_timeline() -> Timeline:
    """A planned signing reported with conflicting dates, and a month-level withdrawal."""
    events = [
        atom(0, 0, "a", JULY_26, planned=True),
        atom(1, 0, "b", JULY_26, planned=True),
        atom(2, 0, "c", calendar_value(G.DAY, 2023, 7, 20), planned=True),
        atom(3, 1, "c", calendar_value(G.MONTH, 2023, 9)),
    ]
    return merge_events(events, documents=["a", "b", "c", "d"])


# --------------------------------------------------------------------------- dict / JSON


@settings(max_examples=150, deadline=None)
@given(timelines())
def test_dict_round_trip_is_exact(timeline: Timeline) -> None:
    """Timeline.from_dict(t.to_dict()) == t for any timeline."""
    assert Timeline.from_dict(timeline.to_dict()) == timeline


@settings(max_examples=100, deadline=None)
@given(timelines())
def test_json_round_trip_is_exact_and_valid(timeline: Timeline) -> None:
    """The JSON text reads back to the same timeline and matches the schema."""
    data = json.loads(timeline.to_json())
    assert_valid(data)
    assert timeline_from_dict(data) == timeline


@settings(deadline=None)
@given(atom_lists())
def test_merged_timelines_match_the_schema(atoms: list[Event]) -> None:
    """Timelines as merge_events builds them validate against docs/schema.json."""
    assert_valid(timeline_to_dict(merge_events(atoms)))


def test_dict_form_uses_iso_strings_labels_and_a_version() -> None:
    """Datetimes are ISO strings, granularity a lowercase label, with format and version."""
    data = sample_timeline().to_dict()
    assert (data["format"], data["version"]) == ("news-timeline", 1)
    when = data["events"][0]["when"]
    assert when == {"value": "2023-07-26", "type": "DATE", "granularity": "day",
                    "interval": {"start": "2023-07-26T00:00:00", "end": "2023-07-27T00:00:00"}, "mod": None}
    assert data["events"][0]["conflicts"] == [{"value": "2023-07-20", "doc_ids": ["c"]}]


def _set_event(when: TimeValue) -> Timeline:
    return Timeline(events=(Event(when=when, summary="the council meets", trigger="meet"),), documents=("a",))


def test_set_freq_and_quant_are_written_only_when_present() -> None:
    """A set's TIMEX3 freq and quant go into the dict form when it has them and are no
    keys otherwise, so values without them read and validate as before."""
    twice = TimeValue("P1W", "SET", freq="2X", quant="EVERY")
    data = _set_event(twice).to_dict()
    assert data["events"][0]["when"] == {"value": "P1W", "type": "SET", "granularity": None, "interval": None,
                                         "mod": None, "freq": "2X", "quant": "EVERY"}
    assert_valid(data)
    assert Timeline.from_dict(data).events[0].when == twice
    plain = _set_event(TimeValue("P1W", "SET")).to_dict()
    assert "freq" not in plain["events"][0]["when"] and "quant" not in plain["events"][0]["when"]


def test_a_value_written_before_freq_and_quant_reads_with_none() -> None:
    """An older file, whose values have no freq or quant key, reads with both None."""
    data = _set_event(TimeValue("P1D", "SET")).to_dict()
    assert Timeline.from_dict(copy.deepcopy(data)).events[0].when.freq is None
    assert Timeline.from_dict(data).events[0].when.quant is None


def test_validator_rejects_broken_documents() -> None:
    """The schema check is not vacuous: missing keys, bad labels and extra keys fail."""
    good = sample_timeline().to_dict()
    broken = []
    for change in (
        lambda d: d["events"][0].pop("summary"),
        lambda d: d["events"][0]["when"].__setitem__("granularity", "DAY"),
        lambda d: d["events"][0]["mentions"][0].__setitem__("trigger_span", [1]),
        lambda d: d.__setitem__("extra", 1),
        lambda d: d["events"][0]["when"]["interval"].__setitem__("start", "26 July 2023"),
    ):
        data = copy.deepcopy(good)
        change(data)
        broken.append(schema_errors(data, SCHEMA, SCHEMA))
    assert all(broken)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda d: d.__setitem__("version", 99), InvalidDocumentError),
        (lambda d: d["events"][0].pop("when"), InvalidDocumentError),
        (lambda d: d["events"][0]["when"].__setitem__("granularity", "fortnight"), InvalidDocumentError),
        (lambda d: d["events"][0]["when"]["interval"].__setitem__("end", "tomorrow"), InvalidDateError),
        (lambda d: d["events"][0]["mentions"][0].__setitem__("event_span", [1, 2, 3]), InvalidDocumentError),
    ],
)
def test_from_dict_names_the_bad_field(change: Any, error: type[Exception]) -> None:
    """Malformed input raises a library error instead of building a broken Timeline."""
    data = sample_timeline().to_dict()
    change(data)
    with pytest.raises(error):
        timeline_from_dict(data)


# --------------------------------------------------------------------------- one TimeMention


@settings(max_examples=150, deadline=None)
@given(time_mentions())
def test_time_mention_json_round_trip_is_exact(mention: TimeMention) -> None:
    """time_mention_from_dict gives back the same TimeMention from its dict, also after
    that dict went through JSON text (so it holds no datetime or enum)."""
    data = time_mention_to_dict(mention)
    assert time_mention_from_dict(data) == mention
    assert time_mention_from_dict(json.loads(json.dumps(data))) == mention


def test_time_mention_dict_has_plain_fields_and_value_dicts() -> None:
    """An end of a range: its fields as they are, the anchor's string, and the dict form
    of when and range with ISO datetimes."""
    may = calendar_value(G.MONTH, 2023, 5)
    period = TimeValue("2023-05/2023-07", "DATE", G.MONTH, Interval(datetime(2023, 5, 1), datetime(2023, 8, 1)))
    mention = TimeMention("May", 5, 8, may, Anchor.TENSE, False, "month", "2023-09-18", 0, period)
    assert time_mention_to_dict(mention) == {
        "text": "May", "start": 5, "end": 8,
        "when": {"value": "2023-05", "type": "DATE", "granularity": "month",
                 "interval": {"start": "2023-05-01T00:00:00", "end": "2023-06-01T00:00:00"}, "mod": None},
        "anchor": "tense", "resolved": False, "rule": "month", "anchor_value": "2023-09-18",
        "sentence_index": 0,
        "range": {"value": "2023-05/2023-07", "type": "DATE", "granularity": "month",
                  "interval": {"start": "2023-05-01T00:00:00", "end": "2023-08-01T00:00:00"}, "mod": None},
    }


def test_time_mention_optional_fields_default_when_absent() -> None:
    """A dict with only text, offsets and value reads with the TimeMention defaults."""
    data = {"text": "2023", "start": 0, "end": 4, "when": {"value": "2023", "type": "DATE",
                                                           "granularity": "year", "interval": None}}
    assert time_mention_from_dict(data) == TimeMention("2023", 0, 4, TimeValue("2023", "DATE", G.YEAR))


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        ("start", "5", r"time mention\.start must be int"),
        ("end", True, r"time mention\.end must be int"),
        ("anchor", "yesterday", r"time mention\.anchor must be one of"),
        ("resolved", "yes", r"time mention\.resolved: expected true or false"),
        ("sentence_index", 1.5, r"time mention\.sentence_index must be int or null"),
        ("when", {"value": "2023"}, r"time mention\.when has no 'granularity'"),
        ("range", {"value": "x", "type": "DATE", "granularity": "aeon", "interval": None},
         r"time mention\.range\.granularity: unknown granularity"),
    ],
)
def test_time_mention_from_dict_names_the_bad_field(field: str, bad: Any, message: str) -> None:
    """A wrong field raises InvalidDocumentError naming it; so does a missing one."""
    data = time_mention_to_dict(TimeMention("May", 5, 8, calendar_value(G.MONTH, 2023, 5)))
    data[field] = bad
    with pytest.raises(InvalidDocumentError, match=message):
        time_mention_from_dict(data)
    del data[field]
    if field in ("start", "end", "when"):
        with pytest.raises(InvalidDocumentError, match=rf"time mention has no '{field}'"):
            time_mention_from_dict(data)


def test_time_mention_from_dict_refuses_what_is_not_a_mapping() -> None:
    """A list where the dict should be raises InvalidDocumentError, with the given place."""
    with pytest.raises(InvalidDocumentError, match=r"spans\[3\] must be an object"):
        time_mention_from_dict(["May", 5, 8], where="spans[3]")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- table


def test_table_lists_date_event_flags_sources_and_conflicts() -> None:
    """Each row shows the TIMEX3 value, the summary with flags, the sources and conflicts."""
    lines = render_table(sample_timeline()).splitlines()
    assert [c.strip() for c in lines[0].split("|")] == ["date", "event", "sources"]
    first = [c.strip() for c in lines[2].split("|")]
    assert first == ["2023-07-26", "Niger and Russia signed a defence pact [planned]",
                     "a, b, c; conflict: 2023-07-20 (c)"]
    second = [c.strip() for c in lines[3].split("|")]
    assert second == ["2023-09", "American troops withdrew from the Niamey air base", "c"]
    assert len(lines) == 4


def test_str_of_a_timeline_is_the_table() -> None:
    """str(timeline) renders the table; an empty timeline says so."""
    assert str(sample_timeline()) == render_table(sample_timeline())
    assert "(no events)" in str(Timeline())


# --------------------------------------------------------------------------- TimelineJS


def _js_for(when: TimeValue) -> dict[str, Any]:
    return to_timelinejs(merge_events([atom(0, 2, "a", when)]))["events"][0]


@pytest.mark.parametrize(
    ("when", "start", "end"),
    [
        (calendar_value(G.YEAR, 2023), {"year": 2023}, None),
        (calendar_value(G.MONTH, 2023, 7), {"year": 2023, "month": 7}, None),
        (JULY_26, {"year": 2023, "month": 7, "day": 26}, None),
        (calendar_value(G.QUARTER, 2023, 3), {"year": 2023, "month": 7}, {"year": 2023, "month": 9}),
        (calendar_value(G.WEEK, 2023, 30), {"year": 2023, "month": 7, "day": 24}, {"year": 2023, "month": 7, "day": 30}),
        (TimeValue("202", "DATE", G.DECADE, Interval(datetime(2020, 1, 1), datetime(2030, 1, 1))),
         {"year": 2020}, {"year": 2029}),
        (TimeValue("2023-07-26T14:30", "TIME", G.MINUTE,
                   Interval(datetime(2023, 7, 26, 14, 30), datetime(2023, 7, 26, 14, 31))),
         {"year": 2023, "month": 7, "day": 26, "hour": 14, "minute": 30}, None),
    ],
)
def test_timelinejs_dates_have_only_the_fields_of_the_granularity(
    when: TimeValue, start: dict[str, int], end: dict[str, int] | None
) -> None:
    """year always; month and day only when the value has them; end_date for spans."""
    slide = _js_for(when)
    assert slide["start_date"] == start
    assert slide.get("end_date") == end


def test_timelinejs_slides_carry_text_id_and_group() -> None:
    """Each slide has a headline, a text with sources and conflicts, the id and a group."""
    timeline = sample_timeline()
    slides = to_timelinejs(timeline)["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in timeline.events]
    assert slides[0]["text"]["headline"] == "Niger and Russia signed a defence pact"
    assert "Sources: a, b, c" in slides[0]["text"]["text"] and "2023-07-20" in slides[0]["text"]["text"]
    assert [s["group"] for s in slides] == ["planned", "reported"]
    json.dumps(slides)  # plain JSON data


# --------------------------------------------------------------------------- TimeML

TEXT = 'Talks <"A&B"> began on July 26, 2023.\r\nA week later, on Aug. 2, they ended & nothing more.'


def _time(text: str, phrase: str, value: str, anchor: Anchor = Anchor.ABSOLUTE, mod: str | None = None) -> TimeMention:
    start = text.index(phrase)
    when = TimeValue(value, "DATE", G.DAY, None, mod)
    return TimeMention(text=phrase, start=start, end=start + len(phrase), when=when, anchor=anchor)


def _timexes(xml: str) -> tuple[ET.Element, str, list[tuple[int, ET.Element]]]:
    """The parsed root, the TEXT content and each TEXT TIMEX3 with its offset."""
    root = ET.fromstring(xml)
    text_el = root.find("TEXT")
    assert text_el is not None
    offset = len(text_el.text or "")
    found = []
    for child in text_el:
        found.append((offset, child))
        offset += len(child.text or "") + len(child.tail or "")
    return root, "".join(text_el.itertext()), found


def test_timeml_parses_and_keeps_text_and_offsets() -> None:
    """The TEXT content is the document text and each TIMEX3 sits at its offsets."""
    mentions = [_time(TEXT, "Aug. 2", "2023-08-02", Anchor.TENSE), _time(TEXT, "July 26, 2023", "2023-07-26")]
    document = Document(text=TEXT, id="doc<1>", published=date(2023, 8, 10))
    root, text, timexes = _timexes(to_timeml(document, mentions))
    assert text == TEXT
    assert [(offset, el.text) for offset, el in timexes] == [
        (TEXT.index("July 26, 2023"), "July 26, 2023"), (TEXT.index("Aug. 2"), "Aug. 2")
    ]
    assert [el.get("tid") for _, el in timexes] == ["t1", "t2"]
    assert [el.get("anchorTimeID") for _, el in timexes] == [None, "t0"]
    assert all(el.get("functionInDocument") == "NONE" for _, el in timexes)
    assert root.findtext("DOCID") == "doc<1>"


def test_timeml_has_a_creation_time_only_when_published_is_known() -> None:
    """The DCT TIMEX3 (t0, CREATION_TIME) appears with a publication date only."""
    mentions = [_time(TEXT, "A week later", "2023-08-02", Anchor.PUBLICATION, mod="APPROX")]
    dated = ET.fromstring(to_timeml(Document(text=TEXT, published=datetime(2023, 8, 10, 9, 30)), mentions))
    dct = dated.find("DCT/TIMEX3")
    assert dct is not None
    assert (dct.get("tid"), dct.get("functionInDocument"), dct.get("value")) == ("t0", "CREATION_TIME", "2023-08-10T09:30")
    assert dated.find("TEXT/TIMEX3").get("mod") == "APPROX"  # type: ignore[union-attr]
    undated = ET.fromstring(to_timeml(TEXT, mentions))
    assert undated.find("DCT") is None
    assert undated.find("TEXT/TIMEX3").get("anchorTimeID") is None  # type: ignore[union-attr]


def test_timeml_writes_the_freq_and_quant_of_sets() -> None:
    """A set's freq and quant become TIMEX3 attributes; other values have neither."""
    text = "They meet twice a week and every Monday, published daily since May 2."
    twice = text.index("twice a week")
    monday = text.index("every Monday")
    mentions = [
        TimeMention("twice a week", twice, twice + 12, TimeValue("P1W", "SET", freq="2X"), Anchor.NONE),
        TimeMention("every Monday", monday, monday + 12, TimeValue("XXXX-WXX-1", "SET", quant="EVERY"), Anchor.NONE),
        _time(text, "May 2", "2023-05-02"),
    ]
    _, _, timexes = _timexes(to_timeml(text, mentions))
    assert [(el.get("value"), el.get("freq"), el.get("quant")) for _, el in timexes] == [
        ("P1W", "2X", None), ("XXXX-WXX-1", None, "EVERY"), ("2023-05-02", None, None)
    ]


def test_timeml_ranges_add_a_non_consuming_duration(tmp_path: Path) -> None:
    """With ranges=True a range gets an empty DURATION TIMEX3 naming its two ends (an
    open range ends at the DCT); the text and the reader's extents are unchanged."""
    from timeline import find_times
    from timeline.evaluate.timeml import read_timeml

    document = Document(text="The strike lasted from May to July 2023. Prices have risen since 2020.", published=date(2024, 5, 3))
    mentions = find_times(document)
    plain = to_timeml(document, mentions)
    xml = to_timeml(document, mentions, ranges=True)
    root, text, timexes = _timexes(xml)
    assert text == document.text
    empty = [el for _, el in timexes if el.text is None]
    assert [(el.get("value"), el.get("beginPoint"), el.get("endPoint")) for el in empty] == [("P3M", "t1", "t2"), ("P4Y", "t3", "t0")]
    assert "beginPoint" not in plain
    path = tmp_path / "ranges.tml"
    path.write_text(xml, encoding="utf-8")
    assert [t.text for t in read_timeml(path).timexes] == ["May", "July 2023", "2020"]


def test_timeml_replaces_characters_xml_cannot_carry_one_for_one() -> None:
    """Control characters become U+FFFD so the output parses and offsets hold."""
    text = "On\x00 July 26\x1b, 2023."
    _, content, timexes = _timexes(to_timeml(text, [_time(text, "July 26", "2023-07-26")]))
    assert content == "On\ufffd July 26\ufffd, 2023."
    assert timexes[0][0] == text.index("July 26")


@pytest.mark.parametrize(
    ("spans", "message"),
    [([(0, 10), (5, 12)], "overlap"), ([(0, 5), (3, 4)], "overlap"), ([(80, 200)], "outside"), ([(4, 4)], "outside")],
)
def test_timeml_refuses_overlapping_or_out_of_range_mentions(spans: list[tuple[int, int]], message: str) -> None:
    """Overlapping mentions cannot be nested as TIMEX3 and raise ValueError."""
    when = TimeValue("2023", "DATE", G.YEAR)
    mentions = [TimeMention(text="x", start=s, end=e, when=when) for s, e in spans]
    with pytest.raises(ValueError, match=message):
        to_timeml(TEXT, mentions)


def test_timeml_of_a_document_without_mentions_is_its_escaped_text() -> None:
    """No mentions: the TEXT element holds the whole text and nothing else."""
    root, text, timexes = _timexes(to_timeml(TEXT, []))
    assert text == TEXT and timexes == []
    assert root.tag == "TimeML"


def test_conflict_and_mention_records_survive_the_round_trip() -> None:
    """A hand-made event with every optional field set reads back unchanged."""
    mention = Mention("a", "s", (1, 2), (0, 3), (4, 6), "today", "did", (0, 9), "2023-07-26")
    event = Event(when=JULY_26, summary="s", trigger="do", participants=("x",), mentions=(mention,),
                  conflicts=(Conflict("2023-06", ("b", "c")),), negated=True, id="ev-1")
    timeline = Timeline(events=(event,), documents=("a", "b", "c"))
    assert timeline_from_dict(json.loads(json.dumps(timeline_to_dict(timeline)))) == timeline
