"""How close together a sentence holds the question's words, and the answer kind asked for beside what is asked."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from retrieval.facts import kind_spans
from retrieval.query import Query
from retrieval.text import stem_words

# A word as the index reads it, with its place in the text (case and accents as written: positions only matter).
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[.'’][^\W\d_]+)*")


def closeness(text: str, query: Query) -> float:
    """How tightly the question's matched words stand in text: the number of distinct question terms it holds over
    the length of the shortest stretch of its words that holds them all (1.0 when they stand side by side; 0 when
    it holds fewer than two)."""
    positions = _term_positions(text, query)
    if len(positions) < 2:
        return 0.0
    return len(positions) / _shortest_window(positions)


def adjacency(text: str, query: Query) -> float:
    """How near the answer kind asked for ("how many": a figure) stands to what the question asks about (its focus
    words, or else any question word): 1 / (1 + words between them); 0 when either is missing."""
    if query.need is None or all(t.focus is None for t in query.terms):
        return 0.0
    spans = kind_spans(text, query.need)
    if not spans:
        return 0.0
    starts = [m.start() for m in _WORD.finditer(text)]
    held = {p for places in _term_positions(text, query).values() for p in places}
    asked = {p for places in _term_positions(text, query, focus_only=True).values() for p in places}
    if not asked:
        return 0.0
    # The question's own words ("Putin" of "what did Xi call Putin") are not its answer.
    kinds = {max(0, bisect_right(starts, start) - 1) for start, _ in spans} - held
    if not kinds:
        return 0.0
    gap = min(abs(k - a) for k in kinds for a in asked)
    return 1.0 / gap


def _term_positions(text: str, query: Query, *, focus_only: bool = False) -> dict[str, list[int]]:
    """Where (word numbers) each question term that text holds stands in it."""
    found = [m.group(0).lower().replace("’", "'") for m in _WORD.finditer(text)]
    words = [w.removesuffix("'s").replace(",", "") if w[0].isdigit() else w.removesuffix("'s") for w in found]
    stems = stem_words(words)
    wanted: dict[str, str] = {}
    for term in query.terms:
        if focus_only and term.focus is None:
            continue
        for form in {term.term} | term.instances:
            wanted.setdefault(form, term.term)
    positions: dict[str, list[int]] = {}
    for number, word_stem in enumerate(stems):
        held = wanted.get(word_stem)
        if held is not None:
            positions.setdefault(held, []).append(number)
    return positions


def _shortest_window(positions: dict[str, list[int]]) -> int:
    """The fewest consecutive words that hold one place of every term (a sliding window over the merged places)."""
    merged: Sequence[tuple[int, str]] = sorted((p, term) for term, places in positions.items() for p in places)
    need = len(positions)
    counts: dict[str, int] = {}
    best = merged[-1][0] - merged[0][0] + 1
    left = 0
    for place, term in merged:
        counts[term] = counts.get(term, 0) + 1
        while len(counts) == need:
            best = min(best, place - merged[left][0] + 1)
            left_term = merged[left][1]
            counts[left_term] -= 1
            if not counts[left_term]:
                del counts[left_term]
            left += 1
    return best
