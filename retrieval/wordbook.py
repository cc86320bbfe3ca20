"""Build the corpus-bound word knowledge once: speller, names, WordNet relations, aliases, types."""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.answer_type import TypeBook
from retrieval.corpus_words import CorpusWords
from retrieval.defined_names import defined_names, quarter_names
from retrieval.lexicon import Demonyms, Joined, Lexicon, Related, Relations, bundled_lexicon
from retrieval.query import NameBook, Wordbook
from retrieval.speller import Speller, bare_contractions, bundled_forms, chat_spellings
from retrieval.techniques import ALIAS_KINDS, NAME_KINDS, PLACE_KINDS, RELATION_KINDS, Techniques
from retrieval.text import stem
from retrieval.usage import bundled_usage

_SHORT = 6  # the longest corpus word a short slip may be read as (a four-letter word one letter short)


def build_wordbook(
    counted: CorpusWords,
    corpus_terms: Iterable[str],
    sentences: int,
    techniques: Techniques,
    texts: Iterable[str] = (),
) -> Wordbook:
    """Build the word knowledge the switched-on techniques need, from the corpus's word counts, terms and texts."""
    t = techniques
    lexicon = bundled_lexicon() if t.synonyms or t.expansion or t.answer_types or t.metonyms or t.aliases else None
    corpus_terms = frozenset(corpus_terms)
    speller = _speller(counted, lexicon, t, corpus_terms) if t.spelling else None
    book = NameBook.of(counted.names) if t.names or t.answer_types or t.metonyms else None
    if lexicon is None:
        return Wordbook(speller, book if t.names else None, None, None, None)
    vocabulary = corpus_terms
    name_counts = counted.name_counts if book is not None else {}
    word_relations = Relations(lexicon, vocabulary, RELATION_KINDS) if t.synonyms or t.expansion else None
    # Places relate only the corpus's proper names: "Maine" and "Providence" lie in the US, but their
    # stems are the words "main" and "provid".
    places = Relations(lexicon, name_counts, PLACE_KINDS) if t.metonyms else None
    derived = _joined(Relations(lexicon, vocabulary, ALIAS_KINDS), places) if places is not None else None
    # A name's other names in its first sense: "US" for America and American, "PRC" for China (not Taiwan).
    also = Relations(lexicon, vocabulary, NAME_KINDS) if t.aliases else None
    # What the articles tie together ("AMR, the parent of American Airlines"), and a quarter's other names.
    defined = defined_names(texts, counted.names) if t.corpus_aliases else None
    quarters = quarter_names() if t.quarters else None
    # "British" for the UK, "Asian" for Thailand: names that go by one another through the country they name (with
    # aliases on, whose WordNet names they reach one step further).
    nationals = Demonyms(lexicon, name_counts) if t.demonyms and t.aliases and book is not None else None
    aliases = _joined(derived, also, defined, quarters, nationals) if t.names else None
    types = TypeBook(lexicon, vocabulary, name_counts, sentences) if t.answer_types else None
    with_words = word_relations is not None
    extra = (places, also, defined, quarters, nationals) if with_words else ()
    relations = _joined(word_relations, *extra)
    return Wordbook(speller, book if t.names else None, relations, aliases, types)


def _speller(counted: CorpusWords, lexicon: Lexicon | None, t: Techniques, terms: Iterable[str] = ()) -> Speller:
    """The speller, with short repairs, chat spellings and names' other parts as those are switched on."""
    usage = bundled_usage() if t.short_typos or t.name_neighbours else None
    in_use = None if usage is None else (lambda word: usage.counts.get(stem(word), 0) > 0)
    chat = None
    if t.chat_spellings:
        # A contraction without its apostrophe that is an English word ("shed", "lets", "cause") stays that word.
        bare = {w: meant for w, meant in bare_contractions().items() if lexicon is None or stem(w) not in lexicon}
        chat = bare | dict(chat_spellings())
    return Speller(
        counted.vocabulary,
        dictionary=lexicon,
        names=counted.names if t.short_typos else None,
        in_use=in_use,
        chat=chat,
        name_parts=counted.names if t.name_neighbours else None,
        short_words=_short_words(terms, lexicon) if t.short_words else None,
        forms=bundled_forms(),
    )


def _short_words(terms: Iterable[str], lexicon: Lexicon | None) -> list[str]:
    """The corpus's short terms that are English words: their own stem ("bank", not "rais" of "raise") and in WordNet.

    Without WordNet there is no telling a word ("debt") from a piece of one ("pre" of "pre-tax"): none is offered.
    """
    if lexicon is None:
        return []
    return [w for w in terms if len(w) <= _SHORT and w.isalpha() and stem(w) == w and w in lexicon]


def _joined(*parts: Related | None) -> Related | None:
    """The union of the relations that are switched on, or None when none is."""
    present = [part for part in parts if part is not None]
    return None if not present else present[0] if len(present) == 1 else Joined(*present)
