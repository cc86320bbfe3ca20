"""Split an article's content lines into sentences that keep their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter
from syntok._segmentation_states import State

from retrieval.furniture import SHORT_LABEL, Block, classify, reads_as_prose
from retrieval.model import Article, Sentence
from retrieval.text import opens_quotation, words

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


# syntok's white space: Unicode's White_Space (Python's str.isspace() adds the separators \x1c-\x1f) and the
# zero-width space. A sentence runs from its first other character (its "ink") to its last.
_SPACE = "\t-\r \x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
_INK = re.compile(rf"[^{_SPACE}]")
_TERMINALS = "".join(sorted(State.terminals - {"..."})) + "…:"
_OPENING_BRACKETS = "".join(sorted(State.opening_brackets))
# Where syntok might end a sentence inside a stretch of text: a terminal followed by anything but a digit or
# a lowercase letter (so "3.5" and "example.com" are not), unless only closing marks stuck to it and white
# space follow it; or an opening bracket (syntok may end a sentence before bracketed text, or make one of it).
_MAYBE_INSIDE = re.compile(
    rf"[{re.escape(_TERMINALS)}](?![0-9a-z])(?![\"'”’)\]{re.escape(_TERMINALS)}]*[{_SPACE}]*$)"
    rf"|[{re.escape(_OPENING_BRACKETS)}]"
)
# Where syntok surely ends a sentence: after a full stop, question or exclamation mark (and a closing quote)
# with white space and then a capital letter (or an opening quote and one) after it, when the word before
# the mark stands alone and is a lowercase word that is not one of syntok's abbreviations (nor "no", as in
# "no. A4"), a lowercase vowel after another word, or a number of two digits or more not followed by a
# month. syntok's other rules (initials, dotted abbreviations, numbered items, dates, brackets, lowercase or
# unspaced continuations) cannot apply there.
_SURE_END = re.compile(
    rf"(?:(?<=[{_SPACE}])|^)([a-z]{{2,}}|(?<=[a-z,][{_SPACE}])[aeiou]|\d{{2,}})[.!?][\"”’]?"
    rf"(?=[{_SPACE}]+[\"“‘]?([A-Z][A-Za-z]*))"
)
_NOT_ENDS = State.abbreviations | {"no"}


# Titles news writes before a name with a full stop that syntok's abbreviations lack (it has Gen, Sen, Col,
# Capt, Adm, Brig, Prof, Dr...), so it ends a sentence at "Maj. Gen. Richard Secord" or "Gov. Mario Cuomo".
_TITLES = frozenset(
    {"Cdr", "Cmdr", "Cpl", "Det", "Gens", "Gov", "Govs", "Hon", "Insp", "Lieut", "Lt", "Maj", "Msgr", "Pres",
     "Pvt", "Rep", "Reps", "Rev", "Sens", "Sgt", "Supt"}
)  # fmt: skip
_TITLE_NAMES = "|".join(sorted(_TITLES))
_ENDS_WITH_TITLE = re.compile(rf"(?:^|[{_SPACE}(\[\"“‘'])(?:{_TITLE_NAMES})\.$")
_NAME_AFTER_TITLE = re.compile(rf"[{_SPACE}]+$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences in one line or paragraph of text.

    They are syntok's (split_spans), but that a sentence ending in a title ("Maj.", "Gov.") runs on into the
    name after it, when only spaces stand between and the next begins with a capital letter.
    """
    spans = _quote_spans(text) if "``" in text else split_spans(text)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            last_start, last_end = joined[-1]
            between = text[last_end:start]
            if (
                _ENDS_WITH_TITLE.search(text[last_start:last_end])
                and (not between or _NAME_AFTER_TITLE.match(between))
                and text[start : start + 1].isupper()
            ):
                joined[-1] = (last_start, end)
                continue
        joined.append((start, end))
    return joined


# Text in the Penn Treebank style (as corpora tokenised with its tools keep it) writes a double quote as two
# backquotes, or opens with two backquotes and closes with two apostrophes: ``It's carnage,`` he said.
_TREEBANK_QUOTE = re.compile(r"``|''")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of text that writes its quotation marks as `` (and ''), split as if they were ".

    The splitter reads a copy of the same length with each pair as one double quote and a space, set on the side
    away from the quoted words; each sentence then takes in the other mark of its pair, so the text is unchanged.
    """

    def one_quote(pair: re.Match[str]) -> str:
        return ' "' if pair.group() == "``" and opens_quotation(text, *pair.span()) else '" '

    pairs = ("``", "''")
    spans: list[tuple[int, int]] = []
    for read_start, read_end in split_spans(_TREEBANK_QUOTE.sub(one_quote, text)):
        start = read_start - (read_start > 0 and text[read_start - 1 : read_start + 1] in pairs)
        # Two pairs back to back ("!````closed"): the mark one sentence takes in at its end, the next must not take in
        # again at its start.
        start = max(start, spans[-1][1]) if spans else start
        spans.append((start, read_end + (text[read_end - 1 : read_end + 1] in pairs)))
    return spans


def split_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences in text, as syntok finds them.

    syntok's state machine is most of a build's cost, so it runs only where its rules have a choice to make:
    the text is cut where syntok surely ends a sentence, and a piece with no place where it might end one
    inside is one sentence. A text with an opening bracket (syntok skips over bracketed text, across those
    places) or more than one line (syntok's paragraphs) goes to syntok whole.
    """
    if "\n" not in text and _MAYBE_INSIDE.search(text) is None:
        return _one_sentence(text, 0, len(text))
    if "\n" in text or any(char in text for char in _OPENING_BRACKETS):
        return _syntok_spans(text, 0, len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    for end in _sure_ends(text):
        spans.extend(_piece_spans(text, start, end))
        start = end
    spans.extend(_piece_spans(text, start, len(text)))
    return spans


def _sure_ends(text: str) -> list[int]:
    ends = []
    for match in _SURE_END.finditer(text):
        before, after = match.groups()
        if before not in _NOT_ENDS and not (before[0].isdigit() and after in State.months):
            ends.append(match.end())
    return ends


def _piece_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if _MAYBE_INSIDE.search(text, start, end) is None:
        return _one_sentence(text, start, end)
    return _syntok_spans(text, start, end)


def _one_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    first = _INK.search(text, start, end)
    if first is None:
        return []
    last = _INK.search(text[end - 1 : start - 1 if start else None : -1])
    assert last is not None
    return [(first.start(), end - last.start())]


def _syntok_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text[start:end]):
        for sentence in paragraph:
            tokens = [token for token in sentence if token.value]
            if tokens:
                spans.append((start + tokens[0].offset, start + tokens[-1].offset + len(tokens[-1].value)))
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
        for start, end in sentence_spans(line):
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
