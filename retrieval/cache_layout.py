"""How a build is laid out as named numeric arrays for the cache, and the checks that such arrays are sound."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from retrieval.build import Built, Split, text_digest
from retrieval.index import BM25Index, IndexArrays
from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentence_table import SentenceTable

DIGEST_SIZE = len(text_digest(""))
INT32 = np.dtype(np.int32)
ARRAYS: dict[str, np.dtype[np.generic]] = {
    "terms": np.dtype(np.uint8),  # the vocabulary, UTF-8, one term a line
    "offsets": np.dtype(np.int64),
    "docs": INT32,
    "pairs": INT32,
    "pair_tf": INT32,
    "pair_len": INT32,
    "doc_len": INT32,
    "idf": np.dtype(np.float64),
    "sentence_article": INT32,
    "sentence_start": INT32,
    "sentence_end": INT32,
    "article_digest": np.dtype(np.uint8),  # each article's text_digest, back to back
    "article_furniture": INT32,
}


def members_of(built: Built) -> dict[str, np.ndarray]:
    """The arrays that hold a build (its library must be over a SentenceTable)."""
    table = built.library.sentences
    if not isinstance(table, SentenceTable):
        raise TypeError("only a library over a SentenceTable can be cached")
    arrays = built.index.arrays
    return {
        "terms": np.frombuffer("\n".join(arrays.terms).encode("utf-8", "surrogatepass"), dtype=np.uint8),
        "offsets": arrays.offsets,
        "docs": arrays.docs,
        "pairs": arrays.pairs,
        "pair_tf": arrays.pair_tf,
        "pair_len": arrays.pair_len,
        "doc_len": arrays.doc_len,
        "idf": arrays.idf,
        "sentence_article": table.article,
        "sentence_start": table.start,
        "sentence_end": table.end,
        "article_digest": np.frombuffer(b"".join(text_digest(a.text) for a in table.articles), dtype=np.uint8),
        "article_furniture": built.furniture,
    }


def built_from(header: dict[str, Any], arrays: dict[str, np.ndarray], articles: Sequence[Article]) -> Built:
    """The build held by checked arrays, over these articles."""
    check(arrays, header, len(articles))
    _check_offsets(arrays, articles)
    terms = tuple(arrays["terms"].tobytes().decode("utf-8", "surrogatepass").split("\n")) if header["terms"] else ()
    if len(terms) != header["terms"]:
        raise ValueError("inconsistent vocabulary")
    index_arrays = IndexArrays(
        terms=terms,
        offsets=arrays["offsets"],
        docs=arrays["docs"],
        pairs=arrays["pairs"],
        pair_tf=arrays["pair_tf"],
        pair_len=arrays["pair_len"],
        doc_len=arrays["doc_len"],
        idf=arrays["idf"],
        k1=float(header["k1"]),
        b=float(header["b"]),
        epsilon=float(header["epsilon"]),
    )
    table = SentenceTable(articles, arrays["sentence_article"], arrays["sentence_start"], arrays["sentence_end"])
    furniture = arrays["article_furniture"]
    library = Library.from_table(table, int(furniture.sum()))
    return Built(library, BM25Index.from_arrays(index_arrays), furniture)


def splits_from(arrays: dict[str, np.ndarray]) -> dict[bytes, Split]:
    """Each article's split held by checked arrays, by text digest."""
    digests = arrays["article_digest"].tobytes()
    furniture = arrays["article_furniture"].tolist()
    counts = np.bincount(arrays["sentence_article"], minlength=len(furniture)).tolist()
    starts, ends = arrays["sentence_start"].tolist(), arrays["sentence_end"].tolist()
    splits: dict[bytes, Split] = {}
    first = 0
    for number, count in enumerate(counts):
        digest = digests[number * DIGEST_SIZE : (number + 1) * DIGEST_SIZE]
        splits[digest] = Split(
            tuple(starts[first : first + count]), tuple(ends[first : first + count]), furniture[number]
        )
        first += count
    return splits


def check(arrays: dict[str, np.ndarray], header: dict[str, Any], count: int) -> None:
    """Refuse arrays that disagree with each other or with the article count: they would index out of range."""
    offsets, docs, pairs = arrays["offsets"], arrays["docs"], arrays["pairs"]
    size = len(arrays["doc_len"])
    article, start, end = arrays["sentence_article"], arrays["sentence_start"], arrays["sentence_end"]
    checks: tuple[tuple[str, Callable[[], object]], ...] = (
        ("vocabulary size", lambda: len(offsets) == len(arrays["idf"]) + 1 == int(header["terms"]) + 1),
        ("offsets", lambda: offsets[0] == 0 and offsets[-1] == len(docs) and not np.any(np.diff(offsets) < 0)),
        ("postings", lambda: len(pairs) == len(docs) and len(arrays["pair_len"]) == len(arrays["pair_tf"])),
        ("document numbers", lambda: not len(docs) or (docs.min() >= 0 and docs.max() < size)),
        ("pair numbers", lambda: not len(pairs) or (pairs.min() >= 0 and pairs.max() < len(arrays["pair_tf"]))),
        ("article count", lambda: header["articles"] == count == len(arrays["article_furniture"])),
        ("article digests", lambda: len(arrays["article_digest"]) == count * DIGEST_SIZE),
        ("sentence count", lambda: len(article) == len(start) == len(end) == size),
        ("sentence order", lambda: not np.any(np.diff(article) < 0)),
        ("sentence articles", lambda: not size or (article[0] >= 0 and article[-1] < count)),
        ("sentence offsets", lambda: not np.any((start < 0) | (start > end))),
    )
    for what, holds in checks:
        if not holds():
            raise ValueError(f"inconsistent {what}")


def _check_offsets(arrays: dict[str, np.ndarray], articles: Sequence[Article]) -> None:
    """Refuse sentences that end beyond their article's text."""
    lengths = np.fromiter((len(a.text) for a in articles), dtype=np.int64, count=len(articles))
    if len(arrays["sentence_end"]) and np.any(arrays["sentence_end"] > lengths[arrays["sentence_article"]]):
        raise ValueError("inconsistent sentence offsets beyond their article")
