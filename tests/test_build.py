"""The parallel build: the same sentences and the same index as splitting and indexing one article at a time."""

from __future__ import annotations

import pytest

from retrieval.build import Split, build_library_and_index, split_corpus, split_for_index, text_digest
from retrieval.corpus import bundled_corpus_dir, load_corpus
from retrieval.corpus_words import library_words
from retrieval.index import BM25Index
from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentences import split_article
from retrieval.text import terms

QUERIES = (["russia", "taiwan"], ["gas", "pipelin"], ["olymp"], ["nato", "expans", "ukrain"])


def bundled_articles() -> tuple[Article, ...]:
    return load_corpus(bundled_corpus_dir()).articles


def many_articles() -> list[Article]:
    """Enough articles to take the parallel path: the bundled ones under several ids."""
    return [Article(f"{n}-{a.id}", a.text, a.title) for n in range(14) for a in bundled_articles()]


def test_split_for_index_keeps_the_offsets_and_terms_of_split_article() -> None:
    for article in bundled_articles():
        split = split_article(article)
        result = split_for_index(article)
        spans = list(zip(result.split.starts, result.split.ends, strict=True))
        assert spans == [(s.start, s.end) for s in split.sentences]
        assert [line.split() for line in result.terms] == [terms(s.text) for s in split.sentences]
        assert result.split.furniture == tuple((block.start, block.end) for block in split.furniture)


def test_two_workers_split_like_one_and_report_progress() -> None:
    articles = many_articles()
    seen: list[tuple[int, int]] = []
    parallel = list(split_corpus(articles, workers=2, progress=lambda done, total: seen.append((done, total))))
    assert parallel == list(split_corpus(articles, workers=1))
    assert seen == [(n, len(articles)) for n in range(1, len(articles) + 1)]


@pytest.mark.parametrize("workers", [1, 2], ids=["serial", "parallel"])
def test_library_and_index_match_the_one_article_at_a_time_path(workers: int) -> None:
    articles = many_articles()
    built = build_library_and_index(articles, k1=1.2, b=0.7, workers=workers)
    library, index = built.library, built.index
    reference = Library.build(split_article(article) for article in articles)
    assert list(library.sentences) == list(reference.sentences)
    assert dict(library.first_sentence) == dict(reference.first_sentence)
    assert library.furniture_lines == reference.furniture_lines
    assert library.furniture == reference.furniture
    plain = BM25Index([terms(s.text) for s in reference.sentences], k1=1.2, b=0.7)
    for query in QUERIES:
        assert index.search(query, 20) == plain.search(query, 20)
    assert built.words == library_words(reference)  # counted in the workers as a pass over the library would


def test_an_empty_corpus_builds_an_empty_library() -> None:
    built = build_library_and_index([], k1=1.5, b=0.75, workers=2)
    assert len(built.library.sentences) == 0
    assert built.index.search(["anything"], 5) == []


def test_a_known_split_is_reused_and_gives_the_same_result() -> None:
    articles = many_articles()
    fresh = list(split_corpus(articles, workers=1))
    known = {text_digest(a.text): item.split for a, item in zip(articles, fresh, strict=True)}
    assert list(split_corpus(articles, workers=2, known=known)) == fresh


def test_a_known_split_is_taken_as_given_not_split_again() -> None:
    article = bundled_articles()[0]
    planted = Split(starts=(0,), ends=(20,), furniture=((30, 40),))
    result = split_for_index(article, planted)
    assert result.split == planted
    assert result.terms == (" ".join(terms(article.text[:20])),)
