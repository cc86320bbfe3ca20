"""Exact BM25 (rank_bm25.BM25Okapi) over tokenised sentences, scoring only sentences that share a query term."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi


@dataclass(frozen=True, slots=True)
class Hit:
    """A document (sentence) index and its BM25 score."""

    doc: int
    score: float


class BM25Index:
    """rank_bm25 scores, computed only for candidate documents found through a term-to-document map.

    BM25 gives a document no score for a term it lacks, so every document outside the union of the
    query terms' postings scores exactly 0 and cannot enter the top k ahead of a matching one.
    """

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.size = len(documents)
        postings: dict[str, list[int]] = {}
        for doc, tokens in enumerate(documents):
            for term in set(tokens):
                postings.setdefault(term, []).append(doc)
        self._postings = {term: np.asarray(docs, dtype=np.int64) for term, docs in postings.items()}
        # rank_bm25 divides by the corpus size; an empty corpus has nothing to score.
        self._bm25 = BM25Okapi([list(tokens) for tokens in documents], k1=k1, b=b) if documents else None

    @property
    def bm25(self) -> BM25Okapi | None:
        """The underlying rank_bm25 model (None for an empty index)."""
        return self._bm25

    def document_frequency(self, term: str) -> int:
        """How many documents contain term."""
        docs = self._postings.get(term)
        return 0 if docs is None else len(docs)

    def idf(self, term: str) -> float:
        """rank_bm25's idf for a term, or the largest idf in the index for a term it has never seen."""
        if self._bm25 is None:
            return 0.0
        known: dict[str, float] = self._bm25.idf
        if term in known:
            return float(known[term])
        return max(known.values(), default=0.0)

    def candidates(self, query: Sequence[str]) -> np.ndarray:
        """Documents that contain at least one query term, ascending."""
        lists = [self._postings[term] for term in set(query) if term in self._postings]
        if not lists:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate(lists))

    def search(self, query: Sequence[str], k: int) -> list[Hit]:
        """Return the top k documents by BM25 score (ties by document order); zero scores excluded."""
        if self._bm25 is None or k <= 0:
            return []
        docs = self.candidates(query)
        if docs.size == 0:
            return []
        scores = np.asarray(self._bm25.get_batch_scores(list(query), docs.tolist()), dtype=np.float64)
        # Stable sort by descending score keeps ascending document order among ties.
        order = np.argsort(-scores, kind="stable")[:k]
        return [Hit(int(docs[i]), float(scores[i])) for i in order if scores[i] > 0.0]
