"""`validate_graph` as ingestion and the CLI call it: on a document graph or a dataset."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH

from beslutsgraf.shapes import validate_graph

EXAMPLES = Path(__file__).resolve().parent
MINUTES = EXAMPLES / "valid" / "sro-2025-03-06-minutes.ttl"
UNCLASSIFIED = EXAMPLES / "invalid" / "decision-unclassified.ttl"
DECISION = URIRef("https://w3id.org/beslutsgraf/id/meeting/sro/2025-03-06/item/4/decision/1")


def _graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def test_the_caller_graph_is_left_unchanged() -> None:
    graph = _graph(MINUTES)
    before = set(graph)
    validate_graph(graph)
    assert set(graph) == before  # the vocabulary is mixed into a copy


def test_results_name_the_users_nodes_not_the_nested_checks() -> None:
    # A concept from the wrong scheme fails inside a nested shape; the report must
    # name the decision and its property, not the concept or the helper shape.
    report = validate_graph(_graph(UNCLASSIFIED))
    assert not report.conforms
    assert {(r.focus_node, r.severity) for r in report.results} == {(DECISION, SH.Violation)}
    assert all(r.message and not r.message.startswith("Node ") for r in report.results)
    assert report.summary() == "does not conform: 2 violation(s), 0 warning(s)"


def test_a_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    dataset = Dataset()
    document = dataset.graph(URIRef("https://w3id.org/beslutsgraf/id/source/8b74242104818f8b"))
    for triple in _graph(UNCLASSIFIED):
        document.add(triple)
    report = validate_graph(dataset)
    assert len(report.violations) == 2
    assert {r.focus_node for r in report.violations} == {DECISION}


def test_warnings_do_not_block_loading() -> None:
    report = validate_graph(_graph(MINUTES))
    assert report.conforms
    assert len(report.warnings) == 4
    assert all(line.startswith("Warning: ") for line in report.lines())
