"""Re-rank BM25's sentences: context from neighbours and the headline, answer kinds and types, article dates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from retrieval.facts import SentenceFacts, year_like
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
    # A sentence dated to a year the question names (its article's year, or "last year" relative to it) scores as
    # if it wrote the year.
    dated_terms: bool = False
    # The X of "which X" is left out of BM25; a sentence holding an instance of X gets this share of its weight.
    type_share: float = 0.0
    # Answer-kind evidence: a figure the question does not give, a date proper, a new name; boost when held.
    evidence: bool = False
    evidence_boost: float = 0.5
    # A year written later than the sentence's article's own year is a plan or a target ("by 2024" in a 2022 story),
    # not a date the sentence reports: it earns no date boost.
    future_years: bool = False


class Postings(Protocol):
    """Which sentences hold a term: the index's inverted lists."""

    def holding(self, term: str, docs: np.ndarray) -> np.ndarray:
        """For each of docs, whether it holds term (a bool array)."""
        ...


def rerank(
    hits: Sequence[Hit],
    query: Query,
    *,
    library: Library,
    facts: Sequence[SentenceFacts],
    titles: Mapping[str, frozenset[str]],
    postings: Postings,
    policy: RerankPolicy,
) -> list[Hit]:
    """Return the hits re-scored with the signals the policy switches on, best first."""
    docs = np.fromiter((hit.doc for hit in hits), dtype=np.int64, count=len(hits))
    # Which question terms each hit and its surroundings hold is read from the postings, a term at a time
    # for every hit at once: a pool of a few hundred hits needs no sentence's terms made.
    scores = np.fromiter((hit.score for hit in hits), dtype=np.float64, count=len(hits))
    if policy.windows and len(hits):
        scores += policy.context_share * _context_weight(docs, query, library, titles, postings)
    if policy.type_share > 0 and len(hits):
        scores += policy.type_share * _type_weight(docs, query, postings)
    if policy.dated_terms and query.years and len(hits):
        scores += _dated_weight(docs, query, library, facts, postings)
    rescored = [
        Hit(hit.doc, _factor(hit.doc, score, query=query, library=library, facts=facts, policy=policy))
        for hit, score in zip(hits, scores.tolist(), strict=True)
    ]
    return sorted(rescored, key=lambda hit: (-hit.score, hit.doc))


def _context_weight(
    docs: np.ndarray, query: Query, library: Library, titles: Mapping[str, frozenset[str]], postings: Postings
) -> np.ndarray:
    """Per hit, the weight of the question terms it lacks that a neighbouring sentence or the headline holds."""
    around = [library.neighbours(docs, step) for step in (-1, 1)]
    headlines = [titles.get(library.article_id_of(doc), frozenset()) for doc in docs.tolist()]
    # Weights are added term by term in question order: the very sums a loop over each hit would make.
    total = np.zeros(len(docs), dtype=np.float64)
    for term in query.terms:
        near = np.fromiter((term.term in headline for headline in headlines), dtype=bool, count=len(docs))
        for others in around:
            near |= (others >= 0) & postings.holding(term.term, others)
        total += np.where(near & ~postings.holding(term.term, docs), term.weight, 0.0)
    return total


def _type_weight(docs: np.ndarray, query: Query, postings: Postings) -> np.ndarray:
    """Per hit, the weight of the "which X" terms whose X it holds an instance of (or a name that may be one)."""
    named = _holding_any(query.type_names, docs, postings)
    total = np.zeros(len(docs), dtype=np.float64)
    for term in query.terms:
        if term.answer_type:
            total += np.where(named | _holding_any(term.instances, docs, postings), term.weight, 0.0)
    return total


def _dated_weight(
    docs: np.ndarray, query: Query, library: Library, facts: Sequence[SentenceFacts], postings: Postings
) -> np.ndarray:
    """Per hit, the weight of the question's years it does not write but is dated to (by its article or relatively)."""
    total = np.zeros(len(docs), dtype=np.float64)
    for term in query.terms:
        if not (term.term.isdigit() and int(term.term) in query.years):
            continue
        year = int(term.term)
        dated = np.fromiter(
            (year in facts[doc].years or _published_in(library, doc, year) for doc in docs.tolist()),
            dtype=bool,
            count=len(docs),
        )
        total += np.where(dated & ~postings.holding(term.term, docs), term.weight, 0.0)
    return total


def _published_in(library: Library, doc: int, year: int) -> bool:
    published = library.article_of(doc).date
    return published is not None and published.year == year


def _holding_any(words: frozenset[str], docs: np.ndarray, postings: Postings) -> np.ndarray:
    held = np.zeros(len(docs), dtype=bool)
    for word in words:
        held |= postings.holding(word, docs)
    return held


def _factor(
    doc: int, score: float, *, query: Query, library: Library, facts: Sequence[SentenceFacts], policy: RerankPolicy
) -> float:
    """The score times the answer-kind and date factors."""
    if policy.cues and query.cue is not None:
        if policy.evidence and evidence(facts[doc], query):
            score *= 1.0 + policy.evidence_boost
        elif not policy.evidence and _fits(facts[doc], query):
            score *= 1.0 + policy.cue_boost
    if policy.dates and query.years:
        score *= _date_factor(facts[doc], library.article_of(doc).date, query.years, policy)
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


def evidence(facts: SentenceFacts, query: Query) -> bool:
    """Whether a sentence holds the answer kind asked for, beyond what the question itself gives."""
    asked = {t.surface for t in query.terms}
    if query.cue is Cue.NUMBER:
        return any(f not in asked and not year_like(f) for f in facts.figures)
    if query.cue is Cue.DATE:
        return facts.has_exact_date
    return _fits(facts, query)


def _date_factor(facts: SentenceFacts, published: date | None, years: frozenset[int], policy: RerankPolicy) -> float:
    """Prefer sentences about the asked year: said outright, said relatively ("last year"), or dated so."""
    written = facts.years & years
    if written and policy.future_years and published is not None and min(written) > published.year:
        return 1.0
    if written:
        return 1.0 + policy.date_boost
    if published is None:
        return 1.0
    if published.year in years:
        return 1.0 + policy.date_boost / 2
    return 1.0 - policy.date_penalty
