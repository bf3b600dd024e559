"""`/sparql` beyond the W3C suite: what a client sees of content negotiation, errors,
datasets, the Service Description, CORS and the OpenAPI document."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import rdflib

from tests.service.conftest import MakeSettings, Serve

EX = "http://example.org/beslutsgraf-test/"
DECISIONS = f"PREFIX ex: <{EX}> SELECT ?d WHERE {{ ?d a ex:Decision }} ORDER BY ?d"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


def _root(client: httpx.Client) -> str:
    return str(client.base_url).rstrip("/")


def _select(client: httpx.Client, query: str, accept: str | None = None) -> httpx.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return client.get("/sparql", params={"query": query}, headers=headers)


def test_select_defaults_to_sparql_json_over_the_union_of_named_graphs(
    client: httpx.Client,
) -> None:
    response = _select(client, DECISIONS)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert "accept" in response.headers["vary"].lower()
    rows = response.json()["results"]["bindings"]
    # The decisions live in two named graphs; the default graph is their union.
    assert [row["d"]["value"] for row in rows] == [f"{EX}decision-{n}" for n in (1, 2, 3)]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/html, text/*;q=0.8", "text/csv"),
        ("application/*;q=0.2, text/tab-separated-values;q=0.3", "text/tab-separated-values"),
    ],
)
def test_select_results_follow_accept_and_its_q_values(
    client: httpx.Client, accept: str, expected: str
) -> None:
    response = _select(client, DECISIONS, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    body = response.content
    if "json" in expected:
        assert len(json.loads(body)["results"]["bindings"]) == 3
    elif "xml" in expected:
        results = ElementTree.fromstring(body).iter(
            "{http://www.w3.org/2005/sparql-results#}result"
        )
        assert len(list(results)) == 3
    elif expected == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["d"] and rows[1] == [f"{EX}decision-1"] and len(rows) == 4
    else:
        lines = response.text.strip().split("\n")
        assert lines[0] == "?d" and lines[1] == f"<{EX}decision-1>" and len(lines) == 4


def test_ask_answers_true_and_false(client: httpx.Client) -> None:
    yes = _select(client, f"ASK {{ <{EX}decision-1> ?p ?o }}")
    no = _select(client, f"ASK {{ <{EX}nothing> ?p ?o }}", "application/sparql-results+xml")
    assert yes.json() == {"head": {}, "boolean": True}
    assert no.headers["content-type"] == "application/sparql-results+xml"
    assert b"<boolean>false</boolean>" in no.content


def test_ask_has_no_csv_form_so_csv_only_is_406(client: httpx.Client) -> None:
    response = _select(client, "ASK {}", "text/csv")
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.json()["message"]


@pytest.mark.parametrize(
    ("accept", "expected", "syntax"),
    [
        (None, "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/trig;q=0.9, text/turtle;q=0.1", "application/trig", "trig"),
        ("application/n-quads", "application/n-quads", "nquads"),
    ],
)
def test_construct_results_follow_accept(
    client: httpx.Client, accept: str | None, expected: str, syntax: str
) -> None:
    query = f"CONSTRUCT {{ ?d <{EX}title> ?t }} WHERE {{ ?d <http://purl.org/dc/terms/title> ?t }}"
    response = _select(client, query, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == expected
    parsed = (rdflib.Dataset() if syntax in ("trig", "nquads") else rdflib.Graph()).parse(
        data=response.content, format=syntax
    )
    titles = {str(o) for o in parsed.objects(None, rdflib.URIRef(f"{EX}title"))}
    assert titles == {"Beslut om budget 2026", "Beslut om vårdavtal", "Beslut om färdtjänst"}


def test_construct_in_a_results_format_only_is_406(client: httpx.Client) -> None:
    response = _select(client, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")
    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


def test_syntax_error_is_400_with_the_parsers_position(client: httpx.Client) -> None:
    response = _select(client, "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "bad_request"
    # The position of the missing object: line 3 of the query.
    assert re.search(r"\b3:\d+", body["message"]) or "line 3" in body["message"], body["message"]


def test_error_positions_are_in_the_text_the_client_sent(client: httpx.Client) -> None:
    """A relative IRI makes the service prepend a BASE; the position must not move."""
    relative = _select(client, "ASK { <a> ?p }").json()["message"]
    plain = _select(client, "ASK { ?ab ?p }").json()["message"]
    position = re.compile(r"line \d+, column \d+|\b\d+:\d+")
    assert position.findall(relative) == position.findall(plain) != []


def test_protocol_dataset_wins_over_from(client: httpx.Client) -> None:
    query = f"SELECT ?d FROM <{EX}minutes-1> WHERE {{ ?d a <{EX}Decision> }}"
    from_only = client.get("/sparql", params={"query": query})
    overridden = client.get(
        "/sparql", params={"query": query, "default-graph-uri": f"{EX}minutes-2"}
    )
    assert {r["d"]["value"] for r in from_only.json()["results"]["bindings"]} == {
        f"{EX}decision-1",
        f"{EX}decision-2",
    }
    assert [r["d"]["value"] for r in overridden.json()["results"]["bindings"]] == [
        f"{EX}decision-3"
    ]


def test_form_post_with_both_query_and_update_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"})
    assert response.status_code == 400
    assert "both" in response.json()["message"]


def test_form_post_without_operation_is_400(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"default-graph-uri": f"{EX}minutes-1"})
    assert response.status_code == 400


def test_get_with_dataset_but_no_query_is_400(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"default-graph-uri": f"{EX}minutes-1"})
    assert response.status_code == 400
    assert "query" in response.json()["message"]


def test_unknown_content_type_is_415(client: httpx.Client) -> None:
    response = client.post(
        "/sparql", content=b'{"query": "ASK {}"}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 415
    assert "application/sparql-query" in response.json()["message"]


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.delete("/sparql")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"


def test_relative_iris_resolve_against_the_endpoint(client: httpx.Client) -> None:
    response = _select(client, "SELECT ?x WHERE { BIND(<decision-1> AS ?x) }")
    value = response.json()["results"]["bindings"][0]["x"]["value"]
    assert value == f"{_root(client)}/decision-1"


def test_iri_like_text_in_literals_and_absolute_iris_are_left_alone(
    client: httpx.Client,
) -> None:
    absolute_only = 'SELECT ?x ?y WHERE { BIND("<decision-1>" AS ?x) BIND(<urn:x:a> AS ?y) }'
    [row] = _select(client, absolute_only).json()["results"]["bindings"]
    assert row["x"] == {"type": "literal", "value": "<decision-1>"}
    assert row["y"] == {"type": "uri", "value": "urn:x:a"}
    mixed = "SELECT ?x ?y WHERE { BIND(<urn:x:a> AS ?x) BIND(<decision-2> AS ?y) }"
    [row] = _select(client, mixed).json()["results"]["bindings"]
    assert (row["x"]["value"], row["y"]["value"]) == ("urn:x:a", f"{_root(client)}/decision-2")


def test_bare_get_returns_the_service_description(client: httpx.Client) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    service = next(graph.subjects(rdflib.RDF.type, SD.Service))
    assert graph.value(service, SD.endpoint) == rdflib.URIRef(f"{_root(client)}/sparql")
    languages = set(graph.objects(service, SD.supportedLanguage))
    # The sample server has a write token, so it offers update too.
    assert languages == {SD.SPARQL11Query, SD.SPARQL11Update}
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    formats = set(graph.objects(service, SD.resultFormat))
    assert rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats


def test_service_description_is_negotiated(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"] == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.text, format="json-ld")
    assert next(graph.subjects(rdflib.RDF.type, SD.Service), None) is not None


def test_cors_allows_any_origin_to_read(client: httpx.Client) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.net"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert "link" in exposed and "content-type" in exposed


def test_errors_carry_cors_headers_so_a_browser_can_read_them(client: httpx.Client) -> None:
    origin = {"Origin": "https://example.net"}
    broken = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"}, headers=origin)
    assert broken.status_code == 400
    assert broken.headers["access-control-allow-origin"] == "*"
    assert broken.json()["code"] == "bad_request"
    refused = client.post(
        "/sparql", content="ASK {}", headers={**origin, "Content-Type": "text/plain"}
    )
    assert refused.status_code == 415
    assert refused.headers["access-control-allow-origin"] == "*"
    assert refused.json()["code"] == "unsupported_media_type"


def test_cors_preflight_allows_authorization_for_writes(client: httpx.Client) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.net",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert "authorization" in response.headers["access-control-allow-headers"].lower()
    assert "POST" in response.headers["access-control-allow-methods"]


def test_openapi_documents_the_protocol_endpoints(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    assert document["info"]["title"] == "beslutsgraf"
    assert {"get", "post"} <= set(document["paths"]["/sparql"])
    assert {"get", "put", "post", "delete"} <= set(document["paths"]["/store"])
    store_get = document["paths"]["/store"]["get"]
    assert {p["name"] for p in store_get["parameters"]} == {"graph", "default"}
    sparql_post = document["paths"]["/sparql"]["post"]
    assert "application/sparql-update" in sparql_post["requestBody"]["content"]
    assert "using-graph-uri" in {p["name"] for p in sparql_post["parameters"]}


def test_service_to_an_unlisted_endpoint_is_refused_without_connecting(
    client: httpx.Client,
) -> None:
    """SERVICE would make the server connect where the client says (an internal host):
    403 naming the endpoint, and the server never opens the connection."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for request in (
            lambda q: client.get("/sparql", params={"query": q}),
            lambda q: client.post("/sparql", data={"query": q}),
        ):
            response = request(f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}")
            assert response.status_code == 403
            assert response.json()["code"] == "forbidden"
            assert f"SERVICE {target} is not allowed here" in response.json()["message"]
        with pytest.raises(TimeoutError):
            listener.accept()


def test_service_to_a_listed_endpoint_is_called(
    tmp_path: Path, serve: Serve, make_settings: MakeSettings
) -> None:
    """An endpoint the operator lists is reached: the server connects to it."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(10)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        settings = make_settings(tmp_path / "store", federated_endpoints=(target,))
        with serve(settings) as url, httpx.Client(base_url=url, timeout=30) as http:
            query = f"SELECT * {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"
            with ThreadPoolExecutor(1) as pool:
                answer = pool.submit(http.get, "/sparql", params={"query": query})
                connection, _ = listener.accept()  # the server called the listed endpoint
                connection.close()  # SILENT: the failed call gives no solutions
                assert answer.result().status_code == 200
