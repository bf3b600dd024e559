"""`/reconcile`: an OpenRefine Reconciliation Service over the graph.

Two versions of the Reconciliation Service API, each under its own root:

* 0.2 at `/reconcile`: `GET` gives the manifest; `queries=` (GET or form POST) runs a
  query batch, `extend=` a data extension; `callback=` wraps a GET answer as JSONP.
  Suggest, preview and property proposals are at the URLs its manifest names.
* 1.0 draft at `/reconcile/1.0-draft`: `GET` gives the manifest, `POST /match` and
  `POST /extend` take JSON bodies; `/suggest/entity`, `/suggest/property`, `/preview`
  and `/extend/propose` are GETs.

Errors are the service's JSON `{"code", "message"}`: 400 for a malformed request,
413 for a batch larger than the manifest's `batchSize`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Annotated, Any, Final
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from beslutsgraf.service.http_errors import BadRequest, UnsupportedMediaType
from beslutsgraf.service.negotiation import parse_media_type
from beslutsgraf.service.reconcile_catalogue import TYPES, find_type
from beslutsgraf.service.reconcile_extend import extend, propose
from beslutsgraf.service.reconcile_formats import candidate_json
from beslutsgraf.service.reconcile_manifest import ROOT_V02, ROOT_V1, manifest_v02, manifest_v1
from beslutsgraf.service.reconcile_preview import preview_html
from beslutsgraf.service.reconcile_requests import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    decode_json,
    read_batch_v02,
    read_batch_v1,
    read_extend,
)
from beslutsgraf.service.reconcile_search import search
from beslutsgraf.service.reconcile_suggest import (
    suggest_entities,
    suggest_properties,
    suggest_types,
)
from beslutsgraf.service.state import get_settings

__all__ = ["reconcile_router"]


async def _read_body(request: Request) -> bytes:
    """The whole body, read on the event loop before the endpoint's thread starts."""
    return await request.body()


BodyDep = Annotated[bytes, Depends(_read_body)]
Params = dict[str, str]

# A JavaScript function name, possibly dotted: nothing else may precede "(" in JSONP.
_CALLBACK: Final = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")
_FORM: Final = "application/x-www-form-urlencoded"


def _service_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _params(encoded: str) -> Params:
    """Decoded URL or form parameters; a repeated one keeps its last value."""
    try:
        return dict(parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="strict"))
    except UnicodeDecodeError:
        raise BadRequest("the parameters are not percent-encoded UTF-8") from None


def _form(request: Request, body: bytes) -> Params:
    """URL parameters overlaid with a form-encoded body (the way OpenRefine posts)."""
    params = _params(request.url.query)
    if not body:
        return params
    media_type, _ = parse_media_type(request.headers.get("content-type", ""))
    if media_type != _FORM:
        raise UnsupportedMediaType(f"send the 0.2 parameters as {_FORM}, not {media_type!r}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the body is not valid UTF-8 (byte {error.start})") from None
    return {**params, **_params(text)}


def _json_body(request: Request, body: bytes) -> Any:
    media_type, _ = parse_media_type(request.headers.get("content-type", "application/json"))
    if media_type != "application/json":
        raise UnsupportedMediaType(f"send the body as application/json, not {media_type!r}")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadRequest(f"the body is not valid UTF-8 (byte {error.start})") from None
    return decode_json(text, "the body")


def _answer(document: Any, callback: str | None = None) -> Response:
    """JSON, or JSONP when the (0.2) client names a callback."""
    if callback is None:
        return JSONResponse(document)
    if not _CALLBACK.match(callback):
        raise BadRequest(f"`callback` must be a JavaScript function name, not {callback!r}")
    text = json.dumps(document, ensure_ascii=False)
    return Response(f"/**/{callback}({text});", media_type="application/javascript")


def _int(params: Params, name: str, default: int, minimum: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"`{name}` must be an integer, not {raw!r}") from None
    if value < minimum:
        raise BadRequest(f"`{name}` must be at least {minimum}, not {value}")
    return value


# -- 0.2 -----------------------------------------------------------------------------


def _v02(request: Request, params: Params) -> Response:
    callback = params.get("callback")
    base = get_settings(request).instance_base
    if "queries" in params:
        batch = read_batch_v02(decode_json(params["queries"], "`queries`"))
        results = {
            key: {"result": [candidate_json(s, base) for s in search(request, query)]}
            for key, query in batch
        }
        return _answer(results, callback)
    if "extend" in params:
        query = read_extend(decode_json(params["extend"], "`extend`"))
        return _answer(extend(request, query, "0.2"), callback)
    return _answer(manifest_v02(_service_url(request), base), callback)


def reconcile_get(request: Request) -> Response:
    """Reconciliation API 0.2: the manifest; with `queries=` a query batch, with
    `extend=` a data extension; `callback=` for JSONP."""
    return _v02(request, _params(request.url.query))


def reconcile_post(request: Request, body: BodyDep) -> Response:
    """Reconciliation API 0.2: `queries=` or `extend=` as a form-encoded body."""
    return _v02(request, _form(request, body))


def _suggest_window(params: Params) -> tuple[int, int]:
    # 0.2 pages with `cursor`, the 1.0 draft with `offset`.
    offset = _int(params, "offset", _int(params, "cursor", 0, 0), 0)
    return offset, min(_int(params, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT)


def suggest_entity(request: Request) -> Response:
    """Entities whose names start like `prefix` (optionally of one `type`)."""
    params = _params(request.url.query)
    offset, limit = _suggest_window(params)
    types = (find_type(params["type"]),) if params.get("type") else TYPES
    found = suggest_entities(request, params.get("prefix", ""), types, offset, limit)
    return _answer(found, params.get("callback"))


def suggest_property(request: Request) -> Response:
    """Properties whose id or name contains `prefix`."""
    params = _params(request.url.query)
    offset, limit = _suggest_window(params)
    found = suggest_properties(params.get("prefix", ""), offset, limit)
    return _answer(found, params.get("callback"))


def suggest_type(request: Request) -> Response:
    """Types whose id or name contains `prefix`."""
    params = _params(request.url.query)
    offset, limit = _suggest_window(params)
    found = suggest_types(params.get("prefix", ""), offset, limit)
    return _answer(found, params.get("callback"))


def preview(request: Request) -> HTMLResponse:
    """A small HTML page about the entity `id`."""
    requested = _params(request.url.query).get("id", "")
    if not requested.strip():
        raise BadRequest("`id` names the entity to preview")
    return HTMLResponse(preview_html(request, requested))


def propose_properties(request: Request) -> Response:
    """The properties a data extension can fetch for entities of `type`."""
    params = _params(request.url.query)
    if not params.get("type"):
        raise BadRequest("`type` names the type whose properties to propose")
    limit = _int(params, "limit", 0, 1) if params.get("limit") else None
    return _answer(propose(params["type"], limit), params.get("callback"))


# -- 1.0 draft -----------------------------------------------------------------------


def manifest_draft(request: Request) -> JSONResponse:
    """Reconciliation API 1.0 draft: the manifest."""
    return JSONResponse(manifest_v1(_service_url(request)))


def match_draft(request: Request, body: BodyDep) -> JSONResponse:
    """A 1.0-draft query batch `{"queries": [{"conditions": [...], ...}]}`."""
    base = get_settings(request).instance_base
    batch = read_batch_v1(_json_body(request, body))
    results = [
        {"candidates": [candidate_json(s, base) for s in search(request, query)]} for query in batch
    ]
    return JSONResponse({"results": results})


def extend_draft(request: Request, body: BodyDep) -> JSONResponse:
    """A 1.0-draft data extension `{"ids": [...], "properties": [{"id": ...}]}`."""
    return JSONResponse(extend(request, read_extend(_json_body(request, body)), "1.0-draft"))


def reconcile_router() -> APIRouter:
    """The `/reconcile` (0.2) and `/reconcile/1.0-draft` routes."""
    router = APIRouter(tags=["reconciliation"])
    routes: list[tuple[str, Callable[..., Response], str, str]] = [
        (ROOT_V02, reconcile_get, "GET", "Reconciliation 0.2: manifest, queries, extend"),
        (ROOT_V02, reconcile_post, "POST", "Reconciliation 0.2: queries or extend (form)"),
        (f"{ROOT_V02}/propose_properties", propose_properties, "GET", "Propose properties"),
        (ROOT_V1, manifest_draft, "GET", "Reconciliation 1.0 draft: manifest"),
        (f"{ROOT_V1}/match", match_draft, "POST", "Reconciliation 1.0 draft: query batch"),
        (f"{ROOT_V1}/extend", extend_draft, "POST", "Reconciliation 1.0 draft: extension"),
        (f"{ROOT_V1}/extend/propose", propose_properties, "GET", "Propose properties"),
    ]
    # The sub-services answer alike under both roots; 1.0 offers no type suggestions.
    for root in (ROOT_V02, ROOT_V1):
        routes += [
            (f"{root}/suggest/entity", suggest_entity, "GET", "Suggest entities"),
            (f"{root}/suggest/property", suggest_property, "GET", "Suggest properties"),
            (f"{root}/preview", preview, "GET", "Preview an entity (HTML)"),
        ]
    routes.append((f"{ROOT_V02}/suggest/type", suggest_type, "GET", "Suggest types"))
    for path, endpoint, method, summary in routes:
        router.add_api_route(path, endpoint, methods=[method], summary=summary)
    return router
