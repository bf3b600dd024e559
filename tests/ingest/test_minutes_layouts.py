"""Minutes in layouts the corpus lacks (tests/ingest/minutes/).

A working group's (styrgrupp_ehalsa_minnesanteckningar_2024-10-03.txt): labelled
Datum/Tid/Plats lines, a digital meeting given as its place, one-line "Närvarande:" and
"Frånvarande:" lists with the chair's role in parentheses after the organisation, the
previous minutes approved in prose and the next meeting with its start time.

Collaboration bodies of a region and its kommuner: a ledningsgrupp's Markdown minutes, a
politiskt samverkansråd's protokoll and a beslutsprotokoll of numbered decisions."""

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

from .conftest import loaded_store, variant

MINUTES = Path(__file__).parent / "minutes" / "styrgrupp_ehalsa_minnesanteckningar_2024-10-03.txt"
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/styrgruppen-for-e-halsa/2024-10-03>"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX schema: <http://schema.org/> "
    "PREFIX dct: <http://purl.org/dc/terms/> PREFIX org: <http://www.w3.org/ns/org#> "
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


# Minutes of collaboration bodies of a region and its kommuner, in layouts the corpus lacks:
# Markdown minnesanteckningar with "Uppdrag:" and an "Ansvarig: …, klart senast …" line; a
# samverkansråd's protokoll listing its members under the parties of the agreement; a
# beslutsprotokoll that is a numbered list of decisions ("Beslut 2025:14 …").
HERE = Path(__file__).parent / "minutes"
LEDNINGSGRUPP = HERE / "lansgemensam_ledningsgrupp_minnesanteckningar_2025-09-24.md"
SAMVERKANSRAD = HERE / "politiskt_samverkansrad_protokoll_2025-10-09.txt"
BESLUTSPROTOKOLL = HERE / "delregional_ledningsgrupp_beslutsprotokoll_2025-10-03.txt"
ID = "https://w3id.org/beslutsgraf/id/"
LG_BODY = "lansgemensam-ledningsgrupp-for-halsa-vard-och-omsorg-i-norrvik"
LG_MEETING = f"<{ID}meeting/{LG_BODY}/2025-09-24>"
SR_BODY = f"{ID}org/politiskt-samverkansrad-mellan-region-dalmark-och-kommunerna-i-dalmarks-lan"
SR_MEETING = f"<{ID}meeting/{SR_BODY.rsplit('/', 1)[1]}/2025-10-09>"
BP_MEETING = f"<{ID}meeting/delregional-samverkansgrupp-sodra-viken-ledningsgrupp/2025-10-03>"


@pytest.fixture(scope="module")
def collaboration(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("collaboration")
    with loaded_store(folder, LEDNINGSGRUPP, SAMVERKANSRAD, BESLUTSPROTOKOLL) as opened:
        yield opened


def _people(store: EmbeddedStore, meeting: str, predicate: str) -> list[str]:
    rows = store.select(PREFIXES + f"SELECT ?p WHERE {{ {meeting} {predicate} ?p }} ORDER BY ?p")
    return [row["p"].removeprefix(f"<{ID}person/").rstrip(">") for row in rows]


def _decisions(store: EmbeddedStore, meeting: str) -> list[tuple[int, str, str]]:
    """(item number, decision type, text) of every decision of `meeting`, in item order."""
    rows = store.select(
        PREFIXES + f"SELECT ?n ?type ?text WHERE {{ {meeting} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber ?n ; bg:hasDecision ?d . ?d bg:decisionType ?type ; "
        "bg:decisionText ?text } ORDER BY ?n ?text"
    )
    return [
        (
            int(literal_value(r["n"])),
            r["type"].rsplit("#", 1)[1].rstrip(">"),
            str(literal_value(r["text"])),
        )
        for r in rows
    ]


def test_an_uppdrag_label_and_the_ansvarig_line_under_it(collaboration: EmbeddedStore) -> None:
    # "**Uppdrag:** Ledningsgruppen ger Sara Åkesson i uppdrag …" / "Ansvarig: Sara Åkesson,
    # klart senast 2025-10-15": the deadline stands on the line under the decision.
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?who ?deadline ?task WHERE {{ {LG_MEETING} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber 4 ; bg:hasDecision/bg:assignment ?a . ?a bg:assignee ?who ; "
        "bg:deadline ?deadline ; bg:task ?task }"
    )
    assert row["who"] == f"<{ID}person/sara-akesson>"
    assert literal_value(row["deadline"]) == "2025-10-15"
    assert literal_value(row["task"]) == "ta fram ett förslag till gemensam handlingsplan"


def test_minnesanteckningar_items_in_the_past_tense_and_the_next_meeting(
    collaboration: EmbeddedStore,
) -> None:
    # "Dagordningen godkändes.", "… gicks igenom och lades till handlingarna.", and
    # "Nästa möte: 12 november 2025 kl. 13.00–15.00, digitalt" under its own heading.
    assert [(n, kind) for n, kind, _ in _decisions(collaboration, LG_MEETING)] == [
        (1, "godkannandeAvDagordning"),
        (2, "noteringAvInformation"),
        (3, "stallerSigBakom"),
        (4, "uppdrag"),
        (5, "noteringAvInformation"),
    ]
    [row] = collaboration.select(
        PREFIXES + "SELECT ?start ?end ?form WHERE { ?next bg:meetingStatus bg:planned ; "
        "schema:startDate ?start ; schema:endDate ?end ; bg:meetingForm ?form ; "
        f"bg:heldBy ?body . {LG_MEETING} bg:heldBy ?body }}"
    )
    assert literal_value(row["start"]).startswith("2025-11-12T13:00")
    assert literal_value(row["end"]).startswith("2025-11-12T15:00")
    assert row["form"] == f"<{BG.digitaltMote}>"
    assert _people(collaboration, LG_MEETING, "bg:absentee") == ["ingrid-svensson", "karl-dahl"]


def test_members_listed_under_the_parties_of_the_agreement(collaboration: EmbeddedStore) -> None:
    # "Närvarande" / "Region Dalmark" / "Ulf Karlsson (M), ordförande" … / "Kommunerna" /
    # "Anna Berg (S), Alingsås, vice ordförande" …: a party's name alone on its line heads
    # the members who sit for it; "Frånvarande" below is no longer theirs.
    attended = _people(collaboration, SR_MEETING, "bg:attendee")
    for member in ("ulf-karlsson", "eva-strand", "lars-bjork", "annika-hed", "anna-berg"):
        assert member in attended
    assert {"tomas-nord", "birgitta-strom", "kjell-lund"} <= set(attended)
    assert _people(collaboration, SR_MEETING, "bg:absentee") == ["mona-lindqvist", "pia-grahn"]
    rows = collaboration.select(
        PREFIXES + "SELECT ?who ?party WHERE { ?m org:member ?who ; org:organization "
        f"<{SR_BODY}> ; bg:represents ?party }} ORDER BY ?who"
    )
    represents = {r["who"].rsplit("/", 1)[1].rstrip(">"): r["party"] for r in rows}
    assert represents["eva-strand"] == f"<{ID}org/region-dalmark>"
    assert represents["anna-berg"] == f"<{ID}kommun/1489>"  # Alingsås, from the register
    [kind] = collaboration.select(
        PREFIXES + f"SELECT ?kind WHERE {{ <{SR_BODY}> org:classification ?kind }}"
    )
    assert kind["kind"] == f"<{BG.samradsorgan}>"


def test_a_deputy_with_her_kommun_before_whom_she_sits_for(collaboration: EmbeddedStore) -> None:
    # "Kjell Lund (S), Norrhammar, ersättare för Pia Grahn (S), Norrhammar".
    rows = collaboration.select(
        PREFIXES + f"SELECT ?for ?by WHERE {{ {SR_MEETING} bg:hasSubstitution ?s . "
        "?s bg:substitute ?by ; bg:substituted ?for } ORDER BY ?by"
    )
    assert [(r["by"].rsplit("/", 1)[1], r["for"].rsplit("/", 1)[1]) for r in rows] == [
        ("annika-hed>", "mona-lindqvist>"),
        ("kjell-lund>", "pia-grahn>"),
    ]


def test_an_absent_member_represents_what_her_entry_says(collaboration: EmbeddedStore) -> None:
    # "Frånvarande" / "Pia Grahn (S), Norrhammar", a member a deputy sits for: her entry
    # is read as a present member's ("Tomas Nord (M), Hedvik"), her kommun beside her name.
    rows = collaboration.select(
        PREFIXES + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?who ?role ?label WHERE { ?m org:member ?who ; org:role ?role ; "
        f"org:organization <{SR_BODY}> ; bg:represents/skos:prefLabel ?label }}"
    )
    seats = {
        (r["who"].rsplit("/", 1)[1].rstrip(">"), r["role"].rsplit("#", 1)[1].rstrip(">")): (
            literal_value(r["label"])
        )
        for r in rows
    }
    assert seats[("pia-grahn", "ledamot")] == "Norrhammar"
    assert seats[("mona-lindqvist", "ledamot")] == "Region Dalmark"
    assert seats[("tomas-nord", "ledamot")] == "Hedvik"


def test_the_chair_from_a_given_item_in_the_header(collaboration: EmbeddedStore) -> None:
    # "Ordförande: Ulf Karlsson (M)" / "Ordförande från punkt 5: Anna Berg (S)".
    rows = collaboration.select(
        PREFIXES + f"SELECT ?n ?chair WHERE {{ {SR_MEETING} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber ?n ; bg:chairedBy ?chair } ORDER BY ?n"
    )
    chairs = [r["chair"].rsplit("/", 1)[1].rstrip(">") for r in rows]
    assert chairs == ["ulf-karlsson"] * 4 + ["anna-berg"] * 3
    assert _people(collaboration, SR_MEETING, "bg:chair") == ["ulf-karlsson"]


def test_a_chair_with_a_post_at_home_chairs_and_holds_the_post(
    collaboration: EmbeddedStore,
) -> None:
    # "Birgitta Alm, socialchef, Strandviks kommun (ordförande)": the post is her role in
    # her kommun, the bracketed chair her role in this body.
    assert _people(collaboration, BP_MEETING, "bg:chair") == ["birgitta-alm"]
    rows = collaboration.select(
        PREFIXES + "SELECT ?role ?in WHERE { ?m org:member "
        f"<{ID}person/birgitta-alm> ; org:role ?role ; org:organization ?in }}"
    )
    held = {
        (r["role"].rsplit("#", 1)[1].rstrip(">"), r["in"].rsplit("/", 1)[1].rstrip(">"))
        for r in rows
    }
    assert held == {
        ("ordforande", "delregional-samverkansgrupp-sodra-viken-ledningsgrupp"),
        ("socialchef", "strandviks-kommun"),
    }


def test_an_agreement_prolonged_in_a_sentence_of_its_own(collaboration: EmbeddedStore) -> None:
    # "Samverkansrådet ställer sig bakom uppföljningen. Överenskommelsen förlängs till och
    # med 2026-12-31." under the item named after the agreement.
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?title ?end WHERE {{ {SR_MEETING} bg:hasAgendaItem ?item . "
        "?item bg:hasDecision ?d . ?d bg:prolongs ?agreement ; bg:newEndDate ?end . "
        "?agreement dct:title ?title }"
    )
    assert literal_value(row["title"]).startswith("Överenskommelse om samverkan kring barn")
    assert literal_value(row["end"]) == "2026-12-31"
    kinds = [(n, kind) for n, kind, _ in _decisions(collaboration, SR_MEETING)]
    assert kinds == [
        (2, "godkannandeAvDagordning"),
        (3, "noteringAvInformation"),
        (4, "stallerSigBakom"),
        (4, "formelltBeslut"),
        (5, "rekommendation"),
        (6, "noteringAvInformation"),
    ]


def test_a_beslutsprotokoll_of_numbered_decisions(collaboration: EmbeddedStore) -> None:
    # "Mötet hölls den 3:e oktober 2025, kl. 10.00–11.30, Vikens kommunhus, rum Tången" and
    # "Beslut 2025:12 Dagordningen fastställs." … "Beslut 2025:16 …".
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?start ?end ?place WHERE {{ {BP_MEETING} schema:startDate ?start ; "
        "schema:endDate ?end ; schema:location ?place }"
    )
    assert literal_value(row["start"]).startswith("2025-10-03T10:00")
    assert literal_value(row["end"]).startswith("2025-10-03T11:30")
    assert literal_value(row["place"]) == "Vikens kommunhus, rum Tången"
    assert [(n, kind) for n, kind, _ in _decisions(collaboration, BP_MEETING)] == [
        (12, "godkannandeAvDagordning"),
        (13, "noteringAvInformation"),
        (14, "stallerSigBakom"),
        (15, "uppdrag"),
        (16, "formelltBeslut"),
    ]
    assert _people(collaboration, BP_MEETING, "bg:absentee") == ["jan-berggren"]
    assert _people(collaboration, BP_MEETING, "bg:chair") == ["birgitta-alm"]


def test_a_week_written_v_dot_does_not_end_the_decision(collaboration: EmbeddedStore) -> None:
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?who ?task WHERE {{ {BP_MEETING} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber 15 ; bg:hasDecision/bg:assignment ?a . ?a bg:assignee ?who ; "
        "bg:task ?task }"
    )
    assert row["who"] == f"<{ID}person/helena-gran>"
    assert literal_value(row["task"]) == "sammanställa kommunernas synpunkter senast v. 42"


def test_an_ordinal_day_in_the_next_meeting() -> None:
    # "Nästa möte: den 7:e november 2025 kl. 10.00, digitalt".
    mentions = extract(segment(read(BESLUTSPROTOKOLL)))
    assert [(p.date.iso(), p.start, p.form) for p in mentions.planned_meetings] == [
        ("2025-11-07", ClockTime(10, 0), str(BG.digitaltMote))
    ]


def _deadlines(store: EmbeddedStore, meeting: str) -> list[tuple[int, str]]:
    """(item number, deadline) of every decision of `meeting` that has one."""
    rows = store.select(
        PREFIXES + f"SELECT ?n ?deadline WHERE {{ {meeting} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber ?n ; bg:hasDecision/bg:deadline ?deadline } ORDER BY ?n"
    )
    return [(int(literal_value(r["n"])), str(literal_value(r["deadline"]))) for r in rows]


def test_deadlines_in_a_week_and_a_quarter(collaboration: EmbeddedStore) -> None:
    # "… synpunkter senast v. 42." in minutes of 2025-10-03: the Sunday of ISO week 42;
    # "… redovisas Q1 2026.": the last day of the quarter.
    assert _deadlines(collaboration, BP_MEETING) == [(15, "2025-10-19"), (16, "2026-03-31")]
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?deadline WHERE {{ {BP_MEETING} bg:hasAgendaItem ?item . "
        "?item bg:itemNumber 15 ; bg:hasDecision/bg:assignment/bg:deadline ?deadline }"
    )
    assert literal_value(row["deadline"]) == "2025-10-19"


@pytest.mark.parametrize(
    ("written", "deadline"),
    [
        ("senast vecka 42", "2025-10-19"),
        ("senast v 42", "2025-10-19"),
        ("senast v. 38", "2026-09-20"),  # week 38 of 2025 has passed by 3 October
        ("under första kvartalet 2026", "2026-03-31"),
        ("till årsskiftet", "2025-12-31"),
    ],
)
def test_a_deadline_named_by_its_period(tmp_path: Path, written: str, deadline: str) -> None:
    path = variant(BESLUTSPROTOKOLL, tmp_path, "senast v. 42", written)
    [item] = [item for item in extract(segment(read(path))).items if item.number == 15]
    [assignment] = [d.assignment for d in item.decisions if d.assignment is not None]
    assert assignment.deadline is not None and assignment.deadline.iso() == deadline


def test_previous_minutes_named_without_a_year(collaboration: EmbeddedStore) -> None:
    # "Beslut 2025:13 Minnesanteckningarna från den 5:e september läggs till handlingarna."
    # in minutes of 2025-10-03: the September of the meeting's year.
    [row] = collaboration.select(
        PREFIXES + f"SELECT ?previous WHERE {{ {BP_MEETING} bg:previousMeeting ?previous }}"
    )
    assert row["previous"] == BP_MEETING.replace("2025-10-03", "2025-09-05")


def test_previous_minutes_of_a_day_after_the_meeting_are_of_the_year_before(
    tmp_path: Path,
) -> None:
    path = variant(BESLUTSPROTOKOLL, tmp_path, "den 5:e september", "den 12 december")
    previous = extract(segment(read(path))).previous_meeting
    assert previous is not None and previous.date is not None
    assert previous.date.iso() == "2024-12-12"


@pytest.mark.parametrize(
    "told",
    [
        "Ulf Karlsson lämnar mötet och Anna Berg (S) övertar ordförandeskapet.",
        "Ulf Karlsson lämnar mötet. Från och med punkt 5 leds mötet av Anna Berg (S).",
        "Ulf Karlsson lämnar mötet. Anna Berg (S) tar över som ordförande.",
    ],
)
def test_a_chair_change_told_inside_an_item(tmp_path: Path, told: str) -> None:
    # Told under § 5 only, not in the header: Anna Berg chairs from § 5 on, and Ulf
    # Karlsson, who left, attends §§ 1–4.
    without_header = variant(
        SAMVERKANSRAD, tmp_path, "Ordförande från punkt 5: Anna Berg (S)\n", ""
    )
    path = variant(
        without_header,
        tmp_path,
        "Ulf Karlsson lämnar mötet och Anna Berg (S) övertar ordförandeskapet.",
        told,
    )
    with loaded_store(tmp_path, path) as store:
        chairs = store.select(
            PREFIXES + f"SELECT ?n ?chair WHERE {{ {SR_MEETING} bg:hasAgendaItem ?item . "
            "?item bg:itemNumber ?n ; bg:chairedBy ?chair } ORDER BY ?n"
        )
        attended = store.select(
            PREFIXES + f"SELECT ?n WHERE {{ {SR_MEETING} bg:hasAgendaItem ?item . "
            f"?item bg:itemNumber ?n ; bg:attendeeOfItem <{ID}person/ulf-karlsson> }} ORDER BY ?n"
        )
        present = _people(store, SR_MEETING, "bg:attendee")
    assert [r["chair"].rsplit("/", 1)[1].rstrip(">") for r in chairs] == (
        ["ulf-karlsson"] * 4 + ["anna-berg"] * 3
    )
    assert [int(literal_value(r["n"])) for r in attended] == [1, 2, 3, 4]
    assert "ulf-karlsson" in present and "anna-berg" in present
