"""Real SPARQL clients against the endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, SPARQLWrapper

EX = "http://example.org/beslutsgraf-test/"
TITLES = {"Beslut om budget 2026", "Beslut om vårdavtal", "Beslut om färdtjänst"}
SELECT_TITLES = (
    "PREFIX dct: <http://purl.org/dc/terms/> SELECT ?d ?title WHERE { ?d dct:title ?title }"
)


def test_sparqlwrapper_select_json(sample_server: str) -> None:
    wrapper = SPARQLWrapper(f"{sample_server}/sparql")
    wrapper.setQuery(SELECT_TITLES)
    wrapper.setReturnFormat(JSON)
    result = wrapper.query().convert()
    assert {row["title"]["value"] for row in result["results"]["bindings"]} == TITLES


def test_sparqlwrapper_select_xml_by_post(sample_server: str) -> None:
    wrapper = SPARQLWrapper(f"{sample_server}/sparql")
    wrapper.setMethod("POST")
    wrapper.setQuery(SELECT_TITLES)
    wrapper.setReturnFormat(XML)
    document = wrapper.query().convert()
    literals = document.getElementsByTagName("literal")
    assert {node.firstChild.data for node in literals} == TITLES


def test_sparqlwrapper_construct(sample_server: str) -> None:
    wrapper = SPARQLWrapper(f"{sample_server}/sparql")
    wrapper.setQuery(f"CONSTRUCT {{ ?d a <{EX}Decision> }} WHERE {{ ?d a <{EX}Decision> }}")
    graph = wrapper.queryAndConvert()
    assert isinstance(graph, rdflib.Graph)
    assert len(graph) == 3


def test_rdflib_sparqlstore_select_ask_and_construct(sample_server: str) -> None:
    store = SPARQLStore(f"{sample_server}/sparql")
    graph = rdflib.Graph(store=store)
    titles = {str(row[1]) for row in graph.query(SELECT_TITLES)}
    assert titles == TITLES
    assert graph.query(f"ASK {{ <{EX}decision-3> ?p ?o }}").askAnswer is True
    constructed = graph.query(
        f"CONSTRUCT {{ ?d <{EX}amount> ?a }} WHERE {{ ?d <{EX}amount> ?a }}"
    ).graph
    assert constructed is not None
    amounts = sorted(int(o) for o in constructed.objects())
    assert amounts == [42, 250000, 1500000]
