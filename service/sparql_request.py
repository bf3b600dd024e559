"""Reading a SPARQL 1.1 Protocol request (§2.1 query, §2.2 update) into one operation,
or refusing it with the status the protocol asks for. Pure functions over the method,
the raw URL query string, the Content-Type and the body: no I/O, no store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qsl

from beslutsgraf.service.http_errors import BadRequest, UnsupportedMediaType
from beslutsgraf.service.negotiation import parse_media_type

__all__ = [
    "DescribeService",
    "QueryOperation",
    "UpdateOperation",
    "read_get",
    "read_post",
]

FORM: Final = "application/x-www-form-urlencoded"
SPARQL_QUERY: Final = "application/sparql-query"
SPARQL_UPDATE: Final = "application/sparql-update"

_QUERY_DATASET: Final = ("default-graph-uri", "named-graph-uri")
_UPDATE_DATASET: Final = ("using-graph-uri", "using-named-graph-uri")


@dataclass(frozen=True)
class QueryOperation:
    query: str
    default_graph_uris: tuple[str, ...] = ()
    named_graph_uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class UpdateOperation:
    update: str
    using_graph_uris: tuple[str, ...] = ()
    using_named_graph_uris: tuple[str, ...] = ()


@dataclass(frozen=True)
class DescribeService:
    """A bare GET of the endpoint: answer with the SPARQL 1.1 Service Description."""


Params = list[tuple[str, str]]


def _decode_params(encoded: str, where: str) -> Params:
    if not encoded:
        return []
    try:
        return parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"the {where} is not percent-encoded UTF-8") from None


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _single(params: Params, name: str) -> str | None:
    values = _values(params, name)
    if len(values) > 1:
        raise BadRequest(f"the request has {len(values)} `{name}` parameters; send exactly one")
    return values[0] if values else None


def _utf8_body(body: bytes, params: dict[str, str]) -> str:
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(
            f"the body is declared as {charset}; SPARQL requests must be UTF-8 (§2.1.3)"
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the body is not valid UTF-8 (byte {error.start})") from None


def _query(query: str, params: Params) -> QueryOperation:
    if not params:  # a query sent as the body, with no URL parameters: the usual POST
        return QueryOperation(query)
    return QueryOperation(
        query,
        tuple(_values(params, "default-graph-uri")),
        tuple(_values(params, "named-graph-uri")),
    )


def _update(update: str, params: Params) -> UpdateOperation:
    return UpdateOperation(
        update,
        tuple(_values(params, "using-graph-uri")),
        tuple(_values(params, "using-named-graph-uri")),
    )


def read_get(url_query: str) -> QueryOperation | DescribeService:
    """GET: `?query=` (and a query dataset), or nothing at all for the description."""
    params = _decode_params(url_query, "URL query string")
    if _values(params, "update"):
        raise BadRequest("updates must be sent with POST (SPARQL 1.1 Protocol §2.2)")
    query = _single(params, "query")
    if query is None:
        if params:
            raise BadRequest("the request has no `query` parameter")
        return DescribeService()
    return _query(query, params)


def read_post(
    url_query: str, content_type: str | None, body: bytes
) -> QueryOperation | UpdateOperation:
    """POST: a form with `query=` or `update=`, or a query/update sent directly."""
    url_params = _decode_params(url_query, "URL query string")
    media_type, media_params = parse_media_type(content_type)
    if media_type == FORM:
        params = url_params + _decode_params(_utf8_body(body, media_params), "form body")
        query, update = _single(params, "query"), _single(params, "update")
        if query is not None and update is not None:
            raise BadRequest("the form has both `query` and `update`; send one operation")
        if query is not None:
            return _query(query, params)
        if update is not None:
            return _update(update, params)
        raise BadRequest("the form has neither a `query` nor an `update` parameter")
    if media_type == SPARQL_QUERY:
        return _query(_utf8_body(body, media_params), url_params)
    if media_type == SPARQL_UPDATE:
        return _update(_utf8_body(body, media_params), url_params)
    shown = f"`{media_type}`" if media_type else "no Content-Type"
    raise UnsupportedMediaType(
        f"a SPARQL POST with {shown} is not understood; use {FORM}, "
        f"{SPARQL_QUERY} or {SPARQL_UPDATE}"
    )
