"""A table row that records one person ("Per Ek | Göteborgs Stad / Socialförvaltningen
Centrum"), shared by the PDF and DOCX readers, which split a cell into one line per entry.

A cell's second line that starts with a capital is a new entry in a list of names
("Anna Berg (S)" over "Per Ek (M)"), but in the row of one person it may only go on with
the organisation above it: a unit under its organisation ("Göteborgs Stad" over
"Socialförvaltningen Centrum") or the rest of a name cut after a comma ("Västra
Götalandsregionen," over "Koncernkontoret"). Put on a line of its own, it would stand in
a row with no one in the name column, and read as a person or an organisation with no one.
An entry that names a person of its own ("Monica Holmgren, Bollebygd kommun") ends there.
"""

from __future__ import annotations

from collections.abc import Sequence

from beslutsgraf.ingest.people import is_organisation_like, starts_with_name

__all__ = ["record_cells"]


def record_cells(cells: Sequence[list[str]]) -> list[list[str]]:
    """The row's `cells` (each a list of lines, one entry a line), with the lines that go
    on with an organisation joined to it, when the first cell names one person."""
    if (
        len(cells) < 2
        or len(cells[0]) != 1
        or not starts_with_name(cells[0][0], 0, len(cells[0][0]))
    ):
        return list(cells)
    return [cells[0], *(_organisations_run_on(lines) for lines in cells[1:])]


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
