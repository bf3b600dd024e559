"""Choosing and opening a backend: endpoint layouts, locked folders, closed stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.store import (
    EmbeddedStore,
    RemoteStore,
    StoreUnavailable,
    open_store,
    remote_endpoints,
)


@pytest.mark.parametrize(
    ("endpoint", "expected"),
    [
        (
            "http://localhost:7878",
            (
                "http://localhost:7878/query",
                "http://localhost:7878/update",
                "http://localhost:7878/store",
            ),
        ),
        (
            "http://h:7878/query",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        (
            "https://h/beslutsgraf/sparql",
            (
                "https://h/beslutsgraf/sparql",
                "https://h/beslutsgraf/sparql",
                "https://h/beslutsgraf/store",
            ),
        ),
        (
            "https://h/ds/sparql-endpoint",
            ("https://h/ds/sparql-endpoint", "https://h/ds/sparql-endpoint", None),
        ),
    ],
)
def test_endpoint_layouts(endpoint: str, expected: tuple[str, str, str | None]) -> None:
    assert remote_endpoints(endpoint) == expected


def test_explicit_update_and_graph_store_urls_win() -> None:
    assert remote_endpoints("http://h/query", "http://u/update", "http://g/data") == (
        "http://h/query",
        "http://u/update",
        "http://g/data",
    )


def test_open_store_picks_the_backend(tmp_path: Path) -> None:
    remote = open_store(tmp_path / "ignored", "http://127.0.0.1:9")
    assert isinstance(remote, RemoteStore)
    remote.close()
    assert not (tmp_path / "ignored").exists()
    embedded = open_store(tmp_path / "store", None)
    assert isinstance(embedded, EmbeddedStore)
    embedded.close()


def test_a_store_folder_in_use_is_refused_with_advice(tmp_path: Path) -> None:
    first = EmbeddedStore(tmp_path / "store")
    try:
        with pytest.raises(StoreUnavailable, match=r"open in another process.*--endpoint"):
            EmbeddedStore(tmp_path / "store")
    finally:
        first.close()
    EmbeddedStore(tmp_path / "store").close()  # closing released the lock


def test_a_closed_store_says_so(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    store.close()
    with pytest.raises(StoreUnavailable, match="is closed"):
        store.named_graphs()
