"""CLI commands over the store: `query`, `load`, `export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from beslutsgraf.service.errors import NotBuiltYet

__all__ = ["register"]

StoreOption = Annotated[Path | None, typer.Option(help="Embedded store folder.")]
EndpointOption = Annotated[str | None, typer.Option(help="Remote SPARQL endpoint URL.")]


def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @file.rq.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    format: Annotated[str, typer.Option(help="json|csv|tsv|xml|ttl|nq")] = "json",
) -> None:
    """Run a SPARQL query against the store. (not built yet: issue #5)"""
    raise NotBuiltYet("query", 5, "query service and store layer")


def load(
    dumps: Annotated[list[Path], typer.Argument(help="N-Quads, TriG or Turtle dumps.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Bulk-load dumps as they are, without extraction or validation. (not built yet: issue #5)"""
    raise NotBuiltYet("load", 5, "query service and store layer")


def export(
    format: Annotated[str, typer.Option(help="nq|trig|ttl|jsonld")],
    store: StoreOption = None,
) -> None:
    """Write the whole store to stdout. (not built yet: issue #5)"""
    raise NotBuiltYet("export", 5, "query service and store layer")


def register(app: typer.Typer) -> None:
    app.command()(query)
    app.command()(load)
    app.command()(export)
