"""Precision rules of the timeline's merge: signs that two reports alike in words are
two events (session 17, branch ``mergeprec2``; docs/benchmarks.md, docs/design.md
"The clustering contract").

Each rule is a small predicate the merge in :mod:`timeline.merge` reads at one place:

* :func:`patients_differ` (whom each event happens to differs),
  :func:`content_differs` (two announcements or talks about different things) and
  :func:`reaction_apart` (a reaction and the event it reacts to) make a
  *named difference*: the pair does not link and is a cannot-link
  (:func:`told_apart` is their union, read by ``merge.evidence`` and
  ``merge.named_difference``);
* :func:`repeat_headline` (a headline telling a repeat, "meet again", and the earlier
  event its body tells after another) is a named difference of two nodes
  (read by ``merge.named_difference`` only: a cannot-link).

They act on the timeline's events only: :func:`content_differs` needs the summary's
words after the trigger, which :func:`timeline.merge.profile` reads with ``dated=True``
(``Profile.content``); :func:`patients_differ` and :func:`told_apart` are not read by
:func:`timeline.merge.clustering.cluster_events`. The module imports the merge's
helpers from the package, so the package imports it last.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ..model import Event, Mention
from ..tables import read_resource_rows
from . import (
    _TOKEN, ANCHOR_WORDS, Node, Profile, _in_first_sentence, _names_meet, _own_keys, anchor_windows, stem, stop_words,
    trigger_key,
)


def patients_differ(a: Profile, b: Profile) -> bool:
    """Both reports name whom the event happens to (patients and beneficiaries), and
    none of one's is among the other's (as a word, a short form or initials): "police
    arrested Mayor Lukas Brandt" / "the builder Otto Falk was detained" are two arrests,
    though each sentence names the other man (the bribes he took from Falk, "hours
    after police arrested Brandt"), which satisfies ``participants_agree``."""
    if not a.patients or not b.patients:
        return False
    return not (_names_meet(a.patients, b.patients | b.initials) or _names_meet(b.patients, a.patients | a.initials))


@functools.lru_cache(maxsize=1)
def content_triggers() -> frozenset[str]:
    """Trigger keys of events told by what they are about
    (``resources/merge_content_triggers.tsv``: announcements, talks)."""
    return frozenset(trigger_key(row[0]) for row in read_resource_rows("merge_content_triggers.tsv", 1))


def told_after_trigger(event: Event, triggers: Iterable[str]) -> frozenset[str]:
    """For an event of a content trigger (:func:`content_triggers`), the stems of the
    content words of its summary after its trigger (the first word whose key is one of
    ``triggers`` or that is a mention's trigger text) up to "after" or "before", less
    the trigger keys themselves: what an announcement announces, whom and where talks
    are held with, not the event it is told after ("announced a cabinet reshuffle on
    Thursday, two days after calling an early election" -> cabinet, reshuffle,
    thursday, two, day). Empty for any other event."""
    keys = frozenset(triggers)
    if content_triggers().isdisjoint(keys):
        return frozenset()
    texts = {m.trigger_text.lower() for m in event.mentions}
    tokens = _TOKEN.findall(event.summary.lower())
    for index, token in enumerate(tokens):
        if token in texts or trigger_key(token) in keys:
            stops = stop_words()
            after = tokens[index + 1:]
            told = after[: next((k for k, t in enumerate(after) if t in ANCHOR_WORDS), len(after))]
            return frozenset(stem(t) for t in told if t not in stops and len(t) > 1 and trigger_key(t) not in keys)
    return frozenset()


def content_differs(a: Profile, b: Profile) -> bool:
    """Two reports of a content trigger, both going on after the trigger with no content
    word in common there: two announcements ("made an announcement that city buses will
    be free" / "made an announcement about 3,000 new social housing units"), two rounds
    of talks. A side whose words after the trigger are only names both reports tell it
    with says nothing of what is different ("the announcement by Mayor Ines Duarte"),
    whereas a place or a partner the other report names there too is content in
    common ("in Vilnius")."""
    if not a.content or not b.content or not a.content.isdisjoint(b.content):
        return False
    shared_names = a.names & b.names
    return bool(a.content - shared_names) and bool(b.content - shared_names)


@functools.lru_cache(maxsize=1)
def reaction_triggers() -> frozenset[str]:
    """Trigger keys of reactions (``resources/merge_reaction_triggers.tsv``: welcome,
    condemn, praise ...)."""
    return frozenset(trigger_key(row[0]) for row in read_resource_rows("merge_reaction_triggers.tsv", 1))


def is_reaction(found: Profile) -> bool:
    """Some own trigger key of the report (not a paraphrase group) is a reaction's."""
    return not reaction_triggers().isdisjoint(_own_keys(found))


def reaction_apart(a: Profile, b: Profile) -> bool:
    """One report is a reaction (:func:`is_reaction`: "Opposition leaders welcomed the
    snap election announced by Ewa Lis") and the other is not ("Ewa Lis announced an
    early election"): what was said of an event is not the event, though both name
    its class ("election") and its actors."""
    return is_reaction(a) != is_reaction(b)


def told_apart(a: Profile, b: Profile) -> bool:
    """A named difference by one of the precision rules: :func:`patients_differ`,
    :func:`content_differs` or :func:`reaction_apart`."""
    return patients_differ(a, b) or content_differs(a, b) or reaction_apart(a, b)


@functools.lru_cache(maxsize=1)
def repeat_words() -> frozenset[str]:
    """Words by which a sentence tells its event as a repeat of an earlier one
    (``resources/merge_repeat_words.tsv``: "meet again", "a second strike")."""
    return frozenset(row[0].lower() for row in read_resource_rows("merge_repeat_words.tsv", 1))


def tells_a_repeat(mention: Mention) -> bool:
    """The mention's sentence has a word of :func:`repeat_words`."""
    return any(token.lower() in repeat_words() for token in _TOKEN.findall(mention.sentence))


def told_as_anchor(mention: Mention) -> bool:
    """The mention's trigger is among the words its sentence tells another event after
    or before ("held talks on Thursday, three days after their trade meeting": the
    *meeting*), within ``merge.ANCHOR_REACH`` words of "after" / "before" and no
    punctuation between."""
    if mention.sentence_span is None:
        return False
    origin = mention.sentence_span[0]
    start, end = (offset - origin for offset in mention.trigger_span)
    for window in anchor_windows(mention.sentence):
        for word in window:
            if not word.group()[0].isalnum():
                break
            if start < word.end() and word.start() < end:
                return True
    return False


def repeat_headline(a: Node, b: Node) -> bool:
    """One node is in the first sentence (the headline) of a document and tells a repeat
    ("Sato, Lindqvist meet again on security"), the other is a report of the same
    document's body that the body tells another event after or before ("three days
    after their trade meeting in Tokyo"): the headline's news is the repeat, not the
    earlier event, so the two are not one."""
    for head, body in ((a, b), (b, a)):
        docs = {m.doc_id for m in head.event.mentions}
        if len(docs) != 1 or docs != {m.doc_id for m in body.event.mentions}:
            continue
        if not _in_first_sentence(head) or _in_first_sentence(body):
            continue
        if any(tells_a_repeat(m) for m in head.event.mentions) and all(told_as_anchor(m) for m in body.event.mentions):
            return True
    return False


__all__ = [
    "content_differs", "content_triggers", "is_reaction", "patients_differ",
    "reaction_apart", "reaction_triggers",
    "repeat_headline", "repeat_words", "tells_a_repeat", "told_after_trigger", "told_apart", "told_as_anchor",
]
