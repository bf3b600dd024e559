"""The `load` stage: put one document's named graph into the store, atomically.

Idempotence rests on the content hash, not on time: a document's graph name is
derived from the sha256 of its bytes, and the stored bg:sha256 says which bytes
produced it. Re-ingesting the same bytes is therefore detected before anything
is written (the earlier ingest time in prov:generatedAtTime stays). A changed
file (same file name, other bytes) gets a new graph name, and the graphs of its
earlier versions are dropped in the same update that writes the new one.

The same bytes are written again only when asked (`rewrite=True`, when the
curation changed and the graph was resolved anew); that too is one update, so a
reader never sees the document missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from beslutsgraf.ontology import BG
from beslutsgraf.store.base import Store

__all__ = ["LoadResult", "LoadStatus", "already_loaded", "load"]


class LoadStatus(StrEnum):
    LOADED = "loaded"  # a new document
    # A new version of a file loaded before (the old graph is gone), or the same bytes
    # resolved anew and rewritten (`rewrite=True`).
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the same bytes are already in the store: nothing written


@dataclass(frozen=True)
class LoadResult:
    status: LoadStatus
    graph: URIRef
    triples: int
    replaced: tuple[str, ...] = ()  # graph names of earlier versions that were dropped


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


def load(graph: Graph, store: Store, *, rewrite: bool = False) -> LoadResult:
    """Replace the document's named graph with `graph` in one transaction.

    Bytes already loaded are left alone (UNCHANGED) unless `rewrite`: then the
    stored graph is replaced by `graph` in one update (REPLACED)."""
    source, sha256, file_name = _source_of(graph)
    loaded = already_loaded(store, source, sha256)
    if loaded and not rewrite:
        return LoadResult(LoadStatus.UNCHANGED, source, len(graph))
    ntriples = graph.serialize(format="nt", encoding="utf-8")
    earlier = _earlier_versions(store, source, file_name)
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
