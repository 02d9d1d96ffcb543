"""Reading the spaCy parse around a temporal expression: the tense of the clause that
governs it, and the guards that reject look-alikes (the modal "May", "2000 troops").

Cue words (will, would, plan to...) come from ``resources/lexicon/tense_cues.tsv``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any, Callable, Optional

import regex

from spacy.tokens import Doc, Span, Token

from ..lexicon import lexicons
from .normalize import FUTURE, PAST, PRESENT

# Climbing further than this from a time to its verb usually crosses into another clause.
MAX_CLIMB = 6


def tokens_of(parsed: Doc, start: int, end: int) -> Optional[Span]:
    """The tokens covering characters [start, end), widened to token boundaries."""
    return parsed.char_span(start, end, alignment_mode="expand")


def _row(lexicon: str, token: Token) -> Optional[tuple[str, ...]]:
    """The token's row of a lexicon, by lemma, else by form (the small model lemmatizes
    "hopes" as "hop", "slated" as "slat")."""
    return lexicons()[lexicon].lookup(token.lemma_) or lexicons()[lexicon].lookup(token.text)


def _cue(token: Token) -> Optional[str]:
    row = _row("tense_cue", token)
    return row[0] if row else None


def governing_verb(span: Span) -> Optional[Token]:
    """The verb (or auxiliary) whose clause the expression sits in."""
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token not in span:
            return token
        if token.head == token:
            break
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _past_perfect(verb: Token) -> bool:
    """True when the verb, or the verb or adjective whose complement it is ("had been
    due to expire"), carries a past-tense perfect auxiliary."""
    token = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.tag_ == "VBD" and _cue(c) == "past_aux" for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp") or token.head == token:
            return False
        token = token.head
    return False


def _base_form_read_as_past(token: Token) -> bool:
    """"the Paralympics run Aug. 28": a base form ("run", not "ran") the tagger took for
    a past tense."""
    return token.lower_ == token.lemma_.lower() and _cue(token) == "base_not_past"


def verb_auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries of a verb (``aux``, ``auxpass``), with those the parser hung on
    one of them: in "Markets will be closed Monday" it may hang "will" on "be", not the
    verb."""
    found = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    found += [a for c in found for a in c.children if a.dep_ == "aux"]
    return found


def verb_tense(verb: Token) -> Optional[str]:
    """past, present or future, from the verb's auxiliaries, its morphology, and verbs of
    planning that govern it ("plans to sign", "is set to meet").

    Where a time lies from the clause, for normalizing times and for dating events by
    direction. Not the same question as :func:`timeline.events.date.verb_group_form`,
    the tense-aspect form (perfect, past perfect, progressive) read from
    ``events_verb_forms.tsv``: see there why both exist."""
    auxiliaries = verb_auxiliaries(verb)
    if verb.dep_ == "conj" and verb.tag_ == "VB" and not auxiliaries and verb.head != verb:
        return verb_tense(verb.head)  # "will travel on Monday and return on Friday"
    if verb.dep_ == "acomp" and verb.tag_ == "VBN" and not auxiliaries and verb.head.pos_ == "AUX":
        return verb_tense(verb.head)  # "Schools will be closed Monday", parsed as an adjective
    cues = {_cue(a) for a in auxiliaries}
    if "future_aux" in cues:
        return FUTURE
    if "future_in_past" in cues:
        # "would leave on Aug. 6" looks ahead of the report; "would have left" does not
        return None if "past_aux" in cues else FUTURE
    if _past_perfect(verb):
        return PAST  # "had been scheduled to expire Friday": a plan already past
    if "modal" in cues:
        return None  # "could be located Wednesday": modals point both ways in news
    if verb.tag_ != "VBD" and (_cue(verb) == "future_verb" or (_cue(verb) == "future_verb_to" and _looks_ahead(verb))):
        return FUTURE  # "is scheduled for", "is expected in", "is set for"
    if verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "acomp" and _cue(c) == "future_verb" for c in verb.children):
        # "the results are due on Wednesday": the parser makes "due" an adjective under
        # the copula, so its cue is read there ("was due" stays past)
        return FUTURE
    head = verb.head
    # "expects to rise" (xcomp) and "expects sales to rise" (a ccomp with its own subject)
    infinitive = verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and any(a.tag_ == "TO" for a in auxiliaries))
    if infinitive and head != verb and _cue(head) in ("future_verb", "future_verb_to"):
        # "were due to resume on Monday": a plan told as past points neither way (it may
        # have been for a day gone by); the nearer reading wins
        return None if _plan_told_as_past(head) else FUTURE
    if verb.dep_ == "xcomp" and head != verb and _cue(head) == "future_infinitive" and head.tag_ in ("VBZ", "VBP"):
        return FUTURE  # "is to resume trading Tuesday"
    if verb.dep_ == "xcomp" and head != verb and head.pos_ in ("VERB", "AUX", "ADJ"):
        head_tense = verb_tense(head) if head.dep_ != "xcomp" else None
        if head_tense == FUTURE:
            return FUTURE
    forms = [verb, *auxiliaries]
    if any("Past" in t.morph.get("Tense", []) and t.tag_ != "VBN" and not _base_form_read_as_past(t) for t in forms):
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return PAST  # present perfect reports a past event
    if verb.tag_ == "VBN" and not auxiliaries and (
        verb.dep_ in ("acl", "relcl", "advcl", "ccomp", "conj")
        # "The March 1 deadline passed": a past tense the tagger took for a participle
        or any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return PAST
    return PRESENT


def _plan_told_as_past(planner: Token) -> bool:
    """A plan told as a past state: "were due", "was expected", "was scheduled" (an
    adjective or passive participle under a past "be"). An active plan told in the past
    ("planned to", "were planning to drive ... on Monday") still looks ahead."""
    if planner.tag_ not in ("JJ", "VBN"):
        return False
    holders = [a for a in verb_auxiliaries(planner) if a.dep_ == "auxpass"]
    if planner.dep_ == "acomp" and planner.head != planner:
        holders.append(planner.head)  # "were due": the parser hangs "due" on the copula
    return any(t.tag_ == "VBD" and t.lemma_.lower() == "be" for t in holders)


def _looks_ahead(verb: Token) -> bool:
    """True when the verb takes a to-infinitive or a "for" phrase ("set to meet", "set
    for Friday"), the constructions in which verbs like "set" and "hope" plan ahead."""
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and _cue(c) == "ahead_preposition") for c in verb.children)


@functools.lru_cache(maxsize=1)
def _deadline_pattern() -> Any:
    body = lexicons()["deadline_cue"].alternation(any_space=True)
    return regex.compile(rf"(?<![\w])(?P<cue>{body})\s+$")


# A cue of deadline_cues.tsv that looks ahead only from a present-tense clause ("Starting
# Monday, masks are required"; "masks were required starting Monday" looks back).
AHEAD_IN_PRESENT = "ahead_in_present"


@functools.lru_cache(maxsize=1)
def _deadline_noun_pattern() -> Any:
    body = lexicons()["deadline_noun"].alternation(any_space=True)
    return regex.compile(rf"\s+(?P<noun>{body})(?![\w-])")


def deadline_orientation(text: str, start: int, tense: Optional[str] = None, end: Optional[int] = None) -> Optional[str]:
    """FUTURE when the words just before ``start`` set a deadline ("until", "extended
    to"): such a date lies ahead of the publication date even in a past-tense clause;
    PAST after "since" ("the change since year-end"), whatever the tense; FUTURE after
    a start ("starting Monday") or before a deadline noun ending at ``end`` ("a Dec. 31
    deadline") when the clause's ``tense`` is present (or unknown, for a start)."""
    window = text[max(0, start - 40) : start]
    match = _deadline_pattern().search(window)
    if match is None:
        after = _deadline_noun_pattern().match(text, end, min(len(text), end + 20)) if end is not None else None
        noun = lexicons()["deadline_noun"].lookup(after.group("noun")) if after is not None else None
        # only from a clause known to be present: the date in a subject ("The March 1
        # deadline passed") often gets no tense from the parse
        return FUTURE if noun is not None and noun[0] == AHEAD_IN_PRESENT and tense == PRESENT else None
    row = lexicons()["deadline_cue"].lookup(match.group("cue"))
    if row is not None and row[0] == PAST:
        return PAST
    if row is not None and row[0] == AHEAD_IN_PRESENT:
        return FUTURE if tense in (PRESENT, None) else None
    before = window[: match.start()].rstrip()
    if not before or before[-1] in ".!?\"'`":
        return None  # opening a sentence ("Until Thursday, they had not..."): looking back
    return FUTURE if row is not None and row[0] == FUTURE else None


def _governed_span(parsed: Doc, start: int, end: int) -> Optional[tuple[Span, Token]]:
    """The tokens of the expression at [start, end) and the verb whose clause it sits
    in; None when the offsets cover no token or no verb governs them."""
    span = tokens_of(parsed, start, end)
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span)
    return None if verb is None else (span, verb)


def clause_tense(parsed: Doc, start: int, end: int) -> Optional[str]:
    """The tense of the clause governing the expression at [start, end), if any."""
    governed = _governed_span(parsed, start, end)
    if governed is None:
        return None
    span, verb = governed
    planner = _planning_verb(span)
    if planner is not None and not _past_perfect(planner):
        return _planned_tense(planner)
    verb = _finite_verb(_reporting_head(span, verb))
    tense = verb_tense(verb)
    if tense == PRESENT and _attached_to(span, verb) and _scheduled_present(verb):
        return FUTURE
    if _condition_of_future(verb, tense):
        return FUTURE
    return tense


def _condition_of_future(verb: Token, tense: Optional[str]) -> bool:
    """A condition or time clause of a future main clause: its present (or bare
    participle) speaks of that future ("If elected in November, she would take office",
    "When the law takes effect in March, prices will rise")."""
    if verb.dep_ != "advcl" or verb.head == verb or not any(c.dep_ == "mark" for c in verb.children):
        return False
    bare_participle = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    if tense not in (PRESENT, None) and not bare_participle:
        return False
    return verb_tense(verb.head) == FUTURE


def _planning_verb(span: Span) -> Optional[Token]:
    """The verb the expression gives the planned date of ("scheduled a meeting for
    Monday", "postponed the launch to Tuesday", "planned a rally ... on Saturday"), if
    it hangs on one by a preposition of ``resources/lexicon/planning_verbs.tsv``, on the
    verb or on the verb's object."""
    preposition = span.root.head
    if span.root.dep_ != "pobj" or preposition.dep_ != "prep" or preposition == span.root:
        return None
    verb = preposition.head
    if verb.pos_ not in ("VERB", "AUX") and verb.dep_ == "dobj":
        verb = verb.head  # "scheduled a meeting for Monday": "for" hangs on the meeting
    if verb.pos_ != "VERB":
        return None
    row = _row("planning_verb", verb)
    if row is None or preposition.lower_ not in row[0].split():
        return None
    if preposition.lower_ == "on" and not any(c.dep_ == "dobj" and c.i < preposition.i for c in verb.children):
        return None
    return verb


def _planned_tense(planner: Token) -> Optional[str]:
    """FUTURE for a planned date, unless the plan is a participle on a noun whose own
    clause is past: then no direction, the closest date wins. "A service planned for
    Saturday was canceled" written on a Sunday is the Saturday just gone; "called off
    the strike planned for Friday" written on a Wednesday the coming Friday."""
    if planner.dep_ == "acl" and planner.tag_ == "VBN" and planner.head != planner:
        noun = planner.head
        clause_verb = governing_verb(noun.doc[noun.i : noun.i + 1])
        if clause_verb is not None and clause_verb != planner and verb_tense(clause_verb) == PAST:
            return None
    return FUTURE


def dates_past_event(parsed: Doc, start: int, end: int) -> bool:
    """True when the expression at [start, end) modifies a past-tense verb itself
    ("sales fell in January"; a verb of saying too: "which announced the deal in
    January", written in December, is the January before), not a noun on the way to it
    ("warned of a cut in September")."""
    governed = _governed_span(parsed, start, end)
    if governed is None:
        return False
    span, verb = governed
    if not _attached_to(span, verb):
        return False
    return verb_tense(verb) == PAST and not _past_perfect(verb)


def dates_report(parsed: Doc, start: int, end: int) -> bool:
    """True when the expression at [start, end) dates a verb of saying ("the company
    said Tuesday", "data showed on Friday"): the day of the report, not of what it
    reports."""
    governed = _governed_span(parsed, start, end)
    if governed is None:
        return False
    span, verb = governed
    verb = _reporting_head(span, verb)
    return _attached_to(span, verb) and _cue(verb) == "reporting"


def _reporting_head(span: Span, verb: Token) -> Token:
    """The verb of saying when the parser hung a time between it and the subject of its
    complement clause on the complement ("said on Tuesday it would cut jobs": the saying
    is on Tuesday, not the cutting)."""
    head = verb.head
    if verb.dep_ != "ccomp" or head == verb or head.i > span.start:
        return verb
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and span.end <= subjects[0].left_edge.i:
        return head
    return verb


# Links that stay inside the phrase a gerund or participle hangs in, up to its verb.
_NOUN_PHRASE_LINKS = frozenset({"prep", "pcomp", "pobj", "dobj", "appos", "attr", "nsubj", "nsubjpass"})


def _finite_verb(verb: Token) -> Token:
    """The verb whose tense a bare gerund or participle takes: "with the third departing
    from August 6" shares the tense of the flights that "would leave", "leaving the index
    near its high" that of "stocks rose"."""
    token = verb
    for _ in range(3):
        if token.tag_ != "VBG" or _cue(token) is not None or any(c.dep_ in ("aux", "auxpass") for c in token.children):
            return token  # "planning for the summit in April" looks ahead on its own
        head = token.head
        for _ in range(MAX_CLIMB):  # up the noun phrase the gerund hangs in ("a loss for the quarter ending")
            if head.pos_ in ("VERB", "AUX") or head.head == head or head.dep_ not in _NOUN_PHRASE_LINKS:
                break
            head = head.head
        if head == token or head.pos_ not in ("VERB", "AUX"):
            return token
        token = head
    return token


def _attached_to(span: Span, verb: Token) -> bool:
    """True when the expression modifies the verb itself ("meet Monday", "meet on
    Monday"), not a noun on the way to it ("follows Tuesday's declaration")."""
    head = span.root.head
    return head == verb or (head.dep_ == "prep" and head.head == verb)


def _scheduled_present(verb: Token) -> bool:
    """The news present of a scheduled event ("Arafat and Netanyahu meet Monday", "the
    Senate votes in March"): a simple present action verb, not a copula or auxiliary and
    not a verb of saying ("says Monday" dates the saying)."""
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ == "be" and not any(c.dep_ == "acomp" for c in verb.children):
        # "The summit is on Tuesday", "Mother's Day is Sunday": a thing (not a person,
        # not a pronoun) that is at a time is scheduled; "is higher on Tuesday" describes it
        return any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ != "PERSON" for c in verb.children)
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return False
    if verb.tag_ == "VBP" and any(_singular_noun(c) for c in verb.children if c.dep_ == "nsubj"):
        return False  # "Weakness ... hurt the index": a past form ("hurt", "cut") read as present
    return _cue(verb) != "reporting"


def _singular_noun(token: Token) -> bool:
    return token.tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in token.children)


# ---------------------------------------------------------------- guards

def _not_verb(span: Span) -> bool:
    first = span[0]
    return not (first.tag_ == "MD" or first.pos_ in ("VERB", "AUX"))


def _adjective(span: Span) -> bool:
    """The last word modifies a noun ("current market conditions"), it is no noun itself
    ("the current flowed fast")."""
    last = span[-1]
    return last.pos_ == "ADJ" or last.dep_ == "amod"


def _year_not_quantity(span: Span) -> bool:
    token = span.root
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
        return False
    head = token.head
    previous = token.nbor(-1) if token.i > 0 else None
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if previous is not None and _year_context(previous) == "not_year_after":
        # "Section 1983 claims", "Flight 1989": a label numbers the thing, whatever the
        # parse makes of the words after it
        return False
    if _street_address(token):
        return False
    if token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > token.i:
        # "the 1992 protests", "its 1989 results", "1990 BellSouth earnings": a year
        # after a determiner or before a name; "2000 troops", "1990 units": a count;
        # "since 2020 prices rose": a year after a preposition of time, whatever the parse
        if previous is not None and (previous.tag_ in ("DT", "PRP$", "POS") or _year_context(previous) == "year_after"):
            return True
        if following is not None and following.tag_ == "NNP" and following.i < head.i:
            return True
        if _in_year_range(token):
            return True
        return head.ent_type_ == "DATE"
    # "Vision 2030", "Windows 2000", "Tokyo 2020": a year that ends a name (a month or a
    # holiday before a year is read by longer rules and never reaches this guard)
    return not (previous is not None and token.head == previous and _ends_in_number(previous))


# The most years a range of years written "1917-1918" spans ("2000-2500 troops" is a
# range of counts)
_YEAR_RANGE_SPAN = 50


def _in_year_range(token: Token) -> bool:
    """"In 1939-1945 events", the heading "1917-1918": a year joined by a dash to a later
    year close to it is an end of a range of years, whatever noun the parse counts."""
    doc = token.doc
    for dash_at, other_at in ((token.i + 1, token.i + 2), (token.i - 1, token.i - 2)):
        if not (0 <= other_at < len(doc)) or doc[dash_at].text not in ("-", "–"):
            continue
        other = doc[other_at].text
        if len(other) != 4 or not other.isdigit() or not token.text.isdigit():
            continue
        first, second = (int(token.text), int(other)) if other_at > token.i else (int(other), int(token.text))
        if 0 < second - first <= _YEAR_RANGE_SPAN:
            return True
    return False


def _far_year_not_count(span: Span) -> bool:
    """A number outside the usual span of years after a preposition of time ("in 1215",
    "by 2100") is a year only when the parse counts nothing with it: no number of a noun
    ("in 1500 cases"), no cardinal or amount of the entity recognizer, no odds ("one in
    1500": the preposition hangs on a number)."""
    token = span.root
    if token.ent_type_ and token.ent_type_ != "DATE":
        return False
    if token.dep_ in ("nummod", "quantmod"):
        return False
    cue = token.nbor(-1) if token.i > 0 else None
    return cue is None or not cue.head.like_num


# Parts of speech of the word before "by" when "by" measures a change ("fell sharply by
# 2100", "were up by 2100").
_CHANGE_MODIFIERS = frozenset({"ADV", "PART"})


def _not_change_amount(span: Span) -> bool:
    """"zero by 2100", "underwater by 2150", "could double by 2100": the number after
    the preposition before the span is no amount of change, which follows an adverb or
    a change already reported ("rose by 2100", "were up by 2100"); after a verb that
    looks ahead, "by" sets a deadline."""
    first = span[0]
    if first.i < 2:
        return True
    before = first.doc[first.i - 2]
    if before.pos_ == "VERB":
        return before.tag_ not in ("VBD", "VBN")
    return not (before.pos_ in _CHANGE_MODIFIERS or before.tag_ == "RP")


def _ends_in_number(word: Token) -> bool:
    """True for the word of a name that a number ends ("Vision 2030", "Windows 2000"): a
    proper noun, or a capitalized noun the tagger took for a common one at the start of a
    sentence ("Vision 2030 aims to ..."), unless that noun is a temporal word."""
    if word.tag_ in ("NNP", "NNPS"):
        return True
    return word.pos_ == "NOUN" and _name_word(word)


# Words before a number that leave it a year even when a street name follows.
_YEAR_BEFORE_STREET = frozenset({"year_after", "time_preposition"})
# Name words a street address may have between its number and its street word
# ("1600 Martin Luther King Jr. Boulevard").
MAX_STREET_NAME = 4


def _street_address(token: Token) -> bool:
    """"1600 Pennsylvania Avenue", "1800 K Street NW", "at 2000 Main St.": a number, one
    or more capitalized words and a street word (``year_context.tsv``) make an address.
    Not after a determiner or a preposition of time ("the 1918 Oak Street fire", "In 1998
    Main Street was renamed"): there the number dates the street."""
    doc = token.doc
    if token.i > 0:
        previous = doc[token.i - 1]
        if previous.tag_ in ("DT", "PRP$", "POS") or _year_context(previous) in _YEAR_BEFORE_STREET:
            return False
    for i in range(token.i + 1, min(token.i + 2 + MAX_STREET_NAME, len(doc))):
        word = doc[i]
        if _year_context(word) == "street":
            return i > token.i + 1  # a street word right after the number names no street
        # "Pennsylvania", "K", "N.", "5th": the words of a street's name
        if not (word.text[:1].isupper() or word.like_num):
            return False
    return False


def _year_context(token: Token) -> Optional[str]:
    """The role ``resources/lexicon/year_context.tsv`` gives the word before a number."""
    row = lexicons()["year_context"].lookup(token.text)
    return row[0] if row else None


def _not_quantity(span: Span) -> bool:
    first = span[0]
    previous = first.nbor(-1) if first.i > 0 else None
    if previous is None:
        return True
    # "$5 million a year", "twice a year": a rate, not a duration or a clock time.
    counted = lexicons()["times_count"].lookup(previous.text) is not None
    return not (previous.like_num or counted or previous.lower_ == "times" or previous.text in ("$", "-", "–"))


def _after_plural_noun(span: Span) -> bool:
    """"four flights a week", "interviews a day", "twice a year": the words count a plural
    noun or occurrences."""
    first = span[0]
    if first.i == 0:
        return False
    previous = first.nbor(-1)
    return previous.tag_ in ("NNS", "NNPS") or lexicons()["times_count"].lookup(previous.text) is not None


def _not_name(span: Span) -> bool:
    """"Donna Summer", "Mrs. June Smith", "Mr. Friday", "Theresa May", "August Wilson": a
    month, weekday or season name that is part of a person's name (the parser's PERSON,
    after a title, after a given name or before a surname), or the bare name of a person
    so named earlier in the text ("Theresa May ... May's government"), is no date."""
    first = span[0]
    if any(t.ent_type_ == "PERSON" for t in span):
        return False
    previous = first.nbor(-1) if first.i > 0 else None
    if previous is not None and lexicons()["person_title"].lookup(previous.text) is not None:
        return False
    if len(span) == 1 and (_after_given_name(first) or _before_surname(first) or _named_earlier(first)):
        return False
    return True


# Entity types of words that name places and peoples: "U.S. May sales", "Japan May
# exports" are months, whatever the parse makes of the two words.
_PLACE_ENTITIES = frozenset({"GPE", "NORP", "LOC"})


def _name_word(token: Token) -> bool:
    """A word that may be part of a person's name: alphabetic, capitalized and in lower
    case after its first letter (not "U.S.", "NATO"), and no temporal word ("Early May",
    "Last May", "Easter Sunday" are dates)."""
    text = token.text
    return len(text) > 1 and text.isalpha() and text.istitle() and not _temporal_word(token)


# The lexicons whose words make a capitalized word before or after a month part of a
# time, not of a name.
_TEMPORAL_LEXICONS = (
    "month", "weekday", "season", "holiday", "unit", "part_of_day", "mod", "direction", "deictic",
    "reference", "frequency", "decade_word", "clock", "ordinal", "number",
)


def _temporal_word(token: Token) -> bool:
    return any(lexicons()[name].lookup(token.text) is not None for name in _TEMPORAL_LEXICONS)


def _after_given_name(token: Token) -> bool:
    """"Theresa May", "Under Theresa May": the month is the last word of a proper name
    whose first word the parser hangs on it as a compound, and that first word looks like
    a given name (capitalized, no place, no temporal word: "Early May" is a date)."""
    previous = token.nbor(-1) if token.i > 0 else None
    return (
        previous is not None
        and previous.pos_ == "PROPN"
        and previous.dep_ == "compound"
        and previous.head == token
        and previous.ent_type_ not in _PLACE_ENTITIES
        and _name_word(previous)
    )


def _before_surname(token: Token) -> bool:
    """"August Wilson wrote plays": the month is the first word of a proper name, a
    compound of the capitalized word after it, which heads the phrase ("the June Fed
    meeting", where "Fed" modifies "meeting", stays a date). A given name takes no
    determiner or possessive: "his Sunday Mass", "the May Day parade" are times."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    previous = token.nbor(-1) if token.i > 0 else None
    return (
        following is not None
        and (previous is None or previous.tag_ not in ("DT", "PRP$", "POS"))
        and token.dep_ == "compound"
        and token.head == following
        and following.pos_ == "PROPN"
        and following.dep_ != "compound"
        and following.ent_type_ not in _PLACE_ENTITIES
        and _name_word(following)
    )


# The roles of a bare name that speaks of the person, not of the month: "May's
# government", "May resigned".
_PERSON_ROLES = frozenset({"poss", "nsubj", "nsubjpass"})


def _named_earlier(token: Token) -> bool:
    """"Theresa May resigned. ... May's government collapsed": the bare word is the
    person's name when the text used it earlier as part of a name and it is now a
    possessor or a subject with no modifier ("Last May was wet" is a date)."""
    if token.dep_ not in _PERSON_ROLES or any(c.dep_ in ("amod", "det", "advmod") for c in token.children):
        return False
    for earlier in token.doc[: token.i]:
        if earlier.text != token.text:
            continue
        if earlier.ent_type_ == "PERSON" or _after_given_name(earlier) or _before_surname(earlier):
            return True
        if earlier.i > 0 and lexicons()["person_title"].lookup(earlier.nbor(-1).text) is not None:
            return True
    return False


def _not_surname(span: Span) -> bool:
    """"Tariq Ramadan", "Mr. Ramadan": a one-word holiday name that ends a person's name
    (after a given name or a title) is no date. The parser's PERSON label is not asked:
    it often takes a holiday for a person ("They celebrated Hanukkah together")."""
    first = span[0]
    if len(span) != 1 or first.i == 0:
        return True
    if lexicons()["person_title"].lookup(first.nbor(-1).text) is not None:
        return False
    return not _after_given_name(first)


def _not_compound(span: Span) -> bool:
    """"a day care center", "a weekend warrior": a unit that only modifies the noun after
    it (no hyphen, no number) is no amount of time ("a two-week trip" is one)."""
    last = span[-1]
    return not (last.dep_ == "compound" and last.head.i > last.i and span[0].dep_ == "det")


def _adverbial(span: Span) -> bool:
    """"paid quarterly": the frequency word modifies the verb. Not before a noun it
    modifies ("its quarterly dividend", "a fortnightly magazine") nor a noun itself ("its
    initial quarterly of five cents", "The Quarterly"): those name a kind of thing, no
    time at which anything recurs."""
    last = span[-1]
    if last.pos_ in ("NOUN", "PROPN"):
        return False
    if last.dep_ in ("amod", "compound", "nmod") and last.head.i > last.i:
        return False
    previous = span[0].nbor(-1) if span[0].i > 0 else None
    return previous is None or previous.tag_ not in ("DT", "PRP$", "POS")


GUARDS: dict[str, Callable[[Span], bool]] = {
    "after_plural_noun": _after_plural_noun,
    "adverbial": _adverbial,
    "adjective": _adjective,
    "not_compound": _not_compound,
    "not_name": _not_name,
    "not_surname": _not_surname,
    "not_verb": _not_verb,
    "year_not_quantity": _year_not_quantity,
    "far_year_not_count": _far_year_not_count,
    "not_change_amount": _not_change_amount,
    "not_quantity": _not_quantity,
}


def passes_guard(guard: Optional[str], parsed: Optional[Doc], start: int, end: int) -> bool:
    """True when the named guards (space-separated) all accept the match (always true
    without a parse)."""
    if guard is None or parsed is None:
        return True
    span = tokens_of(parsed, start, end)
    if span is None or len(span) == 0:
        return True
    return all(GUARDS[name](span) for name in guard.split())


@functools.lru_cache(maxsize=1)
def _date_name_pattern() -> Any:
    body = lexicons()["date_name"].alternation(any_space=True)
    return regex.compile(rf"(?<![\w]){body}(?![\w])")


def date_name_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names a thing with a weekday or month in it
    (``lexicon/date_names.tsv``: "The Sunday Times", "March Madness", "Super Tuesday")."""
    return [(name.start(), name.end()) for name in _date_name_pattern().finditer(text)]


def in_date_name(names: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when the match at [start, end) is part of one of the ``names``
    (:func:`date_name_spans`, sorted and disjoint) without covering all of it: such a
    name is no date. Only the first and last name the match meets can stick out of it,
    so two look-ups by bisection decide (linear time over all matches of a long text)."""
    first = bisect.bisect_right(names, (start, _NO_END)) - 1  # the last name starting at or before start
    if first < 0 or names[first][1] <= start:
        first += 1
    last = bisect.bisect_left(names, (end, -1)) - 1  # the last name starting before end
    if first > last:
        return False
    return names[first][0] < start or names[last][1] > end


_NO_END = 1 << 62

# What makes a run of non-blank characters a URL, an e-mail address or an identifier.
_URL_OR_ID_MARKERS = ("http", "www.", "@", "=", "_", ".com", ".org", "://")
# Any of the markers (they hold no blank, so each one found lies inside one run).
_URL_OR_ID_MARKER = re.compile("|".join(re.escape(marker) for marker in _URL_OR_ID_MARKERS))
# A blank as str.isspace() has it: the standard library's \s on a str pattern tests
# the same (the regex module's \s leaves out a few control characters isspace counts).
_BLANK = re.compile(r"\s")


def url_or_id_spans(text: str) -> list[tuple[int, int]]:
    """The runs of non-blank characters of ``text`` that are URLs, e-mail addresses or
    identifiers (they hold one of the markers "http", "www.", "@", "=", "_", ".com",
    ".org", "://"), in text order; :func:`in_url_or_id` looks matches up in them."""
    spans: list[tuple[int, int]] = []
    resume = 0
    # From each marker found to the blanks around it: each run with a marker is read
    # once (a 100 KB hyphenated chain of years costs its length once, not once per
    # marker in it), and the rest of the text only by the marker search.
    while (marker := _URL_OR_ID_MARKER.search(text, resume)) is not None:
        start = marker.start()
        while start > resume and not text[start - 1].isspace():
            start -= 1
        blank = _BLANK.search(text, marker.end())
        end = blank.start() if blank is not None else len(text)
        spans.append((start, end))
        resume = end
    return spans


def in_url_or_id(text: str, spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when the match at [start, end) of ``text`` sits inside a URL, an e-mail
    address or an identifier: when a run of ``spans`` (:func:`url_or_id_spans`) lies in
    the non-blank characters around the match, from the run it starts in to the run it
    ends in."""
    low = start - 1 if start > 0 and not text[start - 1].isspace() else start
    high = end + 1 if end < len(text) and not text[end].isspace() else end
    before = bisect.bisect_left(spans, (high, -1)) - 1  # the last run starting before high
    return before >= 0 and spans[before][1] > low


__all__ = [
    "AHEAD_IN_PRESENT", "GUARDS", "MAX_CLIMB", "MAX_STREET_NAME", "clause_tense", "date_name_spans",
    "dates_past_event", "dates_report", "deadline_orientation", "governing_verb", "in_date_name", "in_url_or_id",
    "passes_guard", "tokens_of", "url_or_id_spans", "verb_auxiliaries", "verb_tense"
]
