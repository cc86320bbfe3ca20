"""The running bot: polling and webhook modes, injected faults, heartbeat, signals, and no token in any log."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.handlers import APOLOGY
from bot.telegram_app import ALLOWED_UPDATES, file_url, webhook_secret
from config import Settings
from tests.conftest import bot_settings
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import Call, FakeBotApi, make_token

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "What did Russia say about Taiwan?"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# How long a `quotebot telegram` process may take to start: it loads and indexes the corpus first, which took over 60 s
# once with five helpers' test runs on two cores. Only a hung bot waits this long: every wait for it ends as soon as
# the awaited call comes or the process exits.
HUNG_SECONDS = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def replies(api: FakeBotApi, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[str]:
    calls = api.wait_for("sendMessage", count, timeout=timeout, where=lambda c: c.params["chat_id"] == chat_id)
    return [c.params["text"] for c in calls]


@pytest.mark.parametrize(
    ("base", "files"),
    [
        ("https://api.telegram.org/bot", "https://api.telegram.org/file/bot"),
        ("http://localhost:8081/bot", "http://localhost:8081/file/bot"),
        ("http://proxy/tg/bot{token}", "http://proxy/tg/file/bot{token}"),
        ("http://proxy/api/", "http://proxy/api/file/bot"),
    ],
    ids=["telegram", "local-server", "token-placeholder", "no-bot-suffix"],
)
def test_file_url_sits_beside_the_base_url(base: str, files: str) -> None:
    assert file_url(base) == files


def test_webhook_secret_is_configured_or_random() -> None:
    assert webhook_secret(Settings(_env_file=None)) is None
    hooked = Settings(_env_file=None, webhook_url="https://bot.example.org/telegram")
    assert webhook_secret(hooked) != webhook_secret(hooked)
    configured = Settings(_env_file=None, webhook_url="https://bot.example.org/telegram", webhook_secret="abc")
    assert webhook_secret(configured) == "abc"


def test_polling_registers_commands_and_asks_only_for_what_it_handles(api: FakeBotApi, bot: BotThread) -> None:
    api.wait_for("getUpdates")
    methods = [c.method for c in api.calls()]
    assert methods[:3] == ["getMe", "setMyCommands", "deleteWebhook"]
    assert api.calls("getUpdates")[0].params["allowed_updates"] == list(ALLOWED_UPDATES)


@pytest.mark.parametrize("configured", ["s3cret_Token-1", None], ids=["configured-secret", "generated-secret"])
def test_webhook_mode_needs_the_secret_header(
    api: FakeBotApi, start_bot: Callable[..., BotThread], configured: str | None
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    bot = start_bot(bot_settings(api, webhook_url=url, webhook_listen="127.0.0.1", webhook_port=port,
                                 webhook_secret=configured))  # fmt: skip
    [hook] = api.wait_for("setWebhook")
    assert hook.params["url"] == url
    secret = hook.params["secret_token"]
    assert secret == (configured or bot.secret_token)
    message = api.make_message(chat_id=1001, user_id=1001, text=QUESTION)
    for update_id, headers in ((100, {}), (101, {SECRET_HEADER: "wrong"})):
        response = httpx.post(url, json={"update_id": update_id, "message": message}, headers=headers, timeout=5)
        assert response.status_code == 403
    accepted = httpx.post(url, json={"update_id": 102, "message": message}, headers={SECRET_HEADER: secret}, timeout=5)
    assert accepted.status_code == 200
    replies(api, 1001)
    api.push_text(QUESTION, user_id=2002)  # delivered by the fake to the webhook, as Telegram would
    replies(api, 2002)
    time.sleep(0.3)
    assert len(api.sent_texts(1001)) == 1  # the two forbidden posts were not processed
    assert api.calls("getUpdates") == []


def test_server_errors_on_polling_then_recovery(api: FakeBotApi, bot: BotThread) -> None:
    api.wait_for("getUpdates")
    api.fail_next(2, methods=["getUpdates"])
    # The poll already waiting when the faults are set ends normally (within the fake's longest poll): wait for the
    # two failed polls before sending, so the message arrives after them, not on that poll.
    failed = api.wait_for("getUpdates", 2, ok=False, timeout=10)
    assert [c.status for c in failed] == [500, 500]
    api.push_text(QUESTION)
    replies(api, 1001, timeout=10)


def test_server_errors_on_sending_are_retried_and_delivered_once(api: FakeBotApi, bot: BotThread) -> None:
    api.fail_next(2, status=502, methods=["sendMessage"])
    api.push_text(QUESTION)
    replies(api, 1001)
    assert [c.status for c in api.calls("sendMessage")] == [502, 502, 200]


def test_retry_after_is_honoured(api: FakeBotApi, bot: BotThread) -> None:
    api.rate_limit_next(1, retry_after=1, methods=["sendMessage"])
    api.push_text(QUESTION)
    replies(api, 1001)
    limited, sent = api.calls("sendMessage")
    assert (limited.status, sent.status) == (429, 200)
    assert sent.at - limited.at >= 1.0


def test_refused_connections_then_recovery(api: FakeBotApi, bot: BotThread) -> None:
    api.wait_for("getUpdates")
    api.refuse_connections(1.0)
    api.push_text(QUESTION)
    assert len(replies(api, 1001, timeout=15)) == 1


def test_heartbeat_file_is_touched_while_running(api: FakeBotApi, start_bot: Callable[..., BotThread],
                                                 tmp_path: Path) -> None:  # fmt: skip
    beat = tmp_path / "heartbeat"
    bot = start_bot(bot_settings(api, heartbeat_file=beat), heartbeat_seconds=0.1)
    assert beat.exists()
    os.utime(beat, (0, 0))
    time.sleep(0.3)
    assert time.time() - beat.stat().st_mtime < 5
    assert beat.read_bytes() == b""
    bot.stop()


def test_the_token_is_in_no_log_record(
    api: FakeBotApi, start_bot: Callable[..., BotThread], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    start_bot(bot_settings(api, log_level="DEBUG"))
    # A Bot API error whose description carries the token ends up in an exception message and a traceback.
    api.fail_next(1, status=400, description=f"Bad Request: no {api.token}", methods=["sendMessage"])
    api.push_text(QUESTION)
    assert replies(api, 1001)[-1] == APOLOGY
    logged = caplog.text + "".join(f"{r.getMessage()}{r.exc_text or ''}" for r in caplog.records)
    assert api.token not in logged
    assert api.token.split(":")[1] not in logged
    assert "[REDACTED]" in logged  # there was something to redact: the URL PTB logs at DEBUG, the exception
    assert any(r.exc_text and "BadRequest" in r.exc_text for r in caplog.records)


def test_a_rejected_token_is_one_line_and_not_logged(api: FakeBotApi, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = make_token()
    bot = BotThread(Settings(_env_file=None, telegram_token=wrong, telegram_base_url=api.base_url, log_level="DEBUG"))
    bot.start()
    assert bot.stop() == 1
    assert "Telegram rejected the token" in caplog.text
    assert wrong not in caplog.text
    assert wrong.split(":")[1] not in "".join(r.exc_text or "" for r in caplog.records)


@contextmanager
def quotebot_process(api: FakeBotApi | None, tmp_path: Path, **env: str) -> Iterator[subprocess.Popen[str]]:
    """`quotebot telegram` in a subprocess, talking to the fake; stderr goes to tmp_path/stderr."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    if api is not None:
        environment |= {"QUOTEBOT_TELEGRAM_TOKEN": api.token, "QUOTEBOT_TELEGRAM_BASE_URL": api.base_url}
    environment |= env
    with (
        (tmp_path / "stderr").open("w") as stderr,
        subprocess.Popen(
            [sys.executable, "-m", "bot", "telegram"], cwd=tmp_path, env=environment, stderr=stderr, text=True
        ) as process,
    ):
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()


def called(api: FakeBotApi, process: subprocess.Popen[str], method: str, *, chat_id: int | None = None) -> Call:
    """The bot process's first successful call of `method` (to chat_id, when given), waited for while the process
    runs; fails at once if the process exits first."""
    where = None if chat_id is None else (lambda call: call.params["chat_id"] == chat_id)
    deadline = time.monotonic() + HUNG_SECONDS
    while True:
        try:
            return api.wait_for(method, timeout=0.2, where=where)[0]  # returns as soon as the call comes
        except TimeoutError:
            if process.poll() is not None:
                pytest.fail(f"the bot exited ({process.returncode}) before calling {method}")
            if time.monotonic() > deadline:
                raise


def test_a_missing_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with quotebot_process(None, tmp_path) as process:
        assert process.wait(timeout=60) == 2
    stderr = (tmp_path / "stderr").read_text()
    assert stderr.strip().count("\n") == 0
    assert "QUOTEBOT_TELEGRAM_TOKEN" in stderr


def test_a_missing_token_is_reported_before_the_corpus_is_loaded(tmp_path: Path) -> None:
    with quotebot_process(None, tmp_path, QUOTEBOT_CORPUS_DIR=str(tmp_path / "no-such-folder")) as process:
        assert process.wait(timeout=60) == 2
    assert "QUOTEBOT_TELEGRAM_TOKEN" in (tmp_path / "stderr").read_text()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_command_answers_then_stops_cleanly_on_a_signal(
    api: FakeBotApi, tmp_path: Path, stop: signal.Signals
) -> None:
    beat = tmp_path / "beat"
    with quotebot_process(api, tmp_path, QUOTEBOT_LOG_LEVEL="DEBUG", QUOTEBOT_HEARTBEAT_FILE=str(beat)) as process:
        called(api, process, "getUpdates")
        api.push_text(QUESTION)
        assert "<blockquote>" in called(api, process, "sendMessage", chat_id=1001).params["text"]
        assert beat.exists()
        process.send_signal(stop)
        assert process.wait(timeout=20) == 0  # stopping loads nothing: a fraction of a second even on a loaded machine
    stderr = (tmp_path / "stderr").read_text()
    assert "Quotebot stopped cleanly" in stderr
    assert "Traceback" not in stderr
    assert api.token not in stderr
    assert "[REDACTED]" in stderr  # DEBUG logging did try to print the token


def test_the_command_with_a_rejected_token_exits_1_without_logging_it(api: FakeBotApi, tmp_path: Path) -> None:
    wrong = make_token()
    with quotebot_process(api, tmp_path, QUOTEBOT_TELEGRAM_TOKEN=wrong, QUOTEBOT_LOG_LEVEL="DEBUG") as process:
        assert process.wait(timeout=HUNG_SECONDS) == 1  # after loading the corpus, as the signal test's bot does
    stderr = (tmp_path / "stderr").read_text()
    assert "Telegram rejected the token" in stderr
    assert wrong not in stderr
    assert wrong.split(":")[1] not in stderr
