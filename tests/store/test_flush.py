"""The embedded store flushes RocksDB's in-memory writes to disk every
`FLUSH_AFTER_QUADS` written quads: without it a long ingest held every write in memory
(~1.6 MB per corpus-sized document; benchmarks/bench_ingest.py reports peak RSS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.store import embedded
from beslutsgraf.store.embedded import EmbeddedStore


def _graph(number: int, triples: int) -> bytes:
    lines = [
        f'<http://example.org/s{number}-{i}> <http://example.org/p> "value {i}" .'
        for i in range(triples)
    ]
    return "\n".join(lines).encode()


def _tables(store_dir: Path) -> list[Path]:
    return sorted(store_dir.glob("*.sst"))


def test_writes_reach_disk_once_enough_quads_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedded, "FLUSH_AFTER_QUADS", 50)
    store = EmbeddedStore(tmp_path / "store")
    try:
        opened = _tables(tmp_path / "store")
        store.replace_graph("http://example.org/g1", _graph(1, 30))
        assert _tables(tmp_path / "store") == opened  # 30 quads: still in memory
        store.replace_graph("http://example.org/g2", _graph(2, 30))
        assert len(_tables(tmp_path / "store")) > len(opened)  # 60: flushed to disk
        store.update(
            "INSERT DATA { GRAPH <http://example.org/g3> { "
            "<http://example.org/x> <http://example.org/p> 1 } }"
        )
        counts = store.triple_counts()
        assert counts["http://example.org/g1"] == counts["http://example.org/g2"] == 30
        assert counts["http://example.org/g3"] == 1
    finally:
        store.close()
