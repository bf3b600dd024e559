"""N-Quads term writing for the synthetic generator: a re-export of
`beslutsgraf.service.synthetic_terms`."""

from __future__ import annotations

from beslutsgraf.service.synthetic_terms import (
    BG,
    DCT,
    FOAF,
    OA,
    ORG,
    PROV,
    RDF_TYPE,
    SKOS,
    XSD,
    iri,
    literal,
    typed,
)

__all__ = [
    "BG",
    "DCT",
    "FOAF",
    "OA",
    "ORG",
    "PROV",
    "RDF_TYPE",
    "SKOS",
    "XSD",
    "iri",
    "literal",
    "typed",
]
