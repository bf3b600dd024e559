"""The W3C SPARQL 1.1 Protocol test suite against `/sparql`, over real HTTP.

Source: w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl; its entry list is vendored
in w3c/protocol-manifest.ttl and collection fails unless this module encodes exactly
those entries (34). Encoded, in manifest order:

query_post_form, query_dataset_default_graphs_get, query_dataset_default_graphs_post,
query_dataset_named_graphs_post, query_dataset_named_graphs_get, query_dataset_full,
query_multiple_dataset, query_get, query_content_type_select, query_content_type_ask,
query_content_type_describe, query_content_type_construct,
update_dataset_default_graph, update_dataset_default_graphs,
update_dataset_named_graphs, update_dataset_full, update_post_form,
update_post_direct, update_base_uri, query_post_direct, bad_query_method,
bad_multiple_queries, bad_query_wrong_media_type, bad_query_missing_form_type,
bad_query_missing_direct_type, bad_query_non_utf8, bad_query_syntax, bad_update_get,
bad_multiple_updates, bad_update_wrong_media_type, bad_update_missing_form_type,
bad_update_non_utf8, bad_update_syntax, bad_update_dataset_conflict.

How the manifest maps onto this service:
- The manifest's endpoint is `/sparql/`; ours is `/sparql` (the paths are kept verbatim
  and only that prefix is swapped).
- Updates carry the write token: authentication has its own tests (test_auth.py).
- `ut:graphData` (data1.nt … data3.nt, not in the manifest) is each graph describing
  itself as a foaf:Document, which is what the tests' queries ask; every case starts
  from that dataset, so cases do not depend on each other's order.
- Where the manifest accepts any 4xx, the exact status this service documents is
  asserted (400, 405 or 415), and an error body with a message.
- update_base_uri: its graph exists beforehand (see SETUP for why).
- query_multiple_dataset: the manifest's path percent-encodes the `&` between its two
  `named-graph-uri` parameters (`…data1.rdf%26named-graph-uri%3D…`), which makes one
  parameter with an unusable IRI; the two parameters it means are sent.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pytest
import rdflib

MANIFEST: Final = Path(__file__).parent / "w3c" / "protocol-manifest.ttl"
MF: Final = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
KASEI: Final = "http://kasei.us/2009/09/sparql/data/"
SUCCESS: Final = range(200, 400)  # ht:StatusCode2xx, ht:StatusCode3xx
RESULTS_NS: Final = "{http://www.w3.org/2005/sparql-results#}"
BOOLEAN_TYPES: Final = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES: Final = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES: Final = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}
FORM: Final = "application/x-www-form-urlencoded"
QUERY: Final = "application/sparql-query"
UPDATE: Final = "application/sparql-update"


@dataclass(frozen=True)
class Step:
    """One request of a test and what its response must show."""

    method: str
    path: str
    content_type: str | None = None
    body: str | bytes = b""
    status: range | int = SUCCESS
    result_format: str | None = None  # "boolean", "tabular" or "RDF" (mf:expectedFormat)
    boolean: bool | None = None  # mf:expectedBoolean
    check: Callable[[httpx.Response], None] | None = None


def _ask(path: str, body: str | None = None) -> Step:
    """A query expected to answer `true` (mf:expectedBoolean true)."""
    if body is None:
        return Step("GET", path, result_format="boolean", boolean=True)
    return Step("POST", path, QUERY, body, result_format="boolean", boolean=True)


def _base_uri_result(response: httpx.Response) -> None:
    """update_base_uri: one result with ?o bound to an IRI that is not `<test>`."""
    bindings = response.json()["results"]["bindings"]
    assert len(bindings) == 1
    term = bindings[0]["o"]
    assert term["type"] == "uri"
    assert term["value"] != "test"
    assert term["value"].endswith("/test") and "://" in term["value"]


_D1, _D2, _D3 = (f"{KASEI}data{n}.rdf" for n in (1, 2, 3))
_Q1 = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf"
_Q2 = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf"
_Q3 = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf"
_Q0 = "http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf"
_ASK_BOTH_DEFAULT = f"ASK {{ <{_D1}> a ?type . <{_D2}> a ?type . }}"
_ASK_BOTH_NAMED = f"ASK {{ GRAPH ?g1 {{ <{_D1}> a ?type }} GRAPH ?g2 {{ <{_D2}> a ?type }} }}"
_ASK_BOTH_DEFAULT_GET = (
    "ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20"
    "%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a"
    "%20%3Ftype%20.%20%7D"
)
_ASK_BOTH_NAMED_GET = (
    "ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata"
    "%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F"
    "2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D"
)
_PREFIXES = "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
_INSERT_THREE = f"""INSERT DATA {{
    GRAPH <{_D1}> {{ <{_D1}> a foaf:Document }}
    GRAPH <{_D2}> {{ <{_D2}> a foaf:Document }}
    GRAPH <{_D3}> {{ <{_D3}> a foaf:Document }}
}} ;
"""


def _dataset_update_check(test_graph: str, extra: str = "") -> str:
    return f"""ASK {{
    GRAPH <{test_graph}> {{
        <{_D1}> a <http://purl.org/dc/terms/BibliographicResource> .
        <{_D2}> a <http://purl.org/dc/terms/BibliographicResource> .
    }}
    FILTER NOT EXISTS {{
        GRAPH <{test_graph}> {{
            <{_D3}> a <http://purl.org/dc/terms/BibliographicResource> .
        }}
    }}
}}{extra}"""


CASES: Final[dict[str, tuple[Step, ...]]] = {
    "query_post_form": (
        Step(
            "POST",
            f"/sparql/?default-graph-uri={_Q0}",
            FORM,
            "query=ASK%20%7B%7D",
            result_format="boolean",
            boolean=True,
        ),
    ),
    "query_dataset_default_graphs_get": (
        _ask(
            f"/sparql/?query={_ASK_BOTH_DEFAULT_GET}&default-graph-uri={_Q1}"
            f"&default-graph-uri={_Q2}"
        ),
    ),
    "query_dataset_default_graphs_post": (
        _ask(f"/sparql/?default-graph-uri={_Q1}&default-graph-uri={_Q2}", _ASK_BOTH_DEFAULT),
    ),
    "query_dataset_named_graphs_post": (
        _ask(f"/sparql/?named-graph-uri={_Q1}&named-graph-uri={_Q2}", _ASK_BOTH_NAMED),
    ),
    "query_dataset_named_graphs_get": (
        _ask(f"/sparql/?query={_ASK_BOTH_NAMED_GET}&named-graph-uri={_Q1}&named-graph-uri={_Q2}"),
    ),
    "query_dataset_full": (
        _ask(
            f"/sparql/?default-graph-uri={_Q3}&named-graph-uri={_Q1}&named-graph-uri={_Q2}",
            f"ASK {{\n  <{_D3}> a ?type\n  GRAPH ?g1 {{ <{_D1}> a ?type }}\n"
            f"  GRAPH ?g2 {{ <{_D2}> a ?type }}\n}}",
        ),
    ),
    "query_multiple_dataset": (
        _ask(
            f"/sparql/?named-graph-uri={_Q1}&named-graph-uri={_Q2}",
            f"ASK FROM <{_D3}> {{ GRAPH ?g1 {{ <{_D1}> a ?type }} "
            f"GRAPH ?g2 {{ <{_D2}> a ?type }} }}",
        ),
    ),
    "query_get": (_ask(f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={_Q0}"),),
    "query_content_type_select": (
        Step(
            "POST",
            f"/sparql/?default-graph-uri={_Q0}",
            QUERY,
            "SELECT (1 AS ?value) {}",
            result_format="tabular",
        ),
    ),
    "query_content_type_ask": (
        Step("POST", f"/sparql/?default-graph-uri={_Q0}", QUERY, "ASK {}", result_format="boolean"),
    ),
    "query_content_type_describe": (
        Step(
            "POST",
            f"/sparql/?default-graph-uri={_Q0}",
            QUERY,
            "DESCRIBE <http://example.org/>",
            result_format="RDF",
        ),
    ),
    "query_content_type_construct": (
        Step(
            "POST",
            f"/sparql/?default-graph-uri={_Q0}",
            QUERY,
            "CONSTRUCT { <s> <p> 1 } WHERE {}",
            result_format="RDF",
        ),
    ),
    "update_dataset_default_graph": (
        Step(
            "POST",
            f"/sparql/?using-graph-uri={_Q1}",
            UPDATE,
            _PREFIXES
            + "CLEAR ALL ;\n"
            + f"INSERT DATA {{\n    GRAPH <{_D1}> {{\n        <{_D1}> a foaf:Document\n"
            "    }\n} ;\nINSERT {\n    GRAPH <http://example.org/protocol-update-dataset-test/> {\n"
            "        ?s a dc:BibliographicResource\n    }\n}\nWHERE {\n    ?s a foaf:Document\n}",
        ),
        _ask(
            "/sparql/",
            "ASK {\n    GRAPH <http://example.org/protocol-update-dataset-test/> {\n"
            f"        <{_D1}> a <http://purl.org/dc/terms/BibliographicResource>\n    }}\n}}",
        ),
    ),
    "update_dataset_default_graphs": (
        Step(
            "POST",
            f"/sparql/?using-graph-uri={_Q1}&using-graph-uri={_Q2}",
            UPDATE,
            _PREFIXES
            + "DROP ALL ;\n"
            + _INSERT_THREE
            + "INSERT {\n    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n"
            "        ?s a dc:BibliographicResource\n    }\n}\nWHERE {\n    ?s a foaf:Document\n}",
        ),
        _ask(
            "/sparql/",
            _dataset_update_check("http://example.org/protocol-update-dataset-graphs-test/"),
        ),
    ),
    "update_dataset_named_graphs": (
        Step(
            "POST",
            f"/sparql/?using-named-graph-uri={_Q1}&using-named-graph-uri={_Q2}",
            UPDATE,
            _PREFIXES + "DROP ALL ;\n" + _INSERT_THREE + "INSERT {\n"
            "    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n"
            "        ?s a dc:BibliographicResource\n    }\n}\nWHERE {\n"
            "    GRAPH ?g {\n        ?s a foaf:Document\n    }\n}",
        ),
        _ask(
            "/sparql/",
            _dataset_update_check("http://example.org/protocol-update-dataset-named-graphs-test/"),
        ),
    ),
    "update_dataset_full": (
        Step(
            "POST",
            f"/sparql/?using-graph-uri={_Q1}&using-named-graph-uri={_Q2}",
            UPDATE,
            _PREFIXES
            + "DROP ALL ;\n"
            + _INSERT_THREE
            + "INSERT {\n    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
            "        ?s <http://example.org/in> ?in\n    }\n}\nWHERE {\n    {\n"
            "        GRAPH ?g { ?s a foaf:Document }\n        BIND(?g AS ?in)\n    }\n    UNION\n"
            '    {\n        ?s a foaf:Document .\n        BIND("default" AS ?in)\n    }\n}',
        ),
        _ask(
            "/sparql/",
            "ASK {\n    GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
            f'        <{_D1}> <http://example.org/in> "default" .\n'
            f"        <{_D2}> <http://example.org/in> <{_D2}> .\n    }}\n"
            "    FILTER NOT EXISTS {\n"
            "        GRAPH <http://example.org/protocol-update-dataset-full-test/> {\n"
            f"            <{_D3}> ?p ?o\n        }}\n    }}\n}}",
        ),
    ),
    "update_post_form": (Step("POST", "/sparql/", FORM, "update=CLEAR+ALL"),),
    "update_post_direct": (Step("POST", "/sparql/", UPDATE, "CLEAR ALL"),),
    "update_base_uri": (
        Step(
            "POST",
            "/sparql/",
            UPDATE,
            "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n"
            "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
            "{ <http://example.org/s> <http://example.org/p> <test> } }",
        ),
        Step(
            "POST",
            "/sparql/",
            QUERY,
            "SELECT ?o WHERE {\n    GRAPH <http://example.org/protocol-base-test/> {\n"
            "        <http://example.org/s> <http://example.org/p> ?o\n    }\n}",
            result_format="tabular",
            check=_base_uri_result,
        ),
    ),
    "query_post_direct": (_ask("/sparql/", "ASK {}"),),
    "bad_query_method": (
        Step("PUT", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={_Q0}", FORM, status=405),
    ),
    "bad_multiple_queries": (
        Step("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", status=400),
    ),
    "bad_query_wrong_media_type": (Step("POST", "/sparql/", "text/plain", "ASK {}", status=415),),
    "bad_query_missing_form_type": (
        Step("POST", "/sparql/", None, "query=ASK%20%7B%7D", status=415),
    ),
    "bad_query_missing_direct_type": (Step("POST", "/sparql/", None, "ASK {}", status=415),),
    "bad_query_non_utf8": (
        Step(
            "POST",
            "/sparql/",
            "application/sparql-query; charset=UTF-16",
            "ASK {}".encode("utf-16"),  # with a BOM, as the manifest says
            status=415,
        ),
    ),
    "bad_query_syntax": (Step("GET", "/sparql/?query=ASK%20%7B", status=400),),
    "bad_update_get": (Step("GET", "/sparql/?update=CLEAR%20ALL", status=400),),
    "bad_multiple_updates": (
        Step("POST", "/sparql/", FORM, "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", status=400),
    ),
    "bad_update_wrong_media_type": (
        Step("POST", "/sparql/", "text/plain", "CLEAR NAMED", status=415),
    ),
    "bad_update_missing_form_type": (
        Step("POST", "/sparql/", None, "update=CLEAR%20NAMED", status=415),
    ),
    "bad_update_non_utf8": (
        Step(
            "POST",
            "/sparql/",
            "application/sparql-update; charset=UTF-16",
            "CLEAR NAMED".encode("utf-16"),
            status=415,
        ),
    ),
    "bad_update_syntax": (Step("POST", "/sparql/", FORM, "update=CLEAR%20XYZ", status=400),),
    "bad_update_dataset_conflict": (
        Step(
            "POST",
            "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
            UPDATE,
            "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
            "DELETE { ?person foaf:givenName 'Bill' }\n"
            "INSERT { ?person foaf:givenName 'William' }\n"
            "WHERE {\n    ?person foaf:givenName 'Bill'\n}",
            status=400,
        ),
    ),
}


# Preconditions the manifest leaves implicit. update_base_uri starts with
# `CLEAR GRAPH <…/protocol-base-test/>` (no SILENT), which SPARQL 1.1 Update §3.1.3
# lets fail when the graph does not exist (Oxigraph does fail it): the graph exists.
SETUP: Final[dict[str, str]] = {
    "update_base_uri": "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> "
    "{ <http://example.org/s> <http://example.org/p> <http://example.org/old> } }",
}


def manifest_entries() -> list[str]:
    """The local names of the manifest's mf:entries, in order."""
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    entries = rdflib.collection.Collection(graph, graph.value(manifest, MF.entries))
    return [str(entry).rsplit("#", 1)[1] for entry in entries]


ENTRIES: Final = manifest_entries()
# Checked at collection: the suite is encoded completely, and nothing else is.
assert len(ENTRIES) == 34 and len(CASES) == len(ENTRIES) and list(CASES) == ENTRIES, sorted(
    set(ENTRIES) ^ set(CASES)
)


@pytest.fixture(scope="module")
def endpoint(
    tmp_path_factory: pytest.TempPathFactory, serve: Any, make_settings: Any
) -> Iterator[str]:
    with serve(make_settings(tmp_path_factory.mktemp("w3c-protocol") / "store")) as url:
        yield url


@pytest.fixture()
def http(endpoint: str, write_headers: dict[str, str]) -> Iterator[httpx.Client]:
    """A client on a store holding exactly the manifest's graph data."""
    with httpx.Client(base_url=endpoint, timeout=30) as client:
        reset = client.post(
            "/sparql",
            content=_PREFIXES + "DROP ALL ;\n" + _INSERT_THREE.rstrip(" ;\n"),
            headers={"Content-Type": UPDATE, **write_headers},
        )
        assert reset.status_code == 204, reset.text
        client.headers.update(write_headers)
        yield client


def _boolean(response: httpx.Response) -> bool:
    media_type = response.headers["content-type"].split(";")[0]
    if media_type == "application/sparql-results+json":
        value = json.loads(response.content)["boolean"]
        assert isinstance(value, bool)
        return value
    element = ElementTree.fromstring(response.content).find(f"{RESULTS_NS}boolean")
    assert element is not None and element.text in ("true", "false")
    return element.text == "true"


def _check_format(step: Step, response: httpx.Response) -> None:
    if step.result_format is None:
        return
    media_type = response.headers["content-type"].split(";")[0].strip()
    if step.result_format == "boolean":
        assert media_type in BOOLEAN_TYPES
        value = _boolean(response)
        if step.boolean is not None:
            assert value is step.boolean
    elif step.result_format == "tabular":
        assert media_type in TABULAR_TYPES
    elif step.result_format == "RDF":
        assert media_type in RDF_TYPES
        syntax = RDF_TYPES[media_type]
        parsed = rdflib.Dataset() if syntax in ("nquads", "trig") else rdflib.Graph()
        parsed.parse(data=response.content, format=syntax)


def _send(http: httpx.Client, step: Step) -> httpx.Response:
    path = step.path.replace("/sparql/", "/sparql", 1)
    headers = {}
    if step.content_type is not None:
        headers["Content-Type"] = step.content_type
    body = step.body.encode("utf-8") if isinstance(step.body, str) else step.body
    return http.request(step.method, path, content=body or None, headers=headers)


@pytest.mark.parametrize("name", ENTRIES)
def test_w3c_protocol(http: httpx.Client, name: str) -> None:
    if name in SETUP:
        setup = http.post("/sparql", content=SETUP[name], headers={"Content-Type": UPDATE})
        assert setup.status_code == 204, setup.text
    for step in CASES[name]:
        response = _send(http, step)
        if isinstance(step.status, range):
            assert response.status_code in step.status, response.text
        else:
            assert response.status_code == step.status, response.text
            # Every refusal says what was wrong.
            assert response.json()["message"]
        _check_format(step, response)
        if step.check is not None:
            step.check(response)
