"""The answer type a question names: in "which country ..." the answer is a country, not the word "country".

The type's instances in the corpus come from WordNet's classes (Japan is a country, a council an
organisation) and, for types that things are named as (people, organisations, countries, cities,
publications), from the corpus's own proper names that WordNet does not know (Rosneft, Harbin, UBS).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache

from retrieval.lexicon import DERIVED, Lexicon, packaged_text, singulars
from retrieval.text import normalise, stem, stopwords

# "which X" and "what X"; "what" only when an auxiliary follows X ("what city did ..."), since "what drives
# trade" or "what happened" put a verb there.
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_KIND_OF = frozenset({"kind", "kinds", "type", "types", "sort", "sorts"})
_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should"}
)
_LEADING = frozenset({"other", "another", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_MAX_WORDS = 3
# WordNet classes whose members go by proper names, as stems (organization and organisation both).
NAMEABLE = frozenset(
    stem(w) for w in ("person", "organization", "organisation", "country", "city", "municipality", "publication")
)
_OFFICES = "offices.txt.gz"
# A proper name on more than this share of the corpus's sentences is a main actor, not an answer.
_COMMON_NAME_SHARE = 0.1


def type_word(question: str, is_noun: Callable[[str], bool | None]) -> str | None:
    """The normalised head noun of the question's "which X" / "what X ..." phrase, if it has one.

    The phrase is the nouns after "which"/"what" (adjectives before them skipped, hyphenated words kept
    whole), up to a stopword, a past form ("signed") or a word that is no noun ("owns"); its head is its
    last noun ("state-run company"). Three nouns in a row hide a verb: when the third is a name ("which
    agency rates India's debt") the verb is the second and the head the first, otherwise the head is the
    second ("which rival papers grew ...").
    """
    tokens = [(t, normalise(t)) for t in _WORD.findall(question)]
    typed_lower = question == question.lower()
    stop = stopwords()

    def noun(index: int) -> bool:
        written, word = tokens[index]
        if word in stop or (word.endswith("ed") and len(word) > 4):
            return False
        known = is_noun(word)
        # A word WordNet does not know is a name only when written as one (or when nothing is capitalised).
        return known if known is not None else (typed_lower or written[:1].isupper())

    for index, (_, word) in enumerate(tokens):
        if word not in ("which", "what"):
            continue
        start = index + 1
        if start + 1 < len(tokens) and tokens[start][1] in _KIND_OF and tokens[start + 1][1] == "of":
            return None  # "what kind of order" asks for a description ("multipolar"), not an instance
        while start < len(tokens) and tokens[start][1] not in stop and not noun(start) and start - index <= 2:
            start += 1  # adjectives: "which earlier Games"
        end = start
        while end < len(tokens) and end - start < _MAX_WORDS and noun(end):
            end += 1
        run = [w for _, w in tokens[start:end]]
        following = tokens[end][1] if end < len(tokens) else ""
        if not run or (word == "what" and following not in _AUXILIARIES):
            continue
        if len(run) == _MAX_WORDS:
            return run[0] if tokens[start + 2][0][:1].isupper() and not typed_lower else run[1]
        return run[-1]
    return None


@cache
def bundled_offices() -> frozenset[str]:
    """The one-word nouns WordNet files as a person in every sense (scripts/build_offices.py); empty when the data
    file is missing or unreadable."""
    text = packaged_text(_OFFICES)
    return frozenset() if text is None else frozenset(text.split())


class TypeBook:
    """Which corpus terms are instances of a type, from WordNet classes and the corpus's unknown names."""

    def __init__(
        self,
        lexicon: Lexicon,
        vocabulary: Iterable[str],
        name_counts: Mapping[str, int],
        size: int,
        offices: Collection[str] | None = None,
    ) -> None:
        self._lexicon = lexicon
        self._offices = bundled_offices() if offices is None else offices
        self._members: dict[str, set[str]] = {}
        for term in vocabulary:
            for kind in lexicon.classes(term):
                self._members.setdefault(kind, set()).add(term)
        limit = max(3, int(_COMMON_NAME_SHARE * size))
        # Names WordNet has no class for (companies, small places, people): instances of any nameable type.
        self._names = frozenset(t for t, n in name_counts.items() if n <= limit and not lexicon.classes(t))

    def is_noun(self, word: str) -> bool | None:
        """Whether WordNet knows the word as a noun (it has classes); None when WordNet does not know it."""
        term = stem(word.replace("-", ""))
        return bool(self._lexicon.classes(term)) if term in self._lexicon else None

    def nameable(self, term: str) -> bool:
        """Whether things of this type go by proper names (people, organisations, countries, cities...)."""
        return bool(({term} | self._lexicon.classes(term)) & NAMEABLE)

    def office(self, term: str, word: str) -> frozenset[str]:
        """The terms that write the type (its term, and its word as written) when the word names a person in every
        sense (an office or role: "judge", "official", "chairman"; bundled_offices): itself and its derived forms
        ("judicial"); not its instances, which WordNet fills with namesakes and kinds ("White", "critic" for a
        judge). Empty for any other type."""
        if not any(form in self._offices for form in singulars(word)):
            return frozenset()
        return frozenset({term}) | self._lexicon.related(term, (DERIVED,))

    def instances(self, term: str) -> frozenset[str]:
        """Corpus terms WordNet files under the type term ("japan" under "countri")."""
        return frozenset(self._members.get(term, ()))

    def named(self, term: str) -> frozenset[str]:
        """The corpus's proper names WordNet does not know, when things of the type go by names (else none).

        They may be people, firms or places alike, so they only help ranking, never coverage.
        """
        return self._names if self.nameable(term) else frozenset()
