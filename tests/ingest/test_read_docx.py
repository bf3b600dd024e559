"""Reading DOCX files: built here with python-docx from corpus text, read back in body order."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from beslutsgraf.ingest.document import MEDIA_TYPE_DOCX
from beslutsgraf.ingest.errors import CorruptDocx, EmptyDocument
from beslutsgraf.ingest.read import read
from tests.conftest import corpus_file
from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import meeting_people

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_AGENDA_ITEM = re.compile(r"(\d+)\. (.+)")
_BULLET = re.compile(r" ?[-•] (.+)")
_DATE = re.compile(
    r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti"
    r"|september|oktober|november|december) \d{4}\b"
)


def docx_of_corpus_text(text: str, path: Path) -> Path:
    """A Word document as an author would have written the minutes.

    Agenda items are an auto-numbered list (their numbers are not in the
    paragraph text), "-" lines are bullet paragraphs, tab-separated lines a
    table, everything else one paragraph per line.
    """
    document = docx.Document()
    # A running header of the later pages only: the first page has one of its own (empty).
    document.sections[0].different_first_page_header_footer = True
    document.sections[0].header.paragraphs[0].text = "SIDHUVUD SOM INTE SKA MED"
    next_item = 1
    table_rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        if table_rows:
            width = max(len(row) for row in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for row, cells in zip(table.rows, table_rows, strict=True):
                for cell, value in zip(row.cells, cells, strict=False):
                    cell.text = value
            table_rows = []
        if not line.strip():
            continue
        if (item := _AGENDA_ITEM.fullmatch(line)) and int(item[1]) == next_item:
            document.add_paragraph(item[2], style="List Number")
            next_item += 1
        elif bullet := _BULLET.fullmatch(line):
            document.add_paragraph(bullet[1], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def minutes_000_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = read(corpus_file("000")).text
    return docx_of_corpus_text(text, tmp_path_factory.mktemp("docx") / "000.docx")


def test_docx_of_000_has_the_names_dates_and_agenda_of_the_text(minutes_000_docx: Path) -> None:
    original = read(corpus_file("000")).text
    document = read(minutes_000_docx)
    assert document.media_type == MEDIA_TYPE_DOCX
    assert document.encoding is None
    assert document.extracted
    for line in (
        "Marina Johansson (S), Göteborgsregionen, vice ordförande",
        "Helén Eliasson (S), ordförande Regionstyrelsen, ordförande",
        "Helene Nordling ersätter Magnus Haggren under dagens möte.",
        "Rebecca Bretvold, Mötessekreterare VGR",
    ):
        assert f"\n{line}\n" in document.text
    dates = set(_DATE.findall(original))
    assert "6 mars 2025" in dates and "2025-01-30" in dates
    assert set(_DATE.findall(document.text)) == dates
    # Word numbers the agenda; the numbers come back as in the text file.
    agenda = [line for line in original.splitlines() if _AGENDA_ITEM.fullmatch(line)]
    assert "1. Mötets öppnande" in agenda and len(agenda) >= 10
    for line in agenda[:10]:
        assert f"\n{line}\n" in document.text
    assert "SIDHUVUD" not in document.text  # later pages' headers are not content


def test_docx_bullets_get_a_bullet_marker(minutes_000_docx: Path) -> None:
    text = read(minutes_000_docx).text
    assert "\n• 2025-01-30 Mötesanteckning SRO\n" in text
    assert "\n• Återkoppling från dialogkonferenserna\n" in text


def test_docx_offsets_quote_the_extracted_text(minutes_000_docx: Path) -> None:
    document = read(minutes_000_docx)
    start = document.text.index("Marina Johansson (S)")
    end = start + len("Marina Johansson (S)")
    assert document.quote(start, end) == "Marina Johansson (S)"


def test_docx_table_comes_out_as_tab_separated_lines_in_body_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Datum: 2026-05-13")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Styrgrupp Region"
    table.cell(0, 1).text = "Styrgrupp Kommun"
    table.cell(1, 0).text = "Karin Looström Muth, Västra Götalandsregionen (förhinder)"
    table.cell(1, 1).text = "Kristina Lännergren, VästKom (förhindrad)"
    table.cell(2, 0).text = "Björn Kalin, NU-sjukvården"
    # Two names in one cell: each gets its own line, still in the right column.
    right = table.cell(2, 1)
    right.text = "Monica Holmgren, Bollebygd kommun"
    right.add_paragraph("Ebba Gierow, Ale kommun (förhindrad)")
    heading = document.add_table(rows=1, cols=2)
    heading.cell(0, 0).merge(heading.cell(0, 1)).text = "Övriga deltagare"
    document.add_paragraph("Tid: 08:00 – 09.00")
    path = tmp_path / "styrgrupp.docx"
    document.save(str(path))
    assert read(path).text == (
        "Datum: 2026-05-13\n\n"
        "Styrgrupp Region\tStyrgrupp Kommun\n"
        "Karin Looström Muth, Västra Götalandsregionen (förhinder)\t"
        "Kristina Lännergren, VästKom (förhindrad)\n"
        "Björn Kalin, NU-sjukvården\tMonica Holmgren, Bollebygd kommun\n"
        "\tEbba Gierow, Ale kommun (förhindrad)\n\n"
        "Övriga deltagare\n\n"  # a merged cell is written once
        "Tid: 08:00 – 09.00"
    )


_TWO_LEVEL_LIST = (
    '<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
)
_NUM = '<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
_NUMBERED_PARAGRAPH = (
    '<w:pPr xmlns:w="{w}"><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr></w:pPr>'
)


def test_two_level_agenda_numbering_restarts_letters_under_each_item(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    numbering = document.part.numbering_part.element
    # Word wants every abstractNum before the first num.
    numbering.insert(0, parse_xml(_TWO_LEVEL_LIST.format(w=w)))
    numbering.append(parse_xml(_NUM.format(w=w)))
    for text, level in [
        ("Mötets öppnande", 0),
        ("närvaro/frånvaro", 1),
        ("övriga frågor", 1),
        ("Godkännande av dagens agenda", 0),
        ("dagordningen", 1),
    ]:
        paragraph = document.add_paragraph(text)
        paragraph._p.insert(0, parse_xml(_NUMBERED_PARAGRAPH.format(w=w, level=level)))
    path = tmp_path / "dagordning.docx"
    document.save(str(path))
    assert read(path).text == (
        "1. Mötets öppnande\na) närvaro/frånvaro\nb) övriga frågor\n"
        "2. Godkännande av dagens agenda\na) dagordningen"
    )


def test_truncated_docx(minutes_000_docx: Path, tmp_path: Path) -> None:
    path = tmp_path / "avbruten.docx"
    path.write_bytes(minutes_000_docx.read_bytes()[:3000])
    with pytest.raises(CorruptDocx) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"[E008] {path}: the DOCX is corrupt or not a Word document (")
    assert "\n" not in message


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "arkiv.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(CorruptDocx, match=r"arkiv\.docx"):
        read(path)


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    document.sections[0].footer.paragraphs[0].text = "Sida 1"
    path = tmp_path / "tom.docx"
    document.save(str(path))
    with pytest.raises(EmptyDocument, match=r"tom\.docx"):
        read(path)


def test_a_persons_organisation_broken_over_two_lines_stays_in_the_row(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Närvarande")
    rows = (
        ("Namn", "Organisation"),
        ("Anna Berg", "Västra Götalandsregionen,\nKoncernkontoret"),
        ("Per Ek", "Göteborgs Stad\nSocialförvaltningen Centrum"),
        ("Karin Holm", "Ale kommun"),
    )
    table = document.add_table(rows=len(rows), cols=2)
    for row, (name, organisation) in zip(table.rows, rows, strict=True):
        row.cells[0].text = name
        first, *rest = organisation.split("\n")
        run = row.cells[1].paragraphs[0].add_run(first)
        for line in rest:  # Shift+Enter in the cell
            run.add_break()
            run.add_text(line)
    document.add_paragraph("§ 1 Mötets öppnande")
    path = tmp_path / "gr_2024-05-15.docx"
    document.save(str(path))
    text = read(path).text
    assert "Anna Berg\tVästra Götalandsregionen, Koncernkontoret\n" in text
    assert "Per Ek\tGöteborgs Stad Socialförvaltningen Centrum\nKarin Holm\tAle kommun" in text


def _attendance_docx(path: Path, rows: list[str]) -> Path:
    """Kommunstyrelsen's minutes whose attendance list is `rows`, one paragraph each."""
    document = docx.Document()
    for line in ("KOMMUNSTYRELSEN", "Sammanträdesdatum 2024-09-10", "Närvarolista", *rows):
        document.add_paragraph(line)
    document.add_paragraph("§ 1 Mötets öppnande")
    document.add_paragraph("Ordföranden öppnade mötet.")
    document.save(str(path))
    return path


def test_rows_set_with_tab_stops_keep_their_empty_presence_cell(tmp_path: Path) -> None:
    rows = ["Ledamot\tParti\tNärvarande", "Anna Berg\tS\tX", "Per Ek\tM\t", "Karin Holm\tC\tX"]
    path = _attendance_docx(tmp_path / "ks_2024-09-10.docx", rows)
    assert "Närvarolista\n\nLedamot\tParti\tNärvarande\nAnna Berg\tS\tX\nPer Ek\tM\t\n" in (
        read(path).text
    )
    with loaded_store(tmp_path, path) as store:
        assert meeting_people(store, "absentee") == {"Per Ek"}
        assert meeting_people(store, "attendee") == {"Anna Berg", "Karin Holm"}


def test_a_table_row_that_ends_early_keeps_its_empty_columns(tmp_path: Path) -> None:
    document = docx.Document()
    rows = (("Ledamot", "Parti", "Närvarande"), ("Anna Berg", "S", "X"), ("Per Ek", "M", ""))
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    # Word's "row ends early": the last cell deleted, the grid column left without one.
    late = table.rows[2]._tr
    late.remove(late.tc_lst[-1])
    late.get_or_add_trPr().append(parse_xml(f'<w:gridAfter xmlns:w="{_W}" w:val="1"/>'))
    # A row that starts late: its one cell is the third column's.
    table.add_row()
    early = table.rows[3]._tr
    for tc in early.tc_lst[:-1]:
        early.remove(tc)
    early.get_or_add_trPr().append(parse_xml(f'<w:gridBefore xmlns:w="{_W}" w:val="2"/>'))
    table.rows[3].cells[0].text = "X"
    path = tmp_path / "narvaro.docx"
    document.save(str(path))
    assert read(path).text == ("Ledamot\tParti\tNärvarande\nAnna Berg\tS\tX\nPer Ek\tM\t\n\t\tX")


def test_a_name_merged_over_two_rows_keeps_its_organisations_second_row(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    for row, (name, organisation) in zip(
        table.rows,
        [
            ("Namn", "Organisation"),
            ("Per Ek", "Göteborgs Stad"),
            ("", "Socialförvaltningen Centrum"),
            ("Karin Holm", "Ale kommun"),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = name, organisation
    table.cell(1, 0).merge(table.cell(2, 0))  # the name cell spans both rows
    path = tmp_path / "gr.docx"
    document.save(str(path))
    assert read(path).text == (
        "Namn\tOrganisation\nPer Ek\tGöteborgs Stad Socialförvaltningen Centrum\n"
        "Karin Holm\tAle kommun"
    )


def test_members_and_deputies_side_by_side_keep_their_own_headings(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("KOMMUNSTYRELSEN", "Sammanträdesdatum 2024-09-10"):
        document.add_paragraph(line)
    rows = (
        ("Ledamöter", "Ersättare"),
        ("Anna Berg (S), ordförande", "Eva Lund (S)"),
        ("Per Ek (M)", "Ola Ny (M)"),
        ("Karin Holm (C)", ""),
    )
    table = document.add_table(rows=len(rows), cols=2)
    for row, cells in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = cells
    document.add_paragraph("§ 1 Mötets öppnande")
    document.add_paragraph("Ordföranden öppnade mötet.")
    path = tmp_path / "ks_2024-09-10.docx"
    document.save(str(path))
    with loaded_store(tmp_path, path) as store:
        roles = store.select(
            "PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            "SELECT ?name ?role WHERE { ?m org:member ?p ; org:role ?role . ?p foaf:name ?name }"
        )
        called = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
            "SELECT ?name WHERE { ?meeting bg:called ?p . ?p foaf:name ?name }"
        )
    deputies = {row["name"] for row in roles if row["role"].endswith("#ersattare>")}
    assert deputies == {'"Eva Lund"', '"Ola Ny"'}
    # The deputies' column lists those present, not those serving: no deputy is called.
    assert {row["name"] for row in called} == {'"Anna Berg"', '"Per Ek"', '"Karin Holm"'}
