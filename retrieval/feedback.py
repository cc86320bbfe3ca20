"""Query expansion by pseudo-relevance feedback: rare terms of the best first-round sentences join the query."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.facts import SentenceFacts
from retrieval.index import Hit
from retrieval.query import Query


@dataclass(frozen=True, slots=True)
class FeedbackPolicy:
    """How many sentences feed back, how many terms they give, and how much the second round counts."""

    enabled: bool = True
    sentences: int = 3
    terms: int = 5
    share: float = 0.3


def feedback_terms(
    hits: Sequence[Hit],
    query: Query,
    *,
    facts: Sequence[SentenceFacts],
    weight_of: Callable[[str], float],
    policy: FeedbackPolicy,
) -> list[str]:
    """The expansion terms: rare terms the top sentences share, weighted by idf and rank."""
    asked = {t.term for t in query.terms}
    scores: dict[str, float] = {}
    for rank, hit in enumerate(hits[: policy.sentences], 1):
        for term in facts[hit.doc].terms - asked:
            scores[term] = scores.get(term, 0.0) + weight_of(term) / rank
    ranked = sorted(scores, key=lambda term: (-scores[term], term))
    return ranked[: policy.terms]


def blend(first: Sequence[Hit], second: Sequence[Hit], share: float) -> list[Hit]:
    """First-round scores plus a share of the expansion round's scores, best first."""
    scores = {hit.doc: hit.score for hit in first}
    for hit in second:
        scores[hit.doc] = scores.get(hit.doc, 0.0) + share * hit.score
    return sorted((Hit(doc, score) for doc, score in scores.items()), key=lambda hit: (-hit.score, hit.doc))
