"""The index cache: a round trip gives the same answers; anything stale, foreign or tampered is refused, never run."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import io
import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from retrieval.build import Built, build_library_and_index, text_digest
from retrieval.cache import KEY_FILE, MAGIC, CacheError, IndexCache, StaleCacheError, cache_key
from retrieval.corpus import bundled_corpus_dir, load_corpus
from retrieval.corpus_words import library_words
from retrieval.index import BM25Index
from retrieval.library import Library
from retrieval.model import Article

QUERIES = (["russia", "taiwan"], ["gas"], ["olymp", "boycott"], ["never-seen"])


class Payload:
    """Unpickling this creates a file: the proof that a loader executed what it read."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[..., object], tuple[object, ...]]:
        return (Path.touch, (self.marker,))


@pytest.fixture(scope="module")
def articles() -> tuple[Article, ...]:
    return load_corpus(bundled_corpus_dir()).articles


@pytest.fixture(scope="module")
def built(articles: tuple[Article, ...]) -> Built:
    return build_library_and_index(articles, k1=1.5, b=0.75, workers=1)


@pytest.fixture
def cache(tmp_path: Path) -> IndexCache:
    return IndexCache(tmp_path / "cache", "/some/corpus")


@pytest.fixture
def key(articles: tuple[Article, ...]) -> str:
    return cache_key(articles, 1.5, 0.75)


def saved_members(cache: IndexCache, key: str, built: Built) -> dict[str, np.ndarray]:
    """Save built under key and read back the arrays of the file."""
    cache.save(key, built)
    with np.load(io.BytesIO(cache.path.read_bytes()[len(MAGIC) + 32 :]), allow_pickle=False) as archive:
        return {name: archive[name] for name in archive.files}


def sign(cache: IndexCache, body: bytes) -> bytes:
    """A file as the cache would write it for this body: what an attacker holding the secret could make."""
    secret = (cache.directory / KEY_FILE).read_bytes()
    return MAGIC + hmac.new(secret, body, hashlib.sha256).digest() + body


def test_round_trip_gives_the_same_sentences_and_rankings(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    library, index = built.library, built.index
    cache.save(key, built)
    loaded = cache.load(key, articles)
    assert loaded is not None
    loaded_library, loaded_index = loaded.library, loaded.index
    assert loaded.furniture.tolist() == built.furniture.tolist()
    assert loaded_library.furniture == library.furniture
    assert list(loaded_library.sentences) == list(library.sentences)
    assert dict(loaded_library.first_sentence) == dict(library.first_sentence)
    assert loaded_library.furniture_lines == library.furniture_lines
    assert loaded_index.arrays.terms == index.arrays.terms
    for query in QUERIES:
        assert loaded_index.search(query, 50) == index.search(query, 50)
        assert loaded_index.idf(query[0]) == index.idf(query[0])
    assert loaded.words is not None
    assert built.words is not None
    for counted in (built.words, library_words(library)):
        assert loaded.words.vocabulary == counted.vocabulary
        assert loaded.words.names == counted.names
        assert loaded.words.name_counts == counted.name_counts
        assert loaded.words.dated == counted.dated
        assert list(loaded.words.settings) == list(counted.settings)
        assert list(loaded.words.dated_settings) == list(counted.dated_settings)
        assert list(loaded.words.furniture) == list(counted.furniture)
        assert list(loaded.words.titles) == list(counted.titles)
    assert loaded.words.name_counts
    assert loaded.words.furniture
    assert loaded.words.dated


def test_no_file_is_no_cache(cache: IndexCache, key: str, articles: tuple[Article, ...]) -> None:
    assert cache.load(key, articles) is None


def test_the_secret_is_private_to_its_owner(cache: IndexCache, key: str, built: Built) -> None:
    cache.save(key, built)
    assert (cache.directory / KEY_FILE).stat().st_mode & 0o077 == 0


def changed(articles: tuple[Article, ...], **fields: Any) -> tuple[Article, ...]:
    return (dataclasses.replace(articles[0], **fields), *articles[1:])


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda a: (changed(a, text=a[0].text + " More."), 1.5, 0.75), id="text"),
        pytest.param(lambda a: (changed(a, id="renamed"), 1.5, 0.75), id="name"),
        pytest.param(lambda a: (changed(a, date=date(2020, 1, 1)), 1.5, 0.75), id="metadata"),
        pytest.param(lambda a: (a[:-1], 1.5, 0.75), id="article-removed"),
        pytest.param(lambda a: (a, 1.2, 0.75), id="k1"),
        pytest.param(lambda a: (a, 1.5, 0.5), id="b"),
    ],
)
def test_the_key_follows_the_content_and_the_settings(
    articles: tuple[Article, ...], change: Callable[[tuple[Article, ...]], tuple[tuple[Article, ...], float, float]]
) -> None:
    assert cache_key(articles, 1.5, 0.75) == cache_key(tuple(articles), 1.5, 0.75)
    assert cache_key(*change(articles)) != cache_key(articles, 1.5, 0.75)


def test_a_cache_for_other_articles_is_stale(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    edited = changed(articles, text=articles[0].text + " Another sentence.")
    with pytest.raises(StaleCacheError, match="changed"):
        cache.load(cache_key(edited, 1.5, 0.75), edited)


@pytest.mark.parametrize("signed", [False, True], ids=["foreign", "signed-with-the-secret"])
def test_a_pickle_where_the_cache_should_be_is_rejected_and_never_run(
    tmp_path: Path,
    cache: IndexCache,
    key: str,
    articles: tuple[Article, ...],
    built: Built,
    signed: bool,
) -> None:
    cache.save(key, built)  # creates the directory and its secret
    marker = tmp_path / "executed"
    payload = pickle.dumps(Payload(marker))
    cache.path.write_bytes(sign(cache, payload) if signed else payload)
    with pytest.raises(CacheError):
        cache.load(key, articles)
    assert not marker.exists()
    pickle.loads(payload)  # the payload is live: loading it for real does create the file
    assert marker.exists()


def test_an_object_array_inside_a_signed_npz_is_refused_unread(
    tmp_path: Path, cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    marker = tmp_path / "executed"
    body = io.BytesIO()
    np.savez(body, header=np.frombuffer(b"{}", dtype=np.uint8), docs=np.array([Payload(marker)], dtype=object))
    cache.path.write_bytes(sign(cache, body.getvalue()))
    with pytest.raises(CacheError):
        cache.load(key, articles)
    assert not marker.exists()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-100], id="truncated"),
        pytest.param(lambda data: data[:-10] + bytes(b ^ 0xFF for b in data[-10:]), id="tampered-byte"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: MAGIC + data[len(MAGIC) + 32 :], id="no-mac"),
    ],
)
def test_a_damaged_file_is_rejected(
    cache: IndexCache,
    key: str,
    articles: tuple[Article, ...],
    built: Built,
    damage: Callable[[bytes], bytes],
) -> None:
    cache.save(key, built)
    cache.path.write_bytes(damage(cache.path.read_bytes()))
    with pytest.raises(CacheError):
        cache.load(key, articles)


def test_a_foreign_secret_makes_the_file_foreign(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    (cache.directory / KEY_FILE).write_bytes(b"x" * 32)
    with pytest.raises(CacheError, match="HMAC"):
        cache.load(key, articles)


@pytest.mark.parametrize(
    ("member", "bad"),
    [
        pytest.param("docs", lambda a: a + 10_000_000, id="document-out-of-range"),
        pytest.param("pairs", lambda a: a[:-1], id="short-pairs"),
        pytest.param("offsets", lambda a: a[::-1].copy(), id="offsets-reversed"),
        pytest.param("sentence_end", lambda a: a + 1_000_000, id="sentence-past-its-article"),
        pytest.param("sentence_article", lambda a: a[::-1].copy(), id="articles-out-of-order"),
        pytest.param("furniture_end", lambda a: a + 1_000_000, id="furniture-past-its-article"),
        pytest.param("furniture_start", lambda a: a[:-1], id="short-furniture"),
        pytest.param("idf", lambda a: a.astype(np.float32), id="wrong-dtype"),
    ],
)
def test_signed_but_inconsistent_arrays_are_rejected(
    cache: IndexCache,
    key: str,
    articles: tuple[Article, ...],
    built: Built,
    member: str,
    bad: Callable[[np.ndarray], np.ndarray],
) -> None:
    members = saved_members(cache, key, built)
    members[member] = bad(members[member])
    body = io.BytesIO()
    np.savez(body, allow_pickle=False, **members)
    cache.path.write_bytes(sign(cache, body.getvalue()))
    with pytest.raises(CacheError, match="malformed"):
        cache.load(key, articles)


def test_saving_needs_a_sentence_table(cache: IndexCache, key: str, articles: tuple[Article, ...]) -> None:
    with pytest.raises(TypeError):
        cache.save(key, Built(Library.build([]), BM25Index([]), np.zeros((0, 3), dtype=np.int32)))


def test_previous_splits_hand_back_every_articles_split(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    splits = cache.previous_splits()
    table = built.library.sentences
    assert set(splits) == {text_digest(a.text) for a in articles}
    for number, article in enumerate(articles):
        split = splits[text_digest(article.text)]
        mine = [s for s in table if s.article_id == article.id]
        assert list(zip(split.starts, split.ends, strict=True)) == [(s.start, s.end) for s in mine]
        assert split.furniture == tuple((start, end) for n, start, end in built.furniture.tolist() if n == number)


def test_no_previous_splits_from_other_code(
    cache: IndexCache, key: str, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.save(key, built)
    monkeypatch.setattr("retrieval.cache.pipeline_fingerprint", lambda: "other code")
    assert cache.previous_splits() == {}


def test_no_previous_splits_without_a_file(cache: IndexCache) -> None:
    assert cache.previous_splits() == {}


def test_a_short_key_file_is_refused(cache: IndexCache, key: str, built: Built) -> None:
    cache.directory.mkdir(parents=True)
    (cache.directory / KEY_FILE).write_bytes(b"short")
    with pytest.raises(CacheError, match="shorter"):
        cache.save(key, built)


def test_a_lost_key_file_turns_the_cache_foreign_then_a_new_one_is_made(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    (cache.directory / KEY_FILE).unlink()
    with pytest.raises(CacheError, match="HMAC"):
        cache.load(key, articles)
    cache.save(key, built)
    assert cache.load(key, articles) is not None
    assert [p.name for p in cache.directory.iterdir() if p.name.endswith(".tmp")] == []


class _Trap:
    """Unpickling one runs code: a cache load must refuse the member before that can happen."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("raise SystemExit('unpickled')",))


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda body, members: np.savez_compressed(body, **members), id="compressed"),
        pytest.param(
            lambda body, members: np.savez(body, **members | {"docs": np.array([_Trap()], dtype=object)}),
            id="pickled-object",
        ),
        pytest.param(
            lambda body, members: np.savez(body, **members | {"docs": members["docs"].reshape(1, -1)}),
            id="two-dimensional",
        ),
    ],
)
def test_signed_members_that_are_not_plain_stored_arrays_are_refused(
    cache: IndexCache,
    key: str,
    articles: tuple[Article, ...],
    built: Built,
    write: Callable[[io.BytesIO, dict[str, np.ndarray]], None],
) -> None:
    members = saved_members(cache, key, built)
    body = io.BytesIO()
    write(body, members)
    cache.path.write_bytes(sign(cache, body.getvalue()))
    with pytest.raises(CacheError, match="malformed"):
        cache.load(key, articles)


def test_loaded_arrays_are_read_only_views_of_the_file(
    cache: IndexCache, key: str, articles: tuple[Article, ...], built: Built
) -> None:
    cache.save(key, built)
    loaded = cache.load(key, articles)
    assert loaded is not None
    docs = loaded.index.arrays.docs
    assert not docs.flags.writeable
    assert docs.tolist() == built.index.arrays.docs.tolist()
