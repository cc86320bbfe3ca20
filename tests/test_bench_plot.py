"""The latency plot: a PNG from benchmark rows (needs the optional `bench` extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_bench_run import sample_row

pytest.importorskip("matplotlib")


def test_plot_writes_a_png(tmp_path: Path) -> None:
    from bench.plot import plot  # noqa: PLC0415 - only importable with matplotlib installed

    out = tmp_path / "latency.png"
    plot([sample_row(10_000, True), sample_row(100_000, True), sample_row(1_000_000)], out)
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
