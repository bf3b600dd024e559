"""The query worker process: `python -m beslutsgraf.store.worker TASK_FD ANSWER_FD`.

Says READY once booted. Then reads (snapshot folder, function, args) tasks; for each it
answers (ok, value or error). When a task names a snapshot other than the one it has
open, it first opens that one and says STARTED (the caller's clock starts there: opening
is not the query's fault); with the snapshot already open, evaluation starts at once and
the caller's clock runs from sending the task, which spares every query a message. It
opens snapshots read-only; no other process writes them. See `workers.py` for why.
"""

from __future__ import annotations

import sys
from multiprocessing.connection import Connection

from pyoxigraph import Store

from beslutsgraf.store.errors import StoreError
from beslutsgraf.store.workers import READY, STARTED

__all__ = ["serve"]


def serve(tasks: Connection, answers: Connection) -> None:
    """Answer tasks until the parent sends None or goes away."""
    opened: tuple[str, Store] | None = None
    answers.send(READY)
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        snapshot, function, args = task
        try:
            if opened is None or opened[0] != snapshot:
                opened = None  # release the old snapshot's files before opening the new
                opened = (snapshot, Store.read_only(snapshot))
                answers.send(STARTED)
            answers.send((True, function(opened[1], *args)))
        except StoreError as error:
            answers.send((False, error))
        except Exception as error:  # reported to the caller; the worker lives on
            answers.send((False, StoreError(f"query failed: {type(error).__name__}: {error}")))


def main(argv: list[str]) -> None:
    task_fd, answer_fd = (int(value) for value in argv)
    serve(Connection(task_fd, writable=False), Connection(answer_fd, readable=False))


if __name__ == "__main__":
    main(sys.argv[1:])
