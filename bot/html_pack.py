"""Escaped Telegram HTML built from segments and blocks, packed into messages that fit Telegram's limit."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

ELLIPSIS = "…"
GAP = "\n\n"  # between blocks
_LINE = "\n"  # before a tight block
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, less tab and newline


def clean(text: str) -> str:
    """Text Telegram can carry: lone surrogates become U+FFFD; control characters go, except tab and newline."""
    return _CONTROL.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def one_line(text: str) -> str:
    """Cleaned text with every run of white space as one space."""
    return " ".join(clean(text).split())


def shown_length(text: str) -> int:
    """How Telegram's limits count text: UTF-16 code units (astral characters such as most emoji count twice)."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text shown one way: plain, inside one tag, or as a link."""

    text: str
    tag: str | None = None
    href: str | None = None

    def html(self) -> str:
        """The segment as escaped Telegram HTML."""
        body = html.escape(self.text, quote=False)
        if self.href is not None:
            return f'<a href="{html.escape(self.href)}">{body}</a>'
        return f"<{self.tag}>{body}</{self.tag}>" if self.tag else body


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of segments; a tight block goes on the next line rather than after a blank line."""

    segments: tuple[Segment, ...]
    tight: bool = False

    @property
    def length(self) -> int:
        """Its text's length as Telegram counts it."""
        return sum(shown_length(s.text) for s in self.segments)

    def html(self) -> str:
        """The block as Telegram HTML."""
        return "".join(s.html() for s in self.segments)


def pack(blocks: Sequence[Block], limit: int) -> list[str]:
    """Join blocks into as few messages as fit `limit`, breaking between blocks and never inside a tag.

    A block longer than a whole message is first cut between words (or, for one giant word, between
    characters) into pieces that each keep their formatting.
    """
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for block in (piece for whole in blocks for piece in _fit(whole, limit)):
        joiner = (_LINE if block.tight else GAP) if current else ""
        if current and size + len(joiner) + block.length > limit:
            messages.append("".join(current))
            current, size, joiner = [], 0, ""
        current.append(joiner + block.html())
        size += len(joiner) + block.length
    if current:
        messages.append("".join(current))
    return messages


def _fit(block: Block, limit: int) -> list[Block]:
    """The block, or pieces of it, each at most `limit` long."""
    if block.length <= limit:
        return [block]
    pieces: list[Block] = []
    current: list[Segment] = []
    size = 0
    for segment in block.segments:
        for chunk in _chunks(segment.text, limit):
            length = shown_length(chunk)
            if current and size + length > limit:
                pieces.append(replace(block, segments=tuple(current)))
                current, size = [], 0
            current.append(replace(segment, text=chunk))
            size += length
    if current:
        pieces.append(replace(block, segments=tuple(current)))
    return pieces


def _chunks(text: str, limit: int) -> list[str]:
    """Text cut between words into pieces of at most `limit`; a longer word is cut between characters."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for word in re.split(r"(?<=\s)", text):
        length = shown_length(word)
        if size + length <= limit:
            current.append(word)
            size += length
            continue
        if current:
            chunks.append("".join(current))
        while length > limit:
            cut = _fitting_prefix(word, limit)
            chunks.append(word[:cut])
            word, length = word[cut:], shown_length(word[cut:])  # noqa: PLW2901 - consume the giant word
        current, size = [word], length
    if current and "".join(current):
        chunks.append("".join(current))
    return chunks


def _fitting_prefix(text: str, limit: int) -> int:
    """The most code points of text whose UTF-16 length fits limit (at least one)."""
    size = 0
    for i, char in enumerate(text):
        size += 2 if ord(char) > 0xFFFF else 1
        if size > limit:
            return max(i, 1)
    return len(text)


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` (UTF-16 units), marked with an ellipsis when cut."""
    if shown_length(text) <= limit:
        return text
    room = max(limit - 1, 0)
    cut = text[: _fitting_prefix(text, room)] if room else ""
    space = cut.rfind(" ")
    if space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS
