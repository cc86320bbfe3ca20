"""Typo repair: a question word the corpus has never seen becomes the corpus word one slip away (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Container, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from retrieval.text import stem, stopwords

MIN_TYPO_LENGTH = 5


class Speller:
    """Repairs question words the corpus has never seen, against the corpus's own vocabulary (rapidfuzz)."""

    def __init__(self, vocabulary: Iterable[str], dictionary: Container[str] | None = None) -> None:
        # A word an English dictionary knows (by stem) is no typo: "American" must not become "America".
        self._dictionary = dictionary
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
        if len(word) < MIN_TYPO_LENGTH or not word.isalpha():
            return None
        if self._dictionary is not None and stem(word) in self._dictionary:
            return None
        # One slip (a wrong, missing, extra or swapped letter) per seven letters: "heading" must not
        # become "hedging", nor "capital" "capitalise".
        edits = 1 + (len(word) - 1) // 7
        found = process.extractOne(word, self._by_initial.get(word[0], []), scorer=OSA.distance, score_cutoff=edits)
        return None if found is None else str(found[0])
