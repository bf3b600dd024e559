"""N-Quads term writing for the synthetic generator: IRIs of the profile's vocabularies
and literal escaping. Strings, not pyoxigraph objects: a million quads are written in
seconds this way."""

from __future__ import annotations

from typing import Final

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

BG: Final = "https://w3id.org/beslutsgraf/def#"
DCT: Final = "http://purl.org/dc/terms/"
FOAF: Final = "http://xmlns.com/foaf/0.1/"
OA: Final = "http://www.w3.org/ns/oa#"
ORG: Final = "http://www.w3.org/ns/org#"
PROV: Final = "http://www.w3.org/ns/prov#"
SKOS: Final = "http://www.w3.org/2004/02/skos/core#"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE: Final = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

_ESCAPES: Final = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def iri(value: str) -> str:
    return f"<{value}>"


def literal(text: str, language: str | None = None) -> str:
    """A plain (xsd:string) or language-tagged literal."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    return f"{quoted}@{language}" if language else quoted


def typed(lexical: str | int, datatype: str) -> str:
    """A typed literal; `datatype` is a full IRI (e.g. XSD + "date")."""
    return f'"{lexical}"^^<{datatype}>'
