"""Typo repair: a question word the corpus has never seen becomes the corpus word one slip away (rapidfuzz)."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from retrieval.lexicon import ADJECTIVE_ENDINGS, NOUN_ENDINGS, VERB_ENDINGS, detached, packaged_text
from retrieval.text import normalise, stem, stopwords

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
        chat: Mapping[str, str] | None = None,
        name_parts: Iterable[str] | None = None,
        short_words: Iterable[str] | None = None,
        forms: Container[str] | None = None,
    ) -> None:
        """names, when given, switches short repairs on: a three- or four-letter word no sentence holds becomes the
        stopword or corpus name one slip away. in_use says whether a dictionary word is in common use: a short one
        that is not ("wat", a Thai temple) may still be a slip for "what". chat, when given, is chat spellings and
        what they stand for ("wud": "would", "govt": "government"), read before any slip is looked for. name_parts,
        when given, is the corpus's names, for reading a word beside one as a name (name_beside). short_words, with
        short repairs on, is the corpus's short words: one no dictionary knows ("det", "bnk") may be a slip for one.
        forms, when given, is the words the dictionary knows as written (bundled_forms): a long word whose stem it
        knows is still read for a slip when the word itself is none of them ("goverments" stems to "gover")."""
        # A word an English dictionary knows (by stem) is no typo: "American" must not become "America".
        self._dictionary = dictionary
        self._in_use = in_use
        self._forms = forms
        self._chat = chat or {}
        vocabulary = frozenset(vocabulary)
        short_words = None if short_words is None else tuple(short_words)
        self._names = frozenset(name_parts or ())
        # A name's other part may be a corpus word the name book missed: "Scott" stands only first in its sentence.
        self._name_parts: dict[str, list[str]] = {}
        if name_parts is not None:
            parts = {w for w in self._names | vocabulary if w.isalpha() and len(w) >= MIN_SHORT_TYPO_LENGTH}
            for part in sorted(parts - stopwords()):
                self._name_parts.setdefault(part[0], []).append(part)
        self._short: dict[str, list[str]] | None = None
        if names is not None:
            self._short = {}
            for word in sorted({w for w in (*stopwords(), *names) if w.isalpha() and 3 <= len(w) <= _MAX_SHORT_TARGET}):
                self._short.setdefault(word[0], []).append(word)
        self._short_words: dict[str, list[str]] = {}
        self._skeletons: dict[str, list[str]] = {}
        if names is not None and short_words is not None:
            content = {w for w in short_words if w.isalpha() and 3 <= len(w) <= _MAX_SHORT_TARGET} - stopwords()
            for word in sorted(content):
                self._short_words.setdefault(word[0], []).append(word)
                self._skeletons.setdefault(_skeleton(word), []).append(word)
        # Stopwords are candidates too, so that a mistyped "abuot" is recognised as "about" and dropped; and a word of
        # one letter fewer ("mutch" is "much" with a letter added).
        shorter = {w for w in (*stopwords(), *(short_words or ())) if len(w) == MIN_TYPO_LENGTH - 1}
        self._words = sorted(
            {w for w in (*vocabulary, *stopwords()) if len(w) >= MIN_TYPO_LENGTH and w.isalpha()} | shorter
        )
        self._by_initial: dict[str, list[str]] = {}
        for word in self._words:
            self._by_initial.setdefault(word[0], []).append(word)

    def correct(self, word: str) -> str | None:
        """The closest corpus word to an unknown word, or None when nothing is close enough.

        Typos rarely hit the first letter, and demanding it keeps real words the corpus lacks
        ("iphone", "medals") from being bent into corpus words ("phone", "metals").
        A chat spelling ("kinda") becomes what it stands for, which may be several words ("kind of").
        """
        spelt = self._chat.get(word)
        if spelt is not None:
            return spelt
        if len(word) < MIN_TYPO_LENGTH:
            return self._correct_short(word)
        if not word.isalpha():
            return None
        if self._dictionary is not None and stem(word) in self._dictionary and self._written(word):
            return None
        # One slip (a wrong, missing, extra or swapped letter) per seven letters: "heading" must not
        # become "hedging", nor "capital" "capitalise".
        edits = 1 + (len(word) - 1) // 7
        found = process.extractOne(word, self._by_initial.get(word[0], []), scorer=OSA.distance, score_cutoff=edits)
        return None if found is None else str(found[0])

    def _written(self, word: str) -> bool:
        """Whether the dictionary knows the word as written (all words count when no forms were given).

        A word that is its own entry ("biden", "kyiv" of the lexicon's extra rows, "richard") counts too.
        """
        return self._forms is None or known_form(word, self._forms) or word in (self._dictionary or ())

    def _correct_short(self, word: str) -> str | None:
        """A three- or four-letter slip for a stopword or a corpus name ("wat" for what, "chna" for China)."""
        if self._short is None or len(word) < MIN_SHORT_TYPO_LENGTH or not word.isalpha():
            return None
        if self._in_common_use(word):
            return None
        unknown = self._dictionary is None or stem(word) not in self._dictionary
        # Chat drops a word's vowels ("bnk", "mkt"): a word without one is read by its letters first.
        written = self._skeletons.get(word) if unknown and not _VOWELS.search(word) else None
        if written is not None and len(written) == 1:
            return written[0]
        found = process.extractOne(word, self._short.get(word[0], []), scorer=OSA.distance, score_cutoff=1)
        if found is not None:
            return str(found[0])
        return self._short_word(word)

    def _short_word(self, word: str) -> str | None:
        """The corpus word a short word no dictionary knows is one slip from ("bnk": bank), when it is the only one."""
        if word in _PREFIXES or not self._short_words:
            return None
        if self._dictionary is not None and stem(word) in self._dictionary:
            return None
        # Only one: "det" may be "debt", but "bet" is "bat", "bit", "but" and "get" alike.
        near = process.extract(word, self._short_words.get(word[0], []), scorer=OSA.distance, score_cutoff=1, limit=2)
        return str(near[0][0]) if len(near) == 1 else None

    def name_beside(self, word: str, neighbours: Iterable[str]) -> str | None:
        """The corpus name one slip from a word no sentence holds, when a word beside it is (or repairs to) a name.

        "scot kenedy" is Scott Kennedy: "scot" is English, so correct() leaves it, but beside "kenedy" (Kennedy)
        it reads as the other part of the name.
        """
        if not self._name_parts or len(word) < MIN_SHORT_TYPO_LENGTH or not word.isalpha():
            return None
        if not any(n in self._names or self.correct(n) in self._names for n in neighbours if n != word):
            return None
        # A letter dropped or doubled ("Scot" for Scott), not changed: "want" beside Putin is no slip for "Wang".
        # And a name, not a word general English uses: "founded" beside Yukos is no slip for "funded".
        candidates = self._name_parts.get(word[0], [])
        near = (n for n in candidates if abs(len(n) - len(word)) == 1 and Indel.distance(word, n) == 1)
        return next((n for n in near if n in self._names or not self._common(n)), None)

    def _common(self, word: str) -> bool:
        """Whether general English uses the word (all words count as used when no usage counts were given)."""
        return self._in_use is None or self._in_use(word)

    def _in_common_use(self, word: str) -> bool:
        """Whether the dictionary knows the word and general English uses it ("shed" is no chat "she'd")."""
        known = self._dictionary is not None and stem(word) in self._dictionary
        return known and self._common(word)

    def respelled(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The text with its chat spellings of letters and figures ("b4", "2day") written out, and those repairs.

        The index splits such a word into a letter and a figure, so it is read whole before the text is
        tokenised; only as typed in lower case, since "B4" and "M8" are a paper size and a motorway.
        """
        if not self._chat or not _LETTERS_AND_FIGURES.search(text):
            return text, ()
        found: list[tuple[str, str]] = []

        def written_out(match: re.Match[str]) -> str:
            spelt = self._chat.get(match.group(0))
            if spelt is None:
                return match.group(0)
            found.append((match.group(0), spelt))
            return spelt

        return _LETTERS_AND_FIGURES.sub(written_out, text), tuple(found)


# English prefixes written apart before a hyphen ("pre-Olympics", "non-oil"), which the tokeniser splits off: no slips.
_PREFIXES = frozenset({"pre", "post", "non", "anti", "pro", "sub", "mid", "semi", "multi", "inter", "ex", "co"})
_VOWELS = re.compile(r"[aeiouy]")


def _skeleton(word: str) -> str:
    """A word without its vowels after the first letter, as chat shortens it ("bank": bnk)."""
    return word[0] + _VOWELS.sub("", word[1:])


# WordNet's regular endings of every part of speech and what each leaves of a lemma: "governments" is "government" + s.
_ENDINGS = tuple(dict.fromkeys((*NOUN_ENDINGS, *VERB_ENDINGS, *ADJECTIVE_ENDINGS)))


def known_form(word: str, forms: Container[str]) -> bool:
    """Whether a word is a lemma of the forms, an irregular form listed there, or a lemma with a regular ending."""
    if word in forms:
        return True
    return any(lemma in forms for lemma in detached(word, _ENDINGS, kept=0))


@lru_cache(maxsize=1)
def bundled_forms() -> frozenset[str] | None:
    """WordNet's single-word lemmas and irregular forms (forms.tsv.gz, scripts/build_forms.py); None when missing."""
    text = packaged_text("forms.tsv.gz")
    if text is None:
        return None
    return frozenset(line.partition("\t")[0] for line in text.splitlines())


_LETTERS_AND_FIGURES = re.compile(r"(?<![\w'’])(?=[a-z]*\d)(?=\d*[a-z])[a-z\d]+(?![\w'’])")


@lru_cache(maxsize=1)
def chat_spellings() -> Mapping[str, str]:
    """Chat spellings and what they stand for: the `contractions` package's slang and ours (chat_spellings.tsv)."""
    # It builds its own matchers on import (about 15 ms): only when chat spellings are on.
    import contractions  # noqa: PLC0415

    spelt: dict[str, str] = {}
    # After import its slang list also holds every contraction written without its apostrophe ("dont", "shed" for
    # "she'd"): those are kept apart (bare_contractions), since some are English words.
    bare = bare_contractions()
    for written, meant in contractions.slang_dict.items():
        if written.isalnum() and written.islower() and written not in bare:
            spelt[written] = normalise(meant)
    listing = resources.files("retrieval").joinpath("chat_spellings.tsv").read_text(encoding="utf-8")
    for line in listing.splitlines():
        if line and not line.startswith("#"):
            written, meant, _source = line.split("\t")
            spelt[written] = meant
    return spelt


@lru_cache(maxsize=1)
def bare_contractions() -> Mapping[str, str]:
    """Contractions written without their apostrophe ("dont", "youre", "shed"), from the `contractions` package."""
    import contractions  # noqa: PLC0415  (as in chat_spellings)

    bare: dict[str, str] = {}
    for written, meant in contractions.contractions_dict.items():
        plain = written.lower().replace("’", "'").replace("'", "")
        if plain != written.lower() and plain.isalpha():
            bare.setdefault(plain, normalise(meant))
    return bare
