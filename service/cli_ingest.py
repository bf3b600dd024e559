"""CLI command that turns documents into graph: `ingest`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from beslutsgraf.service.cli_resolve import curation_dir
from beslutsgraf.service.errors import CliError
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import open_store
from beslutsgraf.store.errors import StoreError

if TYPE_CHECKING:
    from beslutsgraf.ingest.run import IngestSummary

__all__ = ["register"]

_STATUS_STYLE = {
    "loaded": "green",
    "replaced": "green",
    "unchanged": "dim",
    "quarantined": "yellow",
    "failed": "red",
}


def _quarantine_dir(settings: Settings) -> Path:
    # Beside the embedded store (data/store → data/quarantine); for a remote endpoint
    # there is no store folder, so the working directory holds it.
    if settings.endpoint:
        return Path.cwd() / "quarantine"
    return settings.store_dir.resolve().parent / "quarantine"


def _table(summary: IngestSummary) -> Table:
    from beslutsgraf.ingest.run import Status

    table = Table(title="Ingest summary", title_justify="left")
    table.add_column("document")
    table.add_column("outcome")
    table.add_column("triples", justify="right")
    table.add_column("warnings", justify="right")
    for outcome in summary.outcomes:
        style = _STATUS_STYLE[outcome.status.value]
        table.add_row(
            outcome.path.name,
            f"[{style}]{outcome.status.value}[/{style}]",
            str(outcome.triples) if outcome.triples else "-",
            str(outcome.warnings) if outcome.warnings else "-",
        )
    counts = ", ".join(
        f"{len(summary.with_status(status))} {status.value}"
        for status in Status
        if summary.with_status(status)
    )
    table.caption = f"{len(summary.outcomes)} document(s): {counts or 'none'}"
    return table


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Minutes (.txt .md .pdf .docx) or folders.")],
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
    endpoint: Annotated[str | None, typer.Option(help="Remote SPARQL endpoint URL.")] = None,
    jobs: Annotated[int, typer.Option(help="Parallel workers.", min=1)] = 1,
    curation: Annotated[
        Path | None,
        typer.Option(
            help="Curation folder of *.csv and *.ttl files (default: curation/ beside the store)."
        ),
    ] = None,
) -> None:
    """Extract, validate and load the decision graph of minutes.

    Each document becomes one named graph; a document whose graph violates the
    shapes goes to quarantine (beside the store) instead. Exit 1 names the
    documents that were not loaded. Person resolution honours the curator's
    "same" / "not same" pairs in the curation folder."""
    # Imported here: the pipeline loads spaCy and pyshacl, which other commands never need.
    from beslutsgraf.ingest.curation import load_curation
    from beslutsgraf.ingest.errors import IngestError
    from beslutsgraf.ingest.run import ProgressUpdate, Status, run

    if store is not None and endpoint is not None:
        raise CliError("give --store or --endpoint, not both")
    settings = Settings.from_env(store_dir=store, endpoint=endpoint)
    try:
        decisions = load_curation(curation_dir(curation, settings))
    except IngestError as error:
        raise CliError(str(error)) from error
    if settings.endpoint is None:
        # Ingest is how a store comes to be: create the folder it lives in.
        settings.store_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        target = open_store(
            settings.store_dir,
            settings.endpoint,
            settings.update_endpoint,
            settings.graph_store_endpoint,
        )
    except StoreError as error:
        raise CliError(str(error)) from error
    errors = Console(stderr=True)
    try:
        with Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents · {task.fields[triples]} triples"),
            TextColumn("· {task.fields[warnings]} warnings"),
            TextColumn("· {task.fields[quarantined]} quarantined"),
            TimeElapsedColumn(),
            console=errors,
            transient=False,
        ) as bar:
            task = bar.add_task("ingest", total=None, triples=0, warnings=0, quarantined=0)
            totals = {"triples": 0, "warnings": 0, "quarantined": 0}

            def on_progress(update: ProgressUpdate) -> None:
                outcome = update.outcome
                if outcome is not None:
                    totals["triples"] += outcome.triples
                    totals["warnings"] += outcome.warnings
                    totals["quarantined"] += outcome.status == Status.QUARANTINED
                bar.update(
                    task,
                    completed=update.done,
                    total=update.total,
                    triples=totals["triples"],
                    warnings=totals["warnings"],
                    quarantined=totals["quarantined"],
                )

            summary = run(
                paths,
                target,
                progress=on_progress,
                jobs=jobs,
                quarantine_dir=_quarantine_dir(settings),
                curation=decisions,
            )
    finally:
        target.close()
    Console().print(_table(summary))
    not_loaded = summary.with_status(Status.QUARANTINED, Status.FAILED)
    for outcome in not_loaded:
        print(f"error: {outcome.message}", file=sys.stderr)
    if not_loaded:
        names = ", ".join(str(outcome.path) for outcome in not_loaded)
        raise CliError(
            f"{len(not_loaded)} of {len(summary.outcomes)} document(s) not loaded: {names}"
        )
    if not summary.outcomes:
        raise CliError("no documents found: give .txt, .md, .pdf or .docx files or folders")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
