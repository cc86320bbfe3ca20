"""Follow-ups become standalone questions using the previous question; standalone questions pass through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.followup import resolve_followup


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        pytest.param(
            "and what about Taiwan?",
            "What did Russia say about NATO?",
            "What did Russia say about Taiwan?",
            id="and-what-about",
        ),
        pytest.param(
            "What about Taiwan",
            "What did Putin say about NATO expansion?",
            "What did Putin say about Taiwan?",
            id="what-about-replaces-whole-topic",
        ),
        pytest.param("And Taiwan?", "What did Xi say about Ukraine?", "What did Xi say about Taiwan?", id="and-x"),
        pytest.param(
            "how about the gas deal then?",
            "What did Putin say on Thursday about NATO?",
            "What did Putin say on Thursday about the gas deal?",
            id="last-preposition-and-filler",
        ),
        pytest.param(
            "and to Europe?",
            "How much gas will Russia supply to China per year?",
            "How much gas will Russia supply to Europe?",
            id="same-preposition",
        ),
        pytest.param(
            "what did he say about Taiwan?",
            "What did Putin say about NATO?",
            "what did Putin say about Taiwan?",
            id="he",
        ),
        pytest.param(
            "what did they say about Taiwan?",
            "What did Russia and China say about NATO?",
            "what did Russia and China say about Taiwan?",
            id="they",
        ),
        pytest.param(
            "what is their position on Taiwan?",
            "What did Russia and China say about NATO?",
            "what is Russia’s and China’s position on Taiwan?",
            id="their",
        ),
    ],
)
def test_followups_are_resolved(question: str, previous: str, expected: str) -> None:
    assert resolve_followup(question, previous) == expected


@pytest.mark.parametrize(
    ("question", "previous"),
    [
        pytest.param("What did Russia say about Taiwan?", "What did Putin say about NATO?", id="standalone"),
        pytest.param("and what did Xi say?", "What did Putin say about NATO?", id="new-question-after-and"),
        pytest.param("but why?", "What did Putin say about NATO?", id="bare-why"),
        pytest.param("what about Taiwan?", None, id="no-previous"),
        pytest.param("what about Taiwan?", "Who is Putin?", id="previous-without-topic-slot"),
        pytest.param("Did Xi say he would visit?", "What did Putin say about NATO?", id="pronoun-with-own-name"),
        pytest.param("what did he say?", "What did Xi and Putin say about NATO?", id="ambiguous-he"),
        pytest.param("what did he say?", "what did putin say about nato?", id="no-names-to-borrow"),
    ],
)
def test_other_questions_pass_through(question: str, previous: str | None) -> None:
    assert resolve_followup(question, previous) == question


def test_whitespace_is_normalised() -> None:
    assert resolve_followup("  and   Taiwan? ", "What did Xi say\nabout Ukraine?") == "What did Xi say about Taiwan?"


@given(st.text(), st.one_of(st.none(), st.text()))
def test_never_fails_and_keeps_a_nonblank_question(question: str, previous: str | None) -> None:
    resolved = resolve_followup(question, previous)
    assert isinstance(resolved, str)
    assert bool(resolved.strip()) == bool(question.strip())


@pytest.mark.parametrize(
    ("question", "previous"),
    [
        pytest.param("and " + "? " * 20_000 + "Taiwan", "What did Xi say about Ukraine?", id="long-follow-up"),
        pytest.param("and Taiwan", "What did Xi say about " + "? " * 20_000 + "Ukraine", id="long-previous"),
    ],
)
def test_a_long_run_of_closing_marks_is_read_like_any_text(question: str, previous: str) -> None:
    # Patterns anchored on a trailing run of "?!." once re-scanned it from every position (quadratic: minutes).
    resolved = resolve_followup(question, previous)
    assert resolved.endswith(("Taiwan?", "Taiwan"))
