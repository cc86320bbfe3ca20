"""The benchmark end to end on a small corpus: every phase runs for real and the full scan agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import main
from bench.run import Row, _environment, load, measure, save, table


def test_a_small_run_measures_every_phase_and_matches_the_full_scan(tmp_path: Path) -> None:
    row = measure(400, questions=30, scan_questions=30, seed=2, work=tmp_path)
    assert 380 <= row.sentences <= 420
    assert row.questions == 30
    assert row.scan_questions == 30
    assert row.identical_top_k == 30
    assert row.cold_build_s > 0
    assert row.cold_build_rss_mb > 10
    assert row.restart_first_answer_s > 0
    assert 0 < row.took_p50_ms <= row.took_p99_ms
    assert row.scan_p50_ms is not None
    assert (tmp_path / "cache").is_dir()
    save([row], tmp_path / "rows.json")
    assert load(tmp_path / "rows.json") == [row]
    assert f"| {row.sentences:,} |" in table([row])


def test_real_questions_are_asked_of_the_synthetic_corpus_with_the_bundled_articles(tmp_path: Path) -> None:
    asked = ["What did Russia say about Taiwan?", "How much gas will Russia supply to China?"]
    row = measure(300, questions=10, scan_questions=0, seed=2, work=tmp_path, real=asked)
    assert row.questions == len(asked)
    assert json.loads((tmp_path / "questions.json").read_text(encoding="utf-8")) == asked
    assert row.articles == len(list((tmp_path / "corpus").glob("*.txt")))


def test_only_the_settings_asked_for_reach_the_measured_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEBOT_QUALITY_SPELLING", "false")
    env = _environment(None, None, {"quality_expansion": "false"})
    assert env["QUOTEBOT_QUALITY_EXPANSION"] == "false"
    assert "QUOTEBOT_QUALITY_SPELLING" not in env


def test_a_setting_without_a_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--setting", "quality_expansion"])
    assert raised.value.code == 2
    assert "NAME=VALUE" in capsys.readouterr().err


def sample_row(sentences: int = 10, scanned: bool = False) -> Row:
    """A row with plausible figures, with or without a full scan."""
    return Row(
        sentences_asked=sentences,
        sentences=sentences,
        articles=max(1, sentences // 40),
        megabytes=sentences / 6000,
        cold_build_s=sentences / 10000,
        cold_build_cpu_s=sentences / 5000,
        cold_build_rss_mb=100.0,
        restart_first_answer_s=0.5,
        restart_rss_mb=80.0,
        serve_rss_mb=80.0,
        questions=100,
        took_p50_ms=2.0,
        took_p99_ms=8.0,
        search_p50_ms=0.5,
        search_p99_ms=2.0,
        scan_questions=20 if scanned else 0,
        scan_p50_ms=sentences / 2000 if scanned else None,
        scan_p99_ms=sentences / 1000 if scanned else None,
        scan_build_s=1.0 if scanned else None,
        scan_rss_mb=200.0 if scanned else None,
        identical_top_k=20 if scanned else None,
        load_before=1.0,
        load_after=1.0,
    )


def test_the_table_shows_a_dash_for_a_size_without_a_scan() -> None:
    assert "— / — (0)" in table([sample_row()])
    assert "20/20" in table([sample_row(scanned=True)])
