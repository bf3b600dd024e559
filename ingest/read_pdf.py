"""Extract the text of a PDF in reading order with pdfplumber.

Layout of the extracted text:

* pages are separated by a blank line ("\\n\\n"), unless a paragraph runs on
  from one page to the next (a soft wrap, as below: a space);
* running page headers and footers (the same line or ruled table at the same
  height at the top or foot of every page, "Sida 2 av 4" with its page number)
  are left out, but for the first page's header, which names the body and the
  date (`pdf_furniture`);
* lines are rebuilt from word positions; a wide gap between two words on a
  line (a table column without rules, a "Datum:    2026-05-13" header)
  becomes a tab, a wider vertical gap between lines a blank line; a row
  whose first cells are empty starts with their tabs, but for a line alone in a
  later column under a person's row that goes on with that row's organisation
  ("Göteborgs Stad" over "Socialförvaltningen Centrum"), which joins the row;
* a paragraph the PDF wrapped at the right margin is one line again, its
  wraps turned into spaces (a soft wrap: the next line's first word would
  not have fitted on the line before), so a list of names that wraps reads
  like the text the author typed; a line that ends early stays a line;
* a two-column page is read left column first, then the right one: a column
  gutter is a vertical band in the middle of the page that most lines have
  words on both sides of and almost no line crosses; lines that do cross it
  (a title over both columns) are kept in place between column blocks;
* ruled tables (pdfplumber's `find_tables`) come out one line per row,
  cells separated by tabs, at the table's position on the page; a cell's lines
  that start new entries (a name under a name) go on the lines below, under
  their cell (`pdf_tables`).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from beslutsgraf.ingest.pdf_furniture import Furniture, page_content, page_furniture
from beslutsgraf.ingest.pdf_layout import Line, Page, Table, Word, is_soft_wrap, lines_of
from beslutsgraf.ingest.pdf_tables import inside, table_of
from beslutsgraf.ingest.table_records import goes_on_with

__all__ = ["ExtractedPdf", "PdfFormatError", "extract_pdf_text"]

PAGE_SEPARATOR = "\n\n"
# A paragraph break leaves more than half a line of white above the next line.
_PARAGRAPH_GAP = 0.6
# A gutter splits at least this share of lines and is crossed by at most the
# other share (titles and headings that span both columns).
_MIN_SPLIT_SHARE = 0.4
_MAX_CROSSING_SHARE = 0.15
_MIN_GUTTER_WIDTH = 6.0  # points
_SAME_COLUMN = 2.0  # points between cell starts of one table column
_MIN_COLUMN_FILL = 0.75  # median left-column line width / column width


class PdfFormatError(Exception):
    """pdfplumber could not parse the file; `read` turns it into `TruncatedOrCorruptPdf`."""


@dataclass(frozen=True)
class ExtractedPdf:
    text: str
    page_count: int


def extract_pdf_text(data: bytes) -> ExtractedPdf:
    """The text of the PDF whose bytes are `data`, in reading order (see the module docstring)."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layouts = [_page_layout(page) for page in pdf.pages]
        furniture = page_furniture(layouts)
        pages = [_page_lines(layout, furniture, len(layouts)) for layout in layouts]
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise PdfFormatError("it is encrypted or password-protected") from error
    except (PdfminerException, PDFException, PSException) as error:
        raise PdfFormatError(_describe(error)) from error
    except (ValueError, KeyError, TypeError, AssertionError, zlib.error) as error:
        # pdfminer lets these escape from damaged streams and object tables.
        raise PdfFormatError(_describe(error)) from error
    return ExtractedPdf(_join_pages(pages), len(layouts))


def _join_pages(pages: Sequence[Sequence[Line | Table | None]]) -> str:
    """The pages' text, a blank line apart, or a space where a paragraph runs on."""
    parts: list[str] = []
    previous: Line | Table | None = None
    for items in pages:
        text = _render(items)
        if not text:
            continue
        first = next((item for item in items if item is not None), None)
        if parts:
            runs_on = (
                isinstance(previous, Line)
                and isinstance(first, Line)
                and is_soft_wrap(previous, first)
            )
            parts.append(" " if runs_on else PAGE_SEPARATOR)
        parts.append(text)
        previous = next((item for item in reversed(items) if item is not None), None)
    return "".join(parts)


def _describe(error: Exception) -> str:
    # pdfplumber wraps pdfminer's errors; the inner one says what broke.
    inner = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return "it is encrypted or password-protected"
    return f"{type(inner).__name__}: {inner}".rstrip(": ")


def _page_layout(page: Any) -> Page:
    words = [
        Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words()
    ]
    found = page.find_tables()
    tables = tuple(table_of(table, words) for table in found)
    outside = [word for word in words if not any(inside(word, table.bbox) for table in found)]
    width, height = float(page.width), float(page.height)
    return Page(int(page.page_number), tuple(lines_of(outside)), tables, width, height)


def _page_lines(page: Page, furniture: Furniture, page_count: int) -> list[Line | Table | None]:
    """The page's content (`page_content`) in reading order."""
    lines, tables = page_content(page, furniture, page_count)
    gutter = _gutter(lines, page.width)
    if gutter is None:
        lines = tuple(_with_continued_cells(_with_empty_leading_cells(lines)))
    right_margin = _right_margin(lines, page.width)
    items: list[Line | _ColumnLine | Table] = [
        _split_line(line, gutter, right_margin) for line in lines
    ]
    items.extend(tables)
    items.sort(key=lambda item: item.top)
    return _reading_order(items)


def _right_margin(lines: Sequence[Line], page_width: float) -> float:
    """Where the page's text wraps: as far from the right edge as the text starts from
    the left one (word processors' margins), or further right if some line goes there.
    A narrower guess would join lines the author broke by hand."""
    left = min((line.words[0].x0 for line in lines), default=0.0)
    # Only lines that start in the left half of the page and end on it: text set
    # beyond the page's edge is clipped from view and says nothing of margins.
    ends = (
        line.words[-1].x1
        for line in lines
        if line.words[0].x0 < page_width / 2 and line.words[-1].x1 <= page_width
    )
    return max([page_width - left, *ends])


def _with_empty_leading_cells(lines: Sequence[Line]) -> list[Line]:
    """Give a row that starts in a later table column the tabs of its empty cells.

    ("\\tEbba Gierow, Ale kommun" in a two-column member list: without the
    tab the name would move to the first column.)
    """
    columns = [line.cell_starts() for line in lines]
    margin = min((starts[0] for starts in columns), default=0.0)
    result: list[Line] = []
    for line, starts in zip(lines, columns, strict=True):
        empty = 0
        if starts[0] > margin + 2 * line.size:
            empty = next(
                (
                    index
                    for other in columns
                    for index, x in enumerate(other)
                    if index and abs(x - starts[0]) <= _SAME_COLUMN
                ),
                0,
            )
        result.append(replace(line, empty_cells_before=empty) if empty else line)
    return result


def _with_continued_cells(lines: Sequence[Line]) -> list[Line]:
    """Join a row's cell that goes on on the line below it, alone in its column there
    ("Per Ek    Göteborgs Stad    ledamot" over "           Socialförvaltningen Centrum"),
    to the row (`table_records.goes_on_with`): a row of its own, it would have nobody in
    its name column."""
    result: list[Line] = []
    for line in lines:
        joined = _continued(result[-1], line) if result else None
        if joined is not None:
            result[-1] = joined
        else:
            result.append(line)
    return result


def _continued(row: Line, line: Line) -> Line | None:
    """`row` with `line` in the cell above it, when `line` goes on with that cell."""
    column = line.empty_cells_before
    if not column or row.empty_cells_before or len(line.cell_starts()) != 1:
        return None
    if line.top - row.bottom > _PARAGRAPH_GAP * row.size:
        return None
    cells = row.cells()
    if column >= len(cells):
        return None
    first, entry = (" ".join(word.text for word in cells[i]) for i in (0, column))
    if not goes_on_with(first, entry):
        return None
    # The line's words go after the cell's last word: the row's text reads them there,
    # a space apart (they start left of where the cell's first line ends).
    before = [w for cell in cells[: column + 1] for w in cell]
    after = [w for cell in cells[column + 1 :] for w in cell]
    return replace(row, words=(*before, *line.words, *after))


def _gutter(lines: Sequence[Line], page_width: float) -> tuple[float, float] | None:
    """The x-range of the column gutter, or None for a one-column page."""
    if len(lines) < 4:
        return None
    max_crossing = max(1.0, _MAX_CROSSING_SHARE * len(lines))
    min_split = max(3.0, _MIN_SPLIT_SHARE * len(lines))
    best: tuple[int, float, float] | None = None  # (split lines, start, end)
    run_start: float | None = None
    run_split = 0
    x = page_width * 0.25
    while x <= page_width * 0.75 + 1:
        crossing = sum(1 for line in lines if any(w.x0 - 1 <= x <= w.x1 + 1 for w in line.words))
        split = sum(1 for line in lines if _splits(line, x))
        if crossing <= max_crossing and split >= min_split:
            if run_start is None:
                run_start, run_split = x, split
            run_split = max(run_split, split)
        elif run_start is not None:
            best = _wider(best, (run_split, run_start, x - 1))
            run_start = None
        x += 1
    if run_start is not None:
        best = _wider(best, (run_split, run_start, x - 1))
    if best is None or best[2] - best[1] < _MIN_GUTTER_WIDTH:
        return None
    if not _left_column_is_full(lines, best[1], best[2]):
        return None
    return best[1], best[2]


def _splits(line: Line, x: float) -> bool:
    return any(w.x1 < x for w in line.words) and any(w.x0 > x for w in line.words)


def _left_column_is_full(lines: Sequence[Line], gutter_start: float, gutter_end: float) -> bool:
    """Whether left-column lines run up to the gutter, as wrapped text does.

    Labels and values ("Datum:" … "2026-05-13") or a table of short names
    also leave a white band down the page, but their left parts end far from
    it; reading them column by column would part each label from its value.
    """
    middle = (gutter_start + gutter_end) / 2
    margin = min(word.x0 for line in lines for word in line.words)
    fills = sorted(
        (max(w.x1 for w in line.words if w.x1 < middle) - margin) / (gutter_start - margin)
        for line in lines
        if _splits(line, middle)
    )
    return bool(fills) and fills[len(fills) // 2] >= _MIN_COLUMN_FILL


def _wider(
    best: tuple[int, float, float] | None, candidate: tuple[int, float, float]
) -> tuple[int, float, float]:
    if best is None:
        return candidate
    return max(best, candidate, key=lambda run: (run[0], run[2] - run[1]))


@dataclass(frozen=True)
class _ColumnLine:
    """A line cut at the gutter: its left-column and right-column words."""

    left: Line | None
    right: Line | None
    top: float


def _split_line(
    line: Line, gutter: tuple[float, float] | None, right_margin: float
) -> Line | _ColumnLine:
    if gutter is None:
        return replace(line, right_margin=right_margin)
    middle = (gutter[0] + gutter[1]) / 2
    left = tuple(w for w in line.words if w.x1 < middle)
    right = tuple(w for w in line.words if w.x0 > middle)
    if len(left) + len(right) < len(line.words):
        return line  # crosses the gutter: a heading over both columns
    return _ColumnLine(
        Line(left, right_margin=gutter[0]) if left else None,
        Line(right, right_margin=right_margin) if right else None,
        line.top,
    )


def _reading_order(items: Sequence[Line | _ColumnLine | Table]) -> list[Line | Table | None]:
    """Flatten to reading order; None marks a break between column blocks or tables."""
    ordered: list[Line | Table | None] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        ordered.extend(left)
        if left and right:
            ordered.append(None)
        ordered.extend(right)
        if left or right:
            ordered.append(None)
        left.clear()
        right.clear()

    for item in items:
        if isinstance(item, _ColumnLine):
            left.extend([item.left] if item.left else [])
            right.extend([item.right] if item.right else [])
            continue
        flush()
        # A table is a block of its own, like a paragraph.
        ordered.extend([None, item, None] if isinstance(item, Table) else [item])
    flush()
    return ordered


def _render(items: Sequence[Line | Table | None]) -> str:
    parts: list[str] = []
    previous: Line | None = None
    for item in items:
        if item is None:
            previous = None
            if parts and parts[-1] != "\n\n":
                parts.append("\n\n")
            continue
        if isinstance(item, Table):
            text = "\n".join(item.rows)
            line: Line | None = None
        else:
            text, line = item.text(), item
        if not text:
            continue
        if parts and parts[-1] != "\n\n":
            parts.append(_line_break(previous, line))
        parts.append(text)
        previous = line
    while parts and parts[-1] == "\n\n":
        parts.pop()
    return "".join(parts)


def _line_break(previous: Line | None, line: Line | None) -> str:
    """What separates two consecutive lines: a blank line, a newline or, for a soft
    wrap inside a paragraph, a space."""
    if previous is None or line is None:
        return "\n"
    if line.top - previous.bottom > _PARAGRAPH_GAP * previous.size:
        return "\n\n"
    return " " if is_soft_wrap(previous, line) else "\n"
