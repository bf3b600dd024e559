"""The data graph as plain dictionaries, for the checks that run without a store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Node

__all__ = ["TripleIndex"]


class TripleIndex:
    """The data graph as plain dictionaries: the lookups the checks make, without a store.

    One pass groups the triples by predicate; a predicate's subject and object maps are
    built when first asked for (keys of single terms, not pairs: a pair is hashed anew
    on every lookup, and rdflib hashes a literal in Python).
    """

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.triples = set(triples)
        by_predicate: defaultdict[Node, list[tuple[Node, Node]]] = defaultdict(list)
        for subject, predicate, value in self.triples:
            by_predicate[predicate].append((subject, value))
        self._pairs = dict(by_predicate)
        self._objects: dict[Node, dict[Node, list[Node]]] = {}
        self._subjects: dict[Node, dict[Node, list[Node]]] = {}
        self._all_objects: dict[Node, set[Node]] = {}
        self._all_subjects: dict[Node, set[Node]] = {}

    def _objects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        found = self._objects.get(predicate)
        if found is None:
            grouped: defaultdict[Node, list[Node]] = defaultdict(list)
            for subject, value in self._pairs.get(predicate, ()):
                grouped[subject].append(value)
            found = self._objects[predicate] = dict(grouped)
        return found

    def _subjects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        found = self._subjects.get(predicate)
        if found is None:
            grouped: defaultdict[Node, list[Node]] = defaultdict(list)
            for subject, value in self._pairs.get(predicate, ()):
                grouped[value].append(subject)
            found = self._subjects[predicate] = dict(grouped)
        return found

    def objects(self, subject: Node | None, predicate: Node) -> Iterable[Node]:
        if subject is None:
            found = self._all_objects.get(predicate)
            if found is None:
                found = self._all_objects[predicate] = set(self._subjects_of(predicate))
            return found
        return self._objects_of(predicate).get(subject, ())

    def subjects(self, predicate: Node, value: Node | None) -> Iterable[Node]:
        if value is None:
            found = self._all_subjects.get(predicate)
            if found is None:
                found = self._all_subjects[predicate] = set(self._objects_of(predicate))
            return found
        return self._subjects_of(predicate).get(value, ())

    def transitive_subjects(self, predicate: Node, value: Node) -> Iterator[Node]:
        """`value`, then every subject reaching it through `predicate` (as rdflib's)."""
        seen = {value}
        todo = [value]
        while todo:
            node = todo.pop()
            yield node
            for subject in self.subjects(predicate, node):
                if subject not in seen:
                    seen.add(subject)
                    todo.append(subject)
