"""Wider relatives for the question words no article uses: derived forms' synonyms, the nouns filed under a word and
the nouns of its definition."""

from __future__ import annotations

import pytest

from retrieval.lexicon import Glosses, Kinds, Lexicon
from retrieval.query import Query, QueryTerm
from retrieval.unseen import Unseen

# stem -> synonyms, derived forms (the lexicon file's own layout)
ROWS = {
    "soldier": "warrior\tsoldieri\t\t",
    "soldieri": "soldiery troop\tsoldier\t\t",
    "lender": "creditor\tlend\t\t",
    "lend": "loan\tlender\t\t",
}
KINDS = {"warplane": "bomber fighter interceptor", "footwear": "shoe boot"}
GLOSSES = {"pal": "friend buddi activ", "chum": "friend", "lorry": "truck wagon", "footwear": "cover foot shoe"}
CORPUS = frozenset({"troop", "loan", "fighter", "bomber", "shoe", "taiwan", "warrior", "friend", "truck"})


def unseen(*, derived: bool = True, narrower: bool = True, glosses: bool = False) -> Unseen:
    return Unseen(
        CORPUS.__contains__,
        Lexicon(ROWS) if derived else None,
        Kinds(KINDS) if narrower else None,
        Glosses(GLOSSES) if glosses else None,
    )


def term(surface: str, stem: str, *, seen: bool = False, name: bool = False) -> QueryTerm:
    return QueryTerm(stem, surface, 5.0, name=name, unseen=not seen)


@pytest.mark.parametrize(
    ("surface", "stem", "expected"),
    [
        ("soldiers", "soldier", {"troop"}),  # soldier -> soldiery -> troops; "warrior" is a plain synonym
        ("lenders", "lender", {"loan"}),
        ("warplanes", "warplan", {"fighter", "bomber"}),  # "interceptor" is in no sentence
        ("footwear", "footwear", {"shoe"}),
        ("goldfish", "goldfish", set()),
    ],
    ids=["derived-synonym", "derived-synonym-of-a-verb", "narrower-plural", "narrower", "nothing"],
)
def test_an_unseen_word_is_held_by_its_wider_relatives(surface: str, stem: str, expected: set[str]) -> None:
    query = Query(terms=(term(surface, stem),))
    assert unseen().widen(query).terms[0].related == expected


def test_words_the_articles_use_names_and_the_asked_type_keep_their_relatives() -> None:
    terms = (
        term("soldiers", "soldier", seen=True),
        term("Warplane", "warplan", name=True),
        QueryTerm("footwear", "footwear", 5.0, unseen=True, answer_type=True),
    )
    query = Query(terms=terms)
    assert unseen().widen(query) == query


def test_each_switch_adds_only_its_own_relatives() -> None:
    query = Query(terms=(term("soldiers", "soldier"), term("warplanes", "warplan")))
    only_derived = unseen(narrower=False).widen(query)
    only_narrower = unseen(derived=False).widen(query)
    assert [t.related for t in only_derived.terms] == [{"troop"}, set()]
    assert [t.related for t in only_narrower.terms] == [set(), {"fighter", "bomber"}]


def test_relatives_a_term_already_has_are_kept_and_not_repeated() -> None:
    known = QueryTerm("soldier", "soldiers", 5.0, related=frozenset({"warrior"}), unseen=True)
    widened = unseen().widen(Query(terms=(known,))).terms[0]
    assert widened.related == {"warrior", "troop"}
    assert unseen(derived=False).widen(Query(terms=(known,))).terms[0] is known


def test_the_bundled_widening_is_none_with_both_switches_off() -> None:
    assert Unseen.bundled(CORPUS.__contains__, derived=False, narrower=False) is None
    both = Unseen.bundled(CORPUS.__contains__, derived=True, narrower=True)
    assert both is not None
    assert both.lexicon is not None
    assert both.kinds is not None
    assert "fighter" in both.narrower("warplanes")


def test_an_unseen_noun_is_defined_by_the_corpus_nouns_of_its_definition_each_as_specific_as_it_is_rare() -> None:
    widened = unseen(glosses=True).widen(Query(terms=(term("pals", "pal"), term("lorry", "lorri")))).terms
    pal, lorry = (dict(t.defined) for t in widened)
    assert set(pal) == {"friend"}  # "buddi" and "activ" are in no sentence
    assert set(lorry) == {"truck"}
    assert pal["friend"] < lorry["truck"]  # "friend" defines two nouns here, "truck" one
    # A definition is no relative: the off-topic rule still reads the word as one no article mentions.
    assert all(t.related == frozenset() for t in widened)


def test_a_definitions_noun_that_is_already_a_relative_is_not_repeated() -> None:
    footwear = unseen(glosses=True).widen(Query(terms=(term("footwear", "footwear"),))).terms[0]
    assert footwear.related == {"shoe"}
    assert footwear.defined == ()


def test_without_the_switch_no_definition_is_read() -> None:
    assert unseen().widen(Query(terms=(term("pals", "pal"),))).terms[0].defined == ()
    bundled = Unseen.bundled(CORPUS.__contains__, derived=False, narrower=False, glosses=True)
    assert bundled is not None
    assert dict(bundled.defined("pal")).keys() == {"friend"}
