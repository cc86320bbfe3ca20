"""The names rule: which names a question requires, and where around a passage they may stand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from retrieval.facts import sentence_facts, title_terms
from retrieval.model import Article
from retrieval.names import NameCheck, calendar_held, quotation_marks, required_names
from retrieval.query import Query, QueryTerm
from retrieval.text import stem, terms
from tests.support import corpora

LIBRARY = corpora.library(
    Article(
        "e",
        "Bochkov spoke on Monday. Talks went on. Prices rose. “Gas matters to Moscow. Oil matters too,” he said.",
    ),
    Article("c", "Leaders met at the summit. The Olympics opened in Beijing."),
)
TERMS = corpora.sentence_terms(LIBRARY)
CHECK = NameCheck(LIBRARY, TERMS.__getitem__, sentence_facts(LIBRARY, terms), title_terms(LIBRARY, terms))


def term(word: str, weight: float = 1.0, **fields: object) -> QueryTerm:
    return replace(QueryTerm(stem(word), word, weight), **fields)  # type: ignore[arg-type]


def test_only_the_rarer_names_are_required() -> None:
    query = Query((term("china", 0.2, name=True), term("kennedy", 4.0, name=True), term("trade", 1.0)))
    assert required_names(query) == {"kennedi"}
    assert required_names(Query(())) == frozenset()


def test_a_possessor_name_is_required_however_common() -> None:
    # "What is China's unemployment rate?": China is on every line, but the rate asked for is China's.
    query = Query((term("china", 0.2, name=True, owner=True), term("unemployment", 4.0), term("rate", 2.0)))
    assert required_names(query) == {"china"}


def test_a_name_in_a_handful_of_sentences_is_required_beside_rarer_words() -> None:
    # "What did Iacocca say about the Kenosha plant?": Iacocca weighs less than the mean, but is rare in the corpus.
    terms_ = (term("iacocca", 4.07, name=True), term("kenosha", 4.59, name=True), term("plant", 4.59))
    assert required_names(Query(terms_)) == {"kenosha"}
    assert required_names(Query(terms_, rare=0.75 * 4.59)) == {"iacocca", "kenosha"}


def test_a_speaker_is_looked_for_before_the_quotation_opened() -> None:
    # "Oil matters too,” he said." closes a quotation opened a sentence earlier; Bochkov spoke three before that.
    query = Query((term("bochkov", 5.0, name=True), term("oil")))
    assert CHECK.missing(query, 4, 4, TERMS[4]) is None
    assert CHECK.missing(Query((term("greenspan", 5.0, name=True), term("oil"))), 4, 4, TERMS[4]) == "greenspan"


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("“Hi,” he said.", (1, 1)),
        ("He said “yes.", (1, 0)),
        ('"It is bad," he said.', (1, 1)),
        ("``It's carnage,`` he said.", (1, 1)),
        ("said that ``I don't", (1, 0)),
        ("This is our top priority,`` Medvedev said.", (0, 1)),
        ("``Odd.''", (1, 1)),
        ("No quotation here.", (0, 0)),
    ],
    ids=["curly", "curly-opens", "straight", "treebank", "treebank-opens", "treebank-closes", "apostrophes", "none"],
)
def test_quotation_marks_counts_the_quotations_a_sentence_opens_and_closes(text: str, marks: tuple[int, int]) -> None:
    assert quotation_marks(text) == marks


def test_a_speaker_is_looked_for_before_a_treebank_quotation_opened() -> None:
    library = corpora.library(
        Article("w", "Medvedev spoke on Monday. Talks went on. ``Gas matters. Oil too,`` he said.")
    )
    terms_of = corpora.sentence_terms(library)
    check = NameCheck(library, terms_of.__getitem__)
    last = len(library.sentences) - 1
    assert check.missing(Query((term("medvedev", 5.0, name=True), term("oil"))), last, last, terms_of[last]) is None


def test_a_name_is_held_by_its_aliases_when_switched_on() -> None:
    query = Query((term("peking", 5.0, name=True, aliases=frozenset({stem("beijing")})), term("olympics")))
    assert CHECK.missing(query, 6, 6, TERMS[6]) == "peking"
    assert replace(CHECK, aliases=True).missing(query, 6, 6, TERMS[6]) is None


def test_a_multi_word_alias_is_held_when_every_word_is() -> None:
    # "Brussels" goes by the European Union: the quote writes "the Winter Olympics opened", the alias "winter_olymp".
    query = Query((term("games", 5.0, name=True, aliases=frozenset({"winter_olymp", "summer_olymp"})),))
    library = corpora.library(Article("w", "The Winter Olympics opened."))
    own = corpora.sentence_terms(library)
    check = NameCheck(library, own.__getitem__, aliases=True)
    assert check.missing(query, 0, 0, own[0]) is None
    assert replace(check, aliases=False).missing(query, 0, 0, own[0]) == "games"


def test_a_compass_name_alone_is_a_loose_bloc_when_switched_on() -> None:
    west = Query((term("western", 2.0, name=True), term("alliance", 1.0)))
    korea = Query((term("north", 2.0, name=True), term("korea", 2.0, name=True)))
    assert required_names(west) == {"western"}
    assert required_names(west, blocs=True) == frozenset()
    assert required_names(korea, blocs=True) == {"north", "korea"}  # the start of a name stays required


def test_a_passage_inside_a_quotation_is_looked_for_its_speaker_before_the_opening_when_switched_on() -> None:
    text = "Dana Perino spoke today. ``The first thing. The limit rose to $250,000. It is safe,`` she stated."
    library = corpora.library(Article("w", text))
    terms_of = corpora.sentence_terms(library)
    query = Query((term("perino", 5.0, name=True), term("limit")))
    on = NameCheck(library, terms_of.__getitem__, quotations=True)
    off = NameCheck(library, terms_of.__getitem__)
    assert on.missing(query, 2, 2, terms_of[2]) is None
    assert off.missing(query, 2, 2, terms_of[2]) == "perino"
    assert on.speaker_context(0, 0) == frozenset()  # no quotation open before the first sentence


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Kennedy spoke today. “China will stand by Russia,” he said. “We can expect it to fracture.”", True),
        ("Kennedy spoke today. “China will stand by Russia,” he said. “It may fracture,” Lee said.", False),
        ("Kennedy spoke today. China will stand by Russia, he said. “It may fracture.”", False),
        ("Kennedy spoke today. “China will stand by Russia,” he said. It may fracture.", False),
    ],
    ids=["continues", "attributed-to-another", "no-quotation-before", "no-quotation"],
)
def test_with_quotation_runs_an_unattributed_quotation_after_one_is_that_speakers(text: str, held: bool) -> None:
    library = corpora.library(Article("w", text))
    terms_of = corpora.sentence_terms(library)
    query = Query((term("kennedy", 5.0, name=True), term("fracture")))
    on = NameCheck(library, terms_of.__getitem__, runs=True)
    off = NameCheck(library, terms_of.__getitem__)
    assert (on.missing(query, 2, 2, terms_of[2]) is None) is held
    assert off.missing(query, 2, 2, terms_of[2]) == "kennedy"


@pytest.mark.parametrize(
    "tag",
    ["he said", "she stated", "he continued", "said he", "she explained", "the president added", "said the envoy"],
)
def test_a_speech_tag_after_a_quotation_looks_back_for_its_speaker(tag: str) -> None:
    text = f"Medvedev spoke on Monday. Talks went on. ``Oil matters,`` {tag}."
    library = corpora.library(Article("w", text))
    terms_of = corpora.sentence_terms(library)
    assert (
        NameCheck(library, terms_of.__getitem__).missing(Query((term("medvedev", 5.0, name=True),)), 2, 2, terms_of[2])
        is None
    )


@pytest.mark.parametrize(
    ("text", "first", "last", "close"),
    [
        ("Corker was unhappy. ``We were close. We solved everything,`` he said. Markets fell.", 1, 1, 2),
        ("Corker was unhappy. ``We were close. We solved everything,`` he said. Markets fell.", 0, 0, 0),
        ("Corker was unhappy. ``We were close,`` he said. Markets fell.", 1, 1, 1),
        ("Corker was unhappy. ``We were close. We solved it. We tried. We hoped. We waited.", 1, 1, 5),
    ],
    ids=["closes-a-sentence-on", "no-quotation-open", "closes-in-the-passage", "at-most-four-on"],
)
def test_the_sentence_closing_a_quotation_a_passage_leaves_open(text: str, first: int, last: int, close: int) -> None:
    library = corpora.library(Article("w", text))
    terms_of = corpora.sentence_terms(library)
    assert NameCheck(library, terms_of.__getitem__).quotation_close(first, last) == close


def test_each_question_judged_in_turn_requires_its_own_names() -> None:
    # The check remembers the last question's names: a second question must not be judged by the first's.
    library = corpora.library(Article("a", "Kennedy spoke."), Article("b", "Trade grew."))
    terms_of = corpora.sentence_terms(library)
    check = NameCheck(library, terms_of.__getitem__)
    kennedy = Query((term("kennedy", 4.0, name=True), term("trade", 1.0)))
    nixon = Query((term("nixon", 4.0, name=True), term("trade", 1.0)))
    assert check.missing(kennedy, 1, 1, terms_of[1]) == "kennedy"
    assert check.missing(kennedy, 0, 0, terms_of[0]) is None
    assert check.missing(nixon, 0, 0, terms_of[0]) == "nixon"
    assert check.missing(kennedy, 0, 0, terms_of[0]) is None


@pytest.mark.parametrize(
    ("text", "published", "asked", "held"),
    [
        ("Shares fell today.", date(2008, 10, 10), {"octob", "friday"}, {"octob", "friday"}),
        ("Shares fell today.", date(2008, 10, 10), {"novemb", "monday"}, set()),
        (
            "Shares fell on Monday.",
            date(2008, 10, 1),
            {"septemb", "monday", "wednesday"},
            {"septemb", "monday", "wednesday"},
        ),
        ("Output rose last month.", date(1987, 3, 3), {"februari"}, {"februari"}),
        ("The Bank acted on March 11.", date(1987, 3, 12), {"wednesday"}, {"wednesday"}),
        ("Sales rose on December 30.", date(1987, 1, 5), {"decemb", "tuesday", "wednesday"}, {"decemb", "tuesday"}),
        ("Shares fell today.", None, {"octob"}, set()),
    ],
    ids=["dateline", "another-month", "weekday-back", "last-month", "written-day", "last-year", "undated"],
)
def test_a_month_or_weekday_is_held_by_the_days_a_passage_speaks_of(
    text: str, published: date | None, asked: set[str], held: set[str]
) -> None:
    # 11 March 1987 was a Wednesday; "December 30" in a story of 5 January is 30 December 1986, a Tuesday.
    assert calendar_held(text, published, frozenset(asked)) == held


HEADS = corpora.library(
    Article("b", "The Bank of England cut its dealing rates. Later the Bank bought bills. Later the bank sold bills."),
    Article("n", "Dealers were busy. Later the Bank bought bills."),
)
HEAD_TERMS = corpora.sentence_terms(HEADS)
HEAD_CHECK = NameCheck(HEADS, HEAD_TERMS.__getitem__, sentence_facts(HEADS, terms), title_terms(HEADS, terms))


@pytest.mark.parametrize(
    ("sentence", "named"),
    [(1, {"england"}), (2, set()), (4, set())],
    ids=["capitalised-head-after-the-full-name", "head-in-lower-case", "article-never-named-it"],
)
def test_a_runs_name_is_held_by_its_head_capitalised_after_its_article_named_it(sentence: int, named: set[str]) -> None:
    # "What did the Bank of England buy?": news copy names it once in full, then "the Bank".
    query = Query((term("bank"), term("england", 3.0, name=True)), runs=(("bank", frozenset({"england"})),))
    assert HEAD_CHECK.named_by_heads(query, sentence, sentence, HEAD_TERMS[sentence]) == named
    assert HEAD_CHECK.named_by_heads(replace(query, runs=()), 1, 1, HEAD_TERMS[1]) == frozenset()
