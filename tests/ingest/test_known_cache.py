"""A run keeps what it read of the store's document graphs for the next run.

Adding one document to a store of thousands used to read every graph back first (70 s
at 3,000 documents). These tests run real ingests of corpus documents into an embedded
store and check that the next run takes the cached graphs instead of asking the store,
that the graphs it writes are exactly those of a run without the cache, and that the
cache is never trusted once the store was written by other means.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pickle
from pathlib import Path

import pytest

from beslutsgraf.ingest.known_cache import CACHE_NAME, graph_stamps, load_cache, save_cache
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.store.embedded import DERIVED_FOLDER, EmbeddedStore
from tests.conftest import corpus_file

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
DOCUMENTS = "https://w3id.org/beslutsgraf/id/source/"
person_match_store = importlib.import_module("beslutsgraf.ingest.person_match_store")


def _ingest(store: EmbeddedStore, tmp_path: Path, *prefixes: str) -> list[Status]:
    paths = [corpus_file(prefix) for prefix in prefixes]
    summary = run(paths, store, quarantine_dir=tmp_path / "q", generated_at=AT)
    return [outcome.status for outcome in summary.outcomes]


def _graphs_read_back(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The document graphs whose people a run asks the store for, as it asks."""
    asked: list[str] = []
    read = person_match_store._read

    def counting(store: object, prefix: str, graphs: list[str] | None) -> object:
        asked.extend(graphs or ["every graph"])
        return read(store, prefix, graphs)

    monkeypatch.setattr(person_match_store, "_read", counting)
    return asked


def _cache(store: EmbeddedStore) -> Path:
    return store.path / DERIVED_FOLDER / CACHE_NAME


def _dump(store: EmbeddedStore) -> set[str]:
    return set(b"".join(store.dump("application/n-quads")).decode().splitlines())


def test_the_next_run_reads_no_graph_back_and_writes_what_a_run_without_cache_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = EmbeddedStore(tmp_path / "cached")
    assert _ingest(cached, tmp_path, "000", "002") == [Status.LOADED, Status.LOADED]
    saved = load_cache(_cache(cached))
    assert len(saved) == 2 and all(name.startswith(DOCUMENTS) for name in saved)
    spellings = {
        record.key[1]
        for entry in saved.values()
        for records in entry.people.records.values()
        for record in records
    }
    assert {"Helén Eliasson", "Magnus Haggren", "Karin Looström Muth"} <= spellings

    asked = _graphs_read_back(monkeypatch)
    assert _ingest(cached, tmp_path, "003") == [Status.LOADED]
    assert asked == []  # 000 and 002 came from the cache
    assert len(load_cache(_cache(cached))) == 3  # 003 kept for the run after

    # The same three documents with the cache removed before the third run.
    uncached = EmbeddedStore(tmp_path / "uncached")
    _ingest(uncached, tmp_path, "000", "002")
    _cache(uncached).unlink()
    _ingest(uncached, tmp_path, "003")
    assert len(asked) == 2  # this time both graphs were read back
    assert _dump(cached) == _dump(uncached)
    # 003's "Helen Elisson" joined the person of 002 through the cached graphs.
    assert any("helen-eliasson" in line and "Helen Elisson" in line for line in _dump(cached))
    cached.close()
    uncached.close()


def test_any_other_write_to_the_store_deletes_the_cache(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    _ingest(store, tmp_path, "004")
    assert _cache(store).exists()
    store.update('INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> "c" } }')
    assert not _cache(store).exists()
    store.close()
    # A store opened later (the service) deletes it on its first write as well.
    store = EmbeddedStore(tmp_path / "store")
    _ingest(store, tmp_path, "000")
    assert _cache(store).exists()
    store.close()
    store = EmbeddedStore(tmp_path / "store")
    store.delete_graph("urn:x:g")
    assert not _cache(store).exists()
    store.close()


def test_a_graph_whose_stamp_differs_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EmbeddedStore(tmp_path / "store")
    _ingest(store, tmp_path, "000", "002")
    saved = load_cache(_cache(store))
    stamps = graph_stamps(store, DOCUMENTS)
    assert {name: entry.stamp for name, entry in saved.items()} == stamps
    assert all("2026-01-01T00:00:00Z" in stamp for stamp in stamps.values())
    # As if one graph had been replaced behind the store's back since the cache was made.
    stale = sorted(saved)[0]
    saved[stale] = type(saved[stale])('"2020-01-01T00:00:00Z"', saved[stale].facts, None)
    save_cache(_cache(store), saved)
    asked = _graphs_read_back(monkeypatch)
    assert _ingest(store, tmp_path, "003") == [Status.LOADED]
    assert asked == [stale]
    store.close()


def test_a_cache_of_other_code_or_a_torn_file_is_ignored(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    _ingest(store, tmp_path, "004")
    path = _cache(store)
    assert load_cache(path)
    saved = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps({**saved, "fingerprint": "older code"}))
    assert load_cache(path) == {}
    path.write_bytes(b"\x80\x05 torn")
    assert load_cache(path) == {}
    store.close()
