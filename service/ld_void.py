"""The VoID + DCAT description of the whole dataset (`/.well-known/void`, RFC 5785 and
VoID §6.2): size in total and per named graph, where to query it, where to download
it, which IRIs it mints and which vocabularies it uses."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Final

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, SKOS, VOID, XSD

from beslutsgraf.ontology import BESLUIT, BG, ELI, MANDAAT, OA, PERSON, SCHEMA, TIME
from beslutsgraf.service.ld_formats import SD

__all__ = ["DUMP_MEDIA_TYPE", "void_description"]

DUMP_MEDIA_TYPE: Final = "application/n-quads"
_IANA: Final = "https://www.iana.org/assignments/media-types/"
# The vocabularies of the application profile.
_VOCABULARIES: Final = (
    BG,
    BESLUIT,
    MANDAAT,
    ORG,
    PERSON,
    FOAF,
    ELI,
    DCTERMS,
    PROV,
    OA,
    SKOS,
    SCHEMA,
    TIME,
    OWL,
)


def _subset_iri(void_url: str, graph: str) -> URIRef:
    # Stable across requests and restarts: derived from the graph IRI alone.
    return URIRef(f"{void_url}#graph-{hashlib.sha256(graph.encode('utf-8')).hexdigest()[:16]}")


def void_description(service_url: str, instance_base: str, counts: Mapping[str, int]) -> Dataset:
    """The description, for a service reachable at `service_url` (no trailing slash)
    whose store holds `counts` triples per named graph."""
    void_url = f"{service_url}/.well-known/void"
    dataset_iri = URIRef(f"{void_url}#dataset")
    dump_url = URIRef(f"{service_url}/dump.nq")
    distribution = URIRef(f"{void_url}#dump")
    graph = Dataset()
    add = graph.add
    add((dataset_iri, RDF.type, VOID.Dataset))
    add((dataset_iri, RDF.type, DCAT.Dataset))
    add((dataset_iri, DCTERMS.title, Literal("beslutsgraf", lang="en")))
    add(
        (
            dataset_iri,
            DCTERMS.description,
            Literal(
                "Decisions, meetings, people and agreements from the minutes of Swedish public "
                "bodies, with the evidence for each statement.",
                lang="en",
            ),
        )
    )
    add((dataset_iri, VOID.triples, Literal(sum(counts.values()), datatype=XSD.integer)))
    add((dataset_iri, VOID.sparqlEndpoint, URIRef(f"{service_url}/sparql")))
    add((dataset_iri, VOID.dataDump, dump_url))
    add((dataset_iri, VOID.uriSpace, Literal(instance_base)))
    add((dataset_iri, VOID.feature, URIRef("http://www.w3.org/ns/formats/N-Quads")))
    for vocabulary in _VOCABULARIES:
        add((dataset_iri, VOID.vocabulary, URIRef(str(vocabulary))))
    add((dataset_iri, DCAT.distribution, distribution))
    add((distribution, RDF.type, DCAT.Distribution))
    add((distribution, DCAT.downloadURL, dump_url))
    add((distribution, DCAT.accessURL, dump_url))
    add((distribution, DCAT.mediaType, URIRef(_IANA + DUMP_MEDIA_TYPE)))
    add((distribution, DCTERMS.format, Literal(DUMP_MEDIA_TYPE)))
    sources = f"{instance_base}source/"
    for graph_name, triples in sorted(counts.items()):
        if not graph_name:
            continue  # the default graph is counted in the total only
        subset = _subset_iri(void_url, graph_name)
        add((dataset_iri, VOID.subset, subset))
        add((subset, RDF.type, VOID.Dataset))
        add((subset, RDF.type, SD.NamedGraph))
        add((subset, SD.name, URIRef(graph_name)))
        add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
        if graph_name.startswith(sources):
            # One named graph per source document, named by the document's IRI.
            add((subset, DCTERMS.source, URIRef(graph_name)))
    return graph
