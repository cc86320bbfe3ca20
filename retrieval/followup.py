"""Turn a follow-up ("and what about Taiwan?") into a full question, using the previous question in the chat."""

from __future__ import annotations

import re
import string

_PREPOSITIONS = r"about|on|regarding|concerning|of|for|to|with|in|from|against|between|over|towards?"
# A follow-up that only names a new topic for the previous question's frame opens with one of these.
_OPENS_ELLIPSIS = re.compile(r"^(?:(?:and|but|also)\b|(?:what|how)\s+about\b|what\s+of\b|same\s+for\b)", re.I)
# Matched against the question without its closing punctuation: a pattern that matched "[\s?!.]*$" itself
# would try it from every position, which takes time quadratic in a long run of "? ? ? ...".
_ELLIPSIS = re.compile(
    r"^(?:(?:and|but|also|ok|okay|so)[\s,]+)*(?:(?:what|how)\s+about|what\s+of|and\s+about|same\s+for)?\s*"
    r"(?P<topic>.+?)(?:\s+(?:too|then|as\s+well|though|instead))?$",
    re.I,
)
# fmt: off
_QUESTION_WORDS = frozenset({
    "what", "who", "whom", "when", "where", "why", "how", "which", "whose", "did", "does", "do", "is", "are",
    "was", "were", "can", "could", "will", "would", "has", "have",
})
# fmt: on
_LEADING_PREPOSITION = re.compile(rf"^(?P<word>{_PREPOSITIONS})\s+(?P<rest>.+)$", re.I)
_PREPOSITION = re.compile(rf"\b(?P<word>{_PREPOSITIONS})\s+", re.I)
_CLOSING = string.whitespace + "?!."  # what a question may end with
_HE_SHE = re.compile(r"\b(?:he|she|him)\b", re.I)
_THEY = re.compile(r"\b(?:they|them)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:his|her|their)\b", re.I)
# A name: a run of capitalised words, except a capital that only opens the question.
_NAME = re.compile(r"(?<![\w.’'-])[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
_MAX_TOPIC_WORDS = 6


def resolve_followup(question: str, previous: str | None) -> str:
    """The question as a standalone question: a follow-up borrows the previous question's frame or names."""
    text = " ".join(question.split())
    if not previous or not text:
        return text
    previous = " ".join(previous.split())
    topic = _elliptical_topic(text)
    if topic is not None:
        return _substitute(previous, topic) or text
    return _replace_pronouns(text, _subject_names(previous))


def _elliptical_topic(text: str) -> str | None:
    """The new topic of an elliptical follow-up ("and what about Taiwan?" -> "Taiwan"), else None."""
    if not _OPENS_ELLIPSIS.match(text):
        return None
    match = _ELLIPSIS.match(text.rstrip(_CLOSING))
    topic = match.group("topic").strip(" ,") if match else ""
    words = topic.split()
    if not words or len(words) > _MAX_TOPIC_WORDS or words[0].lower() in _QUESTION_WORDS:
        return None
    return topic


def _substitute(previous: str, topic: str) -> str | None:
    """The previous question with its last prepositional topic replaced (by the same preposition, if given)."""
    body = previous.rstrip(_CLOSING)
    closing = previous[len(body) :].strip() or "?"
    slots = [m for m in _PREPOSITION.finditer(body) if m.end() < len(body)]
    lead = _LEADING_PREPOSITION.match(topic)
    if lead is not None:
        slots = [m for m in slots if m.group("word").lower() == lead.group("word").lower()]
        topic = lead.group("rest")
    if not slots:
        return None
    return f"{body[: slots[-1].end()]}{topic}{closing}"


def _names(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _NAME.finditer(text):
        name = match.group().rstrip(".’'")
        if match.start() == 0:  # the capital that opens a question is no name ("What", "Did Putin" -> "Putin")
            first, _, rest = name.partition(" ")
            if first.lower() in _QUESTION_WORDS or not rest:
                name, start = rest, match.start() + len(first) + 1
            else:
                start = match.start()
        else:
            start = match.start()
        if name:
            found.append((start, name))
    return found


def _subject_names(previous: str) -> list[str]:
    """Names in the previous question before its topic slot (its subject), else all its names."""
    names = _names(previous)
    slots = list(_PREPOSITION.finditer(previous))
    if slots:
        before = [name for start, name in names if start < slots[-1].start()]
        if before:
            return before
    return [name for _, name in names]


def _replace_pronouns(text: str, names: list[str]) -> str:
    """Put the previous question's names where the follow-up refers to them by a pronoun alone."""
    if not names:
        return text
    for pattern, replacement in (
        (_HE_SHE, names[0] if len(names) == 1 else None),
        (_THEY, " and ".join(names)),
        (_POSSESSIVE, " and ".join(f"{name}’s" for name in names)),
    ):
        match = pattern.search(text)
        if match is None or replacement is None:
            continue
        if any(start < match.start() for start, _ in _names(text)):
            return text  # the follow-up names someone first; its pronoun is its own
        return f"{text[: match.start()]}{replacement}{text[match.end() :]}"
    return text
