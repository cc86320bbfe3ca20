"""Run the real Quotebot Telegram application in a background thread, exactly as `quotebot telegram` runs it."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from bot.bootstrap import Runtime, build_runtime
from bot.logs import install_redaction, remove_redaction
from bot.telegram_app import TelegramApp, build_application, run_application, webhook_secret
from config import Settings


class BotThread:
    """`with BotThread(settings) as bot:` starts polling (or the webhook) and stops it cleanly on exit."""

    def __init__(self, settings: Settings, runtime: Runtime | None = None, **build: Any) -> None:
        self.settings = settings
        self.runtime = runtime or build_runtime(settings)
        self.secret_token = webhook_secret(settings)
        token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
        # As run_telegram does: redaction is in place before the Bot object exists (it logs its URL).
        self.redactor = install_redaction(settings.log_level, [token, self.secret_token or ""])
        self.application: TelegramApp = build_application(settings, self.runtime, **build)
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, name="quotebot-telegram", daemon=True)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            self.exit_code = run_application(
                self.application, self.settings, secret_token=self.secret_token, stop_signals=None, loop=self._loop
            )
        except BaseException as exc:  # handed to the test thread by stop()
            self.error = exc

    def start(self, timeout: float = 10.0) -> BotThread:
        """Start the bot and wait until it is running (or has exited)."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not (self.application.running and self.application.updater and self.application.updater.running):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                break
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 15.0) -> int | None:
        """Ask the application to stop as a signal would, wait for it, and return its exit code."""
        if self._thread.is_alive() and self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self.application.stop_running)
        self._thread.join(timeout)
        remove_redaction(self.redactor)
        if self._thread.is_alive():
            raise TimeoutError("the bot did not stop")
        if self.error is not None:
            raise self.error
        return self.exit_code

    def __enter__(self) -> BotThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
