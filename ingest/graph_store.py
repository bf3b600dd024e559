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

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

__all__ = ["TripleStore", "graph_of"]

Triple = tuple[Node, Node, Node]
_Map = dict[Node, dict[Node, None]]  # a key → its values, in insertion order


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
        # The triples grouped by predicate, once a first per-predicate map is asked for.
        self._pairs: dict[Node, dict[tuple[Node, Node], None]] | None = None

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        if quoted:
            raise ValueError("a document graph holds no quoted (formula) triples")
        if triple in self._triples:
            return
        self._triples[triple] = None
        subject, predicate, value = triple
        if self._pairs is not None and predicate not in self._objects:
            self._pairs.setdefault(predicate, {})[subject, value] = None
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
            if self._pairs is not None and predicate in self._pairs:
                del self._pairs[predicate][subject, value]
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
        for triple in self._matching(*triple_pattern):
            yield triple, iter(())

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
            found = self._index_predicate(predicate)[0]
        return found

    def _subjects_of(self, predicate: Node) -> _Map:
        found = self._subjects.get(predicate)
        if found is None:
            found = self._index_predicate(predicate)[1]
        return found

    def _index_predicate(self, predicate: Node) -> tuple[_Map, _Map]:
        """Both maps of `predicate`, from its (subject, object) pairs. The triples are
        grouped by predicate when a first map is asked for; a group is handed over to
        its maps once, and the maps are kept up to date from then on."""
        if self._pairs is None:
            self._pairs = {}
            for s, p, o in self._triples:
                self._pairs.setdefault(p, {})[s, o] = None
        objects: _Map = {}
        subjects: _Map = {}
        for s, o in self._pairs.pop(predicate, {}):
            objects.setdefault(s, {})[o] = None
            subjects.setdefault(o, {})[s] = None
        self._objects[predicate], self._subjects[predicate] = objects, subjects
        return objects, subjects

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


def graph_of(triples: Iterable[Triple]) -> Graph:
    """A graph holding `triples`, on a `TripleStore`."""
    return Graph(store=TripleStore(triples))
