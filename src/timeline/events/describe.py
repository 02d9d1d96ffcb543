"""Events, step 4 of 4: describe. The :class:`timeline.model.Event` of a dated trigger:
its trigger lemma (a nominalization reports its verb: "the signing" -> sign; a verb
keeps its particle: "stepped down"), its summary (:mod:`timeline.events.summary`), its
participants (the named people, groups and places of its clause, not a demonym modifying a
noun, a place qualifying a title before a name, nor a name of a subordinate or relative
clause of another verb: :func:`participants`) and its flags.

Flags: ``negated`` (a negation dependent of the trigger, or "no" on an event noun or on
the subject or object of its verb: "no chemicals leaked"),
``planned`` (will/shall, a governing "plan to"/"scheduled to"/..., a "planned"/
"upcoming" modifier, a "would" reported by a past verb without a condition, "she said
she would name her cabinet next week", or a date after the publication day),
``hypothetical`` (a conditional subordinator or a could/would/may/might auxiliary, but
not that reported "would"); cue words are in ``events_modality.tsv``.

:func:`describe_events` describes a document's datings and, for the *inherited* ones
(``undated="inherit"``; an event a time dates is never touched, so the default output
is that of :func:`make_event` alone), keeps what a reader sees as one event line:

* **no fragments that are no event**: an inherited event is left out when its trigger
  is a participle used as a preposition ("Including") or a name the tagger read as a
  verb ("ECOWAS itself"), when its verb has no tense ("Groups affiliated with ISIS"),
  when its summary is an empty "it" with a verb ("It is known") or tells another
  clause than the trigger's ("Pending" for the noun of "pending an investigation")
  (:data:`DROPPED_FRAGMENTS`, :func:`timeline.events.summary.fragment_reason`); the
  empty "it" is left out even when a time dates it (:data:`ALWAYS_DROPPED`);
* **one dating per summary**: two inherited events of the document with the same
  summary (two words of one clause, "Niger told the U.S. to withdraw ...": "told" and
  "withdraw") are dated as the clause is told: by the trigger that heads the summary's
  clause ("triggered" over its subject "the designation"), else the first in the text
  (:func:`date_twins`). They stay two events (SemEval-2015 marks both words); the
  table shows their identical rows once.
"""

from __future__ import annotations

import re

import attrs
from collections.abc import Iterable, Sequence
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..documents import Document
from ..model import Event, Mention
from ..nlp import entities_between, sentence_bounds
from ..documents.sections import reference_date
from ._parse import (
    Anchoring,
    EventLexicon,
    Trigger,
    event_tokens,
    is_clause_verb,
    is_hypothetical,
    is_negated,
    is_planned,
    token_span,
    trigger_lemma,
)
from .summary import EMPTY_IT, controller, NO_EVENT_WORD, NO_TENSE, NO_TRIGGER, fragment_reason, render_summary, summary_head, summary_referent, summary_tokens

# Entity labels that name participants (people, groups, places, named events).
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})


def participants(
    parsed: Doc,
    span: tuple[int, int],
    *,
    also: Iterable[Token] = (),
    exclude: Optional[tuple[int, int]] = None,
    within: Optional[Span] = None,
    filed: frozenset[int] = frozenset(),
    own_verbs: Sequence[Token] = (),
) -> tuple[str, ...]:
    """Named people, groups and places of the event, in text order, once each: those
    inside its span, and those among ``also`` (the summary's words, which may borrow a
    subject from outside the clause: "Mali, which expelled ..."); none with a token in
    ``filed`` (the dateline and wire head: "BERLIN - Train" is where the story was
    filed, glued by the tagger to the lead's first word); no demonym modifying a noun
    ("Chinese President Xi Jinping": :func:`is_modifying_demonym`); given ``own_verbs``
    (the trigger, its clause verb and the verbs between), none of the span inside a
    clause of another verb (:func:`in_other_clause`: "in a deal brokered by China")."""
    extra = {token.i for token in also}
    own = frozenset(token.i for token in own_verbs) if own_verbs else None
    names: list[str] = []
    # the entities of the event's sentence when given (``Doc.ents`` builds every span of the text)
    for entity in entities_between(parsed, within.start, within.end, cut=True) if within is not None else parsed.ents:
        if entity.label_ not in PARTICIPANT_LABELS:
            continue
        inside = span[0] <= entity.start_char and entity.end_char <= span[1]
        if not inside and not all(token.i in extra for token in entity):
            continue
        if exclude is not None and entity.start_char < exclude[1] and exclude[0] < entity.end_char:
            continue
        if filed and any(token.i in filed for token in entity):
            continue
        if is_modifying_demonym(entity) or is_title_place(entity):
            continue
        if inside and own is not None and in_other_clause(entity.root, own):
            continue
        name = _clean_name(entity.text)
        if name and name not in names:
            names.append(name)
    return tuple(names)


# Dependencies of a word that modifies a noun rather than heading a noun phrase.
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
# Dependencies of a verb that heads a clause of its own inside another clause: a
# subordinate clause, a relative clause, the clause a preposition takes ("before tearing
# through ..."). Not a "to" complement (xcomp): what "refuses to recognize Niger's
# government" or "agreed to buy Activision" is about is in it; nor a verb joined to one
# ("agreed to restore ties and reopen embassies in Riyadh": conj). Not the reported
# clause (ccomp: "announced that Britain would hold an election"): the names of what a
# statement reports are what the merge matches statements by (left out, SemEval-2015
# trial fell 0.3940 -> 0.3928, docs/benchmarks.md).
# A participle on a noun (acl) counts only through its "by" agent ("a deal brokered by
# China"): a place phrase after it is as often the noun's or the main verb's, which the
# parse hangs on the participle ("launched a rocket carrying satellites from Kourou":
# left out, two launch reports no longer shared Kourou and the merge probes lost them).
OTHER_CLAUSE_DEPS = frozenset({"advcl", "relcl", "pcomp", "csubj", "parataxis"})


def is_modifying_demonym(entity: Span) -> bool:
    """A nationality or group word that modifies a noun ("Chinese President Xi Jinping",
    "the Russian invasion", "Kenyan-led force"): it tells what the noun is, it names no
    participant; the head of a noun phrase ("the Russians", "Palestinians fled") does."""
    if entity.label_ != "NORP":
        return False
    root = entity.root
    return root.pos_ == "ADJ" or root.dep_ in _MODIFIER_DEPS


# Labels of the names of places and peoples, which a title before a name may carry.
_TITLE_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


def is_title_place(entity: Span) -> bool:
    """A place that qualifies a title before a person's name ("U.S. President Joe Biden",
    "Argentina's President Javier Milei"): the person is the participant, the place
    tells which office is meant."""
    if entity.label_ not in _TITLE_PLACE_LABELS:
        return False
    root = entity.root
    title = root.head
    if root.dep_ not in ("compound", "poss") or title.i == root.i or entity.start <= title.i < entity.end:
        return False
    return title.dep_ == "compound" and title.ent_type_ == "" and title.head.ent_type_ == "PERSON"


def in_other_clause(token: Token, own: frozenset[int]) -> bool:
    """True when ``token`` hangs, below the event's own verbs (token indices ``own``), on
    a verb heading a clause of its own (:data:`OTHER_CLAUSE_DEPS`): "Georgia" of "...
    made landfall before tearing through Georgia", "China" of "agreed ... in a deal
    brokered by China".
    A token reached from none of the own verbs is not inside their clause: False."""
    current, below = token, token
    while current.i not in own:
        if current.pos_ in ("VERB", "AUX"):
            if current.dep_ in OTHER_CLAUSE_DEPS or current.dep_ == "acl" and below.dep_ == "agent":
                return True
        if current.head.i == current.i:
            return False
        current, below = current.head, current
    return False


def _clean_name(text: str) -> str:
    """"the United Nations's" -> "United Nations"."""
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    name = re.sub(r"\s*['’]s?$", "", name)
    return name.strip()


def make_event(
    document: Document,
    anchoring: Anchoring,
    banned: frozenset[int],
    lexicon: EventLexicon,
    *,
    filed: frozenset[int] = frozenset(),
    summary: Optional[Sequence[Token]] = None,
) -> Event:
    """The Event (with its one Mention) for a dated trigger of the parse of
    ``document.text`` (the callers check that the parse is of that text); ``banned``
    tokens (times, dateline) stay out of its summary, ``filed`` ones (dateline) out of
    its participants; ``summary``: its summary tokens when already cut."""
    trigger, time = anchoring.trigger, anchoring.time
    word = trigger.token
    sentence = Span(word.doc, *sentence_bounds(word))  # ``word.sent``, the same Span
    # the sentence sliced from the text (Span.text joins its tokens one by one)
    sentence_text = document.text[sentence.start_char : sentence.end_char]
    span = token_span(event_tokens(trigger))
    if summary is None:
        summary = summary_tokens(trigger, banned)
    time_span = (time.mention.start, time.mention.end) if time is not None else None
    planned = is_planned(trigger, anchoring.when, reference_date(document.text, document.published_date, word.idx), lexicon)
    mention = Mention(
        doc_id=document.id,
        sentence=sentence_text,
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
        participants=_with_referent(participants(
                word.doc, span, also=_own_words(trigger, summary), exclude=time_span, within=sentence, filed=filed, own_verbs=_event_verbs(trigger)
            ), summary),
        mentions=(mention,),
        negated=is_negated(trigger, lexicon),
        planned=planned,
        hypothetical=is_hypothetical(trigger, lexicon),
        id=f"{document.id}:{word.idx}",
    )


def _own_words(trigger: Trigger, summary: Sequence[Token]) -> list[Token]:
    """The summary's words that name the event's own participants: all but the subject a
    participle or gerund borrows from its controller ("The minister speaking to reporters"):
    shown so that the line reads, it is not a name of the participle's own phrase, and the
    entity layer gives the participle its controller's role already
    (:func:`timeline.entities.argument_heads`); the participants, which the merge compares,
    stay what they were before the summary borrowed it."""
    doer = controller(summary_head(trigger.clause)) if trigger.clause is not None else None
    if doer is None:
        return list(summary)
    return [t for t in summary if not doer.left_edge.i <= t.i <= doer.right_edge.i]


def _event_verbs(trigger: Trigger) -> list[Token]:
    """The trigger, its clause verb and the words between them (a reported verb told
    with its statement, "reported that rebels had captured": both are the event's)."""
    verbs = [trigger.token]
    clause = trigger.clause
    if clause is None:
        return verbs
    current = trigger.token
    while current.i != clause.i and current.head.i != current.i and clause.i in {a.i for a in current.ancestors}:
        current = current.head
        verbs.append(current)
    if clause.i not in {t.i for t in verbs}:
        verbs.append(clause)
    return verbs


def _with_referent(names: tuple[str, ...], summary: Sequence[Token]) -> tuple[str, ...]:
    """The participants and, first, the name the summary's subject pronoun stands for
    ("It cut 500 jobs" -> Acme Corp.), so that reports naming it merge with this one."""
    referent = summary_referent(summary)
    if referent is None:
        return names
    name = _clean_name(referent.text)
    return names if not name or name in names else (name, *names)



DROPPED_FRAGMENTS = frozenset({NO_EVENT_WORD, NO_TRIGGER, NO_TENSE, EMPTY_IT})
"""The fragments (:func:`~timeline.events.summary.fragment_reason`) an inherited event
is left out for. The others ("no subject": "Speaking at a press conference"; a report
without what it reports, "Austin said"; a report as a side remark, "Reports say") name
events the SemEval-2015 annotators mark ("saying", "introducing", "said"): left out,
the trial's F1 fell (0.3725 -> 0.3385 for the first, -0.003 for the last;
docs/benchmarks.md); they stay, with their summaries as they are."""


ALWAYS_DROPPED = frozenset({EMPTY_IT})
"""The fragments left out even when a time dates them: the "it" of an "as" clause that
comments on its sentence ("The new bloc, as it is known locally, held its first summit on
Tuesday") tells no event whatever time the parse hangs on it; the time is the main
clause's, which keeps it."""


def describe_events(
    document: Document, datings: Sequence[Anchoring], banned: frozenset[int], lexicon: EventLexicon, *, filed: frozenset[int] = frozenset()
) -> tuple[Event, ...]:
    """The events of a document's datings (module docstring): each one's Event, the
    inherited fragments of :data:`DROPPED_FRAGMENTS` left out, the events of one
    summary dated as one (:func:`date_twins`)."""
    described: list[tuple[Anchoring, Event]] = []
    triggers = {dating.trigger.token.i for dating in datings}
    for dating in datings:
        dating = own_clause_when_told(dating, triggers)
        summary = summary_tokens(dating.trigger, banned)
        reason = fragment_reason(dating.trigger, summary, lexicon.reporting)
        if reason in DROPPED_FRAGMENTS and (dating.dated_by != "time" or reason in ALWAYS_DROPPED):
            continue
        described.append((dating, make_event(document, dating, banned, lexicon, filed=filed, summary=summary)))
    return date_twins(described)


def own_clause_when_told(dating: Anchoring, triggers: set[int]) -> Anchoring:
    """A reported event that carries its statement's clause ("State radio reported on
    Monday that rebels had captured the airport": the capture, told with the report so
    that the line says who reports it, :func:`timeline.events.date.report_the_reported`)
    tells its own clause when the statement is an event of the document too (the
    ``inherit`` policy keeps it): two lines, the statement and what it reports ("Rebels
    had captured the airport"), not one line twice. A verb in its own clause, and a
    reported event whose statement is not shown (the default policy), are unchanged."""
    trigger = dating.trigger
    clause = trigger.clause
    if clause is None or clause.i == trigger.token.i or clause.i not in triggers or not is_clause_verb(trigger.token):
        return dating
    if trigger.token.dep_ != "ccomp" or trigger.token.head.i != clause.i:
        return dating
    return attrs.evolve(dating, trigger=Trigger(token=trigger.token, clause=trigger.token))


def heads_its_summary(dating: Anchoring) -> bool:
    """True when the trigger is the verb whose clause its summary tells ("told" in "Niger
    told the U.S. to withdraw", not "withdraw"; "remains", not the noun "arrest")."""
    clause = dating.trigger.clause
    return clause is not None and clause.i == dating.trigger.token.i and summary_head(clause).i == clause.i


def _twin_rank(item: tuple[Anchoring, Event]) -> tuple[bool, int]:
    dating = item[0]
    return (not heads_its_summary(dating), dating.trigger.token.i)


def date_twins(described: Sequence[tuple[Anchoring, Event]]) -> tuple[Event, ...]:
    """One dating per summary among the inherited events (module docstring): an
    inherited event takes the date of the inherited event of the same summary and
    polarity that ranks first (the trigger heading the clause, then the first in the
    text). An event a time dates keeps its own date and gives none: taking it moved
    TimeBank's event-DCT links off (careful 0.7539 -> 0.7461, docs/benchmarks.md). The
    events stay apart, in the order of ``described``: the table shows a row identical
    to the one above once (:func:`timeline.outputs.table_rows`)."""
    by_summary: dict[tuple[str, bool], list[int]] = {}
    for position, (dating, event) in enumerate(described):
        if dating.dated_by != "time":
            by_summary.setdefault((event.summary, event.negated), []).append(position)
    leader: dict[int, int] = {}  # an inherited twin's position -> the position it is dated as
    for positions in by_summary.values():
        first = min(positions, key=lambda p: _twin_rank(described[p]))
        for position in positions:
            if position != first:
                leader[position] = first
    events = []
    for position, (_, event) in enumerate(described):
        if position in leader:
            event = dated_as(event, described[leader[position]][1])
        events.append(event)
    return tuple(events)


def dated_as(event: Event, other: Event) -> Event:
    """``event`` with the date (and its mention with the dating) of ``other``."""
    own = other.mentions[0]
    mention = attrs.evolve(
        event.mentions[0], time_span=own.time_span, time_text=own.time_text, time_value=own.time_value, dated_by=own.dated_by, planned=own.planned
    )
    return attrs.evolve(event, when=other.when, mentions=(mention,), planned=other.planned)


__all__ = [
    "ALWAYS_DROPPED", "DROPPED_FRAGMENTS", "PARTICIPANT_LABELS", "date_twins", "dated_as", "describe_events", "heads_its_summary", "make_event",
    "own_clause_when_told", "participants", "OTHER_CLAUSE_DEPS", "in_other_clause", "is_modifying_demonym", "is_title_place"
]
