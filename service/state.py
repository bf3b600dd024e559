"""What every endpoint needs from the running app, and the one way to run SPARQL under
the service's limits.

`create_app` puts three objects on `app.state` in its lifespan: `store` (a `Store`),
`settings` (the frozen `Settings`) and `limiter` (the `QueryLimiter`). Endpoints read
them through the functions here, never through globals. Endpoints that call these are
plain `def` (FastAPI runs them in its thread pool), so store work never blocks the
event loop.

    from beslutsgraf.service.state import SettingsDep, StoreDep, run_query, run_select

    @router.get("/api/decisions")
    def decisions(request: Request) -> list[dict[str, str]]:
        return run_select(request, "SELECT ?d WHERE { ?d a besluit:Besluit }")

Errors raised here (`ServiceError` subclasses, store exceptions) are turned into JSON
answers with the right status by the app's exception handlers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from beslutsgraf.service.http_errors import ResultTooLarge
from beslutsgraf.service.limits import QueryLimiter
from beslutsgraf.service.settings import Settings
from beslutsgraf.store import ResultTooLarge as TooManyRows
from beslutsgraf.store import SerializedResult, Store

__all__ = [
    "LimiterDep",
    "SettingsDep",
    "StoreDep",
    "get_limiter",
    "get_settings",
    "get_store",
    "run_query",
    "run_select",
    "run_store_work",
]

T = TypeVar("T")


def get_store(request: Request) -> Store:
    """The store the app opened in its lifespan."""
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_limiter(request: Request) -> QueryLimiter:
    limiter: QueryLimiter = request.app.state.limiter
    return limiter


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimiterDep = Annotated[QueryLimiter, Depends(get_limiter)]


def run_query(
    request: Request,
    sparql: str,
    media_type: str,
    *,
    default_graph_uris: Sequence[str] = (),
    named_graph_uris: Sequence[str] = (),
    enforce_max_rows: bool = True,
) -> SerializedResult:
    """Run a query under the service's limits and return its encoded answer.

    The concurrency cap and the query timeout always apply; `max_result_rows` applies
    unless `enforce_max_rows` is False (for answers the service itself bounds)."""
    store, settings = get_store(request), get_settings(request)

    def work() -> SerializedResult:
        return store.query(
            sparql,
            media_type,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            timeout_s=settings.query_timeout_s,
            # The store stops at the first solution beyond the cap: no answer too large
            # to send is computed in full or serialised.
            max_rows=settings.max_result_rows if enforce_max_rows else None,
        )

    try:
        return get_limiter(request).run(work)
    except TooManyRows as error:
        raise ResultTooLarge.beyond(settings.max_result_rows, error.unit) from None


def run_select(
    request: Request, sparql: str, bindings: Mapping[str, str] | None = None
) -> list[dict[str, str]]:
    """SELECT rows for library-style code (`Store.select`) under the same limits; rows
    beyond `max_result_rows` are refused, not cut."""
    store, settings = get_store(request), get_settings(request)

    def work() -> list[dict[str, str]]:
        return store.select(
            sparql,
            bindings,
            timeout_s=settings.query_timeout_s,
            max_rows=settings.max_result_rows,
        )

    try:
        return get_limiter(request).run(work)
    except TooManyRows as error:
        raise ResultTooLarge.beyond(settings.max_result_rows, error.unit) from None


def run_store_work(request: Request, work: Callable[[Store], T], *, deadline: bool = True) -> T:
    """Any other store call (graph reads and writes, counts) under the concurrency cap,
    and under the timeout when `deadline` (writes pass False: see `QueryLimiter.run`)."""
    store = get_store(request)
    return get_limiter(request).run(lambda: work(store), deadline=deadline)
