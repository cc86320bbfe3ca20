"""Lazy sequences and mappings: each value is make()'s, worked out once until the bound drops it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.memo import LazyMapping, LazySequence


class Recorder:
    """Counts how often each value is made."""

    def __init__(self) -> None:
        self.made: list[object] = []

    def square(self, number: int) -> int:
        self.made.append(number)
        return number * number

    def shout(self, key: str) -> str:
        self.made.append(key)
        return key.upper()


@given(st.lists(st.integers(-20, 19)), st.integers(1, 8))
def test_a_lazy_sequence_reads_like_the_eager_one(reads: list[int], bound: int) -> None:
    eager = [n * n for n in range(20)]
    lazy = LazySequence(20, Recorder().square, remembered=bound)
    assert [lazy[n] for n in reads] == [eager[n] for n in reads]
    assert list(lazy) == eager
    assert lazy[3:7] == eager[3:7]
    assert len(lazy) == len(eager)


def test_a_value_is_made_once_while_remembered_and_again_after_the_bound() -> None:
    recorder = Recorder()
    lazy = LazySequence(10, recorder.square, remembered=2)
    assert (lazy[4], lazy[4], lazy[-6]) == (16, 16, 16)
    assert recorder.made == [4]
    lazy[1]
    lazy[2]  # the memo was full: it is emptied, then 2 is remembered
    lazy[4]
    assert recorder.made == [4, 1, 2, 4]


@pytest.mark.parametrize("number", [10, -11], ids=["past-the-end", "before-the-start"])
def test_a_number_out_of_range_is_an_index_error(number: int) -> None:
    with pytest.raises(IndexError):
        LazySequence(10, Recorder().square)[number]


def test_a_lazy_mapping_reads_like_the_eager_one_and_knows_its_keys() -> None:
    recorder = Recorder()
    lazy = LazyMapping(("a", "b"), recorder.shout, remembered=1)
    assert dict(lazy) == {"a": "A", "b": "B"}
    assert lazy.get("c", "none") == "none"
    assert "c" not in lazy
    assert lazy["b"] == "B"
    assert recorder.made == ["a", "b"]  # "b" was still remembered
    with pytest.raises(KeyError):
        lazy["c"]


@pytest.mark.parametrize(
    ("key", "default", "expected"),
    [("b", None, "B"), ("b", "-", "B"), ("z", None, None), ("z", "-", "-")],
    ids=["known", "known-with-default", "unknown", "unknown-with-default"],
)
def test_get_on_a_lazy_mapping_is_mapping_get(key: str, default: str | None, expected: str | None) -> None:
    recorder = Recorder()
    mapping = LazyMapping(("a", "b"), recorder.shout)
    assert mapping.get(key, default) == expected == dict(mapping).get(key, default)
    assert mapping.get(key, default) == expected
    assert recorder.made.count(key) == (1 if key in ("a", "b") else 0)  # made once, then remembered
