"""The synthetic generator behind the benchmarks: deterministic, shaped like the
application profile, conforming to the shapes, and holding the values the competency
queries bind (so the benchmark measures queries that return rows)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset

from beslutsgraf.service.synthetic_graph import ANCHORS, generate, write_nquads
from beslutsgraf.shapes import validate_graph

REPO_ROOT = Path(__file__).resolve().parents[2]
QUERY_FILES = sorted((REPO_ROOT / "docs" / "queries").glob("cq*.rq"))
BG = "https://w3id.org/beslutsgraf/def#"
SOURCE = re.compile(r"^https://w3id\.org/beslutsgraf/id/source/[0-9a-f]{16}$")
SMALL = 8_000  # the shared graphs (~2,900 quads) and a handful of documents


@cache
def _sample_text() -> str:
    return "".join(generate(SMALL))


@cache
def _sample_store() -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(_sample_text().encode(), pyoxigraph.RdfFormat.N_QUADS)
    return store


def _select(sparql: str) -> list[pyoxigraph.QuerySolution]:
    solutions = _sample_store().query(sparql, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    return list(solutions)


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    assert "".join(generate(SMALL)) == _sample_text()
    assert "".join(generate(SMALL, seed=6)) != _sample_text()


def test_size_follows_the_target(tmp_path: Path) -> None:
    summary = write_nquads(tmp_path / "data.nq", 30_000)
    lines = (tmp_path / "data.nq").read_text(encoding="utf-8").splitlines()
    assert summary.quads == len(lines)
    assert 30_000 <= summary.quads < 31_500  # stops after the document reaching it
    assert summary.documents > 10
    assert summary.decisions > summary.meetings > 0


def test_one_named_graph_per_document_named_by_its_source_iri() -> None:
    graphs = {row["g"].value for row in _select("SELECT DISTINCT ?g { GRAPH ?g {} }")}
    documents = {
        row["g"].value
        for row in _select(f"SELECT ?g {{ GRAPH ?g {{ ?g a <{BG}SourceDocument> }} }}")
    }
    assert len(documents) > 3
    assert all(SOURCE.match(graph) for graph in documents)
    shared = {"https://w3id.org/beslutsgraf/def", "https://w3id.org/beslutsgraf/id/graph/reference"}
    assert graphs == documents | shared


def test_every_class_of_the_profile_is_there() -> None:
    rows = _select("SELECT ?class (COUNT(*) AS ?n) { ?s a ?class } GROUP BY ?class")
    counts = Counter({row["class"].value: int(row["n"].value) for row in rows})
    for name in (
        f"{BG}Meeting",
        f"{BG}AgendaItem",
        f"{BG}Decision",
        f"{BG}Agreement",
        f"{BG}ValidityPeriod",
        f"{BG}SourceDocument",
        f"{BG}Assignment",
        "http://xmlns.com/foaf/0.1/Person",
        "http://www.w3.org/ns/org#Membership",
        "http://www.w3.org/ns/org#Organization",
        "http://www.w3.org/ns/oa#Annotation",
        "http://www.w3.org/ns/oa#TextPositionSelector",
        "http://www.w3.org/ns/oa#TextQuoteSelector",
    ):
        assert counts[name] > 0, name


def test_quotes_match_their_spans() -> None:
    rows = _select(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?exact ?start ?end {"
        " ?t oa:hasSelector ?q , ?p . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end }"
    )
    assert len(rows) > 100
    for row in rows:
        assert len(row["exact"].value) == int(row["end"].value) - int(row["start"].value)


@pytest.mark.parametrize("query_file", QUERY_FILES, ids=lambda path: path.stem)
def test_competency_queries_find_their_parameters(query_file: Path) -> None:
    assert len(QUERY_FILES) == 10
    assert _select(query_file.read_text(encoding="utf-8")), "no rows: anchor missing"


def test_anchor_decision_exists() -> None:
    assert _select(f"SELECT ?p ?o {{ <{ANCHORS.decision}> ?p ?o }}")


def test_a_small_sample_conforms_to_the_shapes() -> None:
    dataset = Dataset()
    dataset.parse(data=_sample_text(), format="nquads")
    report = validate_graph(dataset)
    assert report.conforms, "\n".join(report.lines()[:20])
