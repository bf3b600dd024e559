"""What every REST endpoint shares: paging parameters, documented error answers, and
finding the resource an API id names."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import Query, Request

from beslutsgraf.service.api_links import Kind
from beslutsgraf.service.api_models import ErrorMessage
from beslutsgraf.service.api_sparql import select
from beslutsgraf.service.http_errors import BadRequest, NotFound
from beslutsgraf.service.ld_terms import InvalidTerm, iri_term
from beslutsgraf.service.state import get_settings

__all__ = [
    "MAX_LIMIT",
    "PAGE_ERRORS",
    "Limit",
    "Offset",
    "detail_errors",
    "param_iri",
    "resolve",
]

MAX_LIMIT: Final = 200

Limit = Annotated[
    int,
    Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})."),
]
Offset = Annotated[int, Query(ge=0, description="Items to skip (the page's start).")]

_ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    400: {"model": ErrorMessage, "description": "A parameter is not acceptable."},
    503: {"model": ErrorMessage, "description": "Overloaded or the query timed out."},
}
PAGE_ERRORS: Final = _ERRORS


def detail_errors(noun: str) -> dict[int | str, dict[str, Any]]:
    return {
        **_ERRORS,
        404: {"model": ErrorMessage, "description": f"No {noun} has this id."},
    }


def param_iri(name: str, value: str) -> str:
    """A request parameter as an IRI term, or 400 when it cannot be one."""
    try:
        return iri_term(value)
    except InvalidTerm:
        raise BadRequest(f"`{name}` is not an IRI: {value!r}") from None


def resolve(
    request: Request, kind: Kind, key: str, query: str, variable: str, noun: str
) -> tuple[str, dict[str, str]]:
    """The IRI an API id stands for and the first row of `query` about it; 404 when no
    candidate IRI has an answer."""
    base = get_settings(request).instance_base
    for iri in kind.candidates(key, base):
        try:
            term = iri_term(iri)
        except InvalidTerm:
            continue  # an id with spaces or quotes names nothing we minted
        rows = select(request, query, {variable: term})
        if rows:
            return iri, rows[0]
    raise NotFound(f"no {noun} with id {key!r}; list them at {kind.route}")
