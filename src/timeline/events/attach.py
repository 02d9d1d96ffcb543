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

Two corrections to the walk (:func:`attached_event`). A time that measures or compares
dates no event (:func:`measure_reading`, cues in ``resources/events_time_cues.tsv``
with the example table ``events_time_cues_examples.tsv``): "up from a year earlier",
"than a year ago", "compared with last year", "the lowest since October", "over the
past year", "in the year to March", and the day that closes a period ("for the quarter
ended Dec. 29", the words of ``period_end_cues.tsv``). And an event noun in a prepositional phrase right
before a bare time ("claims from the earthquake two weeks ago"), or before "on"/"at"
when possessed ("his capture on March 26"), is the event the parse passed over; not
after a preposition of manner or setting ("seized power in a coup in July 2023").

Event-anchored times ("the pact was signed a week after Niger accused France"): a
mention whose text is a quantity of a calendar unit followed by "after"/"before"
(``events_relations.tsv``) relates the event it attaches to (sign) and the event of the
clause or noun after the connector (accuse): an :class:`EventRelation`, resolved into a
date by the date step. Only days, weeks, months and years with an exact count relate
("less than two weeks after", "about a month before" do not: their TIMEX3 mod says so).

Event nouns outside the lexicon (:func:`dated_nouns`): the common nouns on a time's
walk are put to the learned detector (:mod:`timeline.events.learned`); those it takes
for events join the walk's stops, so "the bankruptcy filing in 2019" dates the filing.
Only where the parse hangs the time on the noun, and not for a bare time after a noun
that follows its verb ("will rule on the appeal next month").

:func:`attach_times` returns an :class:`Attachment`: the triggers dated by a time of
their own, the event each calendar time dates (read by the date step, which must not
date an event by a time that belongs to another), and the relations.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Optional

import attrs
from spacy.tokens import Span, Token

from ..errors import ResourceError
from ..model import Anchor
from ..nlp import parse_memo, sentence_bounds
from ..tables import read_resource_rows, resource_table
from ._parse import (
    MAX_WALK,
    Anchoring,
    EventLexicon,
    TimeSpan,
    Trigger,
    complemented_preposition,
    finer,
    inside,
    is_calendar_mention,
    is_clause_verb,
    is_event_noun,
    is_predicative,
    load_lexicon,
    verb_trigger,
)
from .detect import is_compound_verb, is_lexicon_trigger, is_mistagged_verb
from .learned import detected_class


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
            # a root noun whose compound is the sentence's verb: the verb is dated
            verb = next((word for word in current.children if is_compound_verb(word)), None)
            if verb is not None and (words is None or verb.i in words):
                return Trigger(token=verb, clause=current)
            continue
        if is_onset_participle(current):
            continue  # "to ban leaf blowers starting in 2028": the ban's time
        if is_ending_gerund(current):
            continue  # "retired from acting in 2015": the retiring's time
        if is_clause_verb(current) or is_mistagged_verb(current):
            if _fronted_report_time(child, current, lexicon):
                current = current.head  # "said on Wednesday she would step down": the saying
                if words is not None and current.i not in words:
                    return None
            return verb_trigger(current, lexicon, via=child if child.dep_ == "prep" else None)
        return Trigger(token=current, clause=None)
        # prepositions, their objects, adjectives and non-event nouns: keep climbing
    return None


@functools.lru_cache(maxsize=1)
def onset_verbs() -> frozenset[str]:
    """Verbs whose -ing participle gives the start of another event (``events_onset_participles.tsv``)."""
    return frozenset(row[0].lower() for row in read_resource_rows("events_onset_participles.tsv", 1))


# How an onset participle hangs on the event it starts: a modifier clause ("to ban ...
# starting in 2028", "Starting in May, the city will ..."), a noun's modifier ("the
# strike, beginning Monday") or the object of a preposition the parse gave it.
_ONSET_DEPS = frozenset({"advcl", "acl", "pobj", "xcomp"})


def is_onset_participle(token: Token) -> bool:
    """An -ing participle of an onset verb with no subject of its own, modifying an
    event ("starting in 2028"): the time it carries dates that event."""
    return (
        token.tag_ == "VBG"
        and token.dep_ in _ONSET_DEPS
        and token.lemma_.lower() in onset_verbs()
        and not any(child.dep_ in ("nsubj", "nsubjpass", "aux") for child in token.children)
    )


@functools.lru_cache(maxsize=1)
def ending_gerunds() -> frozenset[tuple[str, str]]:
    """(verb lemma, preposition) pairs that end the activity of a gerund
    (``events_ending_gerunds.tsv``)."""
    return frozenset((row[0].lower(), row[1].lower()) for row in read_resource_rows("events_ending_gerunds.tsv", 2))


def is_ending_gerund(token: Token) -> bool:
    """A gerund after the preposition of a verb that ends its activity ("retired from
    acting in 2015"): the time it carries dates the verb."""
    preposition = complemented_preposition(token)
    if preposition is None:
        return False
    verb = preposition.head
    return verb.pos_ == "VERB" and (verb.lemma_.lower(), preposition.lower_) in ending_gerunds()


def _fronted_report_time(child: Token, verb: Token, lexicon: EventLexicon) -> bool:
    """A time the parser hung on a reported clause although it comes right after the
    reporting verb (its phrase starts at the next word), before the clause's subject and without "that" between: it dates
    the report ("said on Wednesday she would step down"), not the content ("said she
    would step down on Wednesday", "said that on Wednesday she would ...")."""
    report = verb.head
    if verb.dep_ != "ccomp" or not is_clause_verb(report) or report.lemma_.lower() not in lexicon.reporting:
        return False
    if child.left_edge.i != report.i + 1 or not child.i < verb.i:
        return False  # right after the verb: not "said Edgar Woolard, in an interview months before he ..."
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or child.i >= min(subjects) or child.dep_ not in ("prep", "npadvmod", "advmod"):
        return False  # a time inside the clause's subject ("said third-quarter income fell") stays there
    return not any(c.dep_ == "mark" and c.i < child.i for c in verb.children)


# --------------------------------------------------------------------------- event nouns beyond the lexicon


def _walk_nouns(time_span: Span, lexicon: EventLexicon) -> Iterator[Token]:
    """The common nouns where the walk of :func:`anchor_trigger` (over the lexicon's
    words) could stop if they named events: the nouns it climbs through up to the
    first word of the lexicon (not one that only a bare time after it reaches,
    :func:`_bare_time_after_object`). Not the noun right before a time that the parse
    hangs elsewhere (:func:`_event_noun_before`), nor the object of a light verb
    ("launched a 3G version of its iPhone on June 9"): for a noun outside the lexicon
    those guesses are too loose (on the SemEval documents they dated "version",
    "service")."""
    inside = {token.i for token in time_span}
    current = time_span.root
    for _ in range(MAX_WALK):
        parent = current.head
        if parent.i == current.i:
            break
        child, current = current, parent
        if current.i in inside:
            continue
        if is_lexicon_trigger(current, lexicon):
            break
        if current.pos_ == "NOUN" and not _bare_time_after_object(child, current):
            yield current


def _bare_time_after_object(child: Token, noun: Token) -> bool:
    """A time hung on a noun without a preposition, after it, where the noun follows
    its verb ("will rule on the appeal next month"): the parser's usual misreading of a
    clause's closing adverbial, which dates the verb, not the object. A subject's time
    is the noun's ("the 0.25-point cut last week was its first")."""
    if child.dep_ not in ("npadvmod", "tmod", "nmod", "appos") or child.i < noun.i:
        return False
    verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.i < noun.i


def is_detected_event(token: Token) -> bool:
    """The default verdict on a noun: the shipped learned detector takes it for an event."""
    return detected_class(token) is not None


def dated_nouns(
    spans: Sequence[TimeSpan],
    lexicon: EventLexicon,
    *,
    skip: Sequence[tuple[int, int]] = (),
    is_event: Callable[[Token], bool] = is_detected_event,
) -> frozenset[int]:
    """Token indices of the event nouns outside the lexicon that a time may date: the
    nouns on the walk from a calendar time (:func:`_walk_nouns`; times inside ``skip``
    and times that measure or compare are left out) that ``is_event`` takes for events
    (by default the learned detector, :func:`timeline.events.learned.detected_class`),
    not predicative ("it was a loss"). Only these few nouns are scored, each once."""
    verdicts: dict[int, bool] = {}
    found: set[int] = set()
    for time in spans:
        mention = time.mention
        if not is_calendar_mention(mention) or inside(mention.start, mention.end, skip):
            continue
        found |= nouns_above(time.span, lexicon, is_event, verdicts)
    return frozenset(found)


def nouns_above(
    time_span: Span,
    lexicon: EventLexicon,
    is_event: Callable[[Token], bool] = is_detected_event,
    verdicts: Optional[dict[int, bool]] = None,
) -> set[int]:
    """:func:`dated_nouns` for one time span (``verdicts``: token index -> is_event,
    shared across the spans of one document so that no noun is scored twice)."""
    if measure_reading(time_span) is not None:
        return set()  # dates no event: its nouns need no verdict
    known = {} if verdicts is None else verdicts
    found = set()
    for noun in _walk_nouns(time_span, lexicon):
        if is_event_noun(noun, lexicon) or is_predicative(noun):  # _walk_nouns gives nouns only
            continue
        if noun.i not in known:
            known[noun.i] = is_event(noun)
        if known[noun.i]:
            found.add(noun.i)
    return found


# --------------------------------------------------------------------------- comparison readings


@attrs.frozen
class TimeCues:
    """The cues of times that measure or compare (``resources/events_time_cues.tsv``)."""

    prepositions: Mapping[str, frozenset[str]]  # word ("-": none) -> its conditions
    comparison: frozenset[str]
    back: frozenset[str]
    back_governed: frozenset[str]
    period: re.Pattern[str]
    superseded: frozenset[str] = frozenset()


# "the last quarter" names the quarter before (a date), "the past year" a stretch of time.
_UNITS = r"(?:day|week|month|year|decade|century|weekend)s?"


@functools.lru_cache(maxsize=1)
def load_time_cues() -> TimeCues:
    """Read ``events_time_cues.tsv`` once per process."""
    prepositions: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {"comparison": set(), "back": set(), "back_governed": set(), "period": set(), "superseded": set()}
    for number, row in resource_table("events_time_cues.tsv"):
        if row[0] == "prep" and len(row) == 3 and row[2] in MEASURE_CONDITIONS:
            prepositions.setdefault(row[1].lower(), set()).add(row[2])
        elif row[0] in words and len(row) == 2:
            words[row[0]].add(row[1].lower())
        else:
            raise ResourceError(f"resources/events_time_cues.tsv line {number}: malformed row {row!r}")
    period = "|".join(sorted(map(re.escape, words["period"])))
    return TimeCues(
        prepositions={word: frozenset(conditions) for word, conditions in prepositions.items()},
        comparison=frozenset(words["comparison"]),
        superseded=frozenset(words["superseded"]),
        back=frozenset(words["back"]),
        back_governed=frozenset(words["back_governed"]),
        # "the past year", "the last two months", "the previous three quarters"
        period=re.compile(rf"^(?:the\s+)?(?:{period})\s+(?:[^\s'’]+\s+)?{_UNITS}$", re.IGNORECASE),
    )


def _governing_preposition(time_span: Span) -> Optional[Token]:
    """The preposition or subordinator the time is the object of ("since October",
    "from a year earlier", "than a year ago"), read off the parse or, when the parse
    hangs the time elsewhere, the word right before it."""
    head = time_span.root.head
    if head.i not in range(time_span.start, time_span.end) and (head.dep_ in ("prep", "mark", "agent") or head.pos_ in ("ADP", "SCONJ")):
        return head
    if time_span.start > 0:
        before = time_span.doc[time_span.start - 1]
        if before.pos_ in ("ADP", "SCONJ") or before.dep_ in ("prep", "mark"):
            return before
    return None


def _is_superlative(word: Token) -> bool:
    return word.tag_ in ("JJS", "RBS") or word.lower_ == "first"


# How many words before the preposition a superlative may stand ("their lowest level
# since": the parse often hangs "since" on the verb, not on "lowest").
SUPERLATIVE_REACH = 4


def _superlative(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"the lowest since", "the highest level since", "the first time since"."""
    head = preposition.head
    if _is_superlative(head) or any(_is_superlative(child) for child in head.children if child.dep_ in ("amod", "advmod")):
        return True
    if head.dep_ in ("acl", "relcl", "xcomp") and _is_superlative(head.head):
        return True  # "the strongest to hit the island since 2017"
    start = max(sentence_bounds(preposition)[0], preposition.i - SUPERLATIVE_REACH)
    return any(_is_superlative(token) for token in preposition.doc[start : preposition.i])


def _ranked(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"the largest listing of the year", "the busiest day of the month": the time is the
    set a superlative ranks in (not an ordinal: "the first meeting of 2025" is dated)."""
    head = preposition.head
    return any(child.dep_ in ("amod", "advmod") and child.tag_ in ("JJS", "RBS") for child in head.children)


def _compared(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    return preposition.head.lemma_.lower() in ("compare", "versus")


def _has_back(time_span: Span, words: frozenset[str]) -> bool:
    return any(token.lower_ in words for token in time_span)


def _back_reference(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    return _has_back(time_span, cues.back | cues.back_governed)


def _period(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    return cues.period.match(time_span.text.strip()) is not None


def _any(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    return True


def _possessor(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"bringing this year's total to 212", "last month's figure": the time owns a noun
    (the "preposition" is the possessive "'s") that names no happening: it says which
    period the amount counts, no event took place on it. A noun that is an event
    ("last year's election", "Tuesday's race") keeps its date."""
    owned = time_span.root.head
    if owned.i in range(time_span.start, time_span.end) or owned.pos_ not in ("NOUN", "PROPN", "NUM", "SYM"):
        return False
    if is_event_noun(owned, load_lexicon()) or is_detected_event(owned):
        return False
    return _counts_amount(owned, time_span)


def _counts_amount(owned: Token, time_span: Span) -> bool:
    """The owned noun is an amount: a number or sum itself or by a word of its phrase
    ("last year's $1.55 billion", "last year's 48 deaths"), or what a verb brings to
    or puts at an amount ("bringing this year's total to 212"). Other owned nouns ("this
    year's results", "Friday's close": TimeBank links the time to them) are left alone."""
    if any(_is_amount(token) for token in owned.subtree if token.i not in range(time_span.start, time_span.end)):
        return True
    verb = owned.head
    if owned.dep_ not in ("dobj", "nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(
        child.dep_ == "prep" and any(_is_amount(grandchild) for grandchild in child.children if grandchild.dep_ == "pobj")
        for child in verb.children
    )


def _superseded(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"The launch, originally planned for October, has been postponed until March": the
    preposition hangs on a verb an adverb of the first plan modifies (``superseded``
    words); the time is a date the story says was given up, when nothing happened."""
    verb = preposition.head
    return verb.pos_ in ("VERB", "AUX") and any(child.dep_ == "advmod" and child.lower_ in cues.superseded for child in verb.children)


def _possessive_marker(time_span: Span) -> Optional[Token]:
    """The "'s" that makes the time the owner of a noun ("this year's total"), if any."""
    root = time_span.root
    if root.dep_ != "poss":
        return None
    return next((child for child in root.children if child.dep_ == "case"), None)


# Units of time whose stretch a "to <time>" ends ("the year to March").
_STRETCH_UNITS = re.compile(rf"^{_UNITS}$|^(?:quarter|period)s?$", re.IGNORECASE)


def _nested(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"compared with the same quarter of 2025": the time completes a noun that is the
    object of a preposition whose own conditions (not this one) make it a measure."""
    noun = preposition.head
    outer = noun.head
    if noun.dep_ != "pobj" or outer.i == noun.i:
        return False
    conditions = cues.prepositions.get(outer.lower_, frozenset()) - {"nested"}
    return any(MEASURE_CONDITIONS[condition](outer, time_span, cues) for condition in sorted(conditions))


def _after_period(preposition: Token, time_span: Span, cues: TimeCues) -> bool:
    """"the year to March": the unit is the preposition's head, or (as the parse often
    hangs "to" on the verb) the word right before it."""
    before = preposition.doc[preposition.i - 1] if preposition.i > sentence_bounds(preposition)[0] else preposition
    return any(_STRETCH_UNITS.match(word.lower_) is not None for word in (preposition.head, before) if word.i != preposition.i)


# The named conditions of events_time_cues.tsv.
MEASURE_CONDITIONS = {
    "back_reference": _back_reference,
    "possessor": _possessor,
    "superseded": _superseded,
    "any": _any,
    "superlative": _superlative,
    "compared": _compared,
    "period": _period,
    "after_period": _after_period,
    "nested": _nested,
    "ranked": _ranked,
    "compare": _any,  # the "-" row: checked by _after_comparison
}

# How far before a time a comparison word may stand ("from $4 billion a year earlier").
COMPARISON_REACH = 8


def _is_amount(token: Token) -> bool:
    return token.like_num or token.text in ("$", "%", "£", "€") or token.lower_ in ("percent", "pence", "cents")


def _after_comparison(time_span: Span, cues: TimeCues) -> bool:
    """A counted-back time after a comparison word and an amount of its sentence ("from
    $4 billion a year earlier", "compared with 40% a year earlier"); not "from the
    earthquake two weeks ago", which dates the earthquake."""
    if not _has_back(time_span, cues.back):
        return False
    sentence_start = sentence_bounds(time_span.root)[0]
    window = list(time_span.doc[max(sentence_start, time_span.start - COMPARISON_REACH) : time_span.start])
    for position, token in enumerate(window):
        if token.lower_ in cues.comparison and any(_is_amount(t) for t in window[position + 1 :]):
            return True
    return False


def measure_reading(time_span: Span) -> Optional[str]:
    """The cue that makes ``time_span`` a measure or comparison rather than the date of
    an event ("the lowest since October" -> "since superlative"), else None."""
    # asked for each time by the dated nouns and again by the attachment: answered once
    # while the parse is being read
    memo = parse_memo(time_span.doc)
    if memo is None:
        return _measure_reading(time_span)
    key = ("measure_reading", time_span.start, time_span.end)
    if key not in memo:
        memo[key] = _measure_reading(time_span)
    return memo[key]  # type: ignore[return-value]


def _measure_reading(time_span: Span) -> Optional[str]:
    cues = load_time_cues()
    preposition = _possessive_marker(time_span) or _governing_preposition(time_span)
    if preposition is not None:
        for condition in sorted(cues.prepositions.get(preposition.lower_, ())):
            if MEASURE_CONDITIONS[condition](preposition, time_span, cues):
                return f"{preposition.lower_} {condition}"
    if "-" in cues.prepositions and _after_comparison(time_span, cues):
        return "- compare"
    if _closes_period(time_span):
        return "- period_end"
    return None


@functools.lru_cache(maxsize=1)
def _period_end_words() -> frozenset[str]:
    """The words between a period and the day that closes it (``period_end_cues.tsv``,
    shared with the temporal stage: "ended", "that ended", "ending")."""
    return frozenset(" ".join(row[0].lower().split()) for row in read_resource_rows("period_end_cues.tsv", 2))


# How many words may stand between a period and the day that closes it ("the quarter,
# which ended Dec. 29": the comma, "which", "ended").
PERIOD_END_REACH = 3


def _closes_period(time_span: Span) -> bool:
    """The day that closes a period ("for the quarter ended Dec. 29", "the fiscal year
    ending June 30"): it says where the period ends, no event happened on it."""
    doc = time_span.doc
    sentence_start = sentence_bounds(time_span.root)[0]
    for gap in range(1, PERIOD_END_REACH + 1):
        unit = time_span.start - gap - 1
        if unit < sentence_start:
            return False
        if _STRETCH_UNITS.match(doc[unit].lower_) is not None:
            between = " ".join(token.lower_ for token in doc[unit + 1 : time_span.start] if token.text != ",")
            return between in _period_end_words()
    return False


# Prepositions that may stand between an event noun and the time that dates it ("his
# capture on March 26"); a bare time follows the noun directly ("a news conference Friday").
# Not "in": "seized power in a coup in July 2023" dates the seizing (TimeBank: the same
# accuracy with or without it).
_NOUN_TIME_PREPOSITIONS = frozenset({"on", "at"})


# Prepositions of manner, means or setting: their event noun tells how or where the
# verb's event came about, and the time after it dates that event ("seized power in a
# coup", "died in a plane crash on Aug. 23", "was introduced at the conference less than
# two weeks ago").
_MANNER_PREPOSITIONS = frozenset({"in", "by", "with", "through", "via", "at"})


def _event_noun_before(time_span: Span, lexicon: EventLexicon, words: Optional[frozenset[int]]) -> Optional[Token]:
    """The event noun right before the time, inside a prepositional phrase ("at a news
    conference Friday", "claims from the earthquake two weeks ago"), that the parse
    passed over: the time dates the noun, not the verb above it. Not a noun that is the
    verb's own object ("signed the agreement on Saturday": the signing is dated)."""
    doc = time_span.doc
    position = time_span.start - 1
    linked = position >= 0 and doc[position].lower_ in _NOUN_TIME_PREPOSITIONS
    if linked:
        position -= 1
    if position < sentence_bounds(time_span.root)[0]:
        return None
    noun = doc[position]
    detected = noun.i in words if words is not None else is_lexicon_trigger(noun, lexicon)
    if not detected or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj":
        return None
    if noun.head.lower_ in _MANNER_PREPOSITIONS:
        return None  # "died in a plane crash on Aug. 23": the dying is dated
    if linked and not any(child.dep_ == "poss" for child in noun.children):
        # "his capture on March 26" is the capture's date; "found the bodies at the site
        # of the landslide on Thursday" dates the finding
        return None
    return noun


def attached_event(time_span: Span, lexicon: EventLexicon, words: Optional[frozenset[int]] = None) -> Optional[Trigger]:
    """The event a time dates (:func:`anchor_trigger`, or an event noun right before it
    that the parse passed over, :func:`_event_noun_before`); None for a time that dates
    no event, as a measure or comparison (:func:`measure_reading`)."""
    if measure_reading(time_span) is not None:
        return None
    trigger = anchor_trigger(time_span, lexicon, words)
    if trigger is None or trigger.clause is None:
        return trigger
    noun = _event_noun_before(time_span, lexicon, words)
    if noun is not None and noun.i != trigger.token.i and any(a.i == trigger.clause.i for a in noun.ancestors):
        return Trigger(token=noun, clause=None)
    return trigger


def anchor_mentions(
    spans: Sequence[TimeSpan],
    lexicon: EventLexicon,
    skip: Sequence[tuple[int, int]] = (),
    words: Optional[frozenset[int]] = None,
    *,
    attached: Optional[Callable[[int], Optional[Trigger]]] = None,
) -> dict[int, Anchoring]:
    """Trigger token index -> its dating, for the calendar mentions outside ``skip``.
    ``attached``: the :func:`attached_event` of the time at a position of ``spans``
    when the caller has it (:func:`attach_times` asks it for its targets too)."""
    dated: dict[int, Anchoring] = {}
    for position, time in enumerate(spans):
        mention = time.mention
        if not is_calendar_mention(mention):
            continue
        if inside(mention.start, mention.end, skip):
            continue  # the dateline dates the article, not an event
        trigger = attached_event(time.span, lexicon, words) if attached is None else attached(position)
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
    # the targets and the datings ask for the same times' events (all but those of the
    # skipped bounds): each time's is found once
    found: dict[int, Optional[Trigger]] = {}

    def attached(position: int) -> Optional[Trigger]:
        if position not in found:
            found[position] = attached_event(spans[position].span, lexicon, words)
        return found[position]

    targets = {
        time.span.start: attached(position)
        for position, time in enumerate(spans)
        if is_calendar_mention(time.mention) and not inside(time.mention.start, time.mention.end, dateline)
    }
    return Attachment(
        dated=anchor_mentions(spans, lexicon, skip, words, attached=attached),
        targets=targets,
        relations=tuple(find_relations(spans, lexicon, words)),
    )


__all__ = [
    "Attachment", "COMPARISON_REACH", "EventRelation", "MEASURE_CONDITIONS", "Offset", "PERIOD_END_REACH",
    "SUPERLATIVE_REACH", "TimeCues", "anchor_mentions", "anchor_trigger", "attach_times", "attached_event",
    "dated_nouns", "ending_gerunds", "find_relations", "is_detected_event", "is_ending_gerund", "is_onset_participle",
    "onset_verbs", "load_time_cues", "measure_reading", "nouns_above"
]
