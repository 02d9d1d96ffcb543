"""Tests of timeline.spacy_component: the "timeline_times" pipeline component.

The component's own behaviour is tested on Docs parsed by the default pipeline
(``TimeTagger`` called directly); the pipeline tests use a pipeline of their own with
the component added, so the cached default pipeline stays as every other test finds it.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from timeline.errors import InvalidDateError, InvalidDocumentError
from timeline.nlp import DEFAULT_MODEL, default_nlp, parse_texts
from timeline.model import TimeMention
from timeline.outputs import time_mention_to_dict
from timeline.spacy_component import FACTORY_NAME, TimeTagger, make_time_tagger, register_extensions
from timeline.times.temporal import find_times

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KEY = "timeline_times"
STORY = (
    "The junta seized power in July 2023. Two days later, talks failed. "
    "Prices have risen for three years; the council meets every Monday."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The default pipeline, loaded once (``default_nlp`` caches it for the session)."""
    return default_nlp()


@pytest.fixture(scope="module")
def pipeline() -> Language:
    """A pipeline of its own with the component after the NER, its date set to 2024-05-03."""
    own = spacy.load(DEFAULT_MODEL)
    own.add_pipe(FACTORY_NAME, config={"published": "2024-05-03"})
    return own


def found(doc: Doc, key: str = KEY) -> list[tuple[str, str, int, int, str]]:
    return [(s.text, s.label_, s.start_char, s.end_char, s._.timex.value) for s in doc.spans[key]]


def values(doc: Doc) -> dict[str, str]:
    return {s.text: s._.timex.value for s in doc.spans[KEY]}


class TestSpans:
    def test_each_expression_is_a_span_labelled_with_its_type(self, nlp: Language) -> None:
        """Every expression becomes a Span at its characters, labelled DATE, TIME,
        DURATION or SET, with its normalized value in span._.timex."""
        doc = TimeTagger(nlp, published="2024-05-03")(nlp(STORY))
        assert found(doc) == [
            ("July 2023", "DATE", 26, 35, "2023-07"),
            ("Two days later", "DATE", 37, 51, "2023-07"),
            ("three years", "DURATION", 89, 100, "P3Y"),
            ("every Monday", "SET", 120, 132, "XXXX-WXX-1"),
        ]

    def test_spans_hold_what_find_times_finds_in_the_same_text(self, nlp: Language) -> None:
        """On a seed article, span._.timex is, in order, each TimeMention that find_times
        returns for the text, and each Span covers that mention's characters."""
        (path,) = SEEDS.glob("004_*.txt")
        text = path.read_text(encoding="utf-8")
        expected = find_times(text, published="2023-09-18", nlp=nlp)
        # parsed as find_times parses (a sentence starts after each blank line); a plain
        # nlp(text) may place sentences otherwise, and then their indexes differ
        doc = TimeTagger(nlp, published="2023-09-18")(next(parse_texts([text], nlp)))
        spans = doc.spans[KEY]
        assert len(expected) > 10
        assert [s._.timex for s in spans] == expected
        assert [(s.start_char, s.end_char, s.label_) for s in spans] == [(m.start, m.end, m.type) for m in expected]

    def test_an_expression_inside_a_token_spans_the_whole_token(self, nlp: Language) -> None:
        """The two ends of "1939–45", one token for spaCy, make one Span over the token
        whose timex is the first end, carrying the whole period."""
        doc = TimeTagger(nlp)(nlp("Europe was at war in 1939–45."))
        (span,) = doc.spans[KEY]
        assert (span.text, span.label_) == ("1939–45", "DATE")
        assert (span._.timex.text, span._.timex.value) == ("1939", "1939")
        assert span._.timex.range is not None and span._.timex.range.value == "1939/1945"

    def test_spans_key_setting_names_the_span_group(self, nlp: Language) -> None:
        """With spans_key="times" the spans go to doc.spans["times"] and nowhere else."""
        doc = TimeTagger(nlp, spans_key="times", published="2024-05-03")(nlp(STORY))
        assert [text for text, *_ in found(doc, "times")] == ["July 2023", "Two days later", "three years", "every Monday"]
        assert KEY not in doc.spans

    def test_a_text_without_times_gets_an_empty_group(self, nlp: Language) -> None:
        """A Doc without expressions still gets its (empty) span group, so readers need
        no check for the key."""
        doc = TimeTagger(nlp)(nlp("The council met and voted."))
        assert list(doc.spans[KEY]) == []

    def test_doc_ents_are_left_as_the_ner_set_them(self, pipeline: Language) -> None:
        """doc.ents is the same with and without the component in the pipeline."""
        text = "Trading opened at 9 a.m. yesterday, two hours later than usual, in New York."
        with pipeline.select_pipes(disable=[FACTORY_NAME]):
            without = pipeline(text)
        with_times = pipeline(text)
        assert with_times.spans[KEY]
        assert [(e.start_char, e.end_char, e.label_) for e in with_times.ents] == [
            (e.start_char, e.end_char, e.label_) for e in without.ents
        ]


class TestPublicationDate:
    def test_setting_dates_relative_expressions(self, nlp: Language) -> None:
        """The component's published setting is the reference of "last month"."""
        doc = TimeTagger(nlp, published="2024-05-03")(nlp("Troops arrived last month."))
        assert values(doc) == {"last month": "2024-04"}

    @pytest.mark.parametrize("own_date", ["2023-01-15", date(2023, 1, 15)])
    def test_the_docs_own_date_wins_over_the_setting(self, nlp: Language, own_date: object) -> None:
        """doc._.timeline_published (ISO string or date) overrides the setting for that Doc."""
        tagger = TimeTagger(nlp, published="2024-05-03")
        doc = nlp("Troops arrived last month.")
        doc._.timeline_published = own_date
        assert values(tagger(doc)) == {"last month": "2022-12"}

    def test_without_either_the_dateline_gives_the_date(self, nlp: Language) -> None:
        """With no date set on the Doc or the component, the dateline's date is used."""
        doc = TimeTagger(nlp)(nlp("WASHINGTON, May 3, 2024 (Reuters) - Troops arrived last month."))
        assert values(doc)["last month"] == "2024-04"

    def test_with_no_date_at_all_relative_expressions_stay_unresolved(self, nlp: Language) -> None:
        """No date anywhere: "last month" keeps X's and says it is unresolved."""
        doc = TimeTagger(nlp)(nlp("Troops arrived last month."))
        (span,) = doc.spans[KEY]
        assert (span._.timex.value, span._.timex.resolved) == ("XXXX-XX", False)

    def test_a_wrong_date_on_the_doc_names_the_extension(self, nlp: Language) -> None:
        """An impossible doc._.timeline_published raises InvalidDateError naming it."""
        doc = nlp("Troops arrived last month.")
        doc._.timeline_published = "2024-02-30"
        with pytest.raises(InvalidDateError, match=r"doc\._\.timeline_published.*2024-02-30"):
            TimeTagger(nlp)(doc)


class TestSettingsAndErrors:
    @pytest.mark.parametrize("bad", ["2024-02-30", "May 3"])
    def test_a_wrong_published_setting_fails_when_the_pipeline_is_built(self, bad: str) -> None:
        """add_pipe with an impossible or non-ISO date raises InvalidDateError naming the
        setting and the value, and leaves the pipeline without the component."""
        blank = spacy.blank("en")
        with pytest.raises(InvalidDateError, match=rf"'published' setting.*{bad}"):
            blank.add_pipe(FACTORY_NAME, config={"published": bad})
        assert FACTORY_NAME not in blank.pipe_names

    @pytest.mark.parametrize("components", [[], ["sentencizer"]])
    def test_a_doc_without_a_parse_is_refused(self, components: list[str]) -> None:
        """Without a parser before it (blank pipeline, or sentences only) the component
        raises InvalidDocumentError telling to add it after the parser."""
        blank = spacy.blank("en")
        for component in components:
            blank.add_pipe(component)
        blank.add_pipe(FACTORY_NAME)
        with pytest.raises(InvalidDocumentError, match="after the parser"):
            blank("Troops arrived in May 2024.")

    def test_the_pipeline_analysis_asks_for_a_parser_before_it(self) -> None:
        """The factory declares that it needs token.dep, so nlp.analyze_pipes reports a
        component with no parser before it."""
        blank = spacy.blank("en")
        blank.add_pipe(FACTORY_NAME)
        analysis = blank.analyze_pipes(pretty=False)
        assert analysis is not None and analysis["problems"][FACTORY_NAME] == ["token.dep"]

    def test_the_settings_are_kept_in_the_pipeline_config(self) -> None:
        """spans_key and published are written to nlp.config and a pipeline rebuilt from
        that config has a component with the same settings."""
        blank = spacy.blank("en")
        blank.add_pipe(FACTORY_NAME, config={"spans_key": "times", "published": "2024-05-03"})
        settings = blank.config["components"][FACTORY_NAME]
        assert settings == {"factory": FACTORY_NAME, "spans_key": "times", "published": "2024-05-03"}
        rebuilt = spacy.blank("en").from_config(blank.config).get_pipe(FACTORY_NAME)
        assert isinstance(rebuilt, TimeTagger)
        assert (rebuilt.spans_key, rebuilt.published) == ("times", date(2024, 5, 3))

    def test_extensions_are_registered_once(self, nlp: Language) -> None:
        """A second component (or registration) keeps the extensions registered first."""

        def registered() -> tuple[object, ...]:
            return (Doc.get_extension("timeline_published"), Span.get_extension("timex"),
                    Span.get_extension("timex_data"))

        TimeTagger(nlp)
        before = registered()
        register_extensions()
        TimeTagger(nlp, name="other")
        assert registered() == before


class TestPipeline:
    def test_add_pipe_by_factory_name(self, pipeline: Language) -> None:
        """nlp.add_pipe("timeline_times") adds a TimeTagger after the existing components."""
        assert pipeline.pipe_names[-1] == FACTORY_NAME
        assert isinstance(pipeline.get_pipe(FACTORY_NAME), TimeTagger)

    def test_entry_point_names_the_registered_factory(self) -> None:
        """pyproject's spacy_factories entry point resolves to the function registered as
        "timeline_times", so an installed package needs no import before add_pipe."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        target = project["project"]["entry-points"]["spacy_factories"][FACTORY_NAME]
        module_name, function_name = target.split(":")
        entry = getattr(importlib.import_module(module_name), function_name)
        assert entry is make_time_tagger
        assert spacy.registry.factories.get(Language.get_factory_name(FACTORY_NAME)) is make_time_tagger

    def test_pipe_over_several_docs_dates_each_by_its_own(self, pipeline: Language) -> None:
        """nlp.pipe over Docs with different dates of their own gives each Doc its own
        spans, as calling the pipeline on each Doc does."""
        dates = ["2024-05-03", "2023-01-15", None]
        docs = []
        for own_date in dates:
            doc = pipeline.make_doc("Troops arrived last month. The junta seized power in July 2023.")
            doc._.timeline_published = own_date
            docs.append(doc)
        piped = [values(doc) for doc in pipeline.pipe(docs, batch_size=2)]
        assert [times["last month"] for times in piped] == ["2024-04", "2022-12", "2024-04"]
        assert all(times["July 2023"] == "2023-07" for times in piped)
        texts = [STORY, "Trading opened at 9 a.m. yesterday.", "The council met and voted."]
        assert [found(doc) for doc in pipeline.pipe(texts)] == [found(pipeline(text)) for text in texts]


def tagged(doc: Doc) -> list[tuple[int, int, str, TimeMention]]:
    return [(s.start_char, s.end_char, s.label_, s._.timex) for s in doc.spans[KEY]]


# STORY and a range inside one token, whose mention has a range and offsets that are
# not the Span's
RICH = STORY + " Europe was at war in 1939–45."


class TestSerialization:
    def test_timex_is_the_time_mention_kept_as_plain_data(self, pipeline: Language) -> None:
        """span._.timex_data holds the dict form of the TimeMention span._.timex gives,
        and msgpack writes and reads that dict unchanged."""
        doc = pipeline(RICH)
        for span in doc.spans[KEY]:
            data = span._.timex_data
            assert data == time_mention_to_dict(span._.timex)
            assert srsly.msgpack_loads(srsly.msgpack_dumps(data)) == data

    def test_setting_timex_writes_its_data(self, pipeline: Language) -> None:
        """Assigning a TimeMention (or None) to span._.timex sets span._.timex_data."""
        doc = pipeline(RICH)
        first, second, *_ = doc.spans[KEY]
        second._.timex = first._.timex
        assert second._.timex == first._.timex and second._.timex_data == first._.timex_data
        second._.timex = None
        assert second._.timex is None and second._.timex_data is None

    def test_doc_bytes_round_trip_keeps_spans_and_timex(self, pipeline: Language) -> None:
        """doc.to_bytes() then Doc(vocab).from_bytes() gives the same spans, each with a
        span._.timex equal to the original TimeMention (the range of "1939–45" too)."""
        doc = pipeline(RICH)
        restored = Doc(pipeline.vocab).from_bytes(doc.to_bytes())
        assert len(tagged(doc)) == 5 and tagged(doc)[-1][3].range is not None
        assert tagged(restored) == tagged(doc)

    def test_a_date_object_on_the_doc_is_kept_as_its_iso_string(self, pipeline: Language) -> None:
        """A date given in doc._.timeline_published is stored back as "2023-01-15", so the
        tagged Doc still goes through doc.to_bytes()."""
        doc = pipeline.make_doc("Troops arrived last month.")
        doc._.timeline_published = date(2023, 1, 15)
        doc = pipeline(doc)
        restored = Doc(pipeline.vocab).from_bytes(doc.to_bytes())
        assert restored._.timeline_published == "2023-01-15"
        assert values(restored) == {"last month": "2022-12"}

    def test_docbin_round_trip_keeps_spans_and_timex(self, pipeline: Language) -> None:
        """A DocBin with store_user_data=True, written to bytes and read back, gives Docs
        with the same spans and TimeMentions, and the Doc's own ISO date."""
        docs = []
        for text, own_date in [(RICH, "2023-01-15"), ("Troops arrived last month.", None)]:
            doc = pipeline.make_doc(text)
            doc._.timeline_published = own_date
            docs.append(pipeline(doc))
        docbin = DocBin(store_user_data=True, docs=docs)
        restored = list(DocBin().from_bytes(docbin.to_bytes()).get_docs(pipeline.vocab))
        assert [tagged(doc) for doc in restored] == [tagged(doc) for doc in docs]
        assert [doc._.timeline_published for doc in restored] == ["2023-01-15", None]
        assert values(restored[1]) == {"last month": "2024-04"}

    def test_pipe_in_two_processes_gives_what_one_process_gives(self, pipeline: Language) -> None:
        """nlp.pipe(texts, n_process=2), whose workers send their Docs back as bytes,
        gives the same spans and TimeMentions as n_process=1 (spawns two processes)."""
        texts = [RICH, "Trading opened at 9 a.m. yesterday.", "Troops arrived last month."]
        one = [tagged(doc) for doc in pipeline.pipe(texts, n_process=1)]
        two = [tagged(doc) for doc in pipeline.pipe(texts, n_process=2, batch_size=1)]
        assert all(one) and two == one

    def test_a_fresh_process_reads_timex_after_importing_the_module(self, pipeline: Language, tmp_path: Path) -> None:
        """Doc bytes written here, read in a new interpreter that only imports
        timeline.spacy_component (no component made), give the same TimeMentions."""
        doc = pipeline(RICH)
        (tmp_path / "doc.bin").write_bytes(doc.to_bytes())
        script = (
            "import json, sys, spacy, timeline.spacy_component\n"
            "from spacy.tokens import Doc\n"
            "from timeline.outputs import time_mention_to_dict\n"
            "doc = Doc(spacy.blank('en').vocab).from_bytes(open(sys.argv[1], 'rb').read())\n"
            "print(json.dumps([time_mention_to_dict(s._.timex) for s in doc.spans['timeline_times']]))\n"
        )
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "doc.bin")],
                                capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == [time_mention_to_dict(s._.timex) for s in doc.spans[KEY]]
