"""No token reaches a log line: messages, arguments, exceptions and stacks are redacted; httpx is quiet."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from telegram.error import InvalidToken

from bot.logs import REDACTED, RedactingFilter, install_redaction, remove_redaction

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"
SECRET = "not-token-shaped"


@pytest.fixture
def redacted(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    installed = install_redaction("DEBUG", [SECRET])
    caplog.set_level(logging.DEBUG)
    yield caplog
    remove_redaction(installed)


@pytest.mark.parametrize(
    ("message", "args"),
    [
        pytest.param(f"url https://api.telegram.org/bot{TOKEN}/getMe", (), id="in-message"),
        pytest.param("url %s", (f"https://api.telegram.org/bot{TOKEN}/getMe",), id="in-args"),
        pytest.param("params %(p)s", ({"p": {"token": TOKEN}},), id="in-mapping-args"),
        pytest.param("secret %s", (SECRET,), id="configured-secret"),
        pytest.param("broken %s %s", (TOKEN,), id="bad-format-string"),
        pytest.param("quoted %s", (TOKEN.replace(":", "%3A"),), id="url-encoded"),
    ],
)
def test_message_and_args_are_redacted(redacted: pytest.LogCaptureFixture, message: str, args: tuple[object]) -> None:
    logging.getLogger("quotebot.test").info(message, *args)
    assert TOKEN not in redacted.text
    assert SECRET not in redacted.text
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ" not in redacted.text.replace("%3A", ":")
    assert REDACTED in redacted.text


def reject_token() -> None:
    raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.")


def test_exception_text_is_redacted(redacted: pytest.LogCaptureFixture) -> None:
    try:
        reject_token()
    except InvalidToken:
        logging.getLogger("telegram.ext.Application").exception("startup failed")
    [record] = redacted.records
    assert TOKEN not in redacted.text
    assert "InvalidToken" in redacted.text
    assert record.exc_text is not None
    assert REDACTED in record.exc_text


def test_stack_info_is_redacted(redacted: pytest.LogCaptureFixture) -> None:
    def leaky(token: str) -> None:
        logging.getLogger("quotebot.test").info("here", stack_info=True)

    leaky(TOKEN)
    assert TOKEN not in (redacted.records[0].stack_info or "")


def test_httpx_request_lines_are_silenced(redacted: pytest.LogCaptureFixture) -> None:
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
    logging.getLogger("httpx").warning("something odd")
    assert [r.levelname for r in redacted.records] == ["WARNING"]


def test_filter_on_every_root_handler_and_removed_again() -> None:
    root = logging.getLogger()
    extra = logging.StreamHandler()
    root.addHandler(extra)
    try:
        installed = install_redaction("INFO", [])
        assert all(installed.filter in h.filters for h in root.handlers)
        remove_redaction(installed)
        assert installed.filter not in extra.filters
    finally:
        root.removeHandler(extra)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"bot{TOKEN}/getMe", f"bot{REDACTED}/getMe", id="token"),
        pytest.param("12:short", "12:short", id="too-short-to-be-a-token"),
        pytest.param("time 12:30:45", "time 12:30:45", id="clock-time"),
        pytest.param(f"{SECRET}{SECRET}", REDACTED * 2, id="secret-twice"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert RedactingFilter([SECRET]).redact(text) == expected
