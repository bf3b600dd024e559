"""`beslutsgraf query | load | export` through the real CLI entry point."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from beslutsgraf.service.cli import run
from beslutsgraf.store import EmbeddedStore
from beslutsgraf.store.testing import running_oxigraph

EX = "http://example.org/"
QUADS = (
    f'<{EX}a> <{EX}name> "Anna Åberg"@sv <{EX}graph/1> .\n'
    f'<{EX}b> <{EX}name> "Bo" <{EX}graph/2> .\n'
    f"<{EX}b> <{EX}knows> <{EX}a> <{EX}graph/2> .\n"
)


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.bulk_load(QUADS.encode(), "application/n-quads")
    store.close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_query_prints_sparql_json_as_the_store_answers(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sparql = f"SELECT ?n WHERE {{ <{EX}a> <{EX}name> ?n }}"
    code, out, err = _run(capsys, "query", "--store", str(store_dir), sparql)
    assert (code, err) == (0, "")
    store = EmbeddedStore(store_dir)
    try:
        expected = store.query(sparql, "application/sparql-results+json").body.decode()
    finally:
        store.close()
    assert out == expected  # byte for byte what the HTTP endpoint sends
    binding = json.loads(out)["results"]["bindings"][0]["n"]
    assert binding == {"type": "literal", "value": "Anna Åberg", "xml:lang": "sv"}


def test_query_from_file_as_csv(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query_file = tmp_path / "names.rq"
    query_file.write_text(
        f"# every name, in order\nSELECT ?n WHERE {{ ?s <{EX}name> ?n }} ORDER BY ?n\n",
        encoding="utf-8",
    )
    code, out, _ = _run(
        capsys, "query", "--store", str(store_dir), "--format", "csv", f"@{query_file}"
    )
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [["n"], ["Anna Åberg"], ["Bo"]]


def test_construct_as_turtle_and_nquads(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    construct = f"CONSTRUCT WHERE {{ ?s <{EX}knows> ?o }}"
    code, out, _ = _run(capsys, "query", "--store", str(store_dir), "--format", "ttl", construct)
    assert code == 0
    graph = rdflib.Graph().parse(data=out, format="turtle")
    assert set(graph) == {
        (rdflib.URIRef(f"{EX}b"), rdflib.URIRef(f"{EX}knows"), rdflib.URIRef(f"{EX}a"))
    }
    code, out, _ = _run(capsys, "query", "--store", str(store_dir), "--format", "nq", construct)
    assert (code, out) == (0, f"<{EX}b> <{EX}knows> <{EX}a> .\n")


def test_bad_query_exits_1_with_its_position(
    store_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "query", "--store", str(store_dir), "SELECT * WHERE { ?s ?p }")
    assert (code, out) == (1, "")
    assert err.startswith("error: query syntax error at line 1, column ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "--format", "yaml", "ASK {}"], "--format 'yaml' is not one of"),
        (["query", "--format", "ttl", "SELECT * WHERE { ?s ?p ?o }"], "unsupported media type"),
        (["query", "@missing.rq"], "missing.rq: cannot read the query file"),
        (["export", "--format", "csv"], "--format 'csv' is not one of"),
    ],
)
def test_user_errors_exit_1(
    store_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = _run(capsys, *argv[:1], "--store", str(store_dir), *argv[1:])
    assert code == 1
    assert err.startswith("error: ") and message in err


def test_missing_store_is_not_created_by_a_query(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo"
    code, _, err = _run(capsys, "query", "--store", str(missing), "ASK {}")
    assert (code, err) == (
        1,
        f"error: no store at {missing}: ingest or load data first, or pass --store / --endpoint\n",
    )
    assert not missing.exists()


def test_store_from_environment(
    store_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BESLUTSGRAF_STORE", str(store_dir))
    code, out, _ = _run(capsys, "query", "--format", "csv", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert (code, out.splitlines()) == (0, ["n", "3"])


def test_export_then_load_round_trips(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for format_name, suffix in [("nq", "nq"), ("trig", "trig"), ("jsonld", "jsonld")]:
        code, dump, _ = _run(capsys, "export", "--store", str(store_dir), "--format", format_name)
        assert code == 0
        dump_file = tmp_path / f"dump.{suffix}"
        dump_file.write_text(dump, encoding="utf-8")
        fresh = tmp_path / f"fresh-{suffix}"
        code, _, err = _run(capsys, "load", "--store", str(fresh), str(dump_file))
        assert code == 0 and f"loaded {dump_file}" in err
        code, copied, _ = _run(capsys, "export", "--store", str(fresh), "--format", "nq")
        assert sorted(copied.splitlines()) == sorted(QUADS.splitlines())


def test_export_turtle_is_the_union(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "export", "--store", str(store_dir), "--format", "ttl")
    assert code == 0
    assert len(rdflib.Graph().parse(data=out, format="turtle")) == 3


def test_load_turtle_into_a_graph_and_bad_dumps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_dir = tmp_path / "store"
    turtle = tmp_path / "ref.ttl"
    turtle.write_text(f"<{EX}x> <{EX}p> 1 .\n", encoding="utf-8")
    graph = f"{EX}graph/reference"
    code, _, _ = _run(capsys, "load", "--store", str(store_dir), "--graph", graph, str(turtle))
    assert code == 0
    code, out, _ = _run(
        capsys,
        "query",
        "--store",
        str(store_dir),
        "--format",
        "tsv",
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    )
    assert out.splitlines() == ["?g", f"<{graph}>"]

    broken = tmp_path / "broken.nq"
    broken.write_text(f"<{EX}x> <{EX}p> .\n", encoding="utf-8")
    code, _, err = _run(capsys, "load", "--store", str(store_dir), str(broken))
    assert code == 1 and err.startswith(f"error: {broken}: ")
    unknown = tmp_path / "dump.csv"
    unknown.write_text("a,b\n", encoding="utf-8")
    code, _, err = _run(capsys, "load", "--store", str(store_dir), str(unknown))
    assert code == 1 and "unsupported media type" in err


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-cli")) as base:
        yield base


def test_load_and_query_a_remote_endpoint(
    oxigraph_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.nq"
    dump.write_text(QUADS, encoding="utf-8")
    code, _, err = _run(capsys, "load", "--endpoint", oxigraph_server, str(dump))
    assert (code, err) == (0, f"loaded {dump}\n")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    code, out, _ = _run(capsys, "query", "--endpoint", oxigraph_server, "--format", "csv", count)
    assert (code, out.splitlines()) == (0, ["n", "3"])
    code, out, _ = _run(capsys, "export", "--endpoint", oxigraph_server, "--format", "nq")
    assert sorted(out.splitlines()) == sorted(QUADS.splitlines())


def test_unreachable_endpoint_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "query", "--endpoint", "http://127.0.0.1:9", "ASK {}")
    assert code == 1
    assert err.startswith("error: cannot reach http://127.0.0.1:9/query") and err.count("\n") == 1
