"""The synthetic decision graph for the benchmarks: a re-export of
`beslutsgraf.service.synthetic_graph`, where the generator lives so that the installed
`beslutsgraf bench` can use it too (product code never imports `benchmarks`)."""

from __future__ import annotations

from beslutsgraf.service.synthetic_graph import (
    ANCHORS,
    BODY_COUNT,
    DEFAULT_SEED,
    INSTANCE_BASE,
    LAST_MEETING,
    MEETING_INTERVAL_DAYS,
    ONTOLOGY_GRAPH,
    Anchors,
    Summary,
    generate,
    write_nquads,
)

__all__ = [
    "ANCHORS",
    "BODY_COUNT",
    "DEFAULT_SEED",
    "INSTANCE_BASE",
    "LAST_MEETING",
    "MEETING_INTERVAL_DAYS",
    "ONTOLOGY_GRAPH",
    "Anchors",
    "Summary",
    "generate",
    "write_nquads",
]
