"""The store's error catalogue: one hierarchy for both backends, so callers catch at the
level they care about (`StoreError` for everything, `QuerySyntaxError` to show a parser
message, `QueryTimeout` to answer 503, ...).

Every error has a stable `code` and a `message` that tells the user what to do. The
classes keep their constructor arguments in `args`, so they pickle: the embedded backend
raises them inside query worker processes and re-raises them in the caller.
"""

from __future__ import annotations

import re

__all__ = [
    "GraphNotFound",
    "InvalidTerm",
    "QuerySyntaxError",
    "QueryTimeout",
    "RdfSyntaxError",
    "RemoteStoreError",
    "ResultTooLarge",
    "StoreError",
    "StoreUnavailable",
    "UnsupportedMediaType",
    "UnsupportedOperation",
    "UpdateFailed",
]

# Oxigraph's parser messages start with "error at LINE:COLUMN: ..." (server and library).
_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class StoreError(Exception):
    """Base class of every store error."""

    code = "E000"

    def __init__(self, message: str, *details: object) -> None:
        super().__init__(message, *details)
        self.message = message

    def __str__(self) -> str:
        return self.message


class QuerySyntaxError(StoreError):
    """The query or update does not parse. `line` and `column` are 1-based when known."""

    code = "E001"

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, line, column)
        self.line = line
        self.column = column

    @classmethod
    def from_parser_message(cls, raw: str, what: str = "query") -> QuerySyntaxError:
        """Build from an Oxigraph parser message such as "error at 1:25: expected ..."."""
        text = _one_line(raw)  # one line: the CLI prints each error on a single line
        match = _POSITION.match(text)
        if match is None:
            return cls(f"{what} syntax error: {text}")
        line, column = int(match.group(1)), int(match.group(2))
        detail = text[match.end() :]
        return cls(f"{what} syntax error at line {line}, column {column}: {detail}", line, column)


class RdfSyntaxError(StoreError):
    """Data given to load, replace or add does not parse in its declared syntax."""

    code = "E002"

    @classmethod
    def from_parser_message(cls, raw: str, source: str) -> RdfSyntaxError:
        return cls(f"{source}: {_one_line(raw)}")


class InvalidTerm(StoreError):
    """A binding or graph name is not a valid N-Triples term / absolute IRI."""

    code = "E003"


class UnsupportedMediaType(StoreError):
    """The requested or given media type is not one this operation can produce or read."""

    code = "E004"

    def __init__(self, media_type: str, supported: tuple[str, ...] = ()) -> None:
        hint = f"; use one of {', '.join(supported)}" if supported else ""
        super().__init__(f"unsupported media type {media_type!r}{hint}", supported)
        self.media_type = media_type
        self.supported = supported

    # The message is derived, so pickling must replay the constructor's own arguments.
    def __reduce__(self) -> tuple[type[UnsupportedMediaType], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.media_type, self.supported))


class QueryTimeout(StoreError):
    """The query ran past its time limit and was stopped."""

    code = "E005"

    def __init__(self, timeout_s: float, detail: str = "") -> None:
        message = (
            f"query stopped after {timeout_s:g} s (time limit); "
            "narrow it with LIMIT, more specific patterns or fewer OPTIONALs"
        )
        super().__init__(f"{message} ({detail})" if detail else message)
        self.timeout_s = timeout_s
        self.detail = detail

    def __reduce__(self) -> tuple[type[QueryTimeout], tuple[float, str]]:
        return (type(self), (self.timeout_s, self.detail))


class StoreUnavailable(StoreError):
    """The store cannot be opened or reached (locked by another process, server down)."""

    code = "E006"


class GraphNotFound(StoreError):
    """The named graph does not exist."""

    code = "E007"

    def __init__(self, graph: str) -> None:
        super().__init__(f"graph <{graph}> does not exist")
        self.graph = graph

    def __reduce__(self) -> tuple[type[GraphNotFound], tuple[str]]:
        return (type(self), (self.graph,))


class UnsupportedOperation(StoreError):
    """The backend is not configured for this operation (e.g. no update endpoint)."""

    code = "E008"


class RemoteStoreError(StoreError):
    """A remote endpoint answered with an unexpected HTTP error."""

    code = "E009"

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message, status_code)
        self.status_code = status_code


class UpdateFailed(StoreError):
    """An update parsed but could not be applied: CLEAR, DROP or ADD of a graph that does
    not exist (without SILENT), CREATE of one that does, a LOAD that fetched nothing
    readable. Nothing of it was written."""

    code = "E010"

    @classmethod
    def because(cls, reason: str) -> UpdateFailed:
        return cls(
            f"the update was not applied: {_one_line(reason)} "
            "(add SILENT to CLEAR, DROP, CREATE, LOAD, ADD, MOVE or COPY to ignore this)"
        )


class ResultTooLarge(StoreError):
    """The answer has more solutions (SELECT) or triples (CONSTRUCT, DESCRIBE) than the
    caller's `max_rows`. Evaluation stopped at the first one beyond it."""

    code = "E011"

    def __init__(self, max_rows: int, unit: str = "solutions") -> None:
        super().__init__(
            f"the answer has more than {max_rows} {unit}, the most returned at once; "
            "add a LIMIT (and page with OFFSET) or narrow the query",
            unit,
        )
        self.max_rows = max_rows
        self.unit = unit

    def __reduce__(self) -> tuple[type[ResultTooLarge], tuple[int, str]]:
        return (type(self), (self.max_rows, self.unit))
