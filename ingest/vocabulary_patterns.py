"""Turn SKOS concept labels into spaCy rule patterns.

Every concept of a scheme contributes its Swedish prefLabel, altLabels and
hiddenLabels; a "…" in a label is a gap of a few tokens ("ger … i uppdrag"),
so adding a surface form is a one-line edit in `ontology/*.ttl`.

`token_pattern` states what a label matches. `nlp.ConceptRuler` matches the
same far faster as literal parts between gaps (`ConceptPattern.segments`),
found by a PhraseMatcher and chained over the gaps; only a label that starts
or ends with a gap, which parts cannot express, keeps its token pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

__all__ = [
    "GAP",
    "GAP_MAX_TOKENS",
    "GAP_TOKEN",
    "LINE_BREAK",
    "ConceptPattern",
    "Segment",
    "concept_patterns",
    "phrase_segments",
    "phrases_by_concept",
    "token_pattern",
]

# A gap matches up to this many tokens, none of them sentence punctuation.
GAP_TOKEN = re.compile(r"^[^.!?;]+$")
GAP_MAX_TOKENS = 15
GAP = {"TEXT": {"REGEX": GAP_TOKEN.pattern}, "OP": f"{{0,{GAP_MAX_TOKENS}}}"}
LINE_BREAK = {"IS_SPACE": True, "OP": "*"}
_GAP_MARK = re.compile(r"\s*(?:…|\.\.\.)\s*")
_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
# Definite and plural endings of Swedish nouns: avtal-et, överenskommelse-n, -r, -rna, plan-en.
_NOUN_ENDINGS = ("en", "et", "n", "t", "na", "r", "rna", "er", "erna", "ar", "arna")

Tokenize = Callable[[str], Iterable[Any]]
# The lower-case word sequences one literal part of a label matches (alternatives).
Segment = tuple[tuple[str, ...], ...]


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
        words[-1] = {"LOWER": {"REGEX": rf"^{head}(?:{'|'.join(_NOUN_ENDINGS)})?$"}}
    # A phrase may wrap: line breaks are tokens of their own between its words.
    pattern: list[dict[str, Any]] = []
    for index, word in enumerate(words):
        if index:
            pattern.append(dict(LINE_BREAK))
        pattern.append(word)
    return pattern


def phrase_segments(
    phrase: str, tokenize: Tokenize, *, inflect_head: bool = False
) -> tuple[Segment, ...] | None:
    """The literal parts of `phrase` between its gaps, matching what `token_pattern` matches.

    Each part is its words in lower case (line breaks between them are for the
    matcher to skip); with `inflect_head` the last part has one word sequence
    per ending of its last word, the bare word first. None when a part has no
    words (a gap at the start or end): only the token pattern expresses that."""
    segments: list[Segment] = []
    for part in _GAP_MARK.split(phrase):
        words = tuple(token.lower_ for token in tokenize(part) if token.text.strip())
        if not words:
            return None
        segments.append((words,))
    if inflect_head:
        *leading, head = segments[-1][0]
        segments[-1] = tuple((*leading, head + ending) for ending in ("", *_NOUN_ENDINGS))
    return tuple(segments)


@dataclass(frozen=True)
class ConceptPattern:
    """One surface form of a concept: literal `segments` between gaps, or else `tokens`."""

    label: str  # the concept IRI
    phrase: str  # the label as the vocabulary writes it; the span id of its matches
    segments: tuple[Segment, ...] | None
    tokens: list[dict[str, Any]] | None


def concept_patterns(
    vocabulary: Graph,
    scheme: URIRef,
    tokenize: Tokenize,
    *,
    hidden_only: bool = False,
    inflect_head: bool = False,
) -> list[ConceptPattern]:
    """One pattern per surface form of the concepts in `scheme`, labelled with concept IRIs."""
    by_concept = phrases_by_concept(vocabulary, scheme, hidden_only=hidden_only)
    patterns = []
    for concept, phrases in by_concept.items():
        for phrase in phrases:
            segments = phrase_segments(phrase, tokenize, inflect_head=inflect_head)
            if segments is not None:
                patterns.append(ConceptPattern(concept, phrase, segments, None))
            elif tokens := token_pattern(phrase, tokenize, inflect_head=inflect_head):
                patterns.append(ConceptPattern(concept, phrase, None, tokens))
    return patterns
