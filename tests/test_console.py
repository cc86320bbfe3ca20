"""The console loop: commands, answers, prompts, and a clean end on /quit or end of input."""

from __future__ import annotations

import io

import pytest

from bot.bootstrap import Runtime
from bot.console import COMMANDS, PROMPT, run_console
from bot.render import render_text


def _run(runtime: Runtime, lines: list[str], *, interactive: bool = False) -> tuple[int, str]:
    stdout = io.StringIO()
    code = run_console(runtime.service, io.StringIO("".join(f"{line}\n" for line in lines)), stdout, interactive)
    return code, stdout.getvalue()


def test_help_lists_every_command(runtime: Runtime) -> None:
    code, out = _run(runtime, ["/help"])
    assert code == 0
    for name, what in COMMANDS:
        assert f"{name} — {what}" in out


def test_sources_lists_every_article(runtime: Runtime) -> None:
    _, out = _run(runtime, ["/sources"])
    for article_id in runtime.library.articles:
        assert article_id in out
    assert out.count("\n- ") == len(runtime.library.articles) - 1


def test_a_question_is_answered_as_ask_would(runtime: Runtime) -> None:
    question = "What did Russia say about Taiwan?"
    _, out = _run(runtime, [question])
    assert out == render_text(runtime.service.answer(question)) + "\n\n"
    assert "Sources:" in out


def test_blank_lines_are_ignored_and_unknown_commands_explained(runtime: Runtime) -> None:
    _, out = _run(runtime, ["", "   ", "/frobnicate now"])
    assert out == "Unknown command /frobnicate; /help lists the commands.\n\n"


@pytest.mark.parametrize("command", ["/quit", "/exit"])
def test_quit_stops_before_later_lines(runtime: Runtime, command: str) -> None:
    code, out = _run(runtime, ["/help", command, "/sources"])
    assert code == 0
    assert "/help —" in out
    assert "Unknown outlet" not in out
    assert runtime.library.articles.keys().isdisjoint(out.split())


def test_end_of_input_ends_cleanly(runtime: Runtime) -> None:
    assert _run(runtime, []) == (0, "")


def test_interactive_mode_greets_and_prompts(runtime: Runtime) -> None:
    code, out = _run(runtime, ["/help"], interactive=True)
    assert code == 0
    assert out.startswith("Ask a question about the articles; /help for commands.\n" + PROMPT)
    assert out.count(PROMPT) == 2
    assert out.endswith(PROMPT + "\n")


def test_a_declined_question_prints_the_reason(runtime: Runtime) -> None:
    _, out = _run(runtime, ["what is the weather in paris tomorrow"])
    assert out.startswith("The articles don't answer this")
