"""Every chat behaviour, end to end: the real python-telegram-bot client over HTTP to the fake Bot API."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import Runtime, build_runtime
from bot.handlers import APOLOGY, ASK_USAGE, COMMAND_CALLBACKS, COMMANDS, NON_TEXT_HINT, REFUSAL
from bot.render_html import render_answer
from config import Settings
from retrieval.overview import overview
from tests.conftest import bot_settings
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import Call, FakeBotApi
from tests.support.telegram_html import parse_html

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What did Russia say about Taiwan?"
BOT = "@quotebot_test_bot"
GROUP = -100100


def reply_to(api: FakeBotApi, message: dict[str, Any], count: int = 1, timeout: float = 5.0) -> list[Call]:
    """The bot's reply to a message: the message quoting it, then the rest of a split answer."""
    chat = message["chat"]["id"]

    def quoting(call: Call) -> bool:
        return bool(
            call.params["chat_id"] == chat
            and call.params.get("reply_parameters", {}).get("message_id") == (message["message_id"])
        )

    [first] = api.wait_for("sendMessage", timeout=timeout, where=quoting)
    if count == 1:
        return [first]
    start = first.result["message_id"]
    return api.wait_for(
        "sendMessage",
        count,
        timeout=timeout,
        where=lambda c: c.params["chat_id"] == chat and c.result["message_id"] >= start,
    )[:count]


def text_of(call: Call) -> str:
    return parse_html(call.params["text"]).text


def expected(runtime: Runtime, question: str, asked: str | None = None) -> list[str]:
    return render_answer(runtime.service.answer(question), asked=asked)


def test_a_private_question_gets_quotes_in_html_replying_without_previews(
    api: FakeBotApi, bot: BotThread, runtime: Runtime
) -> None:
    asked = api.push_text(QUESTION)
    [answer] = reply_to(api, asked)
    assert answer.params["text"] == expected(runtime, QUESTION)[0]
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["link_preview_options"] == {"is_disabled": True}
    assert answer.params["reply_parameters"]["message_id"] == asked["message_id"]
    assert "<blockquote>" in answer.params["text"]
    assert "Sources" in text_of(answer)


def test_commands_are_registered(api: FakeBotApi, bot: BotThread) -> None:
    [registered] = api.wait_for("setMyCommands")
    assert [(c["command"], c["description"]) for c in registered.params["commands"]] == list(COMMANDS)


def test_start_says_what_the_corpus_covers(api: FakeBotApi, bot: BotThread, runtime: Runtime) -> None:
    summary = overview(runtime.library)
    text = text_of(reply_to(api, api.push_text("/start"))[0])
    assert f"{summary.articles} articles" in text
    assert all(outlet in text for outlet in summary.outlets)
    assert summary.first_date is not None
    assert summary.last_date is not None
    assert f"{summary.first_date.isoformat()} to {summary.last_date.isoformat()}" in text
    assert ", ".join(summary.topics) in text


def test_help_lists_every_command_and_the_ways_to_ask(api: FakeBotApi, bot: BotThread) -> None:
    text = text_of(reply_to(api, api.push_text("/help"))[0])
    assert all(f"/{name} — {what}" in text for name, what in COMMANDS)
    assert f"mention {BOT}" in text
    assert f"type {BOT} and a question" in text


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    telegram = readme[readme.index("## Telegram") :]
    assert all(f"/{name}" in telegram for name, _ in COMMANDS)


def test_sources_lists_every_article(api: FakeBotApi, bot: BotThread, runtime: Runtime) -> None:
    text = "\n".join(text_of(c) for c in reply_to(api, api.push_text("/sources")))
    for article in runtime.library.articles.values():
        assert article.id in text
        assert (article.source or "Unknown outlet") in text


@pytest.mark.parametrize(
    ("command", "question"),
    [(f"/ask {QUESTION}", QUESTION), (f"/ask@quotebot_test_bot {QUESTION}", QUESTION), ("/ask", None)],
    ids=["ask", "ask-at-bot", "no-question"],
)
def test_ask(api: FakeBotApi, bot: BotThread, runtime: Runtime, command: str, question: str | None) -> None:
    [answer] = reply_to(api, api.push_text(command))
    assert answer.params["text"] == (expected(runtime, question)[0] if question else ASK_USAGE)


def test_follow_ups_use_the_previous_question_of_the_same_chat(
    api: FakeBotApi, bot: BotThread, runtime: Runtime
) -> None:
    api.push_text("What did Russia say about NATO?", user_id=7)
    follow_up = api.push_text("and what about Taiwan?", user_id=7)
    [answer] = reply_to(api, follow_up)
    assert text_of(answer).startswith(f"Taking this as: {QUESTION}")
    assert answer.params["text"] == expected(runtime, QUESTION, asked="and what about Taiwan?")[0]
    elsewhere = api.push_text("and what about Taiwan?", user_id=8)
    [fresh] = reply_to(api, elsewhere)
    assert "Taking this as" not in text_of(fresh)


@pytest.mark.parametrize(
    "text",
    [f"/ask {QUESTION}", f"/ask@quotebot_test_bot {QUESTION}", f"{BOT} {QUESTION}", f"{QUESTION} {BOT}"],
    ids=["ask", "ask-at-bot", "mention-first", "mention-last"],
)
def test_groups_answer_when_addressed(api: FakeBotApi, bot: BotThread, runtime: Runtime, text: str) -> None:
    [answer] = reply_to(api, api.push_group_text(text, chat_id=GROUP))
    assert answer.params["text"] == expected(runtime, QUESTION)[0]


def test_groups_answer_a_reply_to_the_bot_as_a_follow_up(api: FakeBotApi, bot: BotThread, runtime: Runtime) -> None:
    first = api.push_group_text("/ask What did Russia say about NATO?", chat_id=GROUP)
    [answer] = reply_to(api, first)
    follow_up = api.push_group_text("and what about Taiwan?", chat_id=GROUP, reply_to=answer.result["message_id"])
    [second] = reply_to(api, follow_up)
    assert second.params["text"] == expected(runtime, QUESTION, asked="and what about Taiwan?")[0]


@pytest.mark.parametrize(
    "chatter",
    [QUESTION, f"/ask@other_bot {QUESTION}", f"@someone_else {QUESTION}", "reply-to-a-person", "sticker"],
    ids=["plain-text", "command-for-another-bot", "other-mention", "reply-to-a-person", "sticker"],
)
def test_groups_ignore_chatter(api: FakeBotApi, bot: BotThread, chatter: str) -> None:
    person = api.push_group_text("hello all", chat_id=GROUP, user_id=2)
    if chatter == "reply-to-a-person":
        api.push_group_text(QUESTION, chat_id=GROUP, reply_to=person["message_id"])
    elif chatter == "sticker":
        api.push_sticker(chat_id=GROUP, user_id=3, chat_type="supergroup")
    else:
        api.push_group_text(chatter, chat_id=GROUP)
    # A chat's updates are handled in order: once this is answered, the chatter before it was handled too.
    probe = api.push_group_text(f"/ask {QUESTION}", chat_id=GROUP)
    reply_to(api, probe)
    assert len(api.sent_texts(GROUP)) == 1


def test_inline_mode_offers_each_quote_with_its_citation(api: FakeBotApi, bot: BotThread, runtime: Runtime) -> None:
    api.push_inline_query(QUESTION)
    [answer] = api.wait_for("answerInlineQuery")
    results = answer.params["results"]
    assert len(results) == len(runtime.service.answer(QUESTION).quotes) > 0
    for result in results:
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert content["link_preview_options"] == {"is_disabled": True}
        assert content["message_text"].startswith("<blockquote>")
        assert "[1] " in parse_html(content["message_text"]).text


@pytest.mark.parametrize("query", ["what is the weather in paris tomorrow", "   "], ids=["off-topic", "empty"])
def test_inline_mode_offers_nothing_without_quotes(api: FakeBotApi, bot: BotThread, query: str) -> None:
    api.push_inline_query(query)
    [answer] = api.wait_for("answerInlineQuery")
    assert answer.params["results"] == []


@pytest.mark.parametrize("kind", ["sticker", "photo"])
def test_non_text_messages_get_a_hint(api: FakeBotApi, bot: BotThread, kind: str) -> None:
    sent = api.push_sticker(chat_id=1001) if kind == "sticker" else api.push_photo(chat_id=1001, caption="look")
    assert reply_to(api, sent)[0].params["text"] == NON_TEXT_HINT


def test_unknown_commands_point_at_help(api: FakeBotApi, bot: BotThread) -> None:
    assert "/help" in text_of(reply_to(api, api.push_text("/frobnicate now"))[0])


@pytest.mark.parametrize(
    "question",
    ["<b>Taiwan</b> & Russia's <script>?", "x " * 2500, "\u202eTaiwan\u200b Russia 😀\x00?"],
    ids=["markup", "too-long", "rtl-zero-width-emoji-nul"],
)
def test_hostile_questions_get_valid_replies(api: FakeBotApi, bot: BotThread, runtime: Runtime, question: str) -> None:
    [answer] = reply_to(api, api.push_text(question))
    assert answer.status == 200  # the strict fake parsed it
    assert answer.params["text"] == expected(runtime, question)[0]


def test_an_error_is_logged_and_the_user_gets_an_apology(
    api: FakeBotApi, bot: BotThread, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next(1, status=400, description="Bad Request: injected failure", methods=["sendMessage"], chat_id=1001)
    asked = api.push_text(QUESTION)
    [apology] = reply_to(api, asked)
    assert apology.params["text"] == APOLOGY
    logged = [r.getMessage() + (r.exc_text or "") for r in caplog.records if r.levelno == logging.ERROR]
    assert any("injected failure" in line.lower() for line in logged)


def test_a_blocked_bot_logs_a_warning_and_does_not_apologise(
    api: FakeBotApi, bot: BotThread, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next(1, status=403, description="Forbidden: bot was blocked by the user", methods=["sendMessage"])
    api.push_text(QUESTION)
    reply_to(api, api.push_text(QUESTION))  # handled after the first, in order
    assert [c.status for c in api.calls("sendMessage")] == [403, 200]
    assert any("blocked" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_chats_outside_the_allow_list_are_refused(
    api: FakeBotApi, start_bot: Callable[..., BotThread], runtime: Runtime
) -> None:
    start_bot(bot_settings(api, allowed_chat_ids=frozenset({1001, GROUP})))
    [allowed] = reply_to(api, api.push_text(QUESTION, user_id=1001))
    assert allowed.params["text"] == expected(runtime, QUESTION)[0]
    [refused] = reply_to(api, api.push_text(QUESTION, user_id=2002))
    assert refused.params["text"] == REFUSAL
    api.push_group_text(QUESTION, chat_id=-300)
    [refused_group] = reply_to(api, api.push_group_text(f"/ask {QUESTION}", chat_id=-300))
    assert refused_group.params["text"] == REFUSAL
    assert api.sent_texts(2002) == [REFUSAL]
    assert api.sent_texts(-300) == [REFUSAL]
    api.push_inline_query(QUESTION, user_id=2002)
    api.push_inline_query(QUESTION, user_id=1001)
    inline = api.wait_for("answerInlineQuery", 2)
    by_query = sorted(inline, key=lambda c: int(c.params["inline_query_id"]))
    assert by_query[0].params["results"] == []
    assert by_query[1].params["results"]


def test_chats_are_served_concurrently(api: FakeBotApi, bot: BotThread) -> None:
    api.delay_next(1, seconds=1.0, methods=["sendMessage"], chat_id=11)
    slow = api.push_text(QUESTION, user_id=11)
    api.push_text(QUESTION, user_id=12)
    reply_to(api, slow, timeout=5)
    order = [c.params["chat_id"] for c in api.calls("sendMessage")]  # in the order they completed
    assert order.index(12) < order.index(11)


def made_up_word(n: int) -> str:
    """A distinct letters-only word for each n (digits would tokenise apart and make articles look alike)."""
    return "zq" + "".join(chr(97 + (n // 26**k) % 26) for k in range(3))


def write_zebra_corpus(folder: Path, articles: int) -> None:
    """Articles with long, distinct sentences about one subject, each with a url, among unrelated ones."""
    folder.mkdir()
    toml = []
    for i in range(articles):
        words = " ".join(made_up_word(i * 100 + j) for j in range(60))
        (folder / f"a{i}.txt").write_text(f"The zebra migration crossed river number {i} with {words}.\n")
        for topic in ("budget", "harbour", "library"):  # rarer than half the corpus, so BM25 idf stays positive
            (folder / f"{topic}{i}.txt").write_text(f"The council met on {topic} item {i} and adjourned early.\n")
        toml.append(f'["a{i}.txt"]\nsource = "Outlet {i} & Sons"\nurl = "https://news.example/{i}?a=1&b=2"\n')
    (folder / "sources.toml").write_text("\n".join(toml))


def test_a_long_answer_is_split_into_valid_messages(
    api: FakeBotApi, start_bot: Callable[..., BotThread], tmp_path: Path
) -> None:
    write_zebra_corpus(tmp_path / "corpus", 10)
    settings = bot_settings(api, corpus_dir=tmp_path / "corpus", max_quotes=10, min_coverage=0.3)
    own: Runtime = build_runtime(Settings(_env_file=None, corpus_dir=settings.corpus_dir, max_quotes=10,
                                          min_coverage=0.3))  # fmt: skip
    assert len(render_answer(own.service.answer("zebra migration river"))) > 1
    start_bot(settings, own)
    asked = api.push_text("zebra migration river")
    expected_messages = render_answer(own.service.answer("zebra migration river"))
    answers = reply_to(api, asked, count=len(expected_messages))
    assert [a.params["text"] for a in answers] == expected_messages
    assert answers[0].params["reply_parameters"]["message_id"] == asked["message_id"]
    assert all("reply_parameters" not in a.params for a in answers[1:])
    assert all(a.params["link_preview_options"] == {"is_disabled": True} for a in answers)
    assert '<a href="https://news.example/' in answers[-1].params["text"]
    assert api.calls("sendMessage", ok=False) == []


def test_every_command_has_a_handler_named_after_it() -> None:
    assert set(COMMAND_CALLBACKS) == {name for name, _ in COMMANDS}
    assert all(COMMAND_CALLBACKS[name].__name__ in (name, f"{name}_command") for name, _ in COMMANDS)
