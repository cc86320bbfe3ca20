"""Shared fixtures: explicit settings, the runtime over the bundled corpus, corpus folders in tmp_path."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import Runtime, build_runtime
from config import Settings
from retrieval.corpus import bundled_corpus_dir

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


@pytest.fixture(name="check_contract")
def check_contract_fixture() -> Callable[[dict[str, Any]], None]:
    """The JSON contract check, for tests in other files."""
    return check_contract
