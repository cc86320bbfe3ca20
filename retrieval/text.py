"""Turn text into index terms: Unicode-normalised, lowercased, stopwords dropped, Snowball-stemmed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import Stemmer

# Words, numbers with their separators ("100,000", "117.5", "21-gun" stays split), negations and other
# contractions whole ("doesn't", "they're", stopwords, not "doesn" and "t" or "they" and "re") and dotted
# abbreviations ("U.S."), so that figures survive tokenisation intact.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:n't|'(?:re|ve|ll|d|m))\b|[^\W\d_]+(?:\.[^\W\d_])*\.?|[^\W_]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_POSSESSIVE = re.compile(r"'s\b")
# ASCII and the typographic punctuation of news text, none of which decomposes or is a combining mark.
_PLAIN = re.compile(r"[\x00-\x7f“”„«»–—…•·€£]*")
# Reporting verbs and modal auxiliaries are on nearly every news line: they carry no topic.
_EXTRA_STOPWORDS = frozenset({"s", "t", "also", "said", "say", "says", "will", "can", "may", "might", "must"})
# Month names, January first, and weekday names, Monday first (date.weekday()'s order): English whatever the
# process's locale (the calendar module's names follow the locale). Every module reads dates through these.
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# The abbreviations news writes for months ("Feb. 4", "Jan 30", "Sept.").
MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sep": "september", "sept": "september", "oct": "october", "nov": "november", "dec": "december",
}  # fmt: skip
# Where questions say "February", an abbreviation reads as its month's name when a period or a figure follows it,
# since bare "jan" and "mar" are also a first name and a verb.
_MONTH_ABBREVIATION = re.compile(rf"\b({'|'.join(MONTH_ABBREVIATIONS)})(?:\.|(?=\s+\d))")
# Currency words as news copy writes them after a sum ("2.5 billion dlrs", "94 cents", "5.7 cts", "500 mln stg"), as a
# regex alternation: every reader of sums of money goes by this one list.
CURRENCY_WORDS = (
    r"dollars?|euros?|pounds?|yen|yuan|renminbi|rupees?|roubles?|rubles?|pence|cents?|cts|dlrs?|stg|sterling|francs?"
    r"|marks?|lire|guilders?|crowns?|pesos?|cruzados?|bolivars?"
)
# Chat and headlines write ordinals in figures ("1st quarter", "4th"); news copy spells out first to ninth (AP style),
# so those read as words, and a larger one or a day after a month's name ("March 4th") as its bare figure.
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_MONTH_NAMES = frozenset(MONTHS)
_ORDINAL = re.compile(r"\b(?:([^\W\d_]+)\s+)?(\d+)(?:st|nd|rd|th)\b")
# "On the 6th": a day of the month alone, when no word but "of" follows ("on the 2nd day" is an ordinal).
DAY_ALONE = re.compile(r"\b((?:on|by|since|until|till|from) the )(\d{1,2})(?:st|nd|rd|th)\b(?! (?!of\b)[^\W\d_])")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Return the English stopword set used for indexing and queries."""
    listing = resources.files("retrieval").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    lines = (line for line in listing.splitlines() if not line.startswith("#"))
    listed = {word.translate(_APOSTROPHES) for line in lines for word in line.split()}
    return frozenset(listed | _EXTRA_STOPWORDS)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def normalise(text: str) -> str:
    """Fold compatibility forms, accents on Latin letters, curly apostrophes and case, so spellings meet."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return _POSSESSIVE.sub("", _strip_latin_accents(folded))


def _strip_latin_accents(text: str) -> str:
    # People type "Zurich" for "Zürich"; only marks on ASCII letters go, as in other scripts they spell the word.
    if _PLAIN.fullmatch(text):  # no character that decomposes or combines: nothing to strip
        return text
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii() and kept[-1].isalpha():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def words(text: str) -> list[str]:
    """Return the normalised word tokens of text, stopwords included."""
    text = _MONTH_ABBREVIATION.sub(_month_name, normalise(text))
    if _ORDINAL_SUFFIX.search(text):  # most text holds no ordinal figure: no substitution to run
        text = _ORDINAL.sub(_ordinal_word, DAY_ALONE.sub(r"\1\2", text))
    tokens = _TOKEN.findall(text)
    out = [token.replace(",", "") if token[0].isdigit() else token.replace(".", "") for token in tokens]
    return [token for token in out if token]


def _month_name(match: re.Match[str]) -> str:
    return MONTH_ABBREVIATIONS[match.group(1)]


_ORDINAL_SUFFIX = re.compile(r"\d(?:st|nd|rd|th)\b")


def _ordinal_word(match: re.Match[str]) -> str:
    before, figure = match.group(1), match.group(2)
    number = int(figure)
    word = _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) and before not in _MONTH_NAMES else figure
    return word if before is None else f"{before} {word}"


def terms(text: str) -> list[str]:
    """Return the index terms of text: normalised words without stopwords, stemmed."""
    stop = stopwords()
    kept = [w for w in words(text) if w not in stop]
    return list(_stemmer().stemWords(kept))


def words_and_stems(text: str) -> tuple[list[str], list[str]]:
    """Return the normalised words of text and each one's stem, for callers that need words and terms both."""
    found = words(text)
    return found, list(_stemmer().stemWords(found))


def terms_of(found: list[str], stems: list[str]) -> list[str]:
    """The index terms of text from its words and their stems (words_and_stems): the same as terms(text)."""
    stop = stopwords()
    return [its_stem for word, its_stem in zip(found, stems, strict=True) if word not in stop]


def stem_words(words: list[str]) -> list[str]:
    """Stem normalised words, in order."""
    return list(_stemmer().stemWords(words))


def stem(word: str) -> str:
    """Stem a single normalised word."""
    return str(_stemmer().stemWord(word))


def query_terms(text: str) -> list[tuple[str, str]]:
    """Return (term, surface word) pairs for a question's content words, first occurrence of each term."""
    stop = stopwords()
    seen: dict[str, str] = {}
    for word in words(text):
        if word in stop:
            continue
        seen.setdefault(stem(word), word)
    return list(seen.items())


def opens_quotation(text: str, at: int, end: int) -> bool:
    """Whether a quotation mark written the same both ways (" or the Penn Treebank style's ``) at text[at:end] opens
    a quotation: a word follows it, and a space, a bracket or the text's start stands before it ("said ``It's")."""
    return (at == 0 or text[at - 1].isspace() or text[at - 1] in "([{") and bool(text[end : end + 1].strip())
