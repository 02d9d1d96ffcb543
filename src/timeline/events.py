"""Stage 4, events (3/3): what each time expression dates, read off the dependency parse.

The stage has three modules: :mod:`timeline.triggers` (the event lexicon and the walk
from a time to its trigger), :mod:`timeline.summaries` (the readable line of an event)
and this one (anchoring, relations, flags and the events of a document).

:func:`document_events` takes one document, its spaCy parse and its TimeMentions and
returns the document's dated events, each with exactly one :class:`Mention` (merging
across mentions and documents is :mod:`timeline.merge`'s job). It is a pure function.

Anchoring. For every DATE/TIME mention on the calendar (DURATION, SET, ``PRESENT_REF``
and the like, and anything without an interval are skipped, as is a date inside the
article's dateline or in a sentence that retracts it, "An earlier version of this
article said ..."), we start at the head token of the time and walk up the tree
through prepositions, their objects, adverbial nouns and non-event nouns until we reach
a verb ("troops had arrived last month" -> arrive) or an event noun that the time
modifies ("the July 2023 coup" -> coup, "the death ... on Aug. 23" -> death). Event
nouns are listed in ``resources/events_nouns.tsv`` and ``events_nominalizations.tsv``
(whose nouns report their verb as trigger: "the signing" -> sign, so the merge stage
sees the same trigger for the verb and the noun). A light verb with an event noun as
its object or subject hands the event to the noun ("held elections on Sunday" ->
election; ``events_light_verbs.tsv``). A verb that sets or moves the date of an event
hands it only the time of its "for"/"to"/"until" phrase ("called a strike for March 8
on Thursday" -> the strike on March 8, the call on Thursday; "postponed the vote until
May"), also as a participle on the noun ("the vote planned for Friday"). A verb keeps
its particle in its trigger and summary ("stepped down", "came ashore"). When two times date the same trigger, the finer
one is kept.

Reporting policy. A reporting verb ("said on Tuesday"; ``events_reporting.tsv``) is an
event of its own, the statement, dated by its time. When the reported clause holds an
event that got a date of its own ("the official said on Tuesday the troops had arrived
last month"), the statement is dropped and the reported event kept: the statement then
only adds the date someone spoke. A statement whose content is a past event without a
date of its own becomes that event, dated by the statement ("State television last
month reported that troops had arrived" -> the arrival, last month): the report bounds
the event, and other reports of the arrival then merge with it. A statement whose
content is present, future or modal is kept, with the content in its summary ("The
Pentagon said its troops will leave Niger"). ``keep_reporting=True`` keeps every
statement.

Event-anchored times ("the pact was signed a week after Niger accused France"): a
mention whose text is a quantity of a calendar unit followed by "after"/"before"
(``events_relations.tsv``) relates the event it attaches to (sign) and the event of the
clause or noun after the connector (accuse). When one of the two has a date, the other
gets it shifted by the amount ("signed on Saturday" -> accusation a week before); a
step of months or years gives a month, not a day ("closed on Friday, six months after
announcing the deal" -> the announcement's month). The
dated side is the same trigger token dated by another mention, or else an earlier or
later dated event of the document with the same trigger lemma that shares a subject or
object lemma ("the pact was signed" = "its ruling junta signed a mutual defense pact").
Only days, weeks, months and years with an exact count are shifted ("less than two
weeks after", "about a month before" are not: their TIMEX3 mod says so); anything else
stays out of the timeline.

Flags: ``negated`` (a negation dependent of the trigger, or "no" on an event noun),
``planned`` (will/shall, a governing "plan to"/"scheduled to"/..., a "planned"/
"upcoming" modifier, a "would" reported by a past verb without a condition, "she said
she would name her cabinet next week", or a date after the publication day),
``hypothetical`` (a conditional subordinator or a could/would/may/might auxiliary, but
not that reported "would"); cue words are in ``events_modality.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Optional

import attrs
from spacy.tokens import Doc, Span, Token

from .calendar import Period, floor, period_value, shift
from .dateline import find_dateline, wire_head
from .documents import Document
from .errors import InvalidDocumentError
from .model import Anchor, Event, Granularity, Mention, TimeMention, TimeValue
from .normalize import PAST
from .sections import reference_date
from .syntax import verb_tense
from .summaries import render_summary, summary_referent, summary_tokens
from .triggers import (
    AUX_DEPS,
    NOUN_POS,
    VERB_POS,
    EventLexicon,
    TimeSpan,
    Trigger,
    anchor_trigger,
    direct_quote,
    event_tokens,
    is_clause_verb,
    is_event_noun,
    load_lexicon,
    time_spans,
    token_span,
    trigger_lemma,
    verb_trigger,
)

# Entity labels that name participants (people, groups, places, named events).
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
# Values that are on no calendar even when typed DATE.
_REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
# Dependents of a reporting verb that hold what is reported.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis"})


# --------------------------------------------------------------------------- flags


def _governors(verb: Token) -> list[Token]:
    """The verbs whose complement ``verb`` is ("plans to sign" -> plan), nearest first."""
    chain: list[Token] = []
    current = verb
    while current.dep_ in ("xcomp", "ccomp") and current.head.i != current.i and len(chain) < 3:
        current = current.head
        chain.append(current)
    return chain


def _own_words(trigger: Trigger) -> list[Token]:
    """The trigger and its clause verb: where its auxiliaries and negation attach."""
    if trigger.clause is None or trigger.clause.i == trigger.token.i:
        return [trigger.token]
    return [trigger.token, trigger.clause]


# The arguments of a verb that say what it happened to: "no" on one of them negates the
# event ("No agreement was reached", "reached no agreement").
_UNDERGOER_DEPS = frozenset({"dobj", "nsubjpass"})


def is_negated(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A negation on the trigger ("did not sign", "never arrived", "no agreement", "no
    deal was reached")."""
    for token in _own_words(trigger):
        if _has_negating_determiner(token, lexicon):
            return True
        for child in token.children:
            if child.dep_ == "neg" and child.lower_ in lexicon.negations:
                return True
            if child.dep_ in _UNDERGOER_DEPS and token.pos_ in ("VERB", "AUX") and _has_negating_determiner(child, lexicon):
                return True
    return False


def _has_negating_determiner(noun: Token, lexicon: EventLexicon) -> bool:
    return any(c.dep_ == "det" and c.lower_ in lexicon.negation_mods for c in noun.children)


# Tags of a finite verb: a clause with a tense of its own, which a governing verb's
# modality does not reach ("we will never forget what happened": happened is past).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _trigger_governors(trigger: Trigger) -> list[Token]:
    """The governing verbs whose modality is the trigger's: those of a non-finite
    complement ("plans to sign", "is expected to sign"), none for a finite clause."""
    clause = trigger.clause
    if clause is None or clause.tag_ in _FINITE_TAGS or any(c.dep_ in AUX_DEPS and c.tag_ != "TO" for c in clause.children):
        return []
    return _governors(clause)


def _modality_dependents(trigger: Trigger, governors: Sequence[Token]) -> Iterator[tuple[str, str]]:
    """(dependency, lowercased word) of the dependents that can mark a trigger's
    modality: those of its own words and of its nearest governing verb."""
    for token in _own_words(trigger) + list(governors[:1]):
        for child in token.children:
            yield child.dep_, child.lower_


def _has_condition(verb: Token, lexicon: EventLexicon) -> bool:
    """An "if"/"unless" on the clause or on an adverbial clause of it."""
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in lexicon.hypothetical_marks:
            return True
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in lexicon.hypothetical_marks for g in child.children):
            return True
    return False


def is_future_in_past(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A "would" in a clause reported by a past verb, without a condition: the future
    of then, as "will" was in the speaker's words ("Nemec said she would name her
    cabinet next week"), not a possibility."""
    clause = trigger.clause
    if clause is None or clause.dep_ != "ccomp":
        return False
    head = clause.head
    if head.lemma_.lower() not in lexicon.reporting or head.tag_ not in ("VBD", "VBN"):
        return False
    if not any(c.dep_ in AUX_DEPS and c.lower_ in lexicon.reported_future_aux for c in clause.children):
        return False
    return not _has_condition(clause, lexicon)


def is_planned_by_grammar(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """Future by its own words: a will/shall auxiliary, a "planned"/"upcoming" modifier,
    a governing "plans to"/"is scheduled to", or a reported "would" (the future of a
    past statement)."""
    if is_future_in_past(trigger, lexicon):
        return True
    governors = _trigger_governors(trigger)
    for dep, word in _modality_dependents(trigger, governors):
        if dep in AUX_DEPS and word in lexicon.planned_aux:
            return True
        if dep in ("amod", "compound") and word in lexicon.planned_mods:
            return True
    # "plans to sign", "is scheduled to sign", "is due to sign" (the adjective governs)
    return any(g.lemma_.lower() in lexicon.planned_heads or g.lower_ in lexicon.planned_heads for g in governors)


def is_planned(trigger: Trigger, when: TimeValue, published: Optional[date], lexicon: EventLexicon) -> bool:
    """Future by grammar (will, plan to, upcoming) or by date (after the publication day)."""
    if is_planned_by_grammar(trigger, lexicon):
        return True
    start = when.start
    return published is not None and start is not None and start.date() > published


def is_hypothetical(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A conditional or a modal of possibility ("if they sign", "could sign"); not a
    reported "would" that is the future of then (:func:`is_future_in_past`)."""
    reported_future = is_future_in_past(trigger, lexicon)
    for dep, word in _modality_dependents(trigger, _trigger_governors(trigger)):
        if dep in AUX_DEPS and word in lexicon.hypothetical_aux:
            if reported_future and word in lexicon.reported_future_aux:
                continue
            return True
        if dep == "mark" and word in lexicon.hypothetical_marks:
            return True
        if dep == "amod" and word in lexicon.hypothetical_mods:
            return True
    return False


def participants(
    parsed: Doc,
    span: tuple[int, int],
    *,
    also: Iterable[Token] = (),
    exclude: Optional[tuple[int, int]] = None,
    within: Optional[Span] = None,
) -> tuple[str, ...]:
    """Named people, groups and places of the event, in text order, once each: those
    inside its span, and those among ``also`` (the summary's words, which may borrow a
    subject from outside the clause: "Mali, which expelled ...")."""
    extra = {token.i for token in also}
    names: list[str] = []
    # the entities of the event's sentence when given (``Doc.ents`` builds every span of the text)
    for entity in _entities_in(within) if within is not None else parsed.ents:
        if entity.label_ not in PARTICIPANT_LABELS:
            continue
        inside = span[0] <= entity.start_char and entity.end_char <= span[1]
        if not inside and not all(token.i in extra for token in entity):
            continue
        if exclude is not None and entity.start_char < exclude[1] and exclude[0] < entity.end_char:
            continue
        name = _clean_name(entity.text)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _entities_in(span: Span) -> list[Span]:
    """The named entities inside ``span``, read off the tokens' IOB tags (``Span.ents``
    goes through every entity of the document)."""
    found: list[Span] = []
    start: Optional[int] = None
    for token in span:
        if start is not None and token.ent_iob_ != "I":
            found.append(Span(span.doc, start, token.i, label=span.doc[start].ent_type_))
            start = None
        if token.ent_iob_ == "B":
            start = token.i
    if start is not None:
        found.append(Span(span.doc, start, span.end, label=span.doc[start].ent_type_))
    return found


def _clean_name(text: str) -> str:
    """"the United Nations's" -> "United Nations"."""
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    name = re.sub(r"\s*['’]s?$", "", name)
    return name.strip()


# --------------------------------------------------------------------------- anchoring


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class Anchoring:
    """A trigger token dated by a time mention (the value may be derived, see relations),
    or, for an inherited date, by another time of the sentence or by the publication
    date (``time`` None); ``dated_by`` is the Mention's (see :data:`timeline.model.DATED_BY`)."""

    trigger: Trigger
    time: Optional[TimeSpan]
    when: TimeValue
    dated_by: str = "time"


def time_start(anchoring: Anchoring) -> int:
    """Where the dating time starts in the text (-1 for the publication date)."""
    return anchoring.time.mention.start if anchoring.time is not None else -1


def is_calendar_mention(mention: TimeMention) -> bool:
    """A DATE/TIME on the calendar: the kind of mention that dates an event."""
    return (
        mention.type in ("DATE", "TIME")
        and mention.interval is not None
        and mention.value not in _REFERENCE_VALUES
    )


def _finer(a: Anchoring, b: Anchoring) -> Anchoring:
    """Of two datings of one trigger, the finer one (the earlier on a tie)."""
    grain_a = a.when.granularity or Granularity.CENTURY
    grain_b = b.when.granularity or Granularity.CENTURY
    if grain_b > grain_a or (grain_b == grain_a and time_start(b) < time_start(a)):
        return b
    return a


def dateline_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Character bounds of the text's dateline and of the wire head that opens its lead
    ("KYIV, March 12, 2024 (Reuters) -", "BRASÍLIA (AP) —"): a date there dates the
    article, not an event, and a place there is where the story was filed, not part of
    the first event's summary."""
    bounds = []
    dateline = find_dateline(text)
    if dateline is not None:
        bounds.append((dateline.start, dateline.end))
    head = wire_head(text)
    if head is not None:
        bounds.append(head)
    return tuple(bounds)


def retraction_bounds(parsed: Doc, lexicon: EventLexicon) -> tuple[tuple[int, int], ...]:
    """Character bounds of the sentences that take back what was said ("An earlier
    version of this article said the vote was on Feb. 26", see
    ``events_retractions.tsv``): their dates are no claim of the source."""
    return tuple(
        (sentence.start_char, sentence.end_char) for sentence in parsed.sents if lexicon.retraction.search(sentence.text)
    )


def inside(start: int, end: int, bounds: Sequence[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies within one of ``bounds``."""
    return any(low <= start and end <= high for low, high in bounds)


def bounded_tokens(parsed: Doc, bounds: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Indices of the tokens that lie within ``bounds``."""
    return frozenset(t.i for t in parsed if inside(t.idx, t.idx + len(t.text), bounds))


def time_tokens(spans: Iterable[TimeSpan]) -> frozenset[int]:
    """Token indices of the time expressions: kept out of summaries and triggers."""
    return frozenset(token.i for time in spans for token in time.span)


def anchor_mentions(spans: Sequence[TimeSpan], lexicon: EventLexicon, skip: Sequence[tuple[int, int]] = ()) -> dict[int, Anchoring]:
    """Trigger token index -> its dating, for the calendar mentions outside ``skip``."""
    dated: dict[int, Anchoring] = {}
    for time in spans:
        mention = time.mention
        if not is_calendar_mention(mention):
            continue
        if inside(mention.start, mention.end, skip):
            continue  # the dateline dates the article, not an event
        trigger = anchor_trigger(time.span, lexicon)
        if trigger is None:
            continue
        found = Anchoring(trigger=trigger, time=time, when=mention.dating)
        index = trigger.token.i
        dated[index] = _finer(dated[index], found) if index in dated else found
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


def find_relations(spans: Sequence[TimeSpan], lexicon: EventLexicon) -> list[EventRelation]:
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
        anchored = anchor_trigger(time.span, lexicon)
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


def shift_time_value(when: TimeValue, offset: Offset, sign: int) -> Optional[TimeValue]:
    """``when`` moved by ``sign`` x ``offset`` at its own grain (day, month or year), at
    most a month for a step of months or years; else None."""
    start, grain = when.start, when.granularity
    if start is None or grain not in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
        return None
    unit = "day" if offset.unit == "days" else "month"
    if unit == "day" and grain != Granularity.DAY:
        return None  # "three days after" a month: no finer date can be claimed
    if unit == "month" and grain == Granularity.DAY:
        # "six months after announcing the deal" names the month: nobody counts months to
        # the day, and a day would contradict a source that gives the real one
        grain = Granularity.MONTH
    if grain == Granularity.YEAR and offset.count % 12:
        return None
    moved = shift(floor(start.date(), grain), unit, sign * offset.count)
    return period_value(Period(grain, floor(moved, grain)))


def _argument_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the subject/object nouns of a verb, or of a noun's own modifiers."""
    lemmas = set()
    for child in token.children:
        if child.dep_ in _ARGUMENT_DEPS and child.pos_ in NOUN_POS:
            lemmas.add(child.lemma_.lower())
        if child.dep_ == "agent":
            lemmas.update(g.lemma_.lower() for g in child.children if g.pos_ in NOUN_POS)
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in NOUN_POS:
        lemmas.add(token.head.lemma_.lower())  # "the pact signed on Saturday"
    return frozenset(lemmas)


def _same_event(a: Trigger, b: Trigger, lexicon: EventLexicon) -> bool:
    """A light coreference test: same trigger lemma and a shared argument, if any."""
    if trigger_lemma(a.token, lexicon) != trigger_lemma(b.token, lexicon):
        return False
    args_a = _argument_lemmas(a.clause or a.token)
    args_b = _argument_lemmas(b.clause or b.token)
    return not args_a or not args_b or bool(args_a & args_b)


def _dating_of(trigger: Trigger, dated: dict[int, Anchoring], lexicon: EventLexicon) -> Optional[Anchoring]:
    """The dating of ``trigger``: its own, else the nearest dated event that corefers."""
    if trigger.token.i in dated:
        return dated[trigger.token.i]
    matches = [a for a in dated.values() if _same_event(a.trigger, trigger, lexicon)]
    if not matches:
        return None
    return min(matches, key=lambda a: abs(a.trigger.token.i - trigger.token.i))


def resolve_relations(
    relations: Sequence[EventRelation], dated: dict[int, Anchoring], lexicon: EventLexicon
) -> dict[int, Anchoring]:
    """New datings from event-anchored times, one side dated -> the other side dated."""
    derived: dict[int, Anchoring] = {}
    for relation in relations:
        later = _dating_of(relation.later, dated, lexicon)
        earlier = _dating_of(relation.earlier, dated, lexicon)
        if later is not None and earlier is None:
            target, value = relation.earlier, shift_time_value(later.when, relation.offset, -1)
        elif earlier is not None and later is None:
            target, value = relation.later, shift_time_value(earlier.when, relation.offset, +1)
        else:
            continue  # neither side dated (unresolvable) or both dated (nothing to add)
        index = target.token.i
        if value is not None and index not in dated and index not in derived:
            derived[index] = Anchoring(trigger=target, time=relation.time, when=value)
    return derived


# --------------------------------------------------------------------------- events


def make_event(document: Document, anchoring: Anchoring, banned: frozenset[int], lexicon: EventLexicon) -> Event:
    """The Event (with its one Mention) for a dated trigger."""
    trigger, time = anchoring.trigger, anchoring.time
    word = trigger.token
    sentence = word.sent
    span = token_span(event_tokens(trigger))
    summary = summary_tokens(trigger, banned)
    time_span = (time.mention.start, time.mention.end) if time is not None else None
    planned = is_planned(trigger, anchoring.when, reference_date(document.text, document.published_date, word.idx), lexicon)
    mention = Mention(
        doc_id=document.id,
        sentence=sentence.text,
        trigger_span=(word.idx, word.idx + len(word.text)),
        event_span=span,
        time_span=time_span,
        time_text=time.mention.text if time is not None else None,
        trigger_text=word.text,
        sentence_span=(sentence.start_char, sentence.end_char),
        time_value=anchoring.when.value,
        dated_by=anchoring.dated_by,
        planned=planned,
    )
    return Event(
        when=anchoring.when,
        summary=render_summary(summary),
        trigger=trigger_lemma(word, lexicon),
        participants=_with_referent(participants(word.doc, span, also=summary, exclude=time_span, within=sentence), summary),
        mentions=(mention,),
        negated=is_negated(trigger, lexicon),
        planned=planned,
        hypothetical=is_hypothetical(trigger, lexicon),
        id=f"{document.id}:{word.idx}",
    )


def _with_referent(names: tuple[str, ...], summary: Sequence[Token]) -> tuple[str, ...]:
    """The participants and, first, the name the summary's subject pronoun stands for
    ("It cut 500 jobs" -> Acme Corp.), so that reports naming it merge with this one."""
    referent = summary_referent(summary)
    if referent is None:
        return names
    name = _clean_name(referent.text)
    return names if not name or name in names else (name, *names)


def _is_reporting(trigger: Trigger, lexicon: EventLexicon) -> bool:
    word = trigger.token
    return word.pos_ in VERB_POS and word.lemma_.lower() in lexicon.reporting


def _reported_content(verb: Token) -> set[int]:
    """Token indices of what a reporting verb reports: its complement clauses and
    quotes, not a verb conjoined to it ("said X and left on Monday")."""
    content: set[int] = set()
    for child in verb.children:
        if child.dep_ in _REPORTED_DEPS:
            content.update(t.i for t in child.subtree)
    return content


def drop_bare_reports(datings: dict[int, Anchoring], lexicon: EventLexicon) -> dict[int, Anchoring]:
    """The reporting policy: a statement goes when its content holds a dated event."""
    kept = {}
    for index, dating in datings.items():
        if _is_reporting(dating.trigger, lexicon):
            content = _reported_content(dating.trigger.token)
            if any(other in content and not _is_reporting(datings[other].trigger, lexicon) for other in datings):
                continue
        kept[index] = dating
    return kept


def reported_past_event(verb: Token, lexicon: EventLexicon) -> Optional[Trigger]:
    """The event a reporting verb reports, when it is told as past ("reported that the
    troops had arrived" -> arrive); None for a present, future or modal content, which
    the statement's date does not date ("said its troops will leave")."""
    for child in verb.children:
        if direct_quote(child) is not None:
            continue  # a quote is the speaker's words: the statement is the event
        if child.dep_ == "ccomp" and is_clause_verb(child) and not _is_reporting(Trigger(child, child), lexicon):
            trigger = verb_trigger(child, lexicon)
            if verb_tense(child) == PAST and not is_hypothetical(trigger, lexicon):
                return trigger
    return None


def report_the_reported(datings: dict[int, Anchoring], lexicon: EventLexicon) -> dict[int, Anchoring]:
    """The reporting policy, second half: a dated statement whose content is a past
    event without a date of its own becomes that event, dated by the statement's time
    ("State television last month reported that troops had arrived" -> the arrival,
    last month), so it merges with other reports of the arrival."""
    moved: dict[int, Anchoring] = {}
    for index, dating in datings.items():
        if _is_reporting(dating.trigger, lexicon):
            reported = reported_past_event(dating.trigger.token, lexicon)
            if reported is not None and reported.token.i not in datings:
                # the statement's clause still tells it: "State television reported that ..."
                retold = Trigger(token=reported.token, clause=dating.trigger.clause or dating.trigger.token)
                moved[reported.token.i] = attrs.evolve(dating, trigger=retold)
                continue
        moved[index] = dating
    return moved


def document_events(
    document: Document,
    parsed: Doc,
    mentions: Iterable[TimeMention],
    *,
    keep_reporting: bool = False,
) -> tuple[Event, ...]:
    """The dated events of one document, one Mention each, in text order.

    ``parsed`` is the spaCy parse of ``document.text``; ``mentions`` its time mentions.
    ``keep_reporting`` keeps statements whose content is dated on its own too."""
    if parsed.text != document.text:
        raise InvalidDocumentError(f"document {document.id!r}: the parse is not of this document's text")
    lexicon = load_lexicon()
    spans = time_spans(parsed, mentions)
    head = dateline_bounds(document.text)
    dated = anchor_mentions(spans, lexicon, head + retraction_bounds(parsed, lexicon))
    dated.update(resolve_relations(find_relations(spans, lexicon), dated, lexicon))
    if not keep_reporting:
        dated = report_the_reported(drop_bare_reports(dated, lexicon), lexicon)
    banned = time_tokens(spans) | bounded_tokens(parsed, head)
    ordered = sorted(dated.values(), key=lambda a: (a.trigger.token.idx, time_start(a)))
    return tuple(make_event(document, dating, banned, lexicon) for dating in ordered)
