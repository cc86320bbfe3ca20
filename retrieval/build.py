"""Split a corpus into sentences and index terms on every core, then assemble the library and the index."""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from retrieval.index import BM25Index, IndexBuilder
from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentence_table import SentenceTable
from retrieval.sentences import split_article
from retrieval.text import terms

Progress = Callable[[int, int], None]  # (articles split so far, articles in all)
# Below this many articles, starting worker processes costs more than splitting in this one.
PARALLEL_MIN_ARTICLES = 64


@dataclass(frozen=True, slots=True)
class SplitArticle:
    """One article's content sentences as offsets, each sentence's index terms, and its furniture line count."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    terms: tuple[str, ...]  # per sentence, its index terms joined by spaces (terms never hold spaces)
    furniture: int


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def split_for_index(article: Article) -> SplitArticle:
    """Split one article into content sentences and their index terms (what a worker process does)."""
    split = split_article(article)
    return SplitArticle(
        starts=tuple(s.start for s in split.sentences),
        ends=tuple(s.end for s in split.sentences),
        terms=tuple(" ".join(terms(s.text)) for s in split.sentences),
        furniture=len(split.furniture),
    )


def split_corpus(articles: Sequence[Article], workers: int, progress: Progress | None = None) -> Iterator[SplitArticle]:
    """Split every article, yielding them in order; across worker processes when there are enough articles.

    Worker processes start with forkserver (or spawn), so the caller's main module must be safe to import,
    as multiprocessing always asks.
    """
    total = len(articles)
    if workers <= 1 or total < PARALLEL_MIN_ARTICLES:
        for done, article in enumerate(articles, 1):
            yield split_for_index(article)
            if progress is not None:
                progress(done, total)
        return
    # Imported here: answering a question from a small corpus or a cache never starts a pool.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    # forkserver, not fork: forking a process that may run threads (the bot's) can deadlock a child.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    chunk = max(1, min(64, total // (workers * 16)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        for done, item in enumerate(pool.map(split_for_index, articles, chunksize=chunk), 1):
            yield item
            if progress is not None:
                progress(done, total)


def build_library_and_index(
    articles: Sequence[Article], *, k1: float, b: float, workers: int, progress: Progress | None = None
) -> tuple[Library, BM25Index]:
    """Split the articles (in parallel when it pays) and build the library (a compact sentence table) and index.

    Each article's terms become term numbers as soon as it arrives, so the corpus's terms are never all
    held as strings at once.
    """
    builder = IndexBuilder()
    article: array[int] = array("i")
    start: array[int] = array("i")
    end: array[int] = array("i")
    furniture = 0
    for number, item in enumerate(split_corpus(articles, workers, progress)):
        article.extend([number] * len(item.starts))
        start.extend(item.starts)
        end.extend(item.ends)
        furniture += item.furniture
        for line in item.terms:
            builder.add(line.split())
    table = SentenceTable(articles, *(np.frombuffer(column, dtype=np.int32).copy() for column in (article, start, end)))
    index = BM25Index.from_arrays(builder.finish(k1, b))
    return Library.from_table(table, furniture), index
