"""`/sparql`: the SPARQL 1.1 Protocol (query and update) and its Service Description.

This is the service's hot path, so it skips what a query does not need: `SparqlFastPath`
answers GET and POST ahead of FastAPI's routing and dependency machinery (the routes of
`sparql_router` document the endpoint, and answer only in an app without it); the
handlers are `async` and cheap on the event loop; a query on the embedded store awaits
its worker process directly (`EmbeddedStore.query_async`), with no thread in between,
while a remote store's blocking client runs in a slot's thread of the `QueryLimiter`.
Those layers were most of the gap to `oxigraph serve` on millisecond queries
(`benchmarks/profile_layers.py`). No thread ever waits on a slow client."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from beslutsgraf.service.auth import require_write_access
from beslutsgraf.service.http_errors import (
    BadRequest,
    Forbidden,
    MethodNotAllowed,
    NotAcceptable,
    ResultTooLarge,
    ServiceError,
    error_response,
    from_store_error,
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
from beslutsgraf.service.state import get_limiter, get_settings, get_store
from beslutsgraf.store import EmbeddedStore, SerializedResult
from beslutsgraf.store.errors import QuerySyntaxError, StoreError
from beslutsgraf.store.errors import ResultTooLarge as TooManyRows
from beslutsgraf.store.evaluate import leading_query_form
from beslutsgraf.store.sparql_text import IRI_PATTERN, is_load, service_targets

__all__ = [
    "BodyDep",
    "SparqlFastPath",
    "answer_get",
    "answer_post",
    "endpoint_url",
    "read_body",
    "sparql_router",
]

PATH: Final = "/sparql"

# Every IRI token of a query is also a match of this pattern in a plain scan (a match
# cannot contain `<`, so none can hide one), and matches inside strings or comments only
# add candidates: when none of them is relative, no IRI needs the endpoint as base. One
# search, for a candidate without a scheme (a lookahead on `IRI_PATTERN`).
_RELATIVE_IRI: Final = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.\-]*:)" + IRI_PATTERN[1:])
# A SERVICE clause needs the word: text without it skips the lexer (~0.08 ms on a long
# query, paid by every request).
_SERVICE: Final = re.compile("service", re.IGNORECASE)
# Characters other than ASCII letters that `_SERVICE` takes for one of "service".
_SERVICE_LOOKALIKES: Final = ("\u017f", "\u0130", "\u0131")  # long s, dotted I, dotless i


async def read_body(request: Request) -> bytes:
    """The whole request body, read on the event loop before a `def` endpoint's thread
    starts (the dependency of the Graph Store's writes)."""
    return await request.body()


BodyDep = Annotated[bytes, Depends(read_body)]


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL: the base IRI of requests and the Service Description's
    `sd:endpoint`."""
    return str(request.url.replace(query="", fragment=""))


def _result_offers(query: str) -> tuple[Offer, ...]:
    # One regex match for the usual prologue; the lexer only for text it does not fit.
    form = leading_query_form(query) or query_form(query)
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


def _based(text: str, request: Request) -> str:
    """`with_base(text, endpoint)`, without lexing the text when a plain scan shows that
    every IRI in it is absolute (nearly every query: the lexer costs up to ~0.4 ms)."""
    if _RELATIVE_IRI.search(text) is None:
        return text
    return with_base(text, endpoint_url(request))


async def _run_query(
    request: Request, query: str, media_type: str, operation: QueryOperation
) -> SerializedResult:
    """The query under the service's limits: concurrency cap, timeout, `max_result_rows`
    (the store stops at the first solution beyond it)."""
    store, settings, limiter = get_store(request), get_settings(request), get_limiter(request)
    options: dict[str, Any] = {
        "default_graph_uris": operation.default_graph_uris,
        "named_graph_uris": operation.named_graph_uris,
        "timeout_s": settings.query_timeout_s,
        "max_rows": settings.max_result_rows,
    }
    try:
        if isinstance(store, EmbeddedStore):
            # Its query workers are processes the event loop can watch: no thread.
            embedded = store
            return await limiter.run_awaitable(
                lambda: embedded.query_async(query, media_type, **options)
            )
        # A remote store's HTTP client blocks: in a slot's thread.
        return await limiter.run_async(lambda: store.query(query, media_type, **options))
    except TooManyRows as error:
        raise ResultTooLarge.beyond(settings.max_result_rows, error.unit) from None


def _may_call_a_service(sparql: str) -> bool:
    """Whether `_SERVICE` finds the word, without its case-insensitive scan of every
    character (~0.02 ms on a 1.5 KB query): lower-cased, the text holds "service" when
    the word is spelled with ASCII letters, and the scan is needed only for text that
    holds one of the three other characters it takes for a letter of the word."""
    if "service" in sparql.lower():
        return True
    if sparql.isascii() or not any(char in sparql for char in _SERVICE_LOOKALIKES):
        return False
    return _SERVICE.search(sparql) is not None


def _refuse_unlisted_services(request: Request, sparql: str) -> None:
    """SERVICE makes this server open a connection wherever the client says (a way into
    the operator's network): only endpoints the operator listed may be called."""
    if not _may_call_a_service(sparql):
        return
    allowed = get_settings(request).federated_endpoints
    for target in service_targets(sparql):
        if target not in allowed:
            raise Forbidden(
                f"SERVICE {target} is not allowed here: a federated query makes this "
                "server connect to another host, and the operator allows only the "
                "endpoints listed in BESLUTSGRAF_FEDERATED_ENDPOINTS"
                + (f" ({', '.join(allowed)})" if allowed else " (none)")
                + "; run federated queries with `beslutsgraf query` instead"
            )


async def _answer_query(request: Request, operation: QueryOperation) -> Response:
    _refuse_unlisted_services(request, operation.query)
    offers = _result_offers(operation.query)
    offer = negotiate(request.headers.get("accept"), offers)
    if offer is None:
        raise _not_acceptable(request, offers)
    query = _based(operation.query, request)
    try:
        result = await _run_query(request, query, offer.produced, operation)
    except QuerySyntaxError as error:
        raise _in_client_text(error, len(query) - len(operation.query)) from None
    return _Answer(result.body, offer)


class _Answer(Response):
    """`Response(body, media_type=offer.advertised, headers={"Vary": "Accept"})`: the same
    headers in the same order, with the constant ones encoded once per media type rather
    than on every answer (Starlette's header building is ~0.003 ms a request)."""

    def __init__(self, body: bytes, offer: Offer) -> None:
        self.status_code = 200
        self.background = None
        self.media_type = offer.advertised
        self.body = body
        self.raw_headers = [
            _VARY_ACCEPT,
            (b"content-length", str(len(body)).encode("latin-1")),
            _content_type(offer.advertised),
        ]


_VARY_ACCEPT: Final = (b"vary", b"Accept")


@cache
def _content_type(media_type: str) -> tuple[bytes, bytes]:
    """The Content-Type header `Response` writes for `media_type` (text is UTF-8)."""
    if media_type.startswith("text/") and "charset=" not in media_type.lower():
        media_type += f"; charset={Response.charset}"
    return b"content-type", media_type.encode("latin-1")


async def _apply_update(request: Request, operation: UpdateOperation) -> Response:
    require_write_access(request)
    if is_load(operation.update):
        # LOAD makes the server fetch any URL the client names: a way past the firewall
        # for whoever holds the token. Dumps go in through /store or `beslutsgraf load`.
        raise Forbidden(
            "LOAD is disabled over HTTP because it makes the server fetch URLs; send the "
            "data to /store (Graph Store Protocol) or run `beslutsgraf load` instead"
        )
    _refuse_unlisted_services(request, operation.update)
    try:
        update = add_using_clauses(
            operation.update, operation.using_graph_uris, operation.using_named_graph_uris
        )
    except DatasetConflict as conflict:
        raise BadRequest(str(conflict)) from None
    based = _based(update, request)
    store = get_store(request)
    try:
        # No deadline: abandoning a write would leave the client unsure it happened.
        await get_limiter(request).run_async(lambda: store.update(based), deadline=False)
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


def _query_string(request: Request) -> str:
    """The raw URL query string, as `request.url.query` has it, without building the
    whole URL (host header, scheme, path) that the answer does not need."""
    raw: bytes = request.scope.get("query_string", b"")
    return raw.decode("latin-1")


async def answer_get(request: Request) -> Response:
    """SPARQL 1.1 Protocol query via GET. Results are negotiated from `Accept`:
    SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as
    Turtle (default), N-Triples, N-Quads, TriG, RDF/XML or JSON-LD."""
    operation = read_get(_query_string(request))
    if isinstance(operation, DescribeService):
        # rdflib builds and serialises the description: off the event loop.
        return await run_in_threadpool(_describe, request)
    return await _answer_query(request, operation)


async def answer_post(request: Request) -> Response:
    """A query or update as `application/x-www-form-urlencoded` (`query=` or
    `update=`), `application/sparql-query` or `application/sparql-update`. Updates
    need `Authorization: Bearer <write token>`; `using-graph-uri` and
    `using-named-graph-uri` set their dataset."""
    body = await request.body()
    operation = read_post(_query_string(request), request.headers.get("content-type"), body)
    if isinstance(operation, UpdateOperation):
        return await _apply_update(request, operation)
    return await _answer_query(request, operation)


_HANDLERS: Final = {"GET": answer_get, "POST": answer_post}


class SparqlFastPath:
    """ASGI middleware answering GET and POST on `/sparql` with the handlers above,
    before FastAPI's exception middleware, routing and request machinery (together
    ~0.3 ms of CPU per request, a third of a point lookup's time in `oxigraph serve`).
    Install it inside CORS (`add_middleware` it first), so CORS headers still apply.
    Errors are answered as the app's exception handlers would; everything else passes
    through to the app, where `sparql_router`'s routes document the same endpoint."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = _HANDLERS.get(scope.get("method", "")) if scope["type"] == "http" else None
        if handler is None or _route_path(scope) != PATH:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await handler(request)
        except ServiceError as error:
            response = error_response(error)
        except StoreError as error:
            response = error_response(from_store_error(error))
        await response(scope, receive, send)


def _route_path(scope: Scope) -> str:
    """The path as the router matches it: without the app's mount point."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def sparql_router() -> APIRouter:
    """The `/sparql` routes: they document the endpoint in OpenAPI, answer methods other
    than GET and POST with 405, and answer GET and POST when the app runs without
    `SparqlFastPath` (with it, they are never reached)."""
    router = APIRouter(tags=["SPARQL"])
    router.add_api_route(
        PATH,
        answer_get,
        methods=["GET"],
        summary="SPARQL query (GET) or Service Description",
        response_class=Response,
        responses=_RESPONSES,
        openapi_extra={"parameters": _GET_PARAMETERS},
    )
    router.add_api_route(
        PATH,
        answer_post,
        methods=["POST"],
        summary="SPARQL query or update (POST)",
        response_class=Response,
        responses={**_RESPONSES, 204: {"description": "Update applied."}},
        openapi_extra=_POST_DOCUMENTATION,
    )

    @router.api_route(PATH, methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    def sparql_other_method(request: Request) -> Response:
        raise MethodNotAllowed(
            f"{request.method} is not part of the SPARQL protocol; use GET or POST",
            headers={"Allow": "GET, POST"},
        )

    return router
