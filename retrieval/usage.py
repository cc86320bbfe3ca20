"""How everyday a word is in general English (WordNet's SemCor sense-tag counts), bundled and keyed by stem."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from retrieval.lexicon import packaged_text
from retrieval.query import Query

_FILE = "usage.tsv.gz"


@dataclass(frozen=True, slots=True)
class Usage:
    """Per stem, how often general English uses it; rarity() turns a count into a share of a word's weight."""

    counts: Mapping[str, int]
    total: int

    def rarity(self, stem: str) -> float:
        """1 for a word general English never uses, less for an everyday one (log-scaled, above 0).

        The total counts two more than the table and the word one more, so that a word holding every count (a table
        of one word) stays above 0 and a word never counted is 1."""
        if self.total <= 1:
            return 1.0
        return math.log((self.total + 2) / (self.counts.get(stem, 0) + 1)) / math.log(self.total + 2)


def usage_from(counts: Mapping[str, int]) -> Usage:
    """A Usage over the given counts."""
    return Usage(counts, sum(counts.values()))


@cache
def bundled_usage() -> Usage | None:
    """The counts shipped with the package (scripts/build_lexicon.py); None when the file is missing or unreadable."""
    text = packaged_text(_FILE)
    if text is None:
        return None
    try:
        counts = {stem: int(count) for stem, _, count in (line.partition("\t") for line in text.splitlines())}
    except ValueError:
        return None
    return usage_from(counts)


def gated(query: Query, usage: Usage) -> Query:
    """The query with each word no sentence holds gated by its rarity: "fast" or "head" missing from every
    article says less about an unanswerable question than "greenback" or "stopgap" does."""
    if not any(t.unseen for t in query.terms):
        return query
    terms = tuple(replace(t, gate=usage.rarity(t.term)) if t.unseen else t for t in query.terms)
    return replace(query, terms=terms)
