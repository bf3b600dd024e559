"""`id:graph/resolution`: the identity links between documents, rebuilt from the store.

Each document's graph says what that document says about a person, a meeting
or a decision. This graph says which of those nodes several documents share:
for a person, every spelling seen anywhere (skos:altLabel) beside the canonical
foaf:name; for organisations likewise; for meetings, decisions and agreements,
every source document that describes or repeats them (prov:wasDerivedFrom).

Every merge of spellings and every pair of people kept apart (a `-2` IRI, a
curator's "not same") is a `bg:IdentityDecision` here, with its `bg:score`, the two
`bg:comparedName`s, its `bg:evidenceKind`s, the documents it `prov:used` and, when a
curator decided, the `bg:curationSource` (see `person_match_review.py`).

It is derived data: rebuilt whole after every ingest that changed the store, so
it can never disagree with the document graphs it summarises.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, PROV, RDF, SKOS, XSD

from beslutsgraf.ingest.curation import Curation
from beslutsgraf.ingest.graph_store import graph_of
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter, slug
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.person_match_review import IdentityDecision, identity_decisions
from beslutsgraf.ingest.person_match_store import StoredPeople, stored_people
from beslutsgraf.ingest.shipped_graphs import SPDX
from beslutsgraf.ontology import BG, PERSON, bind_prefixes
from beslutsgraf.store.base import Store

__all__ = [
    "SharedNodes",
    "decision_iri",
    "resolution_graph",
    "shared_nodes_in_store",
    "stored_curation_checksum",
    "write_resolution_graph",
]

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


# The rebuild writes hundreds of thousands of triples: as pyoxigraph terms, printed to
# N-Triples in Rust. rdflib's graph and serialiser cost ~1.2 s of a rebuild on a store
# of 1,000 documents, every run that adds a document to it.
_TYPE = ox.NamedNode(str(RDF.type))
_NAME = ox.NamedNode(str(FOAF.name))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
_FOAF_PERSON = ox.NamedNode(str(FOAF.Person))
_PERSON_PERSON = ox.NamedNode(str(PERSON.Person))
_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
_USED = ox.NamedNode(str(PROV.used))
_IDENTITY_DECISION = ox.NamedNode(str(BG.IdentityDecision))
_IDENTITY_OF = ox.NamedNode(str(BG.identityOf))
_COMPARED_NAME = ox.NamedNode(str(BG.comparedName))
_SCORE = ox.NamedNode(str(BG.score))
_EVIDENCE_KIND = ox.NamedNode(str(BG.evidenceKind))
_MERGED = ox.NamedNode(str(BG.merged))
_CURATION_SOURCE = ox.NamedNode(str(BG.curationSource))
_DECIMAL = ox.NamedNode(str(XSD.decimal))
_BOOLEAN = ox.NamedNode(str(XSD.boolean))
_SHA256 = ox.NamedNode(str(SPDX.checksumAlgorithm_sha256))
_Object = ox.NamedNode | ox.Literal


def _source_graph(row: Mapping[str, str], prefix: str) -> str | None:
    graph = row.get("g", "").strip("<>")
    return graph if graph.startswith(prefix) else None


def decision_iri(decision: IdentityDecision) -> URIRef:
    """`{person}/identity/{spelling}--{spelling}` for a merge, `{person}/identity/{other
    person's slug}` for two people kept apart."""
    first = decision.persons[0]
    if decision.merged:
        names = sorted((slug(decision.match.first), slug(decision.match.second)))
        return URIRef(f"{first}/identity/{names[0]}--{names[1]}")
    return URIRef(f"{first}/identity/{decision.persons[1].rsplit('/', 1)[-1]}")


class _Triples:
    """The graph being built: triples in the order first added, each once."""

    def __init__(self) -> None:
        self.triples: dict[ox.Triple, None] = {}
        self.persons: set[str] = set()  # typed and named already

    def add(self, subject: ox.NamedNode, predicate: ox.NamedNode, value: _Object) -> None:
        self.triples[ox.Triple(subject, predicate, value)] = None

    def person(self, iri: str, name: str) -> ox.NamedNode:
        node = ox.NamedNode(iri)
        if iri not in self.persons:
            self.persons.add(iri)
            self.add(node, _TYPE, _FOAF_PERSON)
            self.add(node, _TYPE, _PERSON_PERSON)
            self.add(node, _NAME, ox.Literal(name))
        return node


def _add_decision(graph: _Triples, decision: IdentityDecision, names: dict[str, str]) -> None:
    node = ox.NamedNode(str(decision_iri(decision)))
    match = decision.match
    graph.add(node, _TYPE, _IDENTITY_DECISION)
    for person in decision.persons:
        graph.add(node, _IDENTITY_OF, graph.person(person, names[person]))
    for name in {match.first, match.second}:
        graph.add(node, _COMPARED_NAME, ox.Literal(name))
    graph.add(node, _SCORE, ox.Literal(f"{match.score:.3f}", datatype=_DECIMAL))
    for item in match.evidence:
        graph.add(node, _EVIDENCE_KIND, ox.Literal(str(item)))
    graph.add(node, _MERGED, ox.Literal("true" if decision.merged else "false", datatype=_BOOLEAN))
    for source in decision.sources:
        graph.add(node, _USED, ox.NamedNode(source))
    if match.curation_source:
        graph.add(node, _CURATION_SOURCE, ox.Literal(match.curation_source))


@dataclass
class SharedNodes:
    """What the document graphs say of the nodes several of them may share: each
    person's names (foaf:name) and other spellings (skos:altLabel), and the graphs that
    name a person, label an organisation or report a meeting or decision (the node
    states `bg:reportedIn` that graph)."""

    names: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    alternatives: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    sources: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    organisations: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    reported: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def shared_nodes_in_store(store: Store, minter: IriMinter = DEFAULT_MINTER) -> SharedNodes:
    """`SharedNodes` as the store's document graphs give them, asked of the store."""
    prefix = minter.source_prefix()
    nodes = SharedNodes()
    for row in store.select(
        _PREFIXES + "SELECT ?node ?name ?alt ?g WHERE { GRAPH ?g { ?node a foaf:Person ; "
        "foaf:name ?name . OPTIONAL { ?node skos:altLabel ?alt } } }"
    ):
        source = _source_graph(row, prefix)
        if source is None:
            continue
        node = row["node"].strip("<>")
        nodes.names[node].add(literal_value(row["name"]))
        if "alt" in row:
            nodes.alternatives[node].add(literal_value(row["alt"]))
        nodes.sources[node].add(source)
    # Organisations: labelled nodes that are not concepts.
    for row in store.select(
        _PREFIXES + "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?node skos:prefLabel ?label "
        "FILTER NOT EXISTS { ?node skos:inScheme ?scheme } } }"
    ):
        source = _source_graph(row, prefix)
        if source is not None:
            nodes.organisations[row["node"].strip("<>")].add(source)
    for row in store.select(
        _PREFIXES + "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?node bg:reportedIn ?g } }"
    ):
        source = _source_graph(row, prefix)
        if source is not None:
            nodes.reported[row["node"].strip("<>")].add(source)
    return nodes


def resolution_graph(
    store: Store,
    minter: IriMinter = DEFAULT_MINTER,
    curation: Curation | None = None,
    people: StoredPeople | None = None,
    nodes: SharedNodes | None = None,
) -> Graph:
    """The identity links that the document graphs in `store` imply, with the identity
    decisions of person resolution (honouring `curation`), as an rdflib graph.
    `people` and `nodes` as for `write_resolution_graph`."""
    data = _ntriples(_resolution_triples(store, minter, curation, people, nodes))
    return bind_prefixes(graph_of(())).parse(data=data, format="nt")


def _resolution_triples(
    store: Store,
    minter: IriMinter,
    curation: Curation | None,
    people: StoredPeople | None,
    nodes: SharedNodes | None,
) -> _Triples:
    graph = _Triples()
    nodes = nodes if nodes is not None else shared_nodes_in_store(store, minter)
    names, alternatives, sources = nodes.names, nodes.alternatives, nodes.sources
    for node in sorted(names):
        if len(sources[node]) < 2 and not alternatives[node]:
            continue
        canonical = sorted(names[node])[0]
        person = graph.person(node, canonical)
        for spelling in (names[node] | alternatives[node]) - {canonical}:
            graph.add(person, _ALT_LABEL, ox.Literal(spelling))
        for source in sources[node]:
            graph.add(person, _DERIVED_FROM, ox.NamedNode(source))
    for node in sorted(nodes.organisations):
        if len(nodes.organisations[node]) >= 2:
            for source in nodes.organisations[node]:
                graph.add(ox.NamedNode(node), _DERIVED_FROM, ox.NamedNode(source))

    # Reading every graph's people back cost most of the rebuild (15 of 27 s on a store
    # of 1,000 documents); a run has them already, read or learnt graph by graph.
    groups = (people if people is not None else stored_people(store, minter)).groups
    canonical_names = {group.iri: group.canonical for group in groups}
    for decision in identity_decisions(groups, curation):
        _add_decision(graph, decision, canonical_names)

    for node in sorted(nodes.reported):
        if len(nodes.reported[node]) >= 2:
            for source in nodes.reported[node]:
                graph.add(ox.NamedNode(node), _DERIVED_FROM, ox.NamedNode(source))
    return graph


def _add_curation(graph: _Triples, name: URIRef, checksum_value: str) -> None:
    """Which curation the store was resolved with: a changed folder re-resolves."""
    graph_node = ox.NamedNode(str(name))
    files = ox.NamedNode(f"{name}#curation")
    checksum = ox.NamedNode(f"{name}#curation-checksum")
    graph.add(graph_node, _DERIVED_FROM, files)
    graph.add(files, _TYPE, ox.NamedNode(str(PROV.Collection)))
    graph.add(files, ox.NamedNode(str(SPDX.checksum)), checksum)
    graph.add(checksum, _TYPE, ox.NamedNode(str(SPDX.Checksum)))
    graph.add(
        checksum,
        ox.NamedNode(str(SPDX.algorithm)),
        ox.NamedNode(str(SPDX.checksumAlgorithm_sha256)),
    )
    graph.add(
        checksum,
        ox.NamedNode(str(SPDX.checksumValue)),
        ox.Literal(checksum_value, datatype=ox.NamedNode(str(XSD.hexBinary))),
    )


def _ntriples(graph: _Triples) -> bytes:
    return ox.serialize(graph.triples, format=ox.RdfFormat.N_TRIPLES) or b""


def write_resolution_graph(
    store: Store,
    minter: IriMinter = DEFAULT_MINTER,
    curation: Curation | None = None,
    people: StoredPeople | None = None,
    nodes: SharedNodes | None = None,
) -> int:
    """Rebuild `id:graph/resolution` in the store; returns its number of triples.
    `people` and `nodes`: what `stored_people` and `shared_nodes_in_store` read from
    `store` now, when the caller holds them already (a run has read every graph once:
    asking the store again cost most of the rebuild, ~14 of 25 s on a store of 3,000
    documents)."""
    graph = _resolution_triples(store, minter, curation, people, nodes)
    if curation is not None and curation.checksum:
        _add_curation(graph, minter.resolution_graph(), curation.checksum)
    store.replace_graph(str(minter.resolution_graph()), _ntriples(graph))
    return len(graph.triples)


def stored_curation_checksum(store: Store, minter: IriMinter = DEFAULT_MINTER) -> str:
    """The checksum of the curation folder the store was last resolved with ("" if none)."""
    graph = minter.resolution_graph()
    rows = store.select(
        f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ <{graph}#curation> <{SPDX.checksum}> ?k . "
        f"?k <{SPDX.checksumValue}> ?c }} }}"
    )
    return literal_value(rows[0]["c"]) if rows else ""
