"""The one interface to the triple store, used by ingestion and the service alike.

Two backends implement it: `EmbeddedStore` (pyoxigraph on disk, the default) and
`RemoteStore` (any SPARQL 1.1 Protocol + Graph Store Protocol server).

Results cross this boundary either already serialised in a standard SPARQL
results / RDF format (what the HTTP endpoint streams to clients, so no backend
re-encodes what the other side can produce natively), or as plain Python rows
for library code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, Literal, Protocol, runtime_checkable

__all__ = [
    "COUNTS_QUERY",
    "UNION_TRIPLES_QUERY",
    "GraphName",
    "QueryForm",
    "Row",
    "SerializedResult",
    "Store",
    "counts_per_graph",
]

# A named graph IRI, or None for the store's default graph.
GraphName = str | None
QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
# One SELECT solution: variable name -> term in N-Triples syntax (`<iri>`, `"lit"@sv`, `_:b0`).
Row = Mapping[str, str]

# What both backends ask of their data: the triples of each named graph, and the union
# of all graphs (a dump in a triple syntax).
COUNTS_QUERY: Final = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
UNION_TRIPLES_QUERY: Final = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def counts_per_graph(named_graphs: Iterable[str], rows: Iterable[Row]) -> dict[str, int]:
    """`triple_counts` from the rows of `COUNTS_QUERY`: every named graph, empty ones 0."""
    counts = {graph: 0 for graph in named_graphs}
    for row in rows:
        counts[row["g"][1:-1]] = int(row["n"].split('"')[1])
    return counts


@dataclass(frozen=True)
class SerializedResult:
    """A query answer already encoded in `media_type` (e.g. application/sparql-results+json)."""

    form: QueryForm
    media_type: str
    body: bytes


@runtime_checkable
class Store(Protocol):
    """What every backend offers. Methods raise `beslutsgraf.store.errors` exceptions."""

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
        """Run a query and encode its answer as `media_type` (a SPARQL results or RDF type).

        The default graph is the union of all graphs unless the query has FROM / FROM
        NAMED or graph IRIs are given (those win over FROM, as in the SPARQL Protocol).
        With `timeout_s`, a query still running after that long is stopped and
        `QueryTimeout` raised; None means no limit (embedded) or the client default.
        With `max_rows`, an answer of more solutions (SELECT) or triples (CONSTRUCT,
        DESCRIBE) raises `ResultTooLarge` instead of being cut."""
        ...

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, str] | None = None,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, str]]:
        """SELECT for library code. `bindings` maps variables to N-Triples terms and is
        injected as a VALUES clause, never by string concatenation of user input.
        More than `max_rows` rows raise `ResultTooLarge`."""
        ...

    def ask(self, sparql: str, bindings: Mapping[str, str] | None = None) -> bool: ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update. `QuerySyntaxError` when it does not parse;
        `UpdateFailed` when it parses but cannot be applied (embedded backend; a remote
        server's answer is reported as it comes)."""
        ...

    def warm_up(self) -> None:
        """Get ready for timed queries now rather than on the first one (start query
        workers); returns when ready. Nothing to do where nothing needs starting."""
        ...

    def replace_graph(self, graph: str, nquads_or_ntriples: bytes) -> None:
        """Atomically replace the named graph `graph` with the given triples (N-Triples,
        or N-Quads whose graph is ignored): readers see the old or the new graph, never a mix."""
        ...

    def graph_exists(self, graph: str) -> bool: ...

    def named_graphs(self) -> list[str]: ...

    def get_graph(self, graph: GraphName, media_type: str) -> bytes:
        """Serialise one graph (None = default graph) as `media_type` (RDF syntax).
        Raises `GraphNotFound` for a named graph that does not exist."""
        ...

    def add_to_graph(self, graph: GraphName, data: bytes, media_type: str) -> None:
        """Merge RDF data into a graph (Graph Store Protocol POST). Graph names inside
        dataset syntaxes are ignored: everything goes to `graph`."""
        ...

    def put_graph(self, graph: GraphName, data: bytes, media_type: str) -> None:
        """Replace a graph with RDF data (Graph Store Protocol PUT)."""
        ...

    def delete_graph(self, graph: GraphName) -> bool:
        """Drop a graph; False when it did not exist."""
        ...

    def bulk_load(
        self, data: bytes | IO[bytes], media_type: str, *, graph: GraphName = None
    ) -> None:
        """Load a dump as it is (N-Quads, TriG, Turtle, N-Triples), fast path, no validation.
        `data` may be an open binary file, read in chunks. Not atomic."""
        ...

    def dump(self, media_type: str) -> Iterator[bytes]:
        """Stream every quad of the store in a dataset syntax (N-Quads, TriG, JSON-LD);
        in a triple syntax (Turtle, N-Triples, RDF/XML), the union of all graphs."""
        ...

    def triple_counts(self) -> dict[str, int]:
        """Number of triples in each named graph."""
        ...

    def derived_file(self, name: str) -> Path | None:
        """Where to keep a file of data derived from the store's content (what the last
        ingest read of its document graphs), such that it is gone once the store is written
        by any other means; None where that cannot be promised (a remote store is written by
        others, unseen). The caller writes the file after its own last write."""
        ...

    def close(self) -> None: ...
