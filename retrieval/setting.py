"""An article's setting: the terms its headline, its lead and its recurring vocabulary put around every sentence.

A question often names the event it is about ("at the Olympics summit", "during the 2024 visit"); the
article says so once in its headline or lead, and its answering sentence need not say it again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from retrieval.facts import with_dates
from retrieval.library import Library

LEAD_SENTENCES = 2
# A term in at least this share of an article's sentences (and in at least MIN_RECURRING of them) recurs.
RECURRING_SHARE = 0.1
MIN_RECURRING = 3


def setting_terms(
    library: Library, terms_of: Callable[[int], frozenset[str]], titles: Mapping[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Each article's setting: its headline's terms, its lead's, and the terms that recur in its sentences."""
    numbers: dict[str, list[int]] = {}
    for number, sentence in enumerate(library.sentences):
        numbers.setdefault(sentence.article_id, []).append(number)
    return {
        article_id: article_setting(numbers.get(article_id, []), terms_of, titles.get(article_id, frozenset()))
        for article_id in library.articles
    }


def article_setting(
    own: Sequence[int], terms_of: Callable[[int], frozenset[str]], title: frozenset[str]
) -> frozenset[str]:
    """One article's setting, from its sentence numbers (in order) and its headline's terms."""
    counts = Counter(term for n in own for term in terms_of(n))
    floor = max(MIN_RECURRING, RECURRING_SHARE * len(own))
    lead = frozenset().union(*(terms_of(n) for n in own[: int(LEAD_SENTENCES)]))
    recurring = {term for term, count in counts.items() if count >= floor}
    return title | lead | recurring


def own_settings(
    terms: Sequence[frozenset[str]], years: Sequence[frozenset[int]], title: frozenset[str], published: date | None
) -> tuple[frozenset[str], frozenset[str]]:
    """An article's setting from its sentences' terms and years: without, then with the dates technique."""
    dated = [with_dates(own, found, published) for own, found in zip(terms, years, strict=True)]
    numbers = range(len(terms))
    return article_setting(numbers, terms.__getitem__, title), article_setting(numbers, dated.__getitem__, title)
