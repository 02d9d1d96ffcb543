"""The error contract of the public entry points (issue #20): bad arguments raise
TimelineError subclasses naming the field and the value; placeholder dates and
pipelines without a parser are handled, never a foreign or a silent error."""

from __future__ import annotations

import copy
import threading
import time
from datetime import datetime
from typing import Any, Callable

import pytest
import spacy
from strategies import atom, calendar_value

from timeline import build_timeline, cluster_events, events_at, find_times, key_dates, to_timeml
from timeline.keydates import KeyDatesError
from timeline import nlp as nlp_module
from timeline.times.calendar import END_OF_CALENDAR
from timeline.errors import DocumentTypeError, InvalidFieldError, InvalidOptionError, InvalidDocumentError, TimelineError
from timeline.merge import merge_events
from timeline.model import EventMention, Granularity, Interval, Mention, Participant, PublicationDate, Timeline, TimeValue
from timeline.times.temporal import find_times_many
from timeline.outputs import MAX_NESTING, render_table, time_mention_from_dict, timeline_from_dict, to_timelinejs


def _sample_timeline() -> Timeline:
    return merge_events([atom(0, 0, "a", calendar_value(Granularity.DAY, 2023, 7, 26))], documents=["a"])


def _sample() -> dict[str, Any]:
    timeline = merge_events([atom(0, 0, "a", calendar_value(Granularity.DAY, 2023, 7, 26))], documents=["a"])
    return timeline.to_dict()


class TestPlaceholderDates:
    def test_year_9999_dates_are_kept_with_a_cut_interval(self) -> None:
        """"12/31/9999" (a placeholder for "never") is the day 9999-12-31, its interval
        cut at the end of Python's calendar; it once raised OverflowError."""
        mentions = find_times("The coupon expires 12/31/9999, or at 11:59 p.m. that day.", published="2024-05-03")
        placeholder = next(m for m in mentions if m.text == "12/31/9999")
        assert placeholder.value == "9999-12-31"
        assert placeholder.interval == Interval(datetime(9999, 12, 31), END_OF_CALENDAR)

    def test_a_batch_with_a_placeholder_date_is_built(self) -> None:
        """One article with a year-9999 date does not abort the timeline of the others."""
        timeline = build_timeline(
            [
                {"text": "The offer, issued on May 3, 2024, expires on 12/31/9999.", "id": "a"},
                {"text": "The company was founded on June 1, 1999.", "id": "b"},
            ]
        )
        assert {"9999-12-31", "1999-06-01"} <= {event.when.value for event in timeline}

    @pytest.mark.parametrize("published", ["2024-05-03", None])
    @pytest.mark.parametrize("written", ["Dec. 31, 9999", "December 31, 9999", "31 December 9999"])
    def test_a_written_out_year_9999_date_is_kept_as_given(self, written: str, published: str | None) -> None:
        """"Dec. 31, 9999" is the day 9999-12-31 with its cut interval, as "12/31/9999"
        is; it was read as a yearless "Dec. 31" (a wrong day of the publication year)."""
        (mention,) = find_times(f"The coupon is valid until {written}.", published=published)
        assert (mention.text, mention.value, mention.resolved) == (written, "9999-12-31", True)
        assert mention.interval == Interval(datetime(9999, 12, 31), END_OF_CALENDAR)

    def test_the_year_9999_is_that_year(self) -> None:
        """"the year 9999" is 9999, not a vague past reference."""
        (mention,) = find_times("It lasts until the year 9999.", published="2024-05-03")
        assert (mention.value, mention.interval.end if mention.interval else None) == ("9999", END_OF_CALENDAR)


class TestPipelineWithoutParser:
    @pytest.mark.parametrize("call", [
        lambda blank: find_times("He left last Friday.", published="2024-05-03", nlp=blank),
        lambda blank: build_timeline(["He left last Friday."], nlp=blank),
        lambda blank: find_times(blank("He left last Friday."), published="2024-05-03"),
    ], ids=["find_times", "build_timeline", "a Doc"])
    def test_is_refused_by_name(self, call: Callable[[Any], object]) -> None:
        """A pipeline without a parser is refused with InvalidDocumentError saying so
        (it gave silently wrong values, or spaCy's E030)."""
        with pytest.raises(InvalidDocumentError, match="no dependency parse"):
            call(spacy.blank("en"))

    def test_an_empty_text_needs_no_parse(self) -> None:
        """An empty text has nothing to parse: no mentions, no error."""
        assert find_times("", nlp=spacy.blank("en")) == []


class TestArguments:
    @pytest.mark.parametrize("call,error,words", [
        (lambda: build_timeline(["x"], undated="bogus"), InvalidOptionError, "undated.*'bogus'"),
        (lambda: to_timeml("text", None), DocumentTypeError, "mentions.*NoneType"),  # type: ignore[arg-type]
        (lambda: to_timelinejs(None), DocumentTypeError, "timeline.*NoneType"),  # type: ignore[arg-type]
        (lambda: render_table(None), DocumentTypeError, "timeline.*NoneType"),  # type: ignore[arg-type]
        (lambda: build_timeline([{"text": "On May 3, 2024 it rained.", "id": 0}]), InvalidDocumentError, "id must be str.*0"),
        (lambda: find_times_many(None), DocumentTypeError, "docs.*NoneType"),  # type: ignore[arg-type]
        (lambda: find_times_many([b"May 3"]), DocumentTypeError, "#0.*bytes"),
        # session 16 (audit20): each of these raised a foreign error or was taken silently
        (lambda: build_timeline(["x"], progress="yes"), DocumentTypeError, "progress.*str 'yes'"),  # type: ignore[arg-type]
        (lambda: cluster_events(None), DocumentTypeError, "events.*NoneType"),  # type: ignore[arg-type]
        (lambda: cluster_events([1, 2]), DocumentTypeError, r"events\[0\].*int"),  # type: ignore[list-item]
        (lambda: cluster_events([], threshold=float("nan")), InvalidOptionError, "threshold.*nan"),
        (lambda: cluster_events([], threshold="0.4"), InvalidOptionError, "threshold.*'0.4'"),  # type: ignore[arg-type]
        (lambda: cluster_events([], wordnet=(1,)), InvalidOptionError, r"wordnet.*\(1,\)"),  # type: ignore[arg-type]
        (lambda: cluster_events([], documents=["a"]), DocumentTypeError, "documents.*list"),  # type: ignore[arg-type]
        (lambda: events_at(None, None, []), DocumentTypeError, "document.*NoneType"),  # type: ignore[arg-type]
        (lambda: _sample_timeline().to_html(highlight=5), DocumentTypeError, "highlight.*int 5"),  # type: ignore[arg-type]
        (lambda: key_dates(_sample_timeline(), 3, per_date=0), KeyDatesError, "per_date.*positive.*0"),
        (lambda: to_timeml("It rained.", [], ranges="yes"), InvalidOptionError, "ranges.*'yes'"),  # type: ignore[arg-type]
    ], ids=["undated", "to_timeml mentions", "to_timelinejs", "render_table", "mapping id 0", "find_times_many None",
            "find_times_many bytes", "progress not callable", "cluster_events None", "cluster_events ints",
            "cluster_events NaN threshold", "cluster_events str threshold", "cluster_events wordnet", "cluster_events documents list",
            "events_at None", "to_html highlight int", "key_dates per_date 0", "to_timeml ranges str"])
    def test_bad_argument_raises_a_timeline_error(self, call: Callable[[], object], error: type[TimelineError], words: str) -> None:
        """Each bad argument raises its TimelineError subclass naming the field and the value."""
        with pytest.raises(error, match=words):
            call()

    def test_overlapping_mentions_are_an_argument_error(self) -> None:
        """to_timeml refuses overlapping mentions with InvalidOptionError (a ValueError)."""
        (mention,) = find_times("It rained on May 3, 2024.")
        with pytest.raises(InvalidOptionError, match="overlap"):
            to_timeml("It rained on May 3, 2024.", [mention, mention])


class TestFromDictIsStrict:
    @pytest.mark.parametrize("change,words", [
        (lambda d: d["events"][0].__setitem__("negated", "false"), r"events\[0\]\.negated.*'false'"),
        (lambda d: d["events"][0].__setitem__("planned", 1), r"events\[0\]\.planned.*1"),
        (lambda d: d["events"][0].__setitem__("participants", "abc"), r"events\[0\]\.participants must be a list.*'abc'"),
        (lambda d: d.__setitem__("documents", "abc"), r"documents must be a list.*'abc'"),
        (lambda d: d["events"][0].__setitem__("summary", 5), r"events\[0\]\.summary must be str"),
        (lambda d: d["events"][0]["when"].__setitem__("value", 2023), r"events\[0\]\.when\.value must be str"),
        (lambda d: d["events"][0]["conflicts"].append({"value": "2023", "doc_ids": "ab"}), r"doc_ids must be a list"),
        (lambda d: d["events"][0].__setitem__("mentions", {"a": 1}), r"events\[0\]\.mentions must be a list"),
        (lambda d: d["events"][0]["mentions"][0].__setitem__("doc_id", ["a"]), r"doc_id must be str"),
        (lambda d: d["events"][0]["when"].__setitem__("granularity", ["day"]), r"granularity must be str or null"),
        (lambda d: d.__setitem__("version", True), r"format version True"),
        (lambda d: d["events"][0].__setitem__("id", 7), r"events\[0\]\.id must be str"),
        # session 16 (audit20): these were read silently
        (lambda d: d["events"][0]["mentions"][0].__setitem__("trigger_span", [5, 2]), r"mentions\[0\]\.trigger_span must be.*\[5, 2\]"),
        (lambda d: d["events"][0]["mentions"][0].__setitem__("event_span", [-5, 2]), r"mentions\[0\]\.event_span must be.*\[-5, 2\]"),
        (lambda d: d.__setitem__("documents", ["a", "a"]), r"documents.*'a' twice"),
        (lambda d: d.__setitem__("format", "other-tool"), r"format.*'other-tool'"),
    ], ids=["bool as string", "bool as int", "string as list", "documents string", "summary int", "value int",
            "doc_ids string", "mentions object", "doc_id list", "granularity list", "version True", "id int",
            "span reversed", "span negative", "documents twice", "format other"])
    def test_names_the_first_bad_field(self, change: Callable[[dict[str, Any]], None], words: str) -> None:
        """A wrong type is refused with InvalidDocumentError naming the field (a string
        was split into letters, "false" read as True)."""
        data = _sample()
        change(data)
        with pytest.raises(InvalidDocumentError, match=words):
            timeline_from_dict(data)

    def test_deep_nesting_is_refused_without_recursion(self) -> None:
        """JSON nested far deeper than the format is refused by name (it raised
        RecursionError while building the message)."""
        deep: list[Any] = []
        inner = deep
        for _ in range(50_000):
            inner.append([])
            inner = inner[0]
        for place in ("events", "participants"):
            data = _sample()
            if place == "events":
                data["events"] = deep
            else:
                data["events"][0]["participants"] = deep
            with pytest.raises(InvalidDocumentError, match=f"nested more than {MAX_NESTING} levels"):
                timeline_from_dict(data)
        with pytest.raises(InvalidDocumentError, match="nested"):
            time_mention_from_dict({"text": deep, "start": 0, "end": 1, "when": {}})

    @pytest.mark.parametrize("text,words", [
        ("{", "not JSON.*line 1 column 2"),
        ("[" * 100_000 + "]" * 100_000, "nested"),
        ('{"version": NaN}', "version nan"),
        ("[]", "must be an object, got list"),
    ], ids=["truncated", "deep", "NaN", "list"])
    def test_from_json_names_what_is_wrong(self, text: str, words: str) -> None:
        """Timeline.from_json (the inverse of to_json) raises InvalidDocumentError for
        bad JSON, deep nesting included (json.loads alone raises RecursionError)."""
        with pytest.raises(InvalidDocumentError, match=words):
            Timeline.from_json(text)

    def test_from_json_reads_what_to_json_writes(self) -> None:
        """The JSON round trip gives the same timeline; bytes are refused by type."""
        timeline = _sample_timeline()
        assert Timeline.from_json(timeline.to_json()) == timeline
        with pytest.raises(DocumentTypeError, match="bytes"):
            Timeline.from_json(timeline.to_json().encode())  # type: ignore[arg-type]

    def test_a_valid_dict_still_reads(self) -> None:
        """The checks accept what to_dict writes."""
        data = _sample()
        assert Timeline.from_dict(copy.deepcopy(data)).to_dict() == data


class TestDefaultPipelineLoadsOnce:
    def test_cold_threads_share_one_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Eight threads asking for the default pipeline at once load it once."""
        loads: list[int] = []

        def slow_load() -> object:
            loads.append(1)
            time.sleep(0.2)
            return object()

        monkeypatch.setattr(nlp_module, "_load_default", slow_load)
        monkeypatch.setattr(nlp_module, "_DEFAULT", [])
        got: list[object] = []
        threads = [threading.Thread(target=lambda: got.append(nlp_module.default_nlp())) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(loads) == 1
        assert len(got) == 8 and all(item is got[0] for item in got)


class TestNarrowedWeekend:
    def test_a_mod_on_a_holiday_weekend_narrows_the_weekend(self) -> None:
        """"the dying days of Easter weekend" is the end of that weekend (narrowing the
        week first put its Saturday after its end: a ValueError escaped find_times;
        found by the word-salad property)."""
        (mention,) = find_times("They met in the dying days of Easter weekend.", published="2000-05-01")
        assert (mention.value, mention.mod) == ("2000-W16-WE", "END")
        assert mention.interval is not None
        assert datetime(2000, 4, 22) < mention.interval.start < mention.interval.end == datetime(2000, 4, 24)


class TestModelRecords:
    """The data model's records refuse a value their field does not take with an
    InvalidFieldError (a TimelineError and a ValueError) naming the record, the field
    and the value."""

    @pytest.mark.parametrize(
        "make,named",
        [
            (lambda: TimeValue("2024", "YEAR"), r"TimeValue\.type must be one of .*got 'YEAR'"),
            (lambda: Interval(datetime(2024, 5, 4), datetime(2024, 5, 3)), r"Interval\.start must be before Interval\.end .*2024, 5, 3.*got datetime\.datetime\(2024, 5, 4"),
            (lambda: Interval(datetime(2024, 5, 3), datetime(2024, 5, 3)), r"Interval\.start must be before"),
            (lambda: Participant("Apple", "buyer"), r"Participant\.role must be one of .*got 'buyer'"),
            (lambda: Mention("a", "It rained.", (3, 9), (0, 10), None, None, dated_by="guess"), r"Mention\.dated_by must be one of .*got 'guess'"),
            (lambda: PublicationDate("a", None, "given"), r"PublicationDate\.source must be what published \(None\) says: .*no date needs 'none', got 'given'"),
            (lambda: PublicationDate("a", datetime(2024, 5, 3), "none"), r"PublicationDate\.source must be what published \(datetime.*a date needs 'given' or 'dateline'.*got 'none'"),
            (lambda: PublicationDate("a", None, "guessed"), r"PublicationDate\.source must be one of .*got 'guessed'"),
            (lambda: EventMention("rained", 3, 9, "WEATHER"), r"EventMention\.event_class must be one of .*got 'WEATHER'"),
            (lambda: EventMention("rained", 3, 9, "OCCURRENCE", tense="LATER"), r"EventMention\.tense must be one of .*got 'LATER'"),
        ],
    )
    def test_a_bad_value_is_named(self, make: Callable[[], object], named: str) -> None:
        """Each bad value raises InvalidFieldError whose message names record, field and value."""
        with pytest.raises(InvalidFieldError, match=named) as caught:
            make()
        assert isinstance(caught.value, TimelineError) and isinstance(caught.value, ValueError)

    def test_a_huge_bad_value_is_shown_cut_short(self) -> None:
        """A hostile value (a megabyte of text) is shown cut, not copied into the message."""
        with pytest.raises(InvalidFieldError) as caught:
            TimeValue("2024", "X" * 1_000_000)
        assert len(str(caught.value)) < 300

    def test_code_that_catches_value_error_still_does(self) -> None:
        """Callers written against the old plain ValueError keep working."""
        try:
            Participant("Apple", "buyer")
        except ValueError as err:
            assert "role" in str(err)
        else:
            pytest.fail("no error raised")
