"""CLI commands that run the service: `serve`, and `bench`, which measures this
installation (the side-by-side comparison with other stores is `make bench`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from beslutsgraf.service.errors import CliError
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import StoreError, open_store

__all__ = ["check_store", "read_write_token", "register", "serve_settings"]


def read_write_token(path: Path) -> str:
    """The token in `path` (surrounding whitespace stripped); a missing or empty file is
    a user error, not a silently read-only server."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise CliError(f"cannot read the write token file {path}: {error.strerror}") from None
    if not token:
        raise CliError(f"the write token file {path} is empty")
    return token


def serve_settings(
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    host: str | None = None,
    port: int | None = None,
    write_token_file: Path | None = None,
    query_timeout: float | None = None,
    max_result_rows: int | None = None,
    max_concurrent_queries: int | None = None,
) -> Settings:
    """The settings `serve` runs with: defaults, then BESLUTSGRAF_* variables, then
    these options. Built once, before the server starts."""
    if store is not None and endpoint is not None:
        raise CliError("give either --store or --endpoint, not both")
    for name, value in (
        ("--query-timeout", query_timeout),
        ("--max-result-rows", max_result_rows),
        ("--max-concurrent-queries", max_concurrent_queries),
    ):
        if value is not None and value <= 0:
            raise CliError(f"{name} must be greater than 0, not {value}")
    options: dict[str, object] = {
        "store_dir": store,
        "endpoint": endpoint,
        "host": host,
        "port": port,
        "write_token": read_write_token(write_token_file) if write_token_file else None,
        "query_timeout_s": query_timeout,
        "max_result_rows": max_result_rows,
        "max_concurrent_queries": max_concurrent_queries,
    }
    return Settings.from_env(None, **options)


def serve(
    store: Annotated[
        Path | None, typer.Option(help="Embedded store folder (default data/store).")
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option(help="Remote SPARQL endpoint URL (instead of --store).")
    ] = None,
    host: Annotated[
        str | None, typer.Option(help="Interface to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option(help="TCP port (default 8000).")] = None,
    write_token_file: Annotated[
        Path | None,
        typer.Option(help="File holding the bearer token that enables writes over HTTP."),
    ] = None,
    query_timeout: Annotated[
        float | None, typer.Option(help="Seconds a query may run (default 30).")
    ] = None,
    max_result_rows: Annotated[
        int | None, typer.Option(help="Largest answer, in solutions or triples (default 100000).")
    ] = None,
    max_concurrent_queries: Annotated[
        int | None, typer.Option(help="Queries run at once; more get 503 (default 8).")
    ] = None,
    access_log: Annotated[
        bool, typer.Option(help="Log one line per request (off for benchmarks).")
    ] = True,
) -> None:
    """Serve SPARQL, the Graph Store, entity pages and the REST API over HTTP."""
    settings = serve_settings(
        store=store,
        endpoint=endpoint,
        host=host,
        port=port,
        write_token_file=write_token_file,
        query_timeout=query_timeout,
        max_result_rows=max_result_rows,
        max_concurrent_queries=max_concurrent_queries,
    )
    check_store(settings)
    # Imported here so that other commands do not pay for the web stack.
    import uvicorn

    from beslutsgraf.service.app import create_app

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=access_log)


def check_store(settings: Settings) -> None:
    """Open and close the store once before the server starts, so a store that cannot
    be opened (locked by another process, unreadable) is one `error:` line, not a
    traceback from the server's start-up."""
    try:
        open_store(settings.store_dir, settings.endpoint).close()
    except StoreError as error:
        raise CliError(error.message) from None


def bench(
    triples: Annotated[
        int, typer.Option(help="Size of the synthetic graph, in triples (about).")
    ] = 100_000,
    repeat: Annotated[int, typer.Option(help="Timed runs of each query, after a warm-up.")] = 5,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Also write the report as JSON to this file.")
    ] = None,
) -> None:
    """Measure load and query speed of this installation on synthetic data."""
    for name, value in (("--triples", triples), ("--repeat", repeat)):
        if value <= 0:
            raise CliError(f"{name} must be greater than 0, not {value}")
    # Imported here so that other commands do not pay for the generator.
    from beslutsgraf.service.bench import run_bench

    try:
        report = run_bench(triples, repeat, json_file)
    except OSError as error:
        raise CliError(f"bench failed: {error}") from None
    except StoreError as error:
        raise CliError(error.message) from None
    table = Table(title=f"Competency queries, {report.repeat} timed run(s) each")
    for column in ("query", "rows", "p50 ms", "p95 ms"):
        table.add_column(column, justify="left" if column == "query" else "right")
    for query in report.queries:
        table.add_row(query.name, str(query.rows), f"{query.p50_ms:.1f}", f"{query.p95_ms:.1f}")
    console = Console()
    console.print(
        f"loaded {report.stored_triples:,} triples in {report.load_s:.2f} s "
        f"({report.triples_per_s:,.0f} triples/s); peak RSS {report.peak_rss_mib:.0f} MiB"
    )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(bench)
