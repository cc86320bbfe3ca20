"""Soak: questions at a steady rate for minutes; sample the bot process's resident memory and report its slope.

Returning chats and a stream of new ones ask, so per-chat state (follow-up context, flood buckets, locks)
is exercised the way a public bot sees it. Run `python -m bench.soak --minutes 10`.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.load import QUESTIONS, bot_process, replies
from tests.support.fake_bot_api import FakeBotApi

SAMPLE_SECONDS = 10.0
WARM_UP_SECONDS = 60.0  # imports, caches and allocator pools settle in the first minute
RETURNING_CHATS = 200
NEW_CHAT_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class SoakReport:
    """Memory over the soak: RSS in MiB at the end of the warm-up, at the end, the peak, and the slope after warm-up."""

    minutes: float
    questions: int
    answered: int
    chats: int
    rss_start_mib: float
    rss_end_mib: float
    rss_max_mib: float
    slope_mib_per_min: float
    samples: list[tuple[float, float]]


def rss_mib(pid: int) -> float:
    """Resident set size of a process, in MiB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for process {pid}")


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of y over x."""
    n = len(points)
    if n < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def soak(minutes: float, rate: float, new_chat_share: float = NEW_CHAT_SHARE, seed: int = 11) -> SoakReport:
    """Ask `rate` questions a second for `minutes` (this share from new chats), sampling RSS every SAMPLE_SECONDS."""
    rng = random.Random(seed)
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeBotApi(max_poll_wait=1.0) as api,
        bot_process(api, Path(tmp)) as process,
    ):
        started = time.monotonic()
        end = started + minutes * 60.0
        next_sample = started
        samples: list[tuple[float, float]] = []
        keys = []
        new_chat = 1_000_000
        due = started
        while time.monotonic() < end:
            now = time.monotonic()
            if now >= next_sample:
                samples.append((round((now - started) / 60.0, 3), round(rss_mib(process.pid), 2)))
                next_sample += SAMPLE_SECONDS
            due += rng.expovariate(rate)
            time.sleep(max(0.0, min(due, end) - time.monotonic()))
            if rng.random() < new_chat_share:
                new_chat += 1
                chat = new_chat
            else:
                chat = rng.randrange(RETURNING_CHATS)
            keys.append((chat, api.push_text(rng.choice(QUESTIONS), user_id=chat)["message_id"]))
        time.sleep(2.0)
        samples.append((round((time.monotonic() - started) / 60.0, 3), round(rss_mib(process.pid), 2)))
        got = replies(api)
        answered = sum(1 for k in keys if got[k] >= 1)
    settled = [(x, y) for x, y in samples if x * 60.0 >= WARM_UP_SECONDS] or samples
    return SoakReport(
        minutes=minutes,
        questions=len(keys),
        answered=answered,
        chats=len({chat for chat, _ in keys}),
        rss_start_mib=settled[0][1],
        rss_end_mib=settled[-1][1],
        rss_max_mib=max(y for _, y in samples),
        slope_mib_per_min=round(slope(settled), 3),
        samples=samples,
    )


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print its report as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=10.0, help="questions per second")
    parser.add_argument("--new-chats", type=float, default=NEW_CHAT_SHARE, help="share of questions from new chats")
    args = parser.parse_args(argv)
    print(json.dumps(asdict(soak(args.minutes, args.rate, args.new_chats))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
