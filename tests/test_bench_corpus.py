"""The benchmark's synthetic corpus: the size asked for, through the real pipeline, and reproducible."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import add_articles, write_corpus
from retrieval.build import build_library_and_index
from retrieval.corpus import bundled_corpus_dir, load_corpus
from retrieval.text import query_terms


def test_the_real_pipeline_finds_about_the_sentences_written(tmp_path: Path) -> None:
    synthetic = write_corpus(tmp_path / "corpus", 2000, seed=3, questions=50)
    loaded = load_corpus(synthetic.folder)
    assert not loaded.skipped
    assert not loaded.warnings
    assert len(loaded.articles) == synthetic.articles
    built = build_library_and_index(loaded.articles, k1=1.5, b=0.75, workers=1)
    assert abs(len(built.library.sentences) - 2000) < 2000 * 0.05
    assert all(article.source and article.title and article.date for article in loaded.articles)
    assert built.library.furniture_lines >= synthetic.articles  # every page carries furniture


def test_questions_ask_about_words_of_the_corpus(tmp_path: Path) -> None:
    synthetic = write_corpus(tmp_path / "corpus", 1000, seed=5, questions=40)
    assert len(synthetic.questions) == 40
    built = build_library_and_index(load_corpus(synthetic.folder).articles, k1=1.5, b=0.75, workers=1)
    found = [any(built.index.document_frequency(t) for t, _ in query_terms(q)) for q in synthetic.questions]
    assert sum(found) >= 0.8 * len(found)


def test_the_same_seed_writes_the_same_corpus(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 500, seed=9, questions=10)
    second = write_corpus(tmp_path / "b", 500, seed=9, questions=10)
    assert first.questions == second.questions
    names = sorted(p.name for p in first.folder.iterdir())
    assert names == sorted(p.name for p in second.folder.iterdir())
    assert all((first.folder / n).read_bytes() == (second.folder / n).read_bytes() for n in names)


def test_the_bundled_articles_join_a_synthetic_corpus_with_their_metadata(tmp_path: Path) -> None:
    synthetic = write_corpus(tmp_path / "corpus", 300, seed=4, questions=5)
    added = add_articles(synthetic.folder, bundled_corpus_dir())
    loaded = load_corpus(synthetic.folder)
    assert added == len(load_corpus(bundled_corpus_dir()).articles)
    assert len(loaded.articles) == synthetic.articles + added
    assert not loaded.skipped
    assert not loaded.warnings
    bundled = {a.id: a for a in load_corpus(bundled_corpus_dir()).articles}
    joined = [a for a in loaded.articles if a.id in bundled]
    assert [(a.title, a.source, a.date) for a in joined] == [(a.title, a.source, a.date) for a in bundled.values()]
