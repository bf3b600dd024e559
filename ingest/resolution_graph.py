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
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
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


# The terms the rebuild writes hundreds of thousands of times, made once (a namespace
# attribute makes a new URIRef each time: ~1.7 s of a rebuild at 3,000 documents).
_TYPE, _NAME, _ALT_LABEL = RDF.type, FOAF.name, SKOS.altLabel
_FOAF_PERSON, _PERSON_PERSON = FOAF.Person, PERSON.Person
_DERIVED_FROM, _USED = PROV.wasDerivedFrom, PROV.used
_IDENTITY_DECISION, _IDENTITY_OF = BG.IdentityDecision, BG.identityOf
_COMPARED_NAME, _SCORE, _EVIDENCE_KIND = BG.comparedName, BG.score, BG.evidenceKind
_MERGED, _CURATION_SOURCE = BG.merged, BG.curationSource


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


def _add_decision(graph: Graph, decision: IdentityDecision, names: dict[str, str]) -> None:
    node = decision_iri(decision)
    match = decision.match
    graph.add((node, _TYPE, _IDENTITY_DECISION))
    for person in decision.persons:
        graph.add((node, _IDENTITY_OF, URIRef(person)))
        if (URIRef(person), _TYPE, _FOAF_PERSON) not in graph:
            graph.add((URIRef(person), _TYPE, _FOAF_PERSON))
            graph.add((URIRef(person), _TYPE, _PERSON_PERSON))
            graph.add((URIRef(person), _NAME, Literal(names[person])))
    for name in {match.first, match.second}:
        graph.add((node, _COMPARED_NAME, Literal(name)))
    graph.add((node, _SCORE, Literal(Decimal(f"{match.score:.3f}"), datatype=XSD.decimal)))
    for item in match.evidence:
        graph.add((node, _EVIDENCE_KIND, Literal(str(item))))
    graph.add((node, _MERGED, Literal(decision.merged)))
    for source in decision.sources:
        graph.add((node, _USED, URIRef(source)))
    if match.curation_source:
        graph.add((node, _CURATION_SOURCE, Literal(match.curation_source)))


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
    decisions of person resolution (honouring `curation`). `people` and `nodes`: what
    `stored_people` and `shared_nodes_in_store` read from `store` now, when the caller
    holds them already (a run has read every graph once: asking the store again cost
    most of the rebuild, ~14 of 25 s on a store of 3,000 documents)."""
    graph = bind_prefixes(graph_of(()))  # rdflib's memory store costs ~10 µs a triple
    nodes = nodes if nodes is not None else shared_nodes_in_store(store, minter)
    names, alternatives, sources = nodes.names, nodes.alternatives, nodes.sources
    for node in sorted(names):
        if len(sources[node]) < 2 and not alternatives[node]:
            continue
        person = URIRef(node)
        canonical = sorted(names[node])[0]
        graph.add((person, _TYPE, _FOAF_PERSON))
        graph.add((person, _TYPE, _PERSON_PERSON))
        graph.add((person, _NAME, Literal(canonical)))
        for spelling in (names[node] | alternatives[node]) - {canonical}:
            graph.add((person, _ALT_LABEL, Literal(spelling)))
        for source in sources[node]:
            graph.add((person, _DERIVED_FROM, URIRef(source)))
    for node in sorted(nodes.organisations):
        if len(nodes.organisations[node]) >= 2:
            for source in nodes.organisations[node]:
                graph.add((URIRef(node), _DERIVED_FROM, URIRef(source)))

    # Reading every graph's people back cost most of the rebuild (15 of 27 s on a store
    # of 1,000 documents); a run has them already, read or learnt graph by graph.
    groups = (people if people is not None else stored_people(store, minter)).groups
    canonical_names = {group.iri: group.canonical for group in groups}
    for decision in identity_decisions(groups, curation):
        _add_decision(graph, decision, canonical_names)

    for node in sorted(nodes.reported):
        if len(nodes.reported[node]) >= 2:
            for source in nodes.reported[node]:
                graph.add((URIRef(node), _DERIVED_FROM, URIRef(source)))
    return graph


def write_resolution_graph(
    store: Store,
    minter: IriMinter = DEFAULT_MINTER,
    curation: Curation | None = None,
    people: StoredPeople | None = None,
    nodes: SharedNodes | None = None,
) -> int:
    """Rebuild `id:graph/resolution` in the store; returns its number of triples.
    `people` and `nodes` as for `resolution_graph`."""
    graph = resolution_graph(store, minter, curation, people, nodes)
    if curation is not None and curation.checksum:
        # Which curation the store was resolved with: a changed folder re-resolves.
        name = minter.resolution_graph()
        files, checksum = URIRef(f"{name}#curation"), URIRef(f"{name}#curation-checksum")
        graph.add((name, PROV.wasDerivedFrom, files))
        graph.add((files, RDF.type, PROV.Collection))
        graph.add((files, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add(
            (checksum, SPDX.checksumValue, Literal(curation.checksum, datatype=XSD.hexBinary))
        )
    store.replace_graph(
        str(minter.resolution_graph()), graph.serialize(format="nt", encoding="utf-8")
    )
    return len(graph)


def stored_curation_checksum(store: Store, minter: IriMinter = DEFAULT_MINTER) -> str:
    """The checksum of the curation folder the store was last resolved with ("" if none)."""
    graph = minter.resolution_graph()
    rows = store.select(
        f"SELECT ?c WHERE {{ GRAPH <{graph}> {{ <{graph}#curation> <{SPDX.checksum}> ?k . "
        f"?k <{SPDX.checksumValue}> ?c }} }}"
    )
    return literal_value(rows[0]["c"]) if rows else ""
