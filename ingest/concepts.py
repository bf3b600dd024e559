"""Looking up SKOS concepts of the vocabulary by the words a document uses.

The labels live in `ontology/*.ttl` (prefLabel, altLabel, hiddenLabel in Swedish):
one place to add a surface form, no lists in code.
"""

from __future__ import annotations

from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from beslutsgraf.ingest.names import fold
from beslutsgraf.ontology import load_vocabulary

__all__ = ["concept_in_name", "concepts_of", "label_of"]


@cache
def concepts_of(scheme: URIRef) -> tuple[tuple[str, URIRef], ...]:
    """(folded Swedish label, concept) pairs of `scheme`, longest label first."""
    vocabulary = load_vocabulary()
    pairs: set[tuple[str, URIRef]] = set()
    for concept in vocabulary.subjects(SKOS.inScheme, scheme):
        if not isinstance(concept, URIRef):
            continue
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in vocabulary.objects(concept, predicate):
                if isinstance(label, Literal) and label.language in (None, "sv"):
                    pairs.add((fold(str(label)), concept))
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0], str(pair[1]))))


def concept_in_name(scheme: URIRef, name: str) -> URIRef | None:
    """The concept whose label ends a word of `name` ("Regionstyrelsen" → nämnd/styrelse,
    "Tibro kommun" → kommun), the longest label winning; None when nothing matches."""
    words = fold(name).split()
    for label, concept in concepts_of(scheme):
        label_words = label.split()
        size = len(label_words)
        for index in range(len(words) - size + 1):
            window = words[index : index + size]
            if window[:-1] == label_words[:-1] and window[-1].endswith(label_words[-1]):
                return concept
    return None


@cache
def label_of(concept: URIRef) -> str:
    """The Swedish prefLabel of a concept (its local name when it has none)."""
    for label in load_vocabulary().objects(concept, SKOS.prefLabel):
        if isinstance(label, Literal) and label.language == "sv":
            return str(label)
    return str(concept).rsplit("#", 1)[-1]
