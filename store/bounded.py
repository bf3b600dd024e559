"""Answers with a size cap: evaluation stops at the first solution (or triple) beyond
`max_rows`, so an answer too large to hand out is never computed in full nor
serialised; one within the cap is byte-identical to the uncapped answer. An answer that
arrives serialised (from a remote server) is counted instead.

pyoxigraph serialises a live answer, and counting it by iterating would use it up. So
the answer is written by pyoxigraph itself in the line-per-row syntax of its kind (TSV
for solutions, N-Triples for triples: both escape newlines inside terms, so the line
count is the row count), through a writer that counts the lines as they come and stops
the evaluation at the first one too many. Within the cap, those lines are parsed back
and written in the requested format, by pyoxigraph too: the same bytes as a direct
serialisation, at native speed (the Python-side rewriting this replaced cost about as
much as evaluating the query again).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterable
from typing import IO, TypeVar

from pyoxigraph import (
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from beslutsgraf.store.base import SerializedResult
from beslutsgraf.store.errors import ResultTooLarge

__all__ = ["capped_solutions", "capped_triples", "count_results", "take"]

Item = TypeVar("Item")


def take(items: Iterable[Item], max_rows: int, unit: str) -> list[Item]:
    """Up to `max_rows` items; `ResultTooLarge` as soon as there is one more."""
    taken = list(itertools.islice(items, max_rows + 1))
    if len(taken) > max_rows:
        raise ResultTooLarge(max_rows, unit)
    return taken


class _LineCounter(io.RawIOBase):
    """Collects what a serialiser writes; refuses the write that brings the lines past
    `most` (the serialiser then stops, and evaluation with it)."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most
        self.lines = 0
        self.exceeded = False
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        if self.lines > self.most:
            self.exceeded = True
            raise ResultTooLarge(self.most, "lines")
        self.parts.append(chunk)
        return len(chunk)


def _lines_within(
    write: Callable[[IO[bytes]], object], most: int, max_rows: int, unit: str
) -> bytes:
    counter = _LineCounter(most)
    try:
        write(counter)  # type: ignore[arg-type]
    except Exception:
        if counter.exceeded:  # however pyoxigraph passes the writer's error on
            raise ResultTooLarge(max_rows, unit) from None
        raise
    return b"".join(counter.parts)


def capped_solutions(answer: QuerySolutions, max_rows: int, fmt: QueryResultsFormat) -> bytes:
    """A SELECT answer in `fmt`; `ResultTooLarge` at its solution `max_rows + 1`."""
    tsv_format = QueryResultsFormat.TSV
    # TSV: a header line, then one line per solution.
    tsv = _lines_within(
        lambda output: answer.serialize(output, tsv_format), max_rows + 1, max_rows, "solutions"
    )
    if fmt == tsv_format:
        return tsv
    return parse_query_results(tsv, tsv_format).serialize(format=fmt) or b""


def capped_triples(answer: QueryTriples, max_rows: int, fmt: RdfFormat) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in `fmt`; `ResultTooLarge` at triple `max_rows + 1`."""
    lines = RdfFormat.N_TRIPLES
    ntriples = _lines_within(
        lambda output: answer.serialize(output, lines), max_rows, max_rows, "triples"
    )
    if fmt == lines:
        return ntriples
    return serialize(parse(ntriples, lines), format=fmt) or b""


def _count_solutions(result: SerializedResult) -> int:
    media_type = result.media_type.split(";")[0].strip()
    body = result.body
    if media_type == "application/sparql-results+json":
        return len(json.loads(body)["results"]["bindings"])
    if media_type == "application/sparql-results+xml":
        # `<` is always escaped inside XML text, so this tag count is exact.
        return body.count(b"<result>") + body.count(b"<result ")
    if media_type == "text/tab-separated-values":
        # TSV terms use Turtle escapes: one line per solution after the header.
        return max(len(body.rstrip(b"\r\n").split(b"\n")) - 1, 0) if body.strip() else 0
    if media_type == "text/csv":
        # CSV may hold newlines inside quoted fields: parse it.
        return max(sum(1 for _row in csv.reader(io.StringIO(body.decode("utf-8")))) - 1, 0)
    raise ValueError(f"cannot count solutions in {media_type}")


def count_results(result: SerializedResult) -> int:
    """Solutions of a serialised SELECT answer, triples of a CONSTRUCT/DESCRIBE, 1 for
    an ASK."""
    if result.form == "ASK":
        return 1
    if result.form == "SELECT":
        return _count_solutions(result)
    syntax = RdfFormat.from_media_type(result.media_type)
    if syntax is None:
        raise ValueError(f"cannot count triples in {result.media_type}")
    return sum(1 for _quad in parse(result.body, syntax))
