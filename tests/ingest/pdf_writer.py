"""An A4 PDF writer for tests that draw running headers and footers (fpdf2), with a
Unicode font where the machine has one and a Latin-1 fallback where it has none."""

from __future__ import annotations

from fpdf import FPDF

from tests.ingest.test_read_pdf import _unicode_font


class PagedPdf(FPDF):
    def __init__(self, *, bottom_margin: float) -> None:
        super().__init__(format="A4")
        font = _unicode_font()
        self.family = "Body" if font else "helvetica"
        if font:
            self.add_font("Body", fname=str(font))
        self.set_font(self.family, size=10)
        self.set_auto_page_break(auto=True, margin=bottom_margin)
        self.alias_nb_pages("{pages}")

    def fit(self, text: str) -> str:
        """`text` as the font can print it (the fallback has no dashes beyond Latin-1)."""
        if self.family == "Body":
            return text
        return text.replace("–", "-").encode("latin-1", "replace").decode("latin-1")


class SignedPdf(PagedPdf):
    """Every page under a letterhead of rows of cells (`{page}` numbers the page) and over
    the signature line a protocol's pages carry, as Word exports them."""

    def __init__(
        self,
        letterhead: tuple[tuple[str, ...], ...],
        widths: tuple[float, ...],
        *,
        bottom_margin: float = 25,
    ) -> None:
        self.letterhead, self.widths = letterhead, widths
        super().__init__(bottom_margin=bottom_margin)

    def header(self) -> None:
        for cells in self.letterhead:
            for width, cell in zip(self.widths, cells, strict=True):
                self.cell(width, 5, self.fit(cell.replace("{page}", str(self.page_no()))))
            self.ln(5)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-18)
        self.cell(120, 5, "Justerandes sign")
        self.cell(0, 5, "Utdragsbestyrkande")

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, 5, self.fit(text), new_x="LMARGIN", new_y="NEXT")
