"""Calendar arithmetic for TIMEX3 values: periods at a granularity, their half-open
intervals, shifting them, and writing their TIMEX3 value strings. Pure functions.

A period is named by its granularity and its first day (``Period``); seasons, parts of
the day and clock times carry what the first day alone cannot say.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta
from typing import Optional

import attrs

from ..model import Granularity, Interval, TimeValue

UNIT_GRANULARITY = {
    "second": Granularity.SECOND,
    "minute": Granularity.MINUTE,
    "hour": Granularity.HOUR,
    "day": Granularity.DAY,
    "week": Granularity.WEEK,
    "weekend": Granularity.WEEK,
    "fortnight": Granularity.WEEK,
    "month": Granularity.MONTH,
    "quarter": Granularity.QUARTER,
    "year": Granularity.YEAR,
    "decade": Granularity.DECADE,
    "century": Granularity.CENTURY,
}

# Seasons as (first month, number of months); winter starts in December of its year.
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Parts of the day as (first hour, hours long); night runs past midnight.
PART_OF_DAY_HOURS = {"MO": (6, 6), "AF": (12, 6), "EV": (18, 4), "NI": (20, 10), "DT": (6, 12)}


@attrs.frozen
class Period:
    """A calendar period: its granularity and first day, plus the finer parts some
    granularities need (season code, part of day, hour and minute)."""

    granularity: Granularity
    first_day: date
    season: Optional[str] = None
    part_of_day: Optional[str] = None
    hour: Optional[int] = None
    minute: Optional[int] = None
    second: Optional[int] = None
    # A day-grain period of several days: a holiday's observance ("Ramadan", "Passover")
    # is written as its first day, but covers them all.
    days: Optional[int] = None


def days_in_month(year: int, month: int) -> int:
    """28 to 31: the number of days of that month."""
    return monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def floor(day: date, granularity: Granularity) -> date:
    """First day of the period at ``granularity`` that contains ``day``."""
    if granularity >= Granularity.DAY:
        return day
    if granularity == Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity in (Granularity.MONTH, Granularity.SEASON):
        return day.replace(day=1)
    if granularity == Granularity.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if granularity == Granularity.HALF:
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if granularity == Granularity.YEAR:
        return date(day.year, 1, 1)
    if granularity == Granularity.DECADE:
        return date(day.year - day.year % 10, 1, 1)
    return date(day.year - day.year % 100, 1, 1)


# The next smaller unit and how many of it make one: "2 1/2 years" is 2 years 6 months.
SMALLER_UNIT = {"year": ("month", 12), "week": ("day", 7), "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}


def shift(day: date, unit: str, amount: int) -> date:
    """``day`` moved by ``amount`` calendar units (months clamp to the 1st)."""
    if unit in ("second", "minute", "hour"):
        return day + timedelta(**{unit + "s": amount})  # whole days only: a date has no clock
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        raise ValueError(f"cannot shift by unit {unit!r}")
    moved = add_months(day, months * amount)
    last_day = (add_months(moved, 1) - timedelta(days=1)).day
    return moved.replace(day=min(day.day, last_day))  # 31 January + 1 month: 29 February


def season_of(day: date) -> tuple[int, str]:
    """(season year, season code) of a day; January and February belong to the winter
    that started in the previous December."""
    for code, first in sorted(SEASON_MONTHS.items(), key=lambda kv: -kv[1]):
        if day.month >= first:
            return day.year, code
    return day.year - 1, "WI"


def season_period(year: int, code: str) -> Period:
    return Period(Granularity.SEASON, date(year, SEASON_MONTHS[code], 1), season=code)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` (a datetime's own date stays that date)."""
    return datetime(day.year, day.month, day.day)


# The last moment Python's calendar holds: the end of a period that runs past
# 9999-12-31 ("12/31/9999", a placeholder for "never", or "the year 9999").
END_OF_CALENDAR = datetime.max


def interval_of(period: Period) -> Interval:
    """The half-open interval a period covers. A period that ends after the last day
    Python's calendar holds (9999-12-31) is cut at :data:`END_OF_CALENDAR`, one
    microsecond short of its true end: its value stays exact, and an interval ending at
    ``datetime.max`` is the flag of that fallback."""
    try:
        return _interval_of(period)
    except (OverflowError, ValueError):
        # only the end can overflow: the start lies on the period's first day
        start = start_of_day(period.first_day)
        if period.granularity not in (Granularity.PART_OF_DAY, Granularity.HOUR, Granularity.MINUTE, Granularity.SECOND):
            return Interval(start, END_OF_CALENDAR)
        start = start + timedelta(hours=period.hour or 0, minutes=period.minute or 0, seconds=period.second or 0)
        if period.granularity == Granularity.PART_OF_DAY:
            start = start_of_day(period.first_day) + timedelta(hours=PART_OF_DAY_HOURS.get(period.part_of_day or "", (0, 24))[0])
        return Interval(start, END_OF_CALENDAR)


def _interval_of(period: Period) -> Interval:
    g, first = period.granularity, period.first_day
    start = start_of_day(first)
    if g == Granularity.CENTURY:
        end = datetime(first.year + 100, 1, 1)
    elif g == Granularity.DECADE:
        end = datetime(first.year + 10, 1, 1)
    elif g == Granularity.YEAR:
        end = datetime(first.year + 1, 1, 1)
    elif g in (Granularity.HALF, Granularity.QUARTER, Granularity.SEASON, Granularity.MONTH):
        months = {Granularity.HALF: 6, Granularity.QUARTER: 3, Granularity.SEASON: 3, Granularity.MONTH: 1}[g]
        nxt = add_months(first, months)
        end = datetime(nxt.year, nxt.month, 1)
    elif g == Granularity.WEEK:
        end = start + timedelta(weeks=1)
    elif g == Granularity.DAY:
        end = start + timedelta(days=period.days or 1)
    elif g == Granularity.PART_OF_DAY:
        first_hour, length = PART_OF_DAY_HOURS.get(period.part_of_day or "", (0, 24))
        start = start + timedelta(hours=first_hour)
        end = start + timedelta(hours=length)
    else:
        start = start + timedelta(hours=period.hour or 0, minutes=period.minute or 0, seconds=period.second or 0)
        step = {Granularity.HOUR: timedelta(hours=1), Granularity.MINUTE: timedelta(minutes=1)}.get(
            g, timedelta(seconds=1)
        )
        end = start + step
    return Interval(start, end)


def narrow(interval: Interval, mod: Optional[str]) -> Interval:
    """The part of an interval a START/MID/END mod points at (a third of it)."""
    if mod not in ("START", "MID", "END"):
        return interval
    third = (interval.end - interval.start) / 3
    index = {"START": 0, "MID": 1, "END": 2}[mod]
    return Interval(interval.start + third * index, interval.start + third * (index + 1))


def week_of(interval: Interval, n: int) -> Interval:
    """The n-th seven days of an interval from its start ("the second week of March":
    March 8-14), or with n = -1 its last seven days ("the last week of June": June
    24-30)."""
    if n == -1:
        return Interval(max(interval.start, interval.end - timedelta(weeks=1)), interval.end)
    start = interval.start + timedelta(weeks=n - 1)
    if start >= interval.end:
        raise ValueError(f"no week {n} in {interval}")
    return Interval(start, min(start + timedelta(weeks=1), interval.end))


def timex_value(period: Period) -> str:
    """The TIMEX3 value of a period: 20, 202, 2023, 2023-H2, 2023-Q3, 2023-SU, 2023-07,
    2023-W30, 2023-07-26, 2023-07-26TMO, 2023-07-26T15:00, 2023-07-26T15:00:05."""
    g, d = period.granularity, period.first_day
    if g == Granularity.CENTURY:
        return f"{d.year // 100:02d}"
    if g == Granularity.DECADE:
        return f"{d.year // 10:03d}"
    if g == Granularity.YEAR:
        return f"{d.year:04d}"
    if g == Granularity.HALF:
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if g == Granularity.QUARTER:
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if g == Granularity.SEASON:
        return f"{d.year:04d}-{period.season}"
    if g == Granularity.MONTH:
        return f"{d.year:04d}-{d.month:02d}"
    if g == Granularity.WEEK:
        iso_year, iso_week, _ = d.isocalendar()
        return f"{iso_year:04d}-W{iso_week:02d}"
    day = d.isoformat()
    if g == Granularity.DAY:
        return day
    if g == Granularity.PART_OF_DAY:
        return f"{day}T{period.part_of_day}"
    clock = f"{day}T{period.hour or 0:02d}:{period.minute or 0:02d}"
    if g == Granularity.SECOND:
        clock += f":{period.second or 0:02d}"
    return clock


def period_value(period: Period, type_: str = "DATE", mod: Optional[str] = None) -> TimeValue:
    """The TimeValue of a period: its TIMEX3 value, grain and interval (narrowed by the
    mod, as :func:`narrow` does)."""
    return TimeValue(
        value=timex_value(period),
        type=type_,
        granularity=period.granularity,
        interval=narrow(interval_of(period), mod),
        mod=mod,
    )


def day_value(day: date) -> TimeValue:
    """A calendar day as a day-grain DATE TimeValue (the publication day, say)."""
    return period_value(Period(Granularity.DAY, day))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (n - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus (Meeus)."""
    golden = year % 19
    century, year_in_century = divmod(year, 100)
    leap_centuries, century_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (19 * golden + century - leap_centuries - (century - correction + 1) // 3 + 15) % 30
    leap_years, year_rest = divmod(year_in_century, 4)
    weekday = (32 + 2 * century_rest + 2 * leap_years - moon - year_rest) % 7
    shift_back = (golden + 11 * moon + 22 * weekday) // 451
    month, day = divmod(moon + weekday - 7 * shift_back + 114, 31)
    return date(year, month, day + 1)


_FIXED_HOLIDAY = re.compile(r"^\d\d-\d\d$")
# A rule and its optional day offset; N of an n-th weekday may itself be negative (-1:
# the last), so the offset is what follows a complete rule.
_HOLIDAY_RULE = re.compile(r"^(?P<base>easter|weekday:\d+:\d+:-?\d+)(?P<days>[+-]\d+)?$")


def holiday_date(rule: str, year: int) -> date:
    """The date of a holiday rule in a year: ``MM-DD`` (fixed), ``weekday:MONTH:WEEKDAY:N``
    (the N-th weekday of a month) or ``easter``, the last two optionally followed by a
    number of days (``weekday:11:1:1+1``: the Tuesday after the first Monday of
    November; ``easter-2``: Good Friday)."""
    if _FIXED_HOLIDAY.match(rule):
        month, day = rule.split("-")
        return date(year, int(month), int(day))
    match = _HOLIDAY_RULE.match(rule)
    if match is None:
        raise ValueError(f"holiday rule {rule!r}: expected MM-DD, weekday:MONTH:WEEKDAY:N or easter, then +D/-D days")
    base, days = match.group("base"), int(match.group("days") or 0)
    if base == "easter":
        return easter_sunday(year) + timedelta(days=days)
    _, month, weekday, n = base.split(":")
    return nth_weekday(year, int(month), int(weekday), int(n)) + timedelta(days=days)


__all__ = [
    "END_OF_CALENDAR", "PART_OF_DAY_HOURS", "Period", "SEASON_MONTHS", "SMALLER_UNIT", "UNIT_GRANULARITY",
    "add_months", "day_value", "days_in_month", "easter_sunday", "floor", "holiday_date", "interval_of", "narrow",
    "nth_weekday", "period_value", "season_of", "season_period", "shift", "start_of_day", "timex_value", "week_of"
]
