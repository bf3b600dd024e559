"""The `validate` stage: SHACL shapes, plus the quote check SHACL cannot express.

SHACL cannot compare a literal with a slice of a file, so the promise that
every oa:exact equals the source characters between oa:start and oa:end is
checked here, in Python, against the document the graph was built from.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rdflib import ConjunctiveGraph, Graph, Literal, Node, URIRef
from rdflib.namespace import RDF

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.graph_store import stored_triples
from beslutsgraf.ontology import OA
from beslutsgraf.shapes import ShapeReport, TripleIndex, canonical, data_index, validate_graph

__all__ = ["QuoteMismatch", "ValidationOutcome", "validate"]


@dataclass(frozen=True)
class QuoteMismatch:
    """An annotation whose oa:exact is not the source slice its positions point at."""

    annotation: URIRef
    start: int
    end: int
    exact: str
    actual: str

    def line(self) -> str:
        return (
            f"Violation: {self.annotation.n3()} oa:exact {self.exact!r} differs from the "
            f"source characters {self.start}..{self.end} {self.actual!r}"
        )


@dataclass(frozen=True)
class ValidationOutcome:
    """The shapes' report and the quote check; `conforms` gates loading."""

    report: ShapeReport
    quote_mismatches: tuple[QuoteMismatch, ...]

    @property
    def conforms(self) -> bool:
        return self.report.conforms and not self.quote_mismatches

    @property
    def violation_count(self) -> int:
        return len(self.report.violations) + len(self.quote_mismatches)

    @property
    def warning_count(self) -> int:
        return len(self.report.warnings)

    def lines(self) -> list[str]:
        """Readable lines, violations first (quote mismatches are violations)."""
        shape_lines = self.report.lines()
        violations = [line for line in shape_lines if line.startswith("Violation")]
        others = [line for line in shape_lines if not line.startswith("Violation")]
        return [*violations, *(m.line() for m in self.quote_mismatches), *others]


def validate(graph: Graph, document: RawDocument) -> ValidationOutcome:
    """SHACL-validate `graph` and check every quote against `document.source_text`."""
    index = data_index(graph, stored_triples(graph))  # read once, for the shapes and the quotes
    return ValidationOutcome(
        report=validate_graph(graph, index),
        quote_mismatches=_quote_mismatches(graph, document.source_text, index),
    )


def _int(node: object) -> int | None:
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, int):
            return value
    return None


def _by_subject(graph: Graph, predicate: URIRef) -> dict[object, list[object]]:
    values: dict[object, list[object]] = {}
    for subject, _, value in graph.triples((None, predicate, None)):
        values.setdefault(subject, []).append(value)
    return values


def _sorted_iris(iris: list[URIRef]) -> list[URIRef]:
    """`sorted(iris)`: IRIs of one type are ordered by their text, which Python compares
    itself; rdflib's `<` is a Python call per comparison."""
    if all(type(iri) is URIRef for iri in iris):
        return sorted(iris, key=str)
    return sorted(iris)


def _quote_mismatches(
    graph: Graph, source_text: str, index: TripleIndex | None = None
) -> tuple[QuoteMismatch, ...]:
    # A dataset's index is the union of its graphs: only a plain graph's is the graph.
    if index is not None and not isinstance(graph, ConjunctiveGraph):
        found = _indexed_quote_mismatches(index, source_text)
        if found is not None:
            return found
    # One pass per predicate: looking each node up in rdflib's store costs more than
    # the check (a corpus document has ~250 annotations).
    targets, selectors = _by_subject(graph, OA.hasTarget), _by_subject(graph, OA.hasSelector)
    starts, ends = _by_subject(graph, OA.start), _by_subject(graph, OA.end)
    exacts = _by_subject(graph, OA.exact)
    positions = set(graph.subjects(RDF.type, OA.TextPositionSelector))
    quotes = set(graph.subjects(RDF.type, OA.TextQuoteSelector))
    mismatches = []
    annotations = [a for a in graph.subjects(RDF.type, OA.Annotation) if isinstance(a, URIRef)]
    for annotation in _sorted_iris(annotations):
        for target in targets.get(annotation, ()):
            chosen = selectors.get(target, [])
            for position in (s for s in chosen if s in positions):
                start = _int(starts.get(position, [None])[0])
                end = _int(ends.get(position, [None])[0])
                if start is None or end is None:
                    continue  # a missing or mistyped offset is the shapes' finding
                actual = source_text[start:end] if 0 <= start <= end else ""
                if end > len(source_text):
                    actual = f"<beyond the end of the text, {len(source_text)} characters>"
                for quote in (s for s in chosen if s in quotes):
                    exact = str(exacts.get(quote, [None])[0])
                    if exact != actual:
                        mismatches.append(QuoteMismatch(annotation, start, end, exact, actual))
    return tuple(mismatches)


# The terms as the index keys them (see beslutsgraf.shapes.canonical).
_TYPE = canonical(RDF.type)
_ANNOTATION = canonical(OA.Annotation)
_POSITION = canonical(OA.TextPositionSelector)
_QUOTE = canonical(OA.TextQuoteSelector)
_HAS_TARGET = canonical(OA.hasTarget)
_HAS_SELECTOR = canonical(OA.hasSelector)
_START = canonical(OA.start)
_END = canonical(OA.end)
_EXACT = canonical(OA.exact)


class _Ambiguous(Exception):
    """More than one value where `_quote_mismatches` takes them in the graph's order."""


def _one(values: Collection[Node]) -> Node | None:
    if len(values) > 1:
        raise _Ambiguous
    return next(iter(values), None)


def _indexed_quote_mismatches(
    index: TripleIndex, source_text: str
) -> tuple[QuoteMismatch, ...] | None:
    """`_quote_mismatches` read from the validation's index instead of the graph, when
    each annotation has one target and each target one selector of each kind, each with
    one value of each offset and quote (as the shapes require): then nothing depends on
    the order the graph gives its values in. None: ask the graph."""
    positions, quotes = set(index.subjects(_TYPE, _POSITION)), set(index.subjects(_TYPE, _QUOTE))
    annotations = [a for a in index.subjects(_TYPE, _ANNOTATION) if isinstance(a, URIRef)]
    mismatches = []
    try:
        for annotation in _sorted_iris(annotations):
            target = _one(index.objects(annotation, _HAS_TARGET))
            if target is None:
                continue
            chosen = index.objects(target, _HAS_SELECTOR)
            position = _one([s for s in chosen if s in positions])
            quote = _one([s for s in chosen if s in quotes])
            if position is None:
                continue
            start = _int(_one(index.objects(position, _START)))
            end = _int(_one(index.objects(position, _END)))
            if start is None or end is None:
                continue  # a missing or mistyped offset is the shapes' finding
            actual = source_text[start:end] if 0 <= start <= end else ""
            if end > len(source_text):
                actual = f"<beyond the end of the text, {len(source_text)} characters>"
            if quote is not None:
                exact = str(_one(index.objects(quote, _EXACT)))
                if exact != actual:
                    mismatches.append(QuoteMismatch(annotation, start, end, exact, actual))
    except _Ambiguous:
        return None
    return tuple(mismatches)
