"""Merge recall, third round (issue #15, branch mergerec): dates that a report's own
sentence or its story's lead claims, two own dates of one day, light verbs and verbs of
impact, a verb's particle, and the news paraphrase families of
``resources/merge_paraphrases_news.tsv``; each rule with examples that must merge and
rows that must stay apart. Tuned on ``benchmarks/probes/news_merges_dev.jsonl``,
``news_merges_dev2.jsonl`` and ``news_merges_dev3.jsonl``."""

from __future__ import annotations

import importlib

import pytest
from event_builders import report, together
from strategies import calendar_value

from timeline.errors import ResourceError
from timeline.model import Event, Granularity, Participant

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2026, 3, 2)
TUESDAY = calendar_value(G.DAY, 2026, 3, 3)
MARCH = calendar_value(G.MONTH, 2026, 3)


def keys(event: Event) -> frozenset[str]:
    """The trigger keys and paraphrase groups the timeline's merge compares."""
    return merge_module.profile(event, dated=True).triggers


# --------------------------------------------------------------------------- claimed days


# similarity 0.87: over SENTENCE_THRESHOLD, under INHERITED_THRESHOLD
APPOINTED = ("Danish shipping group Nordhavn appointed Ingrid Solberg as chief executive", "appointed", "appoint",
             ("Ingrid Solberg", "Nordhavn"))
APPOINTMENT = ("The appointment of Ingrid Solberg announced by Nordhavn", "appointment", "appointment",
               ("Ingrid Solberg", "Nordhavn"))


@pytest.mark.parametrize("dated_by", ["sentence", "story"])
def test_a_date_the_text_claims_links_across_documents(dated_by: str) -> None:
    """A report dated by its sentence's time ("the appointment, announced on Monday") or
    the story lead's day links from SENTENCE_THRESHOLD with a report of another
    document whose own date agrees."""
    sentence, word, lemma, names = APPOINTED
    own = report("a", MONDAY, sentence, word, lemma, participants=names)
    sentence, word, lemma, names = APPOINTMENT
    claimed = report("b", MONDAY, sentence, word, lemma, participants=names, dated_by=dated_by)
    assert together(own, claimed)


@pytest.mark.parametrize("dated_by", ["publication", "narrative"])
def test_a_publication_day_still_needs_the_inherited_threshold(dated_by: str) -> None:
    """Must not: the publication day (or a date the narrative carried over) says nothing
    of the event; those still link only from INHERITED_THRESHOLD."""
    sentence, word, lemma, names = APPOINTED
    own = report("a", MONDAY, sentence, word, lemma, participants=names)
    sentence, word, lemma, names = APPOINTMENT
    inherited = report("b", MONDAY, sentence, word, lemma, participants=names, dated_by=dated_by)
    assert not together(own, inherited)


def test_claimed_days_must_agree() -> None:
    """Must not: a claimed day of another day is no link."""
    sentence, word, lemma, names = APPOINTED
    own = report("a", MONDAY, sentence, word, lemma, participants=names)
    sentence, word, lemma, names = APPOINTMENT
    other_day = report("b", TUESDAY, sentence, word, lemma, participants=names, dated_by="sentence")
    assert not together(own, other_day)


# --------------------------------------------------------------------------- one day


def test_two_own_dates_of_one_day_link_from_the_same_day_threshold() -> None:
    """"fined Harbour Bank on Wednesday" / "the bank was fined by the FCA" (a day after,
    so Wednesday): under MATCH_THRESHOLD, but one trigger and one day in two documents."""
    first = report("a", MONDAY, "The Financial Conduct Authority fined Harbour Bank 40 million pounds for failures "
                   "in its checks", "fined", "fine", participants=("Financial Conduct Authority", "Harbour Bank"))
    second = report("b", MONDAY, "The bank was fined by the FCA", "fined", "fine", participants=("FCA",))
    evidence = merge_module.evidence(merge_module.node_of(first), merge_module.node_of(second))
    assert evidence is not None and evidence.same_day_only
    assert together(first, second)


def test_the_same_day_link_needs_one_day_and_two_documents() -> None:
    """Must not: the same words at month grain, or on two days, or twice in one document."""
    first = report("a", MONDAY, "The Financial Conduct Authority fined Harbour Bank 40 million pounds for failures "
                   "in its checks", "fined", "fine", participants=("Financial Conduct Authority", "Harbour Bank"))
    month = report("b", MARCH, "The bank was fined by the FCA", "fined", "fine", participants=("FCA",))
    other_day = report("b", TUESDAY, "The bank was fined by the FCA", "fined", "fine", participants=("FCA",))
    same_document = report("a", MONDAY, "The bank was fined by the FCA", "fined", "fine", participants=("FCA",), at=300)
    for second in (month, other_day, same_document):
        assert not together(first, second)


def test_one_agent_two_patients_of_one_day_stay_apart() -> None:
    """Must not: one regulator fining two firms on one day is two fines (dev3,
    two-fines-one-day): whom each happens to must be named by the other."""
    brookfield = report("a", MONDAY, "The Securities and Exchange Commission fined Brookfield Capital $5 million over "
                        "record-keeping failures", "fined", "fine",
                        participants=("Securities and Exchange Commission", "Brookfield Capital"),
                        roles=(Participant("Securities and Exchange Commission", "agent"),
                               Participant("Brookfield Capital", "beneficiary")))
    ardent = report("b", MONDAY, "The SEC fined Ardent Partners $2 million for misleading investors about fees",
                    "fined", "fine", participants=("SEC", "Ardent Partners"),
                    roles=(Participant("SEC", "agent"), Participant("Ardent Partners", "beneficiary")))
    assert not together(brookfield, ardent)


# --------------------------------------------------------------------------- light verbs


@pytest.mark.parametrize(("sentence", "trigger", "lemma", "key"), [
    ("U.S. regulators gave their approval to the allergy pill", "gave", "give", "~approval"),
    ("The FCA imposed a 40 million pound penalty on Harbour Bank", "imposed", "impose", "~penalty"),
    ("Armenia and Azerbaijan reached a truce on Sunday", "reached", "reach", "~ceasefire"),
    ("The retailer filed for insolvency on Monday", "filed", "file", "~insolvency"),
    ("Investigators carried out a raid on the offices", "carried", "carry", "~raid"),
    ("Kellman went bankrupt last month", "went", "go", "~insolvency"),
    # verbs of impact: the event word is their subject
    ("The mudslide that swept through Malekhu", "swept", "sweep", "~landslide"),
    ("Blackout hits much of Chile", "hits", "hit", "~outage"),
    # a verb with its particle finds its paraphrase row
    ("Three men broke out of the Corbas prison", "broke", "break", "~escape"),
    ("An Ariane 6 rocket blasted off from Kourou", "blasted", "blast", "~liftoff"),
])
def test_light_verbs_and_particles_take_the_event_word(sentence: str, trigger: str, lemma: str, key: str) -> None:
    """resources/merge_light_verbs.tsv and the particle look-up: the examples."""
    assert key in keys(report("a", MONDAY, sentence, trigger, lemma))


@pytest.mark.parametrize(("sentence", "trigger", "lemma", "key"), [
    # no event word after the light verb
    ("The minister took the bus to Lyon", "took", "take", "~"),
    ("The company made a cake in March", "made", "make", "~"),
    ("She gave him the keys on Monday", "gave", "give", "~"),
    # a negation ends the window
    ("The rivals reached no truce", "reached", "reach", "~ceasefire"),
    # agree is no light verb: agreeing to a ceasefire is not the ceasefire (dev3)
    ("Sudan's army and the RSF agreed to a ceasefire", "agreed", "agree", "~ceasefire"),
    # an object verb does not look back, a subject verb not forward past its clause
    ("The truce ended when the fighting resumed", "ended", "end", "~ceasefire"),
    ("Police hit back at critics of the raid", "hit", "hit", "~raid"),
])
def test_light_verb_must_not_rows(sentence: str, trigger: str, lemma: str, key: str) -> None:
    """Must not: no event word, a negation, a verb that is no light verb, the wrong side."""
    event = report("a", MONDAY, sentence, trigger, lemma)
    if key == "~":
        mention = event.mentions[0]
        table = merge_module.paraphrase_table(merge_module.HAND_PARAPHRASES + merge_module.DATED_PARAPHRASES)
        assert merge_module.light_verb_object(lemma, mention, merge_module.words_after(mention), table) == ""
    else:
        assert key not in keys(event)


def test_light_verbs_are_read_by_the_timeline_merge_only() -> None:
    """cluster_events' profile (dated=False) keeps its keys: its ECB+ figures stand."""
    event = report("a", MONDAY, "The FCA imposed a 40 million pound penalty on Harbour Bank", "imposed", "impose")
    assert "~penalty" in merge_module.profile(event, dated=True).triggers
    assert "~penalty" not in merge_module.profile(event).triggers


def test_a_light_verb_report_merges_with_the_plain_verb() -> None:
    """"reached a truce" / "agreed a truce" told on one day... and "gave their approval" /
    "approved": one event."""
    gave = report("a", MONDAY, "U.S. regulators gave their approval to Alvera's allergy pill", "gave", "give",
                  participants=("Alvera",))
    approved = report("b", MONDAY, "U.S. regulators approved Alvera's allergy pill", "approved", "approve",
                      participants=("Alvera",))
    assert together(gave, approved)


# --------------------------------------------------------------------------- news rows


@pytest.mark.parametrize(("first", "second"), [
    (("Armenia and Azerbaijan reached a truce", "truce", "truce", ("Armenia", "Azerbaijan")),
     ("Armenia and Azerbaijan announced a ceasefire", "ceasefire", "ceasefire", ("Armenia", "Azerbaijan"))),
    (("Flyfast filed for bankruptcy protection", "bankruptcy", "bankruptcy", ("Flyfast",)),
     ("Flyfast entered insolvency proceedings", "insolvency", "insolvency", ("Flyfast",))),
    (("Three inmates escaped from the Corbas prison", "escaped", "escape", ("Corbas",)),
     ("The jailbreak from the Corbas prison", "jailbreak", "jailbreak", ("Corbas",))),
    # a verb with the next word as a row: losing power is an outage
    (("Millions of Chileans lost power across Chile", "lost", "lose", ("Chile",)),
     ("A power outage across Chile left millions in the dark", "outage", "outage", ("Chile",))),
])
def test_news_families_merge(first: tuple[str, str, str, tuple[str, ...]],
                             second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """resources/merge_paraphrases_news.tsv: the examples."""
    events = [report(doc, MONDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert together(*events)


@pytest.mark.parametrize(("first", "second"), [
    # "clear" and "board" are in no group
    (("The court cleared Marlow of all charges", "cleared", "clear", ("Marlow",)),
     ("The regulator approved Marlow's merger", "approved", "approve", ("Marlow",))),
    (("Iranian forces boarded the Aegean Star", "boarded", "board", ("Aegean Star",)),
     ("Iranian forces seized the Aegean Star", "seized", "seize", ("Aegean Star",))),
    # a truce in another war
    (("Armenia and Azerbaijan reached a truce", "truce", "truce", ("Armenia", "Azerbaijan")),
     ("Sudan's army and the RSF announced a ceasefire", "ceasefire", "ceasefire", ("Sudan", "RSF"))),
])
def test_news_families_must_not_rows(first: tuple[str, str, str, tuple[str, ...]],
                                     second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """Must not: the words the table leaves out, the same family for other names."""
    events = [report(doc, MONDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert not together(*events)


def test_a_bad_light_verb_side_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row whose side is not object, subject or both is a clear error naming it."""
    monkeypatch.setattr(merge_module, "read_resource_rows", lambda name, columns: [("give", "sideways")])
    merge_module.light_verbs.cache_clear()
    try:
        with pytest.raises(ResourceError, match="sideways"):
            merge_module.light_verbs()
    finally:
        monkeypatch.undo()
        merge_module.light_verbs.cache_clear()
