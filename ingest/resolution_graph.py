"""`id:graph/resolution`: the identity links between documents, rebuilt from the store.

Each document's graph says what that document says about a person, a meeting
or a decision. This graph says which of those nodes several documents share:
for a person, every spelling seen anywhere (skos:altLabel) beside the canonical
foaf:name; for organisations likewise; for meetings, decisions and agreements,
every source document that describes or repeats them (prov:wasDerivedFrom).

It is derived data: rebuilt whole after every ingest that changed the store, so
it can never disagree with the document graphs it summarises.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, SKOS

from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ontology import PERSON, bind_prefixes
from beslutsgraf.store.base import Store

__all__ = ["resolution_graph", "write_resolution_graph"]

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _source_graph(row: Mapping[str, str], prefix: str) -> str | None:
    graph = row.get("g", "").strip("<>")
    return graph if graph.startswith(prefix) else None


def resolution_graph(store: Store, minter: IriMinter = DEFAULT_MINTER) -> Graph:
    """The identity links that the document graphs in `store` imply."""
    prefix = str(minter.source("0" * 16)).rsplit("/", 1)[0] + "/"
    graph = bind_prefixes(Graph())

    names: dict[str, set[str]] = defaultdict(set)
    alternatives: dict[str, set[str]] = defaultdict(set)
    sources: dict[str, set[str]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT ?node ?name ?alt ?g WHERE { GRAPH ?g { ?node a foaf:Person ; "
        "foaf:name ?name . OPTIONAL { ?node skos:altLabel ?alt } } }"
    ):
        source = _source_graph(row, prefix)
        if source is None:
            continue
        node = row["node"].strip("<>")
        names[node].add(literal_value(row["name"]))
        if "alt" in row:
            alternatives[node].add(literal_value(row["alt"]))
        sources[node].add(source)
    for node in sorted(names):
        if len(sources[node]) < 2 and not alternatives[node]:
            continue
        person = URIRef(node)
        canonical = sorted(names[node])[0]
        graph.add((person, RDF.type, FOAF.Person))
        graph.add((person, RDF.type, PERSON.Person))
        graph.add((person, FOAF.name, Literal(canonical)))
        for spelling in (names[node] | alternatives[node]) - {canonical}:
            graph.add((person, SKOS.altLabel, Literal(spelling)))
        for source in sources[node]:
            graph.add((person, PROV.wasDerivedFrom, URIRef(source)))

    # Organisations (labelled nodes that are not concepts) named by several documents.
    org_sources: dict[str, set[str]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?node skos:prefLabel ?label "
        "FILTER NOT EXISTS { ?node skos:inScheme ?scheme } } }"
    ):
        source = _source_graph(row, prefix)
        if source is not None:
            org_sources[row["node"].strip("<>")].add(source)
    for node in sorted(org_sources):
        if len(org_sources[node]) >= 2:
            for source in org_sources[node]:
                graph.add((URIRef(node), PROV.wasDerivedFrom, URIRef(source)))

    reported: dict[str, set[str]] = defaultdict(set)
    for row in store.select(
        _PREFIXES + "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?node bg:reportedIn ?g } }"
    ):
        source = _source_graph(row, prefix)
        if source is not None:
            reported[row["node"].strip("<>")].add(source)
    for node in sorted(reported):
        if len(reported[node]) >= 2:
            for source in reported[node]:
                graph.add((URIRef(node), PROV.wasDerivedFrom, URIRef(source)))
    return graph


def write_resolution_graph(store: Store, minter: IriMinter = DEFAULT_MINTER) -> int:
    """Rebuild `id:graph/resolution` in the store; returns its number of triples."""
    graph = resolution_graph(store, minter)
    store.replace_graph(
        str(minter.resolution_graph()), graph.serialize(format="nt", encoding="utf-8")
    )
    return len(graph)
