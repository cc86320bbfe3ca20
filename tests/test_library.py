"""The library: articles, sentences in order, neighbours, and the furniture lines left out."""

from __future__ import annotations

from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentences import split_article

PAGE = "Advertisement\n\nTaiwan is part of China, they said. Trade grew.\n\nLeave a Comment\nSubmit a report\n"


def test_furniture_lines_are_kept_as_text_beside_the_sentences() -> None:
    library = Library.build([split_article(Article("a", PAGE)), split_article(Article("b", "Gas prices rose."))])
    assert [s.text for s in library.sentences] == [
        "Taiwan is part of China, they said.",
        "Trade grew.",
        "Gas prices rose.",
    ]
    assert library.furniture == ("Advertisement", "Leave a Comment", "Submit a report")
    assert library.furniture_lines == 3
    assert library.neighbour(1, 1) is None
    assert library.article_of(2).id == "b"
