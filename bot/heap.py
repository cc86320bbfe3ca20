"""The heap of a long-running process: what start-up built is frozen out of the garbage collector's way."""

from __future__ import annotations

import gc

from retrieval.service import QAService

# Python collects its youngest generation every 700 container allocations by default. An answer over a large
# corpus makes a few thousand short-lived sets and facts: collecting less often lets them die young instead of
# being promoted, and so keeps full collections rare (docs/performance.md has the measurements).
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Collect once, freeze what survives start-up (index, vocabulary, word books), and collect less often.

    Frozen objects are never examined again, so a full collection no longer walks the whole start-up heap:
    at 1M sentences that took a question's time from a few milliseconds to over 200 ms whenever one ran.
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def prepare_to_serve(service: QAService) -> None:
    """Ready a process that answers many questions: a small corpus's facts worked out first, so that they are
    frozen with the rest of start-up, then the heap settled."""
    service.warm()
    settle()
