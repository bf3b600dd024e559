"""Notices of a meeting, published beside the protocols: a kommunstyrelse's "Kallelse och
föredragningslista" (text), a kommunfullmäktige's "Kungörelse" (Word) and a regional
nämnd's "Föredragningslista" (PDF). Each announces one meeting of its owner's body, with
its time, place and the items it is to handle: a planned meeting with those topics, never
a held one with agenda items, attendees or a chair. The protocol of the same meeting,
ingested with the notice or after it, describes that one node as held."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load
from tests.ingest.pdf_writer import PagedPdf

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX dct: <http://purl.org/dc/terms/> "
    "PREFIX schema: <http://schema.org/> "
)
ID = "https://w3id.org/beslutsgraf/id/"
DEF = "https://w3id.org/beslutsgraf/def#"

# ------------------------------------------------------------------ the three notices

KS_ITEMS = (
    ("Val av justerare", None),
    ("Godkännande av föredragningslistan", None),
    ("Delårsrapport per augusti 2025", "KS 2025/212"),
    ("Budget 2026 och flerårsplan 2027–2028", "KS 2025/188"),
    ("Revidering av avfallsplan", "KS 2025/97"),
    ("Svar på motion om solceller på kommunens fastigheter", "KS 2024/301"),
    ("Delegationsbeslut", "KS 2025/15"),
    ("Meddelanden", "KS 2025/16"),
)


def ks_notice_text() -> str:
    """A kommunstyrelse's notice under its kommun's page header, eight numbered items with
    their Dnr (one with its presenter), and the chair and secretary who sign it."""
    items = []
    for number, (title, case) in enumerate(KS_ITEMS, 1):
        items.append(f"{number}. {title}")
        if case:
            items.append(f"Dnr {case}")
        if number == 4:
            items.append("Föredragande: ekonomichef Lena Sjöholm")
    return "\n".join(
        [
            "ÅSBRO KOMMUN\tKALLELSE\t1(2)",
            "Kommunstyrelsen",
            "",
            "Kallelse och föredragningslista",
            "",
            "Tid: tisdagen den 14 oktober 2025 kl. 13.00",
            "Plats: Kommunhuset, sammanträdesrum Eken",
            "",
            "Ärenden",
            "",
            *items,
            "",
            "Förhinder anmäls till kommunkansliet, telefon 0571-123 45 eller kansli@asbro.se.",
            "Ersättare kallas särskilt.",
            "",
            "Anna Lindqvist",
            "Ordförande",
            "",
            "Maria Fors",
            "Sekreterare",
            "",
        ]
    )


def ks_protocol_text() -> str:
    """The protocol of the meeting the notice announces, in § form."""
    return "\n".join(
        [
            "ÅSBRO KOMMUN\tSAMMANTRÄDESPROTOKOLL\t1(3)",
            "Kommunstyrelsen",
            "",
            "Plats och tid: Kommunhuset, sammanträdesrum Eken, tisdagen den 14 oktober 2025 "
            "kl. 13.00–15.30",
            "",
            "Beslutande:",
            "Anna Lindqvist (S), ordförande",
            "Per Sandberg (M), 1:e vice ordförande",
            "Karin Holm (S)",
            "Erik Nyström (C)",
            "",
            "Övriga närvarande:",
            "Maria Fors, sekreterare",
            "",
            "Utses att justera: Karin Holm (S)",
            "",
            "Paragrafer: 101–103",
            "",
            "§ 101 Val av justerare",
            "Kommunstyrelsen beslutar att utse Karin Holm (S) att jämte ordföranden justera "
            "protokollet.",
            "",
            "§ 102 Delårsrapport per augusti 2025",
            "Dnr KS 2025/212",
            "Kommunstyrelsen beslutar att godkänna delårsrapporten per augusti 2025.",
            "",
            "§ 103 Budget 2026 och flerårsplan 2027–2028",
            "Dnr KS 2025/188",
            "Kommunstyrelsen föreslår kommunfullmäktige besluta att fastställa budget 2026.",
            "",
        ]
    )


KF_ITEMS = (
    "Upprop",
    "Val av justerare och tid för justering",
    "Allmänhetens frågestund",
    "Delårsrapport per augusti 2025",
    "Skattesats för 2026",
    "Val av ledamot i socialnämnden efter Johan Berg (KD)",
    "Motion om gratis kollektivtrafik för pensionärer",
    "Anmälan av nya motioner",
)


def kf_notice_docx(path: Path) -> Path:
    """A kommunfullmäktige's Kungörelse as Word paragraphs: the letterhead, the body, the
    time and place, the numbered items and the chair and secretary who sign it."""
    document = docx.Document()
    for line in (
        "NORRVIKENS KOMMUN",
        "Kommunfullmäktige",
        "KUNGÖRELSE",
        "",
        "Tid: måndagen den 27 oktober 2025 kl. 18.30",
        "Plats: Medborgarhusets sessionssal, Norrviken",
        "",
        "Ärenden",
    ):
        document.add_paragraph(line)
    for number, title in enumerate(KF_ITEMS, 1):
        document.add_paragraph(f"{number}. {title}")
    for line in (
        "",
        "Sammanträdet är offentligt. Ersättare kallas särskilt.",
        "",
        "Karl-Erik Svensson",
        "Ordförande",
        "Annika Ström",
        "Sekreterare",
    ):
        document.add_paragraph(line)
    document.save(str(path))
    return path


RN_ITEMS = (
    ("Upprop och anmälan om ersättare", None),
    ("Val av justerare", None),
    ("Ekonomisk uppföljning oktober 2025", "HSN 2025-00412"),
    ("Patientsäkerhetsberättelse 2024", "HSN 2025-00377"),
    ("Remissvar om nationell cancerstrategi", "HSN 2025-00401"),
    ("Anmälan av delegationsbeslut", None),
)


def regional_notice_pdf(path: Path) -> Path:
    """A regional nämnd's Föredragningslista as a PDF: "Ärende N" items with Dnr and a
    presenter, time as a range, and who to tell of a hindrance."""
    pdf = PagedPdf(bottom_margin=20)
    pdf.add_page()
    lines = [
        "Region Norrbrunn",
        "Föredragningslista",
        "Hälso- och sjukvårdsnämnden",
        "",
        "Tid: onsdagen den 19 november 2025, kl. 09.00–15.00",
        "Plats: Regionens hus, sammanträdesrum Älven, Storvik",
        "",
    ]
    for number, (title, case) in enumerate(RN_ITEMS, 1):
        lines.append(f"Ärende {number} {title}")
        if case:
            lines.append(f"Dnr {case}")
        if number == 3:
            lines.append("Föredragande: ekonomidirektör Petra Lund")
    lines += [
        "",
        "Förhinder anmäls till nämndsekreteraren.",
        "",
        "Nils Åkesson, ordförande",
        "Jenny Holm, nämndsekreterare",
    ]
    for line in lines:
        pdf.multi_cell(0, 5, pdf.fit(line), new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))
    return path


# ------------------------------------------------------------------------------ the facts


@pytest.fixture
def notices(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "ks").mkdir()
    ks = tmp_path / "ks" / "kallelse-ks-2025-10-14.txt"
    ks.write_text(ks_notice_text(), encoding="utf-8")
    return {
        "ks": ks,
        "kf": kf_notice_docx(tmp_path / "kungorelse-kf-2025-10-27.docx"),
        "rn": regional_notice_pdf(tmp_path / "foredragningslista-hsn-2025-11-19.pdf"),
    }


def _values(store: EmbeddedStore, query: str) -> list[str]:
    return sorted({literal_value(row["v"]) for row in store.select(PREFIXES + query)})


def _meetings(store: EmbeddedStore) -> list[tuple[str, str, str, str]]:
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?m ?body ?date ?status WHERE { ?m a bg:Meeting ; "
        "bg:heldBy ?body ; dct:date ?date ; bg:meetingStatus ?status }"
    )
    return sorted(
        (
            row["m"].strip("<>").removeprefix(ID),
            row["body"].strip("<>").removeprefix(ID),
            literal_value(row["date"]),
            row["status"].strip("<>").removeprefix(DEF),
        )
        for row in rows
    )


NOTICE_FACTS = {
    "ks": (
        "meeting/kommunstyrelsen-i-asbro-kommun/2025-10-14",
        "org/kommunstyrelsen-i-asbro-kommun",
        "2025-10-14",
        "2025-10-14T13:00:00+02:00",
        "Kommunhuset, sammanträdesrum Eken",
        [title for title, _ in KS_ITEMS],
    ),
    "kf": (
        "meeting/kommunfullmaktige-i-norrvikens-kommun/2025-10-27",
        "org/kommunfullmaktige-i-norrvikens-kommun",
        "2025-10-27",
        "2025-10-27T18:30:00+01:00",
        "Medborgarhusets sessionssal, Norrviken",
        list(KF_ITEMS),
    ),
    "rn": (
        "meeting/halso-och-sjukvardsnamnden-i-region-norrbrunn/2025-11-19",
        "org/halso-och-sjukvardsnamnden-i-region-norrbrunn",
        "2025-11-19",
        "2025-11-19T09:00:00+01:00",
        "Regionens hus, sammanträdesrum Älven, Storvik",
        [title for title, _ in RN_ITEMS],
    ),
}


@pytest.mark.parametrize("name", sorted(NOTICE_FACTS))
def test_a_notice_announces_one_planned_meeting_of_its_owners_body_with_its_items(
    name: str, notices: dict[str, Path], store: EmbeddedStore
) -> None:
    load(store, notices[name])
    meeting, body, day, start, place, topics = NOTICE_FACTS[name]
    assert _meetings(store) == [(meeting, body, day, "planned")]
    node = f"<{ID}{meeting}>"
    assert _values(store, f"SELECT ?v WHERE {{ {node} schema:startDate ?v }}") == [start]
    assert _values(store, f"SELECT ?v WHERE {{ {node} schema:location ?v }}") == [place]
    assert _values(store, f"SELECT ?v WHERE {{ {node} bg:plannedTopic ?v }}") == sorted(topics)
    kinds = store.select(PREFIXES + "SELECT ?k WHERE { ?s bg:documentKind ?k }")
    assert [row["k"] for row in kinds] == [f"<{DEF}notice>"]


@pytest.mark.parametrize("name", sorted(NOTICE_FACTS))
def test_a_notice_reports_no_items_decisions_attendance_or_chair(
    name: str, notices: dict[str, Path], store: EmbeddedStore
) -> None:
    load(store, notices[name])
    held = "bg:hasAgendaItem|bg:attendee|bg:called|bg:chair|bg:secretary|bg:absentee|bg:invited"
    assert store.select(PREFIXES + f"SELECT ?m WHERE {{ ?m {held} ?x }}") == []
    for kind in ("bg:AgendaItem", "bg:Decision", "<http://xmlns.com/foaf/0.1/Person>"):
        assert store.select(PREFIXES + f"SELECT ?x WHERE {{ ?x a {kind} }}") == [], kind


def _protocol(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "protokoll-ks-2025-10-14.txt"
    path.write_text(ks_protocol_text(), encoding="utf-8")
    return path


def _assert_one_held_meeting_with_the_protocols_items(store: EmbeddedStore) -> None:
    meeting = "meeting/kommunstyrelsen-i-asbro-kommun/2025-10-14"
    body = "org/kommunstyrelsen-i-asbro-kommun"
    # One node; the notice's graph still says what it announced (planned), the
    # protocol's that it was held.
    assert _meetings(store) == [
        (meeting, body, "2025-10-14", "held"),
        (meeting, body, "2025-10-14", "planned"),
    ]
    node = f"<{ID}{meeting}>"
    items = store.select(
        PREFIXES + f"SELECT DISTINCT ?n ?t WHERE {{ {node} bg:hasAgendaItem [ bg:itemNumber ?n ; "
        "dct:title ?t ] }"
    )
    assert sorted((literal_value(r["n"]), literal_value(r["t"])) for r in items) == [
        ("101", "Val av justerare"),
        ("102", "Delårsrapport per augusti 2025"),
        ("103", "Budget 2026 och flerårsplan 2027–2028"),
    ]
    assert len(_values(store, f"SELECT ?v WHERE {{ {node} bg:plannedTopic ?v }}")) == 8
    attendees = store.select(PREFIXES + f"SELECT DISTINCT ?p WHERE {{ {node} bg:attendee ?p }}")
    assert len(attendees) == 5  # the four who decided and the secretary


def test_a_notice_and_its_protocol_in_one_run_give_one_held_meeting(
    notices: dict[str, Path], store: EmbeddedStore
) -> None:
    folder = notices["ks"].parent
    load(store, notices["ks"], _protocol(folder))
    _assert_one_held_meeting_with_the_protocols_items(store)


def test_a_protocol_ingested_after_its_notice_describes_the_same_meeting_as_held(
    notices: dict[str, Path], store: EmbeddedStore
) -> None:
    load(store, notices["ks"])
    load(store, _protocol(notices["ks"].parent))
    _assert_one_held_meeting_with_the_protocols_items(store)
