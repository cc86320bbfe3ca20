"""Build retrieval/forms.tsv.gz, the single-word lemmas of WordNet 3.0 and their irregular forms, for the speller.

The speller takes a word WordNet knows for no slip; the lexicon is keyed by Snowball stem, and a slip may stem to
a real word's stem ("goverments" stems to "gover", the stem of "governess"). This list lets it ask whether WordNet
knows the word as written (retrieval/speller.py, `known_form`: a lemma, a lemma with a regular ending, or an
irregular form from WordNet's exception lists). Source: Princeton WordNet 3.0 as Debian ships it
(`apt-get install wordnet-base`, /usr/share/wordnet). Each line is a lemma, or "form <TAB> lemma" for an exception.

Usage: python scripts/build_forms.py [--wordnet /usr/share/wordnet]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from build_lexicon import exception_lines, lemmas_of, write_lines

OUT = Path(__file__).resolve().parent.parent / "retrieval" / "forms.tsv.gz"
POS = ("noun", "verb", "adj", "adv")


def main() -> None:
    """Write the lemma and exception list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    folder = parser.parse_args().wordnet
    lemmas = {lemma.lower() for pos in POS for lemma in lemmas_of(folder, pos) if lemma.isalpha()}
    exceptions = {
        f"{form}\t{forms_lemmas[0]}"
        for pos in POS
        for form, forms_lemmas in exception_lines(folder, pos)
        if form.isalpha() and form not in lemmas
    }
    write_lines(sorted(lemmas) + sorted(exceptions), OUT)


if __name__ == "__main__":
    main()
