"""`run` in batches: the same graphs as one batch, months placed through the store,
and a re-resolved graph that fails the shapes never costs the stored one."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from importlib import import_module
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import FOAF, SKOS

from beslutsgraf.ingest.curation import load_curation
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.resolve import Resolved
from beslutsgraf.ingest.run import ProgressUpdate, Status, run
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import corpus_file

# The module, not the `run` function the package exports under the same name.
run_module = import_module("beslutsgraf.ingest.run")

FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
ID = "https://w3id.org/beslutsgraf/id/"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX dct: <http://purl.org/dc/terms/> "


def _graph_sizes(store: EmbeddedStore, *, alt_labels: bool = True) -> dict[str, int]:
    quads = b"".join(store.dump("application/n-quads")).decode("utf-8").splitlines()
    if not alt_labels:
        quads = [q for q in quads if f"<{SKOS.altLabel}>" not in q]
    return dict(Counter(line.rsplit(" ", 2)[-2] for line in quads if line.strip()))


def _people(store: EmbeddedStore) -> set[frozenset[str]]:
    """Each person as the set of spellings the resolution graph gives it."""
    rows = store.select(
        f"SELECT ?p ?n WHERE {{ GRAPH <{ID}graph/resolution> {{ ?p a <{FOAF.Person}> . "
        f"{{ ?p <{FOAF.name}> ?n }} UNION {{ ?p <{SKOS.altLabel}> ?n }} }} }}"
    )
    spellings: dict[str, set[str]] = {}
    for row in rows:
        spellings.setdefault(row["p"], set()).add(literal_value(row["n"]))
    return {frozenset(names) for names in spellings.values()}


def _dump(store: EmbeddedStore) -> list[bytes]:
    return sorted(b"".join(store.dump("application/n-quads")).splitlines())


def _copies(folder: Path, *prefixes: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [Path(shutil.copy(corpus_file(p), folder / f"{p}.txt")) for p in prefixes]


def test_batches_of_two_give_the_graphs_of_one_batch(corpus_dir: Path, tmp_path: Path) -> None:
    sizes, people = [], []
    for batch_size in (200, 2):
        store = EmbeddedStore(tmp_path / f"store-{batch_size}")
        try:
            updates: list[ProgressUpdate] = []
            summary = run(
                [corpus_dir],
                store,
                progress=updates.append,
                quarantine_dir=tmp_path / "q",
                generated_at=FIXED_TIME,
                batch_size=batch_size,
            )
            assert [o.status for o in summary.outcomes] == [Status.LOADED] * 5
            assert summary.resolution_triples > 0
            assert updates[0] == ProgressUpdate(0, 5)
            assert [u.done for u in updates[1:]] == [1, 2, 3, 4, 5]
            sizes.append(_graph_sizes(store, alt_labels=False))
            people.append(_people(store))
            # Ingesting the same files again, in batches too, writes nothing.
            before = _dump(store)
            again = run([corpus_dir], store, quarantine_dir=tmp_path / "q", batch_size=2)
            assert {o.status for o in again.outcomes} == {Status.UNCHANGED}
            assert _dump(store) == before
        finally:
            store.close()
    one_batch, batches = sizes
    assert len([g for g in one_batch if "/source/" in g]) == 5
    # The same graphs, the same triples in each, and the same spellings are one person.
    # Only which spelling names a person can differ (see run.py): the first batch that
    # names "Kristofer Svensson" fixes it, where one batch takes the more frequent
    # "Kristoffer"; the other spelling is an alternative label, in another graph.
    assert batches == one_batch
    assert people[0] == people[1]
    assert {"Kristofer Svensson", "Kristoffer Svensson"} in people[1]


def _january_decisions(store: EmbeddedStore) -> list[str]:
    rows = store.select(
        PREFIXES
        + f"SELECT DISTINCT ?d ?date WHERE {{ ?d bg:decidedAt <{ID}meeting/sro/2025-01-30> "
        "; dct:date ?date }"
    )
    return sorted(literal_value(row["date"]) for row in rows)


def test_a_month_finds_the_meeting_an_earlier_batch_dated(tmp_path: Path) -> None:
    # 000 dates the meeting "2025-01-30"; the summary 001 says only "januari 2025".
    # 002 between them, and batches of one: 001 meets 000 only through the store.
    minutes, other, summary = _copies(tmp_path / "docs", "000", "002", "001")
    store = EmbeddedStore(tmp_path / "store")
    try:
        result = run([minutes, other, summary], store, quarantine_dir=tmp_path / "q", batch_size=1)
        assert result.ok
        assert _january_decisions(store) == ["2025-01-30"] * 3
    finally:
        store.close()


def _break_000(monkeypatch: pytest.MonkeyPatch) -> None:
    """to_rdf drops every bg:decisionText (required) from 000's graph: it fails the shapes."""
    real = run_module.to_rdf

    def broken(resolved: Resolved, *args: object) -> Graph:
        graph: Graph = real(resolved, *args)
        if resolved.mentions.document.path.name == "000.txt":
            graph.remove((None, BG.decisionText, None))
        return graph

    monkeypatch.setattr(run_module, "to_rdf", broken)


def _curation_folder(tmp_path: Path) -> Path:
    """A curator's file that changes how 000 and 002 resolve (a not-same pair)."""
    curation = tmp_path / "curation"
    curation.mkdir()
    (curation / "people.csv").write_text(
        "left,right,relation\nKristoffer Svensson,Kristofer Svensson,not-same\n",
        encoding="utf-8",
    )
    return curation


def test_a_curation_change_that_fails_the_shapes_keeps_the_stored_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _copies(tmp_path / "docs", "000", "002")
    curation = _curation_folder(tmp_path)
    store = EmbeddedStore(tmp_path / "store")
    try:
        first = run(documents, store, quarantine_dir=tmp_path / "q")
        graph_000 = first.outcomes[0].graph
        assert graph_000 is not None
        before = store.get_graph(graph_000, "application/n-triples")

        _break_000(monkeypatch)
        again = run(
            documents, store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        )
        statuses = [o.status for o in again.outcomes]
        assert statuses == [Status.QUARANTINED, Status.REPLACED]
        # The old graph of 000 is still there, whole; 002 was rewritten under the curation.
        assert store.graph_exists(graph_000)
        assert sorted(store.get_graph(graph_000, "application/n-triples").splitlines()) == sorted(
            before.splitlines()
        )

        # 000's stored graph is still of the old curation, so the next run must not take
        # it for up to date: once the graph passes, it is rewritten under the curation.
        monkeypatch.undo()
        fixed = run(
            documents, store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        )
        assert [o.status for o in fixed.outcomes] == [Status.REPLACED, Status.REPLACED]
        settled = run(
            documents, store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        )
        assert [o.status for o in settled.outcomes] == [Status.UNCHANGED, Status.UNCHANGED]
    finally:
        store.close()


def test_a_curation_re_load_that_cannot_write_keeps_the_stored_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (document,) = _copies(tmp_path / "docs", "000")
    curation = _curation_folder(tmp_path)
    store = EmbeddedStore(tmp_path / "store")
    try:
        (loaded,) = run([document], store, quarantine_dir=tmp_path / "q").outcomes
        assert loaded.graph is not None
        before = _graph_sizes(store)[f"<{loaded.graph}>"]

        def store_down(*args: object, **kwargs: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(store, "replace_graph", store_down)
        (failed,) = run(
            [document], store, quarantine_dir=tmp_path / "q", curation=load_curation(curation)
        ).outcomes
        assert failed.status == Status.FAILED and "disk full" in (failed.message or "")
        # Nothing was dropped ahead of the write that failed.
        assert _graph_sizes(store)[f"<{loaded.graph}>"] == before
    finally:
        store.close()
