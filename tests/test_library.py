"""The library: articles by id, sentences numbered across articles, neighbours that stay in one article."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.build import build_library_and_index
from retrieval.furniture import Block
from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentences import ArticleSentences, split_article

FIRST = Article("first", "Mr. Reyes resigned on Tuesday. He cited the budget.\nAdvertisement\n")
SECOND = Article("second", "The bridge reopened on Monday. Engineers replaced 212 cables. The council paid.\n")


@pytest.fixture
def library() -> Library:
    return Library.build([split_article(FIRST), split_article(SECOND)])


def test_build_numbers_sentences_across_articles_in_order(library: Library) -> None:
    assert [s.article_id for s in library.sentences] == ["first"] * 2 + ["second"] * 3
    assert dict(library.first_sentence) == {"first": 0, "second": 2}
    assert dict(library.articles) == {"first": FIRST, "second": SECOND}
    assert library.furniture_lines == 1


@pytest.mark.parametrize(
    ("number", "step", "expected"),
    [
        pytest.param(0, 1, 1, id="next-in-article"),
        pytest.param(1, -1, 0, id="previous-in-article"),
        pytest.param(1, 1, None, id="not-into-next-article"),
        pytest.param(2, -1, None, id="not-into-previous-article"),
        pytest.param(0, -1, None, id="before-the-first"),
        pytest.param(4, 1, None, id="after-the-last"),
        pytest.param(3, 1, 4, id="middle"),
    ],
)
def test_neighbour(library: Library, number: int, step: int, expected: int | None) -> None:
    assert library.neighbour(number, step) == expected


@pytest.mark.parametrize(
    ("number", "count", "expected"),
    [
        pytest.param(4, 2, [2, 3], id="farthest-first"),
        pytest.param(4, 5, [2, 3], id="not-into-the-previous-article"),
        pytest.param(3, 1, [2], id="one"),
        pytest.param(2, 3, [], id="the-article-opens-here"),
    ],
)
def test_before(library: Library, number: int, count: int, expected: list[int]) -> None:
    assert library.before(number, count) == expected


def test_article_of(library: Library) -> None:
    assert library.article_of(0) is FIRST
    assert library.article_of(4) is SECOND


def test_mappings_are_read_only(library: Library) -> None:
    with pytest.raises(TypeError):
        library.articles["third"] = FIRST  # type: ignore[index]


def test_an_article_without_content_sentences_is_still_known() -> None:
    empty = Article("empty", "Advertisement\n")
    library = Library.build([ArticleSentences(empty, (), (Block(0, 13, "label or heading"),))])
    assert library.sentences == ()
    assert library.articles["empty"] is empty
    assert library.first_sentence["empty"] == 0
    assert library.furniture_lines == 1


def test_build_of_nothing_is_an_empty_library() -> None:
    library = Library.build([])
    assert library.sentences == ()
    assert dict(library.articles) == {}
    assert library.neighbour(0, 1) is None


def test_furniture_lines_are_kept_as_text_beside_the_sentences() -> None:
    page = Article("page", "Advertisement\n\nTaiwan is part of China, they said. Trade grew.\n\nLeave a Comment\n")
    library = Library.build([split_article(page), split_article(SECOND)])
    assert [s.text for s in library.sentences][:2] == ["Taiwan is part of China, they said.", "Trade grew."]
    assert library.furniture == ("Advertisement", "Leave a Comment")


def test_a_library_over_a_sentence_table_matches_the_built_one(library: Library) -> None:
    compact = build_library_and_index([FIRST, SECOND], k1=1.5, b=0.75, workers=1).library
    assert list(compact.sentences) == list(library.sentences)
    assert (compact.furniture_lines, compact.furniture) == (library.furniture_lines, library.furniture)
    assert dict(compact.first_sentence) == dict(library.first_sentence)
    for number in range(len(library.sentences)):
        for step in (-2, -1, 1, 2):
            assert compact.neighbour(number, step) == library.neighbour(number, step)
        assert compact.article_of(number) == library.article_of(number)
        assert compact.article_id_of(number) == library.article_id_of(number) == library.sentences[number].article_id
        assert compact.text_of(number) == library.text_of(number) == library.sentences[number].text


@pytest.mark.parametrize("compact", [False, True], ids=["built", "sentence-table"])
@pytest.mark.parametrize("step", [-2, -1, 1, 2], ids=["two-back", "back", "on", "two-on"])
def test_neighbours_are_each_numbers_neighbour(library: Library, compact: bool, step: int) -> None:
    if compact:
        library = build_library_and_index([FIRST, SECOND], k1=1.5, b=0.75, workers=1).library
    numbers = np.array([4, 0, 1, 2, 3, 2], dtype=np.int64)
    expected = [-1 if (n := library.neighbour(number, step)) is None else n for number in numbers.tolist()]
    found = library.neighbours(numbers, step)
    assert found.dtype == np.int64
    assert found.tolist() == expected
    assert library.neighbours(np.zeros(0, dtype=np.int64), step).tolist() == []
