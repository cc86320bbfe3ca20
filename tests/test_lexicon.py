"""The bundled WordNet lexicon and the corpus-bound relations built from it."""

from __future__ import annotations

import pytest

from retrieval.lexicon import (
    KINDS,
    Demonyms,
    Glosses,
    Joined,
    Kinds,
    Lexicon,
    Relations,
    VerbForms,
    bundled_glosses,
    bundled_kinds,
    bundled_lexicon,
    bundled_verbs,
    holds,
    singulars,
    with_extra,
)
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


def test_relations_remember_question_words_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # Users type words without end: a bot answering for months must not keep every one.
    monkeypatch.setattr("retrieval.lexicon.REMEMBERED", 8)
    relations = Relations(Lexicon(ROWS), {"land", "growth"}, KINDS)
    joined = Joined(relations)
    for number in range(100):
        assert joined.of(f"madeup{number}") == frozenset()
        assert joined.of("soil") == {"land"}  # still right after the memo was dropped
    assert len(vars(relations)["_cache"]) <= 8
    assert len(vars(joined)["_cache"]) <= 8


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


def test_joined_relations_are_the_union_of_their_parts() -> None:
    words = Relations(Lexicon(ROWS), {"land", "growth"}, ["syn", "der"])
    places = Relations(Lexicon({"moscow": "\t\t\t\t\trussia"}), {"russia", "moscow"}, ["hol"])
    joined = Joined(words, places)
    assert joined.of("soil") == {"land"}
    assert joined.of("moscow") == {"russia"}
    assert joined.of("russia") == {"moscow"}  # both ways: "Moscow" in a passage stands for Russia


@pytest.mark.parametrize(
    ("place", "country"),
    [("Moscow", "Russia"), ("Beijing", "China"), ("Kremlin", "Russia"), ("Washington", "America"), ("Kiev", "Ukraine")],
    ids=["capital", "capital-2", "building-in-a-capital", "capital-in-a-district", "capital-3"],
)
def test_bundled_lexicon_knows_the_country_a_capital_stands_for(place: str, country: str) -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    assert stem(country.lower()) in lexicon.related(stem(place.lower()), ["hol"])


@pytest.mark.parametrize(
    ("name", "alias"),
    [("America", "us"), ("US", "unit_state"), ("American", "us"), ("China", "prc"), ("Buenos_Aires", "argentina")],
    ids=["country", "abbreviation", "pertainym", "first-sense", "two-word-place"],
)
def test_bundled_lexicon_knows_what_a_name_also_goes_by(name: str, alias: str) -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    own = "_".join(stem(part.lower()) for part in name.split("_"))
    assert alias in lexicon.related(own, ["als", "hol"])


def test_a_names_aliases_come_from_its_first_sense_only() -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    # China's second sense is Taiwan, and "China" is a word of Taiwan's synset; neither stands for the other.
    assert "taiwan" not in lexicon.related("china", ["als"])
    assert "china" not in lexicon.related("taiwan", ["als"])
    # "the States" is the US, but without "the" it is the common word "state".
    assert "state" not in lexicon.related("america", ["als", "hol"])
    assert "state" not in lexicon.related("washington", ["als", "hol"])


def test_extra_relations_are_added_to_the_lines_and_an_alias_lends_its_classes() -> None:
    rows = {
        "kiev": "\t".join(["", "", "", "", "citi capit", "ukrain", ""]),
        "london": "\t".join([""] * 5 + ["england", ""]),
    }
    extra = "# a comment\n\nLondon\thol\tBritain, United Kingdom\nKyiv\tals\tKiev\n"
    lexicon = Lexicon(with_extra(rows, extra))
    assert lexicon.related("london", ("hol",)) == {"england", "britain", "unit_kingdom"}
    assert lexicon.related("kyiv", ("als",)) == {"kiev"}
    assert lexicon.classes("kyiv") == {"citi", "capit"}


@pytest.mark.parametrize(("word", "place"), [("kyiv", "ukrain"), ("london", "britain"), ("brussel", "european_union")])
def test_bundled_lexicon_has_the_extra_news_metonyms(word: str, place: str) -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    assert place in lexicon.related(word, ("hol",))


@pytest.mark.parametrize(
    ("word", "verb"),
    [("took", True), ("pushing", True), ("sits", True), ("running", True), ("pushed", True), ("banks", False),
     ("ring", False), ("s", False)],
    ids=["irregular", "ing", "s", "doubled", "ed", "noun", "ing-alone", "bare-ending"],
)  # fmt: skip
def test_verb_forms_by_wordnets_detachment_rules(word: str, verb: bool) -> None:
    forms = VerbForms({"took": True, "push": False, "sit": True, "run": False, "carry": False})
    assert forms.is_verb(word) is verb


def test_bundled_verbs_know_which_words_are_only_verbs() -> None:
    verbs = bundled_verbs()
    assert verbs is not None
    assert verbs.only_verb("took")
    assert verbs.only_verb("quit")
    assert not verbs.only_verb("work")  # "work" is a noun too
    assert verbs.is_verb("work")
    assert not verbs.is_verb("countries")


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("judge", ("judge",)),
        ("officials", ("officials", "official")),
        ("bodies", ("bodies", "bodie", "body")),
        ("witnesses", ("witnesses", "witnesse", "witness")),
        ("chairmen", ("chairmen", "chairman")),
    ],
    ids=["singular", "plural-s", "plural-ies", "plural-ses", "plural-men"],
)
def test_singulars_are_the_word_and_what_it_may_be_the_regular_plural_of(word: str, forms: tuple[str, ...]) -> None:
    assert singulars(word) == forms


@pytest.mark.parametrize(
    ("word", "expected"),
    [("warplane", {"fighter"}), ("warplanes", {"fighter"}), ("boxes", {"crate"}), ("countries", {"ruritania"})],
    ids=["singular", "plural", "es-plural", "ies-plural"],
)
def test_kinds_are_read_for_a_noun_written_singular_or_plural(word: str, expected: set[str]) -> None:
    kinds = Kinds({"warplane": "fighter", "box": "crate", "country": "ruritania", "plan": "scheme"})
    assert kinds.below(word) == expected
    assert kinds.below("planes") == frozenset()  # not "plan": "-es" is dropped only after "x", "s", "z", "ch", "sh"


@pytest.mark.parametrize(
    ("word", "kind"),
    [("warplanes", "fighter"), ("footwear", "shoe"), ("greenback", "dollar"), ("income", "profit")],
    ids=["warplanes", "footwear", "greenback", "income"],
)
def test_bundled_kinds_file_nouns_directly_under_a_noun(word: str, kind: str) -> None:
    kinds = bundled_kinds()
    assert kinds is not None
    assert kind in kinds.below(word)
    assert kinds.below("entity") == frozenset()  # too near WordNet's root to say anything


def test_written_verb_forms_are_lemmas_and_irregular_forms_only() -> None:
    forms = VerbForms({"pay": False, "paid": True})
    assert forms.written("pay")
    assert forms.written("paid")
    assert not forms.written("paying")
    assert forms.is_verb("paying")


def test_a_definitions_noun_is_as_specific_as_it_is_rare_among_the_definitions() -> None:
    glosses = Glosses(
        {"pal": "friend buddi", "chum": "friend", "lorry": "truck one", "bicycle": "wheel one", "pair": "one"}
    )
    assert glosses.of("pals") == {"friend", "buddi"}
    assert glosses.specificity("truck") == pytest.approx(1.0)  # in one definition of five
    assert glosses.specificity("one") < glosses.specificity("friend") < glosses.specificity("truck")
    assert glosses.specificity("never-used") == pytest.approx(1.0)


def test_a_verbs_definition_is_read_for_its_inflected_forms_too() -> None:
    glosses = Glosses({"vow": "make promis", "plane": "aircraft"})
    assert glosses.of("vowed") == glosses.of("vows") == {"make", "promis"}
    assert glosses.of("planes") == {"aircraft"}  # a plural first: not the verb "plan"
    assert glosses.of("unknown") == frozenset()


@pytest.mark.parametrize(
    ("word", "noun"),
    [("pal", "friend"), ("workforce", "worker"), ("norms", "standard"), ("viewers", "televis"), ("vowed", "promis")],
    ids=["pal", "workforce", "norms-plural", "viewers", "vowed-a-verb"],
)
def test_bundled_glosses_name_the_words_of_a_words_first_definition(word: str, noun: str) -> None:
    glosses = bundled_glosses()
    assert glosses is not None
    assert noun in glosses.of(word)
    assert "avail" not in glosses.of("workforce")  # "the force of workers available": an adjective
    assert "old" not in glosses.of("hamster")  # "... rodent of the Old World": a noun in WordNet, mostly an adjective


# syn, der, hyp, sim, isa, hol, als: a people's adjective, its country's names, a country filed under its part of the
# world, a capital.
NATIONS = {
    "british": "\tgreat_britain\tnation\t\t\t\t",
    "uk": "britain great_britain\t\tkingdom\t\t\t\tbritain great_britain",
    "britain": "uk great_britain\t\tkingdom\t\t\t\tuk great_britain",
    "thailand": "\t\tasian_countri asian_nation\t\t\t\t",
    "ukrain": "\tukrainian\teuropean_countri\t\t\t\t",
    "ukrainian": "\tukrain\t\t\t\t\t",
    "kyiv": "\t\tcapit\t\t\tukrain\t",
}


@pytest.mark.parametrize(
    ("name", "goes_by"),
    [
        ("uk", {"british"}),
        ("britain", {"british", "uk"}),
        ("asian", {"thailand"}),
        ("european", {"ukrain"}),
        ("kyiv", {"ukrain", "ukrainian"}),
        ("thailand", set()),
    ],
    ids=["abbreviation", "country", "part-of-the-world", "filed-country", "capital", "none"],
)
def test_demonyms_share_a_country_or_file_it_under_a_part_of_the_world(name: str, goes_by: set[str]) -> None:
    nations = Demonyms(Lexicon(NATIONS), {"british", "uk", "thailand", "ukrain", "ukrainian"})
    assert nations.of(name) == goes_by


@pytest.mark.parametrize(
    ("name", "goes_by"),
    [
        ("britain", "british"),
        ("uk", "british"),
        ("african", "kenya"),
        ("asian", "thailand"),
        ("bueno_air", "argentin"),
    ],
)
def test_bundled_lexicon_ties_peoples_and_countries(name: str, goes_by: str) -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    assert goes_by in Demonyms(lexicon, {"british", "uk", "kenya", "thailand", "argentin"}).of(name)
