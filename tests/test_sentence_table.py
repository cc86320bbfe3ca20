"""SentenceTable: sentences kept as offsets read back as the very Sentence values a tuple would hold."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.model import Article, Sentence
from retrieval.sentence_table import SentenceTable

ARTICLES = (Article("a", "One. Two three. Four."), Article("b", "Five six."), Article("c", "Seven!"))
SPANS = [(0, 0, 4), (0, 5, 15), (0, 16, 21), (1, 0, 9), (2, 0, 6)]


def table() -> SentenceTable:
    article, start, end = (np.array(column, dtype=np.int32) for column in zip(*SPANS, strict=True))
    return SentenceTable(ARTICLES, article, start, end)


def expected() -> list[Sentence]:
    positions = {"a": 0, "b": 0, "c": 0}
    sentences = []
    for which, start, end in SPANS:
        article = ARTICLES[which]
        sentences.append(Sentence(article.id, positions[article.id], start, end, article.text[start:end]))
        positions[article.id] += 1
    return sentences


def test_reads_back_every_sentence_in_order() -> None:
    assert list(table()) == expected()
    assert len(table()) == len(SPANS)
    assert table().first.tolist() == [0, 3, 4]


@pytest.mark.parametrize(
    "key",
    [
        pytest.param(-1, id="negative"),
        pytest.param(slice(1, 4), id="slice"),
        pytest.param(slice(None, None, -2), id="step"),
    ],
)
def test_indexes_like_a_tuple(key: int | slice) -> None:
    if isinstance(key, slice):
        assert tuple(table()[key]) == tuple(expected())[key]
    else:
        assert table()[key] == tuple(expected())[key]


def test_a_slice_is_lazy_and_slices_again() -> None:
    sentences = table()
    window = sentences[1:]
    assert sentences._made == {}  # nothing made until read
    assert len(window) == 4
    assert window[0] == expected()[1]
    assert window[-1] == expected()[-1]
    assert tuple(window[1:3]) == tuple(expected()[2:4])
    with pytest.raises(IndexError):
        window[4]


@pytest.mark.parametrize("number", [5, -6], ids=["past-end", "before-start"])
def test_out_of_range_is_an_index_error(number: int) -> None:
    with pytest.raises(IndexError):
        table()[number]


def test_reading_twice_gives_equal_sentences_after_the_memo_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("retrieval.sentence_table._REMEMBERED", 2)
    sentences = table()
    first = [sentences[n] for n in range(len(sentences))]
    assert [sentences[n] for n in range(len(sentences))] == first


def test_articles_without_sentences_are_fine() -> None:
    empty = SentenceTable(ARTICLES, *(np.zeros(0, dtype=np.int32) for _ in range(3)))
    assert len(empty) == 0
    assert empty.first.tolist() == [0, 0, 0]


def test_iterating_gives_what_indexing_gives() -> None:
    sentences = table()
    assert list(sentences) == [sentences[n] for n in range(len(sentences))]
