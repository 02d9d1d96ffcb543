"""Merge recall, fourth round (session 17, branch mergerec2): the paraphrase rows of
``resources/merge_paraphrases_recall.tsv``, the light verbs of
``resources/merge_light_verbs_recall.tsv``, country adjectives
(``resources/merge_demonyms.tsv``), a headline restating its body's claimed day, and
own or claimed days of one day across documents; each rule with examples that must
merge and rows that must stay apart. Tuned on
``benchmarks/probes/news_merges_dev6.jsonl`` (and dev..dev5); held out:
``news_merges_test4.jsonl``."""

from __future__ import annotations

import importlib

import pytest
from event_builders import report, together
from strategies import calendar_value

from timeline.model import Event, Granularity

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2026, 3, 2)
TUESDAY = calendar_value(G.DAY, 2026, 3, 3)
MARCH = calendar_value(G.MONTH, 2026, 3)
APRIL_FIRST = calendar_value(G.DAY, 2026, 4, 10)


def keys(event: Event) -> frozenset[str]:
    """The trigger keys and paraphrase groups the timeline's merge compares."""
    return merge_module.profile(event, dated=True).triggers


Row = tuple[str, str, str, tuple[str, ...]]

# --------------------------------------------------------------------------- paraphrase rows


@pytest.mark.parametrize(("first", "second"), [
    (("Protesters overran the French embassy in Niamey", "overran", "overrun", ("Niamey",)),
     ("A crowd stormed the French embassy in Niamey", "stormed", "storm", ("Niamey",))),
    (("The Wadi dam above Derna gave way", "gave", "give", ("Derna",)),
     ("A dam near Derna burst after heavy rain", "burst", "burst", ("Derna",))),
    (("A ruptured pipeline spilled crude into the Coca river", "spilled", "spill", ("Coca",)),
     ("Crude leaked into the Coca river from a pipeline", "leaked", "leak", ("Coca",))),
    (("The twister struck Mayfield", "twister", "twister", ("Mayfield",)),
     ("A tornado hit Mayfield", "tornado", "tornado", ("Mayfield",))),
    (("Iran freed the French journalist Paul Garnier", "freed", "free", ("Iran", "Paul Garnier")),
     ("Iran released the French journalist Paul Garnier", "released", "release", ("Iran", "Paul Garnier"))),
    (("Police searched the Munich offices of Kessler Arms", "searched", "search", ("Munich", "Kessler Arms")),
     ("Police raided the Munich offices of Kessler Arms", "raided", "raid", ("Munich", "Kessler Arms"))),
    (("Chilean teachers called off their national strike", "called", "call", ("Chile",)),
     ("Chilean teachers end their national strike", "end", "end", ("Chile",))),
])
def test_recall_rows_merge(first: Row, second: Row) -> None:
    """resources/merge_paraphrases_recall.tsv: one happening told in other words (dev6)."""
    events = [report(doc, MONDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert together(*events)


@pytest.mark.parametrize(("first", "second"), [
    # the same family for another place
    (("The Wadi dam above Derna gave way", "gave", "give", ("Derna",)),
     ("A dam near Benghazi burst after heavy rain", "burst", "burst", ("Benghazi",))),
    (("The twister struck Mayfield", "twister", "twister", ("Mayfield",)),
     ("A tornado hit Dawson Springs", "tornado", "tornado", ("Dawson Springs",))),
    # "join" is in no group: a club signing and a protest joined
    (("Benfica signed Tomas Vidal", "signed", "sign", ("Benfica", "Tomas Vidal")),
     ("Tomas Vidal joined Benfica fans at a protest", "joined", "join", ("Benfica", "Tomas Vidal"))),
    # "end" gains "call off" only: a called-off strike is no other end
    (("Chilean teachers called off their national strike", "called", "call", ("Chile",)),
     ("The national football season in Chile came to an end", "came", "come", ("Chile",))),
])
def test_recall_rows_must_not(first: Row, second: Row) -> None:
    """Must not: the rows keep names and words that the table leaves out apart."""
    events = [report(doc, MONDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert not together(*events)


def test_recall_rows_are_read_by_the_timeline_merge_only() -> None:
    """cluster_events (ECB+) reads the hand table only: no group from the recall rows."""
    event = report("a", MONDAY, "Crude leaked into the Coca river", "leaked", "leak")
    assert "~spill" in keys(event)
    assert "~spill" not in merge_module.profile(event).triggers


# --------------------------------------------------------------------------- light verbs


@pytest.mark.parametrize(("sentence", "trigger", "lemma", "key"), [
    ("A tornado tore through the town of Mayfield", "tore", "tear", "~tornado"),
    ("The twister flattened 60 houses", "flattened", "flatten", "~tornado"),
])
def test_recall_light_verbs_take_the_event_word(sentence: str, trigger: str, lemma: str, key: str) -> None:
    """resources/merge_light_verbs_recall.tsv: the event word of the subject or object."""
    assert key in keys(report("a", MONDAY, sentence, trigger, lemma))


@pytest.mark.parametrize(("sentence", "trigger", "lemma", "key"), [
    # "announce" is no light verb (dropped: SemEval trial)
    ("The two Omani airlines announced their merger", "announced", "announce", "merg"),
    # "leave" is no verb of impact: the storm leaving homes without power is the outage
    ("Storm Ingrid leaves 200,000 homes without power", "leaves", "leave", "~attack"),
    ("Storm Ingrid leaves 200,000 homes without power", "leaves", "leave", "storm"),
])
def test_recall_light_verbs_must_not(sentence: str, trigger: str, lemma: str, key: str) -> None:
    """Must not: no event word within the object, or a verb that is no light verb."""
    assert key not in keys(report("a", MONDAY, sentence, trigger, lemma))


# --------------------------------------------------------------------------- countries


def test_a_country_adjective_names_the_country() -> None:
    """"Spanish police" and "in Spain": the names agree (merge_demonyms.tsv)."""
    adjective = report("a", MONDAY, "Spanish police seized eight tonnes of cocaine", "seized", "seize",
                       participants=("Spanish",))
    country = report("b", MONDAY, "Customs seized eight tonnes of cocaine in Spain", "seized", "seize",
                     participants=("Spain",))
    assert merge_module.participants_agree(merge_module.node_of(adjective).profile, merge_module.node_of(country).profile)
    assert together(adjective, country)


def test_a_country_adjective_is_no_other_country() -> None:
    """Must not: "Spanish police" and "in Portugal" still differ; and cluster_events
    reads the words as written."""
    adjective = report("a", MONDAY, "Spanish police seized eight tonnes of cocaine", "seized", "seize",
                       participants=("Spanish",))
    other = report("b", MONDAY, "Customs seized eight tonnes of cocaine in Portugal", "seized", "seize",
                   participants=("Portugal",))
    assert not together(adjective, other)
    assert merge_module.profile(adjective).participants == {"spanish"}
    assert merge_module.profile(adjective, dated=True).participants == {"spain"}


# --------------------------------------------------------------------------- headlines


HEADLINE = ("Swiss reject inheritance tax", "reject", "reject", ("Swiss",))
BODY = ("Swiss voters rejected a proposed inheritance tax in a referendum", "rejected", "reject", ("Swiss",))


@pytest.mark.parametrize("dated_by", ["sentence", "story"])
def test_a_headline_restates_the_day_its_body_claims(dated_by: str) -> None:
    """A present-tense headline dated by its publication (Tuesday) restates its body's
    event of the day its sentence or lead claims (Monday)."""
    sentence, word, lemma, names = HEADLINE
    headline = report("a", TUESDAY, sentence, word, lemma, participants=names, at=0, dated_by="publication")
    sentence, word, lemma, names = BODY
    body = report("a", MONDAY, sentence, word, lemma, participants=names, dated_by=dated_by)
    assert together(headline, body)


def test_a_headline_before_or_far_after_the_claimed_day_is_no_restatement() -> None:
    """Must not: a headline dated before the body's claimed day, or more than the
    conflict window after it."""
    sentence, word, lemma, names = BODY
    body = report("a", TUESDAY, sentence, word, lemma, participants=names, dated_by="sentence")
    sentence, word, lemma, names = HEADLINE
    for when in (MONDAY, APRIL_FIRST):
        headline = report("a", when, sentence, word, lemma, participants=names, at=0, dated_by="publication")
        assert not together(headline, body)


# --------------------------------------------------------------------------- one day


# similarity 0.6: over MATCH_THRESHOLD, under SENTENCE_THRESHOLD
TORNADO = ("A tornado tore through the town of Mayfield", "tornado", "tornado", ("Mayfield",))
THE_TORNADO = ("The tornado was the deadliest", "tornado", "tornado", ())


@pytest.mark.parametrize("dated_by", ["sentence", "story"])
def test_a_claimed_day_and_an_own_day_of_one_day_link_from_the_match_threshold(dated_by: str) -> None:
    """"The tornado" of a sentence dated Monday and "a tornado tore through" of another
    document on Monday: one own trigger key, one day, two documents."""
    own = report("a", MONDAY, *TORNADO[:3], participants=TORNADO[3])
    claimed = report("b", MONDAY, *THE_TORNADO[:3], participants=THE_TORNADO[3], dated_by=dated_by)
    evidence = merge_module.evidence(merge_module.node_of(own), merge_module.node_of(claimed))
    assert evidence is not None and merge_module.MATCH_THRESHOLD <= evidence.score < merge_module.SENTENCE_THRESHOLD
    assert together(own, claimed)


def test_the_claimed_same_day_link_needs_one_day_an_own_key_and_a_claim() -> None:
    """Must not: another day, a month, a publication day, or a paraphrase group alone."""
    own = report("a", MONDAY, *TORNADO[:3], participants=TORNADO[3])
    for when, dated_by in ((TUESDAY, "sentence"), (MARCH, "sentence"), (MONDAY, "publication")):
        assert not together(own, report("b", when, *THE_TORNADO[:3], participants=THE_TORNADO[3], dated_by=dated_by))
    twister = report("b", MONDAY, "The twister was the deadliest", "twister", "twister", dated_by="sentence")
    found = merge_module.evidence(merge_module.node_of(own), merge_module.node_of(twister))
    assert found is None or not found.own_key_match
