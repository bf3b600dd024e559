"""The data graph as plain dictionaries, for the checks that run without a store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from rdflib import BNode, Node, URIRef

__all__ = ["TripleIndex", "canonical"]

_T = TypeVar("_T", bound=Node)
_R = TypeVar("_R")

# One object per IRI the checks look up: the shapes', the vocabulary's, the code's own.
# A dict finds a key by identity before it compares, and rdflib compares terms in
# Python: a data term equal to a shapes' term but another object costs a call on
# every lookup. The index therefore keys its maps by these objects (one lookup per
# term as it is read), and the checks look up with them.
_CANONICAL: dict[Node, Node] = {}


def canonical(term: _T) -> _T:
    """The one object the index and the checks use for `term` (added if new)."""
    return _CANONICAL.setdefault(term, term)  # type: ignore[return-value]


_SHARED = frozenset({URIRef, BNode})
_NONE: dict[Node, list[Node]] = {}  # no triple with the predicate (never written to)


class TripleIndex:
    """The data graph as plain dictionaries: the lookups the checks make, without a store.

    One pass groups the triples by predicate, then subject; a predicate's map from
    object to subjects is built when first asked for (keys of single terms, not pairs:
    a pair is hashed anew on every lookup, and rdflib hashes a literal in Python).
    Equal IRIs and blank nodes are stored as one object, the `canonical` one where there
    is one: equal terms, so no answer changes, but a lookup finds its key without
    calling rdflib's `==`.
    """

    def __init__(self, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        self.triples = set(triples)
        # Each IRI and blank node as one object: the checks' own where they name it, else
        # one of the graph's (a graph may hold equal terms as many objects). Literals stay
        # as they are: rdflib hashes a literal in Python.
        same: dict[Node, Node] = {}
        # predicate → subject → values, in one pass (the checks ask most predicates).
        objects: dict[Node, dict[Node, list[Node]]] = {}
        for subject, predicate, value in self.triples:
            if type(subject) in _SHARED:
                found = same.get(subject)
                if found is None:
                    found = same[subject] = _CANONICAL.get(subject, subject)
                subject = found
            if type(value) in _SHARED:
                found = same.get(value)
                if found is None:
                    found = same[value] = _CANONICAL.get(value, value)
                value = found
            by_subject = objects.get(predicate)
            if by_subject is None:
                by_subject = objects[predicate] = {}
            values = by_subject.get(subject)
            if values is None:
                by_subject[subject] = [value]
            else:
                values.append(value)
        # Few distinct predicates: their objects are made canonical once each.
        self._objects = {_CANONICAL.get(p, p): by_subject for p, by_subject in objects.items()}
        self._subjects: dict[Node, dict[Node, list[Node]]] = {}
        self._all_objects: dict[Node, set[Node]] = {}
        self._all_subjects: dict[Node, set[Node]] = {}
        self._answers: dict[Callable[[TripleIndex], Any], Any] = {}

    def once(self, question: Callable[[TripleIndex], _R]) -> _R:
        """`question(self)`, asked once per index (the screen asks some twice: a SPARQL
        target's rule for the target, then for its node shape's focus nodes)."""
        if question not in self._answers:
            self._answers[question] = question(self)
        answer: _R = self._answers[question]
        return answer

    def _objects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        return self._objects.get(predicate, _NONE)

    def _subjects_of(self, predicate: Node) -> dict[Node, list[Node]]:
        found = self._subjects.get(predicate)
        if found is None:
            grouped: defaultdict[Node, list[Node]] = defaultdict(list)
            for subject, values in self._objects_of(predicate).items():
                for value in values:
                    grouped[value].append(subject)
            found = self._subjects[predicate] = dict(grouped)
        return found

    def objects(self, subject: Node | None, predicate: Node) -> Collection[Node]:
        if subject is None:
            found = self._all_objects.get(predicate)
            if found is None:
                found = self._all_objects[predicate] = set(self._subjects_of(predicate))
            return found
        return self._objects.get(predicate, _NONE).get(subject, ())

    def objects_by_subject(self, predicate: Node) -> Mapping[Node, Collection[Node]]:
        """Each subject's values of `predicate` (`objects(subject, predicate)` for all)."""
        return self._objects_of(predicate)

    def subjects(self, predicate: Node, value: Node | None) -> Collection[Node]:
        if value is None:
            found = self._all_subjects.get(predicate)
            if found is None:
                found = self._all_subjects[predicate] = set(self._objects_of(predicate))
            return found
        by_value = self._subjects.get(predicate)
        if by_value is None:
            by_value = self._subjects_of(predicate)
        return by_value.get(value, ())

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
