"""User-level probes of the event layer (build_timeline on short wire stories): each
table row is a case that a probe found wrong, with what a reader expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from timeline import build
from timeline.documents.dateline import infer_published, wire_head
from timeline.documents import Document
from timeline.model import Event
from timeline.nlp import default_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def events(nlp: Language, text: str, published: str = "2024-03-12") -> list[Event]:
    return list(build.build_timeline([Document(text, published=published)], nlp=nlp))


def dated(nlp: Language, text: str, published: str = "2024-03-12") -> list[tuple[str, str]]:
    return [(e.when.value, e.summary) for e in events(nlp, text, published)]


# --------------------------------------------------------------------------- wire heads


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("KYIV, March 12, 2024 (Reuters) - Talks collapsed.", "KYIV, March 12, 2024 (Reuters) -"),
        ("SÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won.", "SÃO PAULO, Oct. 31, 2022 (Reuters) -"),
        ("BRASÍLIA (AP) — Bolsonaro spoke.", "BRASÍLIA (AP) —"),
        ("WASHINGTON — The Senate voted.", "WASHINGTON —"),
        ("KYIV, Ukraine, March 12 (Reuters) - Talks collapsed.", "KYIV, Ukraine, March 12 (Reuters) -"),
        ("U.S. - China talks resumed on Monday.", None),
        ("BERLIN - Train drivers walked off the job on Friday.", "BERLIN -"),
        ("NEW DELHI - The court ruled on Monday.", "NEW DELHI -"),
        ("NATO - Russia talks resumed on Monday.", None),
        ("EU - China talks resumed on Monday.", None),
        ("UPDATE - The court ruled on Monday.", None),
        ("EDGAR HERNANDEZ - FIRST CONFIRMED CASE Edgar Hernandez says he feels fine.", None),
        ("NATO met on Monday.", None),
    ],
)
def test_wire_head_bounds(line: str, head: object) -> None:
    text = "Headline of the story\n" + line
    found = wire_head(text)
    assert (text[found[0] : found[1]] if found else None) == head


def test_dateline_place_in_any_script_dates_the_article() -> None:
    """"SÃO PAULO" and "BOGOTÁ" are capitals too."""
    assert str(infer_published("Lula wins\nSÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won.")) == "2022-10-31"
    assert str(infer_published("BOGOTÁ, Oct. 31, 2022 (Reuters) - Petro spoke.")) == "2022-10-31"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the filing place is no part of the lead's event
        (
            "Talks collapse\nKYIV, March 12, 2024 (Reuters) - Peace talks between Ukraine and Russia collapsed on Friday.",
            [("2024-03-08", "Peace talks between Ukraine and Russia collapsed")],
        ),
        (
            "Bolsonaro silent\nBRASÍLIA (AP) — Truckers blocked highways across the country on Monday.",
            [("2024-03-11", "Truckers blocked highways across the country")],
        ),
        # the dateline's date (accented place) dates no headline verb
        (
            "Lula wins Brazil runoff\nSÃO PAULO, Oct. 31, 2022 (Reuters) - Lula won the runoff on Sunday.",
            [("2022-10-30", "Lula won the runoff")],
        ),
    ],
)
def test_wire_head_is_not_part_of_the_lead_event(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    published = "2022-10-31" if "2022" in text else "2024-03-12"
    assert dated(nlp, text, published) == expected


def test_a_plain_hyphen_wire_head_is_no_participant(nlp: Language) -> None:
    """"BERLIN - Train drivers ...": the tagger glues the filing place to the lead's first
    word ("BERLIN - Train"); neither the summary nor the participants keep it."""
    text = "Strike halts German trains\n\nBERLIN - Train drivers in Germany walked off the job on Friday."
    (event,) = events(nlp, text, "2026-11-21")
    assert (event.when.value, event.summary) == ("2026-11-20", "Train drivers in Germany walked off the job")
    assert not any("BERLIN" in name for name in event.participants)


# --------------------------------------------------------------------------- event-anchored amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an exact amount shifts the date of the dated side to the other
        (
            "The Fed raised rates on March 22, two weeks after Silicon Valley Bank failed.",
            [("2023-03-08", "Silicon Valley Bank failed"), ("2023-03-22", "The Fed raised rates")],
        ),
        # an amount with a mod ("less than", "about", "more than") gives no date
        ("The Fed raised rates on March 22, less than two weeks after Silicon Valley Bank failed.", [("2023-03-22", "The Fed raised rates")]),
        ("The Fed raised rates on March 22, about two weeks after Silicon Valley Bank failed.", [("2023-03-22", "The Fed raised rates")]),
        ("The Fed raised rates on March 22, more than a week after Silicon Valley Bank failed.", [("2023-03-22", "The Fed raised rates")]),
    ],
)
def test_only_an_exact_amount_dates_the_other_event(nlp: Language, text: str, expected: list[tuple[str, str]]) -> None:
    assert dated(nlp, text, "2023-05-04") == expected


# --------------------------------------------------------------------------- summaries


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # a quantity on the verb is the news
        ("Inflation rose 4.9% in April from a year earlier.", "Inflation rose 4.9%"),
        ("The Dow fell 300 points on Monday.", "The Dow fell 300 points"),
        # a side remark after a comma, parsed as a second object, is left out
        ("The Federal Reserve raised interest rates by a quarter point on Wednesday, its 10th increase since March 2022.",
         "The Federal Reserve raised interest rates by a quarter point"),
    ],
)
def test_summary_keeps_amounts_and_drops_side_remarks(nlp: Language, text: str, summary: str) -> None:
    assert [s for _, s in dated(nlp, text, "2023-05-04")] == [summary]


# --------------------------------------------------------------------------- planned events


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Lula's inauguration is scheduled for January 1, 2023.", "inaugurate"),
        ("The vote is set for Monday.", "vote"),
        ("The summit was planned for June.", "summit"),
        ("The hearing is slated for March 21.", "hearing"),
        # not an event noun: the verb stays
        ("Prices were set on Monday.", "set"),
    ],
)
def test_verb_of_planning_stands_for_the_planned_event(nlp: Language, text: str, trigger: str) -> None:
    found = events(nlp, text, "2022-11-01")
    assert [e.trigger for e in found] == [trigger]


def test_swearing_in_and_inauguration_are_one_event(nlp: Language) -> None:
    docs = [
        Document("Lula's inauguration is scheduled for January 1, 2023.", id="ap", published="2022-11-01"),
        Document("Luiz Inácio Lula da Silva was sworn in as Brazil's president on Sunday, Jan. 1, 2023.", id="g", published="2023-01-02"),
    ]
    timeline = build.build_timeline(docs, nlp=nlp)
    assert [(e.when.value, e.doc_ids, e.planned) for e in timeline] == [("2023-01-01", ("ap", "g"), False)]


# --------------------------------------------------------------------------- quotes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a direct quote is the speaker's words, kept verbatim in its marks; the statement is the event
        (
            '"We did everything we could," Dmytro Kuleba told reporters in Kyiv on Monday.',
            [("2024-03-11", "tell", '"We did everything we could," Dmytro Kuleba told reporters in Kyiv')],
        ),
        ('"We will leave," the general said on Monday.', [("2024-03-11", "say", '"We will leave," the general said')]),
        # the same after another line (the parse then hangs the opening mark on the quoted verb)
        (
            'The minister spoke.\n"We did everything we could," Dmytro Kuleba told reporters in Kyiv on Monday.',
            [("2024-03-11", "tell", '"We did everything we could," Dmytro Kuleba told reporters in Kyiv')],
        ),
        ('"It\'s over," he said on Tuesday.', [("2024-03-12", "say", '"It\'s over," he said')]),
        # a long quote is left out rather than cut
        (
            "“This is a dark day for Ukraine and for all of Europe and for everyone who hoped for peace,” Kuleba said on Monday.",
            [("2024-03-11", "say", "Kuleba said")],
        ),
        # indirect speech: the reported past event is the event
        ("Kuleba said on Monday that the talks had collapsed.", [("2024-03-11", "collapse", "Kuleba said that the talks had collapsed")]),
    ],
)
def test_direct_quotes(nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(e.when.value, e.trigger, e.summary) for e in events(nlp, text)] == expected


def test_a_future_governor_does_not_make_a_finite_past_clause_planned(nlp: Language) -> None:
    """"we will never forget what happened this week": happened is past."""
    text = "We will never forget what happened in Istanbul this week, Kuleba said."
    assert [(e.when.value, e.planned) for e in events(nlp, text)] == [("2024-W11", False)]
    # a non-finite complement still takes its governor's modality
    assert [e.planned for e in events(nlp, "The government plans to sign the pact on Friday.", "2024-03-20")] == [True]


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("docs", "error", "words"),
    [
        (["Talks collapsed on May 3, 2024 \ud800."], "InvalidDocumentError", "lone surrogate"),
        (["Talks collapsed on May 3, 2024.", "Talks collapsed on May 3, 2024."], "InvalidDocumentError", "same text as document #0"),
        ([{"text": "a", "id": "x"}, {"text": "b", "id": "x"}], "InvalidDocumentError", "duplicate id 'x'"),
    ],
)
def test_bad_inputs_say_what_is_wrong(nlp: Language, docs: list[object], error: str, words: str) -> None:
    with pytest.raises(Exception) as raised:
        build.build_timeline(docs, nlp=nlp)
    assert type(raised.value).__name__ == error
    assert words in str(raised.value)


# --------------------------------------------------------------------------- long texts


def test_sentence_entities_are_the_documents_entities_in_the_sentence(nlp: Language) -> None:
    from timeline.nlp import entities_between

    text = (Path(__file__).resolve().parent.parent / "seeds" / "004_fb35a1da8638762c.txt").read_text(encoding="utf-8")
    parsed = nlp(text)
    for sentence in parsed.sents:
        expected = [(e.start, e.end, e.label_) for e in sentence.ents]
        assert [(e.start, e.end, e.label_) for e in entities_between(parsed, sentence.start, sentence.end, cut=True)] == expected


# --------------------------------------------------------------------------- corrections

_BODY = "Lawmakers approved the budget on Feb. 27, ending a months-long standoff."


@pytest.mark.parametrize(
    ("notice", "conflicts"),
    [
        # the date the correction takes back is no claim of the source
        ("Correction: An earlier version of this article said the budget was approved on Feb. 26.", set()),
        ("This story misstated the date: the budget was approved on Feb. 26, it said.", set()),
    ],
)
def test_a_retracted_date_is_no_disagreement(nlp: Language, notice: str, conflicts: set[str]) -> None:
    docs = [
        Document(f"{_BODY}\n\n{notice}", id="a", published="2024-03-01"),
        Document("The parliament approved the budget on Feb. 27 after weeks of talks.", id="b", published="2024-03-01"),
    ]
    budget = [e for e in build.build_timeline(docs, nlp=nlp) if "budget" in e.summary]
    assert [e.when.value for e in budget] == ["2024-02-27"]
    assert {c.value for c in budget[0].conflicts} == conflicts


def test_a_second_date_in_the_same_article_is_no_chained_conflict(nlp: Language) -> None:
    """Without a retraction, an article's second date for the budget is another report of
    its own: one article giving two dates never makes a conflict, and the clusters are
    coherent, so the Feb. 26 report does not join the Feb. 27 event through document b
    (a chain a/26 - b/27 - a/27) and no conflict is invented."""
    docs = [
        Document(f"{_BODY}\n\nAnother report said the budget was approved on Feb. 26.", id="a", published="2024-03-01"),
        Document("The parliament approved the budget on Feb. 27 after weeks of talks.", id="b", published="2024-03-01"),
    ]
    budget = [e for e in build.build_timeline(docs, nlp=nlp) if "budget" in e.summary]
    assert [(e.when.value, e.doc_ids, e.conflicts) for e in budget] == [
        ("2024-02-26", ("a",), ()),
        ("2024-02-27", ("a", "b"), ()),
    ]


# --------------------------------------------------------------------------- probe 2024-eprobe: multi-article stories


def _timeline(nlp: Language, docs: list[tuple[str, str, str]]) -> list[Event]:
    return list(build.build_timeline([Document(text, id=i, published=p) for i, p, text in docs], nlp=nlp))


def test_a_shift_by_months_gives_a_month(nlp: Language) -> None:
    """"six months after announcing the deal" says the month, not the day: it is no
    second date for the announcement of May 15 (it gave May 3, a conflict, and won the
    tie as the earlier date)."""
    found = _timeline(nlp, [
        ("m2", "2023-11-03", "Alder Pharma completed its acquisition of Birch Biotech on Thursday. Alder announced the deal on May 15."),
        ("m3", "2023-11-04", "Alder Pharma closed its purchase of Birch Biotech on Friday, six months after announcing the deal."),
    ])
    announced = [e for e in found if e.trigger == "announce"]
    assert [(e.when.value, e.conflicts, e.doc_ids) for e in announced] == [("2023-05-15", (), ("m2", "m3"))]
    # days and weeks stay exact
    assert dated(nlp, "Nemec was sworn in on Thursday, a week after Kovac resigned.", "2024-02-09")[0][0] == "2024-02-01"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "for <date>" on a verb of planning dates its event noun object, not the verb
        (
            "The rail workers' union called a nationwide strike for March 8 on Thursday.",
            "2024-03-01",
            [("2024-02-29", "call", False), ("2024-03-08", "strike", True)],
        ),
        ("Judge Ann Moore set sentencing for Jan. 18.", "2023-10-21", [("2024-01-18", "sentence", True)]),
        # a reduced relative clause of planning ("the strike planned for Friday") too
        ("The union postponed the vote planned for March 8.", "2024-03-01", [("2024-03-08", "vote", True)]),
        # not an event noun: the verb stays
        ("The company set a price for March 8.", "2024-03-01", [("2024-03-08", "set", True)]),
    ],
)
def test_a_planned_date_dates_the_planned_event(nlp: Language, text: str, published: str, expected: list[tuple[str, str, bool]]) -> None:
    assert [(e.when.value, e.trigger, e.planned) for e in events(nlp, text, published)] == expected


def test_the_event_after_a_connector_is_not_summarized_by_the_other_event(nlp: Language) -> None:
    """"struck on Wednesday, two days after the quake that killed ...": the quake's line
    is the quake, not the aftershock's clause (both read "A powerful aftershock ...")."""
    text = "A powerful aftershock struck southern Caldera on Wednesday, two days after the quake that killed more than 1,000 people."
    assert dated(nlp, text, "2023-02-09") == [
        ("2023-02-06", "The quake that killed more than 1,000 people"),
        ("2023-02-08", "A powerful aftershock struck southern Caldera after the quake"),
    ]


def test_a_quake_and_an_earthquake_are_one_event(nlp: Language) -> None:
    """Two words for one thing: a source that gives another day is a disagreement."""
    found = _timeline(nlp, [
        ("d1", "2023-02-07", "A magnitude 7.2 earthquake struck southern Caldera early on Monday."),
        ("d3", "2023-02-10", "A quake hit southern Caldera on Sunday, killing more than 1,200 people."),
    ])
    assert [(e.doc_ids, [c.value for c in e.conflicts]) for e in found] == [(("d1", "d3"), ["2023-02-06"])]


@pytest.mark.parametrize(
    ("text", "planned", "hypothetical"),
    [
        # "would" reported after a past verb is the future of then, not a possibility
        ("Nemec said she would name her cabinet next week.", True, False),
        ("The minister said on Monday that the government would sign the deal on Friday.", True, False),
        # a "would" of a condition stays hypothetical
        ("Nemec would name her cabinet next week if parliament agreed.", True, True),
    ],
)
def test_would_after_a_past_report_is_a_plan(nlp: Language, text: str, planned: bool, hypothetical: bool) -> None:
    found = events(nlp, text, "2024-02-02")
    assert [(e.planned, e.hypothetical) for e in found][-1:] == [(planned, hypothetical)]


@pytest.mark.parametrize(
    ("text", "summary", "trigger"),
    [
        # a particle parsed as an adverb is part of the verb
        ("Jan Kovac stepped down on Thursday amid a corruption scandal.", "Jan Kovac stepped down amid a corruption scandal", "step down"),
        ("Hurricane Lena came ashore near Port Arthur on Wednesday.", "Hurricane Lena came ashore near Port Arthur", "come ashore"),
        ("The rebels took over the airport on Monday.", "The rebels took over the airport", "take over"),
    ],
)
def test_a_particle_stays_with_its_verb(nlp: Language, text: str, summary: str, trigger: str) -> None:
    assert [(e.summary, e.trigger) for e in events(nlp, text, "2024-08-31")] == [(summary, trigger)]


def test_stepping_down_is_resigning(nlp: Language) -> None:
    found = _timeline(nlp, [
        ("r1", "2024-02-02", "Prime Minister Jan Kovac resigned on Thursday after a corruption scandal."),
        ("r2", "2024-02-09", "Petra Nemec was sworn in as prime minister on Thursday, a week after Jan Kovac stepped down amid a corruption scandal."),
    ])
    assert [(e.when.value, e.doc_ids) for e in found] == [("2024-02-01", ("r1", "r2")), ("2024-02-08", ("r2",))]


@pytest.mark.parametrize(
    ("docs", "merged"),
    [
        # the rest of a verb phrase follows the trigger the parser keeps ("found")
        ([("c3", "2023-10-21", "A jury convicted former Senator Tom Hale of bribery on Friday after three days of deliberations."),
          ("c4", "2024-01-19", "Former Senator Tom Hale was sentenced on Thursday. A jury found him guilty in October.")],
         ("c3", "c4")),
        # two days for one landfall: a disagreement, not two landfalls
        ([("t1", "2024-08-30", "Hurricane Lena made landfall near Port Arthur on Thursday as a Category 3 storm."),
          ("t2", "2024-08-31", "Hurricane Lena came ashore near Port Arthur on Wednesday, cutting power to 400,000 homes.")],
         ("t1", "t2")),
        ([("m2", "2023-11-03", "Alder Pharma completed its $12 billion acquisition of Birch Biotech on Thursday."),
          ("m3", "2023-11-04", "Alder Pharma closed its purchase of Birch Biotech on Friday, six months after announcing the deal.")],
         ("m2", "m3")),
        ([("j1", "2024-05-15", "Mehta met Japanese Prime Minister Kenji Sato on Tuesday."),
          ("j2", "2024-05-16", "Mehta, who arrived in Tokyo on Monday, held talks with Sato on Tuesday.")],
         ("j1", "j2")),
        ([("g1", "2024-11-07", "Mayor Ines Roca won a second term. Her challenger Tomas Vidal conceded on Wednesday."),
          ("g2", "2024-11-07", "Ines Roca was re-elected mayor of Cordova on Wednesday after the vote count ended. Vidal admitted defeat on Wednesday.")],
         ("g1", "g2")),
    ],
)
def test_a_verb_phrase_is_the_verb_it_means(nlp: Language, docs: list[tuple[str, str, str]], merged: tuple[str, ...]) -> None:
    """Verb phrases of merge_synonyms.tsv: "found guilty" is convicting, "made landfall"
    coming ashore, "closed its purchase" completing it, "held talks" meeting."""
    assert merged in [e.doc_ids for e in _timeline(nlp, docs)]


def test_found_not_guilty_is_no_conviction(nlp: Language) -> None:
    found = _timeline(nlp, [
        ("a", "2023-10-21", "A jury convicted Tom Hale of bribery on Friday."),
        ("b", "2023-10-21", "A jury found Tom Hale not guilty of bribery on Friday."),
    ])
    assert sorted(e.doc_ids for e in found) == [("a",), ("b",)]


def test_closing_a_plant_is_no_completed_deal(nlp: Language) -> None:
    """Only closing a deal is completing it ("close" alone also shuts a plant)."""
    found = _timeline(nlp, [
        ("a", "2023-11-03", "Alder Pharma completed its new plant in Ohio on Thursday."),
        ("b", "2023-11-03", "Alder Pharma closed its old plant in Ohio on Thursday."),
    ])
    assert sorted(e.doc_ids for e in found) == [("a",), ("b",)]


def test_trading_days_give_no_calendar_date(nlp: Language) -> None:
    """"Eight days after the vote" is a date; "eight trading days after" leaves weekends
    out, so no date can be counted from the vote (it would be a silent wrong one)."""
    base = "Parliament held a vote on March 3. Eight {}days after the vote, the government fell."
    assert ("2024-03-11", "The government fell") in dated(nlp, base.format(""), "2024-04-01")
    assert all(summary != "The government fell" for _, summary in dated(nlp, base.format("trading "), "2024-04-01"))


# --------------------------------------------------------------------------- who, in a summary

_ACME = (
    "Acme Corp. said on Tuesday that its quarterly profit rose 12%. The company will report full-year "
    "results on Feb. 20. It cut 500 jobs in November. Chief executive Jane Roe said demand was strong. "
    "She joined the firm in 2015."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "It" and "the company" stand for the earlier subject, through each other
        (_ACME, {("2025-11", "Acme Corp. cut 500 jobs"), ("2026-02-20", "Acme Corp. will report full-year results"), ("2015", "Jane Roe joined the firm")}),
        # a subject that is no name breaks the chain: the pronoun stays
        ("The plan was approved on Monday. It will cost $5 billion in 2027.", {("2027", "It will cost $5 billion")}),
        # an empty "it" stands for nothing
        ("Acme Corp. reported results on Monday. It rained in Boston on Tuesday.", {("2026-01-06", "It rained in Boston")}),
        ("Acme Corp. reported results on Monday. It was reported on Tuesday that the chief executive resigned.",
         {("2026-01-06", "It was reported that the chief executive resigned")}),
    ],
)
def test_a_subject_pronoun_is_named_in_the_summary(nlp: Language, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= set(dated(nlp, text, "2026-01-08"))


def test_a_named_pronoun_lets_reports_merge(nlp: Language) -> None:
    docs = [
        Document(_ACME, id="a", published="2026-01-08"),
        Document("Acme Corp. cut 500 jobs in November, a spokesman said.", id="b", published="2026-01-07"),
    ]
    cuts = [e for e in build.build_timeline(docs, nlp=nlp) if "500 jobs" in e.summary]
    assert len(cuts) == 1 and {m.doc_id for m in cuts[0].mentions} == {"a", "b"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme is likely to cut jobs in March.", ("2026-03", "Acme is likely to cut jobs")),
        ("Acme is due to report results on Feb. 20.", ("2026-02-20", "Acme is due to report results")),
    ],
)
def test_an_infinitive_after_an_adjective_keeps_its_frame(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    """"is likely to cut" read alone was "To cut jobs"."""
    assert dated(nlp, text, "2026-01-08") == [expected]
