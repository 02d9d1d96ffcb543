"""Guards against super-linear time on long inputs (issue #20).

The one place in the suite with timings, on purpose and generous: each check measures
CPU time (``time.process_time``) at two sizes four times apart and fails only when the
larger costs clearly more than four times the smaller (a ratio above
:data:`MAX_RATIO`; quadratic growth gives 16) and takes more than
:data:`NOISE_FLOOR_SECONDS`, below which a loaded machine's noise dominates. A rule
scan that runs away is cut off by the ``regex`` module's timeout and fails by name.

Past the rules: a news paragraph repeated hundreds of times (each copy a report of one
event, every copy a mention of it) once made the merge, the inherited dating and the
summaries quadratic in the copies (1,000 copies, 168 KB: 40 s and 1 GB); the stages
after the parse are timed on such texts.

For rule authors: every rule family is scanned over long runs of its own vocabulary
(the mentions of its example table), of that vocabulary glued with blank lines, and of
white space, the inputs that once made look-behinds such as ``(?<=at )`` quadratic.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from timeline.build import analyze_document, read_documents, timeline_of
from timeline.lexicon import Rule, read_tsv, rules
from timeline.model import Timeline
from timeline.nlp import default_nlp, parse_texts
from timeline.times.recognize import Candidate, PartialTime, select_non_overlapping
from timeline.documents.sections import related_block
from timeline.times.temporal import recognize_in_text

EXAMPLES = Path(str(resources.files("timeline").joinpath("resources", "examples")))
SMALL, LARGE = 20_000, 80_000
MAX_RATIO = 10.0
NOISE_FLOOR_SECONDS = 0.1
# A scan of LARGE characters by one rule that takes this long has run away.
SCAN_TIMEOUT_SECONDS = 20.0


def _cpu_seconds(run: Callable[[], object], repeats: int = 2) -> float:
    """The least CPU time of ``repeats`` runs, with the garbage collector off while
    they run: a full collection of the suite's heap (the loaded pipeline and every
    earlier test's objects) can land in any one run and cost more than the scan itself
    (one CI run saw 0.039 s against 0.388 s for a scan that measures 4x alone)."""
    best = float("inf")
    for _ in range(repeats):
        gc.disable()
        try:
            started = time.process_time()
            run()
            best = min(best, time.process_time() - started)
        finally:
            gc.enable()
    return best


def _repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _assert_linear(what: str, small: float, large: float) -> None:
    ratio = large / max(small, 1e-6)
    assert large < NOISE_FLOOR_SECONDS or ratio < MAX_RATIO, (
        f"{what}: {small:.3f} s at the small size, {large:.3f} s at 4x the size (ratio {ratio:.1f}): super-linear"
    )


def _families() -> dict[str, list[Rule]]:
    by_family: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules():
        by_family[rule.family].append(rule)
    return dict(by_family)


def _runs(family: str) -> dict[str, str]:
    mentions = [row[2] for row in read_tsv((EXAMPLES / f"{family}.tsv").read_text(encoding="utf-8"), source=family)]
    return {
        "vocabulary": " ".join(mentions) + " ",
        "blank-line vocabulary": "".join(mention + "\n\n " for mention in mentions),
        "white space": " \n\t ",
    }


def _scan(rule: Rule, text: str) -> None:
    try:
        for _ in rule.pattern.finditer(text, timeout=SCAN_TIMEOUT_SECONDS):
            pass
    except TimeoutError:
        pytest.fail(f"rule {rule.name!r} ran for over {SCAN_TIMEOUT_SECONDS:.0f} s on {len(text):,} characters")


@pytest.mark.parametrize("family", sorted(_families()))
def test_rule_family_scans_in_linear_time(family: str) -> None:
    """Each rule of the family scans runs of its vocabulary and of white space in time
    linear in their length."""
    for kind, unit in _runs(family).items():
        small_text, large_text = _repeat_to(unit, SMALL), _repeat_to(unit, LARGE)
        for rule in _families()[family]:
            small = _cpu_seconds(lambda: _scan(rule, small_text))
            large = _cpu_seconds(lambda: _scan(rule, large_text))
            _assert_linear(f"rule {rule.name!r} on {kind}", small, large)


@pytest.mark.parametrize(
    "unit",
    ["May ", "2020-", "May 5, 2024\n\n", "at 5 p.m. "],
    ids=["months", "hyphenated years", "dates in paragraphs", "clock times"],
)
def test_recognition_of_long_runs_of_dates_is_linear(unit: str) -> None:
    """Recognition (scans, URL and name checks, overlaps) of a long run of dates grows
    linearly: 25,000 "May"s once took 31 s, a 30 KB chain of years 10 s."""
    recognize_in_text(unit * 10, None)  # warm-up: the rules compile once
    small = _cpu_seconds(lambda: recognize_in_text(_repeat_to(unit, SMALL // 2), None))
    large = _cpu_seconds(lambda: recognize_in_text(_repeat_to(unit, 2 * SMALL), None))
    _assert_linear(f"recognize_in_text on {unit!r}", small, large)


def test_overlap_selection_is_linear() -> None:
    """select_non_overlapping over many disjoint and overlapping matches grows linearly."""
    rule = rules()[0]

    def candidates(count: int) -> list[Candidate]:
        partial = PartialTime(kind="calendar")
        found = []
        for index in range(count):
            found.append(Candidate(10 * index, 10 * index + 3, "May", rule, partial))
            found.append(Candidate(10 * index + 2, 10 * index + 5, "May", rule, partial))
        return found

    small_input, large_input = candidates(5_000), candidates(20_000)
    small = _cpu_seconds(lambda: select_non_overlapping(small_input))
    large = _cpu_seconds(lambda: select_non_overlapping(large_input))
    _assert_linear("select_non_overlapping", small, large)
    assert len(select_non_overlapping(small_input)) == 5_000  # the first of each pair


def test_teaser_paragraph_lookup_is_linear() -> None:
    """Finding the teaser paragraph of every offset grows linearly with the teasers
    (each look-up once rescanned from the heading: 300 KB took 12 s)."""

    def look_up_all(paragraphs: int) -> Callable[[], object]:
        text = "The story.\n\nRelated\n\n" + "On Thursday it rained.\n\n" * paragraphs
        return lambda: [related_block(text, offset) for offset in range(0, len(text), 8)]

    small_run, large_run = look_up_all(1_500), look_up_all(6_000)
    small = _cpu_seconds(small_run)
    large = _cpu_seconds(large_run)
    _assert_linear("related_block", small, large)


@pytest.mark.parametrize(
    "unit",
    ["(", '"', "$", "\U0001f600\U0001f389\U0001f4c5", "a:"],
    ids=["parentheses", "quotes", "dollars", "emoji", "letter-colon"],
)
def test_tokenizing_a_long_word_of_punctuation_is_linear(unit: str) -> None:
    """Tokenizing one long word of punctuation or symbols grows linearly: spaCy's
    tokenizer strips its affixes one by one, each time searching the rest of the word
    (8,000 "(" took 5 s of CPU, 9,000 characters of emoji over 5 s in find_times)."""
    from timeline.nlp import default_nlp, paragraph_docs

    nlp = default_nlp()
    small_text, large_text = _repeat_to(unit, 3_000), _repeat_to(unit, 12_000)
    small = _cpu_seconds(lambda: list(paragraph_docs([small_text], nlp)), repeats=1)
    large = _cpu_seconds(lambda: list(paragraph_docs([large_text], nlp)), repeats=1)
    _assert_linear(f"tokenizing {unit!r} * n", small, large)


REPEATED_PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget, Mayor Jane Smith said in a statement.",
    "Police arrested two men in Springfield on Monday after a shooting at a bar, officials said.",
    "The company announced on March 3 that it would cut 500 jobs, chief executive John Doe told reporters.",
    "Floods hit the town of Riverside last week, forcing thousands to leave their homes, the governor said.",
    "Prime Minister Anna Berg resigned on Friday after losing a vote in parliament, her office said.",
)
"""News paragraphs with a dated event, a reporting verb, a named person and place;
the last two tell an event after another (anchors, which the merge reads by offset)."""


def _repeated_news(paragraphs: tuple[str, ...], copies: int) -> str:
    return "".join(paragraphs[k % len(paragraphs)] + "\n\n" for k in range(copies))


@pytest.mark.parametrize(
    ("paragraphs", "undated"),
    [(REPEATED_PARAGRAPHS[:1], "drop"), (REPEATED_PARAGRAPHS, "inherit")],
    ids=["one paragraph", "five paragraphs cycled, inherit"],
)
def test_repeated_paragraphs_build_in_linear_time(paragraphs: tuple[str, ...], undated: str) -> None:
    """The stages after the parse (times, events, inherited dates, summaries, merge) of
    a text of one or five news paragraphs repeated grow linearly with the copies, and
    every copy is a mention of its paragraph's event: a paragraph repeated 1,000 times
    once took 40 s and 1 GB, the merge comparing every pair of copies."""
    nlp = default_nlp()

    def after_parse(copies: int) -> Callable[[], Timeline]:
        (document,), _ = read_documents([{"text": _repeated_news(paragraphs, copies), "published": "2024-05-03"}])
        (parsed,) = parse_texts([document.text], nlp)
        return lambda: timeline_of([analyze_document(document, parsed, undated=undated)])

    small_run, large_run = after_parse(150), after_parse(600)
    # each paragraph's event holds its copies (the first copy, the lead, may stand apart)
    most = max(len(event.mentions) for event in large_run().events)
    assert most >= 600 // len(paragraphs) - 1
    small = _cpu_seconds(small_run)
    large = _cpu_seconds(large_run)
    _assert_linear(f"build of {len(paragraphs)} paragraph(s) repeated, undated={undated}", small, large)
