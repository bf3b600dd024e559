"""The ingestion pipeline: read → segment → extract → resolve → to_rdf → validate → load.

Every stage is one function, callable on its own; `run` chains them over a batch.

Each stage function has the name of its module (`ingest.read` is the function
once this package is imported); reach a module itself through
`importlib.import_module("beslutsgraf.ingest.read")`.
"""

from __future__ import annotations

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.load import load
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.run import DocumentOutcome, IngestSummary, run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.ingest.validate import validate

__all__ = [
    "DocumentOutcome",
    "IngestSummary",
    "extract",
    "load",
    "read",
    "resolve",
    "run",
    "segment",
    "to_rdf",
    "validate",
]
