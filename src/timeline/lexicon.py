"""Loading the language resources: lexicons (``resources/lexicon/*.tsv``) and the rule
table (``resources/rules.toml``), compiled into regexes once per process.

The files are the language knowledge; this module only knows their format:
a TSV line is ``form<TAB>value[<TAB>more...]``, ``#`` starts a comment.
"""

from __future__ import annotations

import functools
import sys
from datetime import date
from typing import Any, Optional

import attrs
import regex

from .cues import FirstWords, Needs, SecondWords, Starts, rule_prefilters, shared_second_words
from .errors import ResourceError
from .tables import resource_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Lexicons whose forms are proper names: matched with their case, so that "may" (modal)
# and "march" (verb) are not months.
CASE_SENSITIVE = frozenset({"month", "month_name", "weekday", "timezone", "year_context", "person_title", "date_name"})

# Lexicon file -> macro names it defines (a derived macro keeps only some rows).
LEXICON_FILES = {
    "month": "months.tsv",
    "weekday": "weekdays.tsv",
    "number": "numbers.tsv",
    "ordinal": "ordinals.tsv",
    "season": "seasons.tsv",
    "part_of_day": "parts_of_day.tsv",
    "unit": "units.tsv",
    "mod": "modifiers.tsv",
    "holiday": "holidays.tsv",
    "reference": "references.tsv",
    "narrative_reference": "narrative_references.tsv",
    "direction": "directions.tsv",
    "deictic": "deictic.tsv",
    "clock": "clock.tsv",
    "frequency": "frequencies.tsv",
    "tense_cue": "tense_cues.tsv",
    "timezone": "timezones.tsv",
    "deadline_cue": "deadline_cues.tsv",
    "deadline_noun": "deadline_nouns.tsv",
    "decade_word": "decades.tsv",
    "year_context": "year_context.tsv",
    "person_title": "person_titles.tsv",
    "times_count": "times_counts.tsv",
    "quantifier": "quantifiers.tsv",
    "date_name": "date_names.tsv",
    "day_edge": "day_edges.tsv",
    "planning_verb": "planning_verbs.tsv",
}


def read_tsv(text: str, *, source: str = "<tsv>") -> list[tuple[str, ...]]:
    """Rows of a TSV resource, without comments and blank lines."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if len(cells) < 2 or not cells[0]:
            raise ResourceError(f"{source}:{number}: expected 'form<TAB>value', got {line!r}")
        rows.append(cells)
    return rows


# Typographic apostrophes news text uses for "'" ("New Year’s Day", "the ’90s").
APOSTROPHES = "\u2019\u02bc"


def normalize_form(text: str, *, case_sensitive: bool) -> str:
    """The lookup key of a matched surface form: single spaces, a plain apostrophe, lower
    case unless names."""
    folded = " ".join(text.split())
    for apostrophe in APOSTROPHES:
        folded = folded.replace(apostrophe, "'")
    return folded if case_sensitive else folded.lower()


@attrs.frozen
class Lexicon:
    """One word list: surface form -> the rest of its row."""

    name: str
    entries: dict[str, tuple[str, ...]]
    case_sensitive: bool

    def lookup(self, surface: str) -> Optional[tuple[str, ...]]:
        return self.entries.get(normalize_form(surface, case_sensitive=self.case_sensitive))

    def alternation(self, *, any_space: bool = False) -> str:
        """A regex matching any form, longest first so that alternation prefers it; with
        ``any_space`` the space between two words matches any run of whitespace (a line
        break between "extended" and "until")."""
        forms = sorted(self.entries, key=lambda f: (-len(f), f))
        space = r"\s+" if any_space else " "
        body = "|".join(
            regex.escape(f).replace(r"\ ", space).replace(r"\'", "'").replace("'", _ANY_APOSTROPHE) for f in forms
        )
        return f"(?:{body})" if self.case_sensitive else f"(?i:{body})"


# Lexicons that keep the rows of another whose last column has a given label:
# ``month_name`` the full month names (not "Jan."), ``frequency_any`` the frequency
# words read wherever they stand ("the daily tally"), ``frequency_adverb`` those read
# only when they modify no noun ("paid quarterly", not "its quarterly dividend").
DERIVED_LEXICONS = {
    "month_name": ("month", "name"),
    "frequency_any": ("frequency", "any"),
    "frequency_adverb": ("frequency", "adverb"),
}


@functools.lru_cache(maxsize=1)
def lexicons() -> dict[str, Lexicon]:
    """Every lexicon, keyed by macro name (plus the DERIVED_LEXICONS)."""
    loaded: dict[str, Lexicon] = {}
    for name, filename in LEXICON_FILES.items():
        rows = read_tsv(resource_text("lexicon", filename), source=filename)
        sensitive = name in CASE_SENSITIVE
        entries = {normalize_form(r[0], case_sensitive=sensitive): r[1:] for r in rows}
        loaded[name] = Lexicon(name, entries, sensitive)
    for name, (source, label) in DERIVED_LEXICONS.items():
        base = loaded[source]
        loaded[name] = Lexicon(name, {k: v for k, v in base.entries.items() if v[-1] == label}, base.case_sensitive)
    return loaded


# The dated observances of holidays no Gregorian rule gives (lunar and lunisolar
# calendars): name -> Gregorian year of the first day -> (first day, days) of each
# observance that begins in that year (an Islamic holiday may begin twice in one year).
# Generated by tools/make_holiday_dates.py; holidays.tsv refers to a name as dates:NAME.
HOLIDAY_DATES_FILE = "holiday_dates.tsv"
Observances = dict[int, tuple[tuple[date, int], ...]]


@functools.lru_cache(maxsize=1)
def holiday_dates() -> dict[str, Observances]:
    """The rows of ``lexicon/holiday_dates.tsv`` by name and year (a year missing from a
    name lies outside the years the table covers)."""
    table: dict[str, dict[int, list[tuple[date, int]]]] = {}
    for row in read_tsv(resource_text("lexicon", HOLIDAY_DATES_FILE), source=HOLIDAY_DATES_FILE):
        try:
            name, year_text, first_text, days_text = row
            year, first, days = int(year_text), date.fromisoformat(first_text), int(days_text)
        except ValueError:
            raise ResourceError(f"{HOLIDAY_DATES_FILE}: expected 'name<TAB>year<TAB>YYYY-MM-DD<TAB>days', got {row!r}") from None
        if first.year != year or days < 1:
            raise ResourceError(f"{HOLIDAY_DATES_FILE}: {row!r}: the year is the first day's, the days at least 1")
        table.setdefault(name, {}).setdefault(year, []).append((first, days))
    return {name: {year: tuple(sorted(days)) for year, days in years.items()} for name, years in table.items()}


@attrs.frozen
class Rule:
    """A compiled recognition rule (see the header of ``rules.toml``)."""

    name: str
    family: str
    kind: str
    pattern: Any  # LazyPattern (or a compiled regex.Pattern)
    type: Optional[str]
    guard: Optional[str]
    priority: int
    slots: dict[str, str]  # fixed slot values given in the rule table
    # a date only as an end of a range ("15" of "May 1-15"): dropped when
    # timeline/times/ranges.py joins it to no other end
    only_in_range: bool = False
    # words every match contains ("ago" for "two years ago"): a text without them is not
    # scanned with the pattern, which saves the costly rules that open on an amount
    cue: Any = None  # Optional[LazyPattern]
    # strings every match needs, read off the pattern (timeline.cues): a text without
    # any string of one of these sets is not scanned with the rule
    needs: Needs = ()
    # what every match starts with, read off the pattern (timeline.cues.rule_starts):
    # the rule is tried only at the word starts that begin so; None: at every position
    starts: Starts = None
    # the whole first words (or starts) every match begins with, read off the pattern
    # (timeline.cues.rule_first_words): finer than ``starts``, used in their place
    first_words: FirstWords = None
    # the words that may follow some of those first words (timeline.cues.rule_second_words,
    # widened to the whole table's by cues.shared_second_words): at such a word the rule
    # is tried only where the text's next word is one of them
    second_words: SecondWords = None
    # "narrative": the rule reads a narrative's conventions ("former" PAST_REF, "at
    # night"), applied only in the narrative style (temporal.STYLES); None: every style
    style: Optional[str] = None


RULE_STYLES = frozenset({"narrative"})
_RULE_KEYS = {"name", "family", "pattern", "kind", "type", "guard", "priority", "only_in_range", "cue", "style"}
KINDS = frozenset(
    {"calendar", "relative", "anaphoric", "reference", "duration", "set", "event_relative", "deictic", "numeric_date", "ahead", "nonspecific", "previous"}
)


def expand_macros(pattern: str, macros: dict[str, str], *, depth: int = 0) -> str:
    """Replace ``{name}`` with its macro text (macros may use macros)."""
    if depth > 8:
        raise ResourceError(f"macro expansion too deep in {pattern!r}")

    def replace(match: "regex.Match[str]") -> str:
        name = match.group(1)
        if name not in macros:
            return match.group(0)  # a regex quantifier such as {1,3}
        return expand_macros(macros[name], macros, depth=depth + 1)

    return regex.sub(r"\{([a-z_0-9]+)\}", replace, pattern)


_ANY_APOSTROPHE = f"['{APOSTROPHES}]"


def _any_apostrophe(pattern: str) -> str:
    """Rules write the apostrophe as \\x27; let it match the typographic ones too, as a
    class of its own or, inside a character class, as more members of it."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        if pattern.startswith("\\x27", i):
            out.append("'" + APOSTROPHES if in_class else _ANY_APOSTROPHE)
            i += 4
            continue
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _group_body(pattern: str, open_at: int) -> str:
    """The text of the group whose "(" is at ``open_at``, up to its matching ")"
    (escapes and character classes skipped)."""
    depth, i, in_class = 0, open_at, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pattern[open_at : i + 1]
        i += 1
    return pattern[open_at:]


def _looks_back_over_space(pattern: str) -> bool:
    """True when a look-behind of ``pattern`` may match a run of white space."""
    return any(r"\s" in _group_body(pattern, found.start()) for found in regex.finditer(r"\(\?<[=!]", pattern))


def _compile(pattern: str, rule_name: str) -> Any:
    # A space in a rule or lexicon stands for any run of white space, and an optional
    # comma before one may stand apart in tokenized text ("April 28 , 2003"). A space
    # made optional with a bare "?" would become a lazy "\s+?", still required: refused.
    if regex.search(r" [?*+{]", pattern):
        raise ResourceError(f"rule {rule_name!r}: quantify a space as a group, '(?: )?', not ' ?': {pattern!r}")
    pattern = _any_apostrophe(pattern)
    spaced = pattern.replace(",? ", "\x00").replace(" ", r"\s+").replace("\x00", r"(?:\s*,)?\s+")
    # A look-behind over white space ("(?<=at )") scans back over the whole run, and
    # tried at each position of a long run it made the scan quadratic (20,000 spaces:
    # over a minute). In such a rule a negative look-ahead for white space comes first,
    # so no position inside a run is tried. Other rules go without it: it costs about a
    # tenth of the scan ("(?=\S)" would cost twice as much: the regex module's search
    # for where a match may start does not see through it).
    guard = r"(?!\s)" if _looks_back_over_space(spaced) else ""
    wrapped = rf"{guard}(?<![\w])(?:{spaced})(?![\w])"
    return LazyPattern(wrapped, rule_name, pattern)


class LazyPattern:
    """A rule's regex, compiled the first time a text needs it.

    Compiling the whole table took about 0.5 s of a process's first call, while a news
    text holds the needs and starts (:mod:`timeline.cues`) of about a third of the
    rules: :func:`timeline.times.recognize.find_candidates` compiles a rule only when a text
    passes its needs and has a word where a match may start. The object reads like the
    compiled pattern (``pattern``, ``groupindex``, ``match``, ``search``,
    ``finditer``), so callers that scan with it need not know; a bad pattern raises
    :class:`~timeline.errors.ResourceError` naming the rule when first compiled.
    Threads that compile one rule at the same time compile the same pattern: harmless."""

    __slots__ = ("pattern", "rule_name", "_written", "_compiled")

    def __init__(self, pattern: str, rule_name: str, written: Optional[str] = None) -> None:
        self.pattern = pattern  # the regex as compiled (wrapped, spaces expanded)
        self.rule_name = rule_name
        self._written = pattern if written is None else written  # as the rule writes it
        self._compiled: Any = None

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    def compiled(self) -> Any:
        """The compiled ``regex.Pattern`` (compiled now if not yet)."""
        compiled = self._compiled
        if compiled is None:
            try:
                compiled = regex.compile(self.pattern, regex.V0)
            except regex.error as err:
                raise ResourceError(f"rule {self.rule_name!r}: bad pattern {self._written!r}: {err}") from None
            self._compiled = compiled
        return compiled

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def match(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().match(*args, **kwargs)

    def search(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().search(*args, **kwargs)

    def finditer(self, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().finditer(*args, **kwargs)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def compiled(pattern: Any) -> Any:
    """The compiled regex of a rule's pattern or cue (a :class:`LazyPattern` or an
    already compiled pattern)."""
    return pattern.compiled() if isinstance(pattern, LazyPattern) else pattern


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rule table (read once per process; each rule's regex is compiled when a text
    first needs it, see :class:`LazyPattern`)."""
    return load_rules()


def load_rules() -> tuple[Rule, ...]:
    """The rule table read afresh from ``rules.toml`` (:func:`rules` keeps one)."""
    try:
        table = tomllib.loads(resource_text("rules.toml"))
    except tomllib.TOMLDecodeError as err:
        raise ResourceError(f"rules.toml: {err}") from None
    macros = {name: lex.alternation() for name, lex in lexicons().items()}
    macros.update(table.get("macros", {}))
    compiled = []
    for entry in table.get("rule", []):
        name = entry.get("name", "?")
        if entry.get("kind") not in KINDS:
            raise ResourceError(f"rule {name!r}: kind must be one of {sorted(KINDS)}, got {entry.get('kind')!r}")
        if entry.get("style") is not None and entry["style"] not in RULE_STYLES:
            raise ResourceError(f"rule {name!r}: style must be one of {sorted(RULE_STYLES)}, got {entry['style']!r}")
        pattern = _compile(expand_macros(entry["pattern"], macros), name)
        needs, starts, first_words, second_words = rule_prefilters(pattern.pattern)
        slots = {k: str(v) for k, v in entry.items() if k not in _RULE_KEYS}
        compiled.append(
            Rule(
                name=name,
                family=entry.get("family", "misc"),
                kind=entry["kind"],
                pattern=pattern,
                type=entry.get("type"),
                guard=entry.get("guard"),
                priority=int(entry.get("priority", 0)),
                only_in_range=bool(entry.get("only_in_range", False)),
                slots=slots,
                cue=_compile(expand_macros(entry["cue"], macros), name) if "cue" in entry else None,
                needs=needs,
                starts=starts,
                first_words=first_words,
                second_words=second_words,
                style=entry.get("style"),
            )
        )
    shared = shared_second_words([rule.second_words for rule in compiled])
    return tuple(attrs.evolve(rule, second_words=second) for rule, second in zip(compiled, shared))


__all__ = [
    "APOSTROPHES", "CASE_SENSITIVE", "DERIVED_LEXICONS", "HOLIDAY_DATES_FILE", "KINDS", "LEXICON_FILES",
    "LazyPattern", "Lexicon", "Observances", "RULE_STYLES", "Rule", "compiled", "expand_macros", "holiday_dates",
    "lexicons", "load_rules", "normalize_form", "read_tsv", "rules"
]
