"""What a run takes from the graphs it has just written is what reading them back gives.

The cross-document stage learns each graph it writes from the graph in memory
(`written_graph`) instead of querying the store for it before the next batch. These
tests run real ingests (corpus and samples, in small batches so that batches learn
from each other), catch every graph learnt, and compare it with what a reader that
queries the store reads: the same facts term for term, the same people record for
record, and the same organisations, meetings, decisions and people derived from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import FOAF, Graph, Literal, URIRef

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.known_store import StoredKnownReader, WrittenGraph, written_graph
from beslutsgraf.ingest.resolution_graph import resolution_graph, shared_nodes_in_store
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.store.embedded import EmbeddedStore

XSD = "http://www.w3.org/2001/XMLSchema#"


def _ingest_catching_what_is_learnt(
    paths: list[Path], store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, WrittenGraph]:
    learnt: dict[str, WrittenGraph] = {}
    learn = StoredKnownReader.learn

    def catching(reader: StoredKnownReader, written: WrittenGraph) -> None:
        learnt[written.name] = written
        learn(reader, written)

    monkeypatch.setattr(StoredKnownReader, "learn", catching)
    summary = run(paths, store, quarantine_dir=tmp_path / "q", batch_size=2)
    loaded = {o.graph for o in summary.outcomes if o.status == Status.LOADED}
    assert loaded and loaded == set(learnt), "every loaded graph is learnt, and only those"
    return learnt


def _read_back(store: EmbeddedStore) -> StoredKnownReader:
    reader = StoredKnownReader(store)
    reader.update()
    return reader


def _values(graph: Graph) -> set[tuple[object, ...]]:
    return {(s, p, o.toPython() if isinstance(o, Literal) else o) for s, p, o in graph}


def _derived(reader: StoredKnownReader) -> tuple[object, ...]:
    """Everything a batch asks the reader, over every month and meeting it knows."""
    months = [(None, year, month) for year in range(1990, 2041) for month in range(1, 13)]
    meetings = reader.meetings_in(months)
    people = {node: reader.person(node) for node in reader._people._graphs_of}
    return (
        reader.organisations(),
        reader.organisation_types(),
        meetings,
        reader.decisions_at(m.iri for m in meetings),
        people,
    )


def test_corpus_and_samples_learnt_as_read_back(
    store: EmbeddedStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    corpus_dir: Path,
    samples_dir: Path,
) -> None:
    paths = sorted(corpus_dir.glob("*.txt")) + sorted(samples_dir.glob("*.txt"))
    paths = [p for p in paths if p.name != "README.md"]
    learnt = _ingest_catching_what_is_learnt(paths, store, tmp_path, monkeypatch)
    assert len(learnt) >= 5 + 5  # the corpus and most samples load
    read_back = _read_back(store)
    for name, written in learnt.items():
        assert written.facts == read_back._graphs[name], name
        assert written.people == read_back._people._graphs[name], name
    # The facts are not empty: 000's meeting, its decisions and people are among them.
    facts_000 = next(w.facts for w in learnt.values() if w.people.file_name.startswith("000_"))
    assert any('"2025-03-06"' in date for _, date in facts_000["date"])
    assert len(facts_000["decision"]) >= 10
    people_000 = next(w.people for w in learnt.values() if w.people.file_name.startswith("000_"))
    spellings = {r.key[1] for records in people_000.records.values() for r in records}
    assert {"Helén Eliasson", "Magnus Haggren"} <= spellings


def test_a_run_that_learns_knows_what_a_run_that_reads_knows(
    store: EmbeddedStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    """The reader the run kept (learning every graph) against one reading the store."""
    kept: list[StoredKnownReader] = []
    update = StoredKnownReader.update

    def keeping(reader: StoredKnownReader) -> None:
        if reader not in kept:
            kept.append(reader)
        update(reader)

    monkeypatch.setattr(StoredKnownReader, "update", keeping)
    _ingest_catching_what_is_learnt(sorted(corpus_dir.glob("*.txt")), store, tmp_path, monkeypatch)
    (run_reader,) = kept
    run_reader.update()  # the graphs written after the last batch: registers, resolution
    assert _derived(run_reader) == _derived(_read_back(store))
    # The resolution graph the run wrote from its people is the one the store implies.
    assert run_reader.shared_nodes() == shared_nodes_in_store(store)
    rebuilt = resolution_graph(store)
    assert set(rebuilt) == set(resolution_graph(store, people=run_reader.stored_people()))
    written = Graph().parse(
        data=store.get_graph(str(DEFAULT_MINTER.resolution_graph()), "application/n-triples"),
        format="nt",
    )
    assert _values(written) == _values(rebuilt)  # the store writes "1.000" as "1"
    helen = [o for s, p, o in rebuilt if p == FOAF.name and str(o) == "Helén Eliasson"]
    assert len(helen) == 1  # named in several documents: one node, its spellings beside it


def test_literals_are_written_as_the_store_answers_them(tmp_path: Path) -> None:
    """Language tags, datatypes and characters that need escaping: the learnt term is
    the string a query of the store returns for it."""
    name = "https://w3id.org/beslutsgraf/id/source/0123456789abcdef"
    subject = URIRef("https://w3id.org/beslutsgraf/id/meeting/x")
    graph = Graph()
    values = [
        Literal('Regionens "hälso-" och\tsjukvård\\n\nrad två', lang="sv"),
        Literal("2025-03-06", datatype=URIRef(XSD + "date")),
        Literal("2025-01", datatype=URIRef(XSD + "gYearMonth")),
        Literal("ren text"),
        Literal("\u00e9\u0301 \U0001f600", datatype=URIRef(XSD + "string")),
    ]
    for value in values:
        graph.add((subject, URIRef("http://purl.org/dc/terms/date"), value))
    store = EmbeddedStore(tmp_path / "store")
    try:
        ntriples = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(ntriples, "application/n-triples", graph=name)
        reader = _read_back(store)
        assert written_graph(name, graph).facts["date"] == reader._graphs[name]["date"]
        assert len(reader._graphs[name]["date"]) == len(values)
    finally:
        store.close()
