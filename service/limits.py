"""Limits that protect the service: a cap on concurrent store work, a per-query deadline
and a maximum result size.

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
import csv
import io
import json
import threading
from collections.abc import Callable
from typing import Final, TypeVar

import pyoxigraph

from beslutsgraf.service.http_errors import Overloaded, QueryTimedOut, ResultTooLarge
from beslutsgraf.store import SerializedResult

__all__ = ["DEADLINE_GRACE_S", "QueryLimiter", "check_result_size", "count_results"]

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


def _count_select(result: SerializedResult) -> int:
    media_type = result.media_type.split(";")[0].strip()
    body = result.body
    if media_type == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    if media_type == "application/sparql-results+xml":
        # `<` is always escaped inside XML text, so this tag count is exact.
        return body.count(b"<result>") + body.count(b"<result ")
    if media_type == "text/tab-separated-values":
        # TSV terms use Turtle escapes: one line per solution after the header.
        return max(len(body.rstrip(b"\r\n").split(b"\n")) - 1, 0) if body.strip() else 0
    if media_type == "text/csv":
        # CSV may hold newlines inside quoted fields: parse it.
        return max(sum(1 for _row in csv.reader(io.StringIO(body.decode("utf-8")))) - 1, 0)
    raise ValueError(f"cannot count solutions in {media_type}")


def count_results(result: SerializedResult) -> int:
    """Solutions of a SELECT, triples of a CONSTRUCT/DESCRIBE, 1 for an ASK."""
    if result.form == "ASK":
        return 1
    if result.form == "SELECT":
        return _count_select(result)
    rdf_format = pyoxigraph.RdfFormat.from_media_type(result.media_type)
    if rdf_format is None:
        raise ValueError(f"cannot count triples in {result.media_type}")
    return sum(1 for _quad in pyoxigraph.parse(result.body, rdf_format))


def check_result_size(result: SerializedResult, max_rows: int | None) -> SerializedResult:
    """The result itself, or `ResultTooLarge` (413) when it exceeds `max_rows`: an answer
    is never silently truncated."""
    if max_rows is None:
        return result
    size = count_results(result)
    if size > max_rows:
        unit = "solutions" if result.form == "SELECT" else "triples"
        raise ResultTooLarge(
            f"the answer has {size} {unit}, more than this service returns at once "
            f"({max_rows}, BESLUTSGRAF_MAX_RESULT_ROWS); add a LIMIT and page with OFFSET"
        )
    return result
