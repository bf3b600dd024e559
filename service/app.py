"""`create_app(settings)`: the FastAPI application. The store opens in the lifespan and
closes with it; everything a request needs is on `app.state` (see `service.state`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from beslutsgraf.service.api import api_router
from beslutsgraf.service.api_docs import api_docs_router
from beslutsgraf.service.graph_store import graph_store_router
from beslutsgraf.service.http_errors import install_error_handlers
from beslutsgraf.service.limits import QueryLimiter
from beslutsgraf.service.reconcile import reconcile_router
from beslutsgraf.service.resources import resources_router
from beslutsgraf.service.settings import Settings
from beslutsgraf.service.sparql_protocol import SparqlFastPath, sparql_router
from beslutsgraf.service.web import web_router
from beslutsgraf.store import Store, open_store

__all__ = ["create_app"]

DESCRIPTION: Final = """\
Decisions, meetings, people and agreements from the minutes of Swedish public bodies,
as a validated RDF graph.

* `/sparql`: SPARQL 1.1 Protocol (query; update with `Authorization: Bearer <token>`).
  Results are negotiated from `Accept`. A GET without a query returns the SPARQL 1.1
  Service Description.
* `/store`: SPARQL 1.1 Graph Store HTTP Protocol (`?graph=<iri>` or `?default`).
* `/api/...`: REST answers to the common questions; `/id/...`: one page per resource.

Limits: each query has a timeout (503 `query_timeout`), answers have a maximum size
(413 `result_too_large`, never truncated) and concurrent queries are capped (503
`overloaded` with Retry-After). Errors are JSON `{"code", "message"}`.
"""


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """Build the app. It opens the store `settings` names when it starts and closes it
    when it stops; pass an already open `store` to serve that one instead (the caller
    keeps ownership and closes it)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = (
            store
            if store is not None
            else open_store(
                settings.store_dir,
                settings.endpoint,
                settings.update_endpoint,
                settings.graph_store_endpoint,
                # One killable worker per query slot: a query never waits for a worker.
                query_workers=settings.max_concurrent_queries,
                timeout_s=settings.query_timeout_s,
            )
        )
        # Query workers boot now, not on the first timed queries (off the event loop).
        await run_in_threadpool(opened.warm_up)
        limiter = QueryLimiter(settings.max_concurrent_queries, settings.query_timeout_s)
        app.state.store = opened
        app.state.limiter = limiter
        try:
            yield
        finally:
            limiter.close()
            if store is None:
                opened.close()

    app = FastAPI(
        title="beslutsgraf",
        summary="A decision graph of Swedish public bodies, over SPARQL and REST.",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        # FastAPI's Swagger UI and ReDoc load scripts from a CDN; /docs is served locally.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.add_middleware(SparqlFastPath)  # added first: runs inside CORS
    app.add_middleware(
        CORSMiddleware,
        # Reads are public to any origin; writes need the bearer token, which a browser
        # sends as an explicit header (not a cookie), so no credentials mode is needed.
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Accept"],
        expose_headers=["Link", "Content-Type", "Location", "Retry-After", "Vary"],
        max_age=600,
    )
    install_error_handlers(app)
    app.include_router(sparql_router())
    app.include_router(graph_store_router())
    app.include_router(api_router())
    app.include_router(resources_router())
    app.include_router(reconcile_router())  # `/reconcile` (0.2), `/reconcile/1.0-draft`
    app.include_router(web_router())  # `/`, `/sparql-editor`, `/static/...`
    app.include_router(api_docs_router())  # `/docs`
    return app
