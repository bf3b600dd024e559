"""The service over a remote store: `beslutsgraf serve --endpoint` in front of another
SPARQL 1.1 Protocol + Graph Store server (here: a second beslutsgraf service)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

EX = "http://example.org/beslutsgraf-test/"


@pytest.fixture(scope="module")
def front(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any, sample_server: str
) -> Iterator[str]:
    settings = make_settings(
        tmp_path_factory.mktemp("front") / "unused-store", endpoint=f"{sample_server}/sparql"
    )
    with serve(settings) as url:
        yield url


def test_queries_pass_through_with_negotiation_and_dataset(front: str) -> None:
    with httpx.Client(base_url=front, timeout=30) as client:
        query = f"SELECT ?d WHERE {{ ?d a <{EX}Decision> }} ORDER BY ?d"
        rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
        assert [row["d"]["value"] for row in rows] == [f"{EX}decision-{n}" for n in (1, 2, 3)]
        scoped = client.get(
            "/sparql",
            params={"query": query, "default-graph-uri": f"{EX}minutes-2"},
            headers={"Accept": "text/csv"},
        )
        assert scoped.headers["content-type"].startswith("text/csv")
        assert scoped.text.split() == ["d", f"{EX}decision-3"]


def test_errors_of_the_remote_keep_their_meaning(front: str) -> None:
    with httpx.Client(base_url=front, timeout=30) as client:
        response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
        assert response.status_code == 400
        graph = client.get("/store", params={"graph": f"{EX}minutes-1"})
        assert graph.status_code == 200 and "decision-1" in graph.text
        missing = client.get("/store", params={"graph": f"{EX}nothing"})
        assert missing.status_code == 404
