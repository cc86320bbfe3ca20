"""Rendering answers: console text with numbered citations, and the JSON contract."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.bootstrap import Runtime
from bot.render import (
    answer_dict,
    describe_citation,
    help_text,
    render_json,
    render_sources,
    render_text,
    source_list,
    terminal_safe,
)
from retrieval.model import Answer, Article, Citation, Quote
from tests.conftest import check_contract

JOURNAL = Citation("000_journal", "Russia and China issue joint statement", "The Journal", date(2022, 2, 4), None)
REUTERS = Citation("004_reuters", None, "Reuters", date(2022, 2, 5), "https://reuters.test/x")
BARE = Citation("003_bare", None, None, None, None)
ANSWER = Answer(
    "What did Russia say about Taiwan?",
    True,
    "2 quotes from 3 articles.",
    (
        Quote(
            "Russia reaffirms that Taiwan is\n an integral part of China.",
            "000_journal",
            10,
            70,
            9.5,
            (JOURNAL, REUTERS),
        ),
        Quote("“No limits,” the two countries said.", "003_bare", 0, 36, 4.25, (BARE, JOURNAL)),
    ),
)
DECLINED = Answer("Did they discuss North Korea?", False, "The articles don't answer this: nothing covers “korea”.")


def test_text_numbers_sources_by_first_appearance_and_marks_each_quote() -> None:
    assert render_text(ANSWER) == (
        "“Russia reaffirms that Taiwan is an integral part of China.” [1][2]\n"
        "\n"
        "““No limits,” the two countries said.” [3][1]\n"
        "\n"
        "Sources:\n"
        "[1] The Journal — “Russia and China issue joint statement” — 2022-02-04 — 000_journal\n"
        "[2] Reuters — 2022-02-05 — 004_reuters — https://reuters.test/x\n"
        "[3] Unknown outlet — undated — 003_bare"
    )


def test_a_declined_answer_is_its_message() -> None:
    assert render_text(DECLINED) == DECLINED.message


def test_source_list_has_each_article_once_in_order() -> None:
    assert source_list(ANSWER) == [JOURNAL, REUTERS, BARE]
    assert source_list(DECLINED) == []


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        pytest.param(
            JOURNAL, "The Journal — “Russia and China issue joint statement” — 2022-02-04 — 000_journal", id="full"
        ),
        pytest.param(REUTERS, "Reuters — 2022-02-05 — 004_reuters — https://reuters.test/x", id="url-no-title"),
        pytest.param(BARE, "Unknown outlet — undated — 003_bare", id="nothing-known"),
    ],
)
def test_describe_citation(citation: Citation, expected: str) -> None:
    assert describe_citation(citation) == expected


def test_json_contract() -> None:
    payload = json.loads(render_json(ANSWER, 1.23456))
    check_contract(payload)
    assert payload["question"] == ANSWER.question
    assert payload["answered"] is True
    assert payload["took_ms"] == 1.235
    assert [q["text"] for q in payload["quotes"]] == [q.text for q in ANSWER.quotes]
    assert [q["score"] for q in payload["quotes"]] == [9.5, 4.25]
    assert payload["quotes"][0]["citations"] == [
        {
            "article_id": "000_journal",
            "title": "Russia and China issue joint statement",
            "source": "The Journal",
            "date": "2022-02-04",
            "url": None,
        },
        {
            "article_id": "004_reuters",
            "title": None,
            "source": "Reuters",
            "date": "2022-02-05",
            "url": "https://reuters.test/x",
        },
    ]


def test_json_of_a_declined_answer_has_no_quotes() -> None:
    payload = answer_dict(DECLINED, 0.5)
    check_contract(payload)
    assert payload["answered"] is False
    assert payload["quotes"] == []
    assert payload["message"] == DECLINED.message


def test_json_is_one_line_and_keeps_non_ascii_text() -> None:
    line = render_json(ANSWER, 2.0)
    assert "\n" not in line
    assert "“No limits,”" in line


def test_json_of_a_real_answer_follows_the_contract(runtime: Runtime) -> None:
    timed = runtime.service.timed("What did Russia say about Taiwan?")
    payload = json.loads(render_json(timed.answer, timed.took_ms))
    check_contract(payload)
    assert payload["answered"] is True
    assert all(q["citations"][0]["article_id"] == q["article_id"] for q in payload["quotes"])


def test_sources_list_every_article() -> None:
    articles = [
        Article("000_journal", "x", title="Headline", source="The Journal", date=date(2022, 2, 4)),
        Article("003_bare", "y"),
    ]
    assert render_sources(articles) == (
        "- The Journal — “Headline” — 2022-02-04 — 000_journal\n- Unknown outlet — undated — 003_bare"
    )


def test_help_text_lists_commands() -> None:
    assert help_text([("/help", "show this help"), ("/quit", "leave")]) == "/help — show this help\n/quit — leave"


_TEXT = st.text(max_size=80)
_CITATIONS = st.builds(
    Citation,
    article_id=st.text(min_size=1, max_size=20),
    title=st.none() | _TEXT,
    source=st.none() | _TEXT,
    date=st.none() | st.dates(),
    url=st.none() | _TEXT,
)


@st.composite
def _answers(draw: st.DrawFn) -> Answer:
    quotes = []
    for _ in range(draw(st.integers(0, 3))):
        own = draw(_CITATIONS)
        others = draw(st.lists(_CITATIONS, max_size=3))
        score = draw(st.floats(0, 1e6, allow_nan=False))
        quotes.append(Quote(draw(_TEXT), own.article_id, 0, 1, score, (own, *others)))
    return Answer(draw(_TEXT), bool(quotes), draw(st.text(min_size=1, max_size=80)), tuple(quotes))


@given(_answers(), st.floats(0, 1e6, allow_nan=False))
def test_any_answer_renders_to_one_json_line_that_follows_the_contract(answer: Answer, took_ms: float) -> None:
    line = render_json(answer, took_ms)
    assert "\n" not in line
    payload = json.loads(line)
    assert payload["question"] == answer.question
    assert [q["text"] for q in payload["quotes"]] == [q.text for q in answer.quotes]
    check_contract(payload)


@given(_answers())
def test_any_answer_renders_to_text_with_one_line_per_quote_and_source(answer: Answer) -> None:
    text = render_text(answer)
    if not answer.answered:
        assert text == terminal_safe(answer.message)
        return
    lines = text.split("\n")
    sources = source_list(answer)
    assert lines[-len(sources) - 1] == "Sources:"
    assert [line.split("]", 1)[0] for line in lines[-len(sources) :]] == [f"[{n}" for n in range(1, len(sources) + 1)]
    assert len(lines) == 2 * len(answer.quotes) + 1 + len(sources)


_ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00"


def test_text_output_carries_no_terminal_control_characters() -> None:
    article = Article("esc", f"Gas{_ESCAPES} flows.", title=f"Title{_ESCAPES}", source=f"Outlet{_ESCAPES}")
    quote = Quote(article.text, article.id, 0, len(article.text), 1.0, (Citation.of(article),))
    rendered = [
        render_text(Answer("q", True, "1 quote from 1 article.", (quote,))),
        render_text(Answer(f"q{_ESCAPES}", False, f"nothing covers “x{_ESCAPES}”")),
        render_sources([article]),
    ]
    for text in rendered:
        assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text), repr(text)
    assert "Gas]0;pwned[2J31m flows." in rendered[0]
