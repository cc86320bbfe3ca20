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
_FIGURE = re.compile(rf"\d+(?:[.,]\d+)*|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_MONEY = re.compile(
    r"[$£€¥]|\b(?:US|HK|A|C)\$|\b\d[\d.,]*\s?(?:bn|m|billion|million|trillion)?\s?"
    r"(?:dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|roubles?|rubles?|pence|cents?)\b",
    re.IGNORECASE,
)
# A stretch of time or a length: "two-day", "for 10 years", "since 2019", "5,400 words", "several thousand words".
_UNITS = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century|words?|pages?|km|kilomet(?:re|er)s?"
    r"|miles?)"
)
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|several|few|many)(?:[\s-]+(?:{_NUMBER_WORDS}))?[\s-]+{_UNITS}\b"
    r"|\b(?:since|until|till) (?:(?:early|late|mid)[\s-])?(?:1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# A date proper: a year, a month or a weekday (not merely "since" or "years").
_EXACT_DATE = re.compile(rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS})\b", re.IGNORECASE)
# Runs of capitalised words ("China National Petroleum Corporation"), for the acronyms they make ("CNPC").
_CAPITAL_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w’'-]*)+")
_LINKING = frozenset({"of", "and", "for", "the", "&"})
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
    figures: frozenset[str] = frozenset()  # numbers as written ("100,000", "two"), lowercased
    has_money: bool = False
    acronyms: frozenset[str] = frozenset()  # initials of capitalised runs, lowercased ("cnpc", "nuj")
    has_duration: bool = False  # a stretch of time or a length ("two-day", "for 10 years", "5,400 words")
    has_exact_date: bool = False  # a year, month or weekday, written or relative ("last year")


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
                figures=figures_in(text),
                has_money=bool(_MONEY.search(text)),
                acronyms=acronyms_in(text),
                has_duration=bool(_DURATION.search(text)),
                has_exact_date=bool(years) or bool(_EXACT_DATE.search(text)),
            )
        )
    return tuple(out)


def title_terms(library: Library, terms_of: Callable[[str], Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each article's headline terms (empty when it has no headline)."""
    return {aid: frozenset(terms_of(article.title or "")) for aid, article in library.articles.items()}


def figures_in(text: str) -> frozenset[str]:
    """The numbers written in text, digits or words, lowercased ("100,000", "two", "billion")."""
    return frozenset(match.lower() for match in _FIGURE.findall(text))


def acronyms_in(text: str) -> frozenset[str]:
    """The acronyms text spells out: initials of every stretch of a run of capitalised words ("cnpc", "nuj")."""
    found: set[str] = set()
    for run in _CAPITAL_RUN.findall(text):
        initials = [p[0].lower() for p in run.split() if p.lower() not in _LINKING]
        for start in range(len(initials) - 1):
            for end in range(start + 2, min(len(initials), start + 6) + 1):
                found.add("".join(initials[start:end]))
    return frozenset(found)
