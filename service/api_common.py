"""What every REST endpoint shares: paging parameters, documented error answers, and
finding the resource an API id names."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Final, TypeVar

from fastapi import APIRouter, Query, Request, Response

from beslutsgraf.service.api_links import Kind, page_links, ref_from_row, set_link_header
from beslutsgraf.service.api_models import ErrorMessage, Page, Ref
from beslutsgraf.service.api_sparql import select
from beslutsgraf.service.http_errors import BadRequest, NotFound
from beslutsgraf.service.ld_terms import InvalidTerm, iri_term, row_text
from beslutsgraf.service.state import get_settings

__all__ = [
    "MAX_LIMIT",
    "PAGE_ERRORS",
    "Limit",
    "Offset",
    "add_get",
    "detail_errors",
    "linked",
    "list_page",
    "param_iri",
    "resolve",
]

ItemT = TypeVar("ItemT")

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


def list_page(
    request: Request,
    response: Response,
    page_type: type[Page[ItemT]],
    query: str,
    bindings: Mapping[str, str],
    limit: int,
    offset: int,
    item: Callable[[Mapping[str, str], str], ItemT],
) -> Page[ItemT]:
    """One page of `query` with `bindings`, each row made an item by `item(row, base)`;
    the links to the other pages are also set as the `Link` header."""
    base = get_settings(request).instance_base
    rows = select(request, query, bindings, page=(limit, offset))
    links = page_links(request, limit, offset, has_next=len(rows) > limit)
    set_link_header(response, links)
    return page_type(
        items=[item(row, base) for row in rows[:limit]],
        limit=limit,
        offset=offset,
        first=links.first,
        prev=links.prev,
        next=links.next,
    )


def add_get(
    router: APIRouter,
    path: str,
    endpoint: Callable[..., Any],
    model: Any,
    summary: str,
    responses: dict[int | str, dict[str, Any]],
    tag: str,
) -> None:
    """Register `endpoint` as the GET of `path`."""
    router.add_api_route(
        path,
        endpoint,
        methods=["GET"],
        response_model=model,
        summary=summary,
        responses=responses,
        tags=[tag],
    )


def linked(
    request: Request, query: str, variable: str, iri: str, base: str, relations: Iterable[str]
) -> dict[str, list[Ref]]:
    """The `target`s (with their `label`) of the rows of `query` about `iri`, by
    `relation`; a row with a relation not in `relations` is left out."""
    related: dict[str, list[Ref]] = {relation: [] for relation in relations}
    for row in select(request, query, {variable: iri_term(iri)}):
        target = ref_from_row(row, "target", "label", base)
        relation = row_text(row, "relation") or ""
        if target is not None and relation in related:
            related[relation].append(target)
    return related
