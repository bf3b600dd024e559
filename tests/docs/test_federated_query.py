"""docs/queries/federated-wikidata-kommunkod.rq joins our municipalities to Wikidata by
kommunkod through SERVICE. A real `oxigraph serve` holding a small Wikidata-shaped
fixture, written here, stands in for query.wikidata.org: only the SERVICE IRI of the
query text changes. The query runs on every engine its comment names: the embedded
store and `oxigraph serve` as our remote backend (each holding the reference graph and a
document's graph), and rdflib over the reference graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.util import from_n3

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.reference import reference_graph
from beslutsgraf.ingest.run import run as ingest
from beslutsgraf.store import Store, open_store
from beslutsgraf.store.testing import running_oxigraph
from tests.conftest import corpus_file

QUERY = Path(__file__).resolve().parents[2] / "docs" / "queries" / "federated-wikidata-kommunkod.rq"
WIKIDATA_SERVICE = "<https://query.wikidata.org/sparql>"
WD = "http://www.wikidata.org/entity/"

# Shaped like Wikidata's truthy triples: P525 (SCB kommunkod) is a plain string, P1082 a
# decimal, P625 a WKT point. Populations and coordinates are fixture values.
FIXTURE = """\
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix geo: <http://www.opengis.net/ont/geosparql#> .

wd:Q52502 rdfs:label "Göteborgs kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "1480" ;
    wdt:P1082 "600000"^^xsd:decimal ;
    wdt:P625 "Point(11.98 57.67)"^^geo:wktLiteral .
wd:Q498470 rdfs:label "Ale kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "1440" ;
    wdt:P1082 "32000"^^xsd:decimal .
wd:Q499380 rdfs:label "Kungsbacka kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "1384" ;
    wdt:P1082 "85000"^^xsd:decimal .
wd:Q501432 rdfs:label "Tibro kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "1472" .
# A made-up item: the register has no verified Wikidata item for Borås.
wd:Q999990490 rdfs:label "Borås kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "1490" ;
    wdt:P1082 "115000"^^xsd:decimal .
# Decoys: a municipality we do not have, and the city of Göteborg carrying the code.
wd:Q506250 rdfs:label "Stockholms kommun"@sv ; wdt:P31 wd:Q127448 ; wdt:P525 "0180" ;
    wdt:P1082 "980000"^^xsd:decimal .
wd:Q25287 rdfs:label "Göteborg"@sv ; wdt:P31 wd:Q515 ; wdt:P525 "1480" .
"""

# kommunkod -> (Wikidata item, population, the register's own owl:sameAs or "").
EXPECTED = {
    "1384": (f"{WD}Q499380", "85000", f"{WD}Q499380"),
    "1440": (f"{WD}Q498470", "32000", f"{WD}Q498470"),
    "1472": (f"{WD}Q501432", "", f"{WD}Q501432"),
    "1480": (f"{WD}Q52502", "600000", f"{WD}Q52502"),
    "1490": (f"{WD}Q999990490", "115000", ""),
}

Row = dict[str, str]
Runner = Callable[[str], list[Row]]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("federated")


@pytest.fixture(scope="module")
def wikidata_endpoint(work: Path) -> Iterator[str]:
    """The query URL of a local SPARQL server holding the fixture in its default graph."""
    fixture = work / "wikidata-fixture.ttl"
    fixture.write_text(FIXTURE, encoding="utf-8")
    with running_oxigraph(work / "wikidata") as base:
        store = open_store(None, base)
        try:
            store.bulk_load(fixture.read_bytes(), "text/turtle")
        finally:
            store.close()
        yield f"{base}/query"


@pytest.fixture(scope="module")
def query(wikidata_endpoint: str) -> str:
    text = QUERY.read_text(encoding="utf-8")
    assert text.count(WIKIDATA_SERVICE) == 1
    return text.replace(WIKIDATA_SERVICE, f"<{wikidata_endpoint}>")


def _store_runner(store: Store) -> Runner:
    def run(sparql: str) -> list[Row]:
        # Store.select answers with N-Triples terms; compare lexical values.
        return [
            {var: str(from_n3(term)) for var, term in row.items()} for row in store.select(sparql)
        ]

    return run


def _ingest_into(store: Store, work: Path) -> None:
    """The reference graph, and minutes (004) that name seven of its municipalities in
    their own graph too: the union default graph then holds their labels twice."""
    summary = ingest([corpus_file("004")], store, quarantine_dir=work / "quarantine")
    assert summary.ok and store.graph_exists(str(DEFAULT_MINTER.reference_graph()))


@pytest.fixture(scope="module")
def embedded(work: Path) -> Iterator[Runner]:
    store = open_store(work / "store", None)
    _ingest_into(store, work)
    yield _store_runner(store)
    store.close()


@pytest.fixture(scope="module")
def remote(work: Path) -> Iterator[Runner]:
    # Our graph on a first `oxigraph serve`: that server makes the SERVICE call.
    with running_oxigraph(work / "ours") as base:
        store = open_store(None, base)
        _ingest_into(store, work)
        yield _store_runner(store)
        store.close()


@pytest.fixture(scope="module")
def in_rdflib() -> Runner:
    graph: Graph = reference_graph()

    def run(sparql: str) -> list[Row]:
        return [
            {var: str(value) for var, value in row.asdict().items()}  # type: ignore[union-attr]
            for row in graph.query(sparql)
        ]

    return run


ENGINES = ["embedded", "remote", "in_rdflib"]


def _joined(rows: list[Row]) -> dict[str, tuple[str, str, str]]:
    joined = {
        row["kommunkod"]: (row["item"], row.get("population", ""), row.get("registerItem", ""))
        for row in rows
    }
    assert len(joined) == len(rows), f"a kommunkod joined more than once: {rows}"
    return joined


@pytest.mark.parametrize("engine", ENGINES)
def test_each_of_our_municipalities_finds_its_wikidata_item_by_kommunkod(
    request: pytest.FixtureRequest, query: str, engine: str
) -> None:
    run: Runner = request.getfixturevalue(engine)
    rows = run(query)
    # Stockholm (0180) is no municipality of ours; the city item's "1480" is no
    # municipality of Sweden's.
    assert _joined(rows) == EXPECTED
    assert [row["kommunkod"] for row in rows] == sorted(EXPECTED)  # ORDER BY ?kommunkod


@pytest.mark.parametrize("engine", ENGINES)
def test_our_names_and_wikidata_coordinates_come_back_together(
    request: pytest.FixtureRequest, query: str, engine: str
) -> None:
    run: Runner = request.getfixturevalue(engine)
    by_code = {row["kommunkod"]: row for row in run(query)}
    goteborg = by_code["1480"]
    assert goteborg["municipality"] == "https://w3id.org/beslutsgraf/id/kommun/1480"
    assert goteborg["name"] == "Göteborgs kommun"
    assert goteborg["coordinates"] == "Point(11.98 57.67)"
    assert by_code["1384"]["name"] == "Kungsbacka kommun"
    assert "coordinates" not in by_code["1440"]  # Ale has no P625 in the fixture
