"""Store fixtures: an embedded store on disk and a real `oxigraph serve` process, so the
same behavioural tests run against both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.store import EmbeddedStore, RemoteStore, Store, open_store
from beslutsgraf.store.testing import running_oxigraph

# The server stops a runaway query after this long; client timeouts in tests are shorter.
SERVER_TIMEOUT_S = 4


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real `oxigraph serve` (no union flag: the client asks for it)."""
    location = tmp_path_factory.mktemp("oxigraph-server")
    with running_oxigraph(location, timeout_s=SERVER_TIMEOUT_S) as base:
        yield base


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "store")
    yield store
    store.close()


@pytest.fixture
def remote_store(oxigraph_server: str) -> Iterator[Store]:
    store = open_store(None, oxigraph_server)
    assert isinstance(store, RemoteStore)
    store.update("DROP ALL")  # one server for the session: every test starts empty
    yield store
    store.close()


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Store:
    """Each behavioural test runs once per backend."""
    return request.getfixturevalue(f"{request.param}_store")  # type: ignore[no-any-return]
