"""Sentences stored as flat arrays of offsets into their articles; a Sentence is made only when one is read."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import overload

import numpy as np

from retrieval.memo import LazySequence
from retrieval.model import Article, Sentence

_REMEMBERED = 4096  # sentences a table keeps made; a few answers' worth


class SentenceTable(LazySequence[Sentence]):
    """Sentences as three int32 arrays (article, start, end); a Sentence is made only when one is read.

    A million Sentence objects with their own copies of the text would cost hundreds of megabytes and
    seconds to create; the answer builder reads a few dozen per question.
    """

    def __init__(self, articles: Sequence[Article], article: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        self.articles = tuple(articles)
        # Each column is kept once, as a Python array (reading one item is several times cheaper than from numpy,
        # and the answer path reads a thousand or so a question), with a numpy view over it for whole-column work.
        self.article_numbers, self.article = _column(article)
        self.starts, self.start = _column(start)
        self.ends, self.end = _column(end)
        # Sentences are stored article by article, so an article's first sentence follows the counts before it.
        counts = np.bincount(article, minlength=len(self.articles))
        self.first = np.zeros(len(self.articles), dtype=np.int64)
        np.cumsum(counts[:-1], out=self.first[1:])
        # An answer reads the same few dozen sentences several times each; remember the ones made lately.
        super().__init__(len(article), self._sentence, remembered=_REMEMBERED)

    @overload
    def __getitem__(self, number: int) -> Sentence: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[Sentence]: ...
    def __getitem__(self, number: int | slice) -> Sentence | Sequence[Sentence]:
        if isinstance(number, slice):  # lazily: `sentences[start:]` must not make every later sentence
            return _Window(self, range(len(self))[number])
        return super().__getitem__(number)

    def _sentence(self, number: int) -> Sentence:
        which = self.article_numbers[number]
        article = self.articles[which]
        start, end = self.starts[number], self.ends[number]
        return Sentence(article.id, number - int(self.first[which]), start, end, article.text[start:end])

    def __iter__(self) -> Iterator[Sentence]:
        # A pass over every sentence (services index them at start) reads the arrays once, memo untouched.
        articles, first = self.articles, self.first.tolist()
        for number, (which, start, end) in enumerate(
            zip(self.article.tolist(), self.start.tolist(), self.end.tolist(), strict=True)
        ):
            article = articles[which]
            yield Sentence(article.id, number - first[which], start, end, article.text[start:end])


def _column(values: np.ndarray) -> tuple[array[int], np.ndarray]:
    """An int32 column as a Python array and a numpy view of the same memory."""
    column = array("i", np.ascontiguousarray(values, dtype=np.int32).tobytes())
    return column, np.frombuffer(column, dtype=np.int32)


class _Window(Sequence[Sentence]):
    """A slice of a SentenceTable whose sentences are made only as they are read."""

    def __init__(self, table: SentenceTable, numbers: range) -> None:
        self._table = table
        self._numbers = numbers

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, index: int) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sentence]: ...
    def __getitem__(self, index: int | slice) -> Sentence | Sequence[Sentence]:
        if isinstance(index, slice):
            return _Window(self._table, self._numbers[index])
        return self._table[self._numbers[index]]
