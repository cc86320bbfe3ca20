"""What re-ranking needs to know about each sentence, worked out once when the library is indexed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import cached_property, lru_cache

from retrieval.library import Library
from retrieval.model import Article
from retrieval.query import days_in as days_named
from retrieval.query import years_in
from retrieval.text import CURRENCY_WORDS, MONTHS, WEEKDAYS, normalise, stem, stopwords, words

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|"
    r"thousands?|millions?|billions?|trillions?|dozens?|half|third|quarter|percent|per cent|mln|bln|pct"
)
_NUMBER = re.compile(rf"\d|[$£€%]|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# Month names with the abbreviations that are no English word or name, and with weekday names, as regex alternations.
_MONTH_NAMES = "|".join((*MONTHS, "jan|feb|aug|sept?|oct|nov|dec"))
_MONTHS = "|".join((_MONTH_NAMES, *WEEKDAYS))
_DATE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS}|yesterday|today|tomorrow|since|ago|decades?|years?|months?|weeks?)\b",
    re.IGNORECASE,
)
# Two or more capitalised words in a row, not at the start of the sentence: usually a name.
_NAME = re.compile(r"(?<=[\w,;:’'`\"”)] )(?:[A-Z][\w’'.-]+ )+[A-Z][\w’'-]+")
_PLACE = re.compile(r"\b(?:in|to|at|from|near|of) (?:the )?[A-Z][a-z]+")
# A capitalised word after a preposition of place ("in Harbin", "at the Diaoyutai State Guesthouse", "from its
# Exchange Stabilization Fund"), or named as a town ("the northeastern Chinese city of Harbin").
_PLACE_NAME = re.compile(
    r"\b(?:in|at|to|from|near|outside|inside) (?:the |its |their |his |her )?([A-Z][\w’'-]+)"
    r"|\b(?:city|town|port|village|province|capital) of ([A-Z][\w’'-]+)"
)
_FIGURE = re.compile(rf"\d+(?:[.,]\d+)*|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_MONEY = re.compile(
    rf"[$£€¥]|\b(?:US|HK|A|C)\$|\b\d[\d.,]*\s?(?:bn|m|billion|million|trillion|mln|bln)?\s?(?:{CURRENCY_WORDS})\b",
    re.IGNORECASE,
)
# A sum of money or a share as a whole phrase ("$117.5 billion", "2.5 billion dlrs", "15 pct", "17%"): the figures
# in it measure money or a part, not a count of things.
_SCALE = r"(?:\s?(?:bn|m|billion|million|trillion|mln|bln))?"
_AMOUNT = re.compile(
    rf"(?:\b(?:US|HK|A|C))?[$£€¥]\s?\d[\d.,]*{_SCALE}"
    rf"|\b\d[\d.,/-]*{_SCALE}\s?(?:{CURRENCY_WORDS}|pct|per ?cent|percent)\b"
    r"|\b\d[\d.,]*\s?%",
    re.IGNORECASE,
)
# A figure below one: "0.5", or a decimal point with no digit before it (".0840"), with no scale word after it.
_FRACTION = re.compile(
    r"(?<![\w.,])(?:(0\.\d+)|\.(\d+))\b(?!\s*(?:hundred|thousand|million|billion|trillion|mln|bln)\b)", re.IGNORECASE
)
# A stretch of time or a length: "two-day", "for 10 years", "since 2019", "5,400 words", "several thousand words".
_TIME_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)"
_UNITS = rf"(?:{_TIME_UNITS}|words?|pages?|km|kilomet(?:re|er)s?|miles?)"
_SOME = rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|several|few|many)(?:[\s-]+(?:{_NUMBER_WORDS}))?[\s-]+"
_DURATION = re.compile(
    rf"{_SOME}{_UNITS}\b"
    r"|\b(?:since|until|till) (?:(?:early|late|mid)[\s-])?(?:1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
# A share of something: a percentage or a fraction ("15 pct", "17%", "half", "two-thirds", "one in five").
_SHARE = re.compile(
    r"%|\b(?:per ?cent|pct|percentage|halfs?|halves|thirds?|quarters?|fifths?|tenths?|majority|minority|controlling)\b"
    r"|\bone in (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
# How long something lasts: a number of time units ("two-day", "for 10 years", "at least four months"), not a length
# of text or road, and not where a stretch began ("the first meeting since 2019").
_SPAN = re.compile(rf"{_SOME}{_TIME_UNITS}\b", re.IGNORECASE)
# A span joined to the noun it measures ("a two-day visit", "the 10-year-long supply deal"): the length of that thing.
_SPAN_COMPOUND = re.compile(rf"-{_TIME_UNITS}(?:-long)?\s+([^\W\d_][\w-]*)(?:\s+([^\W\d_][\w-]*))?", re.IGNORECASE)
# A time of day: "10 a.m.", "14:30", "1500 GMT", "noon", "this afternoon", "overnight".
_CLOCK = re.compile(
    r"\b\d{1,2}(?:[:.]\d\d)?\s?(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d\d\b|\bo'clock\b|\b\d{4}\s?(?:GMT|EST|EDT|BST)\b"
    r"|\b(?:noon|midday|midnight|morning|afternoon|evening|tonight|overnight)\b",
    re.IGNORECASE,
)
# A day of the month beside its month ("Feb 26", "26 February"): a date, not a figure the report gives.
_DAY_OF_MONTH = re.compile(
    rf"\b(?:{_MONTH_NAMES})\.?\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+(?:{_MONTH_NAMES})\b", re.IGNORECASE
)
_DIGIT = re.compile(r"\d")  # the digits _DAY_OF_MONTH's \d matches (Unicode's)
# A wire story's dateline ("QUITO, March 9 - ", "WASHINGTON, D.C., Feb 26 -"): where and when it was filed, not
# what it reports.
_DATELINE = re.compile(
    rf"^[^\W\d][\w.'/ -]{{0,40}}?,(?: [\w.]+,)? (?:{_MONTH_NAMES})\.? \d{{1,2}}\s*[-–—]+\s*", re.IGNORECASE
)
# A date proper: a year, a month or a weekday (not merely "since" or "years").
_EXACT_DATE = re.compile(rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS})\b", re.IGNORECASE)
# A date as a value two reports can share: a day of a month, a year, or a day, week, month said relatively.
# Month and weekday names are matched capitalised only ("this may" is no date).
_CAPITAL_MONTHS = "|".join(name.capitalize() for name in _MONTHS.split("|"))
_DATE_VALUE = re.compile(
    rf"\b(?:(?:{_CAPITAL_MONTHS})\.? \d{{1,2}}\b|\d{{1,2}} (?:{_CAPITAL_MONTHS})\b"
    rf"|(?:[Ll]ast|[Tt]his|[Nn]ext) (?:{_CAPITAL_MONTHS}|week|month|year)\b"
    rf"|1[89]\d\d\b|20\d\d\b|(?:{_CAPITAL_MONTHS})\b|[Yy]esterday\b|[Tt]oday\b)"
)
# A capitalised word ("Regan", "U.S."), not at the start of a word.
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*")
# Runs of capitalised words ("China National Petroleum Corporation"), for the acronyms they make ("CNPC").
_CAPITAL_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w’'-]*)+")
_LINKING = frozenset({"of", "and", "for", "the", "&"})
# Phrases that name a year relative to the article's own date.
_RELATIVE_YEARS = (
    (re.compile(r"\blast year\b|\ba year (?:earlier|ago|before)\b|\byear-earlier\b|\bprevious year\b", re.I), -1),
    (re.compile(r"\bthis year\b|\bearlier this year\b", re.I), 0),
    (re.compile(r"\bnext year\b|\bcoming year\b", re.I), 1),
)


# Month and weekday names and abbreviations as written, lowercased: a date's words, never part of a name.
CALENDAR_WORDS = frozenset(_MONTHS.replace("sept?", "sep|sept").split("|"))
# Month names as the index stems them, January first (English names, whatever the process's locale).
_MONTH_TERMS = tuple(stem(name) for name in MONTHS)
# Weekday names as the index stems them, Monday first (date.weekday()'s order).
_WEEKDAY_TERMS = tuple(stem(name) for name in WEEKDAYS)


class SentenceFacts:
    """A sentence's index terms, the years it refers to, and the kinds of answer it holds.

    Each kind is worked out from the text when first read: re-ranking reads a few of them for a few
    hundred sentences per question, and the regular expressions are most of a sentence's cost.
    """

    def __init__(self, text: str, terms: frozenset[str] | Callable[[], frozenset[str]], published: date | None) -> None:
        self.text = text
        self._terms = terms  # or how to read them: many sentences' facts are read for a cue, never for terms
        self.published = published

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SentenceFacts) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def key(self) -> tuple[object, ...]:
        """Every fact, for comparing two sentences' facts."""
        return (
            self.terms, self.years, self.has_number, self.has_date, self.names, self.has_place, self.figures,
            self.has_money, self.acronyms, self.has_duration, self.has_exact_date, self.places, self.reported,
            self.has_share, self.has_span, self.has_clock, self.capitalised, self.lowercase,
        )  # fmt: skip

    @cached_property
    def terms(self) -> frozenset[str]:
        """Its index terms."""
        return self._terms if isinstance(self._terms, frozenset) else self._terms()

    @cached_property
    def years(self) -> frozenset[int]:
        """The years it writes, or names relative to its article's date ("last year")."""
        return sentence_years(self.text, self.published)

    @cached_property
    def body(self) -> str:
        """Its text without a leading dateline: what it reports."""
        return _DATELINE.sub("", self.text, count=1)

    @cached_property
    def has_number(self) -> bool:
        """Whether it writes a number, an amount or a share."""
        return bool(_NUMBER.search(self.text))

    @cached_property
    def has_date(self) -> bool:
        """Whether it speaks of a time: a year, a month, a weekday, "since", "ago"."""
        return bool(_DATE.search(self.body))

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Runs of capitalised words past its start: usually names."""
        return tuple(_NAME.findall(self.text))

    @cached_property
    def capitalised(self) -> frozenset[str]:
        """The words it writes capitalised past its start (likely names), normalised; no months or weekdays."""
        found = (normalise(m.group(0).rstrip(".")) for m in _CAPITALISED.finditer(self.body) if m.start() > 0)
        return frozenset(word for word in found if not _EXACT_DATE.fullmatch(word))

    @cached_property
    def lowercase(self) -> bool:
        """Whether it is set in lower case, as some wire stories are: it opens with a small letter."""
        opening = self.body.lstrip(" \"'`“‘(")
        return opening[:1].islower()

    @cached_property
    def has_place(self) -> bool:
        """Whether a capitalised word follows "in", "to", "at", "from"... (a place)."""
        return bool(_PLACE.search(self.text))

    @cached_property
    def places(self) -> frozenset[str]:
        """Capitalised words after "in", "at", "to", "from", "near"... (likely places), normalised; no months."""
        found = (normalise(m.group(1) or m.group(2)) for m in _PLACE_NAME.finditer(self.text))
        return frozenset(word for word in found if not _EXACT_DATE.fullmatch(word))

    @cached_property
    def figures(self) -> frozenset[str]:
        """Numbers as written ("100,000", "two"), lowercased."""
        return figures_in(self.body)

    @cached_property
    def counts(self) -> frozenset[str]:
        """Its figures outside sums of money and shares: what may answer "how many"."""
        return figures_in(_AMOUNT.sub(" ", self.body))

    @cached_property
    def fractions(self) -> frozenset[str]:
        """Its bare figures below one, as its figures write them (".0840 of a share": "0840"; "0.5": "0.5"): a ratio,
        never a count of things, unless a scale word makes it one ("0.5 million") or a measure follows it ("0.5
        points" may answer how many points)."""
        below = {m.group(1) or m.group(2) for m in _FRACTION.finditer(self.body)}
        measured = {figure for figure, after in counted_words(self.text) if after}
        return frozenset(below - measured)

    @cached_property
    def reported(self) -> frozenset[str]:
        """Its figures but the days of the month of its dates (a dateline's "Feb 26")."""
        return reported_figures(self.text)

    @cached_property
    def has_money(self) -> bool:
        """Whether it names an amount of money."""
        return bool(_MONEY.search(self.text))

    @cached_property
    def has_share(self) -> bool:
        """Whether it names a share of something: a percentage or a fraction ("15 pct", "half", "one in five")."""
        return bool(_SHARE.search(self.body))

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """Initials of capitalised runs, lowercased ("cnpc", "nuj")."""
        return acronyms_in(self.text)

    @cached_property
    def has_duration(self) -> bool:
        """Whether it names a stretch of time or a length ("two-day", "for 10 years", "5,400 words")."""
        return bool(_DURATION.search(self.text))

    @cached_property
    def has_span(self) -> bool:
        """Whether it names how long something lasts ("two-day", "for 10 years"): no length of text, no "since 2019"."""
        return bool(_SPAN.search(self.text))

    @cached_property
    def has_clock(self) -> bool:
        """Whether it names a time of day ("at 10 a.m.", "this afternoon"), not only a date."""
        return bool(_CLOCK.search(self.body))

    @cached_property
    def has_exact_date(self) -> bool:
        """Whether it names a year, month or weekday, written or relative ("last year")."""
        return bool(self.years) or bool(_EXACT_DATE.search(self.body))


def sentence_facts(library: Library, terms_of: Callable[[str], Sequence[str]]) -> tuple[SentenceFacts, ...]:
    """Work out the facts of every sentence in the library, in sentence order."""
    return tuple(facts_of(library, number, terms_of) for number in range(len(library.sentences)))


def facts_of(library: Library, number: int, terms_of: Callable[[str], Sequence[str]]) -> SentenceFacts:
    """Work out the facts of one sentence of the library."""
    text = library.sentences[number].text
    return SentenceFacts(text, frozenset(terms_of(text)), library.article_of(number).date)


def with_dates(terms: frozenset[str], years: frozenset[int], published: date | None) -> frozenset[str]:
    """A sentence's terms with the years it refers to, its article's year and month (the dates technique)."""
    written = terms.union(map(str, years)) if years else terms
    return written if published is None else written | _date_terms(published)


@lru_cache(maxsize=4096)
def _date_terms(published: date) -> frozenset[str]:
    # The article's month and weekday count too: "the February 2022 statement" is the one published then, and
    # "on the Wednesday" a story of that Wednesday ("the Bank said today").
    return frozenset({str(published.year), month_term(published), weekday_term(published)})


def month_term(published: date) -> str:
    """The index term of a date's month ("februari"), whatever the process's locale."""
    return _MONTH_TERMS[published.month - 1]


def weekday_term(published: date) -> str:
    """The index term of a date's weekday ("wednesday"), whatever the process's locale."""
    return _WEEKDAY_TERMS[published.weekday()]


_RELATIVE_DAY = re.compile(rf"\b(yesterday|today|{'|'.join(WEEKDAYS)})\b", re.IGNORECASE)


def of_day(text: str, published: date | None, asked: frozenset[tuple[int, int]]) -> bool:
    """Whether a passage of an article published then is about one of the asked days (month, day; month 0: any):
    the article is of that day, or the passage writes it ("October 10") or names it relatively ("yesterday", or
    "on Friday" for the last Friday up to the article's day). An undated article may be of any day."""
    if published is None:
        return True
    said = {(published.month, published.day)} | days_named(text)
    for match in _RELATIVE_DAY.finditer(text):
        word = match.group(1).lower()
        back = 1 if word == "yesterday" else 0 if word == "today" else (published.weekday() - WEEKDAYS.index(word)) % 7
        day = published - timedelta(days=back)
        said.add((day.month, day.day))
    return any((month, day) in said or (month == 0 and day in {d for _, d in said}) for month, day in asked)


def sentence_years(text: str, published: date | None) -> frozenset[int]:
    """The years a sentence writes, and those it names relative to its article's date ("last year")."""
    found = years_in(text)
    return found | relative_years(text, published.year) if published is not None else found


def relative_years(text: str, year: int) -> frozenset[int]:
    """The years text names relative to an article published in year ("last year", "next year")."""
    if "year" not in text.lower():  # every phrase says "year": most sentences need no pattern tried
        return frozenset()
    return frozenset(year + shift for pattern, shift in _RELATIVE_YEARS if pattern.search(text))


def title_terms(library: Library, terms_of: Callable[[str], Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each article's headline terms (empty when it has no headline)."""
    return {aid: title_of(article, terms_of) for aid, article in library.articles.items()}


def title_of(article: Article, terms_of: Callable[[str], Sequence[str]]) -> frozenset[str]:
    """An article's headline terms (empty when it has no headline)."""
    return frozenset(terms_of(article.title or ""))


def figures_in(text: str) -> frozenset[str]:
    """The numbers written in text, digits or words, lowercased ("100,000", "two", "billion")."""
    return frozenset(match.lower() for match in _FIGURE.findall(text))


def year_like(figure: str) -> bool:
    """Whether a figure as written is a year ("2014", "1987") rather than a count."""
    return figure.isdigit() and len(figure) == 4 and figure[:2] in ("18", "19", "20")


def days_in(text: str) -> frozenset[str]:
    """The days of the month text writes beside a month ("26" of "Feb 26" or "26 February")."""
    if not _DIGIT.search(text):  # a day is written in digits: most sentences need no search for month names
        return frozenset()
    return frozenset(a or b for a, b in _DAY_OF_MONTH.findall(text))


def dates_in(text: str) -> frozenset[str]:
    """The dates a text gives, lower-cased ("march 17", "last week", "friday", "1986"); a wire dateline's is none."""
    body = _DATELINE.sub("", text, count=1)
    return frozenset(" ".join(m.lower().split()) for m in _DATE_VALUE.findall(body))


def reported_figures(text: str) -> frozenset[str]:
    """The figures a report gives: those written in text, less the days of the month of its dates."""
    days = days_in(text)
    return figures_in(text) - days if days else figures_in(text)


def acronyms_in(text: str) -> frozenset[str]:
    """The acronyms text spells out: initials of every stretch of a run of capitalised words ("cnpc", "nuj")."""
    found: set[str] = set()
    for run in _CAPITAL_RUN.findall(text):
        initials = [p[0].lower() for p in run.split() if p.lower() not in _LINKING]
        for start in range(len(initials) - 1):
            for end in range(start + 2, min(len(initials), start + 6) + 1):
                found.add("".join(initials[start:end]))
    return frozenset(found)


# Words that scale a figure or qualify what it counts ("100 million barrels", "15 other deals"): what it counts
# comes after them.
_SCALE_WORDS = frozenset(
    {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
     "trillions", "mln", "bln", "dozen", "dozens", "other", "more", "further", "additional", "extra", "new"}
)  # fmt: skip
# The words after a figure, one at a time: a word (hyphens inside: "first-class"), a figure, or a mark that ends
# the phrase (punctuation other than a hyphen joining the figure to its word, "a 16-seat cabin").
_AFTER = re.compile(r"\s*(?:(-)|([^\W_][\w’'-]*)|(\S))")
# A past tense or participle ends the phrase: "15 died" says what happened to them, not what they are.
_VERB_FORM = re.compile(r"..ed$")
_PHRASE_WORDS = 3  # a count's noun phrase: "15 other cooperation deals", at most this many content words


@lru_cache(maxsize=4096)
def spans_measured(text: str) -> tuple[tuple[str, ...], ...]:
    """What each span of time in text measures: the stems of the (up to two) words after a span joined to its noun
    ("two-day visit": ("two", "day") ... gives ("visit",)), or () for a span that stands free ("for 10 years")."""
    found: list[tuple[str, ...]] = []
    for match in _SPAN.finditer(text):
        joined = _SPAN_COMPOUND.match(text, match.end() - len(match.group(0).split("-")[-1]) - 1)
        if joined is None or "-" not in match.group(0):
            found.append(())
            continue
        found.append(tuple(stem(normalise(word)) for word in joined.groups() if word))
    return tuple(found)


@lru_cache(maxsize=4096)
def counted_words(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each figure text gives outside sums of money and shares, with the content words just after it: what it
    counts ("15 other cooperation deals" gives ("15", ("other", "cooperation", "deals"))); none when a stopword or
    a mark follows ("rose to 15.", "16 in first class")."""
    body = _AMOUNT.sub(" ; ", _DATELINE.sub("", text, count=1))
    stop = stopwords()
    found: list[tuple[str, tuple[str, ...]]] = []
    for match in _FIGURE.finditer(body):
        after: list[str] = []
        for step in _AFTER.finditer(body, match.end()):
            joiner, word, mark = step.groups()
            if mark is not None:
                break
            if joiner is not None:
                continue
            folded = normalise(word)
            if folded in _SCALE_WORDS and not after:
                continue
            if _FIGURE.fullmatch(folded):
                break
            if (
                (folded in stop and folded not in _SCALE_WORDS)
                or _VERB_FORM.search(folded)
                or len(after) == _PHRASE_WORDS
            ):
                break
            after.append(folded)
        found.append((match.group(0).lower(), tuple(after)))
    return tuple(found)


# A sum of money alone (an _AMOUNT that is not a share), and a share alone.
_SHARE_AMOUNT = re.compile(r"\b\d[\d.,/-]*\s?(?:pct|per ?cent|percent|%)(?!\w)|\b\d[\d.,]*\s?%", re.IGNORECASE)
# Where a clause ends: a figure's words stand on its side of these (`` and '': Penn Treebank quotes).
_CLAUSE_MARKS = r"[;:()\"“”]|``|''|\s[-–—]+\s"
_CLAUSE_END = re.compile(_CLAUSE_MARKS)


def _is_share(amount: re.Match[str]) -> bool:
    """Whether an amount is a share ("15 pct", "17%"), not a sum of money."""
    return bool(_SHARE_AMOUNT.fullmatch(amount.group(0).strip()))


def money_sums(text: str) -> list[re.Match[str]]:
    """The sums of money text writes ("$117.5 billion", "72.50 dlrs", "94 cents"), as matches: no shares."""
    return [amount for amount in _AMOUNT.finditer(text) if not _is_share(amount)]


@lru_cache(maxsize=4096)
def amount_clauses(text: str, shares: bool) -> tuple[tuple[tuple[str, ...], int], ...]:
    """For each sum of money text gives (each share, with shares), the words of its clause and where it stands among
    them ("profit fell to 114.1 mln dlrs from ..." gives (("profit", "fell", "to", "from", ...), 3)); the clause's other
    sums or shares are left out."""
    body = _DATELINE.sub("", text, count=1)
    found: list[tuple[tuple[str, ...], int]] = []
    for clause in _CLAUSE_END.split(body):
        amounts = list(_AMOUNT.finditer(clause))
        # The words between one figure and the next: gaps[i] stands before amounts[i], the last after them all.
        ends = [0, *(m.end() for m in amounts)]
        starts = [*(m.start() for m in amounts), len(clause)]
        gaps = [words(clause[end:start]) for end, start in zip(ends, starts, strict=True)]
        for i, amount in enumerate(amounts):
            if _is_share(amount) != shares:
                continue
            before = [word for gap in gaps[: i + 1] for word in gap]
            after = [word for gap in gaps[i + 1 :] for word in gap]
            found.append((tuple(before + after), len(before)))
    return tuple(found)


# Where a short clause ends for the answer ties: the clause marks above, and commas (an aside, a second event).
_SHORT_CLAUSE_END = re.compile(rf",(?!\s*\d{{4}}\b)|{_CLAUSE_MARKS}")  # "April, 1986" is one date
# A date as an answer to "when": a year, a month, a weekday, or one said relatively ("last week", "this month").
_WHEN_VALUE = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS}|yesterday|today|tomorrow|tonight|ago|"
    rf"(?:last|this|next|coming) (?:week|month|year|spring|summer|autumn|fall|winter))\b",
    re.IGNORECASE,
)

_FRONTED_WORDS = 4  # "Last year,", "In October 1986,", "On Friday,": a time said first belongs to the clause after it


@lru_cache(maxsize=4096)
def answer_clauses(text: str, kind: str) -> tuple[tuple[str, ...], ...]:
    """The stems of each short clause of text (split at commas, dashes, brackets) that gives the answer kind: "year"
    (a year, written or relative) or "date" (a year, month, weekday or a day said relatively); a dateline gives none.
    A clause of a few words opening the sentence ("Last year, trade reached ...") is read with the clause after it."""
    body = _DATELINE.sub("", text, count=1)
    clauses = _SHORT_CLAUSE_END.split(body)
    if len(clauses) > 1 and len(words(clauses[0])) <= _FRONTED_WORDS:
        clauses[:2] = [f"{clauses[0]} {clauses[1]}"]
    found: list[tuple[str, ...]] = []
    for clause in clauses:
        if kind == "year":
            held = bool(years_in(clause)) or relative_years(clause, 2000) != frozenset()
        else:
            held = bool(_WHEN_VALUE.search(clause))
        if held:
            found.append(tuple(stem(w) for w in words(clause)))
    return tuple(found)
