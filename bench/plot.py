"""Draw answer latency against corpus size, Quotebot beside rank_bm25's full scan (needs the `bench` extra)."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")  # files only: no display on servers and CI

import matplotlib.pyplot as plt

from bench.run import Row


def plot(rows: list[Row], path: Path) -> None:
    """Write a log-log PNG of p50/p99 latency per question against the number of sentences."""
    sizes = [r.sentences for r in rows]
    figure, axes = plt.subplots(figsize=(7, 4.5), dpi=120)
    axes.plot(sizes, [r.took_p50_ms for r in rows], "o-", color="tab:blue", label="Quotebot answer took_ms p50")
    axes.plot(sizes, [r.took_p99_ms for r in rows], "o--", color="tab:blue", label="Quotebot answer took_ms p99")
    axes.plot(sizes, [r.search_p50_ms for r in rows], "s-", color="tab:green", label="Quotebot index search p50")
    scanned = [(r.sentences, r.scan_p50_ms, r.scan_p99_ms) for r in rows if r.scan_p50_ms and r.scan_p99_ms]
    for which, style in ((1, "^-"), (2, "^--")):
        label = f"rank_bm25 get_scores (full scan) p{50 if which == 1 else 99}"
        axes.plot([s[0] for s in scanned], [s[which] for s in scanned], style, color="tab:red", label=label)
    axes.axhline(10, color="grey", linewidth=0.8, linestyle=":", label="target p50 10 ms")
    axes.axhline(50, color="grey", linewidth=0.8, linestyle="-.", label="target p99 50 ms")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("sentences in the corpus")
    axes.set_ylabel("milliseconds per question")
    axes.set_title("Latency against corpus size (2 cores)")
    axes.grid(True, which="both", linewidth=0.3)
    axes.legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
