"""The names an event shows (``Event.participants``, :func:`timeline.events.describe.participants`):
no demonym modifying a noun, no place qualifying a title before a name, no name of
another verb's clause; a demonym heading its noun phrase, the event's own names and the
names of a reported clause stay. Each row runs through the parse and ``build_timeline``."""

from __future__ import annotations

import pytest
from spacy.language import Language

from timeline import Document, build_timeline
from timeline.nlp import default_nlp

PUBLISHED = "2024-06-14"

# (text, trigger word, names that must be shown, names that must not be)
ROWS = [
    # demonyms modifying a noun: no participant; the person after the title is
    (
        "Chinese President Xi Jinping met French President Emmanuel Macron in Paris on Monday.",
        "met",
        ("Xi Jinping", "Emmanuel Macron", "Paris"),
        ("Chinese", "French"),
    ),
    ("The Polish parliament elected Donald Tusk as prime minister on Monday.", "elected", ("Donald Tusk",), ("Polish",)),
    (
        "Ukrainian President Volodymyr Zelenskiy arrived in Washington on Wednesday, his first trip abroad since the Russian invasion.",
        "arrived",
        ("Volodymyr Zelenskiy", "Washington"),
        ("Ukrainian", "Russian"),
    ),
    # a place qualifying a title before a name
    ("Argentina's President Javier Milei devalued the peso on Tuesday.", "devalued", ("Javier Milei",), ("Argentina",)),
    ("U.S. President Joe Biden signed the bill on Friday.", "signed", ("Joe Biden",), ("U.S.",)),
    # names in a clause of another verb
    (
        "Saudi Arabia and Iran agreed on Friday to restore diplomatic ties, in a deal brokered by China.",
        "agreed",
        ("Saudi Arabia", "Iran"),
        ("China",),
    ),
    (
        "Hurricane Helene made landfall in Florida on Thursday before tearing through Georgia and the Carolinas.",
        "made",
        ("Florida",),
        ("Georgia", "Carolinas"),
    ),
    # must-show: a demonym heading its noun phrase, a place of the event's own clause,
    # the names of a reported clause (the merge matches statements by them), of a "to"
# complement
    ("The Russians captured Bakhmut on Saturday.", "captured", ("Russians",), ()),
    ("Russian troops shelled Kharkiv on Saturday.", "shelled", ("Kharkiv",), ("Russian",)),
    ("Prime Minister Rishi Sunak announced on Wednesday that Britain would hold a general election.", "announced", ("Rishi Sunak", "Britain"), ()),
    ("France refused on Monday to recognize Niger's new military government.", "refused", ("France", "Niger"), ()),
    ("State radio reported on Monday that rebels had captured Goma.", "captured", ("Goma",), ()),
    ("Paris police arrested a man near the Louvre on Tuesday.", "arrested", ("Louvre",), ()),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return default_nlp()


@pytest.mark.parametrize(("text", "trigger", "shown", "not_shown"), ROWS)
def test_names_shown(nlp: Language, text: str, trigger: str, shown: tuple[str, ...], not_shown: tuple[str, ...]) -> None:
    timeline = build_timeline([Document(text, id="d", published=PUBLISHED)], nlp=nlp, undated="inherit")
    events = [event for event in timeline.events if any(m.trigger_text == trigger for m in event.mentions)]
    assert events, f"no event for {trigger!r}"
    names = {name for event in events for name in event.participants}
    for name in shown:
        assert name in names, f"{name!r} not shown for {trigger!r}: {sorted(names)}"
    for name in not_shown:
        assert name not in names, f"{name!r} shown for {trigger!r}: {sorted(names)}"
