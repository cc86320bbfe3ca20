"""The fake's Telegram HTML parser accepts what Telegram accepts and rejects what it rejects."""

from __future__ import annotations

import pytest

from tests.support.telegram_html import EntityParseError, parse_html, utf16_length


@pytest.mark.parametrize(
    ("source", "text", "types"),
    [
        pytest.param("plain", "plain", [], id="plain"),
        pytest.param("<b>a</b><strong>b</strong>", "ab", ["bold", "bold"], id="bold"),
        pytest.param("<i>a</i> <u>b</u> <s>c</s>", "a b c", ["italic", "underline", "strikethrough"], id="styles"),
        pytest.param("<blockquote>q</blockquote>", "q", ["blockquote"], id="blockquote"),
        pytest.param("<blockquote expandable>q</blockquote>", "q", ["expandable_blockquote"], id="expandable"),
        pytest.param('<a href="https://x.org/?a=1&amp;b=2">l</a>', "l", ["text_link"], id="link"),
        pytest.param("&lt;&gt;&amp;&quot;", '<>&"', [], id="named-entities"),
        pytest.param("&#65;&#x1F600;", "A😀", [], id="numeric-entities"),
        pytest.param('<span class="tg-spoiler">s</span>', "s", ["spoiler"], id="spoiler-span"),
        pytest.param('<pre><code class="language-python">x</code></pre>', "x", ["code", "pre"], id="pre-code"),
        pytest.param("<b>bold <i>both</i></b>", "bold both", ["bold", "italic"], id="nested"),
    ],
)
def test_accepts_telegram_html(source: str, text: str, types: list[str]) -> None:
    parsed = parse_html(source)
    assert parsed.text == text
    assert sorted(e.type for e in parsed.entities) == sorted(types)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("<p>x</p>", id="unknown-tag"),
        pytest.param("<b>x", id="unclosed"),
        pytest.param("x</b>", id="stray-end"),
        pytest.param("<b><i>x</b></i>", id="crossed"),
        pytest.param("a < b", id="raw-less-than"),
        pytest.param("a > b", id="raw-greater-than"),
        pytest.param("Q&A", id="raw-ampersand"),
        pytest.param("&nbsp;", id="unsupported-named-entity"),
        pytest.param("&amp", id="entity-without-semicolon"),
        pytest.param("&#0;", id="null-entity"),
        pytest.param("<a>x</a>", id="link-without-href"),
        pytest.param('<b class="x">x</b>', id="unknown-attribute"),
        pytest.param('<span class="red">x</span>', id="span-not-spoiler"),
        pytest.param("<blockquote><blockquote>x</blockquote></blockquote>", id="nested-blockquote"),
        pytest.param("<code><b>x</b></code>", id="entity-in-code"),
        pytest.param("<br/>", id="self-closing"),
        pytest.param("<!-- c -->", id="comment"),
        pytest.param("<b", id="truncated-tag"),
    ],
)
def test_rejects_what_telegram_rejects(source: str) -> None:
    with pytest.raises(EntityParseError, match=r"^Bad Request: can't parse entities: "):
        parse_html(source)


def test_offsets_and_length_count_utf16_code_units() -> None:
    parsed = parse_html("😀 <b>x</b>")
    assert parsed.entities[0].offset == 3
    assert parsed.length == 4
    assert utf16_length("é😀") == 3
