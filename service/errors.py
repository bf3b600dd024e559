"""The error catalogue of the CLI: each error carries an exit code and a message that
tells the user what to do. Exit codes: 0 ok, 1 user error, 2 internal error."""

from __future__ import annotations

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_USER", "CliError", "NotBuiltYet"]

EXIT_OK = 0
EXIT_USER = 1
EXIT_INTERNAL = 2


class CliError(Exception):
    """An error printed as one `error: …` line on stderr."""

    exit_code = EXIT_USER

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotBuiltYet(CliError):
    """A command named in the architecture whose issue has not landed yet."""

    exit_code = EXIT_INTERNAL

    def __init__(self, command: str, issue: int, what: str) -> None:
        super().__init__(
            f"`beslutsgraf {command}` is not built yet: issue #{issue} ({what}) builds it"
        )
