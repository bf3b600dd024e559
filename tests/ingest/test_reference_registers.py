"""`id:graph/reference` against the registers it comes from: SCB's kommunkod for every
municipality, the four federations' published member lists, and Wikidata links exactly
where the CSVs give a Q-id. Then the ingested corpus: documents name municipalities,
but must not give one a second code, a second federation or a Wikidata link of their own.
(Counts, spot checks, check digits and counties: test_reference_graph.py.)"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SKOS
from rdflib.util import from_n3

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.reference import reference_graph
from beslutsgraf.ingest.run import run as ingest
from beslutsgraf.ontology import BG, ORG
from beslutsgraf.store import Store, open_store

REGISTERS = Path(__file__).resolve().parents[2] / "ingest" / "data" / "reference"
KOMMUN = DEFAULT_MINTER.municipality
WIKIDATA = "http://www.wikidata.org/entity/"
WIKIDATA_ITEM = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")

# SCB's municipality codes: Västra Götalands län (14xx) and Kungsbacka in Halland.
SCB_KOMMUNKOD = {
    "1384": "Kungsbacka",
    "1401": "Härryda",
    "1402": "Partille",
    "1407": "Öckerö",
    "1415": "Stenungsund",
    "1419": "Tjörn",
    "1421": "Orust",
    "1427": "Sotenäs",
    "1430": "Munkedal",
    "1435": "Tanum",
    "1438": "Dals-Ed",
    "1439": "Färgelanda",
    "1440": "Ale",
    "1441": "Lerum",
    "1442": "Vårgårda",
    "1443": "Bollebygd",
    "1444": "Grästorp",
    "1445": "Essunga",
    "1446": "Karlsborg",
    "1447": "Gullspång",
    "1452": "Tranemo",
    "1460": "Bengtsfors",
    "1461": "Mellerud",
    "1462": "Lilla Edet",
    "1463": "Mark",
    "1465": "Svenljunga",
    "1466": "Herrljunga",
    "1470": "Vara",
    "1471": "Götene",
    "1472": "Tibro",
    "1473": "Töreboda",
    "1480": "Göteborg",
    "1481": "Mölndal",
    "1482": "Kungälv",
    "1484": "Lysekil",
    "1485": "Uddevalla",
    "1486": "Strömstad",
    "1487": "Vänersborg",
    "1488": "Trollhättan",
    "1489": "Alingsås",
    "1490": "Borås",
    "1491": "Ulricehamn",
    "1492": "Åmål",
    "1493": "Mariestad",
    "1494": "Lidköping",
    "1495": "Skara",
    "1496": "Skövde",
    "1497": "Hjo",
    "1498": "Tidaholm",
    "1499": "Falköping",
}

# The member lists the federations publish (see ingest/data/reference/SOURCES.md);
# Färgelanda's membership of Fyrbodal is the register's inference (its `note`).
FEDERATION_MEMBERS = {
    "Göteborgsregionen": {
        "Ale", "Alingsås", "Göteborg", "Härryda", "Kungsbacka", "Kungälv", "Lerum",
        "Lilla Edet", "Mölndal", "Partille", "Stenungsund", "Tjörn", "Öckerö",
    },
    "Boråsregionen Sjuhärads kommunalförbund": {
        "Bollebygd", "Borås", "Herrljunga", "Mark", "Svenljunga", "Tranemo",
        "Ulricehamn", "Vårgårda",
    },
    "Fyrbodals kommunalförbund": {
        "Bengtsfors", "Dals-Ed", "Färgelanda", "Lysekil", "Mellerud", "Munkedal",
        "Orust", "Sotenäs", "Strömstad", "Tanum", "Trollhättan", "Uddevalla",
        "Vänersborg", "Åmål",
    },
    "Skaraborgs kommunalförbund": {
        "Essunga", "Falköping", "Grästorp", "Gullspång", "Götene", "Hjo", "Karlsborg",
        "Lidköping", "Mariestad", "Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda",
        "Vara",
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> Graph:
    return reference_graph()


def _rows(file_name: str) -> list[dict[str, str]]:
    with (REGISTERS / file_name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_municipality_has_scbs_kommunkod(graph: Graph) -> None:
    municipalities = set(graph.subjects(ORG.classification, BG.kommun))
    assert municipalities == {KOMMUN(code) for code in SCB_KOMMUNKOD}
    for code, name in SCB_KOMMUNKOD.items():
        node = KOMMUN(code)
        notations = set(graph.objects(node, SKOS.notation))
        assert Literal(code, datatype=BG.kommunkod) in notations, name
        # Every notation is a typed register code: a plain "1480" would escape the
        # queries that filter on the datatype.
        datatypes = {n.datatype if isinstance(n, Literal) else None for n in notations}
        assert datatypes <= {BG.kommunkod, BG.organisationsnummer}, code
        assert Literal(name, lang="sv") in set(graph.objects(node, SKOS.altLabel)), code


def test_each_federation_has_exactly_its_published_members(graph: Graph) -> None:
    code_of = {name: code for code, name in SCB_KOMMUNKOD.items()}
    for federation, members in FEDERATION_MEMBERS.items():
        node = DEFAULT_MINTER.organisation(federation)
        in_graph = set(graph.subjects(BG.memberOfFederation, node))
        assert in_graph == {KOMMUN(code_of[name]) for name in members}, federation
    # Together they cover every municipality once.
    assert sum(len(members) for members in FEDERATION_MEMBERS.values()) == len(SCB_KOMMUNKOD)


def test_wikidata_links_are_exactly_the_qids_the_registers_state(graph: Graph) -> None:
    stated: set[tuple[URIRef, URIRef]] = set()
    for row in _rows("vastra-gotaland-kommuner.csv"):
        if row["wikidata"]:
            stated.add((KOMMUN(row["kommunkod"]), URIRef(WIKIDATA + row["wikidata"])))
    for row in [*_rows("organisationer.csv"), *_rows("organ-och-forvaltningar.csv")]:
        if row["wikidata"]:
            stated.add(
                (DEFAULT_MINTER.organisation(row["name"]), URIRef(WIKIDATA + row["wikidata"]))
            )
    for row in _rows("partier.csv"):
        if row["wikidata"]:
            stated.add(
                (DEFAULT_MINTER.party(row["abbreviation"]), URIRef(WIKIDATA + row["wikidata"]))
            )
    linked = {
        (subject, obj)
        for predicate in (OWL.sameAs, SKOS.exactMatch)
        for subject, obj in graph.subject_objects(predicate)
    }
    assert linked == stated
    # 48 municipalities (not Borås, Mölndal), VGR and the 8 national parties; none of
    # VGR's boards or hospitals (no Q-id verified).
    assert len(stated) == 48 + 1 + 8
    assert all(WIKIDATA_ITEM.match(str(item)) for _, item in linked)


# ------------------------------------------------------------------ the ingested corpus

UNION_CHECK = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?municipality (COUNT(DISTINCT ?federation) AS ?federations)
       (COUNT(DISTINCT ?code) AS ?codes) (SAMPLE(?code) AS ?kommunkod)
       (SUM(IF(BOUND(?untyped), 1, 0)) AS ?untypedNotations)
WHERE {
  ?municipality org:classification bg:kommun .
  OPTIONAL { ?municipality bg:memberOfFederation ?federation }
  OPTIONAL {
    ?municipality skos:notation ?code .
    FILTER (DATATYPE(?code) = bg:kommunkod)
  }
  OPTIONAL {
    ?municipality skos:notation ?untyped .
    FILTER (DATATYPE(?untyped) NOT IN (bg:kommunkod, bg:organisationsnummer))
  }
}
GROUP BY ?municipality
"""

LINKS_FROM_DOCUMENTS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?graph ?node ?other WHERE {
  GRAPH ?graph { ?node owl:sameAs|skos:exactMatch ?other }
  FILTER (?graph != ?reference)
}
"""


@pytest.fixture(scope="module")
def store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    work = tmp_path_factory.mktemp("registers")
    opened = open_store(work / "store", None)
    assert ingest([corpus_dir], opened, quarantine_dir=work / "quarantine").ok
    yield opened
    opened.close()


def test_in_the_ingested_graph_each_municipality_has_one_code_and_one_federation(
    store: Store,
) -> None:
    rows = [
        {var: str(from_n3(term)) for var, term in row.items()} for row in store.select(UNION_CHECK)
    ]
    by_code = {row["kommunkod"]: row for row in rows}
    assert len(by_code) == len(rows)
    assert set(by_code) == set(SCB_KOMMUNKOD)  # documents mint no municipality of their own
    for code, row in by_code.items():
        assert row["municipality"] == str(KOMMUN(code))
        counts = (row["federations"], row["codes"], row["untypedNotations"])
        assert counts == ("1", "1", "0"), code


def test_documents_add_no_identity_links(store: Store) -> None:
    reference = f"<{DEFAULT_MINTER.reference_graph()}>"
    assert store.select(LINKS_FROM_DOCUMENTS, {"reference": reference}) == []
