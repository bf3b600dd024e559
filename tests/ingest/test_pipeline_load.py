"""The load stage against a real embedded store: new, unchanged, replaced."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.load import LoadStatus, already_loaded, load
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


def _dump(store: EmbeddedStore) -> list[bytes]:
    return sorted(b"".join(store.dump("application/n-quads")).splitlines())


def test_load_new_then_unchanged_then_replaced(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        first = _document_graph("minutes.txt", b"version 1", "Mötesanteckning")
        result = load(first, store)
        assert result.status == LoadStatus.LOADED
        assert store.graph_exists(str(result.graph))
        before = _dump(store)

        again = load(_document_graph("minutes.txt", b"version 1", "Mötesanteckning"), store)
        assert again.status == LoadStatus.UNCHANGED
        assert _dump(store) == before

        changed = _document_graph("minutes.txt", b"version 2", "Mötesanteckning, rättad")
        replaced = load(changed, store)
        assert replaced.status == LoadStatus.REPLACED
        assert replaced.replaced == (str(result.graph),)
        assert not store.graph_exists(str(result.graph))
        assert store.graph_exists(str(replaced.graph))
        rows = store.select(
            "SELECT ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } }"
        )
        assert [row["title"] for row in rows] == ['"Mötesanteckning, rättad"']
    finally:
        store.close()


def test_other_files_are_left_alone(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        one = load(_document_graph("a.txt", b"a", "A"), store)
        two = load(_document_graph("b.txt", b"b", "B"), store)
        assert {one.status, two.status} == {LoadStatus.LOADED}
        sha_a = hashlib.sha256(b"a").hexdigest()
        assert already_loaded(store, URIRef(str(one.graph)), sha_a)
        assert not already_loaded(store, URIRef(str(two.graph)), sha_a)
        assert store.graph_exists(str(one.graph)) and store.graph_exists(str(two.graph))
    finally:
        store.close()


def test_rewrite_replaces_the_graph_of_the_same_bytes_in_place(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        first = load(_document_graph("minutes.txt", b"version 1", "Mötesanteckning"), store)
        # The same bytes resolved anew (say, under a new curation): a different graph.
        anew = _document_graph("minutes.txt", b"version 1", "Mötesanteckning, omprövad")
        assert load(anew, store).status == LoadStatus.UNCHANGED
        rewritten = load(anew, store, rewrite=True)
        assert rewritten.status == LoadStatus.REPLACED
        assert rewritten.graph == first.graph and rewritten.replaced == ()
        rows = store.select(
            "SELECT ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } }"
        )
        assert [row["title"] for row in rows] == ['"Mötesanteckning, omprövad"']
        assert store.named_graphs() == [str(first.graph)]
    finally:
        store.close()
