"""What re-ranking needs to know about each sentence, worked out once when the library is indexed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.library import Library
from retrieval.query import years_in

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|"
    r"thousands?|millions?|billions?|trillions?|dozens?|half|third|quarter|percent|per cent"
)
_NUMBER = re.compile(rf"\d|[$£€%]|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_DATE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS}|yesterday|today|tomorrow|since|ago|decades?|years?|months?|weeks?)\b",
    re.IGNORECASE,
)
# Two or more capitalised words in a row, not at the start of the sentence: usually a name.
_NAME = re.compile(r"(?<=[\w,;:’'\"”)] )(?:[A-Z][\w’'.-]+ )+[A-Z][\w’'-]+")
_PLACE = re.compile(r"\b(?:in|to|at|from|near|of) (?:the )?[A-Z][a-z]+")
# Phrases that name a year relative to the article's own date.
_RELATIVE_YEARS = (
    (re.compile(r"\blast year\b|\ba year (?:earlier|ago|before)\b|\byear-earlier\b|\bprevious year\b", re.I), -1),
    (re.compile(r"\bthis year\b|\bearlier this year\b", re.I), 0),
    (re.compile(r"\bnext year\b|\bcoming year\b", re.I), 1),
)


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """A sentence's index terms, the years it refers to, and the kinds of answer it holds."""

    terms: frozenset[str]
    years: frozenset[int]  # written out, or relative to the article date ("last year")
    has_number: bool
    has_date: bool
    names: tuple[str, ...]
    has_place: bool


def sentence_facts(library: Library, terms_of: Callable[[str], Sequence[str]]) -> tuple[SentenceFacts, ...]:
    """Work out the facts of every sentence in the library, in sentence order."""
    out: list[SentenceFacts] = []
    for number, sentence in enumerate(library.sentences):
        article = library.article_of(number)
        text = sentence.text
        years = set(years_in(text))
        if article.date is not None:
            years.update(article.date.year + shift for pattern, shift in _RELATIVE_YEARS if pattern.search(text))
        out.append(
            SentenceFacts(
                terms=frozenset(terms_of(text)),
                years=frozenset(years),
                has_number=bool(_NUMBER.search(text)),
                has_date=bool(_DATE.search(text)),
                names=tuple(_NAME.findall(text)),
                has_place=bool(_PLACE.search(text)),
            )
        )
    return tuple(out)


def title_terms(library: Library, terms_of: Callable[[str], Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each article's headline terms (empty when it has no headline)."""
    return {aid: frozenset(terms_of(article.title or "")) for aid, article in library.articles.items()}
