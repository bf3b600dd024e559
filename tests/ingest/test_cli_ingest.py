"""`beslutsgraf ingest`: exit codes, the summary table, quarantine beside the store."""

from __future__ import annotations

import shutil
from importlib import import_module
from pathlib import Path

import pytest
from rdflib import Graph

from beslutsgraf.ingest.resolve import Resolved
from beslutsgraf.ontology import BG
from beslutsgraf.service.cli import run as cli
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

# The module, not the `run` function the package exports under the same name.
run_module = import_module("beslutsgraf.ingest.run")


def test_ingest_loads_and_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = shutil.copy(corpus_file("002"), tmp_path / "002.txt")
    store_dir = tmp_path / "data" / "store"
    assert cli(["ingest", str(document), "--store", str(store_dir)]) == 0
    out = capsys.readouterr().out
    assert "002.txt" in out and "loaded" in out
    store = EmbeddedStore(store_dir)
    try:
        assert any("/source/" in g for g in store.named_graphs())
    finally:
        store.close()
    # Again: unchanged, still exit 0.
    assert cli(["ingest", str(document), "--store", str(store_dir)]) == 0
    assert "unchanged" in capsys.readouterr().out


def test_ingest_exits_1_naming_quarantined_and_failed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_to_rdf = run_module.to_rdf

    def drop_decision_texts(resolved: Resolved, *args: object) -> Graph:
        graph = real_to_rdf(resolved, *args)  # type: ignore[arg-type]
        graph.remove((None, BG.decisionText, None))
        return graph

    monkeypatch.setattr(run_module, "to_rdf", drop_decision_texts)
    document = shutil.copy(corpus_file("000"), tmp_path / "000.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    store_dir = tmp_path / "data" / "store"
    code = cli(["ingest", str(document), str(empty), "--store", str(store_dir)])
    assert code == 1
    captured = capsys.readouterr()
    assert "quarantined" in captured.out and "failed" in captured.out
    error_lines = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert any("000.txt" in line and "quarantined" in line for line in error_lines)
    assert any("empty.txt" in line for line in error_lines)
    assert "2 of 2 document(s) not loaded" in error_lines[-1]
    # Quarantine sits beside the store folder.
    assert [p.name.split(".")[0] for p in (tmp_path / "data" / "quarantine").iterdir()] == ["000"]


def test_store_and_endpoint_together_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli(["ingest", str(tmp_path), "--store", str(tmp_path / "s"), "--endpoint", "http://x"])
    assert code == 1
    assert capsys.readouterr().err.startswith("error: give --store or --endpoint")
