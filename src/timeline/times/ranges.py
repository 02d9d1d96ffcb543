"""Stage 3b: ranges: two time expressions that make one period ("from May to July",
"between 2019 and 2021", "2009-2010", "Monday through Friday"), and open ranges that
run up to the publication date ("since 2020").

TIMEX3 (and TempEval) tag each end as a time of its own, and so does the engine. This
stage adds to both ends ``TimeMention.range``: the whole period, a TimeValue whose
value is the ISO 8601 interval of the two TIMEX3 values (``2023-05/2023-07``), whose
interval runs from the start of the first end to the end of the second and whose
granularity is the coarser of the two. For "since 2020" the second end is the
publication day (``2020/2023-09-18``). Events dated by an end of a range take the range.

Linking also repairs the ends: a first end whose year came from the tense takes the
year of a second end that states it ("March 3 through March 9, 2024" -> 2024-03-03),
and an end the tense put on the wrong side of the other moves one cycle (a week for a
weekday, a year otherwise: "from Monday to Wednesday" in a past clause of a Monday's
article is the week before).

Compact ranges ("May 1-15", "2020-21", "2023/24", "Jan.-March") are two ends as well:
rules of ``resources/rules.toml`` read the second end ("15": 2024-05-15, "21": 2021)
from its own words and the first end's, and this stage joins them as any other pair.
Such a rule is marked ``only_in_range``: a match of it that joins no other end ("Flight
2019/20", where "2019" is no year) is no date and is dropped.

Which words join two times is data: ``resources/ranges.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Optional

import attrs

from .calendar import Period, day_value, floor, period_value, shift, start_of_day
from ..errors import ResourceError
from ..lexicon import rules
from ..model import Anchor, Granularity, Interval, TimeMention, TimeValue
from .normalize import duration_value
from ..tables import read_resource_rows

ANY_OPENER = "*"
# The connector of an open range in ranges.tsv: "since 2020" runs to the publication day.
TO_PUBLICATION = "<publication>"
# An underspecified end moves by one of these cycles (see repair_order); rules of
# resources/rules.toml checked to exist by weekday_rules().
_WEEKDAY_RULES = frozenset({"weekday", "weekday part of day"})
_MOVABLE_GRAINS = (Granularity.DAY, Granularity.MONTH)
_WORD_BEFORE = re.compile(r"(\w+)\W*$")

PublishedAt = Callable[[int], Optional[date]]
"""The publication date that applies at a character offset (None where none does)."""


@functools.lru_cache(maxsize=1)
def connectors() -> frozenset[tuple[str, str]]:
    """(opener, connector) pairs of ``resources/ranges.tsv``, lowercased."""
    return frozenset((opener.lower(), connector.lower()) for opener, connector in read_resource_rows("ranges.tsv", 2))


@functools.lru_cache(maxsize=1)
def open_range_openers() -> frozenset[str]:
    """Words that open a range running to the publication day ("since")."""
    return frozenset(opener for opener, connector in connectors() if connector == TO_PUBLICATION)


@functools.lru_cache(maxsize=1)
def weekday_rules() -> frozenset[str]:
    """Names of the rules that read a bare weekday (they move by weeks, not years); a
    name missing from the rule table is an error, not a silent yearly repair."""
    missing = _WEEKDAY_RULES - {rule.name for rule in rules()}
    if missing:
        raise ResourceError(f"ranges: rules {sorted(missing)} are not in resources/rules.toml")
    return _WEEKDAY_RULES


@functools.lru_cache(maxsize=1)
def only_in_range_rules() -> frozenset[str]:
    """Names of the rules whose matches are dates only as an end of a range."""
    return frozenset(rule.name for rule in rules() if rule.only_in_range)


def word_before(text: str, offset: int) -> str:
    """The word right before ``offset`` (lowercased; "" at the start)."""
    match = _WORD_BEFORE.search(text[max(0, offset - 40) : offset])
    return match.group(1).lower() if match else ""


def joins(text: str, first: TimeMention, second: TimeMention) -> bool:
    """True when the text makes ``first`` and ``second`` the ends of one range."""
    between = " ".join(text[first.end : second.start].split()).lower()
    if not between:
        return False
    opener = word_before(text, first.start)
    return (opener, between) in connectors() or (ANY_OPENER, between) in connectors()


def range_value(first: TimeValue, second: TimeValue) -> Optional[TimeValue]:
    """The range from ``first`` to ``second``, or None when they are not two calendar
    times in order."""
    if first.interval is None or second.interval is None:
        return None
    if first.interval.start >= second.interval.start and first.interval.end >= second.interval.end:
        return None  # the second end is not after the first: no range
    grains = [g for g in (first.granularity, second.granularity) if g is not None]
    kind = "TIME" if first.type == second.type == "TIME" else "DATE"
    return TimeValue(
        value=f"{first.value}/{second.value}",
        type=kind,
        granularity=min(grains) if grains else None,
        interval=Interval(first.interval.start, second.interval.end),
    )


def moved(when: TimeValue, unit: str, amount: int) -> Optional[TimeValue]:
    """A day or month value moved by ``amount`` days or years; None at other grains."""
    if when.start is None or when.granularity not in _MOVABLE_GRAINS or when.type != "DATE":
        return None
    grain = when.granularity
    return period_value(Period(grain, floor(shift(floor(when.start.date(), grain), unit, amount), grain)), mod=when.mod)


def _cycle(mention: TimeMention) -> tuple[str, int]:
    return ("day", 7) if mention.rule in weekday_rules() else ("year", 1)


@functools.lru_cache(maxsize=1)
def calendar_rules() -> frozenset[str]:
    """Names of the rules that read a calendar date (a month, a day, a season...)."""
    return frozenset(rule.name for rule in rules() if rule.kind == "calendar")


def _inferred(mention: TimeMention) -> bool:
    """True when the mention's value was completed from the tense (no year written), or
    in a narrative from the date last mentioned ("26 June - 4 August 1952" after
    "October 1951")."""
    if mention.anchor == Anchor.PREVIOUS_MENTION:
        return mention.rule in calendar_rules()
    return mention.anchor == Anchor.TENSE


def _first_after(start: datetime, when: TimeValue, unit: str, amount: int) -> TimeValue:
    """``when`` moved back by whole cycles while it stays at or after ``start``."""
    earlier = moved(when, unit, -amount)
    while earlier is not None and earlier.start is not None and earlier.start >= start:
        when, earlier = earlier, moved(earlier, unit, -amount)
    return when


def repair_order(first: TimeMention, second: TimeMention, published: Optional[date]) -> tuple[TimeValue, TimeValue]:
    """The two ends' values made consistent (rules in the module docstring)."""
    a, b = first.when, second.when
    if a.start is None or b.start is None:
        return a, b
    if _inferred(first) and not _inferred(second) and first.rule not in weekday_rules():
        shifted = moved(a, "year", b.start.year - a.start.year)
        if shifted is not None and shifted.start is not None and shifted.start > b.start:
            shifted = moved(shifted, "year", -1)
        a = shifted or a
    if a.start is None or b.start is None:
        return a, b
    if _inferred(second) and not b.start < a.start:
        # "from Jan. 1 to March 31": the second end is the first such day after the first
        # end, not one a cycle further that the tense of its own clause picked
        return a, _first_after(a.start, b, *_cycle(second))
    if not b.start < a.start:
        return a, b
    # One end is on the wrong side of the other: move one the tense placed. When both
    # were, the one on the publication day moves (the tense cannot place a weekday that
    # is today); else the first moves back (news tells of the past), unless the tense
    # put the first ahead and the range that moving the second forward makes is much
    # closer to the publication day, by the rule for one date (a future reading must be
    # twice as close): "the fair runs Aug. 28 to Sept. 8" in May is this summer's.
    on_publication_day = published is not None and b.start.date() == published
    if _inferred(second) and (not _inferred(first) or on_publication_day):
        unit, amount = _cycle(second)
        return a, moved(b, unit, amount) or b
    if _inferred(first):
        unit, amount = _cycle(first)
        back = moved(a, unit, -amount) or a
        if _inferred(second) and published is not None and a.start.date() > published:
            ahead = moved(b, *_cycle(second))
            if ahead is not None and 2 * _distance(a, ahead, published) < _distance(back, b, published):
                return a, ahead
        return back, b
    return a, b


def _distance(first: TimeValue, second: TimeValue, published: date) -> float:
    """Days from the publication day to the range from ``first`` to ``second`` (0 inside)."""
    assert first.start is not None and second.end is not None
    day = start_of_day(published)
    if first.start > day:
        return (first.start - day).total_seconds() / 86400
    if second.end <= day:
        return (day - second.end).total_seconds() / 86400
    return 0.0


def open_range(text: str, mention: TimeMention, published: Optional[date]) -> Optional[TimeValue]:
    """"since <time>": the range from the time to the publication day, when both are known."""
    if published is None or word_before(text, mention.start) not in open_range_openers():
        return None
    if mention.type not in ("DATE", "TIME") or mention.when.start is None:
        return None
    if mention.when.start >= start_of_day(published):
        return None
    return range_value(mention.when, day_value(published))


def link_ranges(text: str, mentions: Sequence[TimeMention], published_at: PublishedAt) -> list[TimeMention]:
    """``mentions`` (in text order) with ranges linked: both ends of a range get
    ``range`` (and repaired values), an open range's one end gets its range; a match
    of an ``only_in_range`` rule that ends no range is dropped.
    ``published_at(offset)`` is the publication date that applies at an offset."""
    result = list(mentions)
    position = 0
    while position < len(result):
        first = result[position]
        second = result[position + 1] if position + 1 < len(result) else None
        if second is not None and first.type in ("DATE", "TIME") and second.type in ("DATE", "TIME") and joins(text, first, second):
            a, b = repair_order(first, second, published_at(first.start))
            whole = range_value(a, b)
            if whole is not None:
                result[position] = attrs.evolve(first, when=a, range=whole)
                result[position + 1] = attrs.evolve(second, when=b, range=whole)
                position += 2
                continue
        whole = open_range(text, first, published_at(first.start))
        if whole is not None:
            result[position] = attrs.evolve(first, range=whole)
        position += 1
    lonely = only_in_range_rules()
    return [m for m in result if m.range is not None or m.rule not in lonely]


# The unit a range's length is counted in, by the grain of the range.
_LENGTH_UNIT = {
    Granularity.CENTURY: "year",
    Granularity.DECADE: "year",
    Granularity.YEAR: "year",
    Granularity.HALF: "month",
    Granularity.QUARTER: "quarter",
    Granularity.SEASON: "month",
    Granularity.MONTH: "month",
    Granularity.WEEK: "week",
    Granularity.DAY: "day",
    Granularity.PART_OF_DAY: "hour",
    Granularity.HOUR: "hour",
    Granularity.MINUTE: "minute",
    Granularity.SECOND: "second",
}
_SECONDS_IN = {"hour": 3600, "minute": 60, "second": 1}


def range_duration(whole: TimeValue) -> Optional[str]:
    """The TIMEX3 duration a range spans, counted in whole units of its grain, both ends
    included: "from May to July 2023" (2023-05/2023-07) is P3M, "between 2019 and 2021"
    P3Y, "since 2020" (to 2024-05-03) P4Y; clock times are points ("from 9 a.m. to 5
    p.m." is PT8H). None when the range has no interval."""
    if whole.interval is None or whole.granularity is None:
        return None
    start, end = whole.interval.start, whole.interval.end
    unit = _LENGTH_UNIT[whole.granularity]
    months = (end.year - start.year) * 12 + end.month - start.month
    if unit == "year":
        count = months // 12
    elif unit == "quarter":
        count = months // 3
    elif unit == "month":
        count = months
    elif unit in ("week", "day"):
        count = (end - start).days // (7 if unit == "week" else 1)
    elif whole.granularity == Granularity.PART_OF_DAY:
        count = int((end - start).total_seconds()) // _SECONDS_IN[unit]
    else:
        # clock times are points: "from 9 a.m. to 5 p.m." is PT8H, "9:30 to 5" PT7H30M
        seconds = int((end - start).total_seconds()) - _SECONDS_IN[unit]
        if seconds <= 0:
            return None
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        parts = [(hours, "H"), (minutes, "M"), (seconds, "S")]
        return "PT" + "".join(f"{n}{code}" for n, code in parts if n)
    return duration_value(unit, count) if count > 0 else None


__all__ = [
    "ANY_OPENER", "PublishedAt", "TO_PUBLICATION", "calendar_rules", "connectors", "joins", "link_ranges",
    "moved", "only_in_range_rules", "open_range", "open_range_openers", "range_duration", "range_value",
    "repair_order", "weekday_rules", "word_before"
]
