"""The SPARQL 1.1 Service Description of the endpoint, answered on a bare GET /sparql."""

from __future__ import annotations

from typing import Final

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from beslutsgraf.service.negotiation import Offer

__all__ = ["service_description"]

SD: Final = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS: Final = Namespace("http://www.w3.org/ns/formats/")

# W3C format IRIs (https://www.w3.org/ns/formats/) of what the endpoint reads and writes.
_RDF_FORMATS: Final = ("Turtle", "N-Triples", "N-Quads", "TriG", "RDF_XML", "JSON-LD")
_RESULT_FORMATS: Final = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    *_RDF_FORMATS,
)
_RDFLIB_FORMAT: Final = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


def service_description(endpoint: str, offer: Offer, *, writable: bool) -> bytes:
    """Describe the endpoint at `endpoint` in `offer`'s RDF syntax. Update is listed only
    when the operator enabled writes."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if writable:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    # The default graph of a query is the union of the named graphs (application profile).
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in _RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    for name in _RDF_FORMATS:
        graph.add((service, SD.inputFormat, FORMATS[name]))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    return graph.serialize(format=_RDFLIB_FORMAT[offer.produced], encoding="utf-8")
