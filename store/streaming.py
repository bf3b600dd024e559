"""Turn a function that writes to a binary file into an iterator of chunks, so large
dumps stream to stdout or an HTTP response without being held in memory."""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Callable, Iterator
from typing import IO

__all__ = ["stream_writes"]

_DONE = object()


class _QueueWriter(io.RawIOBase):
    def __init__(self, chunks: queue.Queue[object], cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._cancelled.is_set():
            raise BrokenPipeError("the reader stopped")  # ends the producer early
        self._chunks.put(bytes(data))
        return len(data)


def stream_writes(
    produce: Callable[[IO[bytes]], None],
    map_error: Callable[[BaseException], BaseException] = lambda error: error,
) -> Iterator[bytes]:
    """Run `produce(file)` in a thread and yield what it writes, in order. Buffered into
    64 KiB writes; at most 16 chunks wait in memory. Errors are re-raised via `map_error`."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=16)
    cancelled = threading.Event()

    def run() -> None:
        try:
            raw = _QueueWriter(chunks, cancelled)
            with io.BufferedWriter(raw, 64 * 1024) as buffered:  # type: ignore[type-var]
                produce(buffered)
            chunks.put(_DONE)
        except BaseException as error:
            chunks.put(error)

    thread = threading.Thread(target=run, name="beslutsgraf-dump", daemon=True)
    thread.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise map_error(item) from None
            assert isinstance(item, bytes)
            yield item
    finally:
        cancelled.set()
        while thread.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                chunks.get(timeout=0.05)
