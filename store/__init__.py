"""The store layer: one interface (`Store`), an embedded and a remote backend."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from beslutsgraf.store.base import GraphName, QueryForm, Row, SerializedResult, Store
from beslutsgraf.store.embedded import EmbeddedStore
from beslutsgraf.store.errors import (
    GraphNotFound,
    InvalidTerm,
    QuerySyntaxError,
    QueryTimeout,
    RdfSyntaxError,
    RemoteStoreError,
    ResultTooLarge,
    StoreError,
    StoreUnavailable,
    UnsupportedMediaType,
    UnsupportedOperation,
    UpdateFailed,
)
from beslutsgraf.store.formats import FORMAT_NAMES, format_for_extension, media_type_for_name
from beslutsgraf.store.remote import RemoteStore

__all__ = [
    "FORMAT_NAMES",
    "EmbeddedStore",
    "GraphName",
    "GraphNotFound",
    "InvalidTerm",
    "QueryForm",
    "QuerySyntaxError",
    "QueryTimeout",
    "RdfSyntaxError",
    "RemoteEndpoints",
    "RemoteStore",
    "RemoteStoreError",
    "ResultTooLarge",
    "Row",
    "SerializedResult",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "UnsupportedMediaType",
    "UnsupportedOperation",
    "UpdateFailed",
    "format_for_extension",
    "media_type_for_name",
    "open_store",
    "remote_endpoints",
]

RemoteEndpoints = tuple[str, str | None, str | None]


def _sibling(url: str, path: str) -> str:
    parts = urlsplit(url)
    parent = parts.path.rstrip("/").rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}/{path}", "", ""))


def remote_endpoints(
    endpoint: str, update_endpoint: str | None = None, graph_store_endpoint: str | None = None
) -> RemoteEndpoints:
    """(query, update, graph store) URLs from what the user gave. Explicit URLs win;
    otherwise the layout is recognised from the endpoint:

    - a bare server URL `http://host:7878` or `.../query`: `oxigraph serve` (`/query`,
      `/update`, `/store`);
    - `.../sparql`: `beslutsgraf serve` (query and update on `/sparql`, `/store` beside);
    - anything else: query and update on that URL, no Graph Store Protocol.
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if not path:
        base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        update, store = f"{base}/update", f"{base}/store"
        endpoint = f"{base}/query"
    elif path.endswith("/query"):
        update, store = _sibling(endpoint, "update"), _sibling(endpoint, "store")
    elif path.endswith("/sparql"):
        update, store = endpoint, _sibling(endpoint, "store")
    else:
        update, store = endpoint, None
    return endpoint, update_endpoint or update, graph_store_endpoint or store


def open_store(
    store_dir: Path | None,
    endpoint: str | None,
    update_endpoint: str | None = None,
    graph_store_endpoint: str | None = None,
    *,
    query_workers: int = 2,
    timeout_s: float = 30.0,
) -> Store:
    """The remote store when an endpoint is given, else the embedded store in `store_dir`.
    `query_workers` applies to the embedded store, `timeout_s` (default request limit)
    to the remote one."""
    if endpoint:
        query_url, update_url, graph_store_url = remote_endpoints(
            endpoint, update_endpoint, graph_store_endpoint
        )
        return RemoteStore(query_url, update_url, graph_store_url, timeout_s=timeout_s)
    if store_dir is None:
        raise StoreUnavailable("no store given: pass a store folder or an endpoint URL")
    return EmbeddedStore(store_dir, query_workers=query_workers)
