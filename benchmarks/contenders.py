"""The SPARQL servers the benchmark compares, each started on a free loopback port and
always stopped again (context managers with try/finally).

- ours: `beslutsgraf serve --store DIR` (the CLI, as an operator runs it);
- oxigraph: `oxigraph serve --location DIR --union-default-graph` (same store format);
- rdflib: rdflib-endpoint over an rdflib Dataset with a union default graph
  (`benchmarks/rdflib_server.py`).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx

from beslutsgraf.store.testing import oxigraph_binary

__all__ = ["Server", "ours", "oxigraph", "peak_rss_mb", "rdflib_endpoint"]

REPO_ROOT = Path(__file__).resolve().parent.parent
_PROBE = "ASK {}"


@dataclass
class Server:
    name: str
    query_url: str
    process: subprocess.Popen[bytes]
    started_s: float  # from spawn until it answered a query
    info: dict[str, Any] = field(default_factory=dict)  # what the server reported


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        response = httpx.post(
            url,
            content=_PROBE,
            headers={"Content-Type": "application/sparql-query"},
            timeout=5.0,
        )
    except httpx.TransportError:
        return False
    return response.status_code == 200


@contextmanager
def _running(
    name: str, command: list[str], query_url: str, log: Path, start_within_s: float
) -> Iterator[Server]:
    started = time.perf_counter()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO_ROOT
        )
        try:
            deadline = started + start_within_s
            while not _answers(query_url):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited while starting; see {log}")
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{name} did not answer within {start_within_s} s")
                time.sleep(0.2)
            yield Server(name, query_url, process, time.perf_counter() - started)
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@contextmanager
def ours(store_dir: Path, log: Path, *, query_timeout_s: float) -> Iterator[Server]:
    """`beslutsgraf serve` on `store_dir`, from the venv this Python belongs to."""
    port = _free_port()
    command = [
        str(Path(sys.executable).with_name("beslutsgraf")),
        "serve",
        "--store",
        str(store_dir),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--query-timeout",
        str(query_timeout_s),
        # `oxigraph serve` logs no line per request either.
        "--no-access-log",
    ]
    url = f"http://127.0.0.1:{port}/sparql"
    with _running("ours", command, url, log, start_within_s=60) as server:
        yield server


@contextmanager
def oxigraph(location: Path, log: Path, *, query_timeout_s: float) -> Iterator[Server]:
    """`oxigraph serve`, with the union default graph our endpoint also has."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("the `oxigraph` server binary is missing (pip install oxigraph)")
    port = _free_port()
    command = [
        binary,
        "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(int(query_timeout_s)),
    ]
    url = f"http://127.0.0.1:{port}/query"
    with _running("oxigraph", command, url, log, start_within_s=60) as server:
        yield server


@contextmanager
def rdflib_endpoint(nquads: Path, log: Path, *, load_within_s: float) -> Iterator[Server]:
    """rdflib-endpoint serving `nquads`; it parses the whole file before it answers."""
    port = _free_port()
    command = [sys.executable, str(REPO_ROOT / "benchmarks" / "rdflib_server.py")]
    command += [str(nquads), str(port)]
    url = f"http://127.0.0.1:{port}/sparql"
    with _running("rdflib", command, url, log, start_within_s=load_within_s) as server:
        server.info = _first_json_line(log)
        yield server


def _first_json_line(log: Path) -> dict[str, Any]:
    with log.open("rb") as lines:
        return _scan(lines)


def _scan(lines: IO[bytes]) -> dict[str, Any]:
    for line in lines:
        if line.startswith(b"{"):
            value: dict[str, Any] = json.loads(line)
            return value
    return {}


def peak_rss_mb(server: Server) -> dict[str, float]:
    """Peak resident memory (VmHWM) of the server and, summed, of its children (our
    query worker processes), in MiB. Linux only; empty elsewhere."""
    import psutil

    def peak(pid: int) -> float:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return 0.0
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.Error:
        return {}
    result = {"server": round(peak(server.process.pid), 1)}
    if children:
        result["children"] = round(sum(peak(child.pid) for child in children), 1)
        result["child_count"] = len(children)
    return result
