"""to_rdf over hand-built mentions: IRIs, times, attendance, evidence, and shapes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.iris import DEFAULT_MINTER, slug
from beslutsgraf.ingest.known import Known, abbreviations_in
from beslutsgraf.ingest.model import (
    AgendaItem,
    Amount,
    Attendance,
    ClockTime,
    DateValue,
    DecisionClause,
    MeetingHeader,
    MeetingStatus,
    Mentions,
    PersonMention,
    PlannedMeeting,
    Span,
    Substitution,
)
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.resolve import resolve
from beslutsgraf.ingest.to_rdf import to_rdf
from beslutsgraf.ingest.validate import validate
from beslutsgraf.ontology import BG, ID, OA, ORG, SCHEMA

FIXED_TIME = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)

MINUTES = """Mötesanteckning NSR

Nämndsamrådet mellan Region Exempel och Exempelkommunernas förbund

Datum: 6 mars 2025

Tid: 13.30 – 15.30

Ledamöter

Anna Berg (S), Norra förbundet, **ordförande**
Bo Ek (M), Södra förbundet
Cecilia Dahl (C), Norra förbundet
Dan Falk, kvalitetssamordnare Region Exempel

1. Mötets öppnande

Frånvaro: Bo Ek (M) Södra förbundet

Erik Grön ersätter Bo Ek under dagens möte.

2. Fördelning av medel

Ställningstagande: NSR ställer sig bakom förslaget till fördelning av medel för 2025.

Totalt drygt 12 miljoner kronor fördelas.

Nästa möte 24 juni 2025 kl. 10 – 12.
"""


def _span(document: RawDocument, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = document.text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _person(
    document: RawDocument, name: str, occurrence: int = 0, **fields: object
) -> PersonMention:
    return PersonMention(name=name, span=_span(document, name, occurrence), **fields)  # type: ignore[arg-type]


@pytest.fixture()
def minutes(tmp_path: Path) -> Mentions:
    path = tmp_path / "nsr-2025-03-06.md"
    path.write_text(MINUTES, encoding="utf-8")
    document = read(path)
    anna = _person(
        document,
        "Anna Berg",
        party="S",
        organisation="Norra förbundet",
        meeting_role=str(BG.ordforande),
        section="politicians",
        entry=_span(document, "Anna Berg (S), Norra förbundet, ordförande"),
    )
    bo = _person(
        document, "Bo Ek", party="M", organisation="Södra förbundet", section="politicians"
    )
    cecilia = _person(
        document, "Cecilia Dahl", party="C", organisation="Norra förbundet", section="politicians"
    )
    dan = _person(
        document,
        "Dan Falk",
        organisation="Region Exempel",
        role_text="kvalitetssamordnare",
        role_organisation="Region Exempel",
        section="officials",
        entry=_span(document, "Dan Falk, kvalitetssamordnare Region Exempel"),
    )
    bo_absent = _person(document, "Bo Ek", 1, entry=_span(document, "Bo Ek (M) Södra förbundet"))
    erik = _person(document, "Erik Grön")
    bo_substituted = _person(document, "Bo Ek", 2)
    substitution_text = "Erik Grön ersätter Bo Ek under dagens möte."
    decision_text = "NSR ställer sig bakom förslaget till fördelning av medel för 2025."
    amount_text = "drygt 12 miljoner kronor"
    item_2 = AgendaItem(
        number=2,
        title="Fördelning av medel",
        span=_span(document, "2. Fördelning av medel"),
        title_span=_span(document, "Fördelning av medel"),
        decisions=(
            DecisionClause(
                text=decision_text,
                span=_span(document, decision_text),
                decision_type=str(BG.stallerSigBakom),
                decided_by="NSR",
            ),
        ),
        amounts=(Amount(Decimal(12_000_000), "SEK", True, "drygt", _span(document, amount_text)),),
    )
    item_1 = AgendaItem(
        number=1,
        title="Mötets öppnande",
        span=_span(document, "1. Mötets öppnande"),
        title_span=_span(document, "Mötets öppnande"),
    )
    header_start = document.text.index("Mötesanteckning")
    header_end = document.text.index("Ledamöter")
    return Mentions(
        document=document,
        document_kind=str(BG.minutes),
        meeting=MeetingHeader(
            body="NSR",
            body_span=_span(document, "NSR"),
            date=DateValue(2025, 3, 6),
            start=ClockTime(13, 30),
            end=ClockTime(15, 30),
            location=None,
            form=None,
            form_text=None,
            status=MeetingStatus.HELD,
            span=Span(header_start, header_end, document.text[header_start:header_end]),
            title="Mötesanteckning NSR",
        ),
        attendance=Attendance(
            called=(anna, bo, cecilia, dan),
            absent=(bo_absent,),
            substitutions=(Substitution(erik, bo_substituted, _span(document, substitution_text)),),
            chair=anna,
        ),
        items=(item_1, item_2),
        planned_meetings=(
            PlannedMeeting(
                date=DateValue(2025, 6, 24),
                span=_span(document, "Nästa möte 24 juni 2025 kl. 10 – 12"),
                label="Nästa möte",
                body=None,
                start=ClockTime(10),
                end=ClockTime(12),
            ),
        ),
    )


@pytest.fixture()
def graph(minutes: Mentions) -> Graph:
    return to_rdf(resolve(minutes, Known()), FIXED_TIME)


MEETING = URIRef(f"{ID}meeting/nsr/2025-03-06")


def test_slugs_fold_swedish_letters_and_collapse_other_characters() -> None:
    assert slug("Västra Götalandsregionen") == "vastra-gotalandsregionen"
    assert slug("Helén  Eliasson") == "helen-eliasson"
    assert slug("Hälso- och sjukvårdsavtal, SRO 2025-09-01") == (
        "halso-och-sjukvardsavtal-sro-2025-09-01"
    )
    with pytest.raises(ValueError):
        slug(" – ")


def test_abbreviations_are_learned_from_the_text_not_from_party_letters() -> None:
    found = abbreviations_in(
        "För Västra Götalandsregionen (VGR)\nMadeleine Jonsson (MP) förste vice ordf. "
        "Hälso- och sjukvårdsstyrelsen (HSS)"
    )
    assert found == {"VGR": "Västra Götalandsregionen", "HSS": "Hälso- och sjukvårdsstyrelsen"}


def test_source_document_is_described_for_idempotent_reingest(
    graph: Graph, minutes: Mentions
) -> None:
    document = minutes.document
    source = URIRef(f"{ID}source/{document.sha256[:16]}")
    assert graph.value(source, BG.sha256) == Literal(document.sha256)
    assert graph.value(source, BG.fileName) == Literal("nsr-2025-03-06.md")
    assert graph.value(source, BG.charCount) == Literal(
        len(document.source_text), datatype=XSD.integer
    )
    assert graph.value(source, DCTERMS.language) == Literal("sv")
    assert graph.value(source, BG.documentKind) == BG.minutes
    # Markdown source, not extracted: no copy of the text is stored.
    assert graph.value(source, BG.extractedText) is None


def test_meeting_times_carry_the_stockholm_offset_of_the_day(graph: Graph) -> None:
    assert graph.value(MEETING, SCHEMA.startDate) == Literal(
        "2025-03-06T13:30:00+01:00", datatype=XSD.dateTime
    )
    planned = URIRef(f"{ID}meeting/nsr/2025-06-24")
    # Summer time: the June meeting is two hours ahead of UTC.
    assert graph.value(planned, SCHEMA.startDate) == Literal(
        "2025-06-24T10:00:00+02:00", datatype=XSD.dateTime
    )
    assert graph.value(planned, BG.meetingStatus) == BG.planned
    assert graph.value(MEETING, BG.meetingStatus) == BG.held


def test_attendance_is_called_minus_absent_plus_substitutes(graph: Graph) -> None:
    def person(name: str) -> URIRef:
        return URIRef(f"{ID}person/{slug(name)}")

    attendees = set(graph.objects(MEETING, BG.attendee))
    assert attendees == {
        person("Anna Berg"),
        person("Cecilia Dahl"),
        person("Dan Falk"),
        person("Erik Grön"),
    }
    assert set(graph.objects(MEETING, BG.absentee)) == {person("Bo Ek")}
    assert graph.value(MEETING, BG.chair) == person("Anna Berg")
    substitution = graph.value(MEETING, BG.hasSubstitution)
    assert graph.value(substitution, BG.substitute) == person("Erik Grön")
    assert graph.value(substitution, BG.substituted) == person("Bo Ek")


def test_decision_has_type_text_amount_and_its_meeting(graph: Graph) -> None:
    decision = URIRef(f"{MEETING}/item/2/decision/1")
    assert graph.value(decision, BG.decisionType) == BG.stallerSigBakom
    assert graph.value(decision, BG.decidedAt) == MEETING
    assert graph.value(decision, DCTERMS.date) == Literal("2025-03-06", datatype=XSD.date)
    assert str(graph.value(decision, BG.decisionText)).startswith("NSR ställer sig bakom")
    amount = graph.value(decision, SCHEMA.amount)
    assert graph.value(amount, SCHEMA.value).toPython() == Decimal(12_000_000)
    assert str(graph.value(amount, SCHEMA.currency)) == "SEK"


def test_unknown_role_text_becomes_a_local_role_concept(graph: Graph) -> None:
    roles = [r for r in graph.subjects(SKOS.inScheme, BG.LocalRole)]
    assert len(roles) == 1
    assert graph.value(roles[0], SKOS.prefLabel) == Literal("kvalitetssamordnare", lang="sv")
    membership = graph.value(predicate=ORG.role, object=roles[0])
    assert graph.value(membership, ORG.member) == URIRef(f"{ID}person/dan-falk")
    assert graph.value(membership, BG.attestedOn) == Literal("2025-03-06", datatype=XSD.date)


def test_body_is_convened_by_the_organisations_the_header_names(graph: Graph) -> None:
    # "Nämndsamrådet mellan Region Exempel och …": read from the text.
    body = URIRef(f"{ID}org/nsr")
    assert set(graph.objects(body, BG.convenedBy)) == {
        URIRef(f"{ID}org/region-exempel"),
        URIRef(f"{ID}org/exempelkommunernas-forbund"),
    }


def test_every_quote_is_the_source_slice_even_around_removed_markup(
    graph: Graph, minutes: Mentions
) -> None:
    source_text = minutes.document.source_text
    quotes = 0
    for position in graph.subjects(RDF.type, OA.TextPositionSelector):
        start = graph.value(position, OA.start).toPython()
        end = graph.value(position, OA.end).toPython()
        quote = URIRef(str(position).replace("#position", "#quote"))
        assert str(graph.value(quote, OA.exact)) == source_text[start:end]
        quotes += 1
    assert quotes > 10
    # Markup inside the span stays in the quote (the source as written); markup
    # the reader removed around its end is left out.
    exacts = {str(o) for o in graph.objects(None, OA.exact)}
    assert "Anna Berg (S), Norra förbundet, **ordförande" in exacts


def test_graph_conforms_and_a_forged_quote_is_caught(graph: Graph, minutes: Mentions) -> None:
    outcome = validate(graph, minutes.document)
    assert outcome.conforms, outcome.lines()
    quote = next(graph.subjects(RDF.type, OA.TextQuoteSelector))
    graph.set((quote, OA.exact, Literal("något annat")))
    forged = validate(graph, minutes.document)
    assert not forged.conforms
    assert len(forged.quote_mismatches) == 1
    assert any("något annat" in line for line in forged.lines())


def test_output_is_stable_across_runs(minutes: Mentions) -> None:
    first = to_rdf(resolve(minutes, Known()), FIXED_TIME)
    second = to_rdf(resolve(minutes, Known()), FIXED_TIME)
    assert isomorphic(first, second)
    assert not any(isinstance(term, type(None)) for triple in first for term in triple)
    assert all(not str(s).startswith("_:") for s, _, _ in first)
    assert DEFAULT_MINTER.source(minutes.document.sha256) in set(
        first.subjects(RDF.type, BG.SourceDocument)
    )
    assert len(set(first.subjects(RDF.type, FOAF.Person))) == 5


def test_a_person_named_in_three_places_has_three_annotations_stated_once(graph: Graph) -> None:
    bo_ek = URIRef(f"{ID}person/{slug('Bo Ek')}")
    annotations = list(graph.subjects(OA.hasBody, bo_ek))
    quotes, starts = [], set()
    for annotation in annotations:
        # One annotation per named place, however often a stage restates it.
        assert len(list(graph.objects(annotation, OA.motivatedBy))) == 1
        (target,) = graph.objects(annotation, OA.hasTarget)
        selectors = set(graph.objects(target, OA.hasSelector))
        assert len(selectors) == 2
        for selector in selectors:
            assert len(list(graph.objects(selector, OA.start | OA.exact))) == 1
            quotes.extend(str(exact) for exact in graph.objects(selector, OA.exact))
            starts.update(start.toPython() for start in graph.objects(selector, OA.start))
    assert quotes == ["Bo Ek"] * 3
    assert len(starts) == 3
