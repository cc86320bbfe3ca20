"""Segments and blocks become escaped HTML, packed into messages that fit, cut only between blocks or words."""

from __future__ import annotations

import pytest

from bot.html_pack import Block, Segment, clean, one_line, pack, shorten, shown_length
from tests.support.telegram_html import parse_html


def test_segments_escape_text_and_link_targets() -> None:
    assert Segment("a<b>&c").html() == "a&lt;b&gt;&amp;c"
    assert Segment("q", "blockquote").html() == "<blockquote>q</blockquote>"
    assert (
        Segment("x", href='https://e.org/?a=1&b="2"').html() == '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">x</a>'
    )


def test_blocks_are_joined_by_a_blank_line_or_tightly_by_a_newline() -> None:
    blocks = [Block((Segment("head", "b"),)), Block((Segment("one"),), tight=True), Block((Segment("two"),))]
    assert pack(blocks, 100) == ["<b>head</b>\none\n\ntwo"]


def test_messages_break_between_blocks() -> None:
    blocks = [Block((Segment("a" * 6, "i"),)), Block((Segment("b" * 6, "i"),)), Block((Segment("c" * 6),))]
    assert pack(blocks, 14) == ["<i>aaaaaa</i>\n\n<i>bbbbbb</i>", "cccccc"]


@pytest.mark.parametrize(
    ("text", "limit"),
    [("one two three four five six seven", 10), ("x" * 25, 10), ("😀" * 9, 5), ("é " * 30, 7)],
    ids=["words", "giant-word", "astral-characters", "accents"],
)
def test_an_oversized_block_is_cut_into_pieces_that_keep_their_tag(text: str, limit: int) -> None:
    messages = pack([Block((Segment(text, "blockquote"),))], limit)
    assert len(messages) > 1
    for message in messages:
        parsed = parse_html(message)
        assert parsed.length <= limit
        assert [e.type for e in parsed.entities] == ["blockquote"]
    assert "".join(parse_html(m).text for m in messages) == text


def test_clean_and_one_line() -> None:
    assert clean("a\x00b\x07c\nd\te\ud800\x9f") == "abc\nd\te\ufffd"
    assert one_line(" a\n\tb\r\n c ") == "a b c"


@pytest.mark.parametrize(
    ("text", "length"), [("abc", 3), ("é", 1), ("😀", 2), ("👍🏽", 4), ("\u200b", 1)],
    ids=["ascii", "bmp", "emoji", "emoji-with-skin-tone", "zero-width"],
)  # fmt: skip
def test_shown_length_counts_utf16_code_units(text: str, length: int) -> None:
    assert shown_length(text) == length


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("short", 10, "short"), ("one two three four", 10, "one two…"), ("abcdefghijkl", 5, "abcd…")],
    ids=["fits", "at-a-word", "inside-a-word"],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert shown_length(shorten(text, limit)) <= limit
