"""The cyclic garbage collector around a run's batches.

A document allocates many objects, and the collector's passes over the older
generations walked everything alive: spaCy's pipeline, the shapes, the vocabulary,
the batch's mentions and Known. None of those is garbage while a batch runs, so they
are frozen (`gc.freeze`) and skipped (pipeline thread, 100 documents: 209 -> 156 CPU ms
each; 1,000: 251 -> 206).

After a batch, only what the batch made and kept is collected. Collecting everything
after every batch walked the run's whole memory each time, and that grows with the
store (what the run knows of every document graph read): the cost per document grew
with the run. Everything is collected again, as CPython schedules its own full
collections, once the frozen objects have grown by a quarter since the last time:
cyclic garbage among them is bounded by that share, and the walks add up to a
constant cost per object.

While a batch runs, the youngest generation is collected after 50,000 net
allocations instead of CPython's 700: a document makes hundreds of thousands of small
objects (tokens, spans, terms, triples), nearly all freed by reference counting, and
at 700 the collector ran ~12 times a document and walked the survivors again in the
older generations (400 synthetic minutes: 6–11 ms of collection a document, 63–71
CPU ms on the pipeline thread; at 50,000: 3.5–4 ms, 58–61). Cycles the batch makes
still go at its end. The run restores the process's thresholds when it ends.
"""

from __future__ import annotations

import gc

__all__ = ["BatchCollector"]

# Frozen objects may grow by this share before a full collection (CPython's own rule
# for its oldest generation).
_GROWTH = 0.25
# Collection thresholds while a batch runs (see above): young objects after 50,000 net
# allocations, each older generation after 20 collections of the one below.
BATCH_THRESHOLDS = (50_000, 20, 20)


class BatchCollector:
    def __init__(self) -> None:
        self._frozen_after_full: int | None = None
        self._thresholds_before: tuple[int, int, int] | None = None

    def start_batch(self) -> None:
        gc.freeze()
        if self._frozen_after_full is None:
            self._frozen_after_full = gc.get_freeze_count()
        if self._thresholds_before is None:
            self._thresholds_before = gc.get_threshold()
            gc.set_threshold(*BATCH_THRESHOLDS)

    def end_batch(self) -> None:
        frozen = gc.get_freeze_count()
        if self._frozen_after_full is None or frozen > (1 + _GROWTH) * self._frozen_after_full:
            self.end_run()
        else:
            gc.collect()  # the batch's own objects: frozen ones are not looked at

    def end_run(self) -> None:
        """Unfreeze and collect everything: no cycle outlives the run, and the
        process's thresholds are as the run found them."""
        if self._thresholds_before is not None:
            gc.set_threshold(*self._thresholds_before)
            self._thresholds_before = None
        gc.unfreeze()
        gc.collect()
        self._frozen_after_full = None
