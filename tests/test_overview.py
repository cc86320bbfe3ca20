"""A library's overview comes from its metadata and text: outlets, date range and widespread names."""

from __future__ import annotations

from datetime import date

from bot.bootstrap import Runtime
from retrieval.model import Article
from retrieval.overview import overview
from tests.support.corpora import library


def test_outlets_dates_and_topics_come_from_the_articles() -> None:
    lib = library(
        Article("a", "Zanzibar ferries sailed at dawn. The Zanzibar port opened.", source="Coast News",
                date=date(2021, 3, 1)),
        Article("b", "Officials in Zanzibar praised the ferries. Mombasa waited.", source="Coast News",
                date=date(2020, 1, 2)),
        Article("c", "Ferries from Mombasa and Zanzibar were late.", source="Harbour Daily"),
    )  # fmt: skip
    summary = overview(lib)
    assert summary.articles == 3
    assert summary.outlets == ("Coast News", "Harbour Daily")  # most articles first
    assert (summary.first_date, summary.last_date) == (date(2020, 1, 2), date(2021, 3, 1))
    assert summary.topics[:2] == ("Zanzibar", "Mombasa")
    assert "ferries" not in summary.topics  # a common word, not a name


def test_an_article_without_metadata_leaves_the_fields_empty() -> None:
    summary = overview(library(Article("a", "Nothing much happened in Lisbon. Lisbon slept.")))
    assert summary.outlets == ()
    assert summary.first_date is None
    assert summary.topics == ("Lisbon",)


def test_forms_of_one_name_count_once(runtime: Runtime) -> None:
    topics = [t.lower() for t in overview(runtime.library).topics]
    assert topics
    for i, topic in enumerate(topics):
        assert not any(other.startswith(topic[:5]) for other in topics[i + 1 :]), topics


def test_empty_library() -> None:
    summary = overview(library())
    assert (summary.articles, summary.outlets, summary.topics) == (0, (), ())
