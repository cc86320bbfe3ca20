"""The loaded corpus as the answer builder sees it: articles by id and every content sentence in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from retrieval.model import Article, Sentence
from retrieval.sentences import ArticleSentences


@dataclass(frozen=True, slots=True)
class Library:
    """Articles and their sentences; sentence numbers are positions in `sentences`."""

    articles: Mapping[str, Article]
    sentences: tuple[Sentence, ...]
    first_sentence: Mapping[str, int]
    furniture_lines: int
    # The text of every furniture line left out (comment forms, donation appeals), one entry a line.
    furniture: tuple[str, ...] = ()

    @classmethod
    def build(cls, split: Iterable[ArticleSentences]) -> Library:
        """Assemble a library from split articles, in the given order."""
        articles: dict[str, Article] = {}
        sentences: list[Sentence] = []
        first: dict[str, int] = {}
        furniture = 0
        lines: list[str] = []
        for item in split:
            articles[item.article.id] = item.article
            first[item.article.id] = len(sentences)
            sentences.extend(item.sentences)
            furniture += len(item.furniture)
            for block in item.furniture:
                lines.extend(line for line in item.article.text[block.start : block.end].splitlines() if line.strip())
        return cls(MappingProxyType(articles), tuple(sentences), MappingProxyType(first), furniture, tuple(lines))

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
