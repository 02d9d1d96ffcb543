"""Properties of normalization and recognition: values agree with their intervals,
resolution follows the tense, offsets are exact, bad input is refused clearly."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import DocumentTypeError, InvalidDateError, find_times
from timeline.times.calendar import Period, floor, interval_of, timex_value
from timeline.model import Granularity
from timeline.nlp import default_nlp
from timeline.times.normalize import FUTURE, NEAR_FUTURE_RATIO, PAST, Context, resolve
from timeline.times.recognize import PartialTime, find_candidates, select_non_overlapping

days = st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31))
calendar_grains = st.sampled_from(
    [Granularity.CENTURY, Granularity.DECADE, Granularity.YEAR, Granularity.HALF, Granularity.QUARTER,
     Granularity.MONTH, Granularity.WEEK, Granularity.DAY]
)


class TestCalendarInvariants:
    @given(days, calendar_grains)
    def test_period_contains_its_day(self, day: date, grain: Granularity) -> None:
        """The period at any grain that contains a day has an interval containing that day."""
        interval = interval_of(Period(grain, floor(day, grain)))
        moment = datetime(day.year, day.month, day.day)
        assert interval.start <= moment < interval.end

    @given(days, calendar_grains)
    def test_value_prefix_matches_day(self, day: date, grain: Granularity) -> None:
        """A TIMEX3 value never claims more precision than its grain: a month stays a month."""
        value = timex_value(Period(grain, floor(day, grain)))
        expected_length = {Granularity.CENTURY: 2, Granularity.DECADE: 3, Granularity.YEAR: 4,
                           Granularity.HALF: 7, Granularity.QUARTER: 7, Granularity.MONTH: 7,
                           Granularity.WEEK: 8, Granularity.DAY: 10}[grain]
        assert len(value) == expected_length
        if grain in (Granularity.MONTH, Granularity.DAY):
            assert day.isoformat().startswith(value)

    @given(days, st.integers(min_value=1, max_value=12))
    def test_month_follows_tense(self, published: date, month: int) -> None:
        """An underspecified month is at or before publication in the past (unless it
        starts within days while the one before ended NEAR_FUTURE_RATIO times further
        back), at or after in the future."""
        partial = PartialTime(kind="calendar", month=month)
        moment = datetime(published.year, published.month, published.day)
        past = resolve(partial, Context(published=published, tense=PAST)).value.interval
        future = resolve(partial, Context(published=published, tense=FUTURE)).value.interval
        assert past is not None and future is not None
        if past.start > moment:
            year_before = past.start.replace(year=past.start.year - 1)
            before_end = year_before.replace(month=month + 1) if month < 12 else year_before.replace(year=year_before.year + 1, month=1)
            assert NEAR_FUTURE_RATIO * (past.start - moment) < moment - before_end
        assert future.end > moment
        assert past.start.month == month == future.start.month

    @given(days, st.integers(min_value=1, max_value=7))
    def test_weekday_equal_to_publication_is_that_day(self, published: date, weekday: int) -> None:
        """A weekday lands within a week of publication, on publication day when it is the same weekday."""
        partial = PartialTime(kind="calendar", weekday=weekday)
        interval = resolve(partial, Context(published=published, tense=PAST)).value.interval
        assert interval is not None
        resolved = interval.start.date()
        assert resolved.isoweekday() == weekday
        assert 0 <= (published - resolved).days < 7

    @given(st.integers(min_value=1, max_value=12))
    def test_no_publication_date_means_unresolved(self, month: int) -> None:
        """Without any reference the value keeps its X's and is flagged unresolved."""
        resolution = resolve(PartialTime(kind="calendar", month=month), Context())
        assert resolution.resolved is False
        assert resolution.value.value == f"XXXX-{month:02d}"
        assert resolution.value.interval is None


class TestRecognitionProperties:
    @settings(max_examples=200)
    @given(st.lists(st.sampled_from(
        ["in", "July", "2023", "last", "month", "Friday", "the", "next", "day", "a", "week", "after",
         "3", "p.m.", "years", "ago", "mid-September", "Q3", "every", "Monday", "may", ",", ".", "1,000",
         "early", "1990s", "two", "days", "later", "Aug.", "23", "tonight", "recently", "$", "5"]),
        max_size=30))
    def test_offsets_are_exact_and_disjoint(self, words: list[str]) -> None:
        """Selected candidates never overlap and their text is exactly the text at their offsets."""
        text = " ".join(words)
        chosen = select_non_overlapping(find_candidates(text))
        for c in chosen:
            assert text[c.start:c.end] == c.text
        for a, b in zip(chosen, chosen[1:]):
            assert a.end <= b.start


@pytest.mark.parametrize(
    "text,value,saturday",
    [
        ("They will rest this weekend.", "2024-W18-WE", "2024-05-04"),
        ("They rested over the weekend.", "2024-W17-WE", "2024-04-27"),
        ("Memorial Day weekend was busy.", "2024-W21-WE", "2024-05-25"),
    ],
)
def test_weekend_interval_is_saturday_and_sunday(text: str, value: str, saturday: str) -> None:
    """A weekend's interval holds its two days, not the whole week its value names."""
    (mention,) = find_times(text, published="2024-05-03", nlp=default_nlp())
    assert mention.value == value
    assert mention.interval is not None
    assert mention.interval.start == datetime.fromisoformat(saturday)
    assert mention.interval.end - mention.interval.start == timedelta(days=2)


@pytest.mark.parametrize(
    "text,value",
    [
        ("It was a Tuesday in June.", "XXXX-WXX-2"),
        ("It happened on a Saturday afternoon in 1998.", "XXXX-WXX-6TAF"),
    ],
)
def test_a_weekday_after_an_indefinite_article_is_no_day(text: str, value: str) -> None:
    """"a Tuesday" is some Tuesday: flagged unresolved, off the calendar, whatever the
    publication date."""
    mention = find_times(text, published="2024-05-03", nlp=default_nlp())[0]
    assert (mention.value, mention.resolved, mention.interval) == (value, False, None)


@given(days, st.integers(min_value=1, max_value=7))
def test_a_nonspecific_weekday_ignores_its_context(published: date, weekday: int) -> None:
    """The context never places a non-specific weekday on the calendar."""
    partial = PartialTime(kind="nonspecific", weekday=weekday)
    resolution = resolve(partial, Context(published=published, tense=PAST))
    assert (resolution.value.value, resolution.resolved, resolution.value.interval) == (f"XXXX-WXX-{weekday}", False, None)


class TestBadInput:
    def test_bytes_refused(self) -> None:
        """Bytes are refused with a message saying to decode them."""
        with pytest.raises(DocumentTypeError, match="decode"):
            find_times(b"July 2023")  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", ["2023-02-30", "May 3rd", "03/05/2024", 20240503, "9999-12-31"])
    def test_bad_published_refused(self, bad: object) -> None:
        """A publication date that is not a real ISO date raises an error naming the field."""
        with pytest.raises(InvalidDateError, match="published"):
            find_times("It happened last month.", published=bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "text,published,value",
        [
            ("The temple was built 2,500 years ago.", "2024-05-03", "PAST_REF"),
            ("The sun will shine in 10,000 years from now.", "2024-05-03", "FUTURE_REF"),
            ("He left yesterday.", "0001-01-01", "PAST_REF"),
            ("He will leave in two years.", "9998-12-31", "FUTURE_REF"),
        ],
    )
    def test_date_beyond_the_calendar_is_a_flagged_reference(self, text: str, published: str, value: str) -> None:
        """A date outside years 1-9999 is kept as the vague reference, flagged unresolved."""
        (mention,) = find_times(text, published=published, nlp=default_nlp())
        assert (mention.value, mention.resolved, mention.interval) == (value, False, None)

    def test_empty_text_has_no_mentions(self) -> None:
        """Empty text is valid and has no temporal expressions."""
        assert find_times("", published="2024-05-03", nlp=default_nlp()) == []

    def test_wrong_nlp_refused(self) -> None:
        """A non-spaCy object passed as nlp is refused with its type named."""
        with pytest.raises(DocumentTypeError, match="nlp"):
            find_times("July 2023", nlp="en_core_web_sm")  # type: ignore[arg-type]


class TestYearWords:
    @pytest.mark.parametrize(
        "words,year",
        [
            ("nineteen ninety-six", 1996),
            ("nineteen seventy nine", 1979),
            ("nineteen hundred", 1900),
            ("eighteen twelve", 1812),
            ("two thousand", 2000),
            ("two thousand and one", 2001),
            ("twenty ten", 2010),
        ],
    )
    def test_year_words(self, words: str, year: int) -> None:
        """Years said in words are read with the numbers lexicon, hundreds first."""
        from timeline.times.recognize import parse_year_words

        assert parse_year_words(words) == year


class TestFractionalDurations:
    @pytest.mark.parametrize(
        "unit,amount,value",
        [("year", 2.5, "P2Y6M"), ("hour", 5.5, "PT5H30M"), ("day", 1.5, "P1DT12H"), ("year", 0.5, "P6M"), ("month", 3, "P3M")],
    )
    def test_fraction_in_smaller_unit(self, unit: str, amount: float, value: str) -> None:
        """A fraction of a unit is written in the next smaller unit when it is whole there."""
        from timeline.times.normalize import duration_value

        assert duration_value(unit, amount) == value


@given(st.integers(min_value=1583, max_value=4099))
def test_easter_is_a_sunday_between_march_22_and_april_25(year: int) -> None:
    from timeline.times.calendar import easter_sunday

    easter = easter_sunday(year)
    assert easter.year == year
    assert easter.isoweekday() == 7
    assert date(year, 3, 22) <= easter <= date(year, 4, 25)


@given(st.integers(min_value=0, max_value=99), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_a_two_digit_year_is_completed_near_the_publication(two_digits: int, published: date) -> None:
    """'69 or FY24 ends in its two digits and lies at most ten years after publication,
    at most ninety before it."""
    from timeline.times.normalize import TWO_DIGIT_YEAR_AHEAD, full_year

    year = full_year(two_digits, published)
    assert year % 100 == two_digits
    assert published.year - 100 + TWO_DIGIT_YEAR_AHEAD < year <= published.year + TWO_DIGIT_YEAR_AHEAD


@given(days, st.integers(min_value=1, max_value=31))
def test_a_day_of_the_month_alone_is_that_day_near_publication(published: date, day: int) -> None:
    """'on the 15th' is a real day numbered so, within two months of the publication date."""
    p = PartialTime(kind="calendar", day=day)
    value = resolve(p, Context(published=published, tense=PAST)).value
    assert value.interval is not None and value.granularity == Granularity.DAY
    chosen = value.interval.start.date()
    assert chosen.day == day
    assert abs((chosen - published).days) <= 62


@given(st.integers(min_value=1900, max_value=2100))
def test_every_holiday_of_the_lexicon_has_a_date_in_every_year(year: int) -> None:
    """Each holiday rule in resources/lexicon/holidays.tsv parses and gives a day of that
    year ("Memorial Day", the last Monday of May, once crashed on its '-1')."""
    from timeline.times.calendar import holiday_date
    from timeline.lexicon import lexicons

    for name, row in lexicons()["holiday"].entries.items():
        if row[0].startswith("dates:"):
            continue  # dated by holiday_dates.tsv (tests/test_holiday_dates.py)
        day = holiday_date(row[0], year)
        assert abs(day.year - year) <= 1, name  # Easter-based days stay in their year's spring


def _vocabulary() -> list[str]:
    """Words of every lexicon plus glue words and numbers: the raw material of news dates."""
    from timeline.lexicon import lexicons

    words = {form for name in ("holiday", "month", "weekday", "season", "deictic", "unit", "mod", "direction",
                               "reference", "frequency", "number", "ordinal", "part_of_day", "decade_word")
             for form in lexicons()[name].entries}
    glue = ["the", "a", "of", "in", "on", "at", "by", "since", "until", "to", "from", "and", "before", "after",
            "ended", "quarter", "day", "week", "year", "ago", "later", "earlier", ",", ".", "'", "’",
            "1989", "2024", "'69", "FY24", "Q3", "H1", "3", "15th", "31", "10:30", "p.m.", "GMT", "-", "/", "$"]
    return sorted(words | set(glue))


VOCABULARY = _vocabulary()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), max_size=25), st.one_of(st.none(), days))
def test_any_word_salad_resolves_to_consistent_mentions(words: list[str], published: date | None) -> None:
    """Whatever the words, the whole engine (without a parse) returns disjoint mentions
    whose text is the text at their offsets, with a valid type and, when they have one,
    a non-empty interval; a publication-anchored value needs a publication date."""
    from timeline.documents import Document
    from timeline.model import TIMEX_TYPES, Anchor
    from timeline.times.temporal import find_times_in_parsed

    text = " ".join(words)
    mentions = find_times_in_parsed(Document(text=text, published=published), None)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.type in TIMEX_TYPES
        if m.interval is not None:
            assert m.interval.start < m.interval.end
        if published is None:
            assert m.anchor is not Anchor.PUBLICATION
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


@pytest.mark.parametrize(
    "text,value,mod,first,last",
    [
        ("It happened in the first week of June 2023.", "2023-06", "START", "2023-06-01", "2023-06-07"),
        ("He arrived in the second week of March 2024.", "2024-03", None, "2024-03-08", "2024-03-14"),
        ("The deal closed in the last week of February 2024.", "2024-02", "END", "2024-02-23", "2024-02-29"),
        ("The deal closed in the final week of 2023.", "2023", "END", "2023-12-25", "2023-12-31"),
        ("Sales fell in the last week of the month.", "2024-04", "END", "2024-04-24", "2024-04-30"),
    ],
)
def test_a_week_of_a_month_is_its_seven_days(text: str, value: str, mod: str | None, first: str, last: str) -> None:
    """"the second week of March" keeps the month's value (START for the first week, END
    for the last) and has those seven days as its interval."""
    (mention,) = find_times(text, published="2024-05-03", nlp=default_nlp())
    assert (mention.value, mention.mod) == (value, mod)
    assert mention.interval is not None
    assert mention.interval.start == datetime.fromisoformat(first)
    assert mention.interval.end == datetime.fromisoformat(last) + timedelta(days=1)


@given(days, st.integers(min_value=1, max_value=12), st.sampled_from([1, 2, 3, 4, -1]))
def test_a_week_of_a_month_lies_in_the_month(published: date, month: int, nth: int) -> None:
    """Any week of a month named without its year is seven days of that month; in a past
    clause it has begun by the publication day."""
    partial = PartialTime(kind="calendar", month=month, nth_week=nth)
    value = resolve(partial, Context(published=published, tense=PAST)).value
    assert value.interval is not None and value.value.endswith(f"-{month:02d}")
    assert value.interval.end - value.interval.start == timedelta(days=7)
    assert value.interval.start.month == month == (value.interval.end - timedelta(days=1)).month
    assert value.interval.start.date() <= published


@given(days, st.sampled_from(["START", "MID", "END"]))
def test_a_part_of_the_year_in_a_past_clause_has_begun(published: date, mod: str) -> None:
    """"the end of the year" (any part of "the year") in a past clause without a year
    before it: a part that has begun by the publication day, this year's or last."""
    partial = PartialTime(kind="anaphoric", unit="year", offset=0, fallback_offset=0, mod=mod)
    value = resolve(partial, Context(published=published, tense=PAST)).value
    assert value.interval is not None
    assert value.interval.start.date() <= published
    assert int(value.value) in (published.year, published.year - 1)
