"""Measurements that run in a fresh process of their own, so that each reports its own time and peak memory."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi

from bot.bootstrap import build_runtime
from bot.heap import prepare_to_serve
from config import Settings
from retrieval.text import query_terms, terms

TOP_K = 50  # the service's default number of candidates


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux reports KiB


def _query(question: str) -> list[str]:
    return [term for term, _ in query_terms(question)]


def serve(corpus: Path, cache: Path, questions: list[str], compare: int) -> dict[str, Any]:
    """Load the runtime from the cache, answer every question, and time the index search alone too."""
    started = time.perf_counter()
    runtime = build_runtime(Settings(_env_file=None, corpus_dir=corpus, cache_dir=cache))
    load_s = time.perf_counter() - started
    prepare_to_serve(runtime.service)  # as the long-running commands do
    service = runtime.service
    took = [service.timed(question).took_ms for question in questions]
    search_ms: list[float] = []
    top: list[list[tuple[int, float]]] = []
    for question in questions:
        query = _query(question)
        started = time.perf_counter()
        hits = service.index.search(query, TOP_K)
        search_ms.append((time.perf_counter() - started) * 1000.0)
        if len(top) < compare:
            top.append([(hit.doc, hit.score) for hit in hits])
    return {
        "index_source": runtime.index_source,
        "sentences": len(runtime.library.sentences),
        "load_s": load_s,
        "took_ms": took,
        "search_ms": search_ms,
        "top": top,
        "peak_rss_mb": _peak_rss_mb(),
    }


def baseline(corpus: Path, cache: Path, questions: list[str]) -> dict[str, Any]:
    """rank_bm25 as documented: BM25Okapi over every tokenised sentence, get_scores over all for each question."""
    runtime = build_runtime(Settings(_env_file=None, corpus_dir=corpus, cache_dir=cache))
    documents = [terms(sentence.text) for sentence in runtime.library.sentences]
    started = time.perf_counter()
    model = BM25Okapi(documents)
    build_s = time.perf_counter() - started
    del documents
    scan_ms: list[float] = []
    top: list[list[tuple[int, float]]] = []
    for question in questions:
        query = _query(question)
        started = time.perf_counter()
        scores = np.asarray(model.get_scores(query))
        order = np.argsort(-scores, kind="stable")[:TOP_K]
        hits = [(int(i), float(scores[i])) for i in order if scores[i] > 0.0]
        scan_ms.append((time.perf_counter() - started) * 1000.0)
        top.append(hits)
    return {"build_s": build_s, "scan_ms": scan_ms, "top": top, "peak_rss_mb": _peak_rss_mb()}


def main(argv: list[str]) -> int:
    """python -m bench.probe serve|baseline CORPUS CACHE QUESTIONS.json COMPARE OUT.json"""
    mode, corpus, cache, questions_file, compare, out = argv
    questions: list[str] = json.loads(Path(questions_file).read_text(encoding="utf-8"))
    if mode == "serve":
        result = serve(Path(corpus), Path(cache), questions, int(compare))
    else:
        result = baseline(Path(corpus), Path(cache), questions[: int(compare)])
    Path(out).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
