"""The rdflib store behind a document graph: filled in one pass, indexed by plain dicts.

A document graph is built once (`to_rdf`), then read: validated, written to the
store, sometimes quarantined. rdflib's memory stores pay for every `add` as if the
graph were edited triple by triple (nested look-ups that raise KeyError on each new
node, three indexes kept in step), about 10 µs per triple or a fifth of a document's
ingest time. This store takes the triples in one pass and builds the object-first
index only if a lookup needs it. It is a complete rdflib store for a graph without
contexts (add, remove, pattern lookups, prefixes), so the graph it backs behaves as
any other: tests and the quarantine writer use it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

__all__ = ["TripleStore", "graph_of"]

Triple = tuple[Node, Node, Node]
_Index = dict[Node, dict[Node, dict[Node, None]]]


def _insert(index: _Index, first: Node, second: Node, third: Node) -> None:
    inner = index.get(first)
    if inner is None:
        inner = index[first] = {}
    leaves = inner.get(second)
    if leaves is None:
        leaves = inner[second] = {}
    leaves[third] = None


def _delete(index: _Index, first: Node, second: Node, third: Node) -> None:
    inner = index[first]
    leaves = inner[second]
    del leaves[third]
    if not leaves:
        del inner[second]
        if not inner:
            del index[first]


class TripleStore(SimpleMemory):
    """Subject-first and predicate-first indexes, object-first on demand; no contexts.

    Prefix bindings are SimpleMemory's; every method that touches triples is this
    class's own (SimpleMemory's indexes stay empty).
    """

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        super().__init__()
        self._spo: _Index = {}
        self._pos: _Index = {}
        self._osp: _Index | None = None  # built by the first lookup by object alone
        self._size = 0
        for triple in triples:
            self._insert(triple)

    def _insert(self, triple: Triple) -> None:
        subject, predicate, value = triple
        leaves = self._spo.get(subject, {}).get(predicate)
        if leaves is not None and value in leaves:
            return
        _insert(self._spo, subject, predicate, value)
        _insert(self._pos, predicate, value, subject)
        if self._osp is not None:
            _insert(self._osp, value, subject, predicate)
        self._size += 1

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        if quoted:
            raise ValueError("a document graph holds no quoted (formula) triples")
        self._insert(triple)

    def remove(self, triple_pattern: Any, context: Any = None) -> None:
        for (subject, predicate, value), _ in list(self.triples(triple_pattern)):
            _delete(self._spo, subject, predicate, value)
            _delete(self._pos, predicate, value, subject)
            if self._osp is not None:
                _delete(self._osp, value, subject, predicate)
            self._size -= 1

    def __len__(self, context: Any = None) -> int:
        return self._size

    def _by_object(self) -> _Index:
        if self._osp is None:
            self._osp = {}
            for subject, by_predicate in self._spo.items():
                for predicate, values in by_predicate.items():
                    for value in values:
                        _insert(self._osp, value, subject, predicate)
        return self._osp

    def triples(  # rdflib's signature, typed loosely
        self, triple_pattern: Any, context: Any = None
    ) -> Iterator[tuple[Triple, Iterator[Any]]]:
        for triple in self._matching(*triple_pattern):
            yield triple, iter(())

    def _matching(
        self, subject: Node | None, predicate: Node | None, value: Node | None
    ) -> Iterator[Triple]:
        if subject is not None:
            by_predicate = self._spo.get(subject, {})
            predicates = (predicate,) if predicate is not None else tuple(by_predicate)
            for p in predicates:
                values = by_predicate.get(p, {})
                if value is not None:
                    if value in values:
                        yield subject, p, value
                else:
                    yield from ((subject, p, o) for o in tuple(values))
        elif predicate is not None:
            by_value = self._pos.get(predicate, {})
            for o in (value,) if value is not None else tuple(by_value):
                yield from ((s, predicate, o) for s in tuple(by_value.get(o, ())))
        elif value is not None:
            by_subject = self._by_object().get(value, {})
            for s, predicates_of in tuple(by_subject.items()):
                yield from ((s, p, value) for p in tuple(predicates_of))
        else:
            for s, by_predicate in tuple(self._spo.items()):
                for p, values in tuple(by_predicate.items()):
                    yield from ((s, p, o) for o in tuple(values))


def graph_of(triples: Iterable[Triple]) -> Graph:
    """A graph holding `triples`, on a `TripleStore`."""
    return Graph(store=TripleStore(triples))
