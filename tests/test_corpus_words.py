"""Word counts article by article, merged, equal what a pass over every sentence of the corpus finds."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from retrieval.corpus_words import article_numbers, furniture_terms, library_words, stem_groups
from retrieval.facts import sentence_facts, title_terms, with_dates
from retrieval.library import Library
from retrieval.model import Article
from retrieval.query import NAME_TOKEN, NameBook
from retrieval.setting import setting_terms
from retrieval.text import stem, terms, words
from tests.support import corpora

WORDS = ["Russia", "russia", "Russian", "talks", "Talks", "gas", "Beijing", "said", "the", "U.S.", "2019", "Trump"]
PHRASES = ["last year", "next year", "this year", "in May 2021", "Putin's", "signed", "10,000", "“Quoted”"]
SENTENCE = st.lists(st.sampled_from(WORDS + PHRASES), min_size=1, max_size=8).map(lambda ws: " ".join(ws) + ".")
ARTICLE = st.tuples(
    st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join), st.one_of(st.none(), st.dates(date(1990, 1, 1)))
)


def library_of(articles: list[tuple[str, date | None]]) -> Library:
    return corpora.library(*(Article(f"a{i}", text, date=when) for i, (text, when) in enumerate(articles)))


def eager_dated(library: Library) -> set[str]:
    """The date terms the service once added to every sentence's terms (the dates technique)."""
    found: set[str] = set()
    for number, facts in enumerate(sentence_facts(library, terms)):
        published = library.article_of(number).date
        years = set(facts.years) | ({published.year} if published is not None else set())
        found |= {str(year) for year in years}
        found |= {stem(published.strftime(f).lower()) for f in ("%B", "%A")} if published is not None else set()
    return found


def cased(texts: list[str]) -> bool:
    """Whether an article capitalises one in a hundred or more of the words inside its sentences."""
    inner = [token for text in texts for token in NAME_TOKEN.findall(text)[1:]]
    return not inner or sum(token[:1].isupper() for token in inner) >= 0.01 * len(inner)


@given(st.lists(ARTICLE, min_size=1, max_size=6))
def test_merged_counts_equal_a_pass_over_every_sentence(articles: list[tuple[str, date | None]]) -> None:
    library = library_of(articles)
    texts = [s.text for s in library.sentences]
    counted = library_words(library)
    # An article set in lower case casts no votes on which words are names.
    numbers = article_numbers(library).values()
    book = NameBook(texts[n] for found in numbers if cased([texts[n] for n in found]) for n in found)
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
    assert list(counted.titles) == list(titles.values())


def test_article_numbers_cover_every_sentence_in_order_and_empty_articles() -> None:
    library = library_of([("Gas talks.", None), ("", None), ("Russia said. Beijing said.", None)])
    numbers = article_numbers(library)
    assert [list(r) for r in numbers.values()] == [[0], [], [1, 2]]


def test_an_article_set_in_lower_case_says_nothing_about_names() -> None:
    # Some wire stories come in lower case ("talks with venezuela's finance minister manuel azpurua"); they
    # must not outvote the articles that write Venezuela and Azpurua as names.
    cased_text = "Talks with Venezuela went on. Then Azpurua spoke to Venezuela. Finance Minister Azpurua left."
    lower_text = "Caracas said venezuela and azpurua agreed. Then azpurua and venezuela met again with banks."
    counted = library_words(library_of([(cased_text, None), (lower_text, None)]))
    assert {"venezuela", "azpurua"} <= counted.names
    assert not {"venezuela", "azpurua"} & library_words(library_of([(lower_text, None)] * 2)).names


@given(st.lists(st.sampled_from([*WORDS, "Russias", "russian", "talk", "talked"]), max_size=12))
def test_stem_groups_are_each_stems_distinct_words(found: list[str]) -> None:
    stems = [stem(word.lower()) for word in found]
    expected: dict[str, set[str]] = {}
    for word, its_stem in zip(found, stems, strict=True):
        expected.setdefault(its_stem, set()).add(word)
    assert sorted(stem_groups(found, stems)) == sorted(" ".join(sorted(group)) for group in expected.values())


def test_stem_groups_come_in_the_order_their_stems_first_appear() -> None:
    found = ["talks", "gas", "russia", "talk", "beijing", "gas"]
    assert stem_groups(found, [stem(word) for word in found]) == ["talk talks", "gas", "russia", "beijing"]


def test_furniture_terms_are_each_distinct_lines_terms_in_first_order() -> None:
    lines = ["Share this article", "Sign up for our newsletter", "Share this article", "—"]
    assert furniture_terms(lines) == (
        frozenset(terms("Share this article")),
        frozenset(terms("Sign up for our newsletter")),
        frozenset(),
    )
