"""The query worker process: `python -m beslutsgraf.store.worker TASK_FD ANSWER_FD`.

Says READY once booted. Then reads TASK frames (snapshot folder, function, args); for
each it answers a RESULT (a serialised answer, sent as raw bytes), a VALUE or an ERROR.
When a task names a snapshot other than the one it has open, it first opens that one
and says STARTED (the caller's clock starts there: opening is not the query's fault);
with the snapshot already open, evaluation starts at once and the caller's clock runs
from sending the task, which spares every query a message. It opens snapshots
read-only; no other process writes them. See `workers.py` for why and for the frames.
"""

from __future__ import annotations

import pickle
import sys

from pyoxigraph import Store

from beslutsgraf.store.base import SerializedResult
from beslutsgraf.store.errors import StoreError
from beslutsgraf.store.workers import (
    ERROR,
    READY,
    RESULT,
    STARTED,
    TASK,
    VALUE,
    FrameReader,
    write_frame,
)

__all__ = ["serve"]


def serve(tasks: FrameReader, answers: int) -> None:
    """Answer tasks until the parent sends STOP or goes away."""
    opened: tuple[str, Store] | None = None
    write_frame(answers, READY)
    while True:
        try:
            kind, meta, _body = tasks.read()
        except (EOFError, OSError):
            return
        if kind != TASK:  # STOP
            return
        snapshot, function, args = pickle.loads(meta)
        try:
            if opened is None or opened[0] != snapshot:
                opened = None  # release the old snapshot's files before opening the new
                opened = (snapshot, Store.read_only(snapshot))
                write_frame(answers, STARTED)
            kind, meta, body = _answer(function(opened[1], *args))
        except StoreError as error:
            kind, meta, body = _failure(error)
        except Exception as error:  # reported to the caller; the worker lives on
            kind, meta, body = _failure(
                StoreError(f"query failed: {type(error).__name__}: {error}")
            )
        write_frame(answers, kind, meta, body)


def _answer(value: object) -> tuple[int, bytes, bytes]:
    """A serialised answer goes as raw bytes (no pickling of a large body); anything
    else pickled."""
    if isinstance(value, SerializedResult):
        return RESULT, f"{value.form}\n{value.media_type}".encode(), value.body
    return VALUE, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), b""


def _failure(error: StoreError) -> tuple[int, bytes, bytes]:
    return ERROR, pickle.dumps(error, pickle.HIGHEST_PROTOCOL), b""


def main(argv: list[str]) -> None:
    task_fd, answer_fd = (int(value) for value in argv)
    serve(FrameReader(task_fd), answer_fd)


if __name__ == "__main__":
    main(sys.argv[1:])
