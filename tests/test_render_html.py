"""Telegram HTML rendering: escaped, blockquoted, cited, linked, and split to fit; any answer parses and fits."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.html_pack import clean
from bot.render_html import (
    MAX_LENGTH,
    render_answer,
    render_help,
    render_inline,
    render_plain,
    render_sources,
    render_welcome,
)
from retrieval.model import Answer, Article, Citation, Quote
from retrieval.overview import Overview
from tests.support.telegram_html import parse_html

REUTERS = Citation("r1", "Talks <end> & “begin”", "Reuters", date(2022, 2, 5), 'https://example.org/a?x=1&y="2"')
JOURNAL = Citation("j1", None, "The Journal", date(2022, 2, 4), None)


def quote(text: str, *citations: Citation) -> Quote:
    return Quote(text, citations[0].article_id if citations else "x", 0, len(text), 1.0, citations)


def answered(*quotes: Quote, question: str = "q?") -> Answer:
    return Answer(question, True, f"{len(quotes)} quotes.", quotes)


def shown(messages: list[str]) -> list[str]:
    return [parse_html(m).text for m in messages]


def test_quotes_are_escaped_blockquotes_with_numbered_citations() -> None:
    [message] = render_answer(answered(quote('Tom & <Jerry> said "no".', JOURNAL, REUTERS), quote("Yes.", REUTERS)))
    assert '<blockquote>Tom &amp; &lt;Jerry&gt; said "no".</blockquote>\n— [1][2]' in message
    assert "<blockquote>Yes.</blockquote>\n— [2]" in message
    parsed = parse_html(message)
    assert [e.type for e in parsed.entities].count("blockquote") == 2


def test_sources_list_links_where_there_is_a_url() -> None:
    [message] = render_answer(answered(quote("A.", JOURNAL, REUTERS)))
    assert "[1] The Journal — 2022-02-04 — j1" in parse_html(message).text
    assert (
        '<a href="https://example.org/a?x=1&amp;y=&quot;2&quot;">Reuters — “Talks &lt;end&gt; &amp; “begin””</a>'
        in message
    )
    links = [e for e in parse_html(message).entities if e.type == "text_link"]
    assert [e.extra["url"] for e in links] == ['https://example.org/a?x=1&y="2"']


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x", "not a url"], ids=["javascript", "ftp", "text"])
def test_only_web_urls_become_links(url: str) -> None:
    citation = Citation("a", None, "Outlet", None, url)
    [message] = render_answer(answered(quote("A.", citation)))
    assert "<a " not in message
    assert "undated" in message


def test_a_decline_is_its_escaped_message_alone() -> None:
    decline = Answer("x", False, "The articles don't answer this: nothing covers “<b>”.")
    assert render_answer(decline) == ["The articles don't answer this: nothing covers “&lt;b&gt;”."]


@pytest.mark.parametrize(
    ("asked", "noted"),
    [("and what about Taiwan?", True), ("What did Russia say  about Taiwan?", False), (None, False)],
    ids=["follow-up", "same-question", "not-given"],
)
def test_a_resolved_follow_up_says_how_it_was_read(asked: str | None, noted: bool) -> None:
    answer = answered(quote("A.", JOURNAL), question="What did Russia say about Taiwan?")
    text = shown(render_answer(answer, asked=asked))[0]
    assert text.startswith("Taking this as: What did Russia say about Taiwan?") is noted


def test_long_answers_split_between_quotes_never_inside_one() -> None:
    quotes = [quote(f"Quote {i} " + "word " * 95, JOURNAL) for i in range(12)]
    messages = render_answer(answered(*quotes))
    assert len(messages) > 1
    for message in messages:
        assert parse_html(message).length <= MAX_LENGTH
        assert message.count("<blockquote>") == message.count("</blockquote>")
    for q in quotes:
        expected = " ".join(q.text.split())
        assert sum(expected in text for text in shown(messages)) == 1  # whole, in exactly one message


def test_a_quote_longer_than_a_message_is_cut_between_words() -> None:
    long = " ".join(f"w{i}" for i in range(2000))
    messages = render_answer(answered(quote(long, JOURNAL)))
    texts = shown(messages)
    assert len(messages) == 3  # about 11,800 characters
    assert all(parse_html(m).length <= MAX_LENGTH for m in messages)
    assert all(m.startswith("<blockquote>") for m in messages)
    assert "".join(texts).replace(" ", "").startswith(long.replace(" ", ""))


def test_length_counts_emoji_twice() -> None:
    messages = render_answer(answered(quote("😀" * 3000, JOURNAL)))
    assert len(messages) == 2
    assert all(parse_html(m).length <= MAX_LENGTH for m in messages)


def test_inline_results_are_one_message_each() -> None:
    results = render_inline(answered(quote("First & foremost.", REUTERS, JOURNAL), quote("x" * 5000, JOURNAL)))
    assert [r.id for r in results] == ["0", "1"]
    assert results[0].title == "Reuters · 2022-02-05"
    first = parse_html(results[0].message).text
    assert first.startswith("First & foremost.\n— [1][2]")
    assert "[2] The Journal" in first
    assert parse_html(results[1].message).length <= MAX_LENGTH
    assert results[1].description.endswith("…")


def test_welcome_says_what_the_corpus_covers() -> None:
    overview = Overview(3, ("A & B News",), date(2020, 1, 1), date(2021, 2, 3), ("Zanzibar", "Mombasa"))
    text = shown(render_welcome(overview, [("/start", "greet")]))[0]
    assert "3 articles" in text
    assert "Outlets: A & B News" in text
    assert "Dates: 2020-01-01 to 2021-02-03" in text
    assert "Topics: Zanzibar, Mombasa" in text
    assert "/start — greet" in text


def test_help_and_sources_and_plain() -> None:
    assert shown(render_help([("/a", "x"), ("/b", "y")], ["In groups, <mention> me."])) == [
        "/a — x\n/b — y\n\nIn groups, <mention> me."
    ]
    articles = [Article("a1", "", "T", "S", date(2020, 1, 1), "https://e.org"), Article("a2", "")]
    assert shown(render_sources(articles)) == [
        "Sources\n[1] S — “T” — 2020-01-01 — a1\n[2] Unknown outlet — undated — a2"
    ]
    assert render_plain("1 < 2 & 3") == ["1 &lt; 2 &amp; 3"]


def test_many_sources_split_between_lines() -> None:
    articles = [Article(f"id{i}", "", "A title " * 10, "Outlet", None) for i in range(200)]
    messages = render_sources(articles)
    assert len(messages) > 1
    assert all(parse_html(m).length <= MAX_LENGTH for m in messages)
    assert sum(len(re.findall(r"^\[\d+\]", t, re.M)) for t in shown(messages)) == 200


# Hostile text: every code point hypothesis draws, plus markup, RTL and zero-width marks, control
# characters, emoji (astral: two UTF-16 units) and a lone surrogate.
SPECIAL = [*"<>&\"'\u202e\u200f\u200b\u200d\ufeff\x00\x07\r\n\t😀\ud800", "👍🏽", "&amp;", "</b>", "<blockquote>"]
TEXT = st.lists(st.characters() | st.sampled_from(SPECIAL), max_size=60).map("".join)
LONG_TEXT = st.builds(lambda t, n: t * n, TEXT.filter(bool), st.integers(1, 200))
CITATIONS = st.builds(
    Citation,
    article_id=TEXT,
    title=st.none() | TEXT,
    source=st.none() | TEXT,
    date=st.none() | st.dates(),
    url=st.none() | TEXT | st.sampled_from(['https://e.org/?a=1&b="<2>"', "http://x.y/😀"]),
)
QUOTES = st.builds(
    Quote,
    text=TEXT | LONG_TEXT,
    article_id=TEXT,
    start=st.integers(0),
    end=st.integers(0),
    score=st.floats(allow_nan=False),
    citations=st.lists(CITATIONS, max_size=5).map(tuple),
)
ANSWERS = st.builds(
    Answer,
    question=TEXT | LONG_TEXT,
    answered=st.booleans(),
    message=TEXT | LONG_TEXT,
    quotes=st.lists(QUOTES, max_size=12).map(tuple),
)


def assert_telegram_accepts(message: str) -> None:
    parsed = parse_html(message)  # raises on anything Telegram would reject
    assert 0 < parsed.length <= MAX_LENGTH
    assert parsed.text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(ANSWERS, st.none() | TEXT)
def test_any_answer_renders_to_html_that_parses_and_fits(answer: Answer, asked: str | None) -> None:
    messages = render_answer(answer, asked=asked)
    assert messages
    for message in messages:
        assert_telegram_accepts(message)
    if answer.answered:
        everything = re.sub(r"\s", "", "".join(shown(messages)))
        for q in answer.quotes:
            assert re.sub(r"\s", "", clean(q.text)) in everything  # no quote text is lost


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(ANSWERS)
def test_any_answer_renders_to_valid_inline_results(answer: Answer) -> None:
    results = render_inline(answer)
    assert len(results) == min(len(answer.quotes), 50)
    assert len({r.id for r in results}) == len(results)
    for result in results:
        assert_telegram_accepts(result.message)
        assert result.title.strip()
        assert 1 <= len(result.id.encode()) <= 64


@settings(max_examples=60, deadline=None)
@given(st.lists(st.builds(Article, id=TEXT, text=st.just(""), title=st.none() | TEXT, source=st.none() | TEXT,
                          url=st.none() | TEXT), max_size=30), TEXT)  # fmt: skip
def test_any_sources_and_plain_text_render_valid_html(articles: list[Article], text: str) -> None:
    for message in [*render_sources(articles), *render_plain(text)]:
        assert_telegram_accepts(message)
