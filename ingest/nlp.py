"""The spaCy pipeline: a blank Swedish tokenizer plus one SpanRuler per concept scheme.

Each ruler is configured from the SKOS vocabulary (`vocabulary_patterns`) and
writes its matches, labelled with concept IRIs, to `doc.spans[scheme name]`.
The pipeline is built once per process; documents are annotated once each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import spacy
from rdflib import Graph, URIRef
from spacy.language import Language
from spacy.tokens import Doc

from beslutsgraf.ingest.vocabulary_patterns import span_ruler_patterns
from beslutsgraf.ontology import BG, load_vocabulary

__all__ = [
    "SCHEMES",
    "ConceptMatch",
    "SchemeRuler",
    "annotate",
    "build_pipeline",
    "concepts_in",
    "pipeline",
]


@dataclass(frozen=True)
class SchemeRuler:
    """How one concept scheme becomes a SpanRuler."""

    scheme: URIRef
    longest_only: bool  # keep only the longest of overlapping matches
    hidden_only: (
        bool  # match hiddenLabels only (for schemes whose display labels are no surface form)
    )
    inflect_head: bool = False  # the last word may take a definite or plural ending


SCHEMES: dict[str, SchemeRuler] = {
    "DecisionType": SchemeRuler(BG.DecisionType, longest_only=False, hidden_only=False),
    "Role": SchemeRuler(BG.Role, longest_only=True, hidden_only=False),
    "AgreementType": SchemeRuler(
        BG.AgreementType, longest_only=True, hidden_only=False, inflect_head=True
    ),
    "AgendaItemKind": SchemeRuler(BG.AgendaItemKind, longest_only=True, hidden_only=False),
    "MeetingForm": SchemeRuler(BG.MeetingForm, longest_only=True, hidden_only=False),
    "DocumentKind": SchemeRuler(BG.DocumentKind, longest_only=True, hidden_only=False),
}


@dataclass(frozen=True)
class ConceptMatch:
    """A surface form of a concept found in the text."""

    concept: str
    start: int
    end: int
    text: str


def build_pipeline(vocabulary: Graph) -> Language:
    """A blank `sv` pipeline with a SpanRuler per scheme, patterns from `vocabulary`."""
    nlp = spacy.blank("sv")
    for key, rule in SCHEMES.items():
        config: dict[str, object] = {"spans_key": key, "validate": True}
        if rule.longest_only:
            config["spans_filter"] = {"@misc": "spacy.first_longest_spans_filter.v1"}
        ruler = nlp.add_pipe("span_ruler", name=f"{key}_ruler", config=config)
        patterns = span_ruler_patterns(
            vocabulary,
            rule.scheme,
            nlp.make_doc,
            hidden_only=rule.hidden_only,
            inflect_head=rule.inflect_head,
        )
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]  # add_pipe is typed as a callable
    return nlp


@cache
def pipeline() -> Language:
    """The pipeline for the shipped vocabulary, built once."""
    return build_pipeline(load_vocabulary())


@lru_cache(maxsize=16)
def annotate(text: str) -> Doc:
    """`text` run through `pipeline()` (cached: extract asks many questions of one text)."""
    return pipeline()(text)


def concepts_in(text: str, key: str, start: int = 0, end: int | None = None) -> list[ConceptMatch]:
    """Matches of scheme `key` lying inside `text[start:end]`, in text order."""
    stop = len(text) if end is None else end
    doc = annotate(text)
    matches = [
        ConceptMatch(span.label_, span.start_char, span.end_char, span.text)
        for span in doc.spans.get(key, [])
        if start <= span.start_char and span.end_char <= stop
    ]
    return sorted(matches, key=lambda match: (match.start, -match.end))
