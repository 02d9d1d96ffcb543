"""Stage 4, events: what each time expression dates, read off the dependency parse.

:func:`document_events` takes one document, its spaCy parse and its TimeMentions and
returns the document's dated events, each with exactly one :class:`Mention` (merging
across mentions and documents is :mod:`timeline.merge`'s job). It is a pure function.

Anchoring. For every DATE/TIME mention on the calendar (DURATION, SET, ``PRESENT_REF``
and the like, and anything without an interval are skipped, as is a date inside the
article's dateline), we start at the head token of the time and walk up the tree
through prepositions, their objects, adverbial nouns and non-event nouns until we reach
a verb ("troops had arrived last month" -> arrive) or an event noun that the time
modifies ("the July 2023 coup" -> coup, "the death ... on Aug. 23" -> death). Event
nouns are listed in ``resources/events_nouns.tsv`` and ``events_nominalizations.tsv``
(whose nouns report their verb as trigger: "the signing" -> sign, so the merge stage
sees the same trigger for the verb and the noun). A light verb with an event noun as
its object or subject hands the event to the noun ("held elections on Sunday" ->
election; ``events_light_verbs.tsv``). When two times date the same trigger, the finer
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
gets it shifted by the amount ("signed on Saturday" -> accusation a week before). The
dated side is the same trigger token dated by another mention, or else an earlier or
later dated event of the document with the same trigger lemma that shares a subject or
object lemma ("the pact was signed" = "its ruling junta signed a mutual defense pact").
Only days, weeks, months and years with an exact count are shifted; anything else stays
out of the timeline.

Flags: ``negated`` (a negation dependent of the trigger, or "no" on an event noun),
``planned`` (will/shall, a governing "plan to"/"scheduled to"/..., a "planned"/
"upcoming" modifier, or a date after the publication day), ``hypothetical`` (a
conditional subordinator or a could/would/may/might auxiliary); cue words are in
``events_modality.tsv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Optional

import attrs
from spacy.tokens import Doc, Span, Token

from .calendar import Period, floor, period_value, shift
from .dateline import find_dateline
from .documents import Document
from .errors import InvalidDocumentError, ResourceError
from .model import Anchor, Event, Granularity, Mention, TimeMention, TimeValue
from .normalize import PAST
from .sections import reference_date
from .syntax import verb_tense
from .tables import read_resource_rows, resource_table

# Entity labels that name participants (people, groups, places, named events).
PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
# Values that are on no calendar even when typed DATE.
_REFERENCE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
# The longest summary, in words.
MAX_SUMMARY_WORDS = 25
# A walk from a time to its event never needs more steps than this.
_MAX_WALK = 12

_VERB_POS = frozenset({"VERB", "AUX"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
# Dependents that make a token part of another token's verb group, not a clause head.
_AUX_DEPS = frozenset({"aux", "auxpass"})
# Verbs used as modifiers inside a noun phrase ("the ruling junta") are not events here.
_MODIFIER_VERB_DEPS = frozenset({"amod", "compound", "nmod"})
# Dependents of a trigger that start another clause: outside the event's span.
_CLAUSE_DEPS = frozenset({"advcl", "conj", "cc", "parataxis", "mark", "preconj", "punct"})
# Inside a kept phrase, dependents that are side remarks: left out of the summary.
_SIDE_DEPS = frozenset({"relcl", "appos", "advcl", "parataxis", "punct"})
# Dependents of the summary's head that make its core (subject + verb + objects).
_CORE_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "csubjpass",
        "expl",
        "aux",
        "auxpass",
        "neg",
        "dobj",
        "dative",
        "attr",
        "acomp",
        "oprd",
        "prt",
        "agent",
        "xcomp",
        "ccomp",
        "prep",
    }
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
# A noun in these roles classifies something; it does not name an event of its own.
_PREDICATIVE_DEPS = frozenset({"attr", "oprd"})
_PREDICATIVE_PREPOSITIONS = frozenset({"as"})
# Dependents of a reporting verb that hold what is reported.
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom", "whose"})
# Punctuation that is part of a word ("power-grab", "Niger's", "5%").
_WORD_PUNCT = frozenset({"-", "'", "’", "%"})
# Words that may not end a summary cut short.
_TRAILING_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT", "PRON"})


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
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_mods: frozenset[str]
    negations: frozenset[str]
    negation_mods: frozenset[str]
    connectors: dict[str, int]
    units: dict[str, tuple[str, int]]
    numbers: dict[str, int]


def _cues(rows: Sequence[Sequence[str]], flag: str, where: str) -> frozenset[str]:
    return frozenset(word.lower() for word, f, w in rows if f == flag and w == where)


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
    for number, row in resource_table("events_relations.tsv"):
        kind = row[0]
        if kind == "connector" and len(row) == 3:
            connectors[row[1].lower()] = int(row[2])
        elif kind == "unit" and len(row) == 4 and row[2] in ("days", "months"):
            units[row[1].lower()] = (row[2], int(row[3]))
        elif kind == "number" and len(row) == 3:
            numbers[row[1].lower()] = int(row[2])
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
        hypothetical_aux=_cues(modality, "hypothetical", "aux"),
        hypothetical_marks=_cues(modality, "hypothetical", "mark"),
        hypothetical_mods=_cues(modality, "hypothetical", "mod"),
        negations=_cues(modality, "negated", "neg"),
        negation_mods=_cues(modality, "negated", "mod"),
        connectors=connectors,
        units=units,
        numbers=numbers,
    )


# --------------------------------------------------------------------------- tokens


def is_event_noun(token: Token, lexicon: EventLexicon) -> bool:
    """True when ``token`` is a noun naming something that happens."""
    return token.pos_ in _NOUN_POS and token.lemma_.lower() in lexicon.event_nouns


def is_clause_verb(token: Token) -> bool:
    """True for the head of a verb group (not an auxiliary, not a verb used as an adjective)."""
    return token.pos_ in _VERB_POS and token.dep_ not in _AUX_DEPS and token.dep_ not in _MODIFIER_VERB_DEPS


def trigger_lemma(token: Token, lexicon: EventLexicon) -> str:
    """The trigger's lemma; a nominalization reports its verb ("arrival" -> arrive)."""
    lemma = token.lemma_.lower()
    if token.pos_ in _NOUN_POS:
        return lexicon.noun_to_verb.get(lemma, lemma)
    return lemma


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class Trigger:
    """The word naming an event, and the verb whose clause tells it: the word itself for
    a verb, the light verb for "held elections", None for an event noun on its own."""

    token: Token
    clause: Optional[Token]


def _role_fillers(verb: Token, role: str) -> list[Token]:
    """The tokens filling ``role`` of ``verb``, looking through a relative pronoun ("the
    vote, which took place") and a controlled subject ("scheduled to take place")."""
    fillers = [c for c in verb.children if c.dep_ == role]
    if role not in _SUBJECT_DEPS:
        return fillers
    if not fillers and verb.dep_ == "xcomp":
        return [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]
    return [verb.head if f.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" else f for f in fillers]


def light_verb_noun(verb: Token, lexicon: EventLexicon) -> Optional[Token]:
    """The event noun a light verb stands for ("held elections" -> elections), if any."""
    for role in lexicon.light_verbs.get(verb.lemma_.lower(), ()):
        for filler in _role_fillers(verb, role):
            if is_event_noun(filler, lexicon):
                return filler
    return None


def verb_trigger(verb: Token, lexicon: EventLexicon) -> Trigger:
    """The trigger for a clause verb: the verb, or the event noun of a light verb."""
    noun = light_verb_noun(verb, lexicon)
    return Trigger(token=noun if noun is not None else verb, clause=verb)


def is_predicative(token: Token) -> bool:
    """A noun that classifies rather than refers ("recognized as a coup", "it was a coup"):
    the event is the verb, not the noun."""
    if token.dep_ in _PREDICATIVE_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in _PREDICATIVE_PREPOSITIONS


def anchor_trigger(time_span: Span, lexicon: EventLexicon) -> Optional[Trigger]:
    """The event that a time expression dates: walk up from the time's head token.

    Stops at the first clause verb (handing over to an event noun for light verbs) or
    at the first event noun outside the time; None when the walk finds neither."""
    inside = {token.i for token in time_span}
    current = time_span.root
    for _ in range(_MAX_WALK):
        parent = current.head
        if parent.i == current.i:  # the sentence root: no event above
            return None
        current = parent
        if current.i in inside:
            continue
        if is_clause_verb(current):
            return verb_trigger(current, lexicon)
        if is_event_noun(current, lexicon) and not is_predicative(current):
            return Trigger(token=current, clause=None)
        # prepositions, their objects, adjectives and non-event nouns: keep climbing
    return None


# --------------------------------------------------------------------------- spans


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class TimeSpan:
    """A time mention with its tokens in the parse."""

    mention: TimeMention
    span: Span


def time_spans(parsed: Doc, mentions: Iterable[TimeMention]) -> list[TimeSpan]:
    """Align mentions with the parse (offsets expanded to whole tokens); unalignable ones go."""
    aligned = []
    for mention in mentions:
        if not 0 <= mention.start < mention.end <= len(parsed.text):
            continue  # offsets from another text: nothing to anchor
        span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            aligned.append(TimeSpan(mention=mention, span=span))
    return aligned


def _subtree_without(token: Token, drop_deps: frozenset[str]) -> list[Token]:
    """``token``'s subtree without the subtrees of its direct children in ``drop_deps``."""
    kept = [token]
    for child in token.children:
        if child.dep_ in drop_deps or _is_clausal_prep(child):
            continue
        kept.extend(child.subtree)
    return sorted(kept, key=lambda t: t.i)


def _is_clausal_prep(token: Token) -> bool:
    """A preposition whose object is a clause with its own subject ("In what could prove ...")."""
    if token.dep_ != "prep":
        return False
    return any(
        child.dep_ == "pcomp" and child.pos_ in _VERB_POS and any(g.dep_ in _SUBJECT_DEPS for g in child.children)
        for child in token.children
    )


def _strip_edges(tokens: list[Token]) -> list[Token]:
    """Drop punctuation and connectives left at either end of a span."""
    edge = {"PUNCT", "CCONJ", "SCONJ"}
    start, end = 0, len(tokens)
    while start < end and (tokens[start].pos_ in edge or tokens[start].dep_ in ("mark", "cc", "punct")):
        start += 1
    while end > start and (tokens[end - 1].pos_ in edge or tokens[end - 1].dep_ in ("cc", "punct")):
        end -= 1
    return tokens[start:end]


def event_tokens(trigger: Trigger) -> list[Token]:
    """The event's clause: the clause verb's subtree without the other clauses hanging
    on it, or an event noun's phrase."""
    if trigger.clause is not None:
        tokens = _subtree_without(trigger.clause, _CLAUSE_DEPS)
    else:
        tokens = _subtree_without(trigger.token, frozenset({"relcl", "appos", "punct"}))
    return _strip_edges(same_block(tokens, trigger.token)) or [trigger.token]


def _line_block(token: Token) -> tuple[int, int]:
    """Token bounds of the text block around ``token``: a line break ends a block.

    A parse sometimes runs a photo caption or a headline into the next sentence; nothing
    across a line break belongs to the same clause."""
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text + doc[start - 1].whitespace_:
        start -= 1
    end = token.i
    while end < len(doc) - 1 and "\n" not in doc[end].text + doc[end].whitespace_:
        end += 1
    return start, end


def same_block(tokens: Sequence[Token], anchor: Token) -> list[Token]:
    """The ``tokens`` on ``anchor``'s side of any line break."""
    start, end = _line_block(anchor)
    return [t for t in tokens if start <= t.i <= end]


def token_span(tokens: Sequence[Token]) -> tuple[int, int]:
    """Character offsets covering ``tokens`` (in document order)."""
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


# --------------------------------------------------------------------------- summary


@attrs.frozen
class Pruning:
    """What a summary leaves out: the time expressions (token indices) and, at higher
    ``level``, detail: 1 drops modifiers of nouns other than "of" phrases, 2 also keeps
    only a verb's first prepositional phrase."""

    banned: frozenset[int]
    level: int = 0


def _is_word_punct(token: Token) -> bool:
    """Punctuation inside a word: "Israel-Hamas", "power-grab" (no space on either side)."""
    if token.text not in _WORD_PUNCT or token.whitespace_ or token.i == 0:
        return False
    return not token.doc[token.i - 1].whitespace_


def _keep_child(child: Token, pruning: Pruning, kept_preps: int) -> bool:
    if child.dep_ == "punct" and _is_word_punct(child):
        return True
    if child.dep_ in _SIDE_DEPS or child.i in pruning.banned:
        return False
    if child.dep_ == "prep" and (_is_time_prep(child, pruning.banned) or _is_clausal_prep(child)):
        return False
    if pruning.level >= 1 and child.head.pos_ in _NOUN_POS and (
        child.dep_ in ("acl",) or (child.dep_ == "prep" and child.lower_ != "of")
    ):
        return False
    if pruning.level >= 2 and child.dep_ == "prep" and child.head.pos_ in _VERB_POS and kept_preps >= 1:
        return False
    return True


def _prune(token: Token, pruning: Pruning) -> list[Token]:
    """``token``'s subtree without side remarks, time expressions and pruned detail."""
    if token.i in pruning.banned:
        return []
    kept = [token]
    preps = 0
    for child in token.children:
        if child.dep_ == "prep" and child.i < token.i and token.pos_ in _VERB_POS:
            continue  # fronted adjuncts ("In what could prove ..., they signed") are framing
        if not _keep_child(child, pruning, preps):
            continue
        preps += child.dep_ == "prep"
        kept.extend(_prune(child, pruning))
    return kept


def _is_time_prep(prep: Token, banned: frozenset[int]) -> bool:
    """A preposition whose object is a time expression ("on Saturday")."""
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    return bool(objects) and all(o.i in banned for o in objects)


def _noun_core(noun: Token, banned: frozenset[int]) -> list[Token]:
    """A noun with its determiner, possessor and modifiers only ("the pact")."""
    keep_deps = {"det", "poss", "compound", "amod", "nummod", "case", "punct"}
    kept = [noun]
    for child in noun.children:
        if child.dep_ in keep_deps and child.i < noun.i and child.i not in banned:
            kept.extend(t for t in child.subtree if t.i not in banned)
    return sorted(kept, key=lambda t: t.i)


def _subject_of(verb: Token) -> Optional[Token]:
    return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)


def _borrowed_subject(verb: Token, pruning: Pruning) -> list[Token]:
    """Tokens standing in for a missing or relative-pronoun subject of ``verb``."""
    subject = _subject_of(verb)
    if subject is not None and subject.lower_ not in _RELATIVE_PRONOUNS:
        return []
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in _NOUN_POS:
        return _noun_core(verb.head, pruning.banned)  # "a power-grab that was recognized"
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in _VERB_POS:
        head_subject = _subject_of(verb.head)  # "seized power and declared" share a subject
        if head_subject is not None:
            return sorted(_prune(head_subject, pruning), key=lambda t: t.i)
    return []


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _summary_head(trigger: Token) -> Token:
    """The verb whose clause summarizes the event: an infinitive complement climbs to
    its governor ("told the U.S. to withdraw", "expect the troops to withdraw")."""
    head = trigger
    for _ in range(2):
        is_complement = head.dep_ == "xcomp" or (head.dep_ == "ccomp" and _is_infinitive(head))
        if is_complement and head.head.pos_ in _VERB_POS:
            head = head.head
    return head


def _clause_summary_tokens(verb: Token, pruning: Pruning) -> list[Token]:
    """Subject + verb group + objects + trailing prepositional phrases of ``verb``."""
    kept: list[Token] = [verb]
    has_subject = False
    preps = 0
    for child in verb.children:
        if child.dep_ not in _CORE_DEPS or not _keep_child(child, pruning, preps):
            continue
        if child.dep_ == "prep" and child.i < verb.i:
            continue  # fronted adjuncts are framing
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE_PRONOUNS:
                continue
            has_subject = True
        preps += child.dep_ == "prep"
        kept.extend(_prune(child, pruning))
    tokens = sorted(kept, key=lambda t: t.i)
    if not has_subject:
        tokens = _borrowed_subject(verb, pruning) + tokens
    return tokens


def _governing_verb(token: Token) -> Optional[Token]:
    """The nearest clause verb above ``token``."""
    current = token
    for _ in range(_MAX_WALK):
        if current.head.i == current.i:
            return None
        current = current.head
        if is_clause_verb(current):
            return current
    return None


def _noun_summary_tokens(noun: Token, pruning: Pruning) -> list[Token]:
    """The event noun's phrase ("the death of Yevgeny Prigozhin in a plane crash"), or
    the clause around it when the phrase is too bare to read ("the coup")."""
    phrase = sorted(_prune(noun, pruning), key=lambda t: t.i)
    content = [t for t in phrase if t.pos_ not in ("DET", "PUNCT", "PRON")]
    if len(content) >= 3:
        return phrase
    verb = _governing_verb(noun)
    return _clause_summary_tokens(_summary_head(verb), pruning) if verb is not None else phrase


_POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def elided_noun(mark: Token) -> Optional[str]:
    """The noun that a bare possessive subject stands for, from the sentence before
    ("... their governments toppled ... Niger's fell" -> "government"), else None.

    In "Niger's fell" the parse makes "Niger" the subject; read alone, the summary would
    lose what fell."""
    owner = mark.head
    if mark.dep_ != "case" or mark.text not in _POSSESSIVE_MARKS or owner.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sentence = owner.sent
    previous_start = sentence.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for token in reversed(sentence.doc[previous_start : owner.i]):
        if token.pos_ == "NOUN" and any(child.dep_ == "poss" for child in token.children):
            return token.lemma_
    return None


_OWNER_LABELS = frozenset({"GPE", "ORG"})


def possessive_owner(pronoun: Token) -> Optional[Span]:
    """The name an "its" stands for: the last country or organization named before it
    in its sentence ("... in Niger, on Saturday its ruling junta signed" -> Niger)."""
    if pronoun.lower_ != "its" or pronoun.dep_ != "poss":
        return None
    names = [name for name in pronoun.sent.ents if name.label_ in _OWNER_LABELS and name.end <= pronoun.i]
    return names[-1] if names else None


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _render(tokens: Sequence[Token]) -> str:
    """Tokens as text, keeping the original spacing between neighbours. Read alone,
    the summary must still say who: an elided possessed noun is spelled out ("Niger's
    [government] fell") and an "its" whose owner the summary leaves out is named ("its
    ruling junta" -> "Niger's ruling junta")."""
    kept = {token.i for token in tokens}
    parts: list[str] = []
    for position, token in enumerate(tokens):
        owner = possessive_owner(token)
        if owner is not None and not any(t.i in kept for t in owner):
            parts.append(_possessive(owner.text))
        else:
            parts.append(token.text)
        noun = elided_noun(token)
        if noun is not None:
            parts.append(" " + noun)
        if position + 1 < len(tokens):
            adjacent = tokens[position + 1].i == token.i + 1
            parts.append(token.whitespace_ if adjacent else " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct)


def _shorten(tokens: list[Token], limit: int) -> list[Token]:
    """At most ``limit`` words, cut so the text does not end on a function word."""
    words = [t for t in tokens if not t.is_punct]
    if len(words) <= limit:
        return tokens
    cut = tokens[: tokens.index(words[limit - 1]) + 1]
    while len(cut) > 1 and cut[-1].pos_ in _TRAILING_POS:
        cut.pop()
    return cut


def _summary_tokens(trigger: Trigger, pruning: Pruning) -> list[Token]:
    if trigger.clause is None:
        tokens = _noun_summary_tokens(trigger.token, pruning)
    else:
        tokens = _clause_summary_tokens(_summary_head(trigger.clause), pruning)
    # Punctuation goes, except inside words ("power-grab", "Niger's").
    tokens = [t for t in tokens if not t.is_punct or _is_word_punct(t)]
    return same_block(tokens, trigger.token)


def summary_tokens(trigger: Trigger, banned: frozenset[int], *, limit: int = MAX_SUMMARY_WORDS) -> list[Token]:
    """The tokens of the event's summary: subject, verb, objects, no time expression.

    Detail is pruned level by level until it fits ``limit`` words; only then is the
    text cut."""
    tokens: list[Token] = []
    for level in range(3):
        tokens = _summary_tokens(trigger, Pruning(banned=banned, level=level))
        if _words(tokens) <= limit:
            break
    clause = trigger.clause
    if _words(tokens) < 2 and clause is not None and is_clause_verb(clause.head) and clause.head.i != clause.i:
        # A bare participle ("starting at 18:30, don't miss ...") reads only with its host.
        return summary_tokens(Trigger(token=clause.head, clause=clause.head), banned, limit=limit)
    return _strip_edges(_shorten(tokens, limit)) or [trigger.token]


def render_summary(tokens: Sequence[Token]) -> str:
    """Summary tokens as a capitalized text."""
    text = _render(tokens)
    return text[:1].upper() + text[1:]


def summarize(trigger: Trigger, banned: frozenset[int], *, limit: int = MAX_SUMMARY_WORDS) -> str:
    """A short readable clause for the event (see :func:`summary_tokens`)."""
    return render_summary(summary_tokens(trigger, banned, limit=limit))


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


def is_negated(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """A negation on the trigger ("did not sign", "never arrived", "no agreement")."""
    for token in _own_words(trigger):
        for child in token.children:
            if child.dep_ == "neg" and child.lower_ in lexicon.negations:
                return True
            if child.dep_ == "det" and child.lower_ in lexicon.negation_mods:
                return True
    return False


def _trigger_governors(trigger: Trigger) -> list[Token]:
    return _governors(trigger.clause) if trigger.clause is not None else []


def _modality_dependents(trigger: Trigger, governors: Sequence[Token]) -> Iterator[tuple[str, str]]:
    """(dependency, lowercased word) of the dependents that can mark a trigger's
    modality: those of its own words and of its nearest governing verb."""
    for token in _own_words(trigger) + list(governors[:1]):
        for child in token.children:
            yield child.dep_, child.lower_


def is_planned_by_grammar(trigger: Trigger, lexicon: EventLexicon) -> bool:
    """Future by its own words: a will/shall auxiliary, a "planned"/"upcoming" modifier,
    or a governing "plans to"/"is scheduled to"."""
    governors = _trigger_governors(trigger)
    for dep, word in _modality_dependents(trigger, governors):
        if dep in _AUX_DEPS and word in lexicon.planned_aux:
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
    """A conditional or a modal of possibility ("if they sign", "could sign")."""
    for dep, word in _modality_dependents(trigger, _trigger_governors(trigger)):
        if dep in _AUX_DEPS and word in lexicon.hypothetical_aux:
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
) -> tuple[str, ...]:
    """Named people, groups and places of the event, in text order, once each: those
    inside its span, and those among ``also`` (the summary's words, which may borrow a
    subject from outside the clause: "Mali, which expelled ...")."""
    extra = {token.i for token in also}
    names: list[str] = []
    for entity in parsed.ents:
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


def dateline_bounds(text: str) -> Optional[tuple[int, int]]:
    """Character bounds of the text's dateline, if any: a date there dates the article,
    not an event."""
    dateline = find_dateline(text)
    return (dateline.start, dateline.end) if dateline is not None else None


def inside(start: int, end: int, bounds: Optional[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies within ``bounds`` (never for no bounds)."""
    return bounds is not None and bounds[0] <= start and end <= bounds[1]


def time_tokens(spans: Iterable[TimeSpan]) -> frozenset[int]:
    """Token indices of the time expressions: kept out of summaries and triggers."""
    return frozenset(token.i for time in spans for token in time.span)


def anchor_mentions(spans: Sequence[TimeSpan], lexicon: EventLexicon, skip: Optional[tuple[int, int]] = None) -> dict[int, Anchoring]:
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


def find_relations(spans: Sequence[TimeSpan], lexicon: EventLexicon) -> list[EventRelation]:
    """Event-anchored times: "X <amount> after/before Y" with an exact amount."""
    relations = []
    for time in spans:
        mention = time.mention
        if mention.type not in ("DURATION", "DATE", "TIME"):
            continue
        if mention.anchor is not Anchor.EVENT and mention.type != "DURATION":
            continue
        connector = _connector_after(time, lexicon)
        if connector is None:
            continue
        offset = _duration_from_value(mention.value) or _duration_from_tokens(list(time.span), lexicon)
        if offset is None:
            continue
        anchored = anchor_trigger(time.span, lexicon)
        other = _connector_event(connector, lexicon)
        if anchored is None or other is None or anchored.token.i == other.token.i:
            continue
        if lexicon.connectors[connector.lower_] > 0:
            relations.append(EventRelation(time=time, later=anchored, earlier=other, offset=offset))
        else:
            relations.append(EventRelation(time=time, later=other, earlier=anchored, offset=offset))
    return relations


def shift_time_value(when: TimeValue, offset: Offset, sign: int) -> Optional[TimeValue]:
    """``when`` moved by ``sign`` x ``offset`` at its own grain (day, month or year); else None."""
    start, grain = when.start, when.granularity
    if start is None or grain not in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
        return None
    unit = "day" if offset.unit == "days" else "month"
    if unit == "day" and grain != Granularity.DAY:
        return None  # "three days after" a month: no finer date can be claimed
    if grain == Granularity.YEAR and offset.count % 12:
        return None
    moved = shift(floor(start.date(), grain), unit, sign * offset.count)
    return period_value(Period(grain, floor(moved, grain)))


def _argument_lemmas(token: Token) -> frozenset[str]:
    """Lemmas of the subject/object nouns of a verb, or of a noun's own modifiers."""
    lemmas = set()
    for child in token.children:
        if child.dep_ in _ARGUMENT_DEPS and child.pos_ in _NOUN_POS:
            lemmas.add(child.lemma_.lower())
        if child.dep_ == "agent":
            lemmas.update(g.lemma_.lower() for g in child.children if g.pos_ in _NOUN_POS)
    if token.dep_ in ("acl", "relcl") and token.head.pos_ in _NOUN_POS:
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
    )
    return Event(
        when=anchoring.when,
        summary=render_summary(summary),
        trigger=trigger_lemma(word, lexicon),
        participants=participants(word.doc, span, also=summary, exclude=time_span),
        mentions=(mention,),
        negated=is_negated(trigger, lexicon),
        planned=is_planned(trigger, anchoring.when, reference_date(document.text, document.published_date, word.idx), lexicon),
        hypothetical=is_hypothetical(trigger, lexicon),
        id=f"{document.id}:{word.idx}",
    )


def _is_reporting(trigger: Trigger, lexicon: EventLexicon) -> bool:
    word = trigger.token
    return word.pos_ in _VERB_POS and word.lemma_.lower() in lexicon.reporting


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
    dated = anchor_mentions(spans, lexicon, dateline_bounds(document.text))
    dated.update(resolve_relations(find_relations(spans, lexicon), dated, lexicon))
    if not keep_reporting:
        dated = report_the_reported(drop_bare_reports(dated, lexicon), lexicon)
    banned = time_tokens(spans)
    ordered = sorted(dated.values(), key=lambda a: (a.trigger.token.idx, time_start(a)))
    return tuple(make_event(document, dating, banned, lexicon) for dating in ordered)
