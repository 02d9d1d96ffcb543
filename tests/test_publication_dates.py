"""Timeline.publication_dates: each document's publication date as used (given, from
its dateline, or none), in build_timeline's results, merge, and the JSON form."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import timeline
from timeline.build import read_documents
from timeline.errors import InvalidDateError, InvalidDocumentError
from timeline.merge import merge
from timeline.model import PublicationDate, Timeline
from timeline.outputs import timeline_from_dict


def test_publication_dates_say_given_dateline_or_none() -> None:
    """Each document's date as used and where it came from, sorted by id."""
    documents, dates = read_documents([
        {"id": "b", "text": "NIAMEY, Niger, Sept. 16, 2023 (AP) — The junta signed a pact."},
        {"id": "a", "text": "The junta signed a pact.", "published": "2023-09-18"},
        {"id": "c", "text": "The junta signed a pact on Saturday."},
    ])
    assert [(d.doc_id, d.published, d.source) for d in dates] == [
        ("a", date(2023, 9, 18), "given"), ("b", date(2023, 9, 16), "dateline"), ("c", None, "none")]
    assert [d.published for d in documents] == [date(2023, 9, 16), date(2023, 9, 18), None]


def test_publication_date_record_is_consistent() -> None:
    with pytest.raises(ValueError, match="source"):
        timeline.PublicationDate("a", None, "given")
    with pytest.raises(ValueError, match="must be one of"):
        timeline.PublicationDate("a", date(2024, 1, 1), "guessed")


def test_json_round_trip_and_older_files() -> None:
    """Dates and datetimes with offsets come back equal; a file without the key reads
    as no dates, and a timeline without dates writes no key."""
    tl = Timeline(
        documents=("a", "b", "c"),
        publication_dates=(
            PublicationDate("a", date(2024, 5, 3), "given"),
            PublicationDate("b", datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=5))), "dateline"),
            PublicationDate("c", None, "none"),
        ),
    )
    data = tl.to_dict()
    assert data["publication_dates"][1] == {"doc_id": "b", "published": "2024-05-03T14:00:00+05:00", "source": "dateline"}
    assert Timeline.from_dict(data) == tl
    del data["publication_dates"]
    assert Timeline.from_dict(data).publication_dates == ()
    assert "publication_dates" not in Timeline(documents=("a",)).to_dict()


@pytest.mark.parametrize(
    ("item", "error", "message"),
    [
        ({"doc_id": "a", "published": "2024-05-03", "source": "guessed"}, InvalidDocumentError, "source must be one of"),
        ({"doc_id": "a", "published": "03/05/2024", "source": "given"}, InvalidDateError, "publication_dates\\[0\\].published"),
        ({"doc_id": "a", "published": None, "source": "given"}, InvalidDocumentError, "a date needs"),
        ({"doc_id": 7, "published": None, "source": "none"}, InvalidDocumentError, "doc_id must be str"),
        ({"published": None, "source": "none"}, InvalidDocumentError, "has no 'doc_id'"),
    ],
)
def test_from_dict_names_the_bad_publication_date(item: dict[str, Any], error: type[Exception], message: str) -> None:
    data = {"format": "news-timeline", "version": 1, "documents": ["a"], "publication_dates": [item], "events": []}
    with pytest.raises(error, match=message):
        timeline_from_dict(data)


def test_merge_keeps_every_document_date() -> None:
    a = Timeline(documents=("a",), publication_dates=(PublicationDate("a", date(2024, 5, 3), "given"),))
    b = Timeline(documents=("b",), publication_dates=(PublicationDate("b", None, "none"),))
    assert merge(a, b).publication_dates == merge(b, a).publication_dates == (*a.publication_dates, *b.publication_dates)
