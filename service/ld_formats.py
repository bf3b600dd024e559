"""The RDF formats the linked-data endpoints speak, chosen by `Accept` or by a
`?format=` override, and the serialisation of a description into each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rdflib import Dataset, Graph, Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOID,
    XSD,
    NamespaceManager,
)

from beslutsgraf.ontology import BESLUIT, BG, ELI, ID, MANDAAT, OA, ORG, PERSON, SCHEMA, TIME
from beslutsgraf.service.http_errors import BadRequest, NotAcceptable
from beslutsgraf.service.negotiation import Offer, negotiate

__all__ = [
    "HTML",
    "JSON_LD",
    "PREFIXES",
    "RDF_FORMATS",
    "SD",
    "TURTLE",
    "Format",
    "bind_namespaces",
    "choose_format",
    "serialize",
]

SD: Final = Namespace("http://www.w3.org/ns/sparql-service-description#")

# The profile's prefixes, then the W3C ones the pages and the VoID description use.
PREFIXES: Final[dict[str, str]] = {
    "bg": str(BG),
    "id": str(ID),
    "besluit": str(BESLUIT),
    "mandaat": str(MANDAAT),
    "org": str(ORG),
    "person": str(PERSON),
    "foaf": str(FOAF),
    "eli": str(ELI),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sd": str(SD),
}


@dataclass(frozen=True)
class Format:
    """One representation: its `?format=` name, media type and rdflib serialiser
    (None for HTML, which the resource pages render themselves)."""

    name: str
    media_type: str
    rdflib_format: str | None
    quads: bool = False  # keeps the named graphs (N-Quads, TriG)


HTML: Final = Format("html", "text/html", None)
TURTLE: Final = Format("ttl", "text/turtle", "turtle")
JSON_LD: Final = Format("jsonld", "application/ld+json", "json-ld")
N_TRIPLES: Final = Format("nt", "application/n-triples", "nt")
N_QUADS: Final = Format("nq", "application/n-quads", "nquads", quads=True)
TRIG: Final = Format("trig", "application/trig", "trig", quads=True)
RDF_XML: Final = Format("rdfxml", "application/rdf+xml", "xml")

RDF_FORMATS: Final = (TURTLE, JSON_LD, N_TRIPLES, N_QUADS, TRIG, RDF_XML)


def choose_format(accept: str | None, override: str | None, formats: tuple[Format, ...]) -> Format:
    """The `?format=` override when given, else the client's preference by `Accept`;
    ties go to the first of `formats`. 400 for an unknown override, 406 when nothing
    the client accepts is offered."""
    if override is not None:
        for candidate in formats:
            if override.lower() in (candidate.name, candidate.media_type):
                return candidate
        names = ", ".join(candidate.name for candidate in formats)
        raise BadRequest(f"unknown format {override!r}; use one of: {names}")
    offers = tuple(Offer(candidate.media_type, candidate.media_type) for candidate in formats)
    chosen = negotiate(accept, offers)
    if chosen is None:
        types = ", ".join(candidate.media_type for candidate in formats)
        raise NotAcceptable(f"this resource is available as {types}")
    return next(candidate for candidate in formats if candidate.media_type == chosen.advertised)


def bind_namespaces(graph: Graph) -> None:
    """Bind exactly the prefixes of `PREFIXES` (rdflib's defaults would add dozens, and
    turn `schema:` into `schema1:` because they bind https://schema.org/)."""
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.namespace_manager.bind(prefix, namespace, override=True, replace=True)


def serialize(dataset: Dataset, fmt: Format) -> bytes:
    """`dataset` in `fmt`; triple formats merge the named graphs."""
    if fmt.rdflib_format is None:
        raise ValueError(f"{fmt.name} is not an RDF syntax")
    if fmt.quads:
        bind_namespaces(dataset)
        return dataset.serialize(format=fmt.rdflib_format, encoding="utf-8")
    merged = Graph(bind_namespaces="none")
    bind_namespaces(merged)
    for subject, predicate, obj, _graph in dataset.quads((None, None, None, None)):
        merged.add((subject, predicate, obj))
    if fmt is JSON_LD:
        return merged.serialize(
            format="json-ld", context=dict(PREFIXES), auto_compact=True, encoding="utf-8"
        )
    return merged.serialize(format=fmt.rdflib_format, encoding="utf-8")
