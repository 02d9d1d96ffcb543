"""Events, step 3 of 4: date. The date of each detected event, by a policy.

1. **Its own time** (``dated_by="time"``): the time the attach step gave it.
2. **Event-anchored** (``dated_by="time"``): "signed on Saturday, a week after Niger
   accused France" -> the accusation a week before the signing. When one of the two
   events of a relation has a date, the other gets it shifted by the amount; a step of
   months or years gives a month, not a day ("closed on Friday, six months after
   announcing the deal" -> the announcement's month). The dated side is the same
   trigger token dated by another mention, or else an earlier or later dated event of
   the document with the same trigger lemma that shares a subject or object lemma ("the
   pact was signed" = "its ruling junta signed a mutual defense pact").
   *Same-time clauses* (``dated_by="time"``): a "when"/"while"/"as" clause with a
   subject of its own and its main clause share a date when only one has one ("had
   pleaded not guilty when he was indicted last April" -> the plea, April; the
   ``simultaneous`` rows of ``events_relations.tsv``).
3. **Reporting policy.** A reporting verb ("said on Tuesday"; ``events_reporting.tsv``)
   is an event of its own, the statement, dated by its time. When the reported clause
   holds an event that got a date of its own ("the official said the troops had
   arrived last month"), the statement is dropped and the reported event kept, unless
   the statement is dated on a day of its own (:func:`dated_on_its_own`,
   ``events_reporting_own_day.tsv``): a day or week time outside its content, on
   another day than some dated event of its content ("The regulator said on Thursday
   that bills will fall from January 1": two events, the saying Thursday and the fall
   January 1). A statement on its content's only day ("said on Monday the sides signed
   the truce earlier on Monday") or dated by a time inside its content still goes. A
   statement whose content holds no dated event and is a past event becomes that
   event, dated by the statement ("State television last month reported that troops
   had arrived" -> the arrival, last month). A statement whose content is present,
   future or modal is kept, with the content in its summary. ``keep_reporting=True``
   keeps every statement. A statement so dropped inherits no date under rule 4 either
   (branch inheritstmt): under ``undated="inherit"`` it came back on its own time, its
   content's day, as a second line of one event; except when the time it inherits
   dates none of its content and lies on another day (:func:`_inherits_own_day`).
4. **Undated events** (only with ``undated="inherit"`` or ``"inherit_events"``;
   otherwise they stay out). Most
   events a news story reports have no time of their own: "Apple unveiled the iPhone
   4" in an article about the keynote happened on the day the article tells of, and
   annotated timelines (SemEval-2015 Task 4) date such events by the same reading.
   The tense and aspect of the trigger's clause decide much of it: its verb form is
   read off ``resources/events_verb_forms.tsv`` (:func:`verb_form`: present, past,
   perfect, past perfect, past progressive, or none):

   a. *Sentence* (``dated_by="sentence"``): when the sentence holds a calendar DATE/TIME
      (outside the dateline), the event takes the one nearest to its trigger, in
      tokens, except a time that dates an event inside the trigger's own clause
      ("announced that Leopard would ship in 2007": 2007 is not the day of the
      announcement), a time over before publication for a present clause ("The strike
      began in 2019, and the union still occupies the factory": the occupying is not
      of 2019) or a "will" clause ("tore a ligament on Thursday and will miss the
      season") and a time after publication for a past one.
   b. *Plan or expectation held* (``dated_by="publication"``): a present-tense verb
      of planning or expecting (the ``head`` rows of ``events_modality.tsv``: "plans
      to", "expects", "is expected to") is a state that holds when the story is
      published; the planned event stays undated (c).
   c. *Undated*: future and modal clauses ("will launch", "could sue"),
      conditionals, infinitive complements ("tried to hasten it"), and documents
      without a publication date.
   d. *Restatement* (``dated_by="narrative"``): the same event told elsewhere with a
      time of its own (same trigger lemma, a shared subject or object) gives its date;
      not a mention marked as another occurrence ("a previous strike in March",
      ``events_other_instance.tsv``), which neither gives nor takes one.
   e. *Perfect*: "has fallen" is done before publication: the lead's day when that is
      an earlier day, else undated (never the publication day). A past perfect ("had
      retained") lies before the narrative's past: never the lead's day nor the
      publication day; the narrative's last date (g) at most, else undated.
   f. *Story day* (``dated_by="story"``): when the lead names the day the news
      happened ("Yesterday, ... Jobs unveiled iPhone 4", "Apple announced Friday"),
      that day: a day-grain time in the first sentences, on or up to a week before
      the publication day. A present clause ("the city remains under rebel control")
      holds when the story is published: the publication day instead of an earlier
      lead's day.
   g. *Past* (``dated_by="narrative"``): a simple past or a past passive ("looted",
      "was named") takes the last date, before publication, of the
      :data:`NARRATIVE_REACH` sentences before ("Rebels seized Goma on Monday. They
      looted the bank"), except for a statement ("said": the reporting, not a step of
      the narrative); else undated: it happened before the report, on a day not given.
   h. *Publication* (``dated_by="publication"``): the rest, present clauses and event
      nouns: a story reports what holds when it is published. An event noun that is
      the subject or object of a simple past takes that past's narrative date, else
      none ("The ruling sparked protests"), of a future or modal clause none ("the
      withdrawal will be complete"; :func:`host_clause`).

   Each rule was kept for what it did to the event-DCT links of TimeBank and to
   SemEval (docs/benchmarks.md, "Event-time links"); AQUAINT is the held-out check.

   Candidates are the detected triggers that no time already dates (not a noun that is
   a passive verb's agent: "toppled by military coups" is one event); verbs listed in
   ``resources/events_inherit_skip.tsv`` (the copula) name states, not events, and are
   skipped; with ``undated="inherit_events"`` so is a verb that the learned detector
   (:mod:`timeline.events.learned`) reads as a STATE or I_STATE. Inherited dates are
   weaker than a time of the event's own: the merge stage
   never lets them win over one nor report them as conflicts (see
   :mod:`timeline.merge`).

:func:`date_events` runs the policy and returns :class:`Anchoring` records: first the
events dated by a time (text order), then the inherited ones (text order).
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Optional

import attrs
from spacy.tokens import Doc, Token

from ..times.calendar import Period, day_value, floor, period_value, shift
from ..documents import Document
from ..errors import ResourceError
from .learned import detected_class
from ..model import Granularity, TimeValue
from ..nlp import sentence_bounds, sentence_bounds_at, sentence_starts
from ..times.normalize import FUTURE, PAST
from ..documents.sections import reference_date
from ..times.syntax import verb_auxiliaries, verb_tense
from ..tables import read_resource_rows
from ._parse import (
    NOUN_POS,
    SUBJECT_DEPS,
    VERB_POS,
    Anchoring,
    EventLexicon,
    TimeSpan,
    Trigger,
    complemented_preposition,
    copula_lemmas,
    dateline_bounds,
    direct_quote,
    inside,
    is_calendar_mention,
    is_clause_verb,
    is_denied,
    is_hypothetical,
    is_planned_by_grammar,
    is_reporting,
    time_start,
    trigger_lemma,
    verb_trigger,
)
from .attach import Attachment, EventRelation, Offset
from .detect import Detection

# Subject and object roles: the arguments that tell two mentions of an event apart.
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
# Dependents of a reporting verb that hold what is reported.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis"})


# --------------------------------------------------------------------------- relations


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



def _simultaneous_subordinator(clause: Token, lexicon: EventLexicon, words: Optional[frozenset[str]] = None) -> bool:
    """An adverbial clause with a subject of its own opened by a subordinator of the same
    time ("when he was indicted", "as oil prices jumped"; the ``simultaneous`` rows of
    events_relations.tsv), or of ``words`` when given."""
    if clause.dep_ != "advcl" or not any(child.dep_ in SUBJECT_DEPS for child in clause.children):
        return False  # a clause of its own subject: "as expected" is no event of the story
    words = lexicon.simultaneous if words is None else words
    return any(child.dep_ in ("advmod", "mark") and child.i < clause.i and child.lower_ in words for child in clause.children)


# A day, or a weekend (two days: "evacuated over the weekend after the river burst its
# banks"): short enough for what led up to it to share it
_DAY_VALUE = re.compile(r"^\d{4}-(?:\d\d-\d\d|W\d\d-WE)$")


def _leads_up(clause: Token, main_dating: Anchoring, lexicon: EventLexicon) -> bool:
    """A clause that tells what led up to its main clause, dated by the main clause's
    day (the ``leading_up`` rows of events_relations.tsv: "dropped another 4% on Monday
    after the company cut its forecast"). Not a clause counted from its main clause ("two
    weeks after the bank failed": the relation step's distance, not the same day), nor
    one of a main clause ahead or merely possible ("will miss the tie on Feb. 17 after
    he fractured his foot": the fracture is before the tie, not on its day)."""
    if any(child.dep_ == "npadvmod" for child in clause.children):
        return False
    main = clause.head
    if main.pos_ in VERB_POS and verb_tense(main) in (FUTURE, None):
        return False
    return _DAY_VALUE.match(main_dating.when.value) is not None and _simultaneous_subordinator(clause, lexicon, lexicon.leading_up)


def simultaneous_clauses(
    triggers: Sequence[Trigger], dated: Mapping[int, Anchoring], lexicon: EventLexicon
) -> dict[int, Anchoring]:
    """New datings from "when"/"while" clauses: a main clause and its adverbial clause of
    the same time share a date when only one of them has one ("Walsh had pleaded not
    guilty when he was indicted last April" -> the plea, April). A clause of its own
    time keeps it; a statement ("said when ...") is no step of the story."""
    by_clause = {trigger.clause.i: trigger for trigger in triggers if trigger.clause is not None}
    derived: dict[int, Anchoring] = {}
    for trigger in triggers:
        clause = trigger.clause
        if clause is None:
            continue
        main = by_clause.get(clause.head.i)
        if main is None:
            continue
        main_dating = dated.get(main.token.i)
        if main_dating is not None and trigger.token.i not in dated and _leads_up(clause, main_dating, lexicon):
            derived[trigger.token.i] = Anchoring(trigger=trigger, time=main_dating.time, when=main_dating.when)
            continue
        if not _simultaneous_subordinator(clause, lexicon):
            continue
        pair = (trigger, main)
        for source, target in (pair, pair[::-1]):
            source_dating = dated.get(source.token.i)
            if source_dating is None or target.token.i in dated or target.token.i in derived:
                continue
            if is_reporting(source, lexicon) or is_reporting(target, lexicon):
                continue
            derived[target.token.i] = Anchoring(trigger=target, time=source_dating.time, when=source_dating.when)
    return derived


# --------------------------------------------------------------------------- reporting


def _reported_content(verb: Token) -> set[int]:
    """Token indices of what a reporting verb reports: its complement clauses and
    quotes, not a verb conjoined to it ("said X and left on Monday")."""
    content: set[int] = set()
    for child in verb.children:
        if child.dep_ in _REPORTED_DEPS:
            content.update(t.i for t in child.subtree)
    return content


@functools.lru_cache(maxsize=1)
def own_day_grains() -> frozenset[Granularity]:
    """The grains of a statement's own time that keep it beside its dated content
    (the ``grain`` rows of ``events_reporting_own_day.tsv``)."""
    grains = set()
    for kind, name in read_resource_rows("events_reporting_own_day.tsv", 2):
        if kind != "grain" or name.upper() not in Granularity.__members__:
            raise ResourceError(f"resources/events_reporting_own_day.tsv: unknown row {kind!r} {name!r}")
        grains.add(Granularity[name.upper()])
    return frozenset(grains)


def _day_key(when: TimeValue) -> str:
    """The day of a value finer than a day ("2026-12-03T15:00" -> "2026-12-03"), else
    the value itself: what "the same day" compares."""
    if when.granularity is not None and when.granularity >= Granularity.DAY and when.start is not None:
        return when.start.date().isoformat()
    return when.value


def dated_on_its_own(dating: Anchoring, content: set[int], reported: Sequence[Anchoring]) -> bool:
    """A statement dated by a time of its own, outside what it reports, of a grain of
    ``events_reporting_own_day.tsv``, on another day than every dated event of its
    content ``reported`` ("The regulator said on Thursday that bills will fall from
    January 1": the saying is Thursday's, the fall January's): the telling is a step of
    the story of its own, which a reader of a news timeline expects on its day. A
    statement whose dated content all lies on its own day ("said on Monday the two sides
    signed the truce earlier on Monday"), or dated by a time inside its content, adds no
    line: the content carries that day. One content event on another day is enough
    ("said on Friday the problem had been fixed by 3 a.m. and that it would publish a
    report next week")."""
    time = dating.time
    if time is None or dating.dated_by != "time" or any(token.i in content for token in time.span):
        return False
    return _another_day_than_some(dating.when, reported)


def _another_day_than_some(when: TimeValue, reported: Sequence[Anchoring]) -> bool:
    """Whether a statement's own time ``when`` is of a grain of
    ``events_reporting_own_day.tsv`` and on another day than some of its dated content
    ``reported``: the own-day test of :func:`dated_on_its_own` and
    :func:`_inherits_own_day`."""
    if when.granularity not in own_day_grains():
        return False
    day = _day_key(when)
    return any(_day_key(other.when) != day for other in reported)


def _content_datings(content: set[int], datings: Mapping[int, Anchoring], lexicon: EventLexicon) -> list[Anchoring]:
    """The dated events (not statements) among ``datings`` (by token index) inside a
    statement's reported ``content`` (:func:`_reported_content`)."""
    return [other for index, other in datings.items() if index in content and not is_reporting(other.trigger, lexicon)]


def drop_bare_reports(datings: dict[int, Anchoring], lexicon: EventLexicon) -> dict[int, Anchoring]:
    """The reporting policy: a statement goes when its content holds a dated event,
    unless it is dated on a day of its own (:func:`dated_on_its_own`)."""
    kept = {}
    for index, dating in datings.items():
        if is_reporting(dating.trigger, lexicon):
            content = _reported_content(dating.trigger.token)
            reported = _content_datings(content, datings, lexicon)
            if reported and not dated_on_its_own(dating, content, reported):
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
        if child.dep_ == "ccomp" and is_clause_verb(child) and not is_reporting(Trigger(child, child), lexicon):
            trigger = verb_trigger(child, lexicon)
            if verb_tense(child) == PAST and not is_hypothetical(trigger, lexicon):
                return trigger
    return None


def report_the_reported(datings: dict[int, Anchoring], lexicon: EventLexicon) -> dict[int, Anchoring]:
    """The reporting policy, second half: a dated statement whose content is a past
    event without a date of its own becomes that event, dated by the statement's time
    ("State television last month reported that troops had arrived" -> the arrival,
    last month), so it merges with other reports of the arrival. A statement kept on a
    day of its own beside dated content (:func:`dated_on_its_own`: "said Tuesday they
    had detected water vapour, using data collected in 2024") stays the statement: its
    day is the telling's, not the detection's."""
    moved: dict[int, Anchoring] = {}
    for index, dating in datings.items():
        if is_reporting(dating.trigger, lexicon) and not _content_datings(
                _reported_content(dating.trigger.token), datings, lexicon):
            reported = reported_past_event(dating.trigger.token, lexicon)
            if reported is not None and reported.token.i not in datings:
                # the statement's clause still tells it: "State television reported that ..."
                retold = Trigger(token=reported.token, clause=dating.trigger.clause or dating.trigger.token)
                moved[reported.token.i] = attrs.evolve(dating, trigger=retold)
                continue
        moved[index] = dating
    return moved



# --------------------------------------------------------------------------- undated events


LEAD_SENTENCES = 3
"""How many sentences from the top (the dateline's included) make the story's lead."""

STORY_DAY_WINDOW = timedelta(days=7)
"""How long before publication the lead's day may lie to be the day the story tells of."""

@functools.lru_cache(maxsize=1)
def skipped_verbs() -> frozenset[str]:
    """Verb lemmas that name a state rather than an event (``events_inherit_skip.tsv``),
    and the clitics of those verbs that the tagger leaves unlemmatized ("’s", "’m")."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_inherit_skip.tsv", 1))


def is_skipped_verb(verb: Token) -> bool:
    """A verb of ``events_inherit_skip.tsv`` by its lemma, or a clitic of one written
    with a typographic apostrophe, which the tagger neither lemmatizes nor calls an
    auxiliary ("It’s not clear", "I’m confident": the copula)."""
    skipped = skipped_verbs()
    return verb.lemma_.lower() in skipped or verb.lower_.replace("\u2019", "'") in skipped


def _agent_of_event(noun: Token) -> bool:
    """True for an event noun that is the agent of a passive verb ("governments toppled
    by military coups"): the coup is the toppling, one event, told by the verb."""
    preposition = noun.head
    return noun.dep_ == "pobj" and preposition.dep_ == "agent" and is_clause_verb(preposition.head)


def dates_embedded_event(time: TimeSpan, trigger: Trigger, targets: Mapping[int, Optional[Trigger]]) -> bool:
    """True when ``time`` dates an event inside ``trigger``'s own clause ("announced
    that Leopard would ship in 2007": 2007 dates the shipping, not the announcing);
    ``targets`` is the attach step's time -> event map."""
    dated = targets.get(time.span.start)
    if dated is None:
        return False
    if dated.clause is None:
        return False  # an event noun in the trigger's own phrase ("in a July 16 press conference, Jobs said")
    head = trigger.clause if trigger.clause is not None else trigger.token
    return dated.clause.i != head.i and any(ancestor.i == head.i for ancestor in dated.clause.ancestors)


def dates_relative_clause_of(time: TimeSpan, trigger: Trigger, targets: Mapping[int, Optional[Trigger]]) -> bool:
    """True when ``trigger`` is an event noun and ``time`` dates the verb of a relative
    clause on it ("a shooting ... that left two people dead on Sunday")."""
    dated = targets.get(time.span.start)
    if trigger.clause is not None or dated is None or dated.clause is None:
        return False
    return dated.clause.dep_ == "relcl" and dated.clause.head.i == trigger.token.i


@functools.lru_cache(maxsize=1)
def attribution_words() -> frozenset[str]:
    """The heads of attribution phrases (``events_attributions.tsv``: "according")."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_attributions.tsv", 1))


def inside_attribution(time: TimeSpan, trigger: Trigger) -> bool:
    """True when ``time`` lies in an attribution phrase ("according to a study published
    on Wednesday") that does not hold ``trigger``: it dates the source, not what the
    sentence attributes to it."""
    for ancestor in time.span.root.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in attribution_words():
            return not any(token.i == trigger.token.i for token in ancestor.subtree)
    return False


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


def is_infinitive(trigger: Trigger) -> bool:
    """A "to" infinitive ("tried to hasten it", "voted to support"): what is aimed at,
    not what happened; so is a bare infinitive complement of one ("relied on
    mercenaries to help fight jihadists": the fighting)."""
    verb = trigger.clause
    return verb is not None and _is_infinitive_verb(verb)


def _is_infinitive_verb(verb: Token, depth: int = 0) -> bool:
    if verb.tag_ != "VB":
        return False
    if any(c.tag_ == "TO" and c.dep_ == "aux" for c in verb.children):
        return True
    bare = verb.dep_ == "xcomp" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return bare and depth < 2 and verb.head.i != verb.i and _is_infinitive_verb(verb.head, depth + 1)


PRESENT_FORM, PAST_FORM, PERFECT_FORM = "present", "past", "perfect"
PAST_PERFECT_FORM, PAST_PROGRESSIVE_FORM = "past_perfect", "past_progressive"
VERB_FORM_READINGS = (PRESENT_FORM, PAST_FORM, PERFECT_FORM, PAST_PERFECT_FORM, PAST_PROGRESSIVE_FORM)
"""The readings of ``resources/events_verb_forms.tsv``."""


@attrs.frozen
class VerbFormRow:
    """A row of ``events_verb_forms.tsv``: a verb with these tags and an auxiliary of
    this lemma and tags (``auxiliary`` None: whatever its auxiliaries) has this reading."""

    auxiliary: Optional[str]
    auxiliary_tags: frozenset[str]
    verb_tags: frozenset[str]
    reading: str


@functools.lru_cache(maxsize=1)
def verb_form_rows() -> tuple[VerbFormRow, ...]:
    """The rows of ``events_verb_forms.tsv``, in order (the first match wins)."""
    rows = []
    for auxiliary, auxiliary_tags, verb_tags, reading in read_resource_rows("events_verb_forms.tsv", 4):
        if reading not in VERB_FORM_READINGS:
            raise ResourceError(f"resources/events_verb_forms.tsv: reading must be one of {VERB_FORM_READINGS}, got {reading!r}")
        rows.append(
            VerbFormRow(
                auxiliary=None if auxiliary == "-" else auxiliary.lower(),
                auxiliary_tags=frozenset() if auxiliary_tags == "-" else frozenset(auxiliary_tags.split(",")),
                verb_tags=frozenset(verb_tags.split(",")),
                reading=reading,
            )
        )
    return tuple(rows)


def verb_group_form(verb: Token) -> Optional[str]:
    """The tense-aspect reading of a clause verb with its auxiliaries
    (``events_verb_forms.tsv``): "has fallen" perfect, "was named" past, "is searching"
    present; None for what no row reads (a modal, a future, an infinitive).

    Why not :func:`timeline.times.syntax.verb_tense`: that one answers where a time lies
    from the clause (past, present, future, with modals and verbs of planning: "is set
    to meet" is future), for normalizing times. The dating rules need the form itself:
    a present perfect, a past perfect and a past progressive are all PAST to
    ``verb_tense`` but date differently here, and its PAST also takes reduced relatives
    ("the volume produced") that this table leaves unread. Reading every PAST of
    ``verb_tense`` as a simple past was measured and dropped (SemEval 0.3518 -> 0.3509,
    docs/benchmarks.md), so the two stay apart; they share
    :func:`~timeline.times.syntax.verb_auxiliaries`."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    for row in verb_form_rows():
        if verb.tag_ not in row.verb_tags:
            continue
        if row.auxiliary is None:
            return row.reading  # the verb's own tag decides ("told", even misparsed with an auxiliary)
        if any(a.lemma_.lower() == row.auxiliary and a.tag_ in row.auxiliary_tags for a in auxiliaries):
            return row.reading
    return None


def verb_form(trigger: Trigger) -> Optional[str]:
    """The reading of the trigger's clause verb (:func:`verb_group_form`); None for an
    event noun outside any clause."""
    return verb_group_form(trigger.clause) if trigger.clause is not None else None


def is_perfect(trigger: Trigger) -> bool:
    """A present perfect ("has fallen", "have been arrested"): done before publication,
    on a day the clause does not give."""
    return verb_form(trigger) == PERFECT_FORM


def is_past_perfect(trigger: Trigger) -> bool:
    """A past perfect ("had retained"): before the past the narrative tells of."""
    return verb_form(trigger) == PAST_PERFECT_FORM


def is_simple_past(trigger: Trigger) -> bool:
    """A simple past or a past passive ("the junta seized power", "was named"): told
    as done, on a day before the report."""
    return verb_form(trigger) == PAST_FORM


def is_present(trigger: Trigger) -> bool:
    """A present clause ("operates", "is searching", "is controlled", "have been
    falling"): what holds when the story is published."""
    return verb_form(trigger) == PRESENT_FORM


def holds_at_publication(trigger: Trigger) -> bool:
    """A present clause, dated by the publication day rather than an earlier day the
    lead tells of: what it says holds when the story appears ("the city remains under
    rebel control")."""
    return is_present(trigger)


def holds_plan(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A present-tense verb of planning or expecting as the event itself ("the company
    plans to open a store", "the deal is expected to close"): the plan holds when the
    story is published (the ``head`` rows of ``events_modality.tsv``)."""
    verb = trigger.clause
    if verb is None or verb.i != trigger.token.i or not is_present(trigger):
        return False
    if verb.lemma_.lower() not in lexicon.planned_heads and verb.lower_ not in lexicon.planned_heads:
        return False
    return not is_hypothetical(trigger, lexicon)


def fits_tense(time: TimeSpan, trigger: Trigger, published: Optional[date]) -> bool:
    """False for a time of the sentence that the trigger's tense rules out as its own:
    one over before publication for a present clause (:func:`over_for_present`) or a
    future one (:func:`over_for_future`), one after it for a past one
    (:func:`ahead_of_past`)."""
    if published is None:
        return True
    return not over_for_present(time, trigger, published) and not ahead_of_past(time, trigger, published) and not over_for_future(time, trigger, published)


def over_for_future(time: TimeSpan, trigger: Trigger, published: date) -> bool:
    """A time over before the publication day, and the trigger a clause with "will"
    ("The striker tore a ligament on Thursday and will miss the rest of the season":
    the missing is not of Thursday). A "would" of reported speech looks ahead of the
    report, not of publication, and keeps the time."""
    end = time.mention.dating.end  # exclusive
    verb = trigger.clause
    if end is None or end.date() > published or verb is None:
        return False
    return verb_tense(verb) == FUTURE and any(a.lower_ in ("will", "'ll", "shall") for a in verb_auxiliaries(verb))


def over_for_present(time: TimeSpan, trigger: Trigger, published: date) -> bool:
    """A time over before the publication day, and the trigger a present clause
    ("The strike began in 2019, and the union still occupies the factory") or the state
    a present linking verb tells (:func:`is_present_state`)."""
    end = time.mention.dating.end  # exclusive
    return end is not None and end.date() <= published and (is_present(trigger) or is_present_state(trigger))


def is_present_state(trigger: Trigger) -> bool:
    """An event noun that is the state a present linking verb (``events_copulas.tsv``)
    puts its subject in: "Bazoum, who was ousted in June, remains under arrest" (the
    arrest is not of June), "the suspect is in custody". Other nouns of a present clause
    keep the sentence's time (docs/benchmarks.md: that wider rule was measured and
    dropped)."""
    noun = trigger.token
    if trigger.clause is not None or noun.pos_ not in NOUN_POS or noun.dep_ != "pobj":
        return False
    preposition = noun.head
    verb = preposition.head
    if preposition.dep_ != "prep" or verb.pos_ not in VERB_POS or verb.i == preposition.i:
        return False
    return verb.lemma_.lower() in copula_lemmas() and verb_group_form(verb) == PRESENT_FORM


def ahead_of_past(time: TimeSpan, trigger: Trigger, published: date) -> bool:
    """A time that starts after the publication day, and the trigger told in the past
    or the present perfect ("the Met Office has issued a warning ... gusts on Friday":
    done by publication, so not on a day ahead)."""
    start = time.mention.dating.start
    return start is not None and start.date() > published and verb_form(trigger) in (PAST_FORM, PAST_PERFECT_FORM, PERFECT_FORM)


def is_condition_clause(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A clause verb of a condition ("If no candidate wins a majority, a runoff will be
    held on Dec. 20"; the ``mark`` rows of the hypothetical flag in events_modality.tsv:
    if, unless, whether): no step of the story, so it inherits no time of its sentence,
    which dates the consequence."""
    clause = trigger.clause
    if clause is None or clause.i != trigger.token.i or clause.dep_ != "advcl":
        return False
    return any(child.dep_ == "mark" and child.lower_ in lexicon.hypothetical_marks for child in clause.children)


@functools.lru_cache(maxsize=1)
def offence_complements() -> frozenset[tuple[str, str]]:
    """(verb lemma, preposition) pairs whose gerund is the act they judge
    (``events_offence_complements.tsv``)."""
    return frozenset((row[0].lower(), row[1].lower()) for row in read_resource_rows("events_offence_complements.tsv", 2))


def is_offence_complement(trigger: Trigger) -> bool:
    """A gerund after the preposition of a verb of the law's judgment ("convicted of
    defrauding", "pleaded guilty to lying"): the act judged, before the judging."""
    preposition = complemented_preposition(trigger.token)
    if preposition is None:
        return False
    verb = preposition.head
    if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "oprd", "advmod"):
        verb = verb.head  # "pleaded guilty to lying": "to" hangs on "guilty"
    return verb.pos_ == "VERB" and (verb.lemma_.lower(), preposition.lower_) in offence_complements()


def inherited_dating(
    trigger: Trigger,
    times: Sequence[TimeSpan],
    story: Optional[TimeSpan],
    published: Optional[date],
    lexicon: EventLexicon,
    targets: Mapping[int, Optional[Trigger]],
    previous: Callable[[], Optional[Anchoring]] = lambda: None,
    restated: Callable[[], Optional[Anchoring]] = lambda: None,
) -> Optional[Anchoring]:
    """The inherited dating of one undated trigger (rule 4 of the module docstring)."""
    if is_condition_clause(trigger, lexicon) or is_offence_complement(trigger):
        # a condition is no step of the story; the act a verdict judges ("convicted on
        # Monday of defrauding investors") came before it
        return None
    if is_denied(trigger, lexicon) and not is_present(trigger):
        # what did not happen ("no one was injured", "was never charged") has no day to
        # take; a denied present ("no one knows") still holds when the story is told. A
        # plain "not" keeps its date, flagged ("did not respond": TimeML links it to the
        # publication; the wider rule cost TempEval-3 items, docs/benchmarks.md)
        return None
    told_by_relative = [time for time in times if dates_relative_clause_of(time, trigger, targets) and fits_tense(time, trigger, published)]
    if told_by_relative:
        # "a shooting that left two people dead on Sunday": the noun's own clause tells
        # its day, nearer to it than any other time of the sentence
        relative_time = told_by_relative[0]
        return Anchoring(trigger=trigger, time=relative_time, when=relative_time.mention.dating, dated_by="sentence")
    own_level = [
        time for time in times
        if not dates_embedded_event(time, trigger, targets) and fits_tense(time, trigger, published)
        and not inside_attribution(time, trigger)
    ]
    time = nearest_time(trigger.token, own_level)
    if time is not None:
        return Anchoring(trigger=trigger, time=time, when=time.mention.dating, dated_by="sentence")
    if holds_plan(trigger, lexicon):
        return _on_publication(trigger, published)
    if is_future_or_modal(trigger, lexicon) or is_infinitive(trigger):
        return None
    retold = restated()
    if retold is not None:
        return attrs.evolve(retold, trigger=trigger, dated_by="narrative")
    if is_perfect(trigger):
        # "has fallen": before publication; the lead's day only when it is an earlier day
        if story is not None and published is not None and _starts_before(story, published):
            return Anchoring(trigger=trigger, time=story, when=story.mention.when, dated_by="story")
        return None
    if is_past_perfect(trigger):
        if trigger.clause is not None and trigger.clause.dep_ == "ccomp":
            # "The jury heard on Monday that the defendant had fled to Spain": before
            # what it is told in, whose day is the narrative's last
            return None
        # "had retained": before the past the story tells of, so never its day
        return _narrative_date(trigger, lexicon, previous)
    if story is not None:
        if published is not None and holds_at_publication(trigger) and _starts_before(story, published):
            # "the city remains under rebel control": when the story is published
            return _on_publication(trigger, published)
        return Anchoring(trigger=trigger, time=story, when=story.mention.when, dated_by="story")
    if published is None:
        return None
    if is_simple_past(trigger):
        return _narrative_date(trigger, lexicon, previous)
    host = host_clause(trigger, lexicon)
    if host is not None and is_simple_past(host):
        # "The ruling sparked protests": the protests came with the sparking, not on publication
        return _narrative_date(trigger, lexicon, previous)
    if host is not None and is_future_or_modal(host, lexicon):
        return None  # "the withdrawal will be complete": not done by publication
    return _on_publication(trigger, published)


def host_clause(trigger: Trigger, lexicon: EventLexicon) -> Optional[Trigger]:
    """For an event noun that is the subject or object of a clause verb, that verb's
    trigger ("protests" of "sparked protests", "the withdrawal" of "will be
    complete"); else None."""
    noun = trigger.token
    if trigger.clause is not None or noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or noun.head.i == noun.i:
        return None
    return verb_trigger(noun.head, lexicon) if is_clause_verb(noun.head) else None


def _on_publication(trigger: Trigger, published: Optional[date]) -> Optional[Anchoring]:
    if published is None:
        return None
    return Anchoring(trigger=trigger, time=None, when=day_value(published), dated_by="publication")


def _narrative_date(trigger: Trigger, lexicon: EventLexicon, previous: Callable[[], Optional[Anchoring]]) -> Optional[Anchoring]:
    """Done before the report: the date just told of, else no day to give; a statement
    ("told Reuters", "said") is the reporting of the news, not a step of the narrative
    it tells."""
    last = previous() if not is_reporting(trigger, lexicon) else None
    return attrs.evolve(last, trigger=trigger) if last is not None else None


def _starts_before(time: TimeSpan, published: date) -> bool:
    start = time.mention.when.start
    return start is not None and start.date() < published


def story_day(parsed: Doc, times: dict[int, list[TimeSpan]], published: Optional[date]) -> Optional[TimeSpan]:
    """The day the story tells of, when its lead says so: the first day-grain time in
    the first :data:`LEAD_SENTENCES` sentences, on or up to :data:`STORY_DAY_WINDOW`
    before the publication day ("Yesterday ... Jobs unveiled iPhone 4")."""
    if published is None:
        return None
    for number, start in enumerate(sentence_starts(parsed)):
        if number >= LEAD_SENTENCES:
            break
        for time in sorted(times.get(start, []), key=lambda t: t.span.start):
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
        by_sentence.setdefault(sentence_bounds_at(time.span.doc, time.span.start)[0], []).append(time)
    return by_sentence


STATE_CLASSES = frozenset({"STATE", "I_STATE"})
"""TimeML classes of the clause verbs that inherit no date: what the learned detector
(:mod:`timeline.events.learned`) reads as a state ("know", "want", "have" of
possession) holds over time and is no event of a timeline."""


def _detected_event_verb(verb: Token) -> bool:
    """False for a clause verb that the learned detector reads as a state. A verb it
    reads as no event at all is kept: habitual and generic presents ("the airline
    operates 40 flights a day") are events of the dating policy (docs/benchmarks.md)."""
    return detected_class(verb) not in STATE_CLASSES


def _inheriting(trigger: Trigger, skip_states: bool = False) -> Optional[Trigger]:
    """The trigger as a candidate for an inherited date: None for a state verb ("be",
    and with ``skip_states`` what the learned detector reads as a state), the noun alone
    for a state verb's event noun ("the election was ..."), None for the agent of a
    passive event verb."""
    clause = trigger.clause
    if skip_states and clause is not None and clause.i == trigger.token.i and not _detected_event_verb(clause):
        return None
    if clause is not None and is_skipped_verb(clause):
        if clause.i == trigger.token.i:
            return None
        trigger = Trigger(token=trigger.token, clause=None)
    if trigger.clause is None and _agent_of_event(trigger.token):
        return None
    return trigger


def inherited_datings(
    document: Document,
    parsed: Doc,
    spans: Sequence[TimeSpan],
    triggers: Iterable[Trigger],
    targets: Mapping[int, Optional[Trigger]],
    *,
    taken: Iterable[int],
    banned: frozenset[int],
    lexicon: EventLexicon,
    dated: Sequence[Anchoring] = (),
    skip_states: bool = False,
) -> list[Anchoring]:
    """Inherited datings (rule 4 of the module docstring) of the ``triggers`` whose
    token is not ``taken`` (dated already) nor ``banned`` (a time's or dateline's)."""
    skip = dateline_bounds(document.text)
    times = _sentence_times(parsed, spans, skip)
    taken_tokens = set(taken)
    published = document.published_date
    story = story_day(parsed, times, published)
    starts = sentence_starts(parsed)
    restatements = _Restatements(dated, lexicon)
    datings = []
    for found in triggers:
        trigger = _inheriting(found, skip_states)
        if trigger is None:
            continue
        word = trigger.token
        if word.i in taken_tokens or word.i in banned:
            continue
        if inside(word.idx, word.idx + 1, skip):
            continue
        # teasers for other stories: no publication date, no story day (timeline.documents.sections)
        here = reference_date(document.text, published, word.idx)
        # both looked up only when the policy gets that far
        previous = functools.partial(_previous_date, word, times, starts, here)
        restated = functools.partial(restatements.nearest, trigger)
        dating = inherited_dating(
            trigger, times.get(sentence_bounds(word)[0], []), story if here else None, here, lexicon, targets, previous, restated
        )
        if dating is not None:
            datings.append(dating)
    return datings


NARRATIVE_REACH = 2
"""How many sentences back a simple past may take the narrative's last date from
(tuned on TimeBank: 1 and 2 tie on the publication relation, 2 is better on SemEval,
3 and more worse)."""


def _previous_date(word: Token, times: Mapping[int, list[TimeSpan]], sentence_starts: Sequence[int], published: Optional[date]) -> Optional[Anchoring]:
    """The last day- or month-grain time, before the publication day, of the
    :data:`NARRATIVE_REACH` sentences before ``word``'s: the date the narrative just
    told of ("On Monday police arrested two men. They searched the house ...")."""
    if published is None:
        return None
    position = bisect.bisect_left(sentence_starts, sentence_bounds(word)[0])
    best: Optional[TimeSpan] = None
    for start in sentence_starts[max(0, position - NARRATIVE_REACH) : position]:
        for time in times.get(start, []):
            when = time.mention.dating
            if when.start is None or when.granularity is None or when.granularity < Granularity.MONTH:
                continue
            if when.start.date() >= published:
                continue
            if best is None or time.span.start > best.span.start:
                best = time
    if best is None:
        return None
    return Anchoring(trigger=Trigger(token=word, clause=None), time=best, when=best.mention.dating, dated_by="narrative")


@functools.lru_cache(maxsize=1)
def other_instance_words() -> frozenset[str]:
    """Modifiers that make an event another occurrence of its kind ("a previous strike";
    ``events_other_instance.tsv``)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_other_instance.tsv", 2))


def is_other_instance(trigger: Trigger) -> bool:
    """The trigger is marked as another occurrence than the story's ("A previous strike
    in March"): no restatement of a mention of the same word."""
    words = other_instance_words()
    # "another" is the noun's determiner (det), the others its modifiers
    return any(child.dep_ in ("amod", "advmod", "det") and child.lower_ in words for child in trigger.token.children)


class _Restatements:
    """The dating of the same event told with a date of its own elsewhere in the
    document (same trigger lemma, a shared subject or object), the nearest one (the
    first in ``dated`` of two as near); a mention marked as another occurrence ("a
    previous strike") restates none. The datings that can be restated are indexed once by trigger lemma and token position, and each
    look-up searches outward from its trigger, nearest first, stopping at the first
    distance with a match. Comparing every undated trigger with every dated one was
    quadratic in a long text (a paragraph repeated 1,000 times: 800,000 comparisons,
    issue #20). Built on first use."""

    def __init__(self, dated: Sequence[Anchoring], lexicon: EventLexicon) -> None:
        self._dated = dated
        self._lexicon = lexicon
        # lemma -> (token positions sorted, [(position in dated, anchoring, its argument lemmas)] alike)
        self._by_lemma: Optional[dict[str, tuple[list[int], list[tuple[int, Anchoring, frozenset[str]]]]]] = None

    def _index(self) -> dict[str, tuple[list[int], list[tuple[int, Anchoring, frozenset[str]]]]]:
        if self._by_lemma is None:
            grouped: dict[str, list[tuple[int, int, Anchoring, frozenset[str]]]] = {}
            for order, anchoring in enumerate(self._dated):
                if anchoring.dated_by != "time" or is_other_instance(anchoring.trigger):
                    continue
                found = anchoring.trigger
                grouped.setdefault(trigger_lemma(found.token, self._lexicon), []).append(
                    (found.token.i, order, anchoring, _argument_lemmas(found.clause or found.token)))
            self._by_lemma = {}
            for lemma, rows in grouped.items():
                rows.sort(key=lambda row: (row[0], row[1]))
                self._by_lemma[lemma] = ([row[0] for row in rows], [(row[1], row[2], row[3]) for row in rows])
        return self._by_lemma

    def nearest(self, trigger: Trigger) -> Optional[Anchoring]:
        """The restated dating of ``trigger`` (the class docstring), or None."""
        if is_other_instance(trigger):
            return None
        found = self._index().get(trigger_lemma(trigger.token, self._lexicon))
        if found is None:
            return None
        positions, rows = found
        mine = _argument_lemmas(trigger.clause or trigger.token)
        here = trigger.token.i
        right = bisect.bisect_left(positions, here)
        left = right - 1
        # step outward one distance at a time; at a distance with a match, the first
        # of its matches in the datings' order (as min() over them in that order)
        while left >= 0 or right < len(positions):
            distance = min(here - positions[left] if left >= 0 else sys.maxsize,
                           positions[right] - here if right < len(positions) else sys.maxsize)
            best: Optional[tuple[int, Anchoring]] = None
            while left >= 0 and here - positions[left] == distance:
                best = self._better(best, rows[left], mine)
                left -= 1
            while right < len(positions) and positions[right] - here == distance:
                best = self._better(best, rows[right], mine)
                right += 1
            if best is not None:
                return best[1]
        return None

    @staticmethod
    def _better(best: Optional[tuple[int, Anchoring]], row: tuple[int, Anchoring, frozenset[str]],
                mine: frozenset[str]) -> Optional[tuple[int, Anchoring]]:
        order, anchoring, theirs = row
        # _same_event's argument test (the lemmas are equal already)
        if mine and theirs and not mine & theirs:
            return best
        return (order, anchoring) if best is None or order < best[0] else best


def date_events(
    document: Document,
    parsed: Doc,
    spans: Sequence[TimeSpan],
    detection: Detection,
    attachment: Attachment,
    *,
    lexicon: EventLexicon,
    banned: frozenset[int],
    keep_reporting: bool = False,
    undated: str = "drop",
) -> list[Anchoring]:
    """The date step: the datings of the document's events (module docstring)."""
    dated = dict(attachment.dated)
    dated.update(resolve_relations(attachment.relations, dated, lexicon))
    dated.update(simultaneous_clauses(detection.triggers, dated, lexicon))
    dropped: frozenset[int] = frozenset()
    if not keep_reporting:
        kept = drop_bare_reports(dated, lexicon)
        dropped = frozenset(dated) - frozenset(kept)
        dated = report_the_reported(kept, lexicon)
    ordered = sorted(dated.values(), key=lambda a: (a.trigger.token.idx, time_start(a)))
    if undated not in ("inherit", "inherit_events"):
        return ordered
    taken = [a.trigger.token.i for a in ordered]
    inherited = inherited_datings(
        document, parsed, spans, detection.triggers, attachment.targets, taken=taken, banned=banned, lexicon=lexicon, dated=ordered,
        skip_states=undated == "inherit_events",
    )
    by_token = {a.trigger.token.i: a for a in ordered}
    return ordered + [
        a for a in inherited
        if a.trigger.token.i not in dropped
        or _inherits_own_day(a, _content_datings(_reported_content(a.trigger.token), by_token, lexicon))
    ]


def _inherits_own_day(statement: Anchoring, reported: Sequence[Anchoring]) -> bool:
    """A statement the reporting policy dropped that inherits, under
    ``undated="inherit"``, a time of its sentence that dates none of its ``reported``
    content, of a grain of ``events_reporting_own_day.tsv``, on another day than some
    of that content: a day of its own that the parse hung inside the content ("said on
    Wednesday she would step down at the end of the month"). Any other statement so
    dropped inherits no date: its time would be its content's day, the statement a
    second line of one event (branch inheritstmt)."""
    time = statement.time
    if time is None or statement.dated_by != "sentence":
        return False
    if any(other.time is not None and other.time.span.start == time.span.start for other in reported):
        return False
    return _another_day_than_some(statement.when, reported)


__all__ = [
    "LEAD_SENTENCES", "NARRATIVE_REACH", "PAST_FORM", "PAST_PERFECT_FORM", "PAST_PROGRESSIVE_FORM",
    "PERFECT_FORM", "PRESENT_FORM", "STATE_CLASSES", "STORY_DAY_WINDOW", "VERB_FORM_READINGS", "VerbFormRow",
    "ahead_of_past", "attribution_words", "date_events", "dated_on_its_own", "dates_embedded_event", "dates_relative_clause_of",
    "drop_bare_reports", "fits_tense", "inside_attribution", "is_condition_clause", "is_offence_complement", "offence_complements",
    "holds_at_publication", "holds_plan", "host_clause", "inherited_dating", "inherited_datings", "is_future_or_modal",
    "is_infinitive", "is_other_instance", "is_past_perfect", "is_perfect", "is_present", "is_present_state",
    "is_simple_past", "is_skipped_verb",
    "nearest_time", "other_instance_words", "over_for_future", "own_day_grains", "over_for_present", "report_the_reported",
    "reported_past_event", "resolve_relations", "shift_time_value", "simultaneous_clauses", "skipped_verbs",
    "story_day", "verb_form", "verb_form_rows", "verb_group_form"
]
