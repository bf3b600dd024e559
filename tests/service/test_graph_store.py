"""`/store` beyond the W3C suite: the refusals a client meets, and negotiation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import rdflib

EX = "http://example.org/beslutsgraf-gsp/"
TURTLE = {"Content-Type": "text/turtle"}
BODY = f"<{EX}s> <{EX}p> 'värde'@sv ."


@pytest.fixture(scope="module")
def http(
    tmp_path_factory: pytest.TempPathFactory,
    serve: Any,
    make_settings: Any,
    write_headers: dict[str, str],
) -> Iterator[httpx.Client]:
    with (
        serve(make_settings(tmp_path_factory.mktemp("gsp") / "store")) as url,
        httpx.Client(base_url=url, headers=write_headers, timeout=30) as client,
    ):
        created = client.put("/store", params={"graph": f"{EX}g"}, content=BODY, headers=TURTLE)
        assert created.status_code == 201
        yield client


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "DELETE"])
def test_neither_selector_is_400(http: httpx.Client, method: str) -> None:
    response = http.request(method, "/store", content=BODY, headers=TURTLE)
    assert response.status_code == 400
    if method != "HEAD":
        assert "?graph=" in response.json()["message"]


@pytest.mark.parametrize("method", ["GET", "PUT", "POST", "DELETE"])
def test_both_selectors_are_400(http: httpx.Client, method: str) -> None:
    response = http.request(method, f"/store?default&graph={EX}g", content=BODY, headers=TURTLE)
    assert response.status_code == 400
    assert "not both" in response.json()["message"]


def test_a_relative_graph_name_is_400(http: httpx.Client) -> None:
    response = http.put("/store", params={"graph": "person/1"}, content=BODY, headers=TURTLE)
    assert response.status_code == 400


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/json"])
def test_a_body_that_is_not_rdf_is_415(http: httpx.Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = http.post("/store", params={"graph": f"{EX}g"}, content=BODY, headers=headers)
    assert response.status_code == 415
    assert "text/turtle" in response.json()["message"]


def test_bad_turtle_is_400_and_changes_nothing(http: httpx.Client) -> None:
    before = http.get("/store", params={"graph": f"{EX}g"}).text
    response = http.put("/store", params={"graph": f"{EX}g"}, content=b"<a> <b", headers=TURTLE)
    assert response.status_code == 400
    assert http.get("/store", params={"graph": f"{EX}g"}).text == before


@pytest.mark.parametrize(
    ("accept", "media_type", "syntax"),
    [
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.5", "application/rdf+xml", "xml"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_get_is_negotiated(
    http: httpx.Client, accept: str | None, media_type: str, syntax: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    response = http.get("/store", params={"graph": f"{EX}g"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = rdflib.Graph().parse(data=response.content, format=syntax)
    assert str(graph.value(rdflib.URIRef(f"{EX}s"), rdflib.URIRef(f"{EX}p"))) == "värde"


def test_get_in_a_format_nobody_offers_is_406(http: httpx.Client) -> None:
    response = http.get("/store", params={"graph": f"{EX}g"}, headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_post_to_the_store_mints_a_graph_and_points_to_it(http: httpx.Client) -> None:
    response = http.post("/store", content=BODY, headers=TURTLE)
    assert response.status_code == 201
    location = response.headers["location"]
    assert location.startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fbeslutsgraf%2Fid%2Fgraph%2F")
    assert "värde" in http.get(location).text
