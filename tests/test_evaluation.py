"""Evaluation: reading question sets and computing hit@1, hit@3, decline rate and multi-source recall."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.evaluation import EvalFileError, Question, load_questions, score, sentence_counter
from retrieval.model import Answer, Article, Citation, Quote
from tests.support.corpora import library

A = Citation("a", None, None, None, None)
B = Citation("b", None, None, None, None)


def quote(text: str, *cites: Citation) -> Quote:
    return Quote(text, cites[0].article_id, 0, len(text), 1.0, cites)


def test_load_questions_reads_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "1", "question": "q?", "answers": ["x"], "docs": ["a.txt"], "type": "multi"}\n\n')
    assert load_questions(path) == [Question("1", "q?", ("x",), ("a.txt",), "multi")]


@pytest.mark.parametrize("content", ["not json", '{"question": "no id"}', "[1, 2]"], ids=["garbage", "no-id", "list"])
def test_load_questions_reports_a_bad_line_in_one_line(tmp_path: Path, content: str) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(content + "\n")
    with pytest.raises(EvalFileError, match=r"q\.jsonl:1"):
        load_questions(path)


def test_missing_file_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match="cannot read"):
        load_questions(tmp_path / "nope.jsonl")


def test_figures() -> None:
    items = [
        Question("1", "one", ("Answer",), ("a.txt",), "factoid"),
        Question("2", "two", ("second",), ("a.txt", "b.txt"), "multi"),
        Question("3", "three", (), (), "unanswerable"),
        Question("4", "four", (), (), "offtopic"),
    ]
    answers = {
        "one": Answer("one", True, "", (quote("the “answer” here", A),)),
        "two": Answer("two", True, "", (quote("first", A), quote("second", A, B))),
        "three": Answer("three", False, "no"),
        "four": Answer("four", True, "", (quote("weak", A),)),
    }
    report = score(items, answers.__getitem__, lambda q: 1)
    assert (report.hit_at_1, report.hit_at_3, report.decline_rate, report.multi_source_recall) == (0.5, 1.0, 0.5, 1.0)
    assert [o.item.id for o in report.misses] == ["2", "4"]


def test_long_quotes_do_not_count() -> None:
    items = [Question("1", "one", ("x",), ("a.txt",), "factoid")]
    report = score(items, lambda q: Answer(q, True, "", (quote("x" * 501, A),)), lambda q: 1)
    assert report.hit_at_3 == 0.0


def test_sentence_counter_counts_the_sentences_a_quote_spans() -> None:
    count = sentence_counter(library(Article("a", "One here. Two here. Three here.")))
    assert count(Quote("One here. Two here.", "a", 0, 19, 1.0, (A,))) == 2
    assert count(Quote("Three here.", "a", 20, 31, 1.0, (A,))) == 1
