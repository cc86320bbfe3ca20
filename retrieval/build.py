"""Split a corpus into sentences and index terms on every core, then assemble the library and the index."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from retrieval.index import BM25Index, build_arrays
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


def split_corpus(articles: Sequence[Article], workers: int, progress: Progress | None = None) -> list[SplitArticle]:
    """Split every article, in order; across worker processes when there are enough articles to pay for them."""
    total = len(articles)
    done: list[SplitArticle] = []
    if workers <= 1 or total < PARALLEL_MIN_ARTICLES:
        for article in articles:
            done.append(split_for_index(article))
            if progress is not None:
                progress(len(done), total)
        return done
    # Imported here: answering a question from a small corpus or a cache never starts a pool.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    # forkserver, not fork: forking a process that may run threads (the bot's) can deadlock a child.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    chunk = max(1, min(64, total // (workers * 16)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        for item in pool.map(split_for_index, articles, chunksize=chunk):
            done.append(item)
            if progress is not None:
                progress(len(done), total)
    return done


def assemble(
    articles: Sequence[Article], split: Sequence[SplitArticle], k1: float, b: float
) -> tuple[Library, BM25Index]:
    """The library (a compact sentence table) and the BM25 index over split articles."""
    counts = [len(item.starts) for item in split]
    sentences = sum(counts)
    table = SentenceTable(
        articles,
        article=np.repeat(np.arange(len(articles), dtype=np.int32), counts),
        start=np.fromiter(chain.from_iterable(item.starts for item in split), dtype=np.int32, count=sentences),
        end=np.fromiter(chain.from_iterable(item.ends for item in split), dtype=np.int32, count=sentences),
    )
    documents = (line.split() for item in split for line in item.terms)
    index = BM25Index.from_arrays(build_arrays(documents, k1=k1, b=b))
    return Library.from_table(table, sum(item.furniture for item in split)), index


def build_library_and_index(
    articles: Sequence[Article], *, k1: float, b: float, workers: int, progress: Progress | None = None
) -> tuple[Library, BM25Index]:
    """Split the articles (in parallel when it pays) and build the library and the index."""
    return assemble(articles, split_corpus(articles, workers, progress), k1, b)
