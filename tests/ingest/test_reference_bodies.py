"""VGR's boards, committees and hospital groups, and SRO, in `id:graph/reference`
(issue #6): each with its type, its parent or conveners, its other names and its
sources; and the registers refusing a body that links to no organisation."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.reference import reference_graph
from beslutsgraf.ingest.reference_data import (
    BODIES,
    ReferenceDataError,
    parse_registers,
    read_registers,
    register_files,
)
from beslutsgraf.ontology import BG, ORG

ORGANISATION = DEFAULT_MINTER.organisation
VGR = ORGANISATION("Västra Götalandsregionen")
VASTKOM = ORGANISATION("VästKom")

# name → its type in the bg:OrgType scheme; every one is part of VGR.
VGR_BODIES = {
    "Regionfullmäktige": BG.fullmaktige,
    "Regionstyrelsen": BG.namnd,
    "Hälso- och sjukvårdsstyrelsen": BG.namnd,
    "Strategiska hälso- och sjukvårdsnämnden": BG.namnd,
    "Norra hälso- och sjukvårdsnämnden": BG.namnd,
    "Sahlgrenska Universitetssjukhuset": BG.forvaltning,
    "Södra Älvsborgs Sjukhus": BG.forvaltning,
    "Skaraborgs Sjukhus": BG.forvaltning,
    "NU-sjukvården": BG.forvaltning,
    "Sjukhusen i väster": BG.forvaltning,
    "Närhälsan": BG.forvaltning,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return reference_graph()


@pytest.mark.parametrize(("name", "kind"), sorted(VGR_BODIES.items()))
def test_each_vgr_body_is_typed_part_of_vgr_and_sourced(
    graph: Graph, name: str, kind: URIRef
) -> None:
    node = ORGANISATION(name)
    assert graph.value(node, SKOS.prefLabel) == Literal(name, lang="sv")
    assert graph.value(node, ORG.classification) == kind
    assert list(graph.objects(node, ORG.subOrganizationOf)) == [VGR]
    sources = [str(s) for s in graph.objects(node, DCTERMS.source)]
    # A public page states it, and the minutes that name it are cited as well.
    assert any("vgregion.se" in s or "sjukhus" in s or "sjukvarden.se" in s for s in sources)
    assert any(s.startswith("minutes: ") for s in sources)


def test_the_hospital_groups_of_vgr(graph: Graph) -> None:
    groups = {
        str(graph.value(node, SKOS.prefLabel))
        for node in graph.subjects(ORG.subOrganizationOf, VGR)
        if (node, ORG.classification, BG.forvaltning) in graph
    }
    assert groups == {
        "Sahlgrenska Universitetssjukhuset",
        "Södra Älvsborgs Sjukhus",
        "Skaraborgs Sjukhus",
        "NU-sjukvården",
        "Sjukhusen i väster",
        "Närhälsan",
    }


def test_sro_is_convened_by_vastkom_and_vgr(graph: Graph) -> None:
    sro = ORGANISATION("SRO")
    assert str(sro).endswith("/org/sro")  # the IRI the documents' SRO has always had
    assert graph.value(sro, ORG.classification) == BG.samradsorgan
    assert set(graph.objects(sro, BG.convenedBy)) == {VASTKOM, VGR}
    assert list(graph.objects(sro, ORG.subOrganizationOf)) == []
    assert (
        sro,
        SKOS.altLabel,
        Literal("Politiskt samrådsorgan mellan VästKom och Västra Götalandsregionen", lang="sv"),
    ) in graph
    sources = [str(s) for s in graph.objects(sro, DCTERMS.source)]
    assert any(
        s.startswith("https://www.vardsamverkan.se/organisation/samradsorganet-sro/")
        for s in sources
    )
    assert any(s.startswith("https://www.vastkom.se/") for s in sources)


@pytest.mark.parametrize(
    ("name", "alternative"),
    [
        ("Södra Älvsborgs Sjukhus", "Södra Älvsborg Sjukhus"),  # as the steering group writes it
        ("Södra Älvsborgs Sjukhus", "SÄS"),
        ("Skaraborgs Sjukhus", "SkaS"),
        ("Sahlgrenska Universitetssjukhuset", "SU"),
        ("Hälso- och sjukvårdsstyrelsen", "HSS"),
        ("Strategiska hälso- och sjukvårdsnämnden", "SSN"),
    ],
)
def test_other_names_are_alternative_labels(graph: Graph, name: str, alternative: str) -> None:
    assert (ORGANISATION(name), SKOS.altLabel, Literal(alternative, lang="sv")) in graph
    assert ORGANISATION(alternative) not in set(graph.subjects())  # not a node of its own


def test_a_board_has_no_organisation_number_of_its_own(graph: Graph) -> None:
    # A hospital's pages show VGR's number: it is the region's, not the hospital's.
    for name in VGR_BODIES:
        assert list(graph.objects(ORGANISATION(name), SKOS.notation)) == []


def test_the_bodies_are_read_from_their_own_register() -> None:
    bodies = [o for o in read_registers().organisations if o.register == BODIES]
    assert {o.name for o in bodies} == {*VGR_BODIES, "SRO"}


# --------------------------------------------------------------------------- refused rows


def _bodies_with(old: str, new: str) -> dict[str, bytes]:
    shipped = register_files()
    assert old.encode() in shipped[BODIES]
    shipped[BODIES] = shipped[BODIES].replace(old.encode(), new.encode(), 1)
    return shipped


def test_a_body_part_of_an_unknown_organisation_is_refused() -> None:
    data = _bodies_with(
        "Regionstyrelsen,,styrelse,Västra Götalandsregionen,",
        "Regionstyrelsen,,styrelse,Region Västra Götland,",
    )
    with pytest.raises(
        ReferenceDataError, match=rf"{BODIES}: Regionstyrelsen .*Region Västra Götland"
    ):
        parse_registers(data)


def test_a_collaboration_body_without_conveners_is_refused() -> None:
    data = _bodies_with(",samrådsorgan,,VästKom;Västra Götalandsregionen,", ",samrådsorgan,,,")
    with pytest.raises(ReferenceDataError, match=rf"{BODIES}: SRO is a samrådsorgan"):
        reference_graph(registers=parse_registers(data))


def test_a_body_type_outside_the_scheme_is_refused() -> None:
    data = _bodies_with("NU-sjukvården,,förvaltning,", "NU-sjukvården,,sjukhusgrupp,")
    with pytest.raises(ReferenceDataError, match=rf"{BODIES}: NU-sjukvården: type 'sjukhusgrupp'"):
        reference_graph(registers=parse_registers(data))


def test_a_name_in_both_registers_is_refused() -> None:
    data = _bodies_with("\nNärhälsan,", "\nVästKom,")
    with pytest.raises(ReferenceDataError, match="VästKom named more than once"):
        parse_registers(data)
