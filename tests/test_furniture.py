"""Page furniture rules: they drop ads, appeals, forms, bylines and link lists, and keep the reporting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.corpus import bundled_corpus_dir, load_corpus
from retrieval.furniture import Block, classify

PAGES = Path(__file__).parent / "pages"


def _labelled(path: Path) -> tuple[str, list[bool]]:
    """A labelled page (see tests/pages/README.md) as its raw text and one is-content flag per non-blank line."""
    raw = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line[2:] for line in raw) + "\n"
    labels = [line[0] == "+" for line in raw if line[2:].strip()]
    return text, labels


def _reason(line: str) -> str | None:
    (block,) = classify(line)
    return block.furniture


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.txt")), ids=lambda p: p.stem)
def test_scraped_pages_keep_content_and_drop_furniture(page: Path) -> None:
    text, labels = _labelled(page)
    blocks = classify(text)
    assert len(blocks) == len(labels)
    wrong = [
        f"{'dropped' if expected else 'kept'}: {text[b.start : b.end]!r} ({b.furniture})"
        for b, expected in zip(blocks, labels, strict=True)
        if b.is_content != expected
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("The minister declined to comment.", id="declined-to-comment"),
        pytest.param("Donations to the party rose 5% last year.", id="donations-news"),
        pytest.param("US officials said the talks would resume.", id="US"),
        pytest.param("The U.S. Department of Energy said it was monitoring fuel supplies.", id="U.S."),
        pytest.param("By the end of 2023, exports had doubled.", id="by-not-a-byline"),
        pytest.param("By Monday, the talks had collapsed.", id="by-capitalised-prose"),
        pytest.param("Support for the pipeline fell sharply.", id="support-noun"),
        pytest.param("Share prices rose 3% on Friday.", id="share-noun"),
        pytest.param("Leave campaigners won the referendum in 2016.", id="leave-noun"),
        pytest.param("Follow-up talks are planned for March.", id="follow-up"),
        pytest.param("A spokesman told AFP that the company had not been warned.", id="agency-mid-sentence"),
        pytest.param("Getty Images reported record profits last year.", id="agency-as-subject"),
        pytest.param("Photos published by state media showed the leaders shaking hands.", id="photos-subject"),
        pytest.param("Readers of the report will notice the omission.", id="readers-no-you"),
        pytest.param("Subscribers to the state broadcaster rose by a million.", id="subscribers"),
        pytest.param("Comments by the minister drew criticism.", id="comments-noun"),
        pytest.param("Residents should report outages online, the utility said.", id="report-verb"),
        pytest.param("“If you want peace, prepare for war,” the general told the newsletter.", id="quoted-you"),
        pytest.param('"You cannot report on this," the official told journalists.', id="straight-quoted-you"),
        pytest.param("Mr. Putin said: “You cannot isolate Russia with this policy.”", id="colon-quoted-you"),
        pytest.param("Home Secretary Priti Patel said the policy would be reviewed.", id="home-prose"),
        pytest.param("The deal, signed on Feb. 4, 2022, runs for 30 years.", id="date-in-prose"),
        pytest.param("Related talks will resume next week.", id="related-prose"),
        pytest.param("Trade reached a record $117.5 billion.", id="decimal"),
        pytest.param("“They have indeed become unprecedented.”", id="curly-quote-sentence"),
        pytest.param("Russia and China issue joint statement declaring opposition to Nato expansion", id="headline"),
        pytest.param(
            # A Wikinews story kept as one paragraph (CC BY 2.5): "comment" and "you" stand sentences apart.
            "One user of the new operating system made this comment: Industry analysts have pointed to both the "
            "advances and the failures of the new version already. Another issue for some is the fact that Cisco "
            "System's VPN does not work with Tiger. Cisco has promised a compatible release before the end of the "
            "month. The biggest technology breakthrough is Spotlight. Search queries on a user's data can be saved "
            "as Smart folders, so you can collect all your photos while still keeping things ordered.",
            id="one-paragraph-story",
        ),
    ],
)
def test_reporting_lines_are_content(line: str) -> None:
    assert _reason(line) is None


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param("Advertisement", "label or heading", id="advertisement"),
        pytest.param("Skip to main content", "label or heading", id="skip-link"),
        pytest.param("Share on Facebook", "label or heading", id="share-button"),
        pytest.param("View 44 comments", "label or heading", id="comment-count"),
        pytest.param("Please enter your comment!", "call to action", id="comment-form"),
        pytest.param("Sign up to get our best stories in your inbox every morning.", "call to action", id="newsletter"),
        pytest.param(
            "We use cookies to improve your experience. By continuing, you agree to our use of cookies.",
            "call to action",
            id="cookie-banner",
        ),
        pytest.param("Support independent journalism. Donate today.", "call to action", id="donation-appeal"),
        pytest.param(
            "If you value our work, please consider supporting us with a monthly donation.",
            "call to action",
            id="donation-you",
        ),
        pytest.param("Comments are moderated. Please be respectful.", "call to action", id="comment-policy"),
        pytest.param(
            "You are visiting us because we have something you value. Independent, unbiased news that tells the "
            "truth. Advertising revenue goes some way to support our mission, but this year it has not been enough. "
            "We rely on people like you. Thank you for reading.",
            "call to action",
            id="appeal-over-sentences",
        ),
        pytest.param("Download our app for the latest news.", "call to action", id="app-promo"),
        pytest.param("© 2024 X Media. All rights reserved.", "copyright notice", id="copyright-sign"),
        pytest.param("Copyright 2022 The Associated Press. All rights reserved.", "copyright notice", id="copyright"),
        pytest.param("By Jane Doe", "byline or credit", id="byline"),
        pytest.param("BY JANE DOE and JOHN ROE Associated Press", "byline or credit", id="byline-caps"),
        pytest.param("Authors: Teddy Ng, Jun Mai, SCMP", "byline or credit", id="authors"),
        pytest.param("Reporting by Jane Doe; Editing by John Smith", "byline or credit", id="wire-credit"),
        pytest.param("Illustration by Lena Park for The Meridian", "byline or credit", id="illustration"),
        pytest.param("Published: 12 March 2024 14:05 GMT", "dateline", id="published"),
        pytest.param("Updated 3:42 PM EST, February 4, 2022", "dateline", id="updated-time-first"),
        pytest.param("February 5, 2022 at 19:00 JST", "dateline", id="dateline-zone"),
        pytest.param("Friday 4 February 2022 09.14 GMT", "dateline", id="weekday"),
        pytest.param("2024-05-16", "dateline", id="iso"),
        pytest.param("Photo: Marco Lenz/Getty Images", "byline or credit", id="photo-label"),
        pytest.param("Reyes leaves the cabinet office. Photo: Marco Lenz", "photo caption or credit", id="caption"),
        pytest.param("Xi and Putin meet on Friday. (AP Photo/Evan Vucci)", "photo caption or credit", id="ap-photo"),
        pytest.param("Xi and Putin at the talks Alexei Druzhinin via PA Images", "photo caption or credit", id="via"),
        pytest.param("Leaders meet in Beijing. Pool/Reuters", "photo caption or credit", id="agency-tail"),
        pytest.param("Home › News › World", "navigation or breadcrumb", id="breadcrumb"),
        pytest.param("World | U.S. | Politics | Business", "navigation or breadcrumb", id="pipe-menu"),
        pytest.param("Related stories", "link-list heading", id="related"),
        pytest.param("You might also like", "link-list heading", id="might-also-like"),
    ],
)
def test_furniture_lines_are_dropped_with_their_reason(line: str, reason: str) -> None:
    assert _reason(line) == reason


def test_headlines_listed_under_a_link_heading_are_dropped_up_to_the_next_prose() -> None:
    text = (
        "The council approved the budget on Monday after a long debate.\n"
        "Related coverage\n"
        "Council leader faces questions over spending on the new stadium\n"
        "What the budget means for bus fares across the city next year\n"
        "The budget raises spending on schools by 4%, the council said.\n"
    )
    reasons = [block.furniture for block in classify(text)]
    assert reasons == [
        None,
        "link-list heading",
        "link in a list of other stories",
        "link in a list of other stories",
        None,
    ]


def test_closing_teasers_are_dropped_but_a_closing_paragraph_on_topic_is_kept() -> None:
    lead = [
        "Valdoria signs gas pipeline deal with its neighbour",
        "The Valdoria government signed a gas pipeline deal with its neighbour on Friday.",
        "The pipeline will carry 10 billion cubic metres of gas a year from 2027.",
        "Officials said the gas deal was worth $4 billion.",
    ]
    closing = "The pipeline still needs approval from the Valdoria parliament, officials said."
    teasers = [
        "A collection of recipes from chefs across the country, with stories behind each dish.",
        "A series about musicians who found fame through social media.",
    ]
    blocks = classify("\n\n".join([*lead, closing, *teasers]))
    assert [b.furniture for b in blocks] == [None] * 5 + ["link or teaser for another page"] * 2


def test_closing_quotes_of_a_story_written_a_sentence_a_paragraph_are_kept() -> None:
    lead = [
        "Valdoria signs gas pipeline deal with its neighbour",
        "The Valdoria government signed a gas pipeline deal with its neighbour on Friday.",
        "The pipeline will carry 10 billion cubic metres of gas a year from 2027.",
        "Officials said the gas deal was worth $4 billion.",
    ]
    body = [
        "Farmers along the route protested against the construction work in March.",
        "Their union leader, Ana Brel, said the farmers would keep protesting.",
    ]
    # Neither closing line shares a word with the lead; both share words with the story above them.
    closing = ['"The construction ruins our land," Brel said.', '"Our union will not stop protesting."']
    blocks = classify("\n\n".join([*lead, *body, *closing]))
    assert [b.furniture for b in blocks] == [None] * 8


def test_a_single_closing_sentence_with_new_words_stays_content() -> None:
    lead = [
        "Valdoria signs gas pipeline deal with its neighbour",
        "The Valdoria government signed a gas pipeline deal with its neighbour on Friday.",
        "The pipeline will carry 10 billion cubic metres of gas a year from 2027.",
        "Officials said the gas deal was worth $4 billion.",
    ]
    closing = "Ministers from both countries will meet again next month in Geneva."
    blocks = classify("\n\n".join([*lead, closing]))
    assert [b.furniture for b in blocks] == [None] * 5


def test_bundled_pages_lose_their_furniture_and_keep_their_reporting() -> None:
    corpus = load_corpus(bundled_corpus_dir())
    dropped: set[str] = set()
    kept: set[str] = set()
    for article in corpus.articles:
        for block in classify(article.text):
            (kept if block.is_content else dropped).add(article.text[block.start : block.end].strip())
    assert {
        "Advertisement",
        "Support from readers like you keeps The Journal open.",
        "View 44 comments",
        "Leave a Comment",
        "Please enter your comment!",
        "Source: The Australian",
        "Authors: Teddy Ng, Jun Mai, SCMP",
        "You might also like",
        "February 5, 2022 at 19:00 JST",
        "A series about Japanese-Americans and their memories of World War II",
    } <= dropped
    assert any(line.startswith("Home Uncategorized") for line in dropped)
    assert any(line.endswith("via PA Images") for line in dropped)
    assert {
        "Russia and China issue joint statement declaring opposition to any Nato expansion",
        "They did not appear to shake hands when greeting each other due to Covid-19 precautions.",
        "Moscow denies it is planning an invasion of Ukraine.",
        "“They have indeed become unprecedented.”",
    } <= kept


def test_blocks_are_the_non_blank_lines_with_their_offsets() -> None:
    text = "First line.\n\n   \nSecond line here.\r\n\tThird\n"
    blocks = classify(text)
    assert [text[b.start : b.end] for b in blocks] == ["First line.", "Second line here.\r", "\tThird"]
    assert Block(0, 11, None).is_content
    assert not Block(0, 11, "label or heading").is_content


_PAGE_LINE = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "Advertisement",
            "By Jane Doe",
            "Related stories",
            "Home › News",
            "Please enter your comment!",
            "The minister declined to comment.",
            "“You cannot isolate Russia,” he said.",
            "",
            "   ",
        ]
    ),
)


@given(st.lists(_PAGE_LINE, max_size=30).map("\n".join))
def test_classification_never_crashes_and_covers_exactly_the_non_blank_lines(text: str) -> None:
    blocks = classify(text)
    expected = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    assert [(b.start, b.end) for b in blocks] == expected
    for block in blocks:
        assert block.furniture is None or block.furniture.strip()
