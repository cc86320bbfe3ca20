"""The quarters of the year a text names, to tell a passage about another quarter from one about the asked one.

A quarter's figure is not another quarter's: "How much did the bank earn in the fourth quarter?" is not answered by
"first quarter profit fell to 114.1 mln dlrs". A quarter is written by its number ("fourth quarter", "Q4", "4th
quarter"), by its months ("October-December") or as "three months to December" (general calendar knowledge, as
`defined_names.quarter_names` ties them). A quarter a figure is compared with ("up from 2.20 billion dlrs in the third
quarter") is not the one the passage is about.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.text import MONTH_ABBREVIATIONS, MONTHS

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    short: MONTHS.index(name) + 1 for short, name in MONTH_ABBREVIATIONS.items()
}
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_QUARTER = re.compile(
    rf"\b(?:(?P<nth>{'|'.join(_ORDINALS)})[\s-]+quarter|q(?P<q>[1-4])|(?P<start>{_MONTH})\.?\s*[-–/]\s*(?P<end>{_MONTH})"
    rf"|three months (?:to|ended|ending) (?P<to>{_MONTH}))\b",
    re.IGNORECASE,
)
# A period after one of these, a few words back, is what a figure is compared with ("rose to 2.77 billion dlrs from 2.20
# billion dlrs in the third quarter", "its lowest level since September 2001"), not the period it is of.
_COMPARED = frozenset(
    {"from", "since", "than", "compared", "comparison", "against", "versus", "vs", "previous", "prior", "preceding"}
)  # fmt: skip
_COMPARED_REACH = 6  # words back
_WORD = re.compile(r"[A-Za-z]+")


def _compared(text: str, at: int) -> bool:
    """Whether a period written at this offset follows a word of comparison within a few words."""
    return not _COMPARED.isdisjoint(word.lower() for word in _WORD.findall(text[:at])[-_COMPARED_REACH:])


@lru_cache(maxsize=4096)
def quarters_in(text: str) -> frozenset[int]:
    """The quarters of the year text names (1 to 4)."""
    found: set[int] = set()
    for match in _QUARTER.finditer(text):
        if _compared(text, match.start()):
            continue
        if match["nth"]:
            found.add(_ORDINALS[match["nth"].lower()])
        elif match["q"]:
            found.add(int(match["q"]))
        elif match["to"]:
            found.add((_MONTH_NUMBERS[match["to"].lower()] + 2) // 3)
        else:
            start, end = _MONTH_NUMBERS[match["start"].lower()], _MONTH_NUMBERS[match["end"].lower()]
            if end - start == 2 and end % 3 == 0:
                found.add(end // 3)
    return frozenset(found)
