"""Copies of one report (:func:`timeline.merge.copies`: one document's report repeated
word for word) are grouped as one node that counts as its copies (issue #20): the groups
must be exactly those of taking every copy on its own, and the weights of
:func:`timeline.merge.linkage.average_linkage` must count a point as its copies."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import calendar_value
from test_merge_blocking import near_events

from timeline.merge import Node, copies, groups, node_of
from timeline.merge.linkage import average_linkage
from timeline.model import Event, Granularity, Mention


def _shifted(event: Event, by: int) -> Event:
    """The event told again ``by`` characters later in its document (a headline stays in
    the first sentence, as a copy of it would)."""

    def moved(span: tuple[int, int]) -> tuple[int, int]:
        return (span[0] + by, span[1] + by)

    mentions = tuple(
        attrs.evolve(m, trigger_span=moved(m.trigger_span), event_span=moved(m.event_span) if m.event_span else None,
                     sentence_span=m.sentence_span if m.sentence_span is None or m.sentence_span[0] == 0
                     else moved(m.sentence_span))
        for m in event.mentions)
    return attrs.evolve(event, mentions=mentions)


@st.composite
def nodes_with_copies(draw: st.DrawFn) -> list[Node]:
    """Near-miss events (test_merge_blocking's), some told again one to four times later
    in their documents."""
    events = [draw(near_events(i)) for i in range(draw(st.integers(1, 8)))]
    told = list(events)
    for event in events:
        for copy in range(draw(st.integers(0, 4))):
            told.append(_shifted(event, 100_000 * (copy + 1)))
    nodes = [node_of(event) for event in draw(st.permutations(told))]
    return [node for node in nodes if node is not None]


# the package, not the merge function that timeline's namespace names alike
merge_stage = importlib.import_module("timeline.merge")


def _alone(nodes: Sequence[Node]) -> list[list[Node]]:
    """groups as before copies: every node a class of its own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge_stage, "copies", lambda ordered: [[k] for k in range(len(ordered))])
        return groups(nodes)


@settings(max_examples=200, deadline=None)
@given(nodes_with_copies())
def test_groups_with_copies_equal_those_of_every_node_alone(nodes: list[Node]) -> None:
    """Grouping the copies as one weighted node gives the groups of taking each alone."""
    assert groups(nodes) == _alone(nodes)


def _report(doc_id: str, start: int, sentence: str, trigger: str, lemma: str, summary: str) -> Event:
    at = start + sentence.index(trigger)
    mention = Mention(doc_id=doc_id, sentence=sentence, trigger_span=(at, at + len(trigger)),
                      event_span=(start, start + len(sentence)), time_span=None, time_text=None,
                      trigger_text=trigger, dated_by="time", sentence_span=(start, start + len(sentence)))
    return Event(when=calendar_value(Granularity.DAY, 2024, 4, 30), summary=summary, trigger=lemma,
                 participants=("Anna Berg",), mentions=(mention,))


VOTE = "The parliament voted on Tuesday to approve the budget, Anna Berg said."


class TestCopies:
    def test_a_repeated_report_is_one_class_and_one_group(self) -> None:
        """Three hundred copies of one report are one class of copies and one group."""
        events = [_report("a", 1 + 100 * k, VOTE, "voted", "vote", "The parliament voted to approve the budget")
                  for k in range(300)]
        nodes = [node for node in map(node_of, events) if node is not None]
        assert [len(members) for members in copies(nodes)] == [300]
        (group,) = groups(nodes)
        assert len(group) == 300

    def test_the_lead_is_no_copy_of_the_body(self) -> None:
        """A report in the document's first sentence is no copy of the same words later."""
        events = [_report("a", 100 * k, VOTE, "voted", "vote", "The parliament voted to approve the budget")
                  for k in range(3)]
        nodes = [node for node in map(node_of, events) if node is not None]
        assert [len(members) for members in copies(nodes)] == [1, 2]

    def test_reports_of_two_documents_are_no_copies(self) -> None:
        """The same words in two documents are two sources, not copies."""
        events = [_report(doc, 1, VOTE, "voted", "vote", "The parliament voted to approve the budget") for doc in "ab"]
        nodes = [node for node in map(node_of, events) if node is not None]
        assert [len(members) for members in copies(nodes)] == [1, 1]

    def test_a_copy_told_after_another_report_falls_back_to_every_node(self) -> None:
        """Copies told after a report that links with them ("resigned after the
        resignation") make groups take every node on its own there: the same groups."""
        sentence = "Berg resigned on Tuesday after the resignation of Anna Berg, officials said."
        events = []
        for k in range(4):
            start = 1 + 200 * k
            events.append(_report("a", start, sentence, "resigned", "resign", "Berg resigned"))
            events.append(_report("a", start, sentence, "resignation", "resign", "the resignation of Anna Berg"))
        nodes = [node for node in map(node_of, events) if node is not None]
        assert any(node.profile.anchors for node in nodes)
        assert [len(members) for members in copies(nodes)] == [4, 4]  # copies, told after one another
        assert groups(nodes) == _alone(nodes)


class TestWeights:
    @settings(max_examples=200, deadline=None)
    @given(st.integers(1, 5), st.integers(1, 5), st.booleans(), st.sampled_from(["a", "b"]))
    def test_a_weighted_point_counts_as_its_copies(self, first: int, second: int, linked: bool, voter: str) -> None:
        """A point of weight w and its w linked copies take part alike: a third point
        linked to one of two groups of copies joins as it would join all of them."""
        # expanded: copies of point A (voter a), copies of point B (voter), a third point C (voter c)
        points = ["A"] * first + ["B"] * second + ["C"]
        voters = ["a"] * first + [voter] * second + ["c"]
        scores: dict[tuple[int, int], float] = {}
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                same = points[i] == points[j]
                if same or (points[i], points[j]) == ("A", "C") or (linked and (points[i], points[j]) == ("A", "B")):
                    scores[(i, j)] = 1.0
        expanded = average_linkage(len(points), scores, set(), 0.5 + 1e-9, voters=voters)
        weighted_scores = {(0, 2): 1.0}
        if linked:
            weighted_scores[(0, 1)] = 1.0
        weighted = average_linkage(3, weighted_scores, set(), 0.5 + 1e-9, voters=["a", voter, "c"],
                                   weights=[first, second, 1])
        owner = ["A"] * first + ["B"] * second + ["C"]
        as_points = sorted(sorted({owner[k] for k in cluster}) for cluster in expanded)
        assert as_points == sorted(sorted("ABC"[k] for k in cluster) for cluster in weighted)

    def test_weights_must_be_counts(self) -> None:
        """A weight under 1 or a list of the wrong length is refused by name."""
        from timeline.errors import InvalidOptionError

        with pytest.raises(InvalidOptionError, match="weights"):
            average_linkage(2, {(0, 1): 1.0}, set(), 0.5, weights=[1, 0])
        with pytest.raises(InvalidOptionError, match="weights"):
            average_linkage(2, {(0, 1): 1.0}, set(), 0.5, weights=[1])
