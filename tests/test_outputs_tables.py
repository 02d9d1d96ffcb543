"""Tables (timeline.outputs.tabular): CSV, JSON Lines and pandas, one row per event."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from strategies import atom, atom_lists, calendar_value

from timeline.errors import DocumentTypeError
from timeline.merge import merge_events
from timeline.model import Conflict, Event, Granularity, Timeline, TimeValue
from timeline.outputs import event_from_dict
from timeline.outputs.tabular import COLUMNS, MissingExtraError, event_row, iter_jsonl, to_csv, to_jsonl


def sample() -> Timeline:
    tl = merge_events(
        [
            atom(0, 0, "a", calendar_value(Granularity.DAY, 2023, 7, 26)),
            atom(1, 0, "b", calendar_value(Granularity.DAY, 2023, 7, 26)),
            atom(2, 3, "b", calendar_value(Granularity.MONTH, 2023, 9), planned=True),
        ],
        documents=["a", "b"],
    )
    first = attrs.evolve(tl.events[0], conflicts=(Conflict("2023-06", ("c", "d")),), summary='He said "no", then\nleft')
    return attrs.evolve(tl, events=(first, *tl.events[1:]))


def test_row_has_the_date_interval_grain_summary_sources_and_conflicts() -> None:
    event = sample().events[0]
    row = event_row(event)
    assert tuple(row) == COLUMNS
    assert row["value"] == "2023-07-26" and row["grain"] == "day"
    assert (row["start"], row["end"]) == ("2023-07-26T00:00:00", "2023-07-27T00:00:00")
    assert row["sources"] == "a; b" and row["conflicts"] == "2023-06 (c, d)"
    assert row["summary"] == 'He said "no", then left' and row["mentions"] == 2


def test_csv_quotes_and_reads_back_one_row_per_event(tmp_path: Path) -> None:
    """The CSV reads back with the csv module: a header, one row per event, quotes and
    commas inside cells kept; path, stream and string forms are the same text."""
    tl = sample()
    text = to_csv(tl)
    assert text is not None
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["value"] for r in rows] == [e.when.value for e in tl.events]
    assert rows[0]["summary"] == 'He said "no", then left'
    assert rows[1]["flags"] == "planned"
    path = tmp_path / "t.csv"
    assert tl.to_csv(path) is None
    assert path.read_bytes().decode("utf-8") == text
    buffer = io.StringIO()
    tl.to_csv(buffer)
    assert buffer.getvalue() == text


def test_an_event_off_the_calendar_has_empty_start_and_end() -> None:
    event = Event(when=TimeValue("P3D", "DURATION"), summary="s", trigger="t")
    row = event_row(event)
    assert (row["start"], row["end"], row["grain"]) == ("", "", "")


@given(atom_lists(max_size=8))
def test_jsonl_is_one_event_per_line_and_reads_back(atoms: list[Event]) -> None:
    """Each line is one event's JSON; read back, the lines are the events."""
    tl = merge_events(atoms)
    text = to_jsonl(tl)
    assert text is not None
    lines = text.splitlines()
    assert len(lines) == len(tl)
    assert tuple(event_from_dict(json.loads(line)) for line in lines) == tl.events
    assert "".join(iter_jsonl(tl)) == text == tl.to_jsonl()


def test_to_pandas_has_the_columns_and_datetimes() -> None:
    pandas = pytest.importorskip("pandas", reason="the pandas extra is not installed")
    tl = attrs.evolve(sample(), events=(*sample().events, Event(when=TimeValue("1066", "DATE", Granularity.YEAR,
        calendar_value(Granularity.YEAR, 1066).interval), summary="Hastings", trigger="battle")))
    frame = tl.to_pandas()
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(tl)
    assert frame["start"].iloc[0] == pandas.Timestamp("2023-07-26")
    assert frame["start"].iloc[-1].year == 1066  # outside pandas' nanosecond range (1677-2262)
    assert str(frame["start"].dtype).startswith("datetime64")


def test_to_pandas_without_pandas_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    with pytest.raises(MissingExtraError, match=r"news-timeline\[pandas\]"):
        sample().to_pandas()


def test_tables_refuse_what_is_not_a_timeline() -> None:
    with pytest.raises(DocumentTypeError, match="Timeline"):
        to_csv([])  # type: ignore[arg-type]
    with pytest.raises(DocumentTypeError, match="text stream"):
        sample().to_csv(42)  # type: ignore[arg-type]
