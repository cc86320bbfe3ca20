"""Typo repair: a question word the corpus has never seen becomes the corpus word one slip away (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from retrieval.text import stem, stopwords

MIN_TYPO_LENGTH = 5
# A shorter word ("wat", "chna") is repaired only to a stopword or one of the corpus's names, one slip away.
MIN_SHORT_TYPO_LENGTH = 3
_MAX_SHORT_TARGET = 6


class Speller:
    """Repairs question words the corpus has never seen, against the corpus's own vocabulary (rapidfuzz)."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        dictionary: Container[str] | None = None,
        *,
        names: Iterable[str] | None = None,
        in_use: Callable[[str], bool] | None = None,
    ) -> None:
        """names, when given, switches short repairs on: a three- or four-letter word no sentence holds becomes the
        stopword or corpus name one slip away. in_use says whether a dictionary word is in common use: a short one
        that is not ("wat", a Thai temple) may still be a slip for "what"."""
        # A word an English dictionary knows (by stem) is no typo: "American" must not become "America".
        self._dictionary = dictionary
        self._in_use = in_use
        self._short: dict[str, list[str]] | None = None
        if names is not None:
            self._short = {}
            for word in sorted({w for w in (*stopwords(), *names) if w.isalpha() and 3 <= len(w) <= _MAX_SHORT_TARGET}):
                self._short.setdefault(word[0], []).append(word)
        # Stopwords are candidates too, so that a mistyped "abuot" is recognised as "about" and dropped.
        self._words = sorted({w for w in (*vocabulary, *stopwords()) if len(w) >= MIN_TYPO_LENGTH and w.isalpha()})
        self._by_initial: dict[str, list[str]] = {}
        for word in self._words:
            self._by_initial.setdefault(word[0], []).append(word)

    def correct(self, word: str) -> str | None:
        """The closest corpus word to an unknown word, or None when nothing is close enough.

        Typos rarely hit the first letter, and demanding it keeps real words the corpus lacks
        ("iphone", "medals") from being bent into corpus words ("phone", "metals").
        """
        if len(word) < MIN_TYPO_LENGTH:
            return self._correct_short(word)
        if not word.isalpha():
            return None
        if self._dictionary is not None and stem(word) in self._dictionary:
            return None
        # One slip (a wrong, missing, extra or swapped letter) per seven letters: "heading" must not
        # become "hedging", nor "capital" "capitalise".
        edits = 1 + (len(word) - 1) // 7
        found = process.extractOne(word, self._by_initial.get(word[0], []), scorer=OSA.distance, score_cutoff=edits)
        return None if found is None else str(found[0])

    def _correct_short(self, word: str) -> str | None:
        """A three- or four-letter slip for a stopword or a corpus name ("wat" for what, "chna" for China)."""
        if self._short is None or len(word) < MIN_SHORT_TYPO_LENGTH or not word.isalpha():
            return None
        known = self._dictionary is not None and stem(word) in self._dictionary
        if known and (self._in_use is None or self._in_use(word)):
            return None
        found = process.extractOne(word, self._short.get(word[0], []), scorer=OSA.distance, score_cutoff=1)
        return None if found is None else str(found[0])
