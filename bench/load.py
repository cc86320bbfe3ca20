"""Load on the running bot: `quotebot telegram` in a subprocess, the fake Bot API on loopback, latency per question.

Latency is measured on the fake's clock, from the moment it hands a question out in getUpdates to the
moment it receives the reply in sendMessage. Run `python -m bench.load` for every mode (about 3 minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.support.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent
# Questions of every kind: answered from the bundled corpus, declined, follow-ups, and chatter.
QUESTIONS = (
    "What did Russia say about Taiwan?",
    "and what about NATO?",
    "What did Putin and Xi agree on gas?",
    "Who signed the joint statement?",
    "When did the talks take place?",
    "What did China say about Ukraine?",
    "How much gas will Russia supply?",
    "what is the weather in paris tomorrow",
    "Did they discuss North Korea?",
    "What about sanctions?",
    "hello",
    "Which outlets reported the meeting?",
)
Key = tuple[int, int]  # (chat id, message id)


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one load run measured; latencies in milliseconds."""

    mode: str
    questions: int
    answered: int
    duplicated: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    seconds: float


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of values (share in 0..1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))] if ordered else 0.0


@contextmanager
def bot_process(api: FakeBotApi, workdir: Path, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    """`quotebot telegram` talking to the fake, with these QUOTEBOT_* settings; killed on exit if still running."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    environment |= {"QUOTEBOT_TELEGRAM_TOKEN": api.token, "QUOTEBOT_TELEGRAM_BASE_URL": api.base_url}
    environment |= {"QUOTEBOT_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)} | env
    with (
        (workdir / "stderr").open("wb") as stderr,
        subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=workdir, env=environment, stderr=stderr) as p,
    ):
        try:
            api.wait_for("getUpdates", timeout=120)
            yield p
        finally:
            p.terminate()
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()


def arrivals(chats: int, per_chat: int, seed: int) -> list[tuple[int, str]]:
    """(chat, question) in a random interleaving that keeps each chat's questions in order."""
    rng = random.Random(seed)
    order = [chat for chat in range(chats) for _ in range(per_chat)]
    rng.shuffle(order)
    asked: Counter[int] = Counter()
    out = []
    for chat in order:
        out.append((10_000 + chat, QUESTIONS[(chat + asked[chat]) % len(QUESTIONS)]))
        asked[chat] += 1
    return out


def push(api: FakeBotApi, plan: list[tuple[int, str]], rate: float | None, seed: int) -> list[Key]:
    """Push the plan: all at once when rate is None, else as a Poisson process of `rate` per second."""
    rng = random.Random(seed)
    keys = []
    due = time.monotonic()
    for chat, text in plan:
        if rate is not None:
            due += rng.expovariate(rate)
            time.sleep(max(0.0, due - time.monotonic()))
        keys.append((chat, api.push_text(text, user_id=chat)["message_id"]))
    return keys


def wait_for_replies(api: FakeBotApi, keys: list[Key], timeout: float) -> Counter[Key]:
    """Replies per asked message, once every one has one or the timeout passed (then a short settle)."""
    deadline = time.monotonic() + timeout
    wanted = set(keys)
    while time.monotonic() < deadline and not wanted <= set(replies(api)):
        time.sleep(0.2)
    time.sleep(0.5)
    return replies(api)


def replies(api: FakeBotApi) -> Counter[Key]:
    """How many delivered replies each message got."""
    return Counter(
        (c.params["chat_id"], c.params["reply_parameters"]["message_id"])
        for c in api.calls("sendMessage", ok=True)
        if "reply_parameters" in c.params
    )


def latencies(api: FakeBotApi, keys: list[Key]) -> list[float]:
    """Milliseconds from each question's first hand-out in getUpdates to its first reply."""
    handed: dict[Key, float] = {}
    for call in api.calls("getUpdates", ok=True):
        for update in call.result or []:
            message = update.get("message")
            if message:
                handed.setdefault((message["chat"]["id"], message["message_id"]), call.at)
    replied: dict[Key, float] = {}
    for call in api.calls("sendMessage", ok=True):
        if "reply_parameters" in call.params:
            replied.setdefault((call.params["chat_id"], call.params["reply_parameters"]["message_id"]), call.at)
    return [(replied[k] - handed[k]) * 1000.0 for k in keys if k in replied and k in handed]


def run_load(
    mode: str,
    *,
    chats: int = 200,
    per_chat: int = 5,
    rate: float | None = 20.0,
    seed: int = 7,
    env: Mapping[str, str] | None = None,
) -> LoadReport:
    """One load run against a fresh fake and bot process, with these extra QUOTEBOT_* settings."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeBotApi(max_poll_wait=1.0) as api,
        bot_process(api, Path(tmp), **(env or {})),
    ):
        plan = arrivals(chats, per_chat, seed)
        started = time.monotonic()
        keys = push(api, plan, rate, seed)
        got = wait_for_replies(api, keys, timeout=120 + len(keys) / 25)
        seconds = time.monotonic() - started
        values = latencies(api, keys)
    return LoadReport(
        mode=mode,
        questions=len(keys),
        answered=sum(1 for k in keys if got[k] >= 1),
        duplicated=sum(1 for k in keys if got[k] > 1),
        p50_ms=round(percentile(values, 0.50), 1),
        p90_ms=round(percentile(values, 0.90), 1),
        p99_ms=round(percentile(values, 0.99), 1),
        max_ms=round(max(values, default=0.0), 1),
        seconds=round(seconds, 1),
    )


# mode -> (arrival rate per second or None for a burst, extra settings)
MODES: Mapping[str, tuple[float | None, dict[str, str]]] = {
    "paced-20/s": (20.0, {}),
    "burst-telegram-limit": (None, {}),
    "burst-1000/s-limit": (None, {"QUOTEBOT_TELEGRAM_SEND_RATE": "1000"}),
}


def main(argv: list[str] | None = None) -> int:
    """Run the chosen modes and print one JSON report per line."""
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=sorted(MODES), action="append", help="default: every mode")
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--per-chat", type=int, default=5)
    args = parser.parse_args(argv)
    for mode in args.mode or list(MODES):
        rate, env = MODES[mode]
        report = run_load(mode, chats=args.chats, per_chat=args.per_chat, rate=rate, env=env)
        print(json.dumps(asdict(report)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
