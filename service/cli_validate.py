"""CLI command `validate`: check RDF against the shapes in `shapes/`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rdflib import Graph

from beslutsgraf.service.errors import CliError, NotBuiltYet
from beslutsgraf.shapes import validate_graph

__all__ = ["register"]

_RDF_SUFFIXES = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
}


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format=_RDF_SUFFIXES[path.suffix.lower()])
    except Exception as error:  # rdflib raises several unrelated parser errors
        raise CliError(f"{path}: not valid RDF: {error}") from error
    return graph


def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="RDF files (.ttl .nt .nq .trig .jsonld).")
    ] = None,
    store: Annotated[Path | None, typer.Option(help="Embedded store folder.")] = None,
) -> None:
    """SHACL-validate RDF files (or the store) against the shapes; exit 1 on a violation."""
    if not paths:
        raise NotBuiltYet("validate --store", 5, "store layer")
    failed: list[Path] = []
    for path in paths:
        if not path.exists():
            raise CliError(f"{path}: no such file")
        if path.suffix.lower() not in _RDF_SUFFIXES:
            raise NotBuiltYet(f"validate {path.name}", 4, "ingestion pipeline, for minutes")
        report = validate_graph(_parse(path))
        typer.echo(f"{path}: {report.summary()}")
        for line in report.lines():
            typer.echo(f"  {line}")
        if not report.conforms:
            failed.append(path)
    if failed:
        raise CliError(f"{len(failed)} of {len(paths)} file(s) violate the shapes")


def register(app: typer.Typer) -> None:
    app.command()(validate)
