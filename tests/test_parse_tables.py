"""What the stages read of a parse once and share while reading it
(:func:`timeline.nlp.reading`, issue #20): the same sentence bounds and text as spaCy's
``Doc.sents``, ``Token.sent`` and ``Doc.text``; spaCy's own answer outside the reading,
where hooks are set or no sentence starts exist; nothing kept after the reading."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from timeline.nlp import (
    default_nlp,
    doc_text,
    reading,
    reads_parse,
    sentence_bounds,
    sentence_bounds_at,
    sentence_chars,
    sentence_starts,
    sentences,
)

TEXT = (
    "Slain journalist buried in Beirut\n\nHaddad, who was killed on Monday, was buried today. "
    "The army said it would investigate. \"We will find them,\" he said.\nIt rained."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _answers(doc: Doc) -> tuple[object, ...]:
    return (
        sentence_starts(doc),
        sentence_chars(doc),
        [sentence_bounds(token) for token in doc],
        [sentence_bounds_at(doc, token.i) for token in doc],
        doc_text(doc),
    )


def _spacy(doc: Doc) -> tuple[object, ...]:
    return (
        [s.start for s in doc.sents],
        [(s.start_char, s.end_char) for s in doc.sents],
        [(t.sent.start, t.sent.end) for t in doc],
        [(t.sent.start, t.sent.end) for t in doc],
        doc.text,
    )


def test_the_answers_of_spacy_inside_and_outside_a_reading(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert len(list(doc.sents)) > 2
    assert sentences(doc) is None  # not being read: spaCy answers
    assert _answers(doc) == _spacy(doc)
    with reading(doc):
        assert sentences(doc) is not None
        assert _answers(doc) == _spacy(doc)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["It rained.", "Markets fell 3%", "\n", "on Monday", "Who knew?", "  ", "Acme said"]), max_size=8))
def test_any_text_the_same_as_spacy(words: list[str]) -> None:
    doc = default_nlp()(" ".join(words))
    with reading(doc):
        assert _answers(doc) == _spacy(doc)


def test_a_parse_with_sentence_hooks_asks_spacy(nlp: Language) -> None:
    doc = nlp(TEXT)
    doc.user_hooks["sents"] = lambda d: iter([d[0 : len(d)]])  # one sentence, whatever the flags say
    with reading(doc):
        assert sentences(doc) is None
        assert sentence_starts(doc) == [0]
        assert sentence_chars(doc) == [(0, len(TEXT))]


def test_a_parse_without_sentence_starts_raises_as_spacy(nlp: Language) -> None:
    doc = nlp.make_doc("No parse here. Nor here.")
    with reading(doc):
        assert sentences(doc) is None
        with pytest.raises(ValueError):
            sentence_bounds(doc[0])
        with pytest.raises(ValueError):
            sentence_starts(doc)


def test_nested_readings_answer_for_the_parse_asked_about(nlp: Language) -> None:
    first, second = nlp("One sentence here."), nlp("Two. Sentences.")
    with reading(first):
        assert sentence_starts(first) == [0]
        with reading(second):
            assert sentence_starts(second) == [0, 2]
            assert sentence_starts(first) == [0]  # spaCy's answer, not the other parse's
        with reading(first):
            assert sentences(first) is not None
        assert sentences(first) is not None  # still being read
    assert sentences(first) is None


def test_a_parse_changed_after_a_reading_is_read_afresh(nlp: Language) -> None:
    doc = nlp("Markets fell. Prices rose.")
    with reading(doc):
        before = sentence_starts(doc)
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:2])
    with reading(doc):
        assert sentence_starts(doc) == [s.start for s in doc.sents] != before


def test_no_parse_is_kept_after_the_reading(nlp: Language) -> None:
    doc = nlp("Kept? Not after the reading.")
    with reading(doc):
        sentence_starts(doc)
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None


def test_reads_parse_reads_the_second_argument(nlp: Language) -> None:
    doc = nlp("Read. While called.")

    @reads_parse
    def ask(label: str, parsed: Doc) -> bool:
        return sentences(parsed) is not None

    assert ask("x", doc) and ask("x", parsed=doc)
    assert sentences(doc) is None


def test_a_span_text_is_the_text_at_its_offsets_also_in_joined_parses(nlp: Language) -> None:
    """``doc_text(doc)[span.start_char : span.end_char] == span.text`` (the finder of
    entity mentions slices names so), also for a long text parsed in blocks and joined."""
    from timeline.nlp import parse_texts

    text = "\n\n".join(f"Acme Corp. said on Monday that Jane Doe  would lead it.\nPrices rose {n}%." for n in range(6))
    saved = nlp.max_length
    nlp.max_length = 200
    try:
        (doc,) = parse_texts([text], nlp)
    finally:
        nlp.max_length = saved
    assert doc.text == text
    spans = [*doc.ents, *doc.sents, *(doc[i : i + 3] for i in range(len(doc) - 3))]
    with reading(doc):
        assert all(doc_text(doc)[span.start_char : span.end_char] == span.text for span in spans)


def test_line_breaks_and_the_memo_live_while_the_parse_is_read(nlp: Language) -> None:
    from timeline.nlp import line_breaks, parse_memo

    doc = nlp("Headline here\n\nThe story begins. It goes on\nacross a line.")
    assert line_breaks(doc) is None and parse_memo(doc) is None
    with reading(doc):
        assert line_breaks(doc) == [t.i for t in doc if "\n" in t.text]
        memo = parse_memo(doc)
        assert memo is not None
        memo["key",] = 1
        assert parse_memo(doc) is memo
    with reading(doc):
        assert parse_memo(doc) == {}


def test_line_block_the_same_inside_and_outside_a_reading(nlp: Language) -> None:
    from timeline.events._parse import _line_block

    doc = nlp("Photo: a caption\nruns into the story. Markets fell\non Monday\n\nand rose.")
    outside = [_line_block(token) for token in doc]
    with reading(doc):
        assert [_line_block(token) for token in doc] == outside


def test_known_text_only_once_joined(nlp: Language) -> None:
    from timeline.nlp import known_text

    doc = nlp("Acme Corp. said on Monday it would grow.")
    with reading(doc):
        assert known_text(doc) is None  # nobody joined it yet: the caller reads its spans
        assert doc_text(doc) == doc.text
        assert known_text(doc) == doc.text
    assert known_text(doc) is None


ENTITY_TAGS = st.lists(st.sampled_from(["O", "B-GPE", "I-GPE", "B-PERSON", "I-PERSON"]), min_size=1, max_size=12)


def _tagged_doc(tags: list[str]) -> Doc:
    """A Doc of len(tags) words with those IOB tags (a leading I- read as a B- by spaCy)."""
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=[f"w{k}" for k in range(len(tags))], ents=tags)


@given(tags=ENTITY_TAGS, data=st.data())
@settings(max_examples=200, deadline=None)
def test_entities_between_reads_the_iob_tags_as_span_ents_does(tags: list[str], data: st.DataObject) -> None:
    """``entities_between`` gives ``Span.ents`` of tokens start..end (the entities wholly
    within); with ``cut`` also the one running past the end, cut there."""
    from timeline.nlp import entities_between

    tags = ["B" + tag[1:] if tag.startswith("I") and (k == 0 or tags[k - 1] == "O") else tag for k, tag in enumerate(tags)]
    doc = _tagged_doc(tags)
    start = data.draw(st.integers(0, len(doc)))
    end = data.draw(st.integers(start, len(doc)))

    def bounds(spans: list) -> list[tuple[int, int, str]]:  # type: ignore[type-arg]
        return [(span.start, span.end, span.label_) for span in spans]

    assert bounds(entities_between(doc, start, end)) == bounds(list(doc[start:end].ents))
    crossing = [e for e in doc.ents if start <= e.start < end < e.end]
    expected_cut = sorted(bounds(list(doc[start:end].ents)) + [(e.start, end, e.label_) for e in crossing])
    assert bounds(entities_between(doc, start, end, cut=True)) == expected_cut
