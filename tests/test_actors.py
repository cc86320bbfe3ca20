"""Who does the act a question asks about, and whether a sentence gives that act to another name."""

from __future__ import annotations

import pytest

from retrieval.actors import Actor, given_to_another

TWA_PAY = Actor("TWA", frozenset({"twa"}), "pay", "pay")


@pytest.mark.parametrize(
    ("sentence", "told"),
    [
        ("Chrysler will pay 200 mln dlrs for the stake.", True),
        ("Chrysler will pay 200 mln dlrs and will pay up to 350 mln dlrs more.", True),
        ("In February USAir had offered to pay 71 dlrs a share.", False),
        ("TWA will pay 200 mln dlrs.", False),
        ("Trans World Airlines will pay 200 mln dlrs.", False),
        ("TWA's parent will pay 200 mln dlrs.", False),
        ("It said it would pay 200 mln dlrs.", False),
        ("The company will pay 200 mln dlrs.", False),
        ("Chrysler, the buyer, will pay 200 mln dlrs.", False),
        ("Chrysler will pay 200 mln dlrs, and TWA will pay the rest.", False),
        ("The stake was sold for 200 mln dlrs.", None),
        ("Workers got a pay rise from Chrysler.", None),
    ],
    ids=["another-name", "a-joined-verb-shares-its-subject", "another-verb-between", "the-asked-name",
         "its-initials", "a-common-noun-after-the-name", "a-pronoun", "a-common-noun", "punctuation-between",
         "one-use-is-the-asked-names",
         "no-verb", "a-noun-after-a-determiner"],
)  # fmt: skip
def test_given_to_another_reads_the_name_right_before_each_use_of_the_verb(sentence: str, told: bool | None) -> None:
    assert given_to_another(sentence, TWA_PAY) is told


def test_the_asked_name_is_read_as_the_index_writes_it() -> None:
    us_sanction = Actor("US", frozenset({"us"}), "sanction", "sanction")
    assert given_to_another("The U.S. recently sanctioned multiple Chinese companies.", us_sanction) is False
    assert given_to_another("The EU recently sanctioned multiple Chinese companies.", us_sanction) is True
