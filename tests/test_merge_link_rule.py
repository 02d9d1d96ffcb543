"""Why two reports link (session 16, branch mergeprec): :func:`timeline.merge.link_rule`
names the rule of :data:`timeline.merge.LINK_RULES` by which two nodes link, in the
order :func:`timeline.merge.linked` tries them (and links exactly when ``linked`` does);
the probe scorer's :func:`timeline.evaluate.merge_probes.why_joined` lists every linked
pair of a wrongly joined event with its rule (``merge-probes --verbose``)."""

from __future__ import annotations

import importlib

import pytest
from event_builders import Report, event, mention
from strategies import calendar_value

from timeline.merge import merge_events
from timeline.model import Granularity

merge_module = importlib.import_module("timeline.merge")  # `timeline.merge` the name is the function

G = Granularity
MONDAY = calendar_value(G.DAY, 2027, 5, 10)
THURSDAY = calendar_value(G.DAY, 2027, 5, 13)


# two reports of one fine: the Financial Conduct Authority fining Harbour Bank
FINED: Report = ("The Financial Conduct Authority fined Harbour Bank 40 million pounds", "fined", "fine",
                 ("Financial Conduct Authority", "Harbour Bank"), ("Harbour Bank",))
FINED_TOO: Report = ("Harbour Bank was fined 40 million pounds by the FCA", "fined", "fine", ("Harbour Bank", "FCA"),
                     ("Harbour Bank",))
# another regulator's fine of another firm: no name in common with FINED
OTHER_FINE: Report = ("The SEC fined Ardent Partners, a rival of Brookfield Capital, over misleading fee disclosures",
                      "fined", "fine", ("SEC", "Ardent Partners", "Brookfield Capital"), ("Ardent Partners",))
# an arrest, another event on another day
ARRESTED: Report = ("The builder Otto Falk, who paid bribes to Mayor Lukas Brandt, was detained by police in Munich",
                    "detained", "detain", ("Otto Falk", "Lukas Brandt", "Munich"), ("Otto Falk",))


def test_link_rule_names_the_rule_that_linked() -> None:
    """link_rule: compatible own dates, a claimed day, a headline restating its body,
    two own dates of one day under MATCH_THRESHOLD; None for a pair kept apart."""
    own = merge_module.node_of(event("a", MONDAY, FINED))
    other = merge_module.node_of(event("b", MONDAY, FINED_TOO))
    # similarity 0.85: over SENTENCE_THRESHOLD, under INHERITED_THRESHOLD
    retold = ("Harbour Bank was fined 40 million pounds by the Financial Conduct Authority", "fined", "fine",
              ("Harbour Bank", "FCA"), ("Harbour Bank",))
    claimed = merge_module.node_of(event("b", MONDAY, retold, dated_by="sentence"))
    published = merge_module.node_of(event("b", MONDAY, retold, dated_by="publication"))
    apart = merge_module.node_of(event("b", MONDAY, OTHER_FINE))
    headline = merge_module.node_of(event("a", MONDAY, ("Harbour Bank fined", "fined", "fine", ("Harbour Bank",), ()),
                                          at=0, dated_by="publication"))
    assert None not in (own, other, claimed, published, apart, headline)
    assert merge_module.link_rule(own, other) == "compatible"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, claimed) == "claimed day"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, headline) == "restated"  # type: ignore[arg-type]
    assert merge_module.link_rule(own, published) is None  # type: ignore[arg-type]
    assert merge_module.link_rule(own, apart) is None  # type: ignore[arg-type]
    fined = event("a", MONDAY, ("The Financial Conduct Authority fined Harbour Bank 40 million pounds for failures "
                                "in its checks", "fined", "fine", ("Financial Conduct Authority", "Harbour Bank"), ()))
    penalty = event("b", MONDAY, ("The bank was fined by the FCA", "fined", "fine", ("FCA",), ()))
    a, b = merge_module.node_of(fined), merge_module.node_of(penalty)
    assert a is not None and b is not None
    found = merge_module.evidence(a, b)
    assert found is not None and found.same_day_only
    assert merge_module.link_rule(a, b) == "same day"
    for x, y in ((own, other), (own, claimed), (own, headline), (own, published), (own, apart), (a, b)):
        rule = merge_module.link_rule(x, y)  # type: ignore[arg-type]
        assert (rule is not None) == merge_module.linked(x, y)  # type: ignore[arg-type]
        assert rule is None or rule in merge_module.LINK_RULES


def test_why_joined_lists_each_linked_pair_of_an_event_with_its_rule() -> None:
    """The probe scorer's why_joined: every linked pair of the event's atoms, its rule
    and similarity; nothing for the reports of another event."""
    from timeline.evaluate.merge_probes import why_joined

    timeline = merge_events([event("a", MONDAY, FINED), event("b", MONDAY, FINED_TOO),
                             event("c", THURSDAY, ARRESTED)])
    joined = next(e for e in timeline.events if len(e.mentions) == 2)
    triggers = frozenset((m.doc_id, *m.trigger_span) for m in joined.mentions)
    lines = why_joined(timeline, triggers)
    assert len(lines) == 1 and lines[0].startswith("a:fined[time 2027-05-10] ~ b:fined[time 2027-05-10]: compatible ")
    alone = next(e for e in timeline.events if len(e.mentions) == 1)
    assert why_joined(timeline, frozenset((m.doc_id, *m.trigger_span) for m in alone.mentions)) == []


def test_verbose_report_prints_why_after_what_was_joined(capsys: pytest.CaptureFixture[str]) -> None:
    """print_report with ``verbose``: a story's wrong joins, then the why lines; nothing
    of a story without errors; without ``verbose`` the summary line only."""
    from timeline.evaluate.merge_probes import print_report, totals_of

    wrong = {"id": "fines", "split": [], "joined": ["a:fined + b:fined"], "conflicts_wrong": [], "missing": [],
             "why": ["[2027-05-10 a:fined/b:fined]: a:fined ~ b:fined: same day 0.64"]}
    right = {"id": "clean", "split": [], "joined": [], "conflicts_wrong": [], "missing": [], "why": []}
    report = {"drop": {"totals": totals_of([]), "stories": [wrong, right]}}
    print_report(report, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["  fines:", "    joined: a:fined + b:fined",
                         "    why: [2027-05-10 a:fined/b:fined]: a:fined ~ b:fined: same day 0.64"]
    print_report(report, verbose=False)
    assert len(capsys.readouterr().out.splitlines()) == 1
