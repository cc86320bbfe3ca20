"""The key concept of a question: what it counts, whose property it asks, what it is about; the answer kind."""

from __future__ import annotations

import pytest

from retrieval.focus import (
    Focus,
    Need,
    asks_count,
    asks_rate,
    asks_share,
    asks_what_time,
    asks_when,
    asks_where,
    asks_who,
    asks_year,
    focus_words,
    needed_kind,
    read_focus,
)
from retrieval.lexicon import VerbForms

# A few WordNet verb forms: whether WordNet writes each only as a verb.
VERBS = VerbForms({"quit": True, "took": True, "sit": True, "pay": False, "push": False, "deal": False})


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many medals did russian athletes win", {"medals": Focus.TARGET}),
        ("How many Russian troops were massed?", {"russian": Focus.TARGET, "troops": Focus.TARGET}),
        ("How much gas per year will Russia supply?", {"gas": Focus.TARGET}),
        ("How much did Peugeot pay?", {}),
        ("What is the Telegraph's daily circulation?", {"daily": Focus.TARGET, "circulation": Focus.TARGET}),
        ("What is S&P’s new rating for India?", {"new": Focus.TARGET, "rating": Focus.TARGET}),
        ("what did the union say about the job cuts", {"job": Focus.TOPIC, "cuts": Focus.TOPIC}),
        ("Tell me about Nato", {"nato": Focus.TOPIC}),
        ("Who is Scott Kennedy?", {}),
        ("gas deal value", {}),
        ("How many people died in the earthquake?", {"people": Focus.TARGET}),
    ],
    ids=["how-many", "how-many-phrase", "stops-at-per", "no-noun", "possessive", "curly-possessive", "about",
         "tell-me-about", "who", "keywords", "stops-at-the-verb"],
)  # fmt: skip
def test_focus_words(question: str, expected: dict[str, Focus]) -> None:
    assert focus_words(question) == expected


@pytest.mark.parametrize(
    ("question", "heads", "kinds"),
    [
        ("How many bosses quit Mitsubishi?", {"bosses"}, {"bosses"}),
        ("How many Chinese troops took part in the drills?", {"troops"}, {"chinese", "troops"}),
        ("how many readers pay a monthly contribution", {"readers"}, {"readers"}),
        ("What did they say about countries pushing their model?", {"countries"}, {"countries"}),
        ("How many arms deals were signed?", {"deals"}, {"arms", "deals"}),
        ("How many creditor banks does it have?", {"banks"}, {"creditor", "banks"}),
        ("How much gas pay deal?", {"deal"}, {"gas", "pay", "deal"}),
    ],
    ids=["only-a-verb", "irregular-past", "verb-after-plural", "ing-after-plural", "plural-noun-kept",
         "noun-before-plural", "no-plural-before"],
)  # fmt: skip
def test_what_is_counted_ends_at_a_verb(question: str, heads: set[str], kinds: set[str]) -> None:
    assert read_focus(question, VERBS).heads == heads
    assert set(read_focus(question, VERBS).kinds) == kinds


def test_without_verb_forms_the_phrase_runs_on() -> None:
    assert read_focus("How many bosses quit Mitsubishi?").heads == {"mitsubishi"}


@pytest.mark.parametrize(
    ("question", "clauses", "topic"),
    [
        ("What did Kennedy think about how far the partnership goes?", True, set()),
        ("What did Kennedy think about how far the partnership goes?", False, {"far"}),
        ("What worried them about where Washington might put it?", True, set()),
        ("What did they say about the job cuts?", True, {"job", "cuts"}),
    ],
    ids=["clause", "clause-off", "where-clause", "topic"],
)  # fmt: skip
def test_about_a_clause_names_no_topic(question: str, clauses: bool, topic: set[str]) -> None:
    assert set(read_focus(question, clauses=clauses).kinds) == topic


@pytest.mark.parametrize(
    ("question", "need"),
    [
        ("How many troops were sent?", Need.NUMBER),
        ("how much oil will Rosneft supply", Need.NUMBER),
        ("How much did Peugeot pay Mitsubishi?", Need.MONEY),
        ("How much was the trade worth?", Need.MONEY),
        ("What percentage of staff will go?", Need.NUMBER),
        ("How big is the economy?", None),
        ("Who paid for it?", None),
        ("What will the SUVs cost in Europe?", Need.MONEY),
        ("What price per cubic metre will China pay?", Need.MONEY),
        ("What did the statement say about prices?", None),
        ("How much of USAir had TWA already bought?", Need.NUMBER),
        ("How many shares will the fund buy?", Need.NUMBER),
        ("How many dollars did the fund pay?", Need.MONEY),
    ],
    ids=[
        "count",
        "amount",
        "pay",
        "worth",
        "percentage",
        "how-big",
        "no-how-much",
        "what-cost",
        "what-price",
        "far",
        "share-of-what-was-bought",
        "things-counted-beside-a-money-word",
        "money-counted",
    ],
)
def test_needed_kind(question: str, need: Need | None) -> None:
    assert needed_kind(question) is need


@pytest.mark.parametrize(
    ("question", "paid", "need"),
    [
        ("What did Chesebrough pay for G.H. Bass in 1978?", True, Need.MONEY),
        ("What did the Bass shoe business earn before tax?", True, Need.MONEY),
        ("What interest rate does BNL charge on its credit line?", True, None),
        ("What did Chesebrough pay for G.H. Bass in 1978?", False, None),
    ],
    ids=["pay", "earn", "a-rate-is-not-a-sum", "switched-off"],
)
def test_what_did_x_pay_needs_a_sum_of_money(question: str, paid: bool, need: Need | None) -> None:
    assert needed_kind(question, paid=paid) is need


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("Where will OPEC hold its June meeting?", True),
        ("where did xi and putin meet", True),
        ("And where is he heading next?", True),
        ("Where else did he go?", False),
        ("Who knows where the talks stand?", False),
        ("What did the reports say?", False),
        ("Where did the Nikkei close on 27 October?", False),
        ("where will the dollar settle", False),
        ("Where did the Dow finish the week?", False),
        ("Where have the components ended up?", True),
        ("Where the talks stalled, what did the envoys offer?", False),
    ],
    ids=["where", "lowercase", "and-where", "where-else", "embedded", "no-where", "close-at-a-level", "settle",
         "finish", "ended-up-is-a-place", "opening-clause"],
)  # fmt: skip
def test_asks_where(question: str, where: bool) -> None:
    assert asks_where(question) is where


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("When was Oliver North dismissed?", True),
        ("what day did the earthquake strike Ecuador", True),
        ("And when will they meet?", True),
        ("When else did they meet?", False),
        ("What did Xi say when he met Putin?", False),
        ("How long did the meeting last?", False),
        ("On what date was the Aukus pact signed?", True),
        ("In what year did the firm open?", True),
        ("In what way did the firm change?", False),
        ("Since when has the partnership spilled over into war games?", True),
        ("When the two sides met in 2022, did they name Ukraine?", False),
        ("When the pact was signed, when did the talks start?", True),
        ("When, exactly, did they meet?", True),
    ],
    ids=[
        "when",
        "what-day",
        "and-when",
        "when-else",
        "embedded",
        "how-long",
        "on-what-date",
        "in-what-year",
        "in-what-way",
        "since-when",
        "opening-clause-then-yes-no",
        "opening-clause-then-when",
        "aside-after-when",
    ],
)
def test_asks_when(question: str, when: bool) -> None:
    assert asks_when(question) is when


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("What percentage of China's gas imports come from Russia?", True),
        ("How much of USAir had TWA already bought?", True),
        ("what proportion of Piedmont did USAir pick up", True),
        ("How much did TWA pay for its stake?", False),
        ("How many shares did TWA buy?", False),
    ],
    ids=["percentage-of", "how-much-of", "proportion", "how-much", "how-many"],
)
def test_asks_share(question: str, share: bool) -> None:
    assert asks_share(question) is share


@pytest.mark.parametrize(
    ("question", "rate"),
    [
        ("What inflation rate was the plan supposed to stop?", True),
        ("What was Brazil's inflation rate in January?", True),
        ("what margin over libor did Venezuela win", True),
        ("What did Lawson say about the base rate cut?", False),
        ("What was the rouble's exchange rate against the yuan?", False),
        ("Which agency rates India's debt?", False),
    ],
    ids=["what-x-rate", "what-was-rate", "margin", "rate-as-modifier", "exchange-rate", "verb"],
)
def test_asks_rate(question: str, rate: bool) -> None:
    assert asks_rate(question) is rate


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("In which year did Xi and Putin first meet?", True),
        ("since when has putin been in power", False),
        ("What year was the bloc set up?", True),
        ("When did the talks start?", False),
        ("What did the statement say about 2024?", False),
    ],
    ids=["which-year", "since-when-is-any-time", "what-year", "when", "a-year-named"],
)
def test_asks_year(question: str, year: bool) -> None:
    assert asks_year(question) is year


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("How many of Pan Am's planes come from Airbus?", True),
        ("how  MANY jets", True),
        ("How much did it cost?", False),
    ],
    ids=["how-many", "any-case-and-spacing", "how-much"],
)
def test_asks_count(question: str, count: bool) -> None:
    assert asks_count(question) is count


@pytest.mark.parametrize(
    ("question", "clock"),
    [
        ("what time does the supermarket close", True),
        ("At what time did the markets open?", True),
        ("What time frame did they set?", False),
        ("When does the Louvre open?", False),
        ("When the markets reopened, what time did trading start?", True),
    ],
    ids=["what-time", "at-what-time", "time-frame", "when", "after-an-opening-clause"],
)
def test_asks_what_time(question: str, clock: bool) -> None:
    assert asks_what_time(question) is clock


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("Who will replace Donald Regan as White House chief of staff?", True),
        ("What is the name of Venezuela's central bank governor?", True),
        ("Who is Mark Buckstein?", False),
        ("Who else took a beating in the Tower report?", False),
        ("What did Regan say?", False),
        ("When Regan left, who replaced him?", True),
    ],
    ids=["who", "name-of", "who-is-a-name", "who-else", "no-who", "after-an-opening-clause"],
)
def test_asks_who(question: str, who: bool) -> None:
    assert asks_who(question) is who
