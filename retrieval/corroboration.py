"""Corroboration: when a passage from another article reports what a quoted passage reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz

from retrieval.coverage import Meaning, Passage, question_figures
from retrieval.facts import SentenceFacts, dates_in, reported_figures, year_like
from retrieval.focus import Need
from retrieval.library import Library
from retrieval.query import Query

# Number words too common to tie two reports together on their own.
_COMMON_FIGURES = frozenset({"one", "two", "half", "first"})
# The needs a year answers: for these a shared year is the shared answer.
_ASKING_YEARS = frozenset({Need.TIME, Need.YEAR})
# How far from a quote, on each side, a retelling's anchors (sentences both stories make) are looked for.
_RETOLD_REACH = 2


def figure_terms(core: frozenset[str], query: Query, days: frozenset[str] = frozenset()) -> list[str]:
    """A sentence's figures as index terms ("100000", "7.7", "2019"), but single digits, those the question gives
    and the days of the month of its dates (a dateline's "Feb 26" is no figure two reports share)."""
    asked = {t.term for t in query.terms} | days
    return sorted(term for term in core if term[:1].isdigit() and len(term) > 1 and term not in asked)


def tying_figures(figures: Iterable[str], query: Query, *, twin_years: bool) -> list[str]:
    """The figures that may tie two reports together: with twin_years, a year only when the question asks when or
    what year (stories of one period all write its year: "1986" is their setting, not a fact they share)."""
    if not twin_years or query.need in _ASKING_YEARS:
        return list(figures)
    return [figure for figure in figures if not year_like(figure)]


def shared_weights(
    rows: NDArray[np.int64], columns: NDArray[np.int64], weights: NDArray[np.float64], size: int
) -> NDArray[np.float64]:
    """For each pair of rows (0 to size - 1), the summed weights of the columns both hold, where row rows[e] holds
    column columns[e] (no pair twice): held @ diag(weights) @ held.T, with each sum added in column order.

    Few columns are held by more than one row, so pairing the holders of each column is little work; a matrix product
    over every column goes to BLAS, whose threads cost more than the product on a busy machine (and change the order
    of its sums with their number).
    """
    order = np.argsort(columns, kind="stable")  # by column, rows ascending within each
    rows, columns = rows[order], columns[order]
    holders = np.bincount(columns, minlength=len(weights))
    group = holders[columns]  # how many rows hold each entry's column
    first = (np.cumsum(holders) - holders)[columns]  # where each entry's column starts among the entries
    # Each entry paired with every entry of its column (itself included), column by column.
    left = np.repeat(np.arange(len(rows)), group)
    right = np.repeat(first, group) + np.arange(len(left)) - np.repeat(np.cumsum(group) - group, group)
    cells = rows[left] * size + rows[right]
    summed = np.bincount(cells, weights=weights[columns[left]], minlength=size * size)  # float64 with weights
    return summed.astype(np.float64, copy=False).reshape(size, size)


@dataclass(frozen=True, slots=True)
class TwinRules:
    """When two passages count as one report."""

    # Weighted overlap of the two hit sentences' terms at which they are one statement.
    statement_overlap: float = 0.5
    # Also: a passage that covers the question and gives the same answer (figures, distinctive words, wording).
    shared_facts: bool = False
    answer_overlap: float = 0.3  # weighted share of distinctive (non-question) words in common
    # rapidfuzz token_sort_ratio of the two hit sentences' index terms (stemmed, no stopwords) at which they
    # say the same thing in nearly the same words.
    wording_similarity: float = 70.0
    # A shared year ties two reports only when the question asks when or what year.
    twin_years: bool = False
    # A shared figure ties two reports only when the other passage holds the question's names and focus.
    figure_subjects: bool = False


@dataclass(frozen=True, slots=True)
class Twins:
    """Finds, among chosen passages, the one another passage reports again."""

    library: Library
    query: Query
    weight_of: Callable[[str], float]
    rules: TwinRules
    meaning: Meaning | None = None  # with the semantic extra on: sentences close in meaning are one statement
    facts: Sequence[SentenceFacts] | None = None  # the service's per-sentence facts, whose figures it remembers
    # Memos for one answer: weight sums of term sets, and each passage's figures.
    _sums: dict[frozenset[str], float] = field(default_factory=dict, compare=False)
    _texts: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict, compare=False)
    _question: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict, compare=False)
    _days: dict[int, frozenset[str]] = field(default_factory=dict, compare=False)  # each hit sentence's dates
    # Whether two hit sentences make one statement, by their sentence numbers (lower first): the test is symmetric,
    # and echoes and corroboration ask it of the same pairs.
    _statements: dict[tuple[int, int], bool] = field(default_factory=dict, compare=False)
    # Each quoted passage's sentences within reach before and after it (retellings).
    _around: dict[tuple[int, int], tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=dict, compare=False)

    def find(self, passage: Passage, chosen: Sequence[Passage], *, wide: bool) -> int | None:
        """Index of a chosen passage from another article reporting what passage reports, if any.

        With wide set (the passage covers the question), the same answer counts as well as the same
        statement: "100,000 troops" in two articles worded differently is one report.
        """
        for i, other in enumerate(chosen):
            if other.article_id == passage.article_id:
                continue
            if self._same_statement(passage, other) or (
                wide and self.rules.shared_facts and self._same_answer(passage, other)
            ):
                return i
        return None

    def statements(self, passages: Sequence[Passage]) -> NDArray[np.bool_]:
        """Which pairs of the passages make one statement: find's same-statement test, for every pair at once (the
        weighted share of the smaller hit sentence's terms that the other holds, from the weights each pair shares)."""
        column: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        for row, passage in enumerate(passages):
            for term in passage.core:
                rows.append(row)
                columns.append(column.setdefault(term, len(column)))
        weights = np.fromiter(map(self.weight_of, column), dtype=np.float64, count=len(column))
        shared = shared_weights(
            np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64), weights, len(passages)
        )
        sums = shared.diagonal()  # what a passage shares with itself: all its terms' weight
        smaller = np.minimum.outer(sums, sums)
        overlap = np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)
        same: NDArray[np.bool_] = overlap >= self.rules.statement_overlap
        meaning = self.meaning
        if meaning is not None and meaning.pairs is not None and meaning.policy.twin_similarity > 0:
            docs = [p.hit.doc for p in passages]
            pairs = meaning.pairs
            same |= np.array([[pairs[a][b] for b in docs] for a in docs]) >= meaning.policy.twin_similarity
        return same

    def find_date(self, passage: Passage, chosen: Sequence[Passage]) -> int | None:
        """Index of a chosen passage from another article giving the date passage gives, for a "when" question.

        Passage must answer the question itself (the caller checks): two passages that answer "when did X
        happen" and name the same date ("March 17", "last week") report the same fact in whatever words.
        """
        if self.query.need is not Need.TIME:
            return None
        mine = self._dates(passage)
        if not mine:
            return None
        for i, other in enumerate(chosen):
            if other.article_id != passage.article_id and mine & self._dates(other):
                return i
        return None

    def retells(self, passage: Passage, doc: int) -> tuple[int, int] | None:
        """Where another article's sentence doc, or the sentences around it, retell the passage: the span of doc's
        article as long as the passage whose nearest sentences on both sides (within two) are statement twins of the
        passage's at the same distance. A story rewritten sentence by sentence from another (syndicated copy retold
        by a second outlet) says each fact at the same place, in whatever words."""
        library = self.library
        if self.facts is None or library.article_id_of(doc) == passage.article_id:
            return None
        before, after = self._anchors(passage)
        if not before or not after:
            return None
        length = passage.last - passage.first
        for offset in range(length + 1):
            first = doc - offset
            last = first + length
            if length and not (first >= 0 and last < len(library.sentences)):
                continue
            if length and library.article_id_of(first) != library.article_id_of(last):
                continue
            if self._twinned(before, first, -1) and self._twinned(after, last, 1):
                return first, last
        return None

    def _anchors(self, passage: Passage) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The sentences within reach before and after the passage, nearest first (remembered per passage)."""
        key = (passage.first, passage.last)
        found = self._around.get(key)
        if found is None:
            found = self._around[key] = (
                self._reach(passage.first, -1),
                self._reach(passage.last, 1),
            )
        return found

    def _reach(self, number: int, step: int) -> tuple[int, ...]:
        """The sentences of number's article within reach of it, step by step, nearest first."""
        found: list[int] = []
        at = self.library.neighbour(number, step)
        while at is not None and len(found) < _RETOLD_REACH:
            found.append(at)
            at = self.library.neighbour(at, step)
        return tuple(found)

    def _twinned(self, anchors: Sequence[int], theirs: int, step: int) -> bool:
        """Whether one of the anchors makes the statement of the sentence as far from theirs, step by step."""
        there: int | None = theirs
        for here in anchors:
            there = self.library.neighbour(there, step) if there is not None else None
            if there is None:
                return False
            if self._sentence_twins(here, there):
                return True
        return False

    def _sentence_twins(self, one: int, other: int) -> bool:
        facts = self.facts
        assert facts is not None  # retells reads facts only when it has them
        pair = (min(one, other), max(one, other))
        found = self._statements.get(pair)
        if found is None:
            found = self._statements[pair] = (
                self._overlap(facts[one].terms, facts[other].terms) >= self.rules.statement_overlap
            )
        return found

    def _dates(self, passage: Passage) -> frozenset[str]:
        """The dates the hit sentence gives beyond the question's (a neighbour quoted for context is not the answer)."""
        doc = passage.hit.doc
        found = self._days.get(doc)
        if found is None:
            found = self._days[doc] = dates_in(self.library.text_of(doc)) - self._asked()[0]
        return found

    def _same_statement(self, passage: Passage, other: Passage) -> bool:
        pair = (min(passage.hit.doc, other.hit.doc), max(passage.hit.doc, other.hit.doc))
        found = self._statements.get(pair)
        if found is None:
            found = self._statements[pair] = self._one_statement(passage, other)
        return found

    def _one_statement(self, passage: Passage, other: Passage) -> bool:
        # Compare the hit sentences, not the passages: a neighbour quoted for context is not the statement.
        if self._overlap(passage.core, other.core) >= self.rules.statement_overlap:
            return True
        meaning = self.meaning
        if meaning is None or meaning.pairs is None or meaning.policy.twin_similarity <= 0:
            return False
        return meaning.pairs[passage.hit.doc][other.hit.doc] >= meaning.policy.twin_similarity

    def _same_answer(self, passage: Passage, other: Passage) -> bool:
        asked, given = self._asked()
        # The chosen passage's figures first: when it gives none that counts, the other passage's need no reading.
        figures = self._figures(other) - given - _COMMON_FIGURES
        tying = tying_figures(figures, self.query, twin_years=self.rules.twin_years)
        # A figure is a fact only with its subject: a passage lacking the question's name or focus gives another's.
        subject = passage.subject or not self.rules.figure_subjects
        return (
            bool(subject and tying and self._figures(passage).intersection(tying))
            or self._overlap(passage.core - asked, other.core - asked) >= self.rules.answer_overlap
            or fuzz.token_sort_ratio(" ".join(passage.core), " ".join(other.core)) >= self.rules.wording_similarity
        )

    def _asked(self) -> tuple[frozenset[str], frozenset[str]]:
        """The question's terms with their relatives, and the figures it gives (worked out once per answer)."""
        found = self._question.get("asked")
        if found is None:
            terms = self.query.terms
            asked = frozenset({t.term for t in terms}.union(*(t.related for t in terms)))
            found = self._question["asked"] = (asked, question_figures(self.query))
        return found

    def _overlap(self, mine: frozenset[str], theirs: frozenset[str]) -> float:
        """Weighted share of the smaller term set that the other holds too."""
        shared = mine & theirs
        if not shared:
            return 0.0
        smaller = min(self._sum(mine), self._sum(theirs))
        # The shared set is new with each pair: summed, not remembered.
        return sum(map(self.weight_of, shared)) / smaller if smaller > 0 else 0.0

    def _sum(self, terms: frozenset[str]) -> float:
        found = self._sums.get(terms)
        if found is None:
            found = self._sums[terms] = sum(map(self.weight_of, terms))
        return found

    def _figures(self, passage: Passage) -> frozenset[str]:
        """The figures the passage's sentences give (not the days of its dates)."""
        key = (passage.first, passage.last)
        found = self._texts.get(key)
        if found is None:
            numbers = range(passage.first, passage.last + 1)
            if self.facts is not None:  # a figure never spans two sentences: the passage's are its sentences'
                found = frozenset().union(*(self.facts[n].reported for n in numbers))
            else:
                found = reported_figures(" ".join(self.library.text_of(n) for n in numbers))
            self._texts[key] = found
        return found
