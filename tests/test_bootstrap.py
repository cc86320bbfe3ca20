"""The composition root: settings decide the corpus, the policy and the service's limits; the index cache."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from bot.bootstrap import build_runtime, corpus_dir, limit_threads, policy, techniques
from config import Settings
from retrieval import build
from retrieval.corpus import CorpusError, bundled_corpus_dir
from retrieval.model import Article
from retrieval.sentences import ArticleSentences, split_article
from retrieval.techniques import Techniques
from tests.conftest import BrokenCorpus

MakeSettings = Callable[..., Settings]


def test_the_bundled_corpus_is_the_default(make_settings: MakeSettings, tmp_path: Path) -> None:
    assert corpus_dir(make_settings()) == bundled_corpus_dir()
    assert corpus_dir(make_settings(corpus_dir=tmp_path)) == tmp_path


def test_policy_follows_the_settings(make_settings: MakeSettings) -> None:
    answer_policy = policy(make_settings(max_quotes=5, min_coverage=0.8))
    assert (answer_policy.max_quotes, answer_policy.min_coverage) == (5, 0.8)


def test_each_quality_setting_switches_its_technique(make_settings: MakeSettings) -> None:
    defaults = techniques(make_settings())
    for name in (f.name for f in fields(Techniques)):
        flipped = techniques(make_settings(**{f"quality_{name}": not getattr(defaults, name)}))
        assert getattr(flipped, name) is not getattr(defaults, name), name
        assert all(getattr(flipped, o.name) == getattr(defaults, o.name) for o in fields(Techniques) if o.name != name)


def test_runtime_over_a_folder_answers_from_it(make_settings: MakeSettings, write_corpus: Callable[..., Path]) -> None:
    settings = make_settings(corpus_dir=write_corpus(), candidates=7, max_question_length=200, max_quotes=1)
    runtime = build_runtime(settings)
    assert sorted(runtime.library.articles) == ["harbour", "orchard"]
    assert (runtime.service.candidates, runtime.service.max_question_length) == (7, 200)
    answer = runtime.service.answer("How many steel cables did engineers replace on the harbour bridge?")
    assert answer.answered
    assert len(answer.quotes) == 1
    assert answer.quotes[0].article_id == "harbour"
    assert "212 steel cables" in answer.quotes[0].text


def test_bm25_settings_reach_the_index(make_settings: MakeSettings, write_corpus: Callable[..., Path]) -> None:
    runtime = build_runtime(make_settings(corpus_dir=write_corpus(), bm25_k1=0.9, bm25_b=0.3))
    arrays = runtime.service.index.arrays
    assert (arrays.k1, arrays.b) == (0.9, 0.3)


def test_a_broken_corpus_still_answers_from_its_good_articles(
    make_settings: MakeSettings, broken_corpus: BrokenCorpus
) -> None:
    runtime = build_runtime(make_settings(corpus_dir=broken_corpus.folder))
    assert set(runtime.library.articles) == broken_corpus.expected_ids()
    assert {s.path for s in runtime.corpus.skipped} == set(broken_corpus.expected_skips())
    for question, article_id in [
        ("How many tonnes of apples did the Velden valley growers pick?", "orchard"),
        ("What did cafe owners in Zurich say about espresso?", "legacy"),
        ("When will the Kestrel tram line open?", "inner"),
    ]:
        answer = runtime.service.answer(question)
        assert answer.answered, (question, answer.message)
        assert answer.quotes[0].article_id == article_id


def test_a_missing_corpus_folder_raises_the_one_line_error(make_settings: MakeSettings, tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        build_runtime(make_settings(corpus_dir=tmp_path / "nope"))


QUESTION = "What did Russia say about Taiwan?"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return folder


def settings(corpus: Path, cache: Path | None) -> Settings:
    return Settings(_env_file=None, corpus_dir=corpus, cache_dir=cache)


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

    def counted(article: Article) -> ArticleSentences:
        split.append(article.id)
        return split_article(article)

    monkeypatch.setattr(build, "split_article", counted)
    (corpus / "zz_new.txt").write_text("Zanzibar declared a new holiday for Quokka appreciation.\n", encoding="utf-8")
    runtime = build_runtime(settings(corpus, tmp_path / "cache"))
    assert split == ["zz_new"]
    fresh = build_runtime(settings(corpus, None))
    assert list(runtime.library.sentences) == list(fresh.library.sentences)
    assert runtime.service.answer(QUESTION) == fresh.service.answer(QUESTION)


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.mark.parametrize(
    ("threads", "expected"), [pytest.param(1, {1}, id="one"), pytest.param(None, {2}, id="unset-keeps-the-pools")]
)
def test_the_threads_setting_limits_numpys_blas(
    make_settings: MakeSettings, threads: int | None, expected: set[int]
) -> None:
    assert _blas_threads(), "numpy's BLAS should be loaded"
    with threadpool_limits(limits=2, user_api="blas"):  # restored on exit, for the other tests
        limit_threads(make_settings(threads=threads))
        assert _blas_threads() == expected


def test_the_runtime_is_built_with_the_threads_limit_applied(make_settings: MakeSettings) -> None:
    with threadpool_limits(limits=2, user_api="blas"):
        build_runtime(make_settings())
        assert _blas_threads() == {1}
