"""Minutes of a working group in a layout the corpus lacks
(tests/ingest/minutes/styrgrupp_ehalsa_minnesanteckningar_2024-10-03.txt): labelled
Datum/Tid/Plats lines, a digital meeting given as its place, one-line "Närvarande:" and
"Frånvarande:" lists with the chair's role in parentheses after the organisation, the
previous minutes approved in prose and the next meeting with its start time."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import ClockTime, Mentions
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore

from .conftest import loaded_store

MINUTES = Path(__file__).parent / "minutes" / "styrgrupp_ehalsa_minnesanteckningar_2024-10-03.txt"
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/styrgruppen-for-e-halsa/2024-10-03>"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX schema: <http://schema.org/> "
    "PREFIX dct: <http://purl.org/dc/terms/> "
)


@cache
def _mentions() -> Mentions:
    return extract(segment(read(MINUTES)))


def test_a_digital_meeting_given_as_its_place_has_a_form_and_no_place() -> None:
    meeting = _mentions().meeting
    assert (meeting.body, meeting.date and meeting.date.iso()) == (
        "Styrgruppen för e-hälsa",
        "2024-10-03",
    )
    assert (meeting.start, meeting.end) == (ClockTime(13, 0), ClockTime(15, 0))
    assert (meeting.form, meeting.location) == (str(BG.digitaltMote), None)


def test_the_chair_named_in_parentheses_after_the_organisation() -> None:
    attendance = _mentions().attendance
    assert attendance.chair is not None
    assert (attendance.chair.name, attendance.chair.organisation) == ("Anna Lind", "Lerums kommun")
    assert [(p.name, p.organisation) for p in attendance.called] == [
        ("Anna Lind", "Lerums kommun"),
        ("Per Nyström", "Västra Götalandsregionen"),
        ("Sara Blom", "Alingsås kommun"),
        ("Olle Kvist", "Göteborgs Stad"),
    ]
    assert [(p.name, p.organisation) for p in attendance.absent] == [("Maria Ek", "Borås Stad")]


def test_previous_minutes_approved_in_prose_and_the_next_meeting_at_its_time() -> None:
    mentions = _mentions()
    assert mentions.previous_meeting is not None
    assert mentions.previous_meeting.date is not None
    assert mentions.previous_meeting.date.iso() == "2024-09-05"
    assert [(p.date.iso(), p.start) for p in mentions.planned_meetings] == [
        ("2024-11-07", ClockTime(13, 0))
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    with loaded_store(tmp_path_factory.mktemp("minutes"), MINUTES) as opened:
        yield opened


def test_loaded_meeting_form_previous_and_next(store: EmbeddedStore) -> None:
    [row] = store.select(
        PREFIXES + f"SELECT ?form ?previous ?next ?start WHERE {{ {MEETING} bg:meetingForm ?form ; "
        "bg:previousMeeting ?previous . ?next bg:meetingStatus bg:planned ; "
        "schema:startDate ?start }"
    )
    assert row["form"] == f"<{BG.digitaltMote}>"
    assert row["previous"] == MEETING.replace("2024-10-03", "2024-09-05")
    assert row["next"] == MEETING.replace("2024-10-03", "2024-11-07")
    assert literal_value(row["start"]).startswith("2024-11-07T13:00:00")
    assert not store.select(
        PREFIXES + f"SELECT ?place WHERE {{ {MEETING} schema:location ?place }}"
    )


def test_loaded_decisions_of_the_status_report(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + "SELECT ?type ?assignee WHERE { ?item bg:hasDecision ?decision . "
        "?decision bg:decisionType ?type . OPTIONAL { ?decision bg:assignment/bg:assignee "
        "?assignee } } ORDER BY ?type"
    )
    assert [(r["type"], r.get("assignee")) for r in rows] == [
        (f"<{BG.stallerSigBakom}>", None),
        (f"<{BG.uppdrag}>", "<https://w3id.org/beslutsgraf/id/person/sara-blom>"),
    ]


def test_an_assignment_due_at_the_next_meeting_has_its_date() -> None:
    # "ger Sara Blom i uppdrag att ta fram en kommunikationsplan till nästa möte" and "Nästa
    # möte äger rum den 7 november 2024": the plan is due on the day of that meeting.
    [item] = [item for item in _mentions().items if item.number == 3]
    [assignment] = [d.assignment for d in item.decisions if d.assignment is not None]
    assert assignment.assignees == ("Sara Blom",)
    assert assignment.deadline is not None and assignment.deadline.iso() == "2024-11-07"
