"""The word knowledge the service builds once: each part present only when its technique is on."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from retrieval.corpus_words import CorpusWords, library_words
from retrieval.model import Article
from retrieval.service import Techniques
from retrieval.text import terms
from retrieval.wordbook import build_wordbook
from tests.support import corpora

TEXTS = (
    "Chinese President Xi Jinping met Vladimir Putin in Beijing.",
    "The statement said Moscow and China oppose Nato expansion.",
    "Officials in London said the talks went well.",
)


@cache
def counted() -> tuple[CorpusWords, frozenset[str], int]:
    library = corpora.library(*(Article(f"a{i}", text) for i, text in enumerate(TEXTS)))
    words = library_words(library)
    return words, frozenset(t for s in library.sentences for t in terms(s.text)), len(library.sentences)


def test_every_part_is_built_with_every_technique_on() -> None:
    book = build_wordbook(*counted(), Techniques())
    assert book.speller is not None
    assert book.names is not None
    assert book.relations is not None
    assert book.aliases is not None
    assert book.types is not None
    assert book.speller.correct("statment") == "statement"
    assert book.speller.correct("chna") == "china"  # short typos: a four-letter slip for a corpus name


@pytest.mark.parametrize(
    ("switch", "part"),
    [("spelling", "speller"), ("names", "names"), ("answer_types", "types")],
    ids=["spelling", "names", "answer-types"],
)
def test_a_part_is_none_when_its_technique_is_off(switch: str, part: str) -> None:
    book = build_wordbook(*counted(), replace(Techniques(), **{switch: False}))
    assert getattr(book, part) is None


def test_no_lexicon_part_without_the_techniques_that_read_it() -> None:
    off = replace(Techniques(), synonyms=False, expansion=False, answer_types=False, metonyms=False, aliases=False)
    book = build_wordbook(*counted(), off)
    assert (book.relations, book.aliases, book.types) == (None, None, None)
    assert book.names is not None


def test_short_typos_are_off_with_their_switch() -> None:
    book = build_wordbook(*counted(), replace(Techniques(), short_typos=False))
    assert book.speller is not None
    assert book.speller.correct("chna") is None


def test_short_words_follow_their_switch() -> None:
    on = build_wordbook(*counted(), Techniques()).speller
    off = build_wordbook(*counted(), replace(Techniques(), short_words=False)).speller
    assert on is not None
    assert off is not None
    assert (on.correct("tlk"), on.correct("tlks")) == ("talk", None)  # "talks" is a corpus term's word, not its stem
    assert off.correct("tlk") is None


def test_chat_spellings_and_name_neighbours_follow_their_switches() -> None:
    on = build_wordbook(*counted(), replace(Techniques(), name_neighbours=True)).speller
    off = build_wordbook(*counted(), replace(Techniques(), chat_spellings=False)).speller
    assert on is not None
    assert off is not None
    assert on.correct("govt") == "government"
    assert on.correct("dont") == "do not"  # a contraction without its apostrophe
    assert on.correct("shed") is None  # ... unless it is an English word
    assert off.correct("govt") is None
    assert off.name_beside("chin", ["sergey"]) is None


TIE = "AMR, the parent of American Airlines, ordered jets in the fourth quarter."


@pytest.mark.parametrize(
    ("switch", "term", "tied"),
    [("corpus_aliases", "american_airlin", "amr"), ("quarters", "octob_decemb", "fourth_quarter")],
    ids=["corpus-aliases", "quarters"],
)
def test_ties_hold_a_name_and_count_for_coverage_only_with_their_switch(switch: str, term: str, tied: str) -> None:
    words, vocabulary, sentences = counted()
    names = words.names | {"amr", "american", "airlines"}
    words = replace(words, names=names)
    on = build_wordbook(words, vocabulary, sentences, Techniques(), [TIE])
    off = build_wordbook(words, vocabulary, sentences, replace(Techniques(), **{switch: False}), [TIE])
    assert on.aliases is not None
    assert on.relations is not None
    assert off.aliases is not None
    assert tied in on.aliases.of(term)
    assert tied in on.relations.of(term)
    assert tied not in off.aliases.of(term)


def test_demonyms_hold_a_name_by_its_countrys_names_only_with_their_switch() -> None:
    words, vocabulary, sentences = counted()
    words = replace(words, names=words.names | {"british"}, name_counts={**words.name_counts, "british": 1})
    on = build_wordbook(words, vocabulary, sentences, Techniques())
    off = build_wordbook(words, vocabulary, sentences, replace(Techniques(), demonyms=False))
    assert on.aliases is not None
    assert on.relations is not None
    assert off.aliases is not None
    assert "british" in on.aliases.of("uk")
    assert "british" in on.relations.of("uk")
    assert "british" not in off.aliases.of("uk")
