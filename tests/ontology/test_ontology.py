"""The OWL ontology: it parses, declares every term of the profile, and documents each
term in Swedish and English so that entity pages and the docs can show it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV

from beslutsgraf.ontology import BESLUIT, BG, ELI, ONTOLOGY_GRAPH, TIME, ontology_file

VANN = Namespace("http://purl.org/vocab/vann/")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
# rdflib's closed XSD namespace warns when pytest probes module attributes; an open one does not.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

# The naming contract shared with the shapes, ingestion and docs engineers.
CONTRACT_CLASSES = [
    "SourceDocument",
    "Meeting",
    "Substitution",
    "AgendaItem",
    "Decision",
    "Assignment",
    "Agreement",
    "ValidityPeriod",
    "Vote",
    "Ballot",
    "Motion",
    "Reservation",
    "ProtocolNote",
    "Disqualification",
    # id:graph/resolution: why two spellings are (not) one person (issue #6).
    "IdentityDecision",
]
CONTRACT_PROPERTIES = [
    "heldBy",
    "chair",
    "called",
    "invited",
    "attendee",
    "absentee",
    "hasSubstitution",
    "hasAgendaItem",
    "previousMeeting",
    "reportedIn",
    "minutesTaker",
    "secretary",
    "adjuster",
    "adjustedOn",
    "meetingForm",
    "meetingStatus",
    "plannedTopic",
    "substitute",
    "substituted",
    "meeting",
    "fromItem",
    "itemNumber",
    "itemKind",
    "presenter",
    "chairedBy",
    "hasDecision",
    "comment",
    "caseNumber",
    "attendeeOfItem",
    "decisionText",
    "decisionType",
    "decidedBy",
    "decidedAt",
    "agendaItem",
    "clauseNumber",
    "concerns",
    "recommendsTo",
    "sentTo",
    "prolongs",
    "newEndDate",
    "assignment",
    "deadline",
    "perCapsulam",
    "assignee",
    "task",
    "reportTo",
    "agreementType",
    "versionLabel",
    "party",
    "appliesFrom",
    "validFrom",
    "validUntil",
    "hasValidityPeriod",
    "start",
    "end",
    "extensionTerm",
    "fileName",
    "sha256",
    "extractedText",
    "documentKind",
    "charCount",
    "attestedOn",
    "represents",
    "memberOfFederation",
    "convenedBy",
    "onDecision",
    "question",
    "yesCount",
    "noCount",
    "abstainCount",
    "ballot",
    "voter",
    "choice",
    "forParty",
    "outcome",
    "proposedBy",
    "text",
    "adoptsMotion",
    "reservingParty",
    "reservingPerson",
    "against",
    "inFavourOf",
    "author",
    "onItem",
    "person",
    "abstainedFromDecision",
    "hasMotion",
    "identityOf",
    "comparedName",
    "score",
    "evidenceKind",
    "merged",
    "curationSource",
]

# The alignments the profile states, plus the LBLOD ones checked against LBLOD's
# published data (besluit: property names as LBLOD applications use them).
SUBCLASS_ALIGNMENTS = {
    BG.SourceDocument: {FOAF.Document, PROV.Entity},
    BG.Meeting: {BESLUIT.Zitting, PROV.Activity},
    BG.AgendaItem: {BESLUIT.Agendapunt},
    BG.Decision: {BESLUIT.Besluit, PROV.Activity},
    BG.Vote: {BESLUIT.Stemming, OPENGOV.VoteEvent},
    BG.Ballot: {OPENGOV.Vote},
    BG.Motion: {OPENGOV.Motion},
    BG.Assignment: {PROV.Plan},
    BG.Agreement: {ELI.LegalResource},
    BG.ValidityPeriod: {TIME.Interval},
    BG.IdentityDecision: {PROV.Activity},
}
SUBPROPERTY_ALIGNMENTS = {
    BG.heldBy: BESLUIT.isGehoudenDoor,
    BG.chair: BESLUIT.heeftVoorzitter,
    BG.secretary: BESLUIT.heeftSecretaris,
    BG.attendee: BESLUIT.heeftAanwezigeBijStart,
    BG.hasAgendaItem: BESLUIT.behandelt,
    BG.yesCount: BESLUIT.aantalVoorstanders,
    BG.noCount: BESLUIT.aantalTegenstanders,
    BG.abstainCount: BESLUIT.aantalOnthouders,
    BG.outcome: BESLUIT.gevolg,
    BG.reportedIn: DCTERMS.isReferencedBy,
}


@pytest.fixture(scope="module")
def reference_kommuner(corpus_dir: Path) -> list[dict[str, str]]:
    with (corpus_dir.parent / "reference" / "vastra-gotaland-kommuner.csv").open(
        encoding="utf-8"
    ) as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def _bg_terms(ontology: Graph, kind: URIRef) -> list[URIRef]:
    terms = [t for t in ontology.subjects(RDF.type, kind) if isinstance(t, URIRef)]
    return sorted(t for t in terms if t.startswith(str(BG)))


def test_ontology_header_names_version_licence_and_prefix(ontology: Graph) -> None:
    assert (ONTOLOGY_GRAPH, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_GRAPH, OWL.versionInfo) is not None
    version_iri = ontology.value(ONTOLOGY_GRAPH, OWL.versionIRI)
    assert isinstance(version_iri, URIRef) and version_iri.startswith(str(ONTOLOGY_GRAPH) + "/")
    assert ontology.value(ONTOLOGY_GRAPH, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert str(ontology.value(ONTOLOGY_GRAPH, VANN.preferredNamespacePrefix)) == "bg"
    assert str(ontology.value(ONTOLOGY_GRAPH, VANN.preferredNamespaceUri)) == str(BG)
    for predicate in (DCTERMS.title, DCTERMS.description):
        languages = {o.language for o in ontology.objects(ONTOLOGY_GRAPH, predicate)}
        assert languages == {"sv", "en"}, predicate


def test_every_contract_class_is_an_owl_class(ontology: Graph) -> None:
    missing = [n for n in CONTRACT_CLASSES if (BG[n], RDF.type, OWL.Class) not in ontology]
    assert missing == []


def test_every_contract_property_is_declared_object_or_datatype(ontology: Graph) -> None:
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty}
    missing = [n for n in CONTRACT_PROPERTIES if not kinds & set(ontology.objects(BG[n], RDF.type))]
    assert missing == []


def test_the_ontology_mints_no_term_outside_the_contract(ontology: Graph) -> None:
    # A new bg: term is a change to the profile: it goes through docs/model.md first.
    declared = {t.removeprefix(str(BG)) for t in ontology.subjects() if isinstance(t, URIRef)}
    declared = {t for t in declared if t and not t.startswith("http")}
    assert declared == set(CONTRACT_CLASSES) | set(CONTRACT_PROPERTIES) | {
        "kommunkod",
        "organisationsnummer",
    }


@pytest.mark.parametrize(
    "kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype]
)
def test_every_bg_term_has_one_label_and_comment_per_language(
    ontology: Graph, kind: URIRef
) -> None:
    terms = _bg_terms(ontology, kind)
    assert terms, f"no bg: terms of type {kind}"
    problems = []
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            languages = sorted(
                o.language or ""
                for o in ontology.objects(term, predicate)
                if isinstance(o, Literal)
            )
            if languages != ["en", "sv"]:
                problems.append(f"{term.n3()} {predicate.n3()} languages {languages}")
        if ontology.value(term, RDFS.isDefinedBy) != ONTOLOGY_GRAPH:
            problems.append(f"{term.n3()} lacks rdfs:isDefinedBy the ontology")
    assert problems == []


def test_every_bg_property_has_a_domain_and_a_range(ontology: Graph) -> None:
    properties = _bg_terms(ontology, OWL.ObjectProperty) + _bg_terms(ontology, OWL.DatatypeProperty)
    assert len(properties) == len(CONTRACT_PROPERTIES)
    lacking = [
        p.n3()
        for p in properties
        if ontology.value(p, RDFS.domain) is None or ontology.value(p, RDFS.range) is None
    ]
    assert lacking == []


def test_datatype_properties_range_over_datatypes_and_object_properties_over_classes(
    ontology: Graph,
) -> None:
    # An object property whose range is xsd:date (or the reverse) makes OWL tools and
    # the JSON-LD context treat values wrongly.
    wrong = []
    for prop in _bg_terms(ontology, OWL.DatatypeProperty):
        value_range = ontology.value(prop, RDFS.range)
        if isinstance(value_range, URIRef):
            if not (value_range.startswith(str(XSD)) or value_range == RDF.langString):
                wrong.append(prop.n3())
        elif (value_range, RDF.type, RDFS.Datatype) not in ontology:
            wrong.append(prop.n3())
    for prop in _bg_terms(ontology, OWL.ObjectProperty):
        value_range = ontology.value(prop, RDFS.range)
        if isinstance(value_range, URIRef) and value_range.startswith(str(XSD)):
            wrong.append(prop.n3())
    assert wrong == []


def test_has_decision_and_agenda_item_are_inverses(ontology: Graph) -> None:
    assert (BG.hasDecision, OWL.inverseOf, BG.agendaItem) in ontology


@pytest.mark.parametrize("cls", sorted(SUBCLASS_ALIGNMENTS), ids=lambda c: c.removeprefix(str(BG)))
def test_class_alignments(ontology: Graph, cls: URIRef) -> None:
    assert set(ontology.objects(cls, RDFS.subClassOf)) == SUBCLASS_ALIGNMENTS[cls]


@pytest.mark.parametrize(
    "prop", sorted(SUBPROPERTY_ALIGNMENTS), ids=lambda p: p.removeprefix(str(BG))
)
def test_property_alignments(ontology: Graph, prop: URIRef) -> None:
    assert set(ontology.objects(prop, RDFS.subPropertyOf)) == {SUBPROPERTY_ALIGNMENTS[prop]}


def test_reused_terms_are_declared_with_their_defining_vocabulary(ontology: Graph) -> None:
    # Every external class or property the ontology aligns to is typed, so OWL tools
    # do not report undeclared entities.
    referenced = set(ontology.objects(None, RDFS.subClassOf)) | set(
        ontology.objects(None, RDFS.subPropertyOf)
    )
    undeclared = [
        t.n3()
        for t in referenced
        if isinstance(t, URIRef) and ontology.value(t, RDFS.isDefinedBy) is None
    ]
    assert referenced and undeclared == []


def _pattern(ontology: Graph, datatype: URIRef) -> re.Pattern[str]:
    (pattern,) = ontology.query(
        """SELECT ?pattern WHERE {
               ?dt owl:equivalentClass [
                   owl:onDatatype xsd:string ;
                   owl:withRestrictions/rdf:rest*/rdf:first/xsd:pattern ?pattern ] }""",
        initNs={"owl": OWL, "xsd": XSD, "rdf": RDF},
        initBindings={"dt": datatype},
    )
    return re.compile(str(pattern[0]))  # type: ignore[index]


def test_kommunkod_datatype_accepts_every_reference_code_and_rejects_malformed(
    ontology: Graph, reference_kommuner: list[dict[str, str]]
) -> None:
    pattern = _pattern(ontology, BG.kommunkod)
    codes = [row["kommunkod"] for row in reference_kommuner]
    assert len(codes) == 50
    assert all(pattern.search(code) for code in codes)
    assert not any(pattern.search(bad) for bad in ("148", "14800", "14a0", " 1480"))


def test_organisationsnummer_datatype_accepts_reference_numbers_and_rejects_malformed(
    ontology: Graph, reference_kommuner: list[dict[str, str]]
) -> None:
    pattern = _pattern(ontology, BG.organisationsnummer)
    numbers = [
        row["organisationsnummer"] for row in reference_kommuner if row["organisationsnummer"]
    ]
    assert len(numbers) > 40
    assert all(pattern.search(n) for n in numbers)
    assert not any(pattern.search(bad) for bad in ("2321000131", "232100-013", "232100–0131"))
