"""Shared fixtures: explicit settings, the runtime over the bundled corpus, corpus folders, a fake Bot API and bot."""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from bot.bootstrap import Runtime, build_runtime
from bot.resilience import RetryingRateLimiter
from config import Settings
from retrieval.corpus import bundled_corpus_dir
from tests.support.bot_thread import BotThread
from tests.support.fake_bot_api import FakeBotApi

# The machine is shared: a slow example is not a failure. HYPOTHESIS_PROFILE=thorough runs ten times as many.
hypothesis_settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("thorough", parent=hypothesis_settings.get_profile("default"), max_examples=1000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Two small articles about something the bundled corpus never mentions, so answers can be traced to them.
GOOD_ARTICLES: Mapping[str, str] = {
    "harbour.txt": (
        "Harbour bridge reopens after repairs\n\n"
        "The Kestrel Harbour bridge reopened on Monday after eight months of repairs costing $41.5 million.\n\n"
        "Engineers replaced 212 steel cables, the city council said.\n"
    ),
    "orchard.md": (
        "Apple growers report record harvest\n\n"
        "Growers in the Velden valley picked 9,400 tonnes of apples this autumn, a record for the region.\n\n"
        "Mr. Ostrow, who chairs the growers' cooperative, said the warm spring explained most of the gain.\n"
    ),
}
HUGE_BYTES = 50 * 1024 * 1024
# What `load_corpus` must say about each bad entry of the broken corpus (a part of the reason is enough).
BROKEN_REASONS: Mapping[str, str] = {
    "binary.txt": "binary file",
    "empty.txt": "empty file",
    "blank.md": "empty file",
    "huge.txt": "too large (50.0 MiB; the limit is 20.0 MiB)",
    "dangling.txt": "broken symlink",
    "loop.txt": "symlink loop",
    "nested/back": "same folder as . (a symlink loop",
    "locked": "cannot list folder: Permission denied",
}
CONTRACT_KEYS = {"question", "answered", "message", "took_ms", "quotes"}
QUOTE_KEYS = {"text", "article_id", "score", "citations"}
CITATION_KEYS = {"article_id", "title", "source", "date", "url"}


def _clear_quotebot_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("QUOTEBOT_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's QUOTEBOT_* variables out of every test."""
    _clear_quotebot_environment(monkeypatch)


@pytest.fixture
def make_settings() -> Callable[..., Settings]:
    """Build Settings from explicit values only: no .env file (the environment is cleared above)."""

    def make(**values: Any) -> Settings:
        return Settings(_env_file=None, **values)

    return make


@pytest.fixture(scope="session")
def runtime() -> Runtime:
    """The runtime over the bundled corpus with default settings, built once for the session."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _clear_quotebot_environment(monkeypatch)
        settings = Settings(_env_file=None, corpus_dir=bundled_corpus_dir())
    return build_runtime(settings)


@pytest.fixture
def write_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write files (name -> text or bytes) into a fresh corpus folder; the good articles by default."""

    def write(files: Mapping[str, str | bytes] | None = None, *, name: str = "corpus") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for relative, content in (GOOD_ARTICLES if files is None else files).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


@dataclass(frozen=True, slots=True)
class BrokenCorpus:
    """A corpus folder with good articles beside every kind of bad file (issue 7)."""

    folder: Path
    # Root (CAP_DAC_OVERRIDE) reads through chmod 000; then the locked folder is read like any other.
    lock_holds: bool

    def expected_ids(self) -> set[str]:
        """The articles this process should load."""
        return {"harbour", "orchard", "legacy", "inner"} | (set() if self.lock_holds else {"secret"})

    def expected_skips(self) -> dict[str, str]:
        """The skip reasons this process should see."""
        return {path: reason for path, reason in BROKEN_REASONS.items() if path != "locked" or self.lock_holds}


@pytest.fixture
def broken_corpus(write_corpus: Callable[..., Path]) -> Iterator[BrokenCorpus]:
    """Good articles, a legacy-encoded one, and a binary, empty, huge, dangling, looping and locked entry."""
    folder = write_corpus(
        {
            **GOOD_ARTICLES,
            "legacy.txt": "Caf\xe9 owners in Z\xfcrich said the price of espresso rose 5% this year.\n".encode(
                "cp1252"
            ),
            "binary.txt": bytes(range(256)) * 16,
            "empty.txt": b"",
            "blank.md": " \n\t\n",
            "nested/inner.txt": "Engineers in Kestrel said the new tram line would open in 2026.\n",
            "locked/secret.txt": "The locked folder holds an article nobody can read.\n",
        }
    )
    line = b"The huge file repeats this sentence about harbour bridges until it is fifty megabytes long.\n"
    chunk = line * (1024 * 1024 // len(line) + 1)
    with (folder / "huge.txt").open("wb") as handle:
        while handle.tell() < HUGE_BYTES:
            handle.write(chunk)
        handle.truncate(HUGE_BYTES)
    (folder / "dangling.txt").symlink_to(folder / "deleted.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "nested" / "back").symlink_to(folder, target_is_directory=True)
    locked = folder / "locked"
    locked.chmod(0)
    try:
        next(locked.iterdir(), None)
    except PermissionError:
        lock_holds = True
    else:
        lock_holds = False
    yield BrokenCorpus(folder, lock_holds)
    locked.chmod(0o755)


SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str) -> ModuleType:
    """A script of scripts/ imported as a module (the scripts are not a package), for its tests.

    Its folder goes on the import path, as when it is run: the scripts import each other (build_offices and
    build_forms use build_lexicon's readers), so a test file run alone must find them too.
    """
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def check_contract(payload: dict[str, Any]) -> None:
    """Assert that a decoded JSON answer follows the documented contract."""
    assert set(payload) == CONTRACT_KEYS
    assert isinstance(payload["question"], str)
    assert isinstance(payload["answered"], bool)
    assert isinstance(payload["message"], str)
    assert payload["message"]
    assert isinstance(payload["took_ms"], float)
    assert payload["took_ms"] >= 0
    assert isinstance(payload["quotes"], list)
    if not payload["answered"]:
        assert payload["quotes"] == []
    for quote in payload["quotes"]:
        assert set(quote) == QUOTE_KEYS
        assert isinstance(quote["text"], str)
        assert isinstance(quote["article_id"], str)
        assert isinstance(quote["score"], float)
        assert quote["citations"]
        assert quote["citations"][0]["article_id"] == quote["article_id"]
        for citation in quote["citations"]:
            assert set(citation) == CITATION_KEYS
            assert isinstance(citation["article_id"], str)
            for key in ("title", "source", "url"):
                assert citation[key] is None or isinstance(citation[key], str)
            if citation["date"] is not None:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", citation["date"])
                date.fromisoformat(citation["date"])


def pytest_configure(config: pytest.Config) -> None:
    """Let through one warning that python-telegram-bot 22 raises from its own code."""
    # RetryAfter.__init__ reads its own deprecated `retry_after` attribute; nothing of ours uses it.
    config.addinivalue_line(
        "filterwarnings", "ignore:Deprecated since version v22.2:telegram.warnings.PTBDeprecationWarning"
    )


# Short backoff so injected server errors are retried within a test's small waits.
QUICK_RETRIES = (0.05, 0.1, 0.2)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    """A fake Bot API on 127.0.0.1 with a short long-poll."""
    with FakeBotApi(max_poll_wait=0.3) as fake:
        yield fake


def bot_settings(api: FakeBotApi, **overrides: Any) -> Settings:
    """Settings for a bot that talks to the fake (no .env, nothing from the environment but these)."""
    return Settings(_env_file=None, telegram_token=api.token, telegram_base_url=api.base_url, **overrides)


@pytest.fixture
def start_bot(api: FakeBotApi, runtime: Runtime) -> Iterator[Callable[..., BotThread]]:
    """Start the real application (polling unless the settings say webhook); stopped after the test."""
    started: list[BotThread] = []

    def start(settings: Settings | None = None, own_runtime: Runtime | None = None, **build: Any) -> BotThread:
        # Pass own_runtime when the settings change the corpus or how answers are built.
        build.setdefault("rate_limiter", RetryingRateLimiter(QUICK_RETRIES))
        bot = BotThread(settings or bot_settings(api), own_runtime or runtime, **build).start()
        started.append(bot)
        return bot

    yield start
    for bot in started:
        bot.stop()


@pytest.fixture
def bot(start_bot: Callable[..., BotThread]) -> BotThread:
    """A bot polling the fake with default settings."""
    return start_bot()
