"""The corpus-bound word knowledge the service builds once: speller, names, WordNet relations, aliases, types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.answer_type import TypeBook
from retrieval.lexicon import Joined, Related, Relations, bundled_lexicon
from retrieval.library import Library
from retrieval.query import NameBook
from retrieval.speller import Speller
from retrieval.techniques import ALIAS_KINDS, PLACE_KINDS, RELATION_KINDS, Techniques
from retrieval.text import stem, words


@dataclass(frozen=True, slots=True)
class Wordbook:
    """What question analysis looks words up in; a part is None when its technique is off."""

    speller: Speller | None
    names: NameBook | None
    relations: Related | None  # WordNet relatives of a question word within the corpus (and places, with metonyms)
    aliases: Related | None  # what a name also goes by (derived forms, the places it lies in)
    types: TypeBook | None


def build_wordbook(library: Library, sentence_terms: Sequence[frozenset[str]], techniques: Techniques) -> Wordbook:
    """Build the word knowledge the switched-on techniques need, from the library and its sentences' terms."""
    t = techniques
    vocabulary = {w for s in library.sentences for w in words(s.text)}
    lexicon = bundled_lexicon() if t.synonyms or t.expansion or t.answer_types or t.metonyms else None
    speller = Speller(vocabulary, dictionary=lexicon) if t.spelling else None
    book = NameBook(s.text for s in library.sentences) if t.names or t.answer_types or t.metonyms else None
    if lexicon is None:
        return Wordbook(speller, book if t.names else None, None, None, None)
    corpus_terms = {term for ts in sentence_terms for term in ts}
    name_counts = _name_counts(library, book)
    word_relations = Relations(lexicon, corpus_terms, RELATION_KINDS) if t.synonyms or t.expansion else None
    # Places relate only the corpus's proper names: "Maine" and "Providence" lie in the US, but their
    # stems are the words "main" and "provid".
    places = Relations(lexicon, name_counts, PLACE_KINDS) if t.metonyms else None
    aliases = _joined(Relations(lexicon, corpus_terms, ALIAS_KINDS), places) if places is not None and t.names else None
    types = TypeBook(lexicon, corpus_terms, name_counts, len(library.sentences)) if t.answer_types else None
    relations = _joined(word_relations, places if word_relations is not None else None)
    return Wordbook(speller, book if t.names else None, relations, aliases, types)


def _joined(*parts: Related | None) -> Related | None:
    """The union of the relations that are switched on, or None when none is."""
    present = [part for part in parts if part is not None]
    return None if not present else present[0] if len(present) == 1 else Joined(*present)


def _name_counts(library: Library, names: NameBook | None) -> dict[str, int]:
    """In how many sentences each proper name (as a stem) stands."""
    counts: dict[str, int] = {}
    if names is None:
        return counts
    for sentence in library.sentences:
        for term in {stem(w) for w in words(sentence.text) if w in names}:
            counts[term] = counts.get(term, 0) + 1
    return counts
