"""`EmbeddedStore`: pyoxigraph (RocksDB) on disk, in this process.

Guarantees:
- Reads see a consistent snapshot (Oxigraph's repeatable-read isolation).
- `replace_graph` / `put_graph` / `update` are one transaction each: readers see the old
  or the new graph, never a mix (`DELETE DATA {...}; INSERT DATA {...}` of what differs
  from the stored graph as one update, or `DROP SILENT GRAPH <g>; INSERT DATA {...}`; a
  graph that does not exist yet is written with one `extend`, itself one transaction).
  Writes of this process take one lock, so a replacement's difference is never stale.
- The default graph of a query is the union of all graphs, unless the query has FROM /
  FROM NAMED or the caller passes default/named graph IRIs (SPARQL Protocol rules).
- `timeout_s` really stops the query: timed queries run in a killable worker process
  on a snapshot of the store (see `workers.py`), and the limit counts from when the
  worker starts evaluating. `warm_up()` boots the workers and makes the first snapshot
  ahead of the first timed query. Queries without a limit (library code, the CLI) run
  in the calling thread; pyoxigraph releases the GIL while it evaluates, so concurrent
  threads keep answering.
- `max_rows` stops evaluation at the first solution (or triple) beyond it and raises
  `ResultTooLarge`: an answer too large to return is never computed in full.
- An update that parses but cannot be applied (CLEAR of a missing graph, a failed
  LOAD) raises `UpdateFailed` and changes nothing.
- `bulk_load` is the fast path and is not atomic: use it on a store nobody reads yet.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    Quad,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
    serialize,
)

from beslutsgraf.store.base import (
    COUNTS_QUERY,
    UNION_TRIPLES_QUERY,
    GraphName,
    SerializedResult,
    counts_per_graph,
)
from beslutsgraf.store.errors import (
    GraphNotFound,
    QuerySyntaxError,
    RdfSyntaxError,
    StoreError,
    StoreUnavailable,
    UpdateFailed,
)
from beslutsgraf.store.evaluate import (
    QueryRequest,
    check_media_type,
    run_ask,
    run_query,
    run_select,
)
from beslutsgraf.store.formats import bulk_load_format, rdf_format
from beslutsgraf.store.sparql_text import canonical_iri, graph_node, is_load, with_bindings
from beslutsgraf.store.streaming import stream_writes
from beslutsgraf.store.workers import QueryWorkerPool, Snapshots

__all__ = ["EmbeddedStore"]

Result = TypeVar("Result")

# RocksDB keeps every write in memory (its memtables) until they are flushed to disk,
# and Oxigraph never asks it to: loading 400 corpus-sized graphs (760k quads) one
# transaction each grew the process by 650 MB, ~1.6 MB per document. A flush after
# about this many written quads keeps it near 130 MB at the cost of one SST file each.
FLUSH_AFTER_QUADS = 100_000
# An update's size in quads is not known without parsing it; N-Triples-like text
# averages about this many characters a quad.
_CHARACTERS_PER_QUAD = 100
# Files derived from the store's content (`derived_file`) live in this folder inside
# the store's own: deleted with the store, and RocksDB leaves files it did not make alone.
DERIVED_FOLDER = "beslutsgraf-derived"


def _data(node: NamedNode | DefaultGraph, quads: Sequence[Quad]) -> str:
    """The quad data of a DELETE DATA or INSERT DATA: `quads` in the graph `node` (terms
    print in canonical N-Triples, which is valid SPARQL term syntax)."""
    triples = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return (
        f"{{\n{triples}\n}}"
        if isinstance(node, DefaultGraph)
        else f"{{ GRAPH {node} {{\n{triples}\n}} }}"
    )


def _ntriples_lines(data: bytes) -> list[bytes] | None:
    """`data` (N-Triples, or N-Quads in the default graph) as Oxigraph prints each
    triple; None when it names graphs (those are taken apart by `_parse`)."""
    parsed = Store()  # in memory: parsing and printing stay in Rust
    try:
        parsed.load(data, RdfFormat.N_QUADS)
    except SyntaxError as error:
        raise RdfSyntaxError.from_parser_message(str(error), "data") from None
    if next(iter(parsed.named_graphs()), None) is not None:
        return None
    return _lines(parsed, DefaultGraph())


def _lines(store: Store, graph: NamedNode | DefaultGraph) -> list[bytes]:
    """The triples of `graph` in canonical N-Triples, a line each."""
    return (store.dump(format=RdfFormat.N_TRIPLES, from_graph=graph) or b"").splitlines()


def _text(lines: Sequence[bytes]) -> str:
    return b"\n".join(lines).decode()


def _open(path: Path) -> Store:
    try:
        return Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreUnavailable(
                f"the store {path} is open in another process (is `beslutsgraf serve` "
                "running? query it with --endpoint instead)"
            ) from None
        raise StoreUnavailable(f"cannot open the store {path}: {error}") from None


class EmbeddedStore:
    """A pyoxigraph store in the folder `path` (created when missing).

    `query_workers` caps how many timed queries run at once (each in its own process)."""

    def __init__(self, path: Path, *, query_workers: int = 2) -> None:
        self.path = Path(path)
        self._store: Store | None = _open(self.path)
        self._query_workers = query_workers
        self._generation = 0  # bumped after every write; snapshots are per generation
        # Only this process can open the folder (RocksDB's lock), so this stays true.
        self._derived = self.path / DERIVED_FOLDER
        self._derived_present = self._derived.exists()
        self._generation_lock = threading.Lock()
        self._write_lock = threading.RLock()  # writes, one at a time
        self._snapshots: Snapshots | None = None
        self._pool: QueryWorkerPool | None = None
        self._unflushed_quads = 0

    # -- plumbing ---------------------------------------------------------------------

    @property
    def _live(self) -> Store:
        if self._store is None:
            raise StoreUnavailable(f"the store {self.path} is closed")
        return self._store

    def _wrote(self, quads: int = 0) -> None:
        if self._derived_present:  # what was derived from the content no longer holds
            shutil.rmtree(self._derived, ignore_errors=True)
            self._derived_present = False
        with self._generation_lock:  # a lost increment would let a stale snapshot serve
            self._generation += 1
            self._unflushed_quads += quads
            flush = self._unflushed_quads >= FLUSH_AFTER_QUADS
            if flush:
                self._unflushed_quads = 0
        if flush:
            self._live.flush()

    def _machinery(self) -> tuple[Snapshots, QueryWorkerPool, int]:
        """The snapshots and worker pool of timed queries (made on first use), and the
        write generation a query starting now must see."""
        with self._generation_lock:  # first timed queries may arrive together
            if self._pool is None or self._snapshots is None:
                absolute = self.path.resolve()  # `.` has no name to derive a sibling from
                root = absolute.with_name(f".{absolute.name}.query-snapshots")
                self._snapshots = Snapshots(self._live, root)
                self._pool = QueryWorkerPool(self._query_workers)
            return self._snapshots, self._pool, self._generation

    def warm_up(self) -> None:
        """Boot every query worker and snapshot the store now, so that the first timed
        queries do not wait for either. Returns once the workers are ready."""
        snapshots, pool, generation = self._machinery()
        snapshots.prepare(generation)
        pool.start()

    def _timed(
        self, function: Callable[..., Result], args: tuple[Any, ...], timeout_s: float
    ) -> Result:
        snapshots, pool, generation = self._machinery()
        with snapshots.lease(generation) as snapshot:
            return pool.call(snapshot, function, args, timeout_s)

    def _update(self, sparql: str) -> None:
        try:
            with self._write_lock:
                self._live.update(sparql)
        except SyntaxError as error:
            raise QuerySyntaxError.from_parser_message(str(error), "update") from None
        except (RuntimeError, ValueError) as error:
            # Oxigraph's evaluation errors: a missing or existing graph, a bad argument.
            raise UpdateFailed.because(str(error)) from None
        except OSError as error:
            if is_load(sparql):  # the fetch or the parse of what LOAD fetched
                raise UpdateFailed.because(f"LOAD failed: {error}") from None
            raise StoreError(f"update failed: {error}") from None
        finally:
            self._wrote(len(sparql) // _CHARACTERS_PER_QUAD)

    @staticmethod
    def _parse(data: bytes | IO[bytes], media_type: str, source: str) -> list[Quad]:
        try:
            return list(parse(data, format=rdf_format(media_type), rename_blank_nodes=True))
        except SyntaxError as error:
            raise RdfSyntaxError.from_parser_message(str(error), source) from None

    def query_worker_pids(self) -> list[int]:
        """Process ids of the running query workers (none until a timed query ran)."""
        return [] if self._pool is None else self._pool.pids()

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
        if timeout_s is None:
            request = QueryRequest(
                sparql, media_type, tuple(default_graph_uris), tuple(named_graph_uris), max_rows
            )
            return run_query(self._live, request)
        # Fail fast, before a worker is involved; the worker is told the form.
        form = check_media_type(sparql, media_type)
        request = QueryRequest(
            sparql, media_type, tuple(default_graph_uris), tuple(named_graph_uris), max_rows, form
        )
        return self._timed(run_query, (request,), timeout_s)

    async def query_async(
        self,
        sparql: str,
        media_type: str,
        *,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        timeout_s: float,
        max_rows: int | None = None,
    ) -> SerializedResult:
        """`query` with a time limit, awaited on the running event loop: the worker's
        answer is watched by the loop, with no thread in between (the service's path)."""
        form = check_media_type(sparql, media_type)
        request = QueryRequest(
            sparql, media_type, tuple(default_graph_uris), tuple(named_graph_uris), max_rows, form
        )
        snapshots, pool, generation = self._machinery()
        lease = snapshots.lease_if_ready(generation)
        if lease is None:
            # The first timed query after a write snapshots the store: blocking, so in
            # a thread.
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(None, self._timed, run_query, (request,), timeout_s)
        with lease as snapshot:
            return await pool.call_async(snapshot, run_query, (request,), timeout_s)

    def select(
        self,
        sparql: str,
        bindings: Mapping[str, str] | None = None,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> list[dict[str, str]]:
        bound = with_bindings(sparql, bindings)
        if timeout_s is None:
            return run_select(self._live, bound, max_rows)
        return self._timed(run_select, (bound, max_rows), timeout_s)

    def ask(self, sparql: str, bindings: Mapping[str, str] | None = None) -> bool:
        return run_ask(self._live, with_bindings(sparql, bindings))

    # -- writes -----------------------------------------------------------------------

    def update(self, sparql: str) -> None:
        self._update(sparql)

    def _replace(self, graph: GraphName, quads: list[Quad]) -> None:
        node = graph_node(graph)
        placed = [Quad(q.subject, q.predicate, q.object, node) for q in quads]
        # Held from reading the stored graph to writing it: a write in between would be
        # lost, or undone, by a change computed without it.
        with self._write_lock:
            if isinstance(node, NamedNode) and not self._live.contains_named_graph(node):
                # Nothing to drop: one `extend` is one transaction, and it skips
                # printing the quads as SPARQL and parsing them back (most of the cost).
                self._extend(placed, "write")
                return
            if not self._patch(node, placed):
                self._drop_and_insert(node, placed)

    def _patch(self, node: NamedNode | DefaultGraph, quads: list[Quad]) -> bool:
        """Replace the stored graph `node` by `quads` by writing only what differs, in one
        update; False when that cannot be done and the graph must be written whole. A
        graph rewritten with few changes (the resolution graph after each run, a
        document re-resolved after a curation) then costs a read of the graph instead
        of printing and parsing all of it (~5 s for 92,000 triples)."""
        if not quads:
            return False  # an empty graph is dropped, not emptied
        stored = set(self._live.quads_for_pattern(None, None, None, node))
        wanted = dict.fromkeys(quads)  # without duplicates, in their order
        removed = [quad for quad in stored if quad not in wanted]
        added = [quad for quad in wanted if quad not in stored]
        if any(isinstance(term, BlankNode) for q in removed for term in (q.subject, q.object)):
            return False  # DELETE DATA cannot name a blank node
        if removed or added:
            self._update(f"DELETE DATA {_data(node, removed)} ;\nINSERT DATA {_data(node, added)}")
        return True

    def _extend(self, quads: list[Quad], action: str) -> None:
        try:
            with self._write_lock:
                self._live.extend(quads)  # one transaction
        except OSError as error:
            raise StoreError(f"{action} failed: {error}") from None
        finally:
            self._wrote(len(quads))

    def _drop_and_insert(self, node: NamedNode | DefaultGraph, quads: list[Quad]) -> None:
        target = "DEFAULT" if isinstance(node, DefaultGraph) else f"GRAPH {node}"
        self._update(f"DROP SILENT {target} ;\nINSERT DATA {_data(node, quads)}")

    def replace_graph(self, graph: str, nquads_or_ntriples: bytes) -> None:
        node = graph_node(graph)
        if isinstance(node, NamedNode) and self._live.contains_named_graph(node):
            lines = _ntriples_lines(nquads_or_ntriples)
            if lines is not None:
                with self._write_lock:
                    self._patch_lines(node, lines)
                return
        self._replace(graph, self._parse(nquads_or_ntriples, "application/n-quads", "data"))

    def _patch_lines(self, node: NamedNode, lines: list[bytes]) -> None:
        """`_patch` on canonical N-Triples lines: both sides printed by Oxigraph, so
        equal triples are equal bytes, and comparing bytes costs a fraction of comparing
        `Quad`s (the resolution graph of 3,000 documents, 250,000 triples: ~1 s, not ~9 s)."""
        stored = set(_lines(self._live, node))
        wanted = dict.fromkeys(lines)  # without duplicates, in their order
        removed = [line for line in stored if line not in wanted]
        added = [line for line in wanted if line not in stored]
        target = f"GRAPH {node}"
        # An empty graph is dropped, not emptied; DELETE DATA cannot name a blank node.
        if not wanted or any(b"_:" in line for line in removed):
            everything = _text(list(wanted))
            self._update(f"DROP SILENT {target} ;\nINSERT DATA {{ {target} {{\n{everything}\n}} }}")
        elif removed or added:
            self._update(
                f"DELETE DATA {{ {target} {{\n{_text(removed)}\n}} }} ;\n"
                f"INSERT DATA {{ {target} {{\n{_text(added)}\n}} }}"
            )

    def put_graph(self, graph: GraphName, data: bytes, media_type: str) -> None:
        self._replace(graph, self._parse(data, media_type, "data"))

    def add_to_graph(self, graph: GraphName, data: bytes, media_type: str) -> None:
        target = graph_node(graph)
        quads = [
            Quad(q.subject, q.predicate, q.object, target)
            for q in self._parse(data, media_type, "data")
        ]
        self._extend(quads, "add")

    def delete_graph(self, graph: GraphName) -> bool:
        if graph is not None and not self.graph_exists(graph):
            return False
        self._update("CLEAR DEFAULT" if graph is None else f"DROP GRAPH <{canonical_iri(graph)}>")
        return True

    def bulk_load(
        self, data: bytes | IO[bytes], media_type: str, *, graph: GraphName = None
    ) -> None:
        syntax = bulk_load_format(media_type, graph)
        options: dict[str, Any] = (
            {} if graph is None else {"to_graph": NamedNode(canonical_iri(graph))}
        )
        try:
            with self._write_lock:
                self._live.bulk_load(data, syntax, **options)
        except SyntaxError as error:
            raise RdfSyntaxError.from_parser_message(str(error), "dump") from None
        except (OSError, ValueError) as error:
            raise StoreError(f"bulk load failed: {error}") from None
        finally:
            self._wrote()

    # -- graphs and dumps -------------------------------------------------------------

    def graph_exists(self, graph: str) -> bool:
        return self._live.contains_named_graph(NamedNode(canonical_iri(graph)))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._live.named_graphs() if isinstance(g, NamedNode))

    def get_graph(self, graph: GraphName, media_type: str) -> bytes:
        syntax = rdf_format(media_type)
        if graph is not None and not self.graph_exists(graph):
            raise GraphNotFound(graph)
        node = graph_node(graph)
        quads = self._live.quads_for_pattern(None, None, None, node)
        if syntax.supports_datasets:
            body = serialize(quads, format=syntax)
        else:
            body = serialize((q.triple for q in quads), format=syntax)
        return body or b""

    def dump(self, media_type: str) -> Iterator[bytes]:
        """Every quad in a dataset syntax; in a triple syntax (Turtle, N-Triples, RDF/XML)
        the union of all graphs, as the SPARQL endpoint's default graph shows it."""
        syntax = rdf_format(media_type)
        store = self._live

        def produce(output: IO[bytes]) -> None:
            if syntax.supports_datasets:
                store.dump(output, syntax)
            else:
                triples = store.query(UNION_TRIPLES_QUERY, use_default_graph_as_union=True)
                assert isinstance(triples, QueryTriples)
                triples.serialize(output, syntax)

        return stream_writes(produce, lambda error: StoreError(f"export failed: {error}"))

    def triple_counts(self) -> dict[str, int]:
        return counts_per_graph(self.named_graphs(), run_select(self._live, COUNTS_QUERY))

    def derived_file(self, name: str) -> Path | None:
        """Every write through this object deletes the file (see `Store.derived_file`)."""
        self._derived.mkdir(exist_ok=True)
        self._derived_present = True
        return self._derived / name

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        if self._snapshots is not None:
            self._snapshots.close()
        self._pool = self._snapshots = None
        self._store = None  # RocksDB closes (and unlocks) when its last reference goes
