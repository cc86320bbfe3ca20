"""The names rule: a quote must hold the question's rarer proper names, in it or around it.

Around it means its neighbours, its headline, the acronyms its capitalised words make ("CNPC"), a few
sentences back when it names its speaker only as "he said" or "the president added", and (with metonyms on) what a
name also goes by ("Moscow" or "the Kremlin" for Russia, "Western" for West). A month or weekday is held by the days a
passage speaks of (calendar_held), and a name of "Bank of England" by "the Bank" after the article named it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from retrieval.facts import SentenceFacts
from retrieval.lexicon import holds
from retrieval.library import Library
from retrieval.query import Query, days_in
from retrieval.text import MONTHS, WEEKDAYS, opens_quotation, stem

# A speaker named only by pronoun ("he said"): the name may stand a few sentences back.
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:he|she|the [a-z]+)\s+(?:said|added|says|told|argued|noted|warned|stated|continued|explained|commented"
    r"|insisted|replied|wrote)\b|\b(?:said|added|stated|continued)\s+(?:he|she|the [a-z]+)\b"
)
_SPEAKER_LOOKBACK = 4
_EARLIER = 60  # how far back in its article a passage naming a run by its head looks for the full name
# A reporting word that attributes a quotation in its own sentence.
_ATTRIBUTED = re.compile(r"\b(?:said|says|say|added|adds|told|tells|according)\b")
# Stems of the compass names that stand for loose blocs or regions: "the West", "Western", "the East".
_COMPASS = frozenset({"west", "western", "east", "eastern", "north", "northern", "south", "southern"})


@dataclass(frozen=True, slots=True)
class NameCheck:
    """Finds the question's rarer name a passage lacks, looking around it as the rule allows."""

    library: Library
    terms_of: Callable[[int], frozenset[str]]
    facts: Sequence[SentenceFacts] | None = None
    titles: Mapping[str, frozenset[str]] | None = None
    aliases: bool = False
    blocs: bool = False
    quotations: bool = False  # a passage inside a quotation opened before it looks for its speaker before that
    runs: bool = False  # a whole quotation left unattributed right after another quotation is that speaker's too
    # The last question's rarer names: a judge asks of one question passage after passage.
    _required: list[tuple[Query, frozenset[str]]] = field(default_factory=list, compare=False, repr=False)

    def missing(
        self, query: Query, first: int, last: int, inside: frozenset[str], spoken: frozenset[str] | None = None
    ) -> str | None:
        """The first of the question's rarer names that neither the passage nor its context holds (spoken: its
        speaker_context, when the caller has read it already)."""
        names = self._required_names(query)
        if not names or names <= inside:
            return None
        context = set(inside)
        sentences = self.library.sentences
        for number, step in ((first, -1), (last, 1)):
            other = self.library.neighbour(number, step)
            if other is not None:
                context |= self.terms_of(other)
        if self.titles is not None:
            context |= self.titles.get(sentences[first].article_id, frozenset())
        if self.facts is not None:
            context.update(a for n in range(first, last + 1) for a in self.facts[n].acronyms)
        context |= self.speaker_context(first, last) if spoken is None else spoken
        if self.aliases:
            # A name is held by what it goes by: "Moscow" or "the Kremlin" for Russia, "Western" for West.
            held = frozenset(context)
            names = frozenset(t.term for t in query.terms if t.term in names and not holds(t.aliases, held))
        missing = sorted(names - context)
        if not missing:
            return None
        return next(t.surface for t in query.terms if t.term == missing[0])

    def named_by_heads(self, query: Query, first: int, last: int, inside: frozenset[str]) -> frozenset[str]:
        """The names of the question's runs the passage does not write but names by the run's head, capitalised ("the
        Bank" for the Bank of England), after its article (or headline) has named them: news copy's second reference."""
        facts = self.facts
        if facts is None or not query.runs:
            return frozenset()
        unwritten = [(head, names - inside) for head, names in query.runs if not names <= inside]
        heads = [
            (head, names)
            for head, names in unwritten
            if any(head in facts[n].capitalised for n in range(first, last + 1))
        ]
        if not heads:
            return frozenset()
        named = set(self.titles.get(self.library.article_id_of(first), frozenset()) if self.titles else ())
        named.update(*(self.terms_of(n) for n in self.library.before(first, _EARLIER)))
        return frozenset().union(*(names & named for _, names in heads))

    def _required_names(self, query: Query) -> frozenset[str]:
        """required_names of the query, worked out once for the question being judged."""
        if self._required and self._required[0][0] is query:
            return self._required[0][1]
        names = required_names(query, blocs=self.blocs)
        self._required[:] = [(query, names)]
        return names

    def speaker_context(self, first: int, last: int) -> frozenset[str]:
        """The terms of the few sentences before the quotation a passage belongs to, where its speaker is named:
        when it names them only as "he said", or (with quotations on) lies inside a quotation opened before it."""
        opened = self._opened_before(first) if self.quotations else None
        if opened is None and self.runs and self._continues_quotation(first, last):
            opened = first
        if opened is None:
            text = " ".join(self.library.text_of(n) for n in range(first, last + 1))
            if not _PRONOUN_SPEAKER.search(text):
                return frozenset()
        # "..., he said." names its speaker a few sentences back, counted from where the quotation opened.
        start = opened if opened is not None else self._quotation_start(first)
        return frozenset().union(*(self.terms_of(back) for back in self.library.before(start, _SPEAKER_LOOKBACK)))

    def _continues_quotation(self, first: int, last: int) -> bool:
        """Whether the passage is a whole quotation with no attribution of its own, right after a sentence quoting
        someone: news copy names each new speaker, so an unattributed quotation paragraph goes on with the last one
        ("... ,” he said. “If a war breaks out over Ukraine or Taiwan, we can expect this partnership to fracture.”)."""
        text = " ".join(self.library.text_of(n) for n in range(first, last + 1)).strip()
        opening, closing = quotation_marks(text)
        if not _QUOTATION_MARK.match(text) or opening != closing or _ATTRIBUTED.search(text):
            return False
        before = self.library.neighbour(first, -1)
        return before is not None and quotation_marks(self.library.text_of(before))[0] > 0

    def quotation_close(self, first: int, last: int) -> int:
        """The sentence that closes a quotation the passage leaves open (last itself when it leaves none open), at
        most a few sentences on: where its speaker tag stands."""
        still_open = 0
        for number in range(first, last + 1):
            opening, closing = quotation_marks(self.library.text_of(number))
            still_open = max(0, still_open + opening - closing)
        end = last
        for _ in range(_SPEAKER_LOOKBACK):
            after = self.library.neighbour(end, 1) if still_open else None
            if after is None:
                break
            end = after
            opening, closing = quotation_marks(self.library.text_of(end))
            still_open = max(0, still_open + opening - closing)
        return end

    def _opened_before(self, number: int) -> int | None:
        """The sentence a quotation that is still open at this sentence's start opened in, if one is."""
        back: int | None = number
        for _ in range(_SPEAKER_LOOKBACK):
            back = self.library.neighbour(back, -1) if back is not None else None
            if back is None:
                return None
            opening, closing = quotation_marks(self.library.text_of(back))
            if opening != closing:
                return back if opening > closing else None
        return None

    def _quotation_start(self, number: int) -> int:
        """The sentence a quotation closing in this one opened in (itself when it closes none)."""
        start = number
        for _ in range(_SPEAKER_LOOKBACK):
            opening, closing = quotation_marks(self.library.text_of(start))
            if opening >= closing:
                break
            back = self.library.neighbour(start, -1)
            if back is None:
                break
            start = back
            if quotation_marks(self.library.text_of(start))[0]:
                break
        return start


# A double quotation mark: typographic, straight, or as the Penn Treebank style writes it (``, and '' to close).
_QUOTATION_MARK = re.compile(r"[“”\"]|``|''")


@lru_cache(maxsize=4096)  # the sentences around the passages judged for one question are read again and again
def quotation_marks(text: str) -> tuple[int, int]:
    """How many quotations text opens and how many it closes (a mark the same both ways: text.opens_quotation)."""
    opening = closing = 0
    if "“" not in text and "”" not in text and '"' not in text and "``" not in text and "''" not in text:
        return opening, closing  # most sentences quote no one: no search to run
    for mark in _QUOTATION_MARK.finditer(text):
        at, end = mark.span()
        if mark.group() == "“" or (mark.group() in ('"', "``") and opens_quotation(text, at, end)):
            opening += 1
        else:
            closing += 1
    return opening, closing


def required_names(query: Query, *, blocs: bool = False) -> frozenset[str]:
    """The question's rarer proper names; a name on every line of the corpus (the main actors) is not asked for.

    Rarer means weighing at least the question's mean, or (with rare names on) standing in so few sentences that
    its weight is near the largest ("What did Iacocca say about the Kenosha plant?" asks about both). With blocs
    on, "the West" or "Western" alone is a loose bloc that stories name in other ways ("the US and its allies",
    "Nato"): it counts for coverage like any word, but is not required."""
    if not query.terms:
        return frozenset()
    mean = sum(t.weight for t in query.terms) / len(query.terms)
    # A name the question writes as a possessor ("India's unemployment rate") says whose the answer is.
    loose = _blocs(query) if blocs else frozenset()
    return frozenset(
        t.term
        for t in query.terms
        if t.name and t.term not in loose and (t.weight >= mean or t.owner or t.weight >= query.rare)
    )


def _blocs(query: Query) -> frozenset[str]:
    """The compass names that stand alone ("the West", "Western governments"), not begin a name ("North Korea")."""
    terms = query.terms
    return frozenset(
        t.term for i, t in enumerate(terms) if t.term in _COMPASS and (i + 1 == len(terms) or not terms[i + 1].name)
    )


# The question terms of the calendar's names: months (1 to 12) and weekdays (Monday 0, as date.weekday() counts).
_MONTH_TERMS = {stem(name): number for number, name in enumerate(MONTHS, start=1)}
_WEEKDAY_TERMS = {stem(name): number for number, name in enumerate(WEEKDAYS)}
CALENDAR_TERMS = frozenset(_MONTH_TERMS) | frozenset(_WEEKDAY_TERMS)
# A day named relative to the article's date ("yesterday", "on Friday": the last Friday up to it) or a month
# ("last month").
_RELATIVE = re.compile(rf"\b(yesterday|today|{'|'.join(WEEKDAYS)}|(?:last|this|next) month)\b", re.IGNORECASE)
_MONTH_SHIFT = {"last month": -1, "this month": 0, "next month": 1}
_AHEAD = 31  # a story may name a day up to a month after its own ("talks on March 17"); later ones are last year's


def calendar_held(text: str, published: date | None, asked: Collection[str]) -> frozenset[str]:
    """The asked month and weekday terms that the days a passage speaks of fall on: its article's date (the dateline
    of a story that says "today"), the days it writes in that year ("March 11"), and the days it names relative to
    the date ("yesterday", "on Friday", "last month")."""
    if published is None or not asked:
        return frozenset()
    days = [published]
    months = {published.month}
    for month, day in days_in(text):
        found = _day_of(published, month or published.month, day)
        if found is not None:
            days.append(found)
            months.add(found.month)
    for match in _RELATIVE.finditer(text):
        word = " ".join(match.group(1).lower().split())
        if word in _MONTH_SHIFT:
            months.add((published.month - 1 + _MONTH_SHIFT[word]) % 12 + 1)
            continue
        back = 1 if word == "yesterday" else 0 if word == "today" else (published.weekday() - WEEKDAYS.index(word)) % 7
        said = published - timedelta(days=back)
        days.append(said)
        months.add(said.month)
    weekdays = {day.weekday() for day in days}
    return frozenset(
        term for term in asked if _MONTH_TERMS.get(term) in months or _WEEKDAY_TERMS.get(term, -1) in weekdays
    )


def _day_of(published: date, month: int, day: int) -> date | None:
    """The date of a day of the month a story names, in the year up to its own date (None: no such day)."""
    try:
        found = date(published.year, month, day)
    except ValueError:
        return None
    if found <= published + timedelta(days=_AHEAD):
        return found
    try:
        return date(published.year - 1, month, day)
    except ValueError:
        return None
