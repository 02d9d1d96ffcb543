"""Stage 4b (opt-in): dates for events that have no time expression of their own.

:func:`timeline.events.document_events` only keeps events that a time expression
dates. Most events a news story reports have none: "Apple unveiled the iPhone 4" in an
article about the keynote happened on the day the article tells of, and annotated
timelines (SemEval-2015 Task 4) date such events by the same reading. With
``build_timeline(..., undated="inherit")`` the remaining events of each document are
dated too, by this rule:

1. **Sentence** (``dated_by="sentence"``): when the sentence holds a calendar DATE/TIME
   (outside the dateline), the event takes the one nearest to its trigger, in tokens,
   except a time that dates an event inside the trigger's own clause ("announced that
   Leopard would ship in 2007": 2007 is not the day of the announcement).
2. **Story day** (``dated_by="story"``): else, when the clause is in the past or
   present tense and the lead names the day the news happened ("Yesterday, ... Jobs
   unveiled iPhone 4", "Apple announced Friday"), the event takes that day: a day-grain
   time in the first sentences, on or up to a week before the publication day.
3. **Publication** (``dated_by="publication"``): else, for a past or present clause in
   a document with a publication date, the publication day: a story reports what has
   happened by the time it is published, so this is a "no later than" date read as the
   day itself.
4. Otherwise the event stays out: future and modal clauses ("will launch", "could
   sue"), conditionals, and documents without a publication date.

Candidates are clause verbs and event nouns (``resources/events_nouns.tsv``) that no
time already dates (not a noun that is a passive verb's agent: "toppled by military
coups" is one event); verbs listed in ``resources/events_inherit_skip.tsv`` (the copula)
name states, not events, and are skipped. Negated events are kept with their flag, as
everywhere else. Inherited dates are weaker than a time of the event's own: the merge
stage never lets them win over one nor report them as conflicts (see
:mod:`timeline.merge`). The measured effect on SemEval-2015 Task 4 is in
docs/benchmarks.md.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .calendar import day_value
from .documents import Document
from .errors import InvalidArgumentError
from .events import (
    Anchoring,
    bounded_tokens,
    dateline_bounds,
    inside,
    is_calendar_mention,
    is_hypothetical,
    is_planned_by_grammar,
    make_event,
    time_tokens,
)
from .model import Event, Granularity, TimeMention
from .normalize import FUTURE
from .sections import reference_date
from .syntax import verb_tense
from .tables import read_resource_rows
from .triggers import (
    EventLexicon,
    TimeSpan,
    Trigger,
    anchor_trigger,
    is_clause_verb,
    is_event_noun,
    is_predicative,
    load_lexicon,
    time_spans,
    verb_trigger,
)

LEAD_SENTENCES = 3
"""How many sentences from the top (the dateline's included) make the story's lead."""

STORY_DAY_WINDOW = timedelta(days=7)
"""How long before publication the lead's day may lie to be the day the story tells of."""

UNDATED_POLICIES = ("drop", "inherit")
"""What ``build_timeline`` does with events that no time expression dates: leave them
out (``drop``, the default) or date them by this module's rule (``inherit``)."""


def check_policy(undated: object) -> str:
    """``undated`` itself when it is a known policy; else an InvalidArgumentError (a
    ValueError) naming it."""
    if not isinstance(undated, str) or undated not in UNDATED_POLICIES:
        raise InvalidArgumentError(f"undated must be one of {UNDATED_POLICIES}, got {undated!r}")
    return undated


@functools.lru_cache(maxsize=1)
def skipped_verbs() -> frozenset[str]:
    """Verb lemmas that name a state rather than an event (``events_inherit_skip.tsv``)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_inherit_skip.tsv", 1))


def candidate_triggers(sentence: Span, lexicon: EventLexicon) -> Iterator[Trigger]:
    """The sentence's event words: clause verbs (a light verb hands over to its noun)
    and event nouns used referentially, in text order."""
    seen: set[int] = set()
    for token in sentence:
        trigger: Optional[Trigger] = None
        if is_clause_verb(token):
            if token.lemma_.lower() not in skipped_verbs():
                trigger = verb_trigger(token, lexicon)
        elif is_event_noun(token, lexicon) and not is_predicative(token) and not _agent_of_event(token):
            trigger = Trigger(token=token, clause=None)
        # A light verb's noun ("held elections") is one event with the verb: once only.
        if trigger is not None and trigger.token.i not in seen:
            seen.add(trigger.token.i)
            yield trigger


def _agent_of_event(noun: Token) -> bool:
    """True for an event noun that is the agent of a passive verb ("governments toppled
    by military coups"): the coup is the toppling, one event, told by the verb."""
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.dep_ == "agent" and is_clause_verb(preposition.head)


def dates_embedded_event(time: TimeSpan, trigger: Trigger, lexicon: EventLexicon) -> bool:
    """True when ``time`` dates an event inside ``trigger``'s own clause ("announced
    that Leopard would ship in 2007": 2007 dates the shipping, not the announcing)."""
    dated = anchor_trigger(time.span, lexicon)
    if dated is None:
        return False
    if dated.clause is None:
        return False  # an event noun in the trigger's own phrase ("in a July 16 press conference, Jobs said")
    head = trigger.clause if trigger.clause is not None else trigger.token
    return dated.clause.i != head.i and any(ancestor.i == head.i for ancestor in dated.clause.ancestors)


def nearest_time(token: Token, times: Sequence[TimeSpan]) -> Optional[TimeSpan]:
    """The time span nearest to ``token`` in tokens (the earlier one on a tie)."""
    if not times:
        return None

    def distance(time: TimeSpan) -> tuple[int, int]:
        span = time.span
        gap = span.start - token.i if token.i < span.start else max(0, token.i - (span.end - 1))
        return (gap, span.start)

    return min(times, key=distance)


def is_future_or_modal(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A clause that tells of what has not happened by publication."""
    if is_hypothetical(trigger, lexicon) or is_planned_by_grammar(trigger, lexicon):
        return True
    verb = trigger.clause
    return verb is not None and verb_tense(verb) in (FUTURE, None)


def inherited_dating(
    trigger: Trigger,
    times: Sequence[TimeSpan],
    story: Optional[TimeSpan],
    published: Optional[date],
    lexicon: EventLexicon,
) -> Optional[Anchoring]:
    """The inherited dating of one undated trigger (rule in the module docstring)."""
    own_level = [time for time in times if not dates_embedded_event(time, trigger, lexicon)]
    time = nearest_time(trigger.token, own_level)
    if time is not None:
        return Anchoring(trigger=trigger, time=time, when=time.mention.dating, dated_by="sentence")
    if is_future_or_modal(trigger, lexicon):
        return None
    if story is not None:
        return Anchoring(trigger=trigger, time=story, when=story.mention.when, dated_by="story")
    if published is None:
        return None
    return Anchoring(trigger=trigger, time=None, when=day_value(published), dated_by="publication")


def story_day(parsed: Doc, times: dict[int, list[TimeSpan]], published: Optional[date]) -> Optional[TimeSpan]:
    """The day the story tells of, when its lead says so: the first day-grain time in
    the first :data:`LEAD_SENTENCES` sentences, on or up to :data:`STORY_DAY_WINDOW`
    before the publication day ("Yesterday ... Jobs unveiled iPhone 4")."""
    if published is None:
        return None
    for number, sentence in enumerate(parsed.sents):
        if number >= LEAD_SENTENCES:
            break
        for time in sorted(times.get(sentence.start, []), key=lambda t: t.span.start):
            when = time.mention.when
            if when.start is None or when.granularity is None or when.granularity < Granularity.DAY:
                continue
            if timedelta(0) <= published - when.start.date() <= STORY_DAY_WINDOW:
                return time
    return None


def _sentence_times(parsed: Doc, spans: Iterable[TimeSpan], skip: Sequence[tuple[int, int]]) -> dict[int, list[TimeSpan]]:
    """Calendar time spans by the start token of their sentence, the dateline left out."""
    by_sentence: dict[int, list[TimeSpan]] = {}
    for time in spans:
        mention = time.mention
        if not is_calendar_mention(mention):
            continue
        if inside(mention.start, mention.end, skip):
            continue
        by_sentence.setdefault(time.span.sent.start, []).append(time)
    return by_sentence


def inherited_events(
    document: Document,
    parsed: Doc,
    mentions: Iterable[TimeMention],
    *,
    taken: Iterable[tuple[int, int]] = (),
) -> tuple[Event, ...]:
    """The events of one document that no time of their own dates, with inherited
    dates, in text order. ``taken`` holds the trigger spans (character offsets) of the
    events already dated by :func:`timeline.events.document_events`: they are skipped."""
    lexicon = load_lexicon()
    spans = time_spans(parsed, mentions)
    skip = dateline_bounds(document.text)
    times = _sentence_times(parsed, spans, skip)
    banned = time_tokens(spans) | bounded_tokens(parsed, skip)
    taken_starts = {start for start, _ in taken}
    published = document.published_date
    story = story_day(parsed, times, published)
    events = []
    for sentence in parsed.sents:
        for trigger in candidate_triggers(sentence, lexicon):
            word = trigger.token
            if word.idx in taken_starts or word.i in banned:
                continue
            if inside(word.idx, word.idx + 1, skip):
                continue
            # teasers for other stories: no publication date, no story day (timeline.sections)
            here = reference_date(document.text, published, word.idx)
            dating = inherited_dating(trigger, times.get(sentence.start, []), story if here else None, here, lexicon)
            if dating is not None:
                events.append(make_event(document, dating, banned, lexicon))
    return tuple(events)
