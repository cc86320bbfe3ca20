"""Whose words a question asks for, and whether a passage has that person speak."""

from __future__ import annotations

import pytest

from retrieval.speakers import asked_speaker, speaks

PLACES = {"washington": frozenset({"citi", "capit"}), "februari": frozenset({"month"})}


def classes(term: str) -> frozenset[str]:
    return PLACES.get(term, frozenset())


@pytest.mark.parametrize(
    ("question", "names", "expected"),
    [
        ("What did Lavrov say about Taiwan?", {"lavrov", "taiwan"}, ("lavrov",)),
        ("Which four areas did Zhang Xin say the statement touched on?", {"zhang", "xin"}, ("zhang", "xin")),
        ("How did Xi describe the situation?", {"xi"}, ("xi",)),
        ("What did Xi and Putin say about America?", {"xi", "putin", "america"}, None),
        ("What did the Renault boss call the deal?", {"renault"}, None),
        ("What did Washington warn Chinese firms?", {"washington"}, None),
        ("What did the February statement say?", {"februari"}, None),
        ("Where did Putin go next?", {"putin"}, None),
        ("how many colour pages will the Telegraph add", {"telegraph"}, None),
        ("What did the Telegraph add?", {"telegraph"}, ("telegraph",)),
        ("Which election did Abe call?", {"abe"}, None),
        ("What deal did Xi mention?", {"xi"}, ("xi",)),
        ("How did Putin characterise the visit?", {"putin"}, ("putin",)),
    ],
    ids=[
        "person",
        "two-word-name",
        "describe",
        "two-speakers",
        "common-noun-head",
        "place",
        "month",
        "no-speech",
        "add-a-thing",
        "add-words",
        "call-a-thing",
        "mention-a-thing-is-speech",
        "characterise",
    ],
)
def test_asked_speaker(question: str, names: set[str], expected: tuple[str, ...] | None) -> None:
    assert asked_speaker(question, names, classes) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("wat did xi n putin say", None),
        ("wat did xi an putin say", None),
        ("wat did xi say", ("xi",)),
        ("What did an Xi aide say?", None),
    ],
    ids=["chat-n", "chat-an-inside-the-phrase", "one-speaker", "an-opening-the-phrase"],
)
def test_chat_spellings_are_read_before_the_speaker(question: str, expected: tuple[str, ...] | None) -> None:
    assert asked_speaker(question, {"xi", "putin"}, classes, chat={"n": "and", "wat": "what"}) == expected


@pytest.mark.parametrize(
    ("question", "names", "expected"),
    [
        ("Any quotes from Putin's aide Ushakov about the trip?", {"putin", "ushakov"}, ("ushakov",)),
        ("According to Dana Perino, what was the limit raised to?", {"dana", "perino"}, ("dana", "perino")),
        ("What were the comments of Zhang Xin?", {"zhang", "xin"}, ("zhang", "xin")),
        ("What did trade hit, according to the 2024 Report?", {"report"}, None),
        ("would the tie-up survive, according to the CSIS expert?", {"csis"}, None),
        ("Any quotes from Washington on the deal?", {"washington"}, None),
    ],
    ids=["quotes-from", "according-to", "comments-of", "a-document", "a-common-noun-head", "a-place"],
)
def test_quote_requests_ask_for_a_speakers_words(
    question: str, names: set[str], expected: tuple[str, ...] | None
) -> None:
    assert asked_speaker(question, names, classes, requests=True) == expected
    assert asked_speaker(question, names, classes) is None  # switched off


@pytest.mark.parametrize(
    ("earlier", "passage", "expected"),
    [
        ([], ["“Trust has grown,” Bochkov said."], True),
        ([], ["Korolev, a senior lecturer at the University of New South Wales, said the trip mattered."], True),
        ([], ["Support is growing, said Korolev."], True),
        ([], ["Wang Yi told US secretary of state Antony Blinken in a call that limits remain."], False),
        ([], ["Five people are travelling with Putin – Korolev, Lavrov and others."], False),
        (["Bochkov spoke first.", "Trade grew."], ["It is pertinent, he said."], True),
        ([], ["It is pertinent, he said."], False),
        ([], ["In a call last week Korolev's trip came up."], False),
        ([], ["Dealers believe that Korolev will cut rates, although one or two said they would be surprised."], False),
        ([], ["Korolev, however, said the trip mattered."], True),
        ([], ["Korolev stated that the trip mattered."], True),
        ([], ["Korolev, on a state visit, met the premier."], False),
    ],
    ids=["name-said", "apposition", "said-name", "spoken-to", "no-verb", "pronoun-after-name", "pronoun-alone",
         "noun-call", "another-clause-speaks", "however-is-no-new-clause", "stated", "the-noun-state"],
)  # fmt: skip
def test_speaks(earlier: list[str], passage: list[str], expected: bool) -> None:
    speaker: tuple[str, ...] = ("bochkov",) if "Bochkov" in " ".join(earlier + passage) else ("korolev",)
    if "Blinken" in passage[0]:
        speaker = ("antoni", "blinken")
    assert speaks(earlier, passage, speaker) is expected
