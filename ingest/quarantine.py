"""Quarantine: where a document whose graph violates the shapes goes instead of the store.

One folder per document version, `<quarantine>/<file name>.<sha16>/`, holding
what a reviewer needs without re-running anything: the original file, the
SHACL report in Turtle, the rejected graph, and a readable summary.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import Graph

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.validate import ValidationOutcome
from beslutsgraf.ontology import bind_prefixes

__all__ = ["GRAPH_FILE", "REPORT_FILE", "SUMMARY_FILE", "quarantine"]

REPORT_FILE = "shacl-report.ttl"
GRAPH_FILE = "rejected-graph.ttl"
SUMMARY_FILE = "summary.txt"


def quarantine(document: RawDocument, graph: Graph, outcome: ValidationOutcome, root: Path) -> Path:
    """Write the quarantine folder of `document` under `root` and return it.

    Writing it again for the same bytes overwrites the folder, so a repeated
    ingest of a bad file leaves one folder, not one per attempt."""
    folder = root / f"{document.path.name}.{document.sha256[:16]}"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(document.path, folder / document.path.name)
    report = bind_prefixes(Graph())
    for triple in outcome.report.report_graph:
        report.add(triple)
    report.serialize(folder / REPORT_FILE, format="turtle")
    bind_prefixes(graph).serialize(folder / GRAPH_FILE, format="turtle")
    (folder / SUMMARY_FILE).write_text(_summary(document, outcome), encoding="utf-8")
    return folder


def _summary(document: RawDocument, outcome: ValidationOutcome) -> str:
    lines = [
        f"file: {document.path}",
        f"sha256: {document.sha256}",
        f"verdict: not loaded, {outcome.violation_count} violation(s), "
        f"{outcome.warning_count} warning(s)",
        "",
        "Each line names the node, the property and what is wrong. Fix the source text,",
        "or report the case as an ingestion bug with this folder attached.",
        "",
        *outcome.lines(),
    ]
    return "\n".join(lines) + "\n"
