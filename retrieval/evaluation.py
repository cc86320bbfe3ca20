"""Score the answer path on a question set: hit@1, hit@3, decline rate and multi-source recall."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.library import Library
from retrieval.model import Answer, Quote

DECLINE_TYPES = frozenset({"unanswerable", "offtopic", "boilerplate-trap"})
MAX_QUOTE_CHARS = 500
MAX_QUOTE_SENTENCES = 2
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


class EvalFileError(Exception):
    """A question file cannot be read; the message is one line."""


@dataclass(frozen=True, slots=True)
class Question:
    """One evaluation item."""

    id: str
    question: str
    answers: tuple[str, ...]
    docs: tuple[str, ...]
    type: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one question went."""

    item: Question
    answer: Answer
    hit_rank: int | None  # 1-based rank of the first answering quote
    cited_docs: frozenset[str]


@dataclass(frozen=True, slots=True)
class Report:
    """The figures for a question set and every question's outcome."""

    outcomes: tuple[Outcome, ...]
    hit_at_1: float
    hit_at_3: float
    decline_rate: float
    multi_source_recall: float

    @property
    def misses(self) -> tuple[Outcome, ...]:
        """Outcomes that did not get the right behaviour at rank 1."""
        return tuple(o for o in self.outcomes if not _correct(o))


def load_questions(path: Path) -> list[Question]:
    """Read a JSONL question set."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"cannot read {path}: {exc}") from None
    items: list[Question] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            items.append(
                Question(
                    str(raw["id"]),
                    str(raw["question"]),
                    tuple(raw.get("answers", ())),
                    tuple(raw.get("docs", ())),
                    str(raw.get("type", "factoid")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{path}:{number}: not a question object ({exc})") from None
    return items


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def quote_counts(quote: Quote, sentence_count: Callable[[Quote], int]) -> bool:
    """Whether a quote is short enough to count as an answer."""
    return len(quote.text) <= MAX_QUOTE_CHARS and sentence_count(quote) <= MAX_QUOTE_SENTENCES


def sentence_counter(library: Library) -> Callable[[Quote], int]:
    """Count the library sentences a quote spans (at least one)."""
    first = library.first_sentence
    sentences = library.sentences

    def count(quote: Quote) -> int:
        start = first[quote.article_id]
        spanned = 0
        for sentence in sentences[start:]:
            if sentence.article_id != quote.article_id or sentence.start >= quote.end:
                break
            if sentence.end > quote.start:
                spanned += 1
        return spanned or 1

    return count


def score(items: Iterable[Question], ask: Callable[[str], Answer], sentence_count: Callable[[Quote], int]) -> Report:
    """Ask every question and compute the figures."""
    outcomes: list[Outcome] = []
    for item in items:
        answer = ask(item.question)
        wanted = [_norm(a) for a in item.answers]
        rank = None
        cited: set[str] = set()
        for i, quote in enumerate(answer.quotes, 1):
            if quote_counts(quote, sentence_count) and any(w in _norm(quote.text) for w in wanted):
                rank = rank or i
                cited.update(c.article_id for c in quote.citations)
        outcomes.append(Outcome(item, answer, rank, frozenset(cited)))
    return Report(tuple(outcomes), *_figures(outcomes))


def _figures(outcomes: Sequence[Outcome]) -> tuple[float, float, float, float]:
    answerable = [o for o in outcomes if o.item.type not in DECLINE_TYPES]
    declinable = [o for o in outcomes if o.item.type in DECLINE_TYPES]
    multi = [o for o in outcomes if o.item.type == "multi" and o.item.docs]
    hit1 = _share(o.hit_rank == 1 for o in answerable)
    hit3 = _share(o.hit_rank is not None and o.hit_rank <= 3 for o in answerable)
    declined = _share(not o.answer.answered and not o.answer.quotes for o in declinable)
    recall = (
        sum(len({Path(d).stem for d in o.item.docs} & o.cited_docs) / len(o.item.docs) for o in multi) / len(multi)
        if multi
        else 0.0
    )
    return hit1, hit3, declined, recall


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def _correct(outcome: Outcome) -> bool:
    if outcome.item.type in DECLINE_TYPES:
        return not outcome.answer.answered
    return outcome.hit_rank == 1
