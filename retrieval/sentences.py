"""Split an article's content lines into sentences that keep their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

from retrieval.furniture import SHORT_LABEL, Block, classify, reads_as_prose
from retrieval.model import Article, Sentence
from retrieval.text import words

# A line's leading bullets: glyphs that are only ever bullets, or a dash/asterisk standing alone ("- ", not "-5").
_HEADLINE_MIN_WORDS = 4  # shorter non-prose lines are labels, which the furniture rules drop already
_LIST_MARKER = re.compile(r"(?:\s*(?:[•·▪►‣◦]|[*\-–—](?=\s)))+\s*")


@dataclass(frozen=True, slots=True)
class ArticleSentences:
    """An article's content sentences and the furniture lines that were left out."""

    article: Article
    sentences: tuple[Sentence, ...]
    furniture: tuple[Block, ...]
    headline: Block | None = None


def split_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences in text, as syntok finds them."""
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [token for token in sentence if token.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def find_headline(article: Article, blocks: tuple[Block, ...]) -> Block | None:
    """The article's headline line: the first content line, when it is the title or reads as one.

    A headline names the story; it is not a sentence of it, and quoting it with the line that follows
    reads as one run-on sentence. It is the article's title when the metadata gives one; without a
    title, a first content line that does not end like a sentence is taken for the headline.
    """
    first = next((block for block in blocks if block.is_content), None)
    if article.title is not None:
        # A short headline ("Dollar gains on Greenspan speech") reads as a label to the furniture rules; the
        # title says it is the headline, which is content, not furniture.
        title = words(article.title)
        for block in blocks:
            named = words(article.text[block.start : block.end]) == title
            if named and (block.is_content or block.furniture == SHORT_LABEL):
                return block
            if block is first:
                break
        return None
    if first is None:
        return None
    line = article.text[first.start : first.end]
    return None if reads_as_prose(line) or len(words(line)) < _HEADLINE_MIN_WORDS else first


def split_article(article: Article) -> ArticleSentences:
    """Split an article into its content sentences, skipping page furniture and the headline."""
    blocks = classify(article.text)
    headline = find_headline(article, blocks)
    sentences: list[Sentence] = []
    for block in blocks:
        if not block.is_content or block is headline:
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
    furniture = tuple(block for block in blocks if not block.is_content and block is not headline)
    return ArticleSentences(article, tuple(sentences), furniture, headline)
