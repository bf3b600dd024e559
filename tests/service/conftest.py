"""Fixtures for the HTTP tests: the real app on uvicorn on a free loopback port, over a
real store on disk (`tests.serving`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from beslutsgraf.ingest.run import Status, run
from beslutsgraf.service.settings import Settings
from beslutsgraf.store.embedded import EmbeddedStore
from tests.serving import serving

WRITE_TOKEN = "test-write-token-7f3a"
EX = "http://example.org/beslutsgraf-test/"


def settings_for(store_dir: Path, **overrides: object) -> Settings:
    """Settings for a test server: no environment, the test token, explicit limits."""
    base = Settings(store_dir=store_dir, write_token=WRITE_TOKEN)
    return replace(base, **overrides)  # type: ignore[arg-type]


def ingested(settings: Settings, folder: Path, paths: list[Path]) -> Settings:
    """`settings`, with the minutes `paths` ingested into its store by the pipeline (each
    must load; quarantine under `folder`): a server over what users would load."""
    store = EmbeddedStore(settings.store_dir)
    try:
        outcomes = run(paths, store, quarantine_dir=folder / "quarantine").outcomes
        assert [o.status for o in outcomes] == [Status.LOADED] * len(paths), outcomes
    finally:
        store.close()
    return settings


def bearer(token: str = WRITE_TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


Serve = Callable[..., AbstractContextManager[str]]
MakeSettings = Callable[..., Settings]


@pytest.fixture(scope="session")
def serve() -> Serve:
    """`serve(settings, trig="")`: a context manager running a test server; yields its URL."""
    return serving


@pytest.fixture(scope="session")
def make_settings() -> MakeSettings:
    """`make_settings(store_dir, **overrides)`: Settings for a test server (test token)."""
    return settings_for


@pytest.fixture(scope="session")
def write_headers() -> dict[str, str]:
    """`Authorization` with the test servers' write token."""
    return bearer()


# A small decision graph plus a block of filler triples big enough for an expensive
# cross product (3 000 triples: a two-way join has 9 million solutions).
FILLER_SIZE = 3000
SAMPLE_TRIG = f"""
@prefix ex: <{EX}> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

ex:minutes-1 {{
    ex:decision-1 a ex:Decision ; dct:title "Beslut om budget 2026"@sv ; ex:amount 1500000 .
    ex:decision-2 a ex:Decision ; dct:title "Beslut om vårdavtal"@sv ; ex:amount 250000 .
    ex:meeting-1 a ex:Meeting ; dct:date "2025-03-06"^^<http://www.w3.org/2001/XMLSchema#date> .
}}
ex:minutes-2 {{
    ex:decision-3 a ex:Decision ; dct:title "Beslut om färdtjänst"@sv ; ex:amount 42 .
}}
ex:filler {{
{chr(10).join(f"    ex:f{i} ex:value {i} ." for i in range(FILLER_SIZE))}
}}
"""


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over the sample graph with tight limits: 2 s timeout, 1 000 rows,
    4 concurrent queries. Tests on it must leave the data as they found it."""
    settings = settings_for(
        tmp_path_factory.mktemp("sample-store") / "store",
        query_timeout_s=2.0,
        max_result_rows=1000,
        max_concurrent_queries=4,
    )
    with serving(settings, SAMPLE_TRIG) as url:
        yield url


@pytest.fixture()
def client(sample_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sample_server, timeout=30) as http:
        yield http


@pytest.fixture(scope="session")
def sample_trig() -> str:
    """The sample graph as TriG (the graph of `sample_server`)."""
    return SAMPLE_TRIG
