"""The store behind document graphs answers every triple pattern as rdflib's own store.

`to_rdf` builds its graphs on `TripleStore` (filled in one pass); tests, validation,
the load stage and the quarantine writer read them through rdflib's Graph API, and a
few callers edit them. Each lookup and edit is compared with a graph on rdflib's
default store holding the same triples.
"""

from __future__ import annotations

import pickle
import random
from itertools import product

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from beslutsgraf.ingest.graph_store import TripleStore, graph_of, stored_triples

EX = "https://example.org/"


def _triples(rng: random.Random, count: int) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    nodes = [URIRef(f"{EX}n{i}") for i in range(12)]
    predicates = [URIRef(f"{EX}p{i}") for i in range(4)]
    values: list[URIRef | Literal] = [*nodes, Literal("a"), Literal("a", lang="sv"), Literal(3)]
    return [(rng.choice(nodes), rng.choice(predicates), rng.choice(values)) for _ in range(count)]


def _patterns(graph: Graph) -> list[tuple[object, object, object]]:
    subjects = [None, URIRef(f"{EX}n1"), URIRef(f"{EX}missing")]
    predicates = [None, *(URIRef(f"{EX}p{i}") for i in range(4)), URIRef(f"{EX}missing")]
    values = [None, URIRef(f"{EX}n3"), Literal("a"), Literal("a", lang="sv"), Literal(3)]
    return list(product(subjects, predicates, values))


def _assert_same(ours: Graph, reference: Graph) -> None:
    assert len(ours) == len(reference)
    for pattern in _patterns(reference):
        assert sorted(ours.triples(pattern)) == sorted(reference.triples(pattern)), pattern


def test_every_pattern_after_building_adding_and_removing() -> None:
    rng = random.Random(7)
    triples = _triples(rng, 300)
    ours, reference = graph_of(triples), Graph()
    for triple in triples:
        reference.add(triple)
    _assert_same(ours, reference)
    assert list(ours.triples((None, None, URIRef(f"{EX}n3"))))  # the object index, built late
    _edit(ours, reference, rng)
    _assert_same(ours, reference)
    assert isomorphic(ours, reference)


def test_edits_made_before_an_index_is_built_are_in_it() -> None:
    """Indexes are built on demand: edits between the first lookup (which groups the
    triples by predicate) and the building of a predicate's maps must not be lost."""
    rng = random.Random(11)
    triples = _triples(rng, 200)
    ours, reference = graph_of(triples), Graph()
    for triple in triples:
        reference.add(triple)
    list(ours.triples((None, URIRef(f"{EX}p0"), None)))  # groups; builds p0's maps only
    _edit(ours, reference, rng)
    _assert_same(ours, reference)


def _edit(ours: Graph, reference: Graph, rng: random.Random) -> None:
    for triple in _triples(rng, 60):
        ours.add(triple)
        reference.add(triple)
    for pattern in [
        (URIRef(f"{EX}n1"), None, None),
        (None, URIRef(f"{EX}p2"), Literal("a")),
        (None, None, URIRef(f"{EX}n5")),
    ]:
        ours.remove(pattern)
        reference.remove(pattern)


def test_a_corpus_graph_serialises_and_pickles_as_on_rdflibs_store() -> None:
    from tests.shapes.test_answers import _pipeline_graphs

    built = _pipeline_graphs()[0]
    assert isinstance(built.store, TripleStore)
    reference = Graph()
    for triple in built:
        reference.add(triple)
    written = built.serialize(format="nt")  # (Turtle rewrites decimals: not a store matter)
    assert isomorphic(Graph().parse(data=written, format="nt"), reference)
    assert isomorphic(pickle.loads(pickle.dumps(built)), reference)  # --jobs sends graphs back
    assert built.namespace_manager.store.namespace("bg") is not None


def test_stored_triples_are_the_graphs_in_its_order_and_none_for_another_graph() -> None:
    triples = _triples(random.Random(7), 30)
    graph = graph_of(triples)
    graph.remove((None, URIRef(f"{EX}p0"), None))
    graph.add((URIRef(f"{EX}n0"), URIRef(f"{EX}p9"), Literal("late")))
    assert stored_triples(graph) == tuple(graph)
    plain = Graph()
    for triple in triples:
        plain.add(triple)
    assert stored_triples(plain) is None
