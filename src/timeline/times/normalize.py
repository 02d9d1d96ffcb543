"""Stage 3, normalization: complete a :class:`~timeline.times.recognize.PartialTime` from its
context and write it as a TIMEX3 :class:`~timeline.model.TimeValue`.

One function per kind of reference:
- absolute values need nothing;
- underspecified ones ("in October", "on Saturday") take the year or week from the
  publication date, in the direction the clause's tense points to (news policy: past
  tense -> the closest match at or before publication, future -> at or after, present
  or unknown -> the closest, ties to the past);
- deictic ones ("last month", "two years ago") count from the publication date;
- anaphoric ones ("the next day", "a year earlier") count from the previous mention.
Without the reference they need, values keep X's and ``resolved`` is False; the
machine clock is never used.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import Callable, Optional

import attrs

from .calendar import (
    SMALLER_UNIT,
    UNIT_GRANULARITY,
    Period,
    add_months,
    days_in_month,
    floor,
    holiday_date,
    interval_of,
    narrow,
    nth_weekday,
    period_value,
    season_of,
    season_period,
    shift,
    start_of_day,
    week_of,
)
from ..lexicon import holiday_dates
from ..model import Anchor, Granularity, Interval, TimeValue
from .recognize import CALENDAR_MODS, PartialTime

PAST, PRESENT, FUTURE = "past", "present", "future"


@attrs.frozen
class Context:
    """What an expression may be resolved against."""

    published: Optional[date] = None
    tense: Optional[str] = None
    previous: Optional[TimeValue] = None
    # The quarter the article reports on: the last quarter named as a topic (not a
    # comparison, not a forecast). "The quarter" and "the 1988 period" refer to it even
    # when other dates come between ("the fiscal first quarter ... ended Sept. 29 ...
    # break even for the quarter"), and a fiscal quarter keeps its own number.
    reported: Optional[TimeValue] = None
    # The publication time when the caller gave one ("an hour ago" counts from it).
    published_at: Optional[datetime] = None
    # The expression dates a past-tense verb directly ("sales fell in January"), not a
    # noun or a clause under it ("warned of a cut in September").
    past_event: bool = False
    # The narrative style (temporal.STYLES): the running reference time of the text (the
    # date last mentioned) places what the words leave open before the publication date.
    narrative: bool = False


@attrs.frozen
class Resolution:
    """A normalized value and how it was obtained."""

    value: TimeValue
    anchor: Anchor
    resolved: bool = True
    anchor_value: Optional[str] = None
    # False for comparisons ("the year-ago quarter"): later anaphora skip over them
    antecedent: bool = True


class InvalidValue(ValueError):
    """The words name no real date (February 30); the expression is dropped."""


def _unresolved(value: str, p: PartialTime) -> Resolution:
    return Resolution(TimeValue(value, p.type, None, None, p.mod), Anchor.NONE, resolved=False)


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise InvalidValue(f"{year:04d}-{month:02d}-{day:02d}: {err}") from None


def _clock_period(day: date, p: PartialTime) -> Period:
    if p.hour is not None:
        hour, minute = p.hour, p.minute or 0
        if hour == 24:  # midnight at the end of the day
            day, hour = day + timedelta(days=1), 0
        granularity = Granularity.SECOND if p.second is not None else Granularity.MINUTE
        return Period(granularity, day, hour=hour, minute=minute, second=p.second)
    if p.part_of_day is not None:
        return Period(Granularity.PART_OF_DAY, day, part_of_day=p.part_of_day)
    return Period(Granularity.DAY, day)


class HolidayOutsideTable(ValueError):
    """A holiday dated by lexicon/holiday_dates.tsv, in a year the table does not cover:
    the expression stays, unresolved (no rule could give its date)."""


# A holiday rule that names an observance of holiday_dates.tsv, optionally the single day
# that many days from its first day ("dates:lunar_new_year-1": the eve).
_DATED_HOLIDAY = re.compile(r"^dates:(?P<name>\w+)(?P<days>[+-]\d+)?$")


def holiday_periods(p: PartialTime, year: int) -> list[Period]:
    """The holiday's periods that begin in ``year``: one for a Gregorian rule, one or
    two for an observance dated by holiday_dates.tsv (raises HolidayOutsideTable for a
    year the table lacks)."""
    assert p.holiday is not None
    match = _DATED_HOLIDAY.match(p.holiday)
    if match is None:
        return [_clock_period(holiday_date(p.holiday, year), p)]
    table = holiday_dates()
    name = match.group("name")
    if name not in table:
        raise ValueError(f"holiday rule {p.holiday!r}: no {name!r} in holiday_dates.tsv")
    observances = table[name].get(year)
    if observances is None:
        raise HolidayOutsideTable(f"{name} in {year}")
    if match.group("days") is not None or p.hour is not None or p.part_of_day is not None:
        # a day of the observance: its eve, or a time on its first day
        offset = int(match.group("days") or 0)
        return [_clock_period(first + timedelta(days=offset), p) for first, _ in observances]
    return [Period(Granularity.DAY, first, days=days if days > 1 else None) for first, days in observances]


def periods_in_year(p: PartialTime, year: int) -> list[Period]:
    """Every period the partial names in ``year`` (period_in_year's, or each observance
    of a holiday that begins twice in the year)."""
    if p.holiday is not None and p.month is None:
        return holiday_periods(p, year)
    period = period_in_year(p, year)
    return [] if period is None else [period]


def period_in_year(p: PartialTime, year: int) -> Optional[Period]:
    """The period a partial names once its year is known (None if it names no period
    within a year, e.g. a bare weekday). A holiday that begins twice in the year
    (an Islamic one, every 33 years or so) is its first observance: "Ramadan 2030" is
    the one of January, the other runs mostly in 2031."""
    if p.month is not None and p.day is not None:
        return _clock_period(_make_date(year, p.month, p.day), p)
    if p.holiday is not None:
        return holiday_periods(p, year)[0]
    if p.month is not None:
        return Period(Granularity.MONTH, date(year, p.month, 1))
    if p.quarter is not None:
        if not 1 <= p.quarter <= 4:
            raise InvalidValue(f"quarter {p.quarter}")
        return Period(Granularity.QUARTER, date(year, 3 * p.quarter - 2, 1))
    if p.half is not None:
        if p.half not in (1, 2):
            raise InvalidValue(f"half {p.half}")
        return Period(Granularity.HALF, date(year, 1 if p.half == 1 else 7, 1))
    if p.season is not None:
        return season_period(year, p.season)
    return None


# Under a past tense, a period ahead of the reference is chosen only when it is this many
# times closer than the latest one before it (a month-day within weeks, never a weekday).
NEAR_FUTURE_RATIO = 12


def _choose(candidates: list[Period], reference: date, tense: Optional[str], *, past_event: bool = False) -> Period:
    """Among periods around the reference day, the one the tense points to.
    ``past_event``: the expression dates a past-tense verb directly ("sales fell in
    January"), so a month just ahead is no reading of it."""
    ref = start_of_day(reference)
    spans = [(interval_of(c), c) for c in candidates]
    containing = [c for iv, c in spans if iv.start <= ref < iv.end]
    before = [(iv, c) for iv, c in spans if iv.end <= ref]
    after = [(iv, c) for iv, c in spans if iv.start > ref]
    latest_before = max(before, key=lambda x: x[0].start)[1] if before else None
    earliest_after = min(after, key=lambda x: x[0].start)[1] if after else None
    if containing:
        return containing[0]
    if tense == PAST and latest_before:
        month_of_past_event = past_event and earliest_after is not None and earliest_after.granularity < Granularity.DAY
        if earliest_after and not month_of_past_event and NEAR_FUTURE_RATIO * (interval_of(earliest_after).start - ref) < ref - interval_of(latest_before).end:
            # "had been set to expire Nov. 6" four days before Nov. 6: the past tense is
            # the report's, not the date's; a month-day a year back is rarely written
            # without its year, so a date just ahead wins by a wide margin.
            return earliest_after
        return latest_before
    if tense == FUTURE and earliest_after:
        return earliest_after
    if latest_before and earliest_after:
        gap_before = ref - interval_of(latest_before).end
        gap_after = interval_of(earliest_after).start - ref
        # News reports more than it announces: a future reading must be twice as close.
        return earliest_after if 2 * gap_after < gap_before else latest_before
    chosen = latest_before or earliest_after
    assert chosen is not None
    return chosen


def _weekday_period(p: PartialTime, reference: date, tense: Optional[str]) -> Period:
    assert p.weekday is not None
    days = [reference + timedelta(days=k) for k in range(-7, 8)]
    periods = [_clock_period(d, p) for d in days if d.isoweekday() == p.weekday]
    if p.hour is not None or p.part_of_day is not None:
        # A clock time on a weekday: choose the day, not the hour, by the tense (the days
        # themselves: midnight has already moved its period to the next day).
        day_periods = [Period(Granularity.DAY, d) for d in days if d.isoweekday() == p.weekday]
        chosen_day = _choose(day_periods, reference, tense).first_day
        return _clock_period(chosen_day, p)
    return _choose(periods, reference, tense)


def _unknown_year_value(p: PartialTime) -> str:
    if p.month is not None and p.day is not None:
        return f"XXXX-{p.month:02d}-{p.day:02d}"
    if p.month is not None:
        return f"XXXX-{p.month:02d}"
    if p.quarter is not None:
        return f"XXXX-Q{p.quarter}"
    if p.half is not None:
        return f"XXXX-H{p.half}"
    if p.season is not None:
        return f"XXXX-{p.season}"
    if p.weekday is not None:
        return f"XXXX-WXX-{p.weekday}"
    if p.hour is not None:
        return f"XXXX-XX-XXT{p.hour:02d}:{p.minute or 0:02d}"
    return "XXXX"


def resolve_calendar(p: PartialTime, ctx: Context) -> Resolution:
    """Dates and times: absolute when the year is written, else completed by tense."""
    resolution = _resolve_calendar(p, ctx)
    if p.grain == "week" and resolution.value.interval is not None:
        # "the week of March 6": the week that contains the day
        week = _unit_period(resolution.value.interval.start.date(), "week")
        resolution = attrs.evolve(resolution, value=period_value(week, p.type, p.mod))
    if p.grain == "month" and resolution.value.interval is not None:
        # "the Christmas Offensive": the month of the holiday, not its day
        month = _unit_period(resolution.value.interval.start.date(), "month")
        resolution = attrs.evolve(resolution, value=period_value(month, p.type, p.mod))
    if p.grain == "weekend" and resolution.value.interval is not None:
        # "the Easter weekend": the weekend of the holiday's week, or the one just before
        # a Monday holiday ("Memorial Day weekend")
        day = resolution.value.interval.start.date()
        if day.isoweekday() == 1:
            day -= timedelta(days=1)
        resolution = attrs.evolve(resolution, value=_shifted_unit_value(day, "weekend", 0, p))
    if p.grain == "quarter_ended" and resolution.value.interval is not None:
        if ctx.reported is not None and is_reported_quarter(ctx.reported, ctx.published):
            # "the fiscal first quarter ... the quarter ended Sept. 29": the quarter under
            # report, with the number the article gave it
            anchor_value = ctx.reported.value
            return Resolution(attrs.evolve(ctx.reported, type=p.type, mod=p.mod), Anchor.PREVIOUS_MENTION, anchor_value=anchor_value)
        # "the quarter ended July 31": May to July, mostly the second calendar quarter
        middle = resolution.value.interval.start.date() - timedelta(days=45)
        quarter = _unit_period(middle, "quarter")
        return attrs.evolve(resolution, value=period_value(quarter, p.type, p.mod))
    if resolution.antecedent and _inside_previous_quarter(resolution.value, ctx):
        # "the quarter ended Sept. 30": the closing day does not replace the quarter as
        # what later comparisons ("a year earlier", "the 1988 period") speak of
        return attrs.evolve(resolution, antecedent=False)
    return resolution


def _inside_previous_quarter(value: TimeValue, ctx: Context) -> bool:
    previous = ctx.previous
    if previous is None or previous.interval is None or previous.granularity != Granularity.QUARTER:
        return False
    if value.interval is None or value.granularity is None or value.granularity < Granularity.DAY:
        return False
    return previous.interval.start <= value.interval.start and value.interval.end <= previous.interval.end


def _before_common_era(p: PartialTime) -> Resolution:
    """"490 BC" -> BC0490, "the 3rd century BCE" -> BC02 (the TIMEX3 forms). A year
    before the common era is no year of Python's calendar: the value has no interval,
    and a month or day written with it is left out of the value."""
    if p.century is not None:
        return Resolution(TimeValue(f"BC{p.century:02d}", p.type, Granularity.CENTURY, None, p.mod), Anchor.ABSOLUTE)
    assert p.year is not None
    return Resolution(TimeValue(f"BC{p.year:04d}", p.type, Granularity.YEAR, None, p.mod), Anchor.ABSOLUTE)


def _resolve_calendar(p: PartialTime, ctx: Context) -> Resolution:
    if p.bc and (p.year is not None or p.century is not None):
        return _before_common_era(p)
    if p.century is not None:
        # the first century ("00") starts in year 1: there is no year 0
        first_year = max(p.century * 100, 1)
        return Resolution(period_value(Period(Granularity.CENTURY, date(first_year, 1, 1)), p.type, p.mod), Anchor.ABSOLUTE)
    if p.decade is not None:
        return Resolution(period_value(Period(Granularity.DECADE, date(p.decade * 10, 1, 1)), p.type, p.mod), Anchor.ABSOLUTE)
    if p.year is not None and p.grain in ("quarter", "period") and p.quarter is None:
        # "the 1988 quarter": the quarter under report, in the year written; "the 1988
        # period" too, unless a span of several quarters was reported just before ("for
        # the nine months, ... in the 1988 period"): the previous mention is then a year
        # and the period stays a year
        year_reported = p.grain == "period" and ctx.previous is not None and ctx.previous.granularity == Granularity.YEAR
        reported = None if year_reported else _reported_quarter(ctx)[0]
        if reported is not None:
            p = attrs.evolve(p, quarter=(reported.first_day.month - 1) // 3 + 1)
    if p.year is not None:
        period = period_in_year(p, p.year) or Period(Granularity.YEAR, date(p.year, 1, 1))
        # a quarter taken from the one under report is a comparison, not a new topic
        return Resolution(period_value(period, p.type, p.mod), Anchor.ABSOLUTE, antecedent=p.grain is None)
    if p.year_of_antecedent:
        in_antecedent_year = _in_antecedent_year(p, ctx)
        if in_antecedent_year is not None:
            return in_antecedent_year
    reference, anchor = _reference_day(ctx)
    if reference is None:
        return _unresolved(_unknown_year_value(p), p)
    narrative = anchor is Anchor.PREVIOUS_MENTION
    if p.weekday is not None and p.month is None:
        if narrative and _coarser_than(ctx.previous, Granularity.WEEK):
            # no publication date and only a year before: "founded in 1998 ... on
            # Monday" names no day we can find (the Monday before 1998 is no reading)
            return _unresolved(_unknown_year_value(p), p)
        # the tense speaks of the writer's present, not of the day last mentioned
        period = _weekday_period(p, reference, None if narrative else ctx.tense)
    elif p.day is not None and p.month is None:
        if narrative and _coarser_than(ctx.previous, Granularity.MONTH):
            return _unresolved(f"XXXX-XX-{p.day:02d}", p)
        return _day_of_month(p, ctx, reference, anchor)
    elif p.month is None and p.quarter is None and p.half is None and p.season is None and p.holiday is None:
        # a clock time alone: on the day last mentioned ("shot at 10 p.m. on Oct. 23
        # ... died at 11 p.m."), else on the reference day
        day = _previous_day(ctx)
        if day is not None:
            return Resolution(period_value(_clock_period(day, p), p.type, p.mod), Anchor.PREVIOUS_MENTION, anchor_value=day.isoformat())
        period = _clock_period(_day_of_clock_time(p, reference, ctx), p)
        anchor = Anchor.PUBLICATION if anchor == Anchor.TENSE else anchor
    else:
        candidates = [c for y in (reference.year - 1, reference.year, reference.year + 1) for c in periods_in_year(p, y)]
        if p.weekday is not None and p.day is not None:
            # "Monday, Oct. 26": the year in which that date is a Monday, if one is near
            matching = [c for c in candidates if c.first_day.isoweekday() == p.weekday]
            candidates = matching or candidates
        # A quarter or half named without a year is one already under way or reported
        # (news speaks of results), unless the clause looks ahead ("will rise in the
        # fourth quarter") to a part that did not just end: "expects to report
        # third-quarter net" in October is the quarter that ended in September.
        part_of_year = p.quarter is not None or p.half is not None
        ahead = ctx.tense == FUTURE and not _just_ended(candidates, reference)
        tense = PAST if part_of_year and not ahead else ctx.tense
        if p.direction:  # "last Thanksgiving", "next Christmas": the words say the side
            tense = PAST if p.direction < 0 else FUTURE
            # "last Ramadan" written during Ramadan is the one before it
            ref = start_of_day(reference)
            candidates = [c for c in candidates if not interval_of(c).start <= ref < interval_of(c).end] or candidates
        if tense == PAST and _names_a_part(p):
            # "the strike began in the last week of May" on May 3: a past clause dates no
            # part of a period that is still to come (May of the year before)
            begun = [c for c in candidates if _part_interval(c, p).start.date() <= reference]
            candidates = begun or candidates
        if narrative:
            # No publication date: the tense speaks of the writer's present, not of the
            # date last mentioned, so a month or season takes that date's year ("since
            # 2020 ... in June" is June 2020, not the June before it).
            period = period_in_year(p, reference.year) or _choose(candidates, reference, None)
            if ctx.narrative and anchor is Anchor.PREVIOUS_MENTION:
                period = _story_moves_on(p, period, reference, ctx)
        else:
            period = _choose(candidates, reference, tense, past_event=ctx.past_event)
        if p.quarter is not None and not p.fiscal and _before_previous_quarter(period, ctx):
            # "posted third-quarter net ... After a flat second quarter, ...": a quarter
            # named in passing before the one under report does not replace it
            return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=reference.isoformat(), antecedent=False)
    return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=reference.isoformat())


# In a narrative, a day written without its year ("On 15 July") that would lie this many
# months or more before the date last mentioned (of a month or a day: "5 November
# 1917") is the one of the year after: stories move forward. Measured on the WikiWars
# development articles (docs/benchmarks.md); months and seasons alone keep the year of
# the date last mentioned, which measured better for them.
NARRATIVE_DAY_BACK_MONTHS = 4


def _story_moves_on(p: PartialTime, period: Period, reference: date, ctx: Context) -> Period:
    """The day ``period`` in the year after, when a narrative would otherwise step back
    NARRATIVE_DAY_BACK_MONTHS months or more from the date last mentioned."""
    previous = ctx.previous
    if p.day is None or previous is None or previous.granularity is None or previous.granularity < Granularity.MONTH:
        return period
    back = (reference.year * 12 + reference.month) - (period.first_day.year * 12 + period.first_day.month)
    if back < NARRATIVE_DAY_BACK_MONTHS:
        return period
    return period_in_year(p, reference.year + 1) or period


def _names_a_part(p: PartialTime) -> bool:
    """True when the words name a part of the period the rest names: its start, middle or
    end ("late May", "the end of the year"), a week of it ("the first week of June"), its
    first or last day, or a weekday in it ("the second Friday of April")."""
    return p.mod in CALENDAR_MODS or p.nth_week is not None or p.grain in DAY_EDGES or p.nth_weekday is not None


def _part_interval(period: Period, p: PartialTime) -> Interval:
    """The interval of the part of ``period`` the words name: narrowed by the mod, to the
    week named or to its last day (an n-th weekday lies somewhere inside: the period's
    interval stands for it)."""
    interval = narrow(interval_of(period), p.mod)
    if p.nth_week is not None:
        return week_of(interval, p.nth_week)
    if p.grain == "last_day":
        return Interval(interval.end - timedelta(days=1), interval.end)
    return interval


def _begins_after_publication(value: TimeValue, ctx: Context) -> bool:
    return ctx.published is not None and value.interval is not None and value.interval.start.date() > ctx.published


def _in_antecedent_year(p: PartialTime, ctx: Context) -> Optional[Resolution]:
    """"In 2019 ... in the last quarter of the year": that part of the year of the previous
    mention, as "the year" alone is; None without such a mention, or when a past clause
    would then date a part still to come at publication ("he said Tuesday that sales
    fell in the last quarter of the year": the tense decides, as for "the fourth
    quarter")."""
    previous = ctx.previous
    if previous is None or previous.interval is None or not _names_a_unit_inside(previous, "year"):
        return None
    period = period_in_year(p, previous.interval.start.year)
    if period is None:
        return None
    value = period_value(period, p.type, p.mod)
    if ctx.tense == PAST and _begins_after_publication(attrs.evolve(value, interval=_part_interval(period, p)), ctx):
        return None
    # a quarter named in passing before the one under report does not replace it
    antecedent = not (p.quarter is not None and not p.fiscal and _before_previous_quarter(period, ctx))
    return Resolution(value, Anchor.PREVIOUS_MENTION, anchor_value=previous.value, antecedent=antecedent)


# Companies report a quarter's results within about this many days of its end (the SEC
# allows 40 to 45 for the quarterly report): until then, news looks ahead to that quarter.
REPORTING_SEASON_DAYS = 45


def _just_ended(candidates: list[Period], reference: date) -> bool:
    """True when one of the periods ended within the reporting season before ``reference``."""
    now = start_of_day(reference)
    return any(timedelta(0) <= now - interval_of(c).end < timedelta(days=REPORTING_SEASON_DAYS) for c in candidates)


def _day_of_clock_time(p: PartialTime, reference: date, ctx: Context) -> date:
    """The day of a clock time written alone: the publication day, unless the
    publication time says the tense points across midnight ("was arrested at 11 p.m."
    in a story filed at 9 a.m. is last night; "will land at 8 a.m." filed at 9 a.m. is
    tomorrow)."""
    published_at = ctx.published_at
    if published_at is None and p.hour == 24 and ctx.tense == PAST:
        # "arrived shortly after midnight": the midnight that opened the publication day
        # (midnight is read as the end of its day, so that is the day before); the one
        # closing the publication day is still ahead of a story written during it
        return reference - timedelta(days=1)
    if published_at is None or p.hour is None or published_at.date() != reference:
        return reference
    moment = interval_of(_clock_period(reference, p)).start
    if ctx.tense == PAST and moment > published_at:
        return reference - timedelta(days=1)
    if ctx.tense == FUTURE and moment < published_at:
        return reference + timedelta(days=1)
    return reference


def _coarser_than(value: Optional[TimeValue], grain: Granularity) -> bool:
    return value is None or value.granularity is None or value.granularity < grain


def _day_of_month(p: PartialTime, ctx: Context, reference: date, anchor: Anchor) -> Resolution:
    """"on the 15th": that day of the month last mentioned (a month or a day in it), else
    of the month around the reference day the tense points to."""
    assert p.day is not None
    previous = ctx.previous
    if previous is not None and previous.interval is not None and previous.granularity in (Granularity.MONTH, Granularity.DAY):
        start = previous.interval.start
        if p.day > days_in_month(start.year, start.month):
            raise InvalidValue(f"no day {p.day} in {start.year}-{start.month:02d}")
        period = Period(Granularity.DAY, date(start.year, start.month, p.day))
        return Resolution(period_value(period, p.type, p.mod), Anchor.PREVIOUS_MENTION, anchor_value=previous.value)
    months = [add_months(date(reference.year, reference.month, 1), k) for k in (-2, -1, 0, 1, 2)]
    candidates = [Period(Granularity.DAY, m.replace(day=p.day)) for m in months if p.day <= days_in_month(m.year, m.month)]
    period = _choose(candidates, reference, ctx.tense)
    return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=reference.isoformat())


def _previous_day(ctx: Context) -> Optional[date]:
    """The day of the previous mention when it names one (a day or a time of day)."""
    previous = ctx.previous
    if previous is None or previous.interval is None or previous.granularity is None:
        return None
    return previous.interval.start.date() if previous.granularity >= Granularity.DAY else None


def _before_previous_quarter(period: Period, ctx: Context) -> bool:
    """True when the previous mention is a quarter already over at publication (one
    being reported) and ``period`` comes before it."""
    previous = ctx.previous
    if previous is None or previous.interval is None or previous.granularity != Granularity.QUARTER:
        return False
    if ctx.published is None or previous.interval.end > start_of_day(ctx.published):
        return False
    return interval_of(period).end <= previous.interval.start


def _reported_quarter(ctx: Context) -> tuple[Optional[Period], Optional[TimeValue]]:
    """The quarter a comparison speaks of ("the year-ago quarter", "the 1988 period") and
    the mention it comes from: the previous mention when it is a quarter, else the
    quarter under report, else (no mention) the last quarter completed before
    publication (the one a company reports on)."""
    for candidate in (ctx.previous, ctx.reported):
        if candidate is not None and candidate.interval is not None and is_reported_quarter(candidate, ctx.published):
            return Period(Granularity.QUARTER, candidate.interval.start.date()), candidate
    if ctx.published is not None:
        current = floor(ctx.published, Granularity.QUARTER)
        return Period(Granularity.QUARTER, shift(current, "quarter", -1)), None
    return None, None


def is_reported_quarter(value: Optional[TimeValue], published: Optional[date], *, completed: bool = False) -> bool:
    """True for a quarter that may be under report: begun by the publication date (a
    quarter not yet begun is a forecast), or with ``completed`` over by then (the quarter
    under way is more often forecast than reported)."""
    if value is None or value.interval is None or value.granularity != Granularity.QUARTER:
        return False
    if published is None:
        return True
    edge = value.interval.end if completed else value.interval.start
    return edge.date() <= published


def _reference_day(ctx: Context) -> tuple[Optional[date], Anchor]:
    if ctx.narrative and ctx.previous is not None and ctx.previous.interval is not None:
        return ctx.previous.interval.start.date(), Anchor.PREVIOUS_MENTION
    if ctx.published is not None:
        return ctx.published, Anchor.TENSE
    if ctx.previous is not None and ctx.previous.interval is not None:
        return ctx.previous.interval.start.date(), Anchor.PREVIOUS_MENTION
    return None, Anchor.NONE


def _unit_period(day: date, unit: str) -> Period:
    granularity = UNIT_GRANULARITY[unit]
    if granularity == Granularity.SEASON:  # pragma: no cover - no season unit today
        year, code = season_of(day)
        return season_period(year, code)
    return Period(granularity, floor(day, granularity))


def _shifted_unit_value(day: date, unit: str, offset: int, p: PartialTime, moment: Optional[datetime] = None) -> TimeValue:
    """``day`` moved by ``offset`` units, at the unit's grain; hours and minutes move the
    clock time ``moment`` ("two hours later" after "10:35 a.m."), and without one ("an
    hour ago" against a publication date without a time) the day itself is all we know."""
    if unit in ("hour", "minute", "second"):
        if moment is None:
            return period_value(Period(Granularity.DAY, day), "DATE", p.mod)
        moved_moment = moment + timedelta(**{unit + "s": offset})
        grain = Granularity.MINUTE if moved_moment.minute else Granularity.HOUR
        period = Period(grain, moved_moment.date(), hour=moved_moment.hour, minute=moved_moment.minute)
        return period_value(period, "TIME", p.mod)
    moved = shift(floor(day, UNIT_GRANULARITY[unit]), unit, offset)
    period = _unit_period(moved, unit)
    if unit == "day" and (p.part_of_day or p.hour is not None):
        period = _clock_period(moved, p)  # "4 p.m. yesterday", "yesterday morning"
    if unit == "weekend":
        # the week's value with -WE, and only its Saturday and Sunday as the interval,
        # narrowed by the mod after that ("the dying days of Easter weekend": narrowing
        # the week first put its Saturday after its end, a ValueError)
        week = period_value(period, p.type)
        if week.interval is not None:
            weekend = Interval(week.interval.start + timedelta(days=5), week.interval.end)
            return attrs.evolve(week, value=week.value + "-WE", interval=narrow(weekend, p.mod), mod=p.mod)
    return period_value(period, p.type, p.mod)


_UNKNOWN_BY_UNIT = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "fortnight": "XXXX-WXX",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


def resolve_relative(p: PartialTime, ctx: Context) -> Resolution:
    """Deictic expressions, counted from the publication date."""
    published = ctx.published
    if published is None and ctx.narrative and p.offset == 0 and p.unit in ("day", "week", "month", "year"):
        if p.weekday is None and p.month is None and p.season is None and _names_a_unit_inside(ctx.previous, p.unit):
            # "this day", "this year" in a narrative with no publication date: the day or
            # year the story is at
            return resolve_anaphoric(p, ctx)
    if published is None:
        if p.weekday is not None or p.month is not None or p.season is not None:
            return _unresolved(_unknown_year_value(p), p)
        return _unresolved(_UNKNOWN_BY_UNIT.get(p.unit or "", "XXXX-XX-XX"), p)
    anchor_value = published.isoformat()
    direction = p.direction if p.direction is not None else 0
    if p.weekday is not None and p.grain == "week_day":
        # "Tuesday next week": "this Tuesday" of a day one week later (earlier)
        period = _directed_weekday(p, published + timedelta(weeks=direction), 0)
    elif p.weekday is not None:
        period = _directed_weekday(p, published, direction)
    elif p.unit == "year" and p.offset is not None and (p.quarter, p.half, p.month, p.season) != (None,) * 4:
        # "next year's first quarter", "June last year": a part of a year counted in
        # years from the year of publication
        chosen = period_in_year(p, published.year + p.offset)
        assert chosen is not None
        period = chosen
    elif p.month is not None or p.season is not None:
        period = _directed_in_year(p, published, direction)
    else:
        assert p.unit is not None and p.offset is not None
        previous = ctx.previous
        if (
            p.unit == "year"
            and p.amount is not None
            and previous is not None
            and previous.granularity in (Granularity.QUARTER, Granularity.HALF)
        ):
            # "profit rose from a year ago" after "the third quarter": that quarter, a year before
            return resolve_anaphoric(p, ctx)
        value = _shifted_unit_value(published, p.unit, p.offset, p, ctx.published_at)
        return Resolution(value, Anchor.PUBLICATION, anchor_value=anchor_value, antecedent=not _year_comparison(p))
    return Resolution(period_value(period, p.type, p.mod), Anchor.PUBLICATION, anchor_value=anchor_value)


def _directed_weekday(p: PartialTime, published: date, direction: int) -> Period:
    assert p.weekday is not None
    if direction < 0:  # last Friday: the latest one strictly before the day of publication
        back = (published.isoweekday() - p.weekday) % 7 or 7
        return _clock_period(published - timedelta(days=back), p)
    if direction > 0:  # next Friday: the first one strictly after
        ahead = (p.weekday - published.isoweekday()) % 7 or 7
        return _clock_period(published + timedelta(days=ahead), p)
    monday = published - timedelta(days=published.weekday())  # this Friday: in this week
    return _clock_period(monday + timedelta(days=p.weekday - 1), p)


def _directed_in_year(p: PartialTime, published: date, direction: int) -> Period:
    candidates = [c for y in range(published.year - 2, published.year + 3) if (c := period_in_year(p, y))]
    now = start_of_day(published)
    if direction < 0:
        return max((c for c in candidates if interval_of(c).end <= now), key=lambda c: c.first_day)
    if direction > 0:
        return min((c for c in candidates if interval_of(c).start > now), key=lambda c: c.first_day)
    if p.month is not None:
        # "this September" is the one of the publication year, however far from today
        chosen = period_in_year(p, published.year)
        assert chosen is not None
        return chosen
    return _choose(candidates, published, None)


# When a year is counted from a previous quarter or month ("a year earlier" after "the
# third quarter"), the result keeps that finer grain: it is the same quarter a year before.
KEEP_PREVIOUS_GRAIN = frozenset({Granularity.HALF, Granularity.QUARTER, Granularity.SEASON, Granularity.MONTH})


def resolve_anaphoric(p: PartialTime, ctx: Context) -> Resolution:
    """Anaphoric expressions, counted from the previous mention (else the publication)."""
    if p.weekday is not None:
        return _anaphoric_weekday(p, ctx)
    if p.season is not None or p.month is not None:
        return _anaphoric_season(p, ctx)
    assert p.unit is not None and p.offset is not None
    if p.grain == "quarter":
        return _resolve_reported_quarter(p, ctx)
    previous = ctx.previous
    if before_common_era(previous):
        assert previous is not None
        counted = _years_from_bc(p, previous)
        if counted is not None:
            return counted
    if p.unit == "quarter" and p.fallback_offset is not None and (previous is None or previous.granularity != Granularity.QUARTER):
        # "the quarter" after other dates: the quarter under report, if one was named
        previous = ctx.reported if is_reported_quarter(ctx.reported, ctx.published) else previous
    if p.fallback_offset is not None and not _names_a_unit_inside(previous, p.unit):
        # "the quarter" with no quarter before it: the current (or last reported) one
        previous = None
        offset = p.fallback_offset
        if p.unit == "weekend" and ctx.tense == PAST and ctx.published and ctx.published.isoweekday() < 6:
            offset -= 1  # "arrived over the weekend", said on a weekday: the last one
        if p.unit == "quarter" and ctx.tense == FUTURE:
            offset = 0  # "will close by the end of the quarter": the one under way
        p = attrs.evolve(p, offset=offset)
    unit, step = p.unit, p.offset
    assert unit is not None and step is not None
    moment = None
    if previous is not None and previous.interval is not None and previous.granularity is not None:
        base, anchor, anchor_value = previous.interval.start.date(), Anchor.PREVIOUS_MENTION, previous.value
        if previous.granularity >= Granularity.HOUR:
            moment = previous.interval.start  # a clock time to count hours and minutes from
        unit_grain = UNIT_GRANULARITY[unit]
        # "a year earlier" after "the third quarter" is that quarter a year before; "the
        # following year" (no amount) is a year
        # (a decade or more is too rough a count for that: "a decade later" after
        # "March 1996" is 2006)
        counted_year = unit == "year" and step != 0 and p.amount is not None and abs(step) < 10
        keep_previous = (counted_year and previous.granularity in KEEP_PREVIOUS_GRAIN) or (
            previous.granularity < unit_grain  # "two days later" after "July 2023": still a month
        )
        if keep_previous:
            moved = shift(base, unit, step)
            grain = previous.granularity
            if grain == Granularity.SEASON:
                year, code = season_of(moved)
                period = season_period(year, code)
            else:
                period = Period(grain, floor(moved, grain))
            # "a year earlier" after a quarter compares with it; "two years later" after
            # "March 2015" moves the story on, and later anaphors count from it
            comparison = unit == "year" and grain in KEEP_PREVIOUS_GRAIN and step < 0
            return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=anchor_value, antecedent=not comparison)
    elif ctx.published is not None and not (p.amount is not None and step > 0 and ctx.tense == PAST):
        base, anchor, anchor_value = ctx.published, Anchor.PUBLICATION, ctx.published.isoformat()
    else:
        # no date before it, or "two decades later, he returned" with none: counted from
        # the publication date that would be a future the past tense denies
        return _unresolved(_UNKNOWN_BY_UNIT.get(unit, "XXXX-XX-XX"), p)
    value = _shifted_unit_value(base, unit, step, p, moment)
    return Resolution(value, anchor, anchor_value=anchor_value, antecedent=not _year_comparison(p))


def _names_a_unit_inside(previous: Optional[TimeValue], unit: str) -> bool:
    """True when "the <unit>" can be the unit of the previous mention: one of that grain,
    or a finer one inside it ("began on March 1. By the end of the month" is March) but
    for quarters, which follow the quarter under report, and weekends ("over the
    weekend" is the last one, whatever day was named before)."""
    if previous is None or previous.granularity is None:
        return False
    grain = UNIT_GRANULARITY[unit]
    inside = unit not in ("quarter", "weekend") and previous.granularity > grain and previous.interval is not None
    return previous.granularity == grain or inside


def _anaphoric_weekday(p: PartialTime, ctx: Context) -> Resolution:
    """"the previous Friday", "the following Monday": the weekday before (after) the day
    of the previous mention, when that names a day; else counted from the publication."""
    previous = ctx.previous
    direction = p.direction or 0
    if previous is not None and previous.interval is not None and previous.granularity is not None and previous.granularity >= Granularity.DAY:
        period = _directed_weekday(p, previous.interval.start.date(), direction)
        return Resolution(period_value(period, p.type, p.mod), Anchor.PREVIOUS_MENTION, anchor_value=previous.value)
    if ctx.published is None:
        return _unresolved(_unknown_year_value(p), p)
    period = _directed_weekday(p, ctx.published, direction)
    return Resolution(period_value(period, p.type, p.mod), Anchor.PUBLICATION, anchor_value=ctx.published.isoformat())


def _reference_days(ctx: Context) -> Optional[tuple[date, date, Anchor, str]]:
    """The first and last day an anaphoric season or month is placed around, with what
    they came from: the previous mention's interval, else the publication day, else None."""
    previous = ctx.previous
    if previous is not None and previous.interval is not None:
        first, last = previous.interval.start.date(), (previous.interval.end - timedelta(days=1)).date()
        return first, last, Anchor.PREVIOUS_MENTION, previous.value
    if ctx.published is not None:
        return ctx.published, ctx.published, Anchor.PUBLICATION, ctx.published.isoformat()
    return None


def _anaphoric_season(p: PartialTime, ctx: Context) -> Resolution:
    """"the following spring", "that summer", "the previous winter" (and months: "the
    previous April", "October of that year"): the season or month of that name after,
    around or before the previous mention (else the publication date)."""
    if p.season is None:
        return _anaphoric_month(p, ctx)
    previous = ctx.previous
    reference = _reference_days(ctx)
    if reference is None:
        return _unresolved(f"XXXX-{p.season}", p)
    start, end, anchor, anchor_value = reference
    seasons = [season_period(year, p.season) for year in range(start.year - 2, end.year + 2)]
    direction = p.direction or 0
    if direction > 0:  # the first one that begins after the mention
        period = next(s for s in seasons if s.first_day > end)
    elif direction < 0:  # the last one that ends before it
        period = [s for s in seasons if interval_of(s).end.date() <= start][-1]
    else:  # "that summer": the one the mention falls in, else that of its year
        season_year, code = season_of(start)
        if previous is not None and previous.granularity is not None and previous.granularity <= Granularity.YEAR:
            season_year = start.year  # "in 1683 ... that winter": the winter of 1683, not the one it opens in
        period = season_period(season_year if code == p.season else start.year, p.season)
        if anchor is Anchor.PUBLICATION and period.first_day > start:
            period = [s for s in seasons if s.first_day <= start][-1]  # no mention: the last one begun
    return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=anchor_value)


def _anaphoric_month(p: PartialTime, ctx: Context) -> Resolution:
    """The month of ``_anaphoric_season``: "the previous April" is the last April that
    ends before the previous mention, "the following March" the first that begins after
    it, "that April" / "April of that year" the one in its year."""
    assert p.month is not None
    reference = _reference_days(ctx)
    if reference is None:
        return _unresolved(f"XXXX-{p.month:02d}", p)
    start, end, anchor, anchor_value = reference
    months = [Period(Granularity.MONTH, date(year, p.month, 1)) for year in range(start.year - 2, end.year + 3)]
    direction = p.direction or 0
    if direction > 0:
        period = next(m for m in months if m.first_day > end)
    elif direction < 0:
        period = [m for m in months if interval_of(m).end.date() <= start][-1]
    else:
        period = Period(Granularity.MONTH, date(start.year, p.month, 1))
    return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=anchor_value)


def _year_comparison(p: PartialTime) -> bool:
    """"a year ago", "a year earlier": in news a comparison with the period under report;
    a second one ("up from ... a year earlier") compares with the same period, so the
    first is no antecedent for it."""
    return p.unit == "year" and p.offset == -1 and p.amount == 1


def _resolve_reported_quarter(p: PartialTime, ctx: Context) -> Resolution:
    """"last year's quarter", "the latest period": the quarter under report, moved by the
    offset; a comparison (moved) is no antecedent for later mentions."""
    assert p.unit is not None and p.offset is not None
    reported, source = _reported_quarter(ctx)
    if reported is None:
        return _unresolved("XXXX-QX", p)
    anchor = Anchor.PREVIOUS_MENTION if source is not None else Anchor.PUBLICATION
    anchor_value = source.value if source is not None else (ctx.published.isoformat() if ctx.published else None)
    moved = shift(reported.first_day, p.unit, p.offset)
    period = Period(Granularity.QUARTER, floor(moved, Granularity.QUARTER))
    return Resolution(period_value(period, p.type, p.mod), anchor, anchor_value=anchor_value, antecedent=p.offset == 0)


def resolve_deictic(p: PartialTime, ctx: Context) -> Resolution:
    """today, yesterday, tonight, this morning...: days from the publication date."""
    if p.unit is None:  # "this morning" written as direction + part of day
        p = attrs.evolve(p, unit="day", offset=0 if not p.direction else p.direction)
    return resolve_relative(attrs.evolve(p, direction=None), ctx)


def resolve_previous(p: PartialTime, ctx: Context) -> Resolution:
    """"at the same time", "at that time", "this period": the time last mentioned, in a
    narrative. News leaves them untagged (TimeBank does), and with no time before them
    they name none ("at the same time as we spoke"): InvalidValue, the words are dropped."""
    previous = ctx.previous
    if not ctx.narrative or previous is None or previous.type not in ("DATE", "TIME"):
        raise InvalidValue("no time mentioned before to refer to")
    if p.part_of_day is not None:
        # "in the morning" after "on December 27": that day's morning; after a month or
        # a year it names no particular morning
        if previous.granularity != Granularity.DAY or previous.interval is None:
            raise InvalidValue("no day mentioned before")
        period = _clock_period(previous.interval.start.date(), p)
        return Resolution(period_value(period, "TIME", p.mod), Anchor.PREVIOUS_MENTION, anchor_value=previous.value)
    value = attrs.evolve(previous, type=p.type if p.type == "TIME" else previous.type, mod=p.mod)
    return Resolution(value, Anchor.PREVIOUS_MENTION, anchor_value=previous.value, antecedent=False)


_BC_VALUE = re.compile(r"^BC(\d{4})$")


def before_common_era(value: Optional[TimeValue]) -> bool:
    """True for a year or century before the common era (BC0490, BC02)."""
    return value is not None and value.value.startswith("BC") and value.value[2:].isdigit()


def _years_from_bc(p: PartialTime, previous: TimeValue) -> Optional[Resolution]:
    """"two years later" after "220 BC": BC0218 (no year 0 between 1 BC and AD 1)."""
    match = _BC_VALUE.match(previous.value)
    if match is None or p.unit != "year" or p.offset is None or p.fallback_offset is not None:
        return None
    year = int(match.group(1)) - p.offset
    if year < 1:
        return None  # into the common era: left to the caller
    value = TimeValue(f"BC{year:04d}", p.type, Granularity.YEAR, None, p.mod)
    return Resolution(value, Anchor.PREVIOUS_MENTION, anchor_value=previous.value)


def resolve_reference(p: PartialTime, ctx: Context) -> Resolution:
    """PRESENT_REF / PAST_REF / FUTURE_REF: no interval, only the reference."""
    assert p.reference is not None
    anchor = Anchor.PUBLICATION if ctx.published else Anchor.NONE
    reference = p.reference
    if p.direction is not None and ctx.tense in (PAST, FUTURE):
        # "a few days later, American Medical announced ...": later than the story's
        # previous time, but in the past of the publication
        reference = "PAST_REF" if ctx.tense == PAST else "FUTURE_REF"
    return Resolution(
        TimeValue(reference, "DATE", None, None, p.mod),
        anchor,
        resolved=ctx.published is not None,
        anchor_value=ctx.published.isoformat() if ctx.published else None,
    )


_DURATION_CODES = {
    "second": ("T", "S", 1),
    "minute": ("T", "M", 1),
    "hour": ("T", "H", 1),
    "day": ("", "D", 1),
    "week": ("", "W", 1),
    "weekend": ("", "WE", 1),
    "fortnight": ("", "W", 2),
    "month": ("", "M", 1),
    "quarter": ("", "Q", 1),  # TimeBank writes P2Q, PXQ, P1Q (3 times; P9M, PXM twice)
    "year": ("", "Y", 1),
    "decade": ("", "Y", 10),
    "century": ("", "Y", 100),
}


# A fraction of a unit is written in the next smaller one ("2 1/2 years" = P2Y6M,
# "5 1/2 hours" = PT5H30M): unit -> (smaller unit, how many of it make one unit).
def duration_value(unit: str, amount: Optional[float]) -> str:
    """TIMEX3 duration: P3Y, PT48H, P10Y (a decade), PXY (years), PXC (centuries), P2Y6M (2 1/2 years)."""
    time_part, code, factor = _DURATION_CODES[unit]
    if amount is None:
        # "for centuries": TimeBank's century letter; a known number of them is in years
        return "PXC" if unit == "century" else f"P{time_part}X{code}"
    scaled = amount * factor
    if scaled != int(scaled) and factor == 1 and unit in SMALLER_UNIT:
        smaller, count = SMALLER_UNIT[unit]
        rest = (scaled - int(scaled)) * count
        if rest == int(rest):
            small_time, small_code, _ = _DURATION_CODES[smaller]
            whole = f"{int(scaled)}{code}" if int(scaled) else ""
            head = f"P{time_part}{whole}"
            joiner = "T" if small_time and not time_part else ""
            return f"{head}{joiner}{int(rest)}{small_code}"
    number = str(int(scaled)) if scaled == int(scaled) else f"{scaled:g}"
    return f"P{time_part}{number}{code}"


def elapsed_value(hours: int, minutes: int, seconds: int) -> str:
    """A time taken written as a clock reads, '2:03:45' -> PT2H3M45S ('2:00:00' -> PT2H)."""
    parts = [(hours, "H"), (minutes, "M"), (seconds, "S")]
    written = "".join(f"{amount}{code}" for amount, code in parts if amount)
    return f"PT{written or '0S'}"


def resolve_duration(p: PartialTime, ctx: Context) -> Resolution:
    """Durations: an amount of a unit, or hours, minutes and seconds ("in 2:03:45"); no
    calendar interval."""
    if p.unit is None and p.hour is not None:
        value = elapsed_value(p.hour, p.minute or 0, p.second or 0)
        return Resolution(TimeValue(value, "DURATION", None, None, p.mod), Anchor.NONE)
    assert p.unit is not None
    return Resolution(TimeValue(duration_value(p.unit, p.amount), "DURATION", None, None, p.mod), Anchor.NONE)


def resolve_ahead(p: PartialTime, ctx: Context) -> Resolution:
    """"in two weeks": the date that far ahead of the publication date, at the unit's
    grain; in a past-tense clause ("sales doubled in five years") the time it took.
    "in a few years" names no date: some time ahead, FUTURE_REF."""
    if p.amount is None and ctx.tense != PAST:
        return resolve_reference(PartialTime(kind="reference", reference="FUTURE_REF", mod=p.mod), ctx)
    if ctx.tense == PAST or p.amount is None or p.amount != int(p.amount):
        return resolve_duration(p, ctx)
    return resolve_relative(attrs.evolve(p, kind="relative", type="DATE", offset=int(p.amount)), ctx)


def resolve_event_relative(p: PartialTime, ctx: Context) -> Resolution:
    """"a week after <event>": the duration, anchored to an event the events stage finds.
    ``anchor_value`` is 'after' or 'before' (the direction from the other event)."""
    if p.grain == "event_day":
        # "the first day of the battle": a day of the event, dated by it (unknown here)
        value = TimeValue("XXXX-XX-XX", p.type, Granularity.DAY, None, p.mod)
        return Resolution(value, Anchor.EVENT, resolved=False, anchor_value="during")
    duration = resolve_duration(p, ctx).value
    direction = "before" if (p.offset or 1) < 0 else "after"
    return Resolution(duration, Anchor.EVENT, resolved=True, anchor_value=direction)


def _time_of_day_suffix(p: PartialTime) -> str:
    """The time of a set's or an unplaced day's value: "TMO" for a part of the day,
    "T09:00" for a clock time ("every Monday at 9 a.m.": XXXX-WXX-1T09:00)."""
    if p.part_of_day is not None:
        return f"T{p.part_of_day}"
    if p.hour is not None:
        return f"T{p.hour:02d}:{p.minute or 0:02d}"
    return ""


def resolve_set(p: PartialTime, ctx: Context) -> Resolution:
    """Sets: the calendar value of one member with X's for what recurs ("every Monday"
    XXXX-WXX-1, "Tuesday nights" XXXX-WXX-2TNI, "each July" XXXX-07, "every year on July
    4" XXXX-07-04, "every summer" XXXX-SU, "every morning" XXXX-XX-XXTMO, "on weekends"
    XXXX-WXX-WE), else the period between two members ("daily" P1D, "every other week"
    P2W). The recognizer's freq ("twice a week": 2X) and quant ("every": EVERY) go
    with the value as they are."""
    if p.weekday is not None:
        value = f"XXXX-WXX-{p.weekday}{_time_of_day_suffix(p)}"
    elif p.month is not None and p.day is not None:
        value = f"XXXX-{p.month:02d}-{p.day:02d}"
    elif p.month is not None:
        value = f"XXXX-{p.month:02d}"
    elif p.season is not None:
        value = f"XXXX-{p.season}"
    elif p.part_of_day is not None:
        value = f"XXXX-XX-XX{_time_of_day_suffix(p)}"
    elif p.unit == "weekend" and p.amount in (None, 1):
        # a weekend is a named part of the week, like a weekday, not a length of time
        value = "XXXX-WXX-WE"
    else:
        assert p.unit is not None
        value = duration_value(p.unit, p.amount if p.amount is not None else 1)
    return Resolution(TimeValue(value, "SET", None, None, p.mod, p.freq, p.quant), Anchor.NONE)


def resolve_nonspecific(p: PartialTime, ctx: Context) -> Resolution:
    """"It was a Tuesday in June", "rarely on a Saturday": some day of that name, no
    particular one, whatever the context (XXXX-WXX-2, unresolved); "moved only at
    night" (narrative rules): some night, XXXX-XX-XXTNI."""
    if p.weekday is None:
        assert p.part_of_day is not None
        return _unresolved(f"XXXX-XX-XXT{p.part_of_day}", p)
    return _unresolved(f"XXXX-WXX-{p.weekday}{_time_of_day_suffix(p)}", p)


# A numeric date as the rules match it: month, day and year joined by one separator used
# twice ("07/26/2023", "7/26/23", "12-31-99"), the year in two or four digits
_NUMERIC_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})")


def parse_numeric_date(text: str) -> Optional[tuple[int, int, int, bool]]:
    """(month, day, year, two_digit_year) of a month-first numeric date string
    ("07/26/2023", "7/26/23"), or None when the text is not one. The numbers are
    only read here, not checked against the calendar: a two-digit year is completed by
    the resolver first ("2/29/00" is a day of 2000, "2/29/01" no date at all)."""
    match = _NUMERIC_DATE.fullmatch(text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(3)), int(match.group(4)), len(match.group(4)) == 2


def resolve_numeric_date(p: PartialTime, ctx: Context, text: str) -> Resolution:
    # the date is the first word of the span; a clock time may follow it ("07/26/2023, 14:30")
    parts = parse_numeric_date(text.split()[0].rstrip(",")) if text else None
    if parts is None:
        raise InvalidValue(f"not a date: {text!r}")
    month, day, year, two_digits = parts
    if two_digits:
        # "1/1/68" written in 1990 is 1968: the resolver's policy for two-digit years
        # (full_year), not a date parser's own pivot
        year = full_year(year, _two_digit_reference(ctx))
    if not 1 <= year <= 9999:
        raise InvalidValue(f"not a date: {text!r}")
    # an impossible day ("2/29/2001", "4/31/2024") raises InvalidValue in
    # resolve_calendar: no date, never a neighbouring one
    partial = attrs.evolve(p, year=year, month=month, day=day)
    return resolve_calendar(partial, ctx)


def _two_digit_reference(ctx: Context) -> Optional[date]:
    """The date a two-digit year is completed from: in a narrative the date last
    mentioned ("in 1898 ... the war of '99" is 1899), else the publication date."""
    if ctx.narrative and ctx.previous is not None and ctx.previous.interval is not None:
        return ctx.previous.interval.start.date()
    return ctx.published


RESOLVERS: dict[str, Callable[[PartialTime, Context], Resolution]] = {
    "calendar": resolve_calendar,
    "relative": resolve_relative,
    "anaphoric": resolve_anaphoric,
    "deictic": resolve_deictic,
    "reference": resolve_reference,
    "duration": resolve_duration,
    "event_relative": resolve_event_relative,
    "ahead": resolve_ahead,
    "set": resolve_set,
    "nonspecific": resolve_nonspecific,
    "previous": resolve_previous,
}


def resolve(p: PartialTime, ctx: Context, text: str = "") -> Resolution:
    """Normalize one partial value in its context (raises InvalidValue for non-dates)."""
    if p.year2 is not None and p.year is None:
        p = attrs.evolve(p, year=full_year(p.year2, _two_digit_reference(ctx)))
    try:
        if p.kind == "numeric_date":
            return resolve_numeric_date(p, ctx, text)
        resolution = _resolve_kind(p, ctx)
        if _part_to_come(p, ctx, resolution):
            # "stocks fell in the closing weeks of the year" in May: a past clause dates
            # no part of "the year" still to come, so the year is the one before
            # (whatever year the previous mention named: it would be the same one)
            back = attrs.evolve(p, offset=-1, fallback_offset=-1)
            resolution = _resolve_kind(back, attrs.evolve(ctx, previous=None, reported=None))
    except HolidayOutsideTable:
        # "Ramadan 1985": no date rather than a guess; the year written is kept
        return _unresolved(f"{p.year:04d}" if p.year is not None else "XXXX", p)
    except (OverflowError, ValueError) as error:
        if not _outside_calendar(error):
            raise
        return _beyond_calendar(p)
    return resolution


def _resolve_kind(p: PartialTime, ctx: Context) -> Resolution:
    """The resolver of the partial's kind, then the part of the period the words name."""
    resolution = RESOLVERS[p.kind](p, ctx)
    if p.grain in DAY_EDGES:
        resolution = edge_day(resolution, p)
    if p.nth_weekday is not None:
        resolution = weekday_of_month(resolution, p)
    if p.nth_week is not None:
        resolution = week_of_period(resolution, p)
    if p.shift_days or p.shift_units is not None:
        resolution = _shifted_day(resolution, p)
    return resolution


def _part_to_come(p: PartialTime, ctx: Context, resolution: Resolution) -> bool:
    """True for a part of "the month", "the year" ("the end of the year", "the last week
    of the month") that begins after the publication day, in a past clause."""
    the_unit = p.kind == "anaphoric" and p.offset == 0 and p.fallback_offset is not None
    return the_unit and ctx.tense == PAST and _names_a_part(p) and _begins_after_publication(resolution.value, ctx)


# What Python's date type raises for a year outside 1-9999 ("year 10000 is out of
# range"); date arithmetic past either end raises OverflowError. A day missing from its
# month ("day is out of range for month") is no such case: it stays an error.
_YEAR_OUT_OF_RANGE = re.compile(r"^year -?\d+ is out of range")


def _outside_calendar(error: Exception) -> bool:
    """True when ``error`` says a date fell outside the years Python can hold."""
    if isinstance(error, InvalidValue):
        return False
    return isinstance(error, OverflowError) or bool(_YEAR_OUT_OF_RANGE.match(str(error)))


def _beyond_calendar(p: PartialTime) -> Resolution:
    """"2,500 years ago", or "yesterday" published on 0001-01-01: the date lies outside
    the calendar Python can hold (years 1 to 9999). The expression stays, flagged
    unresolved, as the vague reference to the side it points to."""
    ahead = p.kind == "ahead" or (p.offset or p.direction or 0) > 0
    reference = "FUTURE_REF" if ahead else "PAST_REF"
    return Resolution(TimeValue(reference, "DATE", None, None, p.mod), Anchor.NONE, resolved=False)


# A year written with two digits lies at most this many years after the publication.
TWO_DIGIT_YEAR_AHEAD = 10


def full_year(two_digits: int, published: Optional[date]) -> int:
    """'69 -> 1969, FY24 -> 2024: the latest year with those last two digits that is not
    more than TWO_DIGIT_YEAR_AHEAD years after the publication; without a publication
    date, 2000-2029 for 00-29 and the 1900s otherwise."""
    if published is None:
        return (2000 if two_digits < 30 else 1900) + two_digits
    limit = published.year + TWO_DIGIT_YEAR_AHEAD
    year = limit - (limit - two_digits) % 100
    return year


# Grains of "the first day of ..." and "the last day of ..." (lexicon/day_edges.tsv).
DAY_EDGES = frozenset({"first_day", "last_day"})


def edge_day(resolution: Resolution, p: PartialTime) -> Resolution:
    """"the last day of April": the first or last day of the period resolved (an
    unresolved period stays as it is: its days are unknown)."""
    value = resolution.value
    if value.interval is None:
        return resolution
    interval = value.interval
    day = interval.start.date() if p.grain == "first_day" else (interval.end - timedelta(days=1)).date()
    return _on_day(resolution, day, "DATE", p.mod)


def weekday_of_month(resolution: Resolution, p: PartialTime) -> Resolution:
    """"the second Friday of April": that weekday of the month resolved (raises
    InvalidValue for a fifth one the month lacks; an unresolved month stays as it is)."""
    assert p.nth_weekday is not None
    value = resolution.value
    if value.interval is None or value.granularity != Granularity.MONTH:
        return resolution
    n, weekday = p.nth_weekday
    month = value.interval.start.date()
    day = nth_weekday(month.year, month.month, weekday, n)
    if day.month != month.month:
        raise InvalidValue(f"no weekday {weekday} number {n} in {month:%Y-%m}")
    return _on_day(resolution, day, "DATE", p.mod)


def week_of_period(resolution: Resolution, p: PartialTime) -> Resolution:
    """"the first week of June", "the last week of 2023": the month (year) resolved, with
    the seven days named as its interval. TIMEX3 has no value for the n-th seven days of
    a month, so the value stays the month's, with mod START for the first week and END
    for the last (as "the first days of June" and "the end of June" have); an ISO week
    would often be wrong: June 1-7, 2024 runs from a Saturday across two ISO weeks.
    An unresolved period stays as it is."""
    assert p.nth_week is not None
    value = resolution.value
    if value.interval is None or value.granularity not in (Granularity.MONTH, Granularity.YEAR):
        return resolution
    whole = interval_of(Period(value.granularity, floor(value.interval.start.date(), value.granularity)))
    mod = p.mod or {1: "START", -1: "END"}.get(p.nth_week)
    return attrs.evolve(resolution, value=attrs.evolve(value, interval=week_of(whole, p.nth_week), mod=mod))


def _shifted_day(resolution: Resolution, p: PartialTime) -> Resolution:
    """The day the words name, moved by ``p.shift_days`` ("the day before last Tuesday"),
    then by ``p.shift_units`` ("ten years ago today")."""
    value = resolution.value
    if value.interval is None or value.granularity != Granularity.DAY:
        return resolution  # an unresolved or coarser date: nothing to move
    day = value.interval.start.date()
    if p.shift_days:
        # after an observance of several days ("the day after Passover"): after its last day
        edge = value.interval.start if p.shift_days < 0 else value.interval.end - timedelta(days=1)
        day = edge.date() + timedelta(days=p.shift_days)
    if p.shift_units is not None:
        unit, amount = p.shift_units
        day = shift(day, unit, amount)
    return _on_day(resolution, day, p.type, p.mod)


def _on_day(resolution: Resolution, day: date, type_: str, mod: Optional[str]) -> Resolution:
    """The resolution moved to one whole day (the day steps above)."""
    return attrs.evolve(resolution, value=period_value(Period(Granularity.DAY, day), type_, mod))


__all__ = ["Context", "InvalidValue", "Resolution", "resolve", "PAST", "PRESENT", "FUTURE", "add_months"]
