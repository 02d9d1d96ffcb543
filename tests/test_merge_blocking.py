"""The finer blocking of the merge stage (:func:`timeline.merge.link_candidate_pairs`,
links first, named differences only within link components) against the plain one:
it must miss no link and give exactly the groups of comparing every blocked pair."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DATE_POOL, DOC_IDS, calendar_value

from timeline.merge import (
    Node,
    blocked_candidate_pairs,
    groups,
    link_candidate_pairs,
    linked,
    linked_groups,
    named_difference,
    node_of,
    node_order_key,
)
from timeline.model import Event, Granularity, Interval, Mention, TimeValue

# Triggers that share keys, paraphrase groups and event classes; names that are short
# forms of others ("Fed" / "Federal Reserve", "ECB" / "European Central Bank",
# "Kherson" / "Khersonville") or only share a prefix by chance ("Niger" / "Nigeria").
TRIGGERS = (("sign", "signed"), ("sign", "signing"), ("attack", "stormed"), ("storm", "stormed"),
            ("kill", "killed"), ("die", "died"), ("resign", "step down"), ("step down", "stepped down"),
            ("raise", "hiked"), ("lift", "lifted"), ("elect", "elected"), ("coup", "coup"))
NAMES = ("Niger", "Nigeria", "Russia", "Fed", "Federal Reserve", "ECB", "European Central Bank",
         "Kherson", "Khersonville", "Apple", "Group")
WORDS = ("pact", "rates", "the base", "a speaker", "power", "troops", "")
HOUR = TimeValue("2023-07-26T14", "TIME", Granularity.HOUR,
                 Interval(datetime(2023, 7, 26, 14), datetime(2023, 7, 26, 15)))
DATES = (*DATE_POOL, HOUR, calendar_value(Granularity.DAY, 2023, 8, 20), calendar_value(Granularity.QUARTER, 2023, 3))


@st.composite
def near_events(draw: st.DrawFn, index: int) -> Event:
    """Events told with overlapping words, names, triggers and dates, some with an
    inherited date, some already merged from two mentions, some headlines."""
    lemma, text = draw(st.sampled_from(TRIGGERS))
    subject, place = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    summary = f"{subject} {text} {draw(st.sampled_from(WORDS))} in {place}".replace("  ", " ")
    if draw(st.booleans()):
        summary = f"the {text}"  # no names at all
    participants = tuple(draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True)))
    when = draw(st.sampled_from(DATES))
    mentions = []
    for copy in range(draw(st.integers(1, 2))):
        start = 1000 * index + 100 * copy
        mentions.append(Mention(
            doc_id=draw(st.sampled_from(DOC_IDS)), sentence=summary + ".", trigger_span=(start, start + len(text)),
            event_span=(start, start + len(summary)), time_span=None, time_text=None, trigger_text=text,
            time_value=draw(st.sampled_from(DATES)).value if copy else None,
            dated_by=draw(st.sampled_from(("time", "time", "sentence", "publication"))),
            # some in the first sentence of their document: headlines (merge.headline_pair)
            sentence_span=draw(st.sampled_from((None, (0, start + 100), (start, start + 100))))))
    return Event(when=when, summary=summary, trigger=lemma, participants=participants, mentions=tuple(mentions),
                 negated=draw(st.integers(0, 5)) == 0)


@st.composite
def node_lists(draw: st.DrawFn) -> list[Node]:
    size = draw(st.integers(2, 14))
    nodes = [node_of(draw(near_events(i))) for i in range(size)]
    return [node for node in nodes if node is not None]


def plain_groups(nodes: list[Node]) -> list[list[Node]]:
    """The groups as computed before the finer blocking: every blocked pair compared."""
    ordered = sorted(nodes, key=node_order_key)
    scores: dict[tuple[int, int], float] = {}
    blocked: set[tuple[int, int]] = set()
    for i, j in sorted(blocked_candidate_pairs(ordered)):
        if named_difference(ordered[i], ordered[j]):
            blocked.add((i, j))
        elif linked(ordered[i], ordered[j]):
            scores[(i, j)] = 1.0
    return linked_groups(ordered, scores, blocked)


@settings(max_examples=300, deadline=None)
@given(node_lists())
def test_finer_blocking_misses_no_link(nodes: list[Node]) -> None:
    found = link_candidate_pairs(nodes)
    for i, j in blocked_candidate_pairs(nodes):
        if linked(nodes[i], nodes[j]):
            assert (i, j) in found, (nodes[i].event.summary, nodes[j].event.summary)


@settings(max_examples=300, deadline=None)
@given(node_lists())
def test_groups_equal_those_of_comparing_every_blocked_pair(nodes: list[Node]) -> None:
    assert groups(nodes) == plain_groups(nodes)


def test_pairs_far_apart_in_time_under_a_participant_key_are_not_compared() -> None:
    # same participant, other triggers and classes, two days apart: no link can need them
    first = node_of(Event(when=calendar_value(Granularity.DAY, 2023, 7, 1), summary="Apple opened a store",
                          trigger="open", participants=("Apple",)))
    second = node_of(Event(when=calendar_value(Granularity.DAY, 2023, 7, 3), summary="Apple sued a rival",
                           trigger="sue", participants=("Apple",)))
    assert first is not None and second is not None
    assert blocked_candidate_pairs([first, second]) == {(0, 1)}
    assert link_candidate_pairs([first, second]) == set()
    assert first.span[1] + timedelta(days=1) == second.span[0]
