"""Answer the shapes' own SPARQL queries in plain Python, where that is provably exact.

pyshacl evaluates every SPARQL target once per graph and every SPARQL constraint
once per focus node, through rdflib's SPARQL engine; on a document graph those
queries cost more than all other checks together. For the exact query texts of
this folder's shapes (after pyshacl has put its PREFIX lines in front), this
module answers from the `TripleIndex` instead:

* a *target* query gets its selected nodes, computed by the same pattern;
* a *constraint* query gets "no rows" when Python proves the pattern has no
  solution for the bound `$this`.

Any other text, other prefixes, bindings other than `$this`, or values whose
SPARQL semantics are not mirrored here (literals where IRIs are expected,
incomparable dates, …) get `None`: rdflib evaluates the query as before. So an
answer is either the engine's own or the engine is asked; a constraint that has
rows is always worded by the engine. tests/shapes/test_answers.py compares
every answer with rdflib's on the examples, on corpus graphs and on variants.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

from beslutsgraf.shapes._index import TripleIndex, canonical

__all__ = ["EXPECTED_PREFIXES", "Answer", "answer", "constraint_check", "target_nodes"]

_BG = "https://w3id.org/beslutsgraf/def#"
_OA = "http://www.w3.org/ns/oa#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_ORG = "http://www.w3.org/ns/org#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
# The namespaces the answered queries are written against (shapes/common.ttl).
EXPECTED_PREFIXES = {"bg": _BG, "oa": _OA, "foaf": _FOAF, "org": _ORG, "skos": _SKOS}
_PREFIX_LINE = re.compile(r"\s*PREFIX\s+([A-Za-z][\w-]*)?:\s*<([^>]*)>", re.IGNORECASE)

# An answer: the ?this nodes a target selects, or () for a constraint without rows.
Answer = tuple[tuple[Variable, ...], list[Mapping[Variable, Identifier]]]
_THIS = Variable("this")
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# Terms are made once, as the index keys them (see `canonical`): a new object per
# lookup would be compared by rdflib's `==`, a call into Python, on every lookup.
def _bg(name: str) -> URIRef:
    return canonical(URIRef(_BG + name))


def _oa(name: str) -> URIRef:
    return canonical(URIRef(_OA + name))


_TYPE = canonical(RDF.type)
_HAS_BODY, _HAS_TARGET, _HAS_SOURCE = _oa("hasBody"), _oa("hasTarget"), _oa("hasSource")
_ALT_LABEL = canonical(URIRef(_SKOS + "altLabel"))
_NOTATION = canonical(URIRef(_SKOS + "notation"))
_PERSON = canonical(URIRef(_FOAF + "Person"))
_ORGANIZATION = canonical(URIRef(_ORG + "Organization"))
_CLASSIFICATION = canonical(URIRef(_ORG + "classification"))
_COLLABORATION_KINDS = frozenset({_bg("samradsorgan"), _bg("styrgrupp")})
_ORGANISATION_NUMBER = _bg("organisationsnummer")
_HELD, _MEETING_STATUS = _bg("held"), _bg("meetingStatus")
_HAS_AGENDA_ITEM, _ATTENDEE = _bg("hasAgendaItem"), _bg("attendee")
_REPORTED_IN, _DOCUMENT_KIND = _bg("reportedIn"), _bg("documentKind")
# Document kinds that carry no attendance: an extract, a summary.
_WITHOUT_ATTENDANCE = frozenset({_bg("protocolExtract"), _bg("summary")})
_SUBSTITUTE, _MEETING, _FROM_ITEM = _bg("substitute"), _bg("meeting"), _bg("fromItem")
_EXTRACTED_TEXT, _CHAR_COUNT = _bg("extractedText"), _bg("charCount")


# --------------------------------------------------------------------- targets


def _persons_to_review(data: TripleIndex) -> set[Any] | None:
    """PersonReviewShape: persons with one spelling, evidenced in at most one source."""
    has_body, has_target, has_source = _HAS_BODY, _HAS_TARGET, _HAS_SOURCE
    alt_label = _ALT_LABEL
    selected: set[Any] = set()
    for person in data.subjects(_TYPE, _PERSON):
        if any(True for _ in data.objects(person, alt_label)):
            continue
        sources: set[Any] = set()
        for annotation in data.subjects(has_body, person):
            for target in data.objects(annotation, has_target):
                sources.update(data.objects(target, has_source))
        if any(isinstance(source, Literal) for source in sources):
            return None  # `!=` on literals follows value semantics: leave it to SPARQL
        if len(sources) < 2:
            selected.add(person)
    return selected


def _collaboration_bodies(data: TripleIndex) -> set[Any] | None:
    """CollaborationBodyShape: organisations classified as samrådsorgan or styrgrupp."""
    return {
        organisation
        for organisation in data.subjects(_TYPE, _ORGANIZATION)
        if any(kind in _COLLABORATION_KINDS for kind in data.objects(organisation, _CLASSIFICATION))
    }


def _numbered_organisations(data: TripleIndex) -> set[Any] | None:
    """OrganisationNumberShape: nodes with a skos:notation typed bg:organisationsnummer."""
    return {
        node
        for node in data.subjects(_NOTATION, None)
        if any(
            isinstance(value, Literal) and value.datatype == _ORGANISATION_NUMBER
            for value in data.objects(node, _NOTATION)
        )
    }


# ----------------------------------------------------------- constraints (no rows)


def _held(data: TripleIndex, this: Any) -> bool:
    return _HELD in data.objects(this, _MEETING_STATUS)


def _no_meeting_without_agenda(data: TripleIndex, this: Any) -> bool | None:
    return not _held(data, this) or any(True for _ in data.objects(this, _HAS_AGENDA_ITEM))


def _no_meeting_without_attendees(data: TripleIndex, this: Any) -> bool | None:
    if not _held(data, this) or any(True for _ in data.objects(this, _ATTENDEE)):
        return True
    return any(
        kind in _WITHOUT_ATTENDANCE
        for source in data.objects(this, _REPORTED_IN)
        for kind in data.objects(source, _DOCUMENT_KIND)
    )


def _no_substitute_missing_from_attendance(data: TripleIndex, this: Any) -> bool | None:
    substitutes = list(data.objects(this, _SUBSTITUTE))
    meetings = list(data.objects(this, _MEETING))
    if not substitutes or not meetings or any(True for _ in data.objects(this, _FROM_ITEM)):
        return True
    for meeting in meetings:
        attendees = set(data.objects(meeting, _ATTENDEE))
        if attendees and any(value not in attendees for value in substitutes):
            return False
    return True


def _no_char_count_mismatch(data: TripleIndex, this: Any) -> bool | None:
    texts = list(data.objects(this, _EXTRACTED_TEXT))
    counts = list(data.objects(this, _CHAR_COUNT))
    if not texts or not counts:
        return True
    for text in texts:
        # STRLEN of a plain or language-tagged string is its count of characters, as
        # Python's len; an integer count compares by value. Anything else: SPARQL.
        if not isinstance(text, Literal) or text.datatype not in (None, XSD.string):
            return None
        for count in counts:
            if not (
                isinstance(count, Literal)
                and count.datatype in (XSD.integer, XSD.nonNegativeInteger)
                and count.ill_typed is not True
                and type(count.value) is int
            ):
                return None
            if len(str(text)) != count.value:
                return False
    return True


def _dates(values: list[Any]) -> list[dt.date] | None:
    """xsd:date values as Python dates, or None when one is anything else."""
    dates = []
    for value in values:
        if not (
            isinstance(value, Literal)
            and value.datatype == XSD.date
            and _PLAIN_DATE.fullmatch(str(value))  # no time zone: compared as Python dates
            and value.ill_typed is not True
            and type(value.value) is dt.date
        ):
            return None
        dates.append(value.value)
    return dates


def _no_date_before(earlier: str, later: str) -> Callable[[TripleIndex, Any], bool | None]:
    """No row of `$this earlier ?a ; later ?b FILTER (?b < ?a)` (as `?a > ?b`)."""

    first_path, second_path = _bg(earlier), _bg(later)

    def check(data: TripleIndex, this: Any) -> bool | None:
        firsts = _dates(list(data.objects(this, first_path)))
        seconds = _dates(list(data.objects(this, second_path)))
        if firsts is None or seconds is None:
            return None
        return not any(second < first for first in firsts for second in seconds)

    return check


def _normalised(text: str) -> str:
    return " ".join(text.split())


_TARGETS: dict[str, Callable[[TripleIndex], set[Any] | None]] = {
    _normalised(
        """SELECT ?this WHERE {
                ?this a foaf:Person .
                FILTER NOT EXISTS { ?this skos:altLabel ?otherSpelling }
                FILTER NOT EXISTS {
                    ?first oa:hasBody ?this ; oa:hasTarget/oa:hasSource ?firstSource .
                    ?second oa:hasBody ?this ; oa:hasTarget/oa:hasSource ?secondSource .
                    FILTER (?firstSource != ?secondSource)
                }
            }"""
    ): _persons_to_review,
    _normalised(
        """SELECT ?this WHERE {
                ?this a org:Organization ; org:classification ?type .
                FILTER (?type IN (bg:samradsorgan, bg:styrgrupp))
            }"""
    ): _collaboration_bodies,
    _normalised(
        """SELECT ?this WHERE {
                ?this skos:notation ?number .
                FILTER (DATATYPE(?number) = bg:organisationsnummer)
            }"""
    ): _numbered_organisations,
}

_CONSTRAINTS: dict[str, Callable[[TripleIndex, Any], bool | None]] = {
    _normalised(
        """SELECT $this ?path WHERE {
            $this bg:meetingStatus bg:held .
            FILTER NOT EXISTS { $this bg:hasAgendaItem ?item }
            BIND (bg:hasAgendaItem AS ?path)
        }"""
    ): _no_meeting_without_agenda,
    _normalised(
        """SELECT $this WHERE {
            $this bg:meetingStatus bg:held .
            FILTER NOT EXISTS { $this bg:attendee ?person }
            FILTER NOT EXISTS {
                $this bg:reportedIn ?source .
                ?source bg:documentKind ?kind .
                FILTER (?kind IN (bg:protocolExtract, bg:summary))
            }
        }"""
    ): _no_meeting_without_attendees,
    _normalised(
        """SELECT $this ?path ?value WHERE {
                $this bg:substitute ?value ; bg:meeting ?meeting .
                FILTER NOT EXISTS { $this bg:fromItem ?item }
                FILTER EXISTS { ?meeting bg:attendee ?someone }
                FILTER NOT EXISTS { ?meeting bg:attendee ?value }
                BIND (bg:substitute AS ?path)
            }"""
    ): _no_substitute_missing_from_attendance,
    _normalised(
        """SELECT $this ?path ?value ?count ?length WHERE {
                $this bg:extractedText ?text ; bg:charCount ?count .
                BIND (STRLEN(?text) AS ?length)
                FILTER (?length != ?count)
                BIND (bg:charCount AS ?path)
                BIND (?count AS ?value)
            }"""
    ): _no_char_count_mismatch,
    _normalised(
        """SELECT $this ?path ?value ?from WHERE {
                $this bg:validFrom ?from ; bg:validUntil ?value .
                FILTER (?value < ?from)
                BIND (bg:validUntil AS ?path)
            }"""
    ): _no_date_before("validFrom", "validUntil"),
    _normalised(
        """SELECT $this ?path ?value ?start WHERE {
                $this bg:start ?start ; bg:end ?value .
                FILTER (?start > ?value)
                BIND (bg:end AS ?path)
            }"""
    ): _no_date_before("start", "end"),
}


def constraint_check(select_text: str) -> Callable[[TripleIndex, Any], bool | None] | None:
    """The Python check of a SPARQL constraint as the shapes graph words it (no PREFIX
    lines: the caller checks its sh:prefixes against EXPECTED_PREFIXES). The check
    answers True only when the query has no row for the given `$this`."""
    return _CONSTRAINTS.get(_normalised(select_text))


def target_nodes(select_text: str) -> Callable[[TripleIndex], set[Any] | None] | None:
    """The Python evaluation of a SPARQL target as the shapes graph words it, if known."""
    return _TARGETS.get(_normalised(select_text))


def _body(query_text: str) -> str | None:
    """The query after its PREFIX lines, if every prefix it declares is the expected one."""
    position = 0
    while match := _PREFIX_LINE.match(query_text, position):
        prefix, namespace = match.group(1) or "", match.group(2)
        if prefix in EXPECTED_PREFIXES and EXPECTED_PREFIXES[prefix] != namespace:
            return None
        position = match.end()
    return _normalised(query_text[position:])


def answer(data: TripleIndex, query_text: str, bindings: Mapping[Any, Any] | None) -> Answer | None:
    """The rows of a known query on `data` as (variables, bindings), or None: ask SPARQL."""
    body = _body(query_text)
    if body is None:
        return None
    if not bindings:
        target = _TARGETS.get(body)
        if target is None:
            return None
        selected = target(data)
        if selected is None:
            return None
        return (_THIS,), [{_THIS: node} for node in sorted(selected, key=_order)]
    constraint = _CONSTRAINTS.get(body)
    if constraint is None or set(map(str, bindings)) != {"this"}:
        return None
    (this,) = bindings.values()
    if constraint(data, this) is True:
        return (_THIS,), []
    return None


def _order(node: Any) -> tuple[int, str]:
    return (isinstance(node, BNode), str(node))
