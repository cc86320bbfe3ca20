"""Build an answer from a question and ranked sentences: verbatim quotes with citations, or a decline."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Answer, Citation, Quote

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
    # Later quotes must score at least this share of the best quote's BM25 score.
    min_relative_score: float = 0.35
    # Weighted term overlap at which two sentences from different articles count as one statement.
    corroboration_overlap: float = 0.5


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """A content term of the question, the word it came from, and its weight (idf)."""

    term: str
    surface: str
    weight: float


@dataclass(frozen=True, slots=True)
class _Passage:
    first: int
    last: int
    hit: Hit
    terms: frozenset[str]
    coverage: float


def build_answer(
    question: str,
    *,
    query: Sequence[QueryTerm],
    hits: Sequence[Hit],
    library: Library,
    terms_of: Callable[[str], Sequence[str]],
    weight_of: Callable[[str], float],
    policy: AnswerPolicy,
) -> Answer:
    """Quote the best-supported passages for the question, or decline naming what is missing."""
    if not query:
        return Answer(question, False, "Ask about something the articles might cover: a person, place or event.")
    total = sum(term.weight for term in query) or 1.0
    passages = [
        _passage(hit, query=query, total=total, library=library, terms_of=terms_of, policy=policy) for hit in hits
    ]
    supported = [p for p in passages if p.coverage >= policy.min_coverage]
    if not supported:
        return Answer(question, False, _decline_message(query, passages))
    top_score = supported[0].hit.score
    chosen: list[_Passage] = []
    cited: dict[int, list[Citation]] = {}
    for passage in supported:
        if passage.hit.score < policy.min_relative_score * top_score:
            break
        if any(_overlaps(passage, other) for other in chosen):
            continue
        twin = _same_statement(passage, chosen, library, weight_of, policy)
        if twin is not None:
            _add_citation(cited[twin], library, passage)
            continue
        if len(chosen) < policy.max_quotes:
            chosen.append(passage)
            cited[len(chosen) - 1] = [Citation.of(library.article_of(passage.hit.doc))]
    quotes = tuple(_quote(p, cited[i], library) for i, p in enumerate(chosen))
    sources = {c.article_id for q in quotes for c in q.citations}
    message = f"{_count(len(quotes), 'quote')} from {_count(len(sources), 'article')}."
    return Answer(question, True, message, quotes)


def _passage(
    hit: Hit,
    *,
    query: Sequence[QueryTerm],
    total: float,
    library: Library,
    terms_of: Callable[[str], Sequence[str]],
    policy: AnswerPolicy,
) -> _Passage:
    first, last = _extent(hit.doc, library, policy)
    found = frozenset(t for n in range(first, last + 1) for t in terms_of(library.sentences[n].text))
    coverage = sum(term.weight for term in query if term.term in found) / total
    return _Passage(first, last, hit, found, coverage)


def _extent(number: int, library: Library, policy: AnswerPolicy) -> tuple[int, int]:
    """The hit, plus the neighbour it depends on, when the two fit in one quote."""
    sentence = library.sentences[number]
    before = library.neighbour(number, -1)
    after = library.neighbour(number, 1)
    if before is not None and (_ANAPHOR.match(sentence.text) or library.sentences[before].text.rstrip().endswith(":")):
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


def _overlaps(a: _Passage, b: _Passage) -> bool:
    return a.first <= b.last and b.first <= a.last


def _same_statement(
    passage: _Passage,
    chosen: Sequence[_Passage],
    library: Library,
    weight_of: Callable[[str], float],
    policy: AnswerPolicy,
) -> int | None:
    """Index of a chosen passage from another article that reports the same statement, if any."""
    article = library.sentences[passage.hit.doc].article_id
    for i, other in enumerate(chosen):
        if library.sentences[other.hit.doc].article_id == article:
            continue
        shared = sum(weight_of(t) for t in passage.terms & other.terms)
        smaller = min(sum(weight_of(t) for t in passage.terms), sum(weight_of(t) for t in other.terms))
        if smaller > 0 and shared / smaller >= policy.corroboration_overlap:
            return i
    return None


def _add_citation(citations: list[Citation], library: Library, passage: _Passage) -> None:
    citation = Citation.of(library.article_of(passage.hit.doc))
    if all(c.article_id != citation.article_id for c in citations):
        citations.append(citation)


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
