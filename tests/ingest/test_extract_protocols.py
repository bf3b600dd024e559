"""`extract` on Swedish § protocols: our own short samples (other bodies' excerpts are in
test_samples.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG

PROTOCOLS = Path(__file__).parent / "protocols"


@cache
def _protocol(name: str) -> Mentions:
    return extract(segment(read(PROTOCOLS / name)))


def test_kommunstyrelsen_protocol_header_and_attendance() -> None:
    mentions = _protocol("ks_protokoll_2025-05-20.txt")
    assert mentions.document_kind == str(BG.protocol)
    meeting = mentions.meeting
    assert meeting.body == "Kommunstyrelsen"
    assert meeting.date is not None and meeting.date.iso() == "2025-05-20"
    assert meeting.start is not None and meeting.start.iso() == "09:00:00"
    assert meeting.end is not None and meeting.end.iso() == "11:45:00"
    assert meeting.location == "Kommunhuset, sammanträdesrum Älven"
    attendance = mentions.attendance
    assert attendance.chair is not None and attendance.chair.name == "Anna Berg"
    called = {person.name for person in attendance.called}
    assert {"Anna Berg", "Per Lind", "Sara Holm", "Johan Ek", "Lisa Strand"} <= called
    assert [p.name for p in attendance.absent] == ["Olof Sand"]
    [substitution] = attendance.substitutions
    assert (substitution.substitute.name, substitution.substituted.name) == (
        "Lisa Strand",
        "Olof Sand",
    )
    assert [p.name for p in attendance.adjusters] == ["Per Lind"]
    assert [p.name for p in attendance.secretaries] == ["Erik Dahl"]
    assert {p.name for p in attendance.others_present} == {"Maja Kvist", "Erik Dahl"}


def test_kommunstyrelsen_protocol_items_and_decisions() -> None:
    items = _protocol("ks_protokoll_2025-05-20.txt").items
    assert [(item.number, item.case_number) for item in items] == [
        (56, "Dnr KS-2025-00305"),
        (57, "Dnr KS-2025-00311"),
        (58, "Dnr KS-2025-00320"),
    ]
    assert items[0].title == "Årsredovisning 2024 för kommunen"
    assert [d.decision_type for d in items[0].decisions] == [str(BG.formelltBeslut)]
    assert items[0].decisions[0].decided_by == "Kommunstyrelsen"
    [vote] = items[1].votes
    assert (vote.yes, vote.no) == (6, 3)
    [reservation] = items[1].reservations
    assert reservation.parties == ("V",)
    [note] = items[1].notes  # "Sara Holm (C) lämnar en protokollsanteckning …"
    assert ([person.name for person in note.persons], note.parties) == (["Sara Holm"], ("C",))
    [disqualified] = items[2].disqualifications
    assert disqualified.person.name == "Sara Holm"
    [decision] = items[2].decisions
    assert decision.decision_type == str(BG.uppdrag)
    assert decision.assignment is not None
    assert decision.assignment.assignees == ("kommundirektören",)
    assert decision.assignment.deadline is not None
    assert decision.assignment.deadline.iso() == "2025-11-30"


def test_tab_separated_protocol_header() -> None:
    mentions = _protocol("namnd_protokoll_2024-10-08.txt")
    meeting = mentions.meeting
    assert meeting.body == "Socialnämnden"
    assert meeting.date is not None and meeting.date.iso() == "2024-10-08"
    assert meeting.start is not None and meeting.start.iso() == "13:15:00"
    assert mentions.attendance.chair is not None
    assert mentions.attendance.chair.name == "Karl Nyström"
    called = {person.name: person for person in mentions.attendance.called}
    assert called["Eva Lundin"].role == str(BG.forsteViceOrdforande)
    assert called["Eva Lundin"].party == "S"
    assert "Tove Ahl" not in called  # an ersättare who did not serve
    items = mentions.items
    assert [item.number for item in items] == [101, 102, 103]
    [agreement] = items[1].decisions[0].concerns
    assert agreement.agreement_type == str(BG.overenskommelse)
    assert agreement.valid_from is not None and agreement.valid_from.iso() == "2025-01-01"
    assert agreement.valid_until is not None and agreement.valid_until.iso() == "2026-12-31"
    assert items[1].reservations[0].parties == ("M",)
    assert items[2].tabled
    assert items[2].decisions[0].decision_type == str(BG.ovrigt)


def test_protocol_extract_with_a_recommendation_and_a_next_meeting() -> None:
    mentions = _protocol("forbund_protokollsutdrag_2023-03-15.txt")
    assert mentions.document_kind == str(BG.protocolExtract)
    assert mentions.meeting.body == "Förbundsstyrelsen i Sjöbygdens kommunalförbund"
    assert mentions.meeting.form == str(BG.digitaltMote)
    attendance = mentions.attendance
    assert attendance.chair is not None and attendance.chair.name == "Ingrid Ström"
    [substitution] = attendance.substitutions
    assert substitution.substitute.name == "Hanna Berg"
    assert substitution.substituted.name == "Leif Ask"
    [decision] = mentions.items[0].decisions
    assert decision.decision_type == str(BG.rekommendation)
    assert decision.recommends_to == ("medlemskommunerna",)
    assert decision.deadline is not None and decision.deadline.iso() == "2023-06-30"
    [plan] = decision.concerns
    assert plan.agreement_type == str(BG.handlingsplan)
    assert plan.title == "regional handlingsplan för suicidprevention 2023–2026"
    [planned] = mentions.planned_meetings
    assert planned.date.iso() == "2023-06-14"
    assert planned.form == str(BG.digitaltMote)


def test_informal_minutes_with_numeric_dates_and_inline_lists() -> None:
    mentions = _protocol("arbetsgrupp_minnesanteckningar_2024-03-06.txt")
    meeting = mentions.meeting
    assert meeting.body == "Arbetsgruppen för hemsjukvård i Norrdalen"
    assert meeting.date is not None and meeting.date.iso() == "2024-03-06"  # "6/3 2024"
    assert meeting.start is not None and meeting.start.iso() == "09:00:00"
    attendance = mentions.attendance
    assert [p.name for p in attendance.called] == ["Gunilla Ek", "Rasmus Olin", "Frida Holm"]
    assert [p.name for p in attendance.absent] == ["Peter Vall"]
    assert attendance.chair is not None and attendance.chair.name == "Gunilla Ek"
    [substitution] = attendance.substitutions
    assert (substitution.substitute.name, substitution.substituted.name) == (
        "Frida Holm",
        "Peter Vall",
    )
    [decision] = mentions.items[1].decisions
    assert decision.decision_type == str(BG.uppdrag)
    assert decision.assignment is not None
    assert decision.assignment.assignees == ("Rasmus Olin",)
    assert decision.assignment.report_to == "arbetsgruppen"
    assert decision.assignment.deadline is not None
    assert decision.assignment.deadline.iso() == "2024-05-15"
    [guideline] = decision.concerns
    assert guideline.agreement_type == str(BG.riktlinje)
    [amount] = mentions.items[2].amounts
    assert amount.approximate and amount.value == 2_500_000
    [planned] = mentions.planned_meetings
    assert planned.date.iso() == "2024-04-17"
