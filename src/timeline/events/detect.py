"""Events, step 1 of 4: detect. Which words of a parsed document name events.

A detector is any callable ``Doc -> Iterable[Token | Span]`` (:data:`Detector`): the
default, :func:`lexicon_detector`, takes every clause verb (not an auxiliary, not a verb
used as a modifier) and every event noun of ``resources/events_nouns.tsv`` /
``events_nominalizations.tsv`` that refers rather than classifies ("recognized as a
coup" is no coup event). A learned detector plugs in the same way
(``document_events(..., detect=my_detector)``); a span counts by its root token. With
the default detector, :func:`timeline.events.document_events` also passes the nouns
outside the tables that the learned detector takes for events where a time dates them
(:func:`timeline.events.attach.dated_nouns`): walk stops, not triggers.

:func:`detect_triggers` turns the detected words into :class:`Trigger` records, in text
order, once per event: a light verb hands its event to its noun ("held elections" -> one
event, the election, told by "held"). The detected words also stop the time-attachment
walk (:mod:`timeline.events.attach`): a time dates the nearest detected word above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Optional, Union

import attrs
import numpy
from spacy.attrs import DEP, LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from ._parse import (
    _MODIFIER_VERB_DEPS,
    AUX_DEPS,
    NOUN_POS,
    VERB_POS,
    EventLexicon,
    Trigger,
    is_clause_verb,
    is_event_noun,
    is_predicative,
    verb_trigger,
)

Detector = Callable[[Doc], Iterable[Union[Token, Span]]]
"""A function from the parsed document to the tokens (or spans) that name events."""


def is_mistagged_verb(token: Token) -> bool:
    """A sentence root tagged as a noun that has a subject and an object: a verb the
    tagger misread ("The central bank cut rates on Tuesday": "cut" as a noun)."""
    if token.dep_ != "ROOT" or token.pos_ != "NOUN":
        return False
    deps = {child.dep_ for child in token.children}
    return "nsubj" in deps and "dobj" in deps


# Finite verb tags: a word the parser hangs as a compound under the root noun while
# tagging it a finite verb is the sentence's verb ("The bank last cut rates in June":
# "cut" VBD, compound of the root "rates"); a participle or base form stays a modifier.
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ"})


def is_compound_verb(token: Token) -> bool:
    """A finite verb that the parser made a compound of the sentence's root noun, the
    root having a subject before the verb: the sentence's real verb ("The bank last cut
    rates in June": "rates" is the root, "cut" its compound, "bank" the root's subject)."""
    if token.dep_ != "compound" or token.pos_ != "VERB" or token.tag_ not in _FINITE_VERB_TAGS:
        return False
    root = token.head
    if root.dep_ != "ROOT" or root.pos_ not in NOUN_POS or root.i <= token.i:
        return False
    return any(child.dep_ == "nsubj" and child.i < token.i for child in root.children)


def is_lexicon_trigger(token: Token, lexicon: EventLexicon) -> bool:
    """The default detector's test: a clause verb, or an event noun used referentially
    (or a root the tagger misread as a noun, :func:`is_mistagged_verb`, or a verb it
    made a compound of the root noun, :func:`is_compound_verb`)."""
    return (
        is_clause_verb(token)
        or (is_event_noun(token, lexicon) and not is_predicative(token))
        or is_mistagged_verb(token)
        or is_compound_verb(token)
    )


def acting_verb_trigger(token: Token, lexicon: EventLexicon, via: Optional[Token] = None) -> Optional[Trigger]:
    """The trigger of a word that acts as a clause verb (a clause verb, a misread root,
    a compound verb: its clause is the root noun, whose phrase is the sentence), else None."""
    if is_clause_verb(token) or is_mistagged_verb(token):
        return verb_trigger(token, lexicon, via=via)
    if is_compound_verb(token):
        return Trigger(token=token, clause=token.head)
    return None


def lexicon_detector(lexicon: EventLexicon) -> Detector:
    """The default detector over the event lexicon (see the module docstring)."""

    def detect(parsed: Doc) -> list[Token]:
        # only the tokens that may pass the test are looked at (no Token object for the others)
        return [parsed[index] for index in _possible_triggers(parsed, lexicon) if is_lexicon_trigger(parsed[index], lexicon)]

    return detect


# Dependencies under which a verb is none of the tests' (is_clause_verb excludes them,
# and is_compound_verb wants "compound"): read off the parse's array, not token by token.
_NO_TRIGGER_VERB_DEPS = (AUX_DEPS | _MODIFIER_VERB_DEPS) - {"compound"}


def among(values: numpy.ndarray, wanted: Iterable[int]) -> numpy.ndarray:
    """``numpy.isin(values, wanted)`` for a handful of ``wanted`` values: one comparison
    each. (``isin`` sets up a sort or a table on every call, about 30 us, more than the
    comparisons with two parts of speech or five dependencies cost; on the 73 AQUAINT
    documents the detector's prefilter took 0.010 s instead of 0.015 s.)"""
    found = numpy.zeros(len(values), dtype=bool)
    for value in wanted:
        found |= values == value
    return found


def _possible_triggers(parsed: Doc, lexicon: EventLexicon) -> list[int]:
    """Indices of the tokens that :func:`is_lexicon_trigger` may accept, read off the
    parse's arrays (part of speech, dependency, lemma): a verb not under an auxiliary
    or modifier dependency, a noun whose lemma is an event noun, a root tagged as a
    noun. Each test requires one of these, so no trigger is left out; the tests
    themselves still decide. (Making a Token object of every verb and noun to test it
    was most of the detector's time; a lemma is looked up once per distinct lemma.)"""
    strings = parsed.vocab.strings
    columns = parsed.to_array([POS, DEP, LEMMA])
    parts, deps, lemmas = columns[:, 0], columns[:, 1], columns[:, 2]
    is_verb = among(parts, [POS_IDS[name] for name in VERB_POS])
    verbs = is_verb & ~among(deps, [strings[dep] for dep in _NO_TRIGGER_VERB_DEPS])
    is_noun = among(parts, [POS_IDS[name] for name in NOUN_POS])
    distinct = set(lemmas[is_noun].tolist())  # a set: cheaper than numpy.unique, whose order nothing needs
    events = [lemma for lemma in distinct if strings[lemma].lower() in lexicon.event_nouns]
    nouns = is_noun & among(lemmas, events)  # a few event nouns a text, often none
    roots = (parts == POS_IDS["NOUN"]) & (deps == strings["ROOT"])
    return numpy.flatnonzero(verbs | nouns | roots).tolist()


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class Detection:
    """What the detect step found: the detected token indices (where the attachment
    walk stops) and the event triggers they make, in text order, one per event."""

    words: frozenset[int]
    triggers: tuple[Trigger, ...]


def _token_of(found: Union[Token, Span], parsed: Doc) -> Optional[Token]:
    token = found.root if isinstance(found, Span) else found
    if token.doc is not parsed:
        return None  # a token of another Doc: nothing to attach to here
    return token


def detect_triggers(parsed: Doc, detect: Detector, lexicon: EventLexicon, *, nouns: frozenset[int] = frozenset()) -> Detection:
    """Run ``detect`` over ``parsed`` and make the triggers (a clause verb through
    :func:`verb_trigger`, any other word as itself).

    ``nouns`` are token indices of further event nouns, found where a time dates them
    (:func:`timeline.events.attach.dated_nouns`): they stop the attachment walk (they are
    in ``words``) but are no triggers of their own: an event noun outside the lexicon
    is an event of the timeline only when a time dates it."""
    detected = sorted({token.i for found in detect(parsed) if (token := _token_of(found, parsed)) is not None})
    seen: set[int] = set()
    triggers: list[Trigger] = []
    for index in detected:
        token = parsed[index]
        trigger = acting_verb_trigger(token, lexicon) or Trigger(token=token, clause=None)
        # A light verb's noun ("held elections") is one event with the verb: once only.
        if trigger.token.i not in seen:
            seen.add(trigger.token.i)
            triggers.append(trigger)
    return Detection(words=frozenset(detected) | nouns, triggers=tuple(triggers))


__all__ = [
    "Detection", "Detector", "acting_verb_trigger", "among", "detect_triggers", "is_compound_verb", "is_lexicon_trigger",
    "is_mistagged_verb", "lexicon_detector"
]
