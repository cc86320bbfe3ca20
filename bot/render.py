"""Render an Answer for people and programs: console text and the JSON contract."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from retrieval.model import Answer, Article, Citation

# C0/C1 control characters other than newline and tab: ESC sequences in a scraped page or a question
# would otherwise drive the reader's terminal (clear it, retitle it, hide text).
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text with the control characters a terminal would act on removed (newlines and tabs kept)."""
    return _TERMINAL_CONTROLS.sub("", text)


def source_list(answer: Answer) -> list[Citation]:
    """Every article the answer cites, numbered by first appearance (index 0 is [1])."""
    seen: dict[str, Citation] = {}
    for quote in answer.quotes:
        for citation in quote.citations:
            seen.setdefault(citation.article_id, citation)
    return list(seen.values())


def describe_citation(citation: Citation) -> str:
    """One line naming an article: outlet, title, date, id and url where known."""
    parts = [_one_line(citation.source) or "Unknown outlet"]
    if _one_line(citation.title):
        parts.append(f"“{_one_line(citation.title)}”")
    parts.append(citation.date.isoformat() if citation.date else "undated")
    parts.append(_one_line(citation.article_id))
    if _one_line(citation.url):
        parts.append(_one_line(citation.url))
    return " — ".join(parts)


def _one_line(text: str | None) -> str:
    # Metadata comes from users' files; a stray newline must not break the one-line-per-source layout.
    return " ".join(text.split()) if text else ""


def render_text(answer: Answer) -> str:
    """Plain console text: numbered quotes with citation marks, then the sources."""
    if not answer.answered:
        return terminal_safe(answer.message)
    sources = source_list(answer)
    number = {c.article_id: i for i, c in enumerate(sources, 1)}
    lines: list[str] = []
    for quote in answer.quotes:
        marks = "".join(f"[{number[c.article_id]}]" for c in quote.citations)
        lines.append(f"“{_one_line(quote.text)}” {marks}")
        lines.append("")
    lines.append("Sources:")
    lines.extend(f"[{i}] {describe_citation(c)}" for i, c in enumerate(sources, 1))
    return terminal_safe("\n".join(lines))


def render_sources(articles: Iterable[Article]) -> str:
    """The corpus as a list: one article a line with outlet and date."""
    return terminal_safe("\n".join(f"- {describe_citation(Citation.of(a))}" for a in articles))


def answer_dict(answer: Answer, took_ms: float) -> dict[str, Any]:
    """The JSON contract for one answer."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "message": answer.message,
        "took_ms": round(took_ms, 3),
        "quotes": [
            {
                "text": quote.text,
                "article_id": quote.article_id,
                "score": round(quote.score, 6),
                "citations": [_citation_dict(c) for c in quote.citations],
            }
            for quote in answer.quotes
        ],
    }


def render_json(answer: Answer, took_ms: float) -> str:
    """One answer as a single line of JSON."""
    return json.dumps(answer_dict(answer, took_ms), ensure_ascii=False)


def _citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "article_id": citation.article_id,
        "title": citation.title,
        "source": citation.source,
        "date": citation.date.isoformat() if citation.date else None,
        "url": citation.url,
    }


def help_text(commands: Sequence[tuple[str, str]]) -> str:
    """A command list, one `command — what it does` a line."""
    return "\n".join(f"{name} — {what}" for name, what in commands)
