"""The per-chat flood limit: bursts up to the limit, refill over the window, one notice per window, bounded memory."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.throttle import ChatThrottle, Verdict


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_up_to_the_limit_is_allowed_then_one_notice_then_silence() -> None:
    clock = Clock()
    throttle = ChatThrottle(5, 10.0, clock)
    verdicts = [throttle.check(1) for _ in range(50)]  # 50 messages in the same instant
    assert verdicts[:5] == [Verdict.ALLOW] * 5
    assert verdicts[5] == Verdict.NOTIFY
    assert set(verdicts[6:]) == {Verdict.DROP}


def test_fifty_messages_in_five_seconds_get_the_limit_plus_the_refill_and_one_notice() -> None:
    clock = Clock()
    throttle = ChatThrottle(5, 10.0, clock)  # refills one message every 2 s
    verdicts = []
    for _ in range(50):
        verdicts.append(throttle.check(1))
        clock.now += 0.1
    assert verdicts.count(Verdict.ALLOW) == 5 + 2  # the burst, then one at 2 s and one at 4 s
    assert verdicts.count(Verdict.NOTIFY) == 1


def test_other_chats_are_not_held_up() -> None:
    clock = Clock()
    throttle = ChatThrottle(2, 60.0, clock)
    for _ in range(20):
        throttle.check(1)
    assert [throttle.check(2), throttle.check(3)] == [Verdict.ALLOW, Verdict.ALLOW]


def test_the_bucket_refills_over_the_window_and_never_beyond_the_limit() -> None:
    clock = Clock()
    throttle = ChatThrottle(3, 30.0, clock)
    assert [throttle.check(1) for _ in range(4)][-1] == Verdict.NOTIFY
    clock.now += 10.0  # one message's worth
    assert [throttle.check(1), throttle.check(1)] == [Verdict.ALLOW, Verdict.DROP]
    clock.now += 3600.0  # a long pause refills to the limit, not to 120 messages
    assert [throttle.check(1) for _ in range(4)] == [Verdict.ALLOW] * 3 + [Verdict.NOTIFY]


def test_a_chat_still_flooding_after_a_window_is_told_again() -> None:
    clock = Clock()
    throttle = ChatThrottle(1, 10.0, clock)
    notices = 0
    for _ in range(300):  # one message every 0.1 s for 30 s
        notices += throttle.check(1) == Verdict.NOTIFY
        clock.now += 0.1
    assert notices == 3  # one per 10-second window


@pytest.mark.parametrize(("messages", "seconds"), [(0, 10.0), (5, 0.0), (5, -1.0)], ids=["no-messages", "zero", "neg"])
def test_a_limit_that_allows_nothing_is_refused(messages: int, seconds: float) -> None:
    with pytest.raises(ValueError, match="at least one message"):
        ChatThrottle(messages, seconds)


def test_idle_chats_are_forgotten_so_memory_stays_bounded() -> None:
    clock = Clock()
    throttle = ChatThrottle(3, 10.0, clock)
    for chat in range(100_000):  # a new chat every millisecond: 100 s, ten windows
        throttle.check(chat)
        clock.now += 0.001
    # Only the chats seen within about one window (10,000) can still be remembered, plus pruning slack.
    assert throttle.tracked() <= 2 * 10_000 + 1024


def test_a_flooding_chat_is_remembered_across_pruning() -> None:
    clock = Clock()
    throttle = ChatThrottle(2, 100.0, clock)
    for _ in range(3):
        throttle.check(-5)
    for chat in range(5000):  # enough new chats to prune several times
        throttle.check(chat)
    assert throttle.check(-5) == Verdict.DROP  # still empty, still notified: not reset by the pruning


@given(
    messages=st.integers(1, 20),
    seconds=st.floats(0.1, 120.0),
    gaps=st.lists(st.floats(0.0, 5.0), min_size=1, max_size=200),
)
def test_never_more_than_the_limit_allows(messages: int, seconds: float, gaps: list[float]) -> None:
    clock = Clock()
    throttle = ChatThrottle(messages, seconds, clock)
    start = clock.now
    allowed = notices = 0
    for gap in gaps:
        clock.now += gap
        verdict = throttle.check(7)
        allowed += verdict == Verdict.ALLOW
        notices += verdict == Verdict.NOTIFY
    elapsed = clock.now - start
    assert allowed <= messages + elapsed * messages / seconds + 1e-9
    assert notices <= 1 + elapsed / seconds
