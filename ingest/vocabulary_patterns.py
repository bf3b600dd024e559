"""Turn SKOS concept labels into spaCy rule patterns.

Every concept of a scheme contributes its Swedish prefLabel, altLabels and
hiddenLabels; a "…" in a label is a gap of a few tokens ("ger … i uppdrag"),
so adding a surface form is a one-line edit in `ontology/*.ttl`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

__all__ = ["GAP", "LINE_BREAK", "phrases_by_concept", "span_ruler_patterns", "token_pattern"]

# A gap matches up to this many tokens, none of them sentence punctuation.
GAP = {"TEXT": {"REGEX": r"^[^.!?;]+$"}, "OP": "{0,15}"}
LINE_BREAK = {"IS_SPACE": True, "OP": "*"}
_GAP_MARK = re.compile(r"\s*(?:…|\.\.\.)\s*")
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
# Definite and plural endings of Swedish nouns: avtal-et, överenskommelse-n, -r, -rna, plan-en.
_NOUN_ENDINGS = "en|et|n|t|na|r|rna|er|erna|ar|arna"

Tokenize = Callable[[str], Iterable[Any]]


def _swedish(label: object) -> bool:
    return isinstance(label, Literal) and label.language in (None, "sv")


def phrases_by_concept(
    vocabulary: Graph, scheme: URIRef, *, hidden_only: bool = False
) -> dict[str, tuple[str, ...]]:
    """Concept IRI → its Swedish surface forms, for every concept in `scheme`.

    `hidden_only` keeps the hiddenLabels: for schemes whose preferred labels
    are names of the concept rather than phrases seen in text.
    """
    predicates = (SKOS.hiddenLabel,) if hidden_only else _LABELS
    concepts = set(vocabulary.subjects(SKOS.inScheme, scheme))
    concepts |= set(vocabulary.subjects(SKOS.topConceptOf, scheme))
    result: dict[str, tuple[str, ...]] = {}
    for concept in sorted(concepts, key=str):
        phrases = {
            str(label).strip()
            for predicate in predicates
            for label in vocabulary.objects(concept, predicate)
            if _swedish(label) and str(label).strip()
        }
        result[str(concept)] = tuple(sorted(phrases))
    return result


def token_pattern(
    phrase: str, tokenize: Tokenize, *, inflect_head: bool = False
) -> list[dict[str, Any]]:
    """A case-insensitive Matcher pattern for `phrase`; "…" becomes `GAP`.

    `inflect_head` lets the last word take a Swedish definite or plural ending
    ("hälso- och sjukvårdsavtal" also matches "… sjukvårdsavtalet").
    """
    words: list[dict[str, Any]] = []
    for index, part in enumerate(_GAP_MARK.split(phrase)):
        if index:
            words.append(dict(GAP))
        words.extend({"LOWER": token.lower_} for token in tokenize(part) if token.text.strip())
    if inflect_head and words and "LOWER" in words[-1]:
        head = re.escape(words[-1]["LOWER"])
        words[-1] = {"LOWER": {"REGEX": rf"^{head}(?:{_NOUN_ENDINGS})?$"}}
    # A phrase may wrap: line breaks are tokens of their own between its words.
    pattern: list[dict[str, Any]] = []
    for index, word in enumerate(words):
        if index:
            pattern.append(dict(LINE_BREAK))
        pattern.append(word)
    return pattern


def span_ruler_patterns(
    vocabulary: Graph,
    scheme: URIRef,
    tokenize: Tokenize,
    *,
    hidden_only: bool = False,
    inflect_head: bool = False,
) -> list[dict[str, Any]]:
    """SpanRuler patterns labelled with concept IRIs, one per surface form."""
    by_concept = phrases_by_concept(vocabulary, scheme, hidden_only=hidden_only)
    patterns = []
    for concept, phrases in by_concept.items():
        for phrase in phrases:
            pattern = token_pattern(phrase, tokenize, inflect_head=inflect_head)
            if pattern:
                patterns.append({"label": concept, "pattern": pattern, "id": phrase})
    return patterns
