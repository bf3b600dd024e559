"""`extract` on the development corpus: the facts the issue asks for, checked against the text."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from functools import cache

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import (
    DatePrecision,
    MeetingStatus,
    Mentions,
    RoleEventKind,
    Span,
)
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from tests.conftest import corpus_file


@cache
def _mentions(prefix: str) -> Mentions:
    return extract(segment(read(corpus_file(prefix))))


def _spans(value: object) -> list[Span]:
    """Every Span anywhere inside `value`."""
    if isinstance(value, Span):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            span
            for field in dataclasses.fields(value)
            if field.name != "document"
            for span in _spans(getattr(value, field.name))
        ]
    if isinstance(value, tuple | list):
        return [span for element in value for span in _spans(element)]
    return []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_mention_keeps_its_exact_span(prefix: str) -> None:
    mentions = _mentions(prefix)
    text = mentions.document.text
    spans = _spans(mentions)
    assert len(spans) > 50
    for span in spans:
        assert text[span.start : span.end] == span.text


# ---------------------------------------------------------------- 000: SRO 2025-03-06


def test_000_meeting_header() -> None:
    meeting = _mentions("000").meeting
    assert meeting.body == "SRO"
    assert meeting.date is not None and meeting.date.iso() == "2025-03-06"
    assert meeting.start is not None and meeting.start.iso() == "13:30:00"
    assert meeting.end is not None and meeting.end.iso() == "15:30:00"
    assert meeting.status == MeetingStatus.HELD
    assert meeting.location is not None and "Anders Personsgatan 8" in meeting.location
    assert _mentions("000").document_kind == str(BG.minutes)


def test_000_attendance() -> None:
    attendance = _mentions("000").attendance
    assert attendance.chair is not None and attendance.chair.name == "Helén Eliasson"
    assert [person.name for person in attendance.absent] == [
        "Miguel Odhner",
        "Theres Sahlström",
        "Peter Eriksson",
        "Malin Swärd Davidsson",
        "Anna Lärk Ståhlberg",
        "Magnus Haggren",
        "Lars Holmin",
    ]
    [substitution] = attendance.substitutions
    assert substitution.substitute.name == "Helene Nordling"
    assert substitution.substituted.name == "Magnus Haggren"
    assert substitution.span.text.startswith("Helene Nordling ersätter Magnus Haggren")
    assert len(attendance.called) == 8 + 8 + 5 + 4
    assert [person.name for person in attendance.secretaries] == ["Rebecca Bretvold"]
    assert len(attendance.invited) == 6


def test_000_roster_people_carry_party_organisation_and_role() -> None:
    called = {person.name: person for person in _mentions("000").attendance.called}
    marina = called["Marina Johansson"]
    assert (marina.party, marina.organisation) == ("S", "Göteborgsregionen")
    assert marina.meeting_role == str(BG.viceOrdforande)
    helen = called["Helén Eliasson"]
    assert helen.role == str(BG.ordforande) and helen.role_organisation == "Regionstyrelsen"
    assert helen.meeting_role == str(BG.ordforande)
    assert called["Gitte Caous"].role == str(BG.forbundsdirektor)
    assert called["Adam Johansson"].organisation == "Skaraborg"


def test_000_agenda_items_and_decisions() -> None:
    items = _mentions("000").items
    assert [item.number for item in items] == list(range(1, 11))
    item4 = items[3]
    assert item4.kinds == (str(BG.information),)
    assert item4.start is not None and item4.start.iso() == "13:35:00"
    assert item4.end is not None and item4.end.iso() == "13:55:00"
    assert item4.duration_minutes == 20
    assert [p.name for p in item4.presenters] == [
        "Marina Johansson",
        "Janette Olsson",
        "Ann-Sofie Rundberg",
        "Kristina Lännergren",
    ]
    assert [d.decision_type for d in item4.decisions] == [str(BG.noteringAvInformation)]
    item6 = items[5]
    assert [d.number for d in item6.decisions] == [1, 2, 3, 4]
    assert {d.decision_type for d in item6.decisions} == {str(BG.stallerSigBakom)}
    assert item6.decisions[0].decided_by == "Det politiska samrådsorganet SRO"
    assert item6.decisions[3].text.startswith("att de länsgemensamma medlen rekvideras")
    assert items[1].decisions[0].decision_type == str(BG.godkannandeAvDagordning)
    assert items[2].decisions[0].decision_type == str(BG.godkannandeAvProtokoll)
    assert len(items[4].comments) == 5


def test_000_amount_of_about_61_million() -> None:
    [amount] = _mentions("000").items[5].amounts
    assert amount.value == Decimal(61_000_000) and amount.currency == "SEK"
    assert amount.approximate and amount.qualifier == "drygt"


def test_000_previous_meeting() -> None:
    previous = _mentions("000").previous_meeting
    assert previous is not None and previous.is_minutes
    assert previous.date is not None and previous.date.iso() == "2025-01-30"
    assert previous.label == "2025-01-30 Mötesanteckning SRO"


def test_000_planned_meetings_from_the_annual_calendar() -> None:
    planned = _mentions("000").planned_meetings
    assert [meeting.date.iso() for meeting in planned] == [
        "2025-04-24",
        "2025-08-21",
        "2025-09-01",
        "2025-10-16",
        "2025-11-13",
    ]
    assert "Vårdinformationsmiljö: Lägesbeskrivning" in planned[0].topics
    assert "Förstudie uppföljning god och nära vård: Slutrapport" in planned[1].topics
    assert "Dialog om aktuella ärenden" in planned[3].topics


# ---------------------------------------------------------------- 001: yearly summary


def test_001_is_a_summary_presented_at_sro() -> None:
    mentions = _mentions("001")
    assert mentions.document_kind == str(BG.summary)
    assert mentions.meeting.body == "SRO"
    assert mentions.meeting.date is not None and mentions.meeting.date.iso() == "2026-03-19"


def test_001_nineteen_positions_in_2025() -> None:
    entries = _mentions("001").year_summary
    assert len(entries) == 19
    by_month = [entry.month for entry in entries]
    assert [by_month.count(month) for month in (1, 3, 8, 9, 10, 11)] == [3, 4, 6, 2, 1, 3]
    assert {entry.year for entry in entries} == {2025}
    october = [entry for entry in entries if entry.month == 10]
    assert october[0].per_capsulam and october[0].decision.per_capsulam
    march = [entry for entry in entries if entry.month == 3]
    assert {entry.decision.decision_type for entry in march} == {str(BG.stallerSigBakom)}
    assert all(entry.decision.date is not None for entry in entries)
    assert entries[0].decision.date.iso() == "2025-01"  # type: ignore[union-attr]


def test_001_september_agreement_package() -> None:
    september = [entry for entry in _mentions("001").year_summary if entry.month == 9]
    decision = september[0].decision
    assert decision.decision_type == str(BG.rekommendation)
    assert str(BG.stallerSigBakom) in decision.matched_types
    assert decision.recommends_to == ("samtliga Parter",)
    main, *parts = decision.concerns
    assert main.title == "Hälsa- och sjukvårdsavtal"
    assert main.agreement_type == str(BG.halsoOchSjukvardsavtal)
    assert len(parts) == 4
    assert {agreement.version_label for agreement in decision.concerns} == {"SRO 2025-09-01"}
    for part in parts:
        assert part.agreement_type == str(BG.overenskommelse)
        assert part.part_of is not None and part.part_of.title == main.title
        assert part.applies_from is not None and part.applies_from.iso() == "2027-01-01"
    assert parts[1].title == "Överenskommelse - Regionens läkaransvar i kommunal primärvård"


def test_001_assignment_deadlines() -> None:
    entries = _mentions("001").year_summary
    assignments = [e.decision.assignment for e in entries if e.decision.assignment is not None]
    deadlines = [a.deadline.iso() if a.deadline else None for a in assignments]
    assert deadlines == ["2025-03-06", "2025-11-13", "2026-06"]
    assert assignments[1].report_to == "SRO"
    assert assignments[2].deadline is not None
    assert assignments[2].deadline.precision == DatePrecision.MONTH
    assert assignments[2].assignees == (
        "VGR:s hälso- och sjukvårdsutvecklingsdirektör",
        "VästKoms direktör",
    )
    assert assignments[0].assignees == ("Västra Götalandsregionen", "Västkom")


def test_001_referral_answers_due_at_noon() -> None:
    first = _mentions("001").year_summary[0].decision
    assert first.deadline is not None
    assert first.deadline.iso() == "2025-06-19T12:00:00"
    assert first.deadline.precision == DatePrecision.MINUTE


def test_001_planned_meetings_in_2026() -> None:
    planned = _mentions("001").planned_meetings
    assert [meeting.date.iso() for meeting in planned] == [
        "2026-03-19",
        "2026-06-04",
        "2026-09-24",
        "2026-11-12",
    ]
    assert all("Vårdinformationssystem" in meeting.topics for meeting in planned)
    assert "Psykisk hälsa: Handlingsplan och statsbidrag" in planned[0].topics


# ---------------------------------------------------------------- 002: SRO 2022-11-24


def test_002_prolonged_in_and_discharge_agreement() -> None:
    item5 = _mentions("002").items[4]
    [decision] = item5.decisions
    assert decision.decision_type == str(BG.stallerSigBakom)
    agreement = decision.prolongs
    assert agreement is not None
    assert agreement.agreement_type == str(BG.overenskommelse)
    assert "in- och utskrivning från sluten hälso- och sjukvård" in agreement.title
    assert decision.new_end_date is not None and decision.new_end_date.iso() == "2024-12-31"
    assert agreement.valid_from is not None and agreement.valid_from.iso() == "2020-12-01"
    assert agreement.valid_until is not None and agreement.valid_until.iso() == "2024-12-31"
    assert agreement.ended_on is not None and agreement.ended_on.iso() == "2020-11-30"
    assert agreement.part_of is not None
    assert agreement.part_of.agreement_type == str(BG.halsoOchSjukvardsavtal)
    assert agreement.extension_term == "två år i taget"


def test_002_role_changes() -> None:
    events = _mentions("002").role_events
    succeeded = next(e for e in events if e.kind == RoleEventKind.SUCCEEDED)
    assert succeeded.person.name == "Karin Looström Muth"
    assert succeeded.predecessor is not None
    assert succeeded.predecessor.name == "Kaarina Sundelin"
    assert succeeded.valid_from is not None and succeeded.valid_from.iso() == "2022-11-24"
    assert succeeded.role == str(BG.halsoOchSjukvardsutvecklingsdirektor)
    appointed = {e.person.name: e for e in events if e.kind == RoleEventKind.APPOINTED}
    assert appointed["Helén Eliasson"].role == str(BG.ordforande)
    assert appointed["Lars Holmin"].role == str(BG.ledamot)


def test_002_attendance() -> None:
    mentions = _mentions("002")
    attendance = mentions.attendance
    assert len(attendance.absent) == 5
    [substitution] = attendance.substitutions
    # "På dagens möte ersätts Karin av Ann-Sofie Rundberg": "Karin" is the one named before.
    assert substitution.substitute.name == "Ann-Sofie Rundberg"
    assert substitution.substituted.name == "Karin Looström Muth"
    assert attendance.chair is not None and attendance.chair.name == "Helén Eliasson"
    assert mentions.previous_meeting is not None
    assert mentions.previous_meeting.date is not None
    assert mentions.previous_meeting.date.iso() == "2022-10-19"
    assert mentions.meeting.form == str(BG.digitaltMote)
    assert [item.amounts[0].value for item in mentions.items if item.amounts] == [
        Decimal(11_000_000)
    ]


# ---------------------------------------------------------------- 003: SRO 2022-04-28


def test_003_chair_changes_at_item_four() -> None:
    mentions = _mentions("003")
    attendance = mentions.attendance
    assert attendance.chair is not None and attendance.chair.name == "Axel Josefsson"
    assert [(c.person.name, c.from_item) for c in attendance.chair_changes] == [
        ("Axel Josefsson", 1),
        ("Helen Elisson", 4),
    ]
    chairs = {item.number: item.chaired_by.name for item in mentions.items if item.chaired_by}
    assert {chairs[n] for n in range(1, 4)} == {"Axel Josefsson"}
    assert {chairs[n] for n in range(4, 12)} == {"Helen Elisson"}


def test_003_substitution_through_a_pronoun() -> None:
    [substitution] = _mentions("003").attendance.substitutions
    assert substitution.substitute.name == "Karin Engström"
    assert substitution.substituted.name == "Anna Lärk Ståhlberg"
    assert "ersätts hon av" in substitution.span.text


def test_003_role_events() -> None:
    events = {event.kind: event for event in _mentions("003").role_events}
    ended = events[RoleEventKind.ENDED]
    assert ended.person.name == "Jeanette Lämmel"
    assert ended.organisation == "Fyrbodals kommunalförbund"
    acting = events[RoleEventKind.ACTING]
    assert acting.person.name == "Anna Lärk Ståhlberg"
    assert acting.role == str(BG.tillforordnadDirektor)
    assert acting.until_text == "en ny ordinarie förbundsdirektör är utsedd"


def test_003_prolonged_youth_clinic_guidelines() -> None:
    [decision] = _mentions("003").items[5].decisions
    agreement = decision.prolongs
    assert agreement is not None
    assert agreement.agreement_type == str(BG.inriktningsdokument)
    assert agreement.title == "inriktningsdokument för ungdomsmottagningarna i Västra Götaland"
    # "dock längst till och med 2024": the last day of the year.
    assert decision.new_end_date is not None and decision.new_end_date.iso() == "2024-12-31"


def test_003_endorses_and_recommends_the_digital_aids_agreement() -> None:
    [decision] = _mentions("003").items[9].decisions
    assert set(decision.matched_types) == {str(BG.stallerSigBakom), str(BG.rekommendation)}
    assert decision.recommends_to == ("respektive huvudman",)
    [agreement] = decision.concerns
    assert agreement.agreement_type == str(BG.samverkansavtal)
    assert agreement.title == "samverkansavtal digitala hjälpmedel"


def test_003_absence_and_amounts() -> None:
    mentions = _mentions("003")
    absent = [person.name for person in mentions.attendance.absent]
    assert absent[:7] == [
        "Nina Miskovsky",
        "Katarina Jonsson",
        "Ulf Olsson",
        "Martin Carling",
        "Johnny Magnusson",
        "Madeleine Jonsson",
        "Kerstin Brunnström",
    ]
    assert {"Jonas Lundberg", "Ulrika Söderlund"} <= set(absent)  # "har meddelat förhinder"
    values = [amount.value for amount in mentions.items[6].amounts]
    assert values == [Decimal(150_000_000), Decimal(25_000_000)]
    assert mentions.previous_meeting is None  # "mötesanteckning 2022-04-06" is VVG's


# ---------------------------------------------------------------- 004: steering group


def test_004_meeting_and_absence() -> None:
    mentions = _mentions("004")
    meeting = mentions.meeting
    assert meeting.body == "Gemensam styrgrupp nytt hälso- och sjukvårdsavtal"
    assert meeting.date is not None and meeting.date.iso() == "2026-05-13"
    assert meeting.start is not None and meeting.start.iso() == "08:00:00"
    assert meeting.end is not None and meeting.end.iso() == "09:00:00"
    assert meeting.form == str(BG.digitaltMote)
    attendance = mentions.attendance
    assert sorted(person.name for person in attendance.absent) == [
        "Ebba Gierow",
        "Karin Looström Muth",
        "Kristina Lännergren",
        "Maria Taranger",
        "Sara Magnusson",
        "Victoria Fransson",
    ]
    assert len(attendance.others_present) == 5
    assert attendance.minutes_taker is not None
    assert attendance.minutes_taker.name == "Isabelle Alknäs"


def test_004_a_standing_deputy_is_no_substitution() -> None:
    attendance = _mentions("004").attendance
    assert attendance.substitutions == ()
    [standing] = attendance.standing_substitutes
    assert standing.substitute.name == "Sebastian Nydén"
    assert standing.substituted.name == "Monika Holmgren"
    assert "Monica Holmgren" not in {person.name for person in attendance.absent}


def test_004_next_meetings() -> None:
    planned = {meeting.date.iso(): meeting for meeting in _mentions("004").planned_meetings}
    next_meeting = planned["2026-06-25"]
    assert next_meeting.start is not None and next_meeting.start.iso() == "11:00:00"
    assert next_meeting.end is not None and next_meeting.end.iso() == "12:00:00"
    assert next_meeting.form == str(BG.digitaltMote)
    sro = planned["2026-09-01"]
    assert sro.per_capsulam and sro.body == "SRO"
    assert sro.topics == ("Slutrapport och ställningstagande",)


def test_004_steering_group_position() -> None:
    [decision] = _mentions("004").items[0].decisions
    assert decision.decision_type == str(BG.stallerSigBakom)
    assert decision.text == "Styrgruppen ställer sig bakom den nya tidsplanen."
