"""Tokenisation for the index: normalisation, words, stopwords, stems, query terms."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.text import normalise, query_terms, stem, stopwords, terms, terms_of, words, words_and_stems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Putin’s visit", "putin visit", id="curly-possessive"),
        pytest.param("Putin's visit", "putin visit", id="straight-possessive"),
        pytest.param("don’t", "don't", id="curly-apostrophe"),
        pytest.param("ＵＳ ｇａｓ", "us gas", id="fullwidth"),
        pytest.param("ﬁnal", "final", id="ligature"),
        pytest.param("NATO", "nato", id="uppercase"),
        pytest.param("Zürich café", "zurich cafe", id="latin-accents"),
        pytest.param("Αθήνα", "αθήνα", id="greek-accents-kept"),
        pytest.param("हिन्दी", "हिन्दी", id="devanagari-signs-kept"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The U.S. said", ["the", "us", "said"], id="U.S."),
        pytest.param("US pressure", ["us", "pressure"], id="US"),
        pytest.param("Mr. Putin", ["mr", "putin"], id="Mr."),
        pytest.param("Feb. 4, 2022", ["february", "4", "2022"], id="Feb. 4, 2022"),
        pytest.param("$117.5 billion", ["117.5", "billion"], id="decimal"),
        pytest.param("100,000 troops", ["100000", "troops"], id="thousands"),
        pytest.param("US$240-billion", ["us", "240", "billion"], id="currency-hyphen"),
        pytest.param("a 21-gun salute", ["a", "21", "gun", "salute"], id="number-hyphen"),
        pytest.param("e.g. this", ["eg", "this"], id="e.g."),
        pytest.param("“No limits,” he said.", ["no", "limits", "he", "said"], id="curly-quotes"),
        pytest.param("Xi–Putin — summit", ["xi", "putin", "summit"], id="dashes"),
        pytest.param("Why doesn’t it pay?", ["why", "doesn't", "it", "pay"], id="negation-whole"),
        pytest.param("They’re sure we’d pay", ["they're", "sure", "we'd", "pay"], id="contraction-whole"),
        pytest.param("O'Neill's bank", ["o", "neill", "bank"], id="apostrophe-in-a-name"),
        pytest.param("", [], id="empty"),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_negations_are_stopwords_not_fragments() -> None:
    assert terms("What if Rosneft doesn't pay and won't, isn't it?") == ["rosneft", "pay"]


def test_contractions_are_stopwords_not_fragments() -> None:
    # "they're" had become the content term "re"; "I'll" and "we've" the terms "ll" and "ve".
    assert terms("How big is the debt they're renegotiating, and I'll ask what we've paid?") == [
        "big", "debt", "renegoti", "ask", "paid",
    ]  # fmt: skip


def test_us_and_u_s_meet_as_one_term() -> None:
    assert terms("U.S.") == terms("US") == terms("the US")


def test_terms_drop_stopwords_and_reporting_verbs_and_stem() -> None:
    assert terms("They said the statements will be signed") == ["statement", "sign"]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        pytest.param("statement", "statements", True, id="plural"),
        pytest.param("supplies", "supply", True, id="ies"),
        pytest.param("signed", "signing", True, id="inflection"),
        pytest.param("expanding", "expansion", False, id="derivation-differs"),
    ],
)
def test_stemming(first: str, second: str, same: bool) -> None:
    assert (stem(first) == stem(second)) is same


def test_stopwords_hold_function_words_not_country_names() -> None:
    stop = stopwords()
    assert {"the", "and", "of", "said", "will"} <= stop
    assert "us" not in stop
    assert "china" not in stop


def test_query_terms_keep_the_first_surface_of_each_term() -> None:
    assert query_terms("Which statements? The statement about Taiwan!") == [
        ("statement", "statements"),
        ("taiwan", "taiwan"),
    ]


def test_query_terms_of_a_question_of_stopwords_is_empty() -> None:
    assert query_terms("What did they say about it?") == []


@given(st.text())
def test_tokenising_never_crashes_and_yields_clean_tokens(text: str) -> None:
    for token in words(text) + terms(text):
        assert token
        assert not any(char.isspace() for char in token)
    for term, surface in query_terms(text):
        assert term
        assert surface


@given(st.text())
def test_terms_are_stems_of_words(text: str) -> None:
    assert set(terms(text)) <= {stem(word) for word in words(text)}


@given(st.text())
def test_terms_from_words_and_stems_are_the_terms(text: str) -> None:
    found, stems = words_and_stems(text)
    assert found == words(text)
    assert terms_of(found, stems) == terms(text)


def _reference_normalise(text: str) -> str:
    """normalise() as first written: every non-ASCII text decomposed and marks on ASCII letters dropped."""
    folded = unicodedata.normalize("NFKC", text).translate(str.maketrans("’‘`", "'''")).lower()
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", folded):
        if not (unicodedata.combining(char) and kept and kept[-1].isascii() and kept[-1].isalpha()):
            kept.append(char)
    return re.sub(r"'s\b", "", unicodedata.normalize("NFC", "".join(kept)))


@given(st.text(alphabet=st.sampled_from("aZ1 .,'’“”„«»–—…•·€£éüçñq\u0301\u0308ΩЖ中")) | st.text())
def test_normalise_equals_the_reference(text: str) -> None:
    assert normalise(text) == _reference_normalise(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("On Feb. 4 they met", ["on", "february", "4", "they", "met"], id="dotted"),
        pytest.param("Jan 30, 2024", ["january", "30", "2024"], id="before-a-figure"),
        pytest.param("since Sept. the talks", ["since", "september", "the", "talks"], id="sept"),
        pytest.param("Jan Hatzius said", ["jan", "hatzius", "said"], id="first-name"),
        pytest.param("it could mar the talks", ["it", "could", "mar", "the", "talks"], id="verb"),
        pytest.param("decided in December", ["decided", "in", "december"], id="inside-a-word"),
    ],
)
def test_a_months_abbreviation_reads_as_its_name(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_an_articles_abbreviated_month_and_a_questions_month_are_one_term() -> None:
    assert terms("Feb. 4") == terms("February 4")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("its 1st quarter", ["its", "first", "quarter"], id="first"),
        pytest.param("the 4TH qtr", ["the", "fourth", "qtr"], id="upper-case"),
        pytest.param("the 9th round", ["the", "ninth", "round"], id="ninth"),
        pytest.param("the 21st century", ["the", "21", "century"], id="figures-above-nine"),
        pytest.param("March 4th, 2020", ["march", "4", "2020"], id="a-day-after-a-month"),
        pytest.param("feb 2nd", ["february", "2"], id="after-an-abbreviated-month"),
        pytest.param("the 1st-quarter loss", ["the", "first", "quarter", "loss"], id="hyphenated"),
        pytest.param("4 th", ["4", "th"], id="apart-is-no-ordinal"),
        pytest.param("fall on the 6th", ["fall", "on", "the", "6"], id="a-day-alone"),
        pytest.param("on the 6th of October", ["on", "the", "6", "of", "october"], id="a-day-of-a-month"),
        pytest.param("on the 2nd day", ["on", "the", "second", "day"], id="an-ordinal-before-a-word"),
    ],
)
def test_an_ordinal_in_figures_reads_as_news_copy_writes_it(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_questions_ordinal_figure_and_an_articles_ordinal_word_are_one_term() -> None:
    assert terms("the 1st quarter") == terms("the first quarter")
