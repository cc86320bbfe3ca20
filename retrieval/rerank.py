"""Re-rank BM25's sentences: context from neighbours and the headline, answer kinds and types, article dates."""

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
    # The X of "which X" is left out of BM25; a sentence holding an instance of X gets this share of its weight.
    type_share: float = 0.0
    # Answer-kind evidence: a figure the question does not give, a date proper, a new name; boost when held.
    evidence: bool = False
    evidence_boost: float = 0.5


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
    context = _Context(library, facts, titles)
    rescored = [Hit(hit.doc, _score(hit, query=query, context=context, policy=policy)) for hit in hits]
    return sorted(rescored, key=lambda hit: (-hit.score, hit.doc))


@dataclass(frozen=True, slots=True)
class _Context:
    library: Library
    facts: Sequence[SentenceFacts]
    titles: Mapping[str, frozenset[str]]


def _score(hit: Hit, *, query: Query, context: _Context, policy: RerankPolicy) -> float:
    score = hit.score
    library, facts = context.library, context.facts
    own = facts[hit.doc]
    article_id = library.sentences[hit.doc].article_id
    if policy.windows:
        near = set(context.titles.get(article_id, frozenset()))
        for step in (-1, 1):
            other = library.neighbour(hit.doc, step)
            if other is not None:
                near.update(facts[other].terms)
        score += policy.context_share * sum(t.weight for t in query.terms if t.term not in own.terms and t.term in near)
    if policy.type_share > 0:
        held = own.terms & query.type_names
        score += policy.type_share * sum(
            t.weight for t in query.terms if t.answer_type and (held or not t.instances.isdisjoint(own.terms))
        )
    if policy.cues and query.cue is not None:
        if policy.evidence and _evidence(own, query):
            score *= 1.0 + policy.evidence_boost
        elif not policy.evidence and _fits(own, query):
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


def _evidence(facts: SentenceFacts, query: Query) -> bool:
    """Whether a sentence holds the answer kind asked for, beyond what the question itself gives."""
    asked = {t.surface for t in query.terms}
    if query.cue is Cue.NUMBER:
        return any(f not in asked and not _year_like(f) for f in facts.figures)
    if query.cue is Cue.DATE:
        return facts.has_exact_date
    return _fits(facts, query)


def _year_like(figure: str) -> bool:
    return figure.isdigit() and len(figure) == 4 and figure[:2] in ("18", "19", "20")


def _date_factor(facts: SentenceFacts, published: date | None, years: frozenset[int], policy: RerankPolicy) -> float:
    """Prefer sentences about the asked year: said outright, said relatively ("last year"), or dated so."""
    if facts.years & years:
        return 1.0 + policy.date_boost
    if published is None:
        return 1.0
    if published.year in years:
        return 1.0 + policy.date_boost / 2
    return 1.0 - policy.date_penalty
