"""Answers with a size cap: evaluation stops at the first solution (or triple) beyond
`max_rows`, so an answer too large to hand out is never computed in full nor
serialised; one within the cap is byte-identical to the uncapped answer. An answer that
arrives serialised (from a remote server) is counted instead.

pyoxigraph serialises a live answer, and counting it by iterating would use it up. So
the answer is written by pyoxigraph itself, through a writer that counts the rows as
they come and stops the evaluation at the first one too many. SPARQL JSON and XML
results, and TSV, are counted in the requested format as written (a few byte-string
scans per 8 KiB write): the bytes are the direct serialisation. Other formats are
written in the line-per-row syntax of their kind (TSV for solutions, N-Triples for
triples: both escape newlines inside terms, so the line count is the row count), then
parsed back and written in the requested format, by pyoxigraph too: the same bytes as a
direct serialisation, at native speed (the round trip costs ~0.03 ms on a small
answer, which is why the common formats skip it).
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


class _Lines:
    """Newlines written so far."""

    def __init__(self) -> None:
        self.count = 0

    def feed(self, chunk: bytes) -> int:
        self.count += chunk.count(b"\n")
        return self.count


class _JsonSolutions:
    """Solutions of SPARQL JSON results written so far. Each opens an object inside an
    array: `[{` or `,{` outside strings (of the results' arrays only `bindings` holds
    objects; pyoxigraph writes no whitespace). Counted in the raw bytes, strings too, that
    is an upper bound, and exact unless a string holds one: enough while it stays within
    the cap, and cheap. Past the cap, what was written is counted again outside strings."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.count = 0
        self._last = b""  # `[` or `,` may end a write and `{` start the next
        self._seen: list[bytes] = []
        self._exact: _JsonSolutionsOutsideStrings | None = None

    def feed(self, chunk: bytes) -> int:
        if self._exact is not None:
            self.count = self._exact.feed(chunk)
            return self.count
        joined = self._last + chunk
        self.count += joined.count(b"[{") + joined.count(b",{")
        self._last = joined[-1:]
        self._seen.append(chunk)
        if self.count > self.most:
            self._exact = _JsonSolutionsOutsideStrings()
            for seen in self._seen:
                self.count = self._exact.feed(seen)
            self._seen = []
        return self.count


class _JsonSolutionsOutsideStrings:
    """The exact count: `[{` and `,{` outside strings. Escapes occur only inside strings,
    so dropping escaped backslashes and then escaped quotes leaves only the quotes that
    delimit strings."""

    def __init__(self) -> None:
        self.count = 0
        self._in_string = False
        self._escape = b""  # a backslash whose escaped character is in the next write
        self._last = b""

    def feed(self, chunk: bytes) -> int:
        data = (self._escape + chunk).replace(b"\\\\", b"")
        self._escape = b"\\" if data.endswith(b"\\") else b""
        if self._escape:
            data = data[:-1]
        parts = data.replace(b'\\"', b"").split(b'"')
        outside = parts[1::2] if self._in_string else parts[::2]
        if len(parts) % 2 == 0:  # an odd number of quotes
            self._in_string = not self._in_string
        text = self._last + b"".join(outside)
        self.count += text.count(b"[{") + text.count(b",{")
        self._last = text[-1:]
        return self.count


class _XmlSolutions:
    """`<result>` elements written so far (`<` is always escaped inside XML text)."""

    _TAG = b"<result>"

    def __init__(self) -> None:
        self.count = 0
        self._tail = b""  # too short to hold a whole tag: nothing is counted twice

    def feed(self, chunk: bytes) -> int:
        data = self._tail + chunk
        self.count += data.count(self._TAG)
        self._tail = data[1 - len(self._TAG) :]
        return self.count


class _Counting:
    """Collects what a serialiser writes; refuses the write that brings the count of
    `rows` past `most` (the serialiser then stops, and evaluation with it). A plain
    object with `write` and `flush`, all pyoxigraph calls: an `io.RawIOBase` costs
    ~0.01 ms more per answer to make and finalise."""

    __slots__ = ("exceeded", "most", "parts", "rows")

    def __init__(self, rows: Callable[[bytes], int], most: int) -> None:
        self.rows = rows
        self.most = most
        self.exceeded = False
        self.parts: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> int:
        chunk = bytes(data)
        if self.rows(chunk) > self.most:
            self.exceeded = True
            raise ResultTooLarge(self.most, "rows")
        self.parts.append(chunk)
        return len(chunk)

    def flush(self) -> None:
        pass


def _written_within(
    write: Callable[[IO[bytes]], object],
    rows: Callable[[bytes], int],
    most: int,
    max_rows: int,
    unit: str,
) -> bytes:
    counter = _Counting(rows, most)
    try:
        write(counter)  # type: ignore[arg-type]
    except Exception:
        if counter.exceeded:  # however pyoxigraph passes the writer's error on
            raise ResultTooLarge(max_rows, unit) from None
        raise
    return b"".join(counter.parts)


def capped_solutions(answer: QuerySolutions, max_rows: int, fmt: QueryResultsFormat) -> bytes:
    """A SELECT answer in `fmt`; `ResultTooLarge` at its solution `max_rows + 1`."""

    def written(syntax: QueryResultsFormat, rows: Callable[[bytes], int], most: int) -> bytes:
        return _written_within(
            lambda output: answer.serialize(output, syntax), rows, most, max_rows, "solutions"
        )

    if fmt == QueryResultsFormat.JSON:
        return written(fmt, _JsonSolutions(max_rows).feed, max_rows)
    if fmt == QueryResultsFormat.XML:
        return written(fmt, _XmlSolutions().feed, max_rows)
    # TSV: a header line, then one line per solution. (CSV quotes newlines inside terms.)
    tsv = written(QueryResultsFormat.TSV, _Lines().feed, max_rows + 1)
    if fmt == QueryResultsFormat.TSV:
        return tsv
    return parse_query_results(tsv, QueryResultsFormat.TSV).serialize(format=fmt) or b""


def capped_triples(answer: QueryTriples, max_rows: int, fmt: RdfFormat) -> bytes:
    """A CONSTRUCT or DESCRIBE answer in `fmt`; `ResultTooLarge` at triple `max_rows + 1`."""
    lines = RdfFormat.N_TRIPLES
    ntriples = _written_within(
        lambda output: answer.serialize(output, lines), _Lines().feed, max_rows, max_rows, "triples"
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
