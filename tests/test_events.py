"""Tests of timeline.events: anchoring times to events, mention fields, flags, summaries,
the reporting policy and event-anchored times.

Time mentions are made by hand at known offsets so that these tests check the events
stage alone, whatever the temporal engine finds.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Optional

import pytest
from spacy.language import Language

from timeline import build
from timeline.documents import Document
from timeline.events import Offset, document_events, load_lexicon, shift_time_value
from timeline.model import Anchor, Event, Granularity, Interval, TimeMention, TimeValue
from timeline.nlp import default_nlp
from timeline.events.summary import MAX_SUMMARY_WORDS

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PUBLISHED = date(2024, 5, 3)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The default pipeline, loaded once (``default_nlp`` caches it for the session)."""
    return default_nlp()


def value(text: str) -> TimeValue:
    """A TimeValue from a TIMEX3 string: YYYY, YYYY-MM, YYYY-MM-DD or a duration P..."""
    if text.startswith("P"):
        return TimeValue(text, "DURATION")
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        start = datetime(*parts)
        return TimeValue(text, "DATE", Granularity.DAY, Interval(start, start + timedelta(days=1)))
    if len(parts) == 2:
        year, month = parts
        end = datetime(year + month // 12, month % 12 + 1, 1)
        return TimeValue(text, "DATE", Granularity.MONTH, Interval(datetime(year, month, 1), end))
    return TimeValue(text, "DATE", Granularity.YEAR, Interval(datetime(parts[0], 1, 1), datetime(parts[0] + 1, 1, 1)))


def mention(text: str, phrase: str, timex: str, *, nth: int = 0, anchor: Anchor = Anchor.ABSOLUTE) -> TimeMention:
    """A TimeMention for the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return TimeMention(phrase, start, start + len(phrase), value(timex), anchor=anchor)


def events_of(
    nlp: Language,
    text: str,
    mentions: list[TimeMention],
    *,
    published: Optional[date] = PUBLISHED,
    keep_reporting: bool = False,
    doc_id: str = "d1",
) -> tuple[Event, ...]:
    document = Document(text=text, id=doc_id, published=published)
    return document_events(document, nlp(text), mentions, keep_reporting=keep_reporting)


def only_event(nlp: Language, text: str, phrase: str, timex: str, **kwargs: object) -> Event:
    events = events_of(nlp, text, [mention(text, phrase, timex)], **kwargs)  # type: ignore[arg-type]
    assert len(events) == 1, [e.summary for e in events]
    return events[0]


# sentence, time phrase, value, trigger lemma
TRIGGERS = [
    ("Russian troops had arrived last month.", "last month", "2024-04", "arrive"),
    ("Markets fell after the failure of SVB on March 10.", "March 10", "2024-03-10", "fail"),
    ("The July 2023 coup ousted Bazoum.", "July 2023", "2023-07", "coup"),
    ("A coup in July 2023 ended civilian rule in Niger.", "July 2023", "2023-07", "coup"),
    ("On Saturday the junta signed a defense pact.", "Saturday", "2024-04-27", "sign"),
    ("Elections were held on Sunday.", "Sunday", "2024-04-28", "elect"),
    ("The vote, which took place in 2020, was contested.", "2020", "2020", "vote"),
    ("The signing of the pact on Saturday was broadcast live.", "Saturday", "2024-04-27", "sign"),
    ("The arrival of the troops on Monday was delayed.", "Monday", "2024-04-29", "arrive"),
    ("A power-grab was officially recognized as a coup by the administration in October.", "October", "2023-10", "recognize"),
    ("Niger told the U.S. on Friday to withdraw its troops.", "Friday", "2024-04-26", "tell"),
    ("France recalled its ambassador on Monday and closed its embassy on Tuesday.", "Tuesday", "2024-04-30", "close"),
]


@pytest.mark.parametrize(("text", "phrase", "timex", "lemma"), TRIGGERS)
def test_time_is_anchored_to_its_event(nlp: Language, text: str, phrase: str, timex: str, lemma: str) -> None:
    """Walking up from the time finds the governing verb or event noun (nominalizations
    and light verbs report the event's verb or noun)."""
    event = only_event(nlp, text, phrase, timex)
    assert event.trigger == lemma
    assert event.when == value(timex)


# sentence, time phrase, value, (negated, planned, hypothetical)
FLAGS = [
    ("Niger did not sign the agreement on Saturday.", "Saturday", "2024-04-27", (True, False, False)),
    ("Russian troops never arrived in Niamey in April.", "April", "2024-04", (True, False, False)),
    ("There was no agreement on Tuesday.", "Tuesday", "2024-04-30", (True, False, False)),
    # "no" on what the verb happened to (its object, its passive subject) negates the event
    ("No agreement was reached on Tuesday.", "Tuesday", "2024-04-30", (True, False, False)),
    ("The parties reached no deal on Tuesday.", "Tuesday", "2024-04-30", (True, False, False)),
    ("The parties reached a deal on Tuesday.", "Tuesday", "2024-04-30", (False, False, False)),
    ("The troops will leave Niger on Monday.", "Monday", "2024-04-29", (False, True, False)),
    ("The junta plans to hold elections in July 2023.", "July 2023", "2023-07", (False, True, False)),
    ("The summit is scheduled to take place on April 3.", "April 3", "2024-04-03", (False, True, False)),
    ("The vote takes place on June 3.", "June 3", "2024-06-03", (False, True, False)),
    ("If talks fail, the army could attack on Friday.", "Friday", "2024-04-26", (False, False, True)),
    ("The talks may resume in April.", "April", "2024-04", (False, False, True)),
    ("France closed its embassy on Tuesday.", "Tuesday", "2024-04-30", (False, False, False)),
]


@pytest.mark.parametrize(("text", "phrase", "timex", "flags"), FLAGS)
def test_event_flags(nlp: Language, text: str, phrase: str, timex: str, flags: tuple[bool, bool, bool]) -> None:
    """Negation, plans (by grammar or by a date after publication) and conditionals
    are read from the trigger's clause."""
    event = only_event(nlp, text, phrase, timex)
    assert (event.negated, event.planned, event.hypothetical) == flags


def test_date_after_publication_is_planned_only_with_a_publication_date(nlp: Language) -> None:
    """Without a publication date, a later date alone does not make an event planned."""
    text = "The vote takes place on June 3."
    assert only_event(nlp, text, "June 3", "2024-06-03").planned
    assert not only_event(nlp, text, "June 3", "2024-06-03", published=None).planned


# sentence, time phrase, value, participants
PARTICIPANTS = [
    ("President Bazoum was detained on July 26, 2023, by his own guard.", "July 26, 2023", "2023-07-26", ("Bazoum",)),
    # "French" modifies "troops": no participant (events.describe.is_modifying_demonym)
    ("Mali, which expelled French troops in 2022, never joined the talks.", "2022", "2022", ("Mali",)),
    ("Macron announced in August that France would withdraw its ambassador.", "August", "2023-08", ("Macron", "France")),
    ("Elections were held on Sunday.", "Sunday", "2024-04-28", ()),
]


@pytest.mark.parametrize(("text", "phrase", "timex", "names"), PARTICIPANTS)
def test_participants_are_the_named_entities_of_the_clause(
    nlp: Language, text: str, phrase: str, timex: str, names: tuple[str, ...]
) -> None:
    """Participants are the clause's people, groups and places, in text order."""
    assert only_event(nlp, text, phrase, timex).participants == names


# sentence, time phrase, value, summary
SUMMARIES = [
    ("The July 2023 coup ousted Bazoum.", "July 2023", "2023-07", "The coup ousted Bazoum"),
    ("President Bazoum was detained on July 26, 2023, by his own guard.", "July 26, 2023", "2023-07-26",
     "President Bazoum was detained by his own guard"),
    ("Mali, which expelled French troops in 2022, never joined the talks.", "2022", "2022", "Mali expelled French troops"),
    ("Officials expect the troops to withdraw by September.", "September", "2023-09",
     "Officials expect the troops to withdraw"),
    ("A power-grab was officially recognized as a coup by the administration in October.", "October", "2023-10",
     "A power-grab was recognized as a coup by the administration"),
    # a bare possessive subject gets the noun it stands for from the sentence before
    ("The three countries have seen their governments toppled. Niger\u2019s fell in June 2023 with the ouster of Bazoum.",
     "June 2023", "2023-06", "Niger\u2019s government fell with the ouster of Bazoum"),
    # "its" is named when the summary leaves its owner out, kept when the owner is there
    ("In a blow to Niger, its junta closed the border in July 2023.", "July 2023", "2023-07",
     "Niger's junta closed the border"),
    ("Niger closed its borders in July 2023.", "July 2023", "2023-07", "Niger closed its borders"),
]


@pytest.mark.parametrize(("text", "phrase", "timex", "summary"), SUMMARIES)
def test_summary_is_the_clause_without_its_time(nlp: Language, text: str, phrase: str, timex: str, summary: str) -> None:
    """The summary keeps subject, verb and objects, drops the time and side remarks."""
    assert only_event(nlp, text, phrase, timex).summary == summary


def test_long_summary_is_pruned_to_the_word_limit(nlp: Language) -> None:
    """A long clause loses detail until it fits, and never ends on a function word."""
    text = (
        "State television last month reported that Russian military instructors and troops had arrived "
        "in Niger with equipment including an air defense system as part of efforts to strengthen "
        "security ties with the Kremlin."
    )
    summary = only_event(nlp, text, "last month", "2024-04").summary
    assert summary.startswith("State television reported that Russian military instructors")
    assert len(summary.split()) <= MAX_SUMMARY_WORDS
    assert summary.split()[-1].lower() not in {"the", "of", "with", "a", "to", "and"}


def test_mention_fields(nlp: Language) -> None:
    """The mention carries the document id, the sentence and the offsets of trigger,
    clause and time, and the event id is the document id plus the trigger offset."""
    text = "The junta met on Friday. Russian troops had arrived last month after Niger asked the U.S. to leave."
    event = only_event(nlp, text, "last month", "2024-04", doc_id="doc-7")
    (m,) = event.mentions
    assert m.doc_id == "doc-7"
    assert m.sentence == text[25:]
    assert m.sentence_span == (25, len(text))
    assert text[m.trigger_span[0] : m.trigger_span[1]] == m.trigger_text == "arrived"
    assert text[m.event_span[0] : m.event_span[1]] == "Russian troops had arrived last month"
    assert text[m.time_span[0] : m.time_span[1]] == m.time_text == "last month"  # type: ignore[index]
    assert m.time_value == "2024-04"
    assert event.id == f"doc-7:{text.index('arrived')}"


def test_event_span_stops_at_the_clause_of_the_trigger(nlp: Language) -> None:
    """In a sentence with two dated events each span holds its own clause only."""
    text = "France recalled its ambassador on Monday and closed its embassy on Tuesday."
    events = events_of(nlp, text, [mention(text, "Monday", "2024-04-29"), mention(text, "Tuesday", "2024-04-30")])
    spans = {e.trigger: text[e.mentions[0].event_span[0] : e.mentions[0].event_span[1]] for e in events}
    assert spans == {
        "recall": "France recalled its ambassador on Monday",
        "close": "closed its embassy on Tuesday",
    }


def test_non_calendar_mentions_date_nothing(nlp: Language) -> None:
    """Durations, sets, PRESENT_REF and values without an interval make no event."""
    text = "The troops stayed for two weeks, patrol every day, are ready now and left in XXXX-10."
    mentions = [
        TimeMention("two weeks", text.index("two weeks"), text.index("two weeks") + 9, TimeValue("P2W", "DURATION")),
        TimeMention("every day", text.index("every day"), text.index("every day") + 9, TimeValue("P1D", "SET")),
        TimeMention("now", text.index("now"), text.index("now") + 3, TimeValue("PRESENT_REF", "DATE")),
        TimeMention("XXXX-10", text.index("XXXX-10"), text.index("XXXX-10") + 7, TimeValue("XXXX-10", "DATE"), resolved=False),
    ]
    assert events_of(nlp, text, mentions) == ()


def test_dateline_date_is_not_an_event_date(nlp: Language) -> None:
    """The date in a wire dateline dates the article, not the first sentence's verb."""
    text = "WASHINGTON, May 3, 2024 (Reuters) - Russia sent troops to Niger on Monday."
    events = events_of(nlp, text, [mention(text, "May 3, 2024", "2024-05-03"), mention(text, "Monday", "2024-04-29")])
    assert [(e.trigger, e.when.value) for e in events] == [("send", "2024-04-29")]


def test_finer_time_wins_when_two_times_date_one_trigger(nlp: Language) -> None:
    """Two times on the same trigger give one event, dated by the finer time."""
    text = "In April, the troops arrived on April 12."
    events = events_of(nlp, text, [mention(text, "April", "2024-04"), mention(text, "April 12", "2024-04-12")])
    assert [(e.trigger, e.when.value) for e in events] == [("arrive", "2024-04-12")]


def test_reporting_event_dropped_when_its_content_is_dated(nlp: Language) -> None:
    """"said on Tuesday that ... arrived on Tuesday": the reported arrival stays, the
    statement on its content's day goes (and stays with keep_reporting=True)."""
    text = "The minister said on Tuesday that the troops had arrived on Tuesday."
    mentions = [mention(text, "Tuesday", "2024-04-30"), mention(text, "Tuesday", "2024-04-30", nth=1)]
    assert [e.trigger for e in events_of(nlp, text, mentions)] == ["arrive"]
    assert [e.trigger for e in events_of(nlp, text, mentions, keep_reporting=True)] == ["say", "arrive"]


def test_reporting_event_kept_on_a_day_of_its_own(nlp: Language) -> None:
    """"said on Tuesday that ... arrived in April" (branch reporting): the statement has a
    day of its own, another than its content's, and stays beside the arrival."""
    text = "The minister said on Tuesday that the troops had arrived in April."
    mentions = [mention(text, "Tuesday", "2024-04-30"), mention(text, "April", "2024-04")]
    assert [(e.trigger, e.when.value) for e in events_of(nlp, text, mentions)] == [("say", "2024-04-30"), ("arrive", "2024-04")]


def test_reporting_event_kept_with_its_content_when_content_is_undated(nlp: Language) -> None:
    """A statement whose content has no date of its own is the event, content included."""
    event = only_event(nlp, "The Pentagon said on Tuesday that its troops will leave Niger.", "Tuesday", "2024-04-30")
    assert event.trigger == "say"
    assert event.summary == "The Pentagon said that its troops will leave Niger"


def event_anchored_text() -> str:
    return "On Saturday the junta signed a defense pact. The pact was signed a week after Niger accused France."


@pytest.mark.parametrize("anchor_value", ["P1W", "XXXX-XX-XX"])
def test_event_anchored_time_dates_the_other_event(nlp: Language, anchor_value: str) -> None:
    """"signed a week after Niger accused France" with the signing on Saturday dates the
    accusation a week earlier, whether the engine gives a duration or an unresolved date."""
    text = event_anchored_text()
    start = text.index("a week")
    when = TimeValue(anchor_value, "DURATION" if anchor_value.startswith("P") else "DATE")
    relative = TimeMention("a week", start, start + 6, when, anchor=Anchor.EVENT, resolved=False)
    events = events_of(nlp, text, [mention(text, "Saturday", "2023-09-16"), relative])
    assert [(e.trigger, e.when.value) for e in events] == [("sign", "2023-09-16"), ("accuse", "2023-09-09")]
    accusation = events[1]
    assert accusation.mentions[0].time_text == "a week"
    assert accusation.summary == "Niger accused France"


def test_event_anchored_time_dates_the_later_event_from_the_earlier(nlp: Language) -> None:
    """With the earlier event dated, "two days before the election" dates the deal."""
    text = "The election took place on May 1, 2024. The deal was signed two days before the election."
    start = text.index("two days")
    relative = TimeMention("two days", start, start + 8, TimeValue("P2D", "DURATION"), anchor=Anchor.EVENT)
    events = events_of(nlp, text, [mention(text, "May 1, 2024", "2024-05-01"), relative])
    assert [(e.trigger, e.when.value) for e in events] == [("elect", "2024-05-01"), ("sign", "2024-04-29")]


def timeline_of(nlp: Language, text: str) -> list[Event]:
    """The events ``build_timeline`` makes of one text published 2024-05-20."""
    return list(build.build_timeline([Document(text, published="2024-05-20")], nlp=nlp))


@pytest.mark.parametrize(
    "text,dated",
    [
        # the disaster noun is the subject of a verb of occurrence, which stands for it
        ("The earthquake struck on May 6, 2024. Three days after the earthquake, rescuers found a survivor.", "2024-05-09"),
        ("A storm hit the coast on May 6, 2024. Two days after the storm, power was restored.", "2024-05-08"),
        ("Fighting erupted on May 6, 2024. A week after the fighting, talks began.", "2024-05-13"),
        # the noun names the event of its verb (events_nominalizations.tsv)
        ("Slepian was shot on May 6, 2024. Two days after the shooting, police found the rifle.", "2024-05-08"),
        ("The plane crashed on May 6, 2024. A day after the crash, divers found the recorders.", "2024-05-07"),
        ("The firm was founded on May 6, 2024. A week after its founding, it hired staff.", "2024-05-13"),
    ],
)
def test_event_noun_refers_to_the_dated_event(nlp: Language, text: str, dated: str) -> None:
    """"after the earthquake" is the event of "the earthquake struck on May 6", "after
    the shooting" that of "was shot on May 6": the amount dates the other event."""
    assert [e.when.value for e in timeline_of(nlp, text)] == ["2024-05-06", dated]


@pytest.mark.parametrize(
    "text",
    [
        "The company was founded on May 3, 2020. Ten days after it was founded, it went public.",
        "The company was founded on May 3, 2020. It went public ten days after it was founded.",
    ],
)
def test_amount_hung_on_the_adverbial_clause_dates_the_main_clause(nlp: Language, text: str) -> None:
    """The parse hangs "ten days" on "founded"; the amount still dates "went public"."""
    assert [(e.trigger, e.when.value) for e in timeline_of(nlp, text)] == [("found", "2020-05-03"), ("go", "2020-05-13")]


def test_event_anchored_time_without_a_dated_side_is_left_out(nlp: Language) -> None:
    """When neither side has a date the relation adds nothing to the timeline."""
    text = "The pact was signed a week after Niger accused France."
    start = text.index("a week")
    relative = TimeMention("a week", start, start + 6, TimeValue("P1W", "DURATION"), anchor=Anchor.EVENT)
    assert events_of(nlp, text, [relative]) == ()


def test_vague_amount_is_not_shifted(nlp: Language) -> None:
    """"weeks after" has no exact amount, so the other event gets no date."""
    text = "On Saturday the junta signed a defense pact. The pact was signed weeks after Niger accused France."
    start = text.index("weeks")
    relative = TimeMention("weeks", start, start + 5, TimeValue("PXW", "DURATION"), anchor=Anchor.EVENT)
    events = events_of(nlp, text, [mention(text, "Saturday", "2023-09-16"), relative])
    assert [e.trigger for e in events] == ["sign"]


@pytest.mark.parametrize(
    ("timex", "offset", "sign", "expected"),
    [
        ("2023-09-16", Offset("days", 7), -1, "2023-09-09"),
        # a step of months from a day gives the month ("a month after" is not to the day)
        ("2024-01-31", Offset("months", 1), 1, "2024-02"),
        ("2023-07", Offset("months", 12), -1, "2022-07"),
        ("2023", Offset("months", 24), 1, "2025"),
        ("2023-07", Offset("days", 7), 1, None),
        ("2023", Offset("months", 6), 1, None),
    ],
)
def test_shift_time_value(timex: str, offset: Offset, sign: int, expected: Optional[str]) -> None:
    """Shifts keep the value's own grain (at most a month for a step of months) and
    refuse steps finer than it."""
    shifted = shift_time_value(value(timex), offset, sign)
    assert (shifted.value if shifted is not None else None) == expected
    if shifted is not None:
        assert shifted == value(expected)  # type: ignore[arg-type]


def test_parse_of_another_text_is_refused(nlp: Language) -> None:
    """A parse that is not of the document's text is a caller error."""
    with pytest.raises(ValueError, match="not of this document"):
        document_events(Document(text="Troops arrived.", id="x"), nlp("Other text."), [])


def test_mentions_outside_the_text_are_ignored(nlp: Language) -> None:
    """A mention whose offsets do not fit the text dates nothing."""
    text = "Troops arrived."
    stray = TimeMention("Monday", 40, 46, value("2024-04-29"))
    assert events_of(nlp, text, [stray]) == ()


def test_lexicon_is_loaded_from_the_resources() -> None:
    """The resource files give reporting verbs, nominalizations and relation words."""
    lexicon = load_lexicon()
    assert "say" in lexicon.reporting
    assert lexicon.noun_to_verb["arrival"] == "arrive"
    assert lexicon.connectors == {"after": 1, "before": -1, "prior": -1}
    assert lexicon.light_verbs["hold"][0] == "dobj"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_seed_000_events(nlp: Language) -> None:
    """The Niger air base article: the arrival last month, the July 2023 coup (as the
    junta seizing power), the October recognition and the arrival again, as state TV
    reported it (the report's past content is the event, told with its source)."""
    text = seed("000")
    mentions = [
        mention(text, "last month", "2024-04"),
        mention(text, "July 2023", "2023-07"),
        TimeMention("right now", text.index("right now"), text.index("right now") + 9, TimeValue("PRESENT_REF", "DATE")),
        mention(text, "October", "2023-10"),
        mention(text, "last month", "2024-04", nth=1),
    ]
    events = events_of(nlp, text, mentions, doc_id="000")
    assert [(e.trigger, e.when.value) for e in events] == [
        ("arrive", "2024-04"),
        ("seize", "2023-07"),
        ("recognize", "2023-10"),
        ("arrive", "2024-04"),
    ]
    assert events[3].summary.startswith("State television reported that Russian military instructors")
    arrival = events[0]
    assert arrival.summary == "The Russian troops had arrived"
    assert not (arrival.negated or arrival.planned or arrival.hypothetical)
    assert "Biden" in events[2].participants


def test_seed_004_events(nlp: Language) -> None:
    """The Sahel alliance article: the Saturday signing, the accusation a week before it
    (event-anchored), the June fall and Prigozhin's death on Aug. 23."""
    text = seed("004")
    start = text.index("a week")
    mentions = [
        mention(text, "Saturday", "2023-09-16"),
        mention(text, "June", "2023-06"),
        TimeMention("a week", start, start + 6, TimeValue("P1W", "DURATION"), anchor=Anchor.EVENT),
        mention(text, "Aug. 23", "2023-08-23"),
    ]
    events = events_of(nlp, text, mentions, published=date(2023, 9, 18), doc_id="004")
    found = {(e.trigger, e.when.value) for e in events}
    assert found == {("sign", "2023-09-16"), ("fall", "2023-06"), ("accuse", "2023-09-09"), ("die", "2023-08-23")}
    signing = next(e for e in events if e.trigger == "sign")
    assert signing.participants == ("Mali", "Burkina Faso")
    assert signing.summary.startswith("Niger's ruling junta signed a mutual defense pact")
    death = next(e for e in events if e.trigger == "die")
    assert death.participants == ("Yevgeny Prigozhin",)


@pytest.mark.parametrize(
    ("text", "phrase", "timex", "lemma"),
    [
        # a past content without a date of its own is the event, dated by the report
        ("Officials reported on Monday that rebels had seized the town.", "Monday", "2024-04-29", "seize"),
        # a future content is not dated by the day it was announced: the statement stays
        ("Officials said on Monday that the troops will leave Niger.", "Monday", "2024-04-29", "say"),
    ],
)
def test_a_dated_report_of_a_past_event_becomes_that_event(
    nlp: Language, text: str, phrase: str, timex: str, lemma: str
) -> None:
    event = only_event(nlp, text, phrase, timex)
    assert event.trigger == lemma
    assert event.summary.startswith("Officials")


def test_entities_read_off_the_tags_are_those_of_span_ents(nlp: Language) -> None:
    """The summaries' entity look-ups (read off the IOB tags, issue #20) give exactly the
    entities ``Span.ents`` gives: those of a sentence before a token, and a token's own."""
    from timeline.events.summary import _entity_at
    from timeline.nlp import entities_between

    doc = nlp("Acme Corp. said on Monday that it would cut 500 jobs in New York. The company's chief "
              "executive, John Doe, told Reuters in London that its plants in Ohio would close. "
              "In Niger, on Saturday its ruling junta signed a pact with Mali and Burkina Faso.")
    looked = 0
    for sentence in doc.sents:
        for token in sentence:
            before = [(e.start, e.end, e.label_) for e in sentence.ents if e.end <= token.i]
            assert [(e.start, e.end, e.label_) for e in entities_between(doc, sentence.start, token.i)] == before
            own = [(e.start, e.end, e.label_) for e in sentence.ents if e.start <= token.i < e.end]
            found = _entity_at(token, sentence)
            assert ((found.start, found.end, found.label_) if found is not None else None) == (own[0] if own else None)
            looked += bool(own)
    assert looked >= 8  # the text's names were found and compared


def test_restatement_index_finds_the_nearest_restated_dating(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The indexed restatement look-up (issue #20) gives, for every undated trigger, the
    dating a comparison with every dated one gives: the nearest of the same lemma with
    a shared argument, the first in the datings' order of two as near."""
    from timeline.events import date as dating

    lexicon = load_lexicon()
    looked: list[bool] = []
    indexed = dating._Restatements.nearest

    def checked(self: "dating._Restatements", trigger: "dating.Trigger") -> Optional["dating.Anchoring"]:
        found = indexed(self, trigger)
        matches = [] if dating.is_other_instance(trigger) else [
            a for a in self._dated if a.dated_by == "time" and not dating.is_other_instance(a.trigger)
            and dating._same_event(a.trigger, trigger, lexicon)]
        expected = min(matches, key=lambda a: abs(a.trigger.token.i - trigger.token.i)) if matches else None
        assert found is expected
        looked.append(found is not None)
        return found

    monkeypatch.setattr(dating._Restatements, "nearest", checked)
    text = ("Police arrested two men in Springfield on Monday. Officers arrested the men after a chase, "
            "the chief said. The council voted on Friday to close the bar. The council voted after a long "
            "debate. Police arrested two women on May 2. Police arrested the men at a bar.")
    times = [mention(text, "Monday", "2024-04-29"), mention(text, "Friday", "2024-05-03"),
             mention(text, "May 2", "2024-05-02")]
    document = Document(text=text, id="d1", published=PUBLISHED)
    document_events(document, nlp(text), times, undated="inherit")
    assert looked and any(looked)  # look-ups were made, and some found a restated dating
