"""Shared fixtures: the bundled corpus loaded once, a fake Bot API per test, and a running bot against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.bootstrap import Runtime, build_runtime
from bot.resilience import RetryingRateLimiter
from config import Settings
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import FakeBotApi

# Short backoff so injected server errors are retried within a test's small waits.
QUICK_RETRIES = (0.05, 0.1, 0.2)


@pytest.fixture(scope="session")
def runtime() -> Runtime:
    """The real QA service over the bundled corpus, built once from explicit settings."""
    return build_runtime(Settings(_env_file=None))


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API on 127.0.0.1 with a short long-poll."""
    with FakeBotApi(max_poll_wait=0.3) as fake:
        yield fake


def bot_settings(api: FakeBotApi, **overrides: Any) -> Settings:
    """Settings for a bot that talks to the fake (no .env, nothing from the environment but these)."""
    return Settings(_env_file=None, telegram_token=api.token, telegram_base_url=api.base_url, **overrides)


@pytest.fixture
def start_bot(api: FakeBotApi, runtime: Runtime) -> Iterator[Callable[..., BotThread]]:
    """Start the real application (polling unless the settings say webhook); stopped after the test."""
    started: list[BotThread] = []

    def start(settings: Settings | None = None, own_runtime: Runtime | None = None, **build: Any) -> BotThread:
        # Pass own_runtime when the settings change the corpus or how answers are built.
        build.setdefault("rate_limiter", RetryingRateLimiter(QUICK_RETRIES))
        bot = BotThread(settings or bot_settings(api), own_runtime or runtime, **build).start()
        started.append(bot)
        return bot

    yield start
    for bot in started:
        bot.stop()


@pytest.fixture
def bot(start_bot: Callable[..., BotThread]) -> BotThread:
    """A bot polling the fake with default settings."""
    return start_bot()
