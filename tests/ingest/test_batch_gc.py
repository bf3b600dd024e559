"""The collector around a run's batches: a batch's own cycles go at its end, frozen
cycles once the frozen objects have grown by a quarter, and nothing stays frozen after
the run (the process's collector is as the run found it)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from beslutsgraf.ingest.batch_gc import BATCH_THRESHOLDS, BatchCollector


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


@pytest.fixture(autouse=True)
def _nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_batchs_own_cycles_are_collected_at_its_end() -> None:
    collector = BatchCollector()
    collector.start_batch()
    made = weakref.ref(_Node())
    collector.end_batch()
    assert made() is None
    assert gc.get_freeze_count() > 0  # what was alive before the batch stays frozen
    collector.end_run()
    assert gc.get_freeze_count() == 0


def test_frozen_cycles_wait_until_the_frozen_objects_grow_by_a_quarter() -> None:
    collector = BatchCollector()
    collector.start_batch()
    collector.end_batch()
    baseline = gc.get_freeze_count()
    # Kept through a batch start (frozen), then dropped: garbage the batch ends skip.
    kept = [_Node() for _ in range(10)]
    frozen_garbage = weakref.ref(kept[0])
    collector.start_batch()
    del kept
    collector.end_batch()
    assert frozen_garbage() is not None  # not worth a walk over everything yet
    growth = [[] for _ in range(baseline // 2)]  # half as many objects again
    collector.start_batch()
    collector.end_batch()
    assert frozen_garbage() is None
    assert gc.get_freeze_count() == 0  # the full collection unfroze everything
    del growth
    collector.end_run()


def test_a_batch_collects_young_objects_less_often_and_the_run_restores_the_thresholds() -> None:
    before = gc.get_threshold()
    collector = BatchCollector()
    collector.start_batch()
    assert gc.get_threshold() == BATCH_THRESHOLDS
    collector.end_batch()  # a full collection at a batch end restores them until the next
    collector.start_batch()
    assert gc.get_threshold() == BATCH_THRESHOLDS
    collector.end_run()
    assert gc.get_threshold() == before
