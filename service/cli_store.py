"""CLI commands over the store: `query`, `load`, `export`. Each is a thin wrapper over
`beslutsgraf.store`; store errors become one `error: …` line and exit code 1 (2 when the
failure is on the store's side, e.g. an unexpected server answer)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Annotated

import typer

from beslutsgraf.service.errors import EXIT_INTERNAL, CliError
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import (
    RemoteStoreError,
    Store,
    StoreError,
    format_for_extension,
    media_type_for_name,
    open_store,
)

__all__ = ["register"]

StoreOption = Annotated[
    Path | None,
    typer.Option(help="Embedded store folder [default: $BESLUTSGRAF_STORE or data/store]."),
]
EndpointOption = Annotated[
    str | None,
    typer.Option(
        help="Remote SPARQL endpoint URL (an `oxigraph serve` base URL, or a …/sparql or "
        "…/query endpoint) instead of the embedded store."
    ),
]
QUERY_FORMATS = ("json", "csv", "tsv", "xml", "ttl", "nq")
EXPORT_FORMATS = ("nq", "trig", "ttl", "jsonld")


class StoreCommandError(CliError):
    """A store error, shown as it is; exit 2 when it is not the user's to fix."""

    def __init__(self, error: StoreError) -> None:
        super().__init__(error.message)
        if isinstance(error, RemoteStoreError) or type(error) is StoreError:
            self.exit_code = EXIT_INTERNAL


@contextmanager
def _opened(
    store_dir: Path | None, endpoint: str | None, *, create: bool = False
) -> Iterator[Store]:
    if store_dir is not None and endpoint is not None:
        raise CliError("give --store or --endpoint, not both")
    settings = Settings.from_env(store_dir=store_dir, endpoint=endpoint)
    # An explicit --store beats an endpoint from the environment.
    remote = None if store_dir is not None else settings.endpoint
    if remote is None and not create and not settings.store_dir.is_dir():
        # Opening would create an empty store, and a typo would answer "no results".
        raise CliError(
            f"no store at {settings.store_dir}: ingest or load data first, "
            "or pass --store / --endpoint"
        )
    try:
        store = open_store(
            settings.store_dir,
            remote,
            settings.update_endpoint,
            settings.graph_store_endpoint,
        )
        with closing(store):
            yield store
    except StoreError as error:
        raise StoreCommandError(error) from None


def _query_text(argument: str) -> str:
    if not argument.startswith("@"):
        return argument
    path = Path(argument[1:])
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise CliError(f"{path}: cannot read the query file ({error.strerror})") from None


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise CliError(f"{option} {value!r} is not one of {', '.join(allowed)}")
    return media_type_for_name(value)


def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @file.rq.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    format: Annotated[str, typer.Option(help="json|csv|tsv|xml|ttl|nq")] = "json",
) -> None:
    """Run a SPARQL query against the store and print the answer (json: exactly what the
    HTTP endpoint sends). SELECT/ASK take json|csv|tsv|xml, CONSTRUCT/DESCRIBE ttl|nq."""
    media_type = _choice(format, QUERY_FORMATS, "--format")
    text = _query_text(sparql)
    with _opened(store, endpoint) as opened:
        answer = opened.query(text, media_type)
    sys.stdout.buffer.write(answer.body)
    if sys.stdout.isatty() and not answer.body.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")  # piped output stays byte for byte the HTTP body
    sys.stdout.flush()


def load(
    dumps: Annotated[list[Path], typer.Argument(help="N-Quads, TriG, Turtle or N-Triples dumps.")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
    graph: Annotated[
        str | None, typer.Option(help="Graph IRI for Turtle/N-Triples dumps [default graph].")
    ] = None,
) -> None:
    """Bulk-load dumps as they are, without extraction or validation (fast, not atomic:
    load into a store nobody is reading). The syntax comes from the file extension."""
    with _opened(store, endpoint, create=True) as opened:
        for dump in dumps:
            try:
                media_type = format_for_extension(dump.name)
                with dump.open("rb") as data:
                    opened.bulk_load(data, media_type, graph=graph)
            except OSError as error:
                raise CliError(f"{dump}: cannot read the dump ({error.strerror})") from None
            except StoreError as error:
                raise CliError(f"{dump}: {error.message}") from None
            print(f"loaded {dump}", file=sys.stderr)


def export(
    format: Annotated[str, typer.Option(help="nq|trig|ttl|jsonld")],
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Write the whole store to stdout, streamed. nq, trig and jsonld keep the named
    graphs; ttl writes the union of all graphs (graph names are lost)."""
    media_type = _choice(format, EXPORT_FORMATS, "--format")
    with _opened(store, endpoint) as opened:
        for chunk in opened.dump(media_type):
            sys.stdout.buffer.write(chunk)
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.command()(query)
    app.command()(load)
    app.command()(export)
