"""Reading PDFs: built here with fpdf2 from corpus text, read back with pdfplumber."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from beslutsgraf.ingest.document import MEDIA_TYPE_PDF
from beslutsgraf.ingest.errors import ScannedPdf, TruncatedOrCorruptPdf
from beslutsgraf.ingest.read import read
from tests.conftest import corpus_file

# A Unicode TrueType font for "–", "➤" and friends; the core PDF fonts stop
# at Latin-1 (which still covers å, ä, ö, é).
_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def _unicode_font() -> Path | None:
    for candidate in _FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    # Where no system font exists, matplotlib (if installed) ships DejaVu.
    matplotlib = importlib.util.find_spec("matplotlib")
    if matplotlib is None or matplotlib.origin is None:
        return None
    bundled = Path(matplotlib.origin).parent / "mpl-data/fonts/ttf/DejaVuSans.ttf"
    return bundled if bundled.is_file() else None


class MinutesPdf:
    """An A4 PDF with one font, written line by line like a word processor would."""

    def __init__(self, size: float = 10) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        font = _unicode_font()
        if font is not None:
            self.pdf.add_font("Body", fname=str(font))
            self.family = "Body"
        else:
            self.family = "helvetica"
        self.unicode = font is not None
        self.size = size
        self.pdf.set_font(self.family, size=size)
        self.pdf.add_page()

    def fit(self, text: str) -> str:
        if self.unicode:
            return text
        text = text.replace("–", "-").replace("➤", ">").replace("•", "-")
        return text.encode("latin-1", "replace").decode("latin-1")

    def paragraph(self, text: str, width: float | None = None) -> None:
        # Back to the left margin afterwards, as a new paragraph starts (fpdf2's default
        # would set the next one to the right of this one, off the page).
        self.pdf.multi_cell(
            width or self.pdf.epw,
            self.size * 0.5,
            self.fit(text),
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def row(self, cells: list[str]) -> None:
        """A table row without rules: cells side by side at fixed column positions."""
        width = self.pdf.epw / len(cells)
        for cell in cells:
            text = self.fit(cell)
            while self.pdf.get_string_width(text) > width - 4:
                text = text[:-1]  # never let a cell run into the next one
            self.pdf.cell(width, self.size * 0.5, text)
        self.pdf.ln(self.size * 0.5)

    def save(self, path: Path) -> Path:
        path.write_bytes(bytes(self.pdf.output()))
        return path


def pdf_of_corpus_text(text: str, path: Path) -> Path:
    pdf = MinutesPdf(size=8)
    for line in text.splitlines():
        if not line.strip():
            pdf.pdf.ln(2)
        elif "\t" in line:
            pdf.row(line.split("\t"))
        else:
            pdf.paragraph(line)
    return pdf.save(path)


@pytest.fixture(scope="module")
def minutes_004_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = read(corpus_file("004")).text
    return pdf_of_corpus_text(source, tmp_path_factory.mktemp("pdf") / "004.pdf")


def test_pdf_of_004_has_the_names_and_dates_of_the_text(minutes_004_pdf: Path) -> None:
    original = read(corpus_file("004")).text
    document = read(minutes_004_pdf)
    assert document.media_type == MEDIA_TYPE_PDF
    assert document.encoding is None
    assert document.extracted
    assert document.text.startswith("# Mötesanteckning\n")
    for name in ("Monica Holmgren", "Karin Looström Muth", "Sebastian Nydén", "Isabelle Alknäs"):
        assert name in document.text
    for phrase in ("Datum: 2026-05-13", "Tid: 08:00 – 09.00", "Mötesform: Digitalt via Teams"):
        assert phrase in document.text
    dates = set(re.findall(r"\b20\d\d-\d\d-\d\d\b", original))
    assert dates and dates == set(re.findall(r"\b20\d\d-\d\d-\d\d\b", document.text))


def test_pdf_of_004_keeps_every_member_of_the_steering_group(minutes_004_pdf: Path) -> None:
    original = read(corpus_file("004")).text
    table = original[original.index("Styrgrupp Region") : original.index("Övriga deltagare")]
    members = [cell.split(",")[0] for line in table.splitlines()[1:] for cell in line.split("\t")]
    members = [member.strip() for member in members if member.strip()]
    assert len(members) == 21
    text = read(minutes_004_pdf).text
    missing = [member for member in members if member not in text]
    assert missing == []
    # Rows keep their columns, an empty first cell included, as in the .txt.
    assert "\nSusanne Lidén, Närhälsan\tMonica Holmgren, Bollebygd kommun\n" in text
    assert "\n\tEbba Gierow, Ale kommun (förhindrad)\n" in text


def test_pdf_quotes_point_into_the_extracted_text(minutes_004_pdf: Path) -> None:
    document = read(minutes_004_pdf)
    start = document.text.index("Monica Holmgren")
    assert document.quote(start, start + len("Monica Holmgren")) == "Monica Holmgren"


def test_two_column_page_reads_left_column_then_right(tmp_path: Path) -> None:
    pdf = MinutesPdf(size=10)
    pdf.paragraph("Mötesanteckning SRO 2025-03-06 Politiskt samrådsorgan mellan VästKom och VGR")
    pdf.pdf.ln(4)
    top = pdf.pdf.get_y()
    column_width = (pdf.pdf.epw - 10) / 2
    left = (
        "Vänster början. Helén Eliasson (S) öppnade mötet och hälsade alla välkomna. "
        "Ordföranden konstaterade att kallelse skett i behörig ordning och att "
        "dagordningen godkändes utan ändringar. Vänster slut."
    )
    right = (
        "Höger början. Marina Johansson (S) från Göteborgsregionen redogjorde för "
        "arbetet med det nya hälso- och sjukvårdsavtalet och tidsplanen fram till "
        "beslutet i juni 2025. Höger slut."
    )
    pdf.pdf.set_xy(pdf.pdf.l_margin, top)
    pdf.paragraph(left, column_width)
    pdf.pdf.set_xy(pdf.pdf.l_margin + column_width + 10, top)
    pdf.paragraph(right, column_width)
    document = read(pdf.save(tmp_path / "two-columns.pdf"))
    text = " ".join(document.text.split())  # line wrapping is the PDF's, not ours
    order = [
        text.index("Mötesanteckning SRO 2025-03-06"),
        text.index("Vänster början."),
        text.index("Vänster slut."),
        text.index("Höger början."),
        text.index("Höger slut."),
    ]
    assert order == sorted(order)
    # Whole left-column sentences survive line wrapping as words in order.
    left_part = text[order[1] : order[3]]
    assert "Helén Eliasson (S) öppnade mötet och hälsade alla välkomna." in left_part
    assert "Marina" not in left_part


def test_one_column_page_with_a_header_block_is_not_split(tmp_path: Path) -> None:
    pdf = MinutesPdf(size=10)
    for label, value in [("Datum:", "2026-05-13"), ("Tid:", "08:00 – 09.00"), ("Plats:", "Teams")]:
        pdf.row([label, value])
    pdf.pdf.ln(4)
    pdf.paragraph(
        "Ordföranden öppnade mötet. Styrgruppen ställer sig bakom förslaget till tidsplan "
        "och ger arbetsgruppen i uppdrag att återkomma med en slutrapport i augusti 2026. " * 3
    )
    text = read(pdf.save(tmp_path / "header.pdf")).text
    assert text.startswith("Datum:\t2026-05-13\nTid:\t08:00 – 09.00\nPlats:\tTeams\n")
    assert "förslaget till tidsplan och ger arbetsgruppen" in " ".join(text.split())


def test_ruled_table_comes_out_as_tab_separated_rows(tmp_path: Path) -> None:
    pdf = MinutesPdf(size=10)
    pdf.paragraph("Närvarande ledamöter")
    pdf.pdf.ln(2)
    rows = [
        ("Namn", "Organisation", "Roll"),
        ("Helén Eliasson (S)", "Västra Götalandsregionen", "ordförande"),
        ("Marina Johansson (S)", "Göteborgsregionen", "vice ordförande"),
    ]
    with pdf.pdf.table(first_row_as_headings=False) as table:
        for cells in rows:
            table_row = table.row()
            for cell in cells:
                table_row.cell(cell)
    pdf.pdf.ln(4)
    pdf.paragraph("Mötet avslutades kl. 12.00.")
    text = read(pdf.save(tmp_path / "table.pdf")).text
    expected = "\n".join("\t".join(cells) for cells in rows)
    assert f"Närvarande ledamöter\n\n{expected}\n\nMötet avslutades kl. 12.00." in text


def test_pages_are_separated_by_a_blank_line_in_page_order(tmp_path: Path) -> None:
    pdf = MinutesPdf(size=10)
    pdf.paragraph("Sida ett: 1. Mötets öppnande")
    pdf.pdf.add_page()
    pdf.paragraph("Sida två: 2. Val av justerare")
    text = read(pdf.save(tmp_path / "pages.pdf")).text
    assert text == "Sida ett: 1. Mötets öppnande\n\nSida två: 2. Val av justerare"


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_pdf(minutes_004_pdf: Path, tmp_path: Path, keep: float) -> None:
    data = minutes_004_pdf.read_bytes()
    path = tmp_path / "avbruten.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(TruncatedOrCorruptPdf) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"[E006] {path}: the PDF is truncated or corrupt (")
    assert "download or export it again" in message and "\n" not in message


def test_text_file_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.pdf"
    path.write_text("Mötesanteckning 2025-03-06\n", encoding="utf-8")
    with pytest.raises(TruncatedOrCorruptPdf, match=r"protokoll\.pdf.*not a PDF"):
        read(path)


def test_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    Image.new("L", (200, 280), color=235).save(scan)
    pdf = FPDF(format="A4")
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(scan), x=0, y=0, w=210)
    path = tmp_path / "inskannat protokoll.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(ScannedPdf) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(f"[E007] {path}: none of the PDF's 2 page(s) has extractable text")
    assert "OCR is not supported" in message


def test_a_paragraph_wrapped_at_the_margin_reads_as_one_line(tmp_path: Path) -> None:
    pdf = MinutesPdf(size=10)
    absent = (
        "Frånvaro: Miguel Odhner (S) Göteborgsregionen, Theres Sahlström (M) Skaraborg, "
        "Peter Eriksson (M) Fyrbodal, Malin Swärd Davidsson beredning Västkom, Anna Lärk "
        "Ståhlberg förbundsdirektör Fyrbodal, Magnus Haggren, förbundsdirektör "
        "Boråsregionen, Lars Holmin (M)"
    )
    pdf.paragraph(absent)  # three lines on A4 at 10 pt, the last one short
    pdf.paragraph("Kort rad")  # ends early: the author's own line break
    pdf.paragraph("b) övriga frågor")
    # A sentence that fills the line, then a new one: the author's break, too.
    pdf.paragraph("Dagens agenda godkänns utan ändringar och mötet fortsätter enligt plan " * 2)
    pdf.paragraph("Inga övriga frågor.")
    text = read(pdf.save(tmp_path / "wrapped.pdf")).text
    assert text.split("\n") == [
        absent,
        "Kort rad",
        "b) övriga frågor",
        ("Dagens agenda godkänns utan ändringar och mötet fortsätter enligt plan " * 2).strip(),
        "Inga övriga frågor.",
    ]
