"""Per-chat ordering, retries of failed Bot API calls, and the heartbeat file."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram import Chat, Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut

from bot.resilience import Heartbeat, PerChatUpdateProcessor, RecentQuestions, RetryingRateLimiter, safe_to_repeat


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, None, chat))  # type: ignore[arg-type]


async def test_one_chat_in_order_other_chats_alongside() -> None:
    processor = PerChatUpdateProcessor(16)
    events: list[str] = []

    async def handle(name: str, seconds: float) -> None:
        events.append(f"start {name}")
        await asyncio.sleep(seconds)
        events.append(f"end {name}")

    await asyncio.gather(
        processor.process_update(update(1, 10), handle("a1", 0.05)),
        processor.process_update(update(2, 10), handle("a2", 0.0)),
        processor.process_update(update(3, 20), handle("b1", 0.0)),
    )
    assert events.index("end a1") < events.index("start a2")  # same chat: strictly one after the other
    assert events.index("end b1") < events.index("end a1")  # another chat was not held up
    assert processor._locks == {}  # locks of idle chats are dropped


class FlakyCall:
    """A Bot API call that raises the given errors, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return True


async def send(limiter: RetryingRateLimiter, call: FlakyCall) -> object:
    await limiter.initialize()
    try:
        return await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)
    finally:
        await limiter.shutdown()


async def test_server_errors_and_refused_connections_are_retried() -> None:
    call = FlakyCall(NetworkError("Internal Server Error (500)"), NetworkError("httpx.ConnectError: refused"))
    assert await send(RetryingRateLimiter((0.01, 0.01, 0.01)), call) is True
    assert call.calls == 3


@pytest.mark.parametrize(
    "error",
    [BadRequest("Bad Request: chat not found"), TimedOut(), Forbidden("Forbidden: bot was blocked by the user")],
    ids=["bad-request", "timeout-maybe-sent", "forbidden"],
)
async def test_client_errors_and_timeouts_are_not_retried(error: Exception) -> None:
    call = FlakyCall(error)
    with pytest.raises(type(error)):
        await send(RetryingRateLimiter((0.01,)), call)
    assert call.calls == 1


def caused(error: NetworkError, cause: Exception) -> NetworkError:
    """The error as PTB raises it: `raise error from cause`."""
    error.__cause__ = cause
    return error


REQUEST = httpx.Request("POST", "http://127.0.0.1/bot/sendMessage")


@pytest.mark.parametrize(
    ("error", "safe"),
    [
        pytest.param(NetworkError("Internal Server Error (500)"), True, id="5xx-answer"),
        pytest.param(caused(NetworkError("Bad Gateway (502)"), TelegramError("unparsable body")), True, id="5xx-html"),
        pytest.param(caused(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), True, id="refused"),
        pytest.param(caused(TimedOut(), httpx.ConnectTimeout("connect")), True, id="connect-timeout"),
        pytest.param(caused(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), True, id="pool-timeout"),
        pytest.param(caused(TimedOut(), httpx.ReadTimeout("read", request=REQUEST)), False, id="read-timeout"),
        pytest.param(caused(TimedOut(), httpx.WriteTimeout("write")), False, id="write-timeout"),
        pytest.param(
            caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("Server disconnected")),
            False,
            id="dropped-while-waiting",
        ),
        pytest.param(caused(NetworkError("httpx.ReadError"), httpx.ReadError("reset")), False, id="read-error"),
        pytest.param(caused(NetworkError("Unknown error"), RuntimeError("?")), False, id="unknown-cause"),
        pytest.param(TimedOut(), False, id="timeout-without-cause"),
        pytest.param(BadRequest("Bad Request: chat not found"), False, id="bad-request"),
    ],
)
def test_only_requests_that_certainly_did_not_take_effect_are_safe_to_repeat(error: NetworkError, safe: bool) -> None:
    assert safe_to_repeat(error) is safe


async def test_a_request_that_may_have_been_delivered_is_not_repeated() -> None:
    call = FlakyCall(caused(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("disconnected")))
    with pytest.raises(NetworkError):
        await send(RetryingRateLimiter((0.01, 0.01)), call)
    assert call.calls == 1


async def test_retries_give_up_after_the_last_delay() -> None:
    call = FlakyCall(*[NetworkError("Bad Gateway")] * 5)
    with pytest.raises(NetworkError):
        await send(RetryingRateLimiter((0.01, 0.01)), call)
    assert call.calls == 3


async def test_heartbeat_touches_at_start_and_then_regularly(tmp_path: Path) -> None:
    beat = tmp_path / "heartbeat"
    heartbeat = Heartbeat(beat, every=0.05)
    heartbeat.start()
    assert beat.exists()  # at once, not after the first interval
    os.utime(beat, (0, 0))
    await asyncio.sleep(0.1)
    assert beat.stat().st_mtime > 0
    await heartbeat.stop()
    os.utime(beat, (0, 0))
    await asyncio.sleep(0.1)
    assert beat.stat().st_mtime == 0  # stopped
    assert beat.read_bytes() == b""


async def test_heartbeat_warns_once_when_it_cannot_touch(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    heartbeat = Heartbeat(tmp_path / "missing-folder" / "beat", every=0.01)
    heartbeat.start()
    await asyncio.sleep(0.05)
    await heartbeat.stop()
    assert len([r for r in caplog.records if "heartbeat" in r.getMessage()]) == 1


def test_recent_questions_keep_the_last_question_of_the_most_recent_chats() -> None:
    recent = RecentQuestions(size=2)
    recent.put(1, "first")
    recent.put(2, "second")
    recent.put(1, "first again")  # chat 1 is now the most recent
    recent.put(3, "third")  # so chat 2 is forgotten
    assert [recent.get(chat) for chat in (1, 2, 3)] == ["first again", None, "third"]
    assert len(recent) == 2
