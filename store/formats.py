"""Media types the store reads and writes, and the short names the CLI uses.

Serialisation is done once, here, for every backend and every format: SPARQL results
through `pyoxigraph.QueryResultsFormat`, RDF through `pyoxigraph.RdfFormat` (0.5 writes
JSON-LD natively, so nothing goes through rdflib).
"""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

from beslutsgraf.store.errors import UnsupportedMediaType, UnsupportedOperation

__all__ = [
    "DATASET_MEDIA_TYPES",
    "FORMAT_NAMES",
    "RDF_MEDIA_TYPES",
    "RESULTS_MEDIA_TYPES",
    "bulk_load_format",
    "format_for_extension",
    "media_type_for_name",
    "rdf_format",
    "results_format",
]

RESULTS_MEDIA_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

RDF_MEDIA_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}

# Syntaxes that carry graph names (everything else holds triples of one graph).
DATASET_MEDIA_TYPES = ("application/n-quads", "application/trig", "application/ld+json")

# Short names on the command line -> media type.
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}

_EXTENSIONS = {
    ".nq": "application/n-quads",
    ".nquads": "application/n-quads",
    ".trig": "application/trig",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".owl": "application/rdf+xml",
    ".jsonld": "application/ld+json",
}


def _essence(media_type: str) -> str:
    """`text/turtle; charset=utf-8` -> `text/turtle`."""
    return media_type.split(";", 1)[0].strip().lower()


def results_format(media_type: str) -> QueryResultsFormat:
    """The SPARQL results format for a media type, or UnsupportedMediaType."""
    found = RESULTS_MEDIA_TYPES.get(_essence(media_type))
    if found is None:
        raise UnsupportedMediaType(media_type, tuple(RESULTS_MEDIA_TYPES))
    return found


def rdf_format(media_type: str, *, dataset: bool = False) -> RdfFormat:
    """The RDF syntax for a media type; with `dataset`, only syntaxes with graph names."""
    essence = _essence(media_type)
    allowed = DATASET_MEDIA_TYPES if dataset else tuple(RDF_MEDIA_TYPES)
    if essence not in allowed:
        raise UnsupportedMediaType(media_type, allowed)
    return RDF_MEDIA_TYPES[essence]


def media_type_for_name(name: str) -> str:
    """`ttl` -> `text/turtle`; a full media type passes through."""
    if "/" in name:
        return _essence(name)
    found = FORMAT_NAMES.get(name.lower())
    if found is None:
        raise UnsupportedMediaType(name, tuple(FORMAT_NAMES))
    return found


def format_for_extension(filename: str) -> str:
    """The RDF media type a dump file's extension announces (`x.nq` -> N-Quads)."""
    lowered = filename.lower()
    for extension, media_type in _EXTENSIONS.items():
        if lowered.endswith(extension):
            return media_type
    raise UnsupportedMediaType(filename, tuple(_EXTENSIONS))


def bulk_load_format(media_type: str, graph: str | None) -> RdfFormat:
    """The syntax of a bulk load; a target `graph` is refused for a dataset syntax."""
    syntax = rdf_format(media_type)
    if graph is not None and syntax.supports_datasets:
        raise UnsupportedOperation(
            f"a target graph applies to triple syntaxes only; {syntax.name} names its own graphs"
        )
    return syntax
