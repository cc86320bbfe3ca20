"""What the articles may call a question word none of them uses: its derived forms' synonyms, the nouns under it, the
words of its definitions.

A word no sentence holds is either about something the articles never mention or a paraphrase of what they do
("soldiers" for the troops they write of, "warplanes" for their fighter jets). The lexicon's synonyms and derived
forms reach a paraphrase one step away; for such words only (round sixteen, docs/quality.md) two more steps are
taken: the synonyms of a derived form ("soldiers": soldiery, troops) and the nouns WordNet files directly under the
word ("warplanes": fighter, bomber). Round seventeen adds the nouns and verbs of the word's WordNet definitions ("pal":
"a close friend who ..."; "vow": "make a vow; promise"), which count only when deciding whether a passage answers, and
only as far as each is specific among the definitions (`coverage.Judge`). A word the articles use keeps its relatives
as they were: widening those costs declines (round three's hypernyms), and the articles' own word is there to be
matched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from retrieval.lexicon import Glosses, Kinds, Lexicon, bundled_glosses, bundled_kinds, bundled_lexicon
from retrieval.query import Query, QueryTerm

_SYNONYMS = ("syn",)
_DERIVED = ("der",)


@dataclass(frozen=True, slots=True)
class Unseen:
    """Widens the relatives of the question words no sentence holds, as the switches allow."""

    known: Callable[[str], bool]  # whether some sentence of the corpus holds a term
    lexicon: Lexicon | None = None  # with derived synonyms on
    kinds: Kinds | None = None  # with narrower words on
    glosses: Glosses | None = None  # with gloss words on

    @classmethod
    def bundled(
        cls,
        known: Callable[[str], bool],
        *,
        derived: bool,
        narrower: bool,
        glosses: bool = False,
    ) -> Unseen | None:
        """The widening the switches ask for, over the data shipped with the package (None: all off)."""
        if not (derived or narrower or glosses):
            return None
        return cls(
            known,
            bundled_lexicon() if derived else None,
            bundled_kinds() if narrower else None,
            bundled_glosses() if glosses else None,
        )

    def widen(self, query: Query) -> Query:
        """The query with each unseen ordinary word (not a name, not the X of "which X") held by its wider relatives."""
        if not any(t.unseen for t in query.terms):
            return query
        return replace(query, terms=tuple(self._widened(t) for t in query.terms))

    def _widened(self, term: QueryTerm) -> QueryTerm:
        if not term.unseen or term.name or term.answer_type:
            return term
        found = self.derived_synonyms(term.term) | self.narrower(term.surface)
        found = found - term.related - {term.term}
        defined = tuple(pair for pair in self.defined(term.surface) if pair[0] not in term.related | found)
        if not (found or defined):
            return term
        return replace(term, related=term.related | found, defined=defined)

    def derived_synonyms(self, stem: str) -> frozenset[str]:
        """The corpus terms that are synonyms of a derived form of the stem ("soldier": soldiery, then troop)."""
        if self.lexicon is None:
            return frozenset()
        derived = (d for d in self.lexicon.related(stem, _DERIVED) if "_" not in d)
        synonyms = (s for d in derived for s in self.lexicon.related(d, _SYNONYMS))
        return frozenset(s for s in synonyms if "_" not in s and self.known(s))

    def narrower(self, word: str) -> frozenset[str]:
        """The corpus terms WordNet files directly under the noun the word writes ("warplanes": fighter)."""
        if self.kinds is None:
            return frozenset()
        return frozenset(k for k in self.kinds.below(word) if self.known(k))

    def defined(self, word: str) -> tuple[tuple[str, float], ...]:
        """The corpus terms WordNet's definitions of the noun or verb the word writes name, each with how specific it is
        among the definitions' words ("pal": friend; "workforce": worker; "vowed": promise)."""
        glosses = self.glosses
        if glosses is None:
            return ()
        return tuple(sorted((g, glosses.specificity(g)) for g in glosses.of(word) if self.known(g)))
