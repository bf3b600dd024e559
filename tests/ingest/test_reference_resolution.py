"""Ingestion with the reference registers: loaded once, refreshed when changed, and
document organisations resolved to the register's nodes (CQ7)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.known import Known, literal_value
from beslutsgraf.ingest.reference import (
    ensure_reference_graph,
    reference_digest,
    reference_graph,
)
from beslutsgraf.ingest.reference_data import MUNICIPALITIES, parse_registers, register_files
from beslutsgraf.ingest.reference_known import with_reference
from beslutsgraf.ingest.run import IngestSummary, Status, run
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

REFERENCE = str(DEFAULT_MINTER.reference_graph())
ORGANISATION = DEFAULT_MINTER.organisation
KOMMUN = DEFAULT_MINTER.municipality
BORASREGIONEN = ORGANISATION("Boråsregionen Sjuhärads kommunalförbund")
FYRBODAL = ORGANISATION("Fyrbodals kommunalförbund")
SKARABORG = ORGANISATION("Skaraborgs kommunalförbund")
GOTEBORGSREGIONEN = ORGANISATION("Göteborgsregionen")
PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
CQ7 = (
    Path(__file__).resolve().parents[2]
    / "docs/queries/cq7-municipalities-of-represented-federation.rq"
)


def _dump(store: EmbeddedStore) -> list[bytes]:
    return sorted(b"".join(store.dump("application/n-quads")).splitlines())


# --------------------------------------------------------------------------- short forms


@pytest.fixture(scope="module")
def known() -> Known:
    return with_reference(Known(), reference_graph())


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Fyrbodalsregionen", FYRBODAL),  # stem + "regionen", the kind's generic word
        ("Skaraborgsregionen", SKARABORG),
        ("Bollebygd kommun", KOMMUN("1443")),  # register: "Bollebygds kommun"
        ("Göteborgsregionens", GOTEBORGSREGIONEN),
        ("Mariestad kommun", KOMMUN("1493")),
    ],
)
def test_a_register_organisations_short_form_is_that_organisation(
    known: Known, mention: str, expected: URIRef
) -> None:
    assert known.reference_stems.match(mention) == str(expected)


@pytest.mark.parametrize(
    "mention",
    [
        "Skaraborgs sjukhus",  # a hospital: "sjukhus" is no generic word of a kommunalförbund
        "Göteborgs",  # Göteborgs kommun or Göteborgsregionen: not exactly one
        "Regionhälsan",
        "Privata vårdgivare",
    ],
)
def test_other_or_ambiguous_names_are_left_alone(known: Known, mention: str) -> None:
    assert known.reference_stems.match(mention) is None


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Region", None),  # Regionstyrelsen without "styrelsen" is no board
        ("Södra Älvsborg", None),  # nor Södra Älvsborgs Sjukhus without "Sjukhus"
        ("Hälso- och sjukvård", None),
        ("NU", None),
        # Skaraborgs Sjukhus has no short form, so Skaraborg stays the federation's.
        ("Skaraborg", SKARABORG),
    ],
)
def test_a_board_or_hospital_has_no_short_form(
    known: Known, mention: str, expected: URIRef | None
) -> None:
    assert known.reference_stems.match(mention) == (None if expected is None else str(expected))


def test_register_organisations_seed_resolution_first(known: Known) -> None:
    first = known.organisations[0]
    assert first.fixed_iri is not None
    by_iri = {c.fixed_iri: c for c in known.organisations}
    assert "VGR" in by_iri[str(ORGANISATION("Västra Götalandsregionen"))].spellings
    assert by_iri[str(BORASREGIONEN)].canonical == "Boråsregionen Sjuhärads kommunalförbund"
    assert known.organisation_types[str(KOMMUN("1480"))].endswith("#kommun")


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def ingested(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path
) -> Iterator[tuple[EmbeddedStore, IngestSummary, Path]]:
    store = EmbeddedStore(tmp_path_factory.mktemp("corpus") / "store")
    quarantine = tmp_path_factory.mktemp("quarantine")
    summary = run([corpus_dir], store, quarantine_dir=quarantine)
    yield store, summary, quarantine
    store.close()


@pytest.fixture(scope="module")
def store(ingested: tuple[EmbeddedStore, IngestSummary, Path]) -> EmbeddedStore:
    return ingested[0]


def test_the_run_loads_the_reference_graph(
    ingested: tuple[EmbeddedStore, IngestSummary, Path],
) -> None:
    store, summary, _ = ingested
    assert summary.ok
    assert store.graph_exists(REFERENCE)
    assert not ensure_reference_graph(store)  # already there, the same content


def _nodes_named_in_documents(store: EmbeddedStore, spelling: str) -> set[str]:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?node WHERE { GRAPH ?g { ?node skos:prefLabel|skos:altLabel "
        "?label } FILTER (STR(?label) = ?spelling && CONTAINS(STR(?g), '/source/')) }",
        {"spelling": f'"{spelling}"'},
    )
    return {row["node"].strip("<>") for row in rows}


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Boråsregionen", BORASREGIONEN),
        ("Boråsregionens Kommunalförbund", BORASREGIONEN),
        ("Boråsregionens Sjuhäradskommunalförbund", BORASREGIONEN),
        ("Fyrbodalsregionen", FYRBODAL),
        ("Fyrbodals kommunalförbund", FYRBODAL),
        ("Skaraborg", SKARABORG),
        ("Göteborgsregionen", GOTEBORGSREGIONEN),
        ("Bollebygd kommun", KOMMUN("1443")),
        ("Borås stad", KOMMUN("1490")),
        ("Göteborgs stad", KOMMUN("1480")),
        ("VGR", ORGANISATION("Västra Götalandsregionen")),
    ],
)
def test_document_spellings_resolve_to_the_register_nodes(
    store: EmbeddedStore, spelling: str, expected: URIRef
) -> None:
    assert _nodes_named_in_documents(store, spelling) == {str(expected)}


def test_a_hospital_is_not_the_federation_it_shares_a_stem_with(store: EmbeddedStore) -> None:
    assert str(SKARABORG) not in _nodes_named_in_documents(store, "Skaraborgs sjukhus")


@pytest.mark.parametrize(
    ("fragment", "body"),
    [
        ("regionstyrelse", "Regionstyrelsen"),
        ("hälso- och sjukvårdsstyrelse", "Hälso- och sjukvårdsstyrelsen"),
        ("strategiska hälso- och sjukvårdsnämnd", "Strategiska hälso- och sjukvårdsnämnden"),
        ("sahlgrenska", "Sahlgrenska Universitetssjukhuset"),
        ("södra älvsborg", "Södra Älvsborgs Sjukhus"),  # written "Södra Älvsborg Sjukhus"
        ("skaraborgs sjukhus", "Skaraborgs Sjukhus"),
        ("nu-sjukvård", "NU-sjukvården"),
        ("sjukhusen i väster", "Sjukhusen i väster"),
        ("sro", "SRO"),
    ],
)
def test_every_spelling_of_a_vgr_body_is_its_one_register_node(
    store: EmbeddedStore, fragment: str, body: str
) -> None:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?node WHERE { GRAPH ?g { ?node skos:prefLabel|skos:altLabel "
        "?label } FILTER (CONTAINS(LCASE(STR(?label)), ?fragment) && CONTAINS(STR(?g), "
        "'/source/')) }",
        {"fragment": f'"{fragment}"'},
    )
    node = ORGANISATION(body)
    assert {row["node"].strip("<>") for row in rows} == {str(node)}
    assert store.ask(f"ASK {{ GRAPH <{REFERENCE}> {{ <{node}> ?p ?o }} }}")


def test_the_steering_groups_hospital_members_by_register_hospital_group(
    store: EmbeddedStore,
) -> None:
    # The documents say whom a member represents; the reference graph, that it is one
    # of VGR's administrations: the two meet on the register node.
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?name ?unit WHERE { ?membership bg:represents ?unit ; "
        "org:member/foaf:name ?name . ?unit org:subOrganizationOf ?region ; "
        "org:classification bg:forvaltning }",
        {"region": f"<{ORGANISATION('Västra Götalandsregionen')}>"},
    )
    assert {(literal_value(r["name"]), r["unit"].strip("<>")) for r in rows} == {
        ("Björn Kalin", str(ORGANISATION("NU-sjukvården"))),
        ("Carina Karlsson-Brännehed", str(ORGANISATION("Skaraborgs Sjukhus"))),
        ("Katarina Andersson", str(ORGANISATION("Sjukhusen i väster"))),
        ("Maria Taranger", str(ORGANISATION("Sahlgrenska Universitetssjukhuset"))),
        ("Susanne Lidén", str(ORGANISATION("Närhälsan"))),
        ("Malin Camper", str(ORGANISATION("Södra Älvsborgs Sjukhus"))),
    }


def test_the_chairs_of_regionstyrelsen_over_time(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?name ?date WHERE { ?membership org:organization ?board ; "
        "org:role bg:ordforande ; bg:attestedOn ?date ; org:member/foaf:name ?name }",
        {"board": f"<{ORGANISATION('Regionstyrelsen')}>"},
    )
    chairs = sorted((literal_value(r["date"]), literal_value(r["name"])) for r in rows)
    assert chairs == [
        ("2022-04-28", "Johnny Magnusson"),
        ("2022-11-24", "Helén Eliasson"),
        ("2025-03-06", "Helén Eliasson"),
    ]


def test_vgr_regionstyrelsens_own_summaries_are_held_by_the_register_board(
    tmp_path: Path, samples_dir: Path
) -> None:
    # Two layouts the corpus lacks ("beslut i korthet"): the board is the register's.
    store = EmbeddedStore(tmp_path / "store")
    try:
        summaries = sorted(samples_dir.glob("0[78]_vgr-regionstyrelsen-*.txt"))
        assert len(summaries) == 2
        assert run(summaries, store, quarantine_dir=tmp_path / "q").ok
        rows = store.select(
            PREFIXES + "SELECT DISTINCT ?meeting ?region WHERE { ?meeting bg:heldBy ?board . "
            "?board org:subOrganizationOf ?region }",
            {"board": f"<{ORGANISATION('Regionstyrelsen')}>"},
        )
        assert {r["meeting"].rsplit("/", 1)[-1].strip(">") for r in rows} == {
            "2019-03-26",
            "2022-08-23",
        }
        assert {r["region"].strip("<>") for r in rows} == {
            str(ORGANISATION("Västra Götalandsregionen"))
        }
    finally:
        store.close()


def test_represented_federations_are_the_register_ones(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?federation WHERE { ?membership bg:represents ?federation . "
        "?federation org:classification bg:kommunalforbund }"
    )
    assert {row["federation"].strip("<>") for row in rows} == {
        str(iri) for iri in (GOTEBORGSREGIONEN, BORASREGIONEN, FYRBODAL, SKARABORG)
    }


def test_cq7_the_municipalities_of_marina_johanssons_federation(store: EmbeddedStore) -> None:
    rows = store.select(CQ7.read_text(encoding="utf-8"))
    codes = sorted(row["kommunkod"].split('"')[1] for row in rows)
    assert len(codes) == 13
    assert {"1480", "1384", "1440", "1481"} <= set(codes)  # Göteborg, Kungsbacka, Ale, Mölndal
    assert "1490" not in codes  # Borås is in Boråsregionen
    assert {row["federation"].strip("<>") for row in rows} == {str(GOTEBORGSREGIONEN)}


# --------------------------------------------------------------------------- loading


@pytest.fixture()
def empty_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path / "store")
    yield opened
    opened.close()


def test_loading_again_is_a_noop(tmp_path: Path, empty_store: EmbeddedStore) -> None:
    document = Path(shutil.copy(corpus_file("002"), tmp_path / "002.txt"))
    run([document], empty_store, quarantine_dir=tmp_path / "q")
    before = _dump(empty_store)
    assert not ensure_reference_graph(empty_store)
    second = run([document], empty_store, quarantine_dir=tmp_path / "q")
    assert [o.status for o in second.outcomes] == [Status.UNCHANGED]
    assert _dump(empty_store) == before


def test_changed_registers_replace_the_graph(empty_store: EmbeddedStore) -> None:
    shipped = register_files()
    shipped[MUNICIPALITIES] = shipped[MUNICIPALITIES].replace(b"Tibro kommun", b"Tibro Kommun")
    older = reference_graph(registers=parse_registers(shipped))
    assert ensure_reference_graph(empty_store, graph=older)
    assert not ensure_reference_graph(empty_store, graph=older)
    assert ensure_reference_graph(empty_store)  # the shipped data differs: replaced
    stored = Graph().parse(
        data=empty_store.get_graph(REFERENCE, "application/n-triples"), format="nt"
    )
    assert reference_digest(stored) == reference_digest(reference_graph())
    assert len(stored) == len(reference_graph())


def test_a_store_loaded_before_the_registers_gets_them(
    tmp_path: Path, empty_store: EmbeddedStore
) -> None:
    document = Path(shutil.copy(corpus_file("002"), tmp_path / "002.txt"))
    run([document], empty_store, quarantine_dir=tmp_path / "q")
    empty_store.delete_graph(REFERENCE)
    again = run([document], empty_store, quarantine_dir=tmp_path / "q")
    assert [o.status for o in again.outcomes] == [Status.UNCHANGED]
    assert empty_store.graph_exists(REFERENCE)


def test_a_run_that_loads_nothing_leaves_the_store_empty(
    tmp_path: Path, empty_store: EmbeddedStore
) -> None:
    run([tmp_path / "missing.txt"], empty_store, quarantine_dir=tmp_path / "q")
    assert empty_store.named_graphs() == []
