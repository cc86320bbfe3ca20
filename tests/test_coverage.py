"""Judging a hit as a quote: the passage, its coverage (inside, related, around) and the key concept it lacks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from retrieval.actors import Actor
from retrieval.coverage import Judge, Rules, question_figures
from retrieval.facts import sentence_facts, title_terms
from retrieval.focus import Focus, Need
from retrieval.index import Hit
from retrieval.model import Article
from retrieval.query import Query, QueryTerm
from retrieval.text import stem, terms
from tests.support import corpora

LIBRARY = corpora.library(
    Article(
        "a",
        "Troops gathered at the border. The buildup alarmed Kyiv. Scott Kennedy studies China. "
        "Trade is strong. Exports grew fast. It is a partnership with limits, he said.",
        title="Border tension",
    ),
    Article("b", "Rosneft will ship oil to China National Petroleum Corporation. The deal is worth $9bn."),
    Article("c", "Leaders met at the summit. The Olympics opened in Beijing."),
    Article("d", "The visit is a two-day trip. Weather was warm."),
    Article(
        "e",
        "Bochkov spoke on Monday. Talks went on. Prices rose. “Gas matters to Moscow. Oil matters too,” he said.",
    ),
    Article("f", "Putin will travel to the northeastern Chinese city of Harbin."),
)
HARBIN = len(LIBRARY.sentences) - 1
TERMS = corpora.sentence_terms(LIBRARY)
FACTS = sentence_facts(LIBRARY, terms)
JUDGE = Judge(
    LIBRARY,
    TERMS.__getitem__,
    Rules(related_share=0.8, context_share=0.5, extend_for_coverage=False),
    FACTS,
    title_terms(LIBRARY, terms),
)


def term(word: str, weight: float = 1.0, **fields: object) -> QueryTerm:
    return replace(QueryTerm(stem(word), word, weight), **fields)  # type: ignore[arg-type]


def test_support_is_full_inside_less_through_a_related_word_and_half_around() -> None:
    inside, around = TERMS[0], TERMS[1]
    assert JUDGE.support(term("troops"), inside, around) == 1.0
    assert JUDGE.support(term("soldiers", related=frozenset({"troop"})), inside, around) == 0.8
    assert JUDGE.support(term("buildup"), inside, around) == 0.5
    assert JUDGE.support(term("medals"), inside, around) == 0.0


def test_related_words_and_context_are_switchable() -> None:
    strict = replace(JUDGE, rules=Rules(extend_for_coverage=False))
    query = Query((term("soldiers", related=frozenset({"troop"})), term("buildup")))
    assert JUDGE.passage(Hit(0, 1.0), query).coverage == pytest.approx(0.65)
    assert strict.passage(Hit(0, 1.0), query).coverage == 0.0


def test_a_target_focus_must_be_in_the_passage_a_topic_may_be_around_it() -> None:
    # Hit 1 ("The buildup alarmed Kyiv.") sits next to "Troops gathered at the border."
    as_target = Query((term("troops", focus=Focus.TARGET), term("kyiv")))
    as_topic = Query((term("troops", focus=Focus.TOPIC), term("kyiv")))
    rules = replace(JUDGE.rules, require_focus=True, extend_for_coverage=False)
    judge = replace(JUDGE, rules=rules)
    assert judge.passage(Hit(1, 1.0), as_target).lacking == "troops"
    assert judge.passage(Hit(1, 1.0), as_topic).lacking is None


@pytest.mark.parametrize(
    ("need", "hit", "lacking"),
    [
        (Need.NUMBER, 7, None),
        (Need.NUMBER, 6, "a figure"),
        (Need.MONEY, 7, None),
        (Need.MONEY, 0, "a sum of money"),
        (Need.SHARE, 7, "a share"),
        (Need.SPAN, 10, None),
        (Need.SPAN, 7, "a length of time"),
        (Need.CLOCK, 12, "a time of day"),
        (Need.PERSON, 2, None),
        (Need.PERSON, 3, "a name"),
    ],
    ids=[
        "figure",
        "no-figure",
        "money",
        "no-money",
        "no-share",
        "span",
        "no-span",
        "no-time-of-day",
        "name",
        "no-name",
    ],
)
def test_answer_kind(need: Need, hit: int, lacking: str | None) -> None:
    judge = replace(JUDGE, rules=replace(JUDGE.rules, require_kind=True, extend_for_coverage=False))
    assert judge.passage(Hit(hit, 1.0), Query((term("deal"),), need=need)).lacking == lacking


def test_names_may_stand_in_an_acronym_or_behind_a_speaker_pronoun() -> None:
    names = replace(JUDGE, rules=replace(JUDGE.rules, require_names=True, extend_for_coverage=False))
    cnpc = Query((term("cnpc", 5.0, name=True), term("oil", 1.0)))
    assert names.passage(Hit(6, 1.0), cnpc).lacking is None
    kennedy = Query((term("kennedy", 5.0, name=True), term("limits", 1.0)))
    assert names.passage(Hit(5, 1.0), kennedy).lacking is None  # "..., he said." three sentences on
    greenspan = Query((term("greenspan", 5.0, name=True), term("oil", 1.0)))
    assert names.passage(Hit(6, 1.0), greenspan).lacking == "greenspan"


def test_a_passage_holds_the_subject_unless_a_name_or_the_focus_is_missing() -> None:
    # The subject is what the question is about (its names, its focus); the answer kind it lacks is not.
    rules = replace(JUDGE.rules, require_names=True, require_kind=True, extend_for_coverage=False)
    judge = replace(JUDGE, rules=rules)
    greenspan = Query((term("greenspan", 5.0, name=True), term("oil", 1.0)))
    assert not judge.passage(Hit(6, 1.0), greenspan).subject
    how_long = Query((term("visit"),), need=Need.DURATION)
    lacking_kind = judge.passage(Hit(11, 1.0), how_long)
    assert (lacking_kind.lacking, lacking_kind.subject) == ("a length of time", True)


def test_an_instance_of_the_answer_type_covers_it() -> None:
    countries = term("countries", answer_type=True, instances=frozenset({"kyiv"}))
    assert JUDGE.support(countries, TERMS[1], frozenset()) == 1.0
    assert JUDGE.support(countries, TERMS[0], frozenset()) == 0.0


def test_a_term_prominent_in_the_article_counts_its_setting_share() -> None:
    query = Query((term("troops"), term("exports")))  # "Exports grew fast." is four sentences on
    with_setting = replace(
        JUDGE, rules=replace(JUDGE.rules, setting_share=0.5), settings={"a": frozenset({stem("exports")})}
    )
    assert JUDGE.passage(Hit(0, 1.0), query).coverage == pytest.approx(0.5)
    assert with_setting.passage(Hit(0, 1.0), query).coverage == pytest.approx(0.75)


def test_how_long_needs_a_length_of_time() -> None:
    judge = replace(JUDGE, rules=replace(JUDGE.rules, require_kind=True))
    query = Query((term("visit"),), need=Need.DURATION)
    assert judge.passage(Hit(10, 1.0), query).lacking is None
    assert judge.passage(Hit(11, 1.0), query).lacking == "a length of time"


def test_acronyms_count_as_held_for_coverage_too() -> None:
    names = replace(JUDGE, rules=replace(JUDGE.rules, require_names=True))
    query = Query((term("cnpc", 5.0, name=True), term("oil", 1.0)))
    assert names.passage(Hit(6, 1.0), query).coverage == 1.0
    no_names = replace(JUDGE, rules=replace(JUDGE.rules, require_names=False))
    assert no_names.passage(Hit(6, 1.0), query).coverage == pytest.approx(1 / 6)


@pytest.mark.parametrize(
    ("hit", "asked", "lacking"),
    [(9, "olympics", None), (8, "summit", "a place"), (9, "beijing", "a place"), (HARBIN, "harbin", None)],
    ids=["place", "no-place", "only-the-asked-place", "a-compass-direction"],
)
def test_where_needs_a_place_the_question_does_not_name(hit: int, asked: str, lacking: str | None) -> None:
    judge = replace(JUDGE, rules=replace(JUDGE.rules, require_kind=True))
    assert judge.passage(Hit(hit, 1.0), Query((term(asked),), need=Need.PLACE)).lacking == lacking


@pytest.mark.parametrize(
    ("target", "joint", "lacking"),
    [("oil", True, "a figure"), ("oil", False, None), ("deal", True, None)],
    ids=["figure-beside-its-target", "switched-off", "figure-with-its-target"],
)
def test_a_count_needs_its_figure_in_the_sentence_of_what_it_counts(
    target: str, joint: bool, lacking: str | None
) -> None:
    # Hit 7 ("The deal is worth $9bn.") is quoted with "Rosneft will ship oil to ..." when oil is asked about.
    rules = replace(JUDGE.rules, require_kind=True, extend_for_coverage=True, joint_figures=joint)
    query = Query((term(target, focus=Focus.TARGET, head=True), term("rosneft", 0.1)), need=Need.NUMBER)
    passage = replace(JUDGE, rules=rules).passage(Hit(7, 1.0), query)
    assert (passage.first, passage.last) == (6, 7)
    assert passage.lacking == lacking


@pytest.mark.parametrize(("whole", "lacking"), [(False, None), (True, "gas")], ids=["head-enough", "whole"])
def test_a_whole_target_needs_its_head_and_half_its_weight(whole: bool, lacking: str | None) -> None:
    # "gas deal": the quote ("The deal is worth $9bn.") holds the head, not the heavier modifier.
    rules = replace(JUDGE.rules, require_focus=True, whole_targets=whole)
    query = Query((term("gas", 3.0, focus=Focus.TARGET), term("deal", 1.0, focus=Focus.TARGET, head=True)))
    assert replace(JUDGE, rules=rules).passage(Hit(7, 1.0), query).lacking == lacking


def test_a_gated_word_weighs_less_only_in_the_coverage_that_decides_to_decline() -> None:
    query = Query((term("exports"), term("soared", weight=3.0, unseen=True, gate=0.5)))
    passage = JUDGE.passage(Hit(4, 1.0), query)
    assert passage.coverage == pytest.approx(0.25)
    assert passage.answers == pytest.approx(1.0 / 2.5)
    whole = JUDGE.passage(Hit(4, 1.0), Query((term("exports"),)))
    assert whole.gate is None
    assert whole.answers == whole.coverage == 1.0


def test_a_definitions_noun_counts_only_in_the_coverage_that_decides_to_decline() -> None:
    # "massing" is in no sentence; a noun of its definition, "troops", is in sentence 0.
    defined = term("massing", weight=2.0, unseen=True, defined=(("troop", 0.5),))
    query = Query((term("border"), defined))
    on = replace(JUDGE, rules=replace(JUDGE.rules, defined_share=0.8))
    passage = on.passage(Hit(0, 1.0), query)
    assert passage.coverage == pytest.approx(1.0 / 3.0)
    assert passage.answers == pytest.approx((1.0 + 2.0 * 0.8 * 0.5) / 3.0)
    assert JUDGE.passage(Hit(0, 1.0), query).answers == pytest.approx(1.0 / 3.0)  # switched off: no credit
    elsewhere = on.passage(Hit(4, 1.0), query)  # a passage without the noun earns nothing for it
    assert elsewhere.answers == elsewhere.coverage


DATED = corpora.library(
    Article("old", "Trade reached a record. Trade had grown last year. Trade grew in 2019.", date=date(2022, 2, 4)),
    Article("new", "Trade reached a record.", date=date(2024, 5, 16)),
    Article("undated", "Trade reached a record."),
)
DATED_JUDGE = Judge(
    DATED,
    corpora.sentence_terms(DATED).__getitem__,
    Rules(extend_for_coverage=False, require_years=True),
    sentence_facts(DATED, terms),
    title_terms(DATED, terms),
)


@pytest.mark.parametrize(
    ("hit", "year", "lacking"),
    [(3, 2024, None), (0, 2024, "2024"), (1, 2021, None), (2, 2019, None), (0, 2019, "2019"), (4, 2019, None)],
    ids=["article-of-the-year", "article-of-another-year", "said-relatively", "written", "elsewhere", "undated"],
)
def test_a_year_the_question_names_must_be_the_passages(hit: int, year: int, lacking: str | None) -> None:
    query = Query((term("trade"), term(str(year))), years=frozenset({year}))
    assert DATED_JUDGE.passage(Hit(hit, 1.0), query).lacking == lacking
    off = replace(DATED_JUDGE, rules=replace(DATED_JUDGE.rules, require_years=False))
    assert off.passage(Hit(hit, 1.0), query).lacking is None


def _judge_one(text: str, rules: Rules, published: date | None = None) -> Judge:
    library = corpora.library(Article("a", text, date=published))
    return Judge(library, corpora.sentence_terms(library).__getitem__, rules, sentence_facts(library, terms))


@pytest.mark.parametrize(
    ("text", "counts", "lacking"),
    [
        ("Production stops by 1989.", True, "a figure"),
        ("Production stops on March 9.", True, "a figure"),
        ("Production of 9,000 cars stops by 1989.", True, None),
        ("Production stops by 1989.", False, None),
    ],
    ids=["a-year", "a-day-of-the-month", "a-count-beside-a-year", "switched-off"],
)
def test_how_many_is_not_answered_by_a_year_or_a_date_alone(text: str, counts: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, counts=counts))
    assert judge.passage(Hit(0, 1.0), Query((term("production"),), need=Need.NUMBER)).lacking == lacking


@pytest.mark.parametrize(
    ("text", "ties", "lacking"),
    [
        ("The two sides signed 15 other cooperation deals.", True, "a figure"),
        ("The U.S. sanctioned 15 Chinese companies.", True, None),
        ("The number of companies rose to 15.", True, None),
        ("The two sides signed 15 other cooperation deals.", False, None),
    ],
    ids=["counts-another-noun", "counts-the-target", "a-bare-figure", "switched-off"],
)
def test_how_many_x_needs_a_figure_that_counts_x(text: str, ties: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, counts=True, count_ties=ties))
    query = Query((term("companies", focus=Focus.TARGET, head=True),), need=Need.NUMBER, counting=True)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "ties", "lacking"),
    [
        ("Bass said its 1986 sales exceeded 170 mln dlrs.", True, "a sum of money"),
        ("Bass said it earned 17 mln dlrs on sales of 170 mln dlrs.", True, None),
        ("Bass was sold for 170 mln dlrs last year.", True, "a sum of money"),
        ("The deal came to 170 mln dlrs.", True, None),
        ("Bass said its 1986 sales exceeded 170 mln dlrs.", False, None),
    ],
    ids=["another-measure-nearer", "one-sum-of-the-measure", "sold-is-not-earned", "no-measure-near", "switched-off"],
)
def test_how_much_did_x_earn_needs_a_sum_of_earnings(text: str, ties: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, sum_ties=ties))
    query = Query((term("bass"), term("earn")), need=Need.MONEY)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "ties", "lacking"),
    [
        ("It was below the 3.3 pct growth rate predicted.", True, "a share"),
        ("The inflation rate rose to 3.3 pct.", True, None),
        ("Prices rose 3.3 pct in the year.", True, None),
        ("It was below the 3.3 pct growth rate predicted.", False, None),
    ],
    ids=["another-rate", "the-asked-rate", "no-rate-near", "switched-off"],
)
def test_what_inflation_rate_needs_a_share_of_that_rate(text: str, ties: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, rate_ties=ties))
    query = Query((term("inflation"), term("rate")), need=Need.SHARE)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "ties", "lacking"),
    [
        ("The court set a hearing, but TWA last week said it owned 15 pct.", True, "a date or time"),
        ("The court will hear the TWA case next week, lawyers said.", True, None),
        ("The court set a hearing, but TWA last week said it owned 15 pct.", False, None),
    ],
    ids=["the-date-is-another-events", "the-date-is-the-hearings", "switched-off"],
)
def test_when_needs_a_date_in_a_clause_of_the_asked_event(text: str, ties: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, date_ties=ties))
    query = Query((term("court"), term("hear"), term("twa", name=True, owner=True)), need=Need.TIME)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "lacking"),
    [
        ("It was their first meeting since 2019, officials said.", "a year"),
        ("The two leaders first met in 2013, officials said.", None),
        ("Putin recalled the 2008 Games, officials said.", "a year"),
    ],
    ids=["first-since-is-the-last-time-before", "the-first-meeting", "a-common-name-ties-nothing"],
)
def test_which_year_needs_a_year_of_the_asked_occasion(text: str, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, date_ties=True))
    terms_ = (term("putin", weight=1.0, name=True), term("first", weight=3.0), term("met", weight=3.0))
    query = Query(terms_, need=Need.YEAR, rare=4.0)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("hit", "every", "lacking"),
    [(3, True, "2030"), (2, True, None), (3, False, None)],
    ids=["one-year-of-two", "both-years", "switched-off"],
)
def test_each_year_the_question_names_must_be_the_passages(hit: int, every: bool, lacking: str | None) -> None:
    # "Did the 2024 summit set a trade goal for 2030?" against the 2024 story ("new", hit 3) that names no 2030.
    judge = replace(DATED_JUDGE, rules=replace(DATED_JUDGE.rules, every_year=every))
    years = (2024, 2030) if hit == 3 else (2022, 2019)
    query = Query((term("trade"), *(term(str(y)) for y in years)), years=frozenset(years))
    assert judge.passage(Hit(hit, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "given", "lacking"),
    [
        ("Gazprom signed a gas deal with CNPC. It runs for 30 years.", True, "$117.5"),
        ("Gazprom signed a $117.5 billion gas deal. It runs for 30 years.", True, None),
        ("The first of 2000 troops arrived. More come on Friday.", True, None),
        ("Gazprom signed a gas deal with CNPC. It runs for 30 years.", False, None),
    ],
    ids=["another-deal", "the-deal-named-by-its-figure", "thousands-separator", "switched-off"],
)
def test_a_figure_the_question_gives_is_a_key_concept(text: str, given: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, given_figures=given))
    query = Query((term("$117.5") if "troops" not in text else term("2,000"), term("gas"), term("deal")))
    assert judge.passage(Hit(1, 1.0), query).lacking == lacking


def test_a_day_of_the_month_or_a_year_the_question_gives_is_left_to_the_date_rules() -> None:
    judge = _judge_one("Gazprom signed a gas deal. It runs for 30 years.", Rules(given_figures=True))
    query = Query((term("deal"), term("7"), term("october"), term("2008")))
    assert judge.passage(Hit(0, 1.0), query).lacking is None


@pytest.mark.parametrize(
    ("text", "asked", "switch", "lacking"),
    [
        ("The purchase was for 72.50 dlrs a share.", ("pay", "total"), True, "a total sum of money"),
        ("It paid 3.1 billion dlrs, or 72.50 dlrs a share.", ("pay", "total"), True, None),
        ("The purchase was for 72.50 dlrs a share.", ("pay", "per", "share"), True, None),
        ("The purchase was for 72.50 dlrs a share.", ("pay", "total"), False, None),
    ],
    ids=["only-a-price-per-share", "a-total-beside-it", "a-price-is-asked", "switched-off"],
)
def test_a_price_per_unit_is_no_total(text: str, asked: tuple[str, ...], switch: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_kind=True, unit_prices=switch))
    query = Query(tuple(term(word) for word in asked), need=Need.MONEY)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "switch", "lacking"),
    [
        ("Last year, bilateral trade reached a record US$240-billion.", True, "a rise or fall"),
        ("Last year, bilateral trade rose 26 pct to US$240-billion.", True, None),
        ("Trade was up 26 pct last year.", True, None),
        ("Last year, trade enlarged to US$240-billion.", True, None),
        ("Last year, bilateral trade reached a record US$240-billion.", False, None),
    ],
    ids=["a-level", "rose", "up", "a-relative-of-the-questions-verb", "switched-off"],
)
def test_how_much_did_x_grow_needs_a_change(text: str, switch: bool, lacking: str | None) -> None:
    judge = _judge_one(text, Rules(extend_for_coverage=False, related_share=0.8, changes=switch))
    query = Query((term("trade"), term("expand", related=frozenset({stem("enlarged")}))), need=Need.MONEY)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("quoted", "lacking", "coverage"),
    [(True, None, 0.75), (False, "perino", 0.5)],
    ids=["switched-on", "switched-off"],
)
def test_a_passage_inside_a_quotation_takes_its_speaker_from_before_the_opening(
    quoted: bool, lacking: str | None, coverage: float
) -> None:
    # The quotation opens a sentence before the hit, and Perino is named the sentence before that.
    text = "Dana Perino spoke today. ``The first thing is simple. The limit rose to $250,000. It is safe,`` she stated."
    rules = Rules(extend_for_coverage=False, context_share=0.5, quoted_speakers=quoted)
    judge = _judge_one(text, rules)
    query = Query((term("perino", name=True), term("limit")))
    passage = judge.passage(Hit(2, 1.0), query)
    assert (passage.lacking, passage.coverage) == (lacking, coverage)


@pytest.mark.parametrize(
    ("asked", "lacking"),
    [(True, "10 October"), (False, None)],
    ids=["switched-on", "switched-off"],
)
def test_a_day_the_question_names_must_be_the_passages(asked: bool, lacking: str | None) -> None:
    # "How many points did the Nikkei lose on 10 October?", against the story of 27 October.
    library = corpora.library(Article("a", "The Nikkei lost 486 points.", date=date(2008, 10, 27)))
    judge = Judge(library, corpora.sentence_terms(library).__getitem__, Rules(asked_days=asked))
    query = Query((term("nikkei"), term("points")), days=frozenset({(10, 10)}))
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking
    assert judge.passage(Hit(0, 1.0), replace(query, days=frozenset({(10, 27)}))).lacking is None


@pytest.mark.parametrize("quoted", [True, False], ids=["switched-on", "switched-off"])
def test_whose_words_a_passage_inside_their_quotation_gives(quoted: bool) -> None:
    # "According to Dana Perino, ...": the hit is the second sentence of her quotation; she is named before it.
    text = "Dana Perino spoke today. ``The first thing is simple. The limit rose to $250,000. It is safe,`` she stated."
    judge = _judge_one(text, Rules(extend_for_coverage=False, speakers=True, quoted_speakers=quoted))
    query = Query((term("limit"),), speaker=("dana", "perino"))
    assert judge.passage(Hit(2, 1.0), query).lacking == (None if quoted else "what Perino said")


@pytest.mark.parametrize(
    ("text", "tags", "lacking"),
    [
        ("Senator Corker was unhappy. ``We were close. We solved everything,`` he said.", True, None),
        ("Senator Corker was unhappy. ``We were close. We solved everything,`` he said.", False, "what Corker said"),
        ("Senator Corker was unhappy. ``We were close. We solved everything,`` said Reid.", True, "what Corker said"),
    ],
    ids=["tag-after-the-passage", "switched-off", "someone-elses-tag"],
)
def test_a_quotation_the_passage_leaves_open_is_its_closing_tags_speakers(
    text: str, tags: bool, lacking: str | None
) -> None:
    # "wat did bob corker say abt the failed deal": the hit opens his quotation; "he said" closes it a sentence on.
    judge = _judge_one(text, Rules(extend_for_coverage=False, speakers=True, speaker_tags=tags))
    query = Query((term("close"),), speaker=("corker",))
    assert judge.passage(Hit(1, 1.0), query).lacking == lacking


def test_a_single_digit_the_question_gives_is_no_key_concept() -> None:
    # "wat did paulson say the govt was buyin bad loans 4": chat's "4" is "for"; news spells one to nine out.
    judge = _judge_one("Paulson said the government was buying bad loans.", Rules(given_figures=True))
    query = Query((term("paulson", name=True), term("loans"), term("4")))
    assert judge.passage(Hit(0, 1.0), query).lacking is None


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("The bank reported first quarter profit of 114.1 mln dlrs.", True, "the fourth quarter"),
        ("The bank reported first quarter profit of 114.1 mln dlrs.", False, None),
        ("Profit rose to 2.77 billion dlrs from 2.20 billion dlrs in the third quarter.", True, None),
        ("October-December profit was 114.1 mln dlrs.", True, None),
        ("The bank reported profit of 114.1 mln dlrs.", True, None),
    ],
    ids=["another-quarter", "switched-off", "compared-with-another", "its-months", "no-quarter-named"],
)
def test_a_quarter_the_question_names_is_not_answered_by_another_quarters_passage(
    text: str, on: bool, lacking: str | None
) -> None:
    # "How much did the bank earn in the fourth quarter?"
    judge = _judge_one(text, Rules(other_periods=on))
    query = Query((term("bank"), term("profit"), term("fourth"), term("quarter")), quarters=frozenset({4}))
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("published", "on", "lacking"),
    [(date(2022, 2, 4), True, "2024"), (date(2022, 2, 4), False, None), (date(2024, 5, 16), True, None)],
    ids=["figure-of-another-year", "switched-off", "figure-of-the-year"],
)
def test_the_sentence_giving_the_asked_figure_must_be_of_the_asked_year(
    published: date, on: bool, lacking: str | None
) -> None:
    # "How many deals did they sign in 2024?": the count stands in the 2022 story, beside its 2024 trade goal.
    text = "The two sides signed 15 other cooperation deals. They set a goal of 200 billion dlrs in trade by 2024."
    rules = Rules(require_years=True, counts=True, amounts=True, figure_years=on)
    judge = _judge_one(text, rules, published)
    asked = (term("deals", focus=Focus.TARGET, head=True), term("signed"), term("2024"))
    query = Query(asked, years=frozenset({2024}), need=Need.NUMBER, counting=True)
    passage = judge.passage(Hit(0, 1.0), query)
    assert (passage.first, passage.last) == (0, 1)
    assert passage.lacking == lacking


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("He said the bankruptcy filings did not cover the company's businesses in Latin America.", True, "judge"),
        ("He said the bankruptcy filings did not cover the company's businesses in Latin America.", False, None),
        ("Judge Arthur Gonzalez will oversee the bankruptcy case.", True, None),
        ("The bankruptcy case goes before a judicial panel.", True, None),
    ],
    ids=["no-office-written", "switched-off", "office-beside-the-name", "derived-form"],
)
def test_a_question_asking_which_holder_of_an_office_needs_the_office_in_the_passage(
    text: str, on: bool, lacking: str | None
) -> None:
    # "Which judge is overseeing the bankruptcy case?"
    judge = _judge_one(text, Rules(asked_offices=on))
    office = ("judge", frozenset({"judg", "judgeship", "judici"}))
    query = Query((term("judge"), term("overseeing"), term("bankruptcy"), term("case")), office=office)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("Kritenbrink spoke about the summit. He also named Taiwan.", True, "taiwan"),
        ("Kritenbrink spoke about the summit. He also named Taiwan.", False, None),
        ("Kritenbrink mentioned Taiwan in his remarks on the summit.", True, None),
    ],
    ids=["named-only-in-the-neighbour", "switched-off", "named-in-the-passage"],
)
def test_a_yes_no_question_needs_the_names_after_its_verb_in_the_passage_itself(
    text: str, on: bool, lacking: str | None
) -> None:
    # "Did Kritenbrink mention Taiwan in his remarks on the summit?"
    judge = _judge_one(text, Rules(extend_for_coverage=False, yes_no_names=on))
    asked = (("taiwan", frozenset({"taiwan"})),)
    query = Query((term("kritenbrink", name=True), term("summit"), term("taiwan", name=True)), asked_names=asked)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("words", "figures"),
    [
        (("what", "was", "the", "$117.5", "billion", "deal"), {"117.5", "billion"}),
        (("how", "many", "troops"), set()),
        # A year is written with a separator too: no story writes "2,024", and "2000" may be 2,000 troops.
        (("in", "2024", "10", "pct"), {"2024", "2,024", "10", "pct"}),
    ],
    ids=["sum", "none", "year-and-share"],
)
def test_question_figures_are_the_figures_its_words_give(words: tuple[str, ...], figures: set[str]) -> None:
    query = Query(tuple(QueryTerm(word, word, 1.0) for word in words))
    assert question_figures(query) == figures


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("Chrysler will pay 200 mln dlrs for the stake and will pay up to 350 mln dlrs more.", True, "twa pay"),
        ("Chrysler will pay 200 mln dlrs for the stake and will pay up to 350 mln dlrs more.", False, None),
        ("TWA will pay 200 mln dlrs for the stake.", True, None),
        ("It will pay 200 mln dlrs for the stake.", True, None),
        ("The stake was sold for 200 mln dlrs.", True, None),
    ],
    ids=["another-names-act", "switched-off", "the-asked-actor", "a-pronoun-may-be-it", "verb-not-written"],
)
def test_the_asked_act_written_only_with_another_name_as_its_subject_does_not_answer(
    text: str, on: bool, lacking: str | None
) -> None:
    # "How much did TWA pay for its stake?"
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_names=False, other_actors=on))
    actor = Actor("twa", frozenset({"twa"}), "pay", "pay")
    query = Query((term("twa", name=True), term("pay"), term("stake")), need=Need.MONEY, actor=actor)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("Holders will receive not more than .0840 of a share for each share they hold.", True, "a figure"),
        ("Holders will receive not more than .0840 of a share for each share they hold.", False, None),
        ("Chrysler will take over 1,200 dealers.", True, None),
        ("Chrysler will take over 0.5 million dealers.", True, None),
    ],
    ids=["a-ratio", "switched-off", "a-whole-count", "a-fraction-scaled"],
)
def test_how_many_is_not_answered_by_a_figure_below_one(text: str, on: bool, lacking: str | None) -> None:
    rules = Rules(extend_for_coverage=False, require_kind=True, counts=True, amounts=True, whole_counts=on)
    judge = _judge_one(text, rules)
    query = Query((term("dealers"), term("chrysler")), need=Need.NUMBER, counting=True)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


@pytest.mark.parametrize(
    ("text", "on", "lacking"),
    [
        ("Putin's two-day visit to Beijing comes as the war goes on.", True, "a length of time"),
        ("Putin's two-day visit to Beijing comes as the war goes on.", False, None),
        ("The two-day talks ended on Friday.", True, None),
        ("The visit lasted two days.", True, None),
        ("The 16-day Games close on Sunday.", True, None),
    ],
    ids=["another-nouns-span", "switched-off", "the-asked-nouns-span", "a-free-span", "a-named-thing-s-span"],
)
def test_how_long_x_lasted_is_not_answered_by_a_span_of_another_noun(text: str, on: bool, lacking: str | None) -> None:
    # "How long did the talks last?"
    judge = _judge_one(text, Rules(extend_for_coverage=False, require_names=False, require_kind=True, span_ties=on))
    query = Query((term("talks"), term("games", name=True), term("last")), need=Need.SPAN)
    assert judge.passage(Hit(0, 1.0), query).lacking == lacking


def test_a_figure_the_question_writes_without_separators_is_the_storys_with_them() -> None:
    query = Query((term("2000"), term("troops")))
    assert {"2000", "2,000"} <= question_figures(query)


@pytest.mark.parametrize(("days", "lacking"), [(True, None), (False, "october")], ids=["switched-on", "switched-off"])
def test_a_month_the_question_names_is_held_by_the_passages_dateline(days: bool, lacking: str | None) -> None:
    # "How many points did the Nikkei lose in October?", against a story of 27 October that says "today".
    library = corpora.library(Article("a", "The Nikkei lost 486 points today.", date=date(2008, 10, 27)))
    judge = Judge(library, corpora.sentence_terms(library).__getitem__, Rules(asked_days=days))
    query = Query((term("nikkei"), term("points"), term("october", 3.0, name=True)))
    passage = judge.passage(Hit(0, 1.0), query)
    assert passage.lacking == lacking
    assert (passage.coverage == 1.0) is days
