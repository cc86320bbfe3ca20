"""Hostile questions through the answer path and every renderer, and the length limit end to end through the fake.

Complements test_service.py (fixed hostile questions, printable text) and test_render_html.py (hostile answers
built directly): here hostile questions go through the real service and then into every renderer, lone
surrogates and 100,000-character questions included.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.bootstrap import Runtime, build_runtime
from bot.handlers import INLINE_BUTTON_CHARS
from bot.render import render_json, render_text
from bot.render_html import MAX_LENGTH, render_answer, render_help, render_inline, render_plain, render_welcome
from retrieval.model import Answer
from retrieval.overview import Overview
from retrieval.service import QAService
from tests.conftest import bot_settings
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import FakeBotApi
from tests.support.telegram_html import parse_html

# Control characters, NUL, terminal escapes, RTL/LTR overrides and marks, zero-width characters, emoji
# (astral, with modifiers and flags), lone surrogates, HTML and Markdown, and words the corpus knows.
PIECES = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u202d", "\u200f", "\u2066", "\u200b", "\u200d",
    "\ufeff", "\u00ad", "😀", "👍🏽", "🇷🇺", "👨‍👩‍👧", "\ud800", "\udfff", "<b>", "</b>", "<script>alert(1)</script>",
    "&amp;", "&", "<", ">", '"', "**bold**", "_it_", "[x](http://e.org)", "`code`", "<blockquote>", "</a>",
    "Taiwan", "Russia", "gas", "NATO", "Xi", " ", "\n", "\t", "\r", "ـ", "?",
]  # fmt: skip
HOSTILE = st.lists(st.sampled_from(PIECES) | st.characters(), max_size=80).map("".join)
# Up to 100,000 characters: a hostile chunk repeated.
LONG = st.builds(lambda chunk, times: (chunk * times)[:100_000], HOSTILE.filter(bool), st.integers(1, 100_000))
QUESTIONS = HOSTILE | LONG


def assert_telegram_accepts(message: str) -> None:
    parsed = parse_html(message)  # raises on anything Telegram would reject
    assert 0 < parsed.length <= MAX_LENGTH
    assert parsed.text.strip()


def check_every_renderer(answer: Answer, asked: str) -> None:
    """Telegram HTML parses and fits, inline results are valid, console text and JSON come out whole."""
    for message in [*render_answer(answer), *render_answer(answer, asked=asked)]:
        assert_telegram_accepts(message)
    for result in render_inline(answer):
        assert_telegram_accepts(result.message)
        assert result.title.strip()
    assert isinstance(render_text(answer), str)
    line = render_json(answer, 1.0)
    assert "\n" not in line
    assert json.loads(line)["question"] == answer.question


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(QUESTIONS)
def test_any_question_is_answered_or_declined_and_renders_everywhere(runtime: Runtime, question: str) -> None:
    answer = runtime.service.answer(question)
    assert answer.message
    assert answer.answered or answer.quotes == ()
    if len(question.strip()) > runtime.service.max_question_length:
        assert not answer.answered
        assert f"the limit is {runtime.service.max_question_length}" in answer.message
    check_every_renderer(answer, question)


def widest(service: QAService) -> QAService:
    """The same service accepting the longest question the settings allow (100,000 characters)."""
    wide = copy.copy(service)
    wide.max_question_length = 100_000
    return wide


def random_text(alphabet: Callable[[random.Random], str]) -> str:
    rng = random.Random(7)
    return "".join(alphabet(rng) for _ in range(100_000))


@pytest.mark.parametrize(
    "question",
    [
        pytest.param(random_text(lambda r: chr(r.randint(1, 0x2FFF))), id="random-bmp"),
        pytest.param(random_text(lambda r: r.choice(PIECES[:20])), id="control-rtl-zero-width-emoji-surrogates"),
        pytest.param(random_text(lambda r: r.choice(["Taiwan ", "Russia ", "gas ", "said "])), id="corpus-words"),
        pytest.param(random_text(lambda r: r.choice(["<b>", "</b>", "&", "**", "`"])), id="markup"),
        pytest.param("\x00" * 100_000, id="nul"),
    ],
)
def test_a_100k_question_at_the_widest_limit_is_answered_or_declined(runtime: Runtime, question: str) -> None:
    service = widest(runtime.service)
    answer = service.answer(question[:100_000])
    assert answer.message
    check_every_renderer(answer, question)


@settings(max_examples=60)
@given(st.lists(HOSTILE, max_size=8), st.lists(HOSTILE, max_size=8), HOSTILE, HOSTILE)
def test_welcome_and_help_render_any_outlets_topics_and_notes(
    outlets: list[str], topics: list[str], note: str, name: str
) -> None:
    overview = Overview(len(outlets), tuple(outlets), None, None, tuple(topics))
    for message in [*render_welcome(overview, [(f"/{name}", note)]), *render_help([(name, note)], [note, name])]:
        assert_telegram_accepts(message)
    for message in render_plain(note):
        assert_telegram_accepts(message)


# -- the length limit, end to end through the fake -----------------------------------------------------------

LIMIT_MESSAGE = "That question is {n} characters long; the limit is {limit}."


@pytest.mark.parametrize(
    ("question", "push"),
    [
        pytest.param("Taiwan? " * 250, "private", id="private-2000"),
        pytest.param("Taiwan\u200b\U0001f600 " * 4_096, "private", id="private-36k-emoji-zero-width"),
        pytest.param("<b>&amp;" * 12_500, "private", id="private-100k-markup"),
        pytest.param("and what about " + "?" * 99_985, "follow-up", id="follow-up-100k"),
        pytest.param("Russia " * 300, "group", id="group-ask"),
    ],
)
def test_an_over_long_question_is_told_the_limit(api: FakeBotApi, bot: BotThread, question: str, push: str) -> None:
    if push == "follow-up":  # a previous question makes the bot try to read this one as a follow-up
        api.push_text("What did Russia say about NATO?")
        api.wait_for("sendMessage")
    if push == "group":
        api.push_group_text(f"/ask {question}")
        chat, question = -100100, question.strip()
    else:
        api.push_text(question)
        chat = 1001
    [reply] = api.wait_for("sendMessage", where=lambda c: c.params["chat_id"] == chat and "limit" in c.params["text"])
    assert reply.params["text"] == LIMIT_MESSAGE.format(n=len(question.strip()), limit=1000)
    assert reply.status == 200


def test_an_over_long_inline_query_is_told_the_limit(api: FakeBotApi, start_bot: Callable[..., BotThread]) -> None:
    # Telegram caps inline queries at 256 characters, so this needs a limit below that.
    settings = bot_settings(api, max_question_length=40)
    start_bot(settings, build_runtime(settings))
    api.push_inline_query("What did Russia say about Taiwan and NATO and gas?")  # 50 characters
    api.push_inline_query("What did Russia say about Taiwan?")
    over, within = sorted(api.wait_for("answerInlineQuery", 2), key=lambda c: int(c.params["inline_query_id"]))
    assert over.status == 200  # the strict fake checked the button
    assert over.params["results"] == []
    assert over.params["button"]["text"] == "That question is 50 characters long; the limit is 40."
    assert len(over.params["button"]["text"]) <= INLINE_BUTTON_CHARS
    assert within.params["results"]
    assert "button" not in within.params


@pytest.mark.parametrize(
    "query",
    ["<b>Taiwan</b> & <script>", "\u202eTaiwan\u200b Russia 😀\x00\x1b[0m", "**Taiwan** [gas](javascript:x)"],
    ids=["markup", "rtl-zero-width-emoji-nul-escape", "markdown"],
)
def test_hostile_inline_queries_get_results_the_strict_fake_accepts(
    api: FakeBotApi, bot: BotThread, runtime: Runtime, query: str
) -> None:
    api.push_inline_query(query)
    [answer] = api.wait_for("answerInlineQuery", ok=None)
    assert answer.status == 200
    assert len(answer.params["results"]) == len(runtime.service.answer(query.strip()).quotes)
