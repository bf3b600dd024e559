"""Attendance tables (närvarolistor): what a table's heading row says of its columns
(presence, absence, the deputy, a column per item), where a row's cells stand under
them, and what a row's marks say of its member. `roster.py` reads the people."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.lines import Line, split_on, split_on_gaps
from beslutsgraf.ingest.model import Span

__all__ = [
    "TableColumns",
    "deputy_came",
    "deputy_serves",
    "is_attendance_table",
    "item_row",
    "marked_items",
    "row_cells",
    "row_key",
    "table_columns",
    "with_marks",
]


@cache
def _roster_headings() -> frozenset[str]:
    """The member list's section headings ("Ledamöter", "Ersättare"): a row opening with
    one heads a list of names, not a table's columns."""
    return frozenset(row[0] for row in read_table("roster_headings.tsv") if row[1] != "group")


@dataclass(frozen=True)
class TableColumns:
    """What a table's first row says of its columns: which one marks presence, which names
    the deputy serving in the row's member's place, which marks absence, and which item
    each per-item column ("§ 12") is for. `marked`, `items_marked`: some row below marks
    presence, an item; only then does a blank cell say the member did not come.
    `serving`: the deputy column names who sat in the member's place, as a table that
    marks presence, or a "Tjänstgörande ersättare" heading, says; else it lists the
    member's deputy, who attends as a deputy ("Ledamot | Ersättare" with no marks).
    `serving_heading`: the heading itself says so; a plain "Ersättare" column of a table
    that marks presence lists every member's deputy, serving only for a member who did
    not come (`deputy_serves`)."""

    presence: int | None
    deputy: int | None = None
    absence: int | None = None
    items: tuple[tuple[int, int], ...] = ()  # (column, item number)
    serving: bool = False
    serving_heading: bool = False
    marked: bool = False
    items_marked: bool = False
    # Where each heading stands on its line (start, end), when runs of spaces part the
    # cells: a row's cells are placed under them, since a blank cell leaves only a gap.
    bounds: tuple[tuple[int, int], ...] = ()
    # A presence column after the deputy's ("Ledamöter | Närvarande | Ersättare |
    # Närvarande"): it marks the deputy, no part of her cell.
    deputy_presence: int | None = None


_KINDS = ("column", "presence", "deputy", "serving", "absent", "absence", "item", "unmarked")
_NUMBER = re.compile(r"\d{1,3}")


@cache
def _column_words() -> dict[str, frozenset[str]]:
    """Kind (`_KINDS`) → its words in `data/table_columns.tsv`."""
    words: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    for kind, word in read_table("table_columns.tsv"):
        words[kind].add(word)
    return {kind: frozenset(found) for kind, found in words.items()}


@cache
def _item_heading() -> re.Pattern[str]:
    """A per-item column's heading: "§ 12", "§12", or a bare number after one."""
    words = "|".join(re.escape(word) for word in _column_words()["item"])
    return re.compile(rf"(?P<word>{words})?\s*(?P<number>\d{{1,3}})")


def _item_columns(cells: list[str]) -> dict[int, int]:
    """Column → item number of the cells that head a column per item."""
    found: dict[int, int] = {}
    after_word = False  # a bare number heads an item column after "§ 12" or "§"
    for column, cell in enumerate(cells):
        match = _item_heading().fullmatch(cell)
        if match and (match.group("word") or after_word):
            found[column] = int(match.group("number"))
            after_word = True
        elif cell:
            after_word = cell in _column_words()["item"]
    return found


def _is_mark(cell: str) -> bool:
    """A filled cell of a mark column ("x", "Ja", "●"); a dash or "nej" marks nothing."""
    written = cell.strip().lower()
    return bool(written) and written not in _column_words()["unmarked"]


@cache
def _first_heading_words() -> tuple[str, ...]:
    """The words a table's first row can open with: a name, presence or deputy column."""
    words = _column_words()
    return tuple(words["column"] | words["presence"] | words["deputy"] | words["serving"])


def table_columns(line: Line) -> TableColumns | None:
    """The columns a table's first row names ("Namn | Organisation | Roll | Närvarande",
    tab-separated, or spaced when it has a name column and a mark column); None for a
    row that holds anything else."""
    # Asked of nearly every line: its first cell, which opens the line after whitespace,
    # must be one of these words, so most lines are ruled out before they are cut.
    if not line.text.lstrip().startswith(_first_heading_words()):
        return None
    spaced = "\t" not in line.text
    pieces = split_on_gaps(line.text, 0, len(line.text)) if spaced else []
    cells = [p.text for p in pieces] if spaced else [c.strip() for c in line.text.split("\t")]
    words = _column_words()
    deputy_words = words["deputy"] | words["serving"]
    heading_words = words["column"] | words["presence"] | deputy_words
    # Absence and item columns only after a name column ("Ledamot"): "Närvarande |
    # Frånvarande" or "Ledamöter | Frånvarande" over lists of names are list headings.
    first = next((cell for cell in cells if cell), "")
    named_first = first in words["column"] and first not in _roster_headings()
    items = _item_columns(cells) if named_first else {}
    if named_first:
        heading_words |= words["absence"] | words["item"]
    named = [cell for column, cell in enumerate(cells) if cell and column not in items]
    if len(named) + len(items) < 2 or not all(cell in heading_words for cell in named):
        return None
    presence, absence = _column_of(cells, words["presence"]), _column_of(cells, words["absence"])
    deputy = _column_of(cells, deputy_words)
    deputy_presence = _column_after(cells, words["presence"], deputy)
    marked = bool(items) or presence is not None or absence is not None
    serving_heading = deputy is not None and cells[deputy] in words["serving"]
    columns = TableColumns(
        presence,
        deputy,
        absence,
        tuple(items.items()),
        # Without a mark, a row's deputy is named beside the member, not sitting for them.
        serving=deputy is not None and (marked or serving_heading),
        serving_heading=serving_heading,
        bounds=tuple((piece.start, piece.end) for piece in pieces),
        deputy_presence=deputy_presence,
    )
    # Spaced headings of list headings only ("Ledamöter    Närvarande"), or of no mark or
    # deputy column ("Namn    Organisation"), may head lists of names side by side; a
    # column no list is headed by ("Ledamöter   Parti   Närvarande", "Ledamot   Ersättare")
    # makes them a table's, read as the same table between tabs is.
    listed = named_first or not all(cell in _roster_headings() for cell in named)
    if spaced and not (listed and (marked or deputy is not None)):
        return None
    # Between tabs too, list headings with no mark column ("Ledamöter\tErsättare") head
    # lists side by side: a row's deputy is not the one serving in its member's place.
    if not (listed or marked):
        return None
    return columns


def row_cells(text: str, line: Line, bounds: tuple[tuple[int, int], ...]) -> list[Span]:
    """A table row's cells, column by column: between tabs, or (`bounds` given: the
    heading's spaced columns) each run of words under the heading it overlaps most (else
    the nearest: a heading or its cells may be centred), a blank cell an empty span."""
    if "\t" in line.text or not bounds:
        return split_on(text, line.start, line.end, "\t")
    placed: list[Span | None] = [None] * len(bounds)
    for piece in split_on_gaps(text, line.start, line.end):
        start, end = piece.start - line.start, piece.end - line.start
        column = min(
            range(len(bounds)),
            key=lambda i: (max(start, bounds[i][0]) - min(end, bounds[i][1]), i),
        )
        earlier = placed[column]
        first = earlier.start if earlier else piece.start
        placed[column] = Span(first, piece.end, text[first : piece.end])
    cells, floor = [], line.start
    for column, cell in enumerate(placed):
        if cell is None:
            at = min(max(floor, line.start + bounds[column][0]), line.end)
            cell = Span(at, at, "")
        cells.append(cell)
        floor = cell.end
    return cells


def _column_of(cells: list[str], words: frozenset[str]) -> int | None:
    return next((i for i, cell in enumerate(cells) if cell in words), None)


def _column_after(cells: list[str], words: frozenset[str], column: int | None) -> int | None:
    """The first column right of `column` (when there is one) headed by one of `words`."""
    if column is None:
        return None
    return next((i for i, cell in enumerate(cells) if i > column and cell in words), None)


def item_row(columns: TableColumns, heading: Line, below: Line | None) -> TableColumns | None:
    """A heading row's lone "§" over a row of only item numbers ("\t\t12\t13\t14"): the
    numbers head item columns. None when `below` is no such row."""
    if below is None or columns.items:
        return None
    lone = [cell for cell in heading.text.split("\t") if cell.strip() in _column_words()["item"]]
    cells = [cell.strip() for cell in below.text.split("\t")]
    numbers = {column: int(cell) for column, cell in enumerate(cells) if _NUMBER.fullmatch(cell)}
    if (
        len(lone) != 1
        or len(numbers) < 2
        or any(cell and column not in numbers for column, cell in enumerate(cells))
    ):
        return None
    return replace(columns, items=tuple(numbers.items()))


def with_marks(text: str, columns: TableColumns, rows: Iterable[Line]) -> TableColumns:
    """`columns`, told whether any of the table's `rows` marks presence or an item."""
    marked = items_marked = False
    words = _column_words()
    for row in rows:
        if row.blank or table_columns(row) is not None:
            break
        cells = [cell.text for cell in row_cells(text, row, columns.bounds)]
        if columns.presence is not None and columns.presence < len(cells):
            presence = cells[columns.presence].strip().lower()
            marked |= bool(presence) and presence not in words["absent"]
        items_marked |= any(_is_mark(cells[c]) for c, _ in columns.items if c < len(cells))
    return replace(columns, marked=marked, items_marked=items_marked)


def _line_at(text: str, start: int) -> Line:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return Line(start, end, text[start:end])


def _columns_above(text: str, position: int) -> tuple[TableColumns, int] | None:
    """The columns of the table whose row holds `position`, and where its first row
    starts: the nearest heading row above, within the same paragraph."""
    start = text.rfind("\n", 0, position) + 1
    while start > 0:
        end = start - 1
        start = text.rfind("\n", 0, end) + 1
        line = Line(start, end, text[start:end])
        if line.blank:
            return None
        columns = table_columns(line)
        if columns is not None:
            below = _line_at(text, end + 1)
            two_rows = item_row(columns, line, below)
            rows_start = below.end + 1 if two_rows else end + 1
            return (two_rows or columns), rows_start
    return None


def marked_items(text: str, position: int) -> tuple[int, ...] | None:
    """The items the row at `position` of a table with a column per item marks
    ("Anna Berg\tS\tx\t\tx" under "Ledamot\tParti\t§ 12\t§ 13\t§ 14"); None outside
    such a table."""
    row = _line_at(text, text.rfind("\n", 0, position) + 1)
    found = _columns_above(text, row.start)
    if found is None or not found[0].items:
        return None
    cells = [cell.text for cell in row_cells(text, row, found[0].bounds)]
    return tuple(sorted(n for c, n in found[0].items if c < len(cells) and _is_mark(cells[c])))


def is_attendance_table(text: str, position: int) -> bool:
    """Whether the line before `position` names a table's columns (or is the row of item
    numbers under them), one of them marking presence, absence or items, or naming the
    deputies serving ("Ledamot\tParti\tNärvarande\tErsättare")."""
    found = _columns_above(text, position)
    if found is None or found[1] != text.rfind("\n", 0, position) + 1:
        return False
    columns = found[0]
    return (
        columns.presence is not None
        or columns.absence is not None
        or columns.serving
        or bool(columns.items)
    )


def row_key(
    columns: TableColumns, cells: list[str], deputy: bool, deputy_from_an_item: bool = False
) -> str:
    """ "absent" where the presence cell says so ("Nej"), or is blank with a deputy named
    (`deputy`: serving in the member's place), or the absence column is marked, or a
    table that marks nothing names a deputy serving in the member's place for the whole
    meeting ("Ledamot | Tjänstgörande ersättare"; not `deputy_from_an_item`: "§§ 14-16
    Ola Åberg" leaves the member in the seat before); "unmarked" where the member's
    presence cell is blank, or no item is marked, while other rows are marked; else ""."""
    presence = _cell(cells, columns.presence)
    if presence in _column_words()["absent"] or _is_mark(_cell(cells, columns.absence)):
        return "absent"
    if columns.presence is not None and not presence and (deputy or columns.marked):
        return "absent" if deputy else "unmarked"
    if columns.items_marked and not any(_is_mark(_cell(cells, c)) for c, _ in columns.items):
        return "unmarked"
    if deputy and not deputy_from_an_item and not _has_marks(columns):
        return "absent"
    return ""


def deputy_serves(columns: TableColumns, cells: list[str]) -> bool:
    """Whether the deputy a row names sat in the place of the row's member, as the columns
    say: a "Tjänstgörande ersättare" column names only those who did; an "Ersättare"
    column of a table that marks presence names every member's deputy, and the deputy
    of a member marked present did not serve, nor did one her own presence column
    leaves unmarked (`deputy_came`)."""
    if not columns.serving:
        return False
    if columns.serving_heading:
        return True
    return deputy_came(columns, cells) is not False and not _marked_present(columns, cells)


def deputy_came(columns: TableColumns, cells: list[str]) -> bool | None:
    """What the deputy's own presence column ("Ledamöter | Närvarande | Ersättare |
    Närvarande") says of her: marked, she came; blank, she did not. None without one."""
    if columns.deputy_presence is None:
        return None
    return _marked(_cell(cells, columns.deputy_presence))


def _marked_present(columns: TableColumns, cells: list[str]) -> bool:
    """The row's presence cell holds a mark ("X") that is no "nej", or its absence cell
    is blank."""
    if columns.presence is not None:
        return _marked(_cell(cells, columns.presence))
    return columns.absence is not None and not _is_mark(_cell(cells, columns.absence))


def _marked(presence: str) -> bool:
    """A presence cell marked ("X"), not with a word that says the person did not come."""
    return _is_mark(presence) and presence not in _column_words()["absent"]


def _has_marks(columns: TableColumns) -> bool:
    return columns.presence is not None or columns.absence is not None or bool(columns.items)


def _cell(cells: list[str], column: int | None) -> str:
    return cells[column].strip().lower() if column is not None and column < len(cells) else ""
