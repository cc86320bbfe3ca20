"""Build retrieval/offices.txt.gz: the nouns that name a person in every sense (offices and roles).

The source is Princeton WordNet 3.0 as Debian ships it (`apt-get install wordnet-base`, files in /usr/share/wordnet),
as for scripts/build_lexicon.py. WordNet files each sense of a noun under a lexicographer file; a one-word noun is
written when every sense of it (senses written capitalised, proper names, left out) is in noun.person ("judge",
"official", "chairman", "minister"; not "leader", "subsidiary" or "watchdog", which are also a cheap offer, a company
and a dog, nor "bank", "date" or "exchange"). One noun a line, in its dictionary form (singular): stems would join
"organiser" to "organisation".

Usage: python scripts/build_offices.py [--wordnet /usr/share/wordnet] [--out retrieval/offices.txt.gz]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from build_lexicon import wordnet_lines, write_lines

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "retrieval" / "offices.txt.gz"
_PERSON_FILE = "18"  # noun.person, WordNet's lexicographer file number


def person_nouns(folder: Path) -> dict[str, bool]:
    """Each one-word noun of WordNet, and whether every sense of it (but proper names) is a person."""
    files: dict[str, tuple[str, frozenset[str]]] = {}
    for line in wordnet_lines(folder, "data.noun"):
        fields = line.split()
        count = int(fields[3], 16)
        files[fields[0]] = (fields[1], frozenset(fields[4 : 4 + 2 * count : 2]))
    found: dict[str, bool] = {}
    for line in wordnet_lines(folder, "index.noun"):
        fields = line.split()
        lemma, synsets = fields[0], int(fields[2])
        if "_" in lemma or not lemma.isalpha():
            continue
        # A sense written capitalised is a proper name ("Judges", a book; "Banks", "Fields": people), left out.
        common = [lexfile for lexfile, written in (files[o] for o in fields[-synsets:]) if lemma in written]
        found[lemma] = bool(common) and all(lexfile == _PERSON_FILE for lexfile in common)
    return found


def offices(folder: Path) -> list[str]:
    """The one-word nouns that name a person in every sense."""
    return sorted(lemma for lemma, person in person_nouns(folder).items() if person)


def main(argv: list[str] | None = None) -> None:
    """Write the offices file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    nouns = offices(args.wordnet)
    write_lines(nouns, args.out)
    print(f"{args.out}: {len(nouns)} nouns, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
