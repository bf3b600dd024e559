"""Resolution's view of the reference registers: their organisations come first.

A document's "Göteborgsregionen", "Fyrbodal" or "Borås stad" must resolve to the
register's node (`id:org/goteborgsregionen`, `id:kommun/1490`) rather than to a
node minted from the document's spelling. The registers' organisations therefore
seed the organisation clusters ahead of everything else the store knows, with
their prefLabel as canonical name, every label as a spelling and their register
classification; and their short forms go into the stem index (`stems.py`).

A board or administration (org:subOrganizationOf another node) has no short form:
its generic word is what names it. "Regionstyrelsen" without "styrelsen" is the
region, "Skaraborgs Sjukhus" without "Sjukhus" is Skaraborg, "NU-sjukvården"
without "sjukvården" is nothing; so units resolve by their full names only.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.known import Known
from beslutsgraf.ingest.names import NameCluster
from beslutsgraf.ingest.stems import StemIndex
from beslutsgraf.ontology import BG, ORG

__all__ = ["generic_name_words", "with_reference"]


def generic_name_words() -> tuple[str, ...]:
    """The words an organisation's name ends in ("regionen", "kommun", "stad" …),
    from the rule table the person/organisation detection already uses."""
    return tuple(row[1] for row in read_table("organisation_words.tsv") if row[0] == "suffix")


def _labels(graph: Graph, node: URIRef) -> tuple[str, list[str]] | None:
    preferred = graph.value(node, SKOS.prefLabel)
    if not isinstance(preferred, Literal):
        return None
    alternatives = [str(a) for a in graph.objects(node, SKOS.altLabel) if isinstance(a, Literal)]
    return str(preferred), alternatives


def with_reference(known: Known, reference: Graph) -> Known:
    """`known` with the organisations of `reference` (the graph `reference_graph`
    builds) as the first seeds; spellings the store already attached to those
    nodes are kept."""
    stored = {c.fixed_iri: c for c in known.organisations if c.fixed_iri}
    seeds: list[NameCluster] = []
    types: dict[str, str] = {}
    entries: list[tuple[str, str, list[str]]] = []
    nodes = (n for n in reference.subjects(RDF.type, ORG.Organization) if isinstance(n, URIRef))
    for node in sorted(nodes):
        labels = _labels(reference, node)
        kind = reference.value(node, ORG.classification)
        if labels is None or kind is None:
            continue
        preferred, alternatives = labels
        spellings = {preferred, *alternatives}
        if str(node) in stored:
            spellings.update(stored[str(node)].spellings)
        seeds.append(NameCluster(preferred, tuple(sorted(spellings)), str(node)))
        types[str(node)] = str(kind)
        if reference.value(node, ORG.subOrganizationOf) is None:
            entries.append((str(node), str(kind), [preferred, *alternatives]))
    rest = tuple(c for c in known.organisations if c.fixed_iri not in types)
    conveners = {
        str(body): tuple(sorted(str(c) for c in reference.objects(body, BG.convenedBy)))
        for body in set(reference.subjects(BG.convenedBy, None))
    }
    return replace(
        known,
        organisations=(*seeds, *rest),
        organisation_types={**known.organisation_types, **types},
        conveners={**known.conveners, **conveners},
        reference_stems=StemIndex.build(entries, generic_name_words()),
    )
