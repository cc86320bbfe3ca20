"""Logging for the bot: quiet HTTP request lines, and no secret (the bot token) in any log record."""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import quote

# The shape of every bot token BotFather issues: the bot's numeric id, a colon (or its URL encoding),
# then the secret part.
TOKEN_SHAPE = re.compile(r"\d+(?::|%3[Aa])[A-Za-z0-9_-]{30,}")
REDACTED = "[REDACTED]"
# httpx logs each request's URL at INFO, and the Bot API puts the token in that URL.
QUIET_LOGGERS = ("httpx",)


class RedactingFilter(logging.Filter):
    """Rewrite each record so that no token-shaped string and no configured secret survives in it."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        forms = {form for secret in secrets if secret for form in (secret, quote(secret, safe=""))}
        # Longest first, so that a secret containing another is replaced whole.
        self._secrets = sorted(forms, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """Text with every secret and token-shaped string replaced."""
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message, its arguments, the exception and the stack text in place; keep the record."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not leak its arguments either
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            # Format the traceback now (redacted) so no handler formats the raw exception later.
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


@dataclass(slots=True)
class Redaction:
    """An installed RedactingFilter and the logging state it replaced."""

    filter: RedactingFilter
    root_level: int
    quiet_levels: dict[str, int] = field(default_factory=dict)


def install_redaction(level: str, secrets: Iterable[str]) -> Redaction:
    """Set the level, quiet the request loggers and redact secrets on every root handler."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    installed = Redaction(RedactingFilter(secrets), root.level)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        installed.quiet_levels[name] = logging.getLogger(name).level
        logging.getLogger(name).setLevel(logging.WARNING)
    for handler in root.handlers:
        handler.addFilter(installed.filter)
    return installed


def remove_redaction(installed: Redaction) -> None:
    """Undo install_redaction (for tests and for repeated runs in one process)."""
    root = logging.getLogger()
    for handler in root.handlers:
        handler.removeFilter(installed.filter)
    root.setLevel(installed.root_level)
    for name, level in installed.quiet_levels.items():
        logging.getLogger(name).setLevel(level)
