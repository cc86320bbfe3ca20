"""BM25Index: candidate-only scoring gives exactly rank_bm25's full-scan top k, from compact arrays."""

from __future__ import annotations

from random import Random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from retrieval import index as index_module
from retrieval.index import BM25Index, Hit, build_arrays


def zipf_corpus(seed: int, documents: int, vocabulary: int) -> tuple[list[list[str]], np.ndarray]:
    """Sentence-sized documents over a Zipfian vocabulary (some empty), and the word distribution."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, vocabulary + 1) ** 1.1
    weights /= weights.sum()
    corpus = [[f"w{t}" for t in rng.choice(vocabulary, size=rng.integers(0, 25), p=weights)] for _ in range(documents)]
    return corpus, weights


def full_scan(model: BM25Okapi, query: list[str], k: int) -> list[Hit]:
    """rank_bm25's get_scores over every document; positive scores, highest first, ties by document order."""
    scores = model.get_scores(query)
    ranked = sorted((doc for doc in range(len(scores)) if scores[doc] > 0.0), key=lambda doc: (-scores[doc], doc))
    return [Hit(doc, float(scores[doc])) for doc in ranked[:k]]


@pytest.mark.parametrize(("k1", "b"), [pytest.param(1.5, 0.75, id="defaults"), pytest.param(0.9, 0.4, id="other-k1-b")])
def test_top_k_equals_a_full_get_scores_scan_on_random_queries(k1: float, b: float) -> None:
    corpus, weights = zipf_corpus(seed=11, documents=3000, vocabulary=2500)
    index = BM25Index(corpus, k1=k1, b=b)
    model = BM25Okapi(corpus, k1=k1, b=b)
    rng = np.random.default_rng(5)
    long_postings = short_postings = pruned = 0
    for _ in range(1500):
        query = [f"w{t}" for t in rng.choice(len(weights), size=rng.integers(1, 6), p=weights)]
        if rng.random() < 0.1:
            query.append("never-seen")
        k = int(rng.choice([1, 10, 50]))
        expected = full_scan(model, query, k)
        assert index.search(query, k) == expected, query
        shortcut = index.search_pruned(query, k)
        assert shortcut in (None, expected), query
        pruned += shortcut is not None
        for term in query:
            frequency = index.document_frequency(term)
            long_postings += frequency > len(index.arrays.pair_tf)
            short_postings += 0 < frequency <= len(index.arrays.pair_tf)
    # Both ways of weighing a term's postings (per posting, per distinct (tf, length) pair) were compared.
    assert long_postings > 100
    assert short_postings > 100
    # Leaving out the longest postings (MaxScore) was shown exact and taken for many queries.
    assert pruned > 100


@pytest.mark.parametrize("share", [pytest.param(1 << 30, id="always-sparse"), pytest.param(0, id="never-sparse")])
def test_scoring_only_the_sentences_holding_a_term_equals_the_full_scan(
    monkeypatch: pytest.MonkeyPatch, share: int
) -> None:
    monkeypatch.setattr(index_module, "_SPARSE_SHARE", share)
    corpus, weights = zipf_corpus(seed=13, documents=2000, vocabulary=1500)
    index = BM25Index(corpus)
    model = BM25Okapi(corpus)
    rng = np.random.default_rng(8)
    for _ in range(400):
        query = [f"w{t}" for t in rng.choice(len(weights), size=rng.integers(1, 6), p=weights)]
        k = int(rng.choice([1, 10, 50]))
        assert index.search(query, k) == full_scan(model, query, k), query


def test_exact_ties_come_in_document_order() -> None:
    corpus = [["cat", "dog"], ["bird"], ["dog", "cat"], ["cat", "dog"], ["fish"], ["dog"]] + [["filler"]] * 10
    hits = BM25Index(corpus).search(["cat"], 10)
    assert [hit.doc for hit in hits] == [0, 2, 3]
    assert len({hit.score for hit in hits}) == 1
    assert hits == full_scan(BM25Okapi(corpus), ["cat"], 10)


def test_top_k_cut_inside_a_tie_keeps_the_earliest_documents() -> None:
    corpus = [["x", "y"]] * 6 + [["x"], ["z"]] * 3 + [["filler"]] * 20
    index = BM25Index(corpus)
    assert [hit.doc for hit in index.search(["x"], 4)] == [6, 8, 10, 0]
    assert index.search(["x"], 4) == full_scan(BM25Okapi(corpus), ["x"], 4)


def test_a_repeated_query_term_counts_twice_as_in_rank_bm25() -> None:
    corpus, _ = zipf_corpus(seed=3, documents=200, vocabulary=100)
    query = ["w5", "w5", "w9"]
    assert BM25Index(corpus).search(query, 20) == full_scan(BM25Okapi(corpus), query, 20)


def test_idf_and_document_frequency_are_rank_bm25s() -> None:
    corpus, _ = zipf_corpus(seed=4, documents=500, vocabulary=400)
    index, model = BM25Index(corpus), BM25Okapi(corpus)
    assert set(index.arrays.terms) == set(model.idf)
    for term, idf in model.idf.items():
        assert index.idf(term) == idf
        assert index.document_frequency(term) == sum(term in doc for doc in corpus)
    assert index.idf("never-seen") == max(model.idf.values())
    assert index.document_frequency("never-seen") == 0


def test_candidates_are_the_documents_holding_any_query_term() -> None:
    corpus, _ = zipf_corpus(seed=6, documents=300, vocabulary=200)
    index = BM25Index(corpus)
    query = ["w3", "w40", "never-seen"]
    expected = [doc for doc, tokens in enumerate(corpus) if set(tokens) & set(query)]
    assert index.candidates(query).tolist() == expected
    assert index.candidates(["never-seen"]).tolist() == []


@pytest.mark.parametrize(
    ("corpus", "query", "k"),
    [
        pytest.param([], ["a"], 5, id="empty-index"),
        pytest.param([[], []], ["a"], 5, id="only-empty-documents"),
        pytest.param([["a"], ["b"]], ["c"], 5, id="unknown-terms"),
        pytest.param([["a"], ["b"]], [], 5, id="empty-query"),
        pytest.param([["a"], ["b"]], ["a"], 0, id="k-zero"),
    ],
)
def test_nothing_to_find_finds_nothing(corpus: list[list[str]], query: list[str], k: int) -> None:
    index = BM25Index(corpus)
    assert index.search(query, k) == []
    assert index.size == len(corpus)


def test_a_term_in_most_documents_gets_rank_bm25s_epsilon_floor() -> None:
    corpus = [["common", "rare"], ["common"], ["common", "other"], ["common"], ["x"]]
    index, model = BM25Index(corpus), BM25Okapi(corpus)
    assert index.idf("common") == model.idf["common"] == model.epsilon * model.average_idf
    assert index.search(["common", "rare"], 5) == full_scan(model, ["common", "rare"], 5)


def test_from_arrays_gives_the_same_index() -> None:
    corpus, _ = zipf_corpus(seed=8, documents=400, vocabulary=300)
    rebuilt = BM25Index.from_arrays(build_arrays(corpus, k1=1.2, b=0.6))
    assert rebuilt.search(["w1", "w7"], 30) == BM25Index(corpus, k1=1.2, b=0.6).search(["w1", "w7"], 30)


@settings(max_examples=150, deadline=None)
@given(
    corpus=st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=8), min_size=1, max_size=30).filter(any),
    query=st.lists(st.sampled_from("abcdefghz"), min_size=1, max_size=5),
    k=st.integers(min_value=1, max_value=40),
)
def test_any_small_corpus_ranks_as_the_full_scan(corpus: list[list[str]], query: list[str], k: int) -> None:
    assert BM25Index(corpus).search(query, k) == full_scan(BM25Okapi(corpus), query, k)


def test_numbering_pairs_by_sorting_gives_the_same_index(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, _ = zipf_corpus(seed=9, documents=400, vocabulary=300)
    by_table = build_arrays(corpus)
    monkeypatch.setattr("retrieval.index._PAIR_TABLE_LIMIT", 0)
    by_sort = build_arrays(corpus)
    assert by_sort.pairs.tolist() == by_table.pairs.tolist()
    assert by_sort.pair_tf.tolist() == by_table.pair_tf.tolist()
    assert by_sort.pair_len.tolist() == by_table.pair_len.tolist()


@given(st.lists(st.lists(st.sampled_from("abcdefg"), max_size=6), min_size=1, max_size=12))
def test_the_forward_index_gives_each_documents_terms(corpus: list[list[str]]) -> None:
    index = BM25Index(corpus)
    assert [index.terms_of(doc) for doc in range(len(corpus))] == [frozenset(doc) for doc in corpus]


@given(
    st.lists(st.lists(st.sampled_from("abcdefg"), max_size=6), min_size=1, max_size=12),
    st.sampled_from("abcdefgz"),
    st.lists(st.integers(min_value=-1, max_value=12), max_size=20),
)
def test_holding_is_membership_in_each_documents_terms(corpus: list[list[str]], term: str, docs: list[int]) -> None:
    index = BM25Index(corpus)
    held = index.holding(term, np.array(docs, dtype=np.int64)).tolist()
    assert held == [0 <= doc < len(corpus) and term in corpus[doc] for doc in docs]


@given(st.lists(st.lists(st.integers(min_value=0, max_value=40), max_size=15), min_size=1, max_size=5))
def test_the_union_of_postings_is_their_distinct_documents_ascending(lists: list[list[int]]) -> None:
    arrays = [np.array(sorted(set(docs)), dtype=np.int32) for docs in lists]
    assert index_module._union(arrays).tolist() == sorted({doc for docs in lists for doc in docs})


@given(
    st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=20),
    st.randoms(use_true_random=False),
)
def test_contenders_keep_the_top_k_and_its_ties(values: list[int], k: int, random: Random) -> None:
    # Small whole scores, zeros among them: many ties at the k-th best, some documents that score nothing.
    scores = np.array(values, dtype=np.float64)
    docs = list(range(len(values)))
    random.shuffle(docs)
    sample = np.array(sorted(docs[: random.randint(0, len(docs))]), dtype=np.int64)
    plain = np.flatnonzero(scores > 0.0)
    found = index_module._contenders(scores, sample, k)
    assert found.tolist() == sorted(found.tolist())
    assert set(found.tolist()) <= set(plain.tolist())
    ranked = found[index_module._top(scores[found], k)].tolist()
    assert ranked == plain[index_module._top(scores[plain], k)].tolist()
