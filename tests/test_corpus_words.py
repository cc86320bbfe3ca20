"""Word counts article by article, merged, equal what a pass over every sentence of the corpus finds."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from retrieval.corpus_words import article_numbers, library_words
from retrieval.facts import sentence_facts, title_terms, with_dates
from retrieval.library import Library
from retrieval.model import Article
from retrieval.query import NameBook
from retrieval.sentences import split_article
from retrieval.setting import setting_terms
from retrieval.text import stem, terms, words

WORDS = ["Russia", "russia", "Russian", "talks", "Talks", "gas", "Beijing", "said", "the", "U.S.", "2019", "Trump"]
PHRASES = ["last year", "next year", "this year", "in May 2021", "Putin's", "signed", "10,000", "“Quoted”"]
SENTENCE = st.lists(st.sampled_from(WORDS + PHRASES), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
ARTICLE = st.tuples(
    st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join), st.one_of(st.none(), st.dates(date(1990, 1, 1)))
)


def library_of(articles: list[tuple[str, date | None]]) -> Library:
    return Library.build(split_article(Article(f"a{i}", text, date=when)) for i, (text, when) in enumerate(articles))


def eager_dated(library: Library) -> set[str]:
    """The date terms the service once added to every sentence's terms (the dates technique)."""
    found: set[str] = set()
    for number, facts in enumerate(sentence_facts(library, terms)):
        published = library.article_of(number).date
        years = set(facts.years) | ({published.year} if published is not None else set())
        found |= {str(year) for year in years}
        found |= {stem(published.strftime("%B").lower())} if published is not None else set()
    return found


@given(st.lists(ARTICLE, min_size=1, max_size=6))
def test_merged_counts_equal_a_pass_over_every_sentence(articles: list[tuple[str, date | None]]) -> None:
    library = library_of(articles)
    texts = [s.text for s in library.sentences]
    counted = library_words(library)
    book = NameBook(texts)
    assert counted.names == book.names
    assert counted.vocabulary == {w for t in texts for w in words(t) if len(w) >= 5 and w.isalpha()}
    expected_counts: dict[str, int] = {}
    for text in texts:
        for term in {stem(w) for w in words(text) if w in book}:
            expected_counts[term] = expected_counts.get(term, 0) + 1
    assert counted.name_counts == expected_counts
    assert counted.dated == eager_dated(library)
    facts = sentence_facts(library, terms)
    plain = [f.terms for f in facts]
    dated = [with_dates(f.terms, f.years, library.article_of(n).date) for n, f in enumerate(facts)]
    titles = title_terms(library, terms)
    assert list(counted.settings) == list(setting_terms(library, plain.__getitem__, titles).values())
    assert list(counted.dated_settings) == list(setting_terms(library, dated.__getitem__, titles).values())


def test_article_numbers_cover_every_sentence_in_order_and_empty_articles() -> None:
    library = library_of([("Gas talks.", None), ("", None), ("Russia said. Beijing said.", None)])
    numbers = article_numbers(library)
    assert [list(r) for r in numbers.values()] == [[0], [], [1, 2]]
