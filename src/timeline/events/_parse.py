"""The event stage's shared reading of the parse (private): the event lexicon
(``resources/events_*.tsv``), the token tests (event noun, clause verb), the records that
flow through the steps (:class:`Trigger`, :class:`TimeSpan`, :class:`Anchoring`), the
tokens an event spans, the modality of a trigger (negated, planned, hypothetical) and
the parts of a text whose dates date no event (dateline, retractions).

Every step of :mod:`timeline.events` imports from here; nothing here imports a step.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Optional

import attrs
import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from ..documents.dateline import dateline_bounds
from ..errors import ResourceError
from ..model import Granularity, TimeMention, TimeValue
from ..nlp import line_breaks, sentence_bounds, sentence_chars
from ..tables import read_resource_rows, resource_table

# A walk from a time to its event never needs more steps than this.
MAX_WALK = 12
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
# Dependents that make a token part of another token's verb group, not a clause head.
AUX_DEPS = frozenset({"aux", "auxpass"})
# Verbs used as modifiers inside a noun phrase ("the ruling junta") are not events here.
_MODIFIER_VERB_DEPS = frozenset({"amod", "compound", "nmod"})
# Dependents of a trigger that start another clause: outside the event's span.
_CLAUSE_DEPS = frozenset({"advcl", "conj", "cc", "parataxis", "mark", "preconj", "punct"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A noun in these roles classifies something; it does not name an event of its own.
_PREDICATIVE_DEPS = frozenset({"attr", "oprd"})
_PREDICATIVE_PREPOSITIONS = frozenset({"as"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# Values that are on no calendar even when typed DATE.
_REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


# --------------------------------------------------------------------------- lexicon


@attrs.frozen
class EventLexicon:
    """The language knowledge of this stage, read from ``resources/events_*.tsv``."""

    reporting: frozenset[str]
    light_verbs: dict[str, tuple[str, ...]]
    event_nouns: frozenset[str]
    noun_to_verb: dict[str, str]
    planned_aux: frozenset[str]
    planned_heads: frozenset[str]
    planned_mods: frozenset[str]
    reported_future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_mods: frozenset[str]
    negations: frozenset[str]
    negation_mods: frozenset[str]
    connectors: dict[str, int]
    units: dict[str, tuple[str, int]]
    numbers: dict[str, int]
    uneven_days: frozenset[str]  # "trading" days: no calendar step
    retraction: re.Pattern[str]  # any phrase of events_retractions.tsv, as whole words
    simultaneous: frozenset[str] = frozenset()  # "when": an adverbial clause at the same time as its main clause
    leading_up: frozenset[str] = frozenset()  # "after": an adverbial clause told as what led to its main clause
    denials: frozenset[str] = frozenset()  # "never", "no": negations that deny the event outright


def _cues(rows: Sequence[Sequence[str]], flag: str, where: str) -> frozenset[str]:
    return frozenset(word.lower() for word, f, w in rows if f == flag and w == where)


def _phrases_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive pattern for any of ``phrases`` as whole words, across any white
    space between them."""
    words = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """Read the event resources once per process."""
    modality = read_resource_rows("events_modality.tsv", 3)
    nominalizations = read_resource_rows("events_nominalizations.tsv", 2)
    noun_to_verb = {noun.lower(): verb.lower() for verb, noun in nominalizations}
    light = {lemma.lower(): tuple(d.strip() for d in deps.split(",")) for lemma, deps in read_resource_rows("events_light_verbs.tsv", 2)}
    units: dict[str, tuple[str, int]] = {}
    connectors: dict[str, int] = {}
    numbers: dict[str, int] = {}
    uneven: set[str] = set()
    simultaneous: set[str] = set()
    leading_up: set[str] = set()
    for number, row in resource_table("events_relations.tsv"):
        kind = row[0]
        if kind == "connector" and len(row) == 3:
            connectors[row[1].lower()] = int(row[2])
        elif kind == "unit" and len(row) == 4 and row[2] in ("days", "months"):
            units[row[1].lower()] = (row[2], int(row[3]))
        elif kind == "number" and len(row) == 3:
            numbers[row[1].lower()] = int(row[2])
        elif kind == "uneven" and len(row) == 2:
            uneven.add(row[1].lower())
        elif kind == "simultaneous" and len(row) == 2:
            simultaneous.add(row[1].lower())
        elif kind == "leading_up" and len(row) == 2:
            leading_up.add(row[1].lower())
        else:
            raise ResourceError(f"resources/events_relations.tsv line {number}: malformed row {row!r}")
    return EventLexicon(
        reporting=frozenset(r[0].lower() for r in read_resource_rows("events_reporting.tsv", 1)),
        light_verbs=light,
        event_nouns=frozenset(r[0].lower() for r in read_resource_rows("events_nouns.tsv", 1)) | frozenset(noun_to_verb),
        noun_to_verb=noun_to_verb,
        planned_aux=_cues(modality, "planned", "aux"),
        planned_heads=_cues(modality, "planned", "head"),
        planned_mods=_cues(modality, "planned", "mod"),
        reported_future_aux=_cues(modality, "planned", "reported"),
        hypothetical_aux=_cues(modality, "hypothetical", "aux"),
        hypothetical_marks=_cues(modality, "hypothetical", "mark"),
        hypothetical_mods=_cues(modality, "hypothetical", "mod"),
        negations=_cues(modality, "negated", "neg"),
        negation_mods=_cues(modality, "negated", "mod"),
        denials=_cues(modality, "negated", "denial"),
        connectors=connectors,
        units=units,
        numbers=numbers,
        uneven_days=frozenset(uneven),
        retraction=_phrases_pattern(phrase for phrase, _ in read_resource_rows("events_retractions.tsv", 2)),
        simultaneous=frozenset(simultaneous),
        leading_up=frozenset(leading_up),
    )


# --------------------------------------------------------------------------- tokens


def is_event_noun(token: Token, lexicon: EventLexicon) -> bool:
    """True when ``token`` is a noun naming something that happens."""
    return token.pos_ in NOUN_POS and token.lemma_.lower() in lexicon.event_nouns


@functools.lru_cache(maxsize=1)
def copula_lemmas() -> frozenset[str]:
    """The linking verbs of ``events_copulas.tsv`` ("be", "become", "remain", ...)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_copulas.tsv", 1))


def is_clause_verb(token: Token) -> bool:
    """True for the head of a verb group (not an auxiliary, not a verb used as an adjective)."""
    return token.pos_ in VERB_POS and token.dep_ not in AUX_DEPS and token.dep_ not in _MODIFIER_VERB_DEPS


# Adverbs that complete a verb as a particle does, when the parse calls them advmod
# ("stepped down", "came ashore"): without them the verb says something else.
PARTICLE_ADVERBS = frozenset({"ashore", "aground", "down", "up", "off", "out", "over", "away", "back"})


def verb_particles(verb: Token) -> list[Token]:
    """The particles of a verb: its ``prt`` dependents ("took over"), and an adverb of
    :data:`PARTICLE_ADVERBS` right after it ("stepped down", "came ashore")."""
    if verb.pos_ not in VERB_POS:
        return []
    return [
        child
        for child in verb.rights
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ in PARTICLE_ADVERBS)
    ]


def trigger_lemma(token: Token, lexicon: EventLexicon) -> str:
    """The trigger's lemma; a nominalization reports its verb ("arrival" -> arrive); a
    verb keeps its particles ("step down", "take over")."""
    lemma = token.lemma_.lower()
    if token.pos_ in NOUN_POS:
        return lexicon.noun_to_verb.get(lemma, lemma)
    return " ".join([lemma] + [p.lower_ for p in verb_particles(token)])


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class Trigger:
    """The word naming an event, and the verb whose clause tells it: the word itself for
    a verb, the light verb for "held elections", None for an event noun on its own."""

    token: Token
    clause: Optional[Token]


def _role_fillers(verb: Token, role: str) -> list[Token]:
    """The tokens filling ``role`` of ``verb``, looking through a relative pronoun ("the
    vote, which took place"), a controlled subject ("scheduled to take place") and the
    noun of a reduced passive relative ("the strike planned for Friday")."""
    fillers = [c for c in verb.children if c.dep_ == role]
    if role not in SUBJECT_DEPS:
        return fillers
    if not fillers and verb.dep_ == "xcomp":
        return [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
    if not fillers and role == "nsubjpass" and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOUN_POS:
        return [verb.head]
    return [verb.head if f.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else f for f in fillers]


def light_verb_noun(verb: Token, lexicon: EventLexicon, via: Optional[Token] = None) -> Optional[Token]:
    """The event noun a light verb stands for ("held elections" -> elections), if any.

    A role written ``dobj@for`` counts only for a time reached through that preposition
    of the verb (``via``): "called a strike for March 8" dates the strike, while "called
    a strike on Thursday" dates the call."""
    roles = lexicon.light_verbs.get(verb.lemma_.lower()) or lexicon.light_verbs.get(verb.lower_, ())
    for role in roles:
        role, _, preposition = role.partition("@")
        if preposition and (via is None or via.lower_ != preposition):
            continue
        for filler in _role_fillers(verb, role):
            if is_event_noun(filler, lexicon) or _scheduled_thing(verb, filler, via):
                return filler
    return None


# The prepositions that give a scheduled thing its date ("for March", "until May", "to June").
_SCHEDULE_PREPOSITIONS = frozenset({"for", "until", "to"})


@functools.lru_cache(maxsize=1)
def scheduling_verbs() -> frozenset[str]:
    """Verbs whose object is an event whatever its noun (``events_scheduled_things.tsv``)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_scheduled_things.tsv", 1))


def _scheduled_thing(verb: Token, filler: Token, via: Optional[Token]) -> bool:
    """A common noun that a scheduling verb sets the date of, through its "for"/"until"/
    "to" phrase ("the delivery scheduled for March"): an event by the verb's meaning."""
    return (
        via is not None
        and via.lower_ in _SCHEDULE_PREPOSITIONS
        and filler.pos_ == "NOUN"
        and verb.lemma_.lower() in scheduling_verbs()
    )


def verb_trigger(verb: Token, lexicon: EventLexicon, via: Optional[Token] = None) -> Trigger:
    """The trigger for a clause verb: the verb, or the event noun of a light verb
    (``via``: the preposition of the verb through which the dating time was reached)."""
    noun = light_verb_noun(verb, lexicon, via)
    return Trigger(token=noun if noun is not None else verb, clause=verb)


def is_predicative(token: Token) -> bool:
    """A noun that classifies rather than refers ("recognized as a coup", "it was a coup"):
    the event is the verb, not the noun."""
    if token.dep_ in _PREDICATIVE_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _PREDICATIVE_PREPOSITIONS


# --------------------------------------------------------------------------- spans


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class TimeSpan:
    """A time mention with its tokens in the parse."""

    mention: TimeMention
    span: Span


def time_spans(parsed: Doc, mentions: Iterable[TimeMention]) -> list[TimeSpan]:
    """Align mentions with the parse (offsets expanded to whole tokens); unalignable ones go."""
    aligned = []
    # The text's length from its last token (Doc.text joins every token, a Token object
    # each): a token's ``idx`` is its offset in the text the tokens join into.
    length = parsed[-1].idx + len(parsed[-1].text_with_ws) if len(parsed) else 0
    for mention in mentions:
        if not 0 <= mention.start < mention.end <= length:
            continue  # offsets from another text: nothing to anchor
        span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            aligned.append(TimeSpan(mention=mention, span=span))
    return aligned


def _subtree_without(token: Token, drop_deps: frozenset[str]) -> list[Token]:
    """``token``'s subtree without the subtrees of its direct children in ``drop_deps``."""
    kept = [token]
    for child in token.children:
        if child.dep_ in drop_deps or is_clausal_prep(child):
            continue
        kept.extend(child.subtree)
    return sorted(kept, key=lambda t: t.i)


def is_clausal_prep(token: Token) -> bool:
    """A preposition whose object is a clause with its own subject ("In what could prove ...")."""
    if token.dep_ != "prep":
        return False
    return any(
        child.dep_ == "pcomp" and child.pos_ in VERB_POS and any(g.dep_ in SUBJECT_DEPS for g in child.children)
        for child in token.children
    )


def strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and connectives left at either end of a span; the marks of a
    quote at either end stay when the span holds both ("\"We did everything we
    could,\" he said")."""
    marks = [t for t in tokens if t.text in QUOTE_MARKS and t.dep_ == "punct"]
    balanced = len(marks) >= 2 and len(marks) % 2 == 0

    def loose(token: Token, deps: tuple[str, ...]) -> bool:
        if balanced and token.text in QUOTE_MARKS and token.dep_ == "punct":
            return False
        return token.pos_ in ("PUNCT", "CCONJ", "SCONJ") or token.dep_ in deps

    start, end = 0, len(tokens)
    while start < end and loose(tokens[start], ("mark", "cc", "punct")):
        start += 1
    while end > start and loose(tokens[end - 1], ("cc", "punct")):
        end -= 1
    return tokens[start:end]


def event_tokens(trigger: Trigger) -> list[Token]:
    """The event's clause: the clause verb's subtree without the other clauses hanging
    on it, or an event noun's phrase."""
    if trigger.clause is not None:
        tokens = _subtree_without(trigger.clause, _CLAUSE_DEPS)
    else:
        tokens = _subtree_without(trigger.token, frozenset({"relcl", "appos", "punct"}))
    return strip_edges(same_block(tokens, trigger.token)) or [trigger.token]


def _line_block(token: Token) -> tuple[int, int]:
    """Token bounds of the text block around ``token``: a line break ends a block.

    A parse sometimes runs a photo caption or a headline into the next sentence; nothing
    across a line break belongs to the same clause."""
    doc = token.doc
    # A clause lies within its sentence: the scan stops there, so that a long text
    # without line breaks is not read end to end for every event.
    # A token's trailing white space is one space or none (spaCy keeps a flag): a line
    # break is in the text of a token of its own, and only the texts are read.
    sentence_start, sentence_end = sentence_bounds(token)
    breaks = line_breaks(doc)
    if breaks is not None:
        # the same walk over the tokens that hold a line break, found once for the parse:
        # back to just after the last one before the token, on to the first one from it
        at = bisect_left(breaks, token.i)
        start = max(sentence_start, breaks[at - 1] + 1) if at else sentence_start
        end = min(sentence_end - 1, breaks[at]) if at < len(breaks) else sentence_end - 1
        return min(start, token.i), max(end, token.i)
    start = token.i
    while start > sentence_start and "\n" not in doc[start - 1].text:
        start -= 1
    end = token.i
    while end < sentence_end - 1 and "\n" not in doc[end].text:
        end += 1
    return start, end


# Quotation marks that open and close a direct quote.
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
# Punctuation that may close a quote before its closing mark ("... we could," he said).
_QUOTE_FINAL = frozenset({",", ".", "!", "?", ";", ":", "..."})


def direct_quote(clause: Token) -> Optional[tuple[int, int]]:
    """Token bounds (opening mark, closing mark) of the direct quote that ``clause`` is
    ("\"We did everything we could,\" he said" -> the two marks), else None."""
    doc = clause.doc
    first, last = clause.left_edge.i, clause.right_edge.i
    if doc[first].text in QUOTE_MARKS and doc[first].head.i == clause.i:
        first += 1  # the opening mark hangs on the quoted verb itself
    if first == 0 or doc[first - 1].text not in QUOTE_MARKS:
        return None
    end = last + 1
    while end < len(doc) and end <= last + 2 and doc[end].text in _QUOTE_FINAL:
        end += 1
    if end < len(doc) and doc[end].text in QUOTE_MARKS:
        return first - 1, end
    if doc[last].text in QUOTE_MARKS:
        return first - 1, last
    return None


def same_block(tokens: Sequence[Token], anchor: Token) -> list[Token]:
    """The ``tokens`` on ``anchor``'s side of any line break."""
    start, end = _line_block(anchor)
    return [t for t in tokens if start <= t.i <= end]


def token_span(tokens: Sequence[Token]) -> tuple[int, int]:
    """Character offsets covering ``tokens`` (in document order)."""
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


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


# The arguments of a verb that say what it happened to or who did it: "no" on one of
# them negates the event ("No agreement was reached", "reached no agreement", "no
# chemicals leaked", "no one died").
_UNDERGOER_DEPS = frozenset({"dobj", "nsubjpass", "nsubj"})


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


def complemented_preposition(gerund: Token) -> Optional[Token]:
    """The preposition whose complement the gerund ``gerund`` is ("retired from acting",
    "convicted of defrauding": *from*, *of*), or None for any other token: the verb
    the preposition hangs on tells what the gerund's act is to it."""
    preposition = gerund.head
    if gerund.tag_ != "VBG" or gerund.dep_ != "pcomp" or preposition.dep_ != "prep" or preposition.i == gerund.i:
        return None
    return preposition


def is_denied(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A negation that denies the event outright (the ``denial`` rows of
    events_modality.tsv): "never" on the trigger, or "no" on it or on its subject or
    object ("No one was injured", "no chemicals leaked", "was never charged"). Not a
    plain "not" ("did not respond")."""
    for token in _own_words(trigger):
        if any(c.dep_ == "det" and c.lower_ in lexicon.denials for c in token.children):
            return True
        for child in token.children:
            if child.dep_ == "neg" and child.lower_ in lexicon.denials:
                return True
            if child.dep_ in _UNDERGOER_DEPS and token.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "det" and c.lower_ in lexicon.denials for c in child.children
            ):
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


def finer(a: Anchoring, b: Anchoring) -> Anchoring:
    """Of two datings of one trigger, the finer one (the earlier on a tie)."""
    grain_a = a.when.granularity or Granularity.CENTURY
    grain_b = b.when.granularity or Granularity.CENTURY
    if grain_b > grain_a or (grain_b == grain_a and time_start(b) < time_start(a)):
        return b
    return a


def retraction_bounds(parsed: Doc, lexicon: EventLexicon, text: Optional[str] = None) -> tuple[tuple[int, int], ...]:
    """Character bounds of the sentences that take back what was said ("An earlier
    version of this article said the vote was on Feb. 26", see
    ``events_retractions.tsv``): their dates are no claim of the source. ``text``: the
    parse's text when the caller has it (``parsed.text``, which joins every token)."""
    if text is None:
        text = parsed.text
    # Each sentence's text sliced from the whole (Span.text joins its tokens one by one).
    search = lexicon.retraction.search
    return tuple((start, end) for start, end in sentence_chars(parsed) if search(text[start:end]))


def inside(start: int, end: int, bounds: Sequence[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies within one of ``bounds``."""
    return any(low <= start and end <= high for low, high in bounds)


def bounded_tokens(parsed: Doc, bounds: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Indices of the tokens that lie within ``bounds``."""
    if not bounds:
        return frozenset()
    # Read off the parse's arrays, not token by token: a walk over every token of every
    # document (a Token object each) was a tenth of the event stage's time.
    offsets = parsed.to_array([IDX, LENGTH])
    starts = offsets[:, 0]
    ends = starts + offsets[:, 1]
    within = numpy.zeros(len(parsed), dtype=bool)
    for low, high in bounds:
        within |= (starts >= low) & (ends <= high)
    return frozenset(numpy.flatnonzero(within).tolist())


def time_tokens(spans: Iterable[TimeSpan]) -> frozenset[int]:
    """Token indices of the time expressions: kept out of summaries and triggers."""
    return frozenset(token.i for time in spans for token in time.span)


def is_reporting(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A reporting verb ("said", "reported"; ``events_reporting.tsv``)."""
    word = trigger.token
    return word.pos_ in VERB_POS and word.lemma_.lower() in lexicon.reporting
