"""Cue prefilters for the rule table: which literal strings a rule's match needs.

Scanning a text with every rule costs most where a rule cannot match at all (nine
tenths of the scan on the TempEval dev texts). Before a rule scans a text, its *needs*
are checked: a few sets of strings such that every match of the rule (with its
look-arounds) holds at least one string of each set. A text that lacks every string
of one set is not scanned by the rule. The needs are read off the rule's own regex
(its parse tree, from the standard library's regex parser), so no rule author writes
them and they cannot drift from the patterns; a pattern the parser cannot read gets no
needs and is always scanned.

A text that holds a rule's needs is then scanned only where a match may start: the
rule's *starts* (:func:`rule_starts`, read off the same parse tree: the first letters,
up to three, or "a digit", one of which begins every match) are looked up in an index
of the text's word starts (:class:`StartIndex`, built once per text), and the rule is
tried with ``pattern.match`` at those positions alone (:func:`scan`), which gives
exactly the matches of ``pattern.finditer``.

Where the pattern ends a match's first word (white space, a character that is no word
character, or a negative look-ahead for one follows it), the word is read whole
(:func:`rule_first_words`): a rule that opens on "a week" or "three weeks" is then
tried only where the text's word is "a" or "three", not at every word that begins with
an a or "thr" (:meth:`StartIndex.word_positions`). Where a literal first word is
followed by white space, the words that may come next are read the same way
(:func:`rule_second_words`): a rule that opens on "the past" or "the 15th" is tried at
a "the" only where the text's next word is "past" or begins with a digit (for a word
that several rules open on, the words of all of them: :func:`shared_second_words`).

The check is an over-approximation and never changes a result: strings are compared
case-folded (the text too, so any case the pattern accepts is found; :func:`fold`), a digit class
needs any digit, and anything the reading cannot pin down (a class of letters, an
optional part, a negative look-around) needs nothing.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Any, Optional

import regex

if sys.version_info >= (3, 11):
    import re._constants as _sre
    import re._parser as _sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

# The token that stands for "any decimal digit" in a set of needed strings, and the
# mark of a string needed at the start of a word ("\\bmar": "March", not "market").
DIGIT = "\\d"
WORD_START = "\\b"
WHOLE_WORD = "\\w:"

Needs = tuple[frozenset[str], ...]
# What every match of a rule starts with (see rule_starts); None: not pinned down
Starts = Optional[frozenset[str]]
_Node = Any  # an item of the standard library's regex parse tree

# A set of strings this short or this large says little about a text: left out.
_MIN_USEFUL_LENGTH = 2
_MAX_SET_SIZE = 400


def rule_prefilters(pattern: str) -> tuple[Needs, Starts, "FirstWords", "SecondWords"]:
    """The needs, the starts, the first words and the second words of a rule's
    expanded regex (:func:`rule_needs`, :func:`rule_starts`, :func:`rule_first_words`,
    :func:`rule_second_words`), its parse tree read once."""
    tree = _parse(pattern)
    if tree is None:
        return (), None, None, None
    return _needs_of_tree(tree), _starts_of_tree(tree), _first_words_of_tree(tree), _second_words_of_tree(tree)


def _parse(pattern: str) -> Optional[list[_Node]]:
    """The standard library's parse tree of a rule's regex, None when it cannot read it."""
    # The regex module allows a group name twice (in two alternatives); the standard
    # parser does not, and the names play no part here.
    plain = regex.sub(r"\(\?P<[A-Za-z_][A-Za-z_0-9]*>", "(?:", pattern)
    # Unicode properties (\p{Lu}) are the regex module's: any character, needing nothing
    plain = regex.sub(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}", r"\1.", plain)
    try:
        tree = _sre_parse.parse(plain)
    except Exception:  # noqa: BLE001 - any syntax the standard parser lacks: no needs
        return None
    return [tree[index] for index in range(len(tree))]


def rule_needs(pattern: str) -> Needs:
    """The needs of a rule's expanded regex (see the module docstring); () when the
    pattern says nothing useful or the parser cannot read it."""
    tree = _parse(pattern)
    return () if tree is None else _needs_of_tree(tree)


def _needs_of_tree(tree: list[_Node]) -> Needs:
    # the rules' patterns open with "(?<![\\w])": a match starts where a word starts
    needs = _sequence(tree, at_word_start=True)
    useful = {need for need in needs if _useful(need)}
    return tuple(sorted(useful, key=lambda need: (-min(len(s) for s in need), len(need), sorted(need))))


def _useful(need: frozenset[str]) -> bool:
    return 0 < len(need) <= _MAX_SET_SIZE and all(s == DIGIT or len(_bare(s)) >= _MIN_USEFUL_LENGTH for s in need)


def _bare(string: str) -> str:
    return string.removeprefix(WORD_START).removeprefix(WHOLE_WORD)


def _sequence(items: list[_Node], at_word_start: bool = False, follow: bool = False) -> list[frozenset[str]]:
    """Needs of a sequence: the needs of each item, and each run of literal characters
    as a string of its own; a run of word characters that starts a word (at the start
    of the pattern, after white space or a character that is no word character) is
    needed as the start of a word (:data:`WORD_START` before it), or as a whole word
    (:data:`WHOLE_WORD`) when no word character may follow it. ``follow`` says whether
    what comes after the sequence starts with a character that is no word character."""
    needs: list[frozenset[str]] = []
    run: list[str] = []
    run_at_word_start = at_word_start

    def close_run(rest: list[_Node]) -> None:
        if run:
            string = fold("".join(run))
            mark = ""
            if run_at_word_start and _WORD.fullmatch(string) is not None:
                mark = WHOLE_WORD if _nonword_first(rest, follow) else WORD_START
            needs.append(frozenset({mark + string}))
            run.clear()

    for index, (op, argument) in enumerate(items):
        if op is _sre.LITERAL:
            if not run:
                run_at_word_start = at_word_start
            run.append(chr(argument))
            at_word_start = _WORD.fullmatch(chr(argument)) is None
            continue
        close_run(items[index:])
        needs.extend(_item(op, argument, at_word_start, _nonword_first(items[index + 1 :], follow)))
        at_word_start = _after(op, argument, at_word_start)
    close_run([])
    return needs


def _nonword_first(items: list[_Node], follow: bool) -> bool:
    """True when the text the items match (then what follows them: ``follow``) starts
    with a character that is no word character, or the items forbid one there."""
    if not items:
        return follow
    (op, argument), rest = items[0], items[1:]
    if op is _sre.LITERAL:
        return _WORD.fullmatch(chr(argument)) is None
    if op is _sre.IN:
        return all(
            (kind is _sre.CATEGORY and value in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD))
            or (kind is _sre.LITERAL and _WORD.fullmatch(chr(value)) is None)
            for kind, value in argument
        )
    if op is _sre.ASSERT_NOT and argument[0] == 1 and list(argument[1]) == [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]:
        return True  # "(?![\\w])"
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return _nonword_first(rest, follow)
    after = _nonword_first(rest, follow)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, _, body = argument
        taken = _nonword_first(list(body), after)
        return taken if low >= 1 else taken and after
    if op is _sre.SUBPATTERN:
        return _nonword_first(list(argument[-1]), after)
    if op is _sre.BRANCH:
        return all(_nonword_first(list(alternative), after) for alternative in argument[1])
    return False


_WORD = regex.compile(r"\w+")


def _is_blank_class(items: list[_Node]) -> bool:
    return len(items) == 1 and items[0][0] is _sre.IN and list(items[0][1]) == [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]


def _after(op: Any, argument: Any, before: bool) -> bool:
    """True when a word starts right after the item (given whether one started before it)."""
    if op is _sre.LITERAL:
        return _WORD.fullmatch(chr(argument)) is None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, _, body = argument
        once = _is_blank_class(list(body)) or _after_sequence(list(body), before)
        return once if low >= 1 else before and once
    if op is _sre.SUBPATTERN:
        return _after_sequence(list(argument[-1]), before)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _after_sequence(list(argument), before)
    if op is _sre.BRANCH:
        return all(_after_sequence(list(alternative), before) for alternative in argument[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return before  # takes no characters
    return False


def _after_sequence(items: list[_Node], before: bool) -> bool:
    for op, argument in items:
        before = _after(op, argument, before)
    return before


def _item(op: Any, argument: Any, at_word_start: bool, follow: bool) -> list[frozenset[str]]:
    if op is _sre.SUBPATTERN:
        return _sequence(list(argument[-1]), at_word_start, follow)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, high, body = argument
        # a repeated body may be followed by itself: only a single one keeps "follow"
        return _sequence(list(body), at_word_start, follow and high == 1) if low >= 1 else []
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(argument), at_word_start, follow)
    if op is _sre.ASSERT:  # a look-ahead or look-behind that must hold: its text is there
        return _sequence(list(argument[1]))
    if op is _sre.BRANCH:
        return _branch(argument[1], at_word_start, follow)
    if op is _sre.IN:
        return _class(argument)
    return []


def _branch(alternatives: list[Any], at_word_start: bool, follow: bool) -> list[frozenset[str]]:
    """A branch needs, from each alternative, one of its sets: the union of each
    alternative's most telling set (nothing when an alternative needs nothing)."""
    union: set[str] = set()
    for alternative in alternatives:
        best = _most_telling([need for need in _sequence(list(alternative), at_word_start, follow) if _useful(need)])
        if best is None:
            return []
        union |= best
    return [frozenset(union)]


def _most_telling(needs: list[frozenset[str]]) -> Optional[frozenset[str]]:
    if not needs:
        return None
    return max(needs, key=lambda need: (min(len(s) for s in need), -len(need)))  # a word start counts 2


def _class(members: list[Any]) -> list[frozenset[str]]:
    """A character class needs a digit when it holds digits only."""
    digits_only = bool(members) and all(
        (op is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT) or (op is _sre.RANGE and 48 <= value[0] <= value[1] <= 57)
        or (op is _sre.LITERAL and 48 <= value <= 57)
        for op, value in members
    )
    return [frozenset({DIGIT})] if digits_only else []


_ANY_DIGIT = regex.compile(r"\d")


def fold(text: str) -> str:
    """``text`` case-folded as the patterns' case-insensitive letters read it: the
    dotted capital I, which a case-insensitive "i" matches, folds to "i" (``casefold``
    alone gives "i" and a combining dot); the Kelvin sign and the long s fold to "k"
    and "s" as they match."""
    if text.isascii():
        # the same result (ASCII has only A-Z to fold), without the replace and the
        # full case folding: most words and texts are plain ASCII, and the start
        # index folds each distinct word beginning, the scans each word they read
        return text.lower()
    return text.replace("\u0130", "i").casefold()


class CuePresence:
    """Which needed strings a text holds, each looked up once (case-folded text; the
    starts of its words as a set of prefixes)."""

    def __init__(self, text: str, words: Optional[Sequence[str]] = None) -> None:
        self._folded = fold(text)
        self._has_digit = _ANY_DIGIT.search(text) is not None
        self._seen: dict[str, bool] = {}
        self._sorted_words: Optional[list[str]] = None
        self._word_set: Optional[set[str]] = None
        # the text's runs of word characters as written, when the caller has them
        # (StartIndex.words): an ASCII text's folded words are those lower-cased (the
        # same runs: lower-casing ASCII moves no letter in or out of \w), a third of
        # the cost of finding them again in the folded text
        self._written_words = words if words is not None and text.isascii() else None
        # Rules share sets of needs (the month names, a digit): each set is answered once.
        self._need_held: dict[frozenset[str], bool] = {}

    def _words(self) -> set[str]:
        if self._word_set is None:
            if self._written_words is not None:
                self._word_set = set(map(str.lower, self._written_words))
            else:
                self._word_set = set(_WORD.findall(self._folded))
        return self._word_set

    def _starts_a_word(self, string: str) -> bool:
        if len(string) <= _LONGEST_WORD_START:
            if not string:
                return False
            # A word starts with ``string`` when the first word at or after it in
            # sorted order does (a sort of the distinct words costs a sixth of filing
            # every word under each of its prefixes).
            if self._sorted_words is None:
                self._sorted_words = sorted(self._words())
            words = self._sorted_words
            at = bisect_left(words, string)
            return at < len(words) and words[at].startswith(string)
        return _word_start_pattern(string).search(self._folded) is not None

    def holds(self, string: str) -> bool:
        found = self._seen.get(string)
        if found is None:
            if string == DIGIT:
                found = self._has_digit
            elif string.startswith(WHOLE_WORD):
                found = string[len(WHOLE_WORD) :] in self._words()
            elif string.startswith(WORD_START):
                found = self._starts_a_word(string[len(WORD_START) :])
            else:
                found = string in self._folded
            self._seen[string] = found
        return found

    def satisfies(self, needs: Needs) -> bool:
        """True when the text holds at least one string of every set of ``needs``."""
        answered = self._need_held
        for need in needs:
            held = answered.get(need)
            if held is None:
                # the set's whole words in one set operation with the text's words (a
                # set of month or number names is mostly absent: one look-up each cost
                # more), then its other strings one by one
                wholes, others = _need_parts(need)
                held = bool(wholes) and not self._words().isdisjoint(wholes)
                if not held:
                    seen = self._seen
                    for string in others:  # a loop, not any(...): this runs for every rule and text
                        found = seen.get(string)
                        if found is None:
                            found = self.holds(string)
                        if found:
                            held = True
                            break
                answered[need] = held
            if not held:
                return False
        return True


@lru_cache(maxsize=None)
def _need_parts(need: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A set of needed strings as (its whole words without the :data:`WHOLE_WORD`
    mark, its other strings)."""
    wholes = frozenset(string[len(WHOLE_WORD) :] for string in need if string.startswith(WHOLE_WORD))
    return wholes, tuple(string for string in need if not string.startswith(WHOLE_WORD))


# Word starts up to this length are looked up among the sorted words; longer ones are
# searched for in the text.
_LONGEST_WORD_START = 12


@lru_cache(maxsize=None)
def _word_start_pattern(string: str) -> Any:
    """The pattern of ``string`` at a word start, compiled once (the rules' long word
    starts are a few dozen; the module-level ``regex.search`` looked each up in its
    cache at every call, for every text)."""
    return regex.compile(r"(?<!\w)" + regex.escape(string))


# --- Where a match may start -------------------------------------------------------
#
# Most rules that survive their needs still find nothing: a month name or a digit is in
# nearly every article, but seldom where the rule wants it. Scanning a text tries the
# rule at every position; a rule whose matches can only start with a few strings (the
# first letters of "January" .. "December", a digit) is instead tried only at the
# starts of words that begin with one of them (``pattern.match`` at each, which gives
# the same matches as ``finditer``: a match can start nowhere else, and the look-behinds
# still see the text before the position).

# The mark of a start "any decimal digit" (the regex \d, Unicode digits included).
DIGIT_START = "\x00"
# Starts are read up to this many characters ("jan", "feb", ...).
START_LENGTH = 3
# More starts than this say little: the rule is scanned as a whole.
_MAX_STARTS = 200


def rule_starts(pattern: str) -> Starts:
    """The strings (case-folded, at most :data:`START_LENGTH` characters, or
    :data:`DIGIT_START`) one of which every match of ``pattern`` starts with, each
    beginning with a word character; None when the pattern does not pin that down."""
    tree = _parse(pattern)
    return None if tree is None else _starts_of_tree(tree)


def _starts_of_tree(tree: list[_Node]) -> Starts:
    found = _starts_of_sequence(tree)
    if found is None:
        return None
    strings, _ = found
    if not strings or len(strings) > _MAX_STARTS:
        return None
    # A match that may be empty, or start with a character that is no word character,
    # starts at no word start: such rules are scanned as a whole.
    if any(string == "" or (string != DIGIT_START and _WORD.match(string[0]) is None) for string in strings):
        return None
    return frozenset(strings)


_StartsFound = Optional[tuple[set[str], bool]]  # (strings, complete), None: unknown


def _starts_of_sequence(items: list[_Node]) -> _StartsFound:
    """The strings a sequence's text starts with, and whether they are its whole
    texts (``complete``: then what follows may be appended; "" is the empty text). A
    string that reached :data:`START_LENGTH` or ends in something unknown is closed;
    None when the sequence may start with something unknown."""
    open_strings: set[str] = {""}
    closed: set[str] = set()
    for op, argument in items:
        if not open_strings:
            break
        found = _starts_of_item(op, argument)
        if found is None:
            if "" in open_strings:
                return None  # nothing known before the unknown item
            closed |= open_strings
            open_strings = set()
            break
        strings, complete = found
        extended: set[str] = set()
        for head in open_strings:
            for tail in strings:
                if tail == "":
                    extended.add(head)  # the item took nothing: what follows comes next
                elif tail == DIGIT_START:
                    closed.add(head or DIGIT_START)  # after letters, the letters are start enough
                elif len(head + tail) >= START_LENGTH or not complete:
                    closed.add((head + tail)[:START_LENGTH])
                else:
                    extended.add(head + tail)
        open_strings = extended
        if len(open_strings) + len(closed) > _MAX_STARTS:
            return None
    return closed | open_strings, not closed


def _starts_of_item(op: Any, argument: Any) -> _StartsFound:
    if op is _sre.LITERAL:
        char = chr(argument)
        if not char.isascii():
            return None  # case-insensitive matching of other letters is not read here
        return {char.casefold()}, True
    if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
        return {""}, True  # takes no characters
    if op is _sre.SUBPATTERN:
        return _starts_of_sequence(list(argument[-1]))
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _starts_of_sequence(list(argument))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, high, body = argument
        found = _starts_of_sequence(list(body))
        if found is None:
            return None
        strings, complete = found
        once = complete and low == high == 1
        if low == 0:
            return strings | {""}, complete and high == 1
        return strings, once
    if op is _sre.BRANCH:
        union: set[str] = set()
        all_complete = True
        for alternative in argument[1]:
            found = _starts_of_sequence(list(alternative))
            if found is None:
                return None
            union |= found[0]
            all_complete = all_complete and found[1]
        return union, all_complete
    if op is _sre.IN:
        return _starts_of_class(argument)
    return None


def _starts_of_class(members: list[Any]) -> _StartsFound:
    """A class of ASCII characters and ranges: its characters; a class of digits with
    a \\d in it: :data:`DIGIT_START`; anything else: unknown."""
    chars: set[str] = set()
    any_digit = False
    for op, value in members:
        if op is _sre.LITERAL and chr(value).isascii():
            chars.add(chr(value).casefold())
        elif op is _sre.RANGE and value[1] < 128 and value[1] - value[0] < 40:
            chars.update(chr(code).casefold() for code in range(value[0], value[1] + 1))
        elif op is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT:
            any_digit = True
        else:
            return None
    if any_digit:
        if not all(char.isdigit() for char in chars):
            return None
        return {DIGIT_START}, False
    return chars, True


# --- Which whole word a match starts with -------------------------------------------
#
# The starts above are at most three letters: "a" of "a week" tries a rule at every
# word that begins with an a ("and", "about", "after"), and a rule that opens on a
# number word at every word that begins like one. Most of the tries of the rule scans
# fail so. Where the pattern says that its first word ends (white space, a character
# that is no word character, or a negative look-ahead for one follows it), the word is
# read whole: the rule is then tried only where the text's word is that word.

# A first word longer than this is not spelled out (its start is used instead).
_LONGEST_FIRST_WORD = 24
# More first words than this say little: the starts are used instead.
_MAX_FIRST_WORDS = 400

FirstWords = Optional[tuple[frozenset[str], frozenset[str]]]
"""(whole words, starts): every match starts with one of the whole words (case-folded)
as the whole of the text's word there, or with one of the starts (as in
:func:`rule_starts`); None when the pattern does not pin that down."""

# What a sequence's first word may be: (open, closed), ``open`` the strings of word
# characters the sequence may match entirely (the word may go on after it), ``closed``
# (string, whole) pairs of strings the word starts with, ``whole`` when it ends there.
_WordsFound = Optional[tuple[set[str], set[tuple[str, bool]]]]


def rule_first_words(pattern: str) -> FirstWords:
    """The whole first words and the starts one of which every match of ``pattern``
    begins with (:data:`FirstWords`); None when the pattern does not pin that down."""
    tree = _parse(pattern)
    return None if tree is None else _first_words_of_tree(tree)


def _first_words_of_tree(tree: list[_Node]) -> FirstWords:
    found = _words_of_sequence(tree, follow=False)
    if found is None:
        return None
    open_strings, closed = found
    if "" in open_strings:
        return None  # the match may be empty
    entries = closed | {(string, False) for string in open_strings}
    if not entries or len(entries) > _MAX_FIRST_WORDS:
        return None
    whole = frozenset(string for string, is_whole in entries if is_whole)
    starts = frozenset(string if string == DIGIT_START else string[:START_LENGTH] for string, is_whole in entries if not is_whole)
    if any(string == "" or (string != DIGIT_START and _WORD.match(string[0]) is None) for string in whole | starts):
        return None
    return whole, starts


def _is_word_char(char: str) -> bool:
    return _WORD.fullmatch(char) is not None


def _words_of_sequence(items: list[_Node], follow: bool) -> _WordsFound:
    """The first words of a sequence (see :data:`_WordsFound`); ``follow``: what comes
    after the sequence starts with a character that is no word character."""
    open_strings: set[str] = {""}
    closed: set[tuple[str, bool]] = set()

    def close(whole: bool) -> bool:
        """Close the open strings (False when one is empty: nothing known)."""
        if "" in open_strings:
            return False
        closed.update((string, whole) for string in open_strings)
        open_strings.clear()
        return True

    for index, (op, argument) in enumerate(items):
        if not open_strings:
            break
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            # takes no characters; "\\b" or "(?![\\w])" after word characters ends the word
            ends_word = (op is _sre.AT and argument is _sre.AT_BOUNDARY) or (op is _sre.ASSERT_NOT and _nonword_first([(op, argument)], False))
            if ends_word and "" not in open_strings:
                close(True)
            continue
        rest_nonword = _nonword_first(items[index + 1 :], follow)
        found = _words_of_item(op, argument, rest_nonword)
        if found is None:
            # something not read: the words so far end here when it starts with a
            # character that is no word character
            if not close(_nonword_first(items[index:], follow)):
                return None
            break
        item_open, item_closed, may_be_empty = found
        extended: set[str] = set()
        for head in open_strings:
            for tail in item_open:
                extended.add(head + tail)
            for tail, whole in item_closed:
                if tail == DIGIT_START:
                    if not head:
                        closed.add((DIGIT_START, False))
                    else:
                        closed.add((head, False))  # a digit goes on with the word
                elif tail == "":  # the item starts with a character that is no word character
                    if not head:
                        return None
                    closed.add((head, True))
                else:
                    closed.add((head + tail, whole))
            if may_be_empty:
                extended.add(head)
        open_strings = {string for string in extended if len(string) <= _LONGEST_FIRST_WORD}
        for string in extended - open_strings:
            closed.add((string, False))
        if len(open_strings) + len(closed) > _MAX_FIRST_WORDS:
            return None
    return open_strings, closed


def _words_of_item(op: Any, argument: Any, follow: bool) -> Optional[tuple[set[str], set[tuple[str, bool]], bool]]:
    """(open, closed, may be empty) of one item; in ``closed``, "" stands for "starts
    with a character that is no word character" and :data:`DIGIT_START` for "starts
    with a digit"; None when not read."""
    if op is _sre.LITERAL:
        char = chr(argument)
        if not char.isascii():
            return None  # case-insensitive matching of other letters is not read here
        if _is_word_char(char):
            return {char.casefold()}, set(), False
        return set(), {("", True)}, False
    if op is _sre.SUBPATTERN or op is getattr(_sre, "ATOMIC_GROUP", None):
        body = list(argument[-1]) if op is _sre.SUBPATTERN else list(argument)
        return _words_of_group([body], follow)
    if op is _sre.BRANCH:
        return _words_of_group([list(alternative) for alternative in argument[1]], follow)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, high, body = argument
        found = _words_of_group([list(body)], follow)
        if found is None:
            return None
        item_open, item_closed, may_be_empty = found
        if high != 1:
            # a repeat may go on with itself: what one turn spells out is a start only
            item_closed = item_closed | {(string, False) for string in item_open}
            item_open = set()
        return item_open, item_closed, may_be_empty or low == 0
    if op is _sre.IN:
        return _words_of_class(argument)
    return None


def _words_of_group(alternatives: list[list[_Node]], follow: bool) -> Optional[tuple[set[str], set[tuple[str, bool]], bool]]:
    """The union of the alternatives' first words; an alternative's open strings are
    whole words when what follows the group starts with no word character."""
    item_open: set[str] = set()
    item_closed: set[tuple[str, bool]] = set()
    may_be_empty = False
    for alternative in alternatives:
        found = _words_of_sequence(alternative, follow)
        if found is None:
            return None
        alternative_open, alternative_closed = found
        if "" in alternative_open:
            may_be_empty = True
        item_open |= {string for string in alternative_open if string}
        item_closed |= alternative_closed
    return item_open, item_closed, may_be_empty


def _words_of_class(members: list[Any]) -> Optional[tuple[set[str], set[tuple[str, bool]], bool]]:
    """A class of ASCII word characters: each; of digits only with a \\d: a digit; of
    characters that are no word characters (white space among them): no word; else
    not read."""
    found = _starts_of_class(members)
    if found is not None:
        chars, _ = found
        if chars == {DIGIT_START}:
            return set(), {(DIGIT_START, False)}, False
        if all(_is_word_char(char) for char in chars):
            return set(chars), set(), False
    if _nonword_first([(_sre.IN, members)], follow=False):
        return set(), {("", True)}, False
    return None


# --- What follows a first word ------------------------------------------------------
#
# A first word that opens many rules still tries each of them at every place it
# occurs: "the" was 48,000 of the 70,000 tries on AQUAINT's texts, for 30 matches, as
# some thirty rules open on "the" or an optional "the" ("the past two weeks", "the
# 15th of May"). Where a rule's match that starts with a literal word goes on with
# white space (``\s+``), the words that may come next are read off the rest of the
# pattern, as the first words are; the rule is then tried at that word only where the
# text's next word is one of them (:meth:`StartIndex.word_positions`).

SecondWords = Optional[tuple[tuple[str, frozenset[str], frozenset[str]], ...]]
"""(first word, whole words, starts) triples: a match that starts with the first word
(case-folded, the whole of the text's word there) has one of the whole words as the
next word of the text, or a next word that begins with one of the starts (as in
:data:`FirstWords`); first words not listed are not filtered. None: none is."""

# More ways a pattern may open than this: its second words are not read.
_MAX_OPENINGS = 64


def rule_second_words(pattern: str) -> SecondWords:
    """The words that may follow each literal first word of ``pattern`` (see
    :data:`SecondWords`); None when the pattern pins none of them down."""
    tree = _parse(pattern)
    return None if tree is None else _second_words_of_tree(tree)


def _second_words_of_tree(tree: list[_Node]) -> SecondWords:
    openings = _openings(tree)
    if openings is None:
        return None
    # The openings of one group share what follows it ("past|last|next" then "\s+" and
    # the rest): the first words of each distinct sequence of items are read once
    # (keyed by the items' ids, the items kept alive with the key so no id is reused).
    memo: dict[tuple[int, ...], tuple[list[_Node], FirstWords]] = {}

    def first_words(items: list[_Node]) -> FirstWords:
        key = tuple(map(id, items))
        known = memo.get(key)
        if known is None:
            known = memo[key] = (items, _first_words_of_tree(items))
        return known[1]

    continuations: dict[str, list[list[_Node]]] = {}
    others: list[tuple[frozenset[str], frozenset[str]]] = []
    for word, rest in openings:
        if word is not None:
            continuations.setdefault(word, []).append(rest)
            continue
        found = first_words(rest)
        if found is None:
            return None  # a way to open that may start with any word: no word is safe
        others.append(found)
    filters = []
    for word, rests in sorted(continuations.items()):
        if any(word in whole or any(word.startswith(start) for start in starts) for whole, starts in others):
            continue  # the word may also open the pattern some other way
        if word[0].isdigit() and any(DIGIT_START in starts for _, starts in others):
            continue
        next_words = [first_words(rest) for rest in rests]
        if any(found is None for found in next_words):
            continue  # what follows is not pinned down
        whole = frozenset().union(*(found[0] for found in next_words if found is not None))
        starts = frozenset().union(*(found[1] for found in next_words if found is not None))
        filters.append((word, whole, starts))
    return tuple(filters) or None


# A first word is filtered by what follows it only when this many rules or more say
# what that is: the check costs a step per place of the word in a text, and saves a try
# per place for each of those rules ("the": 75 rules; "in", "a", "at": two each, where
# the check cost about what it saved).
_MIN_FILTERING_RULES = 4


def shared_second_words(table: list[SecondWords]) -> list[SecondWords]:
    """Each rule's second words (``table``, one entry per rule) with each first word's
    words widened to those of every rule that filters it: a text then answers each
    first word once for the whole table, not once per rule (the widened words still
    hold every word a rule's match may go on with, so no match is lost; of the 2,174
    "the"s of AQUAINT's texts, 185 are followed by one of the words the table's
    "the"-rules go on with). First words fewer than :data:`_MIN_FILTERING_RULES`
    rules filter are left unfiltered."""
    whole_of: dict[str, set[str]] = {}
    starts_of: dict[str, set[str]] = {}
    rules_of: dict[str, int] = {}
    for second in table:
        for first, whole, starts in second or ():
            whole_of.setdefault(first, set()).update(whole)
            starts_of.setdefault(first, set()).update(starts)
            rules_of[first] = rules_of.get(first, 0) + 1
    # one triple per first word, shared by the rules
    union = {
        first: (first, frozenset(whole_of[first]), frozenset(starts_of[first]))
        for first, count in rules_of.items()
        if count >= _MIN_FILTERING_RULES
    }
    widened = [tuple(union[first] for first, _, _ in second or () if first in union) for second in table]
    return [second or None for second in widened]


def _openings(items: list[_Node]) -> Optional[list[tuple[Optional[str], list[_Node]]]]:
    """The ways the sequence may open: (a literal word followed by white space, the
    items after the white space), or (None, the items) for an opening of another kind;
    None when there are too many to list. Groups, alternatives and optional parts are
    opened up (the parser factors "this|the" into "th" and "is|e"); look-arounds are
    left out (dropping a condition lets more through: still a bound on the words)."""
    openings: list[tuple[Optional[str], list[_Node]]] = []
    # (the literal word characters read so far, case-folded; the items after them)
    pending: list[tuple[str, list[_Node]]] = [("", list(items))]
    while pending:
        letters, sequence = pending.pop()
        if not sequence:
            openings.append((None, _literals(letters)))
            continue
        (op, argument), rest = sequence[0], sequence[1:]
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            pending.append((letters, rest))
        elif op is _sre.SUBPATTERN:
            pending.append((letters, list(argument[-1]) + rest))
        elif op is _sre.BRANCH:
            pending.extend((letters, list(alternative) + rest) for alternative in argument[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and argument[0] == 0 and argument[1] == 1:
            pending.append((letters, list(argument[2]) + rest))  # the optional part taken
            pending.append((letters, rest))  # or not
        elif op is _sre.LITERAL and chr(argument).isascii() and _is_word_char(chr(argument)):
            pending.append((letters + chr(argument).casefold(), rest))
        elif letters and op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and argument[0] >= 1 and _is_blank_class(list(argument[2])):
            openings.append((letters, rest))  # a word, then white space
        else:
            openings.append((None, _literals(letters) + sequence))
        if len(openings) + len(pending) > _MAX_OPENINGS:
            return None
    return openings


def _literals(letters: str) -> list[_Node]:
    return [(_sre.LITERAL, ord(letter)) for letter in letters]


# A text cut at its runs of word characters: the runs are the words (split keeps them).
_WORD_RUN = regex.compile(r"(\w+)")


@lru_cache(maxsize=None)
def _prefixes(whole: frozenset[str]) -> frozenset[str]:
    """The starts (first up to :data:`START_LENGTH` letters) of whole words."""
    return frozenset(word[:START_LENGTH] for word in whole)


def _starts_with_digit(written: str) -> bool:
    first = written[0]
    return "0" <= first <= "9" or (not first.isascii() and _ANY_DIGIT.match(first) is not None)


class StartIndex:
    """The starts of a text's words, by their first one to :data:`START_LENGTH`
    characters (case-folded) and by "a digit", for :meth:`positions`, and the words
    themselves, for :meth:`word_positions`."""

    def __init__(self, text: str) -> None:
        self._by_start: dict[str, list[list[int]]] = {}
        self._positions: dict[frozenset[str], list[int]] = {}
        # The text cut at its words: the start of each word is the sum of the lengths
        # of the pieces before it (no match object per word).
        pieces = _WORD_RUN.split(text)
        self._word_starts: list[int] = list(accumulate(map(len, pieces)))[0:-1:2]
        self._words: list[str] = pieces[1::2]
        self._word_at: Optional[dict[int, str]] = None
        self._folded_word_at: dict[int, str] = {}
        self._positions_of_words: dict[tuple[frozenset[str], frozenset[str]], list[int]] = {}
        self._text = text
        self._positions_followed: dict[tuple[Any, Any], list[int]] = {}
        self._not_followed_by: dict[tuple[str, frozenset[str], frozenset[str]], set[int]] = {}
        # The word starts grouped by their first characters as written, then each
        # distinct group case-folded and filed under its prefixes once (a text has far
        # fewer distinct beginnings than words): filed as the group's list itself, not
        # copied, since most prefixes are never asked for.
        # An ASCII text is grouped by its lower-cased beginnings, which are the folded
        # ones (fold lower-cases ASCII, character by character): fewer groups ("The"
        # and "the" are one), none folded again; the positions filed under each prefix
        # are the same.
        ascii_text = text.isascii()
        keyed = text.lower() if ascii_text else text
        by_written: dict[str, list[int]] = {}
        group_of = by_written.get
        for position in self._word_starts:
            written = keyed[position : position + START_LENGTH]
            group = group_of(written)
            if group is None:
                by_written[written] = [position]
            else:
                group.append(position)
        add = self._by_start.setdefault
        for written, positions in by_written.items():
            folded = written if ascii_text else fold(written)
            for length in range(1, min(len(folded), START_LENGTH) + 1):
                add(folded[:length], []).append(positions)
            if _starts_with_digit(written):
                add(DIGIT_START, []).append(positions)

    @property
    def words(self) -> list[str]:
        """The text's words (runs of word characters) as written, in order."""
        return self._words

    def word_positions(self, words: tuple[frozenset[str], frozenset[str]], second: SecondWords = None) -> list[int]:
        """The word starts, in order, where the text's word is one of ``words``'s whole
        words (case-folded) or begins with one of its starts (:data:`FirstWords`), and,
        where that word is a first word of ``second``, the next word is one it allows
        (:data:`SecondWords`)."""
        if second is not None:
            return self._followed_positions(words, second)
        known = self._positions_of_words.get(words)
        if known is None:
            whole, starts = words
            found = set(self.positions(starts)) if starts else set()
            if whole:
                folded = self._folded_word_at
                word_at = self._word_at
                if word_at is None:
                    word_at = self._word_at = dict(zip(self._word_starts, self._words))
                # only the words that begin like one of them are folded, each once
                for position in self.positions(_prefixes(whole)):
                    word = folded.get(position)
                    if word is None:
                        word = folded[position] = fold(word_at[position])
                    if word in whole:
                        found.add(position)
            known = self._positions_of_words[words] = sorted(found)
        return known

    def _followed_positions(
        self, words: tuple[frozenset[str], frozenset[str]], second: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    ) -> list[int]:
        """:meth:`word_positions` of ``words`` without the places of a first word of
        ``second`` that the next word rules out (:meth:`_not_followed`)."""
        key = (words, second)
        known = self._positions_followed.get(key)
        if known is None:
            dropped: set[int] = set()
            for first, whole, starts in second:
                dropped |= self._not_followed(first, whole, starts)
            positions = self.word_positions(words)
            known = self._positions_followed[key] = [p for p in positions if p not in dropped] if dropped else positions
        return known

    def _not_followed(self, first: str, whole: frozenset[str], starts: frozenset[str]) -> set[int]:
        """The places of the word ``first`` whose next word is none of ``whole`` and
        begins with none of ``starts`` (as :meth:`word_positions` reads words). Only
        white space lies between the two where a rule wants it; where something else
        does, the rule cannot match at ``first`` anyway, and the next word is as good a
        bound as any."""
        key = (first, whole, starts)
        found = self._not_followed_by.get(key)
        if found is not None:
            return found
        found = self._not_followed_by[key] = set()
        if first[:START_LENGTH] not in self._by_start:
            return found  # no word of the text begins like it (``first`` is folded)
        prefixes = tuple(start for start in starts if start != DIGIT_START)
        digit = DIGIT_START in starts
        word_starts, words, text = self._word_starts, self._words, self._text
        for position in self.word_positions((frozenset({first}), frozenset())):
            following = bisect_right(word_starts, position)
            if following < len(word_starts):
                if fold(words[following]) in whole:
                    continue
                written = text[word_starts[following] : word_starts[following] + START_LENGTH]
                if (prefixes and fold(written).startswith(prefixes)) or (digit and _starts_with_digit(written)):
                    continue
            found.add(position)
        return found

    def positions(self, starts: frozenset[str]) -> list[int]:
        """The word starts, in order, where a string of ``starts`` begins."""
        # Rules share their starts (the numbers, "the"): each set is looked up once.
        known = self._positions.get(starts)
        if known is None:
            found: set[int] = set()
            for string in starts:
                for positions in self._by_start.get(string, ()):
                    found.update(positions)
            known = self._positions[starts] = sorted(found)
        return known


def scan(
    pattern: Any, text: str, starts: Starts, index: Optional[StartIndex], words: FirstWords = None, second: SecondWords = None
) -> Iterator[Any]:
    """The matches of ``pattern`` in ``text``, as ``pattern.finditer(text)`` gives them,
    trying the pattern only at the word starts of ``index`` whose word is one of
    ``words`` and whose next word ``second`` allows (:meth:`StartIndex.word_positions`)
    or, without first words, that begin with one of ``starts`` (every position when
    both are None)."""
    if index is not None and words is not None:
        positions = index.word_positions(words, second)
    elif index is not None and starts is not None:
        positions = index.positions(starts)
    else:
        yield from pattern.finditer(text)
        return
    resume = 0
    match_at = pattern.match  # bound once: it is called at every start tried
    for position in positions:
        if position < resume:
            continue
        match = match_at(text, position)
        if match is None:
            continue
        if match.end() == position:  # an empty match: finditer's stepping, not ours
            yield from pattern.finditer(text, position)
            return
        yield match
        resume = match.end()


__all__ = [
    "CuePresence", "DIGIT", "DIGIT_START", "FirstWords", "Needs", "START_LENGTH", "SecondWords", "StartIndex",
    "Starts", "WHOLE_WORD", "WORD_START", "fold", "rule_first_words", "rule_needs", "rule_prefilters",
    "rule_second_words", "rule_starts", "scan", "shared_second_words"
]
