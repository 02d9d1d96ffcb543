"""Long texts are parsed in blocks cut at paragraph breaks (issue #20): no text is
refused for the pipeline's max_length, memory stays bounded (benchmarks/scaling.py),
and what a later block needs from an earlier one (the previous date, the publication
date, the teasers' heading) is carried, since the blocks' parses are joined into one
Doc of the whole text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from timeline import build_timeline, find_times
from timeline.nlp import default_nlp, parse_texts, split_blocks


@pytest.fixture
def small_nlp() -> Iterator[Language]:
    """The default pipeline with a max_length of 200 characters, so that texts of a few
    sentences are long texts."""
    nlp = default_nlp()
    saved = nlp.max_length
    nlp.max_length = 200
    try:
        yield nlp
    finally:
        nlp.max_length = saved


class TestSplitBlocks:
    @given(st.text(alphabet=st.sampled_from("ab. \n\t"), max_size=400), st.integers(min_value=1, max_value=60))
    def test_blocks_join_back_and_fit(self, text: str, max_chars: int) -> None:
        """The blocks join back into the text and none is longer than max_chars."""
        blocks = split_blocks(text, max_chars)
        assert "".join(blocks) == text
        assert all(len(block) <= max_chars for block in blocks)

    def test_cuts_after_a_paragraph_break(self) -> None:
        """A block ends after a paragraph break when one lies in it."""
        text = "First paragraph here.\n\nSecond one, a bit longer. It goes on.\n\nThird."
        blocks = split_blocks(text, 40)
        assert blocks[0] == "First paragraph here.\n\n"


class TestLongTexts:
    def test_a_text_over_max_length_is_processed(self, small_nlp: Language) -> None:
        """A text over the pipeline's max_length is parsed in blocks, not refused, and
        the joined parse covers the whole text with its offsets."""
        text = "The junta took power in July 2023. " * 20
        (doc,) = parse_texts([text], small_nlp)
        assert doc.text == text and doc.has_annotation("DEP")
        mentions = find_times(text, nlp=small_nlp)
        assert [m.value for m in mentions] == ["2023-07"] * 20
        assert all(text[m.start : m.end] == m.text for m in mentions)

    def test_later_blocks_resolve_against_earlier_ones(self, small_nlp: Language) -> None:
        """"The next day" at the start of a block counts from the date at the end of
        the block before, and relative dates in later blocks from the publication date."""
        filler = "Officials spoke to reporters about the talks. " * 3
        text = f"{filler}\n\nThe talks began on March 3, 2021.\n\n{filler}\n\nThe next day, both sides left. " \
               f"Yesterday the minister resigned."
        blocks = split_blocks(text, small_nlp.max_length)
        assert "March 3" in blocks[0] and "The next day" not in blocks[0]
        mentions = {m.text: m.value for m in find_times(text, published="2021-06-10", nlp=small_nlp)}
        assert mentions == {"March 3, 2021": "2021-03-03", "The next day": "2021-03-04", "Yesterday": "2021-06-09"}

    def test_teasers_after_a_heading_in_an_earlier_block(self, small_nlp: Language) -> None:
        """The heading of other stories in one block makes the relative dates of the
        later blocks unresolved, as in a text parsed whole."""
        story = "The council voted on Tuesday to close the plant. " * 3
        teasers = "Related\n\n" + "\n\n".join(["On Thursday, a storm hit the coast of the island."] * 4)
        mentions = find_times(f"{story}\n\n{teasers}", published="2024-05-03", nlp=small_nlp)
        assert [m.resolved for m in mentions if m.text == "On Thursday" or m.text == "Thursday"] == [False] * 4
        assert all(m.resolved for m in mentions if m.text == "Tuesday")

    def test_build_timeline_takes_a_long_text(self, small_nlp: Language) -> None:
        """build_timeline dates the events of every block of a long text."""
        text = "\n\n".join(f"The company opened a plant in Ohio on May {day}, 2023." for day in range(1, 9))
        timeline = build_timeline([text], nlp=small_nlp)
        assert {event.when.value for event in timeline} == {f"2023-05-0{day}" for day in range(1, 9)}


class TestLongWords:
    def test_a_long_word_is_tokenized_in_pieces_of_the_same_text(self) -> None:
        """A run of non-space characters over LONG_WORD_CHARS is tokenized in pieces
        (spaCy's tokenizer takes time quadratic in one word's length); the Doc keeps
        the text, and the dates around the run keep their offsets."""
        from timeline.nlp import LONG_WORD_CHARS, tokenize

        nlp = default_nlp()
        run = "(\U0001f600$" * LONG_WORD_CHARS
        text = f"On May 3, 2024 it rained.\n\n{run} On May 5, 2024 it snowed. {run}"
        doc = tokenize(text, nlp)
        assert doc.text == text
        assert max(len(token.text) for token in doc) <= LONG_WORD_CHARS
        found = find_times(text, published="2024-05-03")
        assert [(m.text, m.value) for m in found] == [("May 3, 2024", "2024-05-03"), ("May 5, 2024", "2024-05-05")]
        assert all(text[m.start : m.end] == m.text for m in found)

    def test_ordinary_text_is_tokenized_as_spacy_does(self) -> None:
        """Without a run that long, tokenize is the pipeline's own make_doc (a
        230-character URL stays one token)."""
        from timeline.nlp import tokenize

        nlp = default_nlp()
        text = "Read it at https://example.com/" + "a" * 200 + " (it's \"free\") on May 3, 2024!"
        assert [t.text for t in tokenize(text, nlp)] == [t.text for t in nlp.make_doc(text)]
