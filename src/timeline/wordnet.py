"""WordNet 3.0 as shipped data: the senses of English verbs and nouns, their
supersenses (lexicographer files), hypernyms and derivations.

Shared language knowledge for the stages that need word meaning beyond a lemma: the
event detector (is this noun an act or an event?) and the merge (is "shot" a way to
"kill"?). The tables in ``resources/wordnet/`` are derived from the Princeton WordNet
3.0 database by ``tools/build_wordnet_table.py`` (the command and its source are in its
docstring; the WordNet licence is in ``resources/wordnet/LICENSE-WordNet.txt``). They
are read on first use, once per process (about 1.2 MB compressed); nothing is
downloaded.

Synsets are named by part of speech and WordNet offset (``"v01323958"`` is "kill",
cause to die). Parts of speech are ``"n"`` and ``"v"``.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable
from importlib import resources
from typing import Optional

import attrs

from .errors import InvalidOptionError, ResourceError

__all__ = ["WordNet", "load_wordnet", "PARTS_OF_SPEECH"]

PARTS_OF_SPEECH = ("n", "v")


_DERIVED_ITEM = re.compile(r"[nv]:.+?(?= [nv]:|$)")
"""One "pos:lemma" item of a lemma row's derivations (lemmas may hold spaces)."""


def _read_gzip_table(name: str) -> list[str]:
    location = resources.files("timeline").joinpath("resources").joinpath("wordnet").joinpath(name)
    try:
        data = location.read_bytes()
    except (FileNotFoundError, OSError) as err:
        raise ResourceError(f"missing resource file resources/wordnet/{name}: {err}") from None
    return gzip.decompress(data).decode("utf-8").splitlines()


def _check_pos(pos: str) -> None:
    if pos not in PARTS_OF_SPEECH:
        raise InvalidOptionError(f"WordNet part of speech must be 'n' or 'v', got {pos!r}")


@attrs.frozen
class WordNet:
    """Look-ups over the shipped tables (build one with :func:`load_wordnet`).

    The rows are kept as read and split on demand: most lemmas of a run are never
    asked for."""

    lemma_rows: dict[tuple[str, str], tuple[str, str]] = attrs.field(repr=False)
    synset_rows: dict[str, tuple[str, str]] = attrs.field(repr=False)

    def synsets(self, lemma: str, pos: str) -> tuple[str, ...]:
        """The lemma's synsets, most frequent sense first (empty when WordNet lacks it)."""
        _check_pos(pos)
        row = self.lemma_rows.get((lemma.lower(), pos))
        return tuple(row[0].split()) if row else ()

    def derived(self, lemma: str, pos: str) -> tuple[tuple[str, str], ...]:
        """(pos, lemma) of the other part of speech WordNet derives from the lemma's
        first senses: ("n", "death") -> (("v", "die"),)."""
        _check_pos(pos)
        row = self.lemma_rows.get((lemma.lower(), pos))
        if not row or not row[1]:
            return ()
        # items are "pos:lemma" joined by spaces, and a lemma may have spaces itself
        # ("v:add on", "n:air conditioner"): an item starts at each "n:" or "v:"
        return tuple((item[0], item[2:]) for item in _DERIVED_ITEM.findall(row[1]))

    def lexname(self, synset: str) -> str:
        """The synset's lexicographer file ("verb.contact", "noun.event", ...)."""
        row = self.synset_rows.get(synset)
        if row is None:
            raise KeyError(f"unknown WordNet synset {synset!r}")
        return row[0]

    def supersenses(self, lemma: str, pos: str, senses: Optional[int] = None) -> tuple[str, ...]:
        """The distinct lexicographer files of the lemma's first ``senses`` senses (all
        when None), in sense order: ("v", "shoot") -> ("verb.competition",
        "verb.social", "verb.contact", ...)."""
        found: list[str] = []
        for synset in self.synsets(lemma, pos)[:senses]:
            name = self.lexname(synset)
            if name not in found:
                found.append(name)
        return tuple(found)

    def hypernyms(self, synset: str) -> tuple[str, ...]:
        """The synset's direct hypernyms (instance hypernyms included)."""
        row = self.synset_rows.get(synset)
        return tuple(row[1].split()) if row and row[1] else ()

    def ancestors(self, synsets: Iterable[str], depth: Optional[int] = None) -> frozenset[str]:
        """The synsets and their hypernyms up to ``depth`` steps (all when None)."""
        seen = set(synsets)
        frontier = list(seen)
        steps = 0
        while frontier and (depth is None or steps < depth):
            steps += 1
            next_frontier = []
            for synset in frontier:
                for parent in self.hypernyms(synset):
                    if parent not in seen:
                        seen.add(parent)
                        next_frontier.append(parent)
            frontier = next_frontier
        return frozenset(seen)


@functools.lru_cache(maxsize=1)
def load_wordnet() -> WordNet:
    """The shipped WordNet tables, read once per process."""
    lemma_rows: dict[tuple[str, str], tuple[str, str]] = {}
    for line in _read_gzip_table("lemmas.tsv.gz"):
        if line.startswith("#"):
            continue
        lemma, pos, synsets, derived = line.split("\t")
        lemma_rows[(lemma, pos)] = (synsets, derived)
    synset_rows: dict[str, tuple[str, str]] = {}
    for line in _read_gzip_table("synsets.tsv.gz"):
        if line.startswith("#"):
            continue
        synset, lexname, hypernyms = line.split("\t")
        synset_rows[synset] = (lexname, hypernyms)
    return WordNet(lemma_rows, synset_rows)
