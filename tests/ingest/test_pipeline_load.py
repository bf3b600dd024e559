"""The load stage against a real embedded store: new, unchanged, replaced; graphs new to
the store written together, and what happens when that write fails half-way."""

from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.load import LoadResult, LoadStatus, already_loaded, load
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore


def _document_graph(file_name: str, content: bytes, title: str) -> Graph:
    sha256 = hashlib.sha256(content).hexdigest()
    source = DEFAULT_MINTER.source(sha256)
    graph = Graph()
    graph.add((source, RDF.type, BG.SourceDocument))
    graph.add((source, BG.fileName, Literal(file_name)))
    graph.add((source, BG.sha256, Literal(sha256)))
    graph.add((source, DCTERMS.title, Literal(title)))
    return graph


def _load_one(graph: Graph, store: EmbeddedStore, *, rewrite: bool = False) -> LoadResult:
    (result,) = load([graph], store, rewrite=rewrite)
    return result


def _dump(store: EmbeddedStore) -> list[bytes]:
    return sorted(b"".join(store.dump("application/n-quads")).splitlines())


def test_load_new_then_unchanged_then_replaced(store: EmbeddedStore) -> None:
    first = _document_graph("minutes.txt", b"version 1", "Mötesanteckning")
    result = _load_one(first, store)
    assert result.status == LoadStatus.LOADED
    assert store.graph_exists(str(result.graph))
    before = _dump(store)

    again = _load_one(_document_graph("minutes.txt", b"version 1", "Mötesanteckning"), store)
    assert again.status == LoadStatus.UNCHANGED
    assert _dump(store) == before

    changed = _document_graph("minutes.txt", b"version 2", "Mötesanteckning, rättad")
    replaced = _load_one(changed, store)
    assert replaced.status == LoadStatus.REPLACED
    assert replaced.replaced == (str(result.graph),)
    assert not store.graph_exists(str(result.graph))
    assert store.graph_exists(str(replaced.graph))
    rows = store.select(
        "SELECT ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } }"
    )
    assert [row["title"] for row in rows] == ['"Mötesanteckning, rättad"']


def test_other_files_are_left_alone(store: EmbeddedStore) -> None:
    one = _load_one(_document_graph("a.txt", b"a", "A"), store)
    two = _load_one(_document_graph("b.txt", b"b", "B"), store)
    assert {one.status, two.status} == {LoadStatus.LOADED}
    sha_a = hashlib.sha256(b"a").hexdigest()
    assert already_loaded(store, URIRef(str(one.graph)), sha_a)
    assert not already_loaded(store, URIRef(str(two.graph)), sha_a)
    assert store.graph_exists(str(one.graph)) and store.graph_exists(str(two.graph))


def test_rewrite_replaces_the_graph_of_the_same_bytes_in_place(store: EmbeddedStore) -> None:
    first = _load_one(_document_graph("minutes.txt", b"version 1", "Mötesanteckning"), store)
    # The same bytes resolved anew (say, under a new curation): a different graph.
    anew = _document_graph("minutes.txt", b"version 1", "Mötesanteckning, omprövad")
    assert _load_one(anew, store).status == LoadStatus.UNCHANGED
    rewritten = _load_one(anew, store, rewrite=True)
    assert rewritten.status == LoadStatus.REPLACED
    assert rewritten.graph == first.graph and rewritten.replaced == ()
    rows = store.select(
        "SELECT ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } }"
    )
    assert [row["title"] for row in rows] == ['"Mötesanteckning, omprövad"']
    assert store.named_graphs() == [str(first.graph)]


def _titles(store: EmbeddedStore) -> list[str]:
    rows = store.select(
        "SELECT ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } }"
    )
    return sorted(row["title"] for row in rows)


def test_a_batch_comes_back_in_order_with_every_new_graph_and_its_hash(
    store: EmbeddedStore,
) -> None:
    _load_one(_document_graph("b.txt", b"b1", "B"), store)
    batch = [
        _document_graph("a.txt", b"a", "A"),
        _document_graph("b.txt", b"b2", "B, rättad"),  # a new version: a transaction
        _document_graph("c.txt", b"c", "C"),
    ]
    results = list(load(batch, store))
    assert [r.status for r in results] == [
        LoadStatus.LOADED,
        LoadStatus.REPLACED,
        LoadStatus.LOADED,
    ]
    assert [str(r.graph) for r in results] == [
        str(DEFAULT_MINTER.source(hashlib.sha256(content).hexdigest()))
        for content in (b"a", b"b2", b"c")
    ]
    assert _titles(store) == ['"A"', '"B, rättad"', '"C"']
    for result, content in zip(results, (b"a", b"b2", b"c"), strict=True):
        assert already_loaded(store, result.graph, hashlib.sha256(content).hexdigest())


def test_the_same_file_twice_in_one_batch_is_loaded_once(store: EmbeddedStore) -> None:
    same = [_document_graph("a.txt", b"a", "A"), _document_graph("a.txt", b"a", "A")]
    assert [r.status for r in load(same, store)] == [LoadStatus.LOADED, LoadStatus.UNCHANGED]
    versions = [_document_graph("m.txt", b"1", "M1"), _document_graph("m.txt", b"2", "M2")]
    first, second = load(versions, store)
    assert second.status == LoadStatus.REPLACED and second.replaced == (str(first.graph),)
    assert _titles(store) == ['"A"', '"M2"']


def test_a_graph_the_store_refuses_fails_alone_and_leaves_nothing(store: EmbeddedStore) -> None:
    bad = _document_graph("bad.txt", b"bad", "Bad")
    # rdflib takes an IRI with a space (with a warning); Oxigraph's parser does not.
    bad.add((URIRef("https://example.org/a b"), DCTERMS.title, Literal("Bad")))
    batch = [_document_graph("a.txt", b"a", "A"), bad, _document_graph("c.txt", b"c", "C")]
    results = list(load(batch, store))
    assert [r.status for r in results] == [
        LoadStatus.LOADED,
        LoadStatus.FAILED,
        LoadStatus.LOADED,
    ]
    assert results[1].error and "example.org/a b" in results[1].error
    assert not store.graph_exists(str(results[1].graph))
    assert _titles(store) == ['"A"', '"C"']


def test_a_graph_left_without_its_hash_is_not_taken_for_loaded(store: EmbeddedStore) -> None:
    """What a crash between the bulk write and the hashes would leave behind."""
    graph = _document_graph("a.txt", b"a", "A")
    source = DEFAULT_MINTER.source(hashlib.sha256(b"a").hexdigest())
    store.bulk_load(
        f'{source.n3()} <http://purl.org/dc/terms/title> "Half" {source.n3()} .\n'.encode(),
        "application/n-quads",
    )
    assert not already_loaded(store, source, hashlib.sha256(b"a").hexdigest())
    assert _load_one(graph, store).status == LoadStatus.LOADED
    assert _titles(store) == ['"A"']
    assert len(_dump(store)) == len(graph)


def test_literals_are_stored_exactly_as_built(store: EmbeddedStore) -> None:
    """Quotes from minutes hold line breaks, quotation marks, backslashes and tabs; the
    N-Quads the load stage writes must give back the very same terms."""
    graph = _document_graph("tricky.txt", b"tricky", "Mötesanteckning")
    source = next(iter(graph.subjects(RDF.type, BG.SourceDocument)))
    values = [
        Literal('Ordförande: "Helén"\nJusterare:\r\tA\\B'),
        Literal("beslut", lang="sv"),
        Literal("2025-03-06", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
        Literal(61_000_000),
    ]
    for value in values:
        graph.add((source, DCTERMS.description, value))
    result = _load_one(graph, store)
    assert result.status == LoadStatus.LOADED
    stored = Graph()
    for line in _dump(store):
        stored.parse(data=line.decode("utf-8").rsplit(" <", 1)[0] + " .", format="nt")
    assert set(stored.objects(source, DCTERMS.description)) == set(values)
    assert len(stored) == len(graph)
