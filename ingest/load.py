"""The `load` stage: put each document's named graph into the store.

Idempotence rests on the content hash, not on time: a document's graph name is
derived from the sha256 of its bytes, and the stored bg:sha256 says which bytes
produced it. Re-ingesting the same bytes is therefore detected before anything
is written (the earlier ingest time in prov:generatedAtTime stays). A changed
file (same file name, other bytes) gets a new graph name, and the graphs of its
earlier versions are dropped in the same update that writes the new one.

The same bytes are written again only when asked (`rewrite=True`, when the
curation changed and the graph was resolved anew); that too is one update, so a
reader never sees the document missing.

Speed: a document the store has never seen (most of them) replaces nothing, so
it needs no transaction. Such graphs are gathered and written together with the
store's bulk loader, which is several times faster than a transaction per graph
(one Oxigraph transaction per 2,000-quad graph cost ~40 ms, most of the stage).
Bulk loading is not atomic, so each graph's bg:sha256 triple is held back and
all of them are written afterwards in one update: a crash in between leaves
graphs without their hash, which no later run takes for loaded; it reads those
files again and replaces the partial graphs in one transaction.

The graphs gathered wait in a temporary file, not in memory, so that a whole batch
goes to the store in one bulk write: every bulk write makes RocksDB compact what
the store already holds, work that grows with the store, so few large writes cost
far less than many small ones (1,000 synthetic minutes in batches of 200: 15
writes of 32 MB kept the store's compaction threads busy for 29 s of CPU, 5 writes
of one batch each for 11 s), and the memory stays that of one graph.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from beslutsgraf.ingest.graph_store import stored_triples
from beslutsgraf.ontology import BG
from beslutsgraf.store.base import Store

__all__ = ["LoadResult", "LoadStatus", "already_loaded", "load"]

# New graphs are written once this much N-Quads text has gathered on disk (and at the
# end of the batch): ~1,000 corpus-sized documents, more than a batch holds.
BULK_WRITE_BYTES = 512 * 1024 * 1024
_NQUADS = "application/n-quads"


class LoadStatus(StrEnum):
    LOADED = "loaded"  # a new document
    # A new version of a file loaded before (the old graph is gone), or the same bytes
    # resolved anew and rewritten (`rewrite=True`).
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the same bytes are already in the store: nothing written
    FAILED = "failed"  # the store refused the write; `error` says why


@dataclass(frozen=True)
class LoadResult:
    status: LoadStatus
    graph: URIRef
    triples: int
    replaced: tuple[str, ...] = ()  # graph names of earlier versions that were dropped
    error: str | None = None


def _source_of(graph: Graph) -> tuple[URIRef, str, str]:
    sources = [s for s in graph.subjects(RDF.type, BG.SourceDocument) if isinstance(s, URIRef)]
    if len(sources) != 1:
        raise ValueError(
            f"a document graph holds exactly one bg:SourceDocument, not {len(sources)}"
        )
    source = sources[0]
    sha256 = graph.value(source, BG.sha256)
    file_name = graph.value(source, BG.fileName)
    if sha256 is None or file_name is None:
        raise ValueError(f"{source} lacks bg:sha256 or bg:fileName")
    return source, str(sha256), str(file_name)


def already_loaded(store: Store, source: URIRef, sha256: str) -> bool:
    """True when the store holds the graph `source` made from exactly these bytes."""
    if not store.graph_exists(str(source)):
        return False
    return store.ask(
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
        "ASK { GRAPH ?source { ?source bg:sha256 ?sha256 } }",
        {"source": source.n3(), "sha256": Literal(sha256).n3()},
    )


def _earlier_versions(store: Store, source: URIRef, file_name: str) -> list[str]:
    rows = store.select(
        "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
        "SELECT DISTINCT ?graph WHERE { GRAPH ?graph { ?graph bg:fileName ?name } }",
        {"name": Literal(file_name).n3()},
    )
    graphs = {row["graph"].strip("<>") for row in rows if "graph" in row}
    graphs.discard(str(source))
    return sorted(graphs)


@dataclass(frozen=True)
class _NewGraph:
    result: LoadResult
    body: bytes  # the graph as N-Quads, without its bg:sha256 triple
    hash_triple: bytes  # that triple, as N-Triples


def _hash_update(graph: URIRef, hash_triple: bytes) -> str:
    """The hash triple in its graph, as SPARQL's INSERT DATA writes it."""
    return f"GRAPH {graph.n3()} {{ {hash_triple.decode('utf-8')} }}"


def _ntriples(graph: URIRef, body: bytes, hash_triple: bytes) -> bytes:
    """The whole graph, hash included, as N-Triples (every line of `body` ends in the
    graph name, and no literal holds a line break in N-Triples)."""
    in_graph = f" {graph.n3()} .\n".encode()
    return body.replace(in_graph, b" .\n") + hash_triple + b"\n"


def _new_graph(graph: Graph, source: URIRef) -> _NewGraph:
    name = source.n3()
    sha256 = BG.sha256
    # An IRI's hash is kept with it, while `==` is a call into rdflib: comparing the
    # hashes first leaves one call per document instead of one per triple.
    sha256_hash = hash(sha256)
    suffix = f" {name} .\n"
    body, hashes = [], []
    terms = _WrittenTerms()
    triples = stored_triples(graph)
    for subject, predicate, value in graph if triples is None else triples:
        # A literal is written as it comes: looking it up would hash it in Python.
        written = _literal(value) if type(value) is Literal else terms[value]
        if hash(predicate) == sha256_hash and predicate == sha256 and subject == source:
            hashes.append(f"{terms[subject]} {terms[predicate]} {written} .".encode())
        else:
            body.append(f"{terms[subject]} {terms[predicate]} {written}{suffix}")
    if len(hashes) != 1:
        raise ValueError(f"{source} has {len(hashes)} bg:sha256 values, not one")
    return _NewGraph(
        LoadResult(LoadStatus.LOADED, source, len(graph)), "".join(body).encode(), hashes[0]
    )


class _WrittenTerms(dict[Node, str]):
    """Terms in N-Triples form as rdflib's N-Triples serializer writes them, each IRI
    once per graph (a document names its meeting on hundreds of lines)."""

    def __missing__(self, term: Node) -> str:
        if type(term) is URIRef and _NOT_IN_AN_IRI.search(term) is None:
            # What `n3()` writes for an IRI it accepts, checked as it checks (its check is
            # a loop in Python, this one search); tried first, since `isinstance` on a
            # term runs through the ABC machinery (~600 IRIs a document).
            text = self[term] = f"<{term}>"
            return text
        if isinstance(term, Literal):
            return _literal(term)
        text = self[term] = term.n3()  # a blank node, or an IRI rdflib refuses (it raises)
        return text


# The characters rdflib's `n3()` refuses in an IRI (`rdflib.term._invalid_uri_chars`).
_NOT_IN_AN_IRI = re.compile(r'[<>" {}|\\^`]')


# Characters N-Triples escapes in a literal; most literals have none, and one search
# costs less than four replacements.
_TO_ESCAPE = re.compile(r'[\\\n"\r]')


def _literal(literal: Literal) -> str:
    text = str(literal)
    if _TO_ESCAPE.search(text):
        text = (
            text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        )
    language = literal.language
    if language:
        return f'"{text}"@{language}'
    datatype = literal.datatype
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


@dataclass(frozen=True)
class _Spooled:
    """A gathered graph: its N-Quads are bytes `start` to `start + size` of the spool."""

    result: LoadResult
    hash_triple: bytes
    start: int
    size: int


@dataclass
class _NewGraphs:
    """Graphs of documents the store has never seen, waiting for one bulk write."""

    store: Store
    graphs: list[_Spooled] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # their sources and file names
    size: int = 0
    spool: IO[bytes] | None = None  # their N-Quads, one after the other

    def holds(self, source: URIRef, file_name: str) -> bool:
        return str(source) in self.names or file_name in self.names

    def add(self, graph: Graph, source: URIRef, file_name: str) -> None:
        gathered = _new_graph(graph, source)
        if self.spool is None:
            # Closed by `write`; unlinked at once, so nothing is left on disk if it is not.
            self.spool = tempfile.TemporaryFile(prefix="beslutsgraf-load-")  # noqa: SIM115
        try:
            self.spool.write(gathered.body)
        except OSError:  # a disk full: no part of this graph may reach the bulk write
            self.spool.truncate(self.size)
            self.spool.seek(self.size)
            raise
        body_size = len(gathered.body)
        self.graphs.append(_Spooled(gathered.result, gathered.hash_triple, self.size, body_size))
        self.names.update((str(source), file_name))
        self.size += body_size

    def write(self) -> list[LoadResult]:
        """Write what gathered: the graphs in bulk, then every hash in one update."""
        graphs, spool = self.graphs, self.spool
        self.graphs, self.names, self.size, self.spool = [], set(), 0, None
        if spool is None:
            return []
        with spool:
            spool.seek(0)
            try:
                self.store.bulk_load(spool, _NQUADS)
                hashes = "\n".join(_hash_update(g.result.graph, g.hash_triple) for g in graphs)
                self.store.update(f"INSERT DATA {{\n{hashes}\n}}")
            except Exception:  # one graph the store refuses must not sink the rest
                return self._one_by_one(graphs, spool)
        return [g.result for g in graphs]

    def _one_by_one(self, graphs: list[_Spooled], spool: IO[bytes]) -> list[LoadResult]:
        """After a failed bulk write: each graph in its own transaction, replacing
        whatever part of it the bulk write left, so only a refused graph fails."""
        results = []
        for gathered in graphs:
            source = gathered.result.graph
            try:
                spool.seek(gathered.start)
                body = spool.read(gathered.size)
                self.store.replace_graph(str(source), _ntriples(source, body, gathered.hash_triple))
                results.append(gathered.result)
            except Exception as error:  # reported per document
                with suppress(Exception):  # leave no part of it behind
                    self.store.update(f"DROP SILENT GRAPH {source.n3()}")
                results.append(_failed(source, gathered.result.triples, error))
        return results


def _failed(source: URIRef, triples: int, error: BaseException) -> LoadResult:
    detail = " ".join(str(error).split()) or type(error).__name__
    return LoadResult(LoadStatus.FAILED, source, triples, error=detail)


def _replace(
    graph: Graph, store: Store, source: URIRef, loaded: bool, earlier: list[str]
) -> LoadResult:
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    if not earlier:
        store.replace_graph(str(source), ntriples)
        status = LoadStatus.REPLACED if loaded else LoadStatus.LOADED
        return LoadResult(status, source, len(graph))
    # One update request is one transaction: readers see the old version or the
    # new one, never both and never neither.
    drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in earlier)
    store.update(
        f"{drops}DROP SILENT GRAPH <{source}> ;\n"
        f"INSERT DATA {{ GRAPH <{source}> {{\n{ntriples.decode('utf-8')}\n}} }}"
    )
    return LoadResult(LoadStatus.REPLACED, source, len(graph), tuple(earlier))


def load(graphs: Iterable[Graph], store: Store, *, rewrite: bool = False) -> Iterator[LoadResult]:
    """Write each document graph of `graphs` as its named graph; one result per graph,
    in their order.

    Bytes already loaded are left alone (UNCHANGED) unless `rewrite`: then the
    stored graph is replaced by the new one in one update (REPLACED), as is the
    graph of an earlier version of the same file. Graphs new to the store are
    written together (see the module's notes); a result is yielded once its graph
    is written, so a caller may read the store for every result it has seen.
    """
    new = _NewGraphs(store)
    waiting: list[LoadResult | None] = []  # None: a new graph, its result comes from `new`

    def flush() -> Iterator[LoadResult]:
        written = iter(new.write())
        for result in waiting:
            yield result if result is not None else next(written)
        waiting.clear()

    for graph in graphs:
        try:
            source, sha256, file_name = _source_of(graph)
        except ValueError as error:
            waiting.append(_failed(URIRef(""), len(graph), error))
            continue
        if new.holds(source, file_name):  # the same file twice: the first must be stored
            yield from flush()
        try:
            loaded = already_loaded(store, source, sha256)
            if loaded and not rewrite:
                waiting.append(LoadResult(LoadStatus.UNCHANGED, source, len(graph)))
            elif (
                (earlier := _earlier_versions(store, source, file_name))
                or loaded
                or store.graph_exists(str(source))
            ):
                waiting.append(_replace(graph, store, source, loaded, earlier))
            else:
                new.add(graph, source, file_name)
                waiting.append(None)
                if new.size >= BULK_WRITE_BYTES:
                    yield from flush()
        except Exception as error:  # one failed write never stops the others
            waiting.append(_failed(source, len(graph), error))
        if not new.graphs:
            yield from flush()
    yield from flush()
