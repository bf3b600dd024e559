"""SHACL shapes of the application profile, and the one entry point that validates a graph.

pyshacl is the reference validator. Validation sees the vocabulary's class
hierarchy and scheme membership next to the data, so shapes can check that a
value is a concept of the right scheme without every document repeating the
schemes. The shapes themselves are Turtle files in this folder, one per area of
the application profile.

Speed: before pyshacl runs, a screen in plain Python (`_screen`) proves which
checks cannot report anything on the graph at hand, and pyshacl runs on a copy of
the shapes without them. On a document as the pipeline builds it, every check is
proven but counts of values with a message of their own (the persons to review):
the screen makes those results itself and pyshacl does not run at all; its report
graph is made only when read (a quarantine folder). On a graph with other findings
the checks that produce them stay with pyshacl. Results, messages and the report
graph are exactly those of the full shapes (tests/shapes/test_screen.py runs every
example, broken variants of them and corpus graphs both ways).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

from pyshacl import validate as pyshacl_validate
from pyshacl.rdfutil.clone import clone_blank_node
from rdflib import BNode, ConjunctiveGraph, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from beslutsgraf.ontology import bind_prefixes, load_vocabulary
from beslutsgraf.shapes._answers import answer
from beslutsgraf.shapes._index import canonical
from beslutsgraf.shapes._screen import Screen, TripleIndex, pruned_shapes

__all__ = [
    "ShapeReport",
    "ShapeResult",
    "TripleIndex",
    "canonical",
    "data_index",
    "load_shapes",
    "shape_files",
    "validate_graph",
]


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL validation result, reduced to what a user needs to find and fix it."""

    focus_node: Node
    path: Node | None
    severity: URIRef  # sh:Violation, sh:Warning or sh:Info
    message: str
    source_shape: Node | None
    value: Node | None

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation


@dataclass(frozen=True)
class ShapeReport:
    conforms: bool  # True when there is no sh:Violation (warnings do not block loading)
    results: tuple[ShapeResult, ...]
    # pyshacl's report graph, made when first read: loading a graph needs only the
    # results, a quarantine folder the whole report (see validate_graph).
    make_report_graph: Callable[[], Graph] = field(repr=False, compare=False)

    @cached_property
    def report_graph(self) -> Graph:
        return self.make_report_graph()

    @property
    def violations(self) -> tuple[ShapeResult, ...]:
        return tuple(r for r in self.results if r.is_violation)

    @property
    def warnings(self) -> tuple[ShapeResult, ...]:
        return tuple(r for r in self.results if r.severity == SH.Warning)

    def summary(self) -> str:
        verdict = "conforms" if self.conforms else "does not conform"
        return f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)"

    def lines(self) -> list[str]:
        """One readable line per result, violations first."""
        ordered = sorted(self.results, key=lambda r: (not r.is_violation, str(r.focus_node)))
        return [
            f"{_local(r.severity)}: {r.focus_node.n3()}"
            + (f" {r.path.n3()}" if r.path is not None else "")
            + f": {r.message}"
            for r in ordered
        ]


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def shape_files() -> list[Path]:
    package_dir = Path(str(resources.files(__name__)))
    return sorted(package_dir.glob("*.ttl"))


@cache
def _parsed_shapes() -> Graph:
    graph = bind_prefixes(Graph())
    for path in shape_files():
        graph.parse(path, format="turtle")
    return graph


@cache
def _screen() -> Screen:
    return Screen(_parsed_shapes())


def load_shapes() -> Graph:
    """All shapes as one graph (a copy: callers may not mutate the cached parse)."""
    copy = bind_prefixes(Graph())
    for triple in _parsed_shapes():
        copy.add(triple)
    return copy


def _results(report: Graph) -> tuple[ShapeResult, ...]:
    # Only the report's own results: pyshacl also writes the results of nested
    # shapes (sh:node, sh:or) into the graph as sh:detail, and those repeat a
    # top-level result with a concept or a helper shape as the focus node.
    results = []
    top_level = (
        node
        for report_node in report.subjects(RDF.type, SH.ValidationReport)
        for node in report.objects(report_node, SH.result)
    )
    for node in top_level:
        message = report.value(node, SH.resultMessage)
        severity = report.value(node, SH.resultSeverity)
        results.append(
            ShapeResult(
                focus_node=report.value(node, SH.focusNode),  # type: ignore[arg-type]
                path=report.value(node, SH.resultPath),
                severity=URIRef(str(severity)) if severity is not None else SH.Violation,
                message=str(message) if isinstance(message, Literal) else "",
                source_shape=report.value(node, SH.sourceShape),
                value=report.value(node, SH.value),
            )
        )
    return tuple(results)


@cache
def _vocabulary_for_validation() -> tuple[tuple[Node, Node, Node], ...]:
    """The vocabulary triples that shapes read from a data graph.

    pyshacl's ontology mix-in copies RDFS/OWL axioms only, so a concept's
    skos:inScheme would stay invisible to the shapes; and copying the whole
    vocabulary on every call costs time. The shapes need the class hierarchy
    (sh:class and sh:targetClass follow rdfs:subClassOf) and scheme membership.
    """
    vocabulary = load_vocabulary()
    return tuple(
        (_canonical(s), _canonical(p), _canonical(o))  # as the index keys them
        for predicate in (RDFS.subClassOf, SKOS.inScheme)
        for s, p, o in vocabulary.triples((None, predicate, None))
    )


def _canonical(term: Node) -> Node:
    return canonical(term) if type(term) is URIRef else term


@lru_cache(maxsize=256)
def _prepared(query_text: str) -> Query:
    return prepareQuery(query_text)


class _ValidationGraph(Graph):
    """The graph pyshacl validates: answers the shapes' own queries fast.

    The shapes' SPARQL targets and constraints are answered in Python where that
    is provably exact (`_answers`, given the graph's `TripleIndex`). Any other
    query is parsed once per process: pyshacl binds `$this` through initBindings,
    so a constraint's query text is the same for every focus node, and without
    this cache rdflib re-parses it for each one.
    """

    index: TripleIndex | None = None  # the same triples, when the caller has them

    def query(  # rdflib's signature, typed loosely
        self,
        query_object: str | Query,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,  # rdflib's names: pyshacl passes them positionally
        initBindings: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str):
            plain = processor == "sparql" and result == "sparql" and initNs is None
            if self.index is not None and plain and not kwargs:
                known = answer(self.index, query_object, initBindings)
                if known is not None:
                    answered = Result("SELECT")
                    answered.vars, answered.bindings = list(known[0]), known[1]
                    return answered
            query_object = _prepared(query_object)
        return super().query(query_object, processor, result, initNs, initBindings, *args, **kwargs)


def _data_triples(data: Graph) -> Iterable[tuple[Node, Node, Node]]:
    if isinstance(data, ConjunctiveGraph):
        # A dataset (one named graph per document): validate the union of its graphs.
        return ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    return data.triples((None, None, None))


@contextmanager
def _validation_view(
    data: Graph | None, triples: TripleIndex, vocabulary: tuple[tuple[Node, Node, Node], ...]
) -> Iterator[Graph]:
    """`data` plus the vocabulary triples, as the graph pyshacl reads.

    A plain graph is not copied (copying costs more than validating it): a view on
    its own store gets the vocabulary triples it lacks, which are removed again on
    exit, so `data` ends as it began. A dataset is copied as the union of its graphs,
    a graph on a store without contexts too (pyshacl reads a graph through a Dataset
    on the graph's store), and without `data` the graph is made from `triples`.
    """
    if data is None or isinstance(data, ConjunctiveGraph) or not data.store.context_aware:
        copy = _ValidationGraph()
        copy.addN((s, p, o, copy) for s, p, o in triples.triples)
        copy.index = triples
        yield copy
        return
    view = _ValidationGraph(store=data.store, identifier=data.identifier)
    missing = [triple for triple in vocabulary if triple not in data]
    view.addN((s, p, o, view) for s, p, o in missing)
    view.index = triples
    try:
        yield view
    finally:
        for triple in missing:
            view.remove(triple)


def _restore_source_shapes(
    report: Graph, shapes: Graph, dropped: frozenset[tuple[Node, Node, Node]]
) -> None:
    """Describe a blank-node source shape in the report as written, dropped checks included.

    pyshacl copies the description of a blank-node source shape into the report;
    when a check of that shape was left out, copy it again from the full shapes.
    """
    for shape in {s for s, _, _ in dropped if isinstance(s, BNode)}:
        if (shape, None, None) in report:
            clone_blank_node(shapes, shape, report, keepid=True)


def data_index(
    data: Graph, triples: Iterable[tuple[Node, Node, Node]] | None = None
) -> TripleIndex:
    """`data` and the vocabulary triples the shapes read, indexed as `validate_graph`
    reads them: a caller that reads the graph too may share it (see `validate_graph`).
    `triples`, if given, are the triples of `data` (a plain graph), read faster than
    through rdflib."""
    own = triples if triples is not None else _data_triples(data)
    return TripleIndex((*own, *_vocabulary_for_validation()))


def validate_graph(data: Graph, index: TripleIndex | None = None) -> ShapeReport:
    """Validate `data` against every shape. `conforms` is False only for sh:Violation.

    The vocabulary (ontology and SKOS schemes) is mixed into what pyshacl reads,
    so shapes can check that a value is a concept of the right scheme; `data`
    is as it was when this returns (do not validate one graph from two threads at
    once). A Dataset is validated as the union of its graphs. `index`, if given, is
    `data_index(data)` made by the caller (and `data` unchanged since).
    """
    vocabulary = _vocabulary_for_validation()
    triples = index if index is not None else data_index(data)
    # Checks that provably cannot report anything on this graph are left out of
    # pyshacl's run: nested sh:node / sh:or checks, whole property shapes and node
    # shapes, SPARQL targets that select nothing. They cost most of its time (see _screen).
    dropped = _screen().droppable(triples)
    findings = _screen().findings(triples, dropped)
    if findings is None:
        report_graph = _pyshacl_report(data, triples, vocabulary, dropped)
        results = _results(report_graph)
        make_report_graph: Callable[[], Graph] = lambda: report_graph  # noqa: E731
    else:
        # What is left are counts of values whose results the screen makes itself (most
        # often the persons to review): pyshacl writes the report graph only if it is read,
        # from the triples as they are now.
        results = tuple(
            ShapeResult(f.focus_node, f.path, f.severity, f.message, f.source_shape, None)
            for f in findings
        )
        make_report_graph = partial(_pyshacl_report, None, triples, vocabulary, dropped)
    conforms = not any(r.is_violation for r in results)
    return ShapeReport(conforms=conforms, results=results, make_report_graph=make_report_graph)


def _pyshacl_report(
    data: Graph | None,
    triples: TripleIndex,
    vocabulary: tuple[tuple[Node, Node, Node], ...],
    dropped: frozenset[tuple[Node, Node, Node]],
) -> Graph:
    """pyshacl's report on `data` (None: on `triples`) without the `dropped` checks."""
    shapes = _parsed_shapes()
    with _validation_view(data, triples, vocabulary) as target:
        _, report_graph, _ = pyshacl_validate(
            target,
            shacl_graph=pruned_shapes(shapes, dropped) if dropped else shapes,
            inference="none",
            advanced=True,  # SHACL-AF: SPARQL-based targets
            allow_warnings=True,
            inplace=True,  # no inference and no rules: pyshacl only reads `target`
        )
    assert isinstance(report_graph, Graph)
    _restore_source_shapes(report_graph, shapes, dropped)
    return report_graph
