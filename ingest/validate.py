"""The `validate` stage: SHACL shapes, plus the quote check SHACL cannot express.

SHACL cannot compare a literal with a slice of a file, so the promise that
every oa:exact equals the source characters between oa:start and oa:end is
checked here, in Python, against the document the graph was built from.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ontology import OA
from beslutsgraf.shapes import ShapeReport, validate_graph

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
    return ValidationOutcome(
        report=validate_graph(graph),
        quote_mismatches=_quote_mismatches(graph, document.source_text),
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


def _quote_mismatches(graph: Graph, source_text: str) -> tuple[QuoteMismatch, ...]:
    # One pass per predicate: looking each node up in rdflib's store costs more than
    # the check (a corpus document has ~250 annotations).
    targets, selectors = _by_subject(graph, OA.hasTarget), _by_subject(graph, OA.hasSelector)
    starts, ends = _by_subject(graph, OA.start), _by_subject(graph, OA.end)
    exacts = _by_subject(graph, OA.exact)
    positions = set(graph.subjects(RDF.type, OA.TextPositionSelector))
    quotes = set(graph.subjects(RDF.type, OA.TextQuoteSelector))
    mismatches = []
    annotations = (a for a in graph.subjects(RDF.type, OA.Annotation) if isinstance(a, URIRef))
    for annotation in sorted(annotations):
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
