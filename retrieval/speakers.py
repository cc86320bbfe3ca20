"""Who a question asks the words of ("What did Lavrov say about Taiwan?"), and whether a passage has them speak."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache

from retrieval.text import stem, stem_words, words

# Verbs that report what someone said or thought, as Snowball stems ("describ" for described, describing).
SPEECH = frozenset(
    {
        "say", "said", "tell", "told", "add", "note", "warn", "write", "wrote", "call", "describ",
        "argu", "believ", "think", "thought", "accord", "remark", "comment", "prais", "hail", "urg", "insist",
        "claim", "suggest", "explain", "quot", "cite", "express", "declar", "announc", "accus", "stress",
        "emphas", "emphasis", "emphasiz", "mention", "predict", "ask", "repli", "respond", "admit", "acknowledg",
        "welcom", "compliment", "recal", "highlight", "tout", "trumpet", "vow", "pledg", "deni", "criticis",
        "criticiz", "condemn", "reject", "agre", "confirm", "tweet", "speak", "spoke", "conced", "stated",
    }
)  # fmt: skip
# Speech verbs whose stem is also a noun's ("state": the state, state media): only these forms of them are speech, and
# they are kept as written, not stemmed.
_VERB_FORMS = frozenset({"stated", "stating"})
# "What did X say", "How does X describe", "Did X mention": the verbs that make X the speaker asked about.
_ASKED = re.compile(
    r"\b(?:did|does|do|has|have|had|will|would)\s+(?P<who>[\w'’.\- ]{2,60}?)\s+"
    r"(?P<verb>say|tell|think|describe|call|mention|warn|claim|add|suggest|admit|argue|note|predict|promise|reply|"
    r"characteri[sz]e|explain|comment|respond|insist|stress|acknowledge|deny|confirm|announce|state|declare|remark|"
    r"praise|critici[sz]e|urge|believe|express)\b",
    re.IGNORECASE,
)
# "Add", "call" and "claim" act on things as well as words (add pages, call an election, claim a title): a question that
# fronts a noun phrase as their object and ends at the verb ("How many pages will the Telegraph add?") asks about that
# thing, not someone's words; "what did X add?" fronts no noun (general English word order).
_THING_VERBS = frozenset({"add", "call", "claim"})
_FRONTED_OBJECT = re.compile(
    r"^\W*(?:how (?:many|much)|which|what)\s+(?!(?:did|does|do|has|have|had|will|would)\b)[\w'’-]+", re.IGNORECASE
)
_ENDS_AT_VERB = re.compile(r"^\W*$")
# "Any quotes from X about ...", "X's comments": the words asked for are X's too (with quote requests on).
_QUOTES_FROM = re.compile(
    r"\b(?:quotes?|quotations?|comments?|remarks?|words|statements?)\s+(?:from|by|of)\s+(?P<who>[\w'’.\- ]{2,60}?)"
    r"\s*(?:\b(?:about|on|over|regarding|concerning|in|at|during|after|before|when|that|to)\b|[?,.!;:]|$)",
    re.IGNORECASE,
)
# "According to Dana Perino": a person is named without an article ("according to the report" names a document).
_ACCORDING = re.compile(
    r"\baccording to\s+(?!(?:the|a|an|its|their|his|her|this|that)\b)(?P<who>[\w'’.\- ]{2,60}?)\s*"
    r"(?:[?,.!;:]|$|\b(?:what|how|which|who|when|where|why|did|does|do|is|was|were|are|has|have|had|will|would)\b)",
    re.IGNORECASE,
)
# A name right after these is spoken to or about, not speaking: "Wang Yi told Antony Blinken".
_NOT_SPEAKING = frozenset({"told", "tell", "tells", "to", "with", "by", "and", "met", "for", "about", "of"})
# What WordNet calls a place, a body or a time: "What did Washington / the GOP / February say" asks no person.
_NOT_PERSONS = frozenset(
    {
        "countri", "citi", "capit", "locat", "region", "state", "organis", "organiz", "parti", "month", "period",
        "institut", "agenc", "compani", "firm", "newspap", "publish",
    }
)  # fmt: skip
# Verbs whose speaker may follow them ("said Zhang", "according to Xi", "quoted Iacocca"); after "told" or
# "praised" comes whom they were said to or of.
_SPEAKER_AFTER = frozenset({"said", "say", "accord", "quot", "add", "note", "wrote", "write", "explain"})
# Conjunctions that open a clause of contrast or condition, as Snowball stems: a name before one is not the subject of
# a speech verb after it. "but", "however" and "while" are left out: "Xi, however, said" and "Xi ... but said" are Xi's.
_CONCESSIVE = frozenset({"although", "though", "wherea", "unless"})
_ARTICLES = frozenset({"a", "an", "the"})
_PRONOUNS = frozenset({"he", "she", "they"})
_APPOSITION = 25  # words between a speaker and the verb: "Korolev, a senior lecturer at ..., said"
_AFTER_VERB = 5  # words between "said" or "according to" and the speaker: "said Chinese President Xi"
_REMEMBERED_SENTENCES = 4096  # the tokenised sentences kept: several questions' judged passages


def asked_speaker(
    question: str,
    names: Collection[str],
    classes: Callable[[str], frozenset[str]],
    *,
    requests: bool = False,
    chat: Mapping[str, str] | None = None,
) -> tuple[str, ...] | None:
    """The stems of the one person whose words the question asks for, when it asks for one.

    names are the stems of the question's proper names; classes gives what WordNet says a name is, so that a
    place, a party or a month ("What did Washington say") is not taken for a person. With requests, "quotes from
    X", "X's comments" and "according to X" ask for X's words too. chat maps chat spellings to what they stand
    for ("n": "and"), so that "wat did xi n putin say" asks for two speakers.
    """
    found = _ASKED.search(question)
    if found is None and requests:
        found = _QUOTES_FROM.search(question) or _ACCORDING.search(question)
    if found is None:
        return None
    if (
        found.re is _ASKED
        and found["verb"].lower() in _THING_VERBS
        and _FRONTED_OBJECT.match(question)
        and _ENDS_AT_VERB.match(question[found.end() :])
    ):
        return None
    who = _written_out(words(found["who"]), chat or {}, names)
    if not who or "and" in who or "or" in who:
        return None  # several speakers ("Xi and Putin"): any of them may have said it
    stems = stem_words(who)
    # The phrase's last word is its head: "the Renault boss" asks for a boss, "Zhang Xin" for a person.
    speaker: list[str] = []
    for term in reversed(stems):
        if term not in names:
            break
        speaker.insert(0, term)
    if not speaker or any(not _NOT_PERSONS.isdisjoint(classes(term)) for term in speaker):
        return None
    return tuple(speaker)


def _written_out(who: Sequence[str], chat: Mapping[str, str], names: Collection[str]) -> list[str]:
    """The speaker phrase's words with chat spellings (not names) written out; an "an" after its first word is chat's
    "and": an article opens its noun phrase, so one inside the phrase ("xi an putin") joins two names."""
    out: list[str] = []
    for at, word in enumerate(who):
        if word in names or stem(word) in names:
            out.append(word)
            continue
        spelt = "and" if word == "an" and at > 0 else chat.get(word, word)
        out.extend(spelt.split())
    return out


def speaks(earlier: Sequence[str], passage: Sequence[str], speaker: Collection[str]) -> bool:
    """Whether a passage (with the sentence before it) has the speaker, or a pronoun after an earlier sentence
    names them, say something."""
    speaker = frozenset(speaker)
    named = any(not speaker.isdisjoint(_stems(sentence)) for sentence in earlier)
    for sentence in passage:
        tokens = _stems(sentence)
        named = named or not speaker.isdisjoint(tokens)
        for i, token in enumerate(tokens):
            if token not in SPEECH or (i and tokens[i - 1] in _ARTICLES):
                continue  # "in a call last week" is no speaking
            if _names_speaker(tokens, i, speaker):
                return True
            if named and _PRONOUNS.intersection(tokens[max(0, i - 2) : i]):
                return True
    return False


@lru_cache(maxsize=_REMEMBERED_SENTENCES)
def _stems(sentence: str) -> tuple[str, ...]:
    """A sentence's word stems in order: the passages judged for one question overlap, so most are read again."""
    written = words(sentence)
    return tuple(
        "stated" if word in _VERB_FORMS else term for word, term in zip(written, stem_words(written), strict=True)
    )


def _names_speaker(tokens: Sequence[str], verb: int, speaker: Collection[str]) -> bool:
    """Whether the speaker stands before the verb as its subject, or just after it ("said Zhang")."""
    after = tokens[verb + 1 : verb + 1 + _AFTER_VERB]
    if tokens[verb] in _SPEAKER_AFTER and any(token in speaker for token in after):
        return True
    for at in range(verb - 1, max(-1, verb - 1 - _APPOSITION), -1):
        if tokens[at] in _CONCESSIVE:
            return False  # "Lawson will cut rates, although one or two said ...": another clause's subject speaks
        if tokens[at] in speaker:
            # Skip back over the rest of the name ("Antony Blinken") to what comes before it.
            start = at
            while start > 0 and tokens[start - 1] in speaker:
                start -= 1
            return start == 0 or tokens[start - 1] not in _NOT_SPEAKING
    return False
