"""Tests of timeline.merge: deduplication, conflicts, order and merge algebra."""

from __future__ import annotations

from datetime import datetime, timezone
from operator import itemgetter

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DATE_POOL, atom_lists, calendar_value, calendar_values, events

from timeline import merge
from timeline.errors import DocumentTypeError
from timeline.merge import (
    CONFLICT_WINDOW,
    candidate_pairs,
    compatible,
    merge_events,
    naive,
    node_of,
    order_key,
    parse_value,
    trigger_key,
)
from timeline.model import Conflict, Event, Granularity, Interval, Mention, Timeline, TimeValue

G = Granularity
JULY = calendar_value(G.MONTH, 2023, 7)
JUNE = calendar_value(G.MONTH, 2023, 6)
JULY_26 = calendar_value(G.DAY, 2023, 7, 26)
JULY_27 = calendar_value(G.DAY, 2023, 7, 27)
SEPT_10 = calendar_value(G.DAY, 2023, 9, 10)


def make(doc: str, when: TimeValue, *, trigger: str = "sign", summary: str = "Niger and Russia signed a defence pact",
         participants: tuple[str, ...] = ("Niger", "Russia"), at: int = 0, trigger_text: str = "",
         **flags: bool) -> Event:
    """A one-mention event with the given content."""
    mention = Mention(doc_id=doc, sentence=summary, trigger_span=(at, at + 4), event_span=(at, at + len(summary)),
                      time_span=None, time_text=None, trigger_text=trigger_text or trigger,
                      planned=flags.get("planned", False))
    return Event(when=when, summary=summary, trigger=trigger, participants=participants, mentions=(mention,), **flags)


# --------------------------------------------------------------------------- examples


def test_same_event_in_two_documents_becomes_one_event_with_both_mentions() -> None:
    """Two documents reporting the same signing on the same day give one event."""
    timeline = merge_events([make("a", JULY_26), make("b", JULY_26, summary="Russia and Niger sign defence pact")])
    assert len(timeline) == 1
    assert [m.doc_id for m in timeline.events[0].mentions] == ["a", "b"]
    assert timeline.events[0].doc_ids == ("a", "b")
    assert timeline.events[0].conflicts == ()


def test_same_event_twice_in_one_document_is_merged() -> None:
    """An article that reports the same event twice yields one event with two mentions."""
    timeline = merge_events([make("a", JULY_26, at=0), make("a", JULY_26, at=500)])
    assert len(timeline) == 1
    assert [m.trigger_span for m in timeline.events[0].mentions] == [(0, 4), (500, 504)]


def test_nominalization_pairs_count_as_the_same_trigger() -> None:
    """'arrival' and 'arrived' are the same trigger, so the reports merge."""
    first = make("a", JULY_26, trigger="arrival", summary="the arrival of the president in Niamey",
                 participants=("the president",))
    second = make("b", JULY_26, trigger="arrive", trigger_text="arrived", summary="the president arrived in Niamey",
                  participants=("President",))
    assert trigger_key("arrival") == trigger_key("arrived") == trigger_key("arrive")
    assert len(merge_events([first, second])) == 1


def test_coarse_and_fine_compatible_dates_merge_on_the_finer_date() -> None:
    """'July 2023' and 'July 26, 2023' are compatible; the day wins as more specific."""
    timeline = merge_events([make("a", JULY), make("b", JULY_26)])
    assert len(timeline) == 1
    assert timeline.events[0].when == JULY_26
    assert timeline.events[0].conflicts == ()


def test_conflicting_dates_keep_the_best_supported_one_and_list_the_other() -> None:
    """Two sources say July, one says June: July is chosen and June listed as conflict."""
    timeline = merge_events([make("a", JULY), make("b", JULY, at=10), make("c", JUNE)])
    assert len(timeline) == 1
    event = timeline.events[0]
    assert event.when == JULY
    assert event.conflicts == (Conflict("2023-06", ("c",)),)
    assert {m.doc_id: m.time_value for m in event.mentions} == {"a": "2023-07", "b": "2023-07", "c": "2023-06"}


def test_conflict_tie_on_support_goes_to_the_finer_granularity() -> None:
    """One source per date: the day (finer) beats the month it is not compatible with."""
    timeline = merge_events([make("a", JUNE), make("b", JULY_26)])
    assert len(timeline) == 1
    assert timeline.events[0].when == JULY_26
    assert timeline.events[0].conflicts == (Conflict("2023-06", ("a",)),)


def test_conflict_tie_on_support_and_granularity_goes_to_the_earliest() -> None:
    """One source per day and equal granularity: the earlier day is chosen."""
    timeline = merge_events([make("b", JULY_27), make("a", JULY_26)])
    assert timeline.events[0].when == JULY_26
    assert timeline.events[0].conflicts == (Conflict("2023-07-27", ("b",)),)


def test_one_document_with_two_dates_does_not_create_a_conflict() -> None:
    """The same article giving two days reports two occurrences: they stay apart."""
    timeline = merge_events([make("a", JULY_26, at=0), make("a", JULY_27, at=300)])
    assert len(timeline) == 2
    assert all(e.conflicts == () for e in timeline.events)


def test_dates_beyond_the_conflict_window_stay_separate() -> None:
    """July 26 and September 10 are too far apart to be one event."""
    assert SEPT_10.interval.start - JULY_26.interval.end > CONFLICT_WINDOW
    assert len(merge_events([make("a", JULY_26), make("b", SEPT_10)])) == 2


def test_weakly_similar_events_with_different_dates_do_not_conflict() -> None:
    """Same trigger but little else in common: different dates mean different events."""
    first = make("a", JULY_26, summary="Niger signed a mining licence", participants=("Niger",))
    second = make("b", JULY_27, summary="Russia signed a grain deal", participants=("Russia",))
    assert len(merge_events([first, second])) == 2


def test_different_events_on_the_same_day_stay_separate() -> None:
    """A signing and a withdrawal on one day are two events."""
    signing = make("a", JULY_26)
    withdrawal = make("a", JULY_26, trigger="withdraw", summary="American troops withdrew from the air base",
                      participants=("American troops",), at=100)
    timeline = merge_events([signing, withdrawal])
    assert len(timeline) == 2
    assert {e.trigger for e in timeline.events} == {"sign", "withdraw"}


def test_the_same_act_by_different_actors_stays_separate() -> None:
    """'Apple unveiled the new iPad' and 'Samsung unveiled the new Galaxy' on one day
    share a trigger and most words, but no participant."""
    apple = make("a", JULY_26, trigger="unveil", summary="Apple unveiled the new iPad", participants=("Apple", "iPad"))
    samsung = make("b", JULY_26, trigger="unveil", summary="Samsung unveiled the new Galaxy", participants=("Samsung",))
    assert len(merge_events([apple, samsung])) == 2
    # the same sentence with a shared name is one event
    again = make("c", JULY_26, trigger="unveil", summary="Apple unveiled its new tablet", participants=("Apple",))
    assert len(merge_events([apple, again])) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("raise", "The Federal Reserve raised interest rates", ("Federal Reserve",)), ("lift", "The Fed lifted rates", ("Fed",))),
        (("cut", "The ECB cut rates", ("ECB",)), ("lower", "The European Central Bank lowered interest rates", ("European Central Bank",))),
        (("acquire", "Microsoft acquired Activision", ("Microsoft", "Activision")), ("buy", "Microsoft bought Activision", ("Microsoft", "Activision"))),
        (("unveil", "Apple unveiled the iPhone 4", ("Apple",)), ("introduce", "Apple introduced the iPhone 4", ("Apple",))),
        (("pass", "The House passed the budget bill", ("House",)), ("approve", "The House approved the budget bill", ("House",))),
        (("beat", "Harbor City beat Northfield United 3-1", ("Harbor City", "Northfield United")),
         ("defeat", "Harbor City defeated Northfield 3-1", ("Harbor City", "Northfield"))),
        (("name", "The board named Raj Patel as chief executive", ("Raj Patel",)),
         ("appoint", "Greyfield appointed Raj Patel as chief executive", ("Greyfield", "Raj Patel"))),
        (("land", "Mehta landed in Tokyo", ("Mehta", "Tokyo")), ("arrive", "Prime Minister Arun Mehta arrived in Tokyo", ("Arun Mehta", "Tokyo"))),
        (("open", "The bribery trial of Tom Hale opened in Manhattan", ("Tom Hale",)), ("begin", "The trial of Tom Hale began", ("Tom Hale",))),
    ],
)
def test_synonyms_and_short_names_merge(first: tuple[str, str, tuple[str, ...]], second: tuple[str, str, tuple[str, ...]]) -> None:
    """Verbs for one act (resources/merge_synonyms.tsv) and a short form of a name."""
    events = [make(doc, JULY_26, trigger=t, summary=s, participants=p) for doc, (t, s, p) in zip("ab", (first, second))]
    assert len(merge_events(events)) == 1


def test_the_same_act_by_another_bank_stays_separate() -> None:
    fed = make("a", JULY_26, trigger="raise", summary="The Federal Reserve raised interest rates", participants=("Federal Reserve",))
    boe = make("b", JULY_26, trigger="raise", summary="The Bank of England raised interest rates", participants=("Bank of England",))
    assert len(merge_events([fed, boe])) == 2


def test_a_legal_form_is_no_shared_participant() -> None:
    """"Inc" names no company: two companies appointing someone the same day are two events."""
    greyfield = make("a", JULY_26, trigger="appoint", summary="Greyfield Inc appointed Raj Patel as chief executive",
                     participants=("Greyfield Inc", "Raj Patel"))
    morland = make("b", JULY_26, trigger="appoint", summary="Rival Morland Inc appointed a new finance chief",
                   participants=("Morland Inc",))
    assert len(merge_events([greyfield, morland])) == 2


def test_the_date_of_a_plan_does_not_outvote_reports_of_the_deed() -> None:
    """"expected to close in the fourth quarter" (compatible with both days) and two
    reports of the closing on different days: the closing's date comes from the
    reports, and their disagreement stays visible."""
    q4 = calendar_value(G.QUARTER, 2023, 4)
    plan = make("a", q4, trigger="close", summary="Alder expects to close the Birch deal", planned=True)
    thursday = make("b", calendar_value(G.DAY, 2023, 11, 2), trigger="close", summary="Alder closed the Birch deal")
    friday = make("c", calendar_value(G.DAY, 2023, 11, 3), trigger="close", summary="Alder closed the Birch deal")
    for order in ([plan, thursday, friday], [friday, plan, thursday]):
        event = merge_events(order).events[0]
        assert event.when.value == "2023-11-02" and [c.value for c in event.conflicts] == ["2023-11-03"]
        assert not event.planned and [m.planned for m in event.mentions] == [True, False, False]


def test_negated_and_positive_reports_are_not_merged() -> None:
    """'signed' and 'did not sign' on the same day are different assertions."""
    timeline = merge_events([make("a", JULY_26), make("b", JULY_26, negated=True)])
    assert sorted(e.negated for e in timeline.events) == [False, True]


def test_one_factual_report_clears_planned_and_hypothetical() -> None:
    """Flags survive a merge only when every report carries them."""
    planned = make("a", JULY_26, planned=True, hypothetical=True)
    factual = make("b", JULY_26, planned=False, hypothetical=True)
    event = merge_events([planned, factual]).events[0]
    assert (event.planned, event.hypothetical, event.negated) == (False, True, False)


def test_merged_fields_follow_the_documented_rules() -> None:
    """Summary with most content words, union of participants, id from mention keys."""
    short = make("b", JULY_26, summary="Pact signed", participants=("Russia",))
    long = make("a", JULY_26, summary="Niger and Russia signed a defence pact in Niamey", participants=("Niger",))
    event = merge_events([short, long]).events[0]
    assert event.summary == "Niger and Russia signed a defence pact in Niamey"
    assert event.participants == ("Niger", "Russia")
    again = merge_events([long, short]).events[0]
    assert event.id == again.id and event.id.startswith("ev-")
    assert event.id != merge_events([long]).events[0].id


def test_events_without_interval_are_left_out_but_their_documents_listed() -> None:
    """A duration cannot be placed: it is dropped, its document is still listed."""
    duration = make("z", TimeValue("P3D", "DURATION"))
    timeline = merge_events([duration, make("a", JULY_26)], documents=["empty"])
    assert len(timeline) == 1
    assert timeline.documents == ("a", "empty", "z")


def test_order_is_by_start_then_larger_interval_first() -> None:
    """A month comes before a day it contains; earlier starts come first."""
    month = make("a", JULY, trigger="elect", summary="Parliament elected a speaker", participants=())
    day = make("b", JULY_26)
    early = make("c", JUNE, trigger="protest", summary="Thousands protested in Lagos", participants=("Lagos",))
    timeline = merge_events([day, month, early])
    assert [e.when.value for e in timeline.events] == ["2023-06", "2023-07", "2023-07-26"]


def test_merge_of_two_timelines_deduplicates_across_them() -> None:
    """The same event in two separately built timelines ends up once."""
    left = merge_events([make("a", JULY_26)], documents=["a"])
    right = merge_events([make("b", JULY_26), make("b", SEPT_10, trigger="withdraw",
                                                   summary="American troops withdrew", participants=(), at=50)])
    merged = merge(left, right)
    assert len(merged) == 2
    assert merged.events[0].doc_ids == ("a", "b")
    assert merged.documents == ("a", "b")


def test_merge_rejects_non_timelines() -> None:
    """merge() names the argument that is not a Timeline."""
    with pytest.raises(DocumentTypeError, match="b must be a timeline.Timeline"):
        merge(Timeline(), [])  # type: ignore[arg-type]


def test_merge_events_rejects_non_events() -> None:
    """merge_events() names the position of an item that is not an Event."""
    with pytest.raises(DocumentTypeError, match=r"events\[1\]"):
        merge_events([make("a", JULY_26), "not an event"])  # type: ignore[list-item]


# --------------------------------------------------------------------------- time helpers


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (JULY, JULY_26, True),
        (JULY_26, JULY_27, False),
        (JUNE, JULY, False),
        (calendar_value(G.YEAR, 2023), JULY_27, True),
        (calendar_value(G.WEEK, 2023, 30), JULY_26, True),
        (calendar_value(G.QUARTER, 2023, 3), JUNE, False),
        # "early July" (a narrower interval) is still July at month granularity
        (TimeValue("2023-07", "DATE", G.MONTH, Interval(datetime(2023, 7, 1), datetime(2023, 7, 11)), "START"),
         JULY_26, True),
        (TimeValue("P3D", "DURATION"), JULY_26, False),
    ],
)
def test_compatible_compares_at_the_coarser_granularity(a: TimeValue, b: TimeValue, expected: bool) -> None:
    """Time compatibility is interval overlap after widening to the coarser grain."""
    assert compatible(a, b) is expected
    assert compatible(b, a) is expected


@settings(deadline=None)
@given(calendar_values())
def test_parse_value_inverts_calendar_values(when: TimeValue) -> None:
    """Reading a value string back gives the normalizer's interval and granularity."""
    assert parse_value(when.value) == when


@pytest.mark.parametrize("value", ["P3D", "XXXX-10", "2023-02-30", "PRESENT_REF", "2023-W60"])
def test_parse_value_refuses_what_is_not_a_calendar_date(value: str) -> None:
    """Durations, unresolved and impossible values have no interval."""
    assert parse_value(value) is None


def test_candidate_pairs_only_compare_events_close_in_time() -> None:
    """Blocking: events months apart are never compared, so the cost stays linear."""
    spread = [make("a", calendar_value(G.DAY, 2000 + i // 6, 2 * (i % 6) + 1, 1), at=10 * i) for i in range(120)]
    nodes = [node_of(e) for e in spread]
    assert all(n is not None for n in nodes)
    assert list(candidate_pairs(nodes)) == []  # type: ignore[arg-type]
    same_day = [node_of(make("a", JULY_26, at=10 * i)) for i in range(5)]
    assert len(list(candidate_pairs(same_day))) == 10  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties


def _order_keys_strictly_increase(timeline: Timeline) -> bool:
    keys = [order_key(e) for e in timeline.events]
    return all(a < b for a, b in zip(keys, keys[1:]))


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), max_size=8))
def test_order_is_total_and_sorted(items: list[Event]) -> None:
    """Any events come out sorted by a key that never ties between two events."""
    timeline = merge_events(items)
    assert _order_keys_strictly_increase(timeline)
    starts = [naive(e.when.interval.start) for e in timeline.events]
    assert starts == sorted(starts)


@settings(max_examples=60, deadline=None)
@given(st.lists(events(), max_size=6), st.randoms(use_true_random=False))
def test_arbitrary_events_merge_independently_of_input_order(items: list[Event], rnd: object) -> None:
    """Shuffling arbitrary events does not change the timeline."""
    shuffled = list(items)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert merge_events(shuffled) == merge_events(items)


@settings(deadline=None)
@given(atom_lists().flatmap(lambda atoms: st.tuples(st.just(atoms), st.permutations(atoms))))
def test_result_does_not_depend_on_input_order(pair: tuple[list[Event], list[Event]]) -> None:
    """Any permutation of the atoms gives the same timeline."""
    atoms, permuted = pair
    assert merge_events(permuted) == merge_events(atoms)


@settings(deadline=None)
@given(atom_lists(), atom_lists())
def test_merge_is_commutative(left: list[Event], right: list[Event]) -> None:
    """merge(a, b) == merge(b, a)."""
    right = [attrs.evolve(e, mentions=tuple(attrs.evolve(m, doc_id=m.doc_id + "2") for m in e.mentions)) for e in right]
    a, b = merge_events(left), merge_events(right)
    assert merge(a, b) == merge(b, a)


@settings(deadline=None)
@given(atom_lists(max_size=18), st.integers(0, 18), st.integers(0, 18))
def test_merge_is_associative_and_equals_merging_everything_at_once(atoms: list[Event], i: int, j: int) -> None:
    """(a+b)+c == a+(b+c) == all atoms merged at once, for any split of the atoms."""
    i, j = sorted((min(i, len(atoms)), min(j, len(atoms))))
    a, b, c = (merge_events(part) for part in (atoms[:i], atoms[i:j], atoms[j:]))
    everything = merge_events(atoms)
    assert merge(merge(a, b), c) == everything
    assert merge(a, merge(b, c)) == everything


@settings(deadline=None)
@given(atom_lists())
def test_merging_is_idempotent(atoms: list[Event]) -> None:
    """Merging a merged timeline again changes nothing, also with itself."""
    timeline = merge_events(atoms)
    assert merge_events(timeline.events) == timeline
    assert merge(timeline, timeline) == timeline


@settings(deadline=None)
@given(atom_lists(min_size=1))
def test_every_mention_is_kept_once_with_its_date(atoms: list[Event]) -> None:
    """No mention is lost or duplicated, and each records the date it gave."""
    timeline = merge_events(atoms)
    kept = sorted((m.doc_id, m.trigger_span, m.time_value) for e in timeline.events for m in e.mentions)
    given_ = sorted((e.mentions[0].doc_id, e.mentions[0].trigger_span, e.when.value) for e in atoms)
    assert kept == given_


@settings(deadline=None)
@given(atom_lists(min_size=1))
def test_conflicts_are_incompatible_with_the_chosen_date(atoms: list[Event]) -> None:
    """Every listed conflict names a date incompatible with the event's date and its sources."""
    by_value = {w.value: w for w in DATE_POOL}
    for event in merge_events(atoms).events:
        for conflict in event.conflicts:
            assert not compatible(by_value[conflict.value], event.when)
            assert conflict.doc_ids
            assert set(conflict.doc_ids) <= set(event.doc_ids)


@settings(deadline=None)
@given(atom_lists(min_size=2))
def test_atoms_of_different_templates_never_merge(atoms: list[Event]) -> None:
    """Events with nothing in common stay apart whatever their dates."""
    for event in merge_events(atoms).events:
        assert len({m.trigger_text for m in event.mentions}) == 1


def test_aware_and_naive_intervals_can_be_ordered_together() -> None:
    """Aware datetimes are compared in UTC, so mixing them with naive ones works."""
    aware = TimeValue("2023-07-26T10:00", "TIME", G.HOUR,
                      Interval(datetime(2023, 7, 26, 10, tzinfo=timezone.utc),
                               datetime(2023, 7, 26, 11, tzinfo=timezone.utc)))
    timeline = merge_events([make("a", JULY_26), make("b", aware, trigger="withdraw", summary="troops left",
                                                      participants=())])
    assert [e.when.value for e in timeline.events] == ["2023-07-26", "2023-07-26T10:00"]


def test_reports_of_one_coup_in_different_words_conflict_on_the_date() -> None:
    """A coup told as "seized power in a coup" (July) and "fell with the ouster" (June)
    in two documents, both sentences naming Niger: one event, the other date a conflict."""
    july = attrs.evolve(make("a", JULY, trigger="seize", summary="The junta seized power in a coup", participants=()),
                        mentions=(Mention("a", "Before the junta seized power in a coup in July 2023, Niger had been a partner.",
                                          (0, 4), (0, 30), None, "July 2023"),))
    june = attrs.evolve(make("b", JUNE, trigger="fall", summary="Niger's fell with the ouster of President Bazoum",
                             participants=("Mohamed Bazoum",)),
                        mentions=(Mention("b", "Niger's fell most recently in June with the ouster of President Bazoum.",
                                          (0, 4), (0, 30), None, "June"),))
    timeline = merge_events([july, june])
    assert len(timeline) == 1
    event = timeline.events[0]
    # one source each, same grain: the date written with its year ("July 2023") wins over "in June"
    assert event.when.value == "2023-07"
    assert [(c.value, c.doc_ids) for c in event.conflicts] == [("2023-06", ("b",))]


def test_same_kind_needs_a_shared_name() -> None:
    """Two coups in different countries a few weeks apart stay two events."""
    niger = attrs.evolve(make("a", JULY, trigger="seize", summary="The junta seized power in a coup", participants=()),
                         mentions=(Mention("a", "The junta seized power in Niger in a coup.", (0, 4), (0, 30), None, None),))
    gabon = attrs.evolve(make("b", JUNE, trigger="oust", summary="Officers ousted the president in a coup", participants=()),
                         mentions=(Mention("b", "Officers in Gabon ousted the president in a coup.", (0, 4), (0, 30), None, None),))
    assert len(merge_events([niger, gabon])) == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.text(alphabet="ab", max_size=2), st.integers(0, 9)), max_size=30))
def test_sorting_with_ties_is_sorting_by_key_then_tiebreak(items: list[tuple[int, str, int]]) -> None:
    """The merge's canonical sorts compute the costly tiebreak (the record's repr) only
    for items whose keys tie: the order is exactly that of sorting by (key, tiebreak),
    equal items in their input order."""
    from timeline.merge import _sorted_with_ties

    calls: list[tuple[int, str, int]] = []

    def tiebreak(item: tuple[int, str, int]) -> str:
        calls.append(item)
        return item[1]

    key = itemgetter(0)
    assert _sorted_with_ties(items, key, tiebreak) == sorted(items, key=lambda item: (key(item), item[1]))
    tied = [item for item in items if sum(key(other) == key(item) for other in items) > 1]
    assert sorted(calls) == sorted(tied)
