"""Answer types: the head noun of "which X" / "what X ...", and the corpus terms that are an X."""

from __future__ import annotations

import pytest

from retrieval.answer_type import TypeBook, bundled_offices, type_word
from retrieval.lexicon import Lexicon, bundled_lexicon
from retrieval.text import stem

# stem -> the lexicon's fields; only "isa" (the fifth) matters here.
ROWS = {
    "japan": "\t\t\t\tcountri region",
    "council": "\t\t\t\torgan organis unit",
    "countri": "\t\t\t\tregion",
    "compani": "\t\t\t\torgan organis",
    "organis": "\t\t\t\tunit",
    "area": "\t\t\t\tregion",
    "grew": "grow\t\t\t\t",
    "energi": "\t\t\t\tphenomenon",
    "drive": "\t\t\t\tact",
}


@pytest.fixture(scope="module")
def book() -> TypeBook:
    names = {"rosneft": 2, "putin": 40, "japan": 1}
    return TypeBook(Lexicon(ROWS), ["japan", "council", "trade", "rosneft", "putin"], names, 100)


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("Which countries is AUKUS set to expand to?", "countries"),
        ("Which organisation is Danil Bochkov from?", "organisation"),
        ("Which energy company is Igor Sechin the boss of?", "company"),
        ("Which state-run company signed the deal?", "company"),
        ("What company does he run?", "company"),
        ("What drives trade between them?", None),
        ("What did Xi call Putin?", None),
        ("What kind of company is it?", None),
        ("Which four areas did he name?", "areas"),
        ("Which rival company grew fastest?", "company"),
        ("Which country arms Taiwan?", "country"),
    ],
    ids=[
        "plural", "which-noun", "compound", "hyphenated-then-past-verb", "what-then-auxiliary", "what-then-verb",
        "what-did", "kind-of-asks-a-description", "number-skipped", "noun-verb-stops", "three-nouns-hide-a-verb",
    ],
)  # fmt: skip
def test_type_word(book: TypeBook, question: str, head: str | None) -> None:
    assert type_word(question, book.is_noun) == head


def test_instances_come_from_wordnet_classes_and_unknown_names_only_rank(book: TypeBook) -> None:
    assert book.instances(stem("country")) == {"japan"}
    assert book.instances(stem("organisation")) == {"council"}
    assert book.nameable(stem("company"))
    assert not book.nameable(stem("area"))
    # Rosneft is a name WordNet does not know; Putin is on too many lines to be an answer; Japan is known.
    assert book.named(stem("company")) == {"rosneft"}
    assert book.named(stem("area")) == frozenset()


def test_bundled_lexicon_knows_the_classes_of_countries_and_councils() -> None:
    lexicon = bundled_lexicon()
    assert lexicon is not None
    assert stem("country") in lexicon.classes("japan")
    assert stem("organisation") in lexicon.classes("council")
    # "area, country" is not a main sense of country, so a city is not a country.
    assert stem("country") not in lexicon.classes("moscow")


def test_an_office_is_a_type_that_names_a_person_in_every_sense_written_with_its_derived_forms() -> None:
    lexicon = Lexicon({"judg": "\tjudgeship judici\t\t\tperson", "compani": "\t\t\t\torganis"})
    book = TypeBook(lexicon, ["judg", "compani"], {}, 100, offices={"judge", "official", "chairman"})
    assert book.office(stem("judges"), "judges") == {"judg", "judgeship", "judici"}
    assert book.office(stem("officials"), "officials") == {stem("official")}
    assert book.office(stem("chairmen"), "chairmen") == {stem("chairmen")}
    assert book.office(stem("company"), "company") == frozenset()


@pytest.mark.parametrize(
    ("word", "office"),
    [
        ("judge", True),
        ("official", True),
        ("chairman", True),
        ("leader", False),
        ("subsidiary", False),
        ("watchdog", False),
        ("bank", False),
        ("date", False),
    ],
    ids=[
        "judge", "official", "chairman", "leader-is-also-a-cheap-offer", "subsidiary-is-also-a-company",
        "watchdog-is-also-a-dog", "bank", "date",
    ],
)  # fmt: skip
def test_bundled_offices_hold_the_nouns_wordnet_files_only_as_persons(word: str, office: bool) -> None:
    assert (word in bundled_offices()) is office
