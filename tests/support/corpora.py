"""Small libraries for tests: articles split as the service splits them, and each sentence's terms."""

from __future__ import annotations

from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentences import split_article
from retrieval.text import terms


def library(*articles: Article) -> Library:
    """The library of the articles."""
    return Library.build(split_article(a) for a in articles)


def sentence_terms(library: Library) -> tuple[frozenset[str], ...]:
    """Each sentence's terms, in sentence order (a terms_of table: `sentence_terms(lib).__getitem__`)."""
    return tuple(frozenset(terms(s.text)) for s in library.sentences)
