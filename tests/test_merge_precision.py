"""Merge precision rules (session 17, branch mergeprec2; :mod:`timeline.merge.precision`),
each with rows that must stay apart and rows that must still merge: whom an event
happens to, named on both sides and by neither the other (``patients_differ``); two
announcements or talks about different things (``content_differs``,
``resources/merge_content_triggers.tsv``); a headline telling a repeat and the earlier
event its body tells another after (``repeat_headline``,
``resources/merge_repeat_words.tsv``); a reaction and the event it reacts to
(``reaction_apart``, ``resources/merge_reaction_triggers.tsv``). The first two were written in session 16 (branch
mergeprec, commits bebac02, b0ae1d6) and are measured again in session 17
(docs/benchmarks.md)."""

from __future__ import annotations

import importlib

import pytest
from event_builders import Report, event, mention, together
from strategies import calendar_value

from timeline.merge import merge_events
from timeline.model import Event, Granularity, TimeValue

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function
precision = importlib.import_module("timeline.merge.precision")

G = Granularity
MONDAY = calendar_value(G.DAY, 2027, 5, 10)
THURSDAY = calendar_value(G.DAY, 2027, 5, 13)


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
    assert precision.patients_differ(a.profile, b.profile)
    # without the rule the names alone would agree: it is the patients that differ
    assert merge_module.participants_agree(a.profile, b.profile)


@pytest.mark.parametrize(("first", "second"), PATIENTS_TOGETHER)
def test_one_patient_told_otherwise_still_merges(first: Report, second: Report) -> None:
    """The same patient in a short form, or one report naming none, is no difference."""
    assert together(event("a", MONDAY, first), event("b", MONDAY, second))


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
    assert a is not None and b is not None and precision.content_differs(a.profile, b.profile)


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


# --------------------------------------------------------------------------- repeats

AGAIN_HEADLINE: Report = ("Sato, Lindqvist meet again on security", "meet", "meet", ("Sato", "Lindqvist"), ())
TOLD_AFTER = ("Kenji Sato and Eva Lindqvist held talks on defence in Osaka, three days after their trade meeting "
              "in Tokyo")
PARTICIPANTS = ("Kenji Sato", "Eva Lindqvist", "Osaka", "Tokyo")


def body_report(sentence: str, trigger_text: str, lemma: str, when: TimeValue) -> Event:
    """A report of article b's body (its sentence at offset 60)."""
    return Event(when=when, summary=sentence, trigger=lemma, participants=PARTICIPANTS,
                 mentions=(mention("b", sentence, trigger_text, at=60),))


def headline(row: Report, when: TimeValue = MONDAY) -> Event:
    """Article b's headline, dated (by the event stage) like the body's background."""
    return event("b", when, row, at=0, dated_by="narrative")


def joined(first: Event, second: Event, timeline_events: list[Event]) -> bool:
    """Whether one merged event holds the mentions of both."""
    wanted = {m.trigger_span for m in first.mentions} | {m.trigger_span for m in second.mentions}
    return any(wanted <= {m.trigger_span for m in merged.mentions} for merged in merge_events(timeline_events))


# (headline, body sentence, its trigger, lemma): the headline tells a repeat, the body
# report is the earlier event told after "after" / "before"
REPEAT_APART: list[tuple[Report, str, str, str]] = [
    (AGAIN_HEADLINE, TOLD_AFTER, "meeting", "meeting"),
    (("Rail drivers strike again over pay", "strike", "strike", ("ASLEF",), ()),
     "The walkout by ASLEF drivers on Monday came two weeks after the strike of March 2", "strike", "strike"),
    (("Another quake rattles southern Peru", "quake", "quake", ("Peru",), ()),
     "Tremors shook Arequipa in southern Peru on Monday, eight days after the quake that killed 12",
     "quake", "quake"),
]

# the same headline with its body's news, or a body report not told as the earlier one
REPEAT_TOGETHER: list[tuple[Report, str, str, str]] = [
    (AGAIN_HEADLINE, "Kenji Sato and Eva Lindqvist held a meeting on security in Osaka", "meeting", "meeting"),
    (("Rail drivers walk out again over pay", "walk", "walk", ("ASLEF",), ()),
     "Train drivers of ASLEF walked out on Monday over pay", "walked", "walk"),
    # no repeat word: the headline restates its body as before
    (("Sato and Lindqvist meet on security", "meet", "meet", ("Sato", "Lindqvist"), ()),
     "Kenji Sato and Eva Lindqvist held a meeting on security in Osaka, a day after arriving in Japan",
     "meeting", "meeting"),
]


@pytest.mark.parametrize(("head", "sentence", "trigger_text", "lemma"), REPEAT_APART)
def test_a_repeat_headline_does_not_restate_the_earlier_event(head: Report, sentence: str, trigger_text: str,
                                                               lemma: str) -> None:
    """A headline with a repeat word and the report its body tells another event after
    are two events, even dated alike."""
    first, second = headline(head), body_report(sentence, trigger_text, lemma, MONDAY)
    assert not joined(first, second, [first, second])
    a, b = merge_module.node_of(first), merge_module.node_of(second)
    assert a is not None and b is not None and precision.repeat_headline(a, b) and precision.repeat_headline(b, a)
    assert merge_module.headline_pair(a, b)  # without the rule, a headline pair


@pytest.mark.parametrize(("head", "sentence", "trigger_text", "lemma"), REPEAT_TOGETHER)
def test_a_headline_still_restates_its_bodys_news(head: Report, sentence: str, trigger_text: str, lemma: str) -> None:
    """A repeat headline with its body's news, or a headline without a repeat word, is
    one event with the body report."""
    first, second = headline(head), body_report(sentence, trigger_text, lemma, MONDAY)
    assert joined(first, second, [first, second])


def test_a_repeat_headline_joins_the_news_not_the_background() -> None:
    """The whole article: the "meet again" headline, the talks of Thursday and the
    meeting of Monday they are told after; the headline is never with the meeting."""
    first = headline(AGAIN_HEADLINE)
    held = body_report(TOLD_AFTER, "held", "hold", THURSDAY)
    meeting = body_report(TOLD_AFTER, "meeting", "meeting", MONDAY)
    assert not joined(first, meeting, [first, held, meeting])


def test_told_as_anchor_reads_the_words_after_after_or_before() -> None:
    """The trigger within three words after "after" / "before", no punctuation between."""
    assert precision.told_as_anchor(mention("b", TOLD_AFTER, "meeting", at=60))
    assert not precision.told_as_anchor(mention("b", TOLD_AFTER, "held", at=60))
    far = "They met in Osaka after a long and difficult trade meeting"
    assert not precision.told_as_anchor(mention("b", far, "meeting", at=0))
    cut = "They met in Osaka after talks, then a meeting"
    assert not precision.told_as_anchor(mention("b", cut, "meeting", at=0))
    before = "They signed the pact before the meeting in Tokyo"
    assert precision.told_as_anchor(mention("b", before, "meeting", at=0))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sato, Lindqvist meet again on security", True),
    ("Another quake rattles southern Peru", True),
    ("Talks resume anew in Geneva", True),
    ("Rivas wins second term as Bogota mayor", False),
    ("Sato and Lindqvist meet on security", False),
    ("Against the odds, Celtic win", False),
])
def test_repeat_words(sentence: str, expected: bool) -> None:
    """Whole words of merge_repeat_words.tsv, any case; "second" and "against" are not."""
    assert precision.tells_a_repeat(mention("a", sentence, sentence.split()[1], at=0)) is expected


def test_told_after_trigger_stops_at_the_event_it_is_told_after() -> None:
    """What an announcement announces ends where the sentence tells another event it
    came after: "two days after calling an early election" is no content."""
    sentence = "Prime Minister Ewa Lis announced a cabinet reshuffle two days after calling an early election"
    reshuffle = _told("b", (sentence, "announced", "announce", ("Ewa Lis",)))
    content = merge_module.profile(reshuffle, dated=True).content
    assert content == frozenset(merge_module.stem(word) for word in ("cabinet", "reshuffle", "two"))  # "days": a stop word
    assert merge_module.stem("election") not in content
    election = _told("a", ("Prime Minister Ewa Lis announced that Poland will hold an early election", "announced",
                           "announce", ("Ewa Lis", "Poland")))
    a, b = merge_module.node_of(election), merge_module.node_of(reshuffle)
    assert a is not None and b is not None and precision.content_differs(a.profile, b.profile)


# --------------------------------------------------------------------------- reactions

# (reaction, the event it reacts to): one day, one class word ("election", "death"), one name
REACTION_APART: list[tuple[Report, Report]] = [
    (("Opposition leaders welcomed the snap election announced by Ewa Lis", "welcomed", "welcome", ("Ewa Lis",), ()),
     ("Prime Minister Ewa Lis announced that Poland will hold an early election", "announced", "announce",
      ("Ewa Lis", "Poland"), ())),
    (("World leaders condemned the assassination of President Moise in Haiti", "condemned", "condemn",
      ("Moise", "Haiti"), ()),
     ("Gunmen killed President Moise at his home in Haiti in an assassination", "killed", "kill",
      ("Moise", "Haiti"), ())),
    (("Unions hailed the election of Carolina Rivas in Bogota", "hailed", "hail", ("Carolina Rivas", "Bogota"), ()),
     ("Carolina Rivas won the election in Bogota", "won", "win", ("Carolina Rivas", "Bogota"), ())),
]

# two reactions, or no reaction at all
REACTION_TOGETHER: list[tuple[Report, Report]] = [
    (("Opposition leaders welcomed the snap election announced by Ewa Lis", "welcomed", "welcome", ("Ewa Lis",), ()),
     ("The opposition hailed the early election called by Ewa Lis", "hailed", "hail", ("Ewa Lis",), ())),
    (("World leaders condemned the assassination of President Moise in Haiti", "condemned", "condemn",
      ("Moise", "Haiti"), ()),
     ("Leaders around the world condemned the killing of Haiti's President Moise", "condemned", "condemn",
      ("Moise", "Haiti"), ())),
    (("Gunmen killed President Moise at his home in Haiti", "killed", "kill", ("Moise", "Haiti"), ()),
     ("Haiti's President Moise was killed by gunmen at his home", "killed", "kill", ("Moise", "Haiti"), ())),
]


@pytest.mark.parametrize(("reaction", "reacted_to"), REACTION_APART)
def test_a_reaction_is_not_the_event_it_reacts_to(reaction: Report, reacted_to: Report) -> None:
    """A report whose trigger is a reaction (merge_reaction_triggers.tsv) and one whose
    trigger is not are two events, though they share the class word and the names."""
    assert not together(event("a", MONDAY, reaction), event("b", MONDAY, reacted_to))
    a, b = (merge_module.node_of(event(doc, MONDAY, row)) for doc, row in (("a", reaction), ("b", reacted_to)))
    assert a is not None and b is not None and precision.reaction_apart(a.profile, b.profile)
    assert precision.is_reaction(a.profile) and not precision.is_reaction(b.profile)


@pytest.mark.parametrize(("first", "second"), REACTION_TOGETHER)
def test_two_reactions_or_none_merge_as_before(first: Report, second: Report) -> None:
    """Two reactions to one event, or two reports of the event, are one event."""
    assert together(event("a", MONDAY, first), event("b", MONDAY, second))
    a, b = (merge_module.node_of(event(doc, MONDAY, row)) for doc, row in (("a", first), ("b", second)))
    assert a is not None and b is not None and not precision.reaction_apart(a.profile, b.profile)
