"""Merge recall on fresh news (issue #15): the rule families added to
:mod:`timeline.merge` and its tables, each with examples that must merge and rows that
must stay apart. Tuned on ``benchmarks/probes/news_merges_dev.jsonl``."""

from __future__ import annotations

import importlib

import pytest
from event_builders import report, together
from strategies import calendar_value

from timeline.merge import merge_events
from timeline.model import Event, Granularity, Mention

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2025, 11, 10)
TUESDAY = calendar_value(G.DAY, 2025, 11, 11)
WEDNESDAY = calendar_value(G.DAY, 2025, 11, 12)


# --------------------------------------------------------------------------- paraphrases

MERGE_ROWS = [
    # (first report, second report): same day, two documents
    (("Tens of thousands marched through Belgrade", "marched", "march", ("Belgrade",)),
     ("The rally in Belgrade drew tens of thousands", "rally", "rally", ("Belgrade",))),
    (("Protesters demonstrated in Belgrade against the government", "demonstrated", "demonstrate", ("Belgrade",)),
     ("Thousands protested in Belgrade against the government", "protested", "protest", ("Belgrade",))),
    (("Brent crude rose 2% as traders worried about supplies", "rose", "rise", ("Brent",)),
     ("Brent crude climbed 2% as traders worried about supplies", "climbed", "climb", ("Brent",))),
    (("Initial jobless claims increased by 6,000 to 223,000", "increased", "increase", ()),
     ("Initial jobless claims rose by 6,000 to 223,000", "rose", "rise", ())),
    (("British retail sales volumes fell 0.5%", "fell", "fall", ()),
     ("British retail sales volumes dropped 0.5%", "dropped", "drop", ())),
    (("Hackers breached the computer systems of Marlow", "breached", "breach", ("Marlow",)),
     ("Hackers hacked the computer systems of Marlow", "hacked", "hack", ("Marlow",))),
    (("A cyberattack hit the computer systems of Marlow", "cyberattack", "cyberattack", ("Marlow",)),
     ("Hackers hacked the computer systems of Marlow", "hacked", "hack", ("Marlow",))),
    # companies joining into one; a ballot told as an election or a vote
    (("Harlow Foods agreed to merge with Denby Mills", "merge", "merge", ("Harlow Foods", "Denby Mills")),
     ("Harlow Foods and Denby Mills agreed to combine their businesses", "combine", "combine", ("Harlow Foods", "Denby Mills"))),
    (("Moldova held a parliamentary election", "election", "election", ("Moldova",)),
     ("Moldova voted in a parliamentary ballot", "voted", "vote", ("Moldova",))),
    # verb phrases: a walkout is a strike, rates kept or left unchanged are held
    (("Train drivers walked off the job across Germany", "walked", "walk", ("Germany",)),
     ("Train drivers went on strike across Germany", "strike", "strike", ("Germany",))),
    (("The Bank of England kept interest rates unchanged at 4%", "kept", "keep", ("Bank of England",)),
     ("The Bank of England held interest rates at 4%", "held", "hold", ("Bank of England",))),
    (("The Bank of England left its key rate on hold", "left", "leave", ("Bank of England",)),
     ("The Bank of England held its key rate", "held", "hold", ("Bank of England",))),
    # a verb phrase takes its paraphrase group: found guilty (convict) / the verdict
    (("A jury found Daniel Ortiz guilty of bribery", "found", "find", ("Daniel Ortiz",)),
     ("The verdict against Daniel Ortiz on bribery", "verdict", "verdict", ("Daniel Ortiz",))),
]


@pytest.mark.parametrize(("first", "second"), MERGE_ROWS)
def test_paraphrases_of_news_events_merge(first: tuple[str, str, str, tuple[str, ...]],
                                          second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """Two articles telling one event of one day in other words (merge_paraphrases.tsv,
    merge_synonyms.tsv) give one event."""
    events = [report(doc, TUESDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert together(*events)


APART_ROWS = [
    # a rise and a fall share no group
    (("Brent crude rose 2% on supply worries", "rose", "rise", ("Brent",)),
     ("Brent crude fell 2% on supply worries", "fell", "fall", ("Brent",))),
    # a phrase needs its words: walking off the stage is no strike, leaving the
    # country no decision on rates
    (("The singer walked off the stage in Berlin", "walked", "walk", ("Berlin",)),
     ("The singer went on strike in Berlin", "strike", "strike", ("Berlin",))),
    (("Governor Hale left the country on Tuesday", "left", "leave", ("Hale",)),
     ("Governor Hale held the country's budget on Tuesday", "held", "hold", ("Hale",))),
    # "combine" of ingredients is no merger, two other companies' merger another one
    (("The chef combined flour and sugar in Lyon", "combined", "combine", ("Lyon",)),
     ("Harlow Foods agreed to merge with Denby Mills", "merge", "merge", ("Harlow Foods", "Denby Mills"))),
    (("Aster Bank and Corvo Bank agreed to combine their businesses", "combine", "combine", ("Aster Bank", "Corvo Bank")),
     ("Harlow Foods agreed to merge with Denby Mills", "merge", "merge", ("Harlow Foods", "Denby Mills"))),
    # a vote on a bill is no election elsewhere: the names must agree
    (("The Senate voted to approve the budget", "voted", "vote", ("Senate",)),
     ("Moldova held a parliamentary election", "election", "election", ("Moldova",))),
    # the same words for another place
    (("Thousands marched through Belgrade", "marched", "march", ("Belgrade",)),
     ("A smaller rally was held in Novi Sad", "rally", "rally", ("Novi Sad",))),
]


@pytest.mark.parametrize(("first", "second"), APART_ROWS)
def test_must_not_rows_stay_apart(first: tuple[str, str, str, tuple[str, ...]],
                                  second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """Reports the new rows must not join stay two events."""
    events = [report(doc, TUESDAY, sentence, word, lemma, participants=names)
              for doc, (sentence, word, lemma, names) in zip("ab", (first, second))]
    assert not together(*events)


def test_moves_of_other_days_stay_apart_without_conflict() -> None:
    """A paraphrase of a recurring move does not make Monday's rise and Tuesday's climb
    one event with a conflict: they are two moves."""
    monday = report("a", MONDAY, "Brent crude rose 2% on supply worries", "rose", "rise", participants=("Brent",))
    tuesday = report("b", TUESDAY, "Brent crude climbed 2% on supply worries", "climbed", "climb", participants=("Brent",))
    timeline = merge_events([monday, tuesday])
    assert len(timeline) == 2 and all(not event.conflicts for event in timeline.events)


# --------------------------------------------------------------------------- headlines


def test_a_headline_restates_its_body_in_other_names() -> None:
    """A headline and its body share the trigger but not the names they are told with
    ("SUVs" / "Hanwell Motors"): one event; the same pair from two articles stays two."""
    headline = report("a", WEDNESDAY, "Hanwell recalls 300,000 SUVs over brake fault", "recalls", "recall",
                      participants=("Hanwell",), at=0, dated_by="story")
    body = report("a", WEDNESDAY, "Hanwell Motors recalled 300,000 sport utility vehicles over a fault", "recalled",
                  "recall", participants=("Hanwell Motors",), at=48)
    assert together(headline, body)
    elsewhere = report("b", WEDNESDAY, "Hanwell recalls 300,000 SUVs over brake fault", "recalls", "recall",
                       participants=("Hanwell",), at=0)
    assert not together(elsewhere, body)


def test_a_headline_and_its_body_both_inherited_merge() -> None:
    """Both dated by the story's day, a headline and its body with one trigger are one
    event; two body sentences both inherited are not joined by this rule."""
    headline = report("a", MONDAY, "Miners trapped in Chilean copper mine", "trapped", "trap",
                      participants=("Chilean",), at=0, dated_by="story")
    body = report("a", MONDAY, "Seven miners were trapped after a tunnel caved in near Rancagua", "trapped", "trap",
                  participants=("Rancagua",), at=40, dated_by="story")
    assert together(headline, body)
    again = report("a", MONDAY, "Seven miners were trapped after a tunnel caved in near Talca", "trapped", "trap",
                   participants=("Talca",), at=200, dated_by="story")
    assert not together(body, again)


def test_a_headline_needs_a_shared_trigger() -> None:
    """A headline joins a body report of its own trigger or paraphrase group only: the
    share fall of the headline is not the recall of the body."""
    headline = report("c", TUESDAY, "Hanwell shares slide after recall", "slide", "slide", participants=("Hanwell",),
                      at=0, dated_by="story")
    recall = report("c", TUESDAY, "The carmaker recalled 300,000 vehicles", "recalled", "recall", at=40)
    fall = report("c", TUESDAY, "Hanwell shares fell 4%", "fell", "fall", participants=("Hanwell",), at=90)
    timeline = merge_events([headline, recall, fall])
    groups = sorted(sorted(m.trigger_text for m in event.mentions) for event in timeline.events)
    assert groups == [["fell", "slide"], ["recalled"]]


def test_a_short_headline_with_its_trigger_joins_its_body() -> None:
    """"Oil rises on supply worries" and "Brent crude rose 2%" share the trigger only
    (similarity 0.4): as a headline and its body they are one event."""
    headline = report("a", MONDAY, "Oil rises on supply worries", "rises", "rise", at=0, dated_by="story")
    body = report("a", MONDAY, "Brent crude rose 2%", "rose", "rise", at=30)
    assert together(headline, body)
    assert not together(report("b", MONDAY, "Oil rises on supply worries", "rises", "rise", at=30), body)


def test_headline_pair_is_one_document_and_one_first_sentence() -> None:
    """headline_pair: one document, exactly one of the two in its first sentence, a shared key."""
    head = merge_module.node_of(report("a", MONDAY, "Oil rises", "rises", "rise", at=0))
    body = merge_module.node_of(report("a", MONDAY, "Brent crude rose 2%", "rose", "rise", at=20))
    other = merge_module.node_of(report("b", MONDAY, "Brent crude rose 2%", "rose", "rise", at=20))
    assert head is not None and body is not None and other is not None
    assert merge_module.headline_pair(head, body) and merge_module.headline_pair(body, head)
    assert not merge_module.headline_pair(head, other)
    assert not merge_module.headline_pair(body, body)


# --------------------------------------------------------------------------- names and classes


def test_a_hyphenated_name_names_both_parts() -> None:
    """"the EU-Mercosur trade pact" names the EU and Mercosur."""
    signing = report("a", TUESDAY, "The signing of the EU-Mercosur trade pact in Montevideo", "signing", "sign",
                     participants=("EU-Mercosur", "Montevideo"))
    signed = report("b", TUESDAY, "The EU signed a trade pact with Mercosur", "signed", "sign",
                    participants=("EU", "Mercosur"))
    assert together(signing, signed)
    assert merge_module.name_words("EU-Mercosur") >= {"eu", "mercosur"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("Police arrested Juma Kariuki in Nairobi", "arrested", "arrest", ("Juma Kariuki", "Nairobi")),
         ("Police arrested Amina Otieno in Nairobi", "arrested", "arrest", ("Amina Otieno", "Nairobi"))),
        (("Finance Minister Lind resigned in Oslo", "resigned", "resign", ("Lind", "Oslo")),
         ("Health Minister Berg resigned in Oslo", "resigned", "resign", ("Berg", "Oslo"))),
        (("The ferry Marisol sank off Crete", "sank", "sink", ("Marisol", "Crete")),
         ("The trawler Aurora sank off Crete", "sank", "sink", ("Aurora", "Crete"))),
    ],
)
def test_the_same_kind_of_event_to_two_named_people_stays_apart(first: tuple[str, str, str, tuple[str, ...]],
                                                                 second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """Two people arrested, two ministers resigning, two ships sinking in one place on
    two days are two events, not one with a conflict. (Why arrest, resign and sink are
    no singular-event classes of merge_event_classes.tsv: the class rule only asks for
    a shared name of the sentences, here the place.)"""
    one = report("a", TUESDAY, first[0], first[1], first[2], participants=first[3])
    two = report("b", MONDAY, second[0], second[1], second[2], participants=second[3])
    assert not together(one, two)


def test_short_forms_keep_of() -> None:
    """"BoE" is the Bank of England: initials with "of", "for", "and" kept too."""
    assert merge_module.initial_forms("Bank of England") == {"be", "boe"}
    assert merge_module.initial_forms("Department of Justice") >= {"doj"}
    assert merge_module.initial_forms("European Central Bank") == {"ecb"}
    assert merge_module.initial_forms("Reuters") == frozenset()
    boe = report("a", TUESDAY, "BoE left its key rate on hold", "left", "leave", participants=("BoE",))
    bank = report("b", TUESDAY, "The Bank of England held its key rate", "held", "hold", participants=("Bank of England",))
    assert together(boe, bank)


def placed(event: Event, *places: str) -> Event:
    """The event with its mention's participants in the place role."""
    from timeline.model import Participant

    mention = event.mentions[0]
    roles = tuple(Participant(name=name, role="place") for name in places)
    return Event(when=event.when, summary=event.summary, trigger=event.trigger, participants=event.participants,
                 mentions=(Mention(**{**{f: getattr(mention, f) for f in ("doc_id", "sentence", "trigger_span",
                                      "event_span", "time_span", "time_text", "trigger_text", "sentence_span",
                                      "dated_by")}, "roles": roles}),))


def test_a_place_does_not_contradict_an_actor() -> None:
    """"crashed near Anchorage" (a place) and "the crash of the Boeing 767 cargo plane"
    (no place) name different kinds of things: no named difference; two places do."""
    anchorage = placed(report("a", MONDAY, "A cargo plane crashed near Anchorage after takeoff", "crashed", "crash",
                              participants=("Anchorage",)), "Anchorage")
    boeing = report("b", MONDAY, "The crash of the Boeing 767 cargo plane after takeoff", "crash", "crash",
                    participants=("Boeing",))
    assert together(anchorage, boeing)
    fairbanks = placed(report("c", MONDAY, "A cargo plane crashed near Fairbanks after takeoff", "crashed", "crash",
                              participants=("Fairbanks",)), "Fairbanks")
    assert not together(anchorage, fairbanks)


def test_told_with_drops_places_only_against_a_report_without_places() -> None:
    """told_with: the place words are left out against a report naming no place, kept against one that does."""
    anchorage = merge_module.node_of(placed(report("a", MONDAY, "A plane crashed near Anchorage", "crashed", "crash",
                                                   participants=("Anchorage", "Alaska Air")), "Anchorage"))
    boeing = merge_module.node_of(report("b", MONDAY, "The crash of the Boeing", "crash", "crash", participants=("Boeing",)))
    odesa = merge_module.node_of(placed(report("c", MONDAY, "Missiles hit flats in Odesa", "hit", "hit",
                                               participants=("Odesa",)), "Odesa"))
    assert anchorage is not None and boeing is not None and odesa is not None
    assert merge_module.told_with(anchorage.profile, boeing.profile)[1] == {"alaska", "air"}
    assert "anchorag" in merge_module.told_with(anchorage.profile, odesa.profile)[1]


def test_an_event_told_after_another_is_another_event() -> None:
    """"An aftershock shook central Chile on Monday, two days after the earthquake":
    the shaking is not the earthquake the sentence names, although both are quakes
    and share Chile; the earthquake word joins the earthquake of the other article."""
    quake = report("a", calendar_value(G.DAY, 2025, 2, 1), "A strong earthquake shook central Chile", "shook", "shake",
                   participants=("Chile",))
    sentence = "A strong aftershock shook central Chile on Monday, two days after the earthquake"
    aftershock = report("b", calendar_value(G.DAY, 2025, 2, 3), sentence, "shook", "shake", participants=("Chile",))
    named = report("b", calendar_value(G.DAY, 2025, 2, 1), sentence, "earthquake", "earthquake", participants=("Chile",))
    named = Event(when=named.when, summary="The earthquake in Chile", trigger="earthquake", participants=("Chile",),
                  mentions=(Mention(**{**{f: getattr(named.mentions[0], f) for f in (
                      "doc_id", "sentence", "event_span", "time_span", "time_text", "sentence_span", "dated_by")},
                      "trigger_span": (100 + sentence.index("earthquake"), 100 + len(sentence)),
                      "trigger_text": "earthquake"}),))
    timeline = merge_events([quake, aftershock, named])
    holder = {m.trigger_text: e for e in timeline.events for m in e.mentions if m.doc_id == "b"}
    assert holder["shook"] is not holder["earthquake"]
    assert not holder["shook"].conflicts


@pytest.mark.parametrize(
    ("sentence", "trigger", "anchors"),
    [
        ("A strong aftershock shook central Chile on Monday, two days after the earthquake.", "shook", ["earthquake"]),
        ("Delia weakened over Mississippi on Friday, a day after it struck Louisiana.", "weakened", ["struck", "Louisiana"]),
        ("Hanwell shares slide after recall", "slide", ["recall"]),
        ("Police detained 30 people after Saturday's demonstration, officials said.", "detained", ["Saturday's", "demonstration"]),
        # must not: the trigger is itself the event told after ("a day after it struck")
        ("Delia weakened over Mississippi on Friday, a day after it struck Louisiana.", "struck", []),
        # must not: no after/before; a comma ends the reach
        ("Stocks rose on Wednesday as yields fell.", "rose", []),
        ("Stocks rose shortly after, analysts said.", "rose", []),
    ],
)
def test_anchor_words(sentence: str, trigger: str, anchors: list[str]) -> None:
    """anchor_spans: the content words within three words after "after"/"before"."""
    event = report("a", MONDAY, sentence, trigger)
    found = sorted(sentence[start - 100:end - 100] for _, start, end in merge_module.anchor_spans(event.mentions[0]))
    assert found == sorted(anchors)


def test_an_undated_headline_does_not_keep_its_article_apart() -> None:
    """"Jury convicts former Newark mayor" (the headline, undated) names Newark, the
    other article's "the verdict against Daniel Ortiz" names Ortiz: no named difference
    between them, so the headline's article (headline and body) joins the verdict.
    A dated first sentence (a lead) keeps its names: "Newark" against "Ortiz" then keep
    a lead apart from a body naming only Ortiz."""
    headline = report("a", TUESDAY, "Jury convicts former Newark mayor of bribery", "convicts", "convict",
                      participants=("Newark",), at=0, dated_by="story")
    body = report("a", TUESDAY, "A federal jury convicted former Newark mayor Daniel Ortiz of bribery", "convicted",
                  "convict", participants=("Newark", "Daniel Ortiz"), at=50)
    verdict = report("b", TUESDAY, "The jury's verdict against Daniel Ortiz on bribery", "verdict", "verdict",
                     participants=("Daniel Ortiz",))
    assert together(headline, body, verdict)
    head = merge_module.node_of(headline)
    lead = merge_module.node_of(report("a", TUESDAY, "Jury convicts former Newark mayor of bribery", "convicts",
                                       "convict", participants=("Newark",), at=0))
    other = merge_module.node_of(verdict)
    assert head is not None and lead is not None and other is not None
    assert not merge_module.named_difference(head, other)
    assert merge_module.named_difference(lead, other)
