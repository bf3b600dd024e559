"""A document whose graph violates the shapes is quarantined, never loaded."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
from rdflib import Graph

from beslutsgraf.ingest.quarantine import GRAPH_FILE, REPORT_FILE, SUMMARY_FILE
from beslutsgraf.ingest.resolve import Resolved
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

# The module, not the `run` function the package exports under the same name.
run_module = import_module("beslutsgraf.ingest.run")

_real_to_rdf = run_module.to_rdf


def _without_decision_texts(resolved: Resolved, *args: object) -> Graph:
    """to_rdf with a bug: every bg:decisionText dropped (a required property)."""
    graph = _real_to_rdf(resolved, *args)  # type: ignore[arg-type]
    graph.remove((None, BG.decisionText, None))
    return graph


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    (tmp_path / "data").mkdir()
    opened = EmbeddedStore(tmp_path / "data" / "store")
    yield opened
    opened.close()


def test_violating_document_is_quarantined_with_its_report(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Path(shutil.copy(corpus_file("000"), tmp_path / "000.txt"))
    quarantine_dir = tmp_path / "data" / "quarantine"
    before = sorted(store.named_graphs())
    monkeypatch.setattr(run_module, "to_rdf", _without_decision_texts)

    summary = run([document], store, quarantine_dir=quarantine_dir)

    (outcome,) = summary.outcomes
    assert outcome.status == Status.QUARANTINED
    assert outcome.message is not None and str(document) in outcome.message
    assert "decisionText" in outcome.message
    assert sorted(store.named_graphs()) == before  # nothing loaded, not even identity links
    folder = outcome.quarantine
    assert folder is not None and folder.parent == quarantine_dir
    assert folder.name.startswith("000.txt.")
    assert (folder / "000.txt").read_bytes() == document.read_bytes()
    report = Graph().parse(folder / REPORT_FILE, format="turtle")
    assert len(report) > 0
    assert len(Graph().parse(folder / GRAPH_FILE, format="turtle")) > 0
    summary_text = (folder / SUMMARY_FILE).read_text(encoding="utf-8")
    assert "not loaded" in summary_text and "bg:decisionText" in summary_text


def test_quarantine_does_not_stop_the_batch(
    tmp_path: Path, store: EmbeddedStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = Path(shutil.copy(corpus_file("000"), tmp_path / "000.txt"))
    good = Path(shutil.copy(corpus_file("002"), tmp_path / "002.txt"))

    def break_only_000(resolved: Resolved, *args: object) -> Graph:
        if resolved.mentions.document.path == bad:
            return _without_decision_texts(resolved, *args)
        return _real_to_rdf(resolved, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "to_rdf", break_only_000)
    summary = run([bad, good], store, quarantine_dir=tmp_path / "quarantine")
    statuses = {o.path.name: o.status for o in summary.outcomes}
    assert statuses == {"000.txt": Status.QUARANTINED, "002.txt": Status.LOADED}
    assert len([g for g in store.named_graphs() if "/source/" in g]) == 1
