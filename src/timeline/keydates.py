"""Stage 6a, after merge and before the outputs: the key dates of a timeline.

A timeline of a few hundred articles holds thousands of events; an editor wants the
``n`` days that matter, each told in a sentence or two. :func:`rank_dates` scores every
day of the timeline and :func:`key_dates` returns the best ``n`` as a small
:class:`~timeline.model.Timeline` (one event per day, its summary the chosen
sentences), so the JSON, TimelineJS and table outputs work on it unchanged.

Candidates are the days of events placed on one day and the days articles were
published (a day the news was written on may hold no event dated to it). Salience of a
day (docs/design.md, "Key dates") is a weighted sum of a few counts, each over distinct
documents, so that one long article cannot outvote several:

- ``references``: documents that name the day itself in a time expression of their own
  (:func:`names_day`: a report dated by the month, or by another day merged into the
  event, does not count) and were published after it (when their date is known):
  later articles referring back to a day is the classic strongest signal of its
  importance (Tran et al. 2013; the "Datewise" counts of news-tls);
- ``sources``: documents that report an event of that day at all, including those
  that only date it by their publication day (``undated="inherit"``);
- ``late_references``: those of the references published :data:`LATE_DAYS` days or
  more after the day: a day the story keeps coming back to weeks later is a landmark
  of it, where a day named only in the next day's follow-ups was just news;
- ``published``: articles published on the day and on the next day (a day's news is
  written that day and the next; the "published on" count of news-tls);
- ``leads``: documents that tell of the day in their lead (a sentence starting in
  the first :data:`LEAD_CHARS` characters), where the news desk puts what matters;
- ``kind``: events told as done count fully; planned, hypothetical or negated ones
  count :data:`UNREAL_WEIGHT` (a plan is news, but less than the deed).

Counts are damped with ``log1p``. The weights (:data:`WEIGHTS`) were chosen on the
Timeline17 dev stories with leave-one-story-out (docs/benchmarks.md). Ties break on the
date, so the result never depends on the order of the input.

The sentences of a day are its events' mention sentences (for a publication day
without events, those of the reports of its articles), readable ones only (between
:data:`MIN_WORDS` and :data:`MAX_WORDS` words, ending with a full stop: no question,
no headline), ranked by how central they
are to the day (content-word overlap with the day's other sentences), how many
documents wrote them and whether they name the date themselves; a sentence whose
content words overlap a chosen one by :data:`SAME_SENTENCE` or more (Jaccard) says the
same thing and is skipped.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Optional, Union

import attrs

from .documents import parse_published
from .errors import InvalidDateError, TimelineError
from .merge import content_words, jaccard
from .model import Event, Granularity, Interval, Mention, Timeline, TimeValue


class KeyDatesError(TimelineError, ValueError):
    """A bad argument to :func:`key_dates` (names the argument and the value)."""


LEAD_CHARS = 400
"""A mention whose sentence starts before this character offset is in the article's lead."""

UNREAL_WEIGHT = 0.25
"""What a planned, hypothetical or negated report counts, against 1 for one told as done."""

MIN_WORDS = 6
MAX_WORDS = 60
_SENTENCE_ENDS = (".", "!", '."', '!"', ".'", ".\u201d")
SAME_SENTENCE = 0.5

LATE_DAYS = 7
"""A reference from a document published this many days or more after the day is a
late reference: the day has become a landmark the story is told from."""


@attrs.frozen
class SalienceWeights:
    """The weights of the salience sum (each multiplies ``log1p`` of a count; the
    ``published`` weight multiplies ``log1p`` of the articles published on the day and
    the next day together)."""

    references: float = 1.0
    sources: float = 0.25
    # measured: any weight on leads lowered Date-F1 on the dev stories (docs/benchmarks.md);
    # the lead still ranks the sentences of a day
    leads: float = 0.0
    published: float = 0.5
    late_references: float = 1.0


WEIGHTS = SalienceWeights()


@attrs.frozen
class KeyDate:
    """One day of the timeline with its salience, the counts it comes from, its chosen
    summary sentences (best first) and the mentions they come from."""

    day: date
    salience: float
    references: int
    sources: int
    leads: int
    published: int
    late_references: int
    sentences: tuple[str, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


DateArg = Union[date, datetime, str, None]


def _day_bound(value: DateArg, name: str) -> Optional[date]:
    try:
        parsed = parse_published(value, field=name)
    except InvalidDateError as err:
        raise KeyDatesError(str(err)) from None
    if isinstance(parsed, datetime):
        return parsed.date()
    return parsed


def event_day(event: Event) -> Optional[date]:
    """The day an event is placed on, or None when its time is coarser than a day (a
    month, a year) or is a span of several days."""
    when = event.when
    if when.interval is None or when.granularity is None or when.granularity < Granularity.DAY:
        return None
    start, end = when.interval.start, when.interval.end
    if (end - start) > timedelta(days=1):
        return None
    return start.date()


def names_day(mention: Mention, day: Optional[date]) -> bool:
    """True when the mention's own time expression names ``day`` (at day grain or
    finer): a report dated by "June 2009" or by another day that was merged into the
    event is no reference to the day the event was placed on. A mention without a
    recorded value (events not yet merged) names the day of its event."""
    if mention.dated_by != "time" or day is None:
        return False
    value = mention.time_value
    return value is None or (len(value) >= 10 and value[:10] == day.isoformat())


def _is_real(event: Event) -> bool:
    return not (event.planned or event.hypothetical or event.negated)


def _word_count(sentence: str) -> int:
    return len(sentence.split())


def is_readable(sentence: str) -> bool:
    """A sentence fit for a summary: a whole statement of sensible length, not a question."""
    text = sentence.strip()
    return (
        MIN_WORDS <= _word_count(text) <= MAX_WORDS
        and text.endswith(_SENTENCE_ENDS)  # a headline or a caption has no full stop
        and "\n" not in text
    )


@attrs.frozen
class _Candidate:
    text: str
    words: frozenset[str]
    mentions: tuple[Mention, ...]
    documents: int
    names_date: bool
    in_lead: bool


def _candidates(events: Sequence[Event]) -> list[_Candidate]:
    """The distinct readable sentences of a day's events (one per text, with every
    mention that has it)."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for event in events:
        if not _is_real(event):
            continue
        for mention in event.mentions:
            text = " ".join(mention.sentence.split())
            if is_readable(text):
                by_text[text].append(mention)
    candidates = []
    for text, mentions in by_text.items():
        ordered = tuple(sorted(set(mentions), key=lambda m: (m.doc_id, m.trigger_span, repr(m))))
        candidates.append(
            _Candidate(
                text=text,
                words=content_words(text),
                mentions=ordered,
                documents=len({m.doc_id for m in ordered}),
                names_date=any(m.dated_by == "time" for m in ordered),
                in_lead=any(_in_lead(m) for m in ordered),
            )
        )
    return candidates


def _in_lead(mention: Mention) -> bool:
    return mention.sentence_span is not None and mention.sentence_span[0] < LEAD_CHARS


def choose_sentences(events: Sequence[Event], count: int) -> list[tuple[str, tuple[Mention, ...]]]:
    """The ``count`` best sentences of a day's events, no two saying the same thing.

    A sentence scores its centrality (mean Jaccard overlap of its content words with
    the day's other sentences, each weighted by how many documents wrote it), plus 0.1
    when it names the date itself and 0.1 when it is in a lead; ties break on the text."""
    candidates = [c for c in _candidates(events) if c.words]
    if count <= 0 or not candidates:
        return []
    vocabulary: Counter[str] = Counter()
    for candidate in candidates:
        for word in candidate.words:
            vocabulary[word] += candidate.documents
    total = sum(c.documents for c in candidates)

    def score(candidate: _Candidate) -> float:
        # how much of the day's vocabulary (weighted by documents) the sentence shares
        shared = sum(vocabulary[w] - candidate.documents for w in candidate.words)
        centrality = shared / (len(candidate.words) * max(total, 1)) ** 0.5 / max(total, 1) ** 0.5
        return centrality + 0.1 * candidate.names_date + 0.1 * candidate.in_lead

    ranked = sorted(candidates, key=lambda c: (-score(c), c.text))
    chosen: list[_Candidate] = []
    for candidate in ranked:
        if any(jaccard(candidate.words, other.words) >= SAME_SENTENCE for other in chosen):
            continue
        chosen.append(candidate)
        if len(chosen) == count:
            break
    return [(c.text, c.mentions) for c in chosen]


def _published_days(published: Optional[Mapping[str, DateArg]]) -> dict[str, date]:
    if published is None:
        return {}
    if not isinstance(published, Mapping):
        raise KeyDatesError(f"published must be a mapping of document id to date, got {type(published).__name__}")
    days: dict[str, date] = {}
    for doc_id, value in published.items():
        day = _day_bound(value, f"published[{doc_id!r}]")
        if day is not None:
            days[doc_id] = day
    return days


def _recorded_days(timeline: Timeline) -> dict[str, date]:
    """The publication days the timeline recorded when it was built."""
    days = {}
    for record in timeline.publication_dates:
        value = record.published
        if value is not None:
            days[record.doc_id] = value.date() if isinstance(value, datetime) else value
    return days


def _check_count(value: object, name: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a non-negative" if minimum == 0 else "a positive"
        raise KeyDatesError(f"{name} must be {kind} int, got {value!r}")
    return value


@attrs.frozen
class DayCounts:
    """The evidence for one day, in distinct documents (see the module docstring):
    ``references``, ``sources``, ``leads`` as counts, and the same weighted by the kind
    of their reports (``*_weight``: a document counts 1 when one of its reports is told
    as done, :data:`UNREAL_WEIGHT` when all are plans, hypotheses or denials), and
    ``published`` / ``published_next``: the documents published on the day and on the
    next day (a day's news is reported that day and the next); ``late_references``:
    the references from documents published :data:`LATE_DAYS` days or more after it."""

    references: int
    sources: int
    leads: int
    references_weight: float
    sources_weight: float
    leads_weight: float
    published: int = 0
    published_next: int = 0
    late_references: int = 0
    late_references_weight: float = 0.0


def events_by_day_in(timeline: Timeline, first: Optional[date], last: Optional[date]) -> dict[date, list[Event]]:
    """The events placed on one day, by day, from ``first`` to ``last`` inclusive."""
    events_by_day: dict[date, list[Event]] = defaultdict(list)
    for event in timeline.events:
        day = event_day(event)
        if day is None or (first is not None and day < first) or (last is not None and day > last):
            continue
        events_by_day[day].append(event)
    return events_by_day


def publication_counts(days_published: Mapping[str, date]) -> Counter[date]:
    """The number of documents published on each day."""
    return Counter(days_published.values())


def day_counts(
    events: Sequence[Event],
    days_published: Mapping[str, date],
    *,
    day: Optional[date] = None,
    publications: Optional[Mapping[date, int]] = None,
    late_days: int = LATE_DAYS,
) -> DayCounts:
    """The document counts of one day (``day``, else the day of its first event) from
    its events, and from ``publications`` (:func:`publication_counts`; computed from
    ``days_published`` when not given) its articles published on it and the next day;
    references published ``late_days`` or more after it are late."""
    if day is None:
        day = event_day(events[0]) if events else None
    if publications is None:
        publications = publication_counts(days_published)
    referring: dict[str, bool] = {}
    late: dict[str, bool] = {}
    reporting: dict[str, bool] = {}
    leading: dict[str, bool] = {}
    for event in events:
        real = _is_real(event)
        for mention in event.mentions:
            reporting[mention.doc_id] = reporting.get(mention.doc_id, False) or real
            if day is not None and names_day(mention, day) and _later(mention.doc_id, day, days_published):
                referring[mention.doc_id] = referring.get(mention.doc_id, False) or real
                published = days_published.get(mention.doc_id)
                if published is not None and published >= day + timedelta(days=late_days):
                    late[mention.doc_id] = late.get(mention.doc_id, False) or real
            if _in_lead(mention):
                leading[mention.doc_id] = leading.get(mention.doc_id, False) or real
    return DayCounts(
        references=len(referring),
        sources=len(reporting),
        leads=len(leading),
        references_weight=_weighted_documents(referring),
        sources_weight=_weighted_documents(reporting),
        leads_weight=_weighted_documents(leading),
        published=publications.get(day, 0) if day is not None else 0,
        published_next=publications.get(day + timedelta(days=1), 0) if day is not None else 0,
        late_references=len(late),
        late_references_weight=_weighted_documents(late),
    )


def _weighted_documents(real_by_doc: Mapping[str, bool]) -> float:
    """Distinct documents, each counting 1 when one of its reports is real, else UNREAL_WEIGHT."""
    return sum(1.0 if real else UNREAL_WEIGHT for real in real_by_doc.values())


def salience(counts: DayCounts, weights: SalienceWeights = WEIGHTS) -> float:
    """The salience of a day from its weighted document counts."""
    return (
        weights.references * math.log1p(counts.references_weight)
        + weights.sources * math.log1p(counts.sources_weight)
        + weights.leads * math.log1p(counts.leads_weight)
        + weights.published * math.log1p(counts.published + counts.published_next)
        + weights.late_references * math.log1p(counts.late_references_weight)
    )


def candidate_days(
    timeline: Timeline,
    days_published: Mapping[str, date],
    first: Optional[date],
    last: Optional[date],
    weights: SalienceWeights = WEIGHTS,
    *,
    late_days: int = LATE_DAYS,
) -> dict[date, DayCounts]:
    """The counts of every candidate day from ``first`` to ``last`` inclusive: the days
    of events placed on one day and, when ``weights.published`` is not 0, the days
    articles were published (a day written about may hold no event dated to it) whose
    articles have a report in the timeline to tell the day by."""
    events_by_day = events_by_day_in(timeline, first, last)
    publications = publication_counts(days_published)
    days = set(events_by_day)
    if weights.published:
        reporting = {mention.doc_id for event in timeline.events for mention in event.mentions}
        days.update(
            published
            for doc_id, published in days_published.items()
            if doc_id in reporting and (first is None or published >= first) and (last is None or published <= last)
        )
    return {
        day: day_counts(events_by_day.get(day, ()), days_published, day=day, publications=publications, late_days=late_days)
        for day in days
    }


def rank_dates(
    timeline: Timeline,
    n: Optional[int] = None,
    *,
    per_date: int = 1,
    start: DateArg = None,
    end: DateArg = None,
    published: Optional[Mapping[str, DateArg]] = None,
    weights: SalienceWeights = WEIGHTS,
) -> tuple[KeyDate, ...]:
    """The days of ``timeline`` (those of events placed on one day, and the days
    articles were published: :func:`candidate_days`) from ``start`` to ``end``
    inclusive, most salient first, at most ``n`` (all when None), each with its best
    ``per_date`` sentences. The publication dates are ``published`` (document id ->
    date) when given, else those the timeline recorded (``Timeline.publication_dates``);
    they give the articles published on each day, and only documents published after a
    day count as references to it (a document of unknown date counts)."""
    if not isinstance(timeline, Timeline):
        raise KeyDatesError(f"timeline must be a timeline.Timeline, got {type(timeline).__name__}")
    limit = None if n is None else _check_count(n, "n")
    per_date = _check_count(per_date, "per_date", minimum=1)  # 0 still gave each day one sentence
    first, last = _day_bound(start, "start"), _day_bound(end, "end")
    if first is not None and last is not None and first > last:
        raise KeyDatesError(f"start must not be after end, got start={first} end={last}")
    if not isinstance(weights, SalienceWeights):
        raise KeyDatesError(f"weights must be a SalienceWeights, got {type(weights).__name__}")
    days_published = _published_days(published) if published is not None else _recorded_days(timeline)

    events_by_day = events_by_day_in(timeline, first, last)
    counts = candidate_days(timeline, days_published, first, last, weights)
    # rounded so that a sum taken in another order cannot flip a tie
    scored = sorted(((round(salience(counts[day], weights), 9), day) for day in counts), key=lambda item: (-item[0], item[1]))
    if limit is not None:
        scored = scored[:limit]

    ranked = []
    for value, day in scored:
        events = sorted(events_by_day.get(day, ()), key=lambda e: (e.id, e.summary, repr(e)))
        if events:
            chosen = choose_sentences(events, per_date)
        else:
            chosen = choose_sentences(_published_on(timeline, day, days_published), per_date)
        ranked.append(
            KeyDate(
                day=day,
                salience=round(value, 6),
                references=counts[day].references,
                sources=counts[day].sources,
                leads=counts[day].leads,
                published=counts[day].published + counts[day].published_next,
                late_references=counts[day].late_references,
                sentences=tuple(text for text, _ in chosen),
                mentions=tuple(m for _, mentions in chosen for m in mentions),
                events=tuple(events),
            )
        )
    return tuple(ranked)


def _published_on(timeline: Timeline, day: date, days_published: Mapping[str, date]) -> list[Event]:
    """For a day that holds no event of its own: the reports of the articles published
    on it (whatever day they tell of), as events of one mention each, in a sorted order;
    their sentences tell the day as its news did."""
    reports = []
    for event in timeline.events:
        for mention in event.mentions:
            if days_published.get(mention.doc_id) == day:
                reports.append(attrs.evolve(event, mentions=(mention,)))
    return sorted(reports, key=lambda e: (e.mentions[0].doc_id, e.mentions[0].trigger_span, e.id, e.summary, repr(e)))


def _later(doc_id: str, day: date, days_published: Mapping[str, date]) -> bool:
    """True when the document may refer back to ``day``: published after it, or of
    unknown publication date (nothing says otherwise)."""
    published = days_published.get(doc_id)
    return published is None or published > day


def key_date_event(key: KeyDate) -> Event:
    """One event standing for a key date: placed on the day, its summary the chosen
    sentences, its mentions theirs (every event's when no sentence was readable)."""
    start = datetime(key.day.year, key.day.month, key.day.day)
    when = TimeValue(
        value=key.day.isoformat(),
        type="DATE",
        granularity=Granularity.DAY,
        interval=Interval(start, start + timedelta(days=1)),
    )
    best = key.events[0] if key.events else None
    if key.sentences:
        summary = " ".join(key.sentences)
        mentions = key.mentions
    else:
        summary = max((e.summary for e in key.events), key=lambda s: (len(s.split()), s), default="")
        mentions = tuple(m for e in key.events for m in e.mentions)
    participants = tuple(sorted({p for e in key.events for p in e.participants}))
    return Event(
        when=when,
        summary=summary,
        trigger=best.trigger if best is not None else "",
        participants=participants,
        mentions=mentions,
        id=f"key-{key.day.isoformat()}",
    )


def key_dates(
    timeline: Timeline,
    n: int,
    *,
    per_date: int = 1,
    start: DateArg = None,
    end: DateArg = None,
    published: Optional[Mapping[str, DateArg]] = None,
    weights: SalienceWeights = WEIGHTS,
) -> Timeline:
    """The ``n`` key dates of ``timeline`` as a timeline in time order: one event per
    day (id ``key-YYYY-MM-DD``), its summary the day's best ``per_date`` sentences
    joined, its mentions those of the sentences. :func:`rank_dates` gives the ranking
    and the counts behind it."""
    ranked = rank_dates(timeline, n, per_date=per_date, start=start, end=end, published=published, weights=weights)
    events = sorted((key_date_event(key) for key in ranked), key=lambda e: e.when.value)
    return Timeline(events=tuple(events), documents=timeline.documents, publication_dates=timeline.publication_dates)


__all__ = [
    "DateArg", "DayCounts", "KeyDate", "KeyDatesError", "LATE_DAYS", "LEAD_CHARS", "MAX_WORDS", "MIN_WORDS",
    "SAME_SENTENCE", "SalienceWeights", "UNREAL_WEIGHT", "WEIGHTS", "candidate_days", "choose_sentences",
    "day_counts", "event_day", "events_by_day_in", "is_readable", "key_date_event", "key_dates", "names_day",
    "publication_counts", "rank_dates", "salience"
]
