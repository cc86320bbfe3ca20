"""The loaded corpus as the answer builder sees it: articles by id and every content sentence in order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

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

    @classmethod
    def from_table(cls, table: SentenceTable, furniture: Iterable[Sequence[int]]) -> Library:
        """A library over a compact sentence table, with its furniture lines as (article number, start, end)."""
        articles = {article.id: article for article in table.articles}
        first = dict(zip(articles, table.first.tolist(), strict=True))
        blocks = 0
        lines: list[str] = []
        for number, start, end in furniture:
            blocks += 1
            lines.extend(line for line in table.articles[number].text[start:end].splitlines() if line.strip())
        return cls(MappingProxyType(articles), table, MappingProxyType(first), blocks, tuple(lines))

    def neighbour(self, number: int, step: int) -> int | None:
        """The sentence number step away from number within the same article, if there is one."""
        other = number + step
        sentences = self.sentences
        if not 0 <= other < len(sentences):
            return None
        if isinstance(sentences, SentenceTable):  # compare article numbers without making Sentences
            numbers = sentences.article_numbers
            return other if numbers[other] == numbers[number] else None
        if sentences[other].article_id != sentences[number].article_id:
            return None
        return other

    def neighbours(self, numbers: np.ndarray, step: int) -> np.ndarray:
        """neighbour for many sentence numbers at once: an int64 array, -1 where there is none."""
        sentences = self.sentences
        if not isinstance(sentences, SentenceTable):
            found = (self.neighbour(number, step) for number in numbers.tolist())
            return np.fromiter((-1 if n is None else n for n in found), dtype=np.int64, count=len(numbers))
        others = numbers.astype(np.int64) + step
        inside = (others >= 0) & (others < len(sentences))
        articles = sentences.article
        same = inside & (articles[np.where(inside, others, 0)] == articles[numbers])
        return np.where(same, others, -1)

    def before(self, number: int, count: int) -> list[int]:
        """Up to count sentences of the same article before this one, the farthest first."""
        found: list[int] = []
        while len(found) < count and (number_before := self.neighbour(number, -1)) is not None:
            found.insert(0, number_before)
            number = number_before
        return found

    def article_of(self, number: int) -> Article:
        """The article a sentence belongs to."""
        sentences = self.sentences
        if isinstance(sentences, SentenceTable):  # read the article number without making the Sentence
            return sentences.articles[sentences.article_numbers[number]]
        return self.articles[sentences[number].article_id]

    def text_of(self, number: int) -> str:
        """A sentence's text."""
        sentences = self.sentences
        if isinstance(sentences, SentenceTable):  # slice the article's text without making the Sentence
            text = sentences.articles[sentences.article_numbers[number]].text
            return text[sentences.starts[number] : sentences.ends[number]]
        return sentences[number].text

    def article_id_of(self, number: int) -> str:
        """The id of the article a sentence belongs to."""
        return self.article_of(number).id
