"""The real app on uvicorn on a free loopback port, over a real store on disk: the
helper the service and web test fixtures share.

`serving(settings, data)` loads `data` (TriG) into the store at `settings.store_dir`
through the store API, then runs `create_app(settings)` in uvicorn in a thread, so the
app opens the store in its lifespan exactly as `beslutsgraf serve` does."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from beslutsgraf.service.app import create_app
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import Store, open_store

__all__ = ["load_trig", "serving"]


def load_trig(store_dir: Path, trig: str) -> None:
    """Load TriG into the store at `store_dir` through the store API, then close it."""
    store = open_store(store_dir, None)
    try:
        store.bulk_load(trig.encode("utf-8"), "application/trig")
    finally:
        store.close()


@contextmanager
def serving(settings: Settings, data: str = "", *, store: Store | None = None) -> Iterator[str]:
    """Serve `create_app(settings)` on a free loopback port; yields the base URL. With
    `store`, the app serves that open store (which the caller closes) instead."""
    if data:
        load_trig(settings.store_dir, data)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings, store=store), log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        listener.close()
