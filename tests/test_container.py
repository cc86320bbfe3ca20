"""The real image: built from the Dockerfile, run with podman, and started as a compose service."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE_IMAGE = "docker.io/library/python:3.11-slim"
CORPUS = ROOT / "retrieval" / "default_corpus"

pytestmark = [pytest.mark.container, pytest.mark.slow]


@dataclass(frozen=True, slots=True)
class Image:
    """A built image and the podman binary that built it."""

    podman: str
    tag: str

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run a podman subcommand, capturing its output."""
        return subprocess.run(
            [self.podman, *args], capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT
        )

    def in_container(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run a command in a fresh container of the image, on the host's network."""
        return self.run("run", "--rm", "--network=host", self.tag, *command)


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


@pytest.fixture(scope="session")
def image(podman: str) -> Iterator[Image]:
    """The image built from the Dockerfile, once per session, removed afterwards."""
    built = Image(podman, f"localhost/quotebot-test:{os.getpid()}")
    started = time.monotonic()
    # Docker format keeps the HEALTHCHECK instruction, which the OCI format drops.
    result = built.run("build", "--format", "docker", "--network=host", "-t", built.tag, str(ROOT), timeout=1200)
    if result.returncode != 0:
        pytest.fail("podman build failed:\n" + "\n".join((result.stdout + result.stderr).splitlines()[-40:]))
    print(f"\nimage {built.tag} built in {time.monotonic() - started:.1f} s")
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


def test_container_runs_as_a_non_root_user_without_build_tools(image: Image) -> None:
    uid = image.in_container("id", "-u")
    assert uid.returncode == 0, uid.stderr
    assert uid.stdout.strip() != "0"
    tools = image.in_container("sh", "-c", "command -v gcc cc make; ls /root/.cache/pip 2>/dev/null; true")
    assert tools.stdout.strip() == ""
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


@pytest.fixture
def compose_project(tmp_path: Path) -> Path:
    """A project folder for the repository's docker-compose.yml, with .env made from .env.example."""
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    (tmp_path / "articles").mkdir()
    return tmp_path


def docker_compose(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run docker-compose on the repository's compose file, with project as its working folder."""
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed; `source ../shared/ci/container-engine.sh` sets it up")
    return subprocess.run(
        [binary, "--project-directory", str(project), "-f", str(ROOT / "docker-compose.yml"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_compose_file_is_valid(compose_project: Path) -> None:
    result = docker_compose(compose_project, "config", "-q")
    assert result.returncode == 0, result.stderr
    resolved = docker_compose(compose_project, "config").stdout
    for expected in ("restart: unless-stopped", "/data/articles:ro", "max-size", "max-file"):
        assert expected in resolved
