"""Each switch on the sets written after it: the split of the sets and the pooled tally."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from bench.ablation import UNOPENED, QuestionSet, question_sets
from bench.later import FIRST_UNSEEN, Tally, split, tally
from retrieval.evaluation import Outcome, Question, Report
from retrieval.model import Answer
from retrieval.techniques import Techniques


def test_every_switch_names_a_set_it_had_not_seen() -> None:
    names = {s.name for s in question_sets()} | {s.name for s in UNOPENED}
    missing = {f.name for f in fields(Techniques)} - set(FIRST_UNSEEN)
    assert not missing, f"add {sorted(missing)} to bench/later.py _ADDED_BEFORE, under this round's unopened holdout"
    assert set(FIRST_UNSEEN) <= {f.name for f in fields(Techniques)}
    assert set(FIRST_UNSEEN.values()) <= names


def _sets(*names: str) -> list[QuestionSet]:
    return [QuestionSet(name, Path(f"{name}.jsonl"), Path("corpus")) for name in names]


@pytest.mark.parametrize(
    ("first", "tuned", "later"),
    [
        pytest.param("b", ["a"], ["b", "c"], id="middle"),
        pytest.param("a", [], ["a", "b", "c"], id="first"),
        pytest.param("unopened", ["a", "b", "c"], [], id="not-yet-run"),
    ],
)
def test_split_leaves_dev_out_of_the_tuned_sets(first: str, tuned: list[str], later: list[str]) -> None:
    got = split(_sets("dev", "a", "b", "c"), first)
    assert ([s.name for s in got[0]], [s.name for s in got[1]]) == (tuned, later)


def _outcome(kind: str, rank: int | None, answered: bool) -> Outcome:
    item = Question("q", "what?", ("x",), (), kind)
    return Outcome(item, Answer("what?", answered, ""), rank, frozenset())


def test_tally_counts_ranks_and_held_declines() -> None:
    outcomes = (
        _outcome("factoid", 1, True),
        _outcome("factoid", 3, True),
        _outcome("paraphrase", 4, True),
        _outcome("multi", None, False),
        _outcome("unanswerable", None, False),
        _outcome("offtopic", None, True),
    )
    report = Report(outcomes, 0.0, 0.0, 0.0, 0.0)
    assert tally([report, report]) == Tally(hit_at_1=2, hit_at_3=4, declined=2)
    assert Tally(3, 4, 5) - Tally(1, 1, 1) + Tally(1, 0, 0) == Tally(3, 3, 4)
