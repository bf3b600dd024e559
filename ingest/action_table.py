"""Action lists kept as tables ("Åtgärdslista": | Nr | Åtgärd | Ansvarig | Klart senast |
Status |, or | Vad | Vem | När |): each row under a heading row that names a task column
and an assignee column is one of the group's assignments, a decision of type uppdrag.

The readers make every table one tab-separated line a row. The headings are data
(`data/action_table_columns.tsv`); the deadline cell holds the date alone, so any form
of it counts: "2025-11-30", "v. 48", "30/11", "december 2025", "till nästa möte".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.decisions import assignment_clause, due_meeting_in, responsible_names
from beslutsgraf.ingest.lines import Line, split_lines, split_on, trimmed_span
from beslutsgraf.ingest.model import Assignment, DateValue, DecisionClause, Span
from beslutsgraf.ingest.people import is_organisation_like, starts_with_name
from beslutsgraf.ingest.periods import period_end

__all__ = ["action_table_rows", "table_actions"]

# "30/11": a day and month with no year, which only a cell holding a date alone may be.
_DAY_MONTH = re.compile(r"(?P<day>[0-3]?\d)/(?P<month>[01]?\d)")


@cache
def _columns() -> dict[str, str]:
    return {
        heading.casefold(): column for heading, column in read_table("action_table_columns.tsv")
    }


def action_table_rows(text: str, body: Span) -> list[Span]:
    """The rows of the action tables in `body` (their heading rows too), so that no other
    reading takes them for prose."""
    return [row for _, rows in _tables(text, body) for row in rows]


def table_actions(text: str, body: Span, default_year: int | None) -> list[DecisionClause]:
    """One uppdrag for each row of an action table in `body` that has a task."""
    clauses = []
    for columns, rows in _tables(text, body):
        for row in rows[1:]:
            clause = _row_action(text, row, columns, default_year)
            if clause is not None:
                clauses.append(clause)
    return clauses


def _tables(text: str, body: Span) -> list[tuple[dict[str, int], list[Span]]]:
    """Each action table of `body`: which column holds what, and its rows, heading first."""
    tables: list[tuple[dict[str, int], list[Span]]] = []
    lines = split_lines(text, body.start, body.end)
    index = 0
    while index < len(lines):
        columns = _heading_columns(text, lines[index])
        if columns is None:
            index += 1
            continue
        rows = [Span(lines[index].start, lines[index].end, lines[index].text)]
        index += 1
        while index < len(lines) and "\t" in lines[index].text:
            rows.append(Span(lines[index].start, lines[index].end, lines[index].text))
            index += 1
        tables.append((columns, rows))
    return tables


def _heading_columns(text: str, line: Line) -> dict[str, int] | None:
    if "\t" not in line.text:
        return None
    columns: dict[str, int] = {}
    for position, cell in enumerate(_cells(text, line.start, line.end)):
        column = _columns().get(cell.text.casefold())
        if column is not None:
            columns.setdefault(column, position)
    return columns if {"task", "assignee"} <= columns.keys() else None


def _cells(text: str, start: int, end: int) -> list[Span]:
    """A row's cells between its tabs, each trimmed; a blank cell keeps its place."""
    return [trimmed_span(text, cell.start, cell.end) for cell in split_on(text, start, end, "\t")]


def _row_action(
    text: str, row: Span, columns: dict[str, int], default_year: int | None
) -> DecisionClause | None:
    cells = _cells(text, row.start, row.end)
    task = _cell(cells, columns.get("task"))
    if task is None or not task.text:
        return None
    who = _cell(cells, columns.get("assignee"))
    when = _cell(cells, columns.get("deadline"))
    deadline = _deadline(when, default_year) if when is not None else None
    assignment = Assignment(
        assignees=tuple(_assignees(who.text)) if who is not None else (),
        task=task.text,
        span=task,
        deadline=deadline,
        due_meeting=due_meeting_in(text, [when]) if when is not None else None,
    )
    # The decision reads as the task; its evidence is the whole row, who and when too.
    return assignment_clause(task.text, row, assignment)


def _cell(cells: Sequence[Span], position: int | None) -> Span | None:
    return cells[position] if position is not None and position < len(cells) else None


def _assignees(cell: str) -> list[str]:
    """The people or organisations an assignee cell names; the organisation written after
    a person ("Sara Åkesson, Norrhammars kommun") is hers, not a second assignee."""
    names = responsible_names(cell)
    persons_organisation = (
        len(names) == 2
        and starts_with_name(names[0], 0, len(names[0]))
        and is_organisation_like(names[1])
        and not is_organisation_like(names[0])
    )
    return names[:1] if persons_organisation else names


def _deadline(cell: Span, default_year: int | None) -> DateValue | None:
    """The date a deadline cell holds: a date, the end of a period ("v. 48"), or a day and
    month ("30/11") in the meeting's year."""
    dates = find_dates(cell.text, cell.start, default_year)
    if dates:
        return dates[0]
    period = period_end(cell.text, default_year, cell.start)
    if period is not None:
        return period
    day_month = _DAY_MONTH.fullmatch(cell.text)
    if day_month is None or default_year is None:
        return None
    found = find_dates(f"{day_month['day']}/{day_month['month']} {default_year}", 0)
    if not found:
        return None
    return DateValue(found[0].year, found[0].month, found[0].day, span=cell)
