"""Limits that protect the service: a cap on concurrent store work and a per-query
deadline. (The maximum result size is the store's `max_rows`: it stops evaluating at
the first solution beyond it, see `state.run_query`.)

How a deadline is enforced: the store receives `timeout_s` and is expected to stop the
query itself (Oxigraph's evaluator releases the GIL, so a running query never blocks the
event loop or other queries). This module is the backstop: the caller waits on the work
for at most the deadline plus a small grace and then answers 503, whatever the store
does. `run` waits in the calling thread (plain `def` endpoints); `run_async` awaits the
same work on the event loop, which spares the fast path a hop through a second thread;
`run_awaitable` takes work that is itself awaitable (the embedded store's query workers,
watched by the loop) and so needs no thread at all.
A slot of the concurrency cap is released only when the work has *really* finished, so
queries that overrun their deadline can never pile up beyond `max_concurrent_queries`:
later requests get 503 + Retry-After instead of queueing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Awaitable, Callable
from typing import Any, Final, TypeVar

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
        # Slots in use, under a plain lock: taken and freed on every request, and a
        # `threading.Semaphore` (Python code around a condition) costs ~0.002 ms more.
        self._busy = 0
        self._busy_lock = threading.Lock()
        # As many workers as slots: a task never waits in the executor's queue.
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=max_concurrent, thread_name_prefix="beslutsgraf-query"
        )

    def _take_slot(self) -> None:
        with self._busy_lock:
            taken = self._busy < self.max_concurrent
            if taken:
                self._busy += 1
        if not taken:
            raise Overloaded(
                f"the service is already running {self.max_concurrent} queries "
                "(BESLUTSGRAF_MAX_CONCURRENT_QUERIES); retry in a moment",
                headers={"Retry-After": "1"},
            )

    def _free_slot(self) -> None:
        with self._busy_lock:
            if self._busy == 0:
                raise ValueError("a query slot was freed more often than taken")
            self._busy -= 1

    def _submit(self, work: Callable[[], T]) -> concurrent.futures.Future[T]:
        """`work` started in a slot's thread; `Overloaded` when every slot is busy."""
        self._take_slot()
        try:
            future = self._executor.submit(work)
        except BaseException:
            self._free_slot()
            raise
        # The slot is free again only when the work has really finished.
        future.add_done_callback(lambda _future: self._free_slot())
        return future

    def _wait_s(self, deadline: bool) -> float | None:
        return self.timeout_s + DEADLINE_GRACE_S if deadline and self.timeout_s else None

    def _timed_out(self) -> QueryTimedOut:
        return QueryTimedOut(
            f"the query did not finish within the service's limit of {self.timeout_s:g} s "
            "(BESLUTSGRAF_QUERY_TIMEOUT_S); make it more selective or add a LIMIT"
        )

    def run(self, work: Callable[[], T], *, deadline: bool = True) -> T:
        """Run `work` in a worker thread and return its result.

        Raises `Overloaded` (503, Retry-After) when every slot is busy and, if `deadline`,
        `QueryTimedOut` (503) when the work overruns the query timeout. Updates pass
        `deadline=False`: abandoning a write would leave the client unsure whether it
        happened."""
        future = self._submit(work)
        try:
            return future.result(timeout=self._wait_s(deadline))
        except concurrent.futures.TimeoutError:
            raise self._timed_out() from None

    async def run_async(self, work: Callable[[], T], *, deadline: bool = True) -> T:
        """`run` for `async` endpoints: the same slots, deadline and errors, awaited on
        the event loop instead of blocking a thread."""
        future = self._submit(work)
        answer = asyncio.wrap_future(future)
        try:
            done, _pending = await asyncio.wait((answer,), timeout=self._wait_s(deadline))
        except asyncio.CancelledError:  # the request went away; the work runs on
            answer.add_done_callback(_ignore)
            raise
        if not done:
            # Stop waiting, not the work: its slot stays taken until it really ends.
            answer.add_done_callback(_ignore)
            raise self._timed_out()
        return answer.result()

    async def run_awaitable(self, work: Callable[[], Awaitable[T]], *, deadline: bool = True) -> T:
        """`run_async` for work that is awaitable itself and stops when cancelled (the
        embedded store's `query_async` kills its worker): at the backstop deadline it
        is cancelled, so its slot is free again when this returns. The deadline is one
        timer that cancels this task, what `asyncio.timeout` does at a third of its cost
        (~0.005 ms a request on the hot path)."""
        wait_s = self._wait_s(deadline)
        self._take_slot()
        try:
            if wait_s is None:
                return await work()
            task = asyncio.current_task()
            assert task is not None  # awaited, so inside a task
            backstop = _Backstop(task)
            timer = asyncio.get_running_loop().call_later(wait_s, backstop.expire)
            try:
                return await work()
            except asyncio.CancelledError:
                # Ours only if the timer fired and nobody else cancelled the task too.
                if backstop.expired and task.uncancel() <= backstop.cancelling:
                    raise self._timed_out() from None
                raise
            finally:
                timer.cancel()
        finally:
            self._free_slot()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class _Backstop:
    """Cancels `task` when its deadline passes, and remembers that it did."""

    __slots__ = ("cancelling", "expired", "task")

    def __init__(self, task: asyncio.Task[Any]) -> None:
        self.task = task
        self.cancelling = task.cancelling()  # cancellations already pending: not ours
        self.expired = False

    def expire(self) -> None:
        self.expired = True
        self.task.cancel()


def _ignore(answer: asyncio.Future[Any]) -> None:
    """Retrieve the outcome of work nobody waits for any more, so asyncio does not log
    "exception was never retrieved" when it finally fails."""
    if not answer.cancelled():
        answer.exception()
