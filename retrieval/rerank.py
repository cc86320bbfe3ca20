"""Re-rank BM25's sentences: context from neighbours and the headline, answer-kind cues, article dates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from retrieval.facts import SentenceFacts
from retrieval.index import Hit
from retrieval.library import Library
from retrieval.query import Cue, Query


@dataclass(frozen=True, slots=True)
class RerankPolicy:
    """Which re-ranking signals are on, and how much each counts."""

    windows: bool = True
    cues: bool = True
    dates: bool = True
    # A question term found only in a neighbouring sentence or the headline counts this share of its weight.
    context_share: float = 0.5
    cue_boost: float = 0.25
    date_boost: float = 0.3
    date_penalty: float = 0.3


def rerank(
    hits: Sequence[Hit],
    query: Query,
    *,
    library: Library,
    facts: Sequence[SentenceFacts],
    titles: Mapping[str, frozenset[str]],
    policy: RerankPolicy,
) -> list[Hit]:
    """Return the hits re-scored with the signals the policy switches on, best first."""
    rescored = [
        Hit(hit.doc, _score(hit, query=query, library=library, facts=facts, titles=titles, policy=policy))
        for hit in hits
    ]
    return sorted(rescored, key=lambda hit: (-hit.score, hit.doc))


def _score(
    hit: Hit,
    *,
    query: Query,
    library: Library,
    facts: Sequence[SentenceFacts],
    titles: Mapping[str, frozenset[str]],
    policy: RerankPolicy,
) -> float:
    score = hit.score
    own = facts[hit.doc]
    if policy.windows:
        context = set(titles.get(library.sentences[hit.doc].article_id, frozenset()))
        for step in (-1, 1):
            other = library.neighbour(hit.doc, step)
            if other is not None:
                context.update(facts[other].terms)
        score += policy.context_share * sum(
            t.weight for t in query.terms if t.term not in own.terms and t.term in context
        )
    if policy.cues and query.cue is not None and _fits(own, query):
        score *= 1.0 + policy.cue_boost
    if policy.dates and query.years:
        score *= _date_factor(own, library.article_of(hit.doc).date, query.years, policy)
    return score


def _fits(facts: SentenceFacts, query: Query) -> bool:
    """Whether a sentence holds the kind of thing the question asks for."""
    if query.cue is Cue.NUMBER:
        return facts.has_number
    if query.cue is Cue.DATE:
        return facts.has_date
    if query.cue is Cue.PERSON:
        asked = {t.surface for t in query.terms}
        return any(not set(name.lower().split()) <= asked for name in facts.names)
    if query.cue is Cue.PLACE:
        return facts.has_place
    return False


def _date_factor(facts: SentenceFacts, published: date | None, years: frozenset[int], policy: RerankPolicy) -> float:
    """Prefer sentences about the asked year: said outright, said relatively ("last year"), or dated so."""
    if facts.years & years:
        return 1.0 + policy.date_boost
    if published is None:
        return 1.0
    if published.year in years:
        return 1.0 + policy.date_boost / 2
    return 1.0 - policy.date_penalty
