"""Answer kinds beside the question's words: how much of the question a passage's answering sentence holds."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.coverage import Passage
from retrieval.facts import SentenceFacts
from retrieval.lexicon import holds
from retrieval.query import Query, QueryTerm
from retrieval.rerank import evidence


def kind_share(
    passage: Passage,
    query: Query,
    *,
    facts: Sequence[SentenceFacts],
    terms_of: Callable[[int], frozenset[str]],
    related_share: float,
) -> float:
    """The largest weighted share of the question held by a sentence of the passage that gives the kind of answer
    asked for ("how many": a figure the question does not give; "when": a date; "who": a new name; "where": a place).

    0 when the question asks for no kind or no sentence gives it. A figure in a sentence about something else
    ("sales fell 23%" of another company) is likelier a detail beside the answer than the answer.
    """
    if query.cue is None:
        return 0.0
    total = sum(t.weight for t in query.terms) or 1.0
    best = 0.0
    for number in range(passage.first, passage.last + 1):
        if evidence(facts[number], query):
            held = terms_of(number)
            best = max(best, sum(t.weight * _held(t, held, related_share) for t in query.terms) / total)
    return best


def _held(term: QueryTerm, held: frozenset[str], related_share: float) -> float:
    if term.term in held:
        return 1.0
    return related_share if related_share > 0 and term.related and holds(term.related, held) else 0.0
