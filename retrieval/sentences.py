"""Split an article's content lines into sentences that keep their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

from retrieval.furniture import Block, classify
from retrieval.model import Article, Sentence

# A line's leading bullets: glyphs that are only ever bullets, or a dash/asterisk standing alone ("- ", not "-5").
_LIST_MARKER = re.compile(r"(?:\s*(?:[•·▪►‣◦]|[*\-–—](?=\s)))+\s*")


@dataclass(frozen=True, slots=True)
class ArticleSentences:
    """An article's content sentences and the furniture lines that were left out."""

    article: Article
    sentences: tuple[Sentence, ...]
    furniture: tuple[Block, ...]


def split_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences in text, as syntok finds them."""
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [token for token in sentence if token.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def split_article(article: Article) -> ArticleSentences:
    """Split an article into its content sentences, skipping page furniture."""
    blocks = classify(article.text)
    sentences: list[Sentence] = []
    for block in blocks:
        if not block.is_content:
            continue
        line = article.text[block.start : block.end]
        marker = _LIST_MARKER.match(line)
        content_start = block.start + (marker.end() if marker else 0)
        for start, end in split_spans(line):
            absolute_start = max(block.start + start, content_start)
            absolute_end = block.start + end
            if absolute_start >= absolute_end:
                continue
            sentences.append(
                Sentence(
                    article_id=article.id,
                    position=len(sentences),
                    start=absolute_start,
                    end=absolute_end,
                    text=article.text[absolute_start:absolute_end],
                )
            )
    furniture = tuple(block for block in blocks if not block.is_content)
    return ArticleSentences(article, tuple(sentences), furniture)
