"""Killable query evaluation for the embedded backend.

pyoxigraph cannot cancel a running query (it has no timeout or cancellation hook, and
an aggregate or ORDER BY computes everything inside one call), and a thread cannot be
killed. So a query with a time limit runs in a worker *process*, which is killed when
the limit passes: the CPU really stops, and the caller gets `QueryTimeout`.

Workers must not open the live RocksDB folder: a second process opening it while this
one writes is undefined behaviour (pyoxigraph's `Store.read_only` docs). Instead each
worker opens a *snapshot*: a RocksDB checkpoint made with `Store.backup` (hard links,
milliseconds), which nobody writes. A new snapshot is made lazily, on the first timed
query after a write, so a timed query always sees every write that finished before it
started. Retired snapshots are deleted once no query uses them.

A query's time limit counts from the moment its worker has it and the snapshot is
open: booting an interpreter is not the query's fault. `QueryWorkerPool.start` boots
every worker ahead of the first query (the service does so when it starts).
"""

from __future__ import annotations

import asyncio
import itertools
import math
import os
import pickle
import select
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from pyoxigraph import Store

from beslutsgraf.store.base import QueryForm, SerializedResult
from beslutsgraf.store.errors import QueryTimeout, StoreError, StoreUnavailable

__all__ = [
    "ERROR",
    "READY",
    "RESULT",
    "STARTED",
    "STOP",
    "TASK",
    "VALUE",
    "FrameReader",
    "QueryWorkerPool",
    "Snapshots",
    "write_frame",
]

# The pipe protocol (`worker.py` is the other end; it imports these from here, as
# importing it here would run it twice under `python -m`). A frame is a header (kind,
# meta length, body length) then meta and body. Raw frames, not `Connection.send`: a
# round trip of those cost ~0.02 ms more (pickling the answer, reading header and body
# apart), paid by every query; an answer's bytes are never pickled.
HEADER: Final = struct.Struct("<BIQ")
TASK: Final = 1  # to the worker; meta: pickled (snapshot folder, function, args)
STOP: Final = 2  # to the worker: exit
READY: Final = 3  # booted
STARTED: Final = 4  # has opened the task's new snapshot: the query's clock starts
RESULT: Final = 5  # a SerializedResult; meta: "form\nmedia type", body: its bytes
VALUE: Final = 6  # any other return value; meta: pickled
ERROR: Final = 7  # the error the function raised; meta: pickled

Result = TypeVar("Result")
_Read = TypeVar("_Read", bytes, int)

# How long a worker may take to boot, or to open a snapshot, before it counts as broken.
_START_LIMIT_S = 60.0
# Bytes asked of the pipe per read: its whole buffer, so a small frame takes one read.
_READ_SIZE = 1 << 16


def write_frame(fd: int, kind: int, meta: bytes = b"", body: bytes = b"") -> None:
    """One frame in one `writev` (no copy of `body`); a pipe may take a large one in parts."""
    parts = (HEADER.pack(kind, len(meta), len(body)), meta, body)
    written = os.writev(fd, parts)
    total = HEADER.size + len(meta) + len(body)
    if written < total:
        rest = memoryview(b"".join(parts))[written:]
        while rest:
            rest = rest[os.write(fd, rest) :]


class FrameReader:
    """Frames from a blocking pipe, through a buffer: two frames sent together (STARTED
    and a quick answer) arrive in one read, so the second may be waiting in here."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.closed = False
        self._buffer = bytearray()

    def has_frame(self) -> bool:
        """Whether a whole frame is already buffered (reading it will not block)."""
        if len(self._buffer) < HEADER.size:
            return False
        _kind, meta_size, body_size = HEADER.unpack_from(self._buffer)
        end: int = HEADER.size + meta_size + body_size
        return len(self._buffer) >= end

    def arrived(self) -> bool:
        """Whether the next frame can be read without waiting: it is here whole, or the
        other end has closed (reading then raises `EOFError`). Takes what the pipe holds
        without waiting for more, so the pipe must be non-blocking."""
        while not self.has_frame():
            try:
                chunk = os.read(self.fd, _READ_SIZE)
            except BlockingIOError:
                return False
            if not chunk:
                return True
            self._buffer += chunk
        return True

    def wait(self, timeout_s: float) -> bool:
        """Whether a frame starts to arrive within `timeout_s`, waiting in this thread."""
        if self.has_frame():
            return True
        poller = select.poll()  # not select(): a server's fd numbers pass 1024
        poller.register(self.fd, select.POLLIN)
        return bool(poller.poll(max(0, math.ceil(timeout_s * 1000))))

    def read(self) -> tuple[int, bytes, bytes]:
        """The next frame's kind, meta and body; blocks until all of it is here."""
        self._fill(HEADER.size)
        kind, meta_size, body_size = HEADER.unpack_from(self._buffer)
        end = HEADER.size + meta_size + body_size
        self._fill(end)
        frame = memoryview(self._buffer)
        try:
            meta = bytes(frame[HEADER.size : HEADER.size + meta_size])
            body = bytes(frame[HEADER.size + meta_size : end])
        finally:
            frame.release()  # a bytearray with a live view cannot be resized
        del self._buffer[:end]
        return kind, meta, body

    def _fill(self, size: int) -> None:
        """Buffer at least `size` bytes: a little more when the pipe has it (a frame sent
        right behind), and a large rest straight into place (no chunk copies)."""
        while len(self._buffer) < size and size - len(self._buffer) <= _READ_SIZE:
            chunk = self._read_some(os.read, self.fd, _READ_SIZE)
            if not chunk:
                raise EOFError("the other end of the pipe closed")
            self._buffer += chunk
        have = len(self._buffer)
        if have >= size:
            return
        self._buffer.extend(bytes(size - have))
        view = memoryview(self._buffer)
        try:
            while have < size:
                rest = view[have:size]
                read = self._read_some(os.readv, self.fd, [rest])
                if not read:
                    raise EOFError("the other end of the pipe closed")
                have += read
        finally:
            view.release()
            del self._buffer[have:]

    def _read_some(self, read: Callable[..., _Read], *args: Any) -> _Read:
        """`read(*args)`, waiting for data when the pipe is non-blocking: an event loop that
        watched it (uvloop's `add_reader`) leaves it so, and a frame larger than the
        pipe's buffer then arrives in parts."""
        while True:
            try:
                return read(*args)
            except BlockingIOError:
                poller = select.poll()
                poller.register(self.fd, select.POLLIN)
                poller.poll()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.fd)


@dataclass
class _Snapshot:
    path: Path
    generation: int
    users: int = 0
    retired: bool = False


class _Lease:
    """A snapshot's folder, kept on disk until the `with` block ends (a class, not a
    generator: ~0.002 ms less on every query)."""

    __slots__ = ("_snapshot", "_snapshots")

    def __init__(self, snapshots: Snapshots, snapshot: _Snapshot) -> None:
        self._snapshots = snapshots
        self._snapshot = snapshot

    def __enter__(self) -> Path:
        return self._snapshot.path

    def __exit__(self, *_exc_info: object) -> None:
        self._snapshots._release(self._snapshot)


class Snapshots:
    """Read-only checkpoints of a live store, one per write generation in use."""

    def __init__(self, store: Store, root: Path) -> None:
        self._store = store
        self._root = root
        shutil.rmtree(root, ignore_errors=True)  # leftovers of a crashed run
        root.mkdir(parents=True)
        self._lock = threading.Lock()
        self._current: _Snapshot | None = None
        self._names = itertools.count()

    def prepare(self, generation: int) -> None:
        """Make the snapshot of `generation` now, so no query waits for it."""
        with self._lock:
            self._current_for(generation)

    def _current_for(self, generation: int) -> _Snapshot:
        # The caller holds the lock.
        if self._current is None or self._current.generation != generation:
            path = self._root / str(next(self._names))
            try:
                self._store.backup(str(path))
            except OSError as error:
                raise StoreUnavailable(f"cannot snapshot the store: {error}") from None
            previous, self._current = self._current, _Snapshot(path, generation)
            if previous is not None:
                previous.retired = True
                self._remove_if_unused(previous)
        return self._current

    def lease(self, generation: int) -> _Lease:
        """A snapshot at least as new as `generation`, kept on disk while in use (`with`)."""
        with self._lock:
            snapshot = self._current_for(generation)
            snapshot.users += 1
        return _Lease(self, snapshot)

    def lease_if_ready(self, generation: int) -> _Lease | None:
        """`lease` when the snapshot of `generation` exists; None (and no lease) when a
        snapshot would have to be made first."""
        with self._lock:
            snapshot = self._current
            if snapshot is None or snapshot.generation != generation:
                return None
            snapshot.users += 1
        return _Lease(self, snapshot)

    def _release(self, snapshot: _Snapshot) -> None:
        with self._lock:
            snapshot.users -= 1
            self._remove_if_unused(snapshot)

    def _remove_if_unused(self, snapshot: _Snapshot) -> None:
        # An idle worker may still hold the files open; on POSIX that is harmless.
        if snapshot.retired and snapshot.users == 0:
            shutil.rmtree(snapshot.path, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self._root, ignore_errors=True)


class _Worker:
    """A `python -m beslutsgraf.store.worker` child talking over two pipes. A fresh
    interpreter, not multiprocessing: forking would copy RocksDB's threads and locks, and
    spawn/forkserver re-run the caller's `__main__`, which breaks under scripts and REPLs."""

    def __init__(self) -> None:
        task_read, task_write = os.pipe()
        answer_read, answer_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "beslutsgraf.store.worker", str(task_read), str(answer_write)],
            pass_fds=(task_read, answer_write),
            stdin=subprocess.DEVNULL,
        )
        os.close(task_read)
        os.close(answer_write)
        # Non-blocking, so the caller can look for an answer without waiting for one.
        os.set_blocking(answer_read, False)
        self.tasks: int | None = task_write  # None once closed
        self.answers = FrameReader(answer_read)
        self.ready = False  # READY received: booted
        self.snapshot: str | None = None  # the snapshot it has open (it said STARTED)

    def send(self, kind: int, meta: bytes = b"") -> None:
        if self.tasks is None:
            raise OSError("the query worker's pipe is closed")
        write_frame(self.tasks, kind, meta)

    def expect(self, signal: str) -> tuple[int, bytes, bytes]:
        """Wait (at most `_START_LIMIT_S`) for the next frame; `signal` or an answer
        (an error the worker reported instead). A worker that stays silent is broken."""
        if not self.answers.wait(_START_LIMIT_S):
            raise StoreUnavailable(
                f"a query worker sent no {signal!r} within {_START_LIMIT_S:g} s; "
                "the machine may be overloaded"
            )
        return self.answers.read()

    def boot(self) -> None:
        """Wait until the interpreter has started and said READY."""
        if not self.ready:
            if self.expect("ready")[0] != READY:
                raise StoreError("a query worker started in a confused state")
            self.ready = True

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self._close_pipes()

    def stop(self) -> None:
        with suppress(OSError):
            self.send(STOP)
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self._close_pipes()

    def _close_pipes(self) -> None:
        if self.tasks is not None:
            os.close(self.tasks)
            self.tasks = None
        self.answers.close()


class QueryWorkerPool:
    """Up to `size` worker processes, started on demand; one query per worker at a time."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a query worker pool needs at least one worker")
        self._size = size
        # Idle workers, the last freed on top (its memory is the likeliest in cache),
        # under `_lock`: a `queue.LifoQueue` costs ~0.005 ms more per query to take from
        # and give back to. `_freed` wakes threads waiting for one (all were busy).
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)
        self._waiting = 0
        self._started = 0  # workers running or booting
        self._closed = False
        self._live: set[_Worker] = set()

    def pids(self) -> list[int]:
        """Process ids of the running workers (for health checks and tests)."""
        with self._lock:
            return sorted(w.process.pid for w in self._live if w.process.poll() is None)

    def _acquire(self, deadline: float, timeout_s: float) -> _Worker:
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the store is closed")
            worker = self._idle.pop() if self._idle else None
            if worker is None and self._started < self._size:
                self._started += 1
                worker = _Worker()
                self._live.add(worker)
            # Keep one booted spare, so a query arriving next (say, a quick one beside a
            # runaway one) does not wait for an interpreter to start.
            if not self._idle and self._started < self._size:
                self._started += 1
                threading.Thread(target=self._add_worker, daemon=True).start()
            if worker is not None:
                return worker
            self._waiting += 1
            try:
                wait_s = max(0.0, deadline - time.monotonic())
                if not self._freed.wait_for(lambda: self._idle, wait_s):
                    raise QueryTimeout(timeout_s, f"all {self._size} query workers were busy")
                return self._idle.pop()
            finally:
                self._waiting -= 1

    def start(self) -> None:
        """Boot every worker not yet running and wait until all are ready, so no query
        ever waits for an interpreter to start."""
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the store is closed")
            missing = self._size - self._started
            self._started += missing
        booting = [threading.Thread(target=self._add_worker, daemon=True) for _ in range(missing)]
        for thread in booting:
            thread.start()
        for thread in booting:
            thread.join()

    def _add_worker(self) -> None:
        """Start a worker (its slot already counted in `_started`), wait until it is
        ready and make it idle."""
        try:
            worker = _Worker()
        except OSError:
            with self._lock:
                self._started -= 1
            return
        try:
            worker.boot()
        except (StoreError, EOFError, OSError):
            worker.kill()
            with self._lock:
                self._started -= 1
            return
        with self._lock:
            if not self._closed:
                self._live.add(worker)
                self._give_back(worker)
                return
        worker.stop()

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._live.discard(worker)
            if self._closed:
                self._started -= 1
                return
        # Replace it now (the slot stays counted), off this thread, so the next query
        # does not wait for an interpreter to boot.
        threading.Thread(target=self._add_worker, daemon=True).start()

    def call(
        self,
        snapshot: Path,
        function: Callable[..., Result],
        args: tuple[Any, ...],
        timeout_s: float,
    ) -> Result:
        """`function(store, *args)` in a worker on `snapshot`, killed after `timeout_s`
        counted from when the worker has started evaluating. Waiting for a busy worker
        to come free is bounded by `timeout_s` too."""
        worker = self._acquire(time.monotonic() + timeout_s, timeout_s)
        try:
            opening = self._send(worker, snapshot, function, args)
            worker.boot()  # a worker started on demand for this query
            frame = worker.expect("started") if opening else _STARTED_FRAME
            if frame[0] == STARTED:
                worker.snapshot = str(snapshot)
                if not worker.answers.wait(timeout_s):  # the clock starts now
                    self._discard(worker)  # the only way to stop the evaluation
                    raise QueryTimeout(timeout_s)
                frame = worker.answers.read()
            ok, value = _decode(frame)
        except BaseException as error:
            raise self._broken(worker, error) from None
        result: Result = self._outcome(worker, ok, value)
        return result

    async def call_async(
        self,
        snapshot: Path,
        function: Callable[..., Result],
        args: tuple[Any, ...],
        timeout_s: float,
    ) -> Result:
        """`call` awaited on the running event loop: the worker's answer pipe is watched
        by the loop itself, so no thread sits between a request and its worker. When no
        worker is idle (all busy, or one booting after a kill) it waits as `call` does,
        in a thread. The answer is read once it starts to arrive; a large one holds the
        loop for its transfer from the worker (milliseconds per ten megabytes)."""
        worker = self._take_idle()
        if worker is None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, self.call, snapshot, function, args, timeout_s)
        try:
            frame = _STARTED_FRAME
            if self._send(worker, snapshot, function, args):
                if not await _readable(worker.answers, _START_LIMIT_S):
                    raise StoreUnavailable(
                        f"a query worker did not open a snapshot within {_START_LIMIT_S:g} s; "
                        "the machine may be overloaded"
                    )
                frame = worker.answers.read()
            if frame[0] == STARTED:
                worker.snapshot = str(snapshot)
                if not await _readable(worker.answers, timeout_s):  # the clock starts now
                    self._discard(worker)  # the only way to stop the evaluation
                    raise QueryTimeout(timeout_s)
                frame = worker.answers.read()
            ok, value = _decode(frame)
        except BaseException as error:  # cancelled too: the worker's state is unknown
            raise self._broken(worker, error) from None
        result: Result = self._outcome(worker, ok, value)
        return result

    def _take_idle(self) -> _Worker | None:
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the store is closed")
            return self._idle.pop() if self._idle else None

    def _give_back(self, worker: _Worker) -> None:
        """Make `worker` idle; the caller holds `_lock`."""
        self._idle.append(worker)
        if self._waiting:
            self._freed.notify()

    @staticmethod
    def _send(
        worker: _Worker, snapshot: Path, function: Callable[..., Any], args: tuple[Any, ...]
    ) -> bool:
        """Hand `worker` its task; True when it must open the snapshot first, and so will
        say STARTED (or report why it could not) before it answers."""
        folder = str(snapshot)
        worker.send(TASK, pickle.dumps((folder, function, args), pickle.HIGHEST_PROTOCOL))
        if worker.snapshot == folder:
            return False
        worker.snapshot = None  # until it says STARTED
        return True

    def _broken(self, worker: _Worker, error: BaseException) -> BaseException:
        """The error to raise for a call interrupted by `error`; the worker is discarded
        unless it already was (a timeout)."""
        if not worker.answers.closed:  # closed: already discarded (a timeout)
            self._discard(worker)  # interrupted mid-protocol, or dead: its state is unknown
        if isinstance(error, (EOFError, OSError)):
            return StoreError(f"query worker exited unexpectedly: {error}")
        return error

    def _outcome(self, worker: _Worker, ok: bool, value: Any) -> Any:
        """The worker is idle again; its answer's value, or the error it reported."""
        with self._lock:
            self._give_back(worker)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """Stop idle workers; kill any still running a query (its caller gets an error)."""
        with self._lock:
            self._closed = True
            workers, self._live = self._live, set()
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
        for worker in workers.difference(idle):
            worker.kill()


_STARTED_FRAME: Final = (STARTED, b"", b"")


def _decode(frame: tuple[int, bytes, bytes]) -> tuple[bool, Any]:
    """(True, the function's value) or (False, the error it raised)."""
    kind, meta, body = frame
    if kind == RESULT:
        form, media_type = meta.decode("utf-8").split("\n")
        return True, SerializedResult(cast(QueryForm, form), media_type, body)
    if kind == VALUE:
        return True, pickle.loads(meta)
    if kind == ERROR:
        error: BaseException = pickle.loads(meta)
        return False, error
    raise StoreError(f"a query worker sent a frame of unknown kind {kind}")


async def _readable(answers: FrameReader, timeout_s: float) -> bool:
    """Whether a frame arrives within `timeout_s`, waiting on the running loop (no thread):
    one future, a reader callback and a timer, the least the loop can do. None of them
    when the frame is already here: a worker woken by the task's write often runs at
    once on this CPU (a pipe wakes its reader on the writer's CPU) and has answered a
    quick query before the write returns."""
    if answers.arrived():
        return True
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[bool] = loop.create_future()
    loop.add_reader(answers.fd, _settle, ready, True)
    timer = loop.call_later(timeout_s, _settle, ready, False)
    try:
        return await ready
    finally:
        timer.cancel()
        loop.remove_reader(answers.fd)


def _settle(ready: asyncio.Future[bool], value: bool) -> None:
    if not ready.done():
        ready.set_result(value)
