"""Question analysis: content terms and their weights, the kind of answer asked for, years, typo repair."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from itertools import pairwise

from retrieval.actors import Actor, asked_actor
from retrieval.answer_type import TypeBook, type_word
from retrieval.focus import (
    Focus,
    Focused,
    Need,
    asks_level,
    asks_rate,
    asks_share,
    asks_what_time,
    asks_when,
    asks_where,
    asks_who,
    asks_year,
    main_clause,
    needed_kind,
    read_focus,
    who_is,
)
from retrieval.framing import asks_how_long, asks_how_long_lasting, framing_words
from retrieval.lexicon import Related, VerbForms, bundled_verbs
from retrieval.speakers import SPEECH
from retrieval.speller import Speller
from retrieval.text import DAY_ALONE, MONTH_ABBREVIATIONS, MONTHS, normalise, stem, stopwords, words


class Cue(Enum):
    """The kind of thing a question asks for, read off its question words."""

    NUMBER = "number"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """A content term of the question, the word it came from, and its weight (idf)."""

    term: str
    surface: str
    weight: float
    name: bool = False  # a proper name: a quote that lacks it is about something else
    focus: Focus | None = None  # what the question counts or asks about: a quote must speak of it
    head: bool = False  # the last word of its focus phrase ("cuts" of "the job cuts")
    related: frozenset[str] = frozenset()  # corpus terms that may stand for it (synonyms, derived forms)
    unseen: bool = False  # no sentence of the corpus holds it
    answer_type: bool = False  # the X of "which X": what the answer is, held by any instance of it
    instances: frozenset[str] = frozenset()  # corpus terms that are an X (for the answer type)
    aliases: frozenset[str] = frozenset()  # corpus terms a name goes by: derived forms, places it lies in
    owner: bool = False  # a name the question gives a possessive ("India's unemployment rate"): whose it asks about
    gate: float = 1.0  # the share of its weight it carries when deciding whether a passage answers at all
    # Corpus terms WordNet's definitions of an unseen word use (gloss words), each with the share of the word it earns.
    defined: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """What the answer path needs to know about a question."""

    terms: tuple[QueryTerm, ...]
    cue: Cue | None = None
    years: frozenset[int] = frozenset()
    days: frozenset[tuple[int, int]] = frozenset()  # the days of the month it names, as (month, day); month 0: any
    corrections: tuple[tuple[str, str], ...] = ()  # (typed word, corpus word)
    need: Need | None = None  # an answer kind the quote must hold ("how many": a figure)
    type_names: frozenset[str] = frozenset()  # names that may be an instance of "which X"'s X (ranking only)
    rare: float = float("inf")  # a name weighing this much is required however the question's other words weigh
    # The name stems of the one person whose words the question asks for ("What did Zhang Xin say").
    speaker: tuple[str, ...] | None = None
    counting: bool = False  # "how many": a count of things, not a sum of money or a share
    beside: bool = False  # everyday chat beside the corpus ("suggest a film to watch tonight"): declined (topics.py)
    quarters: frozenset[int] = frozenset()  # the quarters of the year it names, 1 to 4 (periods.py, with other periods)
    # "which X" when X names a person in every sense ("which judge"): X as written, and the terms that write it.
    office: tuple[str, frozenset[str]] | None = None
    # The names a yes / no question asks about after its verb ("Did Kritenbrink mention **Taiwan**?"), as written, and
    # the terms that write each (the name, its forms and aliases).
    asked_names: tuple[tuple[str, frozenset[str]], ...] = ()
    # The act a question asks about and its named subject ("How much did **TWA pay** ...?"), for other actors.
    actor: Actor | None = None
    # Each run of capitalised words that names one thing by a common noun before "of" ("Bank of England"): its head
    # noun as written, lowercased ("bank"), and the terms of the names in it ("england").
    runs: tuple[tuple[str, frozenset[str]], ...] = ()


# Words that frame a question rather than name its topic ("how much", "tell me", "according to the
# reports"). They stay in the query, so that a sentence using them still ranks, but weigh little.
FRAME_WORDS = frozenset(
    {
        "much", "many", "long", "big", "large", "often", "far", "old", "tell", "told", "know", "explain",
        "happen", "happened", "happening", "according", "report", "reports", "reported", "article", "articles",
        "story", "stories", "news", "mention", "mentioned", "mentions", "thing", "things", "get", "got", "give",
        "kind", "sort", "type", "way", "ways", "anything", "something", "anyone", "someone", "please",
        "actually", "exactly", "really", "just", "like", "make", "made", "take", "took", "want", "think",
    }
)  # fmt: skip
FRAME_WEIGHT = 0.2
# Words that name the kind of answer a question asks for when it asks for someone's response or words ("how did X
# react / respond", "how did X describe Y", "X's remarks / view"): the answer is what X said or did ("expressed
# understanding", "hit back", "an old friend"), which reports rarely write with the asking verb. They weigh as frame
# words (the inflections of English's verbs and nouns of responding and describing, not read off questions).
REPLY_WORDS = frozenset(
    {
        "react", "reacts", "reacted", "reacting", "reaction", "reactions", "respond", "responds", "responded",
        "responding", "response", "responses", "reply", "replies", "replied", "describe", "describes", "described",
        "describing", "characterise", "characterises", "characterised", "characterize", "characterizes",
        "characterized", "remark", "remarks", "view", "views",
    }
)  # fmt: skip
_CUES: tuple[tuple[re.Pattern[str], Cue], ...] = (
    (re.compile(r"\bhow (?:much|many|big|large|long|far|fast|old|often)\b|\bwhat (?:percentage|amount)\b"), Cue.NUMBER),
    (re.compile(r"\bwhen\b|\b(?:what|which) (?:year|date|day|month)s?\b|\bwhat time\b|\bsince when\b"), Cue.DATE),
    (re.compile(r"\bwho(?:m|se)?\b|\bwhich (?:organi[sz]ation|company|firm|official|leader|person)\b"), Cue.PERSON),
    (re.compile(r"\bwhere\b|\bwhich (?:city|country|countries|place|region)\b"), Cue.PLACE),
)  # fmt: skip
_CAPITALISED = re.compile(r"(?<![\w'’])([A-Z][\w'’-]*)")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


# The question's own wh-word: a "when" or "where" after it opens a clause of its own ("Which charity lost savings
# when a lender went under?" asks for a charity, not a date).
_WH_WORD = re.compile(r"\b(?:what|which|who|whom|whose|when|where|how|why)\b")


def question_cue(question: str) -> Cue | None:
    """The kind of answer the question's wording asks for, if it says, read at its first wh-word."""
    folded = normalise(question).strip()
    first = _WH_WORD.search(folded, len(folded) - len(main_clause(folded)))
    if first is None or asks_level(folded):
        return None
    for pattern, cue in _CUES:
        if any(match.start() <= first.start() < match.end() for match in pattern.finditer(folded)):
            return cue
    return None


_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    short: MONTHS.index(name) + 1 for short, name in MONTH_ABBREVIATIONS.items()
}
_MONTH_WORD = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
# "27 October", "the 6th of October", "Oct. 27", "March 11" (not "May 2024": a day has one or two digits).
_DAY_AND_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTH_WORD})\b|\b({_MONTH_WORD})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
)


def days_in(text: str) -> frozenset[tuple[int, int]]:
    """The days of the month text names, as (month, day); month 0 when it names none ("on the 6th")."""
    if not any(char.isdigit() for char in text):
        return frozenset()
    folded = normalise(text)
    found: set[tuple[int, int]] = set()
    for match in _DAY_AND_MONTH.finditer(folded):
        day, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        found.add((_MONTH_NUMBERS[month], int(day)))
    found.update((0, int(match[2])) for match in DAY_ALONE.finditer(folded))
    return frozenset((month, day) for month, day in found if 1 <= day <= 31)


def capitalised_words(text: str) -> frozenset[str]:
    """Normalised words written with a capital letter anywhere but at the start of the text."""
    return frozenset(normalise(m.group(1)).replace("-", "") for m in _CAPITALISED.finditer(text) if m.start() > 0)


# A word, or a dotted abbreviation whole ("U.S.", which the index reads as "us").
NAME_TOKEN = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W\d_][\w'’]*")


class NameBook:
    """Which words the corpus writes as proper names: capitalised where a sentence does not start."""

    names: frozenset[str]

    def __init__(self, sentences: Iterable[str], share: float = 0.8) -> None:
        written: Counter[str] = Counter()
        for text in sentences:
            written.update(NAME_TOKEN.findall(text)[1:])
        self.names = NameBook.from_counts(written, share).names

    @classmethod
    def from_counts(cls, written: Mapping[str, int], share: float = 0.8) -> NameBook:
        """A name book from how often each token stands, as written, where a sentence does not start."""
        capital: dict[str, int] = {}
        total: dict[str, int] = {}
        for token, count in written.items():
            word = normalise(token).replace(".", "")
            total[word] = total.get(word, 0) + count
            if token[0].isupper():
                capital[word] = capital.get(word, 0) + count
        return cls.of(frozenset(w for w, n in capital.items() if n >= share * total[w]))

    @classmethod
    def of(cls, names: frozenset[str]) -> NameBook:
        """A name book of these (normalised) names."""
        book = cls.__new__(cls)
        book.names = names
        return book

    def __contains__(self, word: object) -> bool:
        return word in self.names


def years_in(text: str) -> frozenset[int]:
    """Four-digit years written in text."""
    if "1" not in text and "2" not in text:  # every year starts with one of them: most text needs no search
        return frozenset()
    return frozenset(int(match) for match in _YEAR.findall(text))


@dataclass(frozen=True, slots=True)
class Wordbook:
    """What question analysis looks words up in; a part is None when its technique is off."""

    speller: Speller | None = None
    names: NameBook | None = None
    relations: Related | None = (
        None  # WordNet relatives of a question word within the corpus (and places, with metonyms)
    )
    aliases: Related | None = None  # what a name also goes by (derived forms, the places it lies in)
    types: TypeBook | None = None


@dataclass(frozen=True, slots=True)
class Readings:
    """Which readings of the question's wording are on; the techniques set them (techniques.readings_for)."""

    frame_words: bool = True  # words that frame a question ("how much", "tell", "according") weigh less
    reply_words: bool = False  # "react", "respond", "describe", "remarks" name the answer's kind and weigh less too
    cues: bool = True  # the answer cue of its question words
    focus: bool = False  # what it counts or asks about, and the answer kind that wording demands
    framing: bool = False  # "how long", "at the time of" are framing, not words to find
    owners: bool = False  # a possessive name is whose thing it asks about
    places: bool = False  # "where" asks for a place
    two_word_names: bool = False  # both words of "Buenos Aires" go by what the whole name does
    times: bool = False  # "when" asks for a time
    shares: bool = False  # "what percentage" asks for a share
    rates: bool = False  # "what rate" asks for a share
    year_answers: bool = False  # "what year", "which year" ask for a year
    spans: bool = False  # "how long did it last" asks for a span
    clock: bool = False  # "what time" asks for a time of day
    who: bool = False  # "who" asks for a person
    paid: bool = False  # "what did X pay / earn / charge" asks for a sum of money
    focus_verbs: bool = False  # what is counted ends at a verb WordNet knows ("how many bosses quit Mitsubishi")
    focus_clauses: bool = False  # "about how far it goes" names no topic
    actors: bool = True  # the named subject of the act asked about ("did TWA pay"), for the other-actors rule


def _frames(word: str, reads: Readings) -> bool:
    """Whether a question word frames the question (or, with reply words, names the kind of answer it asks for)."""
    return (reads.frame_words and word in FRAME_WORDS) or (reads.reply_words and word in REPLY_WORDS)


def analyse(
    question: str,
    *,
    weight_of: Callable[[str], float],
    known: Callable[[str], bool],
    book: Wordbook | None = None,
    reads: Readings | None = None,
) -> Query:
    """Turn a question into weighted content terms, its answer cue, its years and its typo repairs."""
    book = book or Wordbook()
    reads = reads or Readings()
    speller, names, relations, types, aliases = book.speller, book.names, book.relations, book.types, book.aliases
    focus, framing = reads.focus, reads.framing
    stop = stopwords()
    question, respelled = speller.respelled(question) if speller is not None else (question, ())
    written_as_names = capitalised_words(question) if names is not None else frozenset()
    repaired = _repaired(question, speller, known) if focus or framing or types is not None else question
    verbs = bundled_verbs() if reads.focus_verbs else None
    focused = read_focus(repaired, verbs, clauses=reads.focus_clauses) if focus else Focused({}, frozenset())
    skipped = framing_words(repaired) if framing else frozenset()
    asked_type = type_word(question, types.is_noun) if types is not None else None
    owned = possessors(question) if reads.owners else frozenset()
    seen: dict[str, QueryTerm] = {}
    typed_words, spelt = _digits_spelt(words(question))
    corrections: list[tuple[str, str]] = [*respelled, *spelt]
    in_order: list[str | None] = []  # each word's term, None for a word left out (for two-word names)
    for at, typed in enumerate(typed_words):
        word = typed
        in_order.append(None)
        # Chat users drop the apostrophe of negations ("didnt", "isnt"); those are stopwords too.
        if word in stop or (word.endswith("nt") and f"{word[:-2]}n't" in stop) or word in skipped:
            continue
        term = stem(word)
        if speller is not None and not known(term):
            fixed = speller.name_beside(word, typed_words[max(at - 1, 0) : at + 2]) or speller.correct(word)
            if fixed is not None and fixed != word:
                corrections.append((word, fixed))
                # A chat spelling may stand for several words ("kinda": "kind of"): its first content word counts.
                fixed = next((w for w in fixed.split() if w not in stop), None)
                if fixed is None:
                    continue
                word, term = fixed, stem(fixed)
        in_order[-1] = term
        if term in seen:
            continue
        weight = weight_of(term) * (FRAME_WEIGHT if _frames(word, reads) else 1.0)
        typed_as = word == asked_type
        is_name = (
            names is not None and not typed_as and (word in names or (word in written_as_names and not known(term)))
        )
        related = relations.of(term) if relations is not None else frozenset()
        seen[term] = QueryTerm(
            term,
            word,
            weight,
            is_name,
            focused.kinds.get(word),
            word in focused.heads,
            related,
            not known(term),
            answer_type=typed_as,
            aliases=aliases.of(term) if aliases is not None and is_name else frozenset(),
            owner=is_name and typed in owned,
        )
    if reads.two_word_names and aliases is not None:
        _join_two_word_names(seen, in_order, aliases, relations)
    type_names: frozenset[str] = frozenset()
    if types is not None and asked_type is not None and stem(asked_type) in seen:
        # An instance the question itself names ("which country is Russia's ...") is not the answer.
        asked = set(seen).union(*(t.related for t in seen.values()))
        typed_term = seen[stem(asked_type)]
        seen[typed_term.term] = replace(typed_term, instances=types.instances(typed_term.term) - asked)
        type_names = types.named(typed_term.term) - asked
    need = _needed(question, repaired, reads)
    if need is Need.PERSON and _names_a_person(repaired, seen):
        need = None  # "who is niall fitzgerald" asks what a named person is, as "Who is Niall FitzGerald?" does
    return Query(
        terms=tuple(seen.values()),
        cue=question_cue(repaired) if reads.cues else None,
        years=years_in(question),
        days=days_in(question),
        corrections=tuple(corrections),
        need=need,
        type_names=type_names,
        office=_office(types, seen.get(stem(asked_type)) if asked_type else None, written_as_names),
        asked_names=asked_names(typed_words, in_order, seen, verbs or bundled_verbs()),
        actor=_actor(typed_words, in_order, seen, verbs or bundled_verbs()) if reads.actors else None,
        runs=name_runs(question, seen) if names is not None else (),
    )


# A run of capitalised words, "of" joining some of them ("Bank of England", "Royal Bank of Canada").
# A possessive ends a run: "Unilever's European arm" names two things.
_RUN = re.compile(r"(?<![\w'’])[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)+")


def name_runs(question: str, terms: Mapping[str, QueryTerm]) -> tuple[tuple[str, frozenset[str]], ...]:
    """The runs of capitalised words joined by "of" whose head, the noun before "of", is a common noun, not a name
    ("Bank" of "Bank of England"). News copy names such a thing in full once and then by its head alone, capitalised
    ("the Bank"); each run with its head and its names' terms. Other runs ("West German", "White House") have no head
    that names them alone."""
    found: list[tuple[str, frozenset[str]]] = []
    for match in _RUN.finditer(question):
        written = [normalise(word) for word in match.group().split()]
        head = written[written.index("of") - 1] if "of" in written[1:] else ""
        head_term = terms.get(stem(head)) if head else None
        named = frozenset(t.term for word in written if (t := terms.get(stem(word))) is not None and t.name)
        if head_term is not None and not head_term.name and named:
            found.append((head, named))
    return tuple(found)


# News copy spells the numbers one to nine out (Reuters and AP style); after a determiner a chat question's lone
# digit is such a number ("the 2 governments"), while elsewhere chat writes "2" for "to" and "4" for "for".
_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DETERMINERS = frozenset({"the", "these", "those", "its", "their", "our", "all", "both", "first", "last", "next"})


def _digits_spelt(typed: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The words with each lone digit after a determiner spelt out ("the 2 governments": "two"), and those repairs."""
    out: list[str] = []
    spelt: list[tuple[str, str]] = []
    for at, word in enumerate(typed):
        number = len(word) == 1 and "1" <= word <= "9" and at > 0 and typed[at - 1] in _DETERMINERS
        out.append(_DIGIT_WORDS[int(word) - 1] if number else word)
        if number:
            spelt.append((word, out[-1]))
    return out, spelt


# Auxiliaries that open a yes / no question about an act ("Did ...", "Has ...", "Will ..."): general English grammar.
# A copula ("Is ...", "Are ...") asks about a state, whose subject runs on past names ("the alliance between Moscow
# and Beijing"), so it is left out.
_YES_NO_OPENINGS = frozenset({"do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should"})


def asked_names(
    typed: Sequence[str], in_order: Sequence[str | None], terms: Mapping[str, QueryTerm], verbs: VerbForms | None
) -> tuple[tuple[str, frozenset[str]], ...]:
    """The names of a yes / no question about an act that stand after its verb, each as written with the terms that
    write it: the first word WordNet writes as a verb ends the subject ("Did Xi travel to Moscow": Moscow; "Did the
    loss at Unilever's American arm come ...": none)."""
    if verbs is None or not typed or typed[0] not in _YES_NO_OPENINGS:
        return ()
    subject: set[str] = set()
    asked: dict[str, QueryTerm] = {}
    predicate = False
    for word, term in zip(typed[1:], in_order[1:], strict=True):
        found = terms.get(term) if term is not None else None
        if found is not None and found.name:
            # A possessor names whose thing it is ("after Putin's visit", "in Zhang Xin's view"), not the fact asked.
            if predicate and not found.owner:
                asked[found.term] = found
            elif not predicate:
                subject.add(found.term)
        elif found is not None and verbs.is_verb(word):
            predicate = True
    return tuple((t.surface, _written_forms(t)) for term, t in asked.items() if term not in subject)


def _actor(
    typed: Sequence[str], in_order: Sequence[str | None], terms: Mapping[str, QueryTerm], verbs: VerbForms | None
) -> Actor | None:
    """The act the question asks about and its named subject (a possessor names no actor: "Putin's visit")."""
    read = [
        (t.term, t.surface, t.name and not t.owner, _written_forms(t))
        if term is not None and (t := terms.get(term)) is not None
        else None
        for term in in_order
    ]
    return asked_actor(typed, read, verbs, SPEECH)


def _written_forms(term: QueryTerm) -> frozenset[str]:
    """A name's term and the terms that write it: its forms ("ukrainian"), aliases ("vladimir_putin") and instances."""
    return frozenset({term.term}) | term.related | term.aliases | term.instances


def _office(
    types: TypeBook | None, typed: QueryTerm | None, written_as_names: frozenset[str]
) -> tuple[str, frozenset[str]] | None:
    """The office "which X" asks the holder of (X as written, and the terms that write it), if X is one."""
    if types is None or typed is None or not typed.answer_type:
        return None
    forms = types.office(typed.term, typed.surface)
    # A capitalised type is a people's name ("which American"): it asks who, not for an office.
    return (typed.surface, forms) if forms and typed.surface not in written_as_names else None


def _names_a_person(question: str, seen: Mapping[str, QueryTerm]) -> bool:
    """Whether the question is "who is X" with every word of X one of its names, however it is written."""
    asked = who_is(question)
    return bool(asked) and all((term := seen.get(stem(word))) is not None and term.name for word in asked)


def _needed(question: str, repaired: str, reads: Readings) -> Need | None:
    """The answer kind the question's wording demands (with its typos repaired), as the switches allow."""
    need = needed_kind(repaired, paid=reads.paid) if reads.focus else None
    if reads.shares and need is Need.NUMBER and asks_share(repaired):
        return Need.SHARE
    if need is None and reads.rates and asks_rate(repaired):
        return Need.SHARE
    if need is None and reads.framing and asks_how_long(repaired):
        return Need.SPAN if reads.spans and asks_how_long_lasting(repaired) else Need.DURATION
    if need is None and reads.places and asks_where(repaired):
        return Need.PLACE
    if need is None and reads.year_answers and asks_year(repaired):
        return Need.YEAR
    if need is None and reads.times and asks_when(repaired):
        return Need.CLOCK if reads.clock and asks_what_time(repaired) else Need.TIME
    if need is None and reads.who and asks_who(question):
        return Need.PERSON
    return need


def _join_two_word_names(
    seen: dict[str, QueryTerm], in_order: list[str | None], aliases: Related, relations: Related | None
) -> None:
    """Give both words of a two-word place ("Buenos Aires") what the whole name goes by (Argentina).

    The lexicon has lines only for two-word proper names that lie in a country, so the pair itself says it is one.
    """
    for first, second in pairwise(in_order):
        if first is None or second is None or first == second:
            continue
        whole = f"{first}_{second}"
        also = aliases.of(whole)
        related = relations.of(whole) if relations is not None else frozenset()
        if also or related:
            for term in (first, second):
                seen[term] = replace(
                    seen[term], aliases=seen[term].aliases | also, related=seen[term].related | related
                )


_POSSESSOR = re.compile(r"([^\W\d_][\w-]*)['’]s?(?=\s|$)")


def possessors(question: str) -> frozenset[str]:
    """The normalised words the question writes with a possessive ("India's rate", "the banks' loans")."""
    return frozenset(normalise(m.group(1)) for m in _POSSESSOR.finditer(question))


def _repaired(question: str, speller: Speller | None, known: Callable[[str], bool]) -> str:
    """The question with its typos repaired, for reading its structure ("abuot" -> "about")."""
    if speller is None:
        return question
    repaired = question.lower().replace("’", "'")
    for word in set(words(question)):
        fixed = None if known(stem(word)) else speller.correct(word)
        if fixed is not None and fixed != word:
            repaired = re.sub(rf"\b{re.escape(word)}\b", fixed, repaired)
    return repaired
