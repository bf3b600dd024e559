"""`beslutsgraf bench`: the synthetic graph loaded into a fresh embedded store and every
shipped competency query timed, in process, through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from beslutsgraf.service.bench import competency_queries
from beslutsgraf.service.cli import run

DOCS_QUERIES = Path(__file__).parents[2] / "docs" / "queries"


def test_bench_loads_the_synthetic_graph_and_times_every_competency_query(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bench.json"
    assert run(["bench", "--triples", "5000", "--repeat", "2", "--json", str(out)]) == 0
    assert "cq1-sub-agreements" in capsys.readouterr().out

    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["load_s"] > 0
    assert report["triples_per_s"] > 0
    assert report["peak_rss_mib"] > 0
    # Every generated quad is stored; whole documents reach the target (the vocabulary,
    # which grows with the ontology, counts too), overshooting by less than one document.
    assert report["stored_triples"] == report["generated_quads"]
    assert 5000 <= report["stored_triples"] < 5000 + 2500
    assert report["repeat"] == 2

    queries = report["queries"]
    assert [q["name"] for q in queries] == [name for name, _ in competency_queries()]
    assert [q["name"] for q in queries] == sorted(f.stem for f in DOCS_QUERIES.glob("cq*.rq"))
    for query in queries:
        assert isinstance(query["rows"], int)
        assert 0 <= query["p50_ms"] <= query["p95_ms"]
    assert any(q["rows"] > 0 for q in queries)  # the generator plants what they look up


@pytest.mark.parametrize("option", ["--triples", "--repeat"])
def test_bench_refuses_a_size_that_is_not_positive(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["bench", option, "0"]) == 1
    assert capsys.readouterr().err == f"error: {option} must be greater than 0, not 0\n"
