"""A per-chat flood limit: a token bucket for each chat, and at most one "slow down" notice per window."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass

# Idle chats are forgotten once this many are tracked (and again each time the count doubles), so the
# table stays as small as the set of chats that were active within one window.
_FIRST_PRUNE = 1024


class Verdict(enum.Enum):
    """What to do with one incoming message."""

    ALLOW = "allow"  # answer it
    NOTIFY = "notify"  # over the limit: drop it, and tell the chat to slow down (once per window)
    DROP = "drop"  # over the limit and already told: drop it silently


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated: float
    notified: float | None = None


class ChatThrottle:
    """Allow each chat `messages` messages per `seconds`, in bursts of up to `messages`.

    A token bucket per chat: it holds up to `messages` tokens, refills at `messages / seconds` per second,
    and each allowed message takes one. A refused message earns the chat a notice only when it has not
    had one within the last `seconds`, so a flood of 50 messages gets one notice, not 50.
    """

    def __init__(self, messages: int, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if messages < 1 or seconds <= 0:
            raise ValueError("a chat throttle needs at least one message per a positive number of seconds")
        self.messages = messages
        self.seconds = seconds
        self._rate = messages / seconds
        self._clock = clock
        self._chats: dict[int, _Bucket] = {}
        self._next_prune = _FIRST_PRUNE

    def check(self, chat_id: int) -> Verdict:
        """Take a token for one message from this chat, and say whether to answer, notify or drop it."""
        now = self._clock()
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) >= self._next_prune:
                self._prune(now)
            bucket = self._chats[chat_id] = _Bucket(float(self.messages), now)
        bucket.tokens = min(float(self.messages), bucket.tokens + (now - bucket.updated) * self._rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return Verdict.ALLOW
        if bucket.notified is not None and now - bucket.notified < self.seconds:
            return Verdict.DROP
        bucket.notified = now
        return Verdict.NOTIFY

    def tracked(self) -> int:
        """How many chats the throttle currently remembers."""
        return len(self._chats)

    def _prune(self, now: float) -> None:
        """Forget chats whose bucket has refilled and whose last notice is a window old: they start afresh."""
        self._chats = {
            chat: bucket
            for chat, bucket in self._chats.items()
            if bucket.tokens + (now - bucket.updated) * self._rate < self.messages
            or (bucket.notified is not None and now - bucket.notified < self.seconds)
        }
        self._next_prune = max(_FIRST_PRUNE, 2 * len(self._chats))
