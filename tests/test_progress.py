"""The build progress bar: shown on a terminal, or in a log only when the build is long."""

from __future__ import annotations

import io

from bot.progress import LONG_BUILD_ARTICLES, ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def drive(bar: ProgressBar, total: int) -> None:
    for done in range(1, total + 1):
        bar(done, total)


def test_a_short_build_logs_nothing() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    drive(bar, 50)
    assert stream.getvalue() == ""
    assert not bar.shown


def test_a_long_build_logs_a_bar_that_ends_complete() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    drive(bar, LONG_BUILD_ARTICLES)
    assert bar.shown
    assert f"{LONG_BUILD_ARTICLES}/{LONG_BUILD_ARTICLES}" in stream.getvalue()
    assert "splitting articles" in stream.getvalue()


def test_a_terminal_gets_a_bar_even_for_a_small_build() -> None:
    bar = ProgressBar(Terminal())
    drive(bar, 10)
    assert bar.shown
