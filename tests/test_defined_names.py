"""Names the articles tie together themselves, and the quarters of a year by their other names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.defined_names import defined_names, quarter_names

NAMES = frozenset(
    {
        "amr",
        "american",
        "airlines",
        "yukos",
        "menatep",
        "cominco",
        "texaco",
        "canada",
        "bank",
        "england",
        "old",
        "lady",
        "monday",
    }
)


@pytest.mark.parametrize(
    ("text", "term", "tied"),
    [
        ("AMR, the parent of American Airlines, said no.", "american_airlin", "amr"),
        ("AMR, the parent of American Airlines, said no.", "amr", "american_airlin"),
        ("AMR Corp, parent company of American Airlines, said no.", "american_airlin", "amr"),
        ("Yukos' owner Menatep Group says it will ask for the loan.", "yuko", "menatep"),
        ("Texaco Inc, which owns Texaco Canada, agreed.", "texaco_canada", "texaco"),
        ("Cominco American Inc, a unit of Cominco Ltd, will mine.", "cominco_american", "cominco"),
        ("the Bank of England, known as the Old Lady, cut rates.", "old_ladi", "bank_england"),
        ("On Monday AMR Corp, the parent of American Airlines, said no.", "american_airlin", "amr"),
    ],
    ids=["parent", "parent-back", "legal-form", "owner-possessive", "which-owns", "unit-of", "known-as",
         "after-a-weekday"],
)  # fmt: skip
def test_a_tie_the_text_writes_holds_both_names(text: str, term: str, tied: str) -> None:
    assert tied in defined_names([text], NAMES).of(term)


@pytest.mark.parametrize(
    ("text", "term", "tied"),
    [
        ("AMR, the parent of American Airlines, said no.", "american_parent", "amr"),
        ("American Airlines' parent AMR said no.", "airlin_parent", "amr"),
        ("AMR, which owns American Airlines, said no.", "own_american", "amr"),
    ],
    ids=["short-name-parent", "possessive-parent", "owns"],
)
def test_the_owner_is_what_the_question_calls_the_owned_names_parent(text: str, term: str, tied: str) -> None:
    assert tied in defined_names([text], NAMES).of(term)


@pytest.mark.parametrize(
    "text",
    [
        "The parent of the boy said no.",  # no name on either side
        "Shares of AMR rose. American Airlines fell.",  # two names, no tie written between them
        "Dow Jones (DJIA) fell 600 points.",  # the letters do not spell the name before them
        "The Security Council (UN) met.",
        "Yukos. Yukos' owner Menatep said so.",  # a name does not run across a sentence's end
    ],
    ids=["not-names", "no-tie", "not-spelled", "wrong-letters", "sentence-end"],
)
def test_no_tie_where_the_text_writes_none(text: str) -> None:
    ties = defined_names([text], NAMES)
    assert ties.of("djia") == ties.of("un") == frozenset()
    assert "yuko_yuko" not in {t for key in ("menatep",) for t in ties.of(key)}
    assert ties.of("amr") == frozenset()


def test_a_word_the_corpus_does_not_write_as_a_name_is_left_out_of_a_side() -> None:
    ties = defined_names(["Big Oil Texaco Inc, which owns Texaco Canada, agreed."], NAMES)
    assert ties.of("texaco_canada") == {"texaco"}


@pytest.mark.parametrize(
    ("term", "tied"),
    [
        ("octob_decemb", "fourth_quarter"),
        ("fourth_quarter", "octob_decemb"),
        ("final_quarter", "fourth_quarter"),
        ("q_4", "octob_decemb"),
        ("first_quarter", "three_month_march"),
        ("juli_septemb", "third_quarter"),
    ],
    ids=["months-to-quarter", "quarter-to-months", "final", "q4", "three-months-to", "third"],
)
def test_a_quarter_holds_its_other_names(term: str, tied: str) -> None:
    assert tied in quarter_names().of(term)


@pytest.mark.parametrize("term", ["three_month", "decemb", "quarter", "fourth_quarter_octob"], ids=str)
def test_part_of_a_quarters_name_is_no_quarter(term: str) -> None:
    assert quarter_names().of(term) == frozenset()


def test_quarters_are_not_one_another() -> None:
    assert "fourth_quarter" not in quarter_names().of("first_quarter")


@given(st.lists(st.text(max_size=200), max_size=5))
def test_any_text_gives_ties_that_never_tie_a_term_to_itself(texts: list[str]) -> None:
    ties = defined_names(texts, NAMES)
    for term in ("amr", "american_airlin", "nsc"):
        assert term not in ties.of(term)
