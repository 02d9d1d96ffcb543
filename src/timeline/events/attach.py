"""Events, step 2 of 4: attach times. Which time expression dates which event.

For every DATE/TIME mention on the calendar (DURATION, SET, ``PRESENT_REF`` and the
like, and anything without an interval are skipped, as is a date inside the article's
dateline or in a sentence that retracts it, "An earlier version of this article said
..."), we start at the head token of the time and walk up the tree through
prepositions, their objects, adverbial nouns and non-event nouns until we reach a word
the detect step found: a verb ("troops had arrived last month" -> arrive) or an event
noun that the time modifies ("the July 2023 coup" -> coup, "the death ... on Aug. 23" ->
death). A light verb with an event noun as its object or subject hands the event to the
noun ("held elections on Sunday" -> election; ``events_light_verbs.tsv``). A verb that
sets or moves the date of an event hands it only the time of its "for"/"to"/"until"
phrase ("called a strike for March 8 on Thursday" -> the strike on March 8, the call on
Thursday; "postponed the vote until May"), also as a participle on the noun ("the vote
planned for Friday"). When two times date the same trigger, the finer one is kept.

Event-anchored times ("the pact was signed a week after Niger accused France"): a
mention whose text is a quantity of a calendar unit followed by "after"/"before"
(``events_relations.tsv``) relates the event it attaches to (sign) and the event of the
clause or noun after the connector (accuse): an :class:`EventRelation`, resolved into a
date by the date step. Only days, weeks, months and years with an exact count relate
("less than two weeks after", "about a month before" do not: their TIMEX3 mod says so).

:func:`attach_times` returns an :class:`Attachment`: the triggers dated by a time of
their own, the event each calendar time dates (read by the date step, which must not
date an event by a time that belongs to another), and the relations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Optional

import attrs
from spacy.tokens import Span, Token

from ..model import Anchor
from ._parse import (
    MAX_WALK,
    Anchoring,
    EventLexicon,
    TimeSpan,
    Trigger,
    finer,
    inside,
    is_calendar_mention,
    is_clause_verb,
    is_event_noun,
    verb_trigger,
)
from .detect import is_lexicon_trigger


# --------------------------------------------------------------------------- the walk


def anchor_trigger(time_span: Span, lexicon: EventLexicon, words: Optional[frozenset[int]] = None) -> Optional[Trigger]:
    """The event that a time expression dates: walk up from the time's head token.

    Stops at the first detected word outside the time (``words``, token indices from
    the detect step; by default the lexicon's: a clause verb or an event noun that
    refers), a clause verb handing over to the event noun of a light verb; None when
    the walk finds none."""
    inside = {token.i for token in time_span}
    current = time_span.root
    for _ in range(MAX_WALK):
        parent = current.head
        if parent.i == current.i:  # the sentence root: no event above
            return None
        child, current = current, parent
        if current.i in inside:
            continue
        detected = current.i in words if words is not None else is_lexicon_trigger(current, lexicon)
        if not detected:
            continue
        if is_clause_verb(current):
            return verb_trigger(current, lexicon, via=child if child.dep_ == "prep" else None)
        return Trigger(token=current, clause=None)
        # prepositions, their objects, adjectives and non-event nouns: keep climbing
    return None


def anchor_mentions(
    spans: Sequence[TimeSpan],
    lexicon: EventLexicon,
    skip: Sequence[tuple[int, int]] = (),
    words: Optional[frozenset[int]] = None,
) -> dict[int, Anchoring]:
    """Trigger token index -> its dating, for the calendar mentions outside ``skip``."""
    dated: dict[int, Anchoring] = {}
    for time in spans:
        mention = time.mention
        if not is_calendar_mention(mention):
            continue
        if inside(mention.start, mention.end, skip):
            continue  # the dateline dates the article, not an event
        trigger = anchor_trigger(time.span, lexicon, words)
        if trigger is None:
            continue
        found = Anchoring(trigger=trigger, time=time, when=mention.dating)
        index = trigger.token.i
        dated[index] = finer(dated[index], found) if index in dated else found
    return dated



# --------------------------------------------------------------------------- relations


@attrs.frozen
class Offset:
    """A signed calendar step: ``count`` days or months."""

    unit: str  # "days" | "months"
    count: int


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class EventRelation:
    """``later`` happened ``offset`` after ``earlier`` (from "X a week after Y")."""

    time: TimeSpan
    later: Trigger
    earlier: Trigger
    offset: Offset


# TIMEX3 mods of an amount that is exact: "two weeks after", "exactly a month after".
# "less than", "more than", "about", "nearly" give no date to shift to.
_EXACT_MODS = frozenset({None, "EQUAL"})

_ISO_DURATION = re.compile(r"^P(\d+)([DWMY])$")


def _duration_from_value(value: str) -> Optional[Offset]:
    match = _ISO_DURATION.match(value)
    if match is None:
        return None
    count, unit = int(match.group(1)), match.group(2)
    return {
        "D": Offset("days", count),
        "W": Offset("days", 7 * count),
        "M": Offset("months", count),
        "Y": Offset("months", 12 * count),
    }[unit]


def _duration_from_tokens(tokens: Sequence[Token], lexicon: EventLexicon) -> Optional[Offset]:
    """"a week", "two days", "3 months" -> the step; None for vague amounts ("weeks")."""
    for position, token in enumerate(tokens):
        unit = lexicon.units.get(token.lemma_.lower())
        if unit is None or position == 0:
            continue
        word = tokens[position - 1].lower_
        count = int(word) if word.isdigit() else lexicon.numbers.get(word)
        if count is None:
            return None
        return Offset(unit[0], unit[1] * count)
    return None


def _connector_after(time: TimeSpan, lexicon: EventLexicon) -> Optional[Token]:
    """The "after"/"before" at the end of or right after the time expression."""
    doc = time.span.doc
    candidates = [time.span[-1]]
    if time.span.end < len(doc):
        candidates.append(doc[time.span.end])
    for token in candidates:
        if token.lower_ in lexicon.connectors:
            return token
    return None


def _connector_event(connector: Token, lexicon: EventLexicon) -> Optional[Trigger]:
    """The event after the connector: the clause it introduces or the event noun it governs."""
    if connector.dep_ == "mark" and is_clause_verb(connector.head):
        return verb_trigger(connector.head, lexicon)  # "after Niger accused France"
    for child in connector.children:
        if child.dep_ in ("pobj", "pcomp"):
            if is_clause_verb(child):
                return verb_trigger(child, lexicon)
            if is_event_noun(child, lexicon):
                return Trigger(token=child, clause=None)  # "a week after the election"
        if child.dep_ == "prep":  # "prior to the death"
            return _connector_event(child, lexicon)
    return None


def _modified_clause(trigger: Trigger, lexicon: EventLexicon) -> Optional[Trigger]:
    """The event of the clause that ``trigger``'s adverbial clause modifies: the parse
    hangs "ten days" of "ten days after it was founded, it went public" on "founded",
    yet the amount dates the main clause."""
    verb = trigger.clause or trigger.token
    if verb.dep_ != "advcl" or not is_clause_verb(verb.head):
        return None
    return verb_trigger(verb.head, lexicon)


def find_relations(spans: Sequence[TimeSpan], lexicon: EventLexicon, words: Optional[frozenset[int]] = None) -> list[EventRelation]:
    """Event-anchored times: "X <amount> after/before Y" with an exact amount."""
    relations = []
    for time in spans:
        mention = time.mention
        if mention.type not in ("DURATION", "DATE", "TIME"):
            continue
        if mention.anchor is not Anchor.EVENT and mention.type != "DURATION":
            continue
        if mention.mod not in _EXACT_MODS:
            continue  # "less than two weeks after", "about a month before": no exact step
        if any(token.lower_ in lexicon.uneven_days for token in time.span):
            continue  # "eight trading days after": weekends left out, no calendar step
        connector = _connector_after(time, lexicon)
        if connector is None:
            continue
        offset = _duration_from_value(mention.value) or _duration_from_tokens(list(time.span), lexicon)
        if offset is None:
            continue
        anchored = anchor_trigger(time.span, lexicon, words)
        other = _connector_event(connector, lexicon)
        if anchored is None or other is None:
            continue
        if anchored.token.i == other.token.i:
            modified = _modified_clause(other, lexicon)
            if modified is None:
                continue
            anchored = modified
        if lexicon.connectors[connector.lower_] > 0:
            relations.append(EventRelation(time=time, later=anchored, earlier=other, offset=offset))
        else:
            relations.append(EventRelation(time=time, later=other, earlier=anchored, offset=offset))
    return relations


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class Attachment:
    """What the attach step found: ``dated`` (trigger token index -> its dating by a
    time of its own), ``targets`` (start token of each calendar time outside the
    dateline -> the event it dates, None for none) and the event-anchored relations."""

    dated: Mapping[int, Anchoring]
    targets: Mapping[int, Optional[Trigger]]
    relations: tuple[EventRelation, ...]


def attach_times(
    spans: Sequence[TimeSpan],
    lexicon: EventLexicon,
    *,
    skip: Sequence[tuple[int, int]] = (),
    dateline: Sequence[tuple[int, int]] = (),
    words: Optional[frozenset[int]] = None,
) -> Attachment:
    """The attach step over a document's time spans. ``skip``: bounds whose dates date
    no event (dateline, retractions); ``dateline``: bounds whose times are no target."""
    targets = {
        time.span.start: anchor_trigger(time.span, lexicon, words)
        for time in spans
        if is_calendar_mention(time.mention) and not inside(time.mention.start, time.mention.end, dateline)
    }
    return Attachment(
        dated=anchor_mentions(spans, lexicon, skip, words),
        targets=targets,
        relations=tuple(find_relations(spans, lexicon, words)),
    )
