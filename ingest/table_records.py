"""A table row that records one person ("Per Ek | Göteborgs Stad / Socialförvaltningen
Centrum"), shared by the PDF and DOCX readers, which split a cell into one line per entry.

A cell's second line that starts with a capital is a new entry in a list of names
("Anna Berg (S)" over "Per Ek (M)"), but in the row of one person it may only go on with
the organisation above it: a unit under its organisation ("Göteborgs Stad" over
"Socialförvaltningen Centrum") or the rest of a name cut after a comma ("Västra
Götalandsregionen," over "Koncernkontoret"). Put on a line of its own, it would stand in
a row with no one in the name column, and read as a person or an organisation with no one.
An entry that names a person of its own ("Monica Holmgren, Bollebygd kommun") ends there.
The same line in a row of its own, its other cells empty (a table ruled under every
line, a name cell merged down over two rows), belongs to the person's row above.
"""

from __future__ import annotations

from collections.abc import Sequence

from beslutsgraf.ingest.people import is_organisation_like, starts_with_name

__all__ = ["goes_on_with", "record_rows"]

_Row = list[list[str]]  # a row's cells, each a list of lines


def record_rows(rows: Sequence[_Row]) -> list[_Row]:
    """The table's `rows` with the lines that go on with a person's organisation joined
    to it: in the person's row, and in a row of its own under it that holds nothing else
    (the wrapped line a table with a rule under every line puts in a row of its own)."""
    records: list[_Row] = []
    for row in rows:
        cells = _record_cells(row)
        column = _lone_later_cell(cells)
        if column is not None and records and _is_record(records[-1]):
            above = records[-1]
            if (
                column < len(above)
                and above[column]
                and _names_only_an_organisation(above[column][-1])
            ):
                above[column][-1] += " " + cells[column][0]
                continue
        records.append(cells)
    return records


def goes_on_with(first_cell: str, entry: str) -> bool:
    """True when a line under `entry`, in a later cell of a row whose first cell is
    `first_cell`, goes on with it: the row is a person's and `entry` names only an
    organisation (or ends in a comma)."""
    return _is_record([[first_cell], [entry]]) and _names_only_an_organisation(entry)


def _record_cells(cells: _Row) -> _Row:
    """The row's `cells` with the lines that go on with an organisation joined to it,
    when the first cell names one person."""
    if not _is_record(cells):
        return [list(lines) for lines in cells]
    return [list(cells[0]), *(_organisations_run_on(lines) for lines in cells[1:])]


def _is_record(cells: _Row) -> bool:
    return (
        len(cells) >= 2
        and len(cells[0]) == 1
        and starts_with_name(cells[0][0], 0, len(cells[0][0]))
    )


def _lone_later_cell(cells: _Row) -> int | None:
    """The column of the one line of a row whose other cells, the first one too, are empty."""
    filled = [index for index, lines in enumerate(cells) if any(line.strip() for line in lines)]
    if len(filled) != 1 or filled[0] == 0:
        return None
    lines = [line for line in cells[filled[0]] if line.strip()]
    return filled[0] if len(lines) == 1 else None


def _organisations_run_on(lines: Sequence[str]) -> list[str]:
    entries: list[str] = []
    for line in lines:
        if entries and _names_only_an_organisation(entries[-1]):
            entries[-1] += " " + line
        else:
            entries.append(line)
    return entries


def _names_only_an_organisation(entry: str) -> bool:
    """An organisation, or a name cut after a comma, with no person of its own ("Monica
    Holmgren, Bollebygd kommun" is a person of the list: the next line is the next one)."""
    if starts_with_name(entry, 0, len(entry)):
        return False
    return entry.endswith(",") or is_organisation_like(entry)
