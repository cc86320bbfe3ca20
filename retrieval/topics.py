"""Whether a question is everyday chat beside the corpus: it names nothing the articles are about.

A word the articles use far more often than general English does (SemCor's counts, `usage.py`) is one of their
topics ("sanction", "summit", "carmaker"); an everyday word ("suggest", "watch", "time", "back") is not, however
often a news story writes it. A question that names no one, asks about something no article mentions ("film",
"sunset", "pain") and shares only everyday words with the corpus asks about something else: matching "suggest" and
"watching" in "observers suggested that Beijing is closely watching" is no answer to "suggest a film to watch".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from retrieval.query import Query
from retrieval.usage import Usage

# A word the corpus uses this many times as often as general English does (per word written) is one of its topics.
TOPIC_RATIO = 4.0


@dataclass(frozen=True, slots=True)
class Topics:
    """How often the corpus uses each term, against general English, to tell its topics from everyday words."""

    held: Callable[[str], int]  # in how many sentences a term stands
    words: int  # how many terms the corpus's sentences hold in all
    usage: Usage

    def topical(self, term: str) -> bool:
        """Whether the corpus uses the term at least TOPIC_RATIO times as often as general English does."""
        held = self.held(term)
        if held == 0 or self.words <= 0 or self.usage.total <= 0:
            return False
        general = (self.usage.counts.get(term, 0) + 1) / self.usage.total
        return held / self.words >= TOPIC_RATIO * general

    def beside(self, query: Query) -> bool:
        """Whether the question is everyday chat beside the corpus: no name, a word no article uses, and no word of
        the corpus's topics."""
        terms = query.terms
        if not terms or any(t.name for t in terms) or not any(t.unseen for t in terms):
            return False
        return not any(self.topical(t.term) for t in terms if not t.unseen)
