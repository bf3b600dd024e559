"""Skip nested shape checks that provably cannot report anything on a given graph.

pyshacl spends most of a validation in nested shapes: every value of a property
with `sh:node` (a reference, a concept of a scheme, the evidence target) or
`sh:or` (a choice of datatypes) is validated against a whole shape of its own,
and every failing branch of an `sh:or` builds a full result that is then thrown
away. On a graph where no value can fail such a constraint, the constraint
cannot add a result, so pyshacl may run without it.

`Screen` finds those constraints in the shapes graph once per process and
checks, per data graph and in plain Python, whether *every* value of the
property anywhere in the graph conforms to the nested shape (`droppable`);
`validate_graph` then runs pyshacl on a copy of the shapes without them
(`pruned_shapes`, cached: on a graph that conforms it is always the same copy).
The check implements pyshacl's semantics for the few constraint kinds the nested
shapes use and answers "cannot tell" for anything else, so it can only keep a
constraint pyshacl would not need, never drop one it does: a constraint is
dropped only when all its possible value nodes (the objects of its path for
*any* subject, a superset of those of the shape's focus nodes) are proven to
conform. A graph with a finding keeps the checks that produce it, so results,
messages and the report graph are those of the full shapes.

Whole node shapes are screened the same way over their focus nodes (class targets,
and the SPARQL targets `_answers` evaluates): each property shape, and the
node-level constraints as one group. When every check left is a plain count of
values with its own message, `findings` makes pyshacl's results for it, so a graph
whose only findings are such warnings needs no pyshacl run at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import abc
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any, cast

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import _NUMERIC_LITERAL_TYPES

from beslutsgraf.shapes._answers import EXPECTED_PREFIXES, constraint_check, target_nodes
from beslutsgraf.shapes._index import TripleIndex, canonical

__all__ = ["Screen", "TripleIndex", "pruned_shapes"]

_OTHER_TARGETS = frozenset(
    {SH.target, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.deactivated}
)
# Predicates a nested shape may carry without affecting whether a node conforms.
_DESCRIPTIVE = frozenset({RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description})
_SUPPORTED = frozenset(
    {
        SH.nodeKind,
        SH["class"],
        SH.datatype,
        SH["or"],
        SH.node,
        SH.property,
        SH.path,
        SH.hasValue,
        SH.minCount,
        SH.maxCount,
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH.qualifiedMaxCount,
        SH["in"],
        SH.minInclusive,
        SH.maxInclusive,
        SH.minLength,
        SH.lessThan,
        SH.pattern,
        SH.flags,
        SH.languageIn,
        SH.disjoint,
        SH.sparql,
    }
)
# A property shape checked as a whole for the focus nodes of its node shape may
# also carry a severity: with no result to report, the severity does not matter.
_TOP_LEVEL = frozenset({SH.severity})
# pyshacl's sh:datatype test: the literal has the datatype, is not ill-typed, and
# for some datatypes its Python value has the matching type (None: no such test).
_PYTHON_TYPES: dict[Node, type | tuple[type, ...] | None] = {
    XSD.string: (str, bytes),
    XSD.integer: int,
    XSD.decimal: Decimal,
    XSD.date: dt.date,
    XSD.dateTime: dt.datetime,
    XSD.boolean: bool,
    XSD.nonNegativeInteger: None,
    XSD.gYearMonth: None,
}

Verdict = bool | None  # True: conforms; False: does not or may not; None: cannot tell


# A literal's datatype is an IRI object of its own, and rdflib compares IRIs in Python:
# an IRI equals another when both are URIRefs (not a subclass) with the same text. The
# checks test a literal's datatype so, against the text of the datatypes they accept
# (all of them URIRefs), which Python compares itself.
def _iri_texts(iris: Iterable[URIRef]) -> frozenset[str]:
    assert all(type(iri) is URIRef for iri in iris)
    return frozenset(map(str, iris))


# The terms the checks look up, as the index keys them (see `canonical`): rdflib's
# namespaces make a new object on each attribute access.
_TYPE = canonical(RDF.type)
_SUBCLASS_OF = canonical(RDFS.subClassOf)


@dataclass(slots=True)  # slots: the checks read these attributes thousands of times a graph
class _Shape:
    """A nested shape reduced to the constraints this check implements."""

    supported: bool = True
    path: URIRef | None = None  # a property shape's path
    inverse: bool = False  # the path is [ sh:inversePath path ]
    node_kinds: list[Node] = field(default_factory=list)
    classes: list[Node] = field(default_factory=list)
    datatypes: list[Node] = field(default_factory=list)
    ors: list[list[_Shape]] = field(default_factory=list)
    nodes: list[_Shape] = field(default_factory=list)
    properties: list[_Shape] = field(default_factory=list)
    has_values: list[Node] = field(default_factory=list)
    in_values: list[frozenset[Node]] = field(default_factory=list)
    min_inclusive: list[Literal] = field(default_factory=list)
    max_inclusive: list[Literal] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    languages: list[frozenset[str]] = field(default_factory=list)  # sh:languageIn, lower case
    disjoint: list[URIRef] = field(default_factory=list)
    # SPARQL constraints, each as its Python check: True when no row for $this
    sparql: list[Callable[[TripleIndex, Node], bool | None]] = field(default_factory=list)
    min_length: list[int] = field(default_factory=list)
    less_than: list[URIRef] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    qualified: _Shape | None = None
    qualified_min: int | None = None
    qualified_max: int | None = None
    # Filled once compiled: the value tests above as one tuple, sh:node and sh:property together.
    tests: tuple[Callable[[Node], bool], ...] = ()
    nested: tuple[_Shape, ...] = ()
    # Whether any check past the counts (a property shape's) or past the value tests
    # (any shape's) is there: most shapes have none, and the checker skips them so.
    focus_checks: bool = False
    value_checks: bool = False

    def finish(self) -> None:
        tests: list[Callable[[Node], bool]] = [
            *(partial(_is_instance_of, _NODE_KIND_TYPES[kind]) for kind in self.node_kinds),
            *(_datatype_test(d) for d in self.datatypes),
            *(members.__contains__ for members in self.in_values),
            *(partial(_min_inclusive, bound=b) for b in self.min_inclusive),
            *(partial(_min_length, length=n) for n in self.min_length),
            *(partial(_max_inclusive, bound=b) for b in self.max_inclusive),
            *(partial(_language_in, tags=t) for t in self.languages),
        ]
        if self.patterns:
            tests.append(partial(_matches, patterns=self.patterns))
        self.tests = tuple(tests)
        self.nested = (*self.nodes, *self.properties)
        self.focus_checks = bool(
            self.qualified is not None or self.less_than or self.disjoint or self.sparql
        )
        self.value_checks = bool(
            self.classes or (self.sparql and self.path is None) or self.ors or self.nested
        )


def _canonical(term: Node) -> Node:
    """An IRI as the index keys it; other terms as they are."""
    return canonical(term) if type(term) is URIRef else term


def _list(shapes: Graph, head: Node) -> list[Node]:
    return list(Collection(shapes, head))


def _one_int(shapes: Graph, node: Node, predicate: URIRef) -> int | None:
    values = list(shapes.objects(node, predicate))
    if len(values) != 1 or not isinstance(values[0], Literal):
        raise _Unsupported
    value = values[0].toPython()
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Unsupported
    return value


class _Unsupported(Exception):
    pass


def _patterns(shapes: Graph, node: Node) -> list[re.Pattern[str]]:
    """sh:pattern as pyshacl compiles it: the first sh:flags found, only i and m."""
    patterns = list(shapes.objects(node, SH.pattern))
    flags = list(shapes.objects(node, SH.flags))
    if not patterns:
        if flags:
            raise _Unsupported
        return []
    if len(flags) > 1 or not all(isinstance(p, Literal) for p in (*patterns, *flags)):
        raise _Unsupported
    letters = str(flags[0]).lower() if flags else ""
    re_flags = (re.I if "i" in letters else 0) | (re.M if "m" in letters else 0)
    try:
        return [re.compile(str(p), re_flags) for p in patterns]
    except re.error:
        raise _Unsupported from None


def _languages(shapes: Graph, head: Node) -> frozenset[str]:
    tags = _list(shapes, head)
    if not all(isinstance(t, Literal) and isinstance(t.value, str) for t in tags):
        raise _Unsupported  # pyshacl reports such a list as an error
    return frozenset(str(t).lower() for t in tags)


def _declares(shapes: Graph, node: Node, expected: Mapping[str, str]) -> bool:
    """Whether `node`'s sh:prefixes declare each of `expected`, and only so."""
    declared: dict[str, set[str]] = {}
    for ontology in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            for prefix in shapes.objects(declaration, SH.prefix):
                for namespace in shapes.objects(declaration, SH.namespace):
                    declared.setdefault(str(prefix), set()).add(str(namespace))
    return all(declared.get(p) == {n} for p, n in expected.items())


def _select(shapes: Graph, node: Node, kind: URIRef) -> str | None:
    """The query of a SPARQL target or constraint (`kind`) that has nothing else to it
    but a message, and declares the prefixes `_answers` is written for."""
    if set(shapes.predicates(node)) - {SH.message} != {RDF.type, SH.prefixes, SH.select}:
        return None  # sh:deactivated, sh:severity, …
    if set(shapes.objects(node, RDF.type)) != {kind}:
        return None
    selects = list(shapes.objects(node, SH.select))
    if len(selects) != 1 or not _declares(shapes, node, EXPECTED_PREFIXES):
        return None
    return str(selects[0])


def _sparql_check(shapes: Graph, constraint: Node) -> Callable[[TripleIndex, Node], bool | None]:
    """The Python check of a SPARQL constraint `_answers` knows, exactly as written."""
    select = _select(shapes, constraint, SH.SPARQLConstraint)
    check = constraint_check(select) if select is not None else None
    if check is None:
        raise _Unsupported
    return check


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self.compiled: dict[tuple[Node, bool], _Shape] = {}

    def shape(self, node: Node, top_level: bool = False) -> _Shape:
        found = self.compiled.get((node, top_level))
        if found is None:
            found = self.compiled[(node, top_level)] = _Shape()  # placeholder against cycles
            try:
                self._fill(node, found, top_level)
                found.finish()
            except _Unsupported:
                found.supported = False
        return found

    def _node_shape(self, node: Node) -> _Shape:
        """The shape of an sh:node, which pyshacl refuses when it is a property shape."""
        if (node, SH.path, None) in self.shapes:
            raise _Unsupported
        return self.shape(node)

    def _property_shape(self, node: Node) -> _Shape:
        """The shape of an sh:property, which pyshacl refuses without a path."""
        if (node, SH.path, None) not in self.shapes:
            raise _Unsupported
        return self.shape(node)

    def _fill(self, node: Node, shape: _Shape, top_level: bool) -> None:
        shapes = self.shapes
        predicates = set(shapes.predicates(node))
        whole_node_shape = top_level and SH.path not in predicates
        if whole_node_shape:
            # Screened as a whole (see _node_shape_screen): its property shapes are
            # checks of their own, its targets give the focus nodes.
            predicates -= {SH.property, SH.targetClass, SH.target}
        allowed = _SUPPORTED | _DESCRIPTIVE | (_TOP_LEVEL if top_level else frozenset())
        if not predicates <= allowed or not predicates & _SUPPORTED:
            raise _Unsupported  # sh:severity, sh:deactivated, sh:pattern, …, or not a shape
        if SH.path in predicates:
            paths = list(shapes.objects(node, SH.path))
            if len(paths) != 1:
                raise _Unsupported
            path = paths[0]
            if not isinstance(path, URIRef):
                inverse = list(shapes.objects(path, SH.inversePath))
                if set(shapes.predicates(path)) != {SH.inversePath} or len(inverse) != 1:
                    raise _Unsupported
                if not isinstance(inverse[0], URIRef):
                    raise _Unsupported
                path, shape.inverse = inverse[0], True
            shape.path = canonical(path)
            if SH.property in predicates:
                raise _Unsupported
        elif predicates & {SH.hasValue, SH.minCount, SH.maxCount, SH.qualifiedValueShape}:
            raise _Unsupported  # only meaningful on a property shape
        # pyshacl refuses a second sh:nodeKind or sh:datatype: leave such shapes to it.
        shape.node_kinds = list(shapes.objects(node, SH.nodeKind))
        if len(shape.node_kinds) > 1 or not set(shape.node_kinds) <= {SH.IRI, SH.Literal}:
            raise _Unsupported
        shape.classes = [_canonical(c) for c in shapes.objects(node, SH["class"])]
        shape.datatypes = list(shapes.objects(node, SH.datatype))
        if len(shape.datatypes) > 1 or not set(shape.datatypes) <= _PYTHON_TYPES.keys():
            raise _Unsupported
        shape.ors = [
            [self.shape(m) for m in _list(shapes, h)] for h in shapes.objects(node, SH["or"])
        ]
        shape.nodes = [self._node_shape(n) for n in shapes.objects(node, SH.node)]
        if not whole_node_shape:
            shape.properties = [self._property_shape(p) for p in shapes.objects(node, SH.property)]
        shape.has_values = [_canonical(v) for v in shapes.objects(node, SH.hasValue)]
        shape.in_values = [
            frozenset(map(_canonical, _list(shapes, h))) for h in shapes.objects(node, SH["in"])
        ]
        for bound in shapes.objects(node, SH.minInclusive):
            if not isinstance(bound, Literal):
                raise _Unsupported
            shape.min_inclusive.append(bound)
        for bound in shapes.objects(node, SH.maxInclusive):
            if not isinstance(bound, Literal):
                raise _Unsupported
            shape.max_inclusive.append(bound)
        shape.patterns = _patterns(shapes, node)
        for head in shapes.objects(node, SH.languageIn):
            shape.languages.append(_languages(shapes, head))
        for other in shapes.objects(node, SH.disjoint):
            if not isinstance(other, URIRef) or shape.path is None:
                raise _Unsupported
            shape.disjoint.append(canonical(other))
        shape.sparql = [_sparql_check(shapes, c) for c in shapes.objects(node, SH.sparql)]
        for length in shapes.objects(node, SH.minLength):
            if not isinstance(length, Literal) or not isinstance(length.value, int):
                raise _Unsupported
            if isinstance(length.value, bool) or length.value < 0:
                raise _Unsupported
            shape.min_length.append(length.value)
        for other in shapes.objects(node, SH.lessThan):
            if not isinstance(other, URIRef) or shape.path is None:
                raise _Unsupported
            shape.less_than.append(canonical(other))
        if SH.minCount in predicates:
            shape.min_count = _one_int(shapes, node, SH.minCount)
        if SH.maxCount in predicates:
            shape.max_count = _one_int(shapes, node, SH.maxCount)
        qualified = list(shapes.objects(node, SH.qualifiedValueShape))
        if qualified:
            if len(qualified) != 1:
                raise _Unsupported
            # Without sh:qualifiedValueShapesDisjoint (unsupported) no sibling counts.
            shape.qualified = self.shape(qualified[0])
            if SH.qualifiedMinCount in predicates:
                shape.qualified_min = _one_int(shapes, node, SH.qualifiedMinCount)
            if SH.qualifiedMaxCount in predicates:
                shape.qualified_max = _one_int(shapes, node, SH.qualifiedMaxCount)
        elif predicates & {SH.qualifiedMinCount, SH.qualifiedMaxCount}:
            raise _Unsupported


_UNKNOWN = object()  # not in a memo yet


class _Checker:
    """Decides, on one data graph, whether a node conforms to a compiled nested shape."""

    def __init__(self, data: TripleIndex) -> None:
        self.data = data
        self._superclasses: dict[Node, frozenset[Node]] = {}
        self._classes: dict[Node, frozenset[Node]] = {}
        self._memo: dict[tuple[int, Node], Verdict] = {}

    def _classes_of(self, node: Node) -> frozenset[Node]:
        """Every class `node` is a SHACL instance of (rdf:type, then rdfs:subClassOf*)."""
        found = self._classes.get(node)
        if found is None:
            classes: set[Node] = set()
            for direct in self.data.objects(node, _TYPE):
                classes |= self._closure(direct)
            found = self._classes[node] = frozenset(classes)
        return found

    def _closure(self, cls: Node) -> frozenset[Node]:
        cached = self._superclasses.get(cls)
        if cached is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for parent in self.data.objects(todo.pop(), _SUBCLASS_OF):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            cached = self._superclasses[cls] = frozenset(seen)
        return cached

    def conforms(self, shape: _Shape, focus: Node) -> Verdict:
        """Whether `focus` conforms to `shape` (node or property shape), or None."""
        key = (id(shape), focus)
        known = self._memo.get(key, _UNKNOWN)  # one lookup: rdflib hashes a literal in Python
        if known is not _UNKNOWN:
            return cast(Verdict, known)
        self._memo[key] = None  # a shape that refers back to itself: cannot tell
        if not shape.supported:
            verdict: Verdict = None
        elif shape.path is not None:
            verdict = self._property_conforms(shape, focus)
        else:
            verdict = self._value_conforms(shape, focus)
        self._memo[key] = verdict
        return verdict

    def conforms_at_top(self, shape: _Shape, focus: Node) -> Verdict:
        """`conforms` for a check of a whole node shape (compiled `top_level`, supported).
        No shape refers to such a compiled shape (nested ones are compiled apart), and its
        memo entry would only answer the same question asked again, which gets the same
        verdict from the nested shapes' entries: it needs no memo."""
        if shape.path is not None:
            return self._property_conforms(shape, focus)
        return self._value_conforms(shape, focus)

    def all_conform_at_top(self, shape: _Shape, focus: Iterable[Node]) -> bool:
        """Whether `conforms_at_top` is True for every node of `focus`. A property shape
        with counts and value checks alone (most of them) reads its path's values per
        focus node from one map: the screen asks this ~1,700 times a document."""
        if shape.path is None or shape.inverse or shape.has_values or shape.focus_checks:
            return all(self.conforms_at_top(shape, f) is True for f in focus)
        values_of = self.data.objects_by_subject(shape.path)
        for f in focus:
            values = values_of.get(f, ())
            if (
                not _counts_conform(shape, values)
                or self._values_conform(shape, values) is not True
            ):
                return False
        return True

    def _value_conforms(self, shape: _Shape, value: Node) -> Verdict:
        """The value constraints of `shape` applied to `value`."""
        for test in shape.tests:
            if not test(value):
                return False
        if not shape.value_checks:
            return True
        if shape.classes:
            if isinstance(value, Literal):
                return False
            if not self._classes_of(value).issuperset(shape.classes):
                return False
        if (
            shape.sparql and shape.path is None
        ):  # a node shape: its SPARQL constraints bind $this to the value
            verdict = self._sparql_conforms(shape, value)
            if verdict is not True:
                return verdict
        for members in shape.ors:
            verdict = _any(self.conforms(member, value) for member in members)
            if verdict is not True:
                return verdict
        for nested in shape.nested:
            verdict = self.conforms(nested, value)
            if verdict is not True:
                return verdict
        return True

    def _property_conforms(self, shape: _Shape, focus: Node) -> Verdict:
        assert shape.path is not None
        # Each value once, as the index holds each triple once: no set to build (rdflib
        # hashes a literal in Python). They come in the index's order, not a set's (which
        # varied from run to run with the hash seed).
        if shape.inverse:
            values = self.data.subjects(shape.path, focus)
        else:
            values = self.data.objects(focus, shape.path)  # none for a literal
        if shape.has_values and not set(values).issuperset(shape.has_values):
            return False
        if not _counts_conform(shape, values):
            return False
        if shape.focus_checks:
            verdict = self._focus_conforms(shape, focus, values)
            if verdict is not True:
                return verdict
        return self._values_conform(shape, values)

    def _values_conform(self, shape: _Shape, values: abc.Collection[Node]) -> Verdict:
        """A property shape's value checks on each of its values."""
        if not shape.value_checks:  # value tests alone: run here, not a call per value
            for value in values:
                for test in shape.tests:
                    if not test(value):
                        return False
            return True
        for value in values:
            verdict = self._value_conforms(shape, value)
            if verdict is not True:
                return verdict
        return True

    def _focus_conforms(self, shape: _Shape, focus: Node, values: Iterable[Node]) -> Verdict:
        """A property shape's checks of the focus node's values together."""
        if shape.qualified is not None:
            count = 0
            for value in values:
                verdict = self.conforms(shape.qualified, value)
                if verdict is None:
                    return None
                count += verdict
            if shape.qualified_min is not None and count < shape.qualified_min:
                return False
            if shape.qualified_max is not None and count > shape.qualified_max:
                return False
        for other in shape.less_than:
            verdict = _less_than(values, set(self.data.objects(focus, other)))
            if verdict is not True:
                return verdict
        for other in shape.disjoint:
            if not set(values).isdisjoint(self.data.objects(focus, other)):
                return False
        if shape.sparql:
            return self._sparql_conforms(shape, focus)  # a property shape's bind the focus
        return True

    def _sparql_conforms(self, shape: _Shape, this: Node) -> Verdict:
        """No SPARQL constraint of `shape` has a row for `this` (None: cannot tell)."""
        for check in shape.sparql:
            if check(self.data, this) is not True:
                return None
        return True


_NODE_KIND_TYPES: dict[Node, type] = {SH.IRI: URIRef, SH.Literal: Literal}


def _counts_conform(shape: _Shape, values: abc.Collection[Node]) -> bool:
    """sh:minCount and sh:maxCount of a property shape."""
    if shape.min_count is not None and len(values) < shape.min_count:
        return False
    return shape.max_count is None or len(values) <= shape.max_count


def _is_instance_of(kind: type, value: Node) -> bool:
    return isinstance(value, kind)


def _any(verdicts: Iterable[Verdict]) -> Verdict:
    """sh:or: True if one member conforms; None if none does and one cannot tell."""
    seen = list(verdicts)
    if True in seen:
        return True
    return None if None in seen else False


def _min_inclusive(value: Node, bound: Literal) -> bool:
    """pyshacl's sh:minInclusive test (its comparison function, its type rules)."""
    if not isinstance(value, Literal):
        return False  # blank nodes and IRIs never pass
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        return _compare(value, bound) >= 0
    except (TypeError, NotImplementedError):
        return False


def _max_inclusive(value: Node, bound: Literal) -> bool:
    """pyshacl's sh:maxInclusive test (as _min_inclusive, the other way round)."""
    if not isinstance(value, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(value.value, str):
        return False
    try:
        return _compare(value, bound) <= 0
    except (TypeError, NotImplementedError):
        return False


# rdflib compares two literals of numeric datatypes, neither ill-typed, by their Python
# values (its numeric shortcut in Literal.eq and __gt__), so for numbers pyshacl's
# compare_literal comes down to `==` and `>` on the values. Making them here skips
# rdflib's scan of its tuple of numeric datatypes (a Python __eq__ per entry).
_NUMERIC_DATATYPES = _iri_texts(_NUMERIC_LITERAL_TYPES)
_NUMBER_TYPES = frozenset({int, float, Decimal})


def _number(literal: Literal) -> Any:
    """The value rdflib compares `literal` by when it takes its numeric shortcut, else None."""
    value = literal.value
    datatype = literal.datatype
    if (
        type(value) in _NUMBER_TYPES
        and type(datatype) is URIRef
        and str(datatype) in _NUMERIC_DATATYPES
        and not literal.ill_typed
    ):
        return value
    return None


def _compare(value: Literal, bound: Literal) -> int:
    """pyshacl's compare_literal(value, bound): 0 equal, 1 greater, -1 otherwise."""
    left, right = _number(value), _number(bound)
    if left is None or right is None:
        return int(compare_literal(value, bound))  # type: ignore[no-untyped-call]
    if left == right:
        return 0
    return 1 if left > right else -1


# Datatypes whose literals pyshacl measures and matches by their value's string.
_STRING_DATATYPES = (None, RDF.langString, XSD.string)


def _matches(value: Node, patterns: list[re.Pattern[str]]) -> bool:
    """pyshacl's sh:pattern test: every pattern found in the value's string."""
    if isinstance(value, BNode):
        return False
    text = str(value)
    if (
        isinstance(value, Literal)
        and value.value is not None
        and value.datatype in _STRING_DATATYPES
    ):
        text = str(value.value)
    return all(pattern.search(text) for pattern in patterns)


def _language_in(value: Node, tags: frozenset[str]) -> bool:
    """pyshacl's sh:languageIn test: the tag, or its first subtag, in the list."""
    if not isinstance(value, Literal) or not value.language:
        return False
    language = str(value.language)
    return "*" in tags or language.lower() in tags or language.split("-")[0].lower() in tags


def _min_length(value: Node, length: int) -> bool:
    """pyshacl's sh:minLength test."""
    if length == 0:
        return True
    if isinstance(value, BNode):
        return False
    if (
        isinstance(value, Literal)
        and value.value is not None
        and value.datatype in _STRING_DATATYPES
    ):
        return len(str(value.value)) >= length
    return len(str(value)) >= length


def _less_than(values: Iterable[Node], others: set[Node]) -> Verdict:
    """pyshacl's sh:lessThan test; None where it would raise (blank nodes, incomparables)."""
    for value in values:
        for other in others:
            if isinstance(value, BNode) or isinstance(other, BNode):
                return None
            left, left_is_string = _comparable(value)
            right, right_is_string = _comparable(other)
            if left_is_string != right_is_string:
                return False
            try:
                if not _less(left, right):
                    return False
            except TypeError:
                return None
    return True


def _less(left: Any, right: Any) -> bool:
    """`left < right`; for two numeric literals as rdflib's Literal.__lt__ decides it."""
    if isinstance(left, Literal) and isinstance(right, Literal):
        a, b = _number(left), _number(right)
        if a is not None and b is not None:
            return not (a > b or a == b)
    return bool(left < right)


def _comparable(node: Node) -> tuple[Any, bool]:
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _datatype_test(datatype: Node) -> Callable[[Node], bool]:
    """`_has_datatype` for one datatype, with what depends on the datatype alone worked out."""
    assert isinstance(datatype, URIRef)  # one of _PYTHON_TYPES
    (text,) = _iri_texts([datatype])
    return partial(
        _has_datatype,
        datatype=text,
        is_string=datatype == XSD.string,
        python_type=_PYTHON_TYPES[datatype],
    )


def _has_datatype(
    value: Node,
    datatype: str,
    is_string: bool,
    python_type: type | tuple[type, ...] | None,
) -> bool:
    """pyshacl's sh:datatype test, for the datatypes in `_PYTHON_TYPES` (by their text)."""
    if not isinstance(value, Literal):
        return False
    if is_string and value.datatype is None and value.language is None:
        return isinstance(value.value, (str, bytes))  # a simple literal is an xsd:string
    if type(value.datatype) is not URIRef or str(value.datatype) != datatype:
        return False
    if value.ill_typed is True:
        return False
    return python_type is None or isinstance(value.value, python_type)


class Screen:
    """The prunable constraints of a shapes graph, compiled once, screened per data graph."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        compiler = _Compiler(shapes)
        self._candidates: list[tuple[URIRef, tuple[Node, Node, Node], list[_Shape]]] = []
        for predicate in (SH.node, SH["or"]):
            for shape, value in sorted(shapes.subject_objects(predicate)):
                paths = list(shapes.objects(shape, SH.path))
                if len(paths) != 1 or not isinstance(paths[0], URIRef):
                    continue
                if predicate == SH.node:
                    if (value, SH.path, None) in shapes:
                        continue  # pyshacl reports such a shape as an error: leave it to it
                    members = [compiler.shape(value)]
                else:
                    members = [compiler.shape(m) for m in _list(shapes, value)]
                if all(not m.supported for m in members):
                    continue
                self._candidates.append((paths[0], (shape, predicate, value), members))
        # Where each of those property shapes is used: when every use is left out, so is it.
        self._uses = {
            shape: frozenset((s, p, shape) for s, p in shapes.subject_predicates(shape))
            for _, (shape, _, _), _ in self._candidates
        }
        # SPARQL targets that select only nodes breaking a rule (see _TARGET_SCREENS).
        self._targets: list[tuple[tuple[Node, Node, Node], Callable[[TripleIndex], bool]]] = []
        targeted: set[Node] = set()
        for node_shape, target in sorted(shapes.subject_objects(SH.target)):
            targeted.add(node_shape)
            check = _target_screen(shapes, target)
            if check is not None:
                self._targets.append(((node_shape, SH.target, target), check))
        # Whole node shapes whose targets the screen can compute (classes, the SPARQL
        # targets `_answers` evaluates): each property shape, and the node-level
        # constraints as one group, for every focus node.
        self._node_shapes: list[_NodeShapeScreen] = []
        for node_shape in sorted(set(shapes.subjects(SH.targetClass, None)) | targeted, key=str):
            screened = _node_shape_screen(shapes, compiler, node_shape)
            if screened is not None:
                self._node_shapes.append(screened)
        # Whether every shape with a target is screened: only then can `findings` stand
        # in for pyshacl's run.
        self._complete = len(self._node_shapes) == len(_targeted_shapes(shapes))

    def droppable(self, data: TripleIndex) -> frozenset[tuple[Node, Node, Node]]:
        """The constraint triples that no value of `data` can fail: safe to leave out."""
        checker = _Checker(data)
        safe: set[tuple[Node, Node, Node]] = set()
        for triple, selects_nothing in self._targets:
            if data.once(selects_nothing):
                safe.add(triple)
        focus_of: dict[Node, set[Node] | None] = {}
        for screened in self._node_shapes:
            focus = screened.focus_nodes(data, focus_of)
            if focus is None:
                continue
            proven = [
                triples
                for triples, compiled in screened.checks
                if not focus
                or (compiled is not None and checker.all_conform_at_top(compiled, focus))
            ]
            safe.update(triple for triples in proven for triple in triples)
            if len(proven) == len(screened.checks):
                safe.update(screened.targets)  # nothing left to check: no focus nodes needed
        # Nested checks, over every value of their path, of the property shapes that stay.
        values_of: dict[URIRef, set[Node]] = {}
        for path, constraint, members in self._candidates:
            if self._uses[constraint[0]] <= safe:
                continue  # its property shape is left out as a whole
            values = values_of.get(path)
            if values is None:
                values = values_of[path] = set(data.objects(None, path))
            is_node = constraint[1] == SH.node
            if all(
                (
                    checker.conforms(members[0], v)
                    if is_node
                    else _any(checker.conforms(m, v) for m in members)
                )
                is True
                for v in values
            ):
                safe.add(constraint)
        return frozenset(safe)

    def findings(
        self, data: TripleIndex, dropped: frozenset[tuple[Node, Node, Node]]
    ) -> tuple[Finding, ...] | None:
        """Every result pyshacl would report on `data` given the `dropped` checks, when
        each check left is one whose results the screen makes (a cardinality with its own
        message, on focus nodes it can compute); None: pyshacl has to run."""
        if not self._complete:
            return None
        findings: list[Finding] = []
        focus_of: dict[Node, set[Node] | None] = {}
        for screened in self._node_shapes:
            left = [triples for triples, _ in screened.checks if not set(triples) <= dropped]
            if not left:
                continue
            if any(
                len(t) != 1 or t[0][1] != SH.property or t[0][2] not in screened.counted
                for t in left
            ):
                return None
            focus = screened.focus_nodes(data, focus_of)
            if focus is None:
                return None
            ordered = sorted(focus, key=str)
            for ((_, _, shape),) in left:
                findings.extend(screened.counted[shape].findings(data, ordered))
        return tuple(findings)


@dataclass(frozen=True)
class Finding:
    """A validation result the screen computes itself (see `Screen.findings`)."""

    focus_node: Node
    path: URIRef
    severity: URIRef
    message: str
    source_shape: Node


@dataclass(frozen=True)
class _Cardinality:
    """A property shape that only counts values and carries its own message: its results
    are one per focus node with too few or too many values, as pyshacl reports them."""

    shape: Node
    path: URIRef
    min_count: int | None
    max_count: int | None
    severity: URIRef
    message: str

    def findings(self, data: TripleIndex, focus: Iterable[Node]) -> Iterator[Finding]:
        for node in focus:
            values = self.values(data, node)
            too_few = self.min_count is not None and len(values) < self.min_count
            too_many = self.max_count is not None and len(values) > self.max_count
            if too_few or too_many:
                yield Finding(node, self.path, self.severity, self.message, self.shape)

    def values(self, data: TripleIndex, node: Node) -> set[Node]:
        return set(data.objects(node, self.path))


_CARDINALITY_PREDICATES = frozenset({SH.path, SH.minCount, SH.maxCount, SH.severity}) | _DESCRIPTIVE


def _cardinality(shapes: Graph, node: Node, compiled: _Shape) -> _Cardinality | None:
    if not compiled.supported or compiled.path is None or compiled.inverse:
        return None  # an inverse path is reported as a node of pyshacl's making
    if not set(shapes.predicates(node)) <= _CARDINALITY_PREDICATES:
        return None
    messages = list(shapes.objects(node, SH.message))
    severities = list(shapes.objects(node, SH.severity))
    if len(messages) != 1 or not isinstance(messages[0], Literal) or len(severities) > 1:
        return None  # pyshacl's generic wording is its own: leave such a shape to it
    severity = severities[0] if severities else SH.Violation
    if not isinstance(severity, URIRef) or severity not in (SH.Violation, SH.Warning, SH.Info):
        return None
    return _Cardinality(
        node,
        compiled.path,
        compiled.min_count,
        compiled.max_count,
        severity,
        str(messages[0]),
    )


# A target the screen can compute: the focus nodes it selects, or None: cannot tell.
_Target = Callable[[TripleIndex, dict[Node, set[Node] | None]], set[Node] | None]


@dataclass(frozen=True)
class _NodeShapeScreen:
    """A node shape's targets and checks (the triples that state each check, compiled)."""

    targets: tuple[tuple[Node, Node, Node], ...]
    finders: tuple[_Target, ...]
    checks: tuple[tuple[tuple[tuple[Node, Node, Node], ...], _Shape | None], ...]
    counted: dict[Node, _Cardinality]  # the property shapes whose results the screen makes

    def focus_nodes(
        self, data: TripleIndex, cache: dict[Node, set[Node] | None]
    ) -> set[Node] | None:
        focus: set[Node] = set()
        for finder in self.finders:
            found = finder(data, cache)
            if found is None:
                return None
            focus |= found
        return focus


def _class_target(cls: Node) -> _Target:
    cls = _canonical(cls)

    def find(data: TripleIndex, cache: dict[Node, set[Node] | None]) -> set[Node] | None:
        if cls not in cache:
            cache[cls] = _instances(data, cls)
        return cache[cls]

    return find


def _sparql_target(shapes: Graph, target: Node) -> _Target | None:
    """A SPARQL target `_answers` evaluates, or one that selects nothing when its rule holds."""
    selects_nothing = _target_screen(shapes, target)
    if selects_nothing is not None:
        return lambda data, cache: set() if data.once(selects_nothing) else None
    select = _select(shapes, target, SH.SPARQLTarget)
    evaluate = target_nodes(select) if select is not None else None
    if evaluate is None:
        return None
    return lambda data, cache: evaluate(data)


def _node_shape_screen(
    shapes: Graph, compiler: _Compiler, node_shape: Node
) -> _NodeShapeScreen | None:
    predicates = set(shapes.predicates(node_shape))
    if predicates & _OTHER_TARGETS - {SH.target} or SH.path in predicates:
        return None  # other targets, deactivated, or a property shape with a target
    if {RDFS.Class, OWL.Class} & set(shapes.objects(node_shape, RDF.type)):
        return None  # an implicit class target: not screened
    if (None, None, node_shape) in shapes:
        return None  # also checked from another shape (sh:node, sh:or, …)
    targets = [(node_shape, SH.targetClass, c) for c in shapes.objects(node_shape, SH.targetClass)]
    finders = [_class_target(c) for _, _, c in targets]
    for target in shapes.objects(node_shape, SH.target):
        finder = _sparql_target(shapes, target)
        if finder is None:
            return None
        targets.append((node_shape, SH.target, target))
        finders.append(finder)
    # A check the screen cannot evaluate (None) is still proven on a graph without focus nodes.
    checks: list[tuple[tuple[tuple[Node, Node, Node], ...], _Shape | None]] = []
    counted = {}
    for property_shape in sorted(shapes.objects(node_shape, SH.property), key=str):
        compiled = compiler.shape(property_shape, top_level=True)
        supported = compiled.supported and compiled.path is not None
        checks.append(
            (((node_shape, SH.property, property_shape),), compiled if supported else None)
        )
        cardinality = _cardinality(shapes, property_shape, compiled)
        if cardinality is not None:
            counted[property_shape] = cardinality
    node_level = tuple(
        (node_shape, p, o)
        for p, o in shapes.predicate_objects(node_shape)
        if p in _SUPPORTED and p != SH.property
    )
    if node_level:
        compiled = compiler.shape(node_shape, top_level=True)
        checks.append((node_level, compiled if compiled.supported else None))
    return _NodeShapeScreen(tuple(targets), tuple(finders), tuple(checks), counted)


def _targeted_shapes(shapes: Graph) -> set[Node]:
    """Shapes pyshacl finds focus nodes for: explicit targets, or implicit class targets."""
    predicates = (SH.targetClass, SH.target, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    targeted = {s for p in predicates for s in shapes.subjects(p, None)}
    for cls in (RDFS.Class, OWL.Class):
        for node in shapes.subjects(RDF.type, cls):
            if {SH.NodeShape, SH.PropertyShape} & set(shapes.objects(node, RDF.type)):
                targeted.add(node)
    return targeted


def _instances(data: TripleIndex, cls: Node) -> set[Node]:
    """pyshacl's focus nodes of sh:targetClass `cls`: instances of it or of a subclass."""
    found: set[Node] = set()
    for subclass in data.transitive_subjects(_SUBCLASS_OF, cls):
        found.update(data.subjects(_TYPE, subclass))
    return found


@lru_cache(maxsize=16)
def pruned_shapes(full: Graph, dropped: frozenset[tuple[Node, Node, Node]]) -> Graph:
    """`full` without the `dropped` constraint triples (one copy per distinct set)."""
    graph = Graph()
    for prefix, namespace in full.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.addN((s, p, o, graph) for s, p, o in full if (s, p, o) not in dropped)
    return graph


# --- SPARQL targets -----------------------------------------------------------
# A SPARQL target that selects the nodes breaking a rule selects none on a graph
# that keeps the rule; these checks prove that in Python for the exact query
# text they were written for (any other text, or other prefixes, is not screened).
# They answer True only when every binding of the query's pattern has values of
# the plain kinds the Python arithmetic mirrors (an xsd:string or language-tagged
# quote, integer offsets) and fails the query's FILTER.

_OA = "http://www.w3.org/ns/oa#"
_BG = "https://w3id.org/beslutsgraf/def#"
_HAS_SELECTOR = canonical(URIRef(_OA + "hasSelector"))
_HAS_SOURCE = canonical(URIRef(_OA + "hasSource"))
_EXACT = canonical(URIRef(_OA + "exact"))
_START = canonical(URIRef(_OA + "start"))
_END = canonical(URIRef(_OA + "end"))
_CHAR_COUNT = canonical(URIRef(_BG + "charCount"))
_INTEGER_TYPES = _iri_texts((XSD.integer, XSD.nonNegativeInteger))
_PLAIN_STRING = (None, XSD.string)


def _int(node: Node) -> int | None:
    if (
        isinstance(node, Literal)
        and type(node.datatype) is URIRef
        and str(node.datatype) in _INTEGER_TYPES
        # None: made from a Python int (as ingestion does), not parsed; True: ill-typed.
        and node.ill_typed is not True
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        return node.value
    return None


def _text(node: Node) -> str | None:
    if isinstance(node, Literal) and node.datatype in _PLAIN_STRING:
        return str(node)
    return None


def _selectors(data: TripleIndex) -> Iterator[tuple[Node, Node]]:
    for target in set(data.subjects(_HAS_SELECTOR, None)):
        for selector in data.objects(target, _HAS_SELECTOR):
            yield target, selector


def _no_quote_longer_or_shorter_than_its_span(data: TripleIndex) -> bool:
    has_selector, exact, start_p, end_p = _HAS_SELECTOR, _EXACT, _START, _END
    for target, quote in _selectors(data):
        for quote_text in data.objects(quote, exact):
            text = _text(quote_text)
            for position in data.objects(target, has_selector):
                for start_node in data.objects(position, start_p):
                    for end_node in data.objects(position, end_p):
                        start, end = _int(start_node), _int(end_node)
                        if text is None or start is None or end is None:
                            return False
                        if len(text) != end - start:
                            return False
    return True


def _no_selector_past_its_source(data: TripleIndex) -> bool:
    source_p, end_p, char_count = _HAS_SOURCE, _END, _CHAR_COUNT
    for target, selector in _selectors(data):
        for end_node in data.objects(selector, end_p):
            for source in data.objects(target, source_p):
                for count_node in data.objects(source, char_count):
                    end, count = _int(end_node), _int(count_node)
                    if end is None or count is None or end > count:
                        return False
    return True


def _normalised(text: str) -> str:
    return " ".join(text.split())


_TARGET_SCREENS: dict[str, Callable[[TripleIndex], bool]] = {
    _normalised(
        """SELECT ?this WHERE {
            ?target oa:hasSelector ?this , ?position .
            ?this oa:exact ?exact .
            ?position oa:start ?start ; oa:end ?end .
            FILTER (STRLEN(?exact) != ?end - ?start)
        }"""
    ): _no_quote_longer_or_shorter_than_its_span,
    _normalised(
        """SELECT ?this WHERE {
            ?target oa:hasSelector ?this ; oa:hasSource ?source .
            ?this oa:end ?end .
            ?source bg:charCount ?count .
            FILTER (?end > ?count)
        }"""
    ): _no_selector_past_its_source,
}


def _target_screen(shapes: Graph, target: Node) -> Callable[[TripleIndex], bool] | None:
    """The Python check for a SPARQL target, if its query and prefixes are the known ones."""
    if SH.message in set(shapes.predicates(target)):
        return None
    select = _select(shapes, target, SH.SPARQLTarget)
    return _TARGET_SCREENS.get(_normalised(select)) if select is not None else None
