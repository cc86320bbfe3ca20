"""Word relations from WordNet 3.0 (synonyms, derived forms, hypernyms), keyed by stem and bundled as data."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

# The fields of a lexicon line, in order (scripts/build_lexicon.py writes them).
KINDS = ("syn", "der", "hyp", "sim")
_FILE = "lexicon.tsv.gz"


class Lexicon:
    """Which stems WordNet relates to a stem; a multi-word relation is its stems joined by "_"."""

    def __init__(self, rows: Mapping[str, str]) -> None:
        self._rows = rows  # stem -> the rest of its line, split only when asked for

    def related(self, stem: str, kinds: Iterable[str] = KINDS) -> frozenset[str]:
        """The stems related to stem by the given kinds of relation."""
        row = self._rows.get(stem)
        if row is None:
            return frozenset()
        fields = dict(zip(KINDS, row.split("\t"), strict=False))
        return frozenset(word for kind in kinds for word in fields.get(kind, "").split())

    def __len__(self) -> int:
        return len(self._rows)


@cache
def bundled_lexicon() -> Lexicon | None:
    """The lexicon shipped with the package, or None when its data file is missing or unreadable."""
    try:
        packed = resources.files("retrieval").joinpath(_FILE).read_bytes()
        text = gzip.decompress(packed).decode("utf-8")
        rows = dict(line.partition("\t")[::2] for line in text.splitlines())
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    return Lexicon(rows)


class Relations:
    """The corpus terms a question term may stand for: lexicon relations, both ways, within the corpus vocabulary.

    Looked up both ways because WordNet links are one-sided: "soil" names "land" as a synonym, a
    hypernym points up only, and a question may be the specific or the general side.
    """

    def __init__(self, lexicon: Lexicon, vocabulary: Iterable[str], kinds: Iterable[str] = KINDS) -> None:
        self._lexicon = lexicon
        self._kinds = tuple(kinds)
        self._vocabulary = frozenset(vocabulary)
        reverse: dict[str, set[str]] = {}
        for term in self._vocabulary:
            for other in lexicon.related(term, self._kinds):
                reverse.setdefault(other, set()).add(term)
        self._reverse = {term: frozenset(found) for term, found in reverse.items()}
        self._cache: dict[str, frozenset[str]] = {}

    def of(self, term: str) -> frozenset[str]:
        """Corpus terms related to term (multi-word ones as "a_b" when every part is in the corpus)."""
        found = self._cache.get(term)
        if found is None:
            forward = {
                other
                for other in self._lexicon.related(term, self._kinds)
                if all(part in self._vocabulary for part in other.split("_"))
            }
            found = frozenset((forward | self._reverse.get(term, frozenset())) - {term})
            self._cache[term] = found
        return found


def holds(related: Iterable[str], terms: frozenset[str]) -> bool:
    """Whether terms hold one of the related terms (every part of a multi-word one)."""
    return any(all(part in terms for part in other.split("_")) for other in related)
