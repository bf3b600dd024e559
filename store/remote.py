"""`RemoteStore`: any SPARQL 1.1 Protocol + Graph Store HTTP Protocol server, over httpx.

Same interface and errors as the embedded store. Guarantees depend on the server:
- `replace_graph` and `put_graph` are one Graph Store PUT, atomic on Oxigraph and Fuseki.
- The union default graph: Oxigraph's `union-default-graph` request flag is sent when
  the query names no dataset (other servers ignore it; configure their union instead).
- `timeout_s` stops *waiting*: the client gives up and raises `QueryTimeout`. Stopping
  the evaluation is the server's job (`oxigraph serve --timeout-s N`, N >= the client's).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pyoxigraph import (
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from beslutsgraf.store.base import (
    COUNTS_QUERY,
    UNION_TRIPLES_QUERY,
    QueryForm,
    SerializedResult,
    counts_per_graph,
)
from beslutsgraf.store.bounded import count_results, take
from beslutsgraf.store.errors import (
    GraphNotFound,
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
from beslutsgraf.store.evaluate import check_media_type
from beslutsgraf.store.formats import bulk_load_format, rdf_format
from beslutsgraf.store.sparql_text import (
    canonical_iri,
    graph_node,
    has_dataset_clause,
    query_form,
    with_bindings,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["RemoteStore"]

# httpx is imported by the methods that use it, not here: `beslutsgraf.store` imports this
# module, and the embedded store's query worker processes and a service on an embedded
# store would otherwise pay its import (with its CLI's, 0.1-0.5 s) at every start.

_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_OXIGRAPH_CANCELLED = b"The SPARQL operation has been cancelled"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"


def _error_for(
    response: httpx.Response, body: str, *, what: str, limit_s: float = 0.0
) -> StoreError:
    """Map an HTTP error answer to the store's error classes."""
    status = response.status_code
    if status == 400 and what in ("query", "update"):
        return QuerySyntaxError.from_parser_message(body, what)
    if status == 500 and what == "update":
        # An update that parses but cannot be applied (CLEAR of a missing graph, CREATE
        # of an existing one): Oxigraph answers 500 with its reason, as SPARQL 1.1
        # Protocol §2.2 allows. The same error as the embedded store's, so clients see
        # one `update_failed` whichever backend runs.
        return UpdateFailed.because(f"{body.strip()} (the remote store answered {status})")
    if status == 400:
        return RdfSyntaxError.from_parser_message(body, "data")
    if status in (406, 415):
        return UnsupportedMediaType(response.request.headers.get("accept", "?"))
    if status in (408, 504):
        return QueryTimeout(limit_s, f"the server answered {status}")
    if status in (502, 503):
        return StoreUnavailable(f"{response.request.url} answered {status}: {body[:200]}")
    return RemoteStoreError(f"{response.request.url} answered {status}: {body[:200]}", status)


class RemoteStore:
    """A client for a SPARQL endpoint (and optionally its update and graph store URLs)."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        graph_store_url: str | None = None,
        *,
        timeout_s: float = 30.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.graph_store_url = graph_store_url
        self.timeout_s = timeout_s
        import httpx

        self._client = client or httpx.Client(timeout=httpx.Timeout(timeout_s, connect=10.0))

    # -- HTTP plumbing ----------------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str,
        *,
        what: str,
        timeout_s: float | None = None,
        ok: tuple[int, ...] = (200, 201, 204),
        **request: Any,
    ) -> tuple[httpx.Response, bytes]:
        """One request, the whole body read before the deadline; errors mapped."""
        import httpx

        limit = self.timeout_s if timeout_s is None else timeout_s
        deadline = time.monotonic() + limit
        try:
            with self._client.stream(
                method, url, timeout=httpx.Timeout(limit, connect=min(limit, 10.0)), **request
            ) as response:
                chunks = []
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise QueryTimeout(limit)
                body = b"".join(chunks)
        except httpx.TimeoutException:
            raise QueryTimeout(limit, f"no answer from {url}") from None
        except httpx.TransportError as error:
            raise StoreUnavailable(f"cannot reach {url}: {error}") from None
        if response.status_code not in ok:
            text = body.decode("utf-8", "replace")
            raise _error_for(response, text, what=what, limit_s=limit)
        if body.endswith(_OXIGRAPH_CANCELLED):
            # `oxigraph serve --timeout-s` has already sent 200 when it gives up, so it
            # appends this line to a truncated body instead of sending an error status.
            raise QueryTimeout(limit, "the server's own time limit stopped it")
        return response, body

    def _gsp_url(self) -> str:
        if self.graph_store_url is None:
            raise UnsupportedOperation(
                "this remote store has no Graph Store Protocol URL (--graph-store-endpoint)"
            )
        return self.graph_store_url

    @staticmethod
    def _graph_params(graph: str | None) -> dict[str, str]:
        return {"default": ""} if graph is None else {"graph": canonical_iri(graph)}

    # -- queries ----------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> SerializedResult:
        check_media_type(sparql, media_type)
        params: list[tuple[str, str]] = [
            *(("default-graph-uri", canonical_iri(iri)) for iri in default_graph_uris),
            *(("named-graph-uri", canonical_iri(iri)) for iri in named_graph_uris),
        ]
        if not params and not has_dataset_clause(sparql):
            params.append(("union-default-graph", ""))
        response, body = self._send(
            "POST",
            self.query_url,
            what="query",
            timeout_s=timeout_s,
            ok=(200,),
            params=params,
            content=sparql.encode(),
            headers={"content-type": "application/sparql-query", "accept": media_type},
        )
        form: QueryForm = query_form(sparql) or "SELECT"  # type: ignore[assignment]
        answered = response.headers.get("content-type", media_type).split(";")[0].strip()
        result = SerializedResult(form=form, media_type=answered, body=body)
        # The server computed it all; the cap can only refuse it, not save the work.
        if max_rows is not None and count_results(result) > max_rows:
            raise ResultTooLarge(max_rows, "solutions" if form == "SELECT" else "triples")
        return result

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, str] | None = None,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, str]]:
        body = self.query(with_bindings(sparql, bindings), _JSON, timeout_s=timeout_s).body
        answer = parse_query_results(body, QueryResultsFormat.JSON)
        if not isinstance(answer, QuerySolutions):
            raise UnsupportedOperation("select() needs a SELECT query")
        names = [variable.value for variable in answer.variables]
        solutions = answer if max_rows is None else take(answer, max_rows, "rows")
        return [
            {name: str(term) for name in names if (term := solution[name]) is not None}
            for solution in solutions
        ]

    def ask(self, sparql: str, bindings: Mapping[str, str] | None = None) -> bool:
        body = self.query(with_bindings(sparql, bindings), _JSON).body
        answer = parse_query_results(body, QueryResultsFormat.JSON)
        if not isinstance(answer, QueryBoolean):
            raise UnsupportedOperation("ask() needs an ASK query")
        return bool(answer)

    # -- writes -----------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        if self.update_url is None:
            raise UnsupportedOperation("this remote store has no update URL (--update-endpoint)")
        self._send(
            "POST",
            self.update_url,
            what="update",
            content=sparql.encode(),
            headers={"content-type": "application/sparql-update"},
        )

    @staticmethod
    def _as_ntriples(data: bytes, media_type: str) -> bytes:
        """Triples of any syntax, graph names dropped (the interface's contract)."""
        try:
            quads = parse(data, format=rdf_format(media_type))
            return serialize((quad.triple for quad in quads), format=RdfFormat.N_TRIPLES) or b""
        except SyntaxError as error:
            raise RdfSyntaxError.from_parser_message(str(error), "data") from None

    def _write_graph(self, method: str, graph: str | None, data: bytes, media_type: str) -> None:
        if rdf_format(media_type).supports_datasets:
            data, media_type = self._as_ntriples(data, media_type), _NTRIPLES
        self._send(
            method,
            self._gsp_url(),
            what="data",
            params=self._graph_params(graph),
            content=data,
            headers={"content-type": media_type},
        )

    def replace_graph(self, graph: str, nquads_or_ntriples: bytes) -> None:
        self._write_graph("PUT", graph, nquads_or_ntriples, "application/n-quads")

    def put_graph(self, graph: str | None, data: bytes, media_type: str) -> None:
        self._write_graph("PUT", graph, data, media_type)

    def add_to_graph(self, graph: str | None, data: bytes, media_type: str) -> None:
        self._write_graph("POST", graph, data, media_type)

    def delete_graph(self, graph: str | None) -> bool:
        response, _ = self._send(
            "DELETE",
            self._gsp_url(),
            what="data",
            ok=(200, 204, 404),
            params=self._graph_params(graph),
        )
        return response.status_code != 404

    def bulk_load(
        self, data: bytes | IO[bytes], media_type: str, *, graph: str | None = None
    ) -> None:
        syntax = bulk_load_format(media_type, graph)
        # A dataset syntax posts to the whole dataset; triples go to the default graph.
        params = {} if syntax.supports_datasets else self._graph_params(graph)
        content = data if isinstance(data, bytes) else iter(lambda: data.read(1 << 20), b"")
        self._send(
            "POST",
            self._gsp_url(),
            what="data",
            timeout_s=max(self.timeout_s, 600.0),
            params=params,
            content=content,
            headers={"content-type": syntax.media_type},
        )

    # -- graphs and dumps -------------------------------------------------------------

    def graph_exists(self, graph: str) -> bool:
        return graph in self.named_graphs()

    def named_graphs(self) -> list[str]:
        return sorted(row["g"][1:-1] for row in self.select(_GRAPHS) if row["g"].startswith("<"))

    def get_graph(self, graph: str | None, media_type: str) -> bytes:
        syntax = rdf_format(media_type)
        wanted = _NTRIPLES if syntax.supports_datasets else syntax.media_type
        response, body = self._send(
            "GET",
            self._gsp_url(),
            what="data",
            ok=(200, 404),
            params=self._graph_params(graph),
            headers={"accept": wanted},
        )
        if response.status_code == 404:
            raise GraphNotFound(graph or "default")
        if not syntax.supports_datasets:
            return body
        # One graph in a dataset syntax: put the triples back into their graph.
        node = graph_node(graph)
        triples = parse(body, format=RdfFormat.N_TRIPLES)
        quads = (Quad(t.subject, t.predicate, t.object, node) for t in triples)
        return serialize(quads, format=syntax) or b""

    def dump(self, media_type: str) -> Iterator[bytes]:
        import httpx

        syntax = rdf_format(media_type)
        if not syntax.supports_datasets:
            yield self.query(UNION_TRIPLES_QUERY, syntax.media_type, timeout_s=None).body
            return
        try:
            with self._client.stream(
                "GET", self._gsp_url(), headers={"accept": syntax.media_type}
            ) as response:
                if response.status_code != 200:
                    response.read()
                    raise _error_for(response, response.text, what="data")
                yield from response.iter_bytes()
        except httpx.TimeoutException:
            raise QueryTimeout(self.timeout_s, "export stalled") from None
        except httpx.TransportError as error:
            raise StoreUnavailable(f"cannot reach {self.graph_store_url}: {error}") from None

    def triple_counts(self) -> dict[str, int]:
        return counts_per_graph(self.named_graphs(), self.select(COUNTS_QUERY))

    def warm_up(self) -> None:
        """Nothing to start: the server runs the queries."""

    def derived_file(self, name: str) -> Path | None:
        return None  # other clients write the server's store: no local copy stays true

    def close(self) -> None:
        self._client.close()
