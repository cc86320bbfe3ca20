"""Keeping the bot going: per-chat update order, retried Bot API calls, and the heartbeat file."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

# Seconds to wait before each retry of a Bot API call that failed with a server error or a refused
# connection: about 45 s in all, enough to ride out a restart of the Bot API or of the network.
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0)
RATE_LIMIT_RETRIES = 3  # 429 retry_after answers AIORateLimiter waits out before giving up


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
    """AIORateLimiter (Telegram's flood limits, waiting out 429 retry_after) that also retries server errors.

    A 5xx answer or a refused connection means Telegram did not take the request, so sending it again
    cannot duplicate a message. A timeout is ambiguous (the message may have been sent), so it is not
    retried, and neither is a 4xx: those are the bot's own mistakes.
    """

    def __init__(self, delays: Sequence[float] = RETRY_DELAYS, max_retries: int = RATE_LIMIT_RETRIES) -> None:
        super().__init__(max_retries=max_retries)
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
        """Make the request through the rate limiter, retrying it after server errors."""
        for delay in self._delays:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as exc:
                log.warning("Bot API %s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)


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
