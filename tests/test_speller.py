"""Typo repair against the corpus vocabulary, leaving real words alone."""

from __future__ import annotations

import pytest

from retrieval.speller import Speller
from retrieval.text import stem

VOCABULARY = ["eurasian", "connected", "daniel", "sanctions", "january", "hedging", "capitalise", "statement"]


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("eurasion", "eurasian"),
        ("conected", "connected"),
        ("danial", "daniel"),
        ("sanctons", "sanctions"),
        ("janaury", "january"),
        ("abuot", "about"),
        ("heading", None),
        ("capital", None),
        ("iphone", None),
        ("xyz", None),
    ],
    ids=[
        "vowel",
        "missing-letter",
        "short-name",
        "dropped-i",
        "swap",
        "stopword",
        "real-word",
        "prefix",
        "first-letter",
        "short",
    ],
)
def test_speller_repairs_slips_but_not_other_words(typed: str, fixed: str | None) -> None:
    assert Speller(VOCABULARY).correct(typed) == fixed


def test_speller_leaves_words_the_dictionary_knows() -> None:
    # "american" is one slip from the corpus's "america", but it is an English word, not a typo.
    assert Speller(["america"]).correct("american") == "america"
    assert Speller(["america"], dictionary={stem("american")}).correct("american") is None


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [("wht", "what"), ("chna", "china"), ("wat", "was"), ("scot", None), ("abt", None), ("zz", None), ("ch1a", None)],
    ids=["stopword", "name", "rare-dictionary-word", "common-dictionary-word", "two-slips", "too-short", "not-alpha"],
)
def test_short_slips_are_repaired_to_stopwords_and_names_only(typed: str, fixed: str | None) -> None:
    speller = Speller(
        ["statement"],
        dictionary={stem("wat"), stem("scot")},
        names=["china", "scott"],
        in_use=lambda word: word != "wat",
    )
    assert speller.correct(typed) == fixed
    assert Speller(["statement"], dictionary=set()).correct(typed) is None  # off without names


def test_a_short_slip_is_not_bent_into_a_corpus_word_that_is_no_name() -> None:
    assert Speller(["chinese", "chart"], names=[]).correct("chat") is None
