"""A synthetic news corpus of N sentences: Zipfian vocabulary, news-like sentence and article lengths, furniture."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.corpus import ARTICLE_SUFFIXES
from retrieval.text import stopwords

_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")] + ["tran", "stel", "mor"]
_VOCABULARY = 200_000  # distinct content words to draw from; a corpus shows more of them the larger it is
_ZIPF_S = 1.05
_ZIPF_Q = 2.7  # Zipf-Mandelbrot offset: the top ranks are less extreme than pure Zipf, as in news text
_STOPWORD_SHARE = 0.45  # about this share of news tokens are function words
_WORDS_MEAN, _WORDS_SIGMA = 22.0, 0.45  # lognormal sentence length in words
_SENTENCES_MEAN, _SENTENCES_SIGMA = 40.0, 0.5  # lognormal article length in sentences
# The most frequent English function words first, so that the Zipfian draw puts "the" on top.
_COMMON_FUNCTION_WORDS = (
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "his",
    "he",
    "be",
    "has",
    "have",
    "are",
    "were",
    "but",
    "not",
    "an",
    "they",
    "their",
    "this",
    "had",
    "which",
    "been",
    "its",
    "who",
    "would",
    "after",
    "more",
    "than",
    "or",
    "said",
    "about",
    "will",
)
_FURNITURE = (
    "Advertisement",
    "Share this article",
    "Sign up to our newsletter to get the latest news in your inbox.",
    "Read more",
    "Photo: Staff photographer",
)
_OUTLETS = ("The Daily Ledger", "Northern Wire", "Evening Post", "Global Desk", "Harbour Times")


@dataclass(frozen=True, slots=True)
class Synthetic:
    """What was written: the folder, how many articles and sentences, the bytes, and questions to ask."""

    folder: Path
    articles: int
    sentences: int
    bytes: int
    questions: tuple[str, ...]


class _Words:
    """Draws words: content words by Zipf-Mandelbrot rank, function words by their own Zipfian rank."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        ranks = np.arange(1, _VOCABULARY + 1, dtype=np.float64)
        weights = (ranks + _ZIPF_Q) ** -_ZIPF_S
        self.content_cdf = np.cumsum(weights / weights.sum())
        listed = stopwords()
        common = [w for w in _COMMON_FUNCTION_WORDS if w in listed]
        self.stop = common + sorted(w for w in listed - set(common) if w.isalpha())
        stop_weights = np.arange(1, len(self.stop) + 1, dtype=np.float64) ** -1.0
        self.stop_cdf = np.cumsum(stop_weights / stop_weights.sum())
        self.names: dict[int, str] = {}

    def content(self, rank: int) -> str:
        """The content word of a rank (made up from syllables, stable for a seed)."""
        word = self.names.get(rank)
        if word is None:
            local = np.random.default_rng(rank)
            word = "".join(_SYLLABLES[i] for i in local.integers(0, len(_SYLLABLES), 2 + rank % 3))
            self.names[rank] = word
        return word

    def sentence(self, length: int) -> tuple[str, list[int]]:
        """A sentence of length words and the content ranks it used."""
        is_stop = self.rng.random(length) < _STOPWORD_SHARE
        content = np.searchsorted(self.content_cdf, self.rng.random(length)).tolist()
        stop = np.searchsorted(self.stop_cdf, self.rng.random(length)).tolist()
        words = [
            self.stop[s] if flag else self.content(c)
            for flag, c, s in zip(is_stop.tolist(), content, stop, strict=True)
        ]
        if self.rng.random() < 0.15:
            figure = f"{self.rng.integers(2, 900)}.{self.rng.integers(0, 9)}"
            words.insert(int(self.rng.integers(0, len(words))), figure)
        words[0] = words[0].capitalize()
        end = "?" if self.rng.random() < 0.03 else "."
        text = " ".join(words) + end
        if self.rng.random() < 0.1:
            text = f"“{text[:-1]},” {self.content(int(content[0])).capitalize()} said."
        used = [c for flag, c in zip(is_stop.tolist(), content, strict=True) if not flag]
        return text, used


def write_corpus(folder: Path, sentences: int, seed: int = 7, questions: int = 1000) -> Synthetic:
    """Write articles with about `sentences` content sentences in all, plus sources.toml, and make questions."""
    rng = np.random.default_rng(seed)
    words = _Words(rng)
    folder.mkdir(parents=True, exist_ok=True)
    manifest: list[str] = []
    asked: list[str] = []
    written = articles = size = 0
    while written < sentences:
        count = min(sentences - written, max(3, int(rng.lognormal(np.log(_SENTENCES_MEAN), _SENTENCES_SIGMA))))
        lines, used = _article(words, rng, count)
        name = f"{articles:06d}.txt"
        data = "\n".join(lines).encode("utf-8")
        (folder / name).write_bytes(data)
        title = " ".join(words.content(r) for r in used[0][:6]).capitalize()
        outlet = _OUTLETS[articles % len(_OUTLETS)]
        day = f"2024-{1 + articles % 12:02d}-{1 + articles % 28:02d}"
        manifest.append(f"[{json.dumps(name)}]\ntitle = {json.dumps(title)}\nsource = {json.dumps(outlet)}\n")
        manifest.append(f"date = {day}\n")
        asked.extend(_questions(words, rng, used, max(1, questions * count // sentences + 1)))
        written += count
        articles += 1
        size += len(data)
    (folder / "sources.toml").write_text("\n".join(manifest), encoding="utf-8")
    picked = rng.permutation(len(asked))[:questions]
    return Synthetic(folder, articles, written, size, tuple(asked[i] for i in sorted(picked)))


def _article(words: _Words, rng: np.random.Generator, count: int) -> tuple[list[str], list[list[int]]]:
    """An article page: headline, byline, paragraphs of one to three sentences, and some furniture lines."""
    headline = " ".join(words.content(int(r)) for r in rng.integers(0, 400, 7)).capitalize()
    lines = [headline, "By Staff Reporter", ""]
    used: list[list[int]] = []
    paragraph: list[str] = []
    for number in range(count):
        length = max(4, min(80, int(rng.lognormal(np.log(_WORDS_MEAN), _WORDS_SIGMA))))
        text, ranks = words.sentence(length)
        paragraph.append(text)
        used.append(ranks)
        if len(paragraph) >= rng.integers(1, 4) or number == count - 1:
            lines += [" ".join(paragraph), ""]
            paragraph = []
        if number == count // 2:
            lines += [_FURNITURE[int(rng.integers(0, len(_FURNITURE)))], ""]
    lines.append(_FURNITURE[int(rng.integers(0, len(_FURNITURE)))])
    return lines, used


def _questions(words: _Words, rng: np.random.Generator, used: list[list[int]], count: int) -> list[str]:
    """Questions about sentences of the article: two to four of a sentence's content words, or unknown words."""
    asked: list[str] = []
    for _ in range(count):
        ranks = used[int(rng.integers(0, len(used)))]
        if rng.random() < 0.1 or len(ranks) < 2:
            ranks = [int(r) for r in rng.integers(_VOCABULARY, 2 * _VOCABULARY, 2)]  # words no article uses
        picked = rng.choice(len(ranks), size=min(len(ranks), int(rng.integers(2, 5))), replace=False)
        subject, *rest = (words.content(ranks[i]) for i in picked)
        asked.append(f"What did {subject.capitalize()} say about {' '.join(rest)}?")
    return asked


def add_articles(folder: Path, source: Path) -> int:
    """Copy another corpus folder's articles and their sources.toml tables into folder; return how many.

    Real questions asked of a synthetic corpus then find their own words (and those words' WordNet relatives)
    among its made-up ones: the bundled articles' file names ("000_6b1d....txt") never clash with the synthetic
    ones ("000000.txt").
    """
    names = sorted(p.name for p in source.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    for name in names:
        (folder / name).write_bytes((source / name).read_bytes())
    tables = source / "sources.toml"
    if tables.is_file():
        manifest = folder / "sources.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8") + "\n" + tables.read_text(encoding="utf-8"), "utf-8")
    return len(names)
