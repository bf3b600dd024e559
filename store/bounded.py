"""Answers with a size cap: evaluation stops at the first solution (or triple) beyond
`max_rows`, so an answer too large to hand out is never computed in full nor
serialised; one within the cap is serialised by pyoxigraph as any other answer. An
answer that arrives serialised (from a remote server) is counted instead.

pyoxigraph serialises only a live `QuerySolutions` iterator, which counting has used
up; the solutions taken are therefore written as SPARQL results JSON, parsed back
into a fresh `QuerySolutions` and serialised from there, in any results format.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    QuerySolution,
    QuerySolutions,
    RdfFormat,
    Triple,
    Variable,
    parse,
    parse_query_results,
)

from beslutsgraf.store.base import SerializedResult
from beslutsgraf.store.errors import ResultTooLarge

__all__ = ["count_results", "serialize_solutions", "take"]

Item = TypeVar("Item")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


def take(items: Iterable[Item], max_rows: int, unit: str) -> list[Item]:
    """Up to `max_rows` items; `ResultTooLarge` as soon as there is one more."""
    taken = list(itertools.islice(items, max_rows + 1))
    if len(taken) > max_rows:
        raise ResultTooLarge(max_rows, unit)
    return taken


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _json_term(getattr(term, p)) for p in parts}}
    assert isinstance(term, Literal)
    encoded: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language is not None:
        encoded["xml:lang"] = term.language
        if term.direction is not None:
            encoded["its:dir"] = str(term.direction.value)
    elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING, _RDF_DIR_LANG_STRING):
        encoded["datatype"] = term.datatype.value
    return encoded


def serialize_solutions(
    variables: Sequence[Variable], solutions: Sequence[QuerySolution], fmt: QueryResultsFormat
) -> bytes:
    """`solutions` (already taken from an answer) in the results format `fmt`."""
    names = [variable.value for variable in variables]
    document = {
        "head": {"vars": names},
        "results": {
            "bindings": [
                {name: _json_term(term) for name in names if (term := solution[name]) is not None}
                for solution in solutions
            ]
        },
    }
    fresh = parse_query_results(json.dumps(document).encode(), QueryResultsFormat.JSON)
    assert isinstance(fresh, QuerySolutions)
    return fresh.serialize(format=fmt) or b""


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
