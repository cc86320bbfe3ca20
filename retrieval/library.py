"""The loaded corpus as the answer builder sees it: articles by id and every content sentence in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from retrieval.model import Article, Sentence
from retrieval.sentence_table import SentenceTable
from retrieval.sentences import ArticleSentences


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
