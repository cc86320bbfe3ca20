"""The composition root: settings decide the corpus, the policy and the service's limits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.bootstrap import build_runtime, corpus_dir, policy
from config import Settings
from retrieval.corpus import CorpusError, bundled_corpus_dir
from tests.conftest import BrokenCorpus

MakeSettings = Callable[..., Settings]


def test_the_bundled_corpus_is_the_default(make_settings: MakeSettings, tmp_path: Path) -> None:
    assert corpus_dir(make_settings()) == bundled_corpus_dir()
    assert corpus_dir(make_settings(corpus_dir=tmp_path)) == tmp_path


def test_policy_follows_the_settings(make_settings: MakeSettings) -> None:
    answer_policy = policy(make_settings(max_quotes=5, min_coverage=0.8))
    assert (answer_policy.max_quotes, answer_policy.min_coverage) == (5, 0.8)


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
    bm25 = runtime.service.index.bm25
    assert bm25 is not None
    assert (bm25.k1, bm25.b) == (0.9, 0.3)


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
