"""Leaving out checks that cannot fire changes nothing: same results, same report graph.

`validate_graph` screens each graph (beslutsgraf.shapes._screen) and runs pyshacl
without the nested checks, whole property shapes and SPARQL targets that the
screen proves cannot report anything on it, answering the shapes' own SPARQL
queries in Python where it can (beslutsgraf.shapes._answers). These tests run
every example both ways, and on variants of the examples with values broken in
the ways the screen has to notice, and require identical reports.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

import beslutsgraf.shapes as shapes_module
from beslutsgraf.shapes import ShapeReport, _screen, validate_graph
from beslutsgraf.shapes._screen import Screen, TripleIndex

EXAMPLES_DIR = Path(__file__).resolve().parent
OA = "http://www.w3.org/ns/oa#"
BG = "https://w3id.org/beslutsgraf/def#"
XSD = "http://www.w3.org/2001/XMLSchema#"
CLASSES = [
    URIRef("http://xmlns.com/foaf/0.1/Person"),
    URIRef("http://www.w3.org/ns/org#Organization"),
    URIRef(f"{BG}Meeting"),
    URIRef(f"{BG}Decision"),
    URIRef(f"{OA}Annotation"),
    URIRef(f"{OA}TextPositionSelector"),
]

Key = tuple[str, str, str, str, str]


def _paths() -> list[Path]:
    return sorted((EXAMPLES_DIR / "valid").glob("*.ttl")) + sorted(
        (EXAMPLES_DIR / "invalid").glob("*.ttl")
    )


def _graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def _keys(report: ShapeReport) -> list[Key]:
    return sorted(
        (
            str(r.focus_node),
            "" if r.path is None else str(r.path),
            str(r.severity),
            r.message,
            "" if r.value is None else str(r.value),
        )
        for r in report.results
    )


def _unscreened(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> ShapeReport:
    """Plain pyshacl: no check left out, every SPARQL query evaluated by rdflib."""
    with monkeypatch.context() as patch:
        patch.setattr(Screen, "droppable", lambda self, data: frozenset())
        patch.setattr(shapes_module, "answer", lambda data, text, bindings: None)
        return validate_graph(graph)


def _assert_same(graph: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    screened = validate_graph(graph)
    full = _unscreened(graph, monkeypatch)
    assert _keys(screened) == _keys(full)
    assert screened.conforms == full.conforms
    assert isomorphic(screened.report_graph, full.report_graph)


@pytest.mark.parametrize("path", _paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_screened_validation_reports_what_the_full_shapes_report(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_same(_graph(path), monkeypatch)


def _broken(graph: Graph, rng: random.Random) -> Iterator[Graph]:
    """Copies of `graph` with one to three values changed, typed or moved."""
    triples = sorted(graph)
    for _ in range(12):
        copy = Graph()
        for triple in triples:
            copy.add(triple)
        for _ in range(rng.randint(1, 3)):
            subject, predicate, value = rng.choice(triples)
            kind = rng.randrange(6)
            if kind == 0 and isinstance(value, URIRef):
                copy.remove((subject, predicate, value))
                copy.add((subject, predicate, Literal(str(value))))
            elif kind == 1 and not isinstance(value, Literal):
                copy.add((value, RDF.type, rng.choice(CLASSES)))
            elif kind == 2 and isinstance(value, Literal):
                local = rng.choice(["string", "date", "integer", "gYearMonth", None])
                datatype = None if local is None else URIRef(XSD + local)
                copy.remove((subject, predicate, value))
                copy.add((subject, predicate, Literal(str(value), datatype=datatype)))
            elif kind == 3:
                copy.remove((subject, predicate, value))
            elif kind == 4:
                copy.add((rng.choice(triples)[0], predicate, value))
            elif kind == 5 and isinstance(value, Literal) and str(value).isdigit():
                copy.remove((subject, predicate, value))
                shifted = int(value) + rng.choice([-1000, -1, 1, 7])
                copy.add((subject, predicate, Literal(str(shifted), datatype=value.datatype)))
            elif not isinstance(value, Literal):
                copy.remove((subject, predicate, value))
                copy.add((subject, predicate, BNode()))
        yield copy


@pytest.mark.parametrize(
    "path",
    sorted((EXAMPLES_DIR / "valid").glob("*.ttl")),
    ids=lambda p: p.name,
)
def test_broken_variants_of_valid_examples_report_the_same_both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(path.name)
    for variant in _broken(_graph(path), rng):
        _assert_same(variant, monkeypatch)


def test_the_screen_leaves_out_checks_on_a_conforming_graph() -> None:
    """Otherwise the fast path would never be taken and the tests above prove nothing."""
    graph = _graph(EXAMPLES_DIR / "valid" / "sro-2025-03-06-minutes.ttl")
    dropped = _screen().droppable(TripleIndex(graph))
    assert len(dropped) > 50


def _without_pyshacl(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("pyshacl ran")

    monkeypatch.setattr(shapes_module, "pyshacl_validate", refuse)


def test_corpus_graphs_are_validated_by_the_screen_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """On minutes as the pipeline builds them every check left is one the screen reports
    itself (the persons to review): the same results as pyshacl's full run, without it."""
    from tests.shapes.test_answers import _pipeline_graphs

    reported = 0
    for graph in _pipeline_graphs():
        with monkeypatch.context() as patch:
            _without_pyshacl(patch)
            fast = validate_graph(graph)
        full = _unscreened(graph, monkeypatch)
        assert _keys(fast) == _keys(full)
        assert fast.conforms and full.conforms
        reported += len(fast.results)
        # The report graph is pyshacl's, made when read.
        assert isomorphic(fast.report_graph, full.report_graph)
    assert reported > 10  # warnings for persons seen once: the computed path is exercised


def test_a_violation_found_by_counting_is_the_one_pyshacl_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A decision without its meeting: the warning the screen counts, then a second
    decision body missing (a violation) makes pyshacl run and report both."""
    from tests.shapes.test_answers import _pipeline_graphs

    graph = Graph()
    for triple in _pipeline_graphs()[0]:
        graph.add(triple)
    decided_at = URIRef(f"{BG}decidedAt")
    decision = sorted(graph.subjects(decided_at, None))[0]
    graph.remove((decision, decided_at, None))
    with monkeypatch.context() as patch:
        _without_pyshacl(patch)
        fast = validate_graph(graph)
    assert any(
        r.focus_node == decision and r.path == decided_at and r.severity.endswith("Warning")
        for r in fast.results
    )
    _assert_same(graph, monkeypatch)
    graph.remove((decision, URIRef(f"{BG}decidedBy"), None))
    _assert_same(graph, monkeypatch)
    assert not validate_graph(graph).conforms
