"""The key concept of a question beyond its names: what it counts or asks about, and the kind of answer it needs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from retrieval.lexicon import VerbForms
from retrieval.text import CURRENCY_WORDS, normalise, stopwords, words


class Focus(Enum):
    """How a question word is key: what it counts or whose property it asks (a quote must hold it), or its topic."""

    TARGET = "target"  # "how many medals", "the Telegraph's circulation": in the quote itself
    TOPIC = "topic"  # "about the job cuts": in the quote or around it (a neighbour, the headline)


class Need(Enum):
    """An answer kind a quote must hold, when the question's wording demands one."""

    NUMBER = "number"  # "how many troops": a count
    MONEY = "money"  # "how much did they pay": an amount of money
    DURATION = "duration"  # "how long is the visit": a stretch of time or a length ("two-day", "5,400 words")
    PLACE = "place"  # "where will they meet": a named place the question does not name itself
    TIME = "time"  # "when was he fired": a date or a time ("on November 25", "last Thursday", "since 2019")
    SPAN = "span"  # "how long did the meeting last": a stretch of time ("two-day", "for 10 years"), not "5,400 words"
    CLOCK = "clock"  # "what time does it open": a time of day ("at 10 a.m.", "this afternoon"), not a date
    PERSON = "person"  # "who will replace Regan", "the name of the governor": a name the question does not give
    SHARE = "share"  # "what percentage of X", "how much of X": a share ("15 pct", "half", "a third")
    YEAR = "year"  # "what year", "which year": a year the question does not give ("since 2019", "last year")


# "how many X" and "how much X": X is what is counted; "about X": X is what is asked about.
_COUNTED = re.compile(r"\bhow (?:many|much) ((?:[\w'-]+ ?){1,4})")
_ABOUT = re.compile(r"\b(?:about|regarding|concerning) ((?:[\w'-]+ ?){1,5})")
# "what is the Telegraph's daily circulation": the property asked for follows the possessive.
_PROPERTY = re.compile(r"^(?:what|how)(?: is| are| was| were)(?: the)? [^\s']+(?:'s|s') ((?:[\w'-]+ ?){1,4})")
_HOW_MANY = re.compile(r"\bhow\s+many\b")
_HOW_MUCH = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:amount|number|percentage|share)\b")
# "How many shares", "what number of jets": things counted; "how many dollars" counts money.
_COUNTS_THINGS = re.compile(
    rf"\b(?:how many|what number of)\s+(?!(?:more\s+|million\s+|billion\s+)?(?:{CURRENCY_WORDS})\b)"
)
# "What will the SUVs cost", "what price per cubic metre", "what was trade worth": a sum of money, asked by name.
_WHAT_PRICE = re.compile(
    r"^what\b(?:\s+(?!about\b|on\b|of\b|regarding\b|for\b)[\w'-]+){0,5}?\s+(?:cost|costs|price|prices|worth|fee|fees|salary)\b"
)
# "What did Chesebrough pay for Bass", "what did the business earn": a sum of money, asked by its verb.
_WHAT_PAID = re.compile(
    r"^what\b(?:\s+(?!about\b|on\b|of\b|regarding\b|for\b)[\w'-]+){0,5}?\s+"
    r"(?:earn|earned|pay|paid|spend|spent|charge|charged)\b"
)
# "How much of X", "what share of X": a part of something, not a sum of money.
_SHARE_OF = re.compile(r"\bhow much of\b|\bwhat (?:share|percentage|proportion|part) of\b")
# A share asked for by name, "of" or not ("what percentage did it lose").
# "What (was Brazil's inflation) rate": the rate asked for stands within three words of "what" / "which"; singular,
# since "which agency rates India's debt" asks for an agency.
_RATE = re.compile(r"\b(?:what|which)\s+(?P<between>(?:[\w'’-]+\s+){0,3}?)(?:rate|margin|yield)\b")
_SHARE = re.compile(r"\bhow much of\b|\bwhat (?:share|percentage|proportion|part of|fraction)\b")
# Words that make a "how much" question one about money.
_MONEY_WORDS = frozenset(
    {
        "pay", "paid", "pays", "paying", "cost", "costs", "costing", "price", "priced", "prices", "spend",
        "spent", "spending", "worth", "value", "valued", "sell", "sold", "buy", "bought", "earn", "earned",
        "earns", "revenue", "revenues", "profit", "profits", "loan", "fund", "funding", "invest", "invested",
        "investment", "charge", "charged", "fee", "fees", "salary", "budget",
    }
)  # fmt: skip
# What a sum of money in the news measures: the money words above and the figures of accounts and trade (general
# English and business reporting's usual measures; with sum ties on, a sum is read as the nearest one's).
MONEY_MEASURES = _MONEY_WORDS | frozenset(
    {
        "sales", "sale", "income", "loss", "losses", "earnings", "dividend", "dividends", "debt", "debts",
        "reserves", "exports", "imports", "offer", "offered", "bid", "order", "deficit", "surplus", "loans",
        "lent", "lend", "owe", "owed", "tax", "taxes", "turnover",
    }
)  # fmt: skip
# What a share in the news may be the figure of ("the 3.3 pct growth rate"); its own words stand before it.
RATE_WORDS = frozenset({"rate", "rates", "margin", "margins", "yield", "yields"})
# A past tense or participle ("died", "reported") after the phrase's first word is its verb, not part of it.
_PAST = re.compile(r"..ed$")
# Question-framing words that never name what is counted or asked about.
_NOT_FOCUS = frozenset(
    {"much", "many", "per", "say", "said", "tell", "think", "thing", "things", "anything", "exactly", "please"}
)


@dataclass(frozen=True, slots=True)
class Focused:
    """The question's focus words with their kind, and the heads (last words) of their phrases."""

    kinds: Mapping[str, Focus]
    heads: frozenset[str]


def read_focus(question: str, verbs: VerbForms | None = None, *, clauses: bool = False) -> Focused:
    """Normalised content words of what the question counts ("how many X"), asks of ("X's Y") or is about.

    Each phrase runs to the first stopword after it, so "how many medals did..." gives {"medals"}
    and "how much did they pay" gives nothing (the money check covers that one). With WordNet's verb forms, it
    also ends at a verb: one WordNet writes only as a verb ("bosses quit"), or any verb form after a plural
    ("readers pay", "countries pushing"). With clauses, "about how far it goes" asks about a clause, not a topic.
    """
    folded = question.lower().replace("’", "'")
    kinds: dict[str, Focus] = {}
    heads: set[str] = set()
    for pattern, skip_leading, kind in (
        (_ABOUT, True, Focus.TOPIC),
        (_COUNTED, False, Focus.TARGET),
        (_PROPERTY, False, Focus.TARGET),
    ):
        for match in pattern.finditer(folded):
            if clauses and kind is Focus.TOPIC and _CLAUSE.match(match.group(1)):
                continue
            phrase = _leading_content(match.group(1), skip_leading=skip_leading, verbs=verbs)
            kinds.update(dict.fromkeys(phrase, kind))
            heads.update(phrase[-1:])
    return Focused(kinds, frozenset(heads))


def focus_words(question: str) -> dict[str, Focus]:
    """The focus words of a question and their kind (see read_focus)."""
    return dict(read_focus(question).kinds)


def _leading_content(phrase: str, *, skip_leading: bool, verbs: VerbForms | None = None) -> list[str]:
    """The first run of content words of phrase (at most three); stopwords before it only if skip_leading."""
    stop = stopwords()
    out: list[str] = []
    for word in words(phrase):
        if word in stop or word in _NOT_FOCUS:
            if out or not skip_leading:
                break
            continue
        if out and _PAST.search(word):
            break  # "how many people died": what is counted stops at the verb
        if out and verbs is not None and _verb_after(out[-1], word, verbs):
            break  # "how many bosses quit Mitsubishi": the verb and its object are not what is counted
        out.append(word)
    return out[:3]


# "About how far the partnership goes", "about when he met Xi": what follows is a clause, not a topic's words.
_CLAUSE = re.compile(r"(?:how|what|when|whether|why|where|who|which|if)\b")


def _verb_after(before: str, word: str, verbs: VerbForms) -> bool:
    """Whether word, after before in a noun phrase, is its verb: WordNet writes it only as a verb, or it is a verb
    form not ending in "s" after a plural (a plural subject takes "pay", "took", "pushing"; "arms deals" stays)."""
    return verbs.only_verb(word) or (_plural(before) and not _plural(word) and verbs.is_verb(word))


def _plural(word: str) -> bool:
    """Whether a word looks plural ("banks", "parties"; not "gas", "press", "status")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "as"))


_WHERE = re.compile(r"^(?:and |so |but )?where\b(?! (?:else|from)\b)")

# A question may open with a clause of time or place and ask after its comma: "When Russia and China came out against
# Nato's enlargement, did they name Ukraine?" is a yes / no question, not one asking when. "When did ...", "when is
# ..." ask when: an auxiliary right after the word asks.
_ASKING = (
    r"(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might|must|what|which|who|whom"
    r"|whose|where|when|how|why)"
)
_OPENING_CLAUSE = re.compile(rf"^(?:and |so |but )?(?:when|where)\b(?! {_ASKING}\b)[^,?]*, ?(?={_ASKING}\b)")


def main_clause(folded: str) -> str:
    """The normalised question without an opening clause of time or place that its comma closes (the question asks
    what follows it)."""
    opening = _OPENING_CLAUSE.match(folded)
    return folded[opening.end() :] if opening else folded


def _asking_part(question: str) -> str:
    """The question normalised, from where it asks (after an opening clause): what the wh-patterns read."""
    return main_clause(normalise(question).strip())


# "On what date", "in what year", "since when": a preposition may open the question (round seventeen).
_WHEN = re.compile(
    r"^(?:and |so |but )?(?:(?:in|on|at|by|during|until|till|since) )?"
    r"(?:when|what (?:day|date|year|month|time))\b(?! else\b)"
)


# "In which year did ...", "what year was X set up": a year answers, not a weekday. "Since when" asks when something
# began, which a date or a time said otherwise ("in recent years", "since the war") answers too (round seventeen).
_YEAR = re.compile(r"\b(?:what|which) year\b")


def asks_year(question: str) -> bool:
    """Whether the question asks for a year ("in which year did they first meet", "what year was it set up")."""
    return bool(_YEAR.search(normalise(question)))


def asks_when(question: str) -> bool:
    """Whether the question asks when something happens ("when was North fired"), which a date or time answers."""
    return bool(_WHEN.search(_asking_part(question)))


_WHAT_TIME = re.compile(r"^(?:and |so |but )?(?:what|which) time\b(?! (?:frame|period|span)\b)|\bat what time\b")


def asks_what_time(question: str) -> bool:
    """Whether the question asks a time of day ("what time does the Louvre open"), which a date does not answer."""
    return bool(_WHAT_TIME.search(_asking_part(question)))


_WHO = re.compile(r"^(?:and |so |but )?(?:who|whom)\b(?! else\b)|\bwhat(?: is|'s| was) the names? of\b")
# "Who is Mark Buckstein?" asks what a named person is, not a name.
_WHO_IS_NAME = re.compile(r"^\s*[Ww]ho(?: is|'s| was| are| were)\s+(?:[A-Z][\w.'’-]*\s*)+\??\s*$")
# The same in any case ("who is niall fitzgerald"): its words, to be checked against the question's names.
_WHO_IS = re.compile(r"^\s*who(?: is|'s| was| are| were)\s+([\w.'’ -]+?)\s*\??\s*$", re.IGNORECASE)


def asks_who(question: str) -> bool:
    """Whether the question asks for a person or body by name ("who will replace Regan"), not about a named one."""
    return bool(_WHO.search(_asking_part(question))) and not _WHO_IS_NAME.match(question)


def who_is(question: str) -> list[str]:
    """The words after "who is" when that is the whole question ("who is niall fitzgerald"), else none."""
    found = _WHO_IS.match(normalise(question))
    return words(found[1]) if found else []


def asks_where(question: str) -> bool:
    """Whether the question asks where something is or happens ("where will OPEC meet"), which a place answers."""
    return bool(_WHERE.search(_asking_part(question))) and not asks_level(question)


# Market reports say where a price, rate or index closed, ended, finished, settled, stood or traded: at a level ("the
# Nikkei closed at 7,162.90"), which a place does not give. "Ended up" asks for a place again.
_LEVEL = re.compile(
    r"^(?:and |so |but )?where (?:did|does|do|will|would|could|has|have|had|is|are|was|were)\b.{0,80}?"
    r"\b(?:close|closed|closing|end|ended|ending|finish|finished|settle|settled|stand|stood|trade|traded)\b(?! up\b)"
)


def asks_level(question: str) -> bool:
    """Whether a "where" question may ask for a level ("where did the Nikkei close"), not only a place."""
    return bool(_LEVEL.search(normalise(question).strip()))


def asks_rate(question: str) -> bool:
    """Whether the question asks for a rate, margin or yield ("what inflation rate", "which margin over libor"), which
    a percentage or a fraction answers; not an exchange rate, which is a ratio."""
    found = _RATE.search(normalise(question))
    return found is not None and "exchange" not in found["between"].split()


def asks_count(question: str) -> bool:
    """Whether the question counts things ("how many planes"), which a sum of money or a share does not answer."""
    return bool(_HOW_MANY.search(normalise(question)))


def asks_share(question: str) -> bool:
    """Whether the question asks a share of something ("what percentage of", "how much of USAir"), not an amount."""
    return bool(_SHARE.search(normalise(question)))


def needed_kind(question: str, *, paid: bool = False) -> Need | None:
    """The kind of answer a "how many / how much" question cannot do without; with paid, also "what did X pay / earn
    / charge" (a sum of money, unless it asks a rate: "what interest rate does BNL charge")."""
    folded = normalise(question)
    if _WHAT_PRICE.search(folded) or (paid and _WHAT_PAID.search(folded) and not asks_rate(folded)):
        return Need.MONEY
    if not _HOW_MUCH.search(folded):
        return None
    if _SHARE_OF.search(folded):
        return Need.NUMBER  # "how much of USAir had TWA bought": a share, whatever was paid for it
    if _COUNTS_THINGS.search(folded):
        return Need.NUMBER  # "how many shares can USAir buy": things counted, whatever is paid for them
    return Need.MONEY if _MONEY_WORDS & set(words(folded)) else Need.NUMBER
