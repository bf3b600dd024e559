"""Årshjul tables: a row of date column headers, then rows of topics, tab-separated."""

from __future__ import annotations

from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.lines import Line, split_lines, trimmed_span
from beslutsgraf.ingest.model import CalendarTable, Span

__all__ = ["find_calendars"]

_MIN_DATE_COLUMNS = 2


def find_calendars(text: str, start: int, end: int) -> list[CalendarTable]:
    """Every calendar table in `text[start:end]`."""
    lines = split_lines(text, start, end)
    tables = []
    index = 0
    while index < len(lines):
        columns = _date_header(text, lines[index])
        if columns is None:
            index += 1
            continue
        rows: list[tuple[Span | None, ...]] = []
        following = index + 1
        while following < len(lines) and "\t" in lines[following].text:
            rows.append(_row(text, lines[following], len(columns)))
            following += 1
        last = lines[following - 1]
        span = Span(lines[index].start, last.end, text[lines[index].start : last.end])
        tables.append(CalendarTable(span, columns, tuple(rows)))
        index = following
    return tables


def _cells(text: str, line: Line) -> list[Span]:
    cells, position = [], line.start
    for offset, char in enumerate(line.text):
        if char == "\t":
            cells.append(trimmed_span(text, position, line.start + offset))
            position = line.start + offset + 1
    cells.append(trimmed_span(text, position, line.end))
    return cells


def _date_header(text: str, line: Line) -> tuple[Span, ...] | None:
    if "\t" not in line.text:
        return None
    cells = _cells(text, line)
    dated = [cell for cell in cells if find_dates(cell.text)]
    if len(dated) < _MIN_DATE_COLUMNS or len(dated) < len([c for c in cells if c.text]):
        return None
    return tuple(cells)


def _row(text: str, line: Line, width: int) -> tuple[Span | None, ...]:
    cells = _cells(text, line)[:width]
    padded: list[Span | None] = [cell if cell.text else None for cell in cells]
    padded.extend([None] * (width - len(padded)))
    return tuple(padded)
