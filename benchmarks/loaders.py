"""Bulk-load timing, each load in a fresh process (its own page cache state aside, no
RocksDB or allocator state carried over from the previous load):

- ours: `EmbeddedStore(dir).bulk_load(open file, "application/n-quads")`, what
  `beslutsgraf load` does;
- pyoxigraph: `pyoxigraph.Store(dir).bulk_load(path=..., format=N_QUADS)`, the library's
  own fast path.

`python benchmarks/loaders.py KIND FILE.nq STORE_DIR` prints `{"load_s": ...}`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Literal

__all__ = ["LoaderKind", "timed_load"]

LoaderKind = Literal["ours", "pyoxigraph"]


def timed_load(kind: LoaderKind, nquads: Path, store_dir: Path, *, timeout_s: float) -> float:
    """Seconds the bulk load took (measured inside the loading process)."""
    answer = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), kind, str(nquads), str(store_dir)],
        capture_output=True,
        check=True,
        timeout=timeout_s,
    )
    load_s: float = json.loads(answer.stdout.decode().strip().splitlines()[-1])["load_s"]
    return load_s


def _load(kind: str, nquads: Path, store_dir: Path) -> float:
    if kind == "ours":
        from beslutsgraf.store import EmbeddedStore

        store = EmbeddedStore(store_dir)
        try:
            started = time.perf_counter()
            with nquads.open("rb") as data:
                store.bulk_load(data, "application/n-quads")
            return time.perf_counter() - started
        finally:
            store.close()
    if kind == "pyoxigraph":
        from pyoxigraph import RdfFormat, Store

        reference = Store(str(store_dir))
        started = time.perf_counter()
        reference.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
        elapsed = time.perf_counter() - started
        del reference  # RocksDB closes with its last reference
        return elapsed
    raise ValueError(f"unknown loader {kind!r}")


def main(argv: list[str]) -> int:
    kind, nquads, store_dir = argv
    print(json.dumps({"load_s": round(_load(kind, Path(nquads), Path(store_dir)), 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
