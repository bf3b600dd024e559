"""The spaCy pipeline: a blank Swedish tokenizer plus one `ConceptRuler` for all concept schemes.

The ruler is configured from the SKOS vocabulary (`vocabulary_patterns`) and
writes the matches of each scheme, labelled with concept IRIs, to
`doc.spans[scheme name]`, exactly as one SpanRuler per scheme would.
The pipeline is built once per process; documents are annotated once each.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import spacy
from rdflib import Graph, URIRef
from spacy.attrs import IS_SPACE, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from beslutsgraf.ingest.vocabulary_patterns import (
    GAP_MAX_TOKENS,
    GAP_TOKEN,
    ConceptPattern,
    concept_patterns,
)
from beslutsgraf.ontology import BG, load_vocabulary

__all__ = [
    "SCHEMES",
    "ConceptMatch",
    "ConceptRuler",
    "SchemeRuler",
    "annotate",
    "blank_swedish",
    "build_pipeline",
    "concepts_in",
    "pipeline",
]


@dataclass(frozen=True)
class SchemeRuler:
    """How the surface forms of one concept scheme are matched."""

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


class ConceptRuler:
    """Every scheme's surface forms in one pass, resolved as spaCy's SpanRuler resolves them.

    A PhraseMatcher finds the literal parts of every phrase in the doc's words
    without its whitespace tokens (a phrase may wrap: a line break is a token
    between its words); the parts of a phrase with gaps are then chained over
    the gaps that fit (`_Gaps`). Only a phrase starting or ending with a gap
    goes through the token Matcher, which costs far more. Per scheme, matches
    are deduplicated and sorted as Spans, and for `longest_only` schemes the
    first longest of overlapping spans is kept.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.matcher = Matcher(vocab, validate=True)
        self.longest_only: dict[str, bool] = {}
        self._patterns: dict[int, tuple[str, str, str]] = {}  # match id → scheme, label, span id
        self._segments: dict[int, tuple[int, int]] = {}  # segment id → match id, its index
        self._segment_counts: dict[int, int] = {}  # match id → number of segments

    def add_scheme(
        self, key: str, patterns: Iterable[ConceptPattern], *, longest_only: bool
    ) -> None:
        """Match `patterns` into `doc.spans[key]`."""
        self.longest_only[key] = longest_only
        for pattern in patterns:
            match_key = f"{key}\t{pattern.label}\t{pattern.phrase}"
            match_id = self.vocab.strings.add(match_key)
            self._patterns[match_id] = (key, pattern.label, pattern.phrase)
            if pattern.segments is not None:
                self._segment_counts[match_id] = len(pattern.segments)
                for index, segment in enumerate(pattern.segments):
                    segment_key = f"{match_key}\t{index}"
                    self._segments[self.vocab.strings.add(segment_key)] = (match_id, index)
                    docs = [Doc(self.vocab, words=list(words)) for words in segment]
                    self.phrase_matcher.add(segment_key, docs)
            elif pattern.tokens:
                self.matcher.add(match_key, [pattern.tokens])

    def __call__(self, doc: Doc) -> Doc:
        # Read as arrays: a Token object per token (twice) cost more than the matching.
        is_space, orth = doc.to_array([IS_SPACE, ORTH]).T.tolist()
        words = [i for i, space in enumerate(is_space) if not space]
        # The words by their hashes: the Doc takes each lexeme by its hash instead of
        # hashing the word's string again (half the time of this component).
        compact = Doc(self.vocab, words=[orth[i] for i in words])
        found: dict[int, list[list[tuple[int, int]]]] = {}
        for segment_id, start, end in self.phrase_matcher(compact):
            match_id, index = self._segments[segment_id]
            if match_id not in found:
                found[match_id] = [[] for _ in range(self._segment_counts[match_id])]
            found[match_id][index].append((words[start], words[end - 1] + 1))
        gaps = _Gaps(doc, words)
        matches = [
            (match_id, start, end)
            for match_id, occurrences in found.items()
            for start, end in gaps.chain(occurrences)
        ]
        if len(self.matcher):
            matches.extend(self.matcher(doc))
        spans: dict[str, set[Span]] = {key: set() for key in self.longest_only}
        for match_id, start, end in matches:
            key, label, span_id = self._patterns[match_id]
            if start != end:
                spans[key].add(Span(doc, start, end, label=label, span_id=span_id))
        for key, found_spans in spans.items():
            ordered = sorted(found_spans)
            doc.spans[key] = filter_spans(ordered) if self.longest_only[key] else ordered
        return doc


class _Gaps:
    """Which token ranges of `doc` a gap of a phrase spans: line breaks, then at most
    `GAP_MAX_TOKENS` tokens without sentence punctuation (`GAP`), then line breaks."""

    def __init__(self, doc: Doc, words: list[int]) -> None:
        self.doc = doc
        self.words = words  # the indices of the tokens that are not whitespace
        self._allowed: dict[int, bool] = {}

    def fits(self, start: int, end: int) -> bool:
        first = bisect_left(self.words, start)
        last = bisect_left(self.words, end) - 1
        if last < first:
            return True  # line breaks only
        inner = range(self.words[first], self.words[last] + 1)
        return len(inner) <= GAP_MAX_TOKENS and all(self._allows(i) for i in inner)

    def _allows(self, i: int) -> bool:
        if i not in self._allowed:
            self._allowed[i] = GAP_TOKEN.search(self.doc[i].text) is not None
        return self._allowed[i]

    def chain(self, occurrences: list[list[tuple[int, int]]]) -> set[tuple[int, int]]:
        """(start, end) of every match of a phrase whose segments occur at `occurrences`."""
        chained = set(occurrences[0])
        for following in occurrences[1:]:
            chained = {
                (start, next_end)
                for start, end in chained
                for next_start, next_end in following
                if next_start >= end and self.fits(end, next_start)
            }
        return chained


@Language.factory("beslutsgraf_concept_ruler")
def _concept_ruler(nlp: Language, name: str) -> ConceptRuler:
    return ConceptRuler(nlp.vocab)


# spaCy's base exceptions make these whitespace strings special cases that only
# restate the token, yet every line break then goes through the tokenizer's slow
# special-case pass: two thirds of tokenizing a document. Without them every
# token is the same ("\xa0" stays: its case sets a norm).
_PLAIN_WHITESPACE_CASES = frozenset({"\n", "\t", " "})


def blank_swedish() -> Language:
    """`spacy.blank("sv")` with the same tokens, less the whitespace special cases."""
    nlp = spacy.blank("sv")
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.rules = {
        text: case
        for text, case in (tokenizer.rules or {}).items()
        if text not in _PLAIN_WHITESPACE_CASES
    }
    return nlp


def build_pipeline(vocabulary: Graph) -> Language:
    """A blank `sv` pipeline with a `ConceptRuler` for `SCHEMES`, patterns from `vocabulary`."""
    nlp = blank_swedish()
    ruler = nlp.add_pipe("beslutsgraf_concept_ruler", name="concept_ruler")
    assert isinstance(ruler, ConceptRuler)
    for key, rule in SCHEMES.items():
        patterns = concept_patterns(
            vocabulary,
            rule.scheme,
            nlp.make_doc,
            hidden_only=rule.hidden_only,
            inflect_head=rule.inflect_head,
        )
        ruler.add_scheme(key, patterns, longest_only=rule.longest_only)
    return nlp


@cache
def pipeline() -> Language:
    """The pipeline for the shipped vocabulary, built once."""
    return build_pipeline(load_vocabulary())


@lru_cache(maxsize=16)
def annotate(text: str) -> Doc:
    """`text` run through `pipeline()` (cached: extract asks many questions of one text)."""
    return pipeline()(text)


@dataclass(frozen=True)
class _SchemeMatches:
    """All matches of one scheme in one text, in text order, with their starts for bisecting."""

    matches: tuple[ConceptMatch, ...]
    starts: tuple[int, ...]


@lru_cache(maxsize=96)
def _scheme_matches(text: str, key: str) -> _SchemeMatches:
    # Reading a SpanGroup builds a Span (and its text, token by token) per match; a
    # document asks for the same scheme hundreds of times, so each is read once.
    matches = []
    for span in annotate(text).spans.get(key, []):
        # The tokenizer keeps every character, so the text between a span's offsets is
        # its text (`span.text` would join its tokens again).
        start, end = span.start_char, span.end_char
        matches.append(ConceptMatch(span.label_, start, end, text[start:end]))
    # A stable sort: filtering the sorted list keeps the order of sorting the filtered one.
    matches.sort(key=lambda match: (match.start, -match.end))
    return _SchemeMatches(tuple(matches), tuple(match.start for match in matches))


def concepts_in(text: str, key: str, start: int = 0, end: int | None = None) -> list[ConceptMatch]:
    """Matches of scheme `key` lying inside `text[start:end]`, in text order."""
    stop = len(text) if end is None else end
    scheme = _scheme_matches(text, key)
    found = []
    for match in scheme.matches[bisect_left(scheme.starts, start) :]:
        if match.start > stop:
            break
        if match.end <= stop:
            found.append(match)
    return found
