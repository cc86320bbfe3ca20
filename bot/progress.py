"""A tqdm progress bar on stderr for long index builds: shown on a terminal, or in logs when the build is long."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

# About this many articles take more than a few seconds to split; below it a bar in a log is noise.
LONG_BUILD_ARTICLES = 2000
_TERMINAL_DELAY_S = 0.5  # a build that ends sooner never shows a bar
_LOG_INTERVAL_S = 10.0  # a log gets a line this often, not one per redraw


class ProgressBar:
    """A build progress callback (articles done, articles in all) that draws a tqdm bar when it is worth it."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._bar: tqdm[NoReturn] | None = None
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Record that done of total articles are split."""
        bar = self._bar
        if bar is None:
            terminal = self._stream.isatty()
            if not terminal and total < LONG_BUILD_ARTICLES:
                return
            from tqdm import tqdm  # noqa: PLC0415 - only a long or interactive build pays for the import

            bar = self._bar = tqdm(
                total=total,
                desc="splitting articles",
                unit="article",
                file=self._stream,
                delay=_TERMINAL_DELAY_S if terminal else 0.0,
                mininterval=0.1 if terminal else _LOG_INTERVAL_S,
                dynamic_ncols=terminal,
            )
            self.shown = True
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
