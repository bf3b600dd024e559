"""`id:graph/reference`: the reference registers as RDF, and keeping them in the store.

Built from the CSVs in `data/reference/` (see its SOURCES.md):

* each municipality `id:kommun/{kommunkod}`: org:Organization, classification
  bg:kommun, the official name as skos:prefLabel, the short and "stad" names as
  skos:altLabel, the kommunkod and organisationsnummer as typed skos:notation,
  owl:sameAs its Wikidata item where the register has one, bg:memberOfFederation
  its kommunalförbund, dct:spatial its county (`id:lan/{länskod}`: Kungsbacka is in
  Göteborgsregionen but in Hallands län, not one of Västra Götaland's 49);
* VGR, VästKom and the four kommunalförbund `id:org/{slug}`, typed by the
  register's own word for their kind, looked up in the bg:OrgType scheme;
* VGR's boards, committees and administrations (Regionstyrelsen, the hospital
  groups …) `id:org/{slug}` the same way, each org:subOrganizationOf its parent,
  and the collaboration bodies (SRO) with bg:convenedBy their conveners;
* the parties `id:party/{abbreviation}` (classification bg:parti).

Every node carries dct:source: the row's sources, an IRI where a source is a
bare URL. The graph describes itself with a SHA-256 of its own content
(spdx:checksum), so loading it again is a no-op unless the data, or the way it
is mapped, changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS

from beslutsgraf.ingest.concepts import concept_in_name
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.reference_data import (
    Municipality,
    Party,
    ReferenceDataError,
    ReferenceOrganisation,
    Registers,
    read_registers,
)
from beslutsgraf.ingest.shipped_graphs import ensure_graph, graph_checksum, with_checksum
from beslutsgraf.ontology import BG, ORG, bind_prefixes
from beslutsgraf.store.base import Store

__all__ = [
    "WIKIDATA",
    "ensure_reference_graph",
    "reference_digest",
    "reference_graph",
]

WIKIDATA = Namespace("http://www.wikidata.org/entity/")

# A source given as nothing but a URL, optionally after a "what: " label
# ("förbund: https://goteborgsregionen.se/in-english"), is linked as an IRI.
_URL_SOURCE = re.compile(r"^(?:[^\s:]+:\s+)?(https?://[^\s<>\"{}|\\^`]+)$")
_TITLE = (
    "Referensregister: kommuner, kommunalförbund, region, regionens organ och förvaltningar, "
    "samrådsorgan och partier"
)
# The kinds of body a shape requires conveners of (bgsh:CollaborationBodyShape).
_COLLABORATION_BODIES = (BG.samradsorgan, BG.styrgrupp)


def _sources(graph: Graph, node: URIRef, sources: Iterable[str]) -> None:
    for source in sources:
        url = _URL_SOURCE.match(source)
        graph.add((node, DCTERMS.source, URIRef(url.group(1)) if url else Literal(source)))


def _organisation_node(
    graph: Graph,
    node: URIRef,
    name: str,
    alt_names: Iterable[str],
    kind: URIRef,
    wikidata: str | None,
    organisation_number: str | None,
) -> None:
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, SKOS.prefLabel, Literal(name, lang="sv")))
    for alt in dict.fromkeys(alt_names):
        if alt != name:
            graph.add((node, SKOS.altLabel, Literal(alt, lang="sv")))
    graph.add((node, ORG.classification, kind))
    if organisation_number is not None:
        graph.add(
            (node, SKOS.notation, Literal(organisation_number, datatype=BG.organisationsnummer))
        )
    if wikidata is not None:
        graph.add((node, OWL.sameAs, WIKIDATA[wikidata]))


def _organisation(graph: Graph, row: ReferenceOrganisation, minter: IriMinter) -> URIRef:
    # The register's own word for the kind ("kommunalförbund") is a label of a
    # bg:OrgType concept: the vocabulary, not this code, says which.
    kind = concept_in_name(BG.OrgType, row.kind)
    if kind is None:
        raise ReferenceDataError(
            f"{row.register}: {row.name}: type {row.kind!r} is no label of a bg:OrgType concept"
        )
    if kind in _COLLABORATION_BODIES and not row.convened_by:
        raise ReferenceDataError(
            f"{row.register}: {row.name} is a {row.kind}: name the organisations convening it"
        )
    node = minter.organisation(row.name)
    _organisation_node(
        graph, node, row.name, row.alt_names, kind, row.wikidata, row.organisation_number
    )
    # The other end is minted from its register name, which the registers check exists.
    if row.part_of is not None:
        graph.add((node, ORG.subOrganizationOf, minter.organisation(row.part_of)))
    for convener in row.convened_by:
        graph.add((node, BG.convenedBy, minter.organisation(convener)))
    if row.website is not None:
        graph.add((node, FOAF.homepage, URIRef(row.website)))
    if row.note is not None:
        graph.add((node, SKOS.note, Literal(row.note)))
    _sources(graph, node, row.sources)
    return node


def _municipality(graph: Graph, row: Municipality, federation: URIRef, minter: IriMinter) -> URIRef:
    node = minter.municipality(row.code)
    _organisation_node(
        graph,
        node,
        row.official_name,
        (row.name, *row.alt_names),
        BG.kommun,
        row.wikidata,
        row.organisation_number,
    )
    graph.add((node, SKOS.notation, Literal(row.code, datatype=BG.kommunkod)))
    graph.add((node, BG.memberOfFederation, federation))
    graph.add((node, DCTERMS.spatial, minter.county(row.county_code)))
    if row.note is not None:
        graph.add((node, SKOS.note, Literal(row.note)))
    _sources(graph, node, row.sources)
    return node


def _party(graph: Graph, row: Party, minter: IriMinter) -> URIRef:
    node = minter.party(row.abbreviation)
    # The abbreviation is how documents write a party ("(S)"). The organisation
    # shape admits only kommunkod / organisationsnummer as skos:notation, so it is
    # an altLabel here.
    _organisation_node(
        graph, node, row.name, (row.abbreviation, *row.alt_names), BG.parti, row.wikidata, None
    )
    if row.note is not None:
        graph.add((node, SKOS.note, Literal(row.note)))
    _sources(graph, node, row.sources)
    return node


def reference_graph(
    minter: IriMinter = DEFAULT_MINTER, registers: Registers | None = None
) -> Graph:
    """The graph `id:graph/reference` holds, from the shipped registers by default."""
    registers = registers if registers is not None else read_registers()
    graph = bind_prefixes(Graph())
    graph.bind("wd", WIKIDATA)
    organisations = {row.name: _organisation(graph, row, minter) for row in registers.organisations}
    for county in registers.counties:
        node = minter.county(county.code)
        graph.add((node, RDF.type, DCTERMS.Location))
        graph.add((node, SKOS.prefLabel, Literal(county.name, lang="sv")))
        graph.add((node, DCTERMS.identifier, Literal(county.code)))
        _sources(graph, node, county.sources)
    for municipality in registers.municipalities:
        federation = organisations[municipality.federation]
        if (federation, ORG.classification, BG.kommunalforbund) not in graph:
            raise ReferenceDataError(
                f"{municipality.code} {municipality.name}: {municipality.federation} "
                "is not a kommunalförbund in organisationer.csv"
            )
        _municipality(graph, municipality, federation, minter)
    for party in registers.parties:
        _party(graph, party, minter)
    name = minter.reference_graph()
    graph.add((name, RDF.type, DCAT.Dataset))
    graph.add((name, DCTERMS.title, Literal(_TITLE, lang="sv")))
    return with_checksum(graph, name)


def reference_digest(graph: Graph, minter: IriMinter = DEFAULT_MINTER) -> str:
    """The content checksum a reference graph carries."""
    return graph_checksum(graph, minter.reference_graph())


def ensure_reference_graph(
    store: Store, minter: IriMinter = DEFAULT_MINTER, graph: Graph | None = None
) -> bool:
    """Put `id:graph/reference` in the store unless the same content is there already.
    Returns True when it was (re)written."""
    graph = graph if graph is not None else reference_graph(minter)
    return ensure_graph(store, minter.reference_graph(), graph)
