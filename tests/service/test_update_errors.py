"""Updates that parse but cannot be applied are the client's to fix: 400 with the
store's reason, code `update_failed`, and nothing written. The same with the embedded
store and with a remote one (a real `oxigraph serve`, which answers such updates 500)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from beslutsgraf.store.testing import running_oxigraph

EX = "http://example.org/beslutsgraf-update/"
UPDATE = {"content-type": "application/sparql-update"}


@pytest.fixture(scope="module", params=["embedded", "remote oxigraph"])
def client(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    serve: Any,
    make_settings: Any,
    write_headers: dict[str, str],
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("update-errors")
    with ExitStack() as stack:
        endpoint = None
        if request.param == "remote oxigraph":
            endpoint = stack.enter_context(running_oxigraph(folder / "oxigraph"))
        url = stack.enter_context(serve(make_settings(folder / "store", endpoint=endpoint)))
        yield stack.enter_context(httpx.Client(base_url=url, headers=write_headers, timeout=30))


def test_clear_of_a_missing_graph_is_400_with_the_reason(client: httpx.Client) -> None:
    response = client.post("/sparql", content=f"CLEAR GRAPH <{EX}missing>", headers=UPDATE)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "update_failed"
    assert f"<{EX}missing> does not exist" in body["message"]
    assert "SILENT" in body["message"]
    silent = client.post("/sparql", content=f"CLEAR SILENT GRAPH <{EX}missing>", headers=UPDATE)
    assert silent.status_code == 204


def test_load_is_refused_over_http_and_writes_nothing(client: httpx.Client) -> None:
    # LOAD would make the server fetch a URL the client names (even with the token).
    update = (
        f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }} ;\n"
        f"load <http://127.0.0.1:1/minutes.ttl> INTO GRAPH <{EX}g>"
    )
    response = client.post("/sparql", data={"update": update})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "LOAD is disabled over HTTP" in response.json()["message"]
    asked = client.get("/sparql", params={"query": f"ASK {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}"})
    assert asked.json()["boolean"] is False


def test_syntax_errors_are_still_reported_as_such(client: httpx.Client) -> None:
    response = client.post("/sparql", content="CLEAR GRAPH <", headers=UPDATE)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"
    assert "line 1, column" in response.json()["message"]
