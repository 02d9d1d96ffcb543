"""Stage 2+3 entry points: find temporal expressions in documents and normalize them.

``find_times`` is the public call; ``find_times_in_parsed`` is the pure per-document
function (a Document and its spaCy parse in, TimeMentions out) that batch callers use.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, Optional, Union

import attrs
import regex as re
from spacy.language import Language
from spacy.tokens import Doc

from ..documents import DateLike, Document, as_document
from ..errors import DocumentTypeError, InvalidOptionError
from .calendar import UNIT_GRANULARITY, Period, period_value, shift
from ..documents.dateline import infer_published
from ..lexicon import rules
from ..model import Anchor, Granularity, TimeMention, TimeValue
from ..nlp import check_parsed, parse_texts, reads_parse, sentence_chars
from .normalize import PAST, Context, InvalidValue, Resolution, before_common_era, is_reported_quarter, resolve
from .ranges import link_ranges
from .recognize import Candidate, extend_with_modifier, find_candidates, select_non_overlapping
from ..documents.sections import reference_date, related_block
from .syntax import clause_tense, dates_past_event, dates_report, date_name_spans, deadline_orientation, in_date_name, in_url_or_id, passes_guard, url_or_id_spans
from ..tables import read_resource_rows

# Periods a report covers that are longer than a quarter ("for the nine months, net rose
# ... from a year earlier"): comparisons after them are with that part of the year, which
# has no TIMEX3 value of its own, so they are written at the year.
REPORTED_SPANS = frozenset({"P6M", "P9M", "P2Q", "P3Q"})


# How a document places the dates it leaves open: "news" reads them from the publication
# date first (the news policy of normalize.py), "narrative" from the running reference
# time of the text (the date the story is at), "auto" picks narrative when the document
# has no publication date (given or in a dateline), else news.
STYLES = ("auto", "news", "narrative")
NEWS, NARRATIVE = "news", "narrative"


def check_style(style: object) -> str:
    """``style`` itself when it is one of :data:`STYLES`; else InvalidOptionError naming it."""
    if not isinstance(style, str) or style not in STYLES:
        raise InvalidOptionError(f"style must be one of {STYLES}, got {style!r}")
    return style


def document_style(document: Document, style: str) -> str:
    """The style a document is read in: the caller's, or for "auto" narrative when the
    document has no publication date, else news."""
    if style == "auto":
        return NEWS if document.published is not None else NARRATIVE
    return style


def recognize_in_text(text: str, parsed: Optional[Doc], style: str = NEWS) -> list[Candidate]:
    """Candidate expressions of a text: rule matches that pass their guards and are no
    part of a URL, an id or a name ("The Sunday Times"), without overlaps, widened by a
    preceding modifier. Rules of the narrative style (``style`` in rules.toml) apply
    only when ``style`` is "narrative"."""
    names = date_name_spans(text)
    marked = url_or_id_spans(text)
    # The rules of another style are not scanned at all (their matches were found and
    # then dropped here: the 14 narrative rules in every news text): the same
    # candidates, in the same order, without the rules' prefilters, scans and
    # compiling.
    table = [rule for rule in rules() if rule.style is None or rule.style == style]
    kept = [
        c
        for c in find_candidates(text, table)
        if not in_url_or_id(text, marked, c.start, c.end)
        and not in_date_name(names, c.start, c.end)
        and passes_guard(c.rule.guard, parsed, c.start, c.end)
    ]
    # a modifier may reach over a neighbour ("the last week of March" over "the last
    # week"): the longer reading wins again
    return select_non_overlapping(extend_with_modifier(text, c) for c in select_non_overlapping(kept))


def _sentence_starts(parsed: Optional[Doc]) -> list[int]:
    if parsed is None or not (parsed.has_annotation("SENT_START") or parsed.has_annotation("DEP")):
        return []
    return [start for start, _ in sentence_chars(parsed)]


def _sentence_index(starts: list[int], offset: int) -> Optional[int]:
    if not starts:
        return None
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


@functools.lru_cache(maxsize=1)
def _period_end_cues() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_resource_rows("period_end_cues.tsv", 2))


def closes_previous_period(text: str, previous: Optional[TimeMention], start: int, value: TimeValue) -> bool:
    """True for the day that closes the period just mentioned ("the quarter ended
    [Sept. 29]"): it says where that period ends and is no new topic."""
    if previous is None or previous.granularity not in (Granularity.QUARTER, Granularity.HALF, Granularity.YEAR):
        return False
    if value.granularity is None or value.granularity <= previous.granularity:
        return False
    between = " ".join(text[previous.end : start].split()).lower()
    return between in _period_end_cues()


def _span_year(mention: TimeMention, reported: Optional[TimeValue], published: Optional[date]) -> Optional[TimeValue]:
    """The year a reported span ("the nine months") lies in, as the antecedent for the
    comparisons after it; None for any other mention."""
    if mention.type != "DURATION" or mention.value not in REPORTED_SPANS or not mention.text.lower().startswith("the "):
        return None
    if reported is not None and reported.interval is not None:
        year = reported.interval.start.year
    elif published is not None:
        year = published.year
    else:
        return None
    return period_value(Period(Granularity.YEAR, date(year, 1, 1)))


@functools.lru_cache(maxsize=1)
def _coordinators() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_resource_rows("coordinators.tsv", 1))


def _yearless_month(candidate: Candidate) -> bool:
    """A month or season named without its year, day or direction ("in June")."""
    p = candidate.partial
    named = p.month is not None or p.season is not None
    return named and p.kind == "calendar" and p.year is None and p.year2 is None and p.day is None and p.weekday is None and p.holiday is None and p.direction is None


def _month_of_year(candidate: Candidate) -> bool:
    """A month or season with its year and nothing more ("September 1914", "summer of
    1979"): it closes a list of yearless ones ("August and September 1914")."""
    p = candidate.partial
    named = p.month is not None or p.season is not None
    return named and p.kind == "calendar" and p.year is not None and not p.bc and p.day is None and p.weekday is None and p.holiday is None


# Words between two months of a range ("from May to September 1848"): a yearless first
# end takes the year the second states, as a list's members do.
RANGE_JOINERS = frozenset({"to", "through", "until", "till", "-", "–"})


def _listed(text: str, member: Candidate, following: Candidate) -> bool:
    """True when ``following`` continues the list (or range) of yearless months that
    ``member`` is in: another yearless month after a coordinator, or a month with its
    year after a coordinator or a range word ("May to September 1848")."""
    between = " ".join(text[member.end : following.start].split()).lower()
    if _yearless_month(following):
        return between in _coordinators()
    return _month_of_year(following) and (between in _coordinators() or between in RANGE_JOINERS)


def coordinated_lists(text: str, candidates: list[Candidate]) -> dict[int, int]:
    """For each yearless month listed before others ("[May] and June", "[March],
    [April] and May", "[August] and September 1914"), the index of the list's last one:
    a list of months is read in calendar order, so the year the last one takes by the
    tense, or states, decides the others'."""
    last_of: dict[int, int] = {}
    first = 0
    while first < len(candidates):
        last = first
        while (
            last + 1 < len(candidates)
            and _yearless_month(candidates[last])
            and _listed(text, candidates[last], candidates[last + 1])
        ):
            last += 1
        last_of.update((member, last) for member in range(first, last))
        first = last + 1
    return last_of


def _before_list_end(context: Context, list_end: Resolution) -> Context:
    """The context of a month listed before ``list_end`` (the resolution of the list's
    last month): it is the latest such month up to that one, whatever the tense."""
    if list_end.anchor not in (Anchor.TENSE, Anchor.ABSOLUTE) or list_end.value.interval is None:
        return context
    last_day = (list_end.value.interval.end - timedelta(days=1)).date()
    return attrs.evolve(context, published=last_day, tense=PAST, past_event=False, narrative=False)


def _counts_in_coarse_units(candidate: Candidate) -> bool:
    """An anaphor counted in months or longer units ("the previous quarter", "a year
    earlier")."""
    unit = candidate.partial.unit
    return candidate.partial.kind == "anaphoric" and unit is not None and UNIT_GRANULARITY[unit] <= Granularity.MONTH


@attrs.define
class Discourse:
    """What the text has said so far that later expressions are resolved against."""

    previous: Optional[TimeValue] = None  # the antecedent of anaphors ("the next day")
    previous_mention: Optional[TimeMention] = None
    reported: Optional[TimeValue] = None  # the quarter under report (see Context.reported)
    # The last antecedent that is not the day of a report ("data showed on Friday"):
    # anaphors in months or longer ("the previous quarter") count from it.
    topic: Optional[TimeValue] = None
    previous_is_report: bool = False

    def antecedent_for(self, candidate: Candidate) -> Optional[TimeValue]:
        if self.previous_is_report and self.topic is not None and _counts_in_coarse_units(candidate):
            return self.topic
        return self.previous

    def record(self, mention: TimeMention, antecedent: bool, text: str, parsed: Optional[Doc], published: Optional[date]) -> None:
        """Take in a new mention; ``antecedent`` is False for comparisons, which later
        anaphors skip over."""
        span_year = _span_year(mention, self.reported, published)
        if span_year is not None:
            self.previous = self.topic = span_year
            self.previous_is_report = False
            return
        bc = before_common_era(mention.when)  # "218 BC": no interval, still the story's time
        if (mention.interval is None and not bc) or mention.type not in ("DATE", "TIME") or not antecedent:
            return
        if closes_previous_period(text, self.previous_mention, mention.start, mention.when):
            return
        self.previous, self.previous_mention = mention.when, mention
        self.previous_is_report = parsed is not None and dates_report(parsed, mention.start, mention.end)
        if not self.previous_is_report:
            self.topic = mention.when
        if is_reported_quarter(mention.when, published, completed=True):
            self.reported = mention.when


# What may stand between a date and an event-anchored time that restates it ("On 27
# June 1950, two days after the KPA invaded"; "in July 1979, six months before ...").
_APPOSITION = frozenset({",", "—", "–", "-", "(", ", ("})


def _dated_by_apposition(text: str, previous: Optional[TimeMention], start: int, resolution: Resolution) -> Resolution:
    """An event-anchored time set beside the date it restates ("On 27 June 1950, [two
    days] after the KPA invaded") is that date: a DATE, still anchored on the event
    (``anchor_value`` after/before), so the event stage keeps the relation. Other
    event-anchored times keep their length (the event stage dates them)."""
    if previous is None or previous.type != "DATE" or previous.interval is None:
        return resolution
    between = " ".join(text[previous.end : start].split())
    if between not in _APPOSITION:
        return resolution
    return attrs.evolve(resolution, value=attrs.evolve(previous.when, mod=None), antecedent=False)


# The units an event-anchored step counts from a dated day to a day
_DAY_STEPS = frozenset({"day", "week", "fortnight", "month", "year"})


def _dated_from_running_time(candidate: Candidate, context: Context, resolution: Resolution) -> Resolution:
    """In a narrative, an event-anchored time ("Ten days after the battle began", "One
    month after Dien Bien Phu") is a date counted from the running reference time, the
    date last mentioned: the story tells its events in order, so the other event is
    most often the one just dated. A DATE, still anchored on the event (``anchor_value``
    after/before) for the event stage; with no date before it, or a count that is no
    whole number, it keeps its length."""
    p = candidate.partial
    if (
        context.previous is None
        or resolution.anchor != Anchor.EVENT
        or resolution.anchor_value not in ("after", "before")
        or p.amount is None
        or p.amount != int(p.amount)
        or p.unit is None
    ):
        return resolution
    step = int(p.amount) * (-1 if resolution.anchor_value == "before" else 1)
    previous = context.previous
    if previous.granularity == Granularity.DAY and previous.interval is not None and p.unit in _DAY_STEPS:
        # from a dated day the other event's step lands on a day ("Two weeks after the
        # offensive began" on 30 January 1968: 13 February), not on the unit's grain
        try:
            day = shift(previous.interval.start.date(), p.unit, step)
        except (ValueError, OverflowError):
            return resolution
        value = period_value(Period(Granularity.DAY, day))
        return attrs.evolve(resolution, value=value, antecedent=False)
    counted = attrs.evolve(p, kind="anaphoric", type="DATE", offset=step, direction=step // abs(step) if step else None)
    try:
        dated = resolve(counted, context, candidate.text)
    except InvalidValue:
        return resolution
    if dated.value.type != "DATE" or dated.anchor != Anchor.PREVIOUS_MENTION:
        return resolution
    return attrs.evolve(resolution, value=attrs.evolve(dated.value, mod=None), antecedent=False)


# "the 1978 Treaty of Friendship", "the 1936 Olympics": a year that dates a name
_YEAR_OF_A_NAME_BEFORE = re.compile(r"(?:^|\W)(?i:the)\s+$")
_YEAR_OF_A_NAME_AFTER = re.compile(r"\s+\p{Lu}")
# "How Wars Are Won (2003)", "Bevin Alexander (2003)": a source's year after its title
_CITATION_BEFORE = re.compile(r"\p{Lu}[\w\x27\u2019.-]*\s*\($")
# A year in brackets that far from the story's time is an aside, not the story moving on
_CITATION_DISTANCE_YEARS = 20


def _aside_year(text: str, mention: TimeMention, previous: Optional[TimeValue]) -> bool:
    """In a narrative, a year that names something rather than the story's time: one
    before a name ("the 1978 Treaty of Friendship ... entered Afghanistan on December
    27": 1979, the story's year, not 1978), or a source's year in brackets after its
    title, far from the story's time ("(2003)" in a history of 1950). Such a year is a
    date (it is tagged) but does not move the running reference time."""
    if mention.when.granularity != Granularity.YEAR or mention.interval is None:
        return False
    before = text[max(0, mention.start - 80) : mention.start]
    if _YEAR_OF_A_NAME_BEFORE.search(before) and _YEAR_OF_A_NAME_AFTER.match(text, mention.end):
        return True
    if not _CITATION_BEFORE.search(before) or not text.startswith(")", mention.end):
        return False
    if previous is None or previous.interval is None:
        return False
    return abs(mention.interval.start.year - previous.interval.start.year) > _CITATION_DISTANCE_YEARS


def _wall_clock(published: object) -> Optional[datetime]:
    """The publication time as the clock on the newsroom wall (its UTC offset dropped):
    clock times in the text ("at 11 p.m.") are local and carry no offset either."""
    return published.replace(tzinfo=None) if isinstance(published, datetime) else None


@reads_parse
def find_times_in_parsed(document: Document, parsed: Optional[Doc], *, style: str = "auto") -> list[TimeMention]:
    """Temporal expressions of one document, normalized against its context.

    ``parsed`` is the spaCy parse of ``document.text`` (used for tense and sentences);
    with ``None`` the engine falls back to the publication date alone. In teasers for
    other stories after the article (:mod:`timeline.documents.sections`) the publication date is
    no reference: relative expressions there stay unresolved.

    ``style`` ("auto", "news" or "narrative", see :data:`STYLES`) says which reference
    comes first for dates the text leaves open."""
    narrative = document_style(document, check_style(style)) == NARRATIVE
    starts = _sentence_starts(parsed)
    discourse = Discourse()
    previous_block: Optional[int] = None
    mentions: list[TimeMention] = []
    candidates = recognize_in_text(document.text, parsed, NARRATIVE if narrative else NEWS)
    list_ends = coordinated_lists(document.text, candidates)

    def tense_of(candidate: Candidate) -> Optional[str]:
        tense = clause_tense(parsed, candidate.start, candidate.end) if parsed is not None else None
        return deadline_orientation(document.text, candidate.start, tense, candidate.end) or tense

    for index, candidate in enumerate(candidates):
        tense = tense_of(candidate)
        # Teasers for other stories (see timeline.documents.sections) have their own, unknown
        # dates: neither the publication date nor a date outside the teaser's own
        # paragraph is a reference.
        block = related_block(document.text, candidate.start)
        published = document.published_date if block is None else None
        if block != previous_block:
            discourse, previous_block = Discourse(), block
        published_at = _wall_clock(document.published) if block is None else None
        past_event = parsed is not None and tense == PAST and dates_past_event(parsed, candidate.start, candidate.end)
        context = Context(
            published=published,
            tense=tense,
            previous=discourse.antecedent_for(candidate),
            reported=discourse.reported,
            published_at=published_at,
            past_event=past_event,
            narrative=narrative,
        )
        try:
            if index in list_ends:
                list_end = candidates[list_ends[index]]
                end_context = attrs.evolve(context, tense=tense_of(list_end), past_event=False)
                context = _before_list_end(context, resolve(list_end.partial, end_context, list_end.text))
            resolution = resolve(candidate.partial, context, candidate.text)
        except InvalidValue:
            continue  # "February 30, 2023" names no date: not a temporal expression
        if narrative and candidate.partial.kind == "event_relative":
            dated = _dated_by_apposition(document.text, discourse.previous_mention, candidate.start, resolution)
            resolution = dated if dated is not resolution else _dated_from_running_time(candidate, context, resolution)
        mention = TimeMention(
            text=candidate.text,
            start=candidate.start,
            end=candidate.end,
            when=resolution.value,
            anchor=resolution.anchor,
            resolved=resolution.resolved,
            rule=candidate.rule.name,
            anchor_value=resolution.anchor_value,
            sentence_index=_sentence_index(starts, candidate.start),
        )
        mentions.append(mention)
        antecedent = resolution.antecedent and not (narrative and _aside_year(document.text, mention, discourse.previous))
        discourse.record(mention, antecedent, document.text, parsed, published)
    return link_ranges(document.text, mentions, lambda offset: reference_date(document.text, document.published_date, offset))


def with_publication_date(document: Document, style: str = "auto") -> Document:
    """The document, with the dateline's date (and time, when written) when it has no
    publication date of its own. A narrative (``style="narrative"``) has no dateline:
    a date at its head is content, not the day it was written."""
    if document.published is not None or check_style(style) == NARRATIVE:
        return document
    inferred = infer_published(document.text)
    return attrs.evolve(document, published=inferred) if inferred is not None else document


def find_times(
    doc: Union[Document, str, Doc, Any],
    *,
    published: DateLike = None,
    nlp: Optional[Language] = None,
    style: str = "auto",
) -> list[TimeMention]:
    """Find and normalize the temporal expressions of one document.

    ``doc`` is a :class:`Document`, a ``str`` or a ready spaCy ``Doc``; ``published``
    sets (or overrides a missing) publication date, else the dateline's or byline's full
    date is used ("NEW YORK, May 3, 2024 (Reuters) -"), as :func:`timeline.build_timeline`
    does; ``nlp`` is any spaCy pipeline. ``style`` is "news" (the publication date
    places what the text leaves open), "narrative" (the running reference time of the
    text does; no dateline is read) or "auto" (narrative when there is no publication
    date); any other value raises :class:`~timeline.errors.InvalidOptionError`."""
    check_style(style)
    if isinstance(doc, Doc):
        check_parsed(doc)
        document = with_publication_date(as_document(doc.text, published=published), style)
        return find_times_in_parsed(document, doc, style=style)
    document = with_publication_date(as_document(doc, published=published), style)
    parsed = next(parse_texts([document.text], nlp))
    return find_times_in_parsed(document, parsed, style=style)


def find_times_many(docs: Iterable[Document], *, nlp: Optional[Language] = None, style: str = "auto") -> list[list[TimeMention]]:
    """Find times in many documents (Documents, texts or mappings with ``text``),
    parsing them in batches with ``nlp.pipe`` (``style`` as in :func:`find_times`)."""
    check_style(style)
    if isinstance(docs, (str, bytes, Document)) or not isinstance(docs, Iterable):
        raise DocumentTypeError(f"docs must be an iterable of documents, got {type(docs).__name__}")
    documents = [with_publication_date(as_document(d, position=position), style) for position, d in enumerate(docs)]
    parsed_docs = parse_texts((d.text for d in documents), nlp)
    return [find_times_in_parsed(d, p, style=style) for d, p in zip(documents, parsed_docs)]


__all__ = [
    "Discourse", "NARRATIVE", "NEWS", "RANGE_JOINERS", "REPORTED_SPANS", "STYLES", "check_style",
    "closes_previous_period", "coordinated_lists", "document_style", "find_times", "find_times_in_parsed",
    "find_times_many", "recognize_in_text", "with_publication_date"
]
