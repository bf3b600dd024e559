"""What the store already knows, for a run that reads it before every batch.

Each batch resolves against the organisations, people, meetings and decisions of
the store. Reading them all before every batch made each batch cost more than the
last (quadratic in the run). `StoredKnownReader` reads each graph once and keeps
what it says, joined and indexed, across the batches of a run: a batch reads only
the graphs written since the last, and asks (`StoredView`, see known.py) only for
the people, meetings and decisions it can meet. The organisations are few: they
are all handed on.

A document graph the run writes is `learn`-ed from the graph itself (`written_graph`,
made in the back stage beside the graph): reading it back cost ~10 ms a document on a
store of 1,000 documents, and more the larger the store; taking it from memory costs
~4 ms, whatever the store's size, and gives the same terms (tests/ingest/
test_written_graph.py). A graph changed otherwise must be `forget`-ten, to be read
again. A graph that is gone is dropped. Other graphs (the shipped registers and
vocabulary) are read again when their checksum changes; one without a checksum (the
resolution graph, written after the last batch) is read once.

What a run read of the document graphs is saved for the next one where the store can
keep a file in step with its content (known_cache.py): the first `update` takes every
graph still as it was from there, and a run that adds one document to a large store
reads only that one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.term import Node

from beslutsgraf.ingest.curation import slugs_of
from beslutsgraf.ingest.graph_store import lookups
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.known import Known, KnownDecision, KnownMeeting, literal_value
from beslutsgraf.ingest.known_cache import (
    CACHE_NAME,
    CachedGraph,
    graph_stamps,
    load_cache,
    save_cache,
)
from beslutsgraf.ingest.names import NameCluster
from beslutsgraf.ingest.person_match_cluster import PersonGroup, merge_keys
from beslutsgraf.ingest.person_match_store import (
    StoredPeople,
    StoredPeopleReader,
    _GraphPeople,
    graph_people,
)
from beslutsgraf.ingest.resolution_graph import SharedNodes
from beslutsgraf.ontology import BG, ORG
from beslutsgraf.store.base import Store

__all__ = ["StoredKnownReader", "WrittenGraph", "known_from_store", "written_graph"]

_PREFIXES = """
PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX spdx: <http://spdx.org/rdf/terms#>
"""

# What a graph says that `Known` reads: kind → (predicate, class); a kind with a class
# is a type (no object). The joins (a label of an organisation typed in another graph)
# are made after reading, over every graph read, as the queries over the whole store
# made them.
_READ: dict[str, tuple[URIRef, URIRef | None]] = {
    "organisation": (RDF.type, ORG.Organization),
    "label": (SKOS.prefLabel, None),
    "alternative": (SKOS.altLabel, None),
    "classification": (ORG.classification, None),
    "held_by": (BG.heldBy, None),
    "date": (DCTERMS.date, None),
    "decision": (RDF.type, BG.Decision),
    "decided_at": (BG.decidedAt, None),
    "text": (BG.decisionText, None),
    # For the resolution graph (`shared_nodes`): concepts are no organisations, and
    # which graphs report a meeting or decision.
    "in_scheme": (SKOS.inScheme, None),
    "reported_in": (BG.reportedIn, None),
}
_ORGANISATION_KINDS = frozenset({"organisation", "label", "alternative", "classification"})
_MEETING_KINDS = frozenset({"held_by", "date"})
_DECISION_KINDS = frozenset({"decision", "decided_at", "text"})
# The kinds derived across graphs (the others are read per graph, by `shared_nodes`).
_JOINED_KINDS = _ORGANISATION_KINDS | _MEETING_KINDS | _DECISION_KINDS

_GraphFacts = Mapping[str, frozenset[tuple[str, str]]]  # kind → (subject, object) terms


def _values(variable: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ " + " ".join(f"<{iri}>" for iri in iris) + " } "


def _facts_query(graphs: Sequence[str]) -> str:
    patterns = " UNION ".join(
        f'{{ ?s <{predicate}> {f"<{cls}>" if cls else "?o"} BIND("{kind}" AS ?kind) }}'
        for kind, (predicate, cls) in _READ.items()
    )
    return (
        _PREFIXES
        + f"SELECT ?g ?kind ?s ?o WHERE {{ {_values('g', graphs)}GRAPH ?g {{ {patterns} }} }}"
    )


def _term(term: Node) -> str:
    """`term` as the store's query answers write it (N-Triples, as pyoxigraph has it)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        if term.datatype:
            return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
        return str(ox.Literal(str(term)))
    return f"_:{term}"


def _graph_facts(graph: Graph) -> _GraphFacts:
    """What `_facts_query` finds in one graph, found in `graph` in memory."""
    found: dict[str, frozenset[tuple[str, str]]] = {}
    read = lookups(graph)
    for kind, (predicate, cls) in _READ.items():
        if cls is not None:
            pairs = {(_term(s), "") for s in read.subjects(predicate, cls)}
        else:
            pairs = {(_term(s), _term(o)) for s, o in read.pairs(predicate)}
        if pairs:
            found[kind] = frozenset(pairs)
    return found


@dataclass(frozen=True)
class WrittenGraph:
    """What the reader would read of a document graph, taken from the graph itself
    before it is written (see `StoredKnownReader.learn`)."""

    name: str
    facts: _GraphFacts
    people: _GraphPeople


def written_graph(name: str, graph: Graph) -> WrittenGraph:
    return WrittenGraph(name, _graph_facts(graph), graph_people(name, graph))


def _iri(term: str) -> str:
    return term.strip("<>")


class StoredKnownReader:
    """The store's organisations, people, meetings and decisions, read graph by graph
    and kept for the batches of one run (see the module documentation)."""

    # Graph names per query: a VALUES block of this many IRIs stays a short query.
    CHUNK = 200

    def __init__(
        self, store: Store, minter: IriMinter = DEFAULT_MINTER, *, cache: Path | None = None
    ) -> None:
        self._store = store
        self._minter = minter
        self._people = StoredPeopleReader(store, minter)
        self._documents = minter.source_prefix()
        self._cache = cache  # taken in by the first `update`, which comes before any write
        self._updated = False
        self._unsaved = True  # the cache file lacks something this reader holds
        self._graphs: dict[str, _GraphFacts] = {}
        self._checksums: dict[str, str | None] = {}  # other graphs: checksum when read
        # kind → subject → object → how many graphs state it.
        self._facts: dict[str, dict[str, Counter[str]]] = {kind: {} for kind in _JOINED_KINDS}
        self._dirty: set[tuple[str, str]] = set()  # (kinds, subject) to derive again
        # Derived, per subject: kept up to date with the facts.
        self._organisations: dict[str, NameCluster] = {}
        self._organisation_list: tuple[NameCluster, ...] | None = ()
        self._types: dict[str, str] = {}
        self._meetings_of: dict[str, frozenset[KnownMeeting]] = {}
        self._by_month: dict[tuple[int, int], set[KnownMeeting]] = {}
        self._decisions_of: dict[str, frozenset[KnownDecision]] = {}
        self._by_meeting: dict[URIRef, set[KnownDecision]] = {}
        # The people, indexed by what `people_near` looks up.
        self._keys_of: dict[str, frozenset[tuple[str, ...]]] = {}
        self._nodes_by_key: dict[tuple[str, ...], set[str]] = {}

    # ------------------------------------------------------------------ the cache

    def _adopt(self, cached: Mapping[str, CachedGraph]) -> None:
        """Take each cached document graph whose stamp is the store's for what it says."""
        if not cached:
            return
        stamps = graph_stamps(self._store, self._documents)
        for graph, entry in cached.items():
            if stamps.get(graph) == entry.stamp:
                self._people.learn(graph, entry.people)
                self._add(graph, entry.facts)
        self._unsaved = len(self._graphs) != len(stamps)

    def save(self) -> None:
        """Keep what was read for the next run (see known_cache.py); call it after the
        run's last write. A no-op without a cache file or with nothing new."""
        if self._cache is None or not self._updated:
            return  # nothing was read (every document was unchanged): keep the file
        path = self._store.derived_file(CACHE_NAME)
        if path is None or (not self._unsaved and path.exists()):
            return
        stamps = graph_stamps(self._store, self._documents)
        save_cache(
            path,
            {
                graph: CachedGraph(stamps[graph], facts, people)
                for graph, facts in self._graphs.items()
                if graph in stamps and (people := self._people.graph(graph)) is not None
            },
        )
        self._unsaved = False

    # ------------------------------------------------------------------ reading

    def forget(self, graph: str) -> None:
        """Read `graph` again next time (it was written since it was read)."""
        self._people.forget(graph)
        facts = self._graphs.pop(graph, None)
        self._checksums.pop(graph, None)
        if facts is None:
            return
        self._unsaved = True
        for kind, pairs in facts.items():
            if kind not in _JOINED_KINDS:
                continue
            table = self._facts[kind]
            for subject, value in pairs:
                counts = table[subject]
                counts[value] -= 1
                if counts[value] == 0:
                    del counts[value]
                    if not counts:
                        del table[subject]
                self._dirty.add((kind, subject))

    def learn(self, written: WrittenGraph) -> None:
        """Take `written` for what the store holds in its graph now: the run has just
        written that graph, and reading it back would cost more than the rest of the
        stage (and more, the larger the store)."""
        self.forget(written.name)
        if not written.name.startswith(self._documents):
            return  # read it from the store, as every other graph
        self._people.learn(written.name, written.people)
        self._add(written.name, written.facts)

    def _add(self, graph: str, facts: _GraphFacts) -> None:
        self._graphs[graph] = facts
        self._unsaved = True
        for kind, pairs in facts.items():
            if kind not in _JOINED_KINDS:
                continue
            table = self._facts[kind]
            for subject, value in pairs:
                table.setdefault(subject, Counter())[value] += 1
                self._dirty.add((kind, subject))

    def _read(self, graphs: Sequence[str]) -> None:
        for start in range(0, len(graphs), self.CHUNK):
            chunk = graphs[start : start + self.CHUNK]
            found: dict[str, dict[str, set[tuple[str, str]]]] = {g: {} for g in chunk}
            for row in self._store.select(_facts_query(chunk)):
                kind = literal_value(row["kind"])
                pairs = found[_iri(row["g"])].setdefault(kind, set())
                pairs.add((row["s"], row.get("o", "")))
            for graph, facts in found.items():
                self._add(graph, {kind: frozenset(pairs) for kind, pairs in facts.items()})

    def _checksums_now(self, graphs: Sequence[str]) -> dict[str, str | None]:
        rows = self._store.select(
            _PREFIXES + f"SELECT ?g ?v WHERE {{ {_values('g', graphs)}"
            "GRAPH ?g { ?g spdx:checksum/spdx:checksumValue ?v } }"
        )
        found: dict[str, str | None] = dict.fromkeys(graphs)
        found.update((_iri(row["g"]), row["v"]) for row in rows)
        return found

    def update(self) -> None:
        """Read what was written since the last call."""
        if not self._updated:
            self._updated = True
            self._adopt(load_cache(self._cache))
        for node in self._people.update():
            self._index_person(node)
        present = set(self._store.named_graphs())
        for graph in [g for g in self._graphs if g not in present]:
            self.forget(graph)
        others = sorted(g for g in present if not g.startswith(self._documents))
        if others:
            for graph, checksum in self._checksums_now(others).items():
                if graph in self._checksums and self._checksums[graph] != checksum:
                    self.forget(graph)
                self._checksums[graph] = checksum
        self._read(sorted(present - self._graphs.keys()))
        self._derive()

    # ------------------------------------------------------------------ deriving

    def _derive(self) -> None:
        dirty, self._dirty = self._dirty, set()
        organisations = {s for kind, s in dirty if kind in _ORGANISATION_KINDS}
        before = {s: self._organisations.get(_iri(s)) for s in organisations}
        ambiguous_labels, ambiguous_types = [], []
        for subject in sorted(organisations):
            ambiguous_labels += self._derive_organisation(subject)
            ambiguous_types += self._derive_type(subject)
        if ambiguous_labels or ambiguous_types:
            self._resolve_ambiguous(ambiguous_labels, ambiguous_types)
        if any(self._organisations.get(_iri(s)) != old for s, old in before.items()):
            self._organisation_list = None
        for subject in {s for kind, s in dirty if kind in _MEETING_KINDS}:
            self._derive_meetings(subject)
        for subject in {s for kind, s in dirty if kind in _DECISION_KINDS}:
            self._derive_decisions(subject)

    def _objects(self, kind: str, subject: str) -> Counter[str]:
        return self._facts[kind].get(subject) or Counter()

    def _derive_organisation(self, subject: str) -> list[str]:
        """The cluster of `subject`; [subject] when its name must be asked for."""
        iri = _iri(subject)
        names = {literal_value(term) for term in self._objects("label", subject)}
        if subject not in self._facts["organisation"] or not names:
            self._organisations.pop(iri, None)
            return []
        alternatives = {literal_value(term) for term in self._objects("alternative", subject)}
        spellings = tuple(sorted(names | alternatives))
        # Two names: the first the store lists is canonical (asked for below).
        self._organisations[iri] = NameCluster(min(names), spellings, iri)
        return [iri] if len(names) > 1 else []

    def _derive_type(self, subject: str) -> list[str]:
        iri = _iri(subject)
        kinds = {_iri(term) for term in self._objects("classification", subject)}
        if subject not in self._facts["organisation"] or not kinds:
            self._types.pop(iri, None)
            return []
        self._types[iri] = min(kinds)  # two: the last the store lists (asked for below)
        return [iri] if len(kinds) > 1 else []

    def _resolve_ambiguous(self, labels: Sequence[str], types: Sequence[str]) -> None:
        # The whole-store queries took the first name and the last type in the store's
        # order: asked for these entities only, the store lists them in the same order.
        if labels:
            first: dict[str, str] = {}
            for row in self._store.select(
                _PREFIXES + f"SELECT DISTINCT ?entity ?name WHERE {{ {_values('entity', labels)}"
                "?entity skos:prefLabel ?name }"
            ):
                first.setdefault(_iri(row["entity"]), literal_value(row["name"]))
            for iri, name in first.items():
                cluster = self._organisations[iri]
                self._organisations[iri] = NameCluster(name, cluster.spellings, iri)
        if types:
            for row in self._store.select(
                _PREFIXES + f"SELECT DISTINCT ?entity ?type WHERE {{ {_values('entity', types)}"
                "?entity org:classification ?type }"
            ):
                self._types[_iri(row["entity"])] = _iri(row["type"])

    def _derive_meetings(self, subject: str) -> None:
        for meeting in self._meetings_of.pop(subject, ()):
            self._by_month[(meeting.date.year, meeting.date.month)].discard(meeting)
        dates = []
        for term in self._objects("date", subject):
            try:
                dates.append(dt.date.fromisoformat(literal_value(term)))
            except ValueError:
                continue
        meetings = frozenset(
            KnownMeeting(URIRef(_iri(subject)), URIRef(_iri(body)), date)
            for body in self._objects("held_by", subject)
            for date in dates
        )
        if meetings:
            self._meetings_of[subject] = meetings
            for meeting in meetings:
                self._by_month.setdefault((meeting.date.year, meeting.date.month), set()).add(
                    meeting
                )

    def _derive_decisions(self, subject: str) -> None:
        for decision in self._decisions_of.pop(subject, ()):
            self._by_meeting[decision.meeting].discard(decision)
        if subject not in self._facts["decision"]:
            return
        decisions = frozenset(
            KnownDecision(URIRef(_iri(subject)), URIRef(_iri(meeting)), literal_value(text))
            for meeting in self._objects("decided_at", subject)
            for text in self._objects("text", subject)
        )
        if decisions:
            self._decisions_of[subject] = decisions
            for decision in decisions:
                self._by_meeting.setdefault(decision.meeting, set()).add(decision)

    def _index_person(self, node: str) -> None:
        for key in self._keys_of.pop(node, ()):
            self._nodes_by_key[key].discard(node)
        group = self._people.group(node)
        if group is None:
            return
        keys: set[tuple[str, ...]] = set()
        for spelling in group.spellings:
            keys.add(("spelling", spelling))
            keys.update(("merge", *key) for key in merge_keys(spelling))
        keys.update(("slug", value) for value in slugs_of(group.spellings, (node,), self._minter))
        self._keys_of[node] = frozenset(keys)
        for key in keys:
            self._nodes_by_key.setdefault(key, set()).add(node)

    # ------------------------------------------------------------------ the resolution graph

    def shared_nodes(self) -> SharedNodes:
        """`shared_nodes_in_store(store)`, from the graphs read and learnt (and any
        written since): the same sets, without asking the store again."""
        self.update()
        nodes = SharedNodes()
        for graph, facts in self._graphs.items():
            if not graph.startswith(self._documents):
                continue
            people = self._people.graph(graph)
            alternatives: dict[str, set[str]] = {}
            for subject, value in facts.get("alternative", ()):
                alternatives.setdefault(_iri(subject), set()).add(literal_value(value))
            for node, name in people.names.items() if people is not None else ():
                nodes.names[node].add(name)
                if node in alternatives:
                    nodes.alternatives[node].update(alternatives[node])
                nodes.sources[node].add(graph)
            in_scheme = {subject for subject, _ in facts.get("in_scheme", ())}
            for subject, _ in facts.get("label", ()):
                if subject not in in_scheme:
                    nodes.organisations[_iri(subject)].add(graph)
            this = f"<{graph}>"
            for subject, value in facts.get("reported_in", ()):
                if value == this:
                    nodes.reported[_iri(subject)].add(graph)
        return nodes

    # ------------------------------------------------------------------ what a batch asks

    def organisations(self) -> tuple[NameCluster, ...]:
        """Every organisation (typed org:Organization and named), by IRI."""
        if self._organisation_list is None:
            clusters = self._organisations
            self._organisation_list = tuple(clusters[iri] for iri in sorted(clusters))
        return self._organisation_list

    def organisation_types(self) -> dict[str, str]:
        return dict(self._types)

    def people_near(self, spellings: Iterable[str], slugs: Iterable[str]) -> set[str]:
        keys: list[tuple[str, ...]] = [("slug", value) for value in slugs]
        for spelling in spellings:
            keys.append(("spelling", spelling))
            keys.extend(("merge", *key) for key in merge_keys(spelling))
        return {node for key in keys for node in self._nodes_by_key.get(key, ())}

    def person(self, node: str) -> PersonGroup | None:
        return self._people.group(node)

    def graphs_named(self, file_names: Iterable[str]) -> set[str]:
        return self._people.graphs_named(file_names)

    def stored_people(self) -> StoredPeople:
        """`stored_people(store)`, from the graphs read and learnt (and any written since)."""
        self.update()  # the first takes in the cache, not only the people
        return self._people.read()

    def meetings_in(self, months: Iterable[tuple[URIRef | None, int, int]]) -> list[KnownMeeting]:
        found: set[KnownMeeting] = set()
        for body, year, month in months:
            found.update(
                m for m in self._by_month.get((year, month), ()) if body is None or m.body == body
            )
        return sorted(found, key=lambda m: (str(m.iri), str(m.body), m.date))

    def decisions_at(self, meetings: Iterable[URIRef]) -> list[KnownDecision]:
        found = {d for meeting in meetings for d in self._by_meeting.get(meeting, ())}
        return sorted(found, key=lambda d: (str(d.iri), str(d.meeting), d.text))


def known_from_store(reader: StoredKnownReader) -> Known:
    """What the store holds, read by `reader` (graphs written since its last read):
    every organisation, and the people, meetings and decisions behind `Known.stored`."""
    reader.update()
    return Known(
        organisations=reader.organisations(),
        organisation_types=reader.organisation_types(),
        stored=reader,
    )
