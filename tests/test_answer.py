"""The answer builder: a pure function from a question and ranked sentences to an Answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.answer import AnswerPolicy, build_answer
from retrieval.facts import sentence_facts
from retrieval.focus import Need
from retrieval.index import Hit
from retrieval.library import Library
from retrieval.model import Answer, Article
from retrieval.query import Cue, Query, QueryTerm
from retrieval.sentences import split_article
from retrieval.text import terms
from tests.support.corpora import library, sentence_terms

LIBRARY = library(
    Article(
        "a", "Russia said Taiwan is part of China. Gas prices rose. Bochkov spoke. He praised the energy alliance."
    ),
    Article("b", "Moscow repeated that Taiwan is part of China. Weather was mild."),
    Article("c", "Oil output fell sharply."),
)
TERMS = sentence_terms(LIBRARY)


def query(*words: str, names: tuple[str, ...] = ()) -> Query:
    return Query(tuple(QueryTerm(terms(w)[0], w, 1.0, w in names) for w in words))


def answer(q: Query, hits: list[Hit], policy: AnswerPolicy | None = None) -> Answer:
    return build_answer(
        "question?",
        query=q,
        hits=hits,
        library=LIBRARY,
        terms_of=TERMS.__getitem__,
        weight_of=lambda t: 1.0,
        policy=policy or AnswerPolicy(),
    )


def test_no_content_terms_asks_for_a_topic() -> None:
    result = answer(Query(()), [])
    assert not result.answered
    assert "person, place or event" in result.message


def test_declines_naming_what_is_missing_when_coverage_is_low() -> None:
    result = answer(query("oil", "medals", "athletes"), [Hit(6, 3.0)])
    assert not result.answered
    assert result.quotes == ()
    assert "“medals”" in result.message


def test_quotes_are_verbatim_with_the_source_first() -> None:
    result = answer(query("taiwan", "china"), [Hit(0, 3.0)])
    assert result.answered
    quote = result.quotes[0]
    assert quote.text == LIBRARY.articles["a"].text[quote.start : quote.end] == "Russia said Taiwan is part of China."
    assert quote.citations[0].article_id == "a"


def test_same_statement_from_another_article_is_one_quote_citing_both() -> None:
    result = answer(query("taiwan", "china"), [Hit(0, 3.0), Hit(4, 2.9)])
    assert len(result.quotes) == 1
    assert [c.article_id for c in result.quotes[0].citations] == ["a", "b"]


@pytest.mark.parametrize("wide", [True, False], ids=["wide", "quoted-only"])
def test_wide_corroboration_finds_a_rewording_below_the_score_cut(wide: bool) -> None:
    policy = AnswerPolicy(wide_corroboration=wide)
    result = answer(query("taiwan", "china"), [Hit(0, 10.0), Hit(4, 1.0)], policy)
    assert [c.article_id for c in result.quotes[0].citations] == (["a", "b"] if wide else ["a"])


def test_a_pronoun_sentence_is_quoted_with_the_sentence_it_leans_on() -> None:
    result = answer(query("energy", "alliance"), [Hit(3, 3.0)])
    assert result.quotes[0].text == "Bochkov spoke. He praised the energy alliance."


def test_rare_names_must_be_in_the_quote_or_just_before_it() -> None:
    asked = query("oil", "output", "greenspan", names=("greenspan",))
    assert not answer(asked, [Hit(6, 3.0)]).answered
    assert answer(asked, [Hit(6, 3.0)], AnswerPolicy(require_names=False, min_coverage=0.5)).answered


def test_at_most_max_quotes_and_later_quotes_must_score_near_the_best() -> None:
    hits = [Hit(0, 3.0), Hit(1, 2.9), Hit(6, 2.8)]
    asked = replace(query("taiwan"), terms=(QueryTerm("rose", "rose", 1.0),))
    assert answer(asked, hits, AnswerPolicy(min_coverage=0.0, max_quotes=2)).quotes.__len__() == 2
    assert len(answer(asked, [Hit(0, 3.0), Hit(6, 0.1)], AnswerPolicy(min_coverage=0.0)).quotes) == 1


def test_declines_when_unknown_words_carry_the_question() -> None:
    asked = Query((QueryTerm("joke", "joke", 5.0, unseen=True), QueryTerm("tell", "tell", 1.0)))
    result = answer(asked, [Hit(0, 3.0)], AnswerPolicy(min_coverage=0.0, max_unknown_share=0.5))
    assert not result.answered
    assert "“joke”" in result.message
    # A related corpus word keeps an unseen word from counting as unknown.
    related = Query((replace(asked.terms[0], related=frozenset({"gas"})), asked.terms[1]))
    assert answer(related, [Hit(0, 3.0)], AnswerPolicy(min_coverage=0.0, max_unknown_share=0.5)).answered


@pytest.mark.parametrize("beside", [False, True], ids=["on-topic", "everyday-chat"])
def test_everyday_chat_beside_the_corpus_declines_naming_the_words_no_article_uses(beside: bool) -> None:
    # "Gas prices rose." covers "gas" and "rose"; the unseen everyday word weighs too little to decline alone.
    asked = Query(
        (QueryTerm("gas", "gas", 1.0), QueryTerm("rose", "rose", 1.0), QueryTerm("film", "film", 0.1, unseen=True))
    )
    result = answer(replace(asked, beside=beside), [Hit(1, 3.0)], AnswerPolicy(min_coverage=0.5))
    assert result.answered is not beside
    assert ("“film”" in result.message) is beside


@pytest.mark.parametrize(
    ("expanded", "answered"), [(frozenset(), True), (frozenset({0}), False)], ids=["plain", "expanded"]
)
def test_a_hit_only_expansion_reached_answers_only_from_the_stricter_coverage(
    expanded: frozenset[int], answered: bool
) -> None:
    # "Russia said Taiwan is part of China." holds one of the two words: coverage 0.5.
    policy = AnswerPolicy(min_coverage=0.5, expansion_coverage=0.6, extend_for_coverage=False)
    result = build_answer(
        "q", query=query("taiwan", "medals"), hits=[Hit(0, 3.0)], library=LIBRARY, terms_of=TERMS.__getitem__,
        weight_of=lambda t: 1.0, policy=policy, expanded=expanded,
    )  # fmt: skip
    assert result.answered is answered


@pytest.mark.parametrize(("ungated", "answered"), [(False, True), (True, False)], ids=["gated", "ungated"])
def test_a_hit_only_expansion_reached_meets_its_bar_with_unseen_words_at_full_weight(
    ungated: bool, answered: bool
) -> None:
    # "Gas prices rose." holds "gas" and "rose", not the unseen everyday word (weight 2, gated to a tenth):
    # coverage 2 / 4 = 0.5, gate 2 / 2.2 = 0.91. Expansion found the passage through that word's relatives.
    asked = Query(
        (
            QueryTerm("gas", "gas", 1.0),
            QueryTerm("rose", "rose", 1.0),
            QueryTerm("kazoo", "kazoo", 2.0, related=frozenset({"oil"}), unseen=True, gate=0.1),
        )
    )
    policy = AnswerPolicy(
        min_coverage=0.5, expansion_coverage=0.6, expansion_ungated=ungated, extend_for_coverage=False
    )
    result = build_answer(
        "q", query=asked, hits=[Hit(1, 3.0)], library=LIBRARY, terms_of=TERMS.__getitem__,
        weight_of=lambda t: 1.0, policy=policy, expanded=frozenset({1}),
    )  # fmt: skip
    assert result.answered is answered
    # A passage the question's own words found is judged by its gate as before.
    plain = build_answer(
        "q", query=asked, hits=[Hit(1, 3.0)], library=LIBRARY, terms_of=TERMS.__getitem__,
        weight_of=lambda t: 1.0, policy=policy,
    )  # fmt: skip
    assert plain.answered


def test_declines_a_question_the_page_furniture_matches_better() -> None:
    asked = query("comment", "taiwan")
    furniture = [frozenset({"leav", "comment", "taiwan"})]
    policy = AnswerPolicy(min_coverage=0.5, furniture_check=True)
    result = build_answer(
        "q", query=asked, hits=[Hit(0, 3.0)], library=LIBRARY, terms_of=TERMS.__getitem__,
        weight_of=lambda t: 1.0, policy=policy, furniture=furniture,
    )  # fmt: skip
    assert not result.answered
    assert "web page" in result.message


def test_passages_that_cover_more_rank_first_with_coverage_ranking() -> None:
    asked = query("taiwan", "china", "gas")
    hits = [Hit(1, 3.0), Hit(0, 2.5)]  # "Gas prices rose." scores higher but covers a third
    policy = AnswerPolicy(min_coverage=0.3, wide_corroboration=False, extend_for_coverage=False)
    plain = answer(asked, hits, policy)
    ranked = answer(asked, hits, replace(policy, coverage_power=1.0))
    assert plain.quotes[0].text == "Gas prices rose."
    assert ranked.quotes[0].text == "Russia said Taiwan is part of China."


@pytest.mark.parametrize(
    ("lift", "first"), [(0.0, "Gas prices rose."), (0.2, "Russia said Taiwan is part of China.")], ids=["off", "on"]
)
def test_a_statement_another_article_makes_too_ranks_higher_with_echoes(lift: float, first: str) -> None:
    # Each hit covers half the question; "Gas prices rose." scores a little higher, but only article a says it,
    # while article b makes the Taiwan statement too (its own passage scores far lower).
    hits = [Hit(1, 3.0), Hit(0, 2.8), Hit(4, 1.0)]
    policy = AnswerPolicy(min_coverage=0.5, coverage_power=1.0, wide_corroboration=False, extend_for_coverage=False)
    result = answer(query("taiwan", "gas"), hits, replace(policy, echo_lift=lift))
    assert result.quotes[0].text == first


TWINS = library(
    Article("x", "Troops numbered 100,000 near the border."),
    Article("y", "Weather was mild. Some 100,000 troops stood there."),
    Article("z", "Weather was cold. Some 100,000 fans stood there."),
)


@pytest.mark.parametrize(("twins", "cited"), [(True, ["x", "y"]), (False, ["x"])], ids=["on", "off"])
def test_figure_twins_cite_an_article_giving_the_same_figure_outside_the_hits(twins: bool, cited: list[str]) -> None:
    # Article y is not among the hits; it gives the quote's figure and covers the question. Article z gives
    # the figure too, but nothing of the question.
    assert figure_twin_citations(TWINS, query("troops", "border"), AnswerPolicy(figure_twins=twins)) == cited


SUBJECTS = library(
    Article("x", "Nato troops numbered 100,000 near the border."),
    Article("y", "Weather was mild. Some 100,000 troops stood at the border."),
)


@pytest.mark.parametrize(("subjects", "cited"), [(True, ["x"]), (False, ["x", "y"])], ids=["on", "off"])
def test_with_figure_subjects_figure_twins_cite_only_a_passage_holding_the_names(
    subjects: bool, cited: list[str]
) -> None:
    # y gives the quote's figure and covers half the question, but not Nato, which the question names.
    asked = query("nato", "troops", "border", names=("nato",))
    policy = AnswerPolicy(figure_twins=True, figure_subjects=subjects, wide_corroboration=False)
    assert figure_twin_citations(SUBJECTS, asked, policy) == cited


RETELLINGS = library(
    Article("x", "Leaders met in Beijing on Friday. Observers said indecision by Washington could embolden China. "
                 "Talks lasted two hours over lunch."),
    Article("y", "Leaders met in Beijing on Friday. Analysts believe the inaction of the US might encourage "
                 "Beijing. Talks lasted two hours over lunch."),
)  # fmt: skip


@pytest.mark.parametrize(
    ("retold", "later", "cited"),
    [(True, 1, ["x", "y"]), (False, 1, ["x"]), (True, 3, ["x"])],
    ids=["on", "off", "days-later"],
)
def test_with_retold_an_article_retelling_the_story_is_cited_where_it_tells_the_quote(
    retold: bool, later: int, cited: list[str]
) -> None:
    # y's sentence shares no word with the question or the quote; the sentences around both are the same statements.
    # A retelling dated more than a day from its source is another news cycle's story and is not read.
    day = date(2022, 2, 4)
    lib = library(
        *(replace(a, date=day + timedelta(days=later) if a.id == "y" else day) for a in RETELLINGS.articles.values())
    )
    held = sentence_terms(lib)
    found = build_answer(
        "question?",
        query=query("indecision", "washington"),
        hits=[Hit(1, 2.0), Hit(4, 1.0)],
        library=lib,
        terms_of=held.__getitem__,
        weight_of=lambda t: 1.0,
        policy=AnswerPolicy(retold=retold, wide_corroboration=False, extend_for_coverage=False),
        facts=sentence_facts(lib, terms),
    )
    assert [c.article_id for c in found.quotes[0].citations] == cited


def figure_twin_citations(library: Library, asked: Query, policy: AnswerPolicy) -> list[str]:
    """The articles the first quote cites when only sentence 0 is a hit and every sentence can be looked up."""
    held = sentence_terms(library)
    found = build_answer(
        "A question",
        query=asked,
        hits=[Hit(0, 2.0)],
        library=library,
        terms_of=held.__getitem__,
        weight_of=lambda t: 1.0,
        policy=policy,
        holding=lambda wanted: [n for n, terms_held in enumerate(held) if terms_held & set(wanted)],
    )
    return [c.article_id for c in found.quotes[0].citations]


SETTINGS = library(
    Article("x", "Troops left the border in 1986."),
    Article("y", "Weather was mild. Troops reached the border zone by 1986 as talks went on."),
)


@pytest.mark.parametrize(
    ("years", "need", "cited"),
    [(True, None, ["x"]), (False, None, ["x", "y"]), (True, Need.YEAR, ["x", "y"])],
    ids=["year-is-the-setting", "switched-off", "what-year-asked"],
)
def test_with_twin_years_figure_twins_look_up_a_year_only_for_when(
    years: bool, need: Need | None, cited: list[str]
) -> None:
    # Article y is not among the hits and shares only the year with the quote's sentence.
    policy = AnswerPolicy(figure_twins=True, twin_years=years, wide_corroboration=False)
    assert figure_twin_citations(SETTINGS, replace(query("troops", "border"), need=need), policy) == cited


DATED = library(
    Article("x", "The budget is due on March 17."),
    Article("y", "Weather was mild. Ministers present the budget on March 17."),
    Article("z", "Ministers present the budget due in a speech on April 3."),
)
DATED_TERMS = sentence_terms(DATED)


@pytest.mark.parametrize(("twins", "cited"), [(True, ["x", "y"]), (False, ["x"])], ids=["on", "off"])
def test_date_twins_cite_an_article_answering_when_with_the_same_date(twins: bool, cited: list[str]) -> None:
    # y and z both answer "when" in other words than x (with the statement overlap set too high to call
    # them one statement); only y gives x's date.
    found = build_answer(
        "When is the budget due?",
        query=replace(query("budget", "due"), need=Need.TIME),
        hits=[Hit(0, 2.0), Hit(2, 1.0), Hit(3, 1.0)],
        library=DATED,
        terms_of=DATED_TERMS.__getitem__,
        weight_of=lambda t: 1.0,
        policy=AnswerPolicy(corroboration_overlap=0.95, shared_facts=False, date_twins=twins, max_quotes=1),
    )
    assert [c.article_id for c in found.quotes[0].citations] == cited


SALES = library(
    Article("c", "Sales dropped in March. GM's rival Chrysler fell 23%."),
    Article("f", "GM sales in March dropped 45%."),
)
SALES_TERMS = sentence_terms(SALES)


@pytest.mark.parametrize(("lift", "first"), [(0.0, "c"), (0.5, "f")], ids=["off", "on"])
def test_with_colocation_the_figure_beside_the_questions_words_ranks_first(lift: float, first: str) -> None:
    # "How much did GM's sales drop in March?": c's passage scores highest and holds every word, but its figure
    # stands in the sentence about Chrysler, beside one word of the question; f's figure stands with all four.
    found = build_answer(
        "How much did GM's sales drop in March?",
        query=replace(query("GM", "sales", "drop", "March"), cue=Cue.NUMBER),
        hits=[Hit(0, 3.0), Hit(2, 2.5)],
        library=SALES,
        terms_of=SALES_TERMS.__getitem__,
        weight_of=lambda t: 1.0,
        policy=AnswerPolicy(min_coverage=0.5, coverage_power=1.0, wide_corroboration=False, kind_lift=lift),
        facts=sentence_facts(SALES, terms),
    )
    assert found.quotes[0].article_id == first


REASONS = library(
    Article("p", "Reagan let weapons go to Tehran, the panel said, and let more weapons go later."),
    Article("h", "Reagan let weapons go to Tehran in the hope of reaching moderates."),
)
REASONS_TERMS = sentence_terms(REASONS)


@pytest.mark.parametrize(
    ("lift", "question", "first"),
    [
        (0.0, "Why did Reagan let weapons go?", "p"),
        (0.5, "Why did Reagan let weapons go?", "h"),
        (0.5, "Did Reagan let weapons go?", "p"),
    ],
    ids=["off", "on", "not-why"],
)
def test_with_causes_the_passage_giving_a_cause_ranks_first_for_why(lift: float, question: str, first: str) -> None:
    # p scores higher and holds every word; only h says why ("in the hope of"), beside the same words.
    found = build_answer(
        question,
        query=query("reagan", "weapons"),
        hits=[Hit(0, 3.0), Hit(1, 2.5)],
        library=REASONS,
        terms_of=REASONS_TERMS.__getitem__,
        weight_of=lambda t: 1.0,
        policy=AnswerPolicy(min_coverage=0.5, coverage_power=1.0, wide_corroboration=False, cause_lift=lift),
    )
    assert found.quotes[0].article_id == first


@pytest.mark.parametrize(
    ("wider", "text"),
    [(False, "Russia said Taiwan is part of China."), (True, "Russia said Taiwan is part of China. Gas prices rose.")],
    ids=["off", "on"],
)
def test_with_wider_quotes_a_lower_passage_holding_the_quote_widens_it(wider: bool, text: str) -> None:
    # Hit 1 ("Gas prices rose.") leans on sentence 0 for both words, so its passage takes in the quote of hit 0:
    # it was dropped as a repeat; with wider quotes it is the same quote read wider, still citing b's rewording.
    policy = AnswerPolicy(min_coverage=0.5, wider_quotes=wider)
    result = answer(query("taiwan", "china"), [Hit(0, 3.0), Hit(1, 2.0), Hit(4, 1.0)], policy)
    assert [q.text for q in result.quotes] == [text]
    assert [c.article_id for c in result.quotes[0].citations] == ["a", "b"]


@given(st.lists(st.tuples(st.integers(0, len(LIBRARY.sentences) - 1), st.floats(0.1, 10.0)), min_size=1, max_size=8))
def test_with_wider_quotes_quotes_never_overlap_and_stay_within_two_sentences(found: list[tuple[int, float]]) -> None:
    hits = sorted({doc: Hit(doc, score) for doc, score in found}.values(), key=lambda h: -h.score)
    policy = AnswerPolicy(min_coverage=0.0, min_relative_score=0.0, wider_quotes=True)
    quotes = answer(query("taiwan", "china", "energy"), hits, policy).quotes
    for i, quote in enumerate(quotes):
        assert LIBRARY.articles[quote.article_id].text[quote.start : quote.end] == quote.text
        assert len(split_article(Article("q", quote.text)).sentences) <= 2
        for other in quotes[i + 1 :]:
            assert quote.article_id != other.article_id or quote.end <= other.start or other.end <= quote.start
