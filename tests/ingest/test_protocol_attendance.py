"""Attendance that differs per item in a § protocol ("Lars Eriksson (S), §§ 45–48",
"Ulrika Frick (V) ersätter Lars Eriksson (S), §§ 49–52") and the deputies and officials
a protocol lists as present ("Ersättare: …", "Tjänstepersoner: …")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.people import parse_person
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.conftest import SAMPLES_DIR
from tests.ingest.conftest import load
from tests.ingest.pdf_writer import PagedPdf

PROTOCOL = Path(__file__).parent / "protocols" / "ks_protokoll_2024-05-15.txt"
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
)
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-05-15>"
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-05-15/item/{}>"
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"


@cache
def _mentions(path: Path) -> Mentions:
    return extract(segment(read(path)))


def test_items_after_a_name_are_the_items_attended_not_an_organisation() -> None:
    attendance = _mentions(PROTOCOL).attendance
    called = {person.name: person for person in attendance.called}
    assert called["Lars Eriksson"].items == (45, 46, 47, 48)
    assert called["Lars Eriksson"].organisation is None
    assert called["Ulrika Frick"].items == (49, 50, 51, 52)
    assert called["Ulrika Frick"].organisation is None
    assert called["Dennis Lundin"].items == ()
    # Lars Eriksson was there for §§ 45–48: only the member replaced all day is absent.
    assert [person.name for person in attendance.absent] == ["Emma Andersson"]
    substitutions = {
        (s.substitute.name, s.substituted.name): s.from_item for s in attendance.substitutions
    }
    assert substitutions == {
        ("Ulrika Frick", "Lars Eriksson"): 49,
        ("Kristian Wahlström", "Emma Andersson"): None,
    }


@pytest.mark.parametrize(
    ("cell", "items", "organisation"),
    [
        ("Anna Berg (S), §§ 3-5, 9", (3, 4, 5, 9), None),
        ("Anna Berg (S), Göteborg (§ 12)", (12,), "Göteborg"),
        ("Anna Berg (S) §§ 56–67", tuple(range(56, 68)), None),
        ("Anna Berg (S), §§ 7 och 9", (7, 9), None),
        ("Anna Berg (S), Göteborg", (), "Göteborg"),
        ("Anna Berg (S), §§ 5–2", (), None),  # backwards: not a range of items
    ],
)
def test_item_numbers_in_a_member_cell(
    cell: str, items: tuple[int, ...], organisation: str | None
) -> None:
    person = parse_person(cell, 0, len(cell))
    assert person is not None and person.name == "Anna Berg"
    assert (person.items, person.organisation) == (items, organisation)


@pytest.mark.parametrize(
    ("name", "present"),
    [
        # "Övriga närvarande / Ersättare: A (S), B (M) / Tjänstepersoner: C, kommundirektör;
        # D, nämndsekreterare": each in the list its label names.
        (
            "ks_protokoll_2024-05-15.txt",
            {"Peter Forsberg": "deputies", "Maria Bergström": "deputies"}
            | {"Helena Sahlin": "others", "Jonas Ek": "others"},
        ),
        # Labels in a column of their own: "Ej tjänstgörande / ersättare      Nils Ek (SD)",
        # "Övriga deltagare      Pia Holm, förvaltningschef".
        (
            "bmn_protokoll_2024-03-12.txt",
            {"Nils Ek": "deputies", "Anna Roos": "deputies"}
            | {"Pia Holm": "others", "Jens Lundqvist": "others"},
        ),
    ],
)
def test_deputies_and_officials_present_without_being_called(
    name: str, present: dict[str, str]
) -> None:
    attendance = _mentions(PROTOCOL.parent / name).attendance
    assert {p.name: p.section for p in attendance.others_present} == present
    assert not set(present) & {p.name for p in attendance.called}


def test_deputies_of_a_flattened_protocol_page_are_present() -> None:
    """06: "Ersättare Gunnar Häggström (m), Härryda Henrik Ripa (m), Lerum …": the
    deputies who came without serving attend; the one "(tjänstgörande)" is called."""
    attendance = _mentions(SAMPLES_DIR / "06_goteborgsregionen-forbundsstyrelsen-2001-02-23.txt")
    present = {p.name for p in attendance.attendance.others_present if p.section == "deputies"}
    assert {"Gunnar Häggström", "Henrik Ripa", "Kristina Bergman Alme"} <= present
    assert "Kenneth Johansson" not in present


def test_per_item_attendance_in_the_store(tmp_path: Path, store: EmbeddedStore) -> None:
    load(store, PROTOCOL, quarantine_dir=tmp_path / "quarantine")

    def item_attendees(number: int) -> set[str]:
        rows = store.select(
            PREFIXES + f"SELECT ?p WHERE {{ {ITEM.format(number)} bg:attendeeOfItem ?p }}"
        )
        return {row["p"] for row in rows}

    lars, ulrika = PERSON.format("lars-eriksson"), PERSON.format("ulrika-frick")
    assert lars in item_attendees(48) and ulrika not in item_attendees(48)
    assert ulrika in item_attendees(49) and lars not in item_attendees(49)
    # Everyone else attends every item: 10 people on § 45 (7 members but Lars' deputy,
    # the serving deputy for Emma Andersson, 2 deputies and 2 officials present).
    assert len(item_attendees(45)) == 12
    assert item_attendees(45) - {lars} == item_attendees(49) - {ulrika}

    assert store.ask(PREFIXES + f"ASK {{ {MEETING} bg:attendee {lars} }}")
    assert not store.ask(PREFIXES + f"ASK {{ {MEETING} bg:absentee {lars} }}")
    assert store.ask(
        PREFIXES + f"ASK {{ ?s bg:substitute {ulrika} ; bg:substituted {lars} ; "
        f"bg:fromItem {ITEM.format(49)} }}"
    )
    # "§§ 45–48" is no organisation anywhere in the graph.
    assert not store.select(
        PREFIXES + 'SELECT ?o WHERE { ?o skos:prefLabel ?l FILTER(CONTAINS(?l, "§")) }'
    )
    deputies = store.select(
        PREFIXES + "SELECT ?p WHERE { ?m org:member ?p ; org:role bg:ersattare ; "
        "org:organization <https://w3id.org/beslutsgraf/id/org/kommunstyrelsen> }"
    )
    assert {row["p"] for row in deputies} == {
        PERSON.format(slug)
        for slug in ("peter-forsberg", "maria-bergstrom", "ulrika-frick", "kristian-wahlstrom")
    }


def test_a_serving_deputy_listed_in_two_sections_is_one_person(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    """ "Beslutande … Lisa Strand (S), tjänstgörande ersättare för Olof Sand (S)" and
    "Tjänstgörande ersättare / Lisa Strand (S)": one person, not two namesakes."""
    protocol = PROTOCOL.parent / "ks_protokoll_2025-05-20.txt"
    load(store, protocol, quarantine_dir=tmp_path / "quarantine")
    rows = store.select(
        PREFIXES + "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        'SELECT DISTINCT ?p WHERE { ?p foaf:name "Lisa Strand" }'
    )
    assert [row["p"] for row in rows] == [PERSON.format("lisa-strand")]


# A page-header layout: "SAMMANTRÄDESPROTOKOLL 1 (4)" over "Sammanträdesdatum" and the
# body beside the date; labels in a column of their own, wrapped over two lines
# ("Ej tjänstgörande / ersättare"); names printed under signature rules.
PAGED = Path(__file__).parent / "protocols" / "bmn_protokoll_2024-03-12.txt"


def test_body_beside_the_date_under_a_page_header() -> None:
    meeting = _mentions(PAGED).meeting
    assert meeting.body == "Bygg- och miljönämnden"
    assert meeting.date is not None and meeting.date.iso() == "2024-03-12"
    assert meeting.location == "Stadshuset, sal Kullen"


def test_label_column_sections_are_not_members() -> None:
    attendance = _mentions(PAGED).attendance
    assert [p.name for p in attendance.called] == [
        "Eva Lind",
        "Omar Haddad",
        "Britt Nyström",
        "Göran Falk",
        "Sofia Berg",
        "Mats Ström",
    ]
    assert [p.name for p in attendance.absent] == ["Karin Dahl"]
    assert attendance.chair is not None and attendance.chair.name == "Eva Lind"
    assert [p.name for p in attendance.secretaries] == ["Lena Sjö"]


def test_disqualification_under_its_heading_and_items_attended(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    items = {item.number: item for item in _mentions(PAGED).items}
    assert [d.person.name for d in items[22].disqualifications] == ["Göran Falk"]
    load(store, PAGED, quarantine_dir=tmp_path / "quarantine")
    meeting = "<https://w3id.org/beslutsgraf/id/meeting/bygg-och-miljonamnden/2024-03-12>"
    assert store.ask(PREFIXES + f"ASK {{ {meeting} bg:heldBy ?body }}")
    rows = store.select(
        PREFIXES + f"SELECT ?n ?p WHERE {{ {meeting} bg:hasAgendaItem ?i . "
        "?i bg:itemNumber ?n ; bg:attendeeOfItem ?p }"
    )
    attended: dict[str, set[str]] = {}
    for row in rows:
        attended.setdefault(row["p"], set()).add(row["n"].split('"')[1])
    # Göran Falk: §§ 21–23, but jäv on § 22; Jens Lundqvist only § 22.
    assert attended[PERSON.format("goran-falk")] == {"21", "23"}
    assert attended[PERSON.format("jens-lundqvist")] == {"22"}
    assert attended[PERSON.format("eva-lind")] == {"21", "22", "23", "24"}


# -- attendance that changes during the meeting ------------------------------------------
# A kommunstyrelse whose "Beslutande" block and §§ tell who came late, who left and
# when the meeting paused; the times are of arrivals, departures and an adjournment.
CHANGING_KS = """SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2025-09-23

Plats och tid: Kommunhuset, Sessionssalen, kl. 13.00–16.45
Sammanträdet ajourneras kl. 15.00–15.20

Beslutande
Ledamöter
Karin Lövgren (S), ordförande
Mats Wikström (M), 1:e vice ordförande
Anna Berg (S), anländer kl. 14.10 och deltar från och med § 47
Per Ek (M), ankommer under § 46 och tjänstgör från § 47
Lisa Holm (C), lämnar sammanträdet kl. 15.30 efter § 50
Jan Sund (L), deltar inte under §§ 48–49
Sara Nord (SD)
Tjänstgörande ersättare
Olle Nyberg (C) ersätter Lisa Holm (C) från § 51
Rut Åkerman (S) ersätter Anna Berg (S), §§ 45–46

Övriga närvarande
Ersättare: Eva Strand (M)
Tjänstepersoner: Tomas Gren, kommundirektör; Malin Ros, sekreterare

Justerare: Mats Wikström (M)
Justeringens plats och tid: Kommunhuset 2025-09-30
Paragrafer: §§ 45–52

§ 45 Dnr KS 2025/00201
Val av justerare
Kommunstyrelsens beslut
Kommunstyrelsen utser Mats Wikström (M) att justera dagens protokoll.

§ 46 Dnr KS 2025/00188
Ändrad taxa för bygglov
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.
Per Ek (M) ankommer under ärendet och deltar inte i beslutet.

§ 47 Dnr KS 2025/00190
Budget 2026 och plan 2027–2028
Anna Berg (S) anländer kl. 14.10 och deltar från och med denna paragraf.
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att fastställa budget 2026.

§ 48 Dnr KS 2025/00192
Försäljning av fastigheten Tallen 4
Jan Sund (L) deltar inte under §§ 48–49.
Kommunstyrelsens beslut
Kommunstyrelsen godkänner försäljningen av fastigheten Tallen 4.

§ 49 Dnr KS 2025/00193
Markanvisning för bostäder i Norrby
Kommunstyrelsens beslut
Kommunstyrelsen ger samhällsbyggnadsförvaltningen i uppdrag att teckna markanvisningsavtal.
Sammanträdet ajourneras kl. 15.00–15.20.

§ 50 Dnr KS 2025/00195
Revidering av riktlinjer för bostadsanpassning
Kommunstyrelsens beslut
Kommunstyrelsen antar de reviderade riktlinjerna.
Lisa Holm (C) lämnar sammanträdet kl. 15.30 efter § 50; Olle Nyberg (C) tjänstgör därefter.

§ 51 Dnr KS 2025/00197
Uppföljning av internkontroll
Kommunstyrelsens beslut
Kommunstyrelsen ger kommundirektören i uppdrag att senast den 15 december 2025 redovisa åtgärder.

§ 52 Dnr KS 2025/00199
Anmälan av delegationsbeslut
Kommunstyrelsens beslut
Kommunstyrelsen lägger delegationsbesluten till handlingarna.
"""

# A nämnd whose roster lists everyone plainly and whose §§ alone tell the changes, as a
# PDF; a lunch adjournment in its header.
CHANGING_NAMND = (
    "PROTOKOLL",
    "Socialnämnden",
    "Sammanträdesdatum 2025-10-14",
    "",
    "Plats och tid: Stadshuset, sal Ljusnan, kl. 09.00–15.30",
    "Ajournering kl. 12.00–13.00 för lunch",
    "",
    "Beslutande",
    "Ledamöter",
    "Birgitta Falk (S), ordförande",
    "Hassan Omar (M), vice ordförande",
    "Ingrid Lund (KD)",
    "Stefan Vik (S)",
    "Tove Hed (V)",
    "Tjänstgörande ersättare",
    "Erik Sjöberg (S) ersätter Stefan Vik (S) från § 14",
    "",
    "Övriga närvarande",
    "Tjänstepersoner: Nina Dahl, socialchef; Oskar Berg, nämndsekreterare",
    "",
    "Justerare: Ingrid Lund (KD)",
    "Paragrafer: §§ 11–15",
    "",
    "§ 11 Dnr SN 2025/0301",
    "Val av justerare",
    "Socialnämndens beslut",
    "Socialnämnden utser Ingrid Lund (KD) att justera protokollet.",
    "",
    "§ 12 Dnr SN 2025/0288",
    "Verksamhetsplan för individ- och familjeomsorgen 2026",
    "Tove Hed (V) anländer kl. 09.40 och deltar från och med denna paragraf.",
    "Socialnämndens beslut",
    "Socialnämnden antar verksamhetsplanen.",
    "",
    "§ 13 Dnr SN 2025/0290",
    "Delårsbokslut",
    "Socialnämndens beslut",
    "Socialnämnden godkänner delårsbokslutet.",
    "Stefan Vik (S) lämnar sammanträdet kl. 11.45 efter § 13.",
    "",
    "§ 14 Dnr SN 2025/0295",
    "Avgifter inom hemtjänsten",
    "Hassan Omar (M) lämnar sammanträdet under ärendet.",
    "Socialnämndens beslut",
    "Socialnämnden föreslår kommunfullmäktige att anta avgifterna.",
    "",
    "§ 15 Dnr SN 2025/0299",
    "Anmälan av delegationsbeslut",
    "Socialnämndens beslut",
    "Socialnämnden lägger anmälan till handlingarna.",
)
KS_MEETING = "https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2025-09-23"
SN_MEETING = "https://w3id.org/beslutsgraf/id/meeting/socialnamnden/2025-10-14"


def _changing_ks(folder: Path) -> Path:
    path = folder / "ks_protokoll_2025-09-23.txt"
    path.write_text(CHANGING_KS, encoding="utf-8")
    return path


def _changing_namnd(folder: Path) -> Path:
    pdf = PagedPdf(bottom_margin=20)
    pdf.add_page()
    for line in CHANGING_NAMND:
        pdf.multi_cell(0, 5, pdf.fit(line) or " ", new_x="LMARGIN", new_y="NEXT")
    path = folder / "sn_protokoll_2025-10-14.pdf"
    pdf.output(str(path))
    return path


def _attended(store: EmbeddedStore, meeting: str) -> dict[str, set[int]]:
    """Each person's items, as cq4 reads them: bg:attendeeOfItem of the meeting's items."""
    rows = store.select(
        PREFIXES + f"SELECT ?n ?p WHERE {{ <{meeting}> bg:hasAgendaItem ?i . "
        "?i bg:itemNumber ?n ; bg:attendeeOfItem ?p }"
    )
    attended: dict[str, set[int]] = {}
    for row in rows:
        slug = row["p"].rsplit("/", 1)[-1].rstrip(">")
        attended.setdefault(slug, set()).add(int(row["n"].split('"')[1]))
    return attended


def _times(store: EmbeddedStore, meeting: str) -> list[str]:
    rows = store.select(
        "PREFIX schema: <http://schema.org/> "
        f"SELECT ?s ?e WHERE {{ <{meeting}> schema:startDate ?s ; schema:endDate ?e }}"
    )
    return [value.split('"')[1] for row in rows for value in (row["s"], row["e"])]


def test_arrivals_departures_and_absences_bound_the_items_attended(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    load(store, _changing_ks(tmp_path), quarantine_dir=tmp_path / "quarantine")
    attended = _attended(store, KS_MEETING)
    everything = set(range(45, 53))
    assert attended["karin-lovgren"] == everything
    # "anländer kl. 14.10 och deltar från och med § 47": not §§ 45–46; Rut Åkerman sat
    # for her on §§ 45–46 only.
    assert attended["anna-berg"] == set(range(47, 53))
    assert attended["rut-akerman"] == {45, 46}
    # "ankommer under § 46 och tjänstgör från § 47".
    assert attended["per-ek"] == set(range(47, 53))
    # "lämnar sammanträdet kl. 15.30 efter § 50": § 50 is hers, § 51 on her deputy's.
    assert attended["lisa-holm"] == set(range(45, 51))
    assert attended["olle-nyberg"] == {51, 52}
    assert store.ask(
        PREFIXES + "ASK { ?s bg:substitute <https://w3id.org/beslutsgraf/id/person/olle-nyberg> ;"
        f" bg:substituted {PERSON.format('lisa-holm')} ; bg:fromItem <{KS_MEETING}/item/51> }}"
    )
    # "deltar inte under §§ 48–49": every item but those two.
    assert attended["jan-sund"] == everything - {48, 49}
    # The meeting's own times; the adjournment and the arrivals' times are none of them,
    # and no clock time became a deadline.
    assert _times(store, KS_MEETING) == ["2025-09-23T13:00:00+02:00", "2025-09-23T16:45:00+02:00"]
    deadlines = store.select(PREFIXES + "SELECT ?d WHERE { ?x bg:deadline ?d }")
    assert {row["d"].split('"')[1] for row in deadlines} == {"2025-12-15"}


def test_changes_told_under_the_items_of_a_pdf_protocol(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    load(store, _changing_namnd(tmp_path), quarantine_dir=tmp_path / "quarantine")
    attended = _attended(store, SN_MEETING)
    assert attended["birgitta-falk"] == set(range(11, 16))
    # "Tove Hed (V) anländer kl. 09.40 och deltar från och med denna paragraf." in § 12.
    assert attended["tove-hed"] == set(range(12, 16))
    # "lämnar sammanträdet kl. 11.45 efter § 13": her deputy from § 14.
    assert attended["stefan-vik"] == {11, 12, 13}
    assert attended["erik-sjoberg"] == {14, 15}
    # "lämnar sammanträdet under ärendet" in § 14: not in its decision.
    assert attended["hassan-omar"] == {11, 12, 13}
    # The lunch break is no end of the meeting.
    assert _times(store, SN_MEETING) == ["2025-10-14T09:00:00+02:00", "2025-10-14T15:30:00+02:00"]
    assert not store.select(PREFIXES + "SELECT ?d WHERE { ?x bg:deadline ?d }")


@pytest.mark.parametrize(
    ("cell", "role_text", "items"),
    [
        ("Anna Berg (S), anländer kl. 14.10 och deltar från och med § 47", None, (47,)),
        ("Anna Berg (S), ledamot, lämnar sammanträdet kl. 15.30 efter § 50", "ledamot", (50,)),
        (
            "Anna Berg (S), ordförande (anländer kl. 14.10, deltar fr.o.m. § 47)",
            "ordförande",
            (47,),
        ),
        ("Anna Berg (S), tjänstgörande ersättare från § 48", "tjänstgörande ersättare", (48,)),
        ("Anna Berg (S), ej närvarande § 48", None, (48,)),
        ("Anna Berg, strateg, lämnade mötet kl. 15.00", "strateg", ()),
    ],
)
def test_a_note_on_attendance_is_no_role_or_organisation(
    cell: str, role_text: str | None, items: tuple[int, ...]
) -> None:
    person = parse_person(cell, 0, len(cell))
    assert person is not None and person.name == "Anna Berg"
    assert (person.role_text, person.organisation, person.items) == (role_text, None, items)


# A nämnd's Word protocol whose §§ alone tell who sits out which items and who takes the
# seat of one who left.
SITTING_OUT_NAMND = (
    "PROTOKOLL",
    "Kultur- och fritidsnämnden",
    "Sammanträdesdatum: 2025-11-18",
    "Plats och tid: Kulturhuset, sal Forsen, kl. 18.00–20.30",
    "",
    "Beslutande",
    "Maria Lund (S), ordförande",
    "Gustav Ekholm (C)",
    "Henrik Wallin (L)",
    "Pia Sundin (V)",
    "",
    "Ersättare",
    "Olle Nyberg (C)",
    "",
    "§ 20 Dnr KFN 2025/41",
    "Uppföljning per oktober 2025",
    "Gustav Ekholm (C) deltar inte under §§ 21–22.",
    "Beslut",
    "Kultur- och fritidsnämnden lägger Uppföljning per oktober 2025 till handlingarna.",
    "",
    "§ 21 Dnr KFN 2025/42",
    "Bidrag till föreningar",
    "Pia Sundin (V) deltar inte i handläggningen av § 22.",
    "Beslut",
    "Kultur- och fritidsnämnden beslutar att bevilja bidragen.",
    "",
    "§ 22 Dnr KFN 2025/43",
    "Lokaler för kulturskolan",
    "Henrik Wallin (L) lämnar sammanträdet kl. 19.40. Olle Nyberg (C) tjänstgör därefter.",
    "Beslut",
    "Kultur- och fritidsnämnden ger förvaltningen i uppdrag att senast den 31 mars 2026"
    " redovisa ett förslag.",
    "",
    "§ 23 Dnr KFN 2025/44",
    "Delegationsbeslut",
    "Beslut",
    "Kultur- och fritidsnämnden lägger delegationsbesluten till handlingarna.",
)
KFN_MEETING = "https://w3id.org/beslutsgraf/id/meeting/kultur-och-fritidsnamnden/2025-11-18"


def _sitting_out_namnd(folder: Path) -> Path:
    import docx

    document = docx.Document()
    for line in SITTING_OUT_NAMND:
        document.add_paragraph(line)
    path = folder / "kfn_protokoll_2025-11-18.docx"
    document.save(str(path))
    return path


def test_items_sat_out_and_a_seat_taken_after_a_departure_told_under_items(
    tmp_path: Path, store: EmbeddedStore
) -> None:
    load(store, _sitting_out_namnd(tmp_path), quarantine_dir=tmp_path / "quarantine")
    attended = _attended(store, KFN_MEETING)
    everything = set(range(20, 24))
    assert attended["maria-lund"] == everything
    # "deltar inte under §§ 21–22", told under § 20: those two items only.
    assert attended["gustav-ekholm"] == {20, 23}
    # "deltar inte i handläggningen av § 22", told under § 21: § 22, not § 21.
    assert attended["pia-sundin"] == everything - {22}
    # "lämnar sammanträdet kl. 19.40. Olle Nyberg (C) tjänstgör därefter." under § 22.
    assert attended["henrik-wallin"] == {20, 21}
    assert attended["olle-nyberg"] == {22, 23}
    assert store.ask(
        PREFIXES + f"ASK {{ <{KFN_MEETING}> bg:hasSubstitution ?s . "
        f"?s bg:substitute {PERSON.format('olle-nyberg')} ; "
        f"bg:substituted {PERSON.format('henrik-wallin')} ; bg:fromItem <{KFN_MEETING}/item/22> }}"
    )
    # The period the report covers is no deadline; the assignment's is.
    deadlines = store.select(PREFIXES + "SELECT ?d WHERE { ?x bg:deadline ?d }")
    assert {row["d"].split('"')[1] for row in deadlines} == {"2026-03-31"}
