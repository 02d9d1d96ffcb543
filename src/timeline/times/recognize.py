"""Stage 2, temporal expressions: find them in text and read what they say.

Recognition is context-free: it runs the rule table over the text and turns each match
into a :class:`PartialTime`, the typed reading of the words alone ("October" -> month
10, year unknown; "last month" -> one month before the reference). Filling the unknown
parts from the context is the resolver's job (:mod:`timeline.times.normalize`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, Optional

import attrs
import regex

from .calendar import SMALLER_UNIT
from ..cues import CuePresence, StartIndex, scan
from ..lexicon import Rule, compiled, lexicons, rules

# Mods that narrow a calendar value vs. mods that qualify an amount.
CALENDAR_MODS = frozenset({"START", "MID", "END"})
AMOUNT_MODS = frozenset({"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_MORE", "EQUAL_OR_LESS"})


@attrs.frozen
class PartialTime:
    """What an expression says by itself; ``None`` marks a part the text leaves open."""

    kind: str
    type: str = "DATE"
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    weekday: Optional[int] = None
    season: Optional[str] = None
    quarter: Optional[int] = None
    half: Optional[int] = None
    decade: Optional[int] = None
    century: Optional[int] = None
    hour: Optional[int] = None
    minute: Optional[int] = None
    second: Optional[int] = None
    part_of_day: Optional[str] = None
    holiday: Optional[str] = None
    unit: Optional[str] = None
    offset: Optional[int] = None
    amount: Optional[float] = None  # durations and sets; None = unknown ("years" -> PXY)
    reference: Optional[str] = None
    mod: Optional[str] = None
    direction: Optional[int] = None  # explicit last (-1) / this (0) / next (+1)
    fallback_offset: Optional[int] = None  # anaphoric without an antecedent of its grain
    # The grain the value is written at when the words name none ("the 1988 period",
    # "the year-ago quarter": a quarter, taken from the quarter under report)
    grain: Optional[str] = None
    # "the fiscal first quarter": numbered in the company's fiscal year, so its place in
    # the calendar says nothing about which quarter is under report
    fiscal: bool = False
    # "the day before last Tuesday": days to move the date the rest of the words name
    shift_days: int = 0
    # "ten years ago today": (unit, amount) to move the day the rest names by, in
    # calendar units (a year back from January 8 is January 8)
    shift_units: Optional[tuple[str, int]] = None
    # "the summer of '69", "FY24": a year by its last two digits, completed by the resolver
    year2: Optional[int] = None
    # "the second Friday of April", "the last Monday of the month": (n, ISO weekday),
    # n = -1 for the last; the rest of the words name the month
    nth_weekday: Optional[tuple[int, int]] = None
    # "the first week of June", "the last week of the year": which seven days of the
    # month or year the rest names (1 to 4, -1 for the last seven)
    nth_week: Optional[int] = None
    # "the fourth quarter of the year": the year is the one "the year" names, that of the
    # previous mention when there is one (else the one the tense points to)
    year_of_antecedent: bool = False
    # Sets: TIMEX3 freq, the occurrences in each period ("twice a week": "2X"), and
    # quant, the quantifier ("every Monday": "EVERY")
    freq: Optional[str] = None
    quant: Optional[str] = None
    # "490 BC", "the 3rd century BCE": a year or century before the common era (TIMEX3
    # writes them BC0490, BC02); Python's calendar has no such years, so no interval
    bc: bool = False


# The field names of PartialTime, read once (``attrs.fields_dict`` builds a dict of all
# of them at each call, and it was asked once per slot of every match).
_PARTIAL_TIME_FIELDS = frozenset(attrs.fields_dict(PartialTime))


@attrs.frozen
class Candidate:
    """A rule match: where it is, which rule, and the partial value it reads."""

    start: int
    end: int
    text: str
    rule: Rule
    partial: PartialTime
    match_length: int = 0  # the whole match, which may be wider than the reported span

    @property
    def length(self) -> int:
        return max(self.end - self.start, self.match_length)


class SlotError(ValueError):
    """A match whose words do not make a valid value (e.g. hour 25); the match is dropped."""


def _lookup(lexicon: str, surface: str) -> tuple[str, ...]:
    row = lexicons()[lexicon].lookup(surface)
    if row is None:
        raise SlotError(f"{surface!r} not in lexicon {lexicon}")
    return row


def parse_amount(surface: str) -> Optional[float]:
    """'3' -> 3.0, 'two' -> 2.0, 'twenty-five' -> 25.0, 'two and a half' -> 2.5, 'X' -> None."""
    if surface == "X":
        return None
    and_a_half = regex.fullmatch(r"(.+?)[\s-]+and[\s-]+a[\s-]+half", surface, flags=regex.IGNORECASE)
    if and_a_half:  # "two and a half"
        whole = parse_amount(and_a_half.group(1))
        return None if whole is None else whole + 0.5
    try:
        return float(surface.replace(",", "") if regex.fullmatch(r"\d{1,3}(?:,\d{3})+", surface) else surface)
    except ValueError:
        pass
    whole_fraction = regex.fullmatch(r"(\d+)\s+(\d)/(\d)", surface)
    if whole_fraction:  # "2 1/2"
        whole, numerator, denominator = (int(x) for x in whole_fraction.groups())
        return whole + numerator / denominator
    folded = " ".join(surface.lower().replace("-", " ").split())
    entry = lexicons()["number"].lookup(folded)
    if entry is not None:
        return None if entry[0] == "X" else float(entry[0])
    total = 0.0
    for word in folded.split():
        row = lexicons()["number"].lookup(word)
        if row is None:
            raise SlotError(f"not a number: {surface!r}")
        total += float(row[0])
    return total


def parse_year_words(surface: str) -> int:
    """A year said in words: 'nineteen ninety-six' -> 1996, 'nineteen hundred' -> 1900,
    'two thousand and one' -> 2001. Words outside the numbers lexicon ('and') are links."""
    values = []
    for word in surface.lower().replace("-", " ").split():
        row = lexicons()["number"].lookup(word)
        if row is not None and row[0] != "X":
            values.append(int(float(row[0])))
    if 1000 in values:  # "two thousand and one": ordinary counting
        split = values.index(1000)
        return sum(values[:split]) * 1000 + sum(values[split + 1 :])
    if not values:
        raise SlotError(f"not a year: {surface!r}")
    rest = values[1:]
    if rest[:1] == [100]:  # "nineteen hundred (and five)"
        rest = rest[1:]
    return values[0] * 100 + sum(rest)  # "nineteen ninety-six": hundreds, then the rest


def _nth(surface: str) -> int:
    """1 for "first" or "1st", -1 for "last" (the day_edge lexicon's last_day)."""
    edge = lexicons()["day_edge"].lookup(surface)
    if edge is not None and edge[0] == "last_day":
        return -1
    return _ordinal(surface)


def _rank(surface: str, parts: int) -> int:
    """Which of ``parts`` equal parts a word names: "second" -> 2, "last" or "final" ->
    ``parts`` ("the final quarter" is the fourth, "the last half" the second)."""
    n = _nth(surface)
    return parts if n == -1 else n


# A week of a month or year named by its rank: the first to the fourth seven days
# ("the fifth week of March" would be a few days only: no such reading), or the last.
MAX_WEEK_RANK = 4


_NUMBERED_ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def _ordinal(surface: str) -> int:
    folded = surface.lower()
    if folded.isdigit():
        return int(folded)
    numbered = _NUMBERED_ORDINAL.match(folded)
    if numbered is not None and _lookup_or_none("ordinal", folded) is None:
        return int(numbered.group(1))  # "the 26th century BC", "the 99th day": past the table
    return int(_lookup("ordinal", folded)[0])


def _lookup_or_none(lexicon: str, surface: str) -> Optional[tuple[str, ...]]:
    return lexicons()[lexicon].lookup(surface)


def year_after(start: int, two_digits: int) -> int:
    """The second end of a two-year span written with its last two digits, completed
    from the first end: (2020, 21) -> 2021, (1939, 45) -> 1945, (1999, 0) -> 2000. The
    span stays in the first end's century, or runs to the year right after it ('99-00');
    anything else ((2008, 5): 2105) is no span (SlotError)."""
    century = start - start % 100
    if two_digits > start % 100:
        return century + two_digits
    if start % 100 == 99 and two_digits == 0:
        return century + 100
    raise SlotError(f"{two_digits:02d} does not end a span that starts in {start}")


def _decade_of_digit(digit: int) -> int:
    """A decade named by its digit alone: '90s -> 199, '00s and '10s -> 200 and 201."""
    return (200 if digit <= 1 else 190) + digit


# Units that count whole days from a day ("a week from Monday", "ten days from today").
_DAYS_IN_UNIT = {"day": 1, "week": 7, "fortnight": 14}


def _days_counted(amount_text: str, unit: str) -> int:
    """'a', 'week' -> 7; a unit of no fixed number of days or a fraction is no count."""
    amount = parse_amount(amount_text)
    if unit not in _DAYS_IN_UNIT or amount is None or amount != int(amount):
        raise SlotError(f"{amount_text} {unit} is no whole number of days")
    return int(amount) * _DAYS_IN_UNIT[unit]


def _whole_amount(amount_text: str) -> int:
    """'ten' -> 10; a fraction ("two and a half years ago today") is no count of units."""
    amount = parse_amount(amount_text)
    if amount is None or amount != int(amount):
        raise SlotError(f"{amount_text} is no whole number")
    return int(amount)


def _hour24(hour: int, ampm: Optional[str]) -> int:
    if ampm is None:
        return hour
    is_pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if is_pm else 0
    return hour + 12 if is_pm else hour


def read_slots(groups: dict[str, Optional[str]], fixed: dict[str, str]) -> dict[str, Any]:
    """Turn a match's named groups (and a rule's fixed slots) into PartialTime fields."""
    g = {k: v for k, v in groups.items() if v is not None}
    g.update({k: v for k, v in fixed.items() if k not in g})
    out: dict[str, Any] = {}
    if "year" in g:
        out["year"] = int(g["year"])
    if "yearwords" in g:
        out["year"] = parse_year_words(g["yearwords"])
    if "year2" in g:
        out["year2"] = int(g["year2"])
        if "start_year" in g:  # "2020-21": completed from the year the range starts
            out["year"] = year_after(int(g["start_year"]), out.pop("year2"))
    if "bc" in g:
        out["bc"] = True
    if "month" in g:
        out["month"] = int(_lookup("month", g["month"])[0])
    if "monthnum" in g:
        out["month"] = int(g["monthnum"])
    if "day" in g:
        out["day"] = int(g["day"])
        if "start_day" in g and out["day"] <= int(g["start_day"]):
            # "May 15-1" is no range of days: a score or a count
            raise SlotError(f"day {out['day']} does not follow day {g['start_day']}")
    if "weekday" in g:
        out["weekday"] = int(_lookup("weekday", g["weekday"])[0])
    if "season" in g:
        out["season"] = _lookup("season", g["season"])[0]
    if "quarter" in g:
        out["quarter"] = _rank(g["quarter"], 4)
    if "half" in g:
        out["half"] = _rank(g["half"], 2)
    if "decade" in g:
        out["decade"] = int(g["decade"])
        if out["decade"] % 10 == 0 and out["decade"] < 200:
            # "the 1800s", "the early 1900s": a century (the 2000s stay a decade)
            out["century"] = out.pop("decade") // 10
    if "decade2" in g:
        out["decade"] = _decade_of_digit(int(g["decade2"]))
    if "decadeword" in g:  # "the nineties": the digit from the decades lexicon
        out["decade"] = _decade_of_digit(int(_lookup("decade_word", g["decadeword"])[0]))
    if "century" in g:
        out["century"] = _ordinal(g["century"]) - 1  # the 21st century is TIMEX3 "20"
    if "clock" in g:
        hh, mm = _lookup("clock", g["clock"])[0].split(":")
        out["hour"], out["minute"] = int(hh), int(mm)
    if "hour" in g:
        out["hour"] = _hour24(int(g["hour"]), g.get("ampm"))
        out["minute"] = int(g.get("minute", "0"))
    if "second" in g:
        out["second"] = int(g["second"])
    if "pod" in g:
        out["part_of_day"] = _lookup("part_of_day", g["pod"])[0]
    if "holiday" in g:
        out["holiday"] = _lookup("holiday", g["holiday"])[0]
    if "unit" in g:
        out["unit"] = _lookup("unit", g["unit"])[0]
    if "frequency" in g:
        out["unit"] = _lookup("frequency", g["frequency"])[0]
    if "num" in g:
        out["amount"] = parse_amount(g["num"])
        if "andhalf" in g and out["amount"] is not None:
            out["amount"] += 0.5
    if "reference" in g:
        out["reference"] = _lookup("reference", g["reference"])[0]
    if "narrative_reference" in g:
        out["reference"] = _lookup("narrative_reference", g["narrative_reference"])[0]
    if "deictic" in g:
        row = _lookup("deictic", g["deictic"])
        out["unit"], out["offset"] = row[0], int(row[1])
        if len(row) > 2 and row[2]:
            out["part_of_day"] = row[2]
    if "dir" in g:
        word = g["dir"].strip()
        out["direction"] = int(_lookup("direction", word)[0]) if word else 0
    if "offset" in g:
        out["offset"] = int(g["offset"])
    if "fallback_offset" in g:
        out["fallback_offset"] = int(g["fallback_offset"])
    if "mod" in g:
        out["mod"] = g["mod"]
    if "grain" in g:
        out["grain"] = g["grain"]
    if g.get("fiscal"):
        out["fiscal"] = True
    if "edge" in g:  # "the last day of April": the day at that end of the period
        out["grain"] = _lookup("day_edge", g["edge"])[0]
    if "nth" in g:  # "the second Friday of April": which weekday of the month
        out["nth_weekday"] = (_nth(g["nth"]), int(_lookup("weekday", g["nthday"])[0]))
    if "nthweek" in g:  # "the first week of June": which seven days of the period
        out["nth_week"] = _nth(g["nthweek"])
        if not (out["nth_week"] == -1 or 1 <= out["nth_week"] <= MAX_WEEK_RANK):
            raise SlotError(f"no week {g['nthweek']!r} of a month")
    if "theyear" in g:
        out["year_of_antecedent"] = True
    if "shift" in g:
        out["shift_days"] = -1 if g["shift"].lower() == "before" else 1
    if "from_num" in g:  # "a week from Monday": days after the day the rest names
        out["shift_days"] = _days_counted(g["from_num"], _lookup("unit", g["from_unit"])[0])
    if "back_num" in g:  # "ten years ago today": that many units before the day named
        out["shift_units"] = (_lookup("unit", g["back_unit"])[0], -_whole_amount(g["back_num"]))
    if "freq" in g:  # a fixed freq: "daily" is once a day, "1X"
        out["freq"] = g["freq"]
    if "times" in g:  # "twice a week", "three times a year": "2X", "3X"
        out["freq"] = _times_freq(g["times"])
    if "quant" in g:  # "every", "each", "every other": the lexicon's TIMEX3 quant
        out["quant"] = _lookup("quantifier", g["quant"])[0]
    return out


def _times_freq(surface: str) -> str:
    """TIMEX3 freq of a count of occurrences: 'twice' -> '2X' (the times_count lexicon),
    'three times' -> '3X'. A count that is no whole number ('two and a half times') or
    no number at all ('several times') makes no freq (SlotError)."""
    row = lexicons()["times_count"].lookup(surface)
    if row is not None:
        count: Optional[float] = float(row[0])
    else:
        words = surface.split()
        count = parse_amount(" ".join(words[:-1])) if len(words) > 1 else None
    if count is None or count != int(count) or count < 1:
        raise SlotError(f"no whole count of times in {surface!r}")
    return f"{int(count)}X"


def _default_type(kind: str, slots: dict[str, Any]) -> str:
    if kind == "duration" or kind == "event_relative":
        return "DURATION"
    if kind == "set":
        return "SET"
    if slots.get("hour") is not None or slots.get("part_of_day") is not None:
        return "TIME"  # a time of day, clock or part of the day ("this morning": TMO)
    return "DATE"


def build_partial(rule: Rule, groups: dict[str, Optional[str]]) -> PartialTime:
    """The PartialTime a rule's match stands for (raises SlotError when it is invalid)."""
    slots = read_slots(groups, rule.slots)
    kind = rule.kind
    if kind in ("relative", "anaphoric") and "amount" in slots and slots["amount"] is None:
        # "several years ago": no date can be computed, only its side of the present
        past = slots.get("direction", -1) < 0
        # "a few days later" counts from the previous mention, not from now: the
        # resolver reads its side of now from the tense (kept as its direction)
        direction = slots.get("direction") if kind == "anaphoric" else None
        return PartialTime(kind="reference", reference="PAST_REF" if past else "FUTURE_REF", direction=direction)
    if kind in ("relative", "anaphoric") and slots.get("amount") and slots.get("unit") in ("decade", "century"):
        # "a decade ago" is a year ten years back, not a decade; "a decade later" after
        # "1996" is 2006 (after "the 1990s" it stays a decade: the antecedent's grain)
        slots["amount"] *= 10 if slots["unit"] == "decade" else 100
        slots["unit"] = "year"
    if kind in ("relative", "anaphoric") and "offset" not in slots:
        direction = slots.get("direction", 0)
        amount = slots.get("amount")
        steps = 1 if amount is None else amount
        if steps != int(steps) and slots.get("unit") in SMALLER_UNIT:
            # "two and a half years ago": 30 months ago, a month
            smaller, count = SMALLER_UNIT[slots["unit"]]
            steps, slots["unit"] = steps * count, smaller
        if steps != int(steps):
            raise SlotError(f"fractional offset {steps}")
        slots["offset"] = int(direction * steps)
    if kind == "event_relative":
        slots.setdefault("offset", int(slots.get("direction", 1)))
    type_ = rule.type or _default_type(kind, slots)
    fields = {k: v for k, v in slots.items() if k in _PARTIAL_TIME_FIELDS}
    return PartialTime(kind=kind, type=type_, **fields)


def find_candidates(text: str, rule_table: Optional[Sequence[Rule]] = None) -> list[Candidate]:
    """Every match of every rule (overlapping); invalid readings are dropped."""
    found = []
    index = StartIndex(text)
    presence = CuePresence(text, index.words)
    for rule in rule_table if rule_table is not None else rules():
        if not presence.satisfies(rule.needs):
            continue  # the text lacks a string every match of the rule holds
        if rule.cue is not None and rule.cue.search(text) is None:
            continue
        words = rule.first_words
        if words is not None:
            if not index.word_positions(words, rule.second_words):
                continue  # no word a match may start with: the rule is not even compiled
        elif rule.starts is not None and not index.positions(rule.starts):
            continue  # no word where a match may start: the rule is not even compiled
        pattern = compiled(rule.pattern)
        for match in scan(pattern, text, rule.starts, index, words, rule.second_words):
            span_group = "t" if "t" in pattern.groupindex and match.group("t") else 0
            start, end = match.span(span_group)
            groups = {name: match.group(name) for name in pattern.groupindex if name != "t"}
            try:
                partial = build_partial(rule, groups)
            except SlotError:
                continue
            found.append(Candidate(start, end, text[start:end], rule, partial, match.end() - match.start()))
    return found


def select_non_overlapping(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Keep the longest matches (then the higher priority, then the earliest), no overlaps.

    The matches taken so far are kept sorted by start (they are disjoint, so by end
    too): whether a new one overlaps any is one bisection, not a comparison with each
    (25,000 "May"s took 31 s)."""
    ranked = sorted(candidates, key=lambda c: (-c.length, -c.rule.priority, c.start, c.rule.name))
    starts: list[int] = []
    taken: list[Candidate] = []
    for candidate in ranked:
        # the taken match starting last before this one ends is the only one that can
        # reach into it: those before it end before it starts
        place = bisect.bisect_left(starts, candidate.end)
        if place and taken[place - 1].end > candidate.start and candidate.end > taken[place - 1].start:
            continue
        if place < len(taken) and taken[place].start < candidate.end:
            continue  # only an empty match can start where the next taken one does
        starts.insert(place, candidate.start)
        taken.insert(place, candidate)
    return taken


# The mod column of lexicon/modifiers.tsv for words that join the span without a mod.
SPAN_ONLY = "-"


@functools.lru_cache(maxsize=1)
def _modifier_pattern() -> Any:
    body = lexicons()["mod"].alternation(any_space=True)
    return regex.compile(rf"(?<![\w])(?P<the>(?i:the)\s+)?(?P<mod>{body})(?:\s+|(?<=-))$")


def extend_with_modifier(text: str, candidate: Candidate) -> Candidate:
    """Take a modifier just before the expression into it ("early 2023", "mid-September",
    "about three years") and set its TIMEX3 mod."""
    window = text[max(0, candidate.start - 40) : candidate.start]
    match = _modifier_pattern().search(window)
    if not match:
        return candidate
    mod = lexicons()["mod"].lookup(match.group("mod"))
    if mod is None:
        return candidate
    code, place = mod[0], mod[1] if len(mod) > 1 else "inside"
    kind = candidate.partial.kind
    if code == SPAN_ONLY:
        # "later in the week": the words belong to the expression, no mod fits them
        if kind not in ("relative", "anaphoric", "deictic") or candidate.partial.mod is not None:
            return candidate
        start = candidate.start - (len(window) - match.start("mod"))
        return attrs.evolve(candidate, start=start, text=text[start : candidate.end])
    counted = kind in ("duration", "event_relative", "ahead") or (kind == "relative" and candidate.partial.amount is not None)
    fits = (
        (code in AMOUNT_MODS and counted)  # "nearly two years (ago)", "up to 180 days"
        or (code in CALENDAR_MODS and kind in ("calendar", "relative", "anaphoric", "deictic"))  # "late yesterday"
        or (code == "APPROX" and kind in ("calendar", "relative", "anaphoric"))  # "around Nov. 1"
    )
    if code == "APPROX" and not counted and regex.match(r"['’]s\b", text[candidate.end : candidate.end + 3]):
        fits = False  # "get around Wednesday's ruling": the word goes with the verb
    if code in AMOUNT_MODS and candidate.text[:4].lower() == "the ":
        fits = False  # "over the past two months": "over" is the preposition here
    if not fits or candidate.partial.mod is not None:
        return candidate
    partial = attrs.evolve(candidate.partial, mod=code)
    if place == "outside":
        return attrs.evolve(candidate, partial=partial)
    # "the late 1970s": the article goes with the modifier, but only for calendar mods
    first = match.start("the") if match.group("the") and code in CALENDAR_MODS else match.start("mod")
    start = candidate.start - (len(window) - first)
    return attrs.evolve(
        candidate,
        start=start,
        text=text[start : candidate.end],
        partial=partial,
    )


__all__ = [
    "AMOUNT_MODS", "CALENDAR_MODS", "Candidate", "MAX_WEEK_RANK", "PartialTime", "SPAN_ONLY", "SlotError",
    "build_partial", "extend_with_modifier", "find_candidates", "parse_amount", "parse_year_words", "read_slots",
    "select_non_overlapping", "year_after"
]
