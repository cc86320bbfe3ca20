"""The names rule: a quote must hold the question's rarer proper names, in it or around it.

Around it means its neighbours, its headline, the acronyms its capitalised words make ("CNPC"), a few
sentences back when it names its speaker only as "he said", and (with metonyms on) what a name also
goes by ("Moscow" or "the Kremlin" for Russia, "Western" for West).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from retrieval.facts import SentenceFacts
from retrieval.lexicon import holds
from retrieval.library import Library
from retrieval.query import Query
from retrieval.text import opens_quotation

# A speaker named only by pronoun ("he said"): the name may stand a few sentences back.
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she)\s+(?:said|added|says|told|argued|noted|warned)\b|\bsaid\s+(?:he|she)\b")
_SPEAKER_LOOKBACK = 4
# Stems of the compass names that stand for loose blocs or regions: "the West", "Western", "the East".
_COMPASS = frozenset({"west", "western", "east", "eastern", "north", "northern", "south", "southern"})


@dataclass(frozen=True, slots=True)
class NameCheck:
    """Finds the question's rarer name a passage lacks, looking around it as the rule allows."""

    library: Library
    terms_of: Callable[[int], frozenset[str]]
    facts: Sequence[SentenceFacts] | None = None
    titles: Mapping[str, frozenset[str]] | None = None
    aliases: bool = False
    blocs: bool = False

    def missing(self, query: Query, first: int, last: int, inside: frozenset[str]) -> str | None:
        """The first of the question's rarer names that neither the passage nor its context holds."""
        names = required_names(query, blocs=self.blocs)
        if not names or names <= inside:
            return None
        context = set(inside)
        sentences = self.library.sentences
        for number, step in ((first, -1), (last, 1)):
            other = self.library.neighbour(number, step)
            if other is not None:
                context |= self.terms_of(other)
        if self.titles is not None:
            context |= self.titles.get(sentences[first].article_id, frozenset())
        if self.facts is not None:
            context.update(a for n in range(first, last + 1) for a in self.facts[n].acronyms)
        text = " ".join(sentences[n].text for n in range(first, last + 1))
        if _PRONOUN_SPEAKER.search(text):
            # "..., he said." names its speaker a few sentences back, counted from where the quotation opened.
            for back in self.library.before(self._quotation_start(first), _SPEAKER_LOOKBACK):
                context |= self.terms_of(back)
        if self.aliases:
            # A name is held by what it goes by: "Moscow" or "the Kremlin" for Russia, "Western" for West.
            held = frozenset(context)
            names = frozenset(t.term for t in query.terms if t.term in names and not holds(t.aliases, held))
        missing = sorted(names - context)
        if not missing:
            return None
        return next(t.surface for t in query.terms if t.term == missing[0])

    def _quotation_start(self, number: int) -> int:
        """The sentence a quotation closing in this one opened in (itself when it closes none)."""
        start = number
        for _ in range(_SPEAKER_LOOKBACK):
            opening, closing = quotation_marks(self.library.text_of(start))
            if opening >= closing:
                break
            back = self.library.neighbour(start, -1)
            if back is None:
                break
            start = back
            if quotation_marks(self.library.text_of(start))[0]:
                break
        return start


# A double quotation mark: typographic, straight, or as the Penn Treebank style writes it (``, and '' to close).
_QUOTATION_MARK = re.compile(r"[“”\"]|``|''")


def quotation_marks(text: str) -> tuple[int, int]:
    """How many quotations text opens and how many it closes (a mark the same both ways: text.opens_quotation)."""
    opening = closing = 0
    for mark in _QUOTATION_MARK.finditer(text):
        at, end = mark.span()
        if mark.group() == "“" or (mark.group() in ('"', "``") and opens_quotation(text, at, end)):
            opening += 1
        else:
            closing += 1
    return opening, closing


def required_names(query: Query, *, blocs: bool = False) -> frozenset[str]:
    """The question's rarer proper names; a name on every line of the corpus (the main actors) is not asked for.

    Rarer means weighing at least the question's mean, or (with rare names on) standing in so few sentences that
    its weight is near the largest ("What did Iacocca say about the Kenosha plant?" asks about both). With blocs
    on, "the West" or "Western" alone is a loose bloc that stories name in other ways ("the US and its allies",
    "Nato"): it counts for coverage like any word, but is not required."""
    if not query.terms:
        return frozenset()
    mean = sum(t.weight for t in query.terms) / len(query.terms)
    # A name the question writes as a possessor ("India's unemployment rate") says whose the answer is.
    loose = _blocs(query) if blocs else frozenset()
    return frozenset(
        t.term
        for t in query.terms
        if t.name and t.term not in loose and (t.weight >= mean or t.owner or t.weight >= query.rare)
    )


def _blocs(query: Query) -> frozenset[str]:
    """The compass names that stand alone ("the West", "Western governments"), not begin a name ("North Korea")."""
    terms = query.terms
    return frozenset(
        t.term for i, t in enumerate(terms) if t.term in _COMPASS and (i + 1 == len(terms) or not terms[i + 1].name)
    )
