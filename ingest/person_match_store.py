"""Person records as the store holds them: one per document graph, person node and
spelling, with the context that graph gives the person (parties, organisations and
roles of its memberships, the meeting's date, the member list).

The spellings are the evidence quotes (`oa:exact` of the identifying annotations),
so a record says what the document wrote, not only the canonical name it was given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from rdflib import DCTERMS, FOAF, RDF, Graph, URIRef

from beslutsgraf.ingest.graph_store import lookups
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.names import is_full_name
from beslutsgraf.ingest.person_match import PersonContext
from beslutsgraf.ingest.person_match_cluster import PersonGroup, PersonRecord
from beslutsgraf.ontology import BG, OA, ORG
from beslutsgraf.store.base import Store

__all__ = ["StoredPeople", "StoredPeopleReader", "graph_people", "stored_people"]

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
_PARTY_ROLE = "https://w3id.org/beslutsgraf/def#partimedlem"
_Value = TypeVar("_Value")


@dataclass(frozen=True)
class StoredPeople:
    groups: tuple[PersonGroup, ...]  # one per person node, sorted by IRI
    file_names: Mapping[str, str]  # document graph → bg:fileName


def _value(term: str) -> str:
    from beslutsgraf.ingest.known import literal_value

    return literal_value(term) if term.startswith('"') else term.strip("<>")


@dataclass(frozen=True)
class _GraphPeople:
    """What one document graph says about its people (nothing in it depends on other graphs)."""

    file_name: str | None
    names: Mapping[str, str]  # person node → foaf:name
    records: Mapping[str, tuple[PersonRecord, ...]]  # person node → its records, by node


def _values(graphs: Sequence[str] | None) -> str:
    if graphs is None:
        return ""
    return "VALUES ?g { " + " ".join(f"<{graph}>" for graph in graphs) + " } "


@dataclass
class _Found:
    """What the queries of `_read` find, keyed by (graph, person node); gathered from
    the store or, for a graph the run has just written, from that graph in memory."""

    names: defaultdict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    spellings: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    parties: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    organisations: defaultdict[tuple[str, str], set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )
    roles: defaultdict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    listed: set[tuple[str, str]] = field(default_factory=set)
    dates: defaultdict[str, set[dt.date]] = field(default_factory=lambda: defaultdict(set))
    file_names: dict[str, str] = field(default_factory=dict)

    def name(self, graph: str, node: str, name: str) -> None:
        self.names[graph].setdefault(node, name)
        self.spellings.setdefault((graph, node), set())  # every named person has a set

    def spelling(self, graph: str, node: str, exact: str) -> None:
        key = (graph, node)
        exact = " ".join(exact.split())
        # A first name or a pronoun resolved in its meeting is no spelling of the name.
        if key in self.spellings and is_full_name(exact):
            self.spellings[key].add(exact)

    def membership(self, graph: str, node: str, organisation: str, role: str) -> None:
        key = (graph, node)
        if role == _PARTY_ROLE:
            self.parties[key].add(organisation)
        else:
            self.organisations[key].add(organisation)
            self.roles[key].add(role)

    def represents(self, graph: str, node: str, role: str, represented: str) -> None:
        if role != _PARTY_ROLE:
            self.organisations[(graph, node)].add(represented)

    def held_on(self, graph: str, date: str) -> None:
        with suppress(ValueError):  # a date that is not a day dates no meeting
            self.dates[graph].add(dt.date.fromisoformat(date))

    def people(self, graphs: Sequence[str] | None) -> dict[str, _GraphPeople]:
        """The people of `graphs` (every graph found when None), per graph."""
        records: defaultdict[str, dict[str, list[PersonRecord]]] = defaultdict(dict)
        ordinals: defaultdict[tuple[str, str], int] = defaultdict(int)
        # Equal sets and contexts as one object each: a graph's ~40 people share its
        # source, date and member list, and most share a party or an organisation. A run
        # keeps every stored graph's records: ~24 KB of RSS a document less on the
        # synthetic minutes (72 -> 34 MB of these objects for 1,000 documents).
        sets = _Shared[frozenset[Any]]()
        contexts = _Shared[PersonContext]()
        for graph, node in sorted(self.spellings):
            key = (graph, node)
            context = contexts.one(
                PersonContext(
                    parties=sets.one(frozenset(self.parties[key])),
                    organisations=sets.one(frozenset(self.organisations[key])),
                    roles=sets.one(frozenset(self.roles[key])),
                    sources=sets.one(frozenset({graph})),
                    listed_in=sets.one(frozenset({graph}) if key in self.listed else frozenset()),
                    dates=sets.one(frozenset(self.dates[graph])),
                )
            )
            for spelling in sorted(self.spellings[key] or {self.names[graph][node]}):
                ordinal = ordinals[(graph, spelling)]
                ordinals[(graph, spelling)] += 1
                record = PersonRecord(
                    (graph, spelling, ordinal), context, listed=key in self.listed, stored_iri=node
                )
                records[graph].setdefault(node, []).append(record)
        read = graphs if graphs is not None else sorted({*self.file_names, *self.names})
        return {
            graph: _GraphPeople(
                self.file_names.get(graph),
                self.names[graph],
                {node: tuple(kept) for node, kept in records[graph].items()},
            )
            for graph in read
        }


class _Shared(Generic[_Value]):
    """One object for equal values."""

    def __init__(self) -> None:
        self._seen: dict[_Value, _Value] = {}

    def one(self, value: _Value) -> _Value:
        return self._seen.setdefault(value, value)


def _read(store: Store, prefix: str, graphs: Sequence[str] | None) -> dict[str, _GraphPeople]:
    """The people of `graphs` (all document graphs when None), per graph."""
    only = _values(graphs)
    found = _Found()
    for row in store.select(
        _PREFIXES
        + f"SELECT ?g ?p ?name WHERE {{ {only}GRAPH ?g {{ ?p a foaf:Person ; foaf:name ?name }} }}"
    ):
        graph = _value(row["g"])
        if graph.startswith(prefix):
            found.name(graph, _value(row["p"]), _value(row["name"]))
    for row in store.select(
        _PREFIXES + f"SELECT ?g ?p ?exact WHERE {{ {only}GRAPH ?g {{ ?p a foaf:Person . "
        "?a oa:hasBody ?p ; oa:motivatedBy oa:identifying ; oa:hasTarget ?t . "
        "?t oa:hasSelector ?s . ?s oa:exact ?exact } }"
    ):
        found.spelling(_value(row["g"]), _value(row["p"]), _value(row["exact"]))
    membership = "?m org:member ?p ; org:organization ?o ; org:role ?r"
    for row in store.select(
        _PREFIXES + f"SELECT ?g ?p ?o ?r WHERE {{ {only}GRAPH ?g {{ {membership} }} }}"
    ):
        found.membership(_value(row["g"]), _value(row["p"]), _value(row["o"]), _value(row["r"]))
    # Apart from the memberships, not as an OPTIONAL of theirs: that one grew with the
    # store, not with the graphs VALUES names (20 graphs of 300: 0.38 s, now 0.05 s).
    for row in store.select(
        _PREFIXES + f"SELECT ?g ?p ?r ?rep WHERE {{ {only}GRAPH ?g {{ {membership} ; "
        "bg:represents ?rep } }"
    ):
        found.represents(_value(row["g"]), _value(row["p"]), _value(row["r"]), _value(row["rep"]))
    found.listed.update(
        (_value(row["g"]), _value(row["p"]))
        for row in store.select(
            _PREFIXES + f"SELECT ?g ?p WHERE {{ {only}GRAPH ?g {{ ?m bg:called ?p }} }}"
        )
    )
    for row in store.select(
        _PREFIXES + f"SELECT ?g ?d WHERE {{ {only}GRAPH ?g {{ ?m a bg:Meeting ; bg:reportedIn ?g ; "
        "bg:meetingStatus bg:held ; dct:date ?d } }"
    ):
        found.held_on(_value(row["g"]), _value(row["d"]))
    found.file_names.update(
        (_value(row["g"]), _value(row["f"]))
        for row in store.select(
            _PREFIXES + f"SELECT ?g ?f WHERE {{ {only}GRAPH ?g {{ ?g bg:fileName ?f }} }}"
        )
    )
    return found.people(graphs)


# The terms `graph_people` asks for, built once: a namespace attribute is a new URIRef.
_PERSON, _NAME, _TYPE, _DATE = FOAF.Person, FOAF.name, RDF.type, DCTERMS.date
_HAS_BODY, _MOTIVATED_BY, _IDENTIFYING = OA.hasBody, OA.motivatedBy, OA.identifying
_HAS_TARGET, _HAS_SELECTOR, _EXACT = OA.hasTarget, OA.hasSelector, OA.exact
_MEMBER, _ORGANIZATION, _ROLE = ORG.member, ORG.organization, ORG.role
_REPRESENTS, _CALLED, _REPORTED_IN = BG.represents, BG.called, BG.reportedIn
_MEETING, _MEETING_STATUS, _HELD, _FILE_NAME = BG.Meeting, BG.meetingStatus, BG.held, BG.fileName


def graph_people(name: str, graph: Graph) -> _GraphPeople:
    """What `_read` reads of the graph `name` from the store, read from `graph`, the
    same triples in memory (the run has just written them: no need to ask for them)."""
    found, this, read = _Found(), URIRef(name), lookups(graph)
    people = [p for p in read.subjects(_TYPE, _PERSON) if isinstance(p, URIRef)]
    for person in people:
        for value in read.objects(person, _NAME):
            found.name(name, str(person), str(value))
    for person in people:
        for annotation in read.subjects(_HAS_BODY, person):
            if not read.holds((annotation, _MOTIVATED_BY, _IDENTIFYING)):
                continue
            for target in read.objects(annotation, _HAS_TARGET):
                for selector in read.objects(target, _HAS_SELECTOR):
                    for exact in read.objects(selector, _EXACT):
                        found.spelling(name, str(person), str(exact))
    for membership, member in read.pairs(_MEMBER):
        organisations = list(read.objects(membership, _ORGANIZATION))
        for role in read.objects(membership, _ROLE):
            for organisation in organisations:
                found.membership(name, str(member), str(organisation), str(role))
            if organisations:
                for represented in read.objects(membership, _REPRESENTS):
                    found.represents(name, str(member), str(role), str(represented))
    found.listed.update((name, str(person)) for _, person in read.pairs(_CALLED))
    for meeting in read.subjects(_REPORTED_IN, this):
        held = read.holds((meeting, _MEETING_STATUS, _HELD))
        if held and read.holds((meeting, _TYPE, _MEETING)):
            for date in read.objects(meeting, _DATE):
                found.held_on(name, str(date))
    for file_name in read.objects(this, _FILE_NAME):
        found.file_names[name] = str(file_name)
    return found.people([name])[name]


def _assembled(per_graph: Mapping[str, _GraphPeople]) -> StoredPeople:
    names: dict[str, str] = {}
    records: defaultdict[str, list[PersonRecord]] = defaultdict(list)
    for graph in sorted(per_graph):
        people = per_graph[graph]
        for node, name in people.names.items():
            names.setdefault(node, name)
        for node, kept in people.records.items():
            records[node].extend(kept)
    groups = tuple(PersonGroup(node, names[node], tuple(records[node])) for node in sorted(records))
    file_names = {g: p.file_name for g, p in per_graph.items() if p.file_name is not None}
    return StoredPeople(groups, file_names)


def stored_people(store: Store, minter: IriMinter = DEFAULT_MINTER) -> StoredPeople:
    """Every person node of the document graphs, as records per graph and spelling."""
    return _assembled(_read(store, minter.source_prefix(), None))


class StoredPeopleReader:
    """`stored_people` for a run that reads the store before every batch: each
    document graph is read once and kept, so a batch reads only the graphs written
    since the last (reading them all again made the cost per document grow with the
    store). Graphs that are gone are dropped; a graph rewritten under the same name
    must be `forget`-ten, to be read again.

    The people are kept assembled too: `update` reads what is new and names the person
    nodes it changed, whose groups (`group`) alone are built again."""

    # Graph names per query: a VALUES block of this many IRIs stays a short query.
    CHUNK = 200

    def __init__(self, store: Store, minter: IriMinter = DEFAULT_MINTER) -> None:
        self._store = store
        self._prefix = minter.source_prefix()
        self._graphs: dict[str, _GraphPeople] = {}
        self._graphs_of: dict[str, set[str]] = {}  # person node → the graphs naming it
        self._groups: dict[str, PersonGroup] = {}  # built on demand, dropped when changed
        self._changed: set[str] = set()  # person nodes changed since the last `update`
        self._named: dict[str, set[str]] = {}  # bg:fileName → the graphs of that file

    def forget(self, graph: str) -> None:
        """Read `graph` again next time (it was written since it was read)."""
        people = self._graphs.pop(graph, None)
        if people is None:
            return
        if people.file_name is not None:
            self._named[people.file_name].discard(graph)
        for node in people.records:
            graphs = self._graphs_of[node]
            graphs.discard(graph)
            if not graphs:
                del self._graphs_of[node]
            self._groups.pop(node, None)
            self._changed.add(node)

    def learn(self, graph: str, people: _GraphPeople) -> None:
        """Take `people` (see `graph_people`) for what the store holds in `graph` now:
        the run has just written it, and need not read it back."""
        self.forget(graph)
        self._add(graph, people)

    def _add(self, graph: str, people: _GraphPeople) -> None:
        self._graphs[graph] = people
        if people.file_name is not None:
            self._named.setdefault(people.file_name, set()).add(graph)
        for node in people.records:
            self._graphs_of.setdefault(node, set()).add(graph)
            self._groups.pop(node, None)
            self._changed.add(node)

    def update(self) -> frozenset[str]:
        """Read the graphs written since the last call (drop those gone); the person
        nodes whose group changed since then."""
        present = {g for g in self._store.named_graphs() if g.startswith(self._prefix)}
        for graph in [g for g in self._graphs if g not in present]:
            self.forget(graph)
        missing = sorted(present - self._graphs.keys())
        for start in range(0, len(missing), self.CHUNK):
            chunk = missing[start : start + self.CHUNK]
            for graph, people in _read(self._store, self._prefix, chunk).items():
                self._add(graph, people)
        changed, self._changed = frozenset(self._changed), set()
        return changed

    def group(self, node: str) -> PersonGroup | None:
        """The person `node` as the graphs read so far give it (None: no graph names it)."""
        group = self._groups.get(node)
        if group is None and node in self._graphs_of:
            # As `_assembled` builds it: the name of the first graph, records graph by graph.
            graphs = [self._graphs[graph] for graph in sorted(self._graphs_of[node])]
            records = tuple(record for people in graphs for record in people.records[node])
            group = self._groups[node] = PersonGroup(node, graphs[0].names[node], records)
        return group

    def graph(self, graph: str) -> _GraphPeople | None:
        """What was read (or learnt) of the people of `graph`."""
        return self._graphs.get(graph)

    def graphs_named(self, file_names: Iterable[str]) -> set[str]:
        """The graphs read so far of files with these names."""
        return {graph for name in file_names for graph in self._named.get(name, ())}

    def file_names(self) -> dict[str, str]:
        """Document graph → bg:fileName, for the graphs read so far."""
        return {g: p.file_name for g, p in self._graphs.items() if p.file_name is not None}

    def read(self) -> StoredPeople:
        self.update()
        groups = (self.group(node) for node in sorted(self._graphs_of))
        return StoredPeople(tuple(g for g in groups if g is not None), self.file_names())
