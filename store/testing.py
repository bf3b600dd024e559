"""Test support: run a real `oxigraph serve` for remote-store tests (ours and the
service's), on a free local port, and stop it afterwards."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

__all__ = ["oxigraph_binary", "running_oxigraph"]


def oxigraph_binary() -> str | None:
    """The `oxigraph` server from the `oxigraph` package beside this Python, or on PATH."""
    beside_python = Path(sys.executable).with_name("oxigraph")
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_oxigraph(
    location: Path, *, timeout_s: float | None = None, start_within_s: float = 30.0
) -> Iterator[str]:
    """Start `oxigraph serve --location LOCATION` and yield its base URL once it answers.
    `timeout_s` is the server's own query time limit. The log is LOCATION/../oxigraph.log."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("the `oxigraph` server binary is missing (pip install oxigraph)")
    port = _free_port()
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if timeout_s is not None:
        command += ["--timeout-s", str(int(timeout_s))]
    log_path = location.parent / f"{location.name}-oxigraph.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + start_within_s
            while not _answers(base):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not start; see {log_path}")
                time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(base: str) -> bool:
    try:
        return httpx.get(f"{base}/query", params={"query": "ASK {}"}).status_code == 200
    except httpx.TransportError:
        return False
