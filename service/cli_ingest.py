"""CLI commands that turn documents into graph: `ingest`, `resolve`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beslutsgraf.service.errors import NotBuiltYet

__all__ = ["register"]


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Minutes (.txt .md .pdf .docx) or folders.")],
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
    endpoint: Annotated[str | None, typer.Option(help="Remote SPARQL endpoint URL.")] = None,
    jobs: Annotated[int, typer.Option(help="Parallel workers.")] = 1,
) -> None:
    """Extract, validate and load the decision graph of minutes. (not built yet: issue #4)"""
    raise NotBuiltYet("ingest", 4, "ingestion pipeline")


def resolve(
    report: Annotated[bool, typer.Option(help="Print clusters and near-misses.")] = False,
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
) -> None:
    """Review entity resolution: clusters of names and near-misses. (not built yet: issue #6)"""
    raise NotBuiltYet("resolve", 6, "entity resolution")


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(resolve)
