"""Judge a ranked sentence as a quote: the passage it makes, how much of the question it covers, what it lacks.

A question term is covered inside the passage (fully), through a related word (synonym, derived form,
hypernym: most of its weight), or only in a neighbouring sentence or the headline (half). The passage
must also hold the question's key concepts: its rarer names, what it counts or asks about, and a figure
or a sum of money when it asks "how many" or "how much".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from retrieval.actors import Actor, given_to_another
from retrieval.facts import (
    SentenceFacts,
    amount_clauses,
    answer_clauses,
    counted_words,
    days_in,
    figures_in,
    money_sums,
    of_day,
    spans_measured,
    year_like,
)
from retrieval.focus import MONEY_MEASURES, RATE_WORDS, Focus, Need
from retrieval.index import Hit
from retrieval.lexicon import holds
from retrieval.library import Library
from retrieval.names import CALENDAR_TERMS, NameCheck, calendar_held
from retrieval.periods import quarters_in
from retrieval.query import FRAME_WORDS, Query, QueryTerm
from retrieval.semantic import SemanticPolicy, WordMatch, answer_bar, credit, word_credit
from retrieval.speakers import speaks
from retrieval.text import MONTHS, stem, stopwords

_REACH = 8  # a money or rate word this many words from a figure in its clause may be what the figure measures
_RATE_WORDS_BEFORE = 2  # "base lending rates": the words before a rate word that say which rate it is
_TIE_NAME_SHARE = 2 / 3  # of a rare name's weight (half the largest idf): a name this rare ties a date to its event
_SPEAKER_REACH = 4  # "he said" may follow the sentence that names the speaker by this many sentences

# A sentence that opens with one of these leans on the sentence before it for its subject.
_ANAPHOR = re.compile(
    r"^(?:``|[\"“‘'])?(?:he|she|they|it|its|this|that|these|those|his|her|their|such|the latter|the former|"
    r"there|but|and|so|yet|however|meanwhile)\b",
    re.IGNORECASE,
)
_OPENS_QUOTE = re.compile(r"^(?:[\"“‘]|``)")  # `` is a double quote in the Penn Treebank style
_NEED_NAMES = {
    Need.NUMBER: "a figure",
    Need.MONEY: "a sum of money",
    Need.DURATION: "a length of time",
    Need.PLACE: "a place",
    Need.TIME: "a date or time",
    Need.SHARE: "a share",
    Need.SPAN: "a length of time",
    Need.CLOCK: "a time of day",
    Need.PERSON: "a name",
    Need.YEAR: "a year",
}

# What may follow a sum of money to make it a price per unit of a good or a share (news style: "a share", "per
# barrel", "a pound"; not a period, "a year" is a rate).
_PER_UNIT = re.compile(
    r"\s*(?:a|an|per|each)\s+(?:share|pound|barrel|tonne|ton|ounce|unit|kilo|kilogram|litre|liter|gallon|bushel"
    r"|head|seat|ticket|car|vehicle)s?\b",
    re.IGNORECASE,
)
# Question words that ask for a price per unit, so that one answers.
_UNIT_ASKS = frozenset(
    {"per", "each", "apiece", "price", "prices", "priced", "share", "shares", "pound", "barrel", "tonne", "ton",
     "ounce", "unit", "rate"}
)  # fmt: skip


# Verbs of a change in level, in general English (a hand list of the common forms news copy uses): a question that
# asks how much something grew, rose or fell asks for a change, and a quote tells one with these words or "up",
# "down", "higher", "lower", "cut", "lost".
_CHANGE_ASKS = frozenset(
    {
        "rise", "rises", "rose", "risen", "rising", "fall", "falls", "fell", "fallen", "falling", "grow", "grows",
        "grew", "grown", "growing", "increase", "increased", "increases", "increasing", "decrease", "decreased",
        "decreases", "decline", "declined", "declines", "declining", "drop", "dropped", "drops", "climb", "climbed",
        "climbs", "jump", "jumped", "jumps", "gain", "gained", "gains", "slip", "slipped", "slips", "slide", "slid",
        "slides", "shrink", "shrank", "shrunk", "shrinks", "expand", "expanded", "expands", "surge", "surged",
        "plunge", "plunged", "tumble", "tumbled", "soar", "soared", "sink", "sank", "rebound", "rebounded", "recover",
        "recovered", "improve", "improved", "widen", "widened", "narrow", "narrowed",
    }
)  # fmt: skip
_CHANGE_WORDS = _CHANGE_ASKS | frozenset(
    {"growth", "expansion", "up", "down", "higher", "lower", "cut", "cuts", "raised", "lost", "lose", "loss"}
)
# The answer kinds a change is measured in ("how much did trade grow": a sum, a share or a figure).
_LEVELS = (Need.NUMBER, Need.MONEY, Need.SHARE)
_LETTERS = re.compile(r"[A-Za-z]+")


def question_figures(query: Query) -> frozenset[str]:
    """Every figure the question's words give, as facts reads figures (read once per question, not per passage)."""
    return _figures_of(tuple(t.surface for t in query.terms))


@lru_cache(maxsize=1024)
def _figures_of(surfaces: tuple[str, ...]) -> frozenset[str]:
    # A figure the question writes without separators ("2000", as its words read "2,000") is the story's "2,000".
    given = figures_in(" ".join(surfaces))
    return given | {f"{int(figure):,}" for figure in given if figure.isdigit() and len(figure) > 3}


@lru_cache(maxsize=1024)
def _asked_figures(surfaces: tuple[str, ...]) -> Mapping[str, str]:
    """The figures a question gives in digits, each with the word that writes it: not years, not days of the month, and
    not single digits (news copy spells one to nine out, and chat writes "4" for "for", "2" for "to")."""
    days = days_in(" ".join(surfaces))
    return {
        _plain(figure): surface
        for surface in surfaces
        for figure in figures_in(surface)
        if figure[0].isdigit() and len(figure) > 1 and not year_like(figure) and figure not in days
    }


def _plain(figure: str) -> str:
    """A figure without its thousands separators ("2,000" and "2000" are one figure)."""
    return figure.replace(",", "")


_QUARTER_NAMES = ("first", "second", "third", "fourth")
# A compass point says where as a place name does ("the northeastern Chinese city of Harbin" answers "where in China
# is Harbin"); written small, as a direction is, not a bloc or a name ("the West", "Northern Ireland").
_COMPASS = re.compile(r"\b(?:north|south)(?:east|west)?(?:ern)?\b|\b(?:east|west)(?:ern)?\b")


# The answer kinds whose clause must hold the asked event's words (with date ties), as answer_clauses names them.
_TIED_KINDS = {Need.TIME: "date", Need.YEAR: "year"}

# The answer kinds a sentence's facts tell on their own.
_KIND_HELD: dict[Need, Callable[[SentenceFacts], bool]] = {
    Need.MONEY: lambda f: f.has_money,
    Need.DURATION: lambda f: f.has_duration,
    Need.TIME: lambda f: f.has_date,
    Need.SHARE: lambda f: f.has_share,
    Need.SPAN: lambda f: f.has_span,
    Need.CLOCK: lambda f: f.has_clock,
}


@dataclass(frozen=True, slots=True)
class Rules:
    """How a passage is judged (set from AnswerPolicy and the switched-on techniques)."""

    max_chars: int = 500
    require_names: bool = True
    extend_for_coverage: bool = True
    related_share: float = 0.0  # 0 switches related words off
    defined_share: float = 0.0  # a word no article uses, held by a word of its WordNet definitions; 0 is off
    context_share: float = 0.0  # 0 counts only what the passage itself holds
    require_focus: bool = False
    require_kind: bool = False
    setting_share: float = 0.0  # a question term prominent in the passage's article counts this share; 0 is off
    name_aliases: bool = False  # a name is held by what it goes by too ("Moscow" for Russia, "Western" for West)
    joint_figures: bool = False  # "how many X" needs its figure in the sentence that speaks of X
    whole_targets: bool = False  # what the question counts or asks of needs its head and half its weight inside
    require_years: bool = False  # a year the question names must be the passage's (written, relative, its article's)
    counts: bool = False  # "how many" is not answered by a year or a day of the month alone
    blocs: bool = False  # "the West" / "Western" alone is a loose bloc: it counts for coverage but is not required
    amounts: bool = False  # with counts on, "how many" is not answered by a sum of money or a share either
    speakers: bool = False  # "What did X say" needs X (or "he", after X) saying something in or just before it
    count_ties: bool = False  # "how many X" is not answered by a figure that counts another noun ("15 deals")
    sum_ties: bool = False  # "how much did X earn" is not answered by a sum another measure stands nearer ("sales")
    rate_ties: bool = False  # "what inflation rate" is not answered by a share of another rate ("3.3 pct growth rate")
    date_ties: bool = False  # "when did X ..." is not answered by a date whose clause holds none of the asked words
    every_year: bool = False  # with years on, each year the question names is the passage's, not only one of them
    given_figures: bool = False  # a figure the question gives ("the $117.5 billion deal") is a key concept, like a name
    changes: bool = False  # "how much did X grow / rise / fall" is not answered by a level ("reached a record $240bn")
    unit_prices: bool = False  # "what did X pay" is not answered by prices per unit alone ("72.50 dlrs a share")
    quoted_speakers: bool = False  # a quotation's speaker, named before it opened, is held around each of its sentences
    quotation_runs: bool = False  # an unattributed quotation right after another one is that speaker's
    asked_days: bool = False  # a day of the month the question names must be the passage's (its article's, or written)
    other_periods: bool = False  # a passage naming only another quarter ("first quarter profit") answers no other's
    figure_years: bool = False  # with years on, the sentence giving the asked figure must be of the question's year
    asked_offices: bool = False  # "which judge ..." (a noun only ever a person) needs the office written in the passage
    # "Did X mention Taiwan?": a name after a yes / no question's verb must be written in the passage itself.
    yes_no_names: bool = False
    speaker_tags: bool = False  # a quotation the passage opens is its speaker's, named by the tag after it closes
    span_ties: bool = False  # "how long did the talks last" is not answered by a span of another noun ("two-day visit")
    whole_counts: bool = False  # "how many X" is not answered by a fraction below one (".0840 of a share": a ratio)
    other_actors: bool = False  # "How much did TWA pay": not a passage whose every "pay" is another name's ("Chrysler")


@dataclass(frozen=True, slots=True)
class Meaning:
    """The semantic extra's view of one question: its similarity to each sentence, and sentences' to each other."""

    similarity: Sequence[float]
    pairs: Sequence[Sequence[float]] | None
    policy: SemanticPolicy
    words: WordMatch | None = None  # the question's words against each sentence's (None: word credit off)
    closest: int | None = None  # the corpus's sentence closest in meaning to the question (None: not looked for)

    def bar(self, first: int, last: int, bar: float) -> float | None:
        """The coverage the passage first..last answers from, given how close it is in meaning (None: never)."""
        if self.closest is None:
            return bar
        closeness = max(self.similarity[n] for n in range(first, last + 1))
        holds = first <= self.closest <= last
        return answer_bar(closeness, holds, self.similarity[self.closest], bar, self.policy)


@dataclass(frozen=True, slots=True)
class Passage:
    """A hit and the sentences quoted with it, with its coverage of the question and what key concept it lacks."""

    first: int
    last: int
    hit: Hit
    terms: frozenset[str]
    coverage: float
    article_id: str
    core: frozenset[str]  # the terms of the hit sentence alone
    lacking: str | None  # the key concept it does not hold, if any
    gate: float | None = None  # coverage with the question's gate weights (None: the same as coverage)
    # Whether it holds what the question is about: its required names and its focus (a kind it lacks aside).
    subject: bool = True

    @property
    def answers(self) -> float:
        """The coverage that decides whether the passage answers at all."""
        return self.coverage if self.gate is None else self.gate


@dataclass(frozen=True, slots=True)
class Judge:
    """Everything needed to turn hits into judged passages; pure given its inputs."""

    library: Library
    terms_of: Callable[[int], frozenset[str]]
    rules: Rules
    facts: Sequence[SentenceFacts] | None = None
    titles: Mapping[str, frozenset[str]] | None = None
    settings: Mapping[str, frozenset[str]] | None = None  # each article's prominent terms
    meaning: Meaning | None = None  # with the semantic extra on
    _names: NameCheck = field(init=False, repr=False, compare=False)  # the names rule as the rules set it

    def __post_init__(self) -> None:
        names = NameCheck(
            self.library,
            self.terms_of,
            self.facts,
            self.titles,
            aliases=self.rules.name_aliases,
            blocs=self.rules.blocs,
            quotations=self.rules.quoted_speakers,
            runs=self.rules.quotation_runs,
        )
        object.__setattr__(self, "_names", names)

    def passage(self, hit: Hit, query: Query) -> Passage:
        """Judge one hit for the question."""
        first, last = self._extent(hit.doc, query)
        inside = frozenset().union(*(self.terms_of(n) for n in range(first, last + 1)))
        if self.rules.require_names and self.facts is not None:
            # "FT" is in a passage that writes "Financial Times".
            inside = inside.union(*(self.facts[n].acronyms for n in range(first, last + 1)))
        if self.rules.asked_days:
            # A month or weekday the question names is held by the days the passage speaks of (its article's date,
            # the days it writes, those it names relatively: "on Friday", "last month").
            inside |= self._calendar(query, first, last, inside)
        if self.rules.require_names and query.runs:
            # "England" of "Bank of England" is held by "the Bank" in an article that has named it.
            inside |= self._names.named_by_heads(query, first, last, inside)
        around = self._around(first, last)
        # Where a quotation's speaker is named (read once, for the names rule and coverage both).
        named = {t.term for t in query.terms if t.name} - inside
        spoken = self._names.speaker_context(first, last) if named else frozenset()
        if self.rules.quoted_speakers and self.rules.context_share > 0:
            # A quotation's speaker, named before it opened, stands around every sentence of it.
            around |= named.intersection(spoken)
        setting = self._setting(first)
        total = sum(t.weight for t in query.terms) or 1.0
        close = self._closeness(first, last)
        support = [self._support(t, inside, around, setting, close, span=(first, last)) for t in query.terms]
        coverage = sum(t.weight * s for t, s in zip(query.terms, support, strict=True)) / total
        gate = None
        decided = support
        if any(t.defined for t in query.terms):
            # A word no article uses, held by a word of its definition, counts in deciding to decline, never in ranking.
            decided = [max(s, self._defined(t, inside)) for t, s in zip(query.terms, support, strict=True)]
        if decided is not support or any(t.gate != 1.0 for t in query.terms):
            # An everyday word the articles happen not to use weighs less when deciding to decline.
            gated = sum(t.weight * t.gate for t in query.terms) or 1.0
            gate = max(coverage, sum(t.weight * t.gate * s for t, s in zip(query.terms, decided, strict=True)) / gated)
        subject = self._subject_missing(query, first, last, inside, around, spoken=spoken)
        lacking = subject or self._lacking(query, first, last, inside)
        article_id = self.library.article_id_of(hit.doc)
        # The hit's own words, without the date terms the index adds, say what statement it makes.
        core = self.facts[hit.doc].terms if self.facts is not None else self.terms_of(hit.doc)
        return Passage(first, last, hit, inside, coverage, article_id, core, lacking, gate, subject is None)

    def _calendar(self, query: Query, first: int, last: int, inside: frozenset[str]) -> frozenset[str]:
        """The question's month and weekday terms the passage does not write but speaks of by its dates."""
        asked = [t.term for t in query.terms if t.term in CALENDAR_TERMS and t.term not in inside]
        if not asked:
            return frozenset()
        text = " ".join(self.library.text_of(n) for n in range(first, last + 1))
        return calendar_held(text, self.library.article_of(first).date, asked)

    def support(
        self, term: QueryTerm, inside: frozenset[str], around: frozenset[str], setting: frozenset[str] = frozenset()
    ) -> float:
        """How far a passage (inside), its context (around) and its article's setting cover one question term."""
        if term.term in inside or not term.instances.isdisjoint(inside):
            return 1.0
        related = self.rules.related_share > 0 and bool(term.related)
        if related and holds(term.related, inside):
            return self.rules.related_share
        if term.term in setting:
            return max(self.rules.setting_share, self.rules.context_share if term.term in around else 0.0)
        if term.term in around or (related and holds(term.related, around)):
            return self.rules.context_share
        return 0.0

    def _defined(self, term: QueryTerm, inside: frozenset[str]) -> float:
        """The share a passage earns for a word no article uses by holding a word of its WordNet definitions."""
        share = self.rules.defined_share
        if share <= 0 or not term.defined:
            return 0.0
        # A definition word is evidence as far as it is specific in the corpus ("truck" for "lorry", not "one").
        return share * max((specific for word, specific in term.defined if word in inside), default=0.0)

    def _support(
        self,
        term: QueryTerm,
        inside: frozenset[str],
        around: frozenset[str],
        setting: frozenset[str],
        close: float,
        *,
        span: tuple[int, int],
    ) -> float:
        """Support for coverage: a passage close in meaning, or holding a word close to the term's, covers
        ordinary words it does not share (never names)."""
        lexical = self.support(term, inside, around, setting)
        if term.name:
            return lexical
        found = max(lexical, close)
        meaning = self.meaning
        if meaning is None or meaning.words is None or found >= meaning.policy.word_share:
            return found
        return max(found, word_credit(meaning.words.best(term.surface, *span), meaning.policy))

    def _closeness(self, first: int, last: int) -> float:
        """The coverage credit the passage's meaning earns (0 without the semantic extra)."""
        if self.meaning is None:
            return 0.0
        best = max(self.meaning.similarity[n] for n in range(first, last + 1))
        return credit(best, self.meaning.policy)

    def _setting(self, first: int) -> frozenset[str]:
        """The prominent terms of the passage's article (empty when the setting rule is off)."""
        if self.rules.setting_share <= 0 or self.settings is None:
            return frozenset()
        return self.settings.get(self.library.article_id_of(first), frozenset())

    def _around(self, first: int, last: int) -> frozenset[str]:
        """The neighbouring sentences' terms and the headline's (empty when context is off)."""
        if self.rules.context_share <= 0:
            return frozenset()
        found: set[str] = set()
        for number, step in ((first, -1), (last, 1)):
            other = self.library.neighbour(number, step)
            if other is not None:
                found |= self.terms_of(other)
        if self.titles is not None:
            found |= self.titles.get(self.library.article_id_of(first), frozenset())
        return frozenset(found)

    def _subject_missing(
        self,
        query: Query,
        first: int,
        last: int,
        inside: frozenset[str],
        around: frozenset[str],
        *,
        spoken: frozenset[str],
    ) -> str | None:
        """The name or focus of the question the passage does not hold: what the question is about."""
        if self.rules.require_names:
            missing = self._names.missing(query, first, last, inside, spoken)
            if missing:
                return missing
        if self.rules.require_focus:
            missing = _missing_focus(
                query, lambda t, near: self.support(t, inside, near), around, whole=self.rules.whole_targets
            )
            if missing:
                return missing
        return None

    def _lacking(self, query: Query, first: int, last: int, inside: frozenset[str]) -> str | None:
        """The other key concepts the passage does not hold: the asked kind, its ties, years, days, speakers."""
        if self.rules.require_kind and query.need is not None and not self._holds_kind(query, first, last):
            return _NEED_NAMES[query.need]
        if self.rules.joint_figures and query.need is not None and not self._figure_with_target(query, first, last):
            return _NEED_NAMES[query.need]
        untied = self._untied(query, first, last)
        if untied:
            return untied
        if self.rules.require_years and query.years and not self._of_year(query.years, first, last):
            return str(min(query.years))
        beside = self._beside(query, first, last) or self._missing_office(query, inside) or self._unasked(query, inside)
        if beside:
            return beside
        if self.rules.asked_days and query.days and not self._of_day(query.days, first, last):
            return _day_name(min(query.days))
        if self.rules.speakers and query.speaker is not None and not self._spoken(query.speaker, first, last):
            surface = next((t.surface for t in query.terms if t.term == query.speaker[-1]), query.speaker[-1])
            return f"what {surface.capitalize()} said"
        return None

    def _untied(self, query: Query, first: int, last: int) -> str | None:
        """The answer kind the passage holds only about something else, with the tie rules on (kind ties)."""
        if self.rules.count_ties and query.counting and not self._counts_target(query, first, last):
            return _NEED_NAMES[Need.NUMBER]
        if self.rules.sum_ties and query.need is Need.MONEY and not self._sum_of_measure(query, first, last):
            return _NEED_NAMES[Need.MONEY]
        if self.rules.rate_ties and query.need is Need.SHARE and not self._share_of_rate(query, first, last):
            return _NEED_NAMES[Need.SHARE]
        if self.rules.date_ties and query.need in _TIED_KINDS and not self._answer_tied(query, first, last):
            return _NEED_NAMES[query.need]
        if self.rules.span_ties and query.need is Need.SPAN and self._spans_another(query, first, last):
            return _NEED_NAMES[query.need]
        return None

    def _spans_another(self, query: Query, first: int, last: int) -> bool:
        """Whether every span of time in the passage is joined to a noun the question does not name: "Putin's two-day
        visit" is how long the visit lasted, not the private talks (round seventeen)."""
        measured = [what for n in range(first, last + 1) for what in spans_measured(self.library.text_of(n))]
        if not measured or any(not what for what in measured):
            return False  # no span, or one standing free ("for 10 years"): the kind rules judge it
        # Names count too: "the 16-day Games" measures the Games.
        return not any(self.support(t, frozenset(what), frozenset()) > 0 for what in measured for t in query.terms)

    def _beside(self, query: Query, first: int, last: int) -> str | None:
        """What the question asks that the passage gives only something beside (round fifteen): another year, another
        figure's deal, a price per unit for a total, a level for a change."""
        rules = self.rules
        if rules.require_years and rules.every_year:
            # "Did the 2024 summit set a trade goal for 2030?" asks about both years.
            for year in sorted(query.years):
                if not self._of_year(frozenset({year}), first, last):
                    return str(year)
        figure = self._missing_figure(query, first, last) if rules.given_figures else None
        if figure:
            return figure
        if rules.changes and query.need in _LEVELS and not self._tells_change(query, first, last):
            return "a rise or fall"
        if rules.unit_prices and query.need is Need.MONEY and self._only_unit_prices(query, first, last):
            return "a total sum of money"
        if rules.other_periods and query.quarters:
            period = self._other_period(query, first, last)
            if period:
                return period
        if rules.require_years and rules.figure_years and query.years and query.need in _LEVELS:
            unmet = self._figure_year(query, first, last)
            if unmet:
                return unmet
        if rules.other_actors and query.actor is not None and self._acted_by_another(query.actor, first, last):
            return f"{query.actor.subject} {query.actor.verb}"
        return None

    def _acted_by_another(self, actor: Actor, first: int, last: int) -> bool:
        """Whether the passage writes the asked verb only with another name as its subject (round seventeen): "Chrysler
        will pay ..." tells what Chrysler pays, not what TWA paid."""
        told = [given_to_another(self.library.text_of(n), actor) for n in range(first, last + 1)]
        return any(told) and False not in told

    def _missing_office(self, query: Query, inside: frozenset[str]) -> str | None:
        """The office the question asks the holder of ("which judge"), when the passage does not write it or a derived
        form: news copy names an official with the office ("Judge Arthur Gonzalez"), so a passage without it names
        none."""
        if not self.rules.asked_offices or query.office is None:
            return None
        surface, forms = query.office
        return None if forms & inside else surface

    def _unasked(self, query: Query, inside: frozenset[str]) -> str | None:
        """A name a yes / no question asks about after its verb that the passage itself does not write (as the name, a
        form or an alias of it): a neighbour or headline that names it does not say the asked fact ("Did Kritenbrink
        mention Taiwan ...?")."""
        if not self.rules.yes_no_names or not query.asked_names:
            return None
        return next((surface for surface, forms in query.asked_names if forms.isdisjoint(inside)), None)

    def _figure_year(self, query: Query, first: int, last: int) -> str | None:
        """The year the question names, when no sentence of the passage that gives the figure asked for is of it
        ("15 other cooperation deals" in the 2022 story, beside its sentence about a 2024 goal)."""
        if self.facts is None:
            return None
        asked = question_figures(query)
        targets = [t for t in query.terms if t.focus is Focus.TARGET]
        giving = [n for n in range(first, last + 1) if self._gives(query, n, asked, targets)]
        for year in sorted(query.years):
            if giving and not any(self._of_year(frozenset({year}), n, n) for n in giving):
                return str(year)
        return None

    def _gives(self, query: Query, number: int, asked: frozenset[str], targets: Sequence[QueryTerm]) -> bool:
        """Whether a sentence gives the figure asked for: a count of what the question counts, a sum, a share."""
        facts = self.facts[number] if self.facts is not None else None
        if facts is None:
            return False
        if query.need is Need.MONEY:
            return facts.has_money
        if query.need is Need.SHARE:
            return facts.has_share
        given = self._figures(number, query) - asked
        if not targets:
            return bool(given)
        for figure, after in counted_words(facts.text):
            counted = frozenset(stem(part) for word in after for part in (word, *word.split("-")))
            if figure in given and (not counted or any(self.support(t, counted, frozenset()) > 0 for t in targets)):
                return True
        return False

    def _other_period(self, query: Query, first: int, last: int) -> str | None:
        """The quarter the question names, when the passage names only others: "first quarter profit" is no answer
        for the fourth quarter."""
        asked = query.quarters
        if not asked:
            return None
        held = frozenset().union(*(quarters_in(self.library.text_of(n)) for n in range(first, last + 1)))
        if held and held.isdisjoint(asked):
            return f"the {_QUARTER_NAMES[min(asked) - 1]} quarter"
        return None

    def _missing_figure(self, query: Query, first: int, last: int) -> str | None:
        """A figure the question gives in digits (not a year, not a day of the month) that the passage, its neighbours
        and its headline do not write: "the $117.5 billion gas deal" names which deal, as a name would."""
        asked = _asked_figures(tuple(t.surface for t in query.terms))
        if not asked:
            return None
        before = self.library.neighbour(first, -1)
        after = self.library.neighbour(last, 1)
        numbers = range(first if before is None else before, (last if after is None else after) + 1)
        title = self.library.article_of(first).title or ""
        text = " ".join([*(self.library.text_of(n) for n in numbers), title])
        held = {_plain(figure) for figure in figures_in(text)}
        return next((surface for plain, surface in asked.items() if plain not in held), None)

    def _tells_change(self, query: Query, first: int, last: int) -> bool:
        """Whether the passage tells a change when the question asks how much something grew, rose or fell: a sentence
        of it writes a word of change ("rose", "down", "growth") or the question's own verb (or a relative)."""
        asked = [t for t in query.terms if t.surface.lower() in _CHANGE_ASKS]
        if not asked:
            return True
        for n in range(first, last + 1):
            written = {word.lower() for word in _LETTERS.findall(self.library.text_of(n))}
            if not _CHANGE_WORDS.isdisjoint(written):
                return True
            if any(self.support(t, self.terms_of(n), frozenset()) >= self.rules.related_share for t in asked):
                return True
        return False

    def _only_unit_prices(self, query: Query, first: int, last: int) -> bool:
        """Whether every sum of money the passage gives is a price per unit ("72.50 dlrs a share", "94 cents a pound")
        while the question asks for no price per unit: a price is not what was paid, earned or spent in all."""
        if any(t.surface.lower() in _UNIT_ASKS for t in query.terms):
            return False
        sums = 0
        for n in range(first, last + 1):
            text = self.library.text_of(n)
            for match in money_sums(text):
                sums += 1
                if not _PER_UNIT.match(text, match.end()):
                    return False
        return sums > 0

    def _spoken(self, speaker: Collection[str], first: int, last: int) -> bool:
        """Whether the passage, or the sentence just before it ("X said:" before the quote), has the speaker speak;
        "he said" counts when the passage or one of the four sentences before it names them."""
        if self.rules.quoted_speakers and set(speaker) <= self._names.speaker_context(first, last):
            return True  # a passage inside a quotation of theirs, named before it opened
        earlier = self.library.before(first, _SPEAKER_REACH)
        start = earlier[-1] if earlier else first
        # A quotation the passage leaves open names its speaker where it closes ("...,`` he said."), after the passage.
        end = self._names.quotation_close(start, last) if self.rules.speaker_tags else last
        return speaks(
            [self.library.text_of(n) for n in earlier[:-1]],
            [self.library.text_of(n) for n in range(start, end + 1)],
            speaker,
        )

    def _of_day(self, days: frozenset[tuple[int, int]], first: int, last: int) -> bool:
        """Whether the passage is about a day the question names: its article is of that day, or it writes the day or
        names it relatively ("yesterday", "on Friday")."""
        text = " ".join(self.library.text_of(n) for n in range(first, last + 1))
        return of_day(text, self.library.article_of(first).date, days)

    def _of_year(self, years: frozenset[int], first: int, last: int) -> bool:
        """Whether the passage is about a year the question names: its article is of that year, or the passage, its
        headline or its article's setting writes the year or names it relatively ("last year" in a 2024 story)."""
        article = self.library.article_of(first)
        if article.date is None or article.date.year in years or self.facts is None:
            return True  # an undated article may be of any year
        if any(self.facts[n].years & years for n in range(first, last + 1)):
            return True
        named = {str(year) for year in years}
        title = self.titles.get(article.id, frozenset()) if self.titles is not None else frozenset()
        return not named.isdisjoint(title) or not named.isdisjoint(self._setting(first))

    def _figure_with_target(self, query: Query, first: int, last: int) -> bool:
        """Whether "how many X"'s figure stands in a sentence that speaks of X (true when the question has none)."""
        if self.facts is None or query.need not in (Need.NUMBER, Need.MONEY, Need.SHARE):
            return True
        targets = [t for t in query.terms if t.focus is Focus.TARGET]
        if not targets:
            return True
        asked = question_figures(query)
        for n in range(first, last + 1):
            facts = self.facts[n]
            if query.need is Need.NUMBER:
                has_kind = bool(self._figures(n, query) - asked)
            else:
                has_kind = facts.has_money if query.need is Need.MONEY else facts.has_share
            own = self.terms_of(n)
            if has_kind and any(self.support(t, own, frozenset()) > 0 for t in targets):
                return True
        return False

    def _counts_target(self, query: Query, first: int, last: int) -> bool:
        """Whether "how many X"'s figure counts X: the words just after it hold X's head or a word related to it, or
        none follow it ("rose to 15"); a figure of "521 journalists" does not answer "how many strikes"."""
        # Any word of what is counted, not only the phrase's last: "how many bosses quit Mitsubishi" reads a verb and
        # a name into the phrase, and "three top bosses" counts its first word.
        targets = [t for t in query.terms if t.focus is Focus.TARGET]
        if self.facts is None or not targets:
            return True
        asked = question_figures(query)
        for n in range(first, last + 1):
            given = self._figures(n, query) - asked
            for figure, after in counted_words(self.facts[n].text):
                if figure not in given:
                    continue
                counted = frozenset(stem(part) for word in after for part in (word, *word.split("-")))
                if not counted or any(self.support(t, counted, frozenset()) > 0 for t in targets):
                    return True
        return False

    def _sum_of_measure(self, query: Query, first: int, last: int) -> bool:
        """Whether a sum of money in the passage measures what the question asks ("earn"): the money word nearest to
        it in its clause is the question's or related to it, or none stands within reach."""
        asked = [t for t in query.terms if t.surface in MONEY_MEASURES]
        if self.facts is None or not asked:
            return True
        seen = False
        for n in range(first, last + 1):
            for tokens, here in amount_clauses(self.facts[n].text, False):
                seen = True
                nearest = _nearest(tokens, here, MONEY_MEASURES.__contains__)
                if not nearest or any(self.support(t, nearest, frozenset()) > 0 for t in asked):
                    return True
        return not seen

    def _share_of_rate(self, query: Query, first: int, last: int) -> bool:
        """Whether a share in the passage is of the rate asked ("inflation rate"): the rate word nearest to it in its
        clause has the question's word before it (or a related one), or stands bare, or none stands within reach."""
        at = next((i for i, t in enumerate(query.terms) if t.surface in RATE_WORDS), None)
        if self.facts is None or not at or query.terms[at - 1].name:
            return True
        kind = query.terms[at - 1]
        seen = False
        for n in range(first, last + 1):
            for tokens, here in amount_clauses(self.facts[n].text, True):
                seen = True
                rate = _nearest_at(tokens, here, RATE_WORDS.__contains__)
                if rate is None:
                    return True
                own = frozenset(
                    stem(w) for w in tokens[max(0, rate - _RATE_WORDS_BEFORE) : rate] if w not in stopwords()
                )
                if not own or self.support(kind, own, frozenset()) > 0:
                    return True
        return not seen

    def _answer_tied(self, query: Query, first: int, last: int) -> bool:
        """Whether a short clause of the passage that gives the answer kind (a date, a year) also holds one of the
        question's own words, no framing word and not whose event it is ("TWA's"): the date is the asked event's."""
        return self._clause_holds(query, range(first, last + 1), _TIED_KINDS[query.need] if query.need else "")

    def _clause_holds(self, query: Query, sentences: Iterable[int], kind: str) -> bool:
        """Whether a short clause of the sentences that gives the kind ("date", "year") holds one of the question's own
        words: no framing word, no year, not whose event it is (an owner, "TWA's challenge", has other events too), a
        name only if rare; a clause of another occasion ("the first ... since 2019" for "first met") does not count."""
        # A name in many sentences (the story's protagonist, "Putin") stands beside all its events.
        rare = _TIE_NAME_SHARE * query.rare
        asked = [
            t for t in query.terms
            if not t.owner and t.surface not in FRAME_WORDS and not t.answer_type and not year_like(t.surface)
            and (not t.name or t.weight >= rare)
        ]  # fmt: skip
        if self.facts is None or not asked:
            return True
        said = {t.term for t in query.terms}
        for n in sentences:
            for clause in answer_clauses(self.facts[n].text, kind):
                held = frozenset(clause)
                if _other_occasion(said, held):
                    continue
                if any(self.support(t, held, frozenset()) > 0 for t in asked):
                    return True
        return False

    def _holds_kind(self, query: Query, first: int, last: int) -> bool:
        """Whether the passage holds the answer kind asked for: a figure the question does not give, a sum of money,
        a date, a place or a name the question does not name..."""
        if self.facts is None or query.need is None:
            return True
        facts = [self.facts[n] for n in range(first, last + 1)]
        simple = _KIND_HELD.get(query.need)
        if simple is not None:
            return any(simple(f) for f in facts)
        if query.need is Need.PERSON:
            given = {t.surface for t in query.terms} | {t.term for t in query.terms}
            return any(_new_name(f, given) for f in facts)
        if query.need is Need.PLACE:
            named = {t.surface for t in query.terms}
            return any(f.places - named or _COMPASS.search(f.text) for f in facts)
        if query.need is Need.YEAR:
            return any(f.years - query.years for f in facts)
        asked = question_figures(query)
        return any(self._figures(n, query) - asked for n in range(first, last + 1))

    def _figures(self, number: int, query: Query) -> frozenset[str]:
        """The figures a sentence gives as an answer to "how many": with counts on, no year and no day of a date, and
        with amounts on, none of a sum of money or a share when the question counts ("how many planes")."""
        facts = self.facts[number] if self.facts is not None else None
        if facts is None:
            return frozenset()
        if not self.rules.counts:
            return facts.figures
        counted = facts.counts if self.rules.amounts and query.counting else facts.figures
        if self.rules.whole_counts and query.counting:
            counted -= facts.fractions  # ".0840 of a share" is a ratio: no count of dealers or shares
        return frozenset(f for f in counted - days_in(facts.body) if not year_like(f))

    def _extent(self, number: int, query: Query) -> tuple[int, int]:
        """The hit, plus the neighbour it depends on, when the two fit in one quote."""
        library = self.library
        text = library.text_of(number)
        before = library.neighbour(number, -1)
        after = library.neighbour(number, 1)
        candidate: tuple[int, int] | None = None
        if self.rules.extend_for_coverage:
            candidate = self._completing_neighbour(number, (before, after), query)
        if candidate is not None:
            pass
        elif before is not None and (_ANAPHOR.match(text) or library.text_of(before).rstrip().endswith(":")):
            candidate = (before, number)
        elif after is not None and (
            text.rstrip().endswith(":") or (_OPENS_QUOTE.match(library.text_of(after)) and not _OPENS_QUOTE.match(text))
        ):
            candidate = (number, after)
        else:
            return number, number
        span = library.sentences[candidate[1]].end - library.sentences[candidate[0]].start
        return candidate if span <= self.rules.max_chars else (number, number)

    def _completing_neighbour(
        self, number: int, neighbours: tuple[int | None, int | None], query: Query
    ) -> tuple[int, int] | None:
        """The neighbour that adds the most question weight the hit lacks, as a (first, last) pair."""
        own = self.terms_of(number)
        lacking = [t for t in query.terms if t.term not in own]
        if not lacking:
            return None  # no neighbour can add what the hit holds already
        best: tuple[float, tuple[int, int]] | None = None
        for other in neighbours:
            if other is None:
                continue
            theirs = self.terms_of(other)
            gain = sum(t.weight for t in lacking if t.term in theirs)
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, (min(number, other), max(number, other)))
        return None if best is None else best[1]


def _other_occasion(asked: Collection[str], clause: frozenset[str]) -> bool:
    """Whether a clause dates another occasion than the first one asked about: "the first (visit) since 2019" gives
    the last time before, not the first."""
    return "first" in asked and {"first", "sinc"} <= clause


def _within_reach(tokens: Sequence[str], here: int, wanted: Callable[[str], bool]) -> list[tuple[int, int]]:
    """(distance, index) of each wanted word within _REACH words of a figure standing before tokens[here]."""
    found = [(here - i if i < here else i - here + 1, i) for i, word in enumerate(tokens) if wanted(word)]
    return [pair for pair in found if pair[0] <= _REACH]


def _nearest_at(tokens: Sequence[str], here: int, wanted: Callable[[str], bool]) -> int | None:
    """The index of the wanted word nearest to a figure standing before tokens[here], within _REACH words."""
    near = _within_reach(tokens, here, wanted)
    return min(near)[1] if near else None


def _nearest(tokens: Sequence[str], here: int, wanted: Callable[[str], bool]) -> frozenset[str]:
    """The stems of the wanted words nearest to a figure standing before tokens[here], within _REACH words (two when
    one stands either side at the same distance)."""
    near = _within_reach(tokens, here, wanted)
    closest = min((distance for distance, _ in near), default=None)
    return frozenset(stem(tokens[i]) for distance, i in near if distance == closest)


def _new_name(facts: SentenceFacts, asked: set[str]) -> bool:
    """Whether a sentence writes a capitalised word past its start that the question does not (or is set in lower
    case, as some wire stories are, where names cannot be told from other words)."""
    if facts.lowercase:
        return True
    return any(word not in asked and stem(word) not in asked for word in facts.capitalised)


def _missing_focus(
    query: Query,
    support: Callable[[QueryTerm, frozenset[str]], float],
    around: frozenset[str],
    *,
    whole: bool = False,
) -> str | None:
    """The focus word a passage fails on: it must hold a phrase's head itself, or half the focus weight (a topic's
    words may stand in a neighbouring sentence or the headline; a target's may not). With whole, a target needs
    both its head and half its weight."""
    for kind, nearby in ((Focus.TARGET, frozenset[str]()), (Focus.TOPIC, around)):
        focus = [t for t in query.terms if t.focus is kind]
        if not focus:
            continue
        head = any(t.head and support(t, frozenset()) > 0 for t in focus)
        half = sum(t.weight * support(t, nearby) for t in focus) >= 0.5 * sum(t.weight for t in focus)
        # A target's head alone ("rate" of "unemployment rate") may be another target's; whole, it needs both.
        if (head and half) if whole and kind is Focus.TARGET else (head or half):
            continue
        return max(focus, key=lambda t: t.weight).surface
    return None


def _day_name(day: tuple[int, int]) -> str:
    """A day of the month as a question names it ("10 October"; "the 6th" without a month)."""
    month, number = day
    return f"{number} {MONTHS[month - 1].capitalize()}" if month else f"day {number}"
