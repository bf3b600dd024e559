"""CLI commands that run the service: `serve`, `bench`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beslutsgraf.service.errors import NotBuiltYet

__all__ = ["register"]


def serve(
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve SPARQL, entity pages and the REST API over HTTP. (not built yet: issue #5)"""
    raise NotBuiltYet("serve", 5, "query service")


def bench(
    triples: Annotated[int, typer.Option(help="Size of the synthetic graph.")] = 1_000_000,
) -> None:
    """Measure load and query speed on synthetic data. (not built yet: issue #5)"""
    raise NotBuiltYet("bench", 5, "query service benchmarks")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(bench)
