"""The quotebot command line, run for real in a subprocess."""

from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import BROKEN_REASONS, BrokenCorpus, check_contract

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = Path("/work/shared/eval/dev.jsonl")
TAIWAN = "What did Russia say about Taiwan?"
OFF_TOPIC = "what is the weather in paris tomorrow"


def _environment(env: dict[str, str] | None) -> dict[str, str]:
    # Without PYTHONUNBUFFERED (set on some machines), as users run it: the flushing test depends on it.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_") and k != "PYTHONUNBUFFERED"}
    environment.update(env or {})
    return environment


def run(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_environment(env),
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith("quotebot: ")
    assert "\n" not in message
    return message


def test_ask_prints_a_quoted_answer_with_sources(tmp_path: Path) -> None:
    result = run("ask", TAIWAN, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Taiwan" in result.stdout
    assert "Sources:" in result.stdout
    assert "[1]" in result.stdout


def test_ask_prints_the_reason_when_it_declines(tmp_path: Path) -> None:
    result = run("ask", OFF_TOPIC, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The articles don't answer this")
    assert "Sources:" not in result.stdout


def test_ask_json_follows_the_contract(tmp_path: Path) -> None:
    result = run("ask", "--json", "How much gas will Russia supply to China per year?", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    payload = json.loads(result.stdout)
    check_contract(payload)
    assert payload["answered"] is True


def test_ask_json_stdin_writes_one_object_per_line_in_order(tmp_path: Path) -> None:
    questions = [TAIWAN, OFF_TOPIC, "gas deal value"]
    result = run("ask", "--json", "-", stdin="\n".join(questions) + "\n\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payloads = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["question"] for p in payloads] == questions
    for payload in payloads:
        check_contract(payload)
    assert payloads[1]["answered"] is False
    assert payloads[1]["quotes"] == []


def _readline(stream: IO[str], timeout: float) -> str:
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            pytest.fail(f"no output line within {timeout} s: the answer was not flushed")
    return stream.readline()


@pytest.fixture
def streaming(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """`quotebot ask --json -` with both ends of its pipes held by the test."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(None),
        cwd=tmp_path,
    )
    with process:  # closes the pipes and waits on the way out
        yield process
        if process.poll() is None:
            process.kill()


def test_ask_json_stdin_flushes_each_answer_before_reading_the_next_question(
    streaming: subprocess.Popen[str],
) -> None:
    assert streaming.stdin is not None
    assert streaming.stdout is not None
    for question in (TAIWAN, OFF_TOPIC):
        streaming.stdin.write(question + "\n")
        streaming.stdin.flush()
        # The next question is written only after this answer arrived, so only a flush can deliver it.
        assert json.loads(_readline(streaming.stdout, timeout=30))["question"] == question
    streaming.stdin.close()
    assert streaming.wait(timeout=30) == 0


def test_a_reader_that_goes_away_ends_the_stream_quietly(streaming: subprocess.Popen[str]) -> None:
    assert streaming.stdin is not None
    assert streaming.stdout is not None
    streaming.stdin.write(TAIWAN + "\n")
    streaming.stdin.flush()
    _readline(streaming.stdout, timeout=30)
    streaming.stdout.close()
    streaming.stdin.write(f"{OFF_TOPIC}\n" * 3)
    streaming.stdin.close()
    assert streaming.wait(timeout=30) == 1
    assert streaming.stderr is not None
    assert "Traceback" not in streaming.stderr.read()


def test_undecodable_input_bytes_still_give_valid_utf8_json(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        input=b"Taiwan \xff Russia\n",
        capture_output=True,
        env=_environment(None),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["question"] == "Taiwan \ufffd Russia"


def test_console_through_a_pipe(tmp_path: Path) -> None:
    lines = ["/help", "/sources", TAIWAN, OFF_TOPIC, "/quit", "/help"]
    result = run("console", stdin="\n".join(lines) + "\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "quotebot> " not in out  # no prompt when stdin is not a terminal
    assert out.count("/quit — ") == 1  # /help after /quit is never read
    assert len(re.findall(r"^- .+ — \d{4}-\d{2}-\d{2} — \d{3}_\w+$", out, flags=re.MULTILINE)) == 5
    assert "Sources:" in out
    assert "The articles don't answer this" in out


def test_console_ends_cleanly_at_end_of_input(tmp_path: Path) -> None:
    result = run("console", stdin=f"{TAIWAN}\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Sources:" in result.stdout


def test_index_reports_the_bundled_corpus(tmp_path: Path) -> None:
    result = run("index", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    figures = dict(re.findall(r"^([a-z ]+): (\d+)$", result.stdout, flags=re.MULTILINE))
    assert figures["articles"] == "5"
    assert int(figures["sentences"]) > 100
    assert int(figures["furniture lines dropped"]) > 20
    assert figures["files skipped"] == "0"


def _no_root_read_override() -> tuple[str, ...]:
    """A command prefix under which chmod 000 binds: as root, drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    prefix = (setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    if setpriv is None or subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("running as root and setpriv cannot drop CAP_DAC_OVERRIDE: chmod 000 cannot be made to hold")
    return prefix


def test_index_reports_each_bad_file(tmp_path: Path, broken_corpus: BrokenCorpus) -> None:
    result = run(
        "index", env={"QUOTEBOT_CORPUS_DIR": str(broken_corpus.folder)}, cwd=tmp_path, prefix=_no_root_read_override()
    )
    assert result.returncode == 0, result.stderr
    assert "articles: 4\n" in result.stdout
    assert f"files skipped: {len(BROKEN_REASONS)}\n" in result.stdout
    reported = dict(re.findall(r"^  - ([^:]+): (.+)$", result.stdout, flags=re.MULTILINE))
    for path, reason in BROKEN_REASONS.items():
        assert reason in reported.get(path, ""), (path, result.stdout)
    assert "  - legacy.txt: not UTF-8 (byte 3), decoded as cp1252" in result.stdout
    for path in BROKEN_REASONS:
        assert f"skipped {path}: " in result.stderr  # every command logs the skips as warnings


def test_ask_answers_from_the_good_articles_of_a_broken_corpus(tmp_path: Path, broken_corpus: BrokenCorpus) -> None:
    question = "How many steel cables did engineers replace on the harbour bridge?"
    result = run("ask", "--json", question, env={"QUOTEBOT_CORPUS_DIR": str(broken_corpus.folder)}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["quotes"][0]["article_id"] == "harbour"


@pytest.mark.parametrize("command", [("ask", "anything"), ("index",)], ids=["ask", "index"])
@pytest.mark.parametrize(
    ("files", "message"),
    [
        pytest.param(None, "does not exist", id="missing"),
        pytest.param({}, "holds no readable .txt or .md articles", id="empty"),
        pytest.param({"a.txt": b"", "b.md": b"\x00\x01"}, "(2 skipped: a.txt: empty file; b.md: binary", id="only-bad"),
    ],
)
def test_an_unusable_corpus_is_one_line_and_exit_1(
    tmp_path: Path, command: tuple[str, ...], files: dict[str, bytes] | None, message: str
) -> None:
    folder = tmp_path / "corpus"
    for name, data in (files or {}).items():
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    if files is not None:
        folder.mkdir(exist_ok=True)
    result = run(*command, env={"QUOTEBOT_CORPUS_DIR": str(folder)}, cwd=tmp_path)
    assert message in _one_line_error(result, 1)
    assert result.stdout == ""


def test_eval_prints_the_figures(tmp_path: Path) -> None:
    if not DEV_SET.is_file():
        pytest.skip(f"{DEV_SET} is not on this machine")
    result = run("eval", str(DEV_SET), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    figures = dict(re.findall(r"^([a-z@0-9 -]+): ([0-9.]+)$", result.stdout, flags=re.MULTILINE))
    assert int(figures["questions"]) == len(DEV_SET.read_text(encoding="utf-8").splitlines())
    for name in ("hit@1", "hit@3", "decline rate", "multi-source recall"):
        assert 0.0 <= float(figures[name]) <= 1.0
    assert float(figures["hit@1"]) <= float(figures["hit@3"])
    assert int(figures["misses"]) == len(re.findall(r"^  q\S+ \[", result.stdout, flags=re.MULTILINE))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "cannot read", id="missing"),
        pytest.param(b"", "holds no questions", id="empty"),
        pytest.param(b'{"id": "q1", "question": "x"}\nnot json\n', ":2: not a question object", id="not-json"),
        pytest.param(b'{"id": "q1"}\n', ":1: not a question object", id="no-question"),
        pytest.param(b"\xff\xfe{}", "cannot read", id="not-utf-8"),
    ],
)
def test_a_bad_eval_file_is_one_line(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "questions.jsonl"
    if content is not None:
        path.write_bytes(content)
    assert message in _one_line_error(run("eval", str(path), cwd=tmp_path), 1)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        pytest.param("QUOTEBOT_MAX_QUOTES", "0", id="max-quotes"),
        pytest.param("QUOTEBOT_ALLOWED_CHAT_IDS", "1, -100200, x", id="chat-ids"),
        pytest.param("QUOTEBOT_LOG_LEVEL", "loud", id="log-level"),
    ],
)
def test_invalid_setting_is_one_line_and_exit_2(tmp_path: Path, variable: str, value: str) -> None:
    message = _one_line_error(run("ask", "anything", env={variable: value}, cwd=tmp_path), 2)
    assert variable in message


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["text", "json"])
def test_dotenv_file_is_honoured(tmp_path: Path, extra: list[str]) -> None:
    (tmp_path / ".env").write_text("QUOTEBOT_MAX_QUOTES=abc\n", encoding="utf-8")
    assert "QUOTEBOT_MAX_QUOTES" in _one_line_error(run("ask", *extra, "anything", cwd=tmp_path), 2)


def test_dotenv_settings_take_effect(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("QUOTEBOT_MAX_QUOTES=1\n", encoding="utf-8")
    result = run("ask", "--json", TAIWAN, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["quotes"]) == 1


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = run("frobnicate", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the working tree (so the build leaves nothing in the tree)."""
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", ".*cache*")
    shutil.copytree(ROOT, source, ignore=ignore, dirs_exist_ok=True)
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (built,) = out.glob("quotebot-*.whl")
    return built


def test_the_wheel_holds_the_sources_the_corpus_and_the_command(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        path.relative_to(ROOT).as_posix()
        for package in ("bot", "retrieval", "config")
        for path in (ROOT / package).rglob("*")
        if path.is_file() and path.suffix in {".py", ".txt", ".md", ".toml"} and "__pycache__" not in path.parts
    }
    assert "retrieval/default_corpus/sources.toml" in shipped
    assert shipped <= names
    (entry_points,) = (n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "quotebot = bot.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_a_non_editable_install_answers_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Dependencies come from this environment (no download); the venv's own site-packages, holding the wheel,
    # comes first on sys.path, and .pth files in the added folders (an editable install's) are not run.
    paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "quotebot_test_deps.pth").write_text("\n".join(paths) + "\n", encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {k: v for k, v in _environment(None).items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    where = subprocess.run(
        [python, "-c", "import retrieval.corpus as c; print(c.__file__, c.bundled_corpus_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=environment,
        check=True,
    ).stdout
    assert where.startswith(str(site)), where
    result = subprocess.run(
        [venv / "bin" / "quotebot", "ask", "--json", TAIWAN],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=environment,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    check_contract(payload)
    assert payload["answered"] is True
    assert len({c["article_id"] for q in payload["quotes"] for c in q["citations"]}) >= 2


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
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=_environment(None),
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
