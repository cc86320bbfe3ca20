"""Sentence facts: years said outright or relative to the article date, numbers, dates, names."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import facts as facts_module
from retrieval.facts import (
    SentenceFacts,
    acronyms_in,
    amount_clauses,
    answer_clauses,
    counted_words,
    dates_in,
    days_in,
    figures_in,
    money_sums,
    month_term,
    of_day,
    reported_figures,
    sentence_facts,
    spans_measured,
    title_terms,
    weekday_term,
    with_dates,
)
from retrieval.library import Library
from retrieval.model import Article
from retrieval.text import terms
from tests.support import corpora


def library(text: str, when: date | None = date(2024, 5, 16), title: str | None = None) -> Library:
    return corpora.library(Article("a", text, title=title, date=when))


def test_relative_years_resolve_against_the_article_date() -> None:
    facts = sentence_facts(
        library("Last year, trade reached a record. Trade will grow next year. It began in 2013."), terms
    )
    assert [f.years for f in facts] == [{2023}, {2025}, {2013}]


def test_relative_years_need_a_dated_article() -> None:
    facts = sentence_facts(library("Last year, trade reached a record.", when=None), terms)
    assert facts[0].years == frozenset()


def test_answer_kinds() -> None:
    facts = sentence_facts(
        library("Troops numbered 100,000 in the area. The talks went well. He met Scott Kennedy in Beijing."), terms
    )
    assert [f.has_number for f in facts] == [True, False, False]
    assert facts[2].has_place
    assert facts[2].places == {"beijing"}
    assert facts[2].names == ("Scott Kennedy",)
    assert facts[1].names == ()


def test_title_terms() -> None:
    assert title_terms(library("Text here.", title="Gas deals signed"), terms) == {
        "a": frozenset(terms("Gas deals signed"))
    }


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("QUITO, March 9 - The budget is due on March 17, officials said.", {"march 17"}),
        ("It emerged last November and was debated last week.", {"last november", "last week"}),
        ("They met on 4 February 2022, a Friday.", {"4 february", "2022", "friday"}),
        ("This may take a year.", set()),
    ],
    ids=["dateline-left-out", "relative", "day-before-month", "no-date"],
)
def test_dates_in_are_the_dates_a_text_gives(text: str, dates: set[str]) -> None:
    assert dates_in(text) == dates


@pytest.mark.parametrize(
    ("text", "days", "figures"),
    [
        ("WASHINGTON, Feb 26 - The Treasury lent 500 mln dlrs.", {"26"}, {"500", "mln"}),
        ("They met on 4 February and on March 5.", {"4", "5"}, set()),
        ("It fell 26 pct in February.", set(), {"26", "pct"}),
    ],
    ids=["dateline", "both-orders", "figure-beside-a-month-name-only"],
)
def test_days_of_the_month_are_not_reported_figures(text: str, days: set[str], figures: set[str]) -> None:
    assert days_in(text) == days
    assert reported_figures(text) == figures


@pytest.mark.parametrize(
    ("text", "figures", "money"),
    [
        ("Troops numbered 100,000.", {"100,000"}, False),
        ("It cost $9.3bn.", {"9.3"}, True),
        ("Trade reached US$140 billion.", {"140", "billion"}, True),
        ("They seek 540bn yen.", {"540"}, True),
        ("It plans to pay 2.1 billion dlrs.", {"2.1", "billion"}, True),
        ("A 50 mln stg loan.", {"50", "mln"}, True),
        ("It declared a monthly payout of 5.7 cts a share.", {"5.7"}, True),
        ("Output of 15.8 mln bpd.", {"15.8", "mln"}, False),
        ("Two leaders met.", {"two"}, False),
        ("Leaders met.", set(), False),
    ],
    ids=[
        "count",
        "dollars",
        "us-dollars",
        "yen",
        "newswire-dlrs",
        "newswire-stg",
        "newswire-cents",
        "newswire-count",
        "number-word",
        "none",
    ],
)
def test_figures_and_money(text: str, figures: set[str], money: bool) -> None:
    facts = sentence_facts(library(text), terms)[0]
    assert facts.figures == figures_in(text) == figures
    assert facts.has_money is money


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Pan Am ordered 40 new aircraft for an estimated 2.5 billion dlrs.", {"40"}),
        ("A gas deal worth $117.5 billion covers 2,000 wells.", {"2,000"}),
        ("Profit rose 17% to 300 mln stg, or 15 pct, on 12 sites.", {"12"}),
        ("More than 100,000 troops gathered.", {"100,000"}),
    ],
    ids=["newswire-dlrs", "dollar-sign", "shares-and-stg", "count"],
)
def test_counts_leave_out_sums_of_money_and_shares(text: str, counts: set[str]) -> None:
    assert sentence_facts(library(text), terms)[0].counts == counts


def test_acronyms_of_capitalised_runs() -> None:
    found = acronyms_in("Rosneft and China National Petroleum Corporation agreed; the National Union of Journalists")
    assert {"cnpc", "nuj", "rcnpc"} <= found
    assert acronyms_in("no capitals here") == frozenset()


@pytest.mark.parametrize(
    ("text", "duration", "exact_date"),
    [
        ("Putin is on a two-day state visit.", True, False),
        ("Oil will flow for 10 years.", True, False),
        ("It was their first meeting since 2019.", True, True),
        ("The statement runs to nearly 5,400 words.", True, False),
        ("They will ship 10 billion cubic metres of gas per year.", False, False),
        ("Ties have grown in recent years.", False, False),
        ("They met on Friday.", False, True),
    ],
    ids=["two-day", "for-years", "since-year", "words", "per-year", "recent-years", "weekday"],
)
def test_durations_and_dates_proper(text: str, duration: bool, exact_date: bool) -> None:
    facts = sentence_facts(library(text, when=None), terms)[0]
    assert (facts.has_duration, facts.has_exact_date) == (duration, exact_date)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("They met at the Diaoyutai State Guesthouse on Friday.", {"diaoyutai"}),
        ("Funds will come from the Exchange Stabilization Fund.", {"exchange"}),
        ("OPEC may meet before a June session in Vienna.", {"vienna"}),
        ("The editor of Mideast Reports expects OPEC to meet in June.", set()),
        ("NEW YORK, Feb 26 - Venezuela agreed.", set()),
        ("The share would come from its Exchange Stabilization Fund.", {"exchange"}),
        ("Putin will travel to the northeastern Chinese city of Harbin.", {"harbin"}),
        ("The leaders of Russia and China met.", set()),
    ],
    ids=["at-the", "from-the", "in", "of-and-month", "dateline", "from-its", "city-of", "of-alone-is-no-place"],
)
def test_places_follow_a_preposition_of_place(text: str, places: set[str]) -> None:
    assert sentence_facts(library(text), terms)[0].places == places


def test_terms_given_as_a_function_are_read_once_and_only_when_asked() -> None:
    calls: list[int] = []

    def read() -> frozenset[str]:
        calls.append(1)
        return frozenset({"gas"})

    facts = SentenceFacts("Gas flows: 38 billion cubic metres.", read, None)
    assert facts.has_number
    assert not calls
    assert facts.terms == facts.terms == frozenset({"gas"})
    assert len(calls) == 1
    assert facts == SentenceFacts("Gas flows: 38 billion cubic metres.", frozenset({"gas"}), None)


def test_month_terms_are_the_stemmed_english_month_names() -> None:
    assert [month_term(date(2024, month, 1)) for month in (1, 2, 9, 12)] == ["januari", "februari", "septemb", "decemb"]


def test_weekday_terms_are_the_stemmed_english_weekday_names() -> None:
    assert [weekday_term(date(1987, 3, day)) for day in (9, 11, 15)] == ["monday", "wednesday", "sunday"]


def test_a_dated_sentence_holds_its_articles_year_month_and_weekday() -> None:
    # "On the Wednesday, how much did the Bank give?" asks about a story of that Wednesday ("the Bank said today").
    dated = with_dates(frozenset({"bank"}), frozenset(), date(1987, 3, 11))
    assert dated == {"bank", "1987", "march", "wednesday"}


@pytest.mark.parametrize(
    ("text", "body", "exact_date"),
    [
        ("QUITO, March 9 - The shipments will stop.", "The shipments will stop.", False),
        ("WASHINGTON, D.C., March 9 - USAir said it bought shares.", "USAir said it bought shares.", False),
        ("Caracas, feb 26 - venezuela seeks new terms.", "venezuela seeks new terms.", False),
        ("QUITO, March 9 - The earthquake struck last Thursday.", "The earthquake struck last Thursday.", True),
        ("The talks on March 9 - and more - went well.", "The talks on March 9 - and more - went well.", True),
    ],
    ids=["dateline", "two-part-place", "lower-case-story", "a-date-in-the-report", "no-dateline"],
)
def test_a_dateline_is_where_and_when_a_story_was_filed_not_what_it_reports(
    text: str, body: str, exact_date: bool
) -> None:
    facts = sentence_facts(library(text), terms)[0]
    assert facts.body == body
    assert facts.has_exact_date is exact_date
    assert facts.figures == figures_in(body)


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("TWA had bought 15 pct of USAir.", True),
        ("Editorial staff fell 17%.", True),
        ("Trade jumped by one-third.", True),
        ("Renault is controlling shareholder.", True),
        ("They ship 10 billion cubic metres of gas.", False),
        ("QUITO, March 9 - The quake struck.", False),
    ],
    ids=["pct", "percent-sign", "fraction", "controlling", "an-amount", "a-dateline"],
)
def test_shares_are_percentages_and_fractions(text: str, share: bool) -> None:
    assert sentence_facts(library(text), terms)[0].has_share is share


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Exports will be halted for at least four months.", True),
        ("Putin is on a two-day state visit.", True),
        ("The statement runs to 5,400 words.", False),
        ("It was their first meeting since 2019.", False),
    ],
    ids=["months", "two-day", "words", "since-a-year"],
)
def test_a_span_is_how_long_something_lasts(text: str, span: bool) -> None:
    assert sentence_facts(library(text), terms)[0].has_span is span


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("The shop opens at 10 a.m. on weekdays.", True),
        ("Clearing banks this afternoon announced cuts.", True),
        ("Dealers quoted it at 1500 GMT.", True),
        ("TimeWarner has to restate 2000 and 2003 results.", False),
        ("They met on May 16.", False),
    ],
    ids=["am", "afternoon", "gmt", "years", "date"],
)
def test_a_time_of_day(text: str, clock: bool) -> None:
    assert sentence_facts(library(text), terms)[0].has_clock is clock


@pytest.mark.parametrize(
    ("text", "capitalised", "lowercase"),
    [
        ("The rules were set by Jorge Azpurua in March.", {"jorge", "azpurua"}, False),
        ("The rules would be published by the central bank.", set(), False),
        ("CARACAS, Feb 26 - venezuela named azpurua.", set(), True),
        ("``the market fell,`` he said.", set(), True),
    ],
    ids=["names-not-months", "none", "set-in-lower-case", "after-treebank-quotes"],
)
def test_capitalised_words_and_text_set_in_lower_case(text: str, capitalised: set[str], lowercase: bool) -> None:
    facts = sentence_facts(library(text), terms)[0]
    assert (facts.capitalised, facts.lowercase) == (frozenset(capitalised), lowercase)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They signed 15 other cooperation deals.", (("15", ("cooperation", "deals")),)),
        ("It will supply 100 million tonnes of oil.", (("100", ("tonnes",)), ("million", ("tonnes",)))),
        ("The jet will seat 215 in tri-class configuration.", (("215", ()),)),
        ("15 died and 40 first-class seats burned.", (("15", ()), ("40", ("first-class", "seats")))),
        ("It paid 200 mln dlrs for 12 pct of it.", ()),
    ],
    ids=["past-qualifiers", "past-a-scale", "bare", "a-verb-ends-it", "sums-and-shares-left-out"],
)
def test_counted_words_are_what_a_figure_counts(text: str, expected: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
    assert counted_words(text) == expected


def test_amount_clauses_place_each_sum_or_share_among_its_clauses_words() -> None:
    text = "Profit fell to 114 mln dlrs from 140 mln dlrs; the 3.3 pct growth rate held."
    assert amount_clauses(text, False) == (
        (("profit", "fell", "to", "from"), 3),
        (("profit", "fell", "to", "from"), 4),
    )
    assert amount_clauses(text, True) == ((("the", "growth", "rate", "held"), 1),)
    # Quotation marks in the Penn Treebank style end a clause as " does.
    quoted = "Sales were 40 mln dlrs, he said. ``Profit rose,`` it said."
    assert amount_clauses(quoted, False) == amount_clauses(quoted.replace("``", '"'), False)
    assert amount_clauses("He said ``profit was 5 mln dlrs`` for sales", False) == ((("profit", "was"), 2),)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "TWA last week said it owned 15 pct, the filing showed.",
            "date",
            (("twa", "last", "week", "said", "it", "own", "15", "pct"),),
        ),
        (
            "The gain was the largest since April, 1986, the agency said.",
            "year",
            (("the", "gain", "was", "the", "largest", "sinc", "april", "1986"),),
        ),
        (
            "A trade link launched by Xi in 2013 - a group of states.",
            "year",
            (("a", "trade", "link", "launch", "by", "xi", "in", "2013"),),
        ),
        ("LONDON, March 9 - Rates fell.", "date", ()),
        ("Rates fell last week.", "year", ()),
        ("Last year, trade reached a record, it said.", "year", (("last", "year", "trade", "reach", "a", "record"),)),
    ],
    ids=[
        "a-relative-date",
        "a-month-and-its-year-stay-one-clause",
        "a-dash-ends-a-clause",
        "no-dateline",
        "a-year-only",
        "a-time-said-first-joins-its-clause",
    ],
)
def test_answer_clauses_are_the_short_clauses_giving_the_kind(
    text: str, kind: str, expected: tuple[tuple[str, ...], ...]
) -> None:
    assert answer_clauses(text, kind) == expected


# Friday 10 October 2008; the asked day is Thursday 9 October unless a test says otherwise.
_FRIDAY = date(2008, 10, 10)


@pytest.mark.parametrize(
    ("text", "published", "asked", "about"),
    [
        ("The Nikkei lost 881 points.", _FRIDAY, {(10, 10)}, True),
        ("The Nikkei lost 881 points.", _FRIDAY, {(10, 9)}, False),
        ("The Nikkei lost 881 points.", _FRIDAY, {(0, 10)}, True),
        ("On October 9 the Nikkei lost 881 points.", _FRIDAY, {(10, 9)}, True),
        ("Yesterday the Nikkei lost 881 points.", _FRIDAY, {(10, 9)}, True),
        ("On Thursday the Nikkei lost 881 points.", _FRIDAY, {(10, 9)}, True),
        ("On Monday the Nikkei lost 881 points.", _FRIDAY, {(10, 9)}, False),
        ("The Nikkei lost 881 points.", None, {(10, 9)}, True),
    ],
    ids=["the-articles-day", "another-day", "a-day-of-any-month", "written", "yesterday", "a-weekday-before",
         "another-weekday", "undated"],
)  # fmt: skip
def test_of_day(text: str, published: date | None, asked: set[tuple[int, int]], about: bool) -> None:
    assert of_day(text, published, frozenset(asked)) is about


def test_a_share_written_with_a_fraction_is_a_share_not_a_sum() -> None:
    text = "The loan was set at 1-1/8 pct over Eurodollar rates"
    assert amount_clauses(text, False) == ()
    assert amount_clauses(text, True) == ((("the", "loan", "was", "set", "at", "over", "eurodollar", "rates"), 5),)


def test_money_sums_are_the_amounts_that_are_no_share() -> None:
    text = "It paid 72.50 dlrs a share, 500 billion rubles (US$ 19.7 billion) in all, up 15 pct and 1-1/8 pct."
    assert [m.group(0) for m in money_sums(text)] == ["72.50 dlrs", "500 billion rubles", "US$ 19.7 billion"]


@given(
    st.lists(
        st.sampled_from(["Feb", "February", "march", "Sept.", "26", "3", "٢٦", "2019", "on", ",", " ", "  ", "\n"]),
        max_size=8,
    ).map("".join)
)
def test_days_in_skips_only_text_without_digits(text: str) -> None:
    # The digit check before the month-name search changes nothing: every day it finds is written in digits.
    assert days_in(text) == frozenset(a or b for a, b in facts_module._DAY_OF_MONTH.findall(text))


@pytest.mark.parametrize(
    ("text", "fractions"),
    [
        ("Holders will receive not more than .0840 or less than .0687 of a share.", {"0840", "0687"}),
        ("The index rose 0.5 points.", set()),
        ("The ratio fell to 0.5 from 0.7.", {"0.5", "0.7"}),
        ("The bank sold 0.5 million shares.", set()),
        ("The bank sold 3.5 mln shares in March 1986.", set()),
    ],
    ids=["no-digit-before-the-point", "a-measure-follows", "a-leading-zero", "scaled", "a-decimal-above-one"],
)
def test_fractions_are_the_figures_below_one(text: str, fractions: set[str]) -> None:
    facts = sentence_facts(library(text), terms)[0]
    assert facts.fractions == fractions
    assert facts.fractions <= facts.figures


@pytest.mark.parametrize(
    ("text", "measured"),
    [
        ("Putin's two-day visit to Beijing", (("visit", "to"),)),
        ("a 10-year supply deal", (("suppli", "deal"),)),
        ("the pact runs for 10 years", ((),)),
        ("no time at all", ()),
    ],
    ids=["joined-to-its-noun", "two-words-after", "free", "none"],
)
def test_spans_measured_reads_the_noun_a_joined_span_measures(text: str, measured: tuple[tuple[str, ...], ...]) -> None:
    assert spans_measured(text) == measured
