"""CLI command `validate`: the SHACL report for RDF files, for minutes (the pipeline
run up to validation, nothing loaded), or for every document graph in a store."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rdflib import Graph

from beslutsgraf.service.errors import CliError
from beslutsgraf.service.settings import Settings
from beslutsgraf.shapes import ShapeReport, validate_graph
from beslutsgraf.store import EmbeddedStore, open_store
from beslutsgraf.store.errors import StoreError

__all__ = ["register"]

_RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
}
# Document graphs are validated on their own, as at ingestion; the shipped vocabulary
# and registers are not instance data of the profile's classes.
_DOCUMENT_GRAPH_SEGMENT = "source/"


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format=_RDF_SUFFIXES[path.suffix.lower()])
    except Exception as error:  # rdflib raises several unrelated parser errors
        raise CliError(f"{path}: not valid RDF: {error}") from error
    return graph


def _print_report(name: str, report: ShapeReport) -> None:
    typer.echo(f"{name}: {report.summary()}")
    for line in report.lines():
        typer.echo(f"  {line}")


def _validate_rdf_files(paths: Sequence[Path]) -> int:
    """The number of files with a violation."""
    failed = 0
    for path in paths:
        report = validate_graph(_parse(path))
        _print_report(str(path), report)
        failed += not report.conforms
    return failed


def _validate_minutes(paths: Sequence[Path]) -> int:
    """Run the pipeline into a throwaway store: what would load, and why the rest would
    not. Returns the number of documents that would not load."""
    from beslutsgraf.ingest.quarantine import SUMMARY_FILE
    from beslutsgraf.ingest.run import Status, run

    with tempfile.TemporaryDirectory(prefix="beslutsgraf-validate-") as scratch:
        store = EmbeddedStore(Path(scratch) / "store")
        try:
            summary = run(list(paths), store, quarantine_dir=Path(scratch) / "quarantine")
            for outcome in summary.outcomes:
                if outcome.status is Status.QUARANTINED and outcome.quarantine is not None:
                    typer.echo((outcome.quarantine / SUMMARY_FILE).read_text(encoding="utf-8"))
                elif outcome.status is Status.FAILED:
                    typer.echo(f"{outcome.path}: not read: {outcome.message}")
                else:
                    typer.echo(
                        f"{outcome.path}: conforms: {outcome.triples} triples, "
                        f"{outcome.warnings} warning(s)"
                    )
                    _print_warnings(store, outcome.graph, outcome.warnings)
        finally:
            store.close()
    return len(summary.with_status(Status.QUARANTINED)) + len(summary.with_status(Status.FAILED))


def _print_warnings(store: EmbeddedStore, graph_name: str | None, count: int) -> None:
    """The warnings a loaded document's count stands for, one line each. The pipeline
    keeps only counts (a run of thousands of documents would otherwise hold every
    line), so the graph it wrote to the scratch store is validated again here."""
    if not count or graph_name is None:
        return
    graph = Graph()
    graph.parse(data=store.get_graph(graph_name, "application/n-triples"), format="nt")
    for line in validate_graph(graph).lines():
        typer.echo(f"  {line}")


def _validate_store(store_dir: Path | None) -> tuple[int, int]:
    """(graphs with a violation, graphs validated) over the store's document graphs."""
    settings = Settings.from_env(None, store_dir=store_dir)
    if not settings.store_dir.is_dir():
        raise CliError(f"{settings.store_dir}: no store here (ingest something first)")
    prefix = settings.instance_base + _DOCUMENT_GRAPH_SEGMENT
    try:
        store = open_store(settings.store_dir, None)
    except StoreError as error:
        raise CliError(f"{settings.store_dir}: {error}") from error
    try:
        names = [name for name in store.named_graphs() if name.startswith(prefix)]
        failed = 0
        for name in sorted(names):
            graph = Graph()
            graph.parse(data=store.get_graph(name, "application/n-triples"), format="nt")
            report = validate_graph(graph)
            _print_report(name, report)
            failed += not report.conforms
    finally:
        store.close()
    return failed, len(names)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="RDF files (.ttl .nt .nq .trig .jsonld) or minutes (.txt .md .pdf .docx)."
        ),
    ] = None,
    store: Annotated[
        Path | None, typer.Option(help="Validate every document graph in this store.")
    ] = None,
) -> None:
    """SHACL-validate RDF files, minutes (nothing is loaded) or a store; exit 1 on a
    violation."""
    if not paths:
        failed, total = _validate_store(store)
        if failed:
            raise CliError(f"{failed} of {total} document graph(s) violate the shapes")
        return
    for path in paths:
        if not path.exists():
            raise CliError(f"{path}: no such file")
    rdf = [path for path in paths if path.suffix.lower() in _RDF_SUFFIXES]
    minutes = [path for path in paths if path.suffix.lower() not in _RDF_SUFFIXES]
    failed = _validate_rdf_files(rdf) + (_validate_minutes(minutes) if minutes else 0)
    if failed:
        raise CliError(f"{failed} of {len(paths)} file(s) violate the shapes")


def register(app: typer.Typer) -> None:
    app.command()(validate)
