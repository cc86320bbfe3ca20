"""Question framings: their words are left out of matching; "how long" asks for a length of time."""

from __future__ import annotations

import pytest

from retrieval.framing import asks_how_long, framing_words


@pytest.mark.parametrize(
    ("question", "framing"),
    [
        ("since when has putin been in power?", {"since", "when"}),
        ("How many troops were there at the time of the summit?", {"at", "the", "time", "of"}),
        ("tell me about the gas deal", {"tell", "me", "about"}),
        ("How long is the state visit?", {"how", "long"}),
        ("What did the report say according to the articles?", {"according", "to", "the", "articles"}),
        ("Which long-range bombers flew?", set()),
    ],
    ids=["since-when", "at-the-time-of", "tell-me-about", "how-long", "according-to", "long-as-content"],
)
def test_framing_words(question: str, framing: set[str]) -> None:
    assert framing_words(question) == framing


def test_how_long() -> None:
    assert asks_how_long("How long will the deal run?")
    assert not asks_how_long("How many long-range bombers flew?")
