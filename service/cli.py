"""The `beslutsgraf` command line: one Typer app, every command a thin wrapper over a
library function. Commands live in `cli_*` modules, one per area, and register here."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
import typer

from beslutsgraf.service import cli_ingest, cli_resolve, cli_serve, cli_store, cli_validate
from beslutsgraf.service.errors import EXIT_INTERNAL, EXIT_USER, CliError

__all__ = ["app", "main", "run"]

app = typer.Typer(
    name="beslutsgraf",
    help="Minutes of Swedish public bodies in, a validated decision graph and SPARQL out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (cli_ingest, cli_resolve, cli_store, cli_validate, cli_serve):
    module.register(app)


def run(argv: Sequence[str]) -> int:
    """Run the CLI on `argv` and return the exit code: 0 ok, 1 user error, 2 internal."""
    try:
        result = typer.main.get_command(app).main(
            args=list(argv), prog_name="beslutsgraf", standalone_mode=False
        )
    except CliError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return error.exit_code
    except click.exceptions.Abort:
        print("error: aborted", file=sys.stderr)
        return EXIT_USER
    except click.exceptions.ClickException as error:
        print(f"error: {error.format_message()}", file=sys.stderr)
        return EXIT_USER
    except Exception as error:  # the last line of defence: one line, not a traceback
        print(f"error: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
