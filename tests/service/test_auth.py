"""Write access over HTTP: updates and Graph Store writes need the operator's bearer
token; reads stay public; a server without a token refuses every write."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

EX = "http://example.org/beslutsgraf-auth/"
UPDATE = "application/sparql-update"
INSERT = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 'skrivet' }} }}"
ASK = f"ASK {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 'skrivet' }} }}"


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any
) -> Iterator[str]:
    with serve(make_settings(tmp_path_factory.mktemp("auth") / "store")) as url:
        yield url


@pytest.fixture(scope="module")
def read_only_server(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any
) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("auth-off") / "store", write_token=None)
    with serve(settings) as url:
        yield url


def _written(client: httpx.Client) -> bool:
    return bool(client.get("/sparql", params={"query": ASK}).json()["boolean"])


def test_update_without_token_is_401_with_a_challenge(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        response = client.post("/sparql", content=INSERT, headers={"Content-Type": UPDATE})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in response.json()["message"]
        assert not _written(client)


def test_update_with_a_wrong_token_is_403(server: str) -> None:
    with httpx.Client(base_url=server) as client:
        response = client.post(
            "/sparql",
            content=INSERT,
            headers={"Content-Type": UPDATE, "Authorization": "Bearer not-the-token"},
        )
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
        assert not _written(client)


def test_update_with_the_token_is_204_and_the_data_is_there(
    server: str, write_headers: dict[str, str]
) -> None:
    with httpx.Client(base_url=server) as client:
        response = client.post("/sparql", data={"update": INSERT}, headers=write_headers)
        assert response.status_code == 204, response.text
        assert _written(client)


def test_graph_store_writes_need_the_token_and_reads_do_not(
    server: str, write_headers: dict[str, str]
) -> None:
    graph = {"graph": f"{EX}gsp"}
    turtle = {"Content-Type": "text/turtle"}
    body = f"<{EX}a> <{EX}b> <{EX}c> ."
    with httpx.Client(base_url=server) as client:
        assert client.put("/store", params=graph, content=body, headers=turtle).status_code == 401
        assert client.delete("/store", params=graph).status_code == 401
        wrong = {**turtle, "Authorization": "Bearer nope"}
        assert client.post("/store", params=graph, content=body, headers=wrong).status_code == 403
        assert client.get("/store", params=graph).status_code == 404  # nothing was written
        created = client.put(
            "/store", params=graph, content=body, headers={**turtle, **write_headers}
        )
        assert created.status_code == 201
        read = client.get("/store", params=graph)  # public
        assert read.status_code == 200 and f"<{EX}c>" in read.text


def test_without_a_configured_token_every_write_is_403_and_says_why(read_only_server: str) -> None:
    with httpx.Client(base_url=read_only_server) as client:
        for headers in ({}, {"Authorization": "Bearer anything"}):
            response = client.post(
                "/sparql", content=INSERT, headers={"Content-Type": UPDATE, **headers}
            )
            assert response.status_code == 403
            assert "no write token" in response.json()["message"]
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_service_description_offers_update_only_when_writes_are_on(read_only_server: str) -> None:
    with httpx.Client(base_url=read_only_server) as client:
        description = client.get("/sparql", headers={"Accept": "application/n-triples"}).text
    assert "SPARQL11Query" in description
    assert "SPARQL11Update" not in description
