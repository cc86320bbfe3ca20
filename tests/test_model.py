"""The core's values: frozen, slotted dataclasses; a citation copies its article's metadata."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from retrieval.model import Answer, Article, Citation, Quote, Sentence

ARTICLE = Article("a1", "Some text.", title="Headline", source="Outlet", date=date(2022, 2, 4), url="https://x.test/a")
CITATION = Citation.of(ARTICLE)
VALUES = [
    pytest.param(ARTICLE, id="article"),
    pytest.param(Sentence("a1", 0, 0, 10, "Some text."), id="sentence"),
    pytest.param(CITATION, id="citation"),
    pytest.param(Quote("Some text.", "a1", 0, 10, 1.5, (CITATION,)), id="quote"),
    pytest.param(Answer("q?", True, "1 quote from 1 article."), id="answer"),
]


@pytest.mark.parametrize("value", VALUES)
def test_values_are_frozen(value: object) -> None:
    field = dataclasses.fields(value)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, "changed")


@pytest.mark.parametrize("value", VALUES)
def test_values_use_slots(value: object) -> None:
    assert not hasattr(value, "__dict__")


def test_citation_of_copies_the_article_metadata() -> None:
    assert Citation("a1", "Headline", "Outlet", date(2022, 2, 4), "https://x.test/a") == CITATION


def test_citation_of_an_article_without_metadata_has_nones() -> None:
    assert Citation.of(Article("bare", "Text.")) == Citation("bare", None, None, None, None)


def test_answer_has_no_quotes_by_default() -> None:
    answer = Answer("q?", False, "The articles don't answer this.")
    assert answer.quotes == ()


def test_values_compare_and_hash_by_content() -> None:
    assert Citation.of(ARTICLE) == CITATION
    assert len({CITATION, Citation.of(ARTICLE)}) == 1
