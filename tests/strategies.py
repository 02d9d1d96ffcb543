"""Hypothesis strategies for the data model, shared by the tests.

Two families: *arbitrary* values (any field combination the model allows, for the
serialization round trip) and *atoms* for merging: one-mention events drawn from a few
event templates that share no content words, so that two atoms are either clearly the
same event or clearly different ones, and dates drawn from a small pool so that equal,
nested, adjacent and distant dates all occur.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from hypothesis import strategies as st

from timeline.model import (
    Anchor,
    Conflict,
    Event,
    Granularity,
    Interval,
    Mention,
    PublicationDate,
    Timeline,
    TimeMention,
    TimeValue,
)

DOC_IDS = ("a", "b", "c", "d")


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1, day=1)


def calendar_value(grain: Granularity, year: int, index: int = 1, day: int = 1) -> TimeValue:
    """A TimeValue with the value, granularity and interval a normalizer gives:
    ``index`` is the month, ISO week or quarter number, ``day`` the day of the month."""
    if grain == Granularity.YEAR:
        start = datetime(year, 1, 1)
        return TimeValue(f"{year:04d}", "DATE", grain, Interval(start, _add_months(start, 12)))
    if grain == Granularity.QUARTER:
        start = datetime(year, 3 * (index - 1) + 1, 1)
        return TimeValue(f"{year:04d}-Q{index}", "DATE", grain, Interval(start, _add_months(start, 3)))
    if grain == Granularity.MONTH:
        start = datetime(year, index, 1)
        return TimeValue(f"{year:04d}-{index:02d}", "DATE", grain, Interval(start, _add_months(start, 1)))
    if grain == Granularity.WEEK:
        start = datetime.combine(date.fromisocalendar(year, index, 1), datetime.min.time())
        return TimeValue(f"{year:04d}-W{index:02d}", "DATE", grain, Interval(start, start + timedelta(weeks=1)))
    if grain == Granularity.DAY:
        start = datetime(year, index, day)
        return TimeValue(start.date().isoformat(), "DATE", grain, Interval(start, start + timedelta(days=1)))
    raise ValueError(f"no calendar_value for {grain}")


@st.composite
def calendar_values(draw: st.DrawFn, years: tuple[int, int] = (2019, 2025)) -> TimeValue:
    """Year, quarter, month, ISO week or day values with consistent intervals."""
    grain = draw(st.sampled_from([Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH,
                                  Granularity.WEEK, Granularity.DAY]))
    year = draw(st.integers(*years))
    if grain == Granularity.QUARTER:
        return calendar_value(grain, year, draw(st.integers(1, 4)))
    if grain == Granularity.WEEK:
        return calendar_value(grain, year, draw(st.integers(1, 52)))
    if grain == Granularity.DAY:
        return calendar_value(grain, year, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    return calendar_value(grain, year, draw(st.integers(1, 12)))


# A small pool of dates: nested (2023 > 2023-07 > 2023-07-26), adjacent (June/July),
# within the conflict window and far apart, so that every merge rule gets exercised.
DATE_POOL: tuple[TimeValue, ...] = (
    calendar_value(Granularity.YEAR, 2023),
    calendar_value(Granularity.MONTH, 2023, 6),
    calendar_value(Granularity.MONTH, 2023, 7),
    calendar_value(Granularity.DAY, 2023, 6, 30),
    calendar_value(Granularity.DAY, 2023, 7, 1),
    calendar_value(Granularity.DAY, 2023, 7, 26),
    calendar_value(Granularity.DAY, 2023, 7, 27),
    calendar_value(Granularity.WEEK, 2023, 30),
    calendar_value(Granularity.DAY, 2023, 9, 10),
    calendar_value(Granularity.DAY, 2024, 1, 5),
)

# Event templates: (trigger, trigger text, summary, participants). No two templates share
# a trigger, a participant word or a summary content word.
TEMPLATES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("sign", "signed", "Niger and Russia signed a defence pact", ("Niger", "Russia")),
    ("withdraw", "withdrew", "American troops withdrew from the Niamey air base", ("American troops",)),
    ("elect", "elected", "Parliament elected a new speaker", ()),
    ("protest", "protested", "Thousands protested against fuel prices in Lagos", ("Lagos",)),
)


@st.composite
def atom_specs(draw: st.DrawFn) -> tuple[int, str, TimeValue, bool, bool, bool]:
    """What varies between atoms: template, document, date and flags."""
    return (
        draw(st.integers(0, len(TEMPLATES) - 1)),
        draw(st.sampled_from(DOC_IDS)),
        draw(st.sampled_from(DATE_POOL)),
        draw(st.booleans()),
        draw(st.booleans()),
        draw(st.booleans()),
    )


def atom(index: int, template: int, doc_id: str, when: TimeValue, negated: bool = False,
         planned: bool = False, hypothetical: bool = False) -> Event:
    """A one-mention event as the per-document stage produces it; ``index`` makes its
    spans unique."""
    trigger, trigger_text, summary, participants = TEMPLATES[template]
    start = 100 * index
    mention = Mention(
        doc_id=doc_id,
        sentence=f"{summary} on {when.value}.",
        trigger_span=(start + 5, start + 5 + len(trigger_text)),
        event_span=(start, start + len(summary)),
        time_span=(start + len(summary) + 4, start + len(summary) + 4 + len(when.value)),
        time_text=when.value,
        trigger_text=trigger_text,
        sentence_span=(start, start + len(summary) + 5 + len(when.value)),
        planned=planned,
    )
    return Event(when=when, summary=summary, trigger=trigger, participants=participants,
                 mentions=(mention,), negated=negated, planned=planned, hypothetical=hypothetical)


@st.composite
def atom_lists(draw: st.DrawFn, min_size: int = 0, max_size: int = 12) -> list[Event]:
    """Lists of atoms with distinct mention spans."""
    specs = draw(st.lists(atom_specs(), min_size=min_size, max_size=max_size))
    return [atom(i, *spec) for i, spec in enumerate(specs)]


# --------------------------------------------------------------------------- arbitrary

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)).map(lambda t: (min(t), max(t)))
_timezones = st.one_of(st.none(), st.just(timezone.utc), st.just(timezone(timedelta(hours=5, minutes=30))))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    """Arbitrary non-empty intervals, naive or aware (same zone at both ends)."""
    tz = draw(_timezones)
    start = draw(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9998, 1, 1), timezones=st.just(tz) if tz else st.none()))
    length = draw(st.timedeltas(min_value=timedelta(microseconds=1), max_value=timedelta(days=800)))
    return Interval(start, start + length)


@st.composite
def time_values(draw: st.DrawFn) -> TimeValue:
    """Any TimeValue: calendar ones, odd intervals, durations without interval."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(calendar_values())
    if choice == 1:
        return TimeValue(
            value=draw(_text),
            type=draw(st.sampled_from(["DATE", "TIME"])),
            granularity=draw(st.none() | st.sampled_from(list(Granularity))),
            interval=draw(intervals()),
            mod=draw(st.none() | st.sampled_from(["START", "MID", "END", "APPROX", "BEFORE"])),
        )
    if draw(st.booleans()):
        return TimeValue(value=f"P{draw(st.integers(1, 99))}D", type="DURATION")
    # a set, with or without TIMEX3 freq and quant
    return TimeValue(
        value=draw(st.sampled_from(["P1W", "P1D", "XXXX-WXX-1", "XXXX-07"])),
        type="SET",
        freq=draw(st.none() | st.sampled_from(["1X", "2X", "12X"])),
        quant=draw(st.none() | st.sampled_from(["EVERY", "EACH", "EVERY OTHER"])),
    )


@st.composite
def time_mentions(draw: st.DrawFn) -> TimeMention:
    """Arbitrary temporal expressions (optional fields sometimes None; text, offsets,
    value and range need not agree with each other)."""
    start, end = draw(_span)
    return TimeMention(
        text=draw(_text),
        start=start,
        end=end,
        when=draw(time_values()),
        anchor=draw(st.sampled_from(list(Anchor))),
        resolved=draw(st.booleans()),
        rule=draw(_text),
        anchor_value=draw(st.none() | _text),
        sentence_index=draw(st.none() | st.integers(0, 1000)),
        range=draw(st.none() | time_values()),
    )


@st.composite
def mentions(draw: st.DrawFn, doc_ids: st.SearchStrategy[str] = st.sampled_from(DOC_IDS)) -> Mention:
    """Arbitrary mentions (optional fields sometimes None)."""
    return Mention(
        doc_id=draw(doc_ids),
        sentence=draw(_text),
        trigger_span=draw(_span),
        event_span=draw(_span),
        time_span=draw(st.none() | _span),
        time_text=draw(st.none() | _text),
        trigger_text=draw(_text),
        sentence_span=draw(st.none() | _span),
        time_value=draw(st.none() | _text),
        planned=draw(st.booleans()),
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    """Arbitrary events (not necessarily as a merge would produce them)."""
    return Event(
        when=draw(time_values()),
        summary=draw(_text),
        trigger=draw(_text),
        participants=tuple(draw(st.lists(_text, max_size=3))),
        mentions=tuple(draw(st.lists(mentions(), max_size=3))),
        conflicts=tuple(
            draw(st.lists(st.builds(Conflict, value=_text, doc_ids=st.lists(_text, max_size=2).map(tuple)), max_size=2))
        ),
        negated=draw(st.booleans()),
        planned=draw(st.booleans()),
        hypothetical=draw(st.booleans()),
        id=draw(_text),
    )


@st.composite
def publication_dates(draw: st.DrawFn) -> PublicationDate:
    """A document's publication date as used: a date or datetime (naive or aware) given
    or from the dateline, or none."""
    source = draw(st.sampled_from(["given", "dateline", "none"]))
    if source == "none":
        return PublicationDate(draw(_text), None, "none")
    published: date = draw(
        st.dates(date(1900, 1, 1), date(2100, 12, 31))
        | st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31), timezones=_timezones)
    )
    return PublicationDate(draw(_text), published, source)


def timelines(max_events: int = 5) -> st.SearchStrategy[Timeline]:
    """Arbitrary timelines (events in any order, for serialization)."""
    return st.builds(
        Timeline,
        events=st.lists(events(), max_size=max_events).map(tuple),
        documents=st.lists(_text, max_size=3, unique=True).map(tuple),
        publication_dates=st.lists(publication_dates(), max_size=3).map(tuple),
    )



# Publication dates written as feeds, pages and tables give them: strftime patterns with
# a named month (English under Python's default "C" time locale). Years from 1000: %Y
# does not pad a smaller year to four digits on every platform.
NAMED_MONTH_PATTERNS = ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%A, %B %d, %Y", "%a, %d %b %Y", "%d-%b-%Y", "%A %d %B %Y")


@st.composite
def written_dates(draw: st.DrawFn) -> tuple[date, str]:
    """A date and the date written out by one of NAMED_MONTH_PATTERNS."""
    day = draw(st.dates(date(1000, 1, 1), date(9998, 12, 31)))
    return day, day.strftime(draw(st.sampled_from(NAMED_MONTH_PATTERNS)))
