"""Keeping the bot going: per-chat update order, retried Bot API calls, bounded per-chat memory, the heartbeat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx
from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)

# Seconds to wait before each retry of a Bot API call that failed with a server error or a refused
# connection: about 45 s in all, enough to ride out a restart of the Bot API or of the network.
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0)
RATE_LIMIT_RETRIES = 3  # 429 retry_after answers AIORateLimiter waits out before giving up
RECENT_CHATS = 10_000  # chats whose last question is kept for follow-ups (about 1 KB each at most)
TELEGRAM_SEND_RATE = 30  # messages per second over all chats: Telegram's limit for a bot
# The transport errors that happen before a request is on the wire: the connection was never made.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def safe_to_repeat(error: NetworkError) -> bool:
    """Whether a failed Bot API call certainly did not take effect, so that repeating it cannot duplicate it.

    PTB raises NetworkError from the httpx error for transport failures, and without one (or from a
    body it could not parse) for an HTTP 5xx answer. A refused or timed-out connection never carried
    the request, and a 5xx answer is Telegram saying it did not take it. Anything else (a read timeout,
    a connection dropped while waiting for the answer) may have come after Telegram acted on it.
    """
    if isinstance(error, BadRequest):  # a 400: Telegram refused it, and it would refuse it again
        return False
    cause = error.__cause__
    if isinstance(cause, httpx.HTTPError):
        return isinstance(cause, _NOT_SENT)
    return (cause is None or isinstance(cause, TelegramError)) and not isinstance(error, TimedOut)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates from different chats concurrently, and those of one chat in arrival order.

    A follow-up question must see the question before it in the same chat, so one chat's updates
    never overtake each other; other chats are not held up.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: Counter[int] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's handlers once every earlier update of its chat is done."""
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] += 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:
                del self._users[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (Telegram's flood limits, waiting out 429 retry_after) that also retries unsent requests.

    Telegram has no idempotency key, so a request is repeated only when it certainly did not take effect
    (see safe_to_repeat): a 5xx answer, or a connection that was refused or never made. A timeout or a dropped
    connection after the request went out is ambiguous (the message may have been sent), so it is not
    repeated: each reply is sent at most once. Neither is a 4xx: those are the bot's own mistakes.
    """

    def __init__(
        self,
        delays: Sequence[float] = RETRY_DELAYS,
        max_retries: int = RATE_LIMIT_RETRIES,
        *,
        overall_max_rate: float = TELEGRAM_SEND_RATE,
    ) -> None:
        super().__init__(max_retries=max_retries, overall_max_rate=overall_max_rate)
        self._delays = tuple(delays)

    async def process_request(  # noqa: PLR0917 - BaseRateLimiter's signature
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Make the request through the rate limiter, repeating it while it certainly was not sent."""
        for delay in self._delays:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as exc:
                if not safe_to_repeat(exc):
                    raise
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


class TokenWatchingRequest(HTTPXRequest):
    """PTB's HTTP transport, calling `on_rejected_token` when Telegram rejects the token (revoked mid-run).

    PTB's polling loop gives up silently on a rejected token, while the process, and its heartbeat,
    would carry on as if healthy; the callback lets the application stop instead (exit code 1).
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.on_rejected_token: Callable[[], object] | None = None

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Make the request; report a 401 Unauthorized (PTB raises InvalidToken for it) to the callback."""
        code, payload = await super().do_request(*args, **kwargs)
        if code == HTTPStatus.UNAUTHORIZED and self.on_rejected_token is not None:
            self.on_rejected_token()
        return code, payload


class RecentQuestions:
    """Each chat's last question, for follow-ups, for at most `size` chats: the chat that asked longest ago goes.

    PTB's chat_data keeps an entry for every chat that ever wrote, for the life of the process; a public
    bot meets new chats every day, so the follow-up context is kept here instead, bounded.
    """

    def __init__(self, size: int = RECENT_CHATS) -> None:
        self.size = size
        self._questions: OrderedDict[int, str] = OrderedDict()

    def get(self, chat_id: int) -> str | None:
        """The chat's last question, if it is still remembered."""
        return self._questions.get(chat_id)

    def put(self, chat_id: int, question: str) -> None:
        """Remember the chat's question, forgetting the least recent chat when full."""
        self._questions[chat_id] = question
        self._questions.move_to_end(chat_id)
        if len(self._questions) > self.size:
            self._questions.popitem(last=False)

    def __len__(self) -> int:
        return len(self._questions)


class Heartbeat:
    """Touch a file now and every `every` seconds while the bot runs, so a health check can see it is alive."""

    def __init__(self, path: Path | None, every: float) -> None:
        self.path = path
        self.every = every
        self._task: asyncio.Task[None] | None = None
        self._warned = False

    def touch(self) -> None:
        """Update the file's modification time (creating it empty); it never holds anything else."""
        if self.path is None:
            return
        try:
            self.path.touch()
        except OSError as exc:
            if not self._warned:
                log.warning("cannot touch the heartbeat file %s: %s", self.path, exc)
                self._warned = True

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            self.touch()

    def start(self) -> None:
        """Touch the file now, then keep touching it from the running event loop."""
        if self.path is not None and self._task is None:
            self.touch()
            self._task = asyncio.create_task(self._beat(), name="quotebot-heartbeat")

    async def stop(self) -> None:
        """Stop beating."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
