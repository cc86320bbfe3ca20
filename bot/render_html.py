"""Telegram HTML for answers and bot texts: every string escaped, quotes as blockquotes, split to fit a message."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram.constants import MessageLimit

from bot.html_pack import ELLIPSIS, GAP, Block, Segment, one_line, pack, shorten
from bot.render import source_list
from retrieval.model import Answer, Article, Citation, Quote
from retrieval.overview import Overview

MAX_LENGTH: int = MessageLimit.MAX_TEXT_LENGTH
_MAX_NOTE_CHARS = 300
_MAX_TITLE_CHARS = 100
_MAX_DESCRIPTION_CHARS = 200


@dataclass(frozen=True, slots=True)
class InlineQuote:
    """One inline-mode result: what the chooser shows and the message it sends."""

    id: str
    title: str
    description: str
    message: str


def render_answer(answer: Answer, asked: str | None = None, limit: int = MAX_LENGTH) -> list[str]:
    """An answer as messages: quotes in blockquotes with numbered citations, then the sources list."""
    blocks: list[Block] = []
    if asked is not None and one_line(asked) != one_line(answer.question):
        note = shorten(one_line(answer.question), _MAX_NOTE_CHARS)
        blocks.append(Block((Segment(f"Taking this as: {note}", "i"),)))
    if not answer.answered:
        blocks.append(Block((Segment(one_line(answer.message) or "I have no answer to that."),)))
        return pack(blocks, limit)
    sources = source_list(answer)
    number = {c.article_id: i for i, c in enumerate(sources, 1)}
    blocks.extend(_quote(quote.text, quote.citations, number) for quote in answer.quotes)
    blocks.extend(_sources(sources))
    return pack(blocks, limit)


def render_inline(answer: Answer, limit: int = MAX_LENGTH, max_results: int = 50) -> list[InlineQuote]:
    """Inline-mode results: one per quote, each one message holding the quote and its numbered sources."""
    return [_inline(i, quote, limit) for i, quote in enumerate(answer.quotes[:max_results])]


def _inline(i: int, quote: Quote, limit: int) -> InlineQuote:
    number = {c.article_id: n for n, c in enumerate(quote.citations, 1)}
    tail = _sources(quote.citations)
    overhead = _quote("", quote.citations, number).length + sum(b.length + len(GAP) for b in tail)
    text = shorten(one_line(quote.text), max(limit - overhead, 1))
    first = quote.citations[0] if quote.citations else None
    title = " · ".join(p for p in (first.source, _date(first)) if p) if first else ""
    return InlineQuote(
        id=str(i),
        title=shorten(one_line(title), _MAX_TITLE_CHARS) or f"Quote {i + 1}",
        description=shorten(one_line(quote.text), _MAX_DESCRIPTION_CHARS),
        message=pack([_quote(text, quote.citations, number), *tail], limit)[0],
    )


def render_welcome(overview: Overview, commands: Sequence[tuple[str, str]]) -> list[str]:
    """The /start greeting: what Quotebot does and what its articles cover."""
    plural = "" if overview.articles == 1 else "s"
    blocks = [
        Block((Segment("Hi! I answer questions about the news with verbatim quotes.", "b"),)),
        Block(
            (
                Segment(
                    f"Every answer is quoted word for word from {overview.articles} article{plural}, with numbered "
                    "sources. When the articles don't say, I tell you so."
                ),
            )
        ),
    ]
    facts = [
        (name, value)
        for name, value in (
            ("Outlets", ", ".join(overview.outlets)),
            ("Dates", _date_range(overview)),
            ("Topics", ", ".join(overview.topics)),
        )
        if value
    ]
    blocks.extend(
        Block((Segment(f"{name}: ", "b"), Segment(value)), tight=i > 0) for i, (name, value) in enumerate(facts)
    )
    blocks.extend(_commands(commands))
    return pack(blocks, MAX_LENGTH)


def render_help(commands: Sequence[tuple[str, str]], notes: Iterable[str] = ()) -> list[str]:
    """The /help text: one line per command, then notes on asking in groups and inline."""
    return pack([*_commands(commands), *(Block((Segment(one_line(n)),)) for n in notes)], MAX_LENGTH)


def render_sources(articles: Iterable[Article], limit: int = MAX_LENGTH) -> list[str]:
    """The /sources list: every article with outlet, title, date and id, linked where it has a url."""
    return pack(_sources([Citation.of(a) for a in articles]), limit)


def render_plain(text: str, limit: int = MAX_LENGTH) -> list[str]:
    """A plain sentence as escaped HTML messages."""
    return pack([Block((Segment(one_line(text) or ELLIPSIS),))], limit)


def _quote(text: str, citations: Sequence[Citation], number: dict[str, int]) -> Block:
    """A quote in a blockquote, then its citation marks."""
    marks = "".join(f"[{number[c.article_id]}]" for c in citations if c.article_id in number)
    quoted = (Segment(one_line(text), "blockquote"),) if one_line(text) else ()
    return Block((*quoted, Segment(f"\n— {marks}" if marks else "\n—")))


def _sources(citations: Sequence[Citation]) -> list[Block]:
    """A "Sources" heading and one line per citation, numbered from 1."""
    return [Block((Segment("Sources", "b"),)), *(_source(i, c) for i, c in enumerate(citations, 1))]


def _source(number: int, citation: Citation) -> Block:
    """One sources line: [n] outlet — “title” (a link when the article has a url) — date — id."""
    label = one_line(citation.source or "") or "Unknown outlet"
    title = one_line(citation.title or "")
    if title:
        label = f"{label} — “{title}”"
    url = one_line(citation.url or "")
    named = Segment(label, href=url) if url.startswith(("http://", "https://")) else Segment(label)
    rest = " — ".join(p for p in (_date(citation) or "undated", one_line(citation.article_id)) if p)
    return Block((Segment(f"[{number}] "), named, Segment(f" — {rest}")), tight=True)


def _commands(commands: Sequence[tuple[str, str]]) -> list[Block]:
    return [Block((Segment(name, "b"), Segment(f" — {what}")), tight=i > 0) for i, (name, what) in enumerate(commands)]


def _date(citation: Citation | None) -> str:
    return citation.date.isoformat() if citation is not None and citation.date is not None else ""


def _date_range(overview: Overview) -> str:
    if overview.first_date is None or overview.last_date is None:
        return ""
    if overview.first_date == overview.last_date:
        return overview.first_date.isoformat()
    return f"{overview.first_date.isoformat()} to {overview.last_date.isoformat()}"
