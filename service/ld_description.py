"""What a resource page shows: the resource's description across named graphs, its
evidence, the links to it, and labels for the IRIs around it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from fastapi import Request
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from beslutsgraf.service.api_sparql import select
from beslutsgraf.service.ld_terms import Term, iri_term, parse_term

__all__ = ["MAX_INCOMING", "Description", "describe"]

# A body such as SRO is the object of every decision it took: a page lists at most
# this many links to a resource (the SPARQL endpoint answers the rest).
MAX_INCOMING: Final = 1000

_LABEL_PRECEDENCE: Final = (
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://w3id.org/beslutsgraf/def#fileName",
    "https://w3id.org/beslutsgraf/def#decisionText",
    "https://w3id.org/beslutsgraf/def#task",
    "http://purl.org/dc/terms/date",
)
_MAX_LABEL: Final = 90  # a decision's text can be a paragraph: shorten it in links


def _short(text: str) -> str:
    return text if len(text) <= _MAX_LABEL else text[: _MAX_LABEL - 1].rstrip() + "…"


@dataclass
class Description:
    """The quads about `iri` (its own triples, blank-node closure, evidence) and the
    quads linking to it, kept apart so a page can show them apart."""

    iri: str
    about: Dataset = field(default_factory=Dataset)
    incoming: Dataset = field(default_factory=Dataset)
    incoming_truncated: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return len(self.about) == 0 and len(self.incoming) == 0

    def everything(self) -> Dataset:
        """Description and incoming links in one dataset (what the RDF formats serve)."""
        combined = Dataset()
        for part in (self.about, self.incoming):
            for subject, predicate, obj, graph in part.quads((None, None, None, None)):
                if graph is not None:
                    combined.graph(graph).add((subject, predicate, obj))
        return combined


def _node(row: Mapping[str, str], name: str) -> Node:
    return parse_term(row[name]).to_rdflib()


def _add(dataset: Dataset, row: Mapping[str, str], subject: Node, obj: Node) -> None:
    graph = URIRef(parse_term(row["g"]).value)
    dataset.graph(graph).add((subject, _node(row, "p"), obj))


def _label_rank(row: Mapping[str, str]) -> tuple[int, int]:
    """Lower is better: the property's precedence, then Swedish, untagged, other."""
    prop = parse_term(row["labelProperty"]).value
    label: Term = parse_term(row["label"])
    rank = _LABEL_PRECEDENCE.index(prop) if prop in _LABEL_PRECEDENCE else len(_LABEL_PRECEDENCE)
    language = (label.language or "").lower()
    return rank, 0 if language.startswith("sv") else 1 if not language else 2


def _labels(rows: list[dict[str, str]]) -> dict[str, str]:
    best: dict[str, tuple[tuple[int, int], str]] = {}
    for row in rows:
        node = parse_term(row["node"]).value
        rank = _label_rank(row)
        if node not in best or rank < best[node][0]:
            best[node] = (rank, _short(parse_term(row["label"]).value))
    return {node: label for node, (_rank, label) in best.items()}


def describe(request: Request, iri: str) -> Description:
    """Everything a resource page needs about `iri` (empty when the store has nothing)."""
    bindings = {"resource": iri_term(iri)}
    description = Description(iri=iri)
    resource = URIRef(iri)
    for row in select(request, "resource-description", bindings):
        _add(description.about, row, _node(row, "s"), _node(row, "o"))
    incoming = select(request, "resource-incoming", bindings, limit=MAX_INCOMING + 1)
    description.incoming_truncated = len(incoming) > MAX_INCOMING
    for row in incoming[:MAX_INCOMING]:
        _add(description.incoming, row, _node(row, "s"), resource)
    if not description.empty:
        description.labels = _labels(select(request, "resource-labels", bindings))
        own = _own_label(description.about, resource)
        if own is not None:
            description.labels[iri] = own
    return description


def _own_label(about: Dataset, resource: URIRef) -> str | None:
    """The resource's label from its own triples, by the same precedence."""
    for prop in _LABEL_PRECEDENCE:
        values = [
            obj
            for _s, _p, obj, _g in about.quads((resource, URIRef(prop), None, None))
            if isinstance(obj, Literal)
        ]
        if values:
            swedish = [value for value in values if (value.language or "").startswith("sv")]
            return _short(str(sorted(swedish or values)[0]))
    return None
