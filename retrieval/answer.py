"""Build an answer from a question and ranked sentences: verbatim quotes with citations, or a decline."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Answer, Citation, Quote
from retrieval.query import Query, QueryTerm

__all__ = ["AnswerPolicy", "QueryTerm", "build_answer"]

# A sentence that opens with one of these leans on the sentence before it for its subject.
_ANAPHOR = re.compile(
    r"^[\"“‘']?(?:he|she|they|it|its|this|that|these|those|his|her|their|such|the latter|the former|"
    r"there|but|and|so|yet|however|meanwhile)\b",
    re.IGNORECASE,
)
_OPENS_QUOTE = re.compile(r"^[\"“‘]")


@dataclass(frozen=True, slots=True)
class AnswerPolicy:
    """How strict and how long answers are."""

    max_quotes: int = 3
    min_coverage: float = 0.5
    max_quote_chars: int = 500
    # Later quotes must score at least this share of the best quote's score.
    min_relative_score: float = 0.35
    # Weighted term overlap at which two sentences from different articles count as one statement.
    corroboration_overlap: float = 0.5
    # Look for corroborating articles among every ranked sentence, not only among the quoted ones.
    wide_corroboration: bool = True
    # A passage must hold every proper name the question asks about (in it, or the sentence before it).
    require_names: bool = True
    # Quote the neighbouring sentence when it holds question terms the hit lacks (a name behind "he").
    extend_for_coverage: bool = True


@dataclass(frozen=True, slots=True)
class _Passage:
    first: int
    last: int
    hit: Hit
    terms: frozenset[str]
    coverage: float
    article_id: str
    core: frozenset[str]  # the terms of the hit sentence alone


def build_answer(
    question: str,
    *,
    query: Query,
    hits: Sequence[Hit],
    library: Library,
    terms_of: Callable[[int], frozenset[str]],
    weight_of: Callable[[str], float],
    policy: AnswerPolicy,
) -> Answer:
    """Quote the best-supported passages for the question, or decline naming what is missing."""
    if not query.terms:
        return Answer(question, False, "Ask about something the articles might cover: a person, place or event.")
    total = sum(term.weight for term in query.terms) or 1.0
    passages = [
        _passage(hit, query=query, total=total, library=library, terms_of=terms_of, policy=policy) for hit in hits
    ]
    names = _required_names(query) if policy.require_names else frozenset()
    supported = [
        p for p in passages if p.coverage >= policy.min_coverage and _names_present(p, names, library, terms_of)
    ]
    if not supported:
        return Answer(question, False, _decline_message(query.terms, passages))
    top_score = supported[0].hit.score
    chosen: list[_Passage] = []
    cited: list[list[Citation]] = []
    for passage in supported:
        if passage.hit.score < policy.min_relative_score * top_score:
            break
        if any(_overlaps(passage, other) for other in chosen):
            continue
        twin = _same_statement(passage, chosen, weight_of, policy)
        if twin is not None:
            _add_citation(cited[twin], library, passage)
            continue
        if len(chosen) < policy.max_quotes:
            chosen.append(passage)
            cited.append([Citation.of(library.articles[passage.article_id])])
    if policy.wide_corroboration:
        # A rewording of the same report may rank low; it still corroborates when it covers the question.
        for passage in passages:
            if passage.coverage >= policy.min_coverage / 2:
                twin = _same_statement(passage, chosen, weight_of, policy)
                if twin is not None:
                    _add_citation(cited[twin], library, passage)
    quotes = tuple(_quote(p, cited[i], library) for i, p in enumerate(chosen))
    sources = {c.article_id for q in quotes for c in q.citations}
    message = f"{_count(len(quotes), 'quote')} from {_count(len(sources), 'article')}."
    return Answer(question, True, message, quotes)


def _passage(
    hit: Hit,
    *,
    query: Query,
    total: float,
    library: Library,
    terms_of: Callable[[int], frozenset[str]],
    policy: AnswerPolicy,
) -> _Passage:
    first, last = _extent(hit.doc, query, library, terms_of, policy)
    found = frozenset().union(*(terms_of(n) for n in range(first, last + 1)))
    coverage = sum(term.weight for term in query.terms if term.term in found) / total
    return _Passage(first, last, hit, found, coverage, library.sentences[hit.doc].article_id, terms_of(hit.doc))


def _required_names(query: Query) -> frozenset[str]:
    """The question's rarer proper names; a name on every line of the corpus (the main actors) is not asked for."""
    mean = sum(t.weight for t in query.terms) / len(query.terms)
    return frozenset(t.term for t in query.terms if t.name and t.weight >= mean)


def _names_present(
    passage: _Passage, names: frozenset[str], library: Library, terms_of: Callable[[int], frozenset[str]]
) -> bool:
    if not names:
        return True
    before = library.neighbour(passage.first, -1)
    context = passage.terms | (terms_of(before) if before is not None else frozenset())
    return names <= context


def _extent(
    number: int, query: Query, library: Library, terms_of: Callable[[int], frozenset[str]], policy: AnswerPolicy
) -> tuple[int, int]:
    """The hit, plus the neighbour it depends on, when the two fit in one quote."""
    sentence = library.sentences[number]
    before = library.neighbour(number, -1)
    after = library.neighbour(number, 1)
    candidate: tuple[int, int] | None = None
    if policy.extend_for_coverage:
        candidate = _completing_neighbour(number, (before, after), query, terms_of)
    if candidate is not None:
        pass
    elif before is not None and (
        _ANAPHOR.match(sentence.text) or library.sentences[before].text.rstrip().endswith(":")
    ):
        candidate = (before, number)
    elif after is not None and (
        sentence.text.rstrip().endswith(":")
        or (_OPENS_QUOTE.match(library.sentences[after].text) and not _OPENS_QUOTE.match(sentence.text))
    ):
        candidate = (number, after)
    else:
        return number, number
    span = library.sentences[candidate[1]].end - library.sentences[candidate[0]].start
    return candidate if span <= policy.max_quote_chars else (number, number)


def _completing_neighbour(
    number: int, neighbours: tuple[int | None, int | None], query: Query, terms_of: Callable[[int], frozenset[str]]
) -> tuple[int, int] | None:
    """The neighbour that adds the most question weight the hit lacks, as a (first, last) pair."""
    own = terms_of(number)
    best: tuple[float, tuple[int, int]] | None = None
    for other in neighbours:
        if other is None:
            continue
        gain = sum(t.weight for t in query.terms if t.term not in own and t.term in terms_of(other))
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, (min(number, other), max(number, other)))
    return None if best is None else best[1]


def _overlaps(a: _Passage, b: _Passage) -> bool:
    return a.article_id == b.article_id and a.first <= b.last and b.first <= a.last


def _same_statement(
    passage: _Passage, chosen: Sequence[_Passage], weight_of: Callable[[str], float], policy: AnswerPolicy
) -> int | None:
    """Index of a chosen passage from another article that reports the same statement, if any."""
    for i, other in enumerate(chosen):
        if other.article_id == passage.article_id:
            continue
        # Compare the hit sentences, not the passages: a neighbour quoted for context is not the statement.
        shared = sum(weight_of(t) for t in passage.core & other.core)
        smaller = min(sum(weight_of(t) for t in passage.core), sum(weight_of(t) for t in other.core))
        if smaller > 0 and shared / smaller >= policy.corroboration_overlap:
            return i
    return None


def _add_citation(citations: list[Citation], library: Library, passage: _Passage) -> None:
    if all(c.article_id != passage.article_id for c in citations):
        citations.append(Citation.of(library.articles[passage.article_id]))


def _quote(passage: _Passage, citations: list[Citation], library: Library) -> Quote:
    first = library.sentences[passage.first]
    last = library.sentences[passage.last]
    article = library.articles[first.article_id]
    return Quote(
        text=article.text[first.start : last.end],
        article_id=article.id,
        start=first.start,
        end=last.end,
        score=passage.hit.score,
        citations=tuple(citations),
    )


def _decline_message(query: Sequence[QueryTerm], passages: Sequence[_Passage]) -> str:
    best = max(passages, key=lambda p: p.coverage, default=None)
    present = best.terms if best is not None else frozenset()
    missing = [term.surface for term in sorted(query, key=lambda t: -t.weight) if term.term not in present]
    named = ", ".join(f"“{word}”" for word in (missing or [t.surface for t in query])[:3])
    return f"The articles don't answer this: I found nothing that covers {named}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
