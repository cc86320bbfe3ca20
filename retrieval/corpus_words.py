"""The corpus-wide word counts the service's word knowledge needs, counted article by article and merged.

An article's counts depend on its own sentences alone, so a build counts them in its worker processes and
the cache keeps the merged result: a service over a million sentences then starts without reading them all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from retrieval.facts import relative_years
from retrieval.library import Library
from retrieval.query import NAME_TOKEN, NameBook, years_in
from retrieval.speller import MIN_TYPO_LENGTH
from retrieval.text import stem, stem_words, words


@dataclass(frozen=True, slots=True)
class ArticleWords:
    """One article's share of the corpus's word counts."""

    vocabulary: frozenset[str]  # its words the speller may offer (long enough, letters only)
    tokens: Counter[str]  # its name-like tokens as written, but each sentence's first, by count
    groups: Counter[str]  # per sentence, its words that share a stem ("russia russias"), by count
    dated: frozenset[str]  # the year and month terms its sentences refer to (the dates technique)


@dataclass(frozen=True, slots=True)
class CorpusWords:
    """The corpus's speller vocabulary, proper names, sentence counts of names, and date terms."""

    vocabulary: frozenset[str]
    names: frozenset[str]
    name_counts: dict[str, int]  # in how many sentences each proper name (as a stem) stands
    dated: frozenset[str]


def article_words(texts: Sequence[str], published: date | None) -> ArticleWords:
    """Count one article's words, from its sentences' texts in order and its publication date."""
    vocabulary: set[str] = set()
    tokens: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    dated: set[str] = set()
    for text in texts:
        found = words(text)
        vocabulary.update(found)
        tokens.update(NAME_TOKEN.findall(text)[1:])
        by_stem: dict[str, set[str]] = {}
        for word, its_stem in zip(found, stem_words(found), strict=True):
            by_stem.setdefault(its_stem, set()).add(word)
        groups.update(" ".join(sorted(group)) for group in by_stem.values())
        years = years_in(text) | (relative_years(text, published.year) if published is not None else frozenset())
        dated.update(str(year) for year in years)
    if published is not None and texts:
        dated.update((str(published.year), stem(published.strftime("%B").lower())))
    long_words = frozenset(w for w in vocabulary if len(w) >= MIN_TYPO_LENGTH and w.isalpha())
    return ArticleWords(long_words, tokens, groups, frozenset(dated))


class Tally:
    """Adds up articles' word counts as they come, so that they are never all held at once."""

    def __init__(self) -> None:
        self._vocabulary: set[str] = set()
        self._tokens: Counter[str] = Counter()
        self._groups: Counter[str] = Counter()
        self._dated: set[str] = set()

    def add(self, part: ArticleWords) -> None:
        """Count one more article."""
        self._vocabulary |= part.vocabulary
        self._tokens.update(part.tokens)
        self._groups.update(part.groups)
        self._dated |= part.dated

    def total(self) -> CorpusWords:
        """The corpus's word knowledge from the articles counted so far."""
        names = NameBook.from_counts(self._tokens).names
        name_counts: Counter[str] = Counter()
        for group, count in self._groups.items():
            members = group.split(" ")
            if any(word in names for word in members):
                name_counts[stem(members[0])] += count
        return CorpusWords(frozenset(self._vocabulary), names, dict(name_counts), frozenset(self._dated))


def merge(parts: Iterable[ArticleWords]) -> CorpusWords:
    """The corpus's word knowledge from every article's counts."""
    tally = Tally()
    for part in parts:
        tally.add(part)
    return tally.total()


def library_words(library: Library) -> CorpusWords:
    """Count the words of every sentence of a library, article by article."""
    sentences = library.sentences
    parts = (
        article_words([sentences[n].text for n in numbers], library.articles[article_id].date)
        for article_id, numbers in article_numbers(library).items()
    )
    return merge(parts)


def article_numbers(library: Library) -> dict[str, range]:
    """Each article's sentence numbers: its sentences stand together, articles in order."""
    firsts = list(library.first_sentence.items())
    ends = [first for _, first in firsts[1:]] + [len(library.sentences)]
    return {article_id: range(first, end) for (article_id, first), end in zip(firsts, ends, strict=True)}
