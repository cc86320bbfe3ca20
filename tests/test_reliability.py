"""A flaky Bot API, floods and refused chats, end to end: the real PTB client over HTTP against the fake Bot API.

Delivery guarantee under test: every message the bot takes from getUpdates gets exactly one reply once the
API is back, as long as each failure is one the bot can tell did not take effect (5xx, 429, a refused
connection). A reply whose fate is unknown (a timeout, or a connection dropped after the request went out)
is never repeated: Telegram has no idempotency key, so the bot sends each reply at most once.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from bench.load import replies
from bot.bootstrap import build_runtime
from bot.handlers import APOLOGY, DEPS, REFUSAL, SLOW_DOWN
from bot.resilience import RetryingRateLimiter
from tests.conftest import BrokenCorpus, bot_settings
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import FakeBotApi
from tests.test_cache import Payload

QUESTION = "What did Russia say about Taiwan?"
QUESTIONS = (QUESTION, "What did Russia say about NATO?", "gas deal", "Who met in Beijing?")
GROUP = -100100
# Retries that outlast each outage below (the production schedule waits about 45 s in all).
OUTLASTING = (0.2,) * 40
Asked = tuple[int, int]  # (chat id, message id)


def ask(api: FakeBotApi, chats: Iterable[int], per_chat: int = 1) -> list[Asked]:
    """Push questions from private chats, one round per chat at a time; return what was asked."""
    asked = []
    for round_ in range(per_chat):
        for chat in chats:
            message = api.push_text(QUESTIONS[round_ % len(QUESTIONS)], user_id=chat)
            asked.append((chat, message["message_id"]))
    return asked


def answered_exactly_once(api: FakeBotApi, asked: list[Asked], timeout: float) -> None:
    """Wait until every message has a reply, then check that none has two and nothing else in their chats was."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not all(replies(api)[key] for key in asked):
        time.sleep(0.05)
    time.sleep(0.5)  # a duplicate would follow its first copy at once
    got = replies(api)
    assert {key: got[key] for key in asked if got[key] != 1} == {}, "lost (0) or duplicated (>1) replies"
    chats = {chat for chat, _ in asked}
    assert {key for key in got if key[0] in chats} == set(asked)  # nothing else answered in these chats


def texts(api: FakeBotApi, chat: int) -> list[str]:
    return api.sent_texts(chat)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_lose_and_duplicate_nothing(
    api: FakeBotApi, start_bot: Callable[..., BotThread], status: int
) -> None:
    start_bot(rate_limiter=RetryingRateLimiter(OUTLASTING))
    api.wait_for("getUpdates")
    api.fail_next(2, status=status, methods=["getUpdates"])
    api.fail_next(6, status=status, methods=["sendMessage"])
    asked = ask(api, range(11, 16), per_chat=2)
    answered_exactly_once(api, asked, timeout=20)
    assert len(api.calls("sendMessage", ok=False)) == 6
    assert APOLOGY not in api.sent_texts()


def test_retry_after_loses_and_duplicates_nothing(api: FakeBotApi, start_bot: Callable[..., BotThread]) -> None:
    start_bot()
    api.wait_for("getUpdates")
    api.rate_limit_next(1, retry_after=1, methods=["getUpdates"])
    api.rate_limit_next(3, retry_after=1, methods=["sendMessage"])
    asked = ask(api, range(21, 25), per_chat=2)
    answered_exactly_once(api, asked, timeout=20)
    assert [c.status for c in api.calls("sendMessage", ok=False)] == [429] * 3
    assert APOLOGY not in api.sent_texts()


def test_a_reply_whose_answer_times_out_is_sent_once_and_not_apologised_for(
    api: FakeBotApi, start_bot: Callable[..., BotThread], caplog: pytest.LogCaptureFixture
) -> None:
    # The fake takes the reply, then answers after the client's read timeout: the reply was delivered,
    # but the bot cannot know. Repeating it, or apologising, would show the user two messages.
    start_bot(read_timeout=1.0)
    api.delay_next(1, seconds=2.0, methods=["sendMessage"], chat_id=31)
    asked = ask(api, [31, 32])
    asked += ask(api, [31])  # the same chat carries on normally afterwards
    answered_exactly_once(api, asked, timeout=15)
    assert APOLOGY not in api.sent_texts()
    assert any("may not have been delivered" in r.getMessage() for r in caplog.records)


def test_a_reply_whose_answer_is_lost_is_not_repeated(api: FakeBotApi, start_bot: Callable[..., BotThread]) -> None:
    # The fake delivers the reply, then closes the connection without answering: to the bot that is a
    # dropped connection after the request went out, which it cannot tell from one Telegram never read.
    start_bot(rate_limiter=RetryingRateLimiter(OUTLASTING))
    api.lose_answer_next(1, methods=["sendMessage"], chat_id=41)
    asked = ask(api, [41, 42])
    asked += ask(api, [41])
    answered_exactly_once(api, asked, timeout=10)
    assert APOLOGY not in api.sent_texts()


def test_a_connection_dropped_while_waiting_for_the_answer_does_not_repeat_the_reply(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    # The fake holds the reply for a second, and meanwhile drops every connection: it still delivers the
    # reply (as Telegram would, having read the request), the client sees the connection die unanswered.
    start_bot(rate_limiter=RetryingRateLimiter(OUTLASTING))
    api.wait_for("getUpdates")
    api.delay_next(1, seconds=1.0, methods=["sendMessage"], chat_id=43)
    asked = ask(api, [43])
    api.wait_for("getUpdates", where=lambda c: bool(c.result))
    time.sleep(0.4)
    api.refuse_connections(1.0)
    asked += ask(api, [43, 44])  # queued while the API is away
    answered_exactly_once(api, asked, timeout=20)


def test_updates_whose_poll_answer_is_lost_are_fetched_again_and_answered_once(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    start_bot()
    api.wait_for("getUpdates")
    api.lose_answer_next(1, methods=["getUpdates"])
    polls = len(api.calls("getUpdates"))
    api.wait_for("getUpdates", polls + 1)  # the poll in progress ended; the next one loses its answer
    asked = ask(api, range(45, 48))
    answered_exactly_once(api, asked, timeout=15)
    handed_out = Counter(u["update_id"] for c in api.calls("getUpdates", ok=True) for u in c.result or [])
    assert sorted(handed_out.values()) == [2, 2, 2]  # into the lost answer, then again, unconfirmed


def outage(api: FakeBotApi, start_bot: Callable[..., BotThread], seconds: float) -> None:
    """Questions answered before, during (in flight and queued) and after a refused connection of `seconds`."""
    start_bot(rate_limiter=RetryingRateLimiter(OUTLASTING))
    before = ask(api, range(51, 54))
    answered_exactly_once(api, before, timeout=10)
    # Replies to these two chats are held, so they are in flight (or not yet sent) when the port closes.
    api.delay_next(2, seconds=0.5, methods=["sendMessage"])
    held = ask(api, [54, 55])
    api.wait_for("getUpdates", where=lambda c: any(u["message"]["chat"]["id"] == 55 for u in c.result or []))
    time.sleep(0.1)
    api.refuse_connections(seconds)
    during = ask(api, range(56, 60), per_chat=2)
    answered_exactly_once(api, before + held + during, timeout=seconds + 40)
    after = ask(api, [51, 60])
    answered_exactly_once(api, before + held + during + after, timeout=10)


def test_a_refused_connection_for_3_s_loses_and_duplicates_nothing(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    outage(api, start_bot, 3.0)


@pytest.mark.slow
def test_a_refused_connection_for_30_s_loses_and_duplicates_nothing(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    outage(api, start_bot, 30.0)


@pytest.mark.slow
def test_a_poll_that_hangs_past_its_read_timeout_is_abandoned_and_nothing_is_lost(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    # getUpdates waits read timeout + its 10 s long poll; the fake holds this one for 12 s. Questions pushed
    # meanwhile stay unconfirmed in the fake's queue and go to the poll after the timeout.
    start_bot(read_timeout=1.0)
    api.wait_for("getUpdates")
    api.delay_next(1, seconds=12.0, methods=["getUpdates"])
    time.sleep(1.0)  # the poll in progress ends; the next one is the held one
    pushed = time.monotonic()
    asked = ask(api, range(61, 64))
    answered_exactly_once(api, asked, timeout=40)
    first_reply = min(c.at for c in api.calls("sendMessage", ok=True))
    assert first_reply - pushed > 8.0  # they waited for the held poll to time out, then came through


def test_a_flooding_chat_is_throttled_while_other_chats_are_served(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    start_bot(bot_settings(api, chat_rate_messages=5, chat_rate_seconds=10))
    api.wait_for("getUpdates")
    others: list[Asked] = []
    sent_at: dict[Asked, float] = {}
    started = time.monotonic()
    for i in range(50):  # 50 messages in 5 s from one chat
        api.push_text(f"{QUESTION} ({i})", user_id=71)
        if i % 10 == 0:
            for chat in (72, 73):
                [key] = ask(api, [chat])
                others.append(key)
                sent_at[key] = time.monotonic()
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    answered_exactly_once(api, others, timeout=10)
    for call in api.calls("sendMessage", ok=True):
        key = (call.params["chat_id"], call.params.get("reply_parameters", {}).get("message_id"))
        if key in sent_at:
            assert call.at - sent_at[key] < 2.0  # served as usual, not queued behind the flood
    flooded = texts(api, 71)
    assert flooded.count(SLOW_DOWN) == 1  # one notice, not 45
    answers = len(flooded) - 1
    assert 5 <= answers <= 5 + elapsed * 5 / 10 + 1  # the burst, plus what refilled during the flood


def test_a_flood_of_inline_queries_is_answered_empty_with_a_reason_while_other_users_are_served(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    start_bot(bot_settings(api, chat_rate_messages=2, chat_rate_seconds=60))  # inline: 2 x 5 queries a minute
    flooding = [api.push_inline_query(QUESTION, user_id=91) for _ in range(14)]
    other = api.push_inline_query(QUESTION, user_id=92)
    answers = {c.params["inline_query_id"]: c.params for c in api.wait_for("answerInlineQuery", 15)}
    assert set(answers) == {*flooding, other}  # every query answered: a client waits for its answer
    refused = [answers[query] for query in flooding if not answers[query]["results"]]
    assert len(refused) == 4
    assert all(params["button"]["text"].startswith("You are sending") for params in refused)
    assert answers[other]["results"]  # another user is served


def test_a_flooding_group_is_throttled_but_its_chatter_does_not_count(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    start_bot(bot_settings(api, chat_rate_messages=3, chat_rate_seconds=60))
    for _ in range(30):
        api.push_group_text("just chatting, not to the bot", chat_id=GROUP)
    for _ in range(20):
        api.push_group_text(f"/ask {QUESTION}", chat_id=GROUP)
    api.wait_for("sendMessage", 4, where=lambda c: c.params["chat_id"] == GROUP)
    time.sleep(0.5)
    assert api.sent_texts(GROUP).count(SLOW_DOWN) == 1
    assert len(api.sent_texts(GROUP)) == 4  # three answers (the chatter took none of them), one notice


def test_a_disabled_chat_limit_answers_everything(api: FakeBotApi, start_bot: Callable[..., BotThread]) -> None:
    start_bot(bot_settings(api, chat_rate_messages=0))
    asked = ask(api, [81], per_chat=15)
    answered_exactly_once(api, asked, timeout=15)


REFUSED = 2002


@pytest.mark.parametrize(
    "push",
    [
        pytest.param(lambda api: api.push_text(QUESTION, user_id=REFUSED), id="question"),
        pytest.param(lambda api: api.push_text("/start", user_id=REFUSED), id="start"),
        pytest.param(lambda api: api.push_text("/sources", user_id=REFUSED), id="sources"),
        pytest.param(lambda api: api.push_text(f"/ask {QUESTION}", user_id=REFUSED), id="ask"),
        pytest.param(lambda api: api.push_text("/help", user_id=REFUSED), id="help"),
        pytest.param(lambda api: api.push_sticker(chat_id=REFUSED), id="sticker"),
        pytest.param(lambda api: api.push_group_text(f"/ask {QUESTION}", chat_id=-300), id="group-ask"),
        pytest.param(lambda api: api.push_group_text(f"@quotebot_test_bot {QUESTION}", chat_id=-300), id="mention"),
        pytest.param(lambda api: api.push_group_text("/sources@quotebot_test_bot", chat_id=-300), id="group-sources"),
    ],
)
def test_a_refused_chat_gets_the_refusal_and_nothing_from_the_corpus(
    api: FakeBotApi, start_bot: Callable[..., BotThread], push: Callable[[FakeBotApi], Any]
) -> None:
    start_bot(bot_settings(api, allowed_chat_ids=frozenset({1001})))
    message = push(api)
    [reply] = api.wait_for("sendMessage")
    time.sleep(0.3)
    assert [c.params["text"] for c in api.calls("sendMessage")] == [REFUSAL]
    assert reply.params["chat_id"] == message["chat"]["id"]


def test_an_allowed_user_in_a_refused_group_is_refused_and_inline_follows_the_user(
    api: FakeBotApi, start_bot: Callable[..., BotThread]
) -> None:
    # The allow-list names chats: a private chat's id is its user's id; inline queries have no chat.
    start_bot(bot_settings(api, allowed_chat_ids=frozenset({1001})))
    api.push_group_text(f"/ask {QUESTION}", chat_id=-300, user_id=1001)
    api.push_inline_query(QUESTION, user_id=REFUSED)
    [refused] = api.wait_for("sendMessage")
    [inline] = api.wait_for("answerInlineQuery")
    assert refused.params["text"] == REFUSAL
    assert inline.params["results"] == []
    assert "button" not in inline.params  # not even the reason a question was declined
    api.push_inline_query(QUESTION, user_id=1001)
    assert api.wait_for("answerInlineQuery", 2)[1].params["results"]


def test_a_token_revoked_while_running_stops_the_bot_and_is_not_logged(
    api: FakeBotApi, start_bot: Callable[..., BotThread], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    bot = start_bot(bot_settings(api, log_level="DEBUG"))
    api.wait_for("getUpdates")
    # Telegram's answer to a revoked token; this one echoes the token, to prove it is redacted everywhere.
    api.fail_next(100, status=401, description=f"Unauthorized: token {api.token} revoked", methods=["getUpdates"])
    deadline = time.monotonic() + 10
    while bot.exit_code is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert bot.exit_code == 1  # it stopped by itself instead of idling with a live heartbeat
    logged = caplog.text + "".join(f"{r.getMessage()}{r.exc_text or ''}" for r in caplog.records)
    assert "Telegram rejected the token" in logged
    assert "InvalidToken" in logged  # PTB logged the exception, redacted
    assert api.token not in logged
    assert api.token.split(":")[1] not in logged


def test_the_bot_serves_the_good_articles_of_a_broken_corpus(
    api: FakeBotApi, start_bot: Callable[..., BotThread], broken_corpus: BrokenCorpus
) -> None:
    settings = bot_settings(api, corpus_dir=broken_corpus.folder)
    start_bot(settings, build_runtime(settings))
    api.push_text("How many steel cables did engineers replace on the harbour bridge?")
    api.push_text("/sources")
    answer, sources = (c.params["text"] for c in api.wait_for("sendMessage", 2))
    assert "212 steel cables" in answer
    assert all(article in sources for article in broken_corpus.expected_ids())


def test_per_chat_state_is_bounded(api: FakeBotApi, start_bot: Callable[..., BotThread]) -> None:
    bot = start_bot(bot_settings(api, chat_rate_messages=5))
    asked = ask(api, range(900, 940))
    answered_exactly_once(api, asked, timeout=15)
    deps = bot.application.bot_data[DEPS]
    assert len(deps.recent) == 40  # follow-up context: bounded (RecentQuestions), not PTB's chat_data
    assert deps.recent.size < 100_000
    assert len(bot.application.chat_data) == len(bot.application.user_data) == 0
    assert deps.throttle is not None


def test_a_rejection_that_echoes_the_token_at_start_up_is_one_line_without_it(api: FakeBotApi, tmp_path: Path) -> None:
    # The command in a subprocess, at DEBUG: PTB logs the failed getMe, its InvalidToken and traceback.
    api.fail_next(1, status=401, description=f"Unauthorized: invalid token {api.token}", methods=["getMe"])
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    environment |= {"QUOTEBOT_TELEGRAM_TOKEN": api.token, "QUOTEBOT_TELEGRAM_BASE_URL": api.base_url}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "telegram"],
        env=environment | {"QUOTEBOT_LOG_LEVEL": "DEBUG"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Telegram rejected the token" in result.stderr
    assert "[REDACTED]" in result.stderr  # token-bearing lines (the URL, the echo) were logged, redacted
    assert api.token not in result.stderr + result.stdout
    assert api.token.split(":")[1] not in result.stderr + result.stdout


def test_the_bot_starts_from_a_tampered_index_cache_by_rebuilding_without_running_it(
    api: FakeBotApi, start_bot: Callable[..., BotThread], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = bot_settings(api, cache_dir=tmp_path / "cache")
    assert build_runtime(settings).index_source == "built and cached"
    [cache_file] = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.stat().st_size > 1000]
    marker = tmp_path / "executed"
    cache_file.write_bytes(pickle.dumps(Payload(marker)))  # a foreign file, where the index should be
    runtime = build_runtime(settings)
    assert runtime.index_source == "built and cached"  # rejected, rebuilt, written again
    assert "index cache not used, rebuilding" in caplog.text
    assert not marker.exists()
    start_bot(settings, runtime)
    api.push_text(QUESTION)
    [answer] = api.wait_for("sendMessage")
    assert "<blockquote>" in answer.params["text"]
