"""The loaded corpus as the answer builder sees it: articles by id and every content sentence in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import overload

import numpy as np

from retrieval.model import Article, Sentence
from retrieval.sentences import ArticleSentences


class SentenceTable(Sequence[Sentence]):
    """Sentences as three int32 arrays (article, start, end); a Sentence is made only when one is read.

    A million Sentence objects with their own copies of the text would cost hundreds of megabytes and
    seconds to create; the answer builder reads a few dozen per question.
    """

    def __init__(self, articles: Sequence[Article], article: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        self.articles = tuple(articles)
        self.article = article
        self.start = start
        self.end = end
        # Sentences are stored article by article, so an article's first sentence follows the counts before it.
        counts = np.bincount(article, minlength=len(self.articles))
        self.first = np.zeros(len(self.articles), dtype=np.int64)
        np.cumsum(counts[:-1], out=self.first[1:])

    def __len__(self) -> int:
        return len(self.article)

    @overload
    def __getitem__(self, number: int) -> Sentence: ...
    @overload
    def __getitem__(self, number: slice) -> tuple[Sentence, ...]: ...
    def __getitem__(self, number: int | slice) -> Sentence | tuple[Sentence, ...]:
        if isinstance(number, slice):
            return tuple(self[i] for i in range(*number.indices(len(self))))
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError("sentence number out of range")
        which = int(self.article[number])
        article = self.articles[which]
        start, end = int(self.start[number]), int(self.end[number])
        return Sentence(article.id, number - int(self.first[which]), start, end, article.text[start:end])


@dataclass(frozen=True, slots=True)
class Library:
    """Articles and their sentences; sentence numbers are positions in `sentences`."""

    articles: Mapping[str, Article]
    sentences: Sequence[Sentence]
    first_sentence: Mapping[str, int]
    furniture_lines: int

    @classmethod
    def build(cls, split: Iterable[ArticleSentences]) -> Library:
        """Assemble a library from split articles, in the given order."""
        articles: dict[str, Article] = {}
        sentences: list[Sentence] = []
        first: dict[str, int] = {}
        furniture = 0
        for item in split:
            articles[item.article.id] = item.article
            first[item.article.id] = len(sentences)
            sentences.extend(item.sentences)
            furniture += len(item.furniture)
        return cls(MappingProxyType(articles), tuple(sentences), MappingProxyType(first), furniture)

    @classmethod
    def from_table(cls, table: SentenceTable, furniture_lines: int) -> Library:
        """A library over a compact sentence table (articles in table order)."""
        articles = {article.id: article for article in table.articles}
        first = dict(zip(articles, table.first.tolist(), strict=True))
        return cls(MappingProxyType(articles), table, MappingProxyType(first), furniture_lines)

    def neighbour(self, number: int, step: int) -> int | None:
        """The sentence number step away from number within the same article, if there is one."""
        other = number + step
        if not 0 <= other < len(self.sentences):
            return None
        if self.sentences[other].article_id != self.sentences[number].article_id:
            return None
        return other

    def article_of(self, number: int) -> Article:
        """The article a sentence belongs to."""
        return self.articles[self.sentences[number].article_id]
