"""Answer kinds beside the question's words: the share of the question a passage's answering sentence holds."""

from __future__ import annotations

import pytest

from retrieval.colocation import asks_cause, cause_share, gives_cause, kind_share
from retrieval.coverage import Passage
from retrieval.facts import sentence_facts
from retrieval.index import Hit
from retrieval.model import Article
from retrieval.query import Cue, Query, QueryTerm
from retrieval.text import terms
from tests.support.corpora import library, sentence_terms

LIBRARY = library(
    Article("gm", "GM sales dropped in March. Chrysler sales dropped 23% in March."),
    Article("ford", "Ford sales dropped 45% in March."),
    Article("deal", "Sales of the new car dropped, GM said."),
)
TERMS = sentence_terms(LIBRARY)
FACTS = sentence_facts(LIBRARY, terms)


def asked(*words: str, cue: Cue | None = Cue.NUMBER, related: dict[str, frozenset[str]] | None = None) -> Query:
    related = related or {}
    return Query(tuple(QueryTerm(terms(w)[0], w, 1.0, related=related.get(w, frozenset())) for w in words), cue)


def passage(first: int, last: int) -> Passage:
    held = frozenset().union(*(TERMS[n] for n in range(first, last + 1)))
    return Passage(first, last, Hit(first, 1.0), held, 1.0, LIBRARY.article_id_of(first), TERMS[first], None)


def share(p: Passage, q: Query, related_share: float = 0.8) -> float:
    return kind_share(p, q, facts=FACTS, terms_of=TERMS.__getitem__, related_share=related_share)


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (0, 1, 0.75),  # the figure stands in the sentence of Chrysler's sales: three of the four words
        (0, 0, 0.0),  # GM's sentence gives no figure
        (2, 2, 0.75),  # Ford's sentence gives the figure beside sales, dropped, March
        (3, 3, 0.0),  # no figure at all
    ],
    ids=["neighbour-gives-it", "no-figure", "beside-the-words", "none"],
)
def test_the_share_is_the_question_weight_the_sentence_with_the_figure_holds(
    first: int, last: int, expected: float
) -> None:
    q = asked("GM", "sales", "dropped", "March")
    assert share(passage(first, last), q) == pytest.approx(expected)


def test_a_question_without_an_answer_cue_has_no_share() -> None:
    assert share(passage(2, 2), asked("sales", "dropped", cue=None)) == 0.0


def test_a_related_word_counts_its_share() -> None:
    q = asked("sales", "fell", related={"fell": frozenset({"drop"})})
    assert share(passage(2, 2), q) == pytest.approx((1.0 + 0.8) / 2)
    assert share(passage(2, 2), q, related_share=0.0) == pytest.approx(0.5)


def test_a_figure_the_question_gives_is_no_answer() -> None:
    # "Did sales drop 45 percent?": the figure the question gives is no answer to it.
    q = Query((QueryTerm("45", "45", 1.0), QueryTerm("sale", "sales", 1.0)), Cue.NUMBER)
    assert share(passage(2, 2), q) == 0.0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why did Ask Jeeves stock drop?", True),
        ("why didnt putin and xi shake hands", True),
        ("For what reason did TWA withdraw?", True),
        ("What caused the slump?", True),
        ("What was the reason for the delay?", True),
        ("When did they meet, and why?", False),  # read at the first wh-word: a date
        ("What did Reagan say?", False),
    ],
    ids=["why", "why-lower", "for-what-reason", "what-caused", "the-reason", "why-later", "say"],
)
def test_asks_cause(question: str, expected: bool) -> None:
    assert asks_cause(question) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He sold arms to Iran in the hope of establishing links with moderates.", True),
        ("Due to COVID-19 procedures, they did not shake hands.", True),
        ("Shares fell because profits missed forecasts.", True),
        ("The cuts are needed so that the group can pay for new presses.", True),
        ("Shares fell after the results.", False),  # "after" mostly marks time
        ("Shares fell 4% on Tuesday.", False),
    ],
    ids=["in-the-hope", "due-to", "because", "so-that", "after", "none"],
)
def test_gives_cause(text: str, expected: bool) -> None:
    assert gives_cause(text) is expected


CAUSES = library(
    Article("a", "TWA withdrew its bid. The bid was withdrawn because regulators objected."),
    Article("b", "TWA withdrew its bid on Friday."),
)
CAUSE_TERMS = sentence_terms(CAUSES)


def test_the_cause_share_is_the_question_weight_the_sentence_giving_a_cause_holds() -> None:
    q = asked("bid", "withdrawn", cue=None)

    def share_of(first: int, last: int) -> float:
        held = frozenset().union(*(CAUSE_TERMS[n] for n in range(first, last + 1)))
        p = Passage(first, last, Hit(first, 1.0), held, 1.0, CAUSES.article_id_of(first), CAUSE_TERMS[first], None)
        return cause_share(p, q, text_of=CAUSES.text_of, terms_of=CAUSE_TERMS.__getitem__, related_share=0.8)

    assert share_of(0, 1) == pytest.approx(1.0)  # the neighbour gives the cause beside both words
    assert share_of(0, 0) == 0.0  # no cause written
    assert share_of(2, 2) == 0.0  # the other story only repeats the question's words
