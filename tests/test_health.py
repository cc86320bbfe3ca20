"""The heartbeat health check, as a function and as `quotebot health` in a subprocess."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.health import MAX_AGE_SECONDS, check_heartbeat
from tests.test_cli import run


def beat(path: Path, age: float) -> Path:
    """Write the heartbeat file with an mtime age seconds ago."""
    path.touch()
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


@pytest.mark.parametrize(
    ("age", "healthy"),
    [
        pytest.param(0.0, True, id="just-touched"),
        pytest.param(45.0, True, id="one-missed-beat"),
        pytest.param(MAX_AGE_SECONDS - 5, True, id="just-inside-limit"),
        pytest.param(MAX_AGE_SECONDS + 5, False, id="just-past-limit"),
        pytest.param(3600.0, False, id="an-hour-old"),
        pytest.param(-30.0, True, id="mtime-in-the-future"),
    ],
)
def test_verdict_follows_the_age_of_the_heartbeat(tmp_path: Path, age: float, healthy: bool) -> None:
    health = check_heartbeat(beat(tmp_path / "heartbeat", age))
    assert health.healthy is healthy
    assert "\n" not in health.message


def test_missing_file_is_unhealthy_and_names_the_path(tmp_path: Path) -> None:
    health = check_heartbeat(tmp_path / "heartbeat")
    assert not health.healthy
    assert str(tmp_path / "heartbeat") in health.message


def test_unset_setting_is_unhealthy_and_names_the_variable() -> None:
    health = check_heartbeat(None)
    assert not health.healthy
    assert "QUOTEBOT_HEARTBEAT_FILE" in health.message


# Whole seconds keep mtime + age exact in floating point, so the boundary itself is tested.
@given(age=st.integers(min_value=0, max_value=1000), max_age=st.integers(min_value=1, max_value=600))
def test_healthy_exactly_when_age_is_within_the_limit(
    tmp_path_factory: pytest.TempPathFactory, age: int, max_age: int
) -> None:
    path = tmp_path_factory.mktemp("beat") / "heartbeat"
    path.touch()
    now = path.stat().st_mtime + age
    assert check_heartbeat(path, max_age=max_age, now=now).healthy is (age <= max_age)


@pytest.mark.parametrize(
    ("age", "code"),
    [
        pytest.param(1.0, 0, id="fresh"),
        pytest.param(MAX_AGE_SECONDS * 2, 1, id="stale"),
        pytest.param(None, 1, id="absent"),
    ],
)
def test_cli_exit_code_follows_the_heartbeat(tmp_path: Path, age: float | None, code: int) -> None:
    path = tmp_path / "heartbeat"
    if age is not None:
        beat(path, age)
    result = run("health", env={"QUOTEBOT_HEARTBEAT_FILE": str(path)}, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    output = result.stdout if code == 0 else result.stderr
    assert output.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_cli_without_the_setting_says_so_in_one_line(tmp_path: Path) -> None:
    result = run("health", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "QUOTEBOT_HEARTBEAT_FILE" in result.stderr
