"""The run's incremental read of what the store knows gives what reading it whole gives.

A run asks the store before every batch for its organisations, people, meetings and
decisions; `StoredKnownReader` reads each graph once and keeps it, and a batch takes
only the people, meetings and decisions it can meet. These tests compare it with
queries over the whole store, and a batch resolved both ways.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import URIRef

from beslutsgraf.ingest.curation import Curation
from beslutsgraf.ingest.known import Known, KnownDecision, KnownMeeting, extend_known, literal_value
from beslutsgraf.ingest.known_store import StoredKnownReader, known_from_store
from beslutsgraf.ingest.person_match_store import stored_people
from beslutsgraf.ingest.reference import reference_graph
from beslutsgraf.ingest.reference_known import with_reference
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.run import _front, run
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _load(store: EmbeddedStore, tmp_path: Path, *prefixes: str) -> None:
    paths = [corpus_file(prefix) for prefix in prefixes]
    assert run(paths, store, quarantine_dir=tmp_path / "q").ok


def _whole_organisations(store: EmbeddedStore) -> dict[str, tuple[str, set[str], str | None]]:
    """IRI → (name, spellings, type), each from one query over the whole store."""
    organisation = "{ SELECT DISTINCT ?e WHERE { ?e a org:Organization } } "
    rows = {
        variable: store.select(
            _PREFIXES + f"SELECT DISTINCT ?e ?v WHERE {{ {organisation}?e {predicate} ?v }}"
        )
        for variable, predicate in (
            ("name", "skos:prefLabel"),
            ("alt", "skos:altLabel"),
            ("type", "org:classification"),
        )
    }
    found: dict[str, tuple[str, set[str], str | None]] = {}
    for row in rows["name"]:
        name = literal_value(row["v"])
        entry = found.setdefault(row["e"].strip("<>"), (name, set(), None))
        entry[1].add(name)
    for row in rows["alt"]:
        if row["e"].strip("<>") in found:
            found[row["e"].strip("<>")][1].add(literal_value(row["v"]))
    for row in rows["type"]:
        iri = row["e"].strip("<>")
        if iri in found:
            found[iri] = (found[iri][0], found[iri][1], row["v"].strip("<>"))
    return found


def _read_organisations(reader: StoredKnownReader) -> dict[str, tuple[str, set[str], str | None]]:
    types = reader.organisation_types()
    return {
        str(c.fixed_iri): (c.canonical, set(c.spellings), types.get(str(c.fixed_iri)))
        for c in reader.organisations()
    }


def _iri(term: str) -> URIRef:
    return URIRef(term.strip("<>"))


def _whole_meetings(store: EmbeddedStore) -> set[KnownMeeting]:
    rows = store.select(
        _PREFIXES + "SELECT DISTINCT ?m ?b ?d WHERE { ?m bg:heldBy ?b ; dct:date ?d }"
    )
    return {
        KnownMeeting(_iri(row["m"]), _iri(row["b"]), dt.date.fromisoformat(literal_value(row["d"])))
        for row in rows
    }


def _whole_decisions(store: EmbeddedStore) -> set[KnownDecision]:
    return {
        KnownDecision(_iri(row["d"]), _iri(row["m"]), literal_value(row["t"]))
        for row in store.select(
            _PREFIXES + "SELECT DISTINCT ?d ?m ?t WHERE { "
            "?d a bg:Decision ; bg:decidedAt ?m ; bg:decisionText ?t }"
        )
    }


def _read_meetings(reader: StoredKnownReader, store: EmbeddedStore) -> set[KnownMeeting]:
    months = {(None, m.date.year, m.date.month) for m in _whole_meetings(store)}
    return set(reader.meetings_in(months))


def _assert_reads_the_whole_store(reader: StoredKnownReader, store: EmbeddedStore) -> None:
    assert _read_organisations(reader) == _whole_organisations(store)
    meetings = _read_meetings(reader, store)
    assert meetings == _whole_meetings(store)
    assert set(reader.decisions_at({m.iri for m in meetings})) == _whole_decisions(store)
    people = stored_people(store)
    assert [reader.person(group.iri) for group in people.groups] == list(people.groups)
    for graph, name in people.file_names.items():
        assert graph in reader.graphs_named([name])


def test_the_corpus_read_in_two_steps_reads_as_the_whole_store(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    reader = StoredKnownReader(store)
    known_from_store(reader)
    assert reader.organisations() == () and reader.meetings_in([(None, 2025, 3)]) == []
    _load(store, tmp_path, "000", "002")
    known_from_store(reader)
    _assert_reads_the_whole_store(reader, store)
    _load(store, tmp_path, "003", "004")
    known_from_store(reader)
    _assert_reads_the_whole_store(reader, store)
    # The steering group of 004 and the board of 003 met after the first read.
    assert {m.date for m in reader.meetings_in([(None, 2026, 5)])} == {dt.date(2026, 5, 13)}
    assert dt.date(2022, 4, 28) in {m.date for m in reader.meetings_in([(None, 2022, 4)])}


def test_a_rewritten_graph_is_read_again_once_forgotten(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    (outcome,) = run([corpus_file("000")], store, quarantine_dir=tmp_path / "q").outcomes
    assert outcome.graph is not None
    reader = StoredKnownReader(store)
    known_from_store(reader)
    meetings = reader.meetings_in([(None, 2025, 3)])
    (decision, *_) = reader.decisions_at({m.iri for m in meetings})
    store.update(
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
        f"DELETE {{ GRAPH <{outcome.graph}> {{ <{decision.iri}> bg:decisionText ?t }} }} "
        f'INSERT {{ GRAPH <{outcome.graph}> {{ <{decision.iri}> bg:decisionText "Omskrivet." }} }} '
        f"WHERE {{ GRAPH <{outcome.graph}> {{ <{decision.iri}> bg:decisionText ?t }} }}"
    )
    known_from_store(reader)
    texts = {d.text for d in reader.decisions_at({decision.meeting}) if d.iri == decision.iri}
    assert texts == {decision.text}  # kept: nobody said the graph changed
    reader.forget(outcome.graph)
    known_from_store(reader)
    texts = {d.text for d in reader.decisions_at({decision.meeting}) if d.iri == decision.iri}
    assert texts == {"Omskrivet."}
    _assert_reads_the_whole_store(reader, store)


def test_a_dropped_graph_is_forgotten(store: EmbeddedStore, tmp_path: Path) -> None:
    outcomes = run(
        [corpus_file("000"), corpus_file("004")], store, quarantine_dir=tmp_path / "q"
    ).outcomes
    reader = StoredKnownReader(store)
    known_from_store(reader)
    (steering,) = reader.meetings_in([(None, 2026, 5)])
    assert reader.decisions_at({steering.iri})
    graph = next(o.graph for o in outcomes if o.path == corpus_file("004"))
    assert graph is not None
    store.delete_graph(graph)
    known_from_store(reader)
    assert reader.meetings_in([(None, 2026, 5)]) == []
    assert reader.decisions_at({steering.iri}) == []
    assert reader.graphs_named([corpus_file("004").name]) == set()
    _assert_reads_the_whole_store(reader, store)


def _whole_known(store: EmbeddedStore, reader: StoredKnownReader) -> Known:
    """`Known` as it was built before the view: every stored person, meeting, decision."""
    people = stored_people(store)
    return Known(
        people=people.groups,
        person_of={
            record.key: index
            for index, group in enumerate(people.groups)
            for record in group.records
        },
        file_names=people.file_names,
        organisations=reader.organisations(),
        organisation_types=reader.organisation_types(),
        meetings=tuple(sorted(_whole_meetings(store), key=lambda m: str(m.iri))),
        decisions=tuple(sorted(_whole_decisions(store), key=lambda d: str(d.iri))),
    )


def test_a_batch_resolves_against_the_view_as_against_the_whole_store(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    # 000 is the meeting of 6 March 2025 whose positions the yearly summary 001
    # repeats; 002 and 003 name the same chair three ways.
    _load(store, tmp_path, "000", "002")
    reader = StoredKnownReader(store)
    stored = known_from_store(reader)
    reference = reference_graph()
    batch = [_front(corpus_file(prefix)).mentions for prefix in ("001", "003", "004")]
    pending = [mentions for mentions in batch if mentions is not None]
    assert len(pending) == 3
    curation = Curation()
    view = extend_known(with_reference(stored, reference), pending)
    whole = extend_known(with_reference(_whole_known(store, reader), reference), pending)
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert view.stored is None and view.curation == whole.curation == curation
    assert len(view.people) < len(whole.people)  # only the people the batch met
    for mentions in pending:
        from_view = set(to_rdf(resolve(mentions, view), at))
        from_whole = set(to_rdf(resolve(mentions, whole), at))
        assert from_view == from_whole, mentions.document.path.name
    summary = resolve(pending[0], view).summary_decisions
    assert any(not decision.owned for decision in summary)  # placed at 000's decisions
