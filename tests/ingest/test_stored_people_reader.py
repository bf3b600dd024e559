"""The run's incremental read of the store's people gives what a full read gives.

A run reads the store's people before every batch; `StoredPeopleReader` reads each
document graph once and keeps it. These tests load the corpus in two steps and
compare with `stored_people`, which reads everything afresh.
"""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.ingest.person_match_store import StoredPeopleReader, stored_people
from beslutsgraf.ingest.run import run
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file


def _names(reader: StoredPeopleReader) -> set[str]:
    return {group.canonical for group in reader.read().groups}


def test_reading_graph_by_graph_gives_what_a_full_read_gives(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        reader = StoredPeopleReader(store)
        assert reader.read().groups == ()
        run([corpus_file("002")], store, quarantine_dir=tmp_path / "q")
        first = reader.read()
        assert "Karin Looström Muth" in {g.canonical for g in first.groups}
        assert first == stored_people(store)
        run([corpus_file("003"), corpus_file("004")], store, quarantine_dir=tmp_path / "q")
        second = reader.read()
        assert second == stored_people(store)
        # 002 and 003 name the same chair three ways: one person with records from both.
        (chair,) = [g for g in second.groups if g.canonical == "Helén Eliasson"]
        assert len({record.key[0] for record in chair.records}) == 2
        assert "Monica Holmgren" in {g.canonical for g in second.groups}  # from 004
        assert sorted(second.file_names.values()) == sorted(
            corpus_file(prefix).name for prefix in ("002", "003", "004")
        )
    finally:
        store.close()


def test_a_graph_rewritten_in_place_is_read_again_once_forgotten(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        (outcome,) = run([corpus_file("004")], store, quarantine_dir=tmp_path / "q").outcomes
        assert outcome.graph is not None
        reader = StoredPeopleReader(store)
        assert "Monica Holmgren" in _names(reader)
        store.update(
            "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            f"DELETE {{ GRAPH <{outcome.graph}> {{ ?p foaf:name ?n }} }} "
            f'INSERT {{ GRAPH <{outcome.graph}> {{ ?p foaf:name "Monica Holmgren-Test" }} }} '
            f"WHERE {{ GRAPH <{outcome.graph}> {{ ?p foaf:name ?n "
            'FILTER(?n = "Monica Holmgren") } }'
        )
        assert "Monica Holmgren" in _names(reader)  # kept: nobody said it changed
        reader.forget(outcome.graph)
        renamed = _names(reader)
        assert "Monica Holmgren-Test" in renamed and "Monica Holmgren" not in renamed
        assert reader.read() == stored_people(store)
        store.delete_graph(outcome.graph)
        assert reader.read().groups == ()
    finally:
        store.close()


def test_update_names_the_people_of_the_graphs_read_since_the_last(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    try:
        reader = StoredPeopleReader(store)
        run([corpus_file("002")], store, quarantine_dir=tmp_path / "q")
        first = reader.update()
        assert first == {group.iri for group in stored_people(store).groups}
        assert reader.update() == frozenset()  # nothing written since
        (outcome,) = run([corpus_file("004")], store, quarantine_dir=tmp_path / "q").outcomes
        in_004 = {
            group.iri
            for group in stored_people(store).groups
            if any(record.source == outcome.graph for record in group.records)
        }
        assert reader.update() == in_004 and in_004 - first
        assert reader.graphs_named([corpus_file("004").name]) == {outcome.graph}
        store.delete_graph(str(outcome.graph))
        assert reader.update() == in_004
        assert all(reader.group(node) is None for node in in_004 - first)
    finally:
        store.close()
