"""Minutes in layouts the rules were not written from: Markdown minutes whose attendance
is a table, a § protocol whose page header repeats on every page (read from text and
from a PDF), and a protokollsutdrag whose date sits beside the body in the page header."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import Mentions, PersonMention
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load
from tests.ingest.test_formats_same_facts import facts_of
from tests.ingest.test_read_pdf import MinutesPdf

HERE = Path(__file__).parent
MARKDOWN = HERE / "minutes" / "samverkan_minnesanteckningar_2024-09-18.md"
PAGED = HERE / "protocols" / "socialnamnden_protokoll_2024-11-27.txt"
EXTRACT = HERE / "protocols" / "regionstyrelsen_protokollsutdrag_2024-06-11.txt"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX dct: <http://purl.org/dc/terms/> "
ID = "https://w3id.org/beslutsgraf/id/"


@cache
def _mentions(path: Path) -> Mentions:
    return extract(segment(read(path)))


def _names(people: tuple[PersonMention, ...]) -> list[str]:
    return sorted(person.name for person in people)


# --------------------------------------------------------------------------- Markdown


def test_markdown_table_rows_read_as_tab_separated_cells() -> None:
    document = read(MARKDOWN)
    assert "Namn\tOrganisation\tRoll\nKarin Öberg\tVästerdals kommun\tOrdförande\n" in (
        document.text
    )
    assert "|" not in document.text and "---" not in document.text
    # Every cell still maps back to its place in the Markdown source.
    start = document.text.index("Västerdals kommun\tOrdförande")
    source_start, source_end = document.offsets.to_source(start, start + len("Västerdals kommun"))
    assert document.source_text[source_start:source_end] == "Västerdals kommun"


def test_markdown_attendance_tables_give_who_was_called_present_and_absent() -> None:
    mentions = _mentions(MARKDOWN)
    attendance = mentions.attendance
    assert mentions.meeting.body == "Samverkansgruppen för äldreomsorg i Västerdal"
    called = {person.name: person for person in attendance.called}
    assert sorted(called) == [
        "Helena Roos",
        "Jonas Falk",
        "Karin Öberg",
        "Mattias Linde",
        "Nils Wikström",
        "Sofia Berglund",
    ]
    assert called["Sofia Berglund"].organisation == "Åsby kommun"
    assert called["Mattias Linde"].organisation == "Region Västerdal"
    assert _names(attendance.absent) == ["Helena Roos", "Jonas Falk"]
    assert attendance.chair is not None and attendance.chair.name == "Karin Öberg"
    assert _names(attendance.secretaries) == ["Nils Wikström"]
    assert attendance.minutes_taker is not None
    assert attendance.minutes_taker.name == "Nils Wikström"
    assert [p.date.iso() for p in mentions.planned_meetings] == ["2024-11-20"]


def test_a_presence_column_marks_who_did_not_come(tmp_path: Path) -> None:
    # A table with no heading above it: its heading row says it lists people.
    text = MARKDOWN.read_text(encoding="utf-8")
    table = (
        "| Namn | Organisation | Roll | Närvarande |\n"
        "|------|--------------|------|:----------:|\n"
        "| Karin Öberg | Västerdals kommun | Ordförande | Ja |\n"
        "| Mattias Linde | Region Västerdal | Ledamot | Ja |\n"
        "| Helena Roos | Åsby kommun | Ledamot | Nej |\n"
        "| Nils Wikström | Region Västerdal | Sekreterare | Ja |\n\n"
    )
    path = tmp_path / "deltagare.md"
    path.write_text(text[: text.index("## Närvarande")] + table + text[text.index("## 1.") :])
    attendance = extract(segment(read(path))).attendance
    called = {person.name: person for person in attendance.called}
    assert sorted(called) == ["Helena Roos", "Karin Öberg", "Mattias Linde", "Nils Wikström"]
    # "Ja"/"Nej" is no organisation or role of the person.
    assert called["Helena Roos"].organisation == "Åsby kommun"
    assert called["Helena Roos"].role_text == "Ledamot"
    assert _names(attendance.absent) == ["Helena Roos"]
    assert attendance.chair is not None and attendance.chair.name == "Karin Öberg"


def test_markdown_minutes_in_the_store(store: EmbeddedStore) -> None:
    load(store, MARKDOWN)
    meeting = f"<{ID}meeting/samverkansgruppen-for-aldreomsorg-i-vasterdal/2024-09-18>"

    def people(prop: str) -> list[str]:
        rows = store.select(PREFIXES + f"SELECT ?p WHERE {{ {meeting} bg:{prop} ?p }}")
        return sorted(row["p"].removeprefix(f"<{ID}person/").rstrip(">") for row in rows)

    assert people("attendee") == [
        "karin-oberg",
        "mattias-linde",
        "nils-wikstrom",
        "sofia-berglund",
    ]
    assert people("absentee") == ["helena-roos", "jonas-falk"]
    assert people("chair") == ["karin-oberg"]
    assert people("secretary") == ["nils-wikstrom"]
    planned = store.select(
        PREFIXES + "SELECT ?d WHERE { ?m bg:meetingStatus bg:planned ; dct:date ?d }"
    )
    assert [literal_value(row["d"]) for row in planned] == ["2024-11-20"]


# --------------------------------------------------------------------------- page headers

_RUN = re.compile(r"\S+(?: \S+)*")
_PAGE_FOOTER = "Justerandes signatur"


def pdf_of_paged_text(text: str, path: Path, size: float = 9) -> Path:
    """An A4 PDF of a text laid out in columns: each run of words where its characters
    stand, a new page after each page footer, which sits at the foot of its page."""
    pdf = MinutesPdf(size=size)
    width = pdf.pdf.get_string_width("n")
    lines = text.splitlines()
    for index, line in enumerate(lines):
        footer = line.startswith(_PAGE_FOOTER)
        top = pdf.pdf.h - 20 if footer else pdf.pdf.get_y()
        for words in _RUN.finditer(line):
            pdf.pdf.set_xy(pdf.pdf.l_margin + words.start() * width, top)
            pdf.pdf.cell(text=pdf.fit(words.group(0)))
        pdf.pdf.set_xy(pdf.pdf.l_margin, top + size * 0.5)
        if footer and index + 1 < len(lines):
            pdf.pdf.add_page()
    return pdf.save(path)


def test_page_header_protocol_names_body_and_date_as_text_and_as_pdf(tmp_path: Path) -> None:
    pdf = pdf_of_paged_text(PAGED.read_text(encoding="utf-8"), tmp_path / "protokoll.pdf")
    text_facts = facts_of(_mentions(PAGED))
    pdf_facts = facts_of(extract(segment(read(pdf))))
    assert pdf_facts == text_facts
    # "ÄLVDALS KOMMUN    PROTOKOLL    1(3)" names the municipality; the body is under it,
    # the date under "Sammanträdesdatum" in the right column.
    assert text_facts.body == "Socialnämnden"
    assert text_facts.date == "2024-11-27"
    assert (text_facts.start, text_facts.end) == ("13:30:00", "16:15:00")
    assert text_facts.chair == "Maria Holmgren"
    assert text_facts.called == 5
    assert text_facts.absent == ("Kent Olofsson",)
    assert text_facts.substitutions == (("Elsa Wiik", "Kent Olofsson"),)
    assert [number for number, _ in text_facts.agenda] == [101, 102, 103, 104, 105]


def test_protocol_extract_with_its_date_beside_the_body_is_placed(store: EmbeddedStore) -> None:
    meeting = _mentions(EXTRACT).meeting
    assert meeting.body == "Regionstyrelsen"
    assert meeting.date is not None and meeting.date.iso() == "2024-06-11"
    load(store, EXTRACT)
    (row,) = store.select(
        PREFIXES + "SELECT ?m ?body ?title WHERE { ?m a bg:Meeting ; bg:heldBy ?body ; "
        "bg:hasAgendaItem [ bg:itemNumber 142 ; dct:title ?title ] }"
    )
    assert row["m"] == f"<{ID}meeting/regionstyrelsen/2024-06-11>"
    assert row["body"] == f"<{ID}org/regionstyrelsen>"
    assert literal_value(row["title"]) == "Regional plan för kompetensförsörjning 2025–2028"


# --------------------------------------------------------------------------- assignees


def test_an_assignee_the_minutes_list_as_present_is_a_person(store: EmbeddedStore) -> None:
    # "… och ger Rasmus Olin i uppdrag att …": Rasmus Olin is under "Närvarande".
    minutes = HERE / "protocols" / "arbetsgrupp_minnesanteckningar_2024-03-06.txt"
    load(store, minutes)
    rows = store.select(PREFIXES + "SELECT ?who WHERE { ?a a bg:Assignment ; bg:assignee ?who }")
    assert [row["who"] for row in rows] == [f"<{ID}person/rasmus-olin>"]
    named = store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        'SELECT ?o WHERE { ?o skos:prefLabel "Rasmus Olin"@sv }'
    )
    assert named == []
