"""Corroboration: the same statement, or the same answer, reported by another article."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.corroboration import TwinRules, Twins, figure_terms, shared_weights, tying_figures
from retrieval.coverage import Meaning, Passage
from retrieval.facts import sentence_facts
from retrieval.focus import Need
from retrieval.index import Hit
from retrieval.model import Article
from retrieval.query import Query, QueryTerm
from retrieval.semantic import SemanticPolicy
from retrieval.text import terms
from tests.support.corpora import library

LIBRARY = library(
    Article("a", "A buildup of more than 100,000 Russian troops near Ukraine has fuelled Western fears."),
    Article("b", "The Kremlin has amassed 100,000 soldiers by its neighbour."),
    Article("c", "Beijing backed Moscow over its security demands in Europe."),
    Article("d", "Leaders met, with the Kremlin amassing soldiers near Ukraine and Western fears growing fast."),
    Article("e", "Russia's Vladimir Putin and Xi Jinping issued a joint statement on Friday."),
    Article("f", "Vladimir Putin and Xi Jinping issued a joint statement, Russia's Kremlin said on Friday."),
    Article("g", "WASHINGTON, Feb 26 - Troops gathered near Ukraine's border, officials said."),
    Article("h", "MOSCOW, Feb 26 - The grain harvest in Ukraine was poor, and troops helped to bring it in."),
    Article("i", "Troops left Ukraine in 1986 after long talks with envoys in Geneva."),
    Article("j", "Grain exports from Ukraine fell in 1986, and troops guarded the docks."),
)
QUERY = Query((QueryTerm("troop", "troops", 1.0), QueryTerm("ukrain", "ukraine", 1.0)))


def passage(number: int) -> Passage:
    sentence = LIBRARY.sentences[number]
    core = frozenset(terms(sentence.text))
    return Passage(number, number, Hit(number, 1.0), core, 1.0, sentence.article_id, core, None)


def twins(shared_facts: bool = True) -> Twins:
    return Twins(LIBRARY, QUERY, lambda term: 1.0, TwinRules(shared_facts=shared_facts))


@pytest.mark.parametrize(
    ("other", "wide", "shared", "expected"),
    [
        (1, True, True, 0),
        (1, False, True, None),
        (1, True, False, None),
        (2, True, True, None),
        (3, True, True, 0),
    ],
    ids=["same-figure", "figures-only-when-wide", "switched-off", "different-report", "same-distinctive-words"],
)
def test_same_answer_from_another_article(other: int, wide: bool, shared: bool, expected: int | None) -> None:
    assert twins(shared).find(passage(other), [passage(0)], wide=wide) == expected


def test_figure_terms_leave_out_single_digits_words_and_the_questions_own_figures() -> None:
    core = frozenset({"100000", "7.7", "2019", "5", "troop"})
    assert figure_terms(core, Query((QueryTerm("2019", "2019", 1.0),))) == ["100000", "7.7"]
    assert figure_terms(core | {"26"}, QUERY, days=frozenset({"26"})) == ["100000", "2019", "7.7"]


@pytest.mark.parametrize(
    ("need", "years", "expected"),
    [
        (None, True, ["100000", "7.7"]),
        (None, False, ["100000", "1986", "7.7"]),
        (Need.TIME, True, ["100000", "1986", "7.7"]),
        (Need.YEAR, True, ["100000", "1986", "7.7"]),
    ],
    ids=["year-left-out", "switched-off", "when-asked", "what-year-asked"],
)
def test_tying_figures_keep_a_year_only_when_the_question_asks_when(
    need: Need | None, years: bool, expected: list[str]
) -> None:
    asked = Query(QUERY.terms, need=need)
    assert tying_figures(["100000", "1986", "7.7"], asked, twin_years=years) == expected


@pytest.mark.parametrize(
    ("need", "years", "expected"),
    [(None, True, None), (None, False, 0), (Need.TIME, True, 0)],
    ids=["year-is-the-setting", "switched-off", "when-asked"],
)
def test_a_shared_year_is_the_same_answer_only_for_when(need: Need | None, years: bool, expected: int | None) -> None:
    # Two stories of 1986 about different things share the year and nothing else beyond the question.
    found = Twins(
        LIBRARY, Query(QUERY.terms, need=need), lambda term: 1.0, TwinRules(shared_facts=True, twin_years=years)
    )
    assert found.find(passage(9), [passage(8)], wide=True) == expected


@pytest.mark.parametrize(
    ("subjects", "subject", "expected"),
    [(True, False, None), (True, True, 0), (False, False, 0)],
    ids=["figure-without-its-subject", "subject-held", "switched-off"],
)
def test_with_figure_subjects_a_shared_figure_ties_only_a_passage_holding_the_subject(
    subjects: bool, subject: bool, expected: int | None
) -> None:
    # b shares only the figure with a (beyond the question); without the question's names or focus it is another fact.
    found = Twins(LIBRARY, QUERY, lambda term: 1.0, TwinRules(shared_facts=True, figure_subjects=subjects))
    assert found.find(replace(passage(1), subject=subject), [passage(0)], wide=True) == expected


RETOLD = library(
    Article("a", "Leaders met in Beijing on Friday. Observers said indecision by Washington could embolden China. "
                 "Talks lasted two hours over lunch."),
    Article("b", "Leaders met in Beijing on Friday. Analysts believe the inaction of the US might encourage Beijing. "
                 "Talks lasted two hours over lunch."),
    Article("c", "Leaders met in Beijing on Friday. Analysts believe the inaction of the US might encourage Beijing. "
                 "Trade grew fast last year."),
    Article("d", "Crowds gathered outside. Leaders met in Beijing on Friday. Weather was mild. Analysts believe the US "
                 "might encourage Beijing. Talks lasted two hours over lunch."),
)  # fmt: skip


def retold_twins() -> Twins:
    facts = sentence_facts(RETOLD, terms)
    return Twins(RETOLD, QUERY, lambda term: 1.0, TwinRules(), facts=facts)


def retold_passage(first: int, last: int) -> Passage:
    core = frozenset(terms(RETOLD.text_of(first)))
    return Passage(first, last, Hit(first, 1.0), core, 1.0, RETOLD.article_id_of(first), core, None)


@pytest.mark.parametrize(
    ("first", "last", "doc", "expected"),
    [(1, 1, 4, (4, 4)), (0, 1, 4, None), (1, 2, 4, None), (1, 1, 7, None), (1, 1, 12, None), (1, 1, 1, None)],
    ids=["retold", "no-anchor-before", "no-anchor-after", "other-sentences-after", "not-at-the-same-distance",
         "same-article"],
)  # fmt: skip
def test_a_passage_is_retold_where_the_sentences_around_it_are_twins_at_the_same_distance(
    first: int, last: int, doc: int, expected: tuple[int, int] | None
) -> None:
    # b retells a sentence by sentence; c shares a's first sentence but then tells something else; d puts another
    # sentence between the shared ones.
    assert retold_twins().retells(retold_passage(first, last), doc) == expected


def test_a_two_sentence_passage_is_retold_from_either_of_its_sentences() -> None:
    lib = library(
        Article(
            "a", "Leaders met in Beijing. Observers said Washington was slow. It could embolden China. Talks ended."
        ),
        Article(
            "b", "Leaders met in Beijing. Analysts think the US is hesitant. It may encourage Beijing. Talks ended."
        ),
    )
    found = Twins(lib, QUERY, lambda term: 1.0, TwinRules(), facts=sentence_facts(lib, terms))
    quoted = Passage(1, 2, Hit(1, 1.0), frozenset(), 1.0, "a", frozenset(), None)
    assert found.retells(quoted, 5) == (5, 6)
    assert found.retells(quoted, 6) == (5, 6)


def test_two_datelines_of_the_same_day_are_not_a_shared_figure() -> None:
    # Every story of a wire's day opens "Feb 26": the day is a date, not a fact both report.
    assert twins().find(passage(7), [passage(6)], wide=True) is None


def test_same_statement_by_term_overlap_and_never_the_same_article() -> None:
    assert twins(False).find(passage(5), [passage(4)], wide=False) == 0
    same_article = Passage(0, 0, Hit(0, 1.0), frozenset(), 1.0, "b", frozenset(), None)
    assert twins().find(passage(1), [same_article], wide=True) is None


@pytest.mark.parametrize("weights", ["even", "by-length"], ids=["even-weights", "uneven-weights"])
def test_statements_is_the_same_statement_test_for_every_pair(weights: str) -> None:
    passages = [passage(n) for n in range(len(LIBRARY.sentences))]
    weigh = (lambda term: 1.0) if weights == "even" else (lambda term: float(len(term)))
    judge = Twins(LIBRARY, QUERY, weigh, TwinRules())
    same = judge.statements(passages)
    for i, mine in enumerate(passages):
        for j, other in enumerate(passages):
            expected = Twins(LIBRARY, QUERY, weigh, TwinRules()).find(mine, [other], wide=False) == 0
            assert bool(same[i, j]) == expected or mine.article_id == other.article_id
    assert same[4, 5]  # the joint statement, twice
    assert not same[0, 2]  # troops; security demands


def test_statements_take_sentences_close_in_meaning_as_one_statement() -> None:
    passages = [passage(n) for n in range(len(LIBRARY.sentences))]
    pairs = [[0.0] * len(passages) for _ in passages]
    pairs[0][2] = pairs[2][0] = 0.9
    meaning = Meaning([0.0] * len(passages), pairs, SemanticPolicy(twin_similarity=0.8))
    same = Twins(LIBRARY, QUERY, lambda term: 1.0, TwinRules(), meaning).statements(passages)
    assert same[0, 2]
    assert same[2, 0]
    assert not same[0, 3]


@given(
    st.integers(1, 8).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(st.integers(1, 9), min_size=1, max_size=12),
            st.sets(st.tuples(st.integers(0, size - 1), st.integers(0, 11))),
        )
    )
)
def test_shared_weights_is_the_weighted_product_of_the_holdings(
    case: tuple[int, list[int], set[tuple[int, int]]],
) -> None:
    size, weights, held = case
    entries = sorted((row, column) for row, column in held if column < len(weights))
    matrix = np.zeros((size, len(weights)))
    for row, column in entries:
        matrix[row, column] = 1.0
    # Small whole weights: every order of adding them gives the same sums, so == is fair.
    expected = (matrix * np.array(weights, dtype=np.float64)) @ matrix.T
    rows = np.array([row for row, _ in entries], dtype=np.int64)
    columns = np.array([column for _, column in entries], dtype=np.int64)
    assert np.array_equal(shared_weights(rows, columns, np.array(weights, dtype=np.float64), size), expected)


def test_shared_weights_adds_in_column_order() -> None:
    # 1e16 + 1 + 1 is 1e16 added in that order; the column order (1e16 first) is the order the sums follow.
    weights = np.array([1e16, 1.0, 1.0])
    rows, columns = np.array([0, 0, 0, 1, 1, 1]), np.array([0, 1, 2, 0, 1, 2])
    assert shared_weights(rows, columns, weights, 2)[0, 1] == 1e16
