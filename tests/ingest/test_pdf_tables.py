"""Ruled tables in PDF minutes as kommun Word templates print them: the page header a
boxed table on every page ("KOMMUNSTYRELSEN | SAMMANTRÄDESPROTOKOLL | Sida 2 (3)"), the
signature footer a boxed table too, and the attendance fields a table whose cells hold
one name a line, a role on the line under its name."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Mentions, PersonMention
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from tests.ingest.pdf_writer import PagedPdf

ROLE = "https://w3id.org/beslutsgraf/def#"
HEADER = (
    ("KOMMUNSTYRELSEN", "SAMMANTRÄDESPROTOKOLL", "Sida {page} ({pages})"),
    ("", "Sammanträdesdatum", "2024-05-15"),
)
FOOTER = ("Justerandes sign", "Utdragsbestyrkande")
FIELDS = (
    ("Plats och tid", "Kommunhuset, Sessionssalen, kl. 13.00–15.30"),
    (
        "Beslutande",
        "Anna Berg (S)\nordförande\nPer Ek (M)\n1:e vice ordförande\n"
        "Sara Bergström (V), tjänstgörande ersättare för Olof Dahl (V)\nKarin Holm (C)",
    ),
    ("Övriga närvarande", "Johan Wall\nkommundirektör\nMaria Fors\nsekreterare"),
)
DECISION = (
    "Kommunstyrelsen beslutar att godkänna årsredovisningen för 2023 och att överlämna "
    "den till kommunfullmäktige, att uppdra åt kommundirektören att redovisa hur "
    "underskottet inom socialnämndens verksamhet ska hanteras under 2024 och att "
    "förklara ärendet omedelbart justerat."
)


class _TemplatePdf(PagedPdf):
    """The running header and footer drawn as ruled tables, as a Word template has them."""

    def __init__(self) -> None:
        super().__init__(bottom_margin=30)

    def header(self) -> None:
        with self.table(
            col_widths=(60, 70, 60), first_row_as_headings=False, text_align="LEFT"
        ) as table:
            for cells in HEADER:
                row = table.row()
                for cell in cells:
                    row.cell(self.fit(cell.replace("{page}", str(self.page_no()))))
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-25)
        with self.table(first_row_as_headings=False, text_align="LEFT") as table:
            row = table.row()
            for cell in FOOTER:
                row.cell(cell)

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 5, self.fit(text), new_x="LMARGIN", new_y="NEXT")


def template_protocol(path: Path) -> Path:
    pdf = _TemplatePdf()
    pdf.add_page()
    with pdf.table(col_widths=(45, 125), first_row_as_headings=False, text_align="LEFT") as table:
        for label, values in FIELDS:
            row = table.row()
            row.cell(label)
            row.cell(pdf.fit(values))
    pdf.ln(6)
    pdf.paragraph("§ 45\nÅrsredovisning 2023")
    pdf.ln(3)
    pdf.paragraph("Ärendebeskrivning\n" + "Ekonomiavdelningen har upprättat årsredovisningen. " * 6)
    pdf.ln(3)
    pdf.paragraph("Beslut")
    pdf.set_y(pdf.page_break_trigger - 5)  # one line of the decision left on the page
    pdf.paragraph(DECISION)
    pdf.ln(3)
    pdf.paragraph("§ 46\nDelegationsbeslut")
    pdf.ln(3)
    pdf.paragraph("Beslut\nRedovisningen läggs till handlingarna.")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture(scope="module")
def protocol(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return template_protocol(tmp_path_factory.mktemp("pdf_tables") / "ks_2024-05-15.pdf")


@pytest.fixture(scope="module")
def mentions(protocol: Path) -> Mentions:
    return extract(segment(read(protocol)))


def _who(person: PersonMention) -> tuple[str, str | None, str | None]:
    role = person.role.removeprefix(ROLE) if person.role else None
    return person.name, person.party, role


def test_a_boxed_page_header_names_the_meeting_once(protocol: Path, mentions: Mentions) -> None:
    text = read(protocol).text
    assert text.startswith("KOMMUNSTYRELSEN\tSAMMANTRÄDESPROTOKOLL\tSida 1 (2)\n")
    # Once, from the first page; the footer table on no page.
    assert text.count("SAMMANTRÄDESPROTOKOLL") == text.count("Sammanträdesdatum") == 1
    assert "Justerandes sign" not in text
    meeting = mentions.meeting
    assert meeting.body is not None and meeting.body.casefold() == "kommunstyrelsen"
    assert meeting.date is not None and meeting.date.iso() == "2024-05-15"


def test_a_decision_over_a_page_break_holds_no_page_header(mentions: Mentions) -> None:
    (item,) = [item for item in mentions.items if item.number == 45]
    decision_text = " ".join(" ".join(d.text.split()) for d in item.decisions)
    assert "SAMMANTRÄDESPROTOKOLL" not in decision_text
    assert "2024-05-15" not in decision_text
    # The part on the next page still belongs to it.
    assert decision_text.endswith("förklara ärendet omedelbart justerat.")
    assert [item.number for item in mentions.items] == [45, 46]


def test_names_one_a_line_in_a_cell_are_people_of_their_own(mentions: Mentions) -> None:
    attendance = mentions.attendance
    assert [_who(person) for person in attendance.called] == [
        ("Anna Berg", "S", "ordforande"),
        ("Per Ek", "M", "forsteViceOrdforande"),
        ("Sara Bergström", "V", "tjanstgorandeErsattare"),
        ("Karin Holm", "C", None),
    ]
    assert attendance.chair is not None and attendance.chair.name == "Anna Berg"
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Bergström", "Olof Dahl")
    ]
    # Without parties only the line breaks part the two officials.
    assert [(p.name, p.role_text) for p in attendance.others_present] == [
        ("Johan Wall", "kommundirektör"),
        ("Maria Fors", "sekreterare"),
    ]


def test_a_name_wrapped_at_the_cell_edge_stays_one_entry(tmp_path: Path) -> None:
    pdf = _TemplatePdf()
    pdf.add_page()
    with pdf.table(col_widths=(45, 50), first_row_as_headings=False, text_align="LEFT") as table:
        row = table.row()
        row.cell("Beslutande")
        row.cell(pdf.fit("Sara Bergström (V), tjänstgörande ersättare för Olof Dahl (V)"))
    path = tmp_path / "wrap.pdf"
    path.write_bytes(bytes(pdf.output()))
    text = read(path).text
    assert "Beslutande\tSara Bergström (V), tjänstgörande ersättare för Olof Dahl (V)\n" in text


def test_a_table_on_top_of_one_page_only_is_content(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=10)
    for rows in ((("Namn", "Roll"), ("Anna Berg", "ordf")), (("Namn", "Roll"), ("Per Ek", "led"))):
        pdf.add_page()
        with pdf.table(first_row_as_headings=False) as table:
            for cells in rows:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
        pdf.multi_cell(0, 5, "Mötet avslutades.", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "tables.pdf"
    path.write_bytes(bytes(pdf.output()))
    text = read(path).text
    assert "Namn\tRoll\nAnna Berg\tordf" in text
    assert "Namn\tRoll\nPer Ek\tled" in text


def _table_pdf(rows: tuple[tuple[str, ...], ...], path: Path, widths: tuple[int, ...]) -> Path:
    """Short minutes whose attendance is one ruled table of `rows`."""
    pdf = _TemplatePdf()
    pdf.add_page()
    pdf.paragraph("Närvarande")
    pdf.ln(2)
    with pdf.table(col_widths=widths, first_row_as_headings=False, text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(4)
    pdf.paragraph("§ 1\nMötets öppnande\n\nOrdföranden öppnade mötet.")
    path.write_bytes(bytes(pdf.output()))
    return path


def test_a_second_line_in_one_cell_of_a_record_row_describes_its_person(tmp_path: Path) -> None:
    rows = (
        ("Namn", "Organisation", "Roll"),
        ("Helén Eliasson (S)", "Göteborgs Stad\nStadsledningskontoret", "ordförande"),
        ("Per Ek", "Göteborgs Stad", "ledamot"),
    )
    path = _table_pdf(rows, tmp_path / "record.pdf", (50, 100, 40))
    called = extract(segment(read(path))).attendance.called
    assert [(p.name, p.organisation, p.role_text) for p in called] == [
        ("Helén Eliasson", "Göteborgs Stad Stadsledningskontoret", "ordförande"),
        ("Per Ek", "Göteborgs Stad", "ledamot"),
    ]


def test_side_by_side_name_lists_keep_one_name_a_cell(tmp_path: Path) -> None:
    rows = (
        ("Ledamöter", "Ersättare"),
        ("Anna Berg (S)\nPer Ek (M)\nKarin Holm (C)", "Eva Lund (S)\nOla Ny (M)"),
    )
    path = _table_pdf(rows, tmp_path / "lists.pdf", (80, 80))
    document = read(path)
    assert "Anna Berg (S)\tEva Lund (S)\nPer Ek (M)\tOla Ny (M)\nKarin Holm (C)" in document.text
    people = {(p.name, p.party) for p in extract(segment(document)).people}
    assert people == {
        ("Anna Berg", "S"),
        ("Per Ek", "M"),
        ("Karin Holm", "C"),
        ("Eva Lund", "S"),
        ("Ola Ny", "M"),
    }
