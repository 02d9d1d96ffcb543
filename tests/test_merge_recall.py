"""Merge recall on fresh news (issue #15): the rule families added to
:mod:`timeline.merge` and its tables, each with examples that must merge and rows that
must stay apart. Tuned on ``benchmarks/probes/news_merges_dev.jsonl``."""

from __future__ import annotations

import importlib

import pytest
from strategies import calendar_value

from timeline.merge import merge_events
from timeline.model import Event, Granularity, Mention, TimeValue

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2025, 11, 10)
TUESDAY = calendar_value(G.DAY, 2025, 11, 11)
WEDNESDAY = calendar_value(G.DAY, 2025, 11, 12)


def report(doc: str, when: TimeValue, sentence: str, trigger_text: str, lemma: str = "", *,
           participants: tuple[str, ...] = (), at: int = 100, dated_by: str = "time") -> Event:
    """A one-mention event told by ``sentence`` (its summary), starting at offset ``at``
    of document ``doc`` (0: the document's first sentence, its headline)."""
    start = at + sentence.index(trigger_text)
    mention = Mention(doc_id=doc, sentence=sentence, trigger_span=(start, start + len(trigger_text)),
                      event_span=(at, at + len(sentence)), time_span=None, time_text=None,
                      trigger_text=trigger_text, sentence_span=(at, at + len(sentence)), dated_by=dated_by)
    return Event(when=when, summary=sentence, trigger=lemma or trigger_text, participants=participants,
                 mentions=(mention,))


def together(*events: Event) -> bool:
    """True when the merge makes one event of them all."""
    return len(merge_events(events)) == 1


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
