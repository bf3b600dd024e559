"""`id:graph/reference` as built from the shipped registers: counts, codes, federations,
check digits, counties, sources, and conformance to the shapes."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.reference import reference_digest, reference_graph
from beslutsgraf.ingest.reference_data import (
    MUNICIPALITIES,
    ReferenceDataError,
    luhn_valid,
    parse_registers,
    read_registers,
    register_files,
)
from beslutsgraf.ontology import BG, ORG
from beslutsgraf.shapes import validate_graph

KOMMUN = DEFAULT_MINTER.municipality
ORGANISATION = DEFAULT_MINTER.organisation
GOTEBORGSREGIONEN = ORGANISATION("Göteborgsregionen")
BORASREGIONEN = ORGANISATION("Boråsregionen Sjuhärads kommunalförbund")
FYRBODAL = ORGANISATION("Fyrbodals kommunalförbund")
SKARABORG = ORGANISATION("Skaraborgs kommunalförbund")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return reference_graph()


def _municipalities(graph: Graph) -> set[URIRef]:
    return {m for m in graph.subjects(ORG.classification, BG.kommun) if isinstance(m, URIRef)}


def _notations(graph: Graph, node: URIRef, datatype: URIRef) -> list[str]:
    return [
        str(n)
        for n in graph.objects(node, SKOS.notation)
        if isinstance(n, Literal) and n.datatype == datatype
    ]


def test_the_graph_conforms_to_the_shapes(graph: Graph) -> None:
    report = validate_graph(graph)
    assert report.conforms, report.lines()
    assert report.warnings == ()


def test_fifty_municipalities_each_with_its_kommunkod(graph: Graph) -> None:
    municipalities = _municipalities(graph)
    assert len(municipalities) == 50  # the 49 of Västra Götaland + Kungsbacka
    for municipality in municipalities:
        (code,) = _notations(graph, municipality, BG.kommunkod)
        assert municipality == KOMMUN(code)
        assert (municipality, RDF.type, ORG.Organization) in graph


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("1480", "Göteborg"),
        ("1490", "Borås"),
        ("1440", "Ale"),
        ("1472", "Tibro"),
        ("1471", "Götene"),
        ("1443", "Bollebygd"),
        ("1465", "Svenljunga"),
        ("1460", "Bengtsfors"),
    ],
)
def test_spot_checked_codes(graph: Graph, code: str, name: str) -> None:
    node = KOMMUN(code)
    assert _notations(graph, node, BG.kommunkod) == [code]
    assert Literal(name, lang="sv") in set(graph.objects(node, SKOS.altLabel))
    preferred = graph.value(node, SKOS.prefLabel)
    assert isinstance(preferred, Literal) and preferred.language == "sv"
    assert str(preferred).endswith(" kommun")


def test_stad_forms_are_alternative_labels(graph: Graph) -> None:
    assert graph.value(KOMMUN("1480"), SKOS.prefLabel) == Literal("Göteborgs kommun", lang="sv")
    assert (KOMMUN("1480"), SKOS.altLabel, Literal("Göteborgs stad", lang="sv")) in graph
    assert (KOMMUN("1490"), SKOS.altLabel, Literal("Borås stad", lang="sv")) in graph


def test_each_municipality_is_in_exactly_one_federation(graph: Graph) -> None:
    federations = {
        f for f in graph.subjects(ORG.classification, BG.kommunalforbund) if isinstance(f, URIRef)
    }
    assert federations == {GOTEBORGSREGIONEN, BORASREGIONEN, FYRBODAL, SKARABORG}
    counts: Counter[URIRef] = Counter()
    for municipality in _municipalities(graph):
        (federation,) = graph.objects(municipality, BG.memberOfFederation)
        assert isinstance(federation, URIRef) and federation in federations
        counts[federation] += 1
    assert counts == {GOTEBORGSREGIONEN: 13, BORASREGIONEN: 8, FYRBODAL: 14, SKARABORG: 15}


def test_kungsbacka_is_a_member_of_goteborgsregionen_but_not_in_vastra_gotaland(
    graph: Graph,
) -> None:
    kungsbacka = KOMMUN("1384")
    assert (kungsbacka, BG.memberOfFederation, GOTEBORGSREGIONEN) in graph
    halland, vastra_gotaland = DEFAULT_MINTER.county("13"), DEFAULT_MINTER.county("14")
    assert (kungsbacka, DCTERMS.spatial, halland) in graph
    assert graph.value(halland, SKOS.prefLabel) == Literal("Hallands län", lang="sv")
    assert graph.value(vastra_gotaland, SKOS.prefLabel) == Literal(
        "Västra Götalands län", lang="sv"
    )
    in_vg = {m for m in _municipalities(graph) if (m, DCTERMS.spatial, vastra_gotaland) in graph}
    assert len(in_vg) == 49 and kungsbacka not in in_vg
    assert all(str(m).rsplit("/", 1)[-1].startswith("14") for m in in_vg)


def test_every_organisation_number_passes_luhn(graph: Graph) -> None:
    numbers = [
        str(n)
        for n in graph.objects(None, SKOS.notation)
        if isinstance(n, Literal) and n.datatype == BG.organisationsnummer
    ]
    # 49 municipalities (all but Mölndal) + VGR, Fyrbodal and Skaraborg.
    assert len(numbers) == 52
    assert all(luhn_valid(n.replace("-", "")) for n in numbers)
    assert _notations(graph, ORGANISATION("Västra Götalandsregionen"), BG.organisationsnummer) == [
        "232100-0131"
    ]


def test_luhn() -> None:
    assert luhn_valid("2120001355")  # Göteborg
    assert not luhn_valid("2120001356")
    assert not luhn_valid("21200013x5")


def _registers_with(old: bytes, new: bytes) -> dict[str, bytes]:
    shipped = register_files()
    assert old in shipped[MUNICIPALITIES]
    shipped[MUNICIPALITIES] = shipped[MUNICIPALITIES].replace(old, new)
    return shipped


def test_a_bad_check_digit_is_refused_with_the_row_named() -> None:
    with pytest.raises(ReferenceDataError, match=r"line \d+.*212000-1356.*Luhn"):
        parse_registers(_registers_with(b"212000-1355", b"212000-1356"))


def test_a_municipality_in_an_unknown_federation_is_refused() -> None:
    with pytest.raises(ReferenceDataError, match="Sjuhäradsförbundet"):
        parse_registers(
            _registers_with(
                "1490,Borås,Borås kommun,Boråsregionen Sjuhärads kommunalförbund".encode(),
                "1490,Borås,Borås kommun,Sjuhäradsförbundet".encode(),
            )
        )


def test_wikidata_links_only_where_the_register_has_a_qid(graph: Graph) -> None:
    assert (KOMMUN("1480"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q52502")) in graph
    assert list(graph.objects(KOMMUN("1490"), OWL.sameAs)) == []  # Borås: unverified
    assert list(graph.objects(KOMMUN("1481"), OWL.sameAs)) == []  # Mölndal: unverified
    assert _notations(graph, KOMMUN("1481"), BG.organisationsnummer) == []


def test_federations_region_and_joint_organisation(graph: Graph) -> None:
    vgr, vastkom = ORGANISATION("Västra Götalandsregionen"), ORGANISATION("VästKom")
    assert graph.value(vgr, ORG.classification) == BG.region
    assert graph.value(vastkom, ORG.classification) == BG.samorganisation
    assert (vgr, SKOS.altLabel, Literal("VGR", lang="sv")) in graph
    assert (vastkom, SKOS.altLabel, Literal("Västkom", lang="sv")) in graph
    assert (GOTEBORGSREGIONEN, SKOS.altLabel, Literal("GR", lang="sv")) in graph
    assert (BORASREGIONEN, SKOS.altLabel, Literal("Boråsregionen", lang="sv")) in graph
    assert (FYRBODAL, SKOS.altLabel, Literal("Fyrbodal", lang="sv")) in graph


def test_parties(graph: Graph) -> None:
    parties = set(graph.subjects(ORG.classification, BG.parti))
    assert len(parties) == len(read_registers().parties) == 10
    social_democrats = DEFAULT_MINTER.party("S")
    assert social_democrats in parties
    assert graph.value(social_democrats, SKOS.prefLabel) == Literal("Socialdemokraterna", lang="sv")
    assert (social_democrats, SKOS.altLabel, Literal("S", lang="sv")) in graph
    assert (
        social_democrats,
        OWL.sameAs,
        URIRef("http://www.wikidata.org/entity/Q105112"),
    ) in graph


def test_sources_are_iris_for_urls_and_literals_otherwise(graph: Graph) -> None:
    sources = set(graph.objects(KOMMUN("1480"), DCTERMS.source))
    assert URIRef("https://goteborgsregionen.se/in-english") in sources
    literals = [str(s) for s in sources if isinstance(s, Literal)]
    assert any(s.startswith("kod: github:sjbrg/swedish-geodata@03b0a24") for s in literals)
    assert all(graph.objects(node, DCTERMS.source) for node in _municipalities(graph))


def test_the_checksum_follows_the_content() -> None:
    first, again = reference_graph(), reference_graph()
    assert reference_digest(first) == reference_digest(again)
    changed = reference_graph(
        registers=parse_registers(_registers_with(b"Svenljunga kommun", b"Svenljunga Kommun"))
    )
    assert reference_digest(changed) != reference_digest(first)
