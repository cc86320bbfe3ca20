"""The container health check: is the running bot's heartbeat file fresh?"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

# The bot touches the file every 30 s; three missed beats mean it has stopped polling.
MAX_AGE_SECONDS = 90.0


@dataclass(frozen=True, slots=True)
class Health:
    """The verdict and the one line that explains it."""

    healthy: bool
    message: str


def check_heartbeat(path: Path | None, *, max_age: float = MAX_AGE_SECONDS, now: float | None = None) -> Health:
    """Judge the bot healthy when its heartbeat file exists and was touched within max_age seconds."""
    if path is None:
        return Health(False, "QUOTEBOT_HEARTBEAT_FILE is not set, so there is no heartbeat to check")
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return Health(False, f"no heartbeat file at {path}: the bot is not running (yet)")
    except OSError as exc:
        return Health(False, f"cannot read heartbeat file {path}: {exc.strerror or exc}")
    # A clock step backwards can put the mtime slightly in the future; that is still a fresh beat.
    age = max(0.0, (time.time() if now is None else now) - modified)
    if age > max_age:
        return Health(False, f"heartbeat file {path} is {age:.0f} s old (limit {max_age:.0f} s): the bot has stalled")
    return Health(True, f"healthy: heartbeat {age:.0f} s old")
