"""Merge precision (session 16, branch mergeprec): two rules found on
``benchmarks/probes/news_merges_dev4.jsonl``, each with rows that must stay apart and
rows that must still merge. Whom an event happens to, named on both sides and by no
one of the other (:func:`timeline.merge.patients_differ`); a headline never restates
an event its own body tells only as background (:func:`timeline.merge.mark_background`)."""

from __future__ import annotations

import importlib

import attrs
import pytest
from strategies import calendar_value

from timeline.merge import merge_events
from timeline.model import Event, Granularity, Mention, Participant, TimeValue

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2027, 5, 10)
THURSDAY = calendar_value(G.DAY, 2027, 5, 13)

# (sentence, trigger word, lemma, participants, patients)
Report = tuple[str, str, str, tuple[str, ...], tuple[str, ...]]


def mention(doc: str, sentence: str, trigger_text: str, *, at: int, dated_by: str = "time",
            patients: tuple[str, ...] = ()) -> Mention:
    """A mention of ``trigger_text`` in ``sentence``, the sentence starting at offset
    ``at`` of document ``doc`` (0: its headline)."""
    start = at + sentence.index(trigger_text)
    return Mention(doc_id=doc, sentence=sentence, trigger_span=(start, start + len(trigger_text)),
                   event_span=(at, at + len(sentence)), time_span=None, time_text=None,
                   trigger_text=trigger_text, sentence_span=(at, at + len(sentence)), dated_by=dated_by,
                   roles=tuple(Participant(name=name, role="patient") for name in patients))


def event(doc: str, when: TimeValue, row: Report, *, at: int = 100, dated_by: str = "time") -> Event:
    """A one-mention event of a row, its sentence as its summary."""
    sentence, trigger_text, lemma, participants, patients = row
    return Event(when=when, summary=sentence, trigger=lemma, participants=participants,
                 mentions=(mention(doc, sentence, trigger_text, at=at, dated_by=dated_by, patients=patients),))


def together(*events: Event) -> bool:
    """True when the merge makes one event of them all."""
    return len(merge_events(events)) == 1


# --------------------------------------------------------------------------- patients

# two articles, one day, each sentence naming the other event's patient too
PATIENTS_APART: list[tuple[Report, Report]] = [
    (("Police arrested Mayor Lukas Brandt on suspicion of taking bribes from the builder Otto Falk", "arrested",
      "arrest", ("Lukas Brandt", "Otto Falk"), ("Lukas Brandt",)),
     ("The builder Otto Falk, who paid bribes to Mayor Lukas Brandt, was detained by police in Munich", "detained",
      "detain", ("Otto Falk", "Lukas Brandt", "Munich"), ("Otto Falk",))),
    (("The SEC fined Brookfield Capital over misleading fee disclosures", "fined", "fine",
      ("SEC", "Brookfield Capital"), ("Brookfield Capital",)),
     ("The SEC fined Ardent Partners, a rival of Brookfield Capital, over misleading fee disclosures", "fined", "fine",
      ("SEC", "Ardent Partners", "Brookfield Capital"), ("Ardent Partners",))),
    (("Health Minister Clara Mendes sacked her chief of staff Tomas Pereira", "sacked", "sack",
      ("Clara Mendes", "Tomas Pereira"), ("Tomas Pereira",)),
     ("Health Minister Clara Mendes sacked her spokesman Rui Costa, an ally of Tomas Pereira", "sacked", "sack",
      ("Clara Mendes", "Rui Costa", "Tomas Pereira"), ("Rui Costa",))),
]

# the same patient told otherwise, or one side naming none
PATIENTS_TOGETHER: list[tuple[Report, Report]] = [
    (("Police arrested Mayor Lukas Brandt in Augsburg on suspicion of taking bribes", "arrested", "arrest",
      ("Lukas Brandt", "Augsburg"), ("Lukas Brandt",)),
     ("Augsburg Mayor Brandt was arrested by police on suspicion of taking bribes", "arrested", "arrest",
      ("Brandt", "Augsburg"), ("Brandt",))),
    (("The Financial Conduct Authority fined Harbour Bank 40 million pounds", "fined", "fine",
      ("Financial Conduct Authority", "Harbour Bank"), ("Harbour Bank",)),
     ("Harbour Bank was fined 40 million pounds by the FCA", "fined", "fine", ("Harbour Bank", "FCA"), ("Harbour Bank",))),
    (("Police arrested Mayor Lukas Brandt on suspicion of taking bribes", "arrested", "arrest",
      ("Lukas Brandt",), ("Lukas Brandt",)),
     ("The arrest of Lukas Brandt on suspicion of taking bribes", "arrest", "arrest", ("Lukas Brandt",), ())),
]


@pytest.mark.parametrize(("first", "second"), PATIENTS_APART)
def test_events_happening_to_different_named_patients_stay_apart(first: Report, second: Report) -> None:
    """Two reports of one day naming whom the event happens to, neither's patient the
    other's, are two events even when each sentence names the other's patient."""
    assert not together(event("a", MONDAY, first), event("b", MONDAY, second))
    a, b = (merge_module.node_of(event(doc, MONDAY, row)) for doc, row in (("a", first), ("b", second)))
    assert a is not None and b is not None
    assert merge_module.patients_differ(a.profile, b.profile)
    # without the rule the names alone would agree: it is the patients that differ
    assert merge_module.participants_agree(a.profile, b.profile)


@pytest.mark.parametrize(("first", "second"), PATIENTS_TOGETHER)
def test_one_patient_told_otherwise_still_merges(first: Report, second: Report) -> None:
    """The same patient in a short form, or one report naming none, is no difference."""
    assert together(event("a", MONDAY, first), event("b", MONDAY, second))


# --------------------------------------------------------------------------- background

HEADLINE: Report = ("Sato, Lindqvist meet again on security", "meet", "meet", ("Sato", "Lindqvist"), ())
TOLD_AFTER = ("Kenji Sato and Eva Lindqvist held talks on defence in Osaka, three days after their trade meeting "
              "in Tokyo")


def background_story() -> list[Event]:
    """A headline dated (by the event stage) like the background meeting its body tells
    the news after: the talks of Thursday, the meeting of Monday, in one sentence."""
    participants = ("Kenji Sato", "Eva Lindqvist", "Osaka", "Tokyo")
    held = Event(when=THURSDAY, summary=TOLD_AFTER, trigger="hold", participants=participants,
                 mentions=(mention("b", TOLD_AFTER, "held", at=60),))
    meeting = Event(when=MONDAY, summary="Their trade meeting in Tokyo", trigger="meeting", participants=participants,
                    mentions=(mention("b", TOLD_AFTER, "meeting", at=60),))
    return [event("b", MONDAY, HEADLINE, at=0, dated_by="narrative"), held, meeting]


def test_the_event_a_body_tells_the_news_after_is_background() -> None:
    """mark_background marks the node whose trigger another node of its document is told
    after, and no other; the headline and that node are then no headline pair."""
    nodes = merge_module.mark_background([merge_module.node_of(e) for e in background_story()])
    assert [node.background for node in nodes] == [False, False, True]
    assert not merge_module.headline_pair(nodes[0], nodes[2])


def test_a_headline_does_not_restate_its_bodys_background() -> None:
    """The headline "meet again" dated like the background meeting is not merged with it."""
    headline, _, meeting = background_story()
    for merged in merge_events(background_story()):
        assert not ({m.trigger_span for m in headline.mentions} <= {m.trigger_span for m in merged.mentions}
                    and {m.trigger_span for m in meeting.mentions} <= {m.trigger_span for m in merged.mentions})


def test_a_headline_still_restates_its_bodys_news() -> None:
    """Without the told-after clause the same headline and the meeting are one event."""
    sentence = "Kenji Sato and Eva Lindqvist held a meeting on security in Tokyo"
    meeting = Event(when=MONDAY, summary=sentence, trigger="meeting", participants=("Kenji Sato", "Eva Lindqvist", "Tokyo"),
                    mentions=(mention("b", sentence, "meeting", at=60),))
    assert together(event("b", MONDAY, HEADLINE, at=0, dated_by="narrative"), meeting)


# --------------------------------------------------------------------------- the story's day

LEAD = "Velta Mobility recalled 80,000 electric bikes on Tuesday over faulty batteries."  # at 30, "Tuesday" at 30+49


def story_dated(sentence: str, trigger_text: str, at: int, time_at: int = 79) -> Mention:
    """A mention dated by the story's day, the story's time expression at ``time_at``."""
    return attrs.evolve(mention("a", sentence, trigger_text, at=at, dated_by="story"), time_span=(time_at, time_at + 7))


# (sentence, trigger, sentence offset, claimed?)
CLAIMED_ROWS = [
    ("Velta recalls 80,000 e-bikes", "recalls", 0, True),  # the headline
    (LEAD, "recalled", 30, True),  # the sentence holding the story's time
    ("It is the second recall for Velta, which recalled 5,000 electric scooters.", "recalled", 110, False),
    ("Its shares fell 6%.", "fell", 186, False),
]


@pytest.mark.parametrize(("sentence", "trigger_text", "at", "claimed"), CLAIMED_ROWS)
def test_the_story_day_is_claimed_in_the_lead_only(sentence: str, trigger_text: str, at: int, claimed: bool) -> None:
    """claimed_day: the story's day is a claim for the headline and the lead's sentence,
    not for a later sentence of the story (often background); a sentence's own time always is."""
    assert merge_module.claimed_day(story_dated(sentence, trigger_text, at)) is claimed
    assert merge_module.claimed_day(mention("a", sentence, trigger_text, at=at, dated_by="sentence"))
    assert not merge_module.claimed_day(mention("a", sentence, trigger_text, at=at, dated_by="publication"))


def test_a_background_recall_on_the_story_day_does_not_join_another_articles_recall() -> None:
    """"which recalled 5,000 electric scooters" (story-dated, a later sentence) stays apart
    from another article's recall of 80,000 bikes of that day told in near words
    (similarity 0.8, which a claimed day would link)."""
    background = "It is the second recall for Velta, which recalled 5,000 electric scooters over faulty batteries."
    earlier = Event(when=MONDAY, summary="Velta recalled 5,000 electric scooters over faulty batteries",
                    trigger="recall", participants=("Velta",),
                    mentions=(story_dated(background, "recalled", 110),))
    other = "Velta Mobility recalled 80,000 electric bikes with overheating cells"
    news = event("b", MONDAY, (other, "recalled", "recall", ("Velta",), ()))
    a, b = merge_module.node_of(earlier), merge_module.node_of(news)
    assert a is not None and b is not None
    found = merge_module.evidence(a, b)
    assert found is not None and found.sentence_match and not found.inherited_match, found
    assert not together(earlier, news)


# --------------------------------------------------------------------------- content

# (sentence, trigger word, lemma, participants): two articles, one day, one speaker
CONTENT_APART: list[tuple[tuple[str, str, str, tuple[str, ...]], tuple[str, str, str, tuple[str, ...]]]] = [
    (("Mayor Ines Duarte made an announcement that city buses will be free for students", "announcement",
      "announcement", ("Ines Duarte",)),
     ("Mayor Ines Duarte made an announcement about 3,000 new social housing units in eastern Lisbon",
      "announcement", "announcement", ("Ines Duarte", "Lisbon"))),
    (("German Chancellor Anna Weber held talks with Polish Prime Minister Jan Nowak in Warsaw on border security",
      "talks", "talk", ("Anna Weber", "Jan Nowak", "Warsaw")),
     ("Anna Weber and Rasa Vaitkus held talks in Vilnius about a new power cable", "talks", "talk",
      ("Anna Weber", "Rasa Vaitkus", "Vilnius"))),
    (("Orbita announced a satellite internet service for airlines", "announced", "announce", ("Orbita",)),
     ("Orbita announced a quarterly loss of 40 million euros", "announced", "announce", ("Orbita",))),
]

CONTENT_TOGETHER: list[tuple[tuple[str, str, str, tuple[str, ...]], tuple[str, str, str, tuple[str, ...]]]] = [
    (("Mayor Ines Duarte made an announcement that city buses will be free for students", "announcement",
      "announcement", ("Ines Duarte",)),
     ("Lisbon's mayor Ines Duarte announced that students will ride city buses for free", "announced", "announce",
      ("Ines Duarte", "Lisbon"))),
    (("Jan Nowak and Anna Weber held talks in Warsaw", "talks", "talk", ("Jan Nowak", "Anna Weber", "Warsaw")),
     ("Anna Weber held talks with Jan Nowak in Warsaw on border security", "talks", "talk",
      ("Anna Weber", "Jan Nowak", "Warsaw"))),
    # nothing after the trigger: compared as before
    (("Mayor Ines Duarte made an announcement that city buses will be free for students", "announcement",
      "announcement", ("Ines Duarte",)),
     ("The announcement by Mayor Ines Duarte", "announcement", "announcement", ("Ines Duarte",))),
]


def _told(doc: str, row: tuple[str, str, str, tuple[str, ...]]) -> Event:
    sentence, trigger_text, lemma, participants = row
    return event(doc, MONDAY, (sentence, trigger_text, lemma, participants, ()))


@pytest.mark.parametrize(("first", "second"), CONTENT_APART)
def test_announcements_and_talks_about_other_things_stay_apart(
        first: tuple[str, str, str, tuple[str, ...]], second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """Two reports of a content trigger (merge_content_triggers.tsv) of one day and one
    speaker, with no word in common after the trigger, are two events."""
    assert not together(_told("a", first), _told("b", second))
    a, b = merge_module.node_of(_told("a", first)), merge_module.node_of(_told("b", second))
    assert a is not None and b is not None and merge_module.content_differs(a.profile, b.profile)


@pytest.mark.parametrize(("first", "second"), CONTENT_TOGETHER)
def test_announcements_and_talks_about_one_thing_merge(
        first: tuple[str, str, str, tuple[str, ...]], second: tuple[str, str, str, tuple[str, ...]]) -> None:
    """The same news or the same partners after the trigger, or nothing after it on one
    side, is no difference."""
    assert together(_told("a", first), _told("b", second))


def test_told_after_trigger_reads_the_words_after_the_trigger() -> None:
    """The content words after the trigger, the trigger keys left out; nothing for a
    trigger outside the table, and nothing for the undated profile (clustering)."""
    announced = _told("a", CONTENT_APART[0][0])
    assert merge_module.profile(announced, dated=True).content == merge_module.content_words(
        "city buses will be free for students")
    assert merge_module.profile(announced).content == frozenset()
    fined = event("a", MONDAY, ("The SEC fined Brookfield Capital", "fined", "fine", ("SEC",), ()))
    assert merge_module.profile(fined, dated=True).content == frozenset()


# --------------------------------------------------------------------------- why a pair links

def test_link_rule_names_the_rule_that_linked() -> None:
    """link_rule: compatible own dates, a claimed day, a headline restating its body,
    two own dates of one day under MATCH_THRESHOLD; None for a pair kept apart."""
    first, second = PATIENTS_TOGETHER[1]
    own = merge_module.node_of(event("a", MONDAY, first))
    other = merge_module.node_of(event("b", MONDAY, second))
    # similarity 0.85: over SENTENCE_THRESHOLD, under INHERITED_THRESHOLD
    retold = ("Harbour Bank was fined 40 million pounds by the Financial Conduct Authority", "fined", "fine",
              ("Harbour Bank", "FCA"), ("Harbour Bank",))
    claimed = merge_module.node_of(event("b", MONDAY, retold, dated_by="sentence"))
    published = merge_module.node_of(event("b", MONDAY, retold, dated_by="publication"))
    apart = merge_module.node_of(event("b", MONDAY, PATIENTS_APART[1][1]))
    headline = merge_module.node_of(event("a", MONDAY, ("Harbour Bank fined", "fined", "fine", ("Harbour Bank",), ()),
                                          at=0, dated_by="publication"))
    assert None not in (own, other, claimed, published, apart, headline)
    assert merge_module.link_rule(own, other) == "compatible"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, claimed) == "claimed day"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, headline) == "restated"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, published) is None  # type: ignore[arg-type]
    assert merge_module.link_rule(own, apart) is None  # type: ignore[arg-type]
    fined = event("a", MONDAY, ("The Financial Conduct Authority fined Harbour Bank 40 million pounds for failures "
                                "in its checks", "fined", "fine", ("Financial Conduct Authority", "Harbour Bank"), ()))
    penalty = event("b", MONDAY, ("The bank was fined by the FCA", "fined", "fine", ("FCA",), ()))
    a, b = merge_module.node_of(fined), merge_module.node_of(penalty)
    assert a is not None and b is not None
    found = merge_module.evidence(a, b)
    assert found is not None and found.same_day_only
    assert merge_module.link_rule(a, b) == "same day"
    for x, y in ((own, other), (own, claimed), (own, headline), (own, published), (own, apart), (a, b)):
        assert (merge_module.link_rule(x, y) is not None) == merge_module.linked(x, y)  # type: ignore[arg-type]


def test_why_joined_lists_each_linked_pair_of_an_event_with_its_rule() -> None:
    """The probe scorer's why_joined: every linked pair of the event's atoms, its rule
    and similarity; nothing for the reports of another event."""
    from timeline.evaluate.merge_probes import why_joined

    first, second = PATIENTS_TOGETHER[1]
    timeline = merge_events([event("a", MONDAY, first), event("b", MONDAY, second),
                             event("c", THURSDAY, PATIENTS_APART[1][0])])
    joined = next(e for e in timeline.events if len(e.mentions) == 2)
    triggers = frozenset((m.doc_id, *m.trigger_span) for m in joined.mentions)
    lines = why_joined(timeline, triggers)
    assert len(lines) == 1 and lines[0].startswith("a:fined[time 2027-05-10] ~ b:fined[time 2027-05-10]: compatible ")
    alone = next(e for e in timeline.events if len(e.mentions) == 1)
    assert why_joined(timeline, frozenset((m.doc_id, *m.trigger_span) for m in alone.mentions)) == []
