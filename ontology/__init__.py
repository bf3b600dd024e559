"""The beslutsgraf vocabulary: namespaces, and the OWL + SKOS Turtle files shipped with it.

Everything that writes or reads our graph takes its IRIs from here, so the
application profile (`docs/model.md`) has one implementation.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Namespace, URIRef

__all__ = [
    "BESLUIT",
    "BG",
    "ELI",
    "ID",
    "MANDAAT",
    "OA",
    "ONTOLOGY_GRAPH",
    "ORG",
    "PERSON",
    "SCHEMA",
    "TIME",
    "bind_prefixes",
    "concept_scheme_files",
    "load_vocabulary",
    "ontology_file",
    "vocabulary_files",
]

BG = Namespace("https://w3id.org/beslutsgraf/def#")
ID = Namespace("https://w3id.org/beslutsgraf/id/")
ONTOLOGY_GRAPH = URIRef("https://w3id.org/beslutsgraf/def")

BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
ORG = Namespace("http://www.w3.org/ns/org#")
PERSON = Namespace("http://www.w3.org/ns/person#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")

_PREFIXES: dict[str, Namespace] = {
    "bg": BG,
    "id": ID,
    "besluit": BESLUIT,
    "mandaat": MANDAAT,
    "org": ORG,
    "person": PERSON,
    "eli": ELI,
    "oa": OA,
    "schema": SCHEMA,
    "time": TIME,
}

_ONTOLOGY_FILE_NAME = "beslutsgraf.ttl"


def _package_dir() -> Path:
    return Path(str(resources.files(__name__)))


def ontology_file() -> Path:
    """The OWL ontology (classes and properties)."""
    return _package_dir() / _ONTOLOGY_FILE_NAME


def concept_scheme_files() -> list[Path]:
    """The SKOS concept schemes, one Turtle file each, in a stable order."""
    return sorted(p for p in _package_dir().glob("*.ttl") if p.name != _ONTOLOGY_FILE_NAME)


def vocabulary_files() -> list[Path]:
    """The ontology followed by every concept scheme."""
    return [ontology_file(), *concept_scheme_files()]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the profile's prefixes on `graph` (rdflib binds the W3C ones itself)."""
    for prefix, namespace in _PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@cache
def _parsed_vocabulary() -> Graph:
    graph = bind_prefixes(Graph())
    for path in vocabulary_files():
        graph.parse(path, format="turtle")
    return graph


def load_vocabulary() -> Graph:
    """A fresh copy of the ontology plus all concept schemes, parsed once per process."""
    copy = bind_prefixes(Graph())
    for triple in _parsed_vocabulary():
        copy.add(triple)
    return copy
