"""Key dates (timeline.keydates): salience ranking, sentence choice, determinism and
input-order independence, errors, outputs on the result; the Timeline17 reader and
scorer (timeline.evaluate.tls) and, with ../shared/data, a benchmark on one dev story."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import build_timeline, merge
from timeline.evaluate import tls
from timeline.evaluate.t17 import detokenize, read_story
from timeline.keydates import (
    KeyDatesError,
    SalienceWeights,
    candidate_days,
    event_day,
    is_readable,
    key_dates,
    names_day,
    rank_dates,
)
from timeline.merge import merge_events
from timeline.model import Event, Granularity, Interval, Mention, Timeline, TimeValue
from timeline.outputs import to_timelinejs

DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
T17 = DATA_DIR / "timeline17-dev"


def day_value(day: date) -> TimeValue:
    start = datetime(day.year, day.month, day.day)
    return TimeValue(day.isoformat(), "DATE", Granularity.DAY, Interval(start, start + timedelta(days=1)))


def event(day: date, doc_id: str, sentence: str, *, dated_by: str = "time", offset: int = 1000, planned: bool = False) -> Event:
    mention = Mention(
        doc_id=doc_id,
        sentence=sentence,
        trigger_span=(offset, offset + 4),
        event_span=(offset, offset + 10),
        time_span=(offset + 20, offset + 25) if dated_by == "time" else None,
        time_text="Monday" if dated_by == "time" else None,
        trigger_text=sentence.split()[1],
        sentence_span=(offset, offset + len(sentence)),
        time_value=day.isoformat(),
        dated_by=dated_by,
        planned=planned,
    )
    return Event(when=day_value(day), summary=sentence, trigger=sentence.split()[1], mentions=(mention,), planned=planned)


QUAKE = date(2010, 1, 12)
AID = date(2010, 1, 15)
VISIT = date(2010, 1, 17)

QUAKE_SENTENCES = (
    "A powerful earthquake struck Haiti near the capital Port-au-Prince.",
    "A powerful earthquake struck Haiti on Tuesday near the capital, Port-au-Prince.",
    "Rescuers searched the rubble of the presidential palace for survivors.",
)


def story_events() -> list[Event]:
    """Three later articles refer back to the quake, one to the aid, and the visit is a plan."""
    events = [
        event(QUAKE, "d1", QUAKE_SENTENCES[0]),
        event(QUAKE, "d2", QUAKE_SENTENCES[1], offset=10),
        event(QUAKE, "d3", QUAKE_SENTENCES[2]),
        event(AID, "d3", "The first aid flights landed at the damaged airport on Friday."),
        event(VISIT, "d4", "The president will visit the devastated city on Sunday.", planned=True),
    ]
    return events


PUBLISHED = {"d1": "2010-01-14", "d2": "2010-01-16", "d3": "2010-01-18", "d4": "2010-01-16"}


class TestSalience:
    def test_day_referred_to_by_more_later_articles_ranks_first(self) -> None:
        """The quake (three later articles) outranks the aid flights (one)."""
        ranked = rank_dates(Timeline(events=tuple(story_events())), published=PUBLISHED)
        assert [k.day for k in ranked][:2] == [QUAKE, AID]
        assert ranked[0].references == 3

    def test_a_plan_counts_less_than_a_deed(self) -> None:
        """One source telling a plan scores below one source telling a deed."""
        ranked = rank_dates(Timeline(events=tuple(story_events())), published=PUBLISHED)
        by_day = {k.day: k.salience for k in ranked}
        assert by_day[VISIT] < by_day[AID]

    def test_only_later_articles_refer_back(self) -> None:
        """An article published on the day (or before) is no reference back to it."""
        ranked = rank_dates(Timeline(events=tuple(story_events())), published={**PUBLISHED, "d1": "2010-01-12"})
        assert ranked[0].references == 2

    def test_weights_change_the_order(self) -> None:
        """With sources only, a day reported (not named) by more documents wins."""
        events = [event(AID, doc, "The first aid flights landed at the damaged airport.", dated_by="publication") for doc in "abc"]
        events.append(event(QUAKE, "z", QUAKE_SENTENCES[0]))
        timeline_ = Timeline(events=tuple(events))
        assert rank_dates(timeline_, 1, weights=SalienceWeights(references=1, sources=0))[0].day == QUAKE
        assert rank_dates(timeline_, 1, weights=SalienceWeights(references=0, sources=1))[0].day == AID

    def test_window_and_count(self) -> None:
        """start/end keep the days inside (inclusive), n the best of them."""
        timeline_ = Timeline(events=tuple(story_events()))
        assert [k.day for k in rank_dates(timeline_, 5, start=AID, end="2010-01-17")] == [AID, VISIT]
        assert len(rank_dates(timeline_, 1)) == 1
        assert rank_dates(timeline_, 0) == ()

    def test_coarse_events_have_no_day(self) -> None:
        """A month or a multi-day span is no key date."""
        month = TimeValue("2010-01", "DATE", Granularity.MONTH, Interval(datetime(2010, 1, 1), datetime(2010, 2, 1)))
        coarse = Event(when=month, summary="x", trigger="x")
        assert event_day(coarse) is None
        assert rank_dates(Timeline(events=(coarse,))) == ()


class TestReferencesNameTheDay:
    @pytest.mark.parametrize(
        "dated_by, time_value, counts",
        [
            ("time", "2010-01-12", True),  # the day itself
            ("time", "2010-01-12T16:53", True),  # a clock time of the day
            ("time", None, True),  # not merged yet: the event's own day
            ("time", "2010-01", False),  # must not match: a month is no reference to the day
            ("time", "2010-W02", False),  # must not match: a week
            ("time", "2010-01-13", False),  # must not match: another day merged into the event
            ("publication", "2010-01-12", False),  # must not match: dated by its publication day
            ("sentence", "2010-01-12", False),  # must not match: inherited from the sentence
        ],
    )
    def test_names_day(self, dated_by: str, time_value: str, counts: bool) -> None:
        """Only a report whose own time expression gives the day (or a time of it) refers to it."""
        mention = attrs.evolve(event(QUAKE, "d9", QUAKE_SENTENCES[0]).mentions[0], dated_by=dated_by, time_value=time_value)
        assert names_day(mention, QUAKE) is counts

    def test_a_month_mention_merged_into_the_day_is_no_reference(self) -> None:
        """A later article saying "in January" of the quake is a source of the day, not a reference."""
        merged = event(QUAKE, "d1", QUAKE_SENTENCES[0])
        month = attrs.evolve(merged.mentions[0], doc_id="d5", time_value="2010-01")
        timeline_ = Timeline(events=(attrs.evolve(merged, mentions=(merged.mentions[0], month)),))
        [key] = rank_dates(timeline_, start=QUAKE, end=QUAKE, published={"d1": "2010-01-14", "d5": "2010-02-01"})
        assert (key.references, key.sources) == (1, 2)


class TestLateReferences:
    def test_a_day_named_weeks_later_outranks_one_named_the_next_day(self) -> None:
        """Two days each named by two later articles: the one still named a week on is the landmark."""
        # the same counts otherwise (one article published the next day each), so without
        # the late reference the earlier day would win the tie
        news = [event(QUAKE, doc, QUAKE_SENTENCES[0]) for doc in ("a", "b")]
        landmark = [event(AID, doc, "The first aid flights landed at the damaged airport on Friday.") for doc in ("c", "d")]
        published = {"a": "2010-01-13", "b": "2010-01-14", "c": "2010-01-16", "d": "2010-01-30"}
        ranked = rank_dates(Timeline(events=tuple(news + landmark)), start=QUAKE, end=AID, published=published)
        assert [k.day for k in ranked[:2]] == [AID, QUAKE]
        assert [(k.references, k.late_references, k.published) for k in ranked[:2]] == [(2, 1, 1), (2, 0, 1)]
        no_late = rank_dates(Timeline(events=tuple(news + landmark)), start=QUAKE, end=AID, published=published,
                             weights=SalienceWeights(late_references=0))
        assert [k.day for k in no_late[:2]] == [QUAKE, AID]

    @pytest.mark.parametrize(
        "published, late",
        [
            ("2010-01-19", 1),  # exactly LATE_DAYS after the day
            ("2010-03-01", 1),
            ("2010-01-18", 0),  # must not count: six days after
            ("2010-01-13", 0),  # must not count: the next day
        ],
    )
    def test_delay(self, published: str, late: int) -> None:
        """A reference is late from LATE_DAYS (7) days after the day on."""
        [key] = rank_dates(Timeline(events=(event(QUAKE, "a", QUAKE_SENTENCES[0]),)), start=QUAKE, end=QUAKE, published={"a": published})
        assert key.late_references == late

    def test_unknown_publication_date_is_no_late_reference(self) -> None:
        """A document of unknown date counts as a reference (nothing says it is earlier), never as a late one."""
        [key] = rank_dates(Timeline(events=(event(QUAKE, "a", QUAKE_SENTENCES[0]),)), published={})
        assert (key.references, key.late_references) == (1, 0)


class TestPublicationDays:
    PUBLISHED_ON = {"d1": "2010-01-14", "d2": "2010-01-16", "d3": "2010-01-18", "d4": "2010-01-16",
                    "p1": "2010-01-20", "p2": "2010-01-20", "p3": "2010-01-21"}

    def test_articles_published_on_the_day_and_the_next_count(self) -> None:
        """Two days with one reference each: the one more articles were published on (or the day after) wins."""
        quiet = event(date(2010, 1, 10), "x", "The government announced a new relief plan for the region.")
        busy = event(date(2010, 1, 11), "y", "The rescue teams pulled a girl alive from the ruins downtown.")
        published = {"x": "2010-01-12", "y": "2010-01-12", "a": "2010-01-12", "b": "2010-01-12"}
        ranked = rank_dates(Timeline(events=(quiet, busy)), published=published)
        assert [k.day for k in ranked[:2]] == [date(2010, 1, 11), date(2010, 1, 10)]
        assert [k.published for k in ranked[:2]] == [4, 0]

    def test_a_publication_day_without_events_is_a_candidate(self) -> None:
        """A day three articles were published on holds no event, yet is ranked, told by its articles' sentences."""
        events = story_events() + [
            event(AID, doc, f"Aid flights landed at the damaged airport, report {doc}.") for doc in ("p1", "p2", "p3")
        ]
        ranked = rank_dates(Timeline(events=tuple(events)), published=self.PUBLISHED_ON)
        by_day = {k.day: k for k in ranked}
        day = date(2010, 1, 20)
        assert by_day[day].events == () and by_day[day].published == 3 and by_day[day].sources == 0
        assert by_day[day].sentences and "report p" in by_day[day].sentences[0]
        # below the days later articles name, above a plan nobody came back to
        assert [k.day for k in ranked[:2]] == [AID, QUAKE]
        assert by_day[day].salience > by_day[VISIT].salience

    def test_no_publication_weight_no_publication_days(self) -> None:
        """With the published weight 0 only the days of events are candidates."""
        weights = SalienceWeights(published=0)
        days = candidate_days(Timeline(events=tuple(story_events())), {"d1": date(2010, 1, 20)}, None, None, weights)
        assert set(days) == {QUAKE, AID, VISIT}
        assert date(2010, 1, 20) in candidate_days(Timeline(events=tuple(story_events())), {"d1": date(2010, 1, 20)}, None, None)

    def test_a_publication_day_with_nothing_to_tell_is_no_candidate(self) -> None:
        """Articles published on a day with no report in the timeline give it no key date (nothing to tell it by)."""
        assert key_dates(Timeline(events=()), 3, published={"a": "2010-01-02", "b": "2010-01-02"}).events == ()
        days = candidate_days(Timeline(events=tuple(story_events())), {"d1": date(2010, 1, 20), "zz": date(2010, 1, 21)}, None, None)
        assert date(2010, 1, 20) in days and date(2010, 1, 21) not in days

    def test_key_date_of_a_publication_day_is_an_event(self) -> None:
        """key_dates turns a publication day into a day-grain event like any other."""
        events = story_events() + [event(AID, doc, f"Aid flights landed at the damaged airport, report {doc}.") for doc in ("p1", "p2")]
        result = key_dates(Timeline(events=tuple(events)), 5, published=self.PUBLISHED_ON)
        assert "key-2010-01-20" in [e.id for e in result]

    @settings(max_examples=30, deadline=None)
    @given(st.permutations(list(PUBLISHED_ON.items())), st.permutations(range(6)))
    def test_order_does_not_matter(self, published: list[tuple[str, str]], order: list[int]) -> None:
        """Publication dates and events in any order give the same ranking."""
        events = story_events() + [event(AID, "p1", "Aid flights landed at the damaged airport, the report said.")]
        expected = rank_dates(Timeline(events=tuple(events)), per_date=2, published=self.PUBLISHED_ON)
        shuffled = Timeline(events=tuple(events[i] for i in order))
        assert rank_dates(shuffled, per_date=2, published=dict(published)) == expected


class TestSentences:
    def test_no_two_sentences_say_the_same(self) -> None:
        """Two near-identical quake sentences give one; the other chosen is different."""
        ranked = rank_dates(Timeline(events=tuple(story_events())), 1, per_date=2, published=PUBLISHED)
        chosen = ranked[0].sentences
        assert len(chosen) == 2
        assert QUAKE_SENTENCES[2] in chosen
        assert not {QUAKE_SENTENCES[0], QUAKE_SENTENCES[1]} <= set(chosen)

    def test_unreadable_sentences_are_skipped(self) -> None:
        """Too short, too long, questions, headlines and multi-line text are not summaries."""
        assert is_readable("The earthquake struck Haiti on Tuesday afternoon.")
        assert not is_readable("Quake hits.")
        assert not is_readable("Will the aid arrive in time for the survivors?")
        assert not is_readable("Haiti earthquake: Your stories Wednesday 13 January")
        assert not is_readable("word " * 80)
        assert not is_readable("Headline of the page\nThe earthquake struck Haiti on Tuesday.")


class TestKeyDatesTimeline:
    def test_one_event_per_day_in_time_order(self) -> None:
        """key_dates gives a Timeline of n days in time order, ids key-YYYY-MM-DD."""
        result = key_dates(Timeline(events=tuple(story_events())), 2, published=PUBLISHED)
        assert [e.id for e in result] == ["key-2010-01-12", "key-2010-01-15"]
        assert result.events[0].summary in QUAKE_SENTENCES
        assert timeline.key_dates is key_dates

    def test_outputs_work_on_the_result(self) -> None:
        """JSON (round trip) and TimelineJS take the key-dates timeline."""
        result = key_dates(Timeline(events=tuple(story_events())), 2, per_date=2, published=PUBLISHED)
        assert Timeline.from_dict(json.loads(result.to_json())) == result
        assert len(to_timelinejs(result)["events"]) == 2
        assert "2010-01-12" in str(result)

    @pytest.mark.parametrize(
        "kwargs, field",
        [
            ({"n": -1}, "n"),
            ({"n": 2.5}, "n"),
            ({"n": 2, "per_date": True}, "per_date"),
            ({"n": 2, "start": "2010-02-01", "end": "2010-01-01"}, "start"),
            ({"n": 2, "start": "12 January"}, "start"),
            ({"n": 2, "published": ["d1"]}, "published"),
        ],
    )
    def test_bad_arguments_name_the_field(self, kwargs: dict, field: str) -> None:  # type: ignore[type-arg]
        """Each bad argument raises KeyDatesError naming it."""
        with pytest.raises(KeyDatesError, match=field):
            key_dates(Timeline(events=tuple(story_events())), **kwargs)

    def test_not_a_timeline(self) -> None:
        """A list of events is refused with the type named."""
        with pytest.raises(KeyDatesError, match="timeline must be"):
            key_dates(story_events(), 2)  # type: ignore[arg-type]


class TestOrderIndependence:
    @settings(max_examples=40, deadline=None)
    @given(st.permutations(story_events() + [event(AID, "d5", "Aid flights landed at the airport in Port-au-Prince.")]))
    def test_event_order_does_not_matter(self, events: list[Event]) -> None:
        """The ranking and the sentences are the same whatever the order of the events."""
        expected = rank_dates(Timeline(events=tuple(story_events() + [event(AID, "d5", "Aid flights landed at the airport in Port-au-Prince.")])), per_date=2)
        assert rank_dates(Timeline(events=tuple(events)), per_date=2) == expected
        assert key_dates(merge_events(events), 3, per_date=2) == key_dates(merge_events(reversed(events)), 3, per_date=2)

    def test_ties_break_on_the_date(self) -> None:
        """Equal evidence: the earlier day first."""
        a = event(date(2010, 1, 20), "x", "The government announced a new relief plan for the region.")
        b = event(date(2010, 1, 19), "y", "The rescue teams pulled a girl alive from the ruins downtown.")
        assert [k.day for k in rank_dates(Timeline(events=(a, b)))] == [date(2010, 1, 19), date(2010, 1, 20)]


DOCS = [
    {"id": "a", "published": "2010-01-13", "text": "A powerful earthquake struck Haiti on Tuesday. Thousands of buildings collapsed in the capital."},
    {"id": "b", "published": "2010-01-15", "text": "Aid flights began landing in Port-au-Prince on Friday. The earthquake on Tuesday killed thousands."},
    {"id": "c", "published": "2010-01-18", "text": "The quake that struck on Jan. 12 left a million people homeless. Rescuers found a survivor on Sunday."},
]


@settings(max_examples=6, deadline=None)
@given(st.permutations(DOCS))
def test_shuffled_documents_give_the_same_key_dates(docs: list[dict]) -> None:  # type: ignore[type-arg]
    """Built from the documents in any order, the key dates are identical."""
    expected = key_dates(build_timeline(DOCS), 2, per_date=1)
    assert len(expected) == 2 and expected.events[0].when.value == "2010-01-12"
    assert key_dates(build_timeline(docs), 2, per_date=1) == expected


def test_key_dates_of_merged_parts_equal_the_whole() -> None:
    """Key dates of merge(a, b) equal those of the timeline built at once."""
    whole = key_dates(build_timeline(DOCS), 2)
    parts = merge(build_timeline(DOCS[:1]), build_timeline(DOCS[1:]))
    assert key_dates(parts, 2) == whole


class TestScorer:
    def test_detokenize(self) -> None:
        """PTB tokens are joined back without changing a word."""
        assert detokenize("Jackson 's `` Thriller '' , he said -LRB- again -RRB- .") == 'Jackson\'s "Thriller", he said (again).'
        assert detokenize("It did n't rise 5 % .") == "It didn't rise 5%."

    def test_rouge_and_date_f1(self) -> None:
        """ROUGE-N F and Date-F1 on hand-counted examples."""
        assert tls.rouge_n("the cat sat", "the cat ran", 1) == pytest.approx(2 / 3)
        assert tls.rouge_n("the cat sat", "the cat ran", 2) == pytest.approx(0.5)
        assert tls.rouge_n("", "the cat", 1) == 0.0
        assert tls.date_f1([date(2010, 1, 1), date(2010, 1, 2)], [date(2010, 1, 2), date(2010, 1, 3), date(2010, 1, 4)]) == pytest.approx(0.4)

    def test_agreement_counts_only_same_dates(self) -> None:
        """The same words on another date give no agreement credit."""
        d1, d2 = date(2010, 1, 1), date(2010, 1, 2)
        assert tls.rouge_agreement({d1: "quake hits haiti"}, {d2: "quake hits haiti"}, 1) == 0.0
        assert tls.rouge_agreement({d1: "quake hits haiti"}, {d1: "quake hits haiti"}, 1) == 1.0

    def test_task_of_a_reference(self) -> None:
        """Repeated dates are one date; the per-date count is the rounded mean."""
        reference = [(date(2010, 1, 1), ["a", "b"]), (date(2010, 1, 1), ["c"]), (date(2010, 1, 5), ["d"])]
        assert tls.task_of(reference) == (2, 2, date(2010, 1, 1), date(2010, 1, 5))


def _story(name: str) -> Path:
    folder = T17 / name
    if not (folder / "InputDocs").is_dir():
        pytest.skip(f"Timeline17 dev story {name} not found under {T17} (../shared/data)")
    return folder


@pytest.mark.benchmark_data
def test_benchmark_h1n1_guardian_beats_the_floor(tmp_path: Path) -> None:
    """H1N1_guardian (76 articles), dated events only (undated="drop", to keep CI fast):
    Date-F1 0.83 measured, floor 0.75; the article-count floor gets 0.56."""
    story = read_story(_story("H1N1_guardian"))
    built = build_timeline(story.documents)
    _, scores = tls.run_story(story, "library", None, timeline=built)
    _, floor_scores = tls.run_story(story, "floor", None)
    assert scores[0]["date_f1"] >= 0.75
    assert scores[0]["date_f1"] > floor_scores[0]["date_f1"] + 0.1
    assert scores[0]["rouge1_concat"] >= 0.35


SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_DATES = ["--published", "000_4fc743598e9fd621.txt=2024-05-03", "--published", "004_fb35a1da8638762c.txt=2023-09-18"]


class TestCommandLine:
    def test_top_with_json_and_timelinejs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--top 2 prints two key dates in the JSON and the TimelineJS forms; --top 0 is a usage error."""
        from timeline import cli

        assert cli.main([str(SEEDS), *SEED_DATES, "--top", "2", "--json"]) == 0
        events = json.loads(capsys.readouterr().out)["events"]
        assert [e["id"] for e in events] == ["key-2023-08-23", "key-2023-09-09"]
        assert cli.main([str(SEEDS), *SEED_DATES, "--top", "2", "--timelinejs"]) == 0
        assert len(json.loads(capsys.readouterr().out)["events"]) == 2
        assert cli.main([str(SEEDS), "--top", "0"]) == 2
        assert "--top must be 1 or more" in capsys.readouterr().err


def test_cache_serves_both_policies_from_one_parse(tmp_path: Path) -> None:
    """The benchmark cache's "drop" results equal analyze_document(..., undated="drop"),
    and a second call reads the cache file instead of parsing."""
    from timeline.build import analyze_document
    from timeline.documents import Document
    from timeline.evaluate.tls_cache import analyze_documents, merged_timeline
    from timeline.nlp import parse_texts

    docs = [Document(**d) for d in DOCS]
    expected = [analyze_document(d, p, undated="drop") for d, p in zip(docs, parse_texts(d.text for d in docs))]
    assert analyze_documents(docs, undated="drop", cache_dir=tmp_path) == expected
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    assert merged_timeline(docs, undated="drop", cache_dir=tmp_path) == build_timeline(docs)
    assert merged_timeline(docs, undated="inherit", cache_dir=tmp_path) == build_timeline(docs, undated="inherit")
