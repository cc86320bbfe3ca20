"""The long-running process's heap settling: start-up objects frozen, young collections less often."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from bot.bootstrap import build_runtime
from bot.heap import YOUNG_THRESHOLD, prepare_to_serve, settle
from config import Settings
from retrieval.corpus import bundled_corpus_dir


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


@pytest.mark.usefixtures("restored")
def test_preparing_to_serve_warms_a_small_corpus_and_freezes_what_it_worked_out(
    make_settings: Callable[..., Settings],
) -> None:
    service = build_runtime(make_settings(corpus_dir=bundled_corpus_dir())).service
    prepare_to_serve(service)
    facts = service.facts[0]
    assert "terms" in vars(facts)  # worked out at start, not by the first answer
    assert all(found is not facts for found in gc.get_objects())  # and frozen with the rest of start-up
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
