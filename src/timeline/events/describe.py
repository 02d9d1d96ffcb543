"""Events, step 4 of 4: describe. The :class:`timeline.model.Event` of a dated trigger:
its trigger lemma (a nominalization reports its verb: "the signing" -> sign; a verb
keeps its particle: "stepped down"), its summary (:mod:`timeline.events.summary`), its
participants (the named people, groups and places of its clause) and its flags.

Flags: ``negated`` (a negation dependent of the trigger, or "no" on an event noun),
``planned`` (will/shall, a governing "plan to"/"scheduled to"/..., a "planned"/
"upcoming" modifier, a "would" reported by a past verb without a condition, "she said
she would name her cabinet next week", or a date after the publication day),
``hypothetical`` (a conditional subordinator or a could/would/may/might auxiliary, but
not that reported "would"); cue words are in ``events_modality.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..documents import Document
from ..model import Event, Mention
from ..sections import reference_date
from ._parse import (
    Anchoring,
    EventLexicon,
    event_tokens,
    is_hypothetical,
    is_negated,
    is_planned,
    token_span,
    trigger_lemma,
)
from .summary import render_summary, summary_referent, summary_tokens

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
) -> tuple[str, ...]:
    """Named people, groups and places of the event, in text order, once each: those
    inside its span, and those among ``also`` (the summary's words, which may borrow a
    subject from outside the clause: "Mali, which expelled ..."); none with a token in
    ``filed`` (the dateline and wire head: "BERLIN - Train" is where the story was
    filed, glued by the tagger to the lead's first word)."""
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
        if filed and any(token.i in filed for token in entity):
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


def make_event(
    document: Document, anchoring: Anchoring, banned: frozenset[int], lexicon: EventLexicon, *, filed: frozenset[int] = frozenset()
) -> Event:
    """The Event (with its one Mention) for a dated trigger of the parse of
    ``document.text`` (the callers check that the parse is of that text); ``banned``
    tokens (times, dateline) stay out of its summary, ``filed`` ones (dateline) out of
    its participants."""
    trigger, time = anchoring.trigger, anchoring.time
    word = trigger.token
    sentence = word.sent
    # the sentence sliced from the text (Span.text joins its tokens one by one)
    sentence_text = document.text[sentence.start_char : sentence.end_char]
    span = token_span(event_tokens(trigger))
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
        participants=_with_referent(participants(word.doc, span, also=summary, exclude=time_span, within=sentence, filed=filed), summary),
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


__all__ = [
    "PARTICIPANT_LABELS", "make_event", "participants"
]
