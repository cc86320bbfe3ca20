"""Everyday chat beside the corpus: a word's use in the corpus against general English, and the question test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.query import Query, QueryTerm
from retrieval.topics import TOPIC_RATIO, Topics
from retrieval.usage import usage_from

# General English: "watch" and "suggest" are everyday, "sanction" rare; 10,000 counted words in all.
USAGE = usage_from({"watch": 199, "suggest": 99, "sanction": 1, "other": 9_701})
# The corpus: 1,000 terms; "sanction" in 20 sentences, "watch" and "suggest" in one each.
HELD = {"sanction": 20, "watch": 1, "suggest": 1, "beij": 30}
TOPICS = Topics(lambda term: HELD.get(term, 0), 1_000, USAGE)


def term(stem: str, *, name: bool = False, unseen: bool = False) -> QueryTerm:
    return QueryTerm(stem, stem, 1.0, name=name, unseen=unseen)


@pytest.mark.parametrize(
    ("stem", "topical"),
    [("sanction", True), ("watch", False), ("suggest", False), ("film", False)],
    ids=["rare-in-english-common-here", "everyday", "everyday-once", "unused"],
)
def test_a_topic_is_a_word_the_corpus_uses_far_more_than_english_does(stem: str, topical: bool) -> None:
    assert TOPICS.topical(stem) is topical


def test_the_ratio_decides_a_topic() -> None:
    # "watch" is 200 in 10,000 words of English: 80 sentences of 1,000 terms is four times that, 79 is less.
    held = {"watch": round(1_000 * TOPIC_RATIO * 200 / 10_000)}
    assert Topics(held.__getitem__, 1_000, USAGE).topical("watch")
    held["watch"] -= 1
    assert not Topics(held.__getitem__, 1_000, USAGE).topical("watch")


@pytest.mark.parametrize(
    ("terms", "beside"),
    [
        ((term("suggest"), term("film", unseen=True), term("watch"), term("tonight", unseen=True)), True),
        ((term("suggest"), term("watch")), False),
        ((term("suggest"), term("film", unseen=True), term("sanction")), False),
        ((term("beij", name=True), term("film", unseen=True), term("watch")), False),
        ((term("film", unseen=True), term("tonight", unseen=True)), True),
        ((), False),
    ],
    ids=["everyday-chat", "nothing-unseen", "a-topic-word", "a-name", "only-unseen", "no-terms"],
)
def test_a_question_is_beside_the_corpus_only_with_an_unseen_word_and_no_name_or_topic(
    terms: tuple[QueryTerm, ...], beside: bool
) -> None:
    assert TOPICS.beside(Query(terms)) is beside


def test_an_empty_corpus_or_table_has_no_topics() -> None:
    assert not Topics(lambda _: 1, 0, USAGE).topical("sanction")
    assert not Topics(lambda _: 1, 1_000, usage_from({})).topical("sanction")


@given(st.lists(st.sampled_from(["suggest", "watch", "film", "tonight", "sanction"]), max_size=6))
def test_a_name_keeps_any_question_on_the_corpus(stems: list[str]) -> None:
    terms = (*(term(s, unseen=s not in HELD) for s in stems), term("beij", name=True))
    assert not TOPICS.beside(Query(terms))
