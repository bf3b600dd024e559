"""Linked data over HTTP: one page per resource (`/id/...`), the whole store as
N-Quads (`/dump.nq`) and its VoID/DCAT description (`/.well-known/void`).

Resource pages: `GET /id/{path}` describes the IRI `{instance base}{path}`, whatever
host the service runs on (so `https://w3id.org/beslutsgraf/id/person/x` is served at
`http://localhost:8000/id/person/x`; w3id.org redirects there in production). Strategy:
the representation is served directly at the IRI's URL, without a 303 (the resources
are documents about things, and one round trip matters for browsers and crawlers);
`Vary: Accept` tells caches the body depends on `Accept`, and `Content-Location` names
the URL of the chosen representation (`?format=ttl` …), which also works as an override
for clients that cannot set `Accept`. HTML is served to browsers and to `*/*`; Turtle,
JSON-LD, N-Triples, N-Quads, TriG and RDF/XML by negotiation.

HEAD answers every route with the headers GET would send and no body (link checkers
and crawlers ask it first); on the dump it does not read the store.
"""

from __future__ import annotations

from typing import Annotated, Final

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from beslutsgraf.service.api_models import ErrorMessage
from beslutsgraf.service.http_errors import NotFound
from beslutsgraf.service.ld_description import describe
from beslutsgraf.service.ld_formats import (
    HTML,
    JSON_LD,
    N_TRIPLES,
    RDF_FORMATS,
    RDF_XML,
    TURTLE,
    Format,
    choose_format,
    serialize,
)
from beslutsgraf.service.ld_html import render_page
from beslutsgraf.service.ld_terms import InvalidTerm, iri_term
from beslutsgraf.service.ld_void import DUMP_MEDIA_TYPE, void_description
from beslutsgraf.service.state import get_settings, get_store, run_store_work

__all__ = ["resources_router"]

PAGE_FORMATS: Final = (HTML, *RDF_FORMATS)
VOID_FORMATS: Final = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)

_FORMAT_QUERY = Annotated[
    str | None,
    Query(
        alias="format",
        description="Override content negotiation: html, ttl, jsonld, nt, nq, trig, rdfxml.",
    ),
]


def _content_type(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8"


def resource_page(
    request: Request,
    path: Annotated[
        str,
        Path(
            description="The IRI's path under the instance base.",
            examples=["person/helen-eliasson"],
        ),
    ],
    format_override: _FORMAT_QUERY = None,
) -> Response:
    """A resource: its description (all triples with it as subject across named graphs,
    its blank nodes, its evidence) and the links to it, as HTML or RDF."""
    fmt = choose_format(request.headers.get("accept"), format_override, PAGE_FORMATS)
    iri = get_settings(request).instance_base + path
    try:
        iri_term(iri)
    except InvalidTerm:
        raise NotFound(f"{path!r} is not the path of an IRI this service mints") from None
    description = describe(request, iri)
    if description.empty:
        raise NotFound(f"nothing is known about <{iri}>")
    if fmt is HTML:
        body = render_page(description, get_settings(request).instance_base).encode("utf-8")
    else:
        body = serialize(description.everything(), fmt)
    return Response(
        content=body,
        media_type=_content_type(fmt),
        headers={
            "Vary": "Accept",
            "Content-Location": f"{request.url.path}?format={fmt.name}",
        },
    )


_DUMP_HEADERS: Final = {"Content-Disposition": 'attachment; filename="beslutsgraf.nq"'}


def dump(request: Request) -> StreamingResponse:
    """Every quad of the store, streamed as N-Quads (graph names kept)."""
    store = get_store(request)
    return StreamingResponse(
        store.dump(DUMP_MEDIA_TYPE), media_type=DUMP_MEDIA_TYPE, headers=_DUMP_HEADERS
    )


def dump_head() -> Response:
    """The dump's headers. Its length is not known without writing it all, so, like the
    streamed GET, the answer has no Content-Length."""
    response = Response(media_type=DUMP_MEDIA_TYPE, headers=_DUMP_HEADERS)
    del response.headers["content-length"]
    return response


def void(request: Request, format_override: _FORMAT_QUERY = None) -> Response:
    """VoID/DCAT description of the dataset: triples in total and per named graph, the
    SPARQL endpoint, the dump, the IRI space and the vocabularies used."""
    fmt = choose_format(request.headers.get("accept"), format_override, VOID_FORMATS)
    counts = run_store_work(request, lambda store: store.triple_counts())
    service_url = str(request.base_url).rstrip("/")
    description = void_description(service_url, get_settings(request).instance_base, counts)
    return Response(
        content=serialize(description, fmt),
        media_type=_content_type(fmt),
        headers={"Vary": "Accept", "Content-Location": f"/.well-known/void?format={fmt.name}"},
    )


def _rdf_content(formats: tuple[Format, ...]) -> dict[str, dict[str, object]]:
    return {fmt.media_type: {} for fmt in formats}


def resources_router() -> APIRouter:
    """The `/id/...`, `/dump.nq` and `/.well-known/void` routes."""
    router = APIRouter(tags=["linked data"])
    not_found = {"model": ErrorMessage, "description": "Nothing is known about this IRI."}
    router.add_api_route(
        "/id/{path:path}",
        resource_page,
        methods=["GET"],
        summary="A resource page (HTML or RDF by content negotiation)",
        response_class=Response,
        responses={
            200: {"content": _rdf_content(PAGE_FORMATS), "description": "The resource."},
            404: not_found,
            406: {"model": ErrorMessage, "description": "No acceptable representation."},
        },
    )
    router.add_api_route(
        "/dump.nq",
        dump,
        methods=["GET"],
        summary="The whole store as N-Quads",
        response_class=StreamingResponse,
        responses={200: {"content": {DUMP_MEDIA_TYPE: {}}, "description": "All quads."}},
    )
    router.add_api_route(
        "/.well-known/void",
        void,
        methods=["GET"],
        summary="VoID/DCAT description of the dataset",
        response_class=Response,
        responses={200: {"content": _rdf_content(VOID_FORMATS), "description": "VoID."}},
    )
    # HEAD: the same answers without a body (the server drops it); not in the schema.
    router.add_api_route(
        "/id/{path:path}", resource_page, methods=["HEAD"], include_in_schema=False
    )
    router.add_api_route("/dump.nq", dump_head, methods=["HEAD"], include_in_schema=False)
    router.add_api_route("/.well-known/void", void, methods=["HEAD"], include_in_schema=False)
    return router
