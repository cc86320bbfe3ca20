"""What a library covers, computed from it: how many articles, which outlets, which dates, which topics."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from retrieval.library import Library
from retrieval.text import normalise, stem, stopwords

_WORD = re.compile(r"[^\W\d_][\w’'-]*[^\W\d_]")
_PROPER_SHARE = 0.6  # a topic is written capitalised at least this often: a name, not a common word
_MIN_TERM_CHARS = 3


@dataclass(frozen=True, slots=True)
class Overview:
    """A summary of a library for people: counts, outlets (most articles first), date range and topics."""

    articles: int
    outlets: tuple[str, ...]
    first_date: date | None
    last_date: date | None
    topics: tuple[str, ...]


def overview(library: Library, max_topics: int = 8) -> Overview:
    """Summarise a library from its article metadata and its most widespread names."""
    articles = list(library.articles.values())
    outlets = Counter(a.source for a in articles if a.source)
    dates = sorted(a.date for a in articles if a.date is not None)
    return Overview(
        articles=len(articles),
        outlets=tuple(name for name, _ in sorted(outlets.items(), key=lambda item: (-item[1], item[0]))),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        topics=_topics(library, max_topics),
    )


def _topics(library: Library, limit: int) -> tuple[str, ...]:
    """Names that run through the most articles, weighted by how often they occur (df share x log tf)."""
    stop = stopwords()
    count: Counter[str] = Counter()
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    # Mid-sentence spellings only: every word is capitalised at the start of a sentence.
    inner: defaultdict[str, Counter[bool]] = defaultdict(Counter)
    seen: defaultdict[str, set[str]] = defaultdict(set)
    for sentence in library.sentences:
        for position, word in enumerate(_WORD.findall(sentence.text)):
            folded = normalise(word)
            if folded in stop or len(folded) < _MIN_TERM_CHARS:
                continue
            term = stem(folded)
            count[term] += 1
            spellings[term][word] += 1
            seen[term].add(sentence.article_id)
            if position:
                inner[term][word[0].isupper()] += 1
    total = max(len(library.articles), 1)
    needed = min(2, total)

    def is_name(term: str) -> bool:
        capitals = inner[term]
        return capitals[True] > 0 and capitals[True] >= _PROPER_SHARE * capitals.total()

    ranked = sorted(
        (t for t in count if len(seen[t]) >= needed and is_name(t)),
        key=lambda t: (-(len(seen[t]) / total) * math.log1p(count[t]), t),
    )
    chosen: list[str] = []
    for term in ranked:
        if not any(_same_root(term, other) for other in chosen):
            chosen.append(term)
        if len(chosen) == limit:
            break
    return tuple(spellings[t].most_common(1)[0][0] for t in chosen)


def _same_root(a: str, b: str) -> bool:
    """Whether two stems are forms of one name ("russia"/"russian", "china"/"chines")."""
    shorter = min(len(a), len(b))
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, math.ceil(0.8 * shorter))
