"""Graphs the package ships into every store: the vocabulary and the reference registers.

Each carries a SHA-256 of its own content (spdx:checksum on the graph's name), so a
run rewrites it only when the shipped data — or the code that maps it — changed.
"""

from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, XSD

from beslutsgraf.ontology import ONTOLOGY_GRAPH, load_vocabulary
from beslutsgraf.store.base import Store

__all__ = [
    "SPDX",
    "ensure_graph",
    "graph_checksum",
    "vocabulary_graph",
    "with_checksum",
]

SPDX = Namespace("http://spdx.org/rdf/terms#")


def _content_digest(graph: Graph) -> str:
    """SHA-256 of the graph's sorted N-Triples: independent of build order."""
    lines = sorted(
        line for line in graph.serialize(format="nt", encoding="utf-8").splitlines() if line
    )
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def with_checksum(graph: Graph, name: URIRef) -> Graph:
    """Add the content checksum of `graph` to it, on the graph's `name`."""
    # A named node, not a blank one: the same content always dumps the same way.
    checksum = URIRef(f"{name}#checksum")
    digest = _content_digest(graph)
    graph.bind("spdx", SPDX)
    graph.add((name, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
    return graph


def graph_checksum(graph: Graph, name: URIRef) -> str:
    """The content checksum `graph` carries on `name`."""
    for checksum in graph.objects(name, SPDX.checksum):
        value = graph.value(checksum, SPDX.checksumValue)
        if value is not None:
            return str(value)
    raise ValueError(f"{name} carries no spdx:checksum: not built with with_checksum")


def ensure_graph(store: Store, name: URIRef, graph: Graph) -> bool:
    """Put `graph` in the store as `name` unless the same content is there already.
    Returns True when it was (re)written."""
    digest = Literal(graph_checksum(graph, name), datatype=XSD.hexBinary)
    if store.graph_exists(str(name)) and store.ask(
        "PREFIX spdx: <http://spdx.org/rdf/terms#> "
        "ASK { GRAPH ?graph { ?graph spdx:checksum/spdx:checksumValue ?digest } }",
        {"graph": name.n3(), "digest": digest.n3()},
    ):
        return False
    store.replace_graph(str(name), graph.serialize(format="nt", encoding="utf-8"))
    return True


def _stable_skolem(graph: Graph, base: str) -> Graph:
    """Blank nodes replaced by IRIs derived from the graph's content (RDF 1.1 §3.5).

    A store gives blank nodes it loads labels of its own, so two stores holding the
    same vocabulary would dump differently; canonical labels make the IRIs, and so
    every dump and export, the same wherever the graph is loaded."""
    canonical = to_canonical_graph(graph)
    skolemized = Graph()
    for triple in canonical:
        skolemized.add(
            tuple(  # type: ignore[arg-type]
                URIRef(f"{base}{term}") if isinstance(term, BNode) else term for term in triple
            )
        )
    for prefix, namespace in graph.namespaces():
        skolemized.bind(prefix, namespace)
    return skolemized


def vocabulary_graph() -> Graph:
    """The ontology and SKOS schemes as the store's graph <https://w3id.org/beslutsgraf/def>,
    so queries can read concept labels (e.g. bg:decisionType/skos:prefLabel)."""
    skolem_base = f"{ONTOLOGY_GRAPH}/.well-known/genid/"
    return with_checksum(_stable_skolem(load_vocabulary(), skolem_base), ONTOLOGY_GRAPH)
