"""The sentences of a parse read once off its arrays (:func:`timeline.nlp.sentences`,
issue #20): the same token and character bounds as spaCy's ``Doc.sents`` and
``Token.sent``, a fall-back to spaCy where its answer may differ (sentence hooks, no
sentence starts), and no parse kept alive by the one-entry cache."""

from __future__ import annotations

import gc
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from timeline.nlp import default_nlp, sentence_bounds, sentence_bounds_at, sentence_chars, sentence_starts, sentences

TEXT = (
    "Slain journalist buried in Beirut\n\nHaddad, who was killed on Monday, was buried today. "
    "The army said it would investigate. \"We will find them,\" he said.\nIt rained."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


def _spacy_bounds(doc: Doc) -> list[tuple[int, int, int, int]]:
    return [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]


def test_the_sentences_of_spacy(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert len(list(doc.sents)) > 2
    assert [(start, end, *chars) for start, end, chars in zip(sentences(doc).starts, sentences(doc).ends, sentence_chars(doc))] == _spacy_bounds(doc)  # type: ignore[union-attr]
    assert sentence_starts(doc) == [s.start for s in doc.sents]
    for token in doc:
        assert sentence_bounds(token) == (token.sent.start, token.sent.end)
        assert sentence_bounds_at(doc, token.i) == (token.sent.start, token.sent.end)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["It rained.", "Markets fell 3%", "\n", "on Monday", "Who knew?", "  ", "Acme said"]), max_size=8))
def test_any_text_the_same_as_spacy(words: list[str]) -> None:
    doc = default_nlp()(" ".join(words))
    assert sentence_starts(doc) == [s.start for s in doc.sents]
    assert sentence_chars(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    assert [sentence_bounds(token) for token in doc] == [(t.sent.start, t.sent.end) for t in doc]


def test_a_parse_with_sentence_hooks_asks_spacy(nlp: Language) -> None:
    doc = nlp(TEXT)
    doc.user_hooks["sents"] = lambda d: iter([d[0 : len(d)]])  # one sentence, whatever the flags say
    assert sentences(doc) is None
    assert sentence_starts(doc) == [0]
    assert sentence_chars(doc) == [(0, len(TEXT))]


def test_a_parse_without_sentence_starts_raises_as_spacy(nlp: Language) -> None:
    doc = nlp.make_doc("No parse here. Nor here.")
    assert sentences(doc) is None
    with pytest.raises(ValueError):
        sentence_bounds(doc[0])
    with pytest.raises(ValueError):
        sentence_starts(doc)


def test_the_cache_follows_the_parse_asked_about(nlp: Language) -> None:
    first, second = nlp("One sentence here."), nlp("Two. Sentences.")
    assert sentence_starts(first) == [0]
    assert sentence_starts(second) == [0, 2]
    assert sentence_starts(first) == [0]  # not the last parse's table


def test_no_parse_is_kept_alive(nlp: Language) -> None:
    doc = nlp("Kept? Not by the cache.")
    sentence_starts(doc)
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None
