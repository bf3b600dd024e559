"""The vocabulary ships into every store beside the documents, so queries can read
concept labels, and it is rewritten only when the shipped vocabulary changes."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from beslutsgraf.ingest.run import run as ingest
from beslutsgraf.ingest.shipped_graphs import (
    ensure_graph,
    graph_checksum,
    vocabulary_graph,
    with_checksum,
)
from beslutsgraf.ontology import BG, ONTOLOGY_GRAPH
from beslutsgraf.store import EmbeddedStore
from tests.conftest import corpus_file

README_TOUR = """
PREFIX bg:   <https://w3id.org/beslutsgraf/def#>
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
SELECT ?date ?type ?chair ?text WHERE {
  ?decision a bg:Decision ; dct:date ?date ; bg:decisionText ?text ;
            bg:decisionType/skos:prefLabel ?type ; bg:decidedAt ?meeting .
  OPTIONAL { ?meeting bg:chair/foaf:name ?chair }
  FILTER(lang(?type) = "en")
} ORDER BY ?date LIMIT 20
"""


def test_the_readme_tour_query_answers_with_type_labels_and_chairs(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        ingest([corpus_file("000")], store, quarantine_dir=tmp_path / "quarantine")
        rows = store.select(README_TOUR)
        assert str(ONTOLOGY_GRAPH) in store.named_graphs()
    finally:
        store.close()
    endorsed = [r for r in rows if r["type"] == Literal("Endorsement", lang="en").n3()]
    # Item 6 of the 2025-03-06 minutes: four clauses SRO stands behind, chaired by Helén.
    assert len(endorsed) == 4
    assert {r["chair"] for r in endorsed} == {Literal("Helén Eliasson").n3()}


def test_the_vocabulary_graph_is_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        vocabulary = vocabulary_graph()
        assert ensure_graph(store, ONTOLOGY_GRAPH, vocabulary)
        assert not ensure_graph(store, ONTOLOGY_GRAPH, vocabulary_graph())
        changed = Graph()
        for triple in vocabulary:
            changed.add(triple)
        changed.add((BG.ovrigt, SKOS.hiddenLabel, Literal("en ny fras", lang="sv")))
        changed.remove((URIRef(f"{ONTOLOGY_GRAPH}#checksum"), None, None))
        changed.remove((ONTOLOGY_GRAPH, None, URIRef(f"{ONTOLOGY_GRAPH}#checksum")))
        changed = with_checksum(changed, ONTOLOGY_GRAPH)
        assert graph_checksum(changed, ONTOLOGY_GRAPH) != graph_checksum(vocabulary, ONTOLOGY_GRAPH)
        assert ensure_graph(store, ONTOLOGY_GRAPH, changed)
        assert store.ask(
            "ASK { GRAPH ?g { ?c ?p ?label } }",
            {
                "g": ONTOLOGY_GRAPH.n3(),
                "c": BG.ovrigt.n3(),
                "label": Literal("en ny fras", lang="sv").n3(),
            },
        )
    finally:
        store.close()
