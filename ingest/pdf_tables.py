"""The text of a ruled PDF table (pdfplumber's `find_tables`), one line per row and its
cells separated by tabs, as the DOCX reader gives a Word table.

A cell holding several lines ("Anna Berg (S)" over "ordförande" over "Per Ek (M)", a
name list one per line) is read line by line from the words' positions:

* a line that only wrapped at the cell's edge (its first word would not have fitted on
  the line before) runs on with a space, as in a paragraph;
* a line the author broke that starts with a capital starts a new entry ("Per Ek (M)"):
  it goes on the table's next text line, under its cell, with the row's other cells
  empty (line k of every cell on line k), so each name stands alone in its cell;
* a broken line that starts in lower case or with a digit ("ordförande", "1:e vice
  ordförande", the date under "Sammanträdesdatum") says more of the entry above it and
  runs on with a space, as "Anna Berg (S) ordförande" would be written on one line.

A row with two or more cells of one entry each is one record ("Per Ek | Göteborgs
Stad / Stadsledningskontoret | ordförande"): a second line in one of its cells
describes the same person, so each cell's lines run on with spaces and the row stays
one text line. Parted, it would leave a line with no name in the name column. So does
a person's row whose organisation goes on on a second line ("Göteborgs Stad" over
"Socialförvaltningen Centrum", `table_records`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

from beslutsgraf.ingest.pdf_layout import Line, Table, Word, is_soft_wrap, lines_of
from beslutsgraf.ingest.table_records import record_rows

__all__ = ["table_of"]

_Box = tuple[float, float, float, float]
# A cell's padding is measured, not guessed as a page's margin is: less slack for where
# its lines wrap, so a long entry that ends near the rule keeps the next name apart.
_CELL_WRAP_SLACK = 0.2


def table_of(found: Any, words: Sequence[Word]) -> Table:
    """The table pdfplumber `found`, its cells' text made of the page's `words` in them."""
    table: list[list[list[str]]] = []
    for row in found.rows:
        cells = [_cell_entries(cell, words) if cell else [] for cell in row.cells]
        if sum(len(entries) == 1 for entries in cells) >= 2:
            cells = [[" ".join(entries)] for entries in cells]
        table.append(cells)
    rows: list[str] = []
    for cells in record_rows(table):
        for line in zip_longest(*cells, fillvalue=""):
            if any(line):
                rows.append("\t".join(line))
    _, top, _, bottom = found.bbox
    return Table(tuple(rows), float(top), float(bottom))


def inside(word: Word, box: _Box) -> bool:
    """Whether the middle of `word` lies in `box` (x0, top, x1, bottom)."""
    x_middle = (word.x0 + word.x1) / 2
    y_middle = (word.top + word.bottom) / 2
    return box[0] <= x_middle <= box[2] and box[1] <= y_middle <= box[3]


def _cell_entries(box: _Box, words: Sequence[Word]) -> list[str]:
    lines = lines_of([word for word in words if inside(word, box)])
    if not lines:
        return []
    # Text wraps as far from the cell's right rule as it starts from the left one.
    padding = min(line.words[0].x0 for line in lines) - box[0]
    margin = box[2] - max(padding, 0.0)
    entries: list[str] = []
    previous: Line | None = None
    for line in (Line(line.words, right_margin=margin) for line in lines):
        text = " ".join(word.text for word in line.words)
        if previous is not None and not _starts_entry(previous, line):
            entries[-1] += " " + text
        else:
            entries.append(text)
        previous = line
    return entries


def _starts_entry(previous: Line, line: Line) -> bool:
    return not is_soft_wrap(previous, line, _CELL_WRAP_SLACK) and line.words[0].text[:1].isupper()
