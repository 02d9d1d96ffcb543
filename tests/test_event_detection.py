"""Tests of the learned event detector (timeline.events.learned) and find_events.

The example sentences are fresh news sentences (not from TempEval-3); their expected
events and classes follow the TimeML guidelines and were written down before the
detector was run on them. The benchmark test scores weights trained on TimeBank only
(kept under tests/data, not shipped) on AQUAINT documents, which it never saw.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import EventMention, find_events
from timeline.errors import DocumentTypeError, InvalidDateError, InvalidDocumentError, ResourceError, TimelineError
from timeline.events.learned import (
    FEATURE_VERSION,
    EventModel,
    default_model,
    detect_in_parsed,
    load_model_file,
    save_model,
    verb_attributes,
)
from timeline.nlp import default_nlp

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPEVAL = REPO_ROOT.parent / "shared" / "data" / "tempeval3"
TIMEBANK_ONLY_MODEL = Path(__file__).parent / "data" / "event_detector_timebank.json.gz"


def _events(text: str) -> dict[str, EventMention]:
    return {m.text: m for m in find_events(text)}


# (sentence, events that must be found with their TimeML class or None for any class,
#  words that must not be events)
EXAMPLES = [
    (
        "The company announced on Tuesday that it would acquire its rival for $2 billion.",
        {"announced": "REPORTING", "acquire": None},
        ["company", "Tuesday", "rival", "billion"],
    ),
    (
        "Rescue workers searched the rubble after the earthquake killed at least 200 people, officials said.",
        {"searched": "OCCURRENCE", "earthquake": "OCCURRENCE", "killed": "OCCURRENCE", "said": "REPORTING"},
        ["workers", "rubble", "people", "officials"],
    ),
    (
        "The president resigned last week amid protests over the election.",
        {"resigned": "OCCURRENCE", "protests": "OCCURRENCE", "election": "OCCURRENCE"},
        ["president", "week"],
    ),
    (
        "Shares fell 5 percent after the merger was blocked by regulators.",
        {"fell": "OCCURRENCE", "merger": "OCCURRENCE", "blocked": None},
        ["Shares", "percent", "regulators"],
    ),
    (
        "Police said the suspect had fled the country before the attack.",
        {"said": "REPORTING", "fled": "OCCURRENCE", "attack": "OCCURRENCE"},
        ["Police", "suspect", "country"],
    ),
    (
        "The airline began cutting flights in March and expects to resume service in the fall.",
        {"began": "ASPECTUAL", "cutting": "OCCURRENCE", "expects": None, "resume": None},
        ["airline", "flights", "March", "fall"],
    ),
]


class TestFindEventsExamples:
    @pytest.mark.parametrize(("text", "expected", "non_events"), EXAMPLES)
    def test_expected_events_and_classes(self, text: str, expected: dict[str, str | None], non_events: list[str]) -> None:
        """Each listed word is found as an event, with its TimeML class where one is given."""
        found = _events(text)
        for word, event_class in expected.items():
            assert word in found, (word, sorted(found))
            if event_class is not None:
                assert found[word].event_class == event_class, (word, found[word])

    @pytest.mark.parametrize(("text", "expected", "non_events"), EXAMPLES)
    def test_entities_and_times_are_not_events(self, text: str, expected: dict[str, str | None], non_events: list[str]) -> None:
        """Participants, places and times ("the company", "Tuesday", "the president") are not events."""
        found = _events(text)
        assert not set(non_events) & set(found), sorted(found)

    def test_sentence_without_events(self) -> None:
        """A headline of names and a date has no event."""
        assert find_events("Apple Inc. and Microsoft Corp., Tuesday, March 3") == []


# (sentence, word, tense, aspect, polarity, modality)
ATTRIBUTES = [
    ("The talks have collapsed.", "collapsed", "PRESENT", "PERFECTIVE", "POS", None),
    ("Negotiators were meeting in Geneva.", "meeting", "PAST", "PROGRESSIVE", "POS", None),
    ("The plant will close next year.", "close", "FUTURE", "NONE", "POS", None),
    ("The firm did not comment.", "comment", "PAST", "NONE", "NEG", None),
    ("The deal could collapse.", "collapse", "NONE", "NONE", "POS", "could"),
    ("The bank plans to expand abroad.", "expand", "INFINITIVE", "NONE", "POS", None),
    ("Troops attacked the city.", "attacked", "PAST", "NONE", "POS", None),
    ("The storm, moving north, hit the coast.", "moving", "PRESPART", "NONE", "POS", None),
]


class TestAttributes:
    @pytest.mark.parametrize(("text", "word", "tense", "aspect", "polarity", "modality"), ATTRIBUTES)
    def test_tense_aspect_polarity_modality(
        self, text: str, word: str, tense: str, aspect: str, polarity: str, modality: str | None
    ) -> None:
        """Tense, aspect, polarity and modality follow TimeML's MAKEINSTANCE conventions."""
        token = next(t for t in default_nlp()(text) if t.text == word)
        assert verb_attributes(token) == (tense, aspect, polarity, modality)

    def test_noun_events_have_no_tense(self) -> None:
        """An event noun has tense and aspect NONE."""
        found = _events("The explosion damaged several buildings.")
        assert found["explosion"].tense == "NONE" and found["explosion"].aspect == "NONE"


NEWS_WORDS = ["The", "minister", "said", "talks", "collapsed", "on", "Monday", "after", "protests", "in", "Paris", ",",
              "and", "shares", "fell", "sharply", ".", "police", "arrested", "two", "men", "who", "will", "appear", "court"]


class TestProperties:
    @settings(max_examples=15)
    @given(st.lists(st.sampled_from(NEWS_WORDS), min_size=1, max_size=25))
    def test_offsets_cut_out_the_text_in_order(self, words: list[str]) -> None:
        """Every mention's text is text[start:end], its score at least the threshold; mentions are sorted and do not overlap."""
        text = " ".join(words)
        mentions = find_events(text)
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.text
            assert default_model().threshold <= mention.score <= 1.0
        spans = [(m.start, m.end) for m in mentions]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))

    def test_deterministic_and_same_for_str_document_and_doc(self) -> None:
        """The same text gives the same mentions as a str, a Document, a mapping and a parsed Doc."""
        text = "Rebels seized the airport on Friday, and the government declared a state of emergency."
        as_str = find_events(text)
        assert as_str == find_events(text)
        assert as_str == find_events(timeline.Document(text=text))
        assert as_str == find_events({"text": text, "id": "x"})
        assert as_str == find_events(default_nlp()(text))
        assert {"seized", "declared"} <= {m.text for m in as_str}

    def test_punctuation_stuck_to_a_word_is_left_out(self) -> None:
        """A token with a dash stuck to it ("said--") gives the mention "said"."""
        found = _events("He said-- it fell.")
        assert "said" in found and found["said"].start == 3

    def test_hyphenated_word_is_one_mention(self) -> None:
        """A hyphen-joined event word ("re-election") is one mention covering the whole word."""
        found = _events("The senator won re-election in November.")
        assert "re-election" in found and "election" not in found


class TestArguments:
    def test_bytes_are_refused(self) -> None:
        """Bytes raise DocumentTypeError, a TimelineError."""
        with pytest.raises(DocumentTypeError):
            find_events(b"Troops attacked the city.")  # type: ignore[arg-type]

    def test_wrong_type_is_refused(self) -> None:
        """A number is no document."""
        with pytest.raises(TimelineError, match="document"):
            find_events(42)

    def test_mapping_without_text(self) -> None:
        """A mapping without 'text' names the missing key."""
        with pytest.raises(InvalidDocumentError, match="text"):
            find_events({"body": "Troops attacked the city."})

    def test_bad_published_date(self) -> None:
        """An unreadable publication date raises InvalidDateError naming the field."""
        with pytest.raises(InvalidDateError, match="published"):
            find_events("Troops attacked the city.", published="someday")

    def test_nlp_must_be_a_pipeline(self) -> None:
        """nlp that is no spaCy Language raises DocumentTypeError."""
        with pytest.raises(DocumentTypeError, match="nlp"):
            find_events("Troops attacked the city.", nlp="en")  # type: ignore[arg-type]

    def test_doc_without_parse(self) -> None:
        """A Doc from a blank pipeline (no parser) raises InvalidDocumentError, not a wrong answer."""
        with pytest.raises(InvalidDocumentError, match="parse"):
            find_events(spacy.blank("en")("Troops attacked the city."))

    def test_pipeline_without_parser(self) -> None:
        """A caller's pipeline without a parser raises InvalidDocumentError."""
        with pytest.raises(InvalidDocumentError, match="parse"):
            find_events("Troops attacked the city.", nlp=spacy.blank("en"))


class TestModelFile:
    def test_shipped_weights_are_versioned(self) -> None:
        """The shipped weights carry their feature version, training data, date and threshold."""
        model = default_model()
        assert model.labels[0] == "NONE" and len(model.labels) == 8
        assert set(model.metadata["trained_on"]) == {"TimeBank", "AQUAINT"}
        assert len(model.training_documents) == 256
        assert model.metadata["date"] and 0 < model.threshold < 1

    def test_round_trip(self, tmp_path: Path) -> None:
        """save_model then load_model_file gives the same weights and metadata."""
        model = EventModel(labels=("NONE", "OCCURRENCE"), intercepts=(0.5, -0.5), weights={"bias": [0.0, 1.0]}, metadata={"date": "x"})
        for name in ("m.json", "m.json.gz"):
            save_model(model, tmp_path / name)
            loaded = load_model_file(tmp_path / name)
            assert loaded.labels == model.labels and loaded.intercepts == model.intercepts
            assert dict(loaded.weights) == {"bias": [0.0, 1.0]} and loaded.metadata == {"date": "x"}

    def test_same_weights_same_bytes(self, tmp_path: Path) -> None:
        """Saving the same weights under two names gives the same bytes (no time stamp or name in the gzip header)."""
        model = EventModel(labels=("NONE", "STATE"), intercepts=(0.0, 0.0), weights={"w=be": [0.1, -0.1]})
        save_model(model, tmp_path / "a.json.gz")
        save_model(model, tmp_path / "other.json.gz")
        assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "other.json.gz").read_bytes()

    def test_stale_feature_version_is_refused(self, tmp_path: Path) -> None:
        """Weights of another feature version raise ResourceError naming the file."""
        data = {"format": "timeline-event-detector", "feature_version": FEATURE_VERSION + 1, "labels": ["NONE", "STATE"], "intercepts": [0, 0], "weights": {}}
        path = tmp_path / "old.json.gz"
        path.write_bytes(gzip.compress(json.dumps(data).encode()))
        with pytest.raises(ResourceError, match="old.json.gz"):
            load_model_file(path)

    def test_not_a_weights_file(self, tmp_path: Path) -> None:
        """A file that is not JSON raises ResourceError."""
        path = tmp_path / "junk.json"
        path.write_text("not json")
        with pytest.raises(ResourceError, match="junk.json"):
            load_model_file(path)

    def test_model_decides(self) -> None:
        """detect_in_parsed follows the weights it is given: a model that says NONE everywhere finds nothing."""
        silent = EventModel(labels=("NONE", "OCCURRENCE"), intercepts=(10.0, -10.0), weights={})
        assert detect_in_parsed(default_nlp()("Troops attacked the city."), silent) == []


class TestEventMention:
    def test_values_are_checked(self) -> None:
        """A class outside TimeML's is refused with the field named."""
        with pytest.raises(ValueError, match="event_class"):
            EventMention(text="x", start=0, end=1, event_class="EVENT")

    def test_json_form(self) -> None:
        """to_dict gives every field by name."""
        mention = EventMention(text="fell", start=7, end=11, event_class="OCCURRENCE", tense="PAST")
        assert mention.to_dict()["tense"] == "PAST" and mention.to_dict()["start"] == 7 and mention.span == (7, 11)


class TestLearnedDetectorInTheEventStage:
    def test_plugs_into_document_events(self) -> None:
        """learned_detector() as document_events' detector dates an event noun outside the word lists ("the rollout")."""
        from datetime import date

        from timeline.events.learned import learned_detector
        from timeline.events import document_events
        from timeline.times.temporal import find_times_in_parsed

        text = "The rollout of the vaccine began on March 3, 2024, officials said."
        document = timeline.Document(text=text, id="d", published=date(2024, 3, 5))
        parsed = default_nlp()(text)
        times = find_times_in_parsed(document, parsed)
        detected = [t.text for t in learned_detector()(parsed)]
        assert "rollout" in detected and "vaccine" not in detected and "officials" not in detected
        events = document_events(document, parsed, times, detect=learned_detector())
        assert "2024-03-03" in {e.when.value for e in events}


class TestInheritEventsPolicy:
    def test_states_inherit_no_date_only_with_inherit_events(self) -> None:
        """undated="inherit_events" leaves out a verb the detector reads as a state ("remains"); "inherit" keeps it; both keep "searching"."""
        from timeline import build_timeline

        docs = [{"text": "Police are searching the house. The suspect remains in custody.", "id": "d", "published": "2024-05-03"}]
        triggers = {
            policy: {m.trigger_text for event in build_timeline(docs, undated=policy) for m in event.mentions}
            for policy in ("inherit", "inherit_events")
        }
        assert {"searching", "remains"} <= triggers["inherit"]
        assert "searching" in triggers["inherit_events"] and "remains" not in triggers["inherit_events"]

    def test_unknown_policy_still_refused(self) -> None:
        """A misspelt policy names the allowed ones, inherit_events among them."""
        from timeline import build_timeline

        with pytest.raises(ValueError, match="inherit_events"):
            build_timeline(["Troops attacked the city."], undated="inherit_event")
