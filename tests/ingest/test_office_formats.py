"""Word and PDF minutes made the way municipalities make them, beyond a line-by-line copy
of a text file: a Word template whose page header holds the body and the date, member
cells with one name per paragraph or per line break, a participants table with a
"Frånvarande" row group, and a PDF whose running page header and footer stand between
the parts of a decision that flows over a page break. Each must say what the same
minutes say as plain text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.table import _Cell

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load
from tests.ingest.pdf_writer import PagedPdf
from tests.ingest.test_formats_same_facts import facts_of

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX dct: <http://purl.org/dc/terms/> "
    "PREFIX oa: <http://www.w3.org/ns/oa#> "
)
ID = "https://w3id.org/beslutsgraf/id/"

# ---------------------------------------------------------------- a § protocol, three ways

RUNNING_HEADER = (
    ("ÅSBRO KOMMUN", "SAMMANTRÄDESPROTOKOLL", "Sida {page} av {pages}"),
    ("Kommunstyrelsen", "Sammanträdesdatum", "2025-04-08"),
)
RUNNING_FOOTER = "Justerandes signatur"
FIELDS = (
    ("Plats och tid", ("Kommunhuset, sammanträdesrum Eken, kl. 09.00–11.45",)),
    (
        "Beslutande",
        (
            "Anna Lindqvist (S), ordförande",
            "Per Sandberg (M), 1:e vice ordförande",
            "Karin Holm (S)",
            "Erik Nyström (C)",
            "Sara Bergström (V), tjänstgörande ersättare för Olof Dahl (V)",
        ),
    ),
    ("Ej tjänstgörande ersättare", ("Mikael Ek (S)", "Lena Sjöberg (M)")),
    ("Övriga närvarande", ("Johan Wall, kommundirektör", "Maria Fors, sekreterare")),
    ("Utses att justera", ("Karin Holm (S)",)),
    ("Justeringens plats och tid", ("Kommunkansliet 2025-04-14",)),
    ("Paragrafer", ("12–15",)),
)
BACKGROUND = (
    "Ekonomiavdelningen har upprättat årsredovisningen för 2024. Resultatet uppgår till "
    "12,5 miljoner kronor, vilket är 4 miljoner kronor bättre än budget. "
) * 3
ITEMS = (  # number, case number, title, background, lead-in, numbered clauses
    (12, "", "Val av justerare", "", "Kommunstyrelsen utser Karin Holm (S) att justera.", ()),
    (
        13,
        "Dnr KS 2025/41",
        "Årsredovisning 2024",
        BACKGROUND,
        "Kommunstyrelsen föreslår kommunfullmäktige besluta",
        (
            "att godkänna årsredovisningen för 2024,",
            "att överföra överskottet till resultatutjämningsreserven.",
        ),
    ),
    (
        14,
        "Dnr KS 2025/57",
        "Medborgarförslag om belysning vid Strandvägen",
        BACKGROUND,
        "Kommunstyrelsen beslutar",
        (
            "att avslå medborgarförslaget,",
            "att uppdra åt samhällsbyggnadsförvaltningen att se över belysningen i centrum "
            "och att redovisa resultatet av översynen till kommunstyrelsen senast i "
            "december 2025,",
            "att förklara medborgarförslaget besvarat.",
        ),
    ),
    (15, "", "Delegationsbeslut", "", "Redovisningen läggs till handlingarna.", ()),
)


def protocol_text() -> str:
    """The protocol as plain text: what a reader of the Word or PDF file sees."""
    lines = ["\t".join(RUNNING_HEADER[0]).format(page=1, pages=4)]
    lines += ["\t".join(RUNNING_HEADER[1]), ""]
    for label, values in FIELDS:
        lines += [f"{label}\t{values[0]}", *(f"\t{value}" for value in values[1:])]
    for number, case, title, background, lead, clauses in ITEMS:
        lines += ["", f"§ {number}\t{case}".rstrip(), title, ""]
        if background:
            lines += ["Ärendebeskrivning", background.strip(), ""]
        lines += ["Beslut", lead]
        lines += [f"{index}. {clause}" for index, clause in enumerate(clauses, 1)]
    return "\n".join(lines) + "\n"


def _cell_lines(cell: _Cell, values: tuple[str, ...], *, line_breaks: bool) -> None:
    """One value a paragraph, or (`line_breaks`) a line each in one paragraph (Shift+Enter)."""
    if line_breaks:
        paragraph = cell.paragraphs[0]
        for index, value in enumerate(values):
            run_ = paragraph.add_run(value)
            if index + 1 < len(values):
                run_.add_break()
        return
    cell.text = values[0]
    for value in values[1:]:
        cell.add_paragraph(value)


def word_protocol(path: Path, *, line_breaks: bool = False) -> Path:
    """The protocol as a Word template makes it: body, date and page number in the page
    header (a table), the signature line in the footer, the fields a two-column table,
    bold "§ 13  Dnr …" headings and the decision's clauses a "List Number" list."""
    document = docx.Document()
    section = document.sections[0]
    header = section.header.add_table(rows=2, cols=3, width=section.page_width)
    for row, cells in zip(header.rows, RUNNING_HEADER, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text.format(page=1, pages=4)
    section.footer.paragraphs[0].text = f"{RUNNING_FOOTER}\t\tUtdragsbestyrkande"
    table = document.add_table(rows=0, cols=2)
    for label, values in FIELDS:
        cells = table.add_row().cells
        cells[0].text = label
        _cell_lines(cells[1], values, line_breaks=line_breaks)
    wide = table.add_row().cells
    wide[0].merge(wide[1]).text = "Underskrifter"
    for number, case, title, background, lead, clauses in ITEMS:
        heading = f"§ {number}\t{case}".rstrip()
        document.add_paragraph().add_run(heading).bold = True
        document.add_paragraph().add_run(title).bold = True
        if background:
            document.add_paragraph().add_run("Ärendebeskrivning").bold = True
            document.add_paragraph(background.strip())
        document.add_paragraph().add_run("Beslut").bold = True
        document.add_paragraph(lead)
        for clause in clauses:
            document.add_paragraph(clause, style="List Number")
    document.save(str(path))
    return path


class _ProtocolPdf(PagedPdf):
    """A PDF with the running header on top of every page and the footer at its foot."""

    def __init__(self, *, running: bool = True) -> None:
        super().__init__(bottom_margin=25)
        self.running = running

    def header(self) -> None:
        if not self.running:
            return
        for cells in RUNNING_HEADER:
            for width, cell in zip((60, 70, 0), cells, strict=True):
                text = cell.replace("{page}", str(self.page_no()))
                self.cell(width, 5, self.fit(text))
            self.ln(5)
        self.ln(6)

    def footer(self) -> None:
        if not self.running:
            return
        self.set_y(-18)
        self.cell(120, 5, RUNNING_FOOTER)
        self.cell(0, 5, "Utdragsbestyrkande")

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 5, self.fit(text), new_x="LMARGIN", new_y="NEXT")


def pdf_protocol(path: Path) -> Path:
    """The protocol as a PDF: the fields a ruled table whose value cells hold several
    lines; § 13's clauses on the page after its lead-in, § 14's second clause wrapping
    from one page onto the next."""
    pdf = _ProtocolPdf()
    pdf.add_page()
    with pdf.table(col_widths=(45, 125), first_row_as_headings=False, text_align="LEFT") as table:
        for label, values in FIELDS:
            row = table.row()
            row.cell(label)
            row.cell(pdf.fit("\n".join(values)))
    pdf.add_page()
    for number, case, title, background, lead, clauses in ITEMS:
        pdf.cell(45, 5, f"§ {number}")
        pdf.cell(0, 5, case, new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(title)
        pdf.ln(2)
        if background:
            pdf.paragraph("Ärendebeskrivning")
            pdf.paragraph(background.strip())
            pdf.ln(2)
        pdf.paragraph("Beslut")
        pdf.paragraph(lead)
        if number == 13:
            pdf.add_page()  # the clauses follow on the next page, under its running header
        for index, clause in enumerate(clauses, 1):
            if number == 14 and index == 2:
                pdf.set_y(pdf.page_break_trigger - 5)  # one line left on the page
            pdf.paragraph(f"{index}. {clause}")
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture(scope="module")
def protocols(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("office")
    text = folder / "ks_protokoll_2025-04-08.txt"
    text.write_text(protocol_text(), encoding="utf-8")
    return {
        "txt": text,
        "docx": word_protocol(folder / "ks_protokoll_2025-04-08.docx"),
        "docx-breaks": word_protocol(folder / "ks_protokoll_2025-04-08_rad.docx", line_breaks=True),
        "pdf": pdf_protocol(folder / "ks_protokoll_2025-04-08.pdf"),
    }


def _mentions(path: Path) -> Mentions:
    return extract(segment(read(path)))


def _clauses(mentions: Mentions, number: int) -> list[str]:
    (item,) = [item for item in mentions.items if item.number == number]
    return [" ".join(decision.text.split()) for decision in item.decisions]


@pytest.mark.parametrize("fmt", ["docx", "docx-breaks", "pdf"])
def test_word_and_pdf_protocols_give_the_facts_of_the_text(
    protocols: dict[str, Path], fmt: str
) -> None:
    facts = facts_of(_mentions(protocols["txt"]))
    assert facts_of(_mentions(protocols[fmt])) == facts
    assert (facts.body, facts.date) == ("Kommunstyrelsen", "2025-04-08")
    assert (facts.start, facts.end) == ("09:00:00", "11:45:00")
    assert facts.chair == "Anna Lindqvist"
    assert facts.called == 5
    assert facts.substitutions == (("Sara Bergström", "Olof Dahl"),)
    assert [number for number, _ in facts.agenda] == [12, 13, 14, 15]
    # One decision per numbered clause, whether Word numbers them or the text does.
    assert [len(types) for _, types in facts.decision_types] == [1, 2, 3, 1]


def test_the_body_and_date_in_a_word_page_header_name_the_meeting(
    protocols: dict[str, Path],
) -> None:
    # Nothing in the document body says which board met when: the template's page
    # header does, on every page.
    document = read(protocols["docx"])
    meeting = extract(segment(document)).meeting
    assert (meeting.body, meeting.date and meeting.date.iso()) == ("Kommunstyrelsen", "2025-04-08")
    # Once, on top: the footer's signature line is no part of the minutes.
    assert document.text.count("Sammanträdesdatum") == 1
    assert document.text.startswith("ÅSBRO KOMMUN\tSAMMANTRÄDESPROTOKOLL\tSida 1 av 4\n")
    assert RUNNING_FOOTER not in document.text


def test_a_line_break_in_a_word_cell_parts_names_as_a_paragraph_does(
    protocols: dict[str, Path],
) -> None:
    with_breaks = read(protocols["docx-breaks"]).text
    assert "Beslutande\tAnna Lindqvist (S), ordförande\n\tPer Sandberg (M)," in with_breaks
    assert with_breaks == read(protocols["docx"]).text


def test_running_header_and_footer_of_a_pdf_stay_out_of_the_decisions(
    protocols: dict[str, Path],
) -> None:
    document = read(protocols["pdf"])
    mentions = extract(segment(document))
    # § 13's lead-in and clauses stand on two pages; § 14's second clause runs on.
    assert _clauses(mentions, 13) == [
        "att godkänna årsredovisningen för 2024,",
        "att överföra överskottet till resultatutjämningsreserven.",
    ]
    assert _clauses(mentions, 14) == [" ".join(clause.split()) for clause in ITEMS[2][5]]
    assert "december 2025" in document.text[document.text.index("2. att uppdra") :].split("\n")[0]
    # The page-1 header names the meeting; no later page's header or any footer is text.
    assert document.text.count("Sammanträdesdatum") == 1
    assert RUNNING_FOOTER not in document.text
    assert mentions.meeting.body == "Kommunstyrelsen"


# ------------------------------------------------------------ minutes with a row group

PARTICIPANTS = (
    ("Karin Öberg", "Västerdals kommun", "Ordförande"),
    ("Mattias Linde", "Region Västerdal", "Ledamot"),
    ("Sofia Berglund", "Åsby kommun", "Ledamot"),
    ("Nils Wikström", "Region Västerdal", "Sekreterare"),
)
ABSENT = (
    ("Helena Roos", "Åsby kommun", "Ledamot"),
    ("Jonas Falk", "Västerdals kommun", "Ledamot"),
)
MINUTES_TOP = (
    "Mötesanteckningar – Samverkansgruppen för äldreomsorg i Västerdal",
    "Datum: 2024-09-18",
    "Tid: 13.00–15.30",
    "Plats: Stadshuset, rum Ekbacken",
)
AGENDA = (
    ("Mötets öppnande", "Ordföranden Karin Öberg öppnade mötet."),
    ("Ekonomisk uppföljning", "Beslut: Samverkansgruppen noterar informationen."),
)


def word_minutes(path: Path) -> Path:
    """Minutes with one participants table: Namn, Organisation, Roll; a row merged across
    the table says "Frånvarande" over the rows of those who did not come."""
    document = docx.Document()
    document.add_paragraph(MINUTES_TOP[0], style="Heading 1")
    for line in MINUTES_TOP[1:]:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=3)
    for cells in (("Namn", "Organisation", "Roll"), *PARTICIPANTS, None, *ABSENT):
        row = table.add_row().cells
        if cells is None:
            row[0].merge(row[2]).text = "Frånvarande"
            continue
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    for title, text in AGENDA:
        document.add_paragraph(title, style="List Number")
        document.add_paragraph(text)
    document.save(str(path))
    return path


def pdf_minutes(path: Path) -> Path:
    pdf = _ProtocolPdf(running=False)
    pdf.add_page()
    for line in MINUTES_TOP:
        pdf.paragraph(line)
    pdf.ln(3)
    with pdf.table(first_row_as_headings=False, text_align="LEFT") as table:
        for cells in (("Namn", "Organisation", "Roll"), *PARTICIPANTS, None, *ABSENT):
            row = table.row()
            if cells is None:
                row.cell("Frånvarande", colspan=3)
                continue
            for text in cells:
                row.cell(pdf.fit(text))
    pdf.ln(3)
    for number, (title, text) in enumerate(AGENDA, 1):
        pdf.paragraph(f"{number}. {title}")
        pdf.paragraph(text)
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.mark.parametrize(
    ("suffix", "build"), [("docx", word_minutes), ("pdf", pdf_minutes)], ids=["docx", "pdf"]
)
def test_a_row_group_in_a_participants_table_lists_who_did_not_come(
    tmp_path: Path, suffix: str, build: Callable[[Path], Path]
) -> None:
    attendance = _mentions(build(tmp_path / f"samverkan_2024-09-18.{suffix}")).attendance
    called = {person.name: person for person in attendance.called}
    assert sorted(called) == sorted(name for name, _, _ in PARTICIPANTS + ABSENT)
    assert called["Helena Roos"].organisation == "Åsby kommun"
    assert sorted(person.name for person in attendance.absent) == ["Helena Roos", "Jonas Falk"]
    assert attendance.chair is not None and attendance.chair.name == "Karin Öberg"


# ------------------------------------------------------------------------ in the store


def test_office_minutes_in_the_store_quote_their_text(
    protocols: dict[str, Path], tmp_path: Path, store: EmbeddedStore
) -> None:
    minutes = word_minutes(tmp_path / "samverkan_2024-09-18.docx")
    files = [protocols["docx"], protocols["pdf"], minutes]
    load(store, *files, quarantine_dir=tmp_path / "q")
    samverkan = f"<{ID}meeting/samverkansgruppen-for-aldreomsorg-i-vasterdal/2024-09-18>"
    absent = store.select(PREFIXES + f"SELECT ?p WHERE {{ {samverkan} bg:absentee ?p }}")
    assert sorted(row["p"] for row in absent) == [
        f"<{ID}person/helena-roos>",
        f"<{ID}person/jonas-falk>",
    ]
    rows = store.select(
        PREFIXES + "SELECT DISTINCT ?text WHERE { ?m a bg:Meeting ; bg:heldBy ?body ; "
        "bg:hasAgendaItem ?item . ?item bg:itemNumber 14 ; bg:hasDecision ?d . "
        "?d bg:decisionText ?text }"
    )
    texts = sorted(" ".join(literal_value(row["text"]).split()) for row in rows)
    assert texts == sorted(" ".join(clause.split()) for clause in ITEMS[2][5])
    assert not any(RUNNING_FOOTER in text for text in texts)
    sources = {}
    for path in files:
        document = read(path)
        sources[f"<{ID}source/{document.sha256[:16]}>"] = document.source_text
    quotes = store.select(
        PREFIXES + "SELECT DISTINCT ?g ?exact ?start ?end WHERE { GRAPH ?g { "
        "?a a oa:Annotation ; oa:hasTarget ?t . ?t oa:hasSelector ?p, ?q . "
        "?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact } }"
    )
    assert len(quotes) > 30
    for row in quotes:
        start, end = (int(literal_value(row[name])) for name in ("start", "end"))
        assert literal_value(row["exact"]) == sources[row["g"]][start:end]
