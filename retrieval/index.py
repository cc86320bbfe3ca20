"""Exact BM25 (rank_bm25.BM25Okapi) over tokenised sentences, scoring only sentences that share a query term."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

EPSILON = 0.25  # rank_bm25's default floor for the idf of terms in more than half the documents
_PAIR_TABLE_LIMIT = 1 << 24  # (tf, length) keys below this are numbered through a table, not a sort
# Search leaves out the postings of terms in more than 1/_COMMON_SHARE of the documents, when the other terms'
# postings are fewer than 1/_WORTH_PRUNING of all (and their top k can be shown exact).
_COMMON_SHARE = 64
_WORTH_PRUNING = 4
# Search scores only the sentences holding a query term when their postings are under 1/_SPARSE_SHARE of the
# sentences: below that, sorting them costs less than an array over every sentence.
_SPARSE_SHARE = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """A document (sentence) index and its BM25 score."""

    doc: int
    score: float


@dataclass(frozen=True, slots=True)
class IndexArrays:
    """The index as flat arrays: an inverted index in CSR form plus rank_bm25's statistics.

    Term t's postings are docs[offsets[t]:offsets[t + 1]], ascending. A posting's pair number points
    into (pair_tf, pair_len): its term frequency and its document's length. A corpus has few distinct
    (tf, length) pairs, and a term's BM25 weight in a document depends on nothing else.
    """

    terms: tuple[str, ...]  # in order of first appearance, the order rank_bm25 sums idfs in
    offsets: np.ndarray  # int64, len(terms) + 1
    docs: np.ndarray  # int32, one per posting
    pairs: np.ndarray  # int32, one per posting
    pair_tf: np.ndarray  # int32
    pair_len: np.ndarray  # int32
    doc_len: np.ndarray  # int32, tokens per document
    idf: np.ndarray  # float64 per term, as rank_bm25 computed it
    tokens: np.ndarray  # int32, every document's term numbers in order, doc_len of them each (a forward index)
    k1: float
    b: float
    epsilon: float


class IndexBuilder:
    """Collects tokenised documents one at a time as term numbers, then makes the index arrays."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._ids: array[int] = array("i")
        self._lengths: array[int] = array("i")

    def add(self, tokens: Sequence[str]) -> None:
        """Append the next document."""
        vocab = self._vocab
        self._lengths.append(len(tokens))
        # First appearance numbers the terms: the order rank_bm25 sums their idfs in.
        self._ids.extend([vocab.setdefault(token, len(vocab)) for token in tokens])

    def finish(self, k1: float = 1.5, b: float = 0.75, epsilon: float = EPSILON) -> IndexArrays:
        """The index over every document added."""
        vocab, ids, lengths = self._vocab, self._ids, self._lengths
        self._vocab, self._ids, self._lengths = {}, array("i"), array("i")
        size, stride = len(lengths), max(len(lengths), 1)
        doc_len = np.frombuffer(lengths, dtype=np.int32).copy() if size else np.zeros(0, dtype=np.int32)
        # One sort of (term, doc) keys yields the postings of every term, ascending, with their frequencies.
        tokens = np.frombuffer(ids, dtype=np.int32).copy() if ids else np.zeros(0, np.int32)
        del ids
        keys = tokens.astype(np.int64)
        keys *= stride
        keys += np.repeat(np.arange(size, dtype=np.int64), doc_len)
        keys.sort()
        firsts = np.flatnonzero(np.diff(keys, prepend=-1))
        tf = np.diff(np.append(firsts, keys.size)).astype(np.int32)
        keys = keys[firsts]
        del firsts
        offsets = np.searchsorted(keys, np.arange(len(vocab) + 1, dtype=np.int64) * stride)
        keys %= stride
        docs = keys.astype(np.int32)
        del keys
        pair_tf, pair_len, pairs = _pairs(tf, doc_len[docs])
        terms = tuple(vocab)
        frequencies = np.diff(offsets).tolist()
        return IndexArrays(
            terms=terms,
            offsets=offsets,
            docs=docs,
            pairs=pairs,
            pair_tf=pair_tf,
            pair_len=pair_len,
            doc_len=doc_len,
            idf=_okapi_idf(dict(zip(terms, frequencies, strict=True)), size, epsilon),
            tokens=tokens,
            k1=k1,
            b=b,
            epsilon=epsilon,
        )


def build_arrays(
    documents: Iterable[Sequence[str]], k1: float = 1.5, b: float = 0.75, epsilon: float = EPSILON
) -> IndexArrays:
    """Index tokenised documents: postings, term frequencies and rank_bm25's own idf values."""
    builder = IndexBuilder()
    for tokens in documents:
        builder.add(tokens)
    return builder.finish(k1, b, epsilon)


def _pairs(tf: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct (tf, length) pairs of the postings, and each posting's pair number (all int32)."""
    width = int(lengths.max(initial=0)) + 1
    keys = tf.astype(np.int64) * width + lengths
    space = (int(tf.max(initial=0)) + 1) * width
    if space <= _PAIR_TABLE_LIMIT:  # the usual case: a table over every possible key beats a sort
        present = np.zeros(space, dtype=bool)
        present[keys] = True
        distinct = np.flatnonzero(present)
        number = np.zeros(space, dtype=np.int32)
        number[distinct] = np.arange(len(distinct), dtype=np.int32)
        pairs = number[keys]
    else:
        distinct, inverse = np.unique(keys, return_inverse=True)
        pairs = inverse.astype(np.int32).reshape(-1)
    return (distinct // width).astype(np.int32), (distinct % width).astype(np.int32), pairs


def _okapi_idf(document_frequency: dict[str, int], size: int, epsilon: float) -> np.ndarray:
    """rank_bm25's idf per term, computed by its own code (insertion order fixes the epsilon floor)."""
    if not document_frequency:
        return np.zeros(0, dtype=np.float64)
    model = BM25Okapi.__new__(BM25Okapi)
    model.corpus_size = size
    model.epsilon = epsilon
    model.idf = {}
    model._calc_idf(document_frequency)  # rank_bm25's own idf, without its dict per document
    return np.fromiter(model.idf.values(), dtype=np.float64, count=len(document_frequency))


class BM25Index:
    """rank_bm25 scores, computed only for candidate documents found through a term-to-document map.

    BM25 gives a document no score for a term it lacks, so every document outside the union of the
    query terms' postings scores exactly 0 and cannot enter the top k ahead of a matching one.
    The state lives in flat arrays (IndexArrays) rather than in rank_bm25's dict per document, and the
    weights come from BM25Okapi.get_batch_scores on a small model holding one document per (tf, length) pair.
    """

    def __init__(self, documents: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self._init(build_arrays(documents, k1=k1, b=b))

    @classmethod
    def from_arrays(cls, arrays: IndexArrays) -> BM25Index:
        """An index over arrays built earlier (by build_arrays, or loaded from the cache)."""
        index = cls.__new__(cls)
        index._init(arrays)
        return index

    def _init(self, arrays: IndexArrays) -> None:
        self.arrays = arrays
        self.size = len(arrays.doc_len)
        self._vocab = {term: number for number, term in enumerate(arrays.terms)}
        self._max_idf = float(arrays.idf.max(initial=0.0)) if arrays.idf.size else 0.0
        # rank_bm25 divides the total length by the corpus size with Python ints.
        self._avgdl = int(arrays.doc_len.sum(dtype=np.int64)) / self.size if self.size else 0.0
        self._starts = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(arrays.doc_len, out=self._starts[1:])
        self._tf_part: np.ndarray | None = None  # _unit_weights, worked out at the first search

    def terms_of(self, doc: int) -> frozenset[str]:
        """The distinct terms of one document, read from the forward index."""
        terms = self.arrays.terms
        start, end = self._starts[doc : doc + 2].tolist()
        return frozenset(map(terms.__getitem__, self.arrays.tokens[start:end].tolist()))

    def _postings(self, term: str) -> tuple[int, slice] | None:
        number = self._vocab.get(term)
        if number is None:
            return None
        return number, slice(int(self.arrays.offsets[number]), int(self.arrays.offsets[number + 1]))

    def document_frequency(self, term: str) -> int:
        """How many documents contain term."""
        found = self._postings(term)
        return 0 if found is None else found[1].stop - found[1].start

    @property
    def max_idf(self) -> float:
        """The largest idf in the index: that of a term in one sentence."""
        return self._max_idf

    def idf(self, term: str) -> float:
        """rank_bm25's idf for a term, or the largest idf in the index for a term it has never seen."""
        number = self._vocab.get(term)
        return self._max_idf if number is None else float(self.arrays.idf[number])

    def holding(self, term: str, docs: np.ndarray) -> np.ndarray:
        """For each of docs, whether it holds term: a look-up in the term's postings, which are ascending."""
        found = self._postings(term)
        if found is None or found[1].start == found[1].stop:
            return np.zeros(len(docs), dtype=bool)
        return _look_up(self.arrays.docs[found[1]], docs)[1]

    def candidates(self, query: Sequence[str]) -> np.ndarray:
        """Documents that contain at least one query term, ascending."""
        lists = [self.arrays.docs[found[1]] for term in set(query) if (found := self._postings(term)) is not None]
        if not lists:
            return np.empty(0, dtype=np.int64)
        return _union(lists).astype(np.int64)

    def search(self, query: Sequence[str], k: int) -> list[Hit]:
        """Return the top k documents by BM25 score (ties by document order); zero scores excluded."""
        if k <= 0 or self.size == 0:
            return []
        found = [(term, hit) for term in query if (hit := self._postings(term)) is not None]
        if not found:
            return []
        if sum(docs.stop - docs.start for _, (_, docs) in found) * _SPARSE_SHARE < self.size:
            # Few postings: score the sentences holding a term, not an array over every sentence.
            return self._scored_among(found, frozenset(), k) or []
        pruned = self._search_pruned(found, k)
        if pruned is not None:
            return pruned
        scores = np.zeros(self.size, dtype=np.float64)
        for _, (number, postings) in found:
            # Adding each term's weight in query order is the very sum rank_bm25's get_scores makes;
            # a term a document lacks adds exactly 0 there, so skipping it changes nothing. (ufunc.at adds
            # in one pass, each addition in turn: a fancy-index += reads, adds and writes in three.)
            np.add.at(scores, self.arrays.docs[postings], self._weights(number, postings))
        # The rarest term's postings that number k or more hold k documents that score at least their k-th best.
        sample = min((docs for _, (_, docs) in found if docs.stop - docs.start >= k), key=_length, default=None)
        docs = _contenders(scores, self.arrays.docs[sample] if sample is not None else None, k)
        return [Hit(int(docs[i]), float(scores[docs[i]])) for i in _top(scores[docs], k)]

    def search_pruned(self, query: Sequence[str], k: int) -> list[Hit] | None:
        """The top k scored without walking the longest postings, or None when that cannot be shown exact."""
        found = [(term, hit) for term in query if (hit := self._postings(term)) is not None]
        return self._search_pruned(found, k) if found and k > 0 else None

    def _search_pruned(self, found: Sequence[tuple[str, tuple[int, slice]]], k: int) -> list[Hit] | None:
        """search_pruned over the query terms' postings.

        MaxScore (Turtle and Flood, 1995): the documents holding none of the rarer terms score at most
        the sum of the common terms' largest weights. When the k-th best document holding a rarer term
        scores more than that, no other document can enter the top k, and only the rarer terms' postings
        need walking; the common terms' weights are looked up for those documents alone.
        """
        common = self._common_terms(found)
        if not common:
            return None
        return self._scored_among(found, common, k)

    def _scored_among(
        self, found: Sequence[tuple[str, tuple[int, slice]]], common: frozenset[str], k: int
    ) -> list[Hit] | None:
        """The top k of the sentences holding a term not in common, scored exactly, when provably the top k of
        all (always so when common is empty: then they are every sentence that can score), else None."""
        rare = [docs for term, (_, docs) in found if term not in common]
        candidates = _union([self.arrays.docs[docs] for docs in rare])
        if common and len(candidates) < k:
            return None
        scores = np.zeros(len(candidates), dtype=np.float64)
        bound = 0.0
        for term, (number, postings) in found:  # in query order: the same sums as a full scan makes
            at, present = _look_up(self.arrays.docs[postings], candidates)
            held = np.flatnonzero(present)
            # Weighed per distinct (tf, length) pair, then read for the postings found.
            weights = self._pair_weights(number)
            scores[held] += weights[self.arrays.pairs[postings][at[held]]]
            if term in common:
                # Rounded addition is monotonic: summed in the same order, the largest weights bound any sum.
                bound += max(float(weights.max()), 0.0)  # a document without the term adds 0 for it
        positive = np.flatnonzero(scores > 0.0)
        if common and len(positive) < k:
            return None
        top = _top(scores[positive], k)
        if common and not scores[positive[top[-1]]] > bound:
            return None
        return [Hit(int(candidates[positive[i]]), float(scores[positive[i]])) for i in top]

    def _common_terms(self, found: Sequence[tuple[str, tuple[int, slice]]]) -> frozenset[str]:
        """The terms whose postings are worth not walking: long ones, and never every term of the query."""
        lengths = {term: docs.stop - docs.start for term, (_, docs) in found}
        ordered = sorted(lengths, key=lambda term: -lengths[term])
        common = [term for term in ordered[:-1] if lengths[term] * _COMMON_SHARE > self.size]
        rest = sum(lengths[term] for term in ordered if term not in common)
        return frozenset(common) if common and rest * _WORTH_PRUNING < sum(lengths.values()) else frozenset()

    def _weights(self, number: int, postings: slice) -> np.ndarray:
        """rank_bm25's weight of term number in each of its postings."""
        weights: np.ndarray = self._pair_weights(number)[self.arrays.pairs[postings]]
        return weights

    def _pair_weights(self, number: int) -> np.ndarray:
        """rank_bm25's weight of term number for each distinct (tf, length) pair of the corpus.

        get_batch_scores adds idf * tf_part to zeros, where tf_part depends on the pair alone: the term's idf times
        the tf part worked out once (as get_batch_scores works it out for a term of idf 1) is the very same number.
        """
        weights: np.ndarray = float(self.arrays.idf[number]) * self._unit_weights()
        return weights

    def _unit_weights(self) -> np.ndarray:
        """BM25Okapi.get_batch_scores of a term of idf 1 for each distinct (tf, length) pair: BM25's tf part."""
        if self._tf_part is None:
            model = BM25Okapi.__new__(BM25Okapi)
            model.k1, model.b, model.epsilon = self.arrays.k1, self.arrays.b, self.arrays.epsilon
            model.avgdl = self._avgdl
            model.idf = {"": 1.0}
            model.doc_len = self.arrays.pair_len
            model.doc_freqs = [{"": count} for count in self.arrays.pair_tf.tolist()]
            pairs = list(range(len(self.arrays.pair_tf)))
            self._tf_part = np.asarray(model.get_batch_scores([""], pairs), dtype=np.float64)
        return self._tf_part


def _length(postings: slice) -> int:
    return int(postings.stop - postings.start)


def _contenders(scores: np.ndarray, sample: np.ndarray | None, k: int) -> np.ndarray:
    """The documents that may be among the top k by score, ascending: those scoring at least the k-th best score among
    sample (k documents or more), when that is positive, else every one scoring above 0.

    The k-th best score of all is at least the k-th best of any k documents, so the top k, ties with the k-th
    included, score at least that: a cut that leaves tens of documents to rank instead of every one with a term.
    """
    if sample is not None and len(sample) >= k > 0:
        held = scores[sample]
        floor = np.partition(held, len(held) - k)[len(held) - k]
        if floor > 0.0:
            return np.flatnonzero(scores >= floor)
    return np.flatnonzero(scores > 0.0)


def _look_up(postings: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of docs stands (or would) in ascending, non-empty postings, and whether it is there."""
    at = np.minimum(np.searchsorted(postings, docs), len(postings) - 1)
    return at, postings[at] == docs


def _union(lists: Sequence[np.ndarray]) -> np.ndarray:
    """The distinct values of some arrays, ascending (np.unique would import numpy.ma on first use: 16 ms)."""
    merged = np.sort(np.concatenate(lists))
    if len(merged) < 2:
        return merged
    distinct: np.ndarray = merged[np.concatenate(([True], merged[1:] != merged[:-1]))]
    return distinct


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, highest first, equal scores in position order."""
    if len(scores) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        above = np.flatnonzero(scores > kth)
        tied = np.flatnonzero(scores == kth)[: k - len(above)]
        chosen = np.sort(np.concatenate([above, tied]))
    else:
        chosen = np.arange(len(scores))
    return chosen[np.argsort(-scores[chosen], kind="stable")]
