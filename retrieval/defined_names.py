"""Names the articles tie together themselves ("AMR, the parent of American Airlines"), and quarters by their months.

A story that writes "X, the parent of Y", "Y's parent X", "X, which owns Y", "Y, a unit of X" or "X, known as Y"
says that a question naming one may be answered by a passage naming the other. The ties are read once per service,
from the sentences that hold a cue word (the index finds them), only between words the corpus writes as names, both
ways. Quarters are
general calendar knowledge: "the fourth quarter" is "October-December" is "the final quarter".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from itertools import pairwise

from retrieval.facts import CALENDAR_WORDS
from retrieval.text import stem, words

# A run of capitalised words, with the small words names hold inside ("Bank of England", "Procter & Gamble").
# A word's dot must stand inside it ("U.S"): one that ends a sentence ends the name.
_WORD = r"[A-Z](?:[\w&'-]|\.(?=\w))*"
_NAME = rf"{_WORD}(?:\s+(?:(?:of|and|for|de|&)\s+)?{_WORD}){{0,5}}"
# Each pattern names the two sides "a" and "b" of one tie, and which side (if either) owns the other.
_TIES = (
    # "AMR, the parent of American Airlines"; "Texaco Inc, parent company of Texaco Canada"
    (
        rf"(?P<a>{_NAME}),\s+(?:the\s+|its\s+|a\s+)?(?:parent|parent\s+company|owner|holding\s+company)\s+of\s+(?P<b>{_NAME})",
        "a",
    ),
    # "American Airlines' parent AMR", "American's parent company, AMR Corp"
    (rf"(?P<a>{_NAME})['’]s?\s+(?:parent|parent\s+company|owner|holding\s+company),?\s+(?P<b>{_NAME})", "b"),
    # "AMR, which owns American Airlines"
    (rf"(?P<a>{_NAME}),\s+which\s+owns\s+(?P<b>{_NAME})", "a"),
    # "Cominco American Inc, a unit of Cominco Ltd"
    (rf"(?P<a>{_NAME}),\s+(?:a|an|the)\s+(?:unit|subsidiary|division|arm)\s+of\s+(?P<b>{_NAME})", "b"),
    # a name and what it is known as: the Bank of England, known as the Old Lady
    (rf"(?P<a>{_NAME}),?\s+\(?(?:also\s+|better\s+|widely\s+)?known\s+as\s+(?:the\s+)?[\"“`']*(?P<b>{_NAME})", None),
)
# What a question calls the one that owns a company the articles name ("American's parent" is AMR).
_OWNER_WORDS = ("parent", "owner")
_OWNS = "own"  # "the company that owns American"
# The words a tie is written with: only sentences holding one are read (the index lists them), most hold none.
CUE_WORDS = ("parent", "owner", "owns", "unit", "subsidiary", "division", "arm", "known")
_CUES = re.compile(r"parent|owner|owns|unit of|subsidiary|division of|arm of|known as")
# How far a tie's names may reach from its cue: six long words and the words between.
_REACH = 120
# What a company's name ends with but its short name drops ("AMR Corp" is written "AMR"): general news usage.
_LEGAL = frozenset(
    {"corp", "corporation", "inc", "incorporated", "co", "company", "ltd", "limited", "plc", "llc", "group",
     "holdings", "holding", "nv", "sa", "ag", "se", "spa", "bv", "the"}
)  # fmt: skip


def _joined(patterns: Iterable[tuple[str, str | None]]) -> re.Pattern[str]:
    """The tie patterns as one, each one's groups numbered so that their names stay unique."""
    parts = [p.replace("?P<a>", f"?P<a{i}>").replace("?P<b>", f"?P<b{i}>") for i, (p, _) in enumerate(patterns)]
    return re.compile("|".join(f"(?:{part})" for part in parts))


_TIE = _joined(_TIES)
_LINKING = frozenset({"of", "and", "for", "de", "&"})


class Ties:
    """Which terms a term is tied to, both ways: a single stem or a name's stems joined by "_" ("american_airlin")."""

    def __init__(self, pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]], *, parts: bool = True) -> None:
        found: dict[str, set[str]] = {}
        for one, other in pairs:
            for key, target in ((one, other), (other, one)):
                joined = "_".join(target)
                for part in _keys(key) if parts else ["_".join(key)]:
                    found.setdefault(part, set()).add(joined)
        self._ties: Mapping[str, frozenset[str]] = {key: frozenset(found[key] - {key}) for key in found}

    def of(self, term: str) -> frozenset[str]:
        """The terms tied to term (none for most)."""
        return self._ties.get(term, frozenset())

    def __len__(self) -> int:
        return len(self._ties)


def _keys(name: tuple[str, ...]) -> list[str]:
    """What a question may write of a name: all of it, or two of its words side by side ("national_secur")."""
    return ["_".join(name), *("_".join(pair) for pair in pairwise(name))]


def defined_names(texts: Iterable[str], names: frozenset[str]) -> Ties:
    """The ties the texts write between names: each side kept to its words the corpus writes as names."""
    pairs: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for text in texts:
        for match in _near_cues(text):
            found = {key: value for key, value in match.groupdict().items() if value is not None}
            number = int(next(iter(found))[1:])
            sides = {key[0]: _name_terms(value, names) for key, value in found.items()}
            one, other = sides["a"], sides["b"]
            if not one or not other or one == other:
                continue
            pairs.append((one, other))
            owner = _TIES[number][1]
            if owner is not None:
                owned = other if owner == "a" else one
                # "American's parent", "American Airlines' owner", "owns American": the owner, by the words beside it.
                short = [word for word in dict.fromkeys((owned[0], owned[-1])) if word not in sides[owner]]
                pairs.extend(((word, relation), sides[owner]) for word in short for relation in _OWNER_WORDS)
                if owned[0] not in sides[owner]:
                    pairs.append(((_OWNS, owned[0]), sides[owner]))
    return Ties(pairs)


def _near_cues(text: str) -> Iterator[re.Match[str]]:
    """The ties written around the text's cues: the patterns are tried only near a cue, not at every capital."""
    seen: set[int] = set()
    for cue in _CUES.finditer(text):
        start = text.rfind(" ", 0, max(cue.start() - _REACH, 0)) + 1
        for match in _TIE.finditer(text, start, min(cue.end() + _REACH, len(text))):
            if match.start() <= cue.start() < match.end() and match.start() not in seen:
                seen.add(match.start())
                yield match


def _name_terms(written: str, names: frozenset[str]) -> tuple[str, ...]:
    """A name's stems: its last run of words the corpus writes as names, without its legal form ("AMR Corp": amr)."""
    run: list[str] = []
    for word in reversed([w for w in words(written) if w not in _LEGAL]):
        # "On Monday AMR Corp, the parent of ...": a date's words stand before names but are none of theirs.
        if (word not in names and word not in _LINKING) or word in CALENDAR_WORDS:
            break
        run.append(word)
    return tuple(stem(word) for word in reversed(run) if word not in _LINKING)


# The four quarters of a year, each as stories write it: by its months, its number, "three months to <month>".
_QUARTERS = (
    ("january march", "first quarter", "q1", "three months to march"),
    ("april june", "second quarter", "q2", "three months to june"),
    ("july september", "third quarter", "q3", "three months to september"),
    ("october december", "fourth quarter", "final quarter", "q4", "three months to december"),
)


def quarter_names() -> Ties:
    """The names of each quarter of the year, tied to one another both ways (general calendar knowledge)."""
    named = [tuple(tuple(stem(w) for w in words(form) if w != "to") for form in forms) for forms in _QUARTERS]
    # Only a whole form names a quarter: "three months" alone is any quarter.
    return Ties(((one, other) for forms in named for one in forms for other in forms if one != other), parts=False)
