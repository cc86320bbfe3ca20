"""The composition root: the index is built once, then loaded from the cache until the articles change."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.bootstrap import build_runtime
from config import Settings
from retrieval import build
from retrieval.corpus import bundled_corpus_dir

QUESTION = "What did Russia say about Taiwan?"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return folder


def settings(corpus: Path, cache: Path | None) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, cache_dir=cache)  # type: ignore[call-arg]


def test_without_a_cache_dir_every_start_builds(corpus: Path) -> None:
    assert build_runtime(settings(corpus, None)).index_source == "built"


def test_the_second_start_loads_the_cache_and_answers_alike(corpus: Path, tmp_path: Path) -> None:
    first = build_runtime(settings(corpus, tmp_path / "cache"))
    second = build_runtime(settings(corpus, tmp_path / "cache"))
    assert (first.index_source, second.index_source) == ("built and cached", "cache")
    assert second.service.answer(QUESTION) == first.service.answer(QUESTION)


def test_an_edited_article_is_indexed_again(corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    build_runtime(settings(corpus, tmp_path / "cache"))
    (corpus / "zz_new.txt").write_text("Zanzibar declared a new holiday for Quokka appreciation.\n", encoding="utf-8")
    with caplog.at_level(logging.INFO):
        runtime = build_runtime(settings(corpus, tmp_path / "cache"))
    assert runtime.index_source == "built and cached"
    assert "rebuilding the index" in caplog.text
    assert runtime.service.answer("What holiday did Zanzibar declare?").answered
    assert build_runtime(settings(corpus, tmp_path / "cache")).index_source == "cache"


def test_a_corrupt_cache_is_reported_and_replaced(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_runtime(settings(corpus, tmp_path / "cache"))
    for path in (tmp_path / "cache").glob("index-*.qbi"):
        path.write_bytes(b"garbage")
    with caplog.at_level(logging.WARNING):
        runtime = build_runtime(settings(corpus, tmp_path / "cache"))
    assert runtime.index_source == "built and cached"
    assert "index cache not used" in caplog.text
    assert runtime.service.answer(QUESTION).answered


def test_an_unwritable_cache_dir_still_serves(corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        runtime = build_runtime(settings(corpus, blocker / "cache"))
    assert runtime.index_source == "built"
    assert "index cache not written" in caplog.text
    assert runtime.service.answer(QUESTION).answered


def test_a_rebuild_splits_only_the_changed_articles(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_runtime(settings(corpus, tmp_path / "cache"))
    split: list[str] = []
    real = build.split_article
    monkeypatch.setattr(build, "split_article", lambda article: split.append(article.id) or real(article))
    (corpus / "zz_new.txt").write_text("Zanzibar declared a new holiday for Quokka appreciation.\n", encoding="utf-8")
    runtime = build_runtime(settings(corpus, tmp_path / "cache"))
    assert split == ["zz_new"]
    fresh = build_runtime(settings(corpus, None))
    assert list(runtime.library.sentences) == list(fresh.library.sentences)
    assert runtime.service.answer(QUESTION) == fresh.service.answer(QUESTION)
