"""The values the core passes around: articles, sentences, quotes, citations and answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its id (file name without extension), its metadata and its full raw text."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    date: date | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of article content, located by character offsets into its article's text."""

    article_id: str
    position: int  # index of the sentence within its article's content sentences
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a quote comes from."""

    article_id: str
    title: str | None
    source: str | None
    date: date | None
    url: str | None

    @classmethod
    def of(cls, article: Article) -> Citation:
        """Cite an article."""
        return cls(article.id, article.title, article.source, article.date, article.url)


@dataclass(frozen=True, slots=True)
class Quote:
    """Verbatim article text; the first citation is the article the text comes from."""

    text: str
    article_id: str
    start: int
    end: int
    score: float
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """What Quotebot says to a question: quotes, or a decline with the reason."""

    question: str
    answered: bool
    message: str
    quotes: tuple[Quote, ...] = field(default=())
