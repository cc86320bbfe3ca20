"""Load (slow): 200 chats x 5 questions through the fake Bot API to `quotebot telegram` in a subprocess.

Run with `python -m pytest -m slow tests/test_load.py -s` to see the figures; `python -m bench.load` prints
every mode. Telegram lets a bot send 30 messages a second over all chats, and the bot keeps to that
(AIORateLimiter): 1000 questions at once need 33 s to answer whatever the bot does, so the 500 ms goal is
checked at a realistic arrival rate below that limit, and the burst is reported beside it.
"""

from __future__ import annotations

import pytest

from bench.load import LoadReport, run_load

pytestmark = pytest.mark.slow

P99_GOAL_MS = 500.0


def check_every_question_answered_once(report: LoadReport) -> None:
    print(report)  # the figures, for `-s`
    assert report.questions == 200 * 5
    assert report.answered == report.questions
    assert report.duplicated == 0


def test_paced_arrivals_are_all_answered_within_the_goal() -> None:
    report = run_load("paced-20/s", rate=20.0)
    check_every_question_answered_once(report)
    assert report.p99_ms <= P99_GOAL_MS


def test_a_burst_is_all_answered_at_telegrams_send_rate() -> None:
    report = run_load("burst-telegram-limit", rate=None)
    check_every_question_answered_once(report)
    assert report.seconds >= report.questions / 30 - 2  # the limiter held to 30 messages a second


def test_a_burst_with_a_raised_send_rate_is_limited_only_by_the_bot() -> None:
    report = run_load("burst-1000/s-limit", rate=None, env={"QUOTEBOT_TELEGRAM_SEND_RATE": "1000"})
    check_every_question_answered_once(report)
