"""Tests of timeline.build: build_timeline and extend, from documents to a Timeline.

The end-to-end tests run the real temporal engine and merge stage on small texts and on
the seed articles; the wiring tests replace the merge stage to see what reaches it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from spacy.language import Language

from timeline.build import analyze_document, build_timeline, extend, timeline_of, with_publication_date
from timeline.documents import Document
from timeline.times.temporal import find_times
from timeline.errors import DocumentTypeError, InvalidDateError, InvalidDocumentError
from timeline.merge import merge_events
from timeline.model import Event, Timeline
from timeline.nlp import default_nlp, parse_texts

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The default pipeline, loaded once (``default_nlp`` caches it for the session)."""
    return default_nlp()


def seed_documents() -> Iterator[Document]:
    """The two seed articles with their publication dates, as a generator."""
    for prefix, published in (("000", "2024-05-03"), ("004", "2023-09-18")):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        yield Document(text=path.read_text(encoding="utf-8"), id=prefix, published=published)


def dated_triggers(result: Timeline) -> set[tuple[str, str]]:
    return {(event.trigger, event.when.value) for event in result}


def test_empty_input_gives_an_empty_timeline() -> None:
    """No documents (a list or an exhausted generator) make an empty Timeline."""
    assert build_timeline([]) == Timeline()
    assert build_timeline(iter(())) == Timeline()


def test_seed_articles_end_to_end(nlp: Language) -> None:
    """From a generator of the seed articles, the timeline holds their key events in
    time order and lists both documents."""
    result = build_timeline(seed_documents(), nlp=nlp)
    assert result.documents == ("000", "004")
    assert {
        ("die", "2023-08-23"),
        ("accuse", "2023-09-09"),
        ("sign", "2023-09-16"),
        ("arrive", "2024-04"),
    } <= dated_triggers(result)
    starts = [event.when.start for event in result]
    assert starts == sorted(starts)  # type: ignore[type-var]
    # The coup: July 2023 in one article, June in the other; one event, the other date a conflict.
    coups = [e for e in result if {c.value for c in e.conflicts} | {e.when.value} == {"2023-06", "2023-07"}]
    assert len(coups) == 1
    assert coups[0].doc_ids == ("000", "004")
    # Teasers for other stories after "More from GZERO Media" on page 004 ("On Thursday,
    # Hamas promised ...", "earlier this week") are not dated from 004's publication
    # date; their absolute dates (Feb. 11 and 13, 2025) stay, not as plans.
    around_publication = [e for e in result if e.when.start and datetime(2023, 9, 17) <= e.when.start < datetime(2023, 10, 1)]
    assert around_publication == []
    assert {e.when.value for e in result if e.when.value.startswith("2025")} == {"2025-02-11", "2025-02-13"}
    assert not any(e.planned for e in result if e.when.value.startswith("2025"))


def test_plain_strings_and_mappings_are_accepted(nlp: Language) -> None:
    """Texts and mappings with text/id/published are documents too."""
    result = build_timeline(
        [
            "The junta seized power in a coup in July 2023.",
            {"id": "m", "text": "Russian troops arrived in Niger last month.", "published": "2024-05-03"},
        ],
        nlp=nlp,
    )
    assert {("seize", "2023-07"), ("arrive", "2024-04")} <= dated_triggers(result)
    assert "m" in result.documents


def test_publication_date_is_inferred_from_the_dateline(nlp: Language) -> None:
    """Without a given date, the dateline's date resolves "last month"."""
    text = "WASHINGTON, May 3, 2024 (Reuters) - Russian troops arrived in Niger last month."
    assert ("arrive", "2024-04") in dated_triggers(build_timeline([text], nlp=nlp))


def test_publication_time_with_a_utc_offset_dates_clock_times(nlp: Language) -> None:
    """A publication datetime with a UTC offset is read on the local clock: "at 11 p.m."
    in a past clause of a story filed at 9 a.m. (+05:00) is the evening before."""
    doc = Document(text="The suspect was arrested at 11 p.m.", published="2024-05-03T09:00:00+05:00")
    assert ("arrest", "2024-05-02T23:00") in dated_triggers(build_timeline([doc], nlp=nlp))


def test_undated_document_keeps_absolute_events_only(nlp: Language) -> None:
    """With no publication date at all, absolute dates are placed and relative ones are
    left out (the machine clock is never used)."""
    text = "The junta seized power in a coup in July 2023. Russian troops arrived in Niger last month."
    assert dated_triggers(build_timeline([text], nlp=nlp)) == {("seize", "2023-07")}


def test_with_publication_date_prefers_the_given_date() -> None:
    """A given publication date wins over the dateline; a missing one is filled in."""
    text = "WASHINGTON, May 3, 2024 (Reuters) - Troops arrived."
    assert with_publication_date(Document(text=text, published="2024-06-01")).published == date(2024, 6, 1)
    assert with_publication_date(Document(text=text)).published == date(2024, 5, 3)
    assert with_publication_date(Document(text="Troops arrived.")).published is None


def test_with_publication_date_takes_the_bylines_date_and_time() -> None:
    """A byline's clock time makes the inferred publication a datetime; a published date
    wins over an updated one."""
    text = "By Jane Doe | May 3, 2024 10:15 a.m. ET\nTroops arrived."
    assert with_publication_date(Document(text=text)).published == datetime(2024, 5, 3, 10, 15)
    both = "Headline\nUpdated: 10:32 AM EDT, Fri May 3, 2024\nPublished May 2, 2024\nTroops arrived."
    assert with_publication_date(Document(text=both)).published == date(2024, 5, 2)


def test_build_hands_single_mention_events_and_all_document_ids_to_merge(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """merge_events gets every document id (also those without events) and events with
    exactly one mention each."""
    calls: list[tuple[list[Event], list[str]]] = []

    def recording_merge(events: Iterable[Event], *, documents: Iterable[str] = ()) -> Timeline:
        calls.append((list(events), list(documents)))
        return Timeline()

    # build_timeline looks merge_events up in its own module, so that is where it is replaced
    monkeypatch.setattr(importlib.import_module("timeline.build"), "merge_events", recording_merge)
    docs = [
        {"id": "a", "text": "The junta seized power in a coup in July 2023."},
        {"id": "b", "text": "Nothing is dated here."},
    ]
    build_timeline(docs, nlp=nlp)
    ((events, documents),) = calls
    assert documents == ["a", "b"]
    assert [len(e.mentions) for e in events] == [1]
    assert events[0].mentions[0].doc_id == "a"


def test_bytes_are_refused() -> None:
    """Bytes, alone or in a list, are refused with a hint to decode them."""
    with pytest.raises(DocumentTypeError):
        build_timeline(b"Troops arrived.")
    with pytest.raises(DocumentTypeError, match="bytes"):
        build_timeline([b"Troops arrived."])


def test_texts_over_the_library_limit_are_refused(nlp: Language) -> None:
    """Over the library's limit (MAX_TEXT_CHARS): a clear error naming the document,
    not spaCy's error from deep inside. A text over a caller's smaller nlp.max_length
    is parsed in blocks instead (tests/test_long_texts.py)."""
    with pytest.raises(InvalidDocumentError, match="10,000,000"):
        build_timeline(["x" * 10_000_001])


def test_duplicate_ids_are_refused() -> None:
    """Two documents with one id are an error naming the id."""
    docs = [{"id": "x", "text": "One."}, {"id": "x", "text": "Two."}]
    with pytest.raises(InvalidDocumentError, match="duplicate id 'x'"):
        build_timeline(docs)


def test_bad_date_string_names_the_document() -> None:
    """An unreadable publication date is an error that names the document."""
    with pytest.raises(InvalidDateError, match="'story-9'"):
        build_timeline([{"id": "story-9", "text": "Troops arrived.", "published": "yesterday"}])


@pytest.mark.parametrize("docs", [42, None, 3.5])
def test_non_iterable_input_is_refused(docs: Any) -> None:
    """Something that is not a collection of documents is a type error."""
    with pytest.raises(DocumentTypeError, match="iterable"):
        build_timeline(docs)


def test_wrong_nlp_is_refused() -> None:
    """nlp must be a spaCy Language, checked even before any document is read."""
    with pytest.raises(DocumentTypeError, match="nlp"):
        build_timeline([], nlp="en_core_web_sm")  # type: ignore[arg-type]


def test_extend_adds_new_documents(nlp: Language) -> None:
    """extend merges the new documents' events into the timeline."""
    first = build_timeline([{"id": "a", "text": "The junta seized power in a coup in July 2023."}], nlp=nlp)
    both = extend(first, [{"id": "b", "text": "Prigozhin died in a plane crash on Aug. 23, 2023."}], nlp=nlp)
    assert both.documents == ("a", "b")
    assert {("seize", "2023-07"), ("die", "2023-08-23")} <= dated_triggers(both)


def test_extend_with_nothing_keeps_the_timeline(nlp: Language) -> None:
    """Extending with no documents returns the same timeline."""
    first = build_timeline([{"id": "a", "text": "The junta seized power in a coup in July 2023."}], nlp=nlp)
    assert extend(first, [], nlp=nlp) == first


def test_extend_refuses_a_document_already_in_the_timeline(nlp: Language) -> None:
    """A document id already in the timeline would count one source twice."""
    first = build_timeline([{"id": "a", "text": "The junta seized power in a coup in July 2023."}], nlp=nlp)
    with pytest.raises(InvalidDocumentError, match="'a' is already in the timeline"):
        extend(first, [{"id": "a", "text": "Another text."}], nlp=nlp)


def test_extend_refuses_a_non_timeline() -> None:
    """The first argument of extend must be a Timeline."""
    with pytest.raises(DocumentTypeError, match="Timeline"):
        extend([], [])  # type: ignore[arg-type]


def test_analyze_document_is_the_per_document_step_of_build(nlp: Language) -> None:
    """Analyzing documents one by one (in any order) and merging the results gives the
    timeline build_timeline gives (the entities clustered by timeline_of); the result is
    plain data with the times it used."""
    documents = list(seed_documents())
    # parsed as build_timeline parses (parse_texts: a sentence starts after a blank line)
    results = [analyze_document(d, next(parse_texts([d.text], nlp))) for d in reversed(documents)]
    merged = merge_events([e for r in results for e in r.events], documents=[d.id for d in documents])
    built = build_timeline(documents, nlp=nlp)
    # merge_events knows no publication dates nor entities; build_timeline adds them
    assert merged == attrs.evolve(built, publication_dates=(), entity_table=())
    assert [d.source for d in built.publication_dates] == ["given", "given"]
    assert timeline_of(results) == attrs.evolve(built, publication_dates=())
    assert built.entity_table and {m for e in built.entity_table for m in e.members} == {
        e.id for r in results for e in r.entities
    }
    assert all(m.start < m.end for r in results for m in r.times)
    assert {r.document.id for r in results} == {"000", "004"}
    with pytest.raises(ValueError, match="undated"):
        analyze_document(documents[0], nlp(documents[0].text), undated="guess")
