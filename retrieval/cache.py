"""Keep the built library and index on disk, keyed by corpus content and index settings; load nothing unverified.

A cache file is MAGIC, the HMAC-SHA256 of the rest under a secret kept beside it, then an uncompressed .npz
of plain numeric arrays read with allow_pickle=False. Its "header" member is JSON: the format version, the
key, and the figures the arrays must agree with. Nothing of a file is parsed before its HMAC matches, no
object is ever unpickled, and a file that fails any check is rejected with a reason (the caller rebuilds).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import secrets
import zipfile
from collections.abc import Callable, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

from retrieval import build, furniture, index, sentences, text
from retrieval.index import BM25Index, IndexArrays
from retrieval.library import Library
from retrieval.model import Article
from retrieval.sentence_table import SentenceTable

FORMAT_VERSION = 1
MAGIC = b"QBINDEX\n"
KEY_FILE = "hmac.key"
_MAC_SIZE = hashlib.sha256().digest_size
# The code and data that decide which sentences and terms an article yields: a change to any of them
# changes the key, so a cache never outlives the pipeline that built it.
_PIPELINE_MODULES = (text, furniture, sentences, build, index)
_PIPELINE_PACKAGES = ("syntok", "PyStemmer", "rank-bm25")
_INT32 = np.dtype(np.int32)
_ARRAYS: dict[str, np.dtype[np.generic]] = {
    "terms": np.dtype(np.uint8),  # the vocabulary, UTF-8, one term a line
    "offsets": np.dtype(np.int64),
    "docs": _INT32,
    "pairs": _INT32,
    "pair_tf": _INT32,
    "pair_len": _INT32,
    "doc_len": _INT32,
    "idf": np.dtype(np.float64),
    "sentence_article": _INT32,
    "sentence_start": _INT32,
    "sentence_end": _INT32,
}
_LOAD_ERRORS = (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile)


class CacheError(Exception):
    """A cache file exists but cannot be used; the message says why in one line."""


class StaleCacheError(CacheError):
    """A sound cache file for other articles, settings or code: the expected reason to rebuild."""


def pipeline_fingerprint() -> str:
    """A digest of the splitting and indexing code, the stopword list and the versions of the libraries used."""
    digest = hashlib.sha256()
    for module in _PIPELINE_MODULES:
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(resources.files("retrieval").joinpath("stopwords_en.txt").read_bytes())
    for package in _PIPELINE_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def cache_key(articles: Sequence[Article], k1: float, b: float) -> str:
    """The key of an index: every article's id, metadata and text, the BM25 settings and the pipeline."""
    digest = hashlib.sha256()
    settings = {"format": FORMAT_VERSION, "k1": k1, "b": b, "epsilon": index.EPSILON}
    digest.update(json.dumps([settings, pipeline_fingerprint()], sort_keys=True).encode())
    for article in articles:
        when = article.date.isoformat() if article.date else None
        for part in (json.dumps([article.id, article.title, article.source, when, article.url]), article.text):
            data = part.encode("utf-8", "surrogatepass")
            # Length prefixes keep the boundaries between fields unambiguous.
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
    return digest.hexdigest()


class IndexCache:
    """One corpus folder's cached library and index in a cache directory."""

    def __init__(self, directory: Path, corpus_folder: str) -> None:
        self.directory = directory
        name = hashlib.sha256(str(Path(corpus_folder).resolve()).encode()).hexdigest()[:16]
        self.path = directory / f"index-{name}.qbi"

    def _secret(self) -> bytes:
        path = self.directory / KEY_FILE
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            secret = path.read_bytes()
            if len(secret) < 32:
                raise CacheError(f"cache secret {path} is shorter than 32 bytes") from None
            return secret
        secret = secrets.token_bytes(32)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        return secret

    def save(self, key: str, library: Library, built: BM25Index) -> Path:
        """Write the library's sentence table and the index under key, atomically."""
        table = library.sentences
        if not isinstance(table, SentenceTable):
            raise TypeError("only a library over a SentenceTable can be cached")
        arrays = built.arrays
        members = {
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
        }
        header = {
            "format": FORMAT_VERSION,
            "key": key,
            "k1": arrays.k1,
            "b": arrays.b,
            "epsilon": arrays.epsilon,
            "terms": len(arrays.terms),
            "articles": len(table.articles),
            "furniture_lines": library.furniture_lines,
            "arrays": {name: [str(array.dtype), list(array.shape)] for name, array in members.items()},
        }
        payload = io.BytesIO()
        stored: dict[str, Any] = {"header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), **members}
        np.savez(payload, **stored)
        self.directory.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        with payload.getbuffer() as body, temporary.open("wb") as handle:  # a view: no second copy in memory
            handle.write(MAGIC)
            handle.write(hmac.new(self._secret(), body, hashlib.sha256).digest())
            handle.write(body)
        temporary.replace(self.path)
        return self.path

    def load(self, key: str, articles: Sequence[Article]) -> tuple[Library, BM25Index] | None:
        """The cached library and index for key, None when there is no cache file; CacheError when unusable."""
        try:
            with self.path.open("rb") as handle:
                prefix = handle.read(len(MAGIC) + _MAC_SIZE)
                body = handle.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CacheError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        if not prefix.startswith(MAGIC) or len(prefix) < len(MAGIC) + _MAC_SIZE:
            raise CacheError(f"{self.path} is not a Quotebot index cache")
        expected = hmac.new(self._secret(), body, hashlib.sha256).digest()
        if not hmac.compare_digest(expected, prefix[len(MAGIC) :]):
            raise CacheError(f"{self.path} was not written by this cache (HMAC mismatch)")
        try:
            return _unpack(body, key, articles)
        except _LOAD_ERRORS as exc:
            raise CacheError(f"{self.path} is malformed: {exc}") from None


def _unpack(body: bytes, key: str, articles: Sequence[Article]) -> tuple[Library, BM25Index]:
    with np.load(io.BytesIO(body), allow_pickle=False) as archive:
        header = json.loads(archive["header"].tobytes())
        if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
            raise StaleCacheError("the cache was written in another format")
        if header.get("key") != key:
            raise StaleCacheError("the articles, the BM25 settings or the indexing code changed")
        if set(archive.files) != {"header", *_ARRAYS}:
            raise ValueError("unexpected members")
        arrays = {name: archive[name] for name in _ARRAYS}
    for name, dtype in _ARRAYS.items():
        if arrays[name].dtype != dtype or arrays[name].ndim != 1:
            raise ValueError(f"array {name} is not one-dimensional {dtype}")
    _check(arrays, header, articles)
    terms = tuple(arrays["terms"].tobytes().decode("utf-8", "surrogatepass").split("\n")) if header["terms"] else ()
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
    if len(index_arrays.terms) != header["terms"]:
        raise ValueError("inconsistent vocabulary")
    table = SentenceTable(articles, arrays["sentence_article"], arrays["sentence_start"], arrays["sentence_end"])
    return Library.from_table(table, int(header["furniture_lines"])), BM25Index.from_arrays(index_arrays)


def _check(arrays: dict[str, np.ndarray], header: dict[str, Any], articles: Sequence[Article]) -> None:
    """Refuse arrays that disagree with each other or with the articles: they would index out of range."""
    offsets, docs, pairs = arrays["offsets"], arrays["docs"], arrays["pairs"]
    size, count = len(arrays["doc_len"]), len(articles)
    article, start, end = arrays["sentence_article"], arrays["sentence_start"], arrays["sentence_end"]
    checks: tuple[tuple[str, Callable[[], object]], ...] = (
        ("vocabulary size", lambda: len(offsets) == len(arrays["idf"]) + 1 == int(header["terms"]) + 1),
        ("offsets", lambda: offsets[0] == 0 and offsets[-1] == len(docs) and not np.any(np.diff(offsets) < 0)),
        ("postings", lambda: len(pairs) == len(docs) and len(arrays["pair_len"]) == len(arrays["pair_tf"])),
        ("document numbers", lambda: not len(docs) or (docs.min() >= 0 and docs.max() < size)),
        ("pair numbers", lambda: not len(pairs) or (pairs.min() >= 0 and pairs.max() < len(arrays["pair_tf"]))),
        ("sentence count", lambda: header["articles"] == count and len(article) == len(start) == len(end) == size),
        ("sentence order", lambda: not np.any(np.diff(article) < 0)),
        ("sentence articles", lambda: not size or (article[0] >= 0 and article[-1] < count)),
        ("sentence offsets", lambda: not size or _offsets_fit(article, start, end, articles)),
    )
    for what, holds in checks:
        if not holds():
            raise ValueError(f"inconsistent {what}")


def _offsets_fit(article: np.ndarray, start: np.ndarray, end: np.ndarray, articles: Sequence[Article]) -> bool:
    lengths = np.fromiter((len(a.text) for a in articles), dtype=np.int64, count=len(articles))
    return not np.any((start < 0) | (start > end) | (end > lengths[article]))
