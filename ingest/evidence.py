"""Evidence: an oa:Annotation tying a graph node to the characters it was read from.

The quote (oa:exact) is always cut from `RawDocument.source_text` at the span
that `offsets.to_source` gives for the normalised-text span, so anyone holding
the original file (or, for PDF/DOCX, the stored bg:extractedText) can check it.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.model import Span
from beslutsgraf.ontology import OA

__all__ = ["DESCRIBING", "IDENTIFYING", "add_evidence"]

IDENTIFYING = OA.identifying  # the span names an entity (meeting, item, decision, agreement)
DESCRIBING = OA.describing  # the span states something (absence, substitution, membership)


def add_evidence(
    graph: Graph,
    document: RawDocument,
    source: URIRef,
    body: URIRef,
    span: Span,
    motivation: URIRef,
    minter: IriMinter = DEFAULT_MINTER,
) -> URIRef:
    """Add one annotation on `body` whose target is `span` of `document`; return its IRI.

    Spans are in `document.text`; the selectors carry source offsets and the
    source characters, which is what the profile promises a reader."""
    start, end = document.offsets.to_source(span.start, span.end)
    annotation = minter.annotation(source, body, start, end)
    target = URIRef(f"{annotation}#target")
    position = URIRef(f"{annotation}#position")
    quote = URIRef(f"{annotation}#quote")
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.hasBody, body))
    graph.add((annotation, OA.motivatedBy, motivation))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, source))
    graph.add((target, OA.hasSelector, position))
    graph.add((target, OA.hasSelector, quote))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(document.source_text[start:end])))
    return annotation
