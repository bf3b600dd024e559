"""Evidence: an oa:Annotation tying a graph node to the characters it was read from.

The quote (oa:exact) is always cut from `RawDocument.source_text` at the span
that `offsets.to_source` gives for the normalised-text span, so anyone holding
the original file (or, for PDF/DOCX, the stored bg:extractedText) can check it.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.iris import DEFAULT_MINTER, IriMinter
from beslutsgraf.ingest.model import Span
from beslutsgraf.ontology import OA

__all__ = ["DESCRIBING", "IDENTIFYING", "Triple", "add_evidence", "evidence_triples"]

IDENTIFYING = OA.identifying  # the span names an entity (meeting, item, decision, agreement)
DESCRIBING = OA.describing  # the span states something (absence, substitution, membership)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Built once: a namespace attribute is a new URIRef on every access, and a
# document has hundreds of annotations.
_TYPE = RDF.type
_ANNOTATION = OA.Annotation
_HAS_BODY = OA.hasBody
_MOTIVATED_BY = OA.motivatedBy
_HAS_TARGET = OA.hasTarget
_SPECIFIC_RESOURCE = OA.SpecificResource
_HAS_SOURCE = OA.hasSource
_HAS_SELECTOR = OA.hasSelector
_POSITION_SELECTOR = OA.TextPositionSelector
_START = OA.start
_END = OA.end
_QUOTE_SELECTOR = OA.TextQuoteSelector
_EXACT = OA.exact
_OFFSET = XSD.nonNegativeInteger


@lru_cache(maxsize=8192)
def _offset(value: int) -> Literal:
    """A character offset as xsd:nonNegativeInteger, made once: a literal costs a few µs
    to make, a document states two per annotation, and the same offsets recur in
    documents written from one template."""
    return Literal(value, datatype=_OFFSET)


def evidence_triples(
    document: RawDocument,
    source: URIRef,
    body: URIRef,
    span: Span,
    motivation: URIRef,
    minter: IriMinter = DEFAULT_MINTER,
) -> tuple[URIRef, list[Triple]]:
    """The IRI and the triples of one annotation on `body` whose target is `span` of `document`.

    Spans are in `document.text`; the selectors carry source offsets and the
    source characters, which is what the profile promises a reader."""
    start, end = document.offsets.to_source(span.start, span.end)
    annotation = minter.annotation(source, body, start, end)
    target = URIRef(f"{annotation}#target")
    position = URIRef(f"{annotation}#position")
    quote = URIRef(f"{annotation}#quote")
    triples: list[Triple] = [
        (annotation, _TYPE, _ANNOTATION),
        (annotation, _HAS_BODY, body),
        (annotation, _MOTIVATED_BY, motivation),
        (annotation, _HAS_TARGET, target),
        (target, _TYPE, _SPECIFIC_RESOURCE),
        (target, _HAS_SOURCE, source),
        (target, _HAS_SELECTOR, position),
        (target, _HAS_SELECTOR, quote),
        (position, _TYPE, _POSITION_SELECTOR),
        (position, _START, _offset(start)),
        (position, _END, _offset(end)),
        (quote, _TYPE, _QUOTE_SELECTOR),
        (quote, _EXACT, Literal(document.source_text[start:end])),
    ]
    return annotation, triples


def add_evidence(
    graph: Graph,
    document: RawDocument,
    source: URIRef,
    body: URIRef,
    span: Span,
    motivation: URIRef,
    minter: IriMinter = DEFAULT_MINTER,
) -> URIRef:
    """Add one annotation on `body` whose target is `span` of `document`; return its IRI."""
    annotation, triples = evidence_triples(document, source, body, span, motivation, minter)
    for triple in triples:
        graph.add(triple)
    return annotation
