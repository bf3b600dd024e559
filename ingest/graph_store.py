"""The rdflib store behind a document graph: filled in one pass, indexed when asked.

A document graph is built once (`to_rdf`), then read: validated, written to the
store, sometimes quarantined. rdflib's memory stores pay for every `add` as if the
graph were edited triple by triple (nested look-ups that raise KeyError on each new
node, three indexes kept in step), about 10 µs per triple or a fifth of a document's
ingest time, for indexes most of which nobody reads. This store keeps the triples in
one insertion-ordered dict and builds an index the first time a lookup needs it:
per predicate (subject → objects, object → subjects), or whole (by subject, by
object). It is a complete rdflib store for a graph without contexts (add, remove,
pattern lookups, prefixes), so the graph it backs behaves as any other: tests and
the quarantine writer use it unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from itertools import repeat
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

__all__ = ["Lookups", "TripleStore", "graph_of", "lookups", "stored_triples"]

Triple = tuple[Node, Node, Node]
_Map = dict[Node, dict[Node, None]]  # a key → its values, in insertion order
_NONE: dict[Node, None] = {}  # no values (never written to)
# A triple's contexts as `triples` hands them to rdflib (which iterates them, if at all):
# a graph without contexts has none, and one empty tuple serves every triple.
_NO_CONTEXTS: tuple[Any, ...] = ()


# Per-predicate maps (predicate → key → values) are kept up to date only once built;
# an emptied map stays (it is built). The whole indexes lose emptied entries.


def _put(index: dict[Node, _Map], outer: Node, key: Node, value: Node) -> None:
    inner = index.get(outer)
    if inner is not None:
        inner.setdefault(key, {})[value] = None


def _drop(index: dict[Node, _Map], outer: Node, key: Node, value: Node) -> None:
    inner = index.get(outer)
    if inner is not None:
        values = inner[key]
        del values[value]
        if not values:
            del inner[key]


def _insert(index: dict[Node, _Map], outer: Node, key: Node, value: Node) -> None:
    index.setdefault(outer, {}).setdefault(key, {})[value] = None


def _remove(index: dict[Node, _Map], outer: Node, key: Node, value: Node) -> None:
    inner = index[outer]
    values = inner[key]
    del values[value]
    if not values:
        del inner[key]
        if not inner:
            del index[outer]


class TripleStore(SimpleMemory):
    """The triples in a dict; indexes made on demand and kept up to date once made.

    Prefix bindings are SimpleMemory's; every method that touches triples is this
    class's own (SimpleMemory's indexes stay empty).
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        super().__init__()
        self._triples: dict[Triple, None] = dict.fromkeys(triples)
        self._objects: dict[Node, _Map] = {}  # predicate → subject → objects
        self._subjects: dict[Node, _Map] = {}  # predicate → object → subjects
        self._by_subject: dict[Node, _Map] | None = None  # subject → predicate → objects
        self._by_object: dict[Node, _Map] | None = None  # object → subject → predicates
        # (subject, object) of the triples grouped by predicate, in insertion order, made
        # when a first per-predicate map is asked for (each map is built from its group
        # when first asked: most predicates are only ever read one way).
        self._groups: defaultdict[Node, list[tuple[Node, Node]]] | None = None

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        if quoted:
            raise ValueError("a document graph holds no quoted (formula) triples")
        if triple in self._triples:
            return
        self._triples[triple] = None
        subject, predicate, value = triple
        if self._groups is not None:
            self._groups[predicate].append((subject, value))
        _put(self._objects, predicate, subject, value)
        _put(self._subjects, predicate, value, subject)
        if self._by_subject is not None:
            _insert(self._by_subject, subject, predicate, value)
        if self._by_object is not None:
            _insert(self._by_object, value, subject, predicate)

    def remove(self, triple_pattern: Any, context: Any = None) -> None:
        for triple in list(self._matching(*triple_pattern)):
            del self._triples[triple]
            subject, predicate, value = triple
            self._groups = None  # grouped again when next asked for (a removal is rare)
            _drop(self._objects, predicate, subject, value)
            _drop(self._subjects, predicate, value, subject)
            if self._by_subject is not None:
                _remove(self._by_subject, subject, predicate, value)
            if self._by_object is not None:
                _remove(self._by_object, value, subject, predicate)

    def __len__(self, context: Any = None) -> int:
        return len(self._triples)

    def triples(  # rdflib's signature, typed loosely
        self, triple_pattern: Any, context: Any = None
    ) -> Iterator[tuple[Triple, Iterator[Any]]]:
        subject, predicate, value = triple_pattern
        if subject is None and predicate is None and value is None:
            # Every triple (validation and the load stage read the whole graph): a copy
            # handed out without a generator of ours resuming per triple.
            matching: Iterable[Triple] = tuple(self._triples)
        else:
            matching = self._matching(subject, predicate, value)
        return zip(matching, repeat(_NO_CONTEXTS))  # type: ignore[arg-type]

    def _matching(
        self, subject: Node | None, predicate: Node | None, value: Node | None
    ) -> Iterator[Triple]:
        # Each branch copies what it walks: a caller may edit the graph while it reads.
        if subject is not None and predicate is not None:
            if value is not None:
                if (subject, predicate, value) in self._triples:
                    yield subject, predicate, value
                return
            values = self._objects_of(predicate).get(subject, {})
            yield from ((subject, predicate, o) for o in tuple(values))
        elif predicate is not None:
            by_value = self._subjects_of(predicate)
            for o in (value,) if value is not None else tuple(by_value):
                yield from ((s, predicate, o) for s in tuple(by_value.get(o, ())))
        elif subject is not None:
            for p, values in tuple(self._subject_index().get(subject, {}).items()):
                for o in (value,) if value is not None else tuple(values):
                    if o in values:
                        yield subject, p, o
        elif value is not None:
            for s, predicates in tuple(self._object_index().get(value, {}).items()):
                yield from ((s, p, value) for p in tuple(predicates))
        else:
            yield from tuple(self._triples)

    def _objects_of(self, predicate: Node) -> _Map:
        found = self._objects.get(predicate)
        if found is None:
            found = self._objects[predicate] = {}
            for s, o in self._group(predicate):
                found.setdefault(s, {})[o] = None
        return found

    def _subjects_of(self, predicate: Node) -> _Map:
        found = self._subjects.get(predicate)
        if found is None:
            found = self._subjects[predicate] = {}
            for s, o in self._group(predicate):
                found.setdefault(o, {})[s] = None
        return found

    def _group(self, predicate: Node) -> list[tuple[Node, Node]]:
        """The (subject, object) pairs of `predicate`; the triples are grouped once, when
        a first per-predicate map is asked for, and each map is kept up to date once made."""
        groups = self._groups
        if groups is None:
            groups = self._groups = defaultdict(list)
            for s, p, o in self._triples:
                groups[p].append((s, o))
        return groups.get(predicate, [])

    def _subject_index(self) -> dict[Node, _Map]:
        if self._by_subject is None:
            self._by_subject = {}
            for s, p, o in self._triples:
                _insert(self._by_subject, s, p, o)
        return self._by_subject

    def _object_index(self) -> dict[Node, _Map]:
        if self._by_object is None:
            self._by_object = {}
            for s, p, o in self._triples:
                _insert(self._by_object, o, s, p)
        return self._by_object

    # -- direct reads (see `Lookups`): the live maps, in insertion order; never edited

    def objects_of(self, subject: Node, predicate: Node) -> Collection[Node]:
        return self._objects_of(predicate).get(subject, _NONE)

    def subjects_of(self, predicate: Node, value: Node) -> Collection[Node]:
        return self._subjects_of(predicate).get(value, _NONE)

    def pairs_of(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        for subject, values in self._objects_of(predicate).items():
            for value in values:
                yield subject, value

    def holds(self, triple: Triple) -> bool:
        return triple in self._triples


class Lookups:
    """The reads that code going over a document graph makes (who has this type, what
    does this node say), answered by its `TripleStore` directly when it has one: each
    rdflib call goes through three generators per answer, and reading what a graph says
    of its people takes thousands of calls. Any other graph is asked through rdflib.

    Answers are unordered collections (a `TripleStore` gives insertion order); do not
    edit the graph while holding one."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        store = graph.store
        self._store = store if isinstance(store, TripleStore) else None

    def objects(self, subject: Node, predicate: Node) -> Iterable[Node]:
        if self._store is not None:
            return self._store.objects_of(subject, predicate)
        return self._graph.objects(subject, predicate)

    def subjects(self, predicate: Node, value: Node) -> Iterable[Node]:
        if self._store is not None:
            return self._store.subjects_of(predicate, value)
        return self._graph.subjects(predicate, value)

    def pairs(self, predicate: Node) -> Iterable[tuple[Node, Node]]:
        """(subject, object) of every triple with `predicate`."""
        if self._store is not None:
            return self._store.pairs_of(predicate)
        return self._graph.subject_objects(predicate)

    def holds(self, triple: Triple) -> bool:
        if self._store is not None:
            return self._store.holds(triple)
        return triple in self._graph


def lookups(graph: Graph) -> Lookups:
    return Lookups(graph)


def stored_triples(graph: Graph) -> tuple[Triple, ...] | None:
    """Every triple of a plain graph on a `TripleStore`, in its order, as iterating the
    graph gives them; None for any other graph. rdflib's iteration resumes a generator
    of its own per triple (~0.6 ms a document), and validation and loading each read
    the whole graph."""
    store = graph.store
    if type(graph) is Graph and isinstance(store, TripleStore):
        return tuple(store._triples)
    return None


def graph_of(triples: Iterable[Triple]) -> Graph:
    """A graph holding `triples`, on a `TripleStore`."""
    return Graph(store=TripleStore(triples))
