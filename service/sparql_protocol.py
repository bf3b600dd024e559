"""`/sparql`: the SPARQL 1.1 Protocol (query and update) and its Service Description.

Endpoints are plain `def`: FastAPI runs them in its thread pool, the store work itself
runs under the `QueryLimiter`. The request body is read by an async dependency first,
so no thread ever waits on a slow client."""

from __future__ import annotations

from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Request, Response

from beslutsgraf.service.auth import require_write_access
from beslutsgraf.service.http_errors import (
    BadRequest,
    Forbidden,
    MethodNotAllowed,
    NotAcceptable,
)
from beslutsgraf.service.negotiation import (
    BOOLEAN_RESULT_TYPES,
    GRAPH_TYPES,
    TABLE_RESULT_TYPES,
    Offer,
    negotiate,
)
from beslutsgraf.service.service_description import service_description
from beslutsgraf.service.sparql_request import (
    DescribeService,
    QueryOperation,
    UpdateOperation,
    read_get,
    read_post,
)
from beslutsgraf.service.sparql_text import (
    DatasetConflict,
    add_using_clauses,
    query_form,
    with_base,
)
from beslutsgraf.service.state import get_settings, run_query, run_store_work
from beslutsgraf.store.errors import QuerySyntaxError
from beslutsgraf.store.sparql_text import is_load

__all__ = ["endpoint_url", "read_body", "sparql_router"]

PATH: Final = "/sparql"


async def read_body(request: Request) -> bytes:
    """The whole request body, read on the event loop before the endpoint's thread starts."""
    return await request.body()


BodyDep = Annotated[bytes, Depends(read_body)]


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL: the base IRI of requests and the Service Description's
    `sd:endpoint`."""
    return str(request.url.replace(query="", fragment=""))


def _result_offers(query: str) -> tuple[Offer, ...]:
    form = query_form(query)
    if form == "ASK":
        return BOOLEAN_RESULT_TYPES
    if form in ("CONSTRUCT", "DESCRIBE"):
        return GRAPH_TYPES
    # SELECT, or text the lexer cannot place: the store will report its syntax error.
    return TABLE_RESULT_TYPES


def _not_acceptable(request: Request, offers: tuple[Offer, ...]) -> NotAcceptable:
    accepted = request.headers.get("accept", "")
    choices = ", ".join(offer.advertised for offer in offers)
    return NotAcceptable(f"none of `{accepted}` can be produced here; choose one of: {choices}")


def _in_client_text(error: QuerySyntaxError, shift: int) -> QuerySyntaxError:
    """`error` with its position in the text the client sent, not in the text with a
    BASE declaration prepended to its first line (`with_base`)."""
    if not shift or error.line != 1 or error.column is None:
        return error
    column = error.column - shift
    message = error.message.replace(f"line 1, column {error.column}", f"line 1, column {column}")
    return QuerySyntaxError(message, 1, column)


def _answer_query(request: Request, operation: QueryOperation) -> Response:
    offers = _result_offers(operation.query)
    offer = negotiate(request.headers.get("accept"), offers)
    if offer is None:
        raise _not_acceptable(request, offers)
    query = with_base(operation.query, endpoint_url(request))
    try:
        result = run_query(
            request,
            query,
            offer.produced,
            default_graph_uris=operation.default_graph_uris,
            named_graph_uris=operation.named_graph_uris,
        )
    except QuerySyntaxError as error:
        raise _in_client_text(error, len(query) - len(operation.query)) from None
    return Response(result.body, media_type=offer.advertised, headers={"Vary": "Accept"})


def _apply_update(request: Request, operation: UpdateOperation) -> Response:
    require_write_access(request)
    if is_load(operation.update):
        # LOAD makes the server fetch any URL the client names: a way past the firewall
        # for whoever holds the token. Dumps go in through /store or `beslutsgraf load`.
        raise Forbidden(
            "LOAD is disabled over HTTP because it makes the server fetch URLs; send the "
            "data to /store (Graph Store Protocol) or run `beslutsgraf load` instead"
        )
    try:
        update = add_using_clauses(
            operation.update, operation.using_graph_uris, operation.using_named_graph_uris
        )
    except DatasetConflict as conflict:
        raise BadRequest(str(conflict)) from None
    based = with_base(update, endpoint_url(request))
    try:
        run_store_work(request, lambda store: store.update(based), deadline=False)
    except QuerySyntaxError as error:
        if update != operation.update:
            # USING clauses were inserted: say so rather than point at moved text.
            raise QuerySyntaxError(
                f"{error.message} (position in the update with the request's "
                "using-graph-uri/using-named-graph-uri added as USING clauses)",
                error.line,
                error.column,
            ) from None
        raise _in_client_text(error, len(based) - len(update)) from None
    return Response(status_code=204)


def _describe(request: Request) -> Response:
    offer = negotiate(request.headers.get("accept"), GRAPH_TYPES)
    if offer is None:
        raise _not_acceptable(request, GRAPH_TYPES)
    writable = bool(get_settings(request).write_token)
    body = service_description(endpoint_url(request), offer, writable=writable)
    return Response(body, media_type=offer.advertised, headers={"Vary": "Accept"})


_GET_PARAMETERS: Final[list[dict[str, Any]]] = [
    {
        "name": "query",
        "in": "query",
        "schema": {"type": "string"},
        "description": "A SPARQL 1.1 query. Without it, the Service Description is returned.",
    },
    {
        "name": "default-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "Default graph(s) of the dataset; overrides FROM in the query.",
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "Named graph(s) of the dataset; overrides FROM NAMED in the query.",
    },
]
_TEXT: Final = {"schema": {"type": "string"}}
_POST_DOCUMENTATION: Final[dict[str, Any]] = {
    "parameters": [
        *_GET_PARAMETERS[1:],
        *(
            {
                "name": name,
                "in": "query",
                "schema": {"type": "array", "items": {"type": "string"}},
                "description": "Update dataset; overrides USING in the update.",
            }
            for name in ("using-graph-uri", "using-named-graph-uri")
        ),
    ],
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}, "update": {"type": "string"}},
                }
            },
            "application/sparql-query": _TEXT,
            "application/sparql-update": _TEXT,
        },
    },
}
_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {"description": "The answer, in the negotiated format."},
    400: {
        "description": "Malformed request or query (the message gives the position), or an "
        "update that cannot be applied (`update_failed`, e.g. CLEAR of a missing graph)."
    },
    406: {"description": "No acceptable result format."},
    413: {"description": "More results than `max_result_rows`."},
    415: {"description": "Unsupported request Content-Type or charset."},
    503: {"description": "Query timeout, or too many concurrent queries (Retry-After)."},
}


def sparql_router() -> APIRouter:
    router = APIRouter(tags=["SPARQL"])

    @router.get(
        PATH,
        summary="SPARQL query (GET) or Service Description",
        response_class=Response,
        responses=_RESPONSES,
        openapi_extra={"parameters": _GET_PARAMETERS},
    )
    def sparql_get(request: Request) -> Response:
        """SPARQL 1.1 Protocol query via GET. Results are negotiated from `Accept`:
        SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as
        Turtle (default), N-Triples, N-Quads, TriG, RDF/XML or JSON-LD."""
        operation = read_get(request.url.query)
        if isinstance(operation, DescribeService):
            return _describe(request)
        return _answer_query(request, operation)

    @router.post(
        PATH,
        summary="SPARQL query or update (POST)",
        response_class=Response,
        responses={**_RESPONSES, 204: {"description": "Update applied."}},
        openapi_extra=_POST_DOCUMENTATION,
    )
    def sparql_post(request: Request, body: BodyDep) -> Response:
        """A query or update as `application/x-www-form-urlencoded` (`query=` or
        `update=`), `application/sparql-query` or `application/sparql-update`. Updates
        need `Authorization: Bearer <write token>`; `using-graph-uri` and
        `using-named-graph-uri` set their dataset."""
        operation = read_post(request.url.query, request.headers.get("content-type"), body)
        if isinstance(operation, UpdateOperation):
            return _apply_update(request, operation)
        return _answer_query(request, operation)

    @router.api_route(PATH, methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    def sparql_other_method(request: Request) -> Response:
        raise MethodNotAllowed(
            f"{request.method} is not part of the SPARQL protocol; use GET or POST",
            headers={"Allow": "GET, POST"},
        )

    return router
