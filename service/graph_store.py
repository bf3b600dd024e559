"""`/store`: the SPARQL 1.1 Graph Store HTTP Protocol with indirect graph identification
(`?graph=<iri>` or `?default`). Reads are public; PUT, POST and DELETE need the write
token."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request, Response

from beslutsgraf.service.auth import require_write_access
from beslutsgraf.service.http_errors import (
    BadRequest,
    NotAcceptable,
    NotFound,
    UnsupportedMediaType,
)
from beslutsgraf.service.negotiation import (
    GRAPH_TYPES,
    RDF_UPLOAD_TYPES,
    Offer,
    negotiate,
    parse_media_type,
)
from beslutsgraf.service.sparql_protocol import BodyDep
from beslutsgraf.service.sparql_text import has_relative_iri
from beslutsgraf.service.state import get_settings, run_store_work
from beslutsgraf.store import GraphName, Store

__all__ = ["PATH", "graph_store_router"]

PATH: Final = "/store"
# One graph is a set of triples: dataset syntaxes (N-Quads, TriG) are not offered here.
_DATASET_TYPES: Final = ("application/n-quads", "application/trig")
_GRAPH_OFFERS: Final = tuple(offer for offer in GRAPH_TYPES if offer.produced not in _DATASET_TYPES)
_ALIASES: Final = {"application/x-turtle": "text/turtle"}


@dataclass(frozen=True)
class Target:
    """The graph a request is about: an IRI, or None for the default graph."""

    graph: GraphName


def _target_or_none(request: Request) -> Target | None:
    """`?graph=<iri>` or `?default` (not both); None for the graph store itself."""
    params = parse_qsl(request.url.query, keep_blank_values=True)
    graphs = [value for name, value in params if name == "graph"]
    default = any(name == "default" for name, _value in params)
    if graphs and default:
        raise BadRequest("give either `?graph=<iri>` or `?default`, not both")
    if len(graphs) > 1:
        raise BadRequest("give one `graph` parameter")
    if graphs:
        iri = graphs[0]
        if not iri or has_relative_iri(f"<{iri}>") or any(c in iri for c in '<>" {}|\\^`'):
            raise BadRequest(f"`graph` must be an absolute IRI, not `{iri}`")
        return Target(iri)
    return Target(None) if default else None


def _target(request: Request) -> Target:
    """`?graph=<iri>` or `?default`: exactly one of them."""
    target = _target_or_none(request)
    if target is None:
        raise BadRequest("say which graph: `?graph=<iri>` or `?default`")
    return target


def _rdf_media_type(content_type: str | None) -> str:
    media_type, _params = parse_media_type(content_type)
    media_type = _ALIASES.get(media_type, media_type)
    if media_type not in RDF_UPLOAD_TYPES:
        shown = f"`{media_type}`" if media_type else "no Content-Type"
        raise UnsupportedMediaType(
            f"cannot read RDF sent with {shown}; use one of {', '.join(sorted(RDF_UPLOAD_TYPES))}"
        )
    return media_type


def _payloads(content_type: str | None, body: bytes) -> list[tuple[bytes, str]]:
    """The RDF documents of a request body: one, or one per part of multipart/form-data
    (Graph Store Protocol §5.5: every part is merged into the graph)."""
    media_type, _params = parse_media_type(content_type)
    if media_type != "multipart/form-data":
        return [(body, _rdf_media_type(content_type))]
    message = BytesParser(policy=HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body
    )
    if not message.is_multipart():
        raise BadRequest("the multipart/form-data body has no parts")
    parts: list[tuple[bytes, str]] = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        parts.append((data, _rdf_media_type(part.get("Content-Type"))))
    return parts


def _location(graph: str) -> str:
    return f"{PATH}?{urlencode({'graph': graph})}"


def _get(request: Request) -> Response:
    target = _target(request)
    offer = _negotiate(request)

    def work(store: Store) -> bytes:
        if target.graph is not None and not store.graph_exists(target.graph):
            raise NotFound(f"there is no graph <{target.graph}>")
        return store.get_graph(target.graph, offer.produced)

    # No query deadline: serialising a stored graph is bounded by its size (it cannot
    # explode like a query), and an export of a large graph is a legitimate request.
    body = run_store_work(request, work, deadline=False)
    return Response(body, media_type=offer.advertised, headers={"Vary": "Accept"})


def _negotiate(request: Request) -> Offer:
    offer = negotiate(request.headers.get("accept"), _GRAPH_OFFERS)
    if offer is None:
        choices = ", ".join(o.advertised for o in _GRAPH_OFFERS)
        raise NotAcceptable(f"a graph can be had as one of: {choices}")
    return offer


_SELECTORS: Final[list[dict[str, Any]]] = [
    {
        "name": "graph",
        "in": "query",
        "schema": {"type": "string", "format": "iri"},
        "description": "The IRI of the named graph. Give this or `default`.",
    },
    {
        "name": "default",
        "in": "query",
        "schema": {"type": "string"},
        "allowEmptyValue": True,
        "description": "Present (with no value) to address the default graph.",
    },
]
_RDF_BODY: Final[dict[str, Any]] = {
    "requestBody": {
        "required": True,
        "content": {
            media_type: {"schema": {"type": "string"}} for media_type in sorted(RDF_UPLOAD_TYPES)
        },
    }
}


def _documented(*, body: bool) -> dict[str, Any]:
    return {"parameters": _SELECTORS, **(_RDF_BODY if body else {})}


def graph_store_router() -> APIRouter:
    router = APIRouter(tags=["Graph Store"])
    responses: dict[int | str, dict[str, str]] = {
        400: {"description": "Neither or both of `graph` and `default`, or bad RDF."},
        401: {"description": "Writes need `Authorization: Bearer <write token>`."},
        403: {"description": "Wrong token, or writes switched off."},
        404: {"description": "No such graph."},
        415: {"description": "The body's Content-Type is not an RDF syntax."},
    }

    @router.get(
        PATH,
        summary="Read a graph",
        response_class=Response,
        responses=responses,
        openapi_extra=_documented(body=False),
    )
    def read_graph(request: Request) -> Response:
        """The graph `?graph=<iri>` or the `?default` graph, negotiated from `Accept`
        (Turtle by default). HEAD answers the same headers without the body."""
        return _get(request)

    router.add_api_route(PATH, read_graph, methods=["HEAD"], include_in_schema=False)

    @router.put(
        PATH,
        summary="Replace a graph",
        status_code=204,
        responses=responses,
        openapi_extra=_documented(body=True),
    )
    def replace_graph(request: Request, body: BodyDep) -> Response:
        """Replace the graph with the body; 201 when it did not exist, else 204."""
        require_write_access(request)
        target = _target(request)
        media_type = _rdf_media_type(request.headers.get("content-type"))

        def work(store: Store) -> bool:
            existed = target.graph is None or store.graph_exists(target.graph)
            store.put_graph(target.graph, body, media_type)
            return existed

        existed = run_store_work(request, work, deadline=False)
        return Response(status_code=204 if existed else 201)

    @router.post(
        PATH,
        summary="Merge into a graph, or create one",
        status_code=204,
        responses=responses,
        openapi_extra=_documented(body=True),
    )
    def merge_graph(request: Request, body: BodyDep) -> Response:
        """Merge the body (one RDF document, or multipart/form-data with one per part)
        into the graph; 201 when that created it, else 204. Without `graph`/`default`,
        a new graph is created under a fresh IRI: 201 with its Location."""
        require_write_access(request)
        target = _target_or_none(request)
        payloads = _payloads(request.headers.get("content-type"), body)
        graph: GraphName
        if target is None:
            graph, fresh = f"{get_settings(request).instance_base}graph/{uuid.uuid4()}", True
        else:
            graph, fresh = target.graph, False

        def work(store: Store) -> bool:
            """Merge every payload; True when that created the graph."""
            created = graph is not None and (fresh or not store.graph_exists(graph))
            for data, media_type in payloads:
                store.add_to_graph(graph, data, media_type)
            return created

        created = run_store_work(request, work, deadline=False)
        if not created or graph is None:
            return Response(status_code=204)
        return Response(status_code=201, headers={"Location": _location(graph)})

    @router.delete(
        PATH,
        summary="Delete a graph",
        status_code=204,
        responses=responses,
        openapi_extra=_documented(body=False),
    )
    def delete_graph(request: Request) -> Response:
        """Drop the graph (empty the default graph); 404 when there is no such graph."""
        require_write_access(request)
        target = _target(request)
        deleted = run_store_work(
            request, lambda store: store.delete_graph(target.graph), deadline=False
        )
        if not deleted and target.graph is not None:
            raise NotFound(f"there is no graph <{target.graph}>")
        return Response(status_code=204)

    return router
