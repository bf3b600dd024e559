"""The SPARQL behind the REST API and the resource pages: queries kept as `.rq` files in
`service/queries/`, run with the store's bindings under the service limits.

Parameters reach a query only as `Store.select` bindings (N-Triples terms built by
`ld_terms.iri_term` / `literal_term`): the store validates each term and places them as
a one-row VALUES block at the top of the WHERE group, where the query's FILTERs see
them. Nothing from a request is pasted into query text; the only numbers formatted
into it are the `int` limit and offset the endpoint has already checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Final

from fastapi import Request

from beslutsgraf.service.state import run_select

__all__ = ["FOLDS", "fold", "load_query", "paged", "select"]

# Accent folding shared with the queries' REPLACE chains (lower case first): keep the
# two in step; tests/service/test_api_queries.py checks every .rq against this table.
FOLDS: Final = (
    ("àáâãäå", "a"),
    ("èéêë", "e"),
    ("ìíîï", "i"),
    ("òóôõöø", "o"),
    ("ùúûü", "u"),
)
_FOLD_TABLE: Final = str.maketrans({ch: plain for chars, plain in FOLDS for ch in chars})


def fold(text: str) -> str:
    """Lower case with the accents of `FOLDS` removed: "Helén" -> "helen"."""
    return text.lower().translate(_FOLD_TABLE)


@cache
def load_query(name: str) -> str:
    """The text of `service/queries/{name}.rq`."""
    package_dir = resources.files("beslutsgraf.service") / "queries"
    return (package_dir / f"{name}.rq").read_text(encoding="utf-8")


def paged(sparql: str, limit: int, offset: int = 0) -> str:
    """`sparql` with LIMIT `limit` and OFFSET `offset` (ints, so formatting is safe)."""
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    return f"{sparql.rstrip()}\nLIMIT {int(limit)}\nOFFSET {int(offset)}\n"


def select(
    request: Request,
    name: str,
    bindings: Mapping[str, str] | None = None,
    *,
    page: tuple[int, int] | None = None,
    limit: int | None = None,
) -> list[dict[str, str]]:
    """Rows of query `name` with `bindings`, under the service limits. `page` = (limit,
    offset) asks for one row more than the page holds, so the caller knows whether a
    next page exists; `limit` just caps the rows."""
    sparql = load_query(name)
    if page is not None:
        sparql = paged(sparql, page[0] + 1, page[1])
    elif limit is not None:
        sparql = paged(sparql, limit)
    return run_select(request, sparql, bindings or None)
