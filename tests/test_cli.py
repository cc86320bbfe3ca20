"""The quotebot command line, run for real in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

JSON_KEYS = {"question", "answered", "message", "took_ms", "quotes"}


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_ask_prints_a_quoted_answer_with_sources(tmp_path: Path) -> None:
    result = run("ask", "What did Russia say about Taiwan?", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Taiwan" in result.stdout
    assert "Sources:" in result.stdout
    assert "[1]" in result.stdout


def test_ask_json_follows_the_contract(tmp_path: Path) -> None:
    result = run("ask", "--json", "How much gas will Russia supply to China per year?", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == JSON_KEYS
    assert payload["answered"] is True
    quote = payload["quotes"][0]
    assert set(quote) == {"text", "article_id", "score", "citations"}
    assert quote["citations"][0]["article_id"] == quote["article_id"]
    assert set(quote["citations"][0]) == {"article_id", "title", "source", "date", "url"}


def test_ask_json_stdin_writes_one_object_per_line_in_order(tmp_path: Path) -> None:
    questions = ["What did Russia say about Taiwan?", "what is the weather in paris tomorrow", "gas deal value"]
    result = run("ask", "--json", "-", stdin="\n".join(questions) + "\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["question"] for line in lines] == questions
    assert json.loads(lines[1]) | {"took_ms": 0} == {
        **json.loads(lines[1]),
        "took_ms": 0,
        "answered": False,
        "quotes": [],
    }


def test_invalid_setting_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run("ask", "anything", env={"QUOTEBOT_MAX_QUOTES": "0"}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "QUOTEBOT_MAX_QUOTES" in result.stderr


def test_missing_corpus_folder_is_one_line(tmp_path: Path) -> None:
    result = run("ask", "anything", env={"QUOTEBOT_CORPUS_DIR": str(tmp_path / "nope")}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_dotenv_file_is_honoured(tmp_path: Path, extra: list[str]) -> None:
    (tmp_path / ".env").write_text("QUOTEBOT_MAX_QUOTES=abc\n", encoding="utf-8")
    result = run("ask", *extra, "anything", cwd=tmp_path)
    assert result.returncode == 2
    assert "QUOTEBOT_MAX_QUOTES" in result.stderr


def test_index_builds_the_cache_once_then_loads_it(tmp_path: Path) -> None:
    env = {"QUOTEBOT_CACHE_DIR": str(tmp_path / "cache")}
    first = run("index", env=env, cwd=tmp_path)
    second = run("index", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "index: built and cached" in first.stdout
    assert "index: cache" in second.stdout
    assert first.stdout.replace("built and cached", "cache") == second.stdout


def test_an_answer_imports_neither_telegram_nor_the_build_pool(tmp_path: Path) -> None:
    # (multiprocessing itself comes with rank_bm25, which an answer does need.)
    unneeded = ["telegram", "tqdm", "concurrent.futures.process", "matplotlib", "retrieval.cache"]
    script = (
        "import sys\nfrom bot.cli import main\nmain(['ask', 'What did Russia say about Taiwan?'])\n"
        f"print('LOADED', [m for m in {unneeded!r} if m in sys.modules])"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
