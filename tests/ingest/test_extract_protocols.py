"""`extract` on Swedish § protocols: our own short samples and other bodies' excerpts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from tests.conftest import SAMPLES_DIR

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
    assert meeting.location == "Kommunhuset"
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
    [note] = items[1].notes
    assert note.authors == ("C",)
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


# What each excerpt of another body's minutes states; None where the excerpt itself
# does not say it (05 starts mid-page, 09 is a news item, 10's header is scrambled,
# 11 is undated, 12 gives only the dates its notice was posted).
SAMPLE_FACTS = {
    "05": (None, None, 2),
    "06": ("förbundsstyrelsen", "2001-02-23", 0),
    "07": ("Regionstyrelsen", "2019-03-26", 1),
    "08": ("Regionstyrelsen", "2022-08-23", 4),
    "09": (None, None, 0),
    "10": (None, "2008-09-11", 0),
    "11": ("Landstingsstyrelsen", None, 0),
    "12": ("Kommunfullmäktige", None, 0),
    "13": ("Kommunstyrelsen", "2018-09-11", 1),
}


def test_every_sample_has_expectations() -> None:
    names = sorted(path.name[:2] for path in SAMPLES_DIR.glob("[0-9]*.txt"))
    assert names == sorted(SAMPLE_FACTS)


@pytest.mark.parametrize("prefix", sorted(SAMPLE_FACTS))
def test_samples_body_date_and_items(prefix: str) -> None:
    [path] = SAMPLES_DIR.glob(f"{prefix}_*.txt")
    mentions = extract(segment(read(path)))
    body, date, item_count = SAMPLE_FACTS[prefix]
    assert mentions.meeting.body == body
    assert (mentions.meeting.date.iso() if mentions.meeting.date else None) == date
    assert len(mentions.items) == item_count


def test_sample_decisions_reservations_and_tabling() -> None:
    [path07] = SAMPLES_DIR.glob("07_*.txt")
    item = extract(segment(read(path07))).items[0]
    assert [d.decision_type for d in item.decisions] == [str(BG.formelltBeslut)]
    assert item.reservations[0].parties == ("S", "V")
    [path08] = SAMPLES_DIR.glob("08_*.txt")
    items = extract(segment(read(path08))).items
    assert items[1].tabled
    assert items[2].reservations[0].parties == ("V",)
    assert [d.decision_type for d in items[0].decisions] == [str(BG.formelltBeslut)]


def test_sample_protocol_attendance() -> None:
    [path13] = SAMPLES_DIR.glob("13_*.txt")
    mentions = extract(segment(read(path13)))
    attendance = mentions.attendance
    assert attendance.chair is not None and attendance.chair.name == "Tomas Mörtsell"
    [substitution] = attendance.substitutions
    assert (substitution.substitute.name, substitution.substituted.name) == (
        "Klara Olofsson",
        "Therese Granström",
    )
    assert [p.name for p in attendance.adjusters] == ["Anders Persson", "Kristina Fredriksson"]
    assert mentions.items[0].case_number == "KS/2018:298 - 001"
    [path11] = SAMPLES_DIR.glob("11_*.txt")
    substitutions = extract(segment(read(path11))).attendance.substitutions
    assert [(s.substitute.name, s.substituted.name) for s in substitutions] == [
        ("Karin Andersson", "Göran Nilsson"),
        ("Ann-Charlott Eskel", "Christina Wahrolin"),
        ("Erik Olsson", "Aina Wåhlund"),
    ]
    [path12] = SAMPLES_DIR.glob("12_*.txt")
    chair = extract(segment(read(path12))).attendance.chair
    assert chair is not None and chair.name == "Peter Hedberg"


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
