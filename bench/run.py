"""Run the benchmark at each corpus size: cold build, cached restart, answers, and rank_bm25's full scan beside them."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bench.corpus import add_articles, write_corpus
from retrieval.corpus import bundled_corpus_dir

# Full scans cost about a second a question at 1M sentences: keep their total to about a minute.
_SCAN_BUDGET = 20_000_000
_POLL_S = 0.2
_ROOT = Path(__file__).resolve().parent.parent
_BUNDLED_QUESTIONS = (
    "What did Russia say about Taiwan?",
    "How much gas will Russia supply to China per year?",
    "What did the joint statement say about Nato expansion?",
    "Did Xi and Putin discuss North Korea?",
    "What did China say about Ukraine?",
)


@dataclass(frozen=True, slots=True)
class Process:
    """A finished child process: its output, wall time and peak resident memory."""

    stdout: str
    stderr: str
    wall_s: float
    cpu_s: float  # user + system, with the children it waited for
    peak_rss_mb: float


@dataclass(frozen=True, slots=True)
class Row:
    """The figures for one corpus size."""

    sentences_asked: int
    sentences: int
    articles: int
    megabytes: float
    cold_build_s: float
    cold_build_cpu_s: float
    cold_build_rss_mb: float
    restart_first_answer_s: float
    restart_rss_mb: float
    serve_rss_mb: float
    questions: int
    took_p50_ms: float
    took_p99_ms: float
    search_p50_ms: float
    search_p99_ms: float
    scan_questions: int
    scan_p50_ms: float | None
    scan_p99_ms: float | None
    scan_build_s: float | None
    scan_rss_mb: float | None
    identical_top_k: int | None
    load_before: float
    load_after: float


def run_process(command: list[str], env: dict[str, str], stdin: Path | None = None) -> Process:
    """Run a command to the end and measure its wall time, CPU time and the peak RSS of its largest process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        actions: list[tuple[Any, ...]] = [
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        if stdin is not None:
            actions.append((os.POSIX_SPAWN_OPEN, 0, str(stdin), os.O_RDONLY, 0))
        started = time.perf_counter()
        pid = os.posix_spawn(command[0], command, env, file_actions=actions)
        descendants: dict[int, tuple[float, float]] = {}
        # Descendants are sampled beside a blocking wait, so the wall time is the process's own: polling for its end
        # rounded every run up to the next poll (a 0.61 s `ask` read 0.81 s).
        finished = threading.Event()
        sampler = threading.Thread(target=_sample_until, args=(pid, descendants, finished), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        finished.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {stderr[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime + sum(cpu for cpu, _ in descendants.values())
    peak = max([usage.ru_maxrss / 1024.0, *(rss for _, rss in descendants.values())])
    return Process(stdout, stderr, wall, cpu, peak)


def _sample_until(root: int, seen: dict[int, tuple[float, float]], finished: threading.Event) -> None:
    """Sample the root's descendants every _POLL_S seconds until the root has ended."""
    while True:
        _sample_descendants(root, seen)
        if finished.wait(_POLL_S):
            return


def _sample_descendants(root: int, seen: dict[int, tuple[float, float]]) -> None:
    """Record the CPU seconds and resident MB of the root's live descendants (Linux /proc; none elsewhere).

    Worker processes started by a forkserver are not the root's children, so its rusage never counts them.
    """
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            parents[int(entry.name)] = int(fields[1])
            stats[int(entry.name)] = fields
    for pid, fields in stats.items():
        ancestor = parents.get(pid)
        while ancestor not in (None, 0, 1, root):
            ancestor = parents.get(ancestor)
        if ancestor == root:
            ticks = os.sysconf("SC_CLK_TCK")
            cpu = (int(fields[11]) + int(fields[12])) / ticks
            rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
            previous = seen.get(pid, (0.0, 0.0))
            seen[pid] = (max(cpu, previous[0]), max(rss, previous[1]))


def _environment(corpus: Path | None, cache: Path | None, settings: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTEBOT_")}
    # Only the settings asked for reach the measured processes (a switch to time on and off, say).
    env.update({f"QUOTEBOT_{name.upper()}": value for name, value in (settings or {}).items()})
    env["QUOTEBOT_LOG_LEVEL"] = "WARNING"
    # The probes run as `python -m bench.probe` from wherever the benchmark was started.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    if corpus is not None:
        env["QUOTEBOT_CORPUS_DIR"] = str(corpus)
    if cache is not None:
        env["QUOTEBOT_CACHE_DIR"] = str(cache)
    return env


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def measure(
    sentences: int,
    questions: int,
    scan_questions: int | None,
    seed: int,
    work: Path,
    *,
    real: Sequence[str] = (),
    settings: Mapping[str, str] | None = None,
) -> Row:
    """Generate a corpus of about `sentences` sentences under work and measure every phase on it.

    real, when given, are questions asked instead of the synthetic ones, with the bundled corpus's articles added to
    the synthetic corpus: the synthetic questions' made-up words have no WordNet relatives, real ones do.
    settings are QUOTEBOT_ settings (without the prefix) for every measured process.
    """
    load_before = os.getloadavg()[0]
    corpus, cache = work / "corpus", work / "cache"
    synthetic = write_corpus(corpus, sentences, seed=seed, questions=questions)
    articles = synthetic.articles + (add_articles(corpus, bundled_corpus_dir()) if real else 0)
    asked = work / "questions.json"
    asked.write_text(json.dumps(list(real or synthetic.questions)), encoding="utf-8")
    env = _environment(corpus, cache, settings)
    python = sys.executable
    cold = run_process([python, "-m", "bot", "index"], env)
    restarts = [run_process([python, "-m", "bot", "ask", synthetic.questions[0]], env) for _ in range(3)]
    restart = sorted(restarts, key=lambda p: p.wall_s)[1]
    scans = scan_questions if scan_questions is not None else max(20, min(questions, _SCAN_BUDGET // sentences))
    served = _probe(["serve", str(corpus), str(cache), str(asked), str(scans)], work, env)
    scanned = _probe(["baseline", str(corpus), str(cache), str(asked), str(scans)], work, env) if scans > 0 else None
    identical = None
    if scanned is not None:
        identical = sum(ours == theirs for ours, theirs in zip(served["top"], scanned["top"], strict=False))
    return Row(
        sentences_asked=sentences,
        sentences=int(served["sentences"]),
        articles=articles,
        megabytes=synthetic.bytes / 1e6,
        cold_build_s=cold.wall_s,
        cold_build_cpu_s=cold.cpu_s,
        cold_build_rss_mb=cold.peak_rss_mb,
        restart_first_answer_s=restart.wall_s,
        restart_rss_mb=restart.peak_rss_mb,
        serve_rss_mb=float(served["peak_rss_mb"]),
        questions=len(served["took_ms"]),
        took_p50_ms=_percentile(served["took_ms"], 50),
        took_p99_ms=_percentile(served["took_ms"], 99),
        search_p50_ms=_percentile(served["search_ms"], 50),
        search_p99_ms=_percentile(served["search_ms"], 99),
        scan_questions=0 if scanned is None else len(scanned["scan_ms"]),
        scan_p50_ms=None if scanned is None else _percentile(scanned["scan_ms"], 50),
        scan_p99_ms=None if scanned is None else _percentile(scanned["scan_ms"], 99),
        scan_build_s=None if scanned is None else float(scanned["build_s"]),
        scan_rss_mb=None if scanned is None else float(scanned["peak_rss_mb"]),
        identical_top_k=identical,
        load_before=load_before,
        load_after=os.getloadavg()[0],
    )


def _probe(arguments: list[str], work: Path, env: dict[str, str]) -> Any:
    out = work / f"{arguments[0]}.json"
    run_process([sys.executable, "-m", "bench.probe", *arguments, str(out)], env)
    return json.loads(out.read_text(encoding="utf-8"))


def bundled() -> dict[str, float]:
    """The bundled corpus: wall time of whole `quotebot ask` processes and took_ms of answers in one process."""
    env = _environment(None, None)
    python = sys.executable
    walls = [run_process([python, "-m", "bot", "ask", q], env).wall_s for q in _BUNDLED_QUESTIONS]
    lines = "\n".join(_BUNDLED_QUESTIONS * 20) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        asked = Path(folder) / "in.txt"
        asked.write_text(lines, encoding="utf-8")
        answered = run_process([python, "-m", "bot", "ask", "--json", "-"], env, stdin=asked)
    took = [json.loads(line)["took_ms"] for line in answered.stdout.splitlines()]
    return {
        "ask_wall_median_s": statistics.median(walls),
        "ask_wall_max_s": max(walls),
        "took_p50_ms": _percentile(took, 50),
        "took_p99_ms": _percentile(took, 99),
        "answers": len(took),
    }


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""

    def num(value: float | None, digits: int = 1) -> str:
        return "—" if value is None else f"{value:,.{digits}f}"

    lines = [
        "| sentences | articles | MB | cold build s (CPU s, peak RSS MB) | restart to first answer s (RSS MB) "
        "| took_ms p50 / p99 | search ms p50 / p99 | rank_bm25 get_scores ms p50 / p99 (n) "
        "| BM25Okapi() build s (RSS MB) | identical top-50 | load avg |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.sentences:,} | {r.articles:,} | {r.megabytes:.0f} "
            f"| {r.cold_build_s:.1f} ({r.cold_build_cpu_s:.0f}, {r.cold_build_rss_mb:.0f}) "
            f"| {r.restart_first_answer_s:.2f} ({r.restart_rss_mb:.0f}) | {r.took_p50_ms:.2f} / {r.took_p99_ms:.2f} "
            f"| {r.search_p50_ms:.2f} / {r.search_p99_ms:.2f} "
            f"| {num(r.scan_p50_ms)} / {num(r.scan_p99_ms)} ({r.scan_questions}) "
            f"| {num(r.scan_build_s)} ({num(r.scan_rss_mb, 0)}) "
            f"| {'—' if r.identical_top_k is None else f'{r.identical_top_k}/{r.scan_questions}'} "
            f"| {r.load_before:.1f}–{r.load_after:.1f} |"
        )
    return "\n".join(lines)


def save(rows: list[Row], path: Path) -> None:
    """Write the rows as JSON (what the plot reads)."""
    path.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")


def load(path: Path) -> list[Row]:
    """Read rows written by save."""
    return [Row(**item) for item in json.loads(path.read_text(encoding="utf-8"))]
