"""Re-ranking: neighbour and headline context, answer-kind cues, article dates."""

from __future__ import annotations

from datetime import date

from retrieval.facts import sentence_facts, title_terms
from retrieval.index import BM25Index, Hit
from retrieval.library import Library
from retrieval.model import Article
from retrieval.query import Cue, Query, QueryTerm
from retrieval.rerank import RerankPolicy, rerank
from retrieval.text import terms
from tests.support.corpora import library

OFF = RerankPolicy(windows=False, cues=False, dates=False)


def query(*words: str, cue: Cue | None = None, years: frozenset[int] = frozenset()) -> Query:
    return Query(tuple(QueryTerm(terms(w)[0], w, 1.0) for w in words), cue, years)


def ranked(lib: Library, q: Query, hits: list[Hit], policy: RerankPolicy) -> list[int]:
    facts = sentence_facts(lib, terms)
    index = BM25Index([terms(s.text) for s in lib.sentences])
    titles = title_terms(lib, terms)
    return [h.doc for h in rerank(hits, q, library=lib, facts=facts, titles=titles, postings=index, policy=policy)]


def test_windows_lift_a_sentence_whose_subject_is_in_the_sentence_before() -> None:
    lib = library(
        Article("a", "Bochkov spoke at length. He praised the energy alliance."),
        Article("b", "The energy alliance was debated."),
    )
    q = query("Bochkov", "energy", "alliance")
    hits = [Hit(2, 2.0), Hit(1, 1.9)]
    assert ranked(lib, q, hits, OFF) == [2, 1]
    assert ranked(lib, q, hits, RerankPolicy(cues=False, dates=False)) == [1, 2]


def test_headline_counts_as_context() -> None:
    lib = library(Article("a", "Talks went well.", title="Gas deal"), Article("b", "Talks went badly."))
    q = query("gas", "talks")
    assert ranked(lib, q, [Hit(1, 1.0), Hit(0, 1.0)], RerankPolicy(cues=False, dates=False)) == [0, 1]


def test_number_cue_prefers_a_sentence_with_a_figure() -> None:
    lib = library(Article("a", "Many troops gathered. More than 100,000 troops gathered."))
    q = query("troops", cue=Cue.NUMBER)
    assert ranked(lib, q, [Hit(0, 1.0), Hit(1, 0.9)], OFF) == [0, 1]
    assert ranked(lib, q, [Hit(0, 1.0), Hit(1, 0.9)], RerankPolicy(windows=False, dates=False)) == [1, 0]


def test_year_in_question_prefers_the_article_of_that_year_and_last_year_relative_to_it() -> None:
    lib = library(
        Article("old", "Trade reached a record.", date=date(2022, 2, 4)),
        Article("new", "Last year, trade reached a record.", date=date(2024, 5, 16)),
    )
    q = query("trade", "record", years=frozenset({2023}))
    on = RerankPolicy(windows=False, cues=False)
    assert ranked(lib, q, [Hit(0, 1.0), Hit(1, 0.95)], OFF) == [0, 1]
    assert ranked(lib, q, [Hit(0, 1.0), Hit(1, 0.95)], on) == [1, 0]


def test_a_sentence_holding_an_instance_of_the_answer_type_is_preferred() -> None:
    lib = library(Article("a", "Both countries signed the pact. The pact may expand to Japan."))
    asked = QueryTerm("countri", "countries", 2.0, answer_type=True, instances=frozenset({"japan"}))
    q = Query((asked, QueryTerm("pact", "pact", 1.0)))
    hits = [Hit(0, 3.0), Hit(1, 2.0)]
    assert ranked(lib, q, hits, OFF) == [0, 1]
    assert ranked(lib, q, hits, RerankPolicy(windows=False, cues=False, dates=False, type_share=1.0)) == [1, 0]


def test_evidence_needs_a_figure_beyond_years_for_how_many() -> None:
    lib = library(Article("a", "Troops have gathered since 2019. Some 100,000 troops have gathered."))
    q = query("troops", cue=Cue.NUMBER)
    hits = [Hit(0, 1.0), Hit(1, 0.9)]
    cues = RerankPolicy(windows=False, dates=False)
    assert ranked(lib, q, hits, cues) == [0, 1]  # a year counts as a number for the plain cue
    assert ranked(lib, q, hits, RerankPolicy(windows=False, dates=False, evidence=True)) == [1, 0]


def test_dated_terms_score_a_sentence_of_the_asked_year_as_if_it_wrote_the_year() -> None:
    lib = library(
        Article("old", "The statement set a goal of trade by 2024.", date=date(2022, 2, 4)),
        Article("new", "The statement covers energy trade.", date=date(2024, 5, 16)),
        Article("rel", "Last year the statement on trade was signed.", date=date(2025, 1, 9)),
    )
    q = Query((QueryTerm("2024", "2024", 2.0), QueryTerm("statement", "statement", 1.0)), None, frozenset({2024}))
    hits = [Hit(0, 3.0), Hit(1, 1.5), Hit(2, 1.4)]
    plain = RerankPolicy(windows=False, cues=False, dates=False)
    assert ranked(lib, q, hits, plain) == [0, 1, 2]
    # The 2024 story and "last year" in a 2025 story gain the year's weight; the one writing it already had it.
    assert ranked(lib, q, hits, RerankPolicy(windows=False, cues=False, dates=False, dated_terms=True)) == [1, 2, 0]


def test_with_future_years_a_target_year_earns_no_date_boost() -> None:
    # "What did the 2024 statement say?": the 2022 story's "by 2024" is a target; the 2024 story's sentence reports.
    lib = library(
        Article("old", "Trade should reach a record by 2024.", date=date(2022, 2, 4)),
        Article("new", "The statement covers trade.", date=date(2024, 5, 16)),
    )
    q = query("statement", "trade", years=frozenset({2024}))
    hits = [Hit(0, 1.1), Hit(1, 1.0)]
    dates = RerankPolicy(windows=False, cues=False)
    assert ranked(lib, q, hits, dates) == [0, 1]  # 1.1 x 1.3 against 1.0 x 1.15; with future years 1.1 x 1
    assert ranked(lib, q, hits, RerankPolicy(windows=False, cues=False, future_years=True)) == [1, 0]
