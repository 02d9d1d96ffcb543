"""Stage 5: deduplicate events across (and within) documents and put them in time order.

Inputs are :class:`~timeline.model.Event` s, usually one per mention as produced per
document; the output is a :class:`~timeline.model.Timeline`. The rules, in full:

**Atoms and stamps.** Every mention of an input event is a *stamp*: the document it
comes from and the date it gives. For a one-mention event that date is the event's
``when``; for an event that already went through a merge it is the mention's
``time_value`` (filled in by every merge, so a merged timeline keeps the date each
source gave). Events whose ``when`` has no interval (durations, sets, unresolved
``XXXX-10``) cannot be placed on the calendar and are **left out** of the timeline; their
documents are still listed in ``Timeline.documents``.

**Same event (dedup).** Two events are linked when

* their polarity agrees (a negated report never merges with a positive one), and
* their participants agree: when both name who took part, some name is shared ("Apple
  unveiled the new iPad" and "Samsung unveiled the new Galaxy" are two events); a short
  form shares with its long one ("Fed" / "Federal Reserve", "ECB" / "European Central
  Bank"), and
* some pair of their stamps is *time compatible*: the intervals overlap once both are
  widened to the coarser granularity of the two ("July 2023" and "July 26, 2023"
  are compatible, "July 26" and "July 27" are not), and
* their content similarity is at least :data:`MATCH_THRESHOLD`.

Content similarity is ``0.4 * same_trigger + 0.3 * participants + 0.3 * words`` where
``same_trigger`` is 1 when the trigger lemmas (after mapping nominalizations such as
arrival -> arrive, ``resources/merge_nominalizations.tsv``, verbs for the same act,
lifted/hiked -> raised, or a verb with its particle, step down -> resign,
``resources/merge_synonyms.tsv``, and light stemming; another trigger of several words
counts by its first) are equal. A verb phrase of that table also counts when the rest of
it follows the trigger verb in the sentence within :data:`PHRASE_WINDOW` words, before
any punctuation or negation ("found him guilty" -> convict, "made landfall" and "came
ashore" -> landfall, "closed its purchase" -> complete, but not "closed its plant" nor
"found him not guilty"); such a phrase adds its word to the trigger keys and to the
summary words, and never takes the verb's own key away. ``participants`` is the Jaccard
index of the participants' content words (an acronym counts as the words it stands for)
and ``words`` the Dice coefficient of the summaries' content words (stop words from
``resources/merge_stopwords.tsv``, which include legal forms such as "Inc": "Greyfield
Inc" and "Morland Inc" share no participant). When either side has no participants the
participant weight goes to ``words`` (``0.4 * same_trigger + 0.6 * words``).

**Same event, different dates (conflicts).** Two events are also linked when some pair
of stamps comes from *different* documents, is not time compatible but lies within
:data:`CONFLICT_WINDOW` of each other, the triggers are the same and the similarity is at
least :data:`STRONG_THRESHOLD`. (One document giving two dates usually reports two
occurrences, so it never creates a conflict by itself.)

**Same kind of singular event.** A coup, a death, an election happen once to a place
or a person within weeks, and reports name them in different words ("the junta seized
power in a coup" / "fell with the ouster of President Bazoum"). Two events whose
summaries name the same class of ``resources/merge_event_classes.tsv`` and whose
sentences share a name (capitalized content words, the time's own words left out:
"Niger") count as strongly similar: they link when their dates are compatible or, from
different documents, within :data:`CONFLICT_WINDOW` (a conflict).

**Inherited dates.** A mention dated by its sentence, the story's day or the
publication day (``Mention.dated_by`` other than ``time``; only with
``build_timeline(..., undated="inherit")``) is a weak stamp. A pair of stamps with a
weak one links only when the similarity is at least :data:`INHERITED_THRESHOLD` with
the same trigger, and the dates are compatible or the weak one is a *later report* of
the other: its document is another, its date is not before the other's and at most
:data:`CONFLICT_WINDOW` after it ("Apple introduced iPhone 4" in a story of June 16
joins the June 7 unveiling). Weak stamps never create a conflict window link. A date
that the text claims for the event (``dated_by`` ``sentence``: a time expression of its
sentence; ``story``: the day the story's lead tells of) links with a compatible date of
its own or claimed in another document from :data:`SENTENCE_THRESHOLD`.

**Two own dates of one day** in two documents link from :data:`SAME_DAY_THRESHOLD` with
a shared trigger key or paraphrase group, when whom each event happens to (its patients
and beneficiaries) is named by the other ("fined Harbour Bank on Wednesday" / "the bank
was fined by the FCA"; one regulator fining two firms stays two fines). **Light verbs**
(``resources/merge_light_verbs.tsv``) count with the event word of their object or
subject ("gave their approval", "the mudslide that swept"), a verb with the next word
with its paraphrase row ("broke out", "lost power"), and
``resources/merge_paraphrases_news.tsv`` adds news families (truce / ceasefire, fine /
penalty): both for the timeline's events only (``profile(event, dated=True)``).

**Headlines, places, events told after others** (issue #15). A headline (the first
sentence of an article) and a report of its own body that share a trigger key or a
paraphrase group are compared without the name checks, link from a similarity of
:data:`HEADLINE_THRESHOLD`, and may both have inherited dates (:func:`headline_pair`); an undated headline's names are
no named difference with another article's reports.
The participants of one report in the place role are left out of the name checks
against a report naming no place (:func:`told_with`: "near Anchorage" / "the Boeing
767"); a hyphenated name names its parts ("EU-Mercosur"); short forms may keep "of"
("BoE"). A report told after or before another in its sentence ("two days after the
earthquake", :func:`anchor_spans`) is never one event with the report of that word,
and has no conflict with reports of that word's kind: the text explains the other date.
The precision rules of :mod:`timeline.merge.precision` (session 17) add named
differences: other patients, announcements or talks about other things, a reaction and
the event it reacts to, a "meet again" headline and the earlier event its body tells.

**Claimed days of one day, countries** (session 17). A headline dated by its publication
day restates its own body's report of the day (day grain) its sentence or lead claims,
up to :data:`CONFLICT_WINDOW` before it (:func:`_headline_after_claimed_day`). Across
documents, two days of one day at day grain, one or both claimed, link from
:data:`MATCH_THRESHOLD` with a trigger key of their own in common
(:func:`_claimed_same_day`). In the timeline's profile a country's adjective names the
country (``resources/merge_demonyms.tsv``: "Spanish police" / "in Spain"), and
``resources/merge_paraphrases_recall.tsv`` and ``resources/merge_light_verbs_recall.tsv``
add news families and light verbs.

**Groups, not chains.** Linked events are grouped by average linkage
(:func:`groups`, :mod:`timeline.merge.linkage`): a group joins another only when more than
half of the pairs between them are linked (counting a document's reports in a group
once: two {headline, body} groups of two articles linked body to body are one linked
document pair of one, see :func:`voter_of`), none of them has a named difference
(:func:`named_difference`: polarity, participants or the names the summaries are told
with, own dates incompatible without a certain conflict) and all their spans lie within
:data:`CONFLICT_WINDOW`. A conflict needs certain sameness: a singular event, or a
strong match of an event that does not recur (``resources/merge_recurring.tsv``: a
market move on Monday and one on Tuesday are two). Paraphrase groups
(``resources/merge_paraphrases.tsv``: "stormed" / "the attack", "killed" / "the death")
count as a shared trigger. An undated headline or lead restating its own article's
dated event (same trigger key, similarity at least :data:`MATCH_THRESHOLD`) joins it.
Candidate pairs are blocked (:func:`blocked_candidate_pairs`): pairs within the conflict
window that share a trigger key, event class or participant word. Links are sought
among a finer subset of them (:func:`link_candidate_pairs`: a shared name where the
participant rule needs one, overlapping spans unless a conflict or an inherited date is
possible), and named differences only within the connected components of the links,
where they can matter: the same groups as comparing every blocked pair, at a cost that
grows with the events of one story rather than of one month. Copies of one report in
one document (:func:`copies`: a paragraph repeated) are one node that counts as its
copies, the same groups at the cost of one node. The nodes are sorted canonically first, so the
grouping depends only on the set of input events; the timeline keeps them
(``Timeline.atoms``) and :func:`merge` reclusters from them, which makes merging in any
grouping or order exactly equal to one build.

**The merged event.**

* ``when``: among the dates its stamps give (only the events' own dates when any
  stamp has one; inherited dates only when none does; the dates of plans,
  ``Mention.planned``, only when no report tells the event as done), the one supported by the most
  documents (a document supports a date when one of its stamps is time compatible with
  it), then the most specific granularity, then one some source wrote with its year
  ("July 2023" over an "in June" completed from the tense), then the earliest start
  (then earliest end, value).
* ``conflicts``: the dates of stamps not time compatible with the chosen date, each
  with the documents that gave it, sorted by date; inherited dates are no source's
  claim about the event and are never listed.
* ``summary``: the summary with the most content words, then the longest, then the
  alphabetically first; ``trigger``: the smallest trigger among the events with that
  summary. (These rules only look at the candidates themselves, which keeps merging
  associative.)
* ``participants``: the union, sorted; ``mentions``: the union, sorted by
  ``(doc_id, trigger_span, ...)``, each with ``time_value`` set to the date it gives.
* ``negated`` (equal within a group by construction), ``planned`` and ``hypothetical``:
  true only when true for every merged event; one factual report outweighs reports of a
  plan or a possibility.
* ``id``: ``"ev-"`` + a hash of the sorted mention keys ``(doc_id, trigger_span)``.

**Order.** By interval start, then the larger interval first (later end first), then
coarser granularity first, then value, summary, id and finally the full record, a total
order that does not depend on the input order.

Aware datetimes are compared in UTC; naive ones are taken as they are.
"""

from __future__ import annotations

import bisect
import enum
import functools
import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from itertools import groupby
from operator import itemgetter
from typing import Any, Optional, TypeVar

import attrs

from ..times.calendar import Period, floor, interval_of, season_period
from .linkage import average_linkage, connected_components
from ..errors import DocumentTypeError, ResourceError
from ..entities import cluster_entities
from ..model import Conflict, Event, Granularity, Interval, Mention, Timeline, TimeValue
from ..tables import read_resource_rows

MATCH_THRESHOLD = 0.55
"""Similarity from which two time-compatible events are the same event."""

STRONG_THRESHOLD = 0.8
"""Similarity from which two events with the same trigger but incompatible dates are the
same event reported with different dates (a conflict)."""

HEADLINE_THRESHOLD = 0.4
"""Similarity from which a headline restates a report of its own body with the same
trigger key (:func:`headline_pair`): the shared trigger alone."""

INHERITED_THRESHOLD = 0.9
"""Similarity (same trigger too) from which an event with an inherited date (see
:mod:`timeline.events.date`) is the same as another: the date says little, the words must."""

SENTENCE_THRESHOLD = 0.8
"""Similarity (same trigger too) from which a report whose day the text claims (a time
expression of its own sentence or the day its story's lead tells of: ``Mention.dated_by``
``sentence`` or ``story``; "the appointment, announced on Monday", "a landslide buried
... on Sunday") is the same as a report of another document with a compatible date of
its own or claimed: such a day is a claim about the event that the publication day is
not (issue #15, third round, docs/benchmarks.md)."""

SAME_DAY_THRESHOLD = 0.45
"""Similarity (same trigger key or paraphrase group too) from which two reports of
different documents, each dating the event itself to the same day ("fined Harbour Bank
on Wednesday" / "a day after the bank was fined by the FCA", "won the fifth stage on
Wednesday" / "Pogacar's victory in Lorient on Wednesday"), are the same event: two own
dates that agree at day grain are evidence the words need not repeat (issue #15, third
round). Names must still agree, and a named difference still keeps them apart."""

CONFLICT_WINDOW = timedelta(days=31)
"""Largest gap between two incompatible dates that can still be a disagreement between
sources about one event (July vs June 2023) rather than two occurrences."""

TRIGGER_WEIGHT = 0.4
PARTICIPANT_WEIGHT = 0.3
WORD_WEIGHT = 0.3


# --------------------------------------------------------------------------- resources


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words ignored when comparing summaries (``resources/merge_stopwords.tsv``)."""
    return frozenset(row[0].lower() for row in read_resource_rows("merge_stopwords.tsv", 1))


def _pairs(name: str) -> list[tuple[str, str]]:
    """The two-column rows of a bundled resource, lowercased."""
    return [(row[0].lower(), row[1].lower()) for row in read_resource_rows(name, 2)]


@functools.lru_cache(maxsize=1)
def nominalizations() -> dict[str, str]:
    """Event noun -> verb (``resources/merge_nominalizations.tsv``)."""
    return dict(_pairs("merge_nominalizations.tsv"))


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Stemmed verb -> the stem of the word it counts as (``resources/merge_synonyms.tsv``,
    rows of one word)."""
    return {
        _light_stem(word): _light_stem(canonical)
        for word, canonical in _pairs("merge_synonyms.tsv")
        if len(_TOKEN.findall(word)) == 1
    }


@functools.lru_cache(maxsize=1)
def phrase_synonyms() -> dict[tuple[str, ...], str]:
    """Verb phrases of ``resources/merge_synonyms.tsv`` (rows of several words): (verb
    lemma, light stems of the other words) -> the stem of the word they count as
    ("find guilty" -> convict, "come ashore" -> landfall)."""
    rows: dict[tuple[str, ...], str] = {}
    for word, canonical in _pairs("merge_synonyms.tsv"):
        words = _TOKEN.findall(word)
        if len(words) > 1:
            rows[(words[0],) + tuple(_light_stem(w) for w in words[1:])] = stem(canonical)
    return rows


@functools.lru_cache(maxsize=1)
def event_classes() -> dict[str, str]:
    """Stemmed word -> event class (``resources/merge_event_classes.tsv``)."""
    return {stem(word): kind for word, kind in _pairs("merge_event_classes.tsv")}


@functools.lru_cache(maxsize=1)
def recurring_triggers() -> frozenset[str]:
    """Trigger keys of events that recur from day to day or week to week
    (``resources/merge_recurring.tsv``: market moves, data releases)."""
    return frozenset(trigger_key(row[0]) for row in read_resource_rows("merge_recurring.tsv", 1))


@functools.lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Stemmed country adjective -> the stem of the country's name, its last word
    (``resources/merge_demonyms.tsv``: "spanish" -> "spain", "macedonian" ->
    "macedonia")."""
    countries: dict[str, str] = {}
    for adjective, country in _pairs("merge_demonyms.tsv"):
        words = _TOKEN.findall(country)
        if words:
            countries[stem(adjective)] = stem(words[-1])
    return countries


def with_countries(words: frozenset[str]) -> frozenset[str]:
    """The stemmed words with each country adjective read as its country ("Spanish
    police" names Spain, "Iranian authorities" Iran): the names two reports are told
    with then agree across the adjective and the name (session 17). The adjective is
    replaced, not joined by the country, so that two reports both saying "Iranian"
    do not count the word twice in their overlap."""
    countries = demonym_countries()
    if not any(word in countries for word in words):
        return words
    return frozenset(countries.get(word, word) for word in words)


HAND_PARAPHRASES = ("merge_paraphrases.tsv",)
"""The paraphrase groups written by hand."""

DATED_PARAPHRASES = ("merge_paraphrases_dated.tsv", "merge_paraphrases_news.tsv", "merge_paraphrases_recall.tsv")
"""Hand groups that hold only where dates tell occurrences apart (market and data moves
told in other verbs), and groups of general news wording for singular events (a truce
and a ceasefire, a fine and a penalty; issue #15, third round; a dam that burst and
one that gave way, an embassy overrun and one attacked: ``merge_paraphrases_recall.tsv``,
session 17): read for the timeline's
events (``profile(event, dated=True)``), not by
:func:`timeline.merge.clustering.cluster_events`, which clusters without dates."""

PARAPHRASE_TABLES = HAND_PARAPHRASES + ("merge_paraphrases_learned.tsv",)
"""The hand groups and the pairs learned from the ECB+ train topics
(``tools/learn_paraphrases.py``), both read by :func:`paraphrases`."""


@functools.lru_cache(maxsize=4)
def paraphrase_table(names: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """Trigger key -> its paraphrase groups in the named resource tables; a key is the
    light stem of a word, or of each word of a phrase joined by spaces."""
    table: dict[str, set[str]] = {}
    for name in names:
        for word, group in read_resource_rows(name, 2):
            table.setdefault(_phrase_key(word), set()).add(group.lower())
    return {key: frozenset(groups) for key, groups in table.items()}


def paraphrases() -> dict[str, frozenset[str]]:
    """Trigger key -> its paraphrase groups in :data:`PARAPHRASE_TABLES`: the hand table
    ``resources/merge_paraphrases.tsv`` and the learned pairs
    (``resources/merge_paraphrases_learned.tsv``)."""
    return paraphrase_table(PARAPHRASE_TABLES)


def _phrase_key(text: str) -> str:
    return " ".join(_light_stem(w) for w in _TOKEN.findall(text.lower()))


def paraphrase_groups(event: Event, *, learned: bool = False, dated: bool = False) -> frozenset[str]:
    """The paraphrase groups of an event's trigger lemma and of its mentions' trigger
    words: a phrase ("pass away") by itself, else its first word. The hand groups only,
    unless ``learned``: then also the pairs learned from the ECB+ train topics, which
    only :func:`timeline.merge.clustering.cluster_events` reads (they are that corpus's
    wording more than general English; see docs/benchmarks.md). ``dated`` adds the
    groups of :data:`DATED_PARAPHRASES`, for events whose dates tell occurrences apart."""
    table = paraphrases() if learned else paraphrase_table(HAND_PARAPHRASES + DATED_PARAPHRASES if dated else HAND_PARAPHRASES)
    groups: set[str] = set()
    for text in {event.trigger, *(m.trigger_text for m in event.mentions)}:
        key = _phrase_key(text)
        if key in table:
            groups |= table[key]
        elif " " in key:
            groups |= table.get(key.split(" ")[0], frozenset())
    return frozenset(groups)


# --------------------------------------------------------------------------- words

_TOKEN = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*")


def stem(word: str) -> str:
    """A light, deterministic stem: enough for signed/signs/signing -> sign and
    arrive/arrived -> arriv; not a linguistic lemma. Synonyms share one
    (``resources/merge_synonyms.tsv``: lifted -> rais)."""
    stemmed = _light_stem(word)
    return synonyms().get(stemmed, stemmed)


# Memoized: a pure function of the word (its tables are read once), asked for the same
# words again and again (each mention's phrase look-up stems every phrase's verb).
@functools.lru_cache(maxsize=65536)
def _light_stem(word: str) -> str:
    word = word.lower()
    word = nominalizations().get(word, word)
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # undouble a final consonant left by -ing/-ed (stopped -> stopp -> stop)
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=65536)  # pure; the summaries and sentences of one story repeat
def content_words(text: str) -> frozenset[str]:
    """Stemmed content words of a text (stop words and one-letter tokens dropped)."""
    stops = stop_words()
    return frozenset(
        stem(token) for token in _TOKEN.findall(text.lower()) if token not in stops and len(token) > 1
    )


def trigger_key(trigger: str) -> str:
    """The key under which two triggers count as the same (nominalization, stem)."""
    words = _TOKEN.findall(trigger.lower())
    if not words:
        return ""
    # a verb with its particle may be a synonym as a whole ("step down" -> resign)
    phrase = (words[0],) + tuple(_light_stem(w) for w in words[1:])
    if len(words) > 1 and phrase in phrase_synonyms():
        return phrase_synonyms()[phrase]
    # other multi-word triggers ("take over") are compared on their head, the first word
    return stem(nominalizations().get(words[0], words[0]))


PHRASE_WINDOW = 5
"""Words after a trigger among which the rest of a verb phrase of
``resources/merge_synonyms.tsv`` may come: "found him guilty", "closed its $12 billion
acquisition", "left its key rate on hold"."""

# Tokens after a trigger, punctuation kept apart so that the window stops at it.
_PHRASE_TOKEN = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*|[^\w\s$€£%]")
# A negation ends the window: "found him not guilty" is an acquittal, not a conviction.
_PHRASE_STOP = frozenset({"not", "no", "never", "n't"})


def phrase_key(lemma: str, mention: Mention) -> str:
    """The canonical stem of a verb phrase of ``resources/merge_synonyms.tsv`` whose verb
    is the mention's trigger (its lemma ``lemma`` or its stem) and whose other words
    follow it, in order, within :data:`PHRASE_WINDOW` words and before any punctuation
    or negation ("A jury found him guilty" -> convict, "made landfall" -> landfall);
    empty when there is none. The parser keeps only the verb as the trigger, so the
    rest of the phrase is read from the sentence."""
    heads = {lemma.lower(), _light_stem(mention.trigger_text)}
    rows = [(key, canonical) for key, canonical in phrase_synonyms().items() if key[0] in heads or _light_stem(key[0]) in heads]
    if not rows:
        return ""
    window = [_light_stem(token) for token in words_after(mention)]
    if not window:
        return ""
    for key, canonical in sorted(rows):
        rest = iter(window)
        if all(word in rest for word in key[1:]):  # in order: `in` consumes the iterator
            return canonical
    return ""


LIGHT_VERB_SIDES = ("object", "subject", "both")
"""Where a light verb of ``resources/merge_light_verbs.tsv`` finds its event word."""


LIGHT_VERB_TABLES = ("merge_light_verbs.tsv", "merge_light_verbs_recall.tsv")
"""The light verb tables: the third merge-recall round's and the fourth's (session 17:
verbs of impact such as "tore through" and "flattened")."""


@functools.lru_cache(maxsize=1)
def light_verbs() -> dict[tuple[str, ...], str]:
    """The light verbs of ``resources/merge_light_verbs.tsv``: (lemma, particle words) ->
    where the event word is (one of :data:`LIGHT_VERB_SIDES`)."""
    verbs: dict[tuple[str, ...], str] = {}
    for name in LIGHT_VERB_TABLES:
        for row in read_resource_rows(name, 2):
            side = row[1].strip().lower()
            if side not in LIGHT_VERB_SIDES:
                raise ResourceError(f"resources/{name}: side {row[1]!r} of {row[0]!r} is not one of {LIGHT_VERB_SIDES}")
            verbs[tuple(_TOKEN.findall(row[0].lower()))] = side
    return verbs


def words_after(mention: Mention) -> list[str]:
    """The words after a mention's trigger in its sentence, lowercase, at most
    :data:`PHRASE_WINDOW` of them, up to the first punctuation or negation."""
    if mention.sentence_span is None:
        return []
    start = mention.trigger_span[1] - mention.sentence_span[0]
    if not 0 < start <= len(mention.sentence):
        return []
    window: list[str] = []
    for token in _PHRASE_TOKEN.findall(mention.sentence[start:].lower()):
        if len(window) == PHRASE_WINDOW or token in _PHRASE_STOP or not token[0].isalnum():
            break
        window.append(token)
    return window


_OBJECT_END = frozenset({"in", "on", "at", "after", "before", "during", "since", "until", "from", "by", "with",
                         "to", "into", "over", "under", "near", "across", "when", "while", "as", "than"})
"""Words that end a light verb's object ("made a cake in March": not the march; the
particle of a row such as "file for" is read before)."""

SUBJECT_REACH = 3
"""Words before a subject light verb among which its event word may be ("The mudslide
that swept": mudslide)."""


def words_before(mention: Mention) -> list[str]:
    """The words before a mention's trigger in its sentence, lowercase, the nearest
    first, at most :data:`SUBJECT_REACH` of them, up to the first punctuation."""
    if mention.sentence_span is None:
        return []
    start = mention.trigger_span[0] - mention.sentence_span[0]
    if not 0 < start <= len(mention.sentence):
        return []
    window: list[str] = []
    for token in reversed(_PHRASE_TOKEN.findall(mention.sentence[:start].lower())):
        if len(window) == SUBJECT_REACH or not token[0].isalnum():
            break
        window.append(token)
    return window


def light_verb_object(lemma: str, mention: Mention, following: Sequence[str],
                      table: Mapping[str, frozenset[str]]) -> str:
    """The event word a light verb takes ("gave their approval" -> "approval", "carried
    out a raid" -> "raid", "the mudslide that swept" -> "mudslide";
    ``resources/merge_light_verbs.tsv``): the first of the words ``following`` the
    trigger (its particle first when the row has one) or, for a subject verb, of the
    words before it, that is a nominalization or a key of the paraphrase ``table``;
    empty when the trigger is no light verb or no such word is there."""
    heads = {lemma.lower(), _light_stem(mention.trigger_text)}

    def known(word: str) -> bool:
        return word in nominalizations() or _phrase_key(word) in table

    for verb, side in sorted(light_verbs().items()):
        if verb[0] not in heads and _light_stem(verb[0]) not in heads:
            continue
        particles = list(verb[1:])
        if list(following[:len(particles)]) != particles:
            continue
        if side != "subject":
            for word in following[len(particles):]:
                if word in _OBJECT_END:
                    break
                if known(word):
                    return word
        if side != "object":
            for word in words_before(mention):
                if known(word):
                    return word
    return ""


def compound_key(mention: Mention) -> str:
    """The trigger with the word right before it, as a paraphrase-table key ("sentencing
    hearing": the parser keeps "hearing" as the trigger, the table lists the compound);
    empty at the sentence start or after punctuation."""
    if mention.sentence_span is None:
        return ""
    start = mention.trigger_span[0] - mention.sentence_span[0]
    if not 0 < start <= len(mention.sentence):
        return ""
    before = _PHRASE_TOKEN.findall(mention.sentence[:start].lower())
    if not before or not before[-1][0].isalnum():
        return ""
    return _phrase_key(f"{before[-1]} {mention.trigger_text}")


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a & b| / |a | b|, 0 for two empty sets."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|a & b| / (|a| + |b|), 0 for two empty sets."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


@attrs.frozen
class Profile:
    """What the similarity looks at, computed once per event."""

    triggers: frozenset[str]
    participants: frozenset[str]
    words: frozenset[str]
    negated: bool
    classes: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()  # of the participants' names ("ecb")
    summary_names: frozenset[str] = frozenset()  # capitalized words of the summary but its first
    places: frozenset[str] = frozenset()  # words of the participants in the place role ("Anchorage")
    patients: frozenset[str] = frozenset()  # words of the participants it happens to (patient, beneficiary roles: "fined Brookfield Capital")
    # the words (document, start, end) of the events it is told after or before
    anchors: frozenset[tuple[str, int, int]] = frozenset()
    anchor_keys: frozenset[str] = frozenset()  # their trigger keys and paraphrase groups
    # an announcement's or talks' words after the trigger (the timeline's events only;
    # merge.precision.told_after_trigger, content_differs)
    content: frozenset[str] = frozenset()


def profile(event: Event, *, dated: bool = False) -> Profile:
    """The comparison features of an event: trigger keys of the event and of every
    mention, participant content words, summary content words, polarity. ``dated``
    (the timeline's events, :func:`node_of`) reads the paraphrase groups of
    :data:`DATED_PARAPHRASES` too."""
    triggers = {trigger_key(event.trigger)} | {trigger_key(m.trigger_text) for m in event.mentions}
    # verb phrases that count as one word ("found him guilty" -> convict, "came ashore"
    # -> landfall) count in the summary words too: "made landfall" and "came ashore"
    # have no word in common otherwise
    lemma = (_TOKEN.findall(event.trigger.lower()) or [""])[0]
    phrases = {phrase_key(lemma, m) for m in event.mentions}
    head = trigger_key(event.trigger)
    if len(_TOKEN.findall(event.trigger)) > 1 and head in phrase_synonyms().values():
        phrases.add(head)
    phrases.discard("")
    triggers |= phrases
    participants: frozenset[str] = frozenset()
    for name in event.participants:
        participants |= name_words(name)
    words = content_words(event.summary) | phrases
    classes = event_classes()
    # a paraphrase group counts as a shared trigger ("stormed" / "the attack", "killed" /
    # "the death of"; resources/merge_paraphrases.tsv), also the group of a verb phrase
    # ("found him guilty" -> convict, in one group with "the verdict")
    hand = paraphrase_table(HAND_PARAPHRASES + DATED_PARAPHRASES if dated else HAND_PARAPHRASES)
    groups = set(paraphrase_groups(event, dated=dated))
    for phrase in phrases | {compound_key(m) for m in event.mentions}:
        groups |= hand.get(phrase, frozenset())
    if dated:
        # a light verb names its event by its noun ("gave their approval", "reached a
        # truce"), a verb with its particle by the two ("broke out of the prison")
        for mention in event.mentions:
            following = words_after(mention)
            noun = light_verb_object(lemma, mention, following, hand)
            if noun:
                triggers.add(trigger_key(noun))
                groups |= hand.get(_phrase_key(noun), frozenset())
            if following:
                groups |= hand.get(_phrase_key(f"{lemma} {following[0]}"), frozenset())
    triggers |= {f"~{group}" for group in groups}
    told_by = [(m, anchor_spans(m)) for m in event.mentions]  # read once: it tokenizes the sentence
    anchors = frozenset(span for _, spans in told_by for span in spans)
    # the timeline's events: a country's adjective reads as the country ("Spanish police"
    # / "in Spain"); cluster_events (ECB+) reads the words as written
    countries = with_countries if dated else _as_written
    return Profile(
        triggers=frozenset(t for t in triggers if t),
        participants=countries(participants),
        words=countries(words),
        negated=event.negated,
        classes=frozenset(classes[w] for w in words | triggers if w in classes),
        names=countries(participants | sentence_names(event.mentions)),
        summary_names=countries(summary_names(event.summary)),
        initials=frozenset(form for name in event.participants for form in initial_forms(name)),
        places=countries(frozenset(word for p in event.roles if p.role == "place" for word in name_words(p.name))),
        patients=countries(frozenset(word for p in event.roles if p.role in ("patient", "beneficiary") for word in name_words(p.name))),
        anchors=anchors,
        anchor_keys=frozenset(key for m, spans in told_by for _, start, end in spans
                              for key in _word_keys(_text_at(m, start, end), hand)),
        content=told_after_trigger(event, triggers) if dated else frozenset(),
    )


def _as_written(words: frozenset[str]) -> frozenset[str]:
    """The words unchanged (the profile of :func:`timeline.merge.clustering.cluster_events`)."""
    return words


ANCHOR_WORDS = frozenset({"after", "before"})
"""Words that tell an event by another one: "an aftershock shook Chile on Monday, two
days after the earthquake", "shares slide after recall"."""

ANCHOR_REACH = 3
"""Words after "after"/"before" among which the other event's word is sought."""


def anchor_spans(mention: Mention) -> frozenset[tuple[str, int, int]]:
    """The words (document, start, end) a mention's event is told after or before in its
    sentence ("an aftershock shook Chile, two days after the earthquake" -> the
    earthquake; "a day after it struck Louisiana" -> struck, Louisiana), unless the
    mention's own trigger is among them (it is then the other event). The report whose
    trigger is one of those words is another event: the two are never one (a
    cannot-link, :func:`named_difference`), whatever words they share ("lost the final,
    two days after she beat Swiatek in the semifinal")."""
    if mention.sentence_span is None:
        return frozenset()
    origin = mention.sentence_span[0]
    start, end = (offset - origin for offset in mention.trigger_span)
    stops = stop_words()
    spans: set[tuple[str, int, int]] = set()
    for window in anchor_windows(mention.sentence):
        if not window or any(start < w.end() and w.start() < end for w in window):
            continue  # the mention is the other event itself ("a day after it struck")
        if any(not w.group()[0].isalnum() for w in window):
            window = window[: next(k for k, w in enumerate(window) if not w.group()[0].isalnum())]
        spans.update((mention.doc_id, origin + w.start(), origin + w.end())
                     for w in window if w.group().lower() not in stops and w.group()[0].isalpha())
    return frozenset(spans)


def anchor_windows(sentence: str) -> Iterator[list[re.Match[str]]]:
    """For each "after" or "before" of ``sentence`` (:data:`ANCHOR_WORDS`), the
    :data:`ANCHOR_REACH` words that follow it (regex matches, offsets in the sentence):
    where the events it is told after or before are named (:func:`anchor_spans`,
    :func:`timeline.merge.precision.told_as_anchor`)."""
    # Most sentences hold neither word: tested on the whole sentence before it is cut
    # into words (a word that is one of them, lower-cased, is in the lower-cased sentence).
    lowered = sentence.lower()
    if not any(word in lowered for word in ANCHOR_WORDS):
        return
    tokens = list(_ANCHOR_TOKEN.finditer(sentence))
    for index, token in enumerate(tokens):
        if token.group().lower() in ANCHOR_WORDS:
            yield tokens[index + 1 : index + 1 + ANCHOR_REACH]


def _text_at(mention: Mention, start: int, end: int) -> str:
    """The words of a mention's sentence at document offsets ``start``-``end``."""
    assert mention.sentence_span is not None
    origin = mention.sentence_span[0]
    return mention.sentence[start - origin : end - origin]


def _word_keys(word: str, table: dict[str, frozenset[str]]) -> frozenset[str]:
    """The trigger key of a word and its paraphrase groups (``~group``)."""
    return frozenset({trigger_key(word)} | {f"~{group}" for group in table.get(_phrase_key(word), frozenset())}) - {""}


_ANCHOR_TOKEN = re.compile(r"[^\W_]+(?:[.'’&-][^\W_]+)*|[^\w\s]")


def sentence_names(mentions: Iterable[Mention]) -> frozenset[str]:
    """Content words of the capitalized words of the mentions' sentences, the time
    expression's own words left out: the names around the event ("Niger")."""
    names: set[str] = set()
    for mention in mentions:
        capitalized = " ".join(w for w in _TOKEN.findall(mention.sentence) if w[:1].isupper())
        names |= name_words(capitalized) - content_words(mention.time_text or "")
    return frozenset(names)


def name_words(text: str) -> frozenset[str]:
    """Content words of a name, and of each part of a hyphenated one: "EU-Mercosur"
    names the EU and Mercosur ("the EU signed with Mercosur")."""
    return content_words(text) | content_words(text.replace("-", " "))


def summary_names(summary: str) -> frozenset[str]:
    """Content words of the capitalized words of a summary, its first word left out:
    the names the event itself is told with ("A missile strike hit Kherson" -> kherson)."""
    words = _TOKEN.findall(summary)[1:]
    return name_words(" ".join(w for w in words if w[:1].isupper()))


def participants_agree(a: Profile, b: Profile) -> bool:
    """False when both events name who took part and none of them is named by the other
    (as a participant or a capitalized word of its sentence): "Apple unveiled
    the new iPad" and "Samsung unveiled the new Galaxy" are two events. A short form
    counts as shared with the long one ("the Fed" and "the Federal Reserve", "ECB" and
    "European Central Bank")."""
    # the names each event is told with: another place, another target ("hit Kherson" /
    # "hit Odesa") is another event, unless the other's sentence names it too
    a_summary, a_participants = told_with(a, b)
    b_summary, b_participants = told_with(b, a)
    if a_summary and b_summary and not (
        _names_meet(a_summary, b.names | b.initials) or _names_meet(b_summary, a.names | a.initials)
    ):
        return False
    if not a_participants or not b_participants:
        return True
    # a participant of one may be among the other's names without being its participant
    # (the parse found part of them: "Niger and Russia signed" / "Russia signed")
    mine, theirs = a_participants | a.initials, b_participants | b.initials
    if mine & (theirs | b.names) or theirs & a.names:
        return True
    return any(_same_name_word(x, y) for x in mine for y in theirs)


def told_with(found: Profile, other: Profile) -> tuple[frozenset[str], frozenset[str]]:
    """The summary names and participant words of ``found`` that can differ from
    ``other``'s: all of them, but its places (participants in the place role) when the
    other names no place. A place and an actor are not two answers to one question:
    "a cargo plane crashed near Anchorage" / "the crash of the Boeing 767", "train
    drivers walked off the job across Germany" / "the strike by the GDL union". Two
    places still differ ("in Odesa" / "in Kharkiv")."""
    if found.places and not other.places:
        return found.summary_names - found.places, found.participants - found.places
    return found.summary_names, found.participants


def _names_meet(mine: frozenset[str], theirs: frozenset[str]) -> bool:
    """Some name of ``mine`` is among ``theirs``, also as a short form ("fed" / "feder")."""
    return bool(mine & theirs) or any(_same_name_word(x, y) for x in mine for y in theirs)


def _same_name_word(x: str, y: str) -> bool:
    """One stem the start of the other, three letters or more ("fed", "feder")."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and long.startswith(short)


_INITIAL_LINKS = frozenset({"of", "for", "and"})
"""Lowercase words inside a name that some short forms keep: "Bank of England" -> BoE."""


def initial_forms(name: str) -> frozenset[str]:
    """The short forms of a name by its initials: those of its capitalized words
    (:func:`initials`: "European Central Bank" -> "ecb") and, when it has "of", "for"
    or "and" inside, with those too ("Bank of England" -> "boe", "Department of
    Justice" -> "doj")."""
    forms = {initials(name)}
    words = _TOKEN.findall(name)
    capitalized = [w for w in words if w[:1].isupper()]
    if len(capitalized) >= 2 and any(w in _INITIAL_LINKS for w in words):
        kept = [w for w in words if w[:1].isupper() or w in _INITIAL_LINKS]
        forms.add("".join(w[0] for w in kept).lower())
    forms.discard("")
    return frozenset(forms)


def initials(name: str) -> str:
    """The initials of a name of two words or more, lowercase ("European Central Bank"
    -> "ecb"); empty for one word."""
    words = [w for w in _TOKEN.findall(name) if w[:1].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


def same_kind(a: Profile, b: Profile) -> bool:
    """Two reports of one singular event told in different words: a shared event class
    and a shared name in their sentences (see ``resources/merge_event_classes.tsv``)."""
    return bool(a.classes & b.classes) and bool(a.names & b.names)


def similarity(a: Profile, b: Profile) -> float:
    """Content similarity in [0, 1] (weights in the module docstring)."""
    same_trigger = 1.0 if a.triggers & b.triggers else 0.0
    words = dice(a.words, b.words)
    if a.participants and b.participants:
        return (
            TRIGGER_WEIGHT * same_trigger
            + PARTICIPANT_WEIGHT * jaccard(a.participants | (a.initials & b.participants), b.participants | (b.initials & a.participants))
            + WORD_WEIGHT * words
        )
    return TRIGGER_WEIGHT * same_trigger + (PARTICIPANT_WEIGHT + WORD_WEIGHT) * words


# --------------------------------------------------------------------------- time


def naive(moment: datetime) -> datetime:
    """Aware datetimes in UTC without tzinfo, so that all comparisons are possible."""
    if moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def _floor(moment: datetime, grain: Granularity) -> datetime:
    """Start of the calendar period of ``grain`` holding ``moment``."""
    if grain <= Granularity.DAY:
        return datetime.combine(floor(moment.date(), grain), time())
    if grain == Granularity.HOUR:
        return moment.replace(minute=0, second=0, microsecond=0)
    if grain == Granularity.MINUTE:
        return moment.replace(second=0, microsecond=0)
    if grain == Granularity.SECOND:
        return moment.replace(microsecond=0)
    return moment  # parts of the day have no single convention: leave as is


def _step(moment: datetime, grain: Granularity) -> datetime:
    """``moment`` (a period start) plus one period of ``grain``."""
    if grain <= Granularity.DAY:
        return interval_of(Period(grain, moment.date())).end
    steps = {Granularity.HOUR: timedelta(hours=1), Granularity.MINUTE: timedelta(minutes=1),
             Granularity.SECOND: timedelta(seconds=1)}
    return moment + steps.get(grain, timedelta(0))


@functools.lru_cache(maxsize=65536)  # pure, and called for every pair of stamps compared
def widen(interval: Interval, grain: Optional[Granularity]) -> tuple[datetime, datetime]:
    """The interval widened to whole periods of ``grain`` (naive datetimes)."""
    start, end = naive(interval.start), naive(interval.end)
    if grain is None or grain in (Granularity.SEASON, Granularity.PART_OF_DAY):
        return start, end
    try:
        low = _floor(start, grain)
        high = _floor(end, grain)
        if high < end:
            high = _step(high, grain)
    except (OverflowError, ValueError):
        return start, end
    return low, high


def coarser(a: Optional[Granularity], b: Optional[Granularity]) -> Optional[Granularity]:
    """The coarser of two granularities (None, unknown, counts as finest)."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


def compatible(a: TimeValue, b: TimeValue) -> bool:
    """True when both intervals overlap at the coarser granularity of the two."""
    if a.interval is None or b.interval is None:
        return False
    grain = coarser(a.granularity, b.granularity)
    a_start, a_end = widen(a.interval, grain)
    b_start, b_end = widen(b.interval, grain)
    return a_start < b_end and b_start < a_end


def gap(a: Interval, b: Interval) -> timedelta:
    """Time between two intervals (zero when they touch or overlap)."""
    return max(naive(b.start) - naive(a.end), naive(a.start) - naive(b.end), timedelta(0))


# ---- TIMEX3 values back to intervals (for dates known only by their value string)

_VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{2})$"), "century"),
    (re.compile(r"^(\d{3})$"), "decade"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-W(\d{2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(MO|AF|EV|NI|DT)$"), "pod"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2})(?::(\d{2}))?)?$"), "time"),
)


def _period_of(kind: str, parts: Sequence[str]) -> Period:
    """The calendar period of a matched value pattern (may raise ValueError)."""
    if kind in ("century", "decade", "year"):
        scale = {"century": 100, "decade": 10, "year": 1}[kind]
        return Period(Granularity[kind.upper()], date(max(1, int(parts[0]) * scale), 1, 1))
    year = int(parts[0])
    if kind in ("half", "quarter"):
        size = 6 if kind == "half" else 3
        return Period(Granularity[kind.upper()], date(year, (int(parts[1]) - 1) * size + 1, 1))
    if kind == "season":
        return season_period(year, parts[1])
    if kind == "month":
        return Period(Granularity.MONTH, date(year, int(parts[1]), 1))
    if kind == "week":
        return Period(Granularity.WEEK, date.fromisocalendar(year, int(parts[1]), 1))
    day = date(year, int(parts[1]), int(parts[2]))
    if kind == "day":
        return Period(Granularity.DAY, day)
    if kind == "pod":
        return Period(Granularity.PART_OF_DAY, day, part_of_day=parts[3])
    hour, minute, second = int(parts[3]), parts[4], parts[5]
    grain = Granularity.SECOND if second is not None else Granularity.MINUTE if minute is not None else Granularity.HOUR
    return Period(grain, day, hour=hour, minute=int(minute or 0), second=int(second) if second is not None else None)


def parse_value(value: str) -> Optional[TimeValue]:
    """A calendar TimeValue for a plain TIMEX3 DATE/TIME value (``2023``, ``2023-07``,
    ``2023-W30``, ``2023-Q3``, ``2023-SU``, ``2023-07-26``, ``2023-07-26TMO``,
    ``2023-07-26T14:30``...), or None for anything else (durations, ``XXXX-10``...).

    Used only for dates known by their value alone (the non-chosen dates of an event
    that was already merged). Periods and their intervals are those of
    :mod:`timeline.times.calendar`, as the engine writes them; without the original mod, the
    full period is used. A range ``<value>/<value>`` (:mod:`timeline.times.ranges`) runs from
    the start of the first to the end of the second."""
    if value.count("/") == 1:
        first, second = (parse_value(end) for end in value.split("/"))
        from ..times.ranges import range_value  # loads the rule tables; kept off `import timeline`

        return range_value(first, second) if first is not None and second is not None else None
    for pattern, kind in _VALUE_PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                period = _period_of(kind, match.groups())
                interval = interval_of(period)
            except (ValueError, OverflowError):
                return None
            time_type = "TIME" if kind in ("pod", "time") else "DATE"
            return TimeValue(value=value, type=time_type, granularity=period.granularity, interval=interval)
    return None


# --------------------------------------------------------------------------- nodes


@attrs.frozen
class Stamp:
    """One source's date for an event: the document (None for an event without
    mentions) and the date it gives."""

    doc_id: Optional[str]
    when: TimeValue
    value: str
    inferred: bool = False
    full: bool = False  # the source wrote the date with its year ("July 2023", not "in June")
    planned: bool = False  # the date of a plan ("expected to close in the fourth quarter")
    sentence: bool = False  # inherited from a time expression of its own sentence (dated_by "sentence")


@attrs.frozen
class Node:
    """An input event ready for linking."""

    event: Event
    profile: Profile
    stamps: tuple[Stamp, ...]
    span: tuple[datetime, datetime]


_CLAIMED_DAYS = frozenset({"sentence", "story"})
"""Inherited dates that a time expression of the text claims for the event: its sentence's
time, or the day the story's lead tells of (:data:`timeline.model.DATED_BY`)."""


def stamps_of(event: Event) -> tuple[Stamp, ...]:
    """The per-source dates of an event (see the module docstring)."""
    if not event.mentions:
        return (Stamp(None, event.when, event.when.value),)
    if len(event.mentions) == 1:
        only = event.mentions[0]
        return (Stamp(only.doc_id, event.when, event.when.value, only.inferred, written_in_full(only), only.planned,
                      only.dated_by in _CLAIMED_DAYS),)
    stamps = []
    for mention in event.mentions:
        value = mention.time_value if mention.time_value is not None else event.when.value
        when = event.when if value == event.when.value else parse_value(value)
        # an unreadable value keeps its text (for the conflicts) but no interval
        stamp = Stamp(mention.doc_id, when or TimeValue(value=value, type="DATE"), value, mention.inferred,
                      written_in_full(mention), mention.planned, mention.dated_by in _CLAIMED_DAYS)
        stamps.append(stamp)
    return tuple(stamps)


_YEAR_DIGITS = re.compile(r"\d{4}")


def written_in_full(mention: Mention) -> bool:
    """True when the mention's own time text carries its year ("July 2023"): a date
    completed from context ("in June", year from the tense) is a weaker claim."""
    return not mention.inferred and bool(_YEAR_DIGITS.search(mention.time_text or ""))


def node_of(event: Event) -> Optional[Node]:
    """The node of an event, or None when the event cannot be placed (no interval)."""
    if event.when.interval is None:
        return None
    stamps = stamps_of(event)
    placed = [event.when] + [s.when for s in stamps if s.when.interval is not None]
    spans = [widen(when.interval, when.granularity) for when in placed if when.interval is not None]
    span = (min(s for s, _ in spans), max(e for _, e in spans))
    return Node(event=event, profile=profile(event, dated=True), stamps=stamps, span=span)


@attrs.frozen
class PairEvidence:
    """What the content of two nodes says, before their dates are looked at."""

    score: float
    same_trigger: bool
    strong: bool  # certain enough that another date is a disagreement (a conflict)
    inherited_match: bool
    restated: bool
    headline: bool = False  # a headline and a report of its own body (headline_pair)
    sentence_match: bool = False  # enough for dates of their sentences (SENTENCE_THRESHOLD)
    # under MATCH_THRESHOLD, from SAME_DAY_THRESHOLD: only own dates of one day link
    same_day_only: bool = False
    # a match with a trigger key of their own in common: enough for one day that both
    # claim at day grain (claimed_same_day; session 17)
    own_key_match: bool = False


def evidence(a: Node, b: Node) -> Optional[PairEvidence]:
    """The content evidence of a pair, or None when polarity, participants or too low a
    similarity already keep them apart. It reads the two profiles and
    :func:`headline_pair` only: :func:`groups` computes it once per such key (a rule
    reading more of the nodes must add it to that key)."""
    if a.profile.negated != b.profile.negated:
        return None
    headline = headline_pair(a, b)
    if not headline and (not participants_agree(a.profile, b.profile) or told_apart(a.profile, b.profile)):
        return None
    score = similarity(a.profile, b.profile)
    kind = same_kind(a.profile, b.profile)
    # a headline and its body with one trigger: the headline's few words need not
    # overlap the body's ("Oil rises on supply worries" / "Brent crude rose 2%")
    headline_restates = headline and score >= HEADLINE_THRESHOLD
    same_trigger = bool(a.profile.triggers & b.profile.triggers)
    same_day_only = score < MATCH_THRESHOLD and not kind and not headline_restates
    if same_day_only and not (score >= SAME_DAY_THRESHOLD and same_trigger and _patients_meet(a.profile, b.profile)):
        return None
    # Another date is a disagreement only when the event is certainly the same: a
    # singular event, or strongly similar words for an event that does not recur (a
    # market move on Monday and one on Tuesday are two moves, not a conflict).
    recurring = bool(recurring_triggers() & (a.profile.triggers | b.profile.triggers))
    # one told some days after or before an event of the other's kind ("an aftershock
    # shook Chile on Monday, two days after the earthquake"): the other date is
    # explained by the text, no disagreement about one event
    explained = bool(a.profile.anchor_keys & b.profile.triggers) or bool(b.profile.anchor_keys & a.profile.triggers)
    # a match with a trigger key of their own in common (not only a paraphrase group)
    own_key_match = score >= MATCH_THRESHOLD and bool(_own_keys(a.profile) & _own_keys(b.profile))
    return PairEvidence(
        score=score,
        same_trigger=same_trigger,
        strong=((score >= STRONG_THRESHOLD and same_trigger and not recurring) or kind) and not explained and not same_day_only,
        inherited_match=score >= INHERITED_THRESHOLD and same_trigger,
        # one article restating its own event (the headline or lead without a date,
        # the body with one): the same trigger and a match suffice
        # (a paraphrase is not enough here: one article tells many statements; but its
        # headline tells its main event, in words of its own: "wins" / "defeated")
        restated=headline_restates or (headline and score >= MATCH_THRESHOLD) or own_key_match,
        headline=headline,
        sentence_match=score >= SENTENCE_THRESHOLD and same_trigger,
        same_day_only=same_day_only,
        own_key_match=own_key_match,
    )


def _patients_meet(a: Profile, b: Profile) -> bool:
    """Whom each event happens to (its patients) is named by the other too: one
    regulator fining two firms on one day ("fined Brookfield Capital" / "fined Ardent
    Partners") is two fines, though the agent is shared."""
    return all(not mine.patients or _names_meet(mine.patients, theirs.names | theirs.initials | theirs.participants)
               for mine, theirs in ((a, b), (b, a)))


def _in_first_sentence(node: Node) -> bool:
    """Some mention of the node is in the first sentence of its document (the headline
    when the article has one, else the lead)."""
    return any(m.sentence_span is not None and m.sentence_span[0] == 0 for m in node.event.mentions)


def _undated_headline(a: Node, b: Node) -> bool:
    """One of two reports of different documents is an undated headline (the first
    sentence of its article, every date inherited): its few names ("Journalist killed
    near Lebanese border", "Jury convicts former Newark mayor") are no named difference
    with another article's report ("the death of Omar Haddad"); its own body's names
    are. It still needs agreeing names to link (:func:`evidence`)."""
    docs_a = {m.doc_id for m in a.event.mentions}
    docs_b = {m.doc_id for m in b.event.mentions}
    if not docs_a or not docs_b or docs_a & docs_b:
        return False
    return any(_in_first_sentence(node) and all(stamp.inferred for stamp in node.stamps) for node in (a, b))


def _single_document(node: Node) -> Optional[str]:
    """The one document of a node's mentions, None when it has none or several."""
    documents = {m.doc_id for m in node.event.mentions}
    return documents.pop() if len(documents) == 1 else None


def headline_pair(a: Node, b: Node) -> bool:
    """A headline (the first sentence of an article) and a report of its body that share
    a trigger key or a paraphrase group: the headline restates the body's event in
    fewer words, so the names it leaves out or puts otherwise are no named difference
    ("Hanwell recalls SUVs" / "Hanwell Motors recalled sport utility vehicles",
    "Journalist killed near Lebanese border" / "... near the border town of Qaa")."""
    docs_a = {m.doc_id for m in a.event.mentions}
    if len(docs_a) != 1 or docs_a != {m.doc_id for m in b.event.mentions}:
        return False
    return _in_first_sentence(a) != _in_first_sentence(b) and bool(a.profile.triggers & b.profile.triggers)


def _own_keys(found: Profile) -> frozenset[str]:
    """The trigger keys of a profile without its paraphrase groups."""
    return frozenset(key for key in found.triggers if not key.startswith("~"))


def _conflict_pair(x: Stamp, y: Stamp, strong: bool) -> bool:
    """Two own dates of two sources, incompatible but close enough to be a disagreement
    about one certain event."""
    return (
        strong
        and x.doc_id != y.doc_id
        and x.when.interval is not None
        and y.when.interval is not None
        and gap(x.when.interval, y.when.interval) <= CONFLICT_WINDOW
    )


def linked(a: Node, b: Node) -> bool:
    """True when two nodes report the same event (rules in the module docstring)."""
    return _linked_given(a, b, evidence(a, b))


def _linked_given(a: Node, b: Node, found: Optional[PairEvidence]) -> bool:
    """:func:`linked` with the pair's evidence already computed."""
    return _link_rule_given(a, b, found) is not None


LINK_RULES = ("same day", "restated", "inherited", "claimed day", "compatible", "conflict")
"""The rules by which two nodes link (:func:`link_rule`): two own dates of one day from
:data:`SAME_DAY_THRESHOLD`; a report restating another of its document (a headline, a
lead); an inherited date from :data:`INHERITED_THRESHOLD`; claimed days from
:data:`SENTENCE_THRESHOLD`; compatible own dates from :data:`MATCH_THRESHOLD`; a
conflict of certain sameness."""


def link_rule(a: Node, b: Node) -> Optional[str]:
    """The rule of :data:`LINK_RULES` by which two nodes link (the first one that holds,
    in the order :func:`linked` tries them), or None when they do not: what a probe
    scorer prints for a wrong join (``python -m timeline.evaluate merge-probes
    --verbose``)."""
    return _link_rule_given(a, b, evidence(a, b))


def _link_rule_given(a: Node, b: Node, found: Optional[PairEvidence]) -> Optional[str]:
    """:func:`link_rule` with the pair's evidence already computed."""
    if found is None:
        return None
    if found.same_day_only:
        return "same day" if any(_same_day(x, y) for x in a.stamps for y in b.stamps) else None
    for x in a.stamps:
        for y in b.stamps:
            if x.inferred or y.inferred:
                # a headline restating its body, both dated by inheritance ("Miners
                # trapped in Chilean copper mine" / "Seven miners were trapped after ...")
                both = x.inferred and y.inferred and found.headline
                if x.doc_id == y.doc_id and x.doc_id is not None and (x.inferred != y.inferred or both):
                    if found.restated and (compatible(x.when, y.when) or _reported_later(x, y, True) or _reported_later(y, x, True)
                                           or (both and (_headline_after_claimed_day(x, y) or _headline_after_claimed_day(y, x)))):
                        return "restated"
                    continue
                if found.inherited_match and (compatible(x.when, y.when) or _reported_later(x, y) or _reported_later(y, x)):
                    return "inherited"
                # a date of the report's own sentence says more than the publication day
                if found.sentence_match and _sentence_dated(x) and _sentence_dated(y) and compatible(x.when, y.when):
                    return "claimed day"
                if found.own_key_match and _claimed_same_day(x, y):
                    return "claimed day"
                continue
            if compatible(x.when, y.when):
                return "compatible"
            if _conflict_pair(x, y, found.strong):
                return "conflict"
    return None


def _same_day(x: Stamp, y: Stamp) -> bool:
    """Two own dates of two documents, each at day grain or finer, of one day."""
    return not x.inferred and not y.inferred and _one_day_of_two_documents(x, y)


def _one_day_of_two_documents(x: Stamp, y: Stamp) -> bool:
    """Two stamps of two documents, each at day grain or finer, of one day: the date
    test of :func:`_same_day` and :func:`_claimed_same_day`."""
    return (
        x.doc_id != y.doc_id
        and x.when.granularity is not None and x.when.granularity >= Granularity.DAY
        and y.when.granularity is not None and y.when.granularity >= Granularity.DAY
        and compatible(attrs.evolve(x.when, granularity=Granularity.DAY), attrs.evolve(y.when, granularity=Granularity.DAY))
    )


def _headline_after_claimed_day(headline: Stamp, body: Stamp) -> bool:
    """A headline's inherited date (the publication day: "Swiss reject inheritance tax",
    in the present tense) on or up to :data:`CONFLICT_WINDOW` after the day its own
    body claims for the event ("rejected ... in a referendum on Sunday", dated by its
    sentence or its story's lead) at day grain or finer: the headline restating its
    body, as with a date of the body's own (:func:`_reported_later`). Session 17, branch
    mergerec2."""
    if not headline.inferred or headline.sentence or not body.sentence or headline.doc_id != body.doc_id:
        return False
    # a day, not a month: "Niger told the U.S. to withdraw" of "last month" is no event
    # a headline's "reports say" restates (seeds/000)
    if body.when.granularity is None or body.when.granularity < Granularity.DAY:
        return False
    if headline.when.interval is None or body.when.interval is None:
        return False
    later, earlier = headline.when.interval, body.when.interval
    return naive(earlier.start) <= naive(later.start) and gap(later, earlier) <= CONFLICT_WINDOW


def _claimed_same_day(x: Stamp, y: Stamp) -> bool:
    """Two documents' days for the event, each its own date or one the text claims (a
    time expression of its sentence, its story's lead), both at day grain or finer and
    of one day: "The tornado" of "Governor visits Mayfield, three days after the tornado"
    and "a tornado tore through Mayfield on Friday night". With a trigger key of their
    own in common they link from :data:`MATCH_THRESHOLD`, as two own dates do, where
    :data:`SENTENCE_THRESHOLD` holds for a claimed day at a coarser grain. Session 17,
    branch mergerec2."""
    return (x.inferred or y.inferred) and _sentence_dated(x) and _sentence_dated(y) and _one_day_of_two_documents(x, y)


def _sentence_dated(stamp: Stamp) -> bool:
    """A stamp of the event's own time or of a time expression of its sentence."""
    return not stamp.inferred or stamp.sentence


def named_difference(a: Node, b: Node) -> bool:
    """Two reports that cannot be in one event: opposite polarity, participants that
    share no one, or a pair of their own (not inherited) dates that is incompatible
    without being a disagreement about one certain event (another day at day grain)."""
    return _named_difference_given(a, b, lambda: evidence(a, b))


def _named_difference_given(a: Node, b: Node, pair_evidence: Callable[[], Optional[PairEvidence]]) -> bool:
    """:func:`named_difference`, the pair's evidence computed by ``pair_evidence`` when
    it is needed (it may come from a cache)."""
    if a.profile.negated != b.profile.negated:
        return True
    if anchored_apart(a, b) or repeat_headline(a, b):
        return True
    if ((not participants_agree(a.profile, b.profile) or told_apart(a.profile, b.profile))
            and not headline_pair(a, b) and not _undated_headline(a, b)):
        return True
    own_a = [s for s in a.stamps if not s.inferred and s.when.interval is not None]
    own_b = [s for s in b.stamps if not s.inferred and s.when.interval is not None]
    if not own_a or not own_b:
        return False
    found = pair_evidence()
    strong = found is not None and found.strong
    return any(not compatible(x.when, y.when) and not _conflict_pair(x, y, strong) for x in own_a for y in own_b)


def anchored_apart(a: Node, b: Node) -> bool:
    """One is told after or before the other, in one sentence ("an aftershock shook
    Chile, two days after the earthquake": *shook* and *earthquake*): two events."""
    return _told_after(a, b) or _told_after(b, a)


def _told_after(a: Node, b: Node) -> bool:
    """Some trigger of ``b`` is among the words ``a`` is told after or before."""
    if not a.profile.anchors:
        return False
    return any(doc == m.doc_id and start < m.trigger_span[1] and m.trigger_span[0] < end
               for doc, start, end in a.profile.anchors for m in b.event.mentions)


def _reported_later(inferred: Stamp, dated: Stamp, same_document: bool = False) -> bool:
    """An inherited date in one document, a date of the event's own in another (or, with
    ``same_document``, in the same one: a headline restating its body), up to
    :data:`CONFLICT_WINDOW` earlier: a later report of a dated event."""
    if not inferred.inferred or dated.inferred or (inferred.doc_id == dated.doc_id) != same_document:
        return False
    if inferred.when.interval is None or dated.when.interval is None:
        return False
    later, earlier = inferred.when.interval, dated.when.interval
    return naive(earlier.start) <= naive(later.start) and gap(later, earlier) <= CONFLICT_WINDOW


def candidate_pairs(nodes: Sequence[Node]) -> Iterator[tuple[int, int]]:
    """Pairs of node indices whose spans, widened by the conflict window, meet.

    A sweep over span starts: each node is compared only with the nodes still active
    (ending less than a window before it starts)."""
    order = sorted(range(len(nodes)), key=lambda i: nodes[i].span)
    active: list[int] = []
    for i in order:
        start = nodes[i].span[0]
        # written as a difference so that spans near datetime.max cannot overflow
        active = [j for j in active if start - nodes[j].span[1] <= CONFLICT_WINDOW]
        for j in active:
            yield (j, i) if j < i else (i, j)
        active.append(i)


class BlockKind(str, enum.Enum):
    """What a block key (:func:`block_keys`) is made of. A string enum: block keys are
    hashed once per node and key, and a string's hash is cached where a plain enum
    member's is a Python call."""

    TRIGGER = "trigger"
    """A trigger key of :attr:`Profile.triggers` (paraphrase groups included)."""
    EVENT_CLASS = "class"
    """An event class of ``resources/merge_event_classes.tsv`` (:attr:`Profile.classes`)."""
    PARTICIPANT = "participant"
    """A participant word (:attr:`Profile.participants`)."""


BlockKey = tuple[BlockKind, str]
"""A block key: its kind and its value (a trigger key, a class, a participant word)."""


def block_keys(node: Node) -> frozenset[BlockKey]:
    """What a pair must share to be compared: a trigger key (paraphrase groups included),
    an event class or a participant word. A pair sharing none scores below
    :data:`MATCH_THRESHOLD` unless its summaries are near copies without participants
    (the one case blocking gives up)."""
    found = node.profile
    return frozenset({(BlockKind.TRIGGER, k) for k in found.triggers}
                     | {(BlockKind.EVENT_CLASS, c) for c in found.classes}
                     | {(BlockKind.PARTICIPANT, p) for p in found.participants})


def blocked_candidate_pairs(nodes: Sequence[Node]) -> set[tuple[int, int]]:
    """The pairs of :func:`candidate_pairs` (spans within the conflict window) that share
    a block key (:func:`block_keys`): a time sweep per key, so the cost grows with the
    events of one kind at one time, not with all events at one time."""
    by_key: dict[BlockKey, list[int]] = {}
    for index, node in enumerate(nodes):
        for key in block_keys(node):
            by_key.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_key.values():
        if len(members) < 2:
            continue
        for i, j in candidate_pairs([nodes[k] for k in members]):
            first, second = members[i], members[j]
            pairs.add((first, second) if first < second else (second, first))
    return pairs


def _close_pairs(spans: Sequence[tuple[int, int]], left: Sequence[int], right: Sequence[int],
                 window: int, found: set[tuple[int, int]]) -> None:
    """Add to ``found`` the pairs (one of ``left``, one of ``right``, two different
    nodes) whose spans lie within ``window`` of each other: the condition of
    :func:`candidate_pairs`, found by a binary search over the right side's starts
    instead of a sweep over all of them. Spans and window are in whole microseconds
    (:func:`_microsecond_spans`): integer comparisons, where a pair of datetimes made
    two timedeltas."""
    if not left or not right:
        return
    # long spans (a year, a decade) are few; searching them by start would reach far back
    short = sorted((k for k in right if spans[k][1] - spans[k][0] <= _SHORT_SPAN_MICROSECONDS), key=spans.__getitem__)
    long = [k for k in right if spans[k][1] - spans[k][0] > _SHORT_SPAN_MICROSECONDS]
    starts = [spans[k][0] for k in short]
    reach = window + _SHORT_SPAN_MICROSECONDS
    # a pair of two nodes on both sides is found from either: only from its first
    # node's turn (the condition is symmetric)
    lefts, rights = set(left), set(right)
    for i in left:
        start, end = spans[i]
        twice = i in rights
        first, last = bisect.bisect_left(starts, start - reach), bisect.bisect_right(starts, end + window)
        for k in itertools.chain(short[first:last], long):
            if k != i and not (twice and k < i and k in lefts):
                other_start, other_end = spans[k]
                if other_start - end <= window and start - other_end <= window:
                    found.add((i, k) if i < k else (k, i))


_SHORT_SPAN = timedelta(days=64)
"""Spans up to this length are found by binary search over starts; longer ones are
compared one by one (few: months and coarser)."""

_MICROSECOND = timedelta(microseconds=1)
_SHORT_SPAN_MICROSECONDS = _SHORT_SPAN // _MICROSECOND


def _microsecond_spans(nodes: Sequence[Node]) -> list[tuple[int, int]]:
    """Each node's span as whole microseconds since ``datetime.min`` (exact: a naive
    datetime is a whole number of microseconds; no overflow near the ends either)."""
    return [((node.span[0] - datetime.min) // _MICROSECOND, (node.span[1] - datetime.min) // _MICROSECOND)
            for node in nodes]


def _name_keys(words: Iterable[str], vocabulary: frozenset[str]) -> set[str]:
    """A word and its prefixes of three letters or more that are words of some node:
    two words one of which starts with the other (``_same_name_word``) share a key."""
    keys: set[str] = set()
    for word in words:
        keys.add(word)
        keys.update(word[:n] for n in range(3, len(word)) if word[:n] in vocabulary)
    return keys


def link_candidate_pairs(nodes: Sequence[Node]) -> set[tuple[int, int]]:
    """The pairs of :func:`blocked_candidate_pairs` that :func:`linked` can accept, and
    a few more, found without comparing every pair of a block within the conflict
    window:

    * a link needs :func:`participants_agree`; when both name participants, or both
      summaries name someone, that needs a name of one (summary names, participants,
      initials) among the names of the other, as a word or a short form: so pairs are
      blocked by block key *and* name key (:func:`_name_keys`), and only pairs without
      that need are compared by block key alone (as are a report with places and one
      naming no place whose other names leave no such need, :func:`told_with`, and a
      headline and a report of its own body under a trigger key, :func:`headline_pair`);
    * a link needs time-compatible stamps, which makes the spans overlap (a stamp lies
      in its node's span, and at the coarser grain of two the widened periods are those
      of the coarser one), unless it is a conflict (a strong pair: same trigger key or
      same event class) or one stamp is inherited: so pairs within the conflict window
      are only sought under trigger and class keys and for nodes with an inherited
      date; under participant keys only overlapping spans are."""
    wide: list[frozenset[str]] = []
    core: list[frozenset[str]] = []
    for node in nodes:
        found = node.profile
        core.append(found.summary_names | found.participants | found.initials)
        wide.append(found.names | found.initials | found.participants | found.summary_names)
    vocabulary = frozenset(word for words in wide for word in words)
    core_keys = [_name_keys(words, vocabulary) for words in core]
    wide_keys = [_name_keys(words, vocabulary) for words in wide]
    weak = [any(stamp.inferred for stamp in node.stamps) for node in nodes]
    # every date inherited: with a node of other documents only a near copy links
    # (_inherited_only_pairs); such pairs are sought apart, by their words
    # (a date of the report's own sentence is not: it links from SENTENCE_THRESHOLD
    # with compatible dates, which the block keys' search below finds)
    inherited_only = [all(stamp.inferred and not stamp.sentence for stamp in node.stamps) for node in nodes]
    documents = [frozenset(stamp.doc_id for stamp in node.stamps if stamp.doc_id is not None) for node in nodes]
    first = [_in_first_sentence(node) for node in nodes]
    spans = _microsecond_spans(nodes)
    conflict_window = CONFLICT_WINDOW // _MICROSECOND

    pairs: set[tuple[int, int]] = set()

    def join(kind: BlockKind, left: Sequence[int], right: Sequence[int]) -> None:
        if kind is not BlockKind.PARTICIPANT:
            # a conflict needs the same trigger key or event class: within the window
            _close_pairs(spans, left, right, conflict_window, pairs)
            return
        _close_pairs(spans, left, right, 0, pairs)
        # an inherited date may be a later report: within the window
        _close_pairs(spans, [k for k in left if weak[k]], right, conflict_window, pairs)
        _close_pairs(spans, left, [k for k in right if weak[k]], conflict_window, pairs)

    # members listed in span order: the searches' sorts then find them sorted
    by_key: dict[BlockKey, list[int]] = {}
    for index in sorted(range(len(nodes)), key=spans.__getitem__):
        for key in block_keys(nodes[index]):
            by_key.setdefault(key, []).append(index)

    def seek(kind: BlockKind, members: Sequence[int]) -> None:
        """The pairs of one block key (of this kind) among ``members`` that can link."""
        if len(members) < 2:
            return
        # pairs that need no shared name: one of them names nobody at all, or one only
        # in its summary and the other only as participants
        # (names someone in the summary, names participants) -> nodes
        by_naming: dict[tuple[bool, bool], list[int]] = {}
        for k in members:
            found = nodes[k].profile
            by_naming.setdefault((bool(found.summary_names), bool(found.participants)), []).append(k)
        join(kind, by_naming.get((False, False), []), members)
        join(kind, by_naming.get((True, False), []), by_naming.get((False, True), []))
        # the same against the nodes naming no place, for nodes with places, whose
        # places do not count there (told_with)
        unplaced: dict[tuple[bool, bool], list[int]] = {}
        placed: dict[tuple[bool, bool], list[int]] = {}
        for k in members:
            found = nodes[k].profile
            if found.places:
                naming = (bool(found.summary_names - found.places), bool(found.participants - found.places))
                placed.setdefault(naming, []).append(k)
            else:
                unplaced.setdefault((bool(found.summary_names), bool(found.participants)), []).append(k)
        everyone_unplaced = [k for group in unplaced.values() for k in group]
        join(kind, placed.get((False, False), []), everyone_unplaced)
        join(kind, placed.get((True, False), []), unplaced.get((False, True), []))
        join(kind, placed.get((False, True), []), unplaced.get((True, False), []))
        # the others: blocked by a name key too, one side's own names among the other's
        by_name_core: dict[str, list[int]] = {}
        by_name_wide: dict[str, list[int]] = {}
        for k in members:
            for name in core_keys[k]:
                by_name_core.setdefault(name, []).append(k)
            for name in wide_keys[k]:
                by_name_wide.setdefault(name, []).append(k)
        for name, left in by_name_core.items():
            right = by_name_wide[name]  # the core words are among the wide ones
            if len(right) > 1:
                join(kind, left, right)
        if kind is BlockKind.TRIGGER:
            # a headline and its own body need no shared name (headline_pair)
            by_document: dict[tuple[str, ...], list[int]] = {}
            for k in members:
                by_document.setdefault(tuple(sorted({m.doc_id for m in nodes[k].event.mentions})), []).append(k)
            for same in by_document.values():
                if len(same) > 1:
                    heads = [k for k in same if first[k]]
                    join(kind, heads, [k for k in same if not first[k]])

    for (kind, _), members in by_key.items():
        if len(members) < 2:
            continue
        # the pairs of two nodes with a date of their own each ...
        seek(kind, [k for k in members if not inherited_only[k]])
        if kind is not BlockKind.TRIGGER:
            continue
        # ... and the pairs within one document (a pair with an inherited date links
        # only with a shared trigger key: restated or inherited_match); a pair of other
        # documents one of which has inherited dates only is found by its words below
        in_document: dict[str, list[int]] = {}
        for k in members:
            for document in documents[k]:
                in_document.setdefault(document, []).append(k)
        for document, same in in_document.items():
            if any(inherited_only[k] for k in same):
                seek(kind, same)
    pairs |= _inherited_only_pairs(nodes, inherited_only, documents, spans)
    return pairs


INHERITED_WORDS_DICE = (INHERITED_THRESHOLD - TRIGGER_WEIGHT - PARTICIPANT_WEIGHT) / WORD_WEIGHT - 0.01
"""A lower bound, less a margin for rounding, of the Dice coefficient of the summary
words that :data:`INHERITED_THRESHOLD` asks of two reports with one trigger that both
name participants: the similarity is then ``0.4 + 0.3 * participants + 0.3 * words``,
so 0.9 needs ``words`` >= 2/3."""

INHERITED_WORDS_DICE_UNNAMED = (INHERITED_THRESHOLD - TRIGGER_WEIGHT) / (PARTICIPANT_WEIGHT + WORD_WEIGHT) - 0.01
"""The same when one of the two names no participant: the similarity is then
``0.4 + 0.6 * words``, so 0.9 needs ``words`` >= 5/6."""


def _prefix_length(size: int, dice_bound: float) -> int:
    """How many of a node's rarest words two word sets of Dice >= ``dice_bound`` share
    one of (prefix filtering): Dice >= t needs an overlap ``o >= t * size / (2 - t)``
    (as ``o`` is at most the other's size); two sets sharing ``o`` words, both in one
    global order, share one of their first ``size - o + 1``. The bound is rounded
    down (and is at least 1: Dice > 0 needs a shared word), so the prefix is never too
    short."""
    overlap = int(dice_bound * size / (2 - dice_bound))
    return size - max(overlap, 1) + 1


def _inherited_only_pairs(nodes: Sequence[Node], inherited_only: Sequence[bool],
                          documents: Sequence[frozenset[str]],
                          spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs that :func:`link_candidate_pairs` leaves to their words: a node with
    inherited dates only and a node of other documents. Every pair of their stamps
    then has an inherited date and two documents, so :func:`_linked_given` links them
    only by ``inherited_match``: a shared trigger key and a similarity of at least
    :data:`INHERITED_THRESHOLD`, hence summary words of Dice >= 2/3, or 5/6 when one
    names no participant (:data:`INHERITED_WORDS_DICE`,
    :data:`INHERITED_WORDS_DICE_UNNAMED`), and a compatible date or a later report
    within the conflict window. So they are sought by a shared trigger key *and* one
    of the rarest words of each (:func:`_prefix_length`) within the conflict window,
    and kept when their words reach that Dice: a month of "said" in inherited news is
    no longer compared pair by pair, only near copies are."""
    if not any(inherited_only):
        # every pair sought below has a node with inherited dates only on one side: none
        # here (by default, ``undated="drop"``, the usual case), so no index is built
        return set()
    frequency: dict[str, int] = {}
    for node in nodes:
        for word in node.profile.words:
            frequency[word] = frequency.get(word, 0) + 1
    # two indexes: every node by its prefix for 5/6 (a pair with a node naming no
    # participant), the nodes naming participants by their longer prefix for 2/3
    unnamed_keys: dict[tuple[str, str], list[int]] = {}
    named_keys: dict[tuple[str, str], list[int]] = {}
    for index in sorted(range(len(nodes)), key=spans.__getitem__):
        found = nodes[index].profile
        words = sorted(found.words, key=lambda word: (frequency[word], word))
        for table, bound in ((unnamed_keys, INHERITED_WORDS_DICE_UNNAMED), (named_keys, INHERITED_WORDS_DICE)):
            if table is named_keys and not found.participants:
                continue
            for word in words[:_prefix_length(len(words), bound)]:
                for trigger in found.triggers:
                    table.setdefault((trigger, word), []).append(index)
    window = CONFLICT_WINDOW // _MICROSECOND
    found_pairs: set[tuple[int, int]] = set()
    for table in (unnamed_keys, named_keys):
        for members in table.values():
            if len(members) > 1:
                _close_pairs(spans, [k for k in members if inherited_only[k]], members, window, found_pairs)
    pairs: set[tuple[int, int]] = set()
    for i, k in found_pairs:
        first, second = nodes[i].profile, nodes[k].profile
        if documents[i] & documents[k]:
            continue  # one document: sought by link_candidate_pairs itself
        bound = INHERITED_WORDS_DICE if first.participants and second.participants else INHERITED_WORDS_DICE_UNNAMED
        if dice(first.words, second.words) >= bound:
            pairs.add((i, k))
    return pairs


GROUP_THRESHOLD = 0.5
"""Share of linked pairs from which two groups of events merge: more than half (strictly)."""


def node_order_key(node: Node) -> tuple[object, ...]:
    """A canonical order of nodes (by their mentions, then the full record)."""
    return (_mentions_key(node.event), repr(node.event))


def _mentions_key(event: Event) -> tuple[object, ...]:
    return tuple(map(mention_key, event.mentions))


def _node_record(node: Node) -> str:
    return repr(node.event)


_Item = TypeVar("_Item")


def _sorted_with_ties(items: Iterable[_Item], key: Callable[[_Item], Any], tiebreak: Callable[[_Item], str]) -> list[_Item]:
    """``sorted(items, key=lambda item: (key(item), tiebreak(item)))``, with ``tiebreak``
    computed only for the items whose keys tie. The canonical orders end on the full
    record's ``repr`` (a total order), which cost more than the rest of the sort
    (three times per event in :func:`merge_events`), while the keys before it seldom
    tie."""
    keyed = sorted(((key(item), item) for item in items), key=itemgetter(0))
    ordered: list[_Item] = []
    for _, run in groupby(keyed, key=itemgetter(0)):
        tied = [item for _, item in run]
        if len(tied) > 1:
            tied.sort(key=tiebreak)
        ordered.extend(tied)
    return ordered


def voter_of(node: Node, index: int) -> tuple[str, ...]:
    """Who votes for a node in :func:`groups`: its documents (restatements of one
    article vote once), or the node alone when it has no mentions."""
    documents = tuple(sorted({mention.doc_id for mention in node.event.mentions}))
    return documents if documents else ("", str(index))


def groups(nodes: Sequence[Node]) -> list[list[Node]]:
    """Coherent groups of linked nodes (see the module docstring): average linkage over
    the links, a group joining another only when more than half of the pairs between
    them are linked (pairs of documents: a document's restatements vote once, see
    :mod:`timeline.merge.linkage`), none is a named difference (:func:`named_difference`, unless the two
    are linked: a conflict of certain sameness), and all their spans lie within
    :data:`CONFLICT_WINDOW` of each other. Nodes are taken in a canonical order, so
    the groups do not depend on the input order.

    Copies (:func:`copies`: one document's report repeated word for word, which every
    rule here reads alike) are grouped as one node that counts as its copies
    (:func:`timeline.merge.linkage.average_linkage`'s weights): the same groups, at the
    cost of one node instead of the copies' pairs squared. Only where a report is told
    after or before another (:func:`anchored_apart`, which reads the mentions' offsets,
    so one copy differs from the next) within a story that holds copies is every node
    taken on its own, at the cost of every pair."""
    everyone = _sorted_with_ties(nodes, lambda node: _mentions_key(node.event), _node_record)  # node_order_key's order
    classes = copies(everyone)
    clusters = _group_classes(everyone, classes) if len(classes) < len(everyone) else None
    if clusters is None:
        classes = [[k] for k in range(len(everyone))]
        clusters = _group_classes(everyone, classes)
        assert clusters is not None  # no class holds copies
    # each copy in its class's group; a class's first copy is its node, so the groups
    # come sorted by their first node as with every node on its own
    return [[everyone[k] for k in sorted(k for index in cluster for k in classes[index])] for cluster in clusters]


def _group_classes(everyone: Sequence[Node], classes: Sequence[Sequence[int]]) -> Optional[list[list[int]]]:
    """:func:`groups` of the classes of copies (indices into ``classes``), or None when
    a node is told after or before another within a component of the links that holds
    copies: the copies differ there (see :func:`groups`)."""
    ordered = [everyone[members[0]] for members in classes]
    # The content evidence of a pair depends on the two profiles and on whether the
    # pair is a headline with its own body (see evidence): it is computed once per
    # such key, for the link and the named difference (the reports of one story often
    # share their profile: a wire story in many papers, a restatement), so its cost
    # grows with the distinct profiles compared, not the pairs.
    interned: dict[Profile, int] = {}
    profile_ids = [interned.setdefault(node.profile, len(interned)) for node in ordered]
    found: dict[tuple[int, int, bool], Optional[PairEvidence]] = {}

    # what headline_pair reads of each node, read once (it was asked per candidate pair)
    single_document = [_single_document(node) for node in ordered]
    in_first = [_in_first_sentence(node) for node in ordered]

    def pair_evidence(i: int, j: int) -> Optional[PairEvidence]:
        # headline_pair(ordered[i], ordered[j]) from the nodes' own parts
        headline = (single_document[i] is not None and single_document[i] == single_document[j]
                    and in_first[i] != in_first[j]
                    and not ordered[i].profile.triggers.isdisjoint(ordered[j].profile.triggers))
        key = (profile_ids[i], profile_ids[j], headline)
        if key not in found:
            found[key] = evidence(ordered[i], ordered[j])
        return found[key]

    links = sorted((i, j) for i, j in link_candidate_pairs(ordered)
                   if _linked_given(ordered[i], ordered[j], pair_evidence(i, j)))
    # A named difference only matters between nodes that links could put in one
    # group, that is within a connected component of the links: the pairs of
    # blocked_candidate_pairs are sought there only (the same groups, far fewer pairs).
    blocked: set[tuple[int, int]] = set()
    for members in connected_components(len(ordered), links):
        if any(len(classes[k]) > 1 for k in members) and _told_within([everyone[c] for k in members for c in classes[k]]):
            return None
        if len(members) < 2:
            continue
        # an event told after another is apart from it even without a shared block key
        anchored = [k for k in members if ordered[k].profile.anchors]
        for first in anchored:
            for second in members:
                if first != second and _told_after(ordered[first], ordered[second]):
                    blocked.add((min(first, second), max(first, second)))
        for i, j in blocked_candidate_pairs([ordered[k] for k in members]):
            first, second = members[i], members[j]
            if _named_difference_given(ordered[first], ordered[second],
                                       functools.partial(pair_evidence, first, second)):
                blocked.add((first, second))
    return _linked_clusters(ordered, {pair: 1.0 for pair in links if pair not in blocked}, blocked,
                            [len(members) for members in classes])


def _told_within(nodes: Sequence[Node]) -> bool:
    """Whether some node's trigger is among the words a node is told after or before
    (:func:`_told_after`), all in time linear in the nodes."""
    hit = _anchored_words(nodes)
    return any(hit(node) for node in nodes)


def copies(ordered: Sequence[Node]) -> list[list[int]]:
    """The nodes (in their canonical order) in classes of copies, each class's indices
    sorted and the classes in the order of their first: nodes of one document that every
    rule of :func:`groups` reads alike (the same profile, stamps, span, documents and
    place in the first sentence; the words they are told after or before at the same
    places from their triggers) and that link with each other without a named
    difference (:func:`copies_link`). Any other node is a class of its own. A paragraph
    repeated a thousand times (issue #20) gives one class of a thousand copies.

    Which other report a copy is told after or before (:func:`anchored_apart`) is the
    one place copies differ: :func:`groups` checks it."""
    # first by the cheap part of the key (the document and span): most nodes are alone
    # there, and the rest of the key (profiles, stamps) is hashed only for the others
    by_place: dict[tuple[str, tuple[datetime, datetime]], list[int]] = {}
    classes: list[list[int]] = []
    for index, node in enumerate(ordered):
        mentions = node.event.mentions
        if not mentions or any(mention.doc_id != mentions[0].doc_id for mention in mentions):
            classes.append([index])
        else:
            by_place.setdefault((mentions[0].doc_id, node.span), []).append(index)
    for place in by_place.values():
        if len(place) == 1:
            classes.append(place)
        else:
            classes.extend(_classes_by_key(ordered, place))
    found: list[list[int]] = []
    for members in classes:
        if len(members) > 1 and not copies_link(ordered[members[0]]):
            found.extend([index] for index in members)
        else:
            found.append(members)
    return sorted(found, key=itemgetter(0))


def _classes_by_key(ordered: Sequence[Node], indices: Sequence[int]) -> list[list[int]]:
    """The nodes ``indices`` (of one document and span) by the rest of :func:`copies`'s
    key, in the order of their first."""
    by_key: dict[tuple[object, ...], list[int]] = {}
    classes: list[list[int]] = []
    for index in indices:
        node = ordered[index]
        read = node.profile
        if read.anchors:
            # the anchors' offsets from the first trigger, which copies share
            origin = min(mention.trigger_span[0] for mention in node.event.mentions)
            anchors = frozenset((start - origin, end - origin) for _, start, end in read.anchors)
            read = attrs.evolve(read, anchors=frozenset())
        else:
            anchors = frozenset()
        key = (read, anchors, node.stamps, _in_first_sentence(node))
        members = by_key.get(key)
        if members is None:
            by_key[key] = members = [index]
            classes.append(members)
        else:
            members.append(index)
    return classes


def copies_link(node: Node) -> bool:
    """Two copies of ``node`` (:func:`copies`) would be linked in :func:`groups`: a
    candidate pair (:func:`link_candidate_pairs`, which reads only what copies share),
    linked, and without a named difference (told after or before one another aside,
    which :func:`groups` checks)."""
    node = attrs.evolve(node, profile=attrs.evolve(node.profile, anchors=frozenset()))
    if (0, 1) not in link_candidate_pairs([node, node]):
        return False
    found = evidence(node, node)
    return _linked_given(node, node, found) and not _named_difference_given(node, node, lambda: found)


def _anchored_words(nodes: Sequence[Node]) -> Callable[[Node], bool]:
    """Whether a node's trigger is among the words some node is told after or before
    (:func:`_told_after`): a bisection over each document's anchor spans by start, with
    the furthest end reached so far."""
    by_document: dict[str, list[tuple[int, int]]] = {}
    for node in nodes:
        for document, start, end in node.profile.anchors:
            by_document.setdefault(document, []).append((start, end))
    starts: dict[str, list[int]] = {}
    furthest: dict[str, list[int]] = {}
    for document, spans in by_document.items():
        spans.sort()
        starts[document] = [start for start, _ in spans]
        furthest[document] = list(itertools.accumulate((end for _, end in spans), max))

    def hit(node: Node) -> bool:
        for mention in node.event.mentions:
            if mention.doc_id not in starts:
                continue
            # the anchors starting before the trigger's end, one ending after its start
            before = bisect.bisect_left(starts[mention.doc_id], mention.trigger_span[1])
            if before and furthest[mention.doc_id][before - 1] > mention.trigger_span[0]:
                return True
        return False

    return hit


def linked_groups(ordered: Sequence[Node], scores: Mapping[tuple[int, int], float], blocked: set[tuple[int, int]]) -> list[list[Node]]:
    """The last step of :func:`groups`: average linkage of the nodes (in their canonical
    order) given the scores of their linked pairs and the pairs a named difference keeps
    apart, within :data:`CONFLICT_WINDOW`, a document's restatements voting once."""
    return [[ordered[k] for k in cluster] for cluster in _linked_clusters(ordered, scores, blocked)]


def _linked_clusters(ordered: Sequence[Node], scores: Mapping[tuple[int, int], float], blocked: set[tuple[int, int]],
                     weights: Optional[Sequence[int]] = None) -> list[list[int]]:
    """:func:`linked_groups` as node indices, each node counting as ``weights`` copies."""

    def close_in_time(first: Sequence[int], second: Sequence[int]) -> bool:
        spans = [ordered[k].span for k in (*first, *second)]
        return max(s for s, _ in spans) - min(e for _, e in spans) <= CONFLICT_WINDOW

    # strictly more than half: a node linked to one of two members does not join
    threshold = GROUP_THRESHOLD + 1e-9
    return average_linkage(len(ordered), scores, blocked, threshold, close_in_time,
                           voters=[voter_of(node, k) for k, node in enumerate(ordered)], weights=weights)


# --------------------------------------------------------------------------- merging


def _time_key(when: TimeValue) -> tuple[object, ...]:
    """Deterministic key of a TimeValue (for tie breaks and sorting)."""
    assert when.interval is not None
    return (naive(when.interval.start), naive(when.interval.end), when.value, when.mod or "", when.type)


def choose_when(stamps: Sequence[Stamp], fallback: Sequence[TimeValue]) -> TimeValue:
    """The date supported by most documents, then finest granularity, then written with
    its year by some source, then earliest.

    ``fallback`` (the events' own dates) is used only when no stamp has an interval."""
    # An inherited date only counts when no source gives the event a date of its own, and
    # the date of a plan only when no source reports the event as done ("expected to
    # close in the fourth quarter" is no support for the day it closed).
    own = [stamp for stamp in stamps if not stamp.inferred and stamp.when.interval is not None]
    done = [stamp for stamp in own if not stamp.planned]
    docs_by_when: dict[TimeValue, set[str]] = {}
    full: set[TimeValue] = set()
    for stamp in done or own or stamps:
        if stamp.when.interval is not None:
            docs = docs_by_when.setdefault(stamp.when, set())
            if stamp.doc_id is not None:
                docs.add(stamp.doc_id)
            if stamp.full:
                full.add(stamp.when)
    if not docs_by_when:
        return min(fallback, key=_time_key)

    def rank(when: TimeValue) -> tuple[object, ...]:
        support: set[str] = set()
        for other, docs in docs_by_when.items():
            if compatible(other, when):
                support |= docs
        return (-len(support), -(when.granularity or 0), when not in full, *_time_key(when))

    return min(docs_by_when, key=rank)


def conflicts_of(stamps: Sequence[Stamp], chosen: TimeValue) -> tuple[Conflict, ...]:
    """The dates given by sources that are not compatible with the chosen one."""
    by_value: dict[str, set[str]] = {}
    sort_keys: dict[str, tuple[object, ...]] = {}
    for stamp in stamps:
        if stamp.inferred or stamp.value == chosen.value or compatible(stamp.when, chosen):
            continue  # an inherited date is no source's claim about this event
        docs = by_value.setdefault(stamp.value, set())
        if stamp.doc_id is not None:
            docs.add(stamp.doc_id)
        key = (0, *_time_key(stamp.when)) if stamp.when.interval else (1, stamp.value)
        sort_keys[stamp.value] = min(sort_keys.get(stamp.value, key), key)
    return tuple(
        Conflict(value=value, doc_ids=tuple(sorted(by_value[value])))
        for value in sorted(by_value, key=lambda v: sort_keys[v])
    )


def mention_key(mention: Mention) -> tuple[object, ...]:
    """A total order on mentions: document, trigger span, then everything else."""
    return (
        mention.doc_id,
        mention.trigger_span,
        mention.event_span,
        mention.time_span is not None,
        mention.time_span or (0, 0),
        mention.time_text or "",
        mention.trigger_text,
        mention.sentence,
        mention.sentence_span is not None,
        mention.sentence_span or (0, 0),
        mention.time_value or "",
        mention.dated_by,
        mention.planned,
    )


def event_id(mentions: Sequence[Mention], fallback: str) -> str:
    """``ev-`` + hash of the sorted ``(doc_id, trigger_span)`` keys (``fallback`` text
    for an event without mentions)."""
    keys = sorted({(m.doc_id, m.trigger_span) for m in mentions})
    text = "\n".join(f"{doc}\t{start}\t{end}" for doc, (start, end) in keys) if keys else fallback
    return "ev-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def summary_rank(summary: str) -> tuple[int, int, str]:
    """Most content words, then longest, then alphabetical first (min is best)."""
    return (-len(content_words(summary)), -len(summary), summary)


def merge_group(nodes: Sequence[Node]) -> Event:
    """One event from a group of linked nodes (rules in the module docstring)."""
    stamps = [stamp for node in nodes for stamp in node.stamps]
    chosen = choose_when(stamps, [node.event.when for node in nodes])
    summary = min((node.event.summary for node in nodes), key=summary_rank)
    trigger = min(node.event.trigger for node in nodes if node.event.summary == summary)
    mentions: set[Mention] = set()
    for node in nodes:
        for mention, stamp in zip(node.event.mentions, node.stamps):
            mentions.add(attrs.evolve(mention, time_value=stamp.value))
    ordered = tuple(sorted(mentions, key=mention_key))
    events = [node.event for node in nodes]
    return Event(
        when=chosen,
        summary=summary,
        trigger=trigger,
        participants=tuple(sorted({p for e in events for p in e.participants})),
        mentions=ordered,
        conflicts=conflicts_of(stamps, chosen),
        negated=all(e.negated for e in events),
        planned=all(e.planned for e in events),
        hypothetical=all(e.hypothetical for e in events),
        id=event_id(ordered, f"{chosen.value}\t{trigger}\t{summary}"),
    )


def order_key(event: Event) -> tuple[object, ...]:
    """Timeline order: start, larger interval first, coarser first, then value,
    summary, id and the full record (a total, input-independent order)."""
    return (*_order_key_before_record(event), repr(event))


def _order_key_before_record(event: Event) -> tuple[object, ...]:
    interval = event.when.interval
    assert interval is not None, "events without interval are not placed"
    return (
        naive(interval.start),
        datetime.max - naive(interval.end),  # later end (larger interval) first
        event.when.granularity or 0,
        event.when.value,
        event.summary,
        event.id,
    )


def _check_event(item: object, position: int) -> Event:
    if not isinstance(item, Event):
        raise DocumentTypeError(f"events[{position}] must be a timeline.Event, got {type(item).__name__}")
    return item


def merge_events(events: Iterable[Event], *, documents: Iterable[str] = ()) -> Timeline:
    """Deduplicate and order events into a :class:`Timeline`.

    ``documents`` lists the ids of the documents processed (also those that gave no
    event); the timeline's ``documents`` are those plus every document with a mention,
    sorted. The result does not depend on the order of ``events``."""
    checked = [_check_event(item, i) for i, item in enumerate(events)]
    doc_ids = set(documents) | {m.doc_id for e in checked for m in e.mentions}
    nodes = [node for node in map(node_of, checked) if node is not None]
    # a set: two groups that end up as identical records (e.g. copies of one event
    # without mentions) are one event
    merged = {merge_group(group) for group in groups(nodes)}
    # the inputs are kept (deduplicated, in a canonical order), so that merging this
    # timeline with another reclusters from them: exactly the one-build result
    atoms = tuple(_sorted_with_ties(set(checked), _mentions_key, repr))
    events = _sorted_with_ties(merged, _order_key_before_record, repr)  # order_key's order
    return Timeline(events=tuple(events), documents=tuple(sorted(doc_ids)), atoms=atoms)


def merge(a: Timeline, b: Timeline) -> Timeline:
    """Merge two timelines, deduplicating events across them.

    A timeline built by this module keeps the events it was built from
    (``Timeline.atoms``), and the merge reclusters from those: ``merge`` is commutative,
    associative and equal to building everything at once, in any grouping or order. A
    timeline without atoms (read back from JSON, or built by hand) contributes its
    events as they are; the result is then still commutative, but merged events are
    compared by their merged summaries and participants."""
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Timeline):
            raise DocumentTypeError(f"{name} must be a timeline.Timeline, got {type(value).__name__}")
    merged = merge_events((*(a.atoms or a.events), *(b.atoms or b.events)), documents=(*a.documents, *b.documents))
    # each document's publication date as read: the union, in a fixed order
    dates = sorted(set(a.publication_dates) | set(b.publication_dates), key=lambda d: (d.doc_id, repr(d)))
    # the entities of both, clustered again: one entity may be named in both
    entities = cluster_entities((*a.entity_table, *b.entity_table))
    return attrs.evolve(merged, publication_dates=tuple(dates), entity_table=entities)


__all__ = [
    "ANCHOR_REACH", "ANCHOR_WORDS", "BlockKey", "BlockKind", "CONFLICT_WINDOW", "DATED_PARAPHRASES",
    "GROUP_THRESHOLD", "HAND_PARAPHRASES", "HEADLINE_THRESHOLD", "INHERITED_THRESHOLD", "INHERITED_WORDS_DICE",
    "INHERITED_WORDS_DICE_UNNAMED", "LIGHT_VERB_SIDES", "LINK_RULES", "MATCH_THRESHOLD", "Node", "PARAPHRASE_TABLES",
    "PARTICIPANT_WEIGHT", "PHRASE_WINDOW", "PairEvidence", "Profile", "SAME_DAY_THRESHOLD", "SENTENCE_THRESHOLD",
    "STRONG_THRESHOLD", "SUBJECT_REACH", "Stamp", "TRIGGER_WEIGHT", "WORD_WEIGHT", "anchor_spans", "anchor_windows", "anchored_apart",
    "block_keys", "blocked_candidate_pairs", "candidate_pairs", "choose_when", "coarser", "compatible",
    "compound_key", "conflicts_of", "content_words", "copies", "copies_link", "dice", "event_classes", "event_id", "evidence", "gap",
    "groups", "headline_pair", "initial_forms", "initials", "jaccard", "light_verb_object", "light_verbs",
    "link_candidate_pairs", "link_rule", "linked", "linked_groups", "mention_key", "merge", "merge_events", "merge_group",
    "naive", "name_words", "named_difference", "node_of", "node_order_key", "nominalizations", "order_key",
    "paraphrase_groups", "paraphrase_table", "paraphrases", "parse_value", "participants_agree", "phrase_key",
    "phrase_synonyms", "profile", "recurring_triggers", "same_kind", "sentence_names", "similarity", "stamps_of",
    "stem", "stop_words", "summary_names", "summary_rank", "synonyms", "told_with", "trigger_key", "voter_of",
    "widen", "words_after", "words_before", "written_in_full",
    # merge recall, fourth round (session 17)
    "LIGHT_VERB_TABLES", "demonym_countries", "with_countries",
]

# the precision rules read the helpers above: imported once they are defined
from .precision import repeat_headline, told_after_trigger, told_apart  # noqa: E402
