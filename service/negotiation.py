"""Content negotiation, done once for every endpoint: which media types each kind of
answer can take, and which of them an `Accept` header prefers (RFC 9110 §12.5.1)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

__all__ = [
    "BOOLEAN_RESULT_TYPES",
    "GRAPH_TYPES",
    "JSON_RESULTS",
    "RDF_UPLOAD_TYPES",
    "TABLE_RESULT_TYPES",
    "TURTLE",
    "MediaRange",
    "Offer",
    "negotiate",
    "parse_accept",
    "parse_media_type",
]

JSON_RESULTS: Final = "application/sparql-results+json"
XML_RESULTS: Final = "application/sparql-results+xml"
TURTLE: Final = "text/turtle"


@dataclass(frozen=True)
class Offer:
    """A media type the server can answer with: `advertised` goes into Content-Type,
    `produced` is what the store is asked to encode (an alias such as application/json
    is answered with the body of its canonical type)."""

    advertised: str
    produced: str


# First offer = the default when the client accepts anything (`*/*` or no Accept).
TABLE_RESULT_TYPES: Final = (
    Offer(JSON_RESULTS, JSON_RESULTS),
    Offer(XML_RESULTS, XML_RESULTS),
    Offer("text/csv", "text/csv"),
    Offer("text/tab-separated-values", "text/tab-separated-values"),
    Offer("application/json", JSON_RESULTS),
    Offer("application/xml", XML_RESULTS),
)
# CSV/TSV have no boolean form (SPARQL 1.1 Query Results CSV and TSV Formats, §1).
BOOLEAN_RESULT_TYPES: Final = tuple(
    offer for offer in TABLE_RESULT_TYPES if offer.produced in (JSON_RESULTS, XML_RESULTS)
)
GRAPH_TYPES: Final = (
    Offer(TURTLE, TURTLE),
    Offer("application/n-triples", "application/n-triples"),
    Offer("application/n-quads", "application/n-quads"),
    Offer("application/trig", "application/trig"),
    Offer("application/rdf+xml", "application/rdf+xml"),
    Offer("application/ld+json", "application/ld+json"),
)
# What a client may upload to the Graph Store (Content-Type of PUT/POST bodies).
RDF_UPLOAD_TYPES: Final = frozenset(
    {offer.produced for offer in GRAPH_TYPES} | {"application/x-turtle"}
)


@dataclass(frozen=True)
class MediaRange:
    """One element of an Accept header, e.g. `text/*;q=0.5`."""

    type: str
    subtype: str
    quality: float

    @property
    def specificity(self) -> int:
        """2 for type/subtype, 1 for type/*, 0 for */*: the most specific range wins."""
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_media_type(header: str | None) -> tuple[str, dict[str, str]]:
    """`"text/turtle; charset=UTF-8"` -> `("text/turtle", {"charset": "UTF-8"})`;
    the type is lower-cased, `""` when the header is missing."""
    if not header:
        return "", {}
    essence, *raw_params = header.split(";")
    params: dict[str, str] = {}
    for raw in raw_params:
        name, sep, value = raw.partition("=")
        if sep:
            params[name.strip().lower()] = value.strip().strip('"')
    return essence.strip().lower(), params


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for element in header.split(","):
        essence, params = parse_media_type(element)
        main, sep, sub = essence.partition("/")
        if not sep or not main or not sub:
            continue  # a malformed range says nothing; skip it rather than fail the request
        try:
            quality = float(params.get("q", "1"))
        except ValueError:
            quality = 1.0
        ranges.append(MediaRange(main, sub, min(max(quality, 0.0), 1.0)))
    return ranges


def _quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q-value the most specific matching range gives `media_type` (0 if none)."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: r.specificity).quality


# Clients send few distinct Accept headers, each over and over: parsing one costs more
# than the rest of a cheap query's negotiation (~0.01 ms a request).
@lru_cache(maxsize=1024)
def negotiate(accept: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The offer the client prefers most; ties go to the server's order of `offers`.
    None means nothing acceptable (the caller answers 406)."""
    ranges = parse_accept(accept)
    best: Offer | None = None
    best_quality = 0.0
    for offer in offers:
        quality = _quality(ranges, offer.advertised)
        if quality > best_quality:
            best, best_quality = offer, quality
    return best
