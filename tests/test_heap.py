"""The long-running process's heap settling: start-up objects frozen, young collections less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.heap import YOUNG_THRESHOLD, settle


@pytest.fixture
def restored() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


@pytest.mark.usefixtures("restored")
def test_settle_freezes_what_start_up_built_and_collects_the_young_less_often() -> None:
    kept = [{"start-up": n} for n in range(1000)]
    settle()
    assert gc.get_freeze_count() >= len(kept)
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
    # A collection no longer walks them: frozen objects are in no generation.
    assert all(found is not kept[0] for found in gc.get_objects())
