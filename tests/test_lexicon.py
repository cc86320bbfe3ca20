"""The bundled WordNet lexicon and the corpus-bound relations built from it."""

from __future__ import annotations

import pytest

from retrieval.lexicon import KINDS, Lexicon, Relations, bundled_lexicon, holds
from retrieval.text import stem

# stem -> synonyms, derived forms, hypernyms, similar adjectives (the file's own layout)
ROWS = {
    "soil": "land ground\tsoilur\tearth\t",
    "grow": "develop\tgrowth\tchang\t",
    "repay": "pay_back\t\tpay\t",
}


def test_related_by_kind() -> None:
    lexicon = Lexicon(ROWS)
    assert lexicon.related("soil") == {"land", "ground", "soilur", "earth"}
    assert lexicon.related("soil", ["syn"]) == {"land", "ground"}
    assert lexicon.related("grow", ["der"]) == {"growth"}
    assert lexicon.related("unknown") == frozenset()


def test_relations_stay_inside_the_corpus_and_run_both_ways() -> None:
    relations = Relations(Lexicon(ROWS), {"land", "growth", "pay", "back", "develop", "grow"}, KINDS)
    assert relations.of("soil") == {"land"}
    assert relations.of("repay") == {"pay_back", "pay"}
    # "growth" has no row of its own; "grow" names it, so it relates back.
    assert relations.of("growth") == {"grow"}
    assert relations.of("develop") == {"grow"}


def test_holds_needs_every_part_of_a_multi_word_relation() -> None:
    assert holds({"pay_back"}, frozenset({"pay", "back", "loan"}))
    assert not holds({"pay_back"}, frozenset({"pay", "loan"}))
    assert not holds(frozenset(), frozenset({"pay"}))


@pytest.mark.parametrize(
    ("word", "kind", "related"),
    [
        ("reminisce", "syn", "recall"),
        ("growing", "der", "growth"),
        ("met", "syn", "meet"),
        ("troops", "syn", "soldiery"),
        ("greenback", "syn", "banknote"),
    ],
    ids=["synonym", "derived", "irregular-form", "plural", "rare-word"],
)
def test_bundled_lexicon_holds_wordnet_relations(word: str, kind: str, related: str) -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    assert len(lexicon) > 50_000
    assert stem(related) in lexicon.related(stem(word), [kind])
