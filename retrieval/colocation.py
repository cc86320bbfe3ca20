"""Answer kinds beside the question's words: how much of the question a passage's answering sentence holds."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from retrieval.coverage import Passage
from retrieval.facts import SentenceFacts
from retrieval.lexicon import holds
from retrieval.query import Query, QueryTerm
from retrieval.rerank import evidence
from retrieval.text import normalise


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
    numbers = [n for n in range(passage.first, passage.last + 1) if evidence(facts[n], query)]
    return _best_share(numbers, query, terms_of=terms_of, related_share=related_share)


# English's causal and purpose connectives and the words that name a cause: the Penn Discourse Treebank's explicit
# connectives of cause and purpose (because, as a result, so that, in order to, therefore, hence, consequently) and
# the prepositions and verbs of reason in English grammars (due to, owing to, on account of, caused, blamed, cited).
# Temporal words that often carry a cause (after, since, following, amid, as) are left out: measured in
# docs/quality.md, they mostly mark time.
_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|thanks to|on account of|as a result|as a consequence|in the hope|in hopes?|"
    r"in order to|so that|so as to|for fear|on the grounds?|in protest|in response|in retaliation|"
    r"reasons?|caused?|blamed?|attributed|citing|cited|prompted|led to|the result of|stemm(?:ed|ing) from|"
    r"in a bid to|aimed at|intended to|designed to|therefore|hence|consequently)\b"
)
_WHY = re.compile(r"^\W*(?:why|for what reason|what (?:is|was|are|were) the reasons?|what (?:caused|prompted|led))\b")


def asks_cause(question: str) -> bool:
    """Whether the question asks for a cause or a reason ("why ...", "for what reason ...", "what caused ...")."""
    return _WHY.search(normalise(question)) is not None


def gives_cause(text: str) -> bool:
    """Whether a sentence writes a cause or a reason: a causal connective of English or a word naming one."""
    return _CAUSE.search(normalise(text)) is not None


def cause_share(
    passage: Passage,
    query: Query,
    *,
    text_of: Callable[[int], str],
    terms_of: Callable[[int], frozenset[str]],
    related_share: float,
) -> float:
    """The largest weighted share of the question held by a sentence of the passage that gives a cause."""
    numbers = [n for n in range(passage.first, passage.last + 1) if gives_cause(text_of(n))]
    return _best_share(numbers, query, terms_of=terms_of, related_share=related_share)


def _best_share(
    numbers: Sequence[int], query: Query, *, terms_of: Callable[[int], frozenset[str]], related_share: float
) -> float:
    total = sum(t.weight for t in query.terms) or 1.0
    best = 0.0
    for number in numbers:
        held = terms_of(number)
        best = max(best, sum(t.weight * _held(t, held, related_share) for t in query.terms) / total)
    return best


def _held(term: QueryTerm, held: frozenset[str], related_share: float) -> float:
    if term.term in held:
        return 1.0
    return related_share if related_share > 0 and term.related and holds(term.related, held) else 0.0
