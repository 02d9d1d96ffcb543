"""Stage 4 (after events): who each event is about.

Per document (:func:`document_entities`): entity mentions are the tagger's named
entities (people, organisations, places, products; a nationality adjective such as
"Russian troops" is none), runs of proper nouns it left unlabelled ("Model Y"),
pronouns (``resources/entities_pronouns.tsv``) and definite descriptions naming a kind
("the carmaker", ``resources/entities_kinds.tsv``); a kind noun beside a name tells its
type ("the startup Theranos"). Nothing in the dateline or the agency byline ("KYIV
(Reuters) -") counts. Coreference within the document is by rule, left to right: a name
joins the last entity with a compatible name (:func:`same_name`: spelling variants,
acronyms, legal forms, surnames, nicknames); a pronoun the last person (he, she) or the
last non-person of its sentence or the one before (it, its), a subject of its sentence
or the one before first; a description the last entity of its kind within a few
sentences.

Per event mention (:func:`with_roles`): the entities among the trigger's own
arguments, with a role (:data:`timeline.model.ROLES`), and the places named in locative
phrases inside them ("recalled vehicles in the United States",
``resources/entities_place_prepositions.tsv``). Only the head of an argument counts:
"the new Tesla Model Y was recalled" is about the car, and "the chief of Apple resigned"
is not about Apple.

Across documents (:func:`cluster_entities`): the per-document entities that share a
key (a loose form of a name, an acronym, a person's given name up to nicknames and
surname) are one :class:`timeline.model.Entity`, with a canonical name (the name of
most words), its aliases and a type. When descriptions are given as mentions (the
ECB+ benchmark), their head nouns link them too (:func:`cluster_entity`).

Why rules: the coreference packages on PyPI all need something we cannot ship or
fetch (coreferee supports spaCy up to 3.5, we run 3.8, and downloads its English model with
``python -m coreferee install en``; spacy-experimental's coref needs a trained model
from the hub; neuralcoref runs on spaCy 2 only; fastcoref needs torch and a hub model).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

import attrs

from .documents.dateline import dateline_bounds
from .documents import Document
from .errors import ResourceError
from .model import Entity, Event, Mention, Participant, name_key
from .tables import read_resource_rows, resource_table

if TYPE_CHECKING:  # the merge imports cluster_entities, and `import timeline` loads no spaCy
    from spacy.tokens import Doc, Span, Token

# ------------------------------------------------------------------ language data


@attrs.frozen
class Kind:
    """A kind noun ("carmaker"): the type and subtype of what it names, and whether it
    may stand for an entity of unknown subtype."""

    type: str
    subtype: str
    open: bool


@attrs.frozen
class Cue:
    """A word inside a name that tells its type and subtype ("Bank"); ``drop``: the name
    without it, at its end, is the same name ("Nasdaq Composite" -> "Nasdaq")."""

    type: str
    subtype: str
    drop: bool


def _yes_no(value: str, name: str, number: int) -> bool:
    if value not in ("yes", "no"):
        raise ResourceError(f"resources/{name} line {number}: expected yes or no, got {value!r}")
    return value == "yes"


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    """``resources/entities_kinds.tsv``: kind noun -> :class:`Kind`."""
    table: dict[str, Kind] = {}
    for number, cells in resource_table("entities_kinds.tsv"):
        if len(cells) != 4:
            raise ResourceError(f"resources/entities_kinds.tsv line {number}: expected 4 fields, got {cells!r}")
        table[cells[0].lower()] = Kind(cells[1], cells[2], _yes_no(cells[3], "entities_kinds.tsv", number))
    return table


@lru_cache(maxsize=1)
def name_cues() -> dict[str, Cue]:
    """``resources/entities_name_cues.tsv``: lowercase word -> :class:`Cue`."""
    table: dict[str, Cue] = {}
    for number, cells in resource_table("entities_name_cues.tsv"):
        if len(cells) != 4:
            raise ResourceError(f"resources/entities_name_cues.tsv line {number}: expected 4 fields, got {cells!r}")
        table[cells[0].lower()] = Cue(cells[1], cells[2], _yes_no(cells[3], "entities_name_cues.tsv", number))
    return table


@lru_cache(maxsize=1)
def legal_suffixes() -> frozenset[str]:
    """``resources/entities_legal_suffixes.tsv``: legal forms, lowercase, no period."""
    return frozenset(row[0].lower() for row in read_resource_rows("entities_legal_suffixes.tsv", 1))


@lru_cache(maxsize=1)
def trailing_titles() -> tuple[tuple[str, ...], ...]:
    """``resources/entities_trailing_titles.tsv``: job titles as word tuples, longest first."""
    titles = {tuple(row[0].lower().split()) for row in read_resource_rows("entities_trailing_titles.tsv", 1)}
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


OFFICE_ROW_KINDS = ("office", "portfolio", "not-office", "not-portfolio")
"""The kinds of row of ``resources/entities_offices.tsv``: the two rule families and
their must-not rows."""


@lru_cache(maxsize=1)
def offices() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """``resources/entities_offices.tsv``: (office titles, portfolios), each as lowercase
    word tuples ("prime", "minister"); see :func:`office_tokens`. The table's must-not
    rows (``not-office``, ``not-portfolio``) and every row's example are for the tests."""
    titles: set[tuple[str, ...]] = set()
    portfolios: set[tuple[str, ...]] = set()
    for number, cells in resource_table("entities_offices.tsv"):
        if len(cells) != 3 or cells[0] not in OFFICE_ROW_KINDS or not all(cells):
            raise ResourceError(
                f"resources/entities_offices.tsv line {number}: expected a kind ({'|'.join(OFFICE_ROW_KINDS)}),"
                f" words and an example, got {cells!r}"
            )
        if cells[0] in ("office", "portfolio"):
            (titles if cells[0] == "office" else portfolios).add(tuple(cells[1].lower().split()))
    return frozenset(titles), frozenset(portfolios)


# phrases by their first word, longest first: one dictionary lookup per word
_PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


def _by_first_word(phrases: frozenset[tuple[str, ...]]) -> _PhraseIndex:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(sorted(found, key=lambda p: (-len(p), p))) for word, found in index.items()}


@lru_cache(maxsize=1)
def _office_index() -> tuple[_PhraseIndex, _PhraseIndex]:
    """(office titles, portfolios) of :func:`offices`, indexed by first word."""
    titles, portfolios = offices()
    return _by_first_word(titles), _by_first_word(portfolios)


def _match_phrase(words: Sequence[str], at: int, phrases: _PhraseIndex) -> int:
    """The length of the longest phrase of ``phrases`` starting at ``words[at]``, or 0."""
    if at >= len(words):
        return 0
    for phrase in phrases.get(words[at], ()):
        if tuple(words[at : at + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _portfolio_run(words: Sequence[str], at: int, portfolios: _PhraseIndex) -> int:
    """How many words from ``at`` are portfolios, "and" between two of them allowed."""
    end = at
    while True:
        size = _match_phrase(words, end, portfolios)
        if size:
            end += size
        elif end > at and end + 1 < len(words) and words[end] in ("and", "&") and _match_phrase(words, end + 1, portfolios):
            end += 1
        else:
            return end - at


def office_tokens(parsed: Doc) -> frozenset[int]:
    """Indices of the tokens of a public office phrase, which name a post and no entity:
    "Secretary of Education", "Defense Secretary", "Minister of Foreign Affairs"
    (``resources/entities_offices.tsv``; its examples in
    ``entities_offices_examples.tsv``). A portfolio counts only inside such a phrase:
    "the Department of Education" keeps its name."""
    titles, portfolios = _office_index()
    # Most texts name no office: one whose tokens hold no title's first word is
    # skipped whole (the word-by-word scan below costs a Python step per token). The
    # tokens' lower-case forms are read as one array of string ids, so no Token object
    # is made, nor the text joined from them. (spaCy is imported here: the merge imports
    # this module, and `import timeline` does not load it.)
    from spacy.attrs import LOWER

    strings = parsed.vocab.strings
    first_words = {strings[word] for word in titles}
    lowers = parsed.to_array(LOWER).tolist()
    if first_words.isdisjoint(lowers):  # a set test: numpy.isin cost more for 11 words
        return frozenset()
    # The same ids give the words (``Token.lower_`` is the string of the same id),
    # with no Token object per token.
    text_of = {lower: strings[lower] for lower in set(lowers)}  # each distinct word's string once
    words = [text_of[lower] for lower in lowers]
    # Only a title's or a portfolio's first word can open a phrase: at any other word
    # both look-ups below find nothing, so the word is passed over without them.
    openers = titles.keys() | portfolios.keys()
    found: set[int] = set()
    index = 0
    while index < len(words):
        if words[index] not in openers:
            index += 1
            continue
        start = index
        before = _portfolio_run(words, index, portfolios)
        size = _match_phrase(words, index + before, titles)
        if not size:
            index += 1
            continue
        end = index + before + size
        if not before and end < len(words) and words[end] == "of":
            after = end + 1 + (end + 1 < len(words) and words[end + 1] == "the")
            run = _portfolio_run(words, after, portfolios)
            if run:
                end = after + run
        found.update(range(start, end))
        index = end
    return frozenset(found)


PLACE_PREPOSITION_FAMILIES = ("always", "locative", "not-locative")
"""The kinds of row of ``resources/entities_place_prepositions.tsv``: the two rule
families and their must-not rows."""


@lru_cache(maxsize=1)
def place_prepositions() -> dict[str, str]:
    """``resources/entities_place_prepositions.tsv``: lowercase preposition -> ``always``
    (its object after an event is the event's place, whatever the name's type: "near
    Cayo Costa") or ``locative`` (a place named in a phrase it opens inside an argument
    of the event is the event's place: "vehicles in the United States"); an ``always``
    preposition is locative too. The must-not rows (``not-locative``) and every row's
    example are for the tests (see :func:`argument_heads`)."""
    table: dict[str, str] = {}
    for number, cells in resource_table("entities_place_prepositions.tsv"):
        if len(cells) != 5 or cells[0] not in PLACE_PREPOSITION_FAMILIES or not all(cells):
            raise ResourceError(
                f"resources/entities_place_prepositions.tsv line {number}: expected a family"
                f" ({'|'.join(PLACE_PREPOSITION_FAMILIES)}), a preposition, an example, its trigger and a word, got {cells!r}"
            )
        if cells[0] != "not-locative" and table.get(cells[1].lower()) != "always":
            table[cells[1].lower()] = cells[0]
    return table


@lru_cache(maxsize=1)
def nicknames() -> dict[str, frozenset[str]]:
    """``resources/entities_nicknames.tsv``: lowercase given name -> the lowercase full
    forms it may stand for (a full form stands for itself)."""
    table: dict[str, set[str]] = defaultdict(set)
    for short, full in read_resource_rows("entities_nicknames.tsv", 2):
        table[short.lower()].add(full.lower())
    return {name: frozenset(forms) for name, forms in table.items()}


@lru_cache(maxsize=1)
def person_name_parts() -> dict[str, str]:
    """``resources/entities_person_name_parts.tsv``: lowercase word -> ``suffix``
    (Jr, III: dropped), ``title`` (Mr, Dr: dropped before a name) or ``particle`` (Lo,
    van: the first word of a two-word surname)."""
    table: dict[str, str] = {}
    for word, part in read_resource_rows("entities_person_name_parts.tsv", 2):
        if part not in ("suffix", "title", "particle"):
            raise ResourceError(f"resources/entities_person_name_parts.tsv: bad part for {word!r}: {part!r}")
        table[word.lower()] = part
    return table


@lru_cache(maxsize=1)
def pronoun_table() -> dict[str, tuple[str, str]]:
    """``resources/entities_pronouns.tsv``: lowercase pronoun -> (``person`` or
    ``thing``, gender ``m``, ``f`` or ``-``)."""
    table = {}
    for pronoun, kind, gender in read_resource_rows("entities_pronouns.tsv", 3):
        if kind not in ("person", "thing") or gender not in ("m", "f", "-"):
            raise ResourceError(f"resources/entities_pronouns.tsv: bad row for {pronoun!r}: {kind!r}, {gender!r}")
        table[pronoun.lower()] = (kind, gender)
    return table


def pronouns() -> dict[str, str]:
    """Lowercase pronoun -> ``person`` or ``thing``."""
    return {pronoun: kind for pronoun, (kind, _) in pronoun_table().items()}


# ------------------------------------------------------------------------- names

_WORD = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*\.?")
# A camel-cased product name in the plural ("iPods", "iPhones").
_CAMEL_PLURAL = re.compile(r"^[a-z]+[A-Z]\w*[a-rt-z]s$")
# Words that are no part of an acronym ("Bank of England" -> BoE).
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "&", "de", "du", "la"})
# A given name written as an initial ("Robert A. Iger").
_INITIAL = re.compile(r"^[A-Z]\.?$")


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, a leading "the" and a trailing possessive dropped."""
    words = _WORD.findall(name.replace("’", "'"))
    if words and words[0].lower() == "the":
        words = words[1:]
    if words and words[-1].lower().endswith("'s"):
        words[-1] = words[-1][:-2]
    return tuple(w for w in words if w)


def _bare(word: str) -> str:
    return word.lower().rstrip(".")


def without_title(words: Sequence[str]) -> Sequence[str]:
    """The words without a job title at their end ("Apple CEO" -> Apple), when words
    remain."""
    lowered = [w.lower() for w in words]
    for title in trailing_titles():
        if len(title) < len(words) and tuple(lowered[-len(title) :]) == title:
            return words[: -len(title)]
    return words


@lru_cache(maxsize=65536)
def core_words(name: str) -> tuple[str, ...]:
    """The name's words without a job title, legal forms at the end and kind words that
    may go ("Apple CEO" -> Apple; "Tesla Inc." -> Tesla; "Nasdaq Composite" -> Nasdaq)."""
    words = tuple(without_title(name_words(name)))
    cues = name_cues()
    while len(words) > 1 and (
        _bare(words[-1]) in legal_suffixes() or (_bare(words[-1]) in cues and cues[_bare(words[-1])].drop)
    ):
        words = words[:-1]
    return words


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """The name compared loosely: core words (:func:`core_words`), lowercase letters and
    digits only ("Rolls-Royce" = "Rolls Royce", "DaimlerBenz" = "Daimler Benz")."""
    return name_key("".join(core_words(name)))


@lru_cache(maxsize=65536)
def acronym(name: str) -> str:
    """The initials of a name of three or more words, lowercase ("European Central
    Bank" -> ``ecb``); "" for shorter names."""
    words = [w for w in core_words(name) if w.lower() not in _ACRONYM_SKIP]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).lower()


def _is_acronym_of(short: str, long: str) -> bool:
    # the cheap tests first: most pairs of names are two words or more
    if len(name_words(short)) != 1 or sum(c.isupper() for c in short) < 2:
        return False
    letters = name_key(short)
    return 2 <= len(letters) <= 6 and letters == acronym(long)


def _given_names(word: str) -> frozenset[str]:
    low = word.lower()
    return nicknames().get(low, frozenset()) | {low}


def _person_parts(name: str) -> tuple[str, str]:
    """(given name, surname) of a person's name, a title, middle names, initials and a
    generational suffix dropped ("Arcade Joseph Comeaux Jr" -> Arcade, Comeaux; "Mr.
    LaRue" -> no given name, LaRue); a surname after a particle keeps it ("Gaetano Lo
    Presti" -> Gaetano, Lo Presti). The words are ``entities_person_name_parts.tsv``."""
    parts = person_name_parts()
    words = [w for w in name_words(name) if not _INITIAL.match(w)]
    while len(words) > 1 and parts.get(_bare(words[-1])) == "suffix":
        words = words[:-1]
    while len(words) > 1 and parts.get(_bare(words[0])) == "title":
        words = words[1:]
    if not words:
        return "", ""
    if len(words) >= 2 and parts.get(_bare(words[-2])) == "particle":
        return (words[0] if len(words) > 2 else ""), f"{words[-2]} {words[-1]}"
    return (words[0] if len(words) > 1 else ""), words[-1]


_COMMA_AND_WORD = re.compile(r"\w,\s+([^\W_][\w.]*)")


def _lists_words(name: str) -> bool:
    """True when a name lists words around a comma ("Senate Health, Education", an
    organisation's name, even cut short and tagged a person): no person's name, whose
    only comma is before a generational suffix ("Arcade Joseph Comeaux, Jr.")."""
    return any(person_name_parts().get(_bare(word)) != "suffix" for word in _COMMA_AND_WORD.findall(name))


def _name_suffix(name: str) -> str:
    """The generational suffix a person's name ends with ("jr"), else ""."""
    words = name_words(name)
    last = _bare(words[-1]) if len(words) > 1 else ""
    return last if person_name_parts().get(last) == "suffix" else ""


def _is_designator(word: str) -> bool:
    """A model designator such as "4", "3G", "S", "XL", "II"."""
    return any(c.isdigit() for c in word) or (word.isupper() and len(word) <= 3)


@lru_cache(maxsize=65536)
def same_name(a: str, b: str, entity_type: str = "ORG", *, loose: bool = True) -> bool:
    """True when two names may name one entity of ``entity_type``.

    Always: the same loose form (:func:`loose_key`), an acronym and its full name
    ("ECB", "European Central Bank"), a person's name with a nickname ("Bob Iger",
    "Robert Iger"). With ``loose`` (within one document, where a short form is read
    against the names before it) also: a person's surname alone ("Iger"); a name and
    its last two or more words ("Model Y" of "Tesla Model Y"); a product name without
    its model designator ("iPhone" of "iPhone 4")."""
    if not a.strip() or not b.strip():
        return False
    if loose_key(a) and loose_key(a) == loose_key(b):
        return True
    if _is_acronym_of(a, b) or _is_acronym_of(b, a):
        return True
    if entity_type == "PERSON":
        if _lists_words(a) or _lists_words(b):
            # a one-word name is no surname of "Senate Health, Education": "Education"
            # (of "Secretary of Education") is not that committee
            return False
        given_a, surname_a = _person_parts(a)
        given_b, surname_b = _person_parts(b)
        if surname_a.lower() != surname_b.lower():
            return False
        suffixes = {_name_suffix(a), _name_suffix(b)} - {""}
        if len(suffixes) > 1:
            return False  # "Jr" and "Sr": father and son
        if given_a and given_b:
            return bool(_given_names(given_a) & _given_names(given_b))
        return loose
    if not loose:
        return False
    words_a, words_b = core_words(a), core_words(b)
    short, long = sorted((words_a, words_b), key=len)
    if len(short) == len(long):
        return False
    if len(short) >= 2 and [w.lower() for w in long[-len(short) :]] == [w.lower() for w in short]:
        return True
    # "iPhone" of "iPhone 4": the rest is a model designator
    return [w.lower() for w in long[: len(short)]] == [w.lower() for w in short] and all(
        _is_designator(w) for w in long[len(short) :]
    )


def name_type(name: str, label: str) -> str:
    """The type of a name the tagger labelled ``label``: a model name ("Tesla Model Y",
    a "person" ending in a designator: "iPhone 4") is a product; a "person" whose words
    hold an organisation cue ("Deutsche Bank", "Apple Corps") is an organisation."""
    words = name_words(name)
    if len(words) >= 2 and (
        any(w.lower() == "model" for w in words[:-1]) or (label in ("PERSON", "OTHER") and _is_designator(words[-1]))
    ):
        return "PRODUCT"
    if label == "PERSON" and any(_bare(w) in name_cues() for w in words):
        return "ORG"
    return label


def name_subtype(name: str) -> Optional[str]:
    """The subtype a cue word of the name gives ("Deutsche Bank" -> bank), else None."""
    for word in reversed(name_words(name)):
        cue = name_cues().get(_bare(word))
        if cue is not None:
            return cue.subtype
    return None


def entity_keys(names: Iterable[str], entity_type: str) -> frozenset[str]:
    """The keys that identify an entity across documents: the loose form of each of its
    names of two or more letters, the acronym of its long names and, for a person, the
    full given names and the surname ("robert|iger" for Bob Iger)."""
    keys: set[str] = set()
    for name in names:
        if entity_type == "PERSON" and not _lists_words(name):
            given, surname = _person_parts(name)
            if not given:
                # a surname alone: joins the one person of that surname (cluster_entities)
                keys.add(f"|{surname.lower()}")
                continue
            for full in sorted(_given_names(given)):
                keys.add(f"{full}|{surname.lower()}")
            keys.add(loose_key(name))
            continue
        key = loose_key(name)
        if len(key) >= 2:
            keys.add(key)
        words = name_words(name)
        if entity_type == "PRODUCT" and len(words) >= 3:
            keys.add(loose_key(" ".join(words[1:])))  # "Tesla Model Y" is the Model Y
        if words and _CAMEL_PLURAL.match(words[-1]):
            keys.add(key[:-1])  # "iPods" is the iPod
        if entity_type in ("OTHER", "ORG", "NORP") and len(words) == 1 and words[0][:1].isupper() and _bare(words[0]) not in name_cues():
            keys.add(f"|{words[0].lower()}")  # maybe a surname the tagger missed ("Musk")
        initials = acronym(name)
        if initials:
            keys.add(initials)
    return frozenset(keys)


# -------------------------------------------------------------- mentions in a doc

# Tagger labels of entities that events can be about. NORP only as a noun ("the
# Russians"), never as an adjective ("Russian troops"); LAW for a law or a court case
# ("overturned Roe v. Wade", whose words are otherwise read as the name "Roe").
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "LAW"})
# Labels whose tokens are no proper names of entities (dates, amounts, ordinals).
_NOT_ENTITY_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# How far back (sentences) a pronoun or a description may look for its entity.
PERSON_PRONOUN_REACH = 3
THING_PRONOUN_REACH = 1
DESCRIPTION_REACH = 5


@attrs.frozen(eq=False)  # holds parse tokens: compared by identity
class EntityMention:
    """Words of a document that refer to an entity: a ``name``, a ``pronoun``, a
    ``relative`` pronoun ("who", given as a mention only) or a definite
    ``description``; ``head`` is the token that governs them."""

    span: Span
    kind: str
    type: str
    subtype: Optional[str] = None
    # the span's text when the finder read it already (``Span.text`` joins the span's
    # tokens at every call; a name's is read by the finder, the coreference and the
    # entity's naming): the same string, None to read it off the span
    written: Optional[str] = attrs.field(default=None, repr=False)

    @property
    def head(self) -> Token:
        return self.span.root

    @property
    def text(self) -> str:
        return self.written if self.written is not None else self.span.text


@attrs.define
class DocumentCluster:
    """A document's entity as it grows: its mentions in text order."""

    number: int
    type: str
    subtype: Optional[str]
    mentions: list[EntityMention]
    # the names that may identify it across documents (not a bare surname or a short form)
    strong_names: list[str]

    @property
    def names(self) -> list[str]:
        return [clean_name(m.text) for m in self.mentions if m.kind == "name"]


@attrs.frozen
class DocumentEntities:
    """The entities of one document: each :class:`timeline.model.Entity` (``members``
    holds its own id) and the mentions that refer to it, by entity id."""

    entities: tuple[Entity, ...]
    mentions: dict[str, tuple[EntityMention, ...]] = attrs.field(eq=False, repr=False)

    def by_head(self) -> dict[int, tuple[str, EntityMention]]:
        """Token index of each mention's head -> (entity id, mention)."""
        found: dict[int, tuple[str, EntityMention]] = {}
        for entity_id, mentions in self.mentions.items():
            for mention in mentions:
                found.setdefault(mention.head.i, (entity_id, mention))
        return found


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """"the United Nations's" -> "United Nations"; "Apple CEO" -> "Apple"."""
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    name = re.sub(r"\s*['’]s?$", "", name).strip()
    words = name.split()
    kept = without_title(words)
    return " ".join(kept) if len(kept) < len(words) else name


def _inside(span: Span, bounds: Sequence[tuple[int, int]]) -> bool:
    if not bounds:
        return False
    start_char, end_char = span.start_char, span.end_char  # each read once, not once per bound
    return any(start_char < end and start < end_char for start, end in bounds)


def _trimmed(span: Span) -> Optional[Span]:
    """The span without a leading determiner and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in ("DET", "PUNCT") or doc[start].tag_ == "POS"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].pos_ == "PUNCT"):
        end -= 1
    if end <= start:
        return None
    # most names need no trimming: the span itself (its tokens, text and root are the
    # same; a slice is a new Span, made through spaCy's Python slice checks)
    return span if start == span.start and end == span.end else doc[start:end]


# A score or a result written after a name ("Carlos Alcaraz 7-6"): no part of it.
_SCORE = re.compile(r"^(?:\d+(?:[-–]\d+)*|[-–])$")


def _without_score(span: Span) -> Span:
    """A person's name without a score the tagger ran into it: "Novak Djokovic defeated
    Carlos Alcaraz 7-6" names "Carlos Alcaraz" (else the digits would make the name a
    product's model, :func:`name_type`)."""
    end = span.end
    while end > span.start + 1 and _SCORE.match(span.doc[end - 1].text):
        end -= 1
    return span if end == span.end else span.doc[span.start : end]


def _title_word(word: str) -> bool:
    """A job title's or a courtesy title's word ("CEO", "President", "Mr"): no part of
    the name it stands before."""
    low = _bare(word)
    return person_name_parts().get(low) == "title" or any(low in title for title in trailing_titles())


def _with_untagged_start(span: Span, in_office: frozenset[int]) -> Span:
    """A name of a place or an organisation with the untagged proper nouns before it
    that modify its head: the tagger labels the city inside a club's name ("Real" +
    "Madrid" is "Real Madrid", not Madrid) or a storm's ("Storm" + "Daniel"). Not a
    title ("President", "CEO") nor an office's words."""
    doc = span.doc
    start = span.start
    root = span.root
    while start > 0:
        previous = doc[start - 1]
        if (
            previous.pos_ != "PROPN" or previous.ent_type_ or previous.dep_ != "compound"
            or not start <= previous.head.i <= root.i
            or not previous.text[:1].isupper() or previous.i in in_office or _title_word(previous.text)
        ):
            break
        start -= 1
    return span if start == span.start else doc[start : span.end]


def _kind_beside(span: Span) -> Optional[Kind]:
    """The kind a name is told to be by a kind noun beside it: a modifier before it
    ("the startup Theranos", "the utility FirstEnergy") or the noun just before it ("the
    chipmaker Qualcomm"), else an apposition ("Nvidia, the chipmaker"; "Theranos" in
    apposition to "the founder" is told no kind by it when a modifier tells one). Not a
    noun the name modifies ("Boeing jet")."""
    table = kinds()
    head = span.root
    for child in head.children:
        if child.i < span.start and child.dep_ in ("amod", "compound", "nmod") and child.lemma_.lower() in table:
            return table[child.lemma_.lower()]
    # the noun just before, whatever the parse made of the pair ("the chipmaker
    # Qualcomm" read as two objects)
    if span.start > 0 and span.doc[span.start - 1].pos_ == "NOUN" and span.doc[span.start - 1].lemma_.lower() in table:
        return table[span.doc[span.start - 1].lemma_.lower()]
    for child in head.children:
        if child.dep_ == "appos" and child.lemma_.lower() in table:
            return table[child.lemma_.lower()]
    if head.dep_ == "appos" and head.head.lemma_.lower() in table:
        return table[head.head.lemma_.lower()]
    return None


def _proper_run(doc: Doc, head: Token) -> Span:
    """The proper-noun compound ending at ``head``: "Tesla Model Y" for the head Y."""
    start = head.i
    while start > 0:
        previous = doc[start - 1]
        if previous.pos_ == "PROPN" and previous.head.i >= start and previous.head.i <= head.i and previous.dep_ in ("compound", "nmod", "amod"):
            start -= 1
        else:
            break
    return doc[start : head.i + 1]


# What may stand between the parts of one organisation name that lists fields ("the
# Senate Health, Education, and Labor Committee"; "Health, Education and Welfare").
_NAME_LIST_JOINERS = frozenset({",", "and", "&"})


def _listing_name(span: Span) -> bool:
    """True when an organisation name holds a list of capitalized words ("Senate Health,
    Education"): a comma between two proper nouns inside it."""
    return any(
        token.text == "," and 0 < token.i - span.start and token.i + 1 < span.end and token.nbor(-1).pos_ == "PROPN" and token.nbor(1).pos_ == "PROPN"
        for token in span
    )


def whole_names(parsed: Doc) -> list[tuple[Span, str]]:
    """The tagger's entities with their labels, an organisation name it cut at a comma
    or an "and" of its own list read whole: "the Senate Health, Education" + ", and" +
    "Labor Committee" is "the Senate Health, Education, and Labor Committee", one ORG,
    not two (the cut left a name "Senate Health, Education" that other names' words
    could join). Only when the first part already lists capitalized words around a
    comma and only commas, "and" or "&" stand between the parts: "Apple, Google and
    Microsoft" stay three."""
    entities = list(parsed.ents)
    names: list[tuple[Span, str]] = []
    index = 0
    while index < len(entities):
        entity = entities[index]
        end = entity.end
        following = index + 1
        if entity.label_ == "ORG" and _listing_name(entity):
            while following < len(entities) and entities[following].label_ == "ORG":
                gap = parsed[end : entities[following].start]
                if not all(token.lower_ in _NAME_LIST_JOINERS for token in gap):
                    break
                end = entities[following].end
                following += 1
        names.append((parsed[entity.start : end] if end > entity.end else entity, entity.label_))
        index = following
    return names


def _without_office(span: Span, label: str, in_office: frozenset[int]) -> tuple[Optional[Span], str]:
    """A name without the words of an office phrase at its start or end, and its label:
    "Defense Secretary" is no name; "Education Miguel Cardona" after "Secretary of" is
    "Miguel Cardona", a person (the holder of the post), whatever the tagger's label."""
    start, end = span.start, span.end
    while start < end and start in in_office:
        start += 1
    while end > start and end - 1 in in_office:
        end -= 1
    inside = [i for i in range(start, end) if i in in_office]
    if inside:  # "Press Secretary Karine Jean-Pierre": the holder after the post
        start = inside[-1] + 1
    if end == start:
        return None, label
    if start > span.start:
        label = "PERSON"
    return span.doc[start:end], label


def find_mentions(parsed: Doc, *, excluded: Sequence[tuple[int, int]] = ()) -> list[EntityMention]:
    """The entity mentions of a parsed text in text order (see the module docstring);
    nothing inside ``excluded`` character bounds."""
    mentions: list[EntityMention] = []
    taken: set[int] = set()

    def add(
        span: Optional[Span], kind: str, entity_type: str, subtype: Optional[str] = None, written: Optional[str] = None
    ) -> None:
        # the span's token indices, without a Token object for each
        if span is None or _inside(span, excluded) or any(i in taken for i in range(span.start, span.end)):
            return
        taken.update(range(span.start, span.end))
        if kind == "name":
            beside = _kind_beside(span)
            if beside is not None and beside.type != entity_type:
                entity_type, subtype = beside.type, subtype or (beside.subtype if beside.type == "ORG" else None)
        mentions.append(EntityMention(span, kind, entity_type, subtype, written))

    from .nlp import known_text

    # A span's text sliced from the parse's text when the stages have joined it already
    # (the event stage checks it), not joined from its tokens (``Span.text``): the same
    # string, the tokens' offsets being where their texts lie in it.
    text = known_text(parsed)

    def written_of(span: Span) -> str:
        return text[span.start_char : span.end_char] if text is not None else span.text

    in_office = office_tokens(parsed)
    for entity, label in whole_names(parsed):
        if label not in ENTITY_LABELS:
            continue
        span = _trimmed(entity)
        if span is None:
            continue
        if in_office and any(t.i in in_office for t in span):
            span, label = _without_office(span, label, in_office)
            if span is None:
                continue
        head = span.root  # read once per span: ``Span.root`` walks the span's tokens
        if label == "NORP" and head.pos_ == "ADJ" or head.dep_ == "amod":
            continue  # "Russian troops": an adjective, no participant
        read = span
        if label == "PERSON":
            span = _without_score(span)
        elif label in ("ORG", "GPE", "LOC", "FAC"):
            span = _with_untagged_start(span, in_office)
        if span is not read:
            head = span.root
        # a name the tagger cut short inside a proper-noun compound: "Tesla" of "Tesla Model Y"
        if head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i >= span.end:
            whole = _proper_run(parsed, head.head)
            if whole.start <= span.start and not any(t.ent_type_ in _NOT_ENTITY_LABELS for t in whole):
                written = written_of(whole)
                add(whole, "name", name_type(written, head.head.ent_type_ or label), name_subtype(written), written)
                continue
        written = written_of(span)
        add(span, "name", name_type(written, label), name_subtype(written), written)
    # Only proper nouns, pronouns and nouns can start a mention below: their indices are
    # read off the parse's array of parts of speech (no Token object for the others).
    from spacy.attrs import LEMMA, LOWER, POS
    from spacy.symbols import NOUN, PRON, PROPN

    columns = parsed.to_array([POS, LOWER, LEMMA])
    parts = columns[:, 0]  # one part of speech per token, a numpy array
    # proper nouns the tagger left unlabelled ("Model Y", "iPhone")
    for index in (parts == PROPN).nonzero()[0].tolist():
        token = parsed[index]
        if token.i in taken or token.pos_ != "PROPN" or token.ent_type_ in _NOT_ENTITY_LABELS:
            continue
        if token.dep_ == "compound" and token.head.pos_ == "PROPN":
            continue  # part of a longer run, added with its head
        run = _proper_run(parsed, token)
        if any(t.i in taken or t.ent_type_ in _NOT_ENTITY_LABELS for t in run):
            continue
        if in_office and any(t.i in in_office for t in run):
            outside = _without_office(run, "OTHER", in_office)[0]
            if outside is None:
                continue
            run = outside
        written = written_of(run)
        add(run, "name", name_type(written, "OTHER"), name_subtype(written), written)
    table = pronouns()
    known = kinds()
    # A pronoun of the table, a noun whose lemma names a kind: the others are passed
    # over on the ids of their lower-case form and lemma (the strings of
    # ``Token.lower_`` and ``Token.lemma_``), each distinct id looked up once, with no
    # Token object made for them.
    strings = parsed.vocab.strings
    part_of, lowers, lemmas = columns.T.tolist()
    pronoun_ids: dict[int, bool] = {}
    kind_ids: dict[int, bool] = {}
    for index in ((parts == PRON) | (parts == NOUN)).nonzero()[0].tolist():
        if index in taken:
            continue
        if part_of[index] == PRON:
            word = lowers[index]
            listed = pronoun_ids.get(word)
            if listed is None:
                listed = pronoun_ids[word] = strings[word] in table
        else:
            word = lemmas[index]
            listed = kind_ids.get(word)
            if listed is None:
                listed = kind_ids[word] = strings[word].lower() in known
        if not listed:
            continue
        token = parsed[index]
        if token.pos_ == "PRON" and token.lower_ in table:
            add(parsed[token.i : token.i + 1], "pronoun", table[token.lower_])
        elif token.pos_ == "NOUN" and token.tag_ in ("NN", "NNP") and token.lemma_.lower() in known:
            determiners = [c for c in token.children if c.dep_ == "det"]
            if not determiners or determiners[0].lower_ not in ("the", "this"):
                continue
            # "the company's chief" is about the chief; "the Apple company" is a name
            if any(c.pos_ == "PROPN" for c in token.children):
                continue
            kind = known[token.lemma_.lower()]
            start = min([token.i, *(c.i for c in token.children if c.dep_ in ("amod", "compound"))])
            add(parsed[start : token.i + 1], "description", kind.type, kind.subtype)
    mentions.sort(key=lambda m: m.span.start)
    return mentions


# How far back (sentences) a pronoun prefers a subject to a nearer entity of another part.
SUBJECT_REACH = 1


def _is_subject(token: Token) -> bool:
    """The head of a subject, or of a name in apposition to or conjoined with one."""
    while token.dep_ in ("appos", "conj") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _may_be_a_person(names: Sequence[str]) -> bool:
    """Names the tagger left unlabelled that a person may bear ("Simone Biles"): two or
    three capitalized words, none a cue of an organisation or a model designator."""
    for name in names:
        words = name_words(name)
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words) and not any(
            _bare(w) in name_cues() or _is_designator(w) for w in words
        ):
            return True
    return False


_PERSON_TYPES = frozenset({"PERSON"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def _compatible_types(a: str, b: str) -> bool:
    """Two name types one entity may carry: the tagger wavers between ORG, GPE and
    unlabelled names, never between a person and the rest; a product stays apart from
    an organisation of the same name ("iPhone" tagged ORG is not the iPhone 4: allowing
    it lowered SemEval trial F1 from 0.375 to 0.347)."""
    if a == b or "OTHER" in (a, b):
        return True
    return (a in _PERSON_TYPES) == (b in _PERSON_TYPES) and not ({a, b} & {"PRODUCT"})


def _compared_as(mention_type: str, cluster_type: str) -> Optional[str]:
    """The type a name of ``mention_type`` is compared as with the names of a cluster of
    ``cluster_type`` (a person's when either is one), None when the two types are not
    compatible (:func:`_compatible_types`)."""
    if not _compatible_types(mention_type, cluster_type):
        return None
    return "PERSON" if "PERSON" in (mention_type, cluster_type) else mention_type


class _ComparedAs(dict[str, Optional[str]]):
    """:func:`_compared_as` of one mention's type, by cluster type, each worked out on
    its first look-up (a hit is a plain dict look-up: the costliest loop of
    :func:`resolve` asks once per cluster)."""

    def __init__(self, mention_type: str) -> None:
        super().__init__()
        self.mention_type = mention_type

    def __missing__(self, cluster_type: str) -> Optional[str]:
        found = self[cluster_type] = _compared_as(self.mention_type, cluster_type)
        return found


def _majority(counts: Mapping[str, int], current: str) -> str:
    """The most frequent type (``counts``: type -> votes); the current one on a tie."""
    best = max(counts.values())
    return current if counts.get(current, 0) == best else sorted(t for t in counts if counts[t] == best)[0]


def resolve(mentions: Sequence[EntityMention], parsed: Doc, *, keep_descriptions: bool = False) -> list[DocumentCluster]:
    """Within-document coreference, left to right (see the module docstring). A
    pronoun or description with nothing before it to refer to is dropped, unless
    ``keep_descriptions`` (then a description opens an entity of its own: used when the
    mentions are given, as in the ECB+ benchmark)."""
    clusters: list[DocumentCluster] = []
    last_seen: list[tuple[EntityMention, DocumentCluster]] = []
    from .nlp import sentence_starts  # spaCy is loaded here, not when the merge imports this module

    starts = sentence_starts(parsed)
    known = kinds()
    by_head: dict[int, DocumentCluster] = {}
    # For speed only (the result is the same): each mention's head and sentence number
    # read once (``Span.root`` walks the span), and each cluster's distinct names and
    # their loose forms kept as they grow, instead of recomputed for every comparison.
    heads = {id(mention): mention.head for mention in mentions}
    sentence_of = {key: bisect_right(starts, head.i) for key, head in heads.items()}
    numbers = [sentence_of[id(mention)] for mention in mentions]
    # In text order, the sentence distance only grows walking back over the mentions.
    in_order = all(a <= b for a, b in zip(numbers, numbers[1:]))
    distinct_names: dict[int, list[str]] = defaultdict(list)
    loose_keys: dict[int, set[str]] = defaultdict(set)
    # the types each cluster's name mentions were given, counted as they join it
    type_votes: dict[int, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        target: Optional[DocumentCluster] = None
        strong = True
        name: Optional[str] = None
        head = heads[id(mention)]
        sentence = sentence_of[id(mention)]
        if mention.kind == "relative":
            # "Esther Williams, who ...": the noun its clause hangs on
            clause = head.head
            target = by_head.get(clause.head.i) if clause.dep_ in ("relcl", "acl") else None
            if target is None and not keep_descriptions:
                continue
        elif mention.kind == "name":
            name = clean_name(mention.text)  # Span.text joins the span's tokens: read once here
            key = loose_key(name)
            several_words = len(core_words(name)) >= 2
            # Each name is compared with every earlier cluster's names (up to twice):
            # plain loops, and the mention's type and word count read once, as this is
            # the costliest loop of the stage (a generator per cluster cost more than
            # the cached ``same_name`` calls it made).
            mention_type = mention.type
            # by a cluster's type (a handful of them): the type the names are compared
            # as, None when the cluster cannot take the mention (:func:`_compatible_types`)
            compared_as = _ComparedAs(mention_type)
            for cluster in reversed(clusters):
                # the same name of two or more words is the same entity whatever types
                # the tagger gave it each time ("Lindsay Lohan" as PERSON, then ORG)
                if several_words and key in loose_keys[cluster.number]:
                    target = cluster
                    break
                entity_type = compared_as[cluster.type]
                if entity_type is None:
                    continue
                for other in distinct_names[cluster.number]:
                    if same_name(name, other, entity_type, loose=False):
                        target = cluster
                        break
                if target is not None:
                    break
            if target is None:
                one_word = len(name_words(name)) == 1
                for cluster in reversed(clusters):
                    cluster_type = cluster.type
                    if one_word and cluster_type == "PERSON":
                        entity_type = "PERSON"  # a person's surname alone, whatever type the tagger gave it
                    else:
                        entity_type = compared_as[cluster_type]
                        if entity_type is None:
                            continue
                    for other in distinct_names[cluster.number]:
                        if same_name(name, other, entity_type):
                            target, strong = cluster, False
                            break
                    if target is not None:
                        break
        else:
            lemma = head.lemma_.lower()
            # a pronoun's nearest fitting entity, kept while a subject is looked for
            nearest: Optional[DocumentCluster] = None
            # he/she with no person before it: the nearest untagged name a person may bear
            untagged: Optional[DocumentCluster] = None
            for earlier, cluster in reversed(last_seen):
                earlier_head = heads[id(earlier)]
                distance = abs(sentence_of[id(earlier)] - sentence)
                if mention.kind == "pronoun":
                    if in_order and distance > max(PERSON_PRONOUN_REACH, THING_PRONOUN_REACH, SUBJECT_REACH if nearest else 0):
                        break  # every mention further back is further away
                    if nearest is not None and distance > SUBJECT_REACH:
                        continue
                    if distance == 0 and earlier_head.head.i == head.head.i and earlier.kind == "name" and head.dep_ not in ("poss",) and earlier_head.dep_ != "poss":
                        continue  # "Apple sued it": co-arguments are two entities
                    if mention.type == "person":
                        ok = cluster.type == "PERSON" and distance <= PERSON_PRONOUN_REACH
                        if not ok and untagged is None and cluster.type == "OTHER" and distance <= PERSON_PRONOUN_REACH and _may_be_a_person(distinct_names[cluster.number]):
                            untagged = cluster
                    else:
                        ok = cluster.type not in _PERSON_TYPES and cluster.type != "NORP" and distance <= THING_PRONOUN_REACH
                    if ok and distance <= SUBJECT_REACH and not _is_subject(earlier_head):
                        # "Apple agreed to buy Beats, its biggest deal", "GM will cut jobs at
                        # plants in Michigan as it ends ...": a subject of this sentence or
                        # the one before is the likelier antecedent than a nearer non-subject
                        if nearest is None:
                            nearest = cluster
                        continue
                elif lemma not in known:
                    # a description of no known kind ("the actor" given as a mention):
                    # the last description with the same head noun
                    ok = earlier.kind == "description" and earlier_head.lemma_.lower() == lemma
                else:
                    kind = known[lemma]
                    if distance > DESCRIPTION_REACH:
                        break
                    if not distinct_names[cluster.number]:  # cluster.names, without re-reading every mention
                        continue  # a kind noun refers to a named entity, not to another description
                    if kind.type == "PERSON":
                        ok = cluster.type == "PERSON"
                    elif cluster.subtype is not None:
                        ok = cluster.subtype == kind.subtype
                    else:
                        ok = kind.open and (cluster.type == kind.type or cluster.type == "OTHER")
                if ok:
                    target = cluster
                    break
            if target is None:
                target = nearest or untagged
            if target is None and not (mention.kind == "description" and keep_descriptions):
                continue  # a pronoun or description with no entity before it: nothing
        if target is None:
            target = DocumentCluster(len(clusters), mention.type, mention.subtype, [], [])
            clusters.append(target)
        target.mentions.append(mention)
        by_head.setdefault(head.i, target)
        if mention.kind == "name":
            if name is None:  # only a name mention that skipped the name search above
                name = clean_name(mention.text)
            if name not in distinct_names[target.number]:
                distinct_names[target.number].append(name)
                loose_keys[target.number].add(loose_key(name))
            if strong:
                target.strong_names.append(name)
            # the type most of its names were given (a surname alone does not vote)
            votes = type_votes[target.number]
            if mention.type != "OTHER":
                votes[mention.type] += 1
            if votes:
                target.type = _majority(votes, target.type)
            if target.subtype is None:
                target.subtype = mention.subtype
        last_seen.append((mention, target))
    return clusters


def _canonical(names: Sequence[str]) -> str:
    """The longest of the most used names' core forms: the most used name among the
    longest ones."""
    counts = Counter(names)
    longest = max(len(core_words(n)) for n in names)
    candidates = [n for n in counts if len(core_words(n)) == longest]
    return sorted(candidates, key=lambda n: (-counts[n], -len(n), n))[0]


def description_key(mention: EntityMention) -> str:
    """The key a description (or a name, when descriptions are given as mentions) gives
    its entity across documents: ``head:`` and the lemma of its head ("the rehab
    facility" -> ``head:facility``)."""
    return f"head:{mention.head.lemma_.lower()}"


def cluster_entity(cluster: DocumentCluster, entity_id: str, *, descriptions: bool = False) -> Optional[Entity]:
    """The :class:`timeline.model.Entity` of a document's cluster, None when no name
    refers to it (a pronoun or description alone).

    With ``descriptions`` (when descriptions are given as mentions, as in the ECB+
    benchmark) a cluster with no name (descriptions, or a relative pronoun given as a
    mention) is an entity too, named by the head of its first mention, type ``OTHER``,
    keyed by it (:func:`description_key`), and a named entity also carries the keys of
    its descriptions and names: :func:`cluster_entities` links a description alone to
    the named entity that most descriptions or names with its head noun referred to in
    other documents, else to the other descriptions alone with it."""
    names = cluster.names
    if not names:
        if not descriptions or not cluster.mentions:
            return None
        first = cluster.mentions[0]
        return Entity(id=entity_id, name=first.head.lemma_.lower(), type="OTHER", keys=(description_key(first),), members=(entity_id,))
    strong = cluster.strong_names or names
    keys = entity_keys(strong, cluster.type)
    if descriptions:
        keys |= {description_key(m) for m in cluster.mentions if m.kind in ("description", "name")}
    return Entity(
        id=entity_id,
        name=_canonical(names),
        type=cluster.type,
        aliases=tuple(sorted(set(names))),
        keys=tuple(sorted(keys)),
        members=(entity_id,),
    )


def document_entities(document: Document, parsed: Doc) -> DocumentEntities:
    """The entities of one document (see the module docstring); ids are
    ``<document id>#<n>``."""
    from .nlp import reading  # spaCy is loaded here, not when the merge imports this module

    with reading(parsed):  # the finder and the coreference share what they read of the parse
        mentions = find_mentions(parsed, excluded=dateline_bounds(document.text))
        clusters = resolve(mentions, parsed)
    entities: list[Entity] = []
    by_id: dict[str, tuple[EntityMention, ...]] = {}
    for cluster in clusters:
        entity_id = f"{document.id}#{cluster.number}"
        entity = cluster_entity(cluster, entity_id)
        if entity is None:
            continue
        entities.append(entity)
        by_id[entity_id] = tuple(cluster.mentions)
    return DocumentEntities(tuple(entities), by_id)


# ------------------------------------------------------------------------- roles

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that open another clause: their words are not the trigger's arguments.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "csubj"})
# Prepositions after an event noun whose object is who did it or to whom it happened.
_AGENT_PREPOSITIONS = frozenset({"by"})
_PATIENT_PREPOSITIONS = frozenset({"of"})


def _with_coordinated(head: Token) -> list[Token]:
    """The argument head, the heads conjoined to it and its appositions ("Apple and
    Google", "Tim Cook, Apple's chief")."""
    found = [head]
    for child in head.children:
        if child.dep_ in ("conj", "appos"):
            found.extend(_with_coordinated(child))
    return found


# Tagger labels of places: a prepositional argument of one of them is where the event was.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# How many prepositional phrases deep a place inside an argument is still the event's.
PLACE_DEPTH = 2


def _prepositional_role(preposition: str, token: Token) -> str:
    """The role of the object of a preposition of the event: ``place`` for a place, or
    after a preposition that always names one ("near"), else ``other``."""
    if token.ent_type_ in _PLACE_LABELS or place_prepositions().get(preposition) == "always":
        return "place"
    return "other"


def _nested_places(token: Token, depth: int = PLACE_DEPTH) -> list[Token]:
    """The places named in locative phrases inside an argument, up to ``depth`` phrases
    deep, through locative phrases only: "vehicles in the United States", "a
    supermarket in Buffalo, New York" (``resources/entities_place_prepositions.tsv``)."""
    found: list[Token] = []
    table = place_prepositions()
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ not in table:
            continue
        for grandchild in child.children:
            if grandchild.dep_ != "pobj":
                continue
            if grandchild.ent_type_ in _PLACE_LABELS:
                found.extend(t for t in _with_coordinated(grandchild) if t.ent_type_ in _PLACE_LABELS)
            elif depth > 1:
                found.extend(_nested_places(grandchild, depth - 1))
    return found


def argument_heads(trigger: Token) -> list[tuple[Token, str]]:
    """(argument head, role) pairs of an event trigger: its subject and object, the
    subject it shares with the verb it depends on ("decided to sell", "rose and
    closed"), the noun a relative clause hangs on, the subject of a small clause it
    takes ("found Hunter Biden guilty": the patient) and the objects of its
    prepositions (a place, or after "near", the place; see
    :func:`_prepositional_role`); for an event noun its owner ("Apple's launch") and
    "of"/"by". Last, the places named in locative phrases inside its object or its
    locative phrases ("recalled vehicles in the United States": the place; see
    :func:`_nested_places`)."""
    pairs: list[tuple[Token, str]] = []
    # (object, preposition): its role and its conjuncts' are each their own
    prepositional: list[tuple[Token, str]] = []
    inside: list[Token] = []  # arguments whose locative phrases may name the event's place
    is_verb = trigger.pos_ in ("VERB", "AUX")
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    locative = place_prepositions()
    for child in trigger.children:
        dep = child.dep_
        if dep == "nsubj":
            pairs.append((child, "agent"))
        elif dep == "nsubjpass":
            pairs.append((child, "patient"))
        elif dep in ("dobj", "attr", "oprd"):
            pairs.append((child, "patient"))
            if dep == "dobj":
                inside.append(child)
        elif dep == "dative":
            pairs.append((child, "beneficiary"))
        elif dep == "poss" and not is_verb:
            pairs.append((child, "agent"))
        elif dep == "compound" and not is_verb and child.pos_ == "PROPN":
            pairs.append((child, "other"))
        elif dep == "agent":
            pairs.extend((g, "agent") for g in child.children if g.dep_ == "pobj")
        elif dep == "advmod" and is_verb:
            # an adverb's phrase tells whom the event was measured against ("finished
            # ahead of Shilese Jones") or where ("close to the border")
            for preposition in child.children:
                if preposition.dep_ == "prep":
                    prepositional.extend((g, preposition.lower_) for g in preposition.children if g.dep_ == "pobj")
        elif dep in ("ccomp", "xcomp") and is_verb and child.pos_ in ("ADJ", "NOUN"):
            # a small clause with no verb of its own: its subject is the trigger's object
            pairs.extend((g, "patient") for g in child.children if g.dep_ == "nsubj")
        elif dep == "prep":
            word = child.lower_
            for grandchild in child.children:
                if grandchild.dep_ != "pobj":
                    continue
                if not is_verb and word in _PATIENT_PREPOSITIONS:
                    pairs.append((grandchild, "patient"))
                elif word in _AGENT_PREPOSITIONS and (passive or not is_verb):
                    pairs.append((grandchild, "agent"))
                else:
                    prepositional.append((grandchild, word))
                    if word in locative:
                        inside.append(grandchild)
    head = trigger.head
    if head.i != trigger.i:
        has_subject = any(c.dep_ in _SUBJECTS for c in trigger.children)
        if trigger.dep_ in ("relcl", "acl"):
            # the noun the clause hangs on plays the part of the relative pronoun
            # ("the phone, which Apple recalled": the object), else of the missing subject
            relative = [c for c in trigger.children if c.tag_ in ("WDT", "WP")]
            if relative:
                role = {"nsubj": "agent", "nsubjpass": "patient", "dobj": "patient"}.get(relative[0].dep_)
                if role is not None:
                    pairs.append((head, role))
            elif not has_subject:
                relative_passive = passive or (trigger.tag_ == "VBN" and trigger.dep_ == "acl")
                pairs.append((head, "patient" if relative_passive else "agent"))
        elif not has_subject and trigger.dep_ in ("xcomp", "conj", "advcl"):
            for child in head.children:
                if child.dep_ == "nsubj":
                    pairs.append((child, "patient" if passive else "agent"))
                elif child.dep_ == "nsubjpass":
                    pairs.append((child, "patient"))
    found = [(token, role) for head_token, role in pairs for token in _with_coordinated(head_token)]
    found.extend(
        (token, _prepositional_role(word, token)) for head_token, word in prepositional for token in _with_coordinated(head_token)
    )
    found.extend((token, "place") for argument in inside for token in _nested_places(argument))
    return found


def _named_category(token: Token, heads: dict[int, tuple[str, EntityMention]]) -> Optional[tuple[str, EntityMention]]:
    """The product a category noun is named by: "120,000 Model Y cars", "its iPod music
    players" are the Model Y and the iPod (the noun is a kind noun of products)."""
    kind = kinds().get(token.lemma_.lower())
    if kind is None or kind.type != "PRODUCT":
        return None
    for child in token.children:
        if child.dep_ in ("compound", "nmod") and child.i in heads and heads[child.i][1].type in ("PRODUCT", "ORG", "OTHER"):
            return heads[child.i]
    return None


def roles_of(
    trigger: Token, heads: dict[int, tuple[str, EntityMention]], names: dict[str, str]
) -> tuple[Participant, ...]:
    """The participants of one trigger (see :func:`argument_heads`), once per entity,
    the first role kept; ``heads`` is :meth:`DocumentEntities.by_head`, ``names`` maps
    the document's entity ids to their names."""
    participants: dict[str, Participant] = {}
    for token, role in argument_heads(trigger):
        hit = heads.get(token.i)
        if hit is None:
            hit = _named_category(token, heads)
        if hit is None:
            continue
        entity_id, mention = hit
        if entity_id not in participants:
            span = mention.span
            participants[entity_id] = Participant(
                name=names[entity_id], role=role, entity_id=entity_id, span=(span.start_char, span.end_char)
            )
    return tuple(participants.values())


def with_roles(events: Sequence[Event], parsed: Doc, found: DocumentEntities) -> list[Event]:
    """The events of one document with each mention's :attr:`Mention.roles` filled in
    from the entities ``found`` in its parse."""
    names = {entity.id: entity.name for entity in found.entities}
    heads = found.by_head()
    result = []
    for event in events:
        mentions: list[Mention] = []
        for mention in event.mentions:
            span = parsed.char_span(mention.trigger_span[0], mention.trigger_span[1], alignment_mode="expand")
            if span is None or len(span) == 0:
                mentions.append(mention)
                continue
            mentions.append(attrs.evolve(mention, roles=roles_of(span.root, heads, names)))
        result.append(attrs.evolve(event, mentions=tuple(mentions)))
    return result


# ---------------------------------------------------------------- across documents


# Which type an entity takes when its documents disagree: a fixed order, so that
# clustering in stages (merging timelines) gives what one clustering gives.
_TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "NORP", "LAW", "OTHER")


def _cluster_type(types: Sequence[str]) -> str:
    """The first of the types in :data:`_TYPE_ORDER` (an unlisted type after them)."""
    return min(types, key=lambda t: (_TYPE_ORDER.index(t) if t in _TYPE_ORDER else len(_TYPE_ORDER), t))


def _cross_document_name(names: Sequence[str]) -> str:
    """The canonical name of entities from several documents: the one of most core
    words, then the longest, then the first in alphabetical order. A maximum under a
    fixed order, so that clustering in stages gives what one clustering gives."""
    return min(names, key=lambda n: (-len(core_words(n)), -len(n), n))


def cluster_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """The entities of several documents (or of timelines being merged) as one table:
    those that share a key and are of compatible types are one entity, whose canonical
    name is the one of most words (each document's own name is its most used longest
    one), type the first in a fixed order, aliases and keys are the union and id
    the smallest member id. Entities of descriptions alone (``head:`` keys, see
    :func:`cluster_entity`) join the named entity most of whose members carry their
    key, else each other. Order-independent, and clustering in stages (the tables of
    timelines being merged) gives the names and types one clustering gives; sorted by id."""
    items = sorted(entities, key=lambda e: e.id)
    parents = list(range(len(items)))

    def find(i: int) -> int:
        while parents[i] != i:
            parents[i] = parents[parents[i]]
            i = parents[i]
        return i

    owners: dict[tuple[bool, str], list[int]] = defaultdict(list)
    described: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(items):
        for key in entity.keys:
            if key.startswith("head:") and entity.aliases:
                described[key].append(index)
                continue
            owners[(entity.type == "PERSON", key)].append(index)
    # the same name of two or more words links entities whatever types the tagger gave
    # them ("Lindsay Lohan" tagged PERSON in one document, ORG in another)
    long_keys: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(items):
        for alias in entity.aliases:
            if len(core_words(alias)) >= 2 and "|" not in loose_key(alias):
                long_keys[loose_key(alias)].append(index)
    for indexes in long_keys.values():
        for index in indexes[1:]:
            parents[find(index)] = find(indexes[0])
    for indexes in owners.values():
        for index in indexes[1:]:
            if _compatible_types(items[indexes[0]].type, items[index].type):
                parents[find(index)] = find(indexes[0])
    # a person named by the surname alone ("Musk"; or a one-word name the tagger did not
    # call a person) joins the one person of that surname with a given name ("Elon
    # Musk"), when there is exactly one
    full_names: dict[str, set[int]] = defaultdict(set)
    for (is_person, key), indexes in owners.items():
        if is_person and "|" in key and not key.startswith("|"):
            full_names[key.split("|", 1)[1]].update(find(i) for i in indexes)
    for (is_person, key), indexes in owners.items():
        if key.startswith("|"):
            roots = {find(i) for i in full_names.get(key[1:], set())}
            if len(roots) == 1:
                (root,) = roots
                for index in indexes:
                    if not any(k for k in items[index].keys if "|" in k and not k.startswith("|")):
                        parents[find(index)] = root
    # a description alone ("the facility") joins the named entity that most other
    # documents' descriptions or names with its head noun referred to ("a rehab
    # facility" resolved to Promises, "Promises Treatment Facility"), when one has most
    for key, indexes in described.items():
        ranked = Counter(find(i) for i in indexes).most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            root = ranked[0][0]
            for index in owners.get((False, key), []):
                parents[find(index)] = root
    groups: dict[int, list[Entity]] = defaultdict(list)
    for index, entity in enumerate(items):
        groups[find(index)].append(entity)
    merged = []
    for group in groups.values():
        members = sorted({m for e in group for m in e.members})
        merged.append(
            Entity(
                id=members[0],
                name=_cross_document_name([e.name for e in group]),
                type=_cluster_type([e.type for e in group]),
                aliases=tuple(sorted({a for e in group for a in e.aliases})),
                keys=tuple(sorted({k for e in group for k in e.keys})),
                members=tuple(members),
            )
        )
    return tuple(sorted(merged, key=lambda e: e.id))


__all__ = [
    "Cue", "DESCRIPTION_REACH", "DocumentCluster", "DocumentEntities", "ENTITY_LABELS", "EntityMention", "Kind",
    "OFFICE_ROW_KINDS", "PERSON_PRONOUN_REACH", "SUBJECT_REACH", "PLACE_DEPTH", "PLACE_PREPOSITION_FAMILIES", "THING_PRONOUN_REACH", "acronym", "argument_heads", "clean_name",
    "cluster_entities", "cluster_entity", "core_words", "description_key", "document_entities", "entity_keys",
    "find_mentions", "kinds", "legal_suffixes", "loose_key", "name_cues", "name_subtype", "name_type",
    "name_words", "nicknames", "office_tokens", "offices", "person_name_parts", "place_prepositions", "pronoun_table", "pronouns",
    "resolve", "roles_of", "same_name", "trailing_titles", "whole_names", "with_roles", "without_title"
]
