"""The data graph as plain dictionaries, for the checks that run without a store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Node

__all__ = ["TripleIndex"]


class TripleIndex:
    """The data graph as plain dictionaries: the lookups the checks make, without a store."""

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.triples = set(triples)
        objects: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        subjects: defaultdict[tuple[Node, Node], list[Node]] = defaultdict(list)
        all_objects: defaultdict[Node, set[Node]] = defaultdict(set)
        all_subjects: defaultdict[Node, set[Node]] = defaultdict(set)
        for subject, predicate, value in self.triples:
            objects[subject, predicate].append(value)
            subjects[predicate, value].append(subject)
            all_objects[predicate].add(value)
            all_subjects[predicate].add(subject)
        self._objects, self._subjects = dict(objects), dict(subjects)
        self._all_objects, self._all_subjects = dict(all_objects), dict(all_subjects)

    def objects(self, subject: Node | None, predicate: Node) -> Iterable[Node]:
        if subject is None:
            return self._all_objects.get(predicate, ())
        return self._objects.get((subject, predicate), ())

    def subjects(self, predicate: Node, value: Node | None) -> Iterable[Node]:
        if value is None:
            return self._all_subjects.get(predicate, ())
        return self._subjects.get((predicate, value), ())

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
