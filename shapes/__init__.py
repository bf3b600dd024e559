"""SHACL shapes of the application profile, and the one entry point that validates a graph.

pyshacl is the reference validator. Validation runs with the vocabulary (ontology
and SKOS schemes) as the ontology graph, so shapes can check that a value is a
concept of the right scheme without every document repeating the schemes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import RDF, SH

from beslutsgraf.ontology import bind_prefixes, load_vocabulary

__all__ = ["ShapeReport", "ShapeResult", "load_shapes", "shape_files", "validate_graph"]


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
    report_graph: Graph

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


def load_shapes() -> Graph:
    """All shapes as one graph (a copy: callers may not mutate the cached parse)."""
    copy = bind_prefixes(Graph())
    for triple in _parsed_shapes():
        copy.add(triple)
    return copy


def _results(report: Graph) -> tuple[ShapeResult, ...]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
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


def validate_graph(data: Graph) -> ShapeReport:
    """Validate `data` against every shape. `conforms` is False only for sh:Violation."""
    _, report_graph, _ = pyshacl_validate(
        data,
        shacl_graph=_parsed_shapes(),
        ont_graph=load_vocabulary(),
        inference="none",
        advanced=True,  # SHACL-AF: SPARQL-based targets
        allow_warnings=True,
    )
    results = _results(report_graph)
    conforms = not any(r.is_violation for r in results)
    return ShapeReport(conforms=conforms, results=results, report_graph=report_graph)
