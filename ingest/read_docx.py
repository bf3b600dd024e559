"""Extract the text of a DOCX file: body paragraphs and tables in document order.

Layout of the extracted text (it mirrors the corpus, which came out of the
same kind of conversion):

* paragraphs are separated by a blank line; consecutive list paragraphs by a
  single newline; empty paragraphs are dropped;
* list paragraphs get the marker Word would draw: "• " for bullets, "1. ",
  "a) " … for numbered lists (agenda items are usually auto-numbered, and
  the number is not in the paragraph's text);
* paragraphs set with tab stops ("Anna Berg (S)<TAB>ordförande<TAB>X") are the rows
  of a table: consecutive ones by a single newline, their empty cells kept as tabs;
* a table is one block, one line per row, cells separated by a tab, one cell for each
  column of the table's grid (a row that starts late or ends early, a cell that spans
  columns: the later cells stay under their headings); a cell holding several
  paragraphs (or lines broken with Shift+Enter) spreads over several lines, line k of
  every cell on line k, so a two-column member table keeps one name per cell; in a
  person's row, a second line that goes on with the organisation above it ("Göteborgs
  Stad" over "Socialförvaltningen Centrum") stays on the row (`table_records`);
* the page header of the first page comes first, once (Word templates keep the
  body, "Sammanträdesdatum" and the date there, as a PDF of the same file shows
  them on top of page 1); later pages' headers, footers, comments and footnotes
  are ignored.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from beslutsgraf.ingest.table_records import record_rows

__all__ = ["DocxFormatError", "extract_docx_text"]

_LINE_KINDS = frozenset({"list", "tab_row"})
_BODY_BLOCKS = "./w:p | ./w:tbl | ./w:sdt/w:sdtContent/w:p | ./w:sdt/w:sdtContent/w:tbl"


class DocxFormatError(Exception):
    """The bytes are not a readable DOCX package; `read` turns it into `CorruptDocx`."""


def extract_docx_text(data: bytes) -> str:
    """The text of the DOCX file whose bytes are `data` (see the module docstring)."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocxFormatError(_describe(error)) from error
    except SyntaxError as error:  # lxml's XMLSyntaxError: a part's XML is cut off or broken
        raise DocxFormatError(f"broken XML: {error}") from error
    numbering = _Numbering.of(document)
    blocks: list[str] = []
    previous_kind = ""
    for element in [*_first_page_header(document), *document.element.body.xpath(_BODY_BLOCKS)]:
        if element.tag == qn("w:tbl"):
            block, kind = _table_text(element, document), "table"
        else:
            paragraph = Paragraph(element, document)
            marker = numbering.marker(element, paragraph)
            block = marker + paragraph.text if paragraph.text.strip() else ""
            kind = "list" if marker else "tab_row" if "\t" in block.strip() else ""
        if not block.strip():
            continue
        if blocks:
            # List items, and rows set with tab stops, are lines of one block: the rows of
            # a tab-set table stay together under their heading row.
            blocks.append("\n" if kind in _LINE_KINDS and kind == previous_kind else "\n\n")
        blocks.append(block)
        previous_kind = kind
    return "".join(blocks)


def _first_page_header(document: Document) -> list[Any]:
    """The blocks of the header printed on the first page (none if it has none)."""
    section = document.sections[0]
    if section.different_first_page_header_footer:
        header = section.first_page_header
    else:
        header = section.header
    # The first section's header "linked to previous" is no header at all.
    return [] if header.is_linked_to_previous else list(header._element.xpath(_BODY_BLOCKS))


def _describe(error: Exception) -> str:
    if isinstance(error, PackageNotFoundError | zipfile.BadZipFile):
        return "it is not a ZIP package, or the package is truncated"
    return f"{type(error).__name__}: {error}"


def _table_text(table: Any, document: Document) -> str:
    rows: list[list[list[str]]] = []
    for row in table.tr_lst:
        # A row may start late or end early (grid columns with no cell) and a cell may
        # span columns: the text keeps a cell for each grid column, so that every cell
        # stays under its heading and an empty presence column stays a column.
        cells: list[list[str]] = [[""] for _ in range(row.grid_before)]
        for index, cell in enumerate(row.tc_lst):
            # The lower parts of a vertically merged cell repeat nothing.
            paragraphs = [] if cell.vMerge == "continue" else cell.xpath(".//w:p")
            texts = [Paragraph(p, document).text for p in paragraphs]
            # A line break (Shift+Enter) parts lines as a new paragraph does: one name each.
            cell_lines = [line for t in texts for line in t.split("\n") if line.strip()]
            cells.append(cell_lines or [""])
            if index < len(row.tc_lst) - 1:  # a heading spanning the whole row stays one cell
                cells.extend([""] for _ in range(cell.grid_span - 1))
        cells.extend([""] for _ in range(row.grid_after))
        rows.append(cells)
    lines: list[str] = []
    for cells in record_rows(rows):
        for line in zip_longest(*cells, fillvalue=""):
            lines.append("\t".join(line))
    return "\n".join(line for line in lines if line.strip())


_Level = tuple[str, str, int]  # number format, level text ("%1."), start


@dataclass
class _Numbering:
    """Word's list numbering: which paragraphs are list items and what marker they show.

    Word counts per abstract numbering definition, not per list instance (numId): a
    new instance of the same definition goes on counting ("Continue numbering"),
    unless it sets a level's start anew (lvlOverride/startOverride, "Restart at 1" or
    "Set numbering value"), the first time one of its paragraphs appears.
    """

    levels: dict[tuple[str, int], _Level]  # (numId, ilvl) → its level
    definition: dict[str, str]  # numId → abstractNumId, whose count it shares
    restarts: dict[str, dict[int, int]]  # numId → ilvl → the number it starts at
    counters: dict[str, list[int | None]] = field(default_factory=dict)  # by abstractNumId
    started: set[str] = field(default_factory=set)  # numIds whose restarts are applied

    @classmethod
    def of(cls, document: Document) -> _Numbering:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls({}, {}, {})
        abstract_levels: dict[str, dict[int, _Level]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            levels = abstract_levels.setdefault(abstract.get(qn("w:abstractNumId")), {})
            for level in abstract.findall(qn("w:lvl")):
                levels[int(level.get(qn("w:ilvl"), "0"))] = _level(level)
        resolved: dict[tuple[str, int], _Level] = {}
        definition: dict[str, str] = {}
        restarts: dict[str, dict[int, int]] = {}
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract_id = _child_value(num, "w:abstractNumId", "")
            definition[num_id] = abstract_id
            for level, level_definition in abstract_levels.get(abstract_id, {}).items():
                resolved[(num_id, level)] = level_definition
            for override in num.findall(qn("w:lvlOverride")):
                level = int(override.get(qn("w:ilvl"), "0"))
                redefined = override.find(qn("w:lvl"))
                if redefined is not None:
                    resolved[(num_id, level)] = _level(redefined)
                start = override.find(qn("w:startOverride"))
                if start is not None and start.get(qn("w:val")) is not None:
                    restarts.setdefault(num_id, {})[level] = int(start.get(qn("w:val")))
        return cls(resolved, definition, restarts)

    def marker(self, element: Any, paragraph: Paragraph) -> str:
        num_id, level = _numbering_of(element, paragraph)
        definition = self.levels.get((num_id, level)) if num_id else None
        if definition is None:
            return ""
        number_format, level_text, _ = definition
        if number_format == "bullet":
            return "• "
        counters = self.counters.setdefault(self.definition.get(num_id, num_id), [])
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted, start in self.restarts.get(num_id, {}).items():
                while len(counters) <= restarted:
                    counters.append(None)
                counters[restarted] = start - 1
                del counters[restarted + 1 :]
        while len(counters) <= level:
            counters.append(None)
        current = counters[level]
        counters[level] = definition[2] if current is None else current + 1
        del counters[level + 1 :]  # a new item restarts the levels below it
        text = level_text
        for index, count in enumerate(counters):
            level_format, _, level_start = self.levels.get((num_id, index), definition)
            number = level_start if count is None else count
            text = text.replace(f"%{index + 1}", _format_number(number, level_format))
        return f"{text} " if text else ""


def _level(level: Any) -> _Level:
    return (
        _child_value(level, "w:numFmt", "decimal"),
        _child_value(level, "w:lvlText", ""),
        int(_child_value(level, "w:start", "1")),
    )


def _numbering_of(element: Any, paragraph: Paragraph) -> tuple[str, int]:
    """The paragraph's numId and level, from its own properties or its style's."""
    properties = element.pPr
    number = properties.numPr if properties is not None else None
    style = paragraph.style
    while number is None and style is not None:
        style_properties = style.element.pPr
        number = style_properties.numPr if style_properties is not None else None
        style = style.base_style
    if number is None or number.numId is None:
        return "", 0
    num_id = str(number.numId.val)
    level = number.ilvl.val if number.ilvl is not None else 0
    return ("" if num_id == "0" else num_id), int(level)


def _child_value(element: Any, tag: str, default: str) -> str:
    child = element.find(qn(tag))
    value = child.get(qn("w:val")) if child is not None else None
    return str(value) if value is not None else default


def _format_number(number: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        letters = _letters(number)
        return letters if number_format == "lowerLetter" else letters.upper()
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.lower() if number_format == "lowerRoman" else roman
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format == "none":
        return ""
    return str(number)


def _letters(number: int) -> str:
    # Word repeats the letter past z: a … z, aa … zz.
    letter = chr(ord("a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _roman(number: int) -> str:
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    parts: list[str] = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)
