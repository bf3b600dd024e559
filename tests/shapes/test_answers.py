"""The shapes' SPARQL queries answered in Python give rdflib's answers, or none at all.

`beslutsgraf.shapes._answers` answers the SPARQL targets and constraints of the
shapes from a triple index (targets: the selected nodes; constraints: "no rows"
when provable). Each answer is compared here with rdflib's evaluation of the
same text, as pyshacl sends it, on every example graph, on broken variants of
the valid ones and on graphs the pipeline makes from corpus minutes (whose
literals are built from Python values, not parsed). The report-level check is
tests/shapes/test_screen.py, which validates every example with and without the
fast paths.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Node, URIRef, Variable
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF, SH

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.iris import DEFAULT_MINTER
from beslutsgraf.ingest.known import Known, extend_known
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.reference import reference_graph
from beslutsgraf.ingest.reference_known import with_reference
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.shapes import _parsed_shapes, _screen, _vocabulary_for_validation, validate_graph
from beslutsgraf.shapes._answers import _CONSTRAINTS, _TARGETS, _body, answer
from beslutsgraf.shapes._screen import TripleIndex, _target_screen
from tests.conftest import corpus_file
from tests.shapes.test_screen import EXAMPLES_DIR, _broken, _graph, _paths

_SHAPES_PREFIXES = URIRef("https://w3id.org/beslutsgraf/shapes")


@cache
def _queries() -> tuple[tuple[str, bool], ...]:
    """Every sh:select of the shapes as pyshacl sends it, and whether it is a target."""
    shapes = _parsed_shapes()
    prefixes = "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in shapes.objects(_SHAPES_PREFIXES, SH.declare)
    )
    targets = set(shapes.objects(None, SH.target))
    return tuple(
        sorted(
            (f"{prefixes}\n{text}", node in targets)
            for node, text in shapes.subject_objects(SH.select)
        )
    )


@cache
def _pipeline_graphs() -> tuple[Graph, ...]:
    """Graphs of two corpus minutes, as the pipeline builds them (not parsed)."""
    mentions = [extract(segment(read(corpus_file(prefix)))) for prefix in ("000", "002")]
    known = extend_known(with_reference(Known(), reference_graph(DEFAULT_MINTER)), mentions)
    at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    return tuple(to_rdf(resolve(m, known, DEFAULT_MINTER), at) for m in mentions)


def _with_vocabulary(graph: Graph) -> Graph:
    """What pyshacl reads: the data and the vocabulary triples the shapes need."""
    copy = Graph()
    for triple in (*graph, *_vocabulary_for_validation()):
        copy.add(triple)
    return copy


def _focus_candidates(data: Graph) -> set[Node]:
    """Typed nodes other than evidence (no constraint query is about evidence nodes):
    every focus node pyshacl could bind, at a fraction of the rdflib queries."""
    return {
        node
        for node, cls in data.subject_objects(RDF.type)
        if not str(cls).startswith("http://www.w3.org/ns/oa#")
    }


def _assert_answers_match_rdflib(graph: Graph) -> int:
    """Compare every answer with rdflib's; returns how many queries were answered."""
    data = _with_vocabulary(graph)
    index = TripleIndex(data)
    answered = 0
    for text, is_target in _queries():
        if is_target:
            known = answer(index, text, None)
            if known is not None:
                answered += 1
                expected = {row[Variable("this")] for row in data.query(text).bindings}
                assert {row[Variable("this")] for row in known[1]} == expected, text
            continue
        for focus in _focus_candidates(data):
            known = answer(index, text, {"this": focus})
            if known is not None:
                answered += 1
                assert known[1] == [], text
                assert len(data.query(text, initBindings={"this": focus})) == 0, (focus, text)
    return answered


@pytest.mark.parametrize("path", _paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_answers_equal_rdflib_on_every_example(path: Path) -> None:
    _assert_answers_match_rdflib(_graph(path))


# About a minute on 2 cores: in `make test-all`; the examples and corpus graphs above
# keep the fast path checked in `make test`.
@pytest.mark.slow
@pytest.mark.parametrize(
    "path", sorted((EXAMPLES_DIR / "valid").glob("*.ttl")), ids=lambda p: p.name
)
def test_answers_equal_rdflib_on_broken_variants(path: Path) -> None:
    for variant in _broken(_graph(path), random.Random(f"answers {path.name}")):
        _assert_answers_match_rdflib(variant)


def test_answers_equal_rdflib_on_corpus_graphs() -> None:
    for graph in _pipeline_graphs():
        # The fast path is taken on real documents: every target and several constraints.
        assert _assert_answers_match_rdflib(graph) > len(_TARGETS)


def test_every_answered_query_is_a_query_of_the_shapes() -> None:
    """A reworded shape query would silently lose its fast path: keep the two in step."""
    bodies = {_body(text): is_target for text, is_target in _queries()}
    assert {body: True for body in _TARGETS}.items() <= bodies.items()
    assert {body: False for body in _CONSTRAINTS}.items() <= bodies.items()


def test_the_screen_drops_the_evidence_targets_on_corpus_graphs() -> None:
    """Offsets made from Python ints (rdflib leaves them unchecked) are still screened."""
    shapes = _parsed_shapes()
    evidence_targets = {
        (s, o) for s, o in shapes.subject_objects(SH.target) if _target_screen(shapes, o)
    }
    assert len(evidence_targets) == 2
    for graph in _pipeline_graphs():
        dropped = _screen().droppable(TripleIndex((*graph, *_vocabulary_for_validation())))
        screened = {(s, o) for s, p, o in dropped if p == SH.target}
        assert evidence_targets <= screened


def test_validating_a_graph_leaves_it_as_it_was() -> None:
    graph = _pipeline_graphs()[0]
    before = to_isomorphic(graph)
    report = validate_graph(graph)
    assert report.conforms
    # Warnings name persons by their evidence in this one document (PersonReviewShape).
    assert report.warnings
    assert isomorphic(graph, before)
    assert not any(triple in graph for triple in _vocabulary_for_validation())
