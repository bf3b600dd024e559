"""Limits that protect the service: a cap on concurrent store work and a per-query
deadline. (The maximum result size is the store's `max_rows`: it stops evaluating at
the first solution beyond it, see `state.run_query`.)

How a deadline is enforced: the store receives `timeout_s` and is expected to stop the
query itself (Oxigraph's evaluator releases the GIL, so a running query never blocks the
event loop or other queries). This module is the backstop: the request thread waits on
the work for at most the deadline plus a small grace and then answers 503, whatever the
store does. A slot of the concurrency cap is released only when the work has *really*
finished, so queries that overrun their deadline can never pile up beyond
`max_concurrent_queries`: later requests get 503 + Retry-After instead of queueing.
"""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from typing import Final, TypeVar

from beslutsgraf.service.http_errors import Overloaded, QueryTimedOut

__all__ = ["DEADLINE_GRACE_S", "QueryLimiter"]

T = TypeVar("T")

# Extra time granted to the store to stop a query cleanly (and report its own timeout)
# before the request thread gives up waiting on it.
DEADLINE_GRACE_S: Final = 0.5


class QueryLimiter:
    """Runs store work under the service's limits. Thread-safe; one per app."""

    def __init__(self, max_concurrent: int, timeout_s: float | None) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent_queries must be at least 1")
        self.max_concurrent = max_concurrent
        self.timeout_s = timeout_s
        self._slots = threading.BoundedSemaphore(max_concurrent)
        # As many workers as slots: a task never waits in the executor's queue.
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=max_concurrent, thread_name_prefix="beslutsgraf-query"
        )

    def run(self, work: Callable[[], T], *, deadline: bool = True) -> T:
        """Run `work` in a worker thread and return its result.

        Raises `Overloaded` (503, Retry-After) when every slot is busy and, if `deadline`,
        `QueryTimedOut` (503) when the work overruns the query timeout. Updates pass
        `deadline=False`: abandoning a write would leave the client unsure whether it
        happened."""
        if not self._slots.acquire(blocking=False):
            raise Overloaded(
                f"the service is already running {self.max_concurrent} queries "
                "(BESLUTSGRAF_MAX_CONCURRENT_QUERIES); retry in a moment",
                headers={"Retry-After": "1"},
            )
        try:
            future = self._executor.submit(work)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _future: self._slots.release())
        wait_s = self.timeout_s + DEADLINE_GRACE_S if deadline and self.timeout_s else None
        try:
            return future.result(timeout=wait_s)
        except concurrent.futures.TimeoutError:
            raise QueryTimedOut(
                f"the query did not finish within the service's limit of {self.timeout_s:g} s "
                "(BESLUTSGRAF_QUERY_TIMEOUT_S); make it more selective or add a LIMIT"
            ) from None

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
