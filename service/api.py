"""The REST API under `/api`: thin, documented wrappers over the SPARQL queries in
`service/queries/`, one module per area.

Lists page with `limit` / `offset` in a stable order (each query's last sort key is
the resource IRI) and answer RFC 8288 `Link` headers (first, prev, next). Unknown ids
answer 404, unusable parameters 400 or 422, all as JSON."""

from __future__ import annotations

from fastapi import APIRouter

from beslutsgraf.service import api_agreements, api_decisions, api_people

__all__ = ["api_router"]


def api_router() -> APIRouter:
    """The `/api/...` routes."""
    router = APIRouter(prefix="/api")
    api_decisions.register(router)
    api_people.register(router)
    api_agreements.register(router)
    return router
