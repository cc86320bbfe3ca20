"""Typo repair against the corpus vocabulary, leaving real words alone."""

from __future__ import annotations

import pytest

from retrieval.speller import Speller, bare_contractions, bundled_forms, chat_spellings, known_form
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
    [
        ("goverments", "governments"),
        ("governments", None),
        ("gover", None),
        ("saber", None),
        ("sabers", None),
        ("biden", None),
    ],
    ids=["stem-known-form-not", "regular-plural", "lemma", "rare-lemma", "rare-plural", "own-entry"],
)
def test_a_word_is_known_english_only_as_written_when_forms_are_given(typed: str, fixed: str | None) -> None:
    # "goverments" stems to "gover" (of "governess"), so the stem alone took the slip for English.
    dictionary = {stem(w) for w in ("governments", "gover", "saber", "biden")}
    forms = {"government", "gover", "governess", "saber"}
    vocabulary = ["governments", "gover", "saver", "savers", "bidens"]
    assert Speller(vocabulary, dictionary=dictionary).correct("goverments") is None
    assert Speller(vocabulary, dictionary=dictionary, forms=forms).correct(typed) == fixed


@pytest.mark.parametrize(
    ("word", "known"),
    [
        ("governments", True),
        ("goverments", False),
        ("taxes", True),
        ("lenders", True),
        ("stopped", True),
        ("written", True),
        ("biggest", True),
        ("indivisable", False),
        ("greatful", False),
        ("asociation", False),
    ],
    ids=["plural", "slip", "es-plural", "agent-noun", "doubled", "irregular", "superlative", "a-for-i", "ea", "ss"],
)
def test_the_bundled_wordnet_forms_know_inflections_but_not_slips(word: str, *, known: bool) -> None:
    forms = bundled_forms()
    assert forms is not None
    assert known_form(word, forms) is known


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


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [
        ("bnk", "bank"),
        ("det", "debt"),
        ("dbt", "debt"),
        ("lon", None),
        ("pre", None),
        ("bet", None),
        ("chna", "china"),
    ],
    ids=["vowels-dropped", "one-slip", "vowels-before-name", "two-words-near", "prefix", "dictionary-word",
         "name-first"],
)  # fmt: skip
def test_short_words_no_dictionary_knows_are_read_as_corpus_words(typed: str, fixed: str | None) -> None:
    speller = Speller(
        ["statement"],
        dictionary={stem(w) for w in ("bank", "debt", "loan", "lion", "bet")},
        names=["china", "bnl", "dbs"],
        in_use=lambda word: True,
        short_words=["bank", "debt", "loan", "lion", "bat", "pro"],
    )
    assert speller.correct(typed) == fixed
    assert Speller(["statement"], names=["china"]).correct("bnk") is None  # off without short words


def test_a_five_letter_slip_may_be_a_four_letter_word_with_a_letter_added() -> None:
    speller = Speller(["statement"], names=["china"], short_words=["much", "bank"])
    assert speller.correct("mutch") == "much"
    assert speller.correct("statment") == "statement"
    assert Speller(["statement"]).correct("mutch") is None  # without the corpus's short words there is no target


CHAT = {"wud": "would", "kinda": "kind of", "govt": "government", "b4": "before", "2day": "today"}


@pytest.mark.parametrize(
    ("typed", "fixed"),
    [("wud", "would"), ("kinda", "kind of"), ("govt", "government"), ("statment", "statement"), ("shed", None)],
    ids=["stopword", "several-words", "content-word", "typo-still-repaired", "not-a-chat-spelling"],
)
def test_chat_spellings_stand_for_what_they_mean(typed: str, fixed: str | None) -> None:
    speller = Speller(["statement"], dictionary={stem("shed"), stem("kinda")}, chat=CHAT)
    assert speller.correct(typed) == fixed
    assert Speller(["statement"]).correct("wud") is None  # off without chat spellings


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("who left b4 2day", "who left before today", (("b4", "before"), ("2day", "today"))),
        ("the B4 paper and the g20", "the B4 paper and the g20", ()),
        ("no figures here", "no figures here", ()),
        ("b4's end", "b4's end", ()),
    ],
    ids=["written-out", "capitals-and-unknown-stay", "nothing-to-do", "inside-a-word"],
)
def test_chat_spellings_of_letters_and_figures_are_written_out_whole(
    text: str, expected: str, found: tuple[tuple[str, str], ...]
) -> None:
    assert Speller([], chat=CHAT).respelled(text) == (expected, found)
    assert Speller([]).respelled(text) == (text, ())


def test_the_bundled_chat_spellings_hold_the_librarys_slang_and_ours_but_no_bare_contraction() -> None:
    spelt = chat_spellings()
    assert spelt["b4"] == "before"  # the contractions package's slang
    assert spelt["wud"] == "would"  # chat_spellings.tsv
    assert spelt["mln"] == "million"
    assert (spelt["n"], spelt["r"], spelt["y"]) == ("and", "are", "why")  # single letters of chat
    assert "shed" not in spelt
    assert bare_contractions()["shed"] == "she would"
    assert bare_contractions()["dont"] == "do not"


@pytest.mark.parametrize(
    ("typed", "beside", "fixed"),
    [
        ("scot", ["kenedy"], "scott"),
        ("scot", ["kennedy"], "scott"),
        ("scot", ["talks"], None),
        ("want", ["putin"], None),
        ("founded", ["kennedy"], None),
        ("scot", ["scot"], None),
    ],
    ids=["beside-a-repaired-name", "beside-a-name", "beside-a-word", "a-changed-letter", "a-common-word", "itself"],
)
def test_a_word_beside_a_name_reads_as_the_names_other_part(typed: str, beside: list[str], fixed: str | None) -> None:
    speller = Speller(
        ["scott", "kennedy", "funded", "talks"],
        dictionary={stem("scot")},
        in_use=lambda word: word in {"scot", "funded", "want"},
        name_parts=["kennedy", "putin", "wang"],
    )
    assert speller.name_beside(typed, beside) == fixed
    assert Speller(["scott"], name_parts=None).name_beside("scot", ["kennedy"]) is None  # off without names
