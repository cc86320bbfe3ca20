"""Word usage in general English: rarity from counts, the bundled file, and gating a question's unseen words."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from retrieval.query import Query, QueryTerm
from retrieval.usage import bundled_usage, gated, usage_from


def test_an_everyday_word_is_less_rare_than_an_unusual_one() -> None:
    usage = usage_from({"fast": 40, "head": 300, "greenback": 0, "other": 10_000})
    assert usage.rarity("greenback") == pytest.approx(1.0)
    assert usage.rarity("never_counted") == pytest.approx(1.0)
    assert usage.rarity("head") < usage.rarity("fast") < usage.rarity("greenback")


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.integers(0, 10_000), max_size=20), st.text(max_size=5))
@example(counts={"the": 2}, word="the")  # one word holds every count (found by hypothesis in session thirteen)
def test_rarity_is_a_share_above_zero(counts: dict[str, int], word: str) -> None:
    rarity = usage_from(counts).rarity(word)
    assert 0.0 < rarity <= 1.0


def test_an_empty_table_leaves_every_word_whole() -> None:
    assert usage_from({}).rarity("anything") == 1.0


def test_the_bundled_table_knows_everyday_words_in_their_irregular_forms_too() -> None:
    usage = bundled_usage()
    assert usage is not None
    assert usage.rarity("took") == usage.rarity("take") < usage.rarity("greenback")


def test_only_words_no_sentence_holds_are_gated() -> None:
    usage = usage_from({"fast": 40, "trade": 60, "other": 10_000})
    query = Query((QueryTerm("fast", "fast", 5.0, unseen=True), QueryTerm("trade", "trade", 2.0)))
    fast, trade = gated(query, usage).terms
    assert fast.gate == pytest.approx(usage.rarity("fast"))
    assert fast.gate < 1.0
    assert fast.weight == 5.0  # ranking keeps the weight; only the decision to decline reads the gate
    assert trade.gate == 1.0


def test_a_query_with_no_unseen_word_is_returned_as_is() -> None:
    query = Query((QueryTerm("trade", "trade", 2.0),))
    assert gated(query, usage_from({"trade": 60})) is query
