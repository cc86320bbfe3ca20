"""Who does the act a question asks about ("How much did TWA pay ...?"), and whether a passage gives it to another."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from retrieval.lexicon import VerbForms
from retrieval.text import stem, stopwords, terms, words

# Auxiliaries that put a named subject before the asked verb ("How much did TWA pay", "Will Xi visit"): general English
# grammar. Copulas are left out: "is / was X ..." asks about a state or a passive, whose subject is not the actor.
_AUXILIARIES = frozenset({"do", "does", "did", "has", "have", "had", "can", "could", "will", "would", "should"})
# The words that may open a question before its auxiliary: a wh-word and what it asks for ("how many AMC shares").
_WH = frozenset({"how", "what", "which", "when", "where", "why", "who", "whom", "whose"})
_PERFECT = frozenset({"has", "have", "had"})  # auxiliaries followed by a past participle
_WH_REACH = 6  # words from the wh-word to the auxiliary: "how many tonnes of coal will"
# Words that stand between a subject and its verb without being the subject: auxiliaries, "to", common adverbs of time
# and degree (general English; "-ly" adverbs are read by their ending).
_BETWEEN = frozenset(
    {
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "does", "do", "has", "have",
        "had", "is", "are", "was", "were", "be", "been", "being", "also", "not", "to", "already", "still", "then",
        "now", "later", "earlier", "first", "just", "yet", "ever", "never", "again", "since",
    }
)  # fmt: skip
_BETWEEN_REACH = 5  # words read back from a verb for its subject
# A verb after these shares the subject of the verb before it ("Chrysler will pay ... and will pay ...").
_JOINING = frozenset({"and", "but", "or"})
_JOINED = ("",)  # the subject read back from a joined verb: the one before it
# A verb's word after these is a noun ("an offer", "a pay rise"): general English determiners.
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
_TOKEN = re.compile(r"[^\W\d_][\w'’&.-]*|\d[\d,.]*|[,;:()\"“”‘'’—–-]")
_REMEMBERED = 4096  # the tokenised sentences kept: several questions' judged passages


@dataclass(frozen=True, slots=True)
class Actor:
    """The act a question asks about and its named subject: "TWA" and "pay" in "How much did TWA pay ...?"."""

    subject: str  # as written in the question
    forms: frozenset[str]  # the terms that write the subject (its names' terms, forms, aliases)
    verb: str  # as written in the question
    verb_stem: str


def asked_actor(
    typed: Sequence[str],
    terms: Sequence[tuple[str, str, bool, frozenset[str]] | None],
    verbs: VerbForms | None,
    skip: frozenset[str] = frozenset(),
) -> Actor | None:
    """The named subject and verb of a question whose auxiliary comes first or after its wh-phrase ("How much did TWA
    pay", "Did Xi visit"): each word's (term, surface, is a name, forms) in terms, None for a word left out; verbs in
    skip (the speech verbs, which the speakers rule reads) ask for no act."""
    if verbs is None:
        return None
    at = _auxiliary_at(typed)
    if at is None:
        return None
    names: list[tuple[str, frozenset[str]]] = []
    for i in range(at + 1, len(typed)):
        word, term = typed[i], terms[i]
        if term is not None and term[2]:
            names.append((term[1], term[3]))
        elif _verb_after(typed[at], word, verbs):
            if term is None or not names or stem(word) in skip or _noun_next(typed, terms, i):
                return None
            return Actor(" ".join(n for n, _ in names), frozenset().union(*(f for _, f in names)), word, stem(word))
        elif term is not None and not word.endswith("ly"):
            return None  # a subject described by a common noun ("the Detroit carmakers") is not named
    return None


def _verb_after(auxiliary: str, word: str, verbs: VerbForms) -> bool:
    """Whether the word may be the verb after the auxiliary: its bare form after "do" or a modal ("did TWA pay"; not
    "spending"), a past participle after "have" ("had USAir made", "has Moscow cut", "has Xi visited")."""
    if auxiliary in _PERFECT:
        return verbs.written(word) or (word.endswith("ed") and verbs.is_verb(word))
    return verbs.written(word)


def _noun_next(typed: Sequence[str], terms: Sequence[tuple[str, str, bool, frozenset[str]] | None], at: int) -> bool:
    """Whether the word after a verb form shows it to be a noun of the subject ("the Renault boss call", "Chinese
    state media say", "Royal Bank of Canada expect"): a content word that is no name, or "of". Either way the act is
    left unread."""
    if at + 1 >= len(typed):
        return False
    after = terms[at + 1]
    return typed[at + 1] == "of" or (after is not None and not after[2])


def _auxiliary_at(typed: Sequence[str]) -> int | None:
    """Where the question's auxiliary stands: first, or after a wh-word that opens the question."""
    if not typed:
        return None
    if typed[0] in _AUXILIARIES:
        return 0
    if typed[0] not in _WH:
        return None
    return next((i for i in range(1, min(len(typed), _WH_REACH + 1)) if typed[i] in _AUXILIARIES), None)


def given_to_another(text: str, actor: Actor) -> bool | None:
    """Whether a sentence gives the asked act only to someone else: every time it writes the verb, a name that is not
    the asked subject stands right before it as its subject ("Chrysler will pay" for "How much did TWA pay"). None when
    it never writes the verb; False when the asked subject, a pronoun or a common noun may be its subject."""
    tokens = _tokens(text)
    stems = _stems(text)
    seen = False
    earlier: tuple[str, ...] = ()  # the subject of the verb's last use: "Chrysler will pay ... and will pay ..."
    for i in range(len(tokens)):
        if stems[i] != actor.verb_stem or (i and tokens[i - 1].lower() in _DETERMINERS):
            continue  # "a pay rise", "an offer": the word as a noun names no act
        seen = True
        subject = _subject_before(tokens, i)
        if subject == _JOINED:
            subject = earlier
        if not subject or _is_asked(subject, actor.forms):
            return False
        earlier = subject
    return True if seen else None


@lru_cache(maxsize=_REMEMBERED)
def _tokens(text: str) -> tuple[str, ...]:
    """A sentence's words and punctuation as written (case kept): the passages judged for one question overlap."""
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=_REMEMBERED)
def _stems(text: str) -> tuple[str, ...]:
    """Each of a sentence's tokens as one stem, as the index writes words ("pay." is "pay"; "" for punctuation)."""
    return tuple(" ".join(stem(word) for word in words(token)) for token in _tokens(text))


def _subject_before(tokens: Sequence[str], verb: int) -> tuple[str, ...]:
    """The run of capitalised words standing as the verb's subject ("USAir had offered": USAir), _JOINED when the verb
    follows "and" / "but" / "or" (it shares the last verb's subject), or () when a pronoun, a common noun or
    punctuation comes first."""
    stop = stopwords()
    for at in range(verb - 1, max(-1, verb - 1 - _BETWEEN_REACH), -1):
        word = tokens[at]
        lower = word.lower()
        if word[:1].isupper() and lower not in stop:
            start = at
            while start > 0 and tokens[start - 1][:1].isupper() and tokens[start - 1].lower() not in stop:
                start -= 1
            return tuple(tokens[start : at + 1])
        if lower in _JOINING:
            return _JOINED
        if word[:1].islower() and (lower in _BETWEEN or lower.endswith("ly")):
            continue
        return ()
    return ()


def _is_asked(subject: Sequence[str], forms: frozenset[str]) -> bool:
    """Whether a run of capitalised words writes the asked subject: one of its terms, or its initials ("Trans World
    Airlines" for TWA)."""
    stems = {term for word in subject for term in terms(word)}  # as the index writes them: "U.S." is "us"
    initials = "".join(word[0] for word in subject).lower()
    return not forms.isdisjoint(stems) or initials in forms
