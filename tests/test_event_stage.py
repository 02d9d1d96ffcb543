"""Tests of the layout of timeline.events: the four steps, the pluggable detector, and
that no step imports a later one."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Span

from timeline.documents import Document
from timeline.events import document_events
from timeline.events.detect import among
from timeline.nlp import default_nlp
from timeline.times.temporal import find_times_in_parsed

EVENTS = Path(__file__).resolve().parent.parent / "src" / "timeline" / "events"
STEPS = ["_parse", "detect", "learned", "attach", "date", "summary", "describe"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _imported_steps(module: str) -> set[str]:
    tree = ast.parse((EVENTS / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("module", STEPS)
def test_a_step_imports_only_the_steps_before_it(module: str) -> None:
    """detect -> attach -> date -> describe: no call back up the stage."""
    earlier = set(STEPS[: STEPS.index(module)])
    assert _imported_steps(module) <= earlier


def test_a_callers_detector_replaces_the_default(nlp: Language) -> None:
    """With a detector that finds only "talks" (no word of the event lexicon), the talks
    are the one event, dated March 3, and the verbs are no events."""
    text = "Negotiators held talks in Geneva on March 3, 2024, and signed nothing."
    document = Document(text=text, id="d", published=date(2024, 3, 5))
    parsed = nlp(text)
    times = find_times_in_parsed(document, parsed)

    def only_talks(doc: Doc) -> list[Span]:
        return [doc[t.i : t.i + 1] for t in doc if t.lower_ == "talks"]

    default = document_events(document, parsed, times)
    plugged = document_events(document, parsed, times, detect=only_talks, undated="inherit")
    assert [e.mentions[0].trigger_text for e in default] == ["held"]
    assert [(e.mentions[0].trigger_text, e.when.value) for e in plugged] == [("talks", "2024-03-03")]


def test_analyze_document_passes_the_detector_on(nlp: Language) -> None:
    """build.analyze_document(detect=...) reaches the detect step."""
    from timeline.build import analyze_document

    text = "Negotiators held talks in Geneva on March 3, 2024."
    document = Document(text=text, id="d", published=date(2024, 3, 5))

    def nothing(doc: Doc) -> list[Span]:
        return []

    assert analyze_document(document, nlp(text)).events
    assert analyze_document(document, nlp(text), detect=nothing).events == ()


def test_the_default_detector_reads_the_arrays_without_losing_a_trigger(nlp: Language) -> None:
    """The default detector looks only at the tokens its prefilter reads off the parse's
    arrays (verbs not under auxiliary or modifier dependencies, nouns with an event
    noun's lemma, roots tagged as nouns), and finds exactly what testing every token
    finds: on the seed articles and on sentences with a misread root, a compound verb,
    a capitalized event noun and auxiliaries."""
    from timeline.events._parse import load_lexicon
    from timeline.events.detect import is_lexicon_trigger, lexicon_detector

    lexicon = load_lexicon()
    detect = lexicon_detector(lexicon)
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt"))]
    texts += [
        "The central bank cut rates on Tuesday.",
        "The bank last cut rates in June.",
        "The Election was held on Sunday, and the Attack had been planned for weeks.",
        "Protests could have been avoided; the ruling junta has said nothing.",
    ]
    found_any = False
    for parsed in nlp.pipe(texts):
        expected = [token.i for token in parsed if is_lexicon_trigger(token, lexicon)]
        assert [token.i for token in detect(parsed)] == expected
        found_any = found_any or bool(expected)
    assert found_any


@given(
    st.lists(st.integers(min_value=0, max_value=12), max_size=40),
    st.lists(st.integers(min_value=0, max_value=12), max_size=6),
)
def test_among_is_isin(values: list[int], wanted: list[int]) -> None:
    """The detector's prefilter compares with each wanted value instead of calling
    ``numpy.isin``: the same mask, also for no values or nothing wanted."""
    array = numpy.array(values, dtype=numpy.uint64)
    assert among(array, wanted).tolist() == numpy.isin(array, wanted).tolist()


def test_attach_times_finds_each_times_event_once_with_the_same_datings(nlp: Language) -> None:
    """attach_times asks attached_event once per time for its targets and its datings;
    the datings are those anchor_mentions finds on its own (skipped bounds, dateline)."""
    from timeline.events import load_lexicon
    from timeline.events import attach
    from timeline.events._parse import time_spans

    text = (
        "BERLIN, March 3, 2024 (Reuters) - The company said on Monday that it sold the plant "
        "on Friday. Profits rose 5% in the quarter ended Dec. 29. The talks resume on Tuesday."
    )
    document = Document(text=text, id="d", published=date(2024, 3, 4))
    parsed = nlp(text)
    spans = time_spans(parsed, find_times_in_parsed(document, parsed))
    lexicon = load_lexicon()
    head = ((0, 33),)
    calls: list[int] = []
    original = attach.attached_event

    def counted(span: Span, *args: object, **kwargs: object) -> object:
        calls.append(span.start)
        return original(span, *args, **kwargs)  # type: ignore[arg-type]

    attach.attached_event = counted  # type: ignore[assignment]
    try:
        found = attach.attach_times(spans, lexicon, skip=head, dateline=head)
    finally:
        attach.attached_event = original
    assert len(calls) == len(set(calls)) >= 3  # each time once, not once per use
    alone = attach.anchor_mentions(spans, lexicon, head)
    assert {i: (a.trigger.token.i, a.time.span.start) for i, a in found.dated.items()} == {
        i: (a.trigger.token.i, a.time.span.start) for i, a in alone.items()
    }
    assert found.dated  # the test dates something
