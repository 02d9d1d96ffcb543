"""Events, part of step 4 (describe): the summary. A short readable line for an event,
cut from its clause: the subject, the verb group and its objects, pruned of side remarks, time
expressions and clauses of their own, at most :data:`MAX_SUMMARY_WORDS` words; a bare
possessive gets back the noun it stands for ("Niger's [government] fell"), "its" its
owner's name when the summary leaves the owner out, a subject pronoun or "the
company" the name it stands for ("It cut 500 jobs" -> "Acme Corp. cut 500 jobs";
``resources/summaries_referents.tsv``), and a participle or gerund with no subject the
noun that does its act ("Speaking to reporters, the minister said" -> "The minister
speaking to reporters"; :func:`controller`, ``resources/events_participle_control.tsv``).
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Sequence
from typing import Optional

import attrs
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_text, entities_between, sentence_bounds, sentence_bounds_at
from ..tables import read_resource_rows
from ._parse import (
    MAX_WALK,
    NOUN_POS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    VERB_POS,
    Trigger,
    direct_quote,
    is_clausal_prep,
    is_clause_verb,
    load_lexicon,
    same_block,
    strip_edges,
    verb_particles,
)

# The longest summary, in words.
MAX_SUMMARY_WORDS = 25
# The longest direct quote a summary keeps, verbatim and in its marks; a longer one is
# left out (a quote cut short would misquote).
MAX_QUOTE_WORDS = 15
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
# Punctuation that is part of a word ("power-grab", "Niger's", "5%").
_WORD_PUNCT = frozenset({"-", "'", "’", "%"})
# Of those, the ones that close a word and may have a space after ("4.9% in April").
_SUFFIX_PUNCT = frozenset({"%"})
# Words that may not end a summary cut short.
_TRAILING_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "PUNCT", "PRON"})


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
    if token.text not in _WORD_PUNCT or token.i == 0:
        return False
    if token.whitespace_ and token.text not in _SUFFIX_PUNCT:
        return False
    return not token.doc[token.i - 1].whitespace_


def _keep_child(child: Token, pruning: Pruning, kept_preps: int) -> bool:
    if child.dep_ == "punct" and _is_word_punct(child):
        return True
    if child.dep_ in _SIDE_DEPS or child.i in pruning.banned:
        return False
    if child.dep_ == "prep" and (_is_time_prep(child, pruning.banned) or is_clausal_prep(child)):
        return False
    if pruning.level >= 1 and child.head.pos_ in NOUN_POS and (
        child.dep_ in ("acl",) or (child.dep_ == "prep" and child.lower_ != "of")
    ):
        return False
    if pruning.level >= 2 and child.dep_ == "prep" and child.head.pos_ in VERB_POS and kept_preps >= 1:
        return False
    return True


def _prune(token: Token, pruning: Pruning) -> list[Token]:
    """``token``'s subtree without side remarks, time expressions and pruned detail."""
    if token.i in pruning.banned:
        return []
    kept = [token]
    preps = 0
    for child in token.children:
        if child.dep_ == "prep" and child.i < token.i and token.pos_ in VERB_POS:
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
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _borrowed_subject(verb: Token, pruning: Pruning) -> list[Token]:
    """Tokens standing in for a missing or relative-pronoun subject of ``verb``."""
    subject = _subject_of(verb)
    if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS:
        return []
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in NOUN_POS:
        return _noun_core(verb.head, pruning.banned)  # "a power-grab that was recognized"
    if subject is None:
        doer = controller(verb)
        if doer is not None:
            return _noun_core(doer, pruning.banned)  # "Speaking to reporters, the minister said"
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in VERB_POS:
        head_subject = _subject_of(verb.head)  # "seized power and declared" share a subject
        if head_subject is not None and not agrees(head_subject, verb):
            head_subject = _agreeing_subject_between(verb)
        if head_subject is not None:
            return sorted(_prune(head_subject, pruning), key=lambda t: t.i)
    return []


@functools.lru_cache(maxsize=1)
def _object_control() -> frozenset[tuple[str, str]]:
    """(verb lemma, preposition) pairs whose gerund the verb's object does
    (``resources/events_participle_control.tsv``: "accused the opposition of plotting")."""
    return frozenset((verb.lower(), prep.lower()) for verb, prep in read_resource_rows("events_participle_control.tsv", 2))


def controller(verb: Token) -> Optional[Token]:
    """Who does the act of a participle or gerund with no subject of its own (control;
    ``resources/events_participle_control.tsv``): a fronted participle clause ("Speaking
    to reporters, the minister said ...") and a gerund after a preposition ("missed six
    games since tearing a hamstring") are the governing verb's subject's; an object-control
    verb's object does its gerund ("accused the opposition of plotting a coup"). None for
    a finite or infinitive verb (an infinitive complement climbs to its governor instead:
    :func:`summary_head`), a clause with a subordinator or subject of its own, a
    participle after its head ("..., ending the partnership": often the result of the
    whole event), a bare -ing word with nothing of its own ("announcement - Podcasting"),
    or a pronoun controller ("They using data" reads worse than the bare participle)."""
    if verb.tag_ != "VBG" or _subject_of(verb) is not None or any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
        return None
    if not any(c.dep_ != "punct" for c in verb.children):
        return None
    doer: Optional[Token] = None
    if verb.dep_ == "advcl" and verb.head.pos_ in VERB_POS and verb.i < verb.head.i:
        doer = _subject_of(verb.head)
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        preposition = verb.head.lower_
        host = verb.head.head
        if host.pos_ in VERB_POS:
            obj = next((c for c in host.children if c.dep_ == "dobj"), None)
            doer = obj if obj is not None and (host.lemma_.lower(), preposition) in _object_control() else _subject_of(host)
        elif host.dep_ == "dobj" and (host.head.lemma_.lower(), preposition) in _object_control():
            doer = host  # the parse hangs "of plotting" on the object: "accused [the opposition of] plotting"
    if doer is None or doer.pos_ == "PRON" or doer.lower_ in RELATIVE_PRONOUNS:
        return None
    return doer


def _agreeing_subject_between(verb: Token) -> Optional[Token]:
    """For a conjunct whose head's subject does not agree with it, the subject of the
    nearest clause verb between the two that does: the conjunct the parse hung too high
    ("told Reuters that the Russian forces are not mingling ..., but were instead using
    a separate hangar": "were using" is the forces', not the official's)."""
    for token in reversed(verb.doc[verb.head.i + 1 : verb.i]):
        if not is_clause_verb(token):
            continue
        subject = _subject_of(token)
        if subject is not None and subject.lower_ not in RELATIVE_PRONOUNS and subject_number(subject) is not None and agrees(subject, verb):
            return subject
    return None


SINGULAR, PLURAL = "singular", "plural"
# Pronoun subjects of a known number ("I" and "you" take plural verb forms: none here).
_PRONOUN_NUMBER = {"he": SINGULAR, "she": SINGULAR, "it": SINGULAR, "this": SINGULAR, "they": PLURAL, "we": PLURAL, "these": PLURAL}
# Finite forms of "be" whose number is their own ("was" singular, "were" plural).
_BE_NUMBER = {"was": SINGULAR, "is": SINGULAR, "were": PLURAL, "are": PLURAL}


def subject_number(subject: Token) -> Optional[str]:
    """The grammatical number of a subject, None when unknown: a plural noun tag or a
    coordination ("Mali and Burkina Faso") is plural, a singular noun tag singular."""
    if any(child.dep_ == "conj" for child in subject.children):
        return PLURAL
    if subject.pos_ == "PRON":
        return _PRONOUN_NUMBER.get(subject.lower_)
    if subject.tag_ in ("NNS", "NNPS"):
        return PLURAL
    if subject.tag_ in ("NN", "NNP"):
        return SINGULAR
    return None


def verb_number(verb: Token) -> Optional[str]:
    """The number a finite verb group shows on its first finite word ("were using" plural,
    "operates" singular, "operate" plural), None when it shows none ("said", "will go")."""
    auxiliaries = sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i), key=lambda t: t.i)
    first = auxiliaries[0] if auxiliaries else verb
    form = first.lower_.replace("\u2019", "'")
    if form in _BE_NUMBER:
        return _BE_NUMBER[form]
    if first.tag_ == "VBZ":
        return SINGULAR
    if first.tag_ == "VBP":
        return PLURAL
    return None


def agrees(subject: Token, verb: Token) -> bool:
    """False when the subject and the verb show different numbers: the subject is not the
    verb's ("A senior official told Reuters ... but were instead using a hangar": the
    parse hangs "using" on "told", whose subject does not agree with "were")."""
    wanted, shown = subject_number(subject), verb_number(verb)
    return wanted is None or shown is None or wanted == shown


def _is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def summary_head(trigger: Token) -> Token:
    """The verb whose clause summarizes the event: an infinitive complement climbs to
    its governor ("told the U.S. to withdraw", "expect the troops to withdraw"), through
    an adjective to its copula ("is likely to cut")."""
    head = trigger
    for _ in range(2):
        is_complement = head.dep_ == "xcomp" or (head.dep_ == "ccomp" and _is_infinitive(head))
        governor = head.head
        if is_complement and governor.pos_ == "ADJ" and governor.dep_ == "acomp" and governor.head.pos_ in VERB_POS:
            head = governor.head  # "Acme is likely to cut jobs": the copula frames it
        elif is_complement and governor.pos_ in VERB_POS:
            head = governor
    return head


def _clause_summary_tokens(verb: Token, pruning: Pruning) -> list[Token]:
    """Subject + verb group + objects + trailing prepositional phrases of ``verb``."""
    kept: list[Token] = [verb]
    has_subject = False
    preps = 0
    objects = 0
    particles = {p.i for p in verb_particles(verb)}
    for child in verb.children:
        if child.i in particles:
            kept.append(child)  # "stepped down", "came ashore": part of the verb
            continue
        if not (child.dep_ in _CORE_DEPS or _is_amount(child)) or not _keep_child(child, pruning, preps):
            continue
        if child.dep_ == "dobj":
            objects += 1
            if objects > 1 and _after_comma(child):
                continue  # "raised rates on Wednesday, its 10th increase": a side remark parsed as an object
        if child.dep_ == "prep" and child.i < verb.i:
            continue  # fronted adjuncts are framing
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS:
                continue
            has_subject = True
        preps += child.dep_ == "prep"
        quote = _quote_of(child)
        if quote is not None:
            # a direct quote is kept word for word, marks included, or not at all
            verbatim = list(verb.doc[quote[0] : quote[1] + 1])
            if _words(verbatim) <= MAX_QUOTE_WORDS:
                kept.extend(verbatim)
            continue
        kept.extend(_prune(child, pruning))
    tokens = sorted(kept, key=lambda t: t.i)
    if not has_subject:
        tokens = _borrowed_subject(verb, pruning) + tokens
    return tokens


def _quote_of(child: Token) -> Optional[tuple[int, int]]:
    """The bounds of the direct quote that a complement clause is, else None."""
    return direct_quote(child) if child.dep_ == "ccomp" else None


def _quoted(tokens: Sequence[Token]) -> frozenset[int]:
    """Indices of the tokens inside a kept direct quote (marks included): their
    punctuation is the speaker's."""
    inside: set[int] = set()
    indices = {t.i for t in tokens}
    for token in tokens:
        quote = _quote_of(token)
        if quote is not None and quote[0] in indices and quote[1] in indices:
            inside.update(range(quote[0], quote[1] + 1))
    return frozenset(inside)


def _is_amount(child: Token) -> bool:
    """A quantity hung on a verb as an adverbial noun: "rose 4.9%", "fell 300 points"."""
    return child.dep_ == "npadvmod" and child.head.pos_ in VERB_POS and any(
        g.dep_ == "nummod" for g in child.children
    )


def _after_comma(token: Token) -> bool:
    """``token``'s phrase comes right after a comma."""
    first = token.left_edge
    return first.i > 0 and first.doc[first.i - 1].text == ","


def _governing_verb(token: Token) -> Optional[Token]:
    """The nearest clause verb above ``token``."""
    current = token
    for _ in range(MAX_WALK):
        if current.head.i == current.i:
            return None
        current = current.head
        if is_clause_verb(current):
            return current
    return None


# Prepositions that put an event before or after another one: the clause around their
# object is the other event ("struck on Wednesday, two days after the quake").
_SEQUENCE_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until"})


def _content(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.pos_ not in ("DET", "PUNCT", "PRON"))


def _noun_summary_tokens(noun: Token, pruning: Pruning) -> list[Token]:
    """The event noun's phrase ("the death of Yevgeny Prigozhin in a plane crash"), or
    the clause around it when the phrase is too bare to read ("the coup"). A bare noun
    after "after"/"before" keeps its relative clause instead ("the quake that killed
    more than 1,000 people"): the clause around it tells the other event."""
    phrase = sorted(_prune(noun, pruning), key=lambda t: t.i)
    if _content(phrase) >= 3:
        return phrase
    if noun.dep_ == "pobj" and noun.head.lower_ in _SEQUENCE_PREPOSITIONS:
        relative = [c for c in noun.children if c.dep_ == "relcl" and c.i not in pruning.banned]
        for clause in relative[:1]:
            phrase = sorted(phrase + _prune(clause, pruning), key=lambda t: t.i)
        return phrase
    verb = _governing_verb(noun)
    return _clause_summary_tokens(summary_head(verb), pruning) if verb is not None else phrase


_POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


def elided_noun(mark: Token) -> Optional[str]:
    """The noun that a bare possessive subject stands for, from the sentence before
    ("... their governments toppled ... Niger's fell" -> "government"), else None.

    In "Niger's fell" the parse makes "Niger" the subject; read alone, the summary would
    lose what fell."""
    owner = mark.head
    if mark.dep_ != "case" or mark.text not in _POSSESSIVE_MARKS or owner.dep_ not in ("nsubj", "nsubjpass"):
        return None
    doc = owner.doc
    start = sentence_bounds(owner)[0]
    previous_start = sentence_bounds_at(doc, start - 1)[0] if start > 0 else start
    for token in reversed(doc[previous_start : owner.i]):
        if token.pos_ == "NOUN" and any(child.dep_ == "poss" for child in token.children):
            return token.lemma_
    return None


_OWNER_LABELS = frozenset({"GPE", "ORG"})


def possessive_owner(pronoun: Token) -> Optional[Span]:
    """The name an "its" stands for: the last country or organization named before it
    in its sentence ("... in Niger, on Saturday its ruling junta signed" -> Niger)."""
    if pronoun.lower_ != "its" or pronoun.dep_ != "poss":
        return None
    names = [name for name in entities_between(pronoun.doc, sentence_bounds(pronoun)[0], pronoun.i) if name.label_ in _OWNER_LABELS]
    return names[-1] if names else None


def _entity_at(token: Token, within: Span) -> Optional[Span]:
    """The named entity ``token`` is part of when it lies wholly within ``within``
    (``[e for e in within.ents if e.start <= token.i < e.end]``, without going through
    every entity of the document)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if start < within.start or end > within.end:
        return None
    return Span(doc, start, end, label=doc[start].ent_type_)


@functools.lru_cache(maxsize=1)
def _referent_kinds() -> dict[str, frozenset[str]]:
    """Subject words that stand for a name, and the entity labels the name may have
    (``resources/summaries_referents.tsv``)."""
    return {word.lower(): frozenset(kinds.split()) for word, kinds in read_resource_rows("summaries_referents.tsv", 2)}


# How many sentences back a subject pronoun's name is looked for.
_REFERENT_SENTENCES = 3


def _referring_kinds(subject: Token) -> Optional[frozenset[str]]:
    """The entity labels a subject word may stand for: "it", "he", or "the company"."""
    if subject.dep_ not in SUBJECT_DEPS:
        return None
    if subject.pos_ == "PRON":
        if subject.lower_ == "it" and not _it_acts(subject):
            return None
        return _referent_kinds().get(subject.lower_)
    if subject.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        if len(list(subject.children)) == 1:  # "the company", not "the parent company of X"
            return _referent_kinds().get(subject.lower_)
    return None


def _it_acts(it: Token) -> bool:
    """True when "it" is the doer of an act on something ("It cut 500 jobs", "It said the
    patents were infringed"), not an empty subject ("It rained", "It was reported that
    ...", "It seems that ...")."""
    verb = it.head
    if it.dep_ != "nsubj" or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    children = {c.dep_ for c in verb.children}
    return "dobj" in children or ("ccomp" in children and verb.lemma_.lower() in load_lexicon().reporting)


def _main_subject(sentence: Span) -> Optional[Token]:
    root = sentence.root
    return next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)


def subject_referent(subject: Token) -> Optional[Span]:
    """The name a subject pronoun or "the company" stands for: the subject of an earlier
    sentence that is a name of a fitting kind, reached through subjects that refer on
    ("Acme said ... The company will report ... It cut 500 jobs" -> Acme); None when
    anything else comes first."""
    kinds = _referring_kinds(subject)
    if kinds is None:
        return None
    sentence = subject.sent
    doc = subject.doc
    for _ in range(_REFERENT_SENTENCES):
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        earlier = _main_subject(sentence)
        if earlier is None:
            return None
        name = _entity_at(earlier, sentence)
        if name is not None:
            return name if name.label_ in kinds else None
        further = _referring_kinds(earlier)
        if further is None or not (further & kinds):
            return None
    return None


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _render(tokens: Sequence[Token]) -> str:
    """Tokens as text, keeping the original spacing between neighbours. Read alone,
    the summary must still say who: an elided possessed noun is spelled out ("Niger's
    [government] fell") and an "its" whose owner the summary leaves out is named ("its
    ruling junta" -> "Niger's ruling junta")."""
    kept = {token.i for token in tokens}
    referent = summary_referent(tokens)
    parts: list[str] = []
    for position, token in enumerate(tokens):
        owner = possessive_owner(token)
        if referent is not None and position <= 1 and (token.dep_ in SUBJECT_DEPS or token.dep_ == "det"):
            # "It cut 500 jobs" -> "Acme Corp. cut 500 jobs" (the determiner of "the
            # company" goes with it)
            if token.dep_ == "det":
                continue
            parts.append(referent.text)
        elif owner is not None and not any(t.i in kept for t in owner):
            parts.append(_possessive(owner.text))
        elif position > 0 and token.is_sent_start and token.pos_ != "PROPN" and not token.text.isupper():
            # the sentence's first word after a borrowed subject: "The minister speaking ..."
            parts.append(token.text[:1].lower() + token.text[1:])
        else:
            parts.append(token.text)
        noun = elided_noun(token)
        if noun is not None:
            parts.append(" " + noun)
        if position + 1 < len(tokens):
            adjacent = tokens[position + 1].i == token.i + 1
            parts.append(token.whitespace_ if adjacent else " ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def summary_referent(tokens: Sequence[Token]) -> Optional[Span]:
    """The name the summary's opening subject stands for ("It", "The company"), if any
    (:func:`subject_referent`)."""
    if not tokens:
        return None
    return subject_referent(tokens[0].head if _is_det_of_head(tokens) else tokens[0])


def _is_det_of_head(tokens: Sequence[Token]) -> bool:
    """True when the summary opens with "the" of the noun that follows ("The company")."""
    return len(tokens) > 1 and tokens[0].dep_ == "det" and tokens[0].head.i == tokens[1].i


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
        tokens = _clause_summary_tokens(summary_head(trigger.clause), pruning)
        if trigger.token.dep_ == "compound" and trigger.token.head.i == trigger.clause.i and trigger.token not in tokens:
            # a verb the parser made a compound of its root noun: the clause's verb
            tokens = sorted([*tokens, trigger.token], key=lambda t: t.i)
    # Punctuation goes, except inside words ("power-grab", "Niger's") and quotes.
    quoted = _quoted(tokens)
    tokens = [t for t in tokens if not t.is_punct or _is_word_punct(t) or t.i in quoted]
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
    return strip_edges(_shorten(tokens, limit)) or [trigger.token]


# --------------------------------------------------------------------------- fragments

NO_EVENT_WORD, NO_TRIGGER, NO_SUBJECT, NO_TENSE, EMPTY_IT, BARE_REPORT, REPORT_ASIDE = (
    "no_event_word", "no_trigger", "no_subject", "no_tense", "empty_it", "bare_report", "report_aside"
)
FRAGMENT_REASONS = (NO_EVENT_WORD, NO_TRIGGER, NO_SUBJECT, NO_TENSE, EMPTY_IT, BARE_REPORT, REPORT_ASIDE)
"""Why a summary is no line a reader can read as an event (:func:`fragment_reason`)."""

# Dependents that belong to a verb group: a summary holding only them and a subject
# says nothing ("It is known").
_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})
# Roles of a noun phrase: a "verb" in one of them is a name the tagger misread
# ("ECOWAS itself had threatened": "ECOWAS" tagged VB, the subject of "threatened").
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "dative"})
# A verb in these roles modifies a noun ("legislation restricting ...", "groups
# affiliated with ...", "a power-grab that was recognized").
_NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl"})


def fragment_reason(trigger: Trigger, tokens: Sequence[Token], reporting: frozenset[str]) -> Optional[str]:
    """Why the summary ``tokens`` of ``trigger`` is a fragment, else None.

    * ``no_event_word``: the trigger is a participle used as a preposition ("including
      an air defense system", "following the vote", "according to police", "given
      the risks", "pending an inquiry"), or a "verb" in a noun's role, a name the
      tagger misread ("ECOWAS itself", not in a headline, parsed worst: "Boeing shares
      slide on fuselage flaw"): no event at all;
    * ``no_trigger``: the summary holds neither the trigger nor its clause's verb (a
      bare word shown with its host's clause, "Pending" for "pending an investigation");
    * ``no_subject``: a verb's summary with no subject (its own, a relative pronoun's
      noun, or a conjunct's shared one that agrees): "To help fight jihadists",
      "Speaking at a press conference", "Plotting to invade the country";
    * ``no_tense``: a verb of no tense (:func:`is_finite`) with a subject or modifying a
      noun: a participle or an infinitive alone ("Groups affiliated with ISIS", "Russia
      to expand its influence", "U.S. legislation restricting the amount ..."), but not
      in a headline (:func:`is_headline`: "Slain journalist buried in Beirut"); a
      relation verb's past form with its preposition is a participle
      (:func:`reads_as_participle`: "groups linked to al Qaeda"); an event noun shown
      with such a clause modifying a noun is one too ("sanctions restricting arms
      sales");
    * ``empty_it``: the "it" of an "as" clause commenting on its sentence, and nothing
      but the verb group ("as it is known" -> "It is known");
    * ``bare_report``: a reporting verb (``reporting``: lemmas) whose summary lost what
      is reported (a quote too long to keep: "Austin said");
    * ``report_aside``: a reporting verb with nothing reported of its own, a side
      remark on the sentence it is hung on ("..., reports say" -> "Reports say").

    An event noun's own phrase ("the death of founder Yevgeny Prigozhin") needs no
    subject."""
    word = trigger.token
    verb = trigger.clause
    headline = is_headline(word)  # a headline is parsed worst: "Boeing shares slide"
    if word.pos_ in VERB_POS and (word.dep_ == "prep" or (word.dep_ in _NOMINAL_DEPS and not headline)):
        return NO_EVENT_WORD
    if verb is not None and verb.dep_ == "prep":
        return NO_EVENT_WORD
    kept = {t.i for t in tokens}
    if word.i not in kept and (verb is None or verb.i not in kept):
        return NO_TRIGGER
    if verb is None:
        return _noun_told_without_tense(word, kept)
    head = summary_head(verb)
    # a headline's verb has no tense: "Slain journalist buried in Beirut"
    if not headline and not is_finite(head) and (head.dep_ in _NOUN_MODIFIER_DEPS or _has_subject(head, tokens, kept)):
        return NO_TENSE  # "legislation restricting the amount", "groups affiliated with ISIS"
    if not _has_subject(head, tokens, kept):
        return NO_SUBJECT
    subject = _subject_of(head)
    if subject is not None and subject.lower_ == "it" and _is_comment_clause(head):
        rest = [t for t in tokens if t.i != subject.i and t.i != head.i and not (t.head.i == head.i and t.dep_ in _VERB_GROUP_DEPS)]
        if not rest:
            return EMPTY_IT
    if head.pos_ in VERB_POS and head.lemma_.lower() in reporting:
        content = [c for c in head.children if c.dep_ in ("ccomp", "parataxis", "dobj", "xcomp")]
        if content and not any(c.i in kept for c in content):
            return BARE_REPORT
        if not content and all(t.i == head.i or t.dep_ in SUBJECT_DEPS or t.head.dep_ in SUBJECT_DEPS or t.dep_ in _VERB_GROUP_DEPS for t in tokens):
            return REPORT_ASIDE  # "reports say" hung as a side remark: said of what came before
    return None


def _noun_told_without_tense(noun: Token, kept: set[int]) -> Optional[str]:
    """``no_tense`` for an event noun whose summary is the clause of a verb of no tense
    around it ("sanctions restricting arms sales": "arms sales" is shown as "Sanctions
    restricting arms sales to the government"): the reader reads that clause, a fragment
    as much as for its verb. An event noun read in its own phrase ("the death of the
    founder in a plane crash") or in a finite clause is None."""
    verb = _governing_verb(noun)
    if verb is None or verb.i not in kept or is_headline(noun):
        return None
    head = summary_head(verb)
    if head.i in kept and not is_finite(head) and head.dep_ in _NOUN_MODIFIER_DEPS:
        return NO_TENSE
    return None


@functools.lru_cache(maxsize=1)
def _relation_participles() -> dict[str, frozenset[str]]:
    """Verbs of relating and their prepositions (``resources/events_relation_participles.tsv``)."""
    return {lemma.lower(): frozenset(p.strip().lower() for p in preps.split(",")) for lemma, preps in read_resource_rows("events_relation_participles.tsv", 2)}


def reads_as_participle(verb: Token) -> bool:
    """A past form the tagger read as a simple past (VBD) that can only be a passive
    participle of a reduced relative clause: a verb of relating
    (``resources/events_relation_participles.tsv``) with no auxiliary and no object but
    its preposition ("groups linked to al Qaeda": the active needs its object, "Police
    linked the attack to the group")."""
    if verb.tag_ != "VBD" or any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp") for c in verb.children):
        return False
    preps = _relation_participles().get(verb.lemma_.lower())
    return preps is not None and any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children)


# Tags of a finite verb form (with the modals).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def is_finite(verb: Token) -> bool:
    """A verb group with a tense: a finite verb or auxiliary ("fell", "has fallen", "may
    make", "don't have"), or a conjunct sharing its head's ("has seized power and
    declared"); not a participle or an infinitive alone ("groups affiliated with ISIS",
    "Russia to expand its influence")."""
    if verb.tag_ in _FINITE_TAGS:
        return not reads_as_participle(verb)
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in verb.children):
        return True
    return verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBG", "VB") and verb.head.pos_ in VERB_POS and verb.head.i != verb.i and is_finite(verb.head)


def is_headline(token: Token) -> bool:
    """``token`` is in a headline: the document's first line when more text follows it
    ("Slain journalist buried in Beirut\n\nHaddad, who was killed ..."; the parse may
    run it into the next sentence). A text of one line has no headline."""
    return token.idx < headline_end(token.doc)


# Each Doc's headline end, found once: reading Doc.text joins the whole document, and
# is_headline is asked for every event of it (fragment_reason). Weak keys: a Doc is
# forgotten with its last reference.
_HEADLINE_ENDS: weakref.WeakKeyDictionary[Doc, int] = weakref.WeakKeyDictionary()


def headline_end(doc: Doc) -> int:
    """The offset of the first line break of the document when more text follows it
    (where its headline ends), else 0: no headline."""
    end = _HEADLINE_ENDS.get(doc)
    if end is None:
        text = doc_text(doc)
        first_break = text.find("\n")
        end = first_break if 0 < first_break and text[first_break:].strip() else 0
        _HEADLINE_ENDS[doc] = end
    return end


def _is_comment_clause(verb: Token) -> bool:
    """An "as" clause that comments on its sentence ("as it is known", "as it turned
    out"): its "it" stands for nothing the timeline tells. An "it" elsewhere may stand
    for a thing ("the stock it owns", "when it was broken": TimeBank marks those)."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _has_subject(head: Token, tokens: Sequence[Token], kept: set[int]) -> bool:
    """A subject-verb pair in the summary of the clause of ``head``."""
    subject = _subject_of(head)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
        return head.dep_ in ("relcl", "acl") and head.head.i in kept  # "an air base that is hosting"
    if subject is not None:
        return subject.i in kept
    # a conjunct sharing its head's subject (kept by _borrowed_subject when it agrees)
    shared = _subject_of(head.head) if head.dep_ == "conj" else None
    return shared is not None and shared.i in kept


def render_summary(tokens: Sequence[Token]) -> str:
    """Summary tokens as a capitalized text."""
    text = _render(tokens)
    return text[:1].upper() + text[1:]


def summarize(trigger: Trigger, banned: frozenset[int], *, limit: int = MAX_SUMMARY_WORDS) -> str:
    """A short readable clause for the event (see :func:`summary_tokens`)."""
    return render_summary(summary_tokens(trigger, banned, limit=limit))


__all__ = [
    "BARE_REPORT", "EMPTY_IT", "FRAGMENT_REASONS", "MAX_QUOTE_WORDS", "MAX_SUMMARY_WORDS", "NO_EVENT_WORD", "NO_SUBJECT",
    "NO_TENSE", "NO_TRIGGER", "PLURAL", "Pruning", "REPORT_ASIDE", "SINGULAR", "agrees", "controller", "elided_noun", "fragment_reason",
    "headline_end", "is_finite", "is_headline", "possessive_owner", "reads_as_participle", "render_summary", "subject_number", "subject_referent", "summarize",
    "summary_head", "summary_referent", "summary_tokens", "verb_number"
]
