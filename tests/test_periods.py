"""The quarters of the year a text names, and the quarters a figure is only compared with."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.periods import quarters_in


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("first quarter profit fell to 114.1 mln dlrs", {1}),
        ("in the 4th quarter", {4}),
        ("fourth-quarter earnings", {4}),
        ("the final quarter of 1986", {4}),
        ("Q3 sales", {3}),
        ("in the October-December period", {4}),
        ("in April-June", {2}),
        ("three months to March", {1}),
        ("from March to May", set()),
        ("rose to 2.77 billion dlrs from 2.20 billion dlrs in the third quarter", set()),
        ("fourth quarter profit rose from a loss in the third quarter", {4}),
        ("its best result since the second quarter of 1985", set()),
        ("profit fell a quarter", set()),
    ],
    ids=[
        "number", "ordinal-in-figures", "hyphen", "final", "q-number", "months", "months-2", "three-months-to",
        "not-a-quarter-span", "compared", "own-and-compared", "since", "a-share",
    ],
)  # fmt: skip
def test_the_quarters_a_text_names(text: str, quarters: set[int]) -> None:
    assert quarters_in(text) == quarters


@given(st.text(max_size=80))
def test_quarters_are_one_to_four(text: str) -> None:
    assert quarters_in(text) <= {1, 2, 3, 4}
