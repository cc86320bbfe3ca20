"""The composition root: settings to a loaded corpus and a ready QA service."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from config import Settings
from retrieval.answer import AnswerPolicy
from retrieval.corpus import CorpusLoad, bundled_corpus_dir, load_corpus
from retrieval.library import Library
from retrieval.sentences import split_article
from retrieval.service import QAService


@dataclass(frozen=True, slots=True)
class Runtime:
    """Everything an entrypoint needs: what was loaded and the service over it."""

    corpus: CorpusLoad
    library: Library
    service: QAService


def corpus_dir(settings: Settings) -> Path:
    """The folder the settings point at, or the bundled corpus."""
    return settings.corpus_dir if settings.corpus_dir is not None else bundled_corpus_dir()


def policy(settings: Settings) -> AnswerPolicy:
    """The answer policy the settings describe."""
    return AnswerPolicy(max_quotes=settings.max_quotes, min_coverage=settings.min_coverage)


def build_runtime(settings: Settings) -> Runtime:
    """Load the corpus, split and index it, and wire the QA service."""
    corpus = load_corpus(corpus_dir(settings))
    library = Library.build(split_article(article) for article in corpus.articles)
    service = QAService.build(
        library,
        policy(settings),
        k1=settings.bm25_k1,
        b=settings.bm25_b,
        candidates=settings.candidates,
        max_question_length=settings.max_question_length,
    )
    return Runtime(corpus, library, service)
