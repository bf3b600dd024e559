"""The `segment` stage: find where the header, member lists, agenda items, yearly
summary and calendars of one document are.

Segments are spans of `RawDocument.text`; nothing is interpreted yet beyond the
structure (that is `extract`'s job).
"""

from __future__ import annotations

import re
from dataclasses import replace

from beslutsgraf.ingest.agenda import find_items
from beslutsgraf.ingest.attendance_table import is_attendance_table, table_columns
from beslutsgraf.ingest.calendar import find_calendars
from beslutsgraf.ingest.document import RawDocument
from beslutsgraf.ingest.labels import find_fields, labels
from beslutsgraf.ingest.lines import Line, split_lines, strip_markup
from beslutsgraf.ingest.model import (
    AgendaItemSegment,
    HeaderField,
    RosterSection,
    Segments,
    Span,
)
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.roster import find_rosters, known_organisation_words, split_cells
from beslutsgraf.ingest.summary import find_summary
from beslutsgraf.ingest.vote_appendix import with_vote_lists
from beslutsgraf.ontology import BG

__all__ = ["segment"]

_MAX_TITLE_LINES = 6
_LINK = re.compile(r"\[(?P<label>[^\]\n]+)\]\([^)\n]*\)")
_BULLET = re.compile(r"^\s*[•\-–*]\s")


def segment(doc: RawDocument) -> Segments:
    """Split `doc` into its parts: header, member lists, items, summary, calendars."""
    text = doc.text
    layout = find_items(text, 0, len(text))
    summary = find_summary(text, 0, len(text))
    items_start = layout.items[0].marker.start if layout.items else len(text)
    if summary:
        items_start = min(items_start, summary[0].heading.start)
    header = find_fields(text, 0, items_start, "header")
    footer_start = layout.items[-1].body.start if layout.items else items_start
    footer = find_fields(text, footer_start, len(text), "footer")
    items = _cut_footer(text, layout.items, footer)
    known = known_organisation_words(text)
    roster = find_rosters(text, 0, len(text), known)
    roster = sorted(
        roster + _list_fields_as_rosters(text, header, known, roster),
        key=lambda section: section.cells[0].start if section.cells else 0,
    )
    # A vote list appendix is cut before an attendance one: it may follow that table.
    items = with_vote_lists(text, items)
    items = _cut_appendix(text, items, roster)
    title = _title_lines(text, items_start, header, roster)
    return Segments(
        document=doc,
        document_kind=_document_kind(text, title, layout.style, bool(summary)),
        title=tuple(title),
        header=tuple(field for field in header if _label_mode(field) != "list"),
        roster=tuple(roster),
        items=tuple(items),
        summary=tuple(summary),
        calendars=tuple(find_calendars(text, 0, len(text))),
        footer=tuple(footer),
        links=tuple(_links(doc)),
    )


def _label_mode(field: HeaderField) -> str:
    return next((label.mode for label in labels() if label.text == field.label.text), "line")


def _list_fields_as_rosters(
    text: str,
    header: list[HeaderField],
    known: frozenset[str],
    roster: list[RosterSection],
) -> list[RosterSection]:
    """The list fields of a protocol header ("Beslutande …", "Ersättare …") as member lists.
    The lines of a table under the label ("Ledamot | Parti | Närvarande") are left to the
    table's reading (the member lists read: where their cells start), which knows its
    columns and marks."""
    headed = {section.heading.start for section in roster if section.heading}
    roster_cells = {cell.start for section in roster for cell in section.cells}
    sections = []
    for field in header:
        if _label_mode(field) != "list" or not field.value.text:
            continue
        if field.label.start in headed:
            continue  # already read as a member list under this heading
        if _heads_a_roster_column(text, field, roster_cells):
            continue
        cells: list[Span] = []
        for line in split_lines(text, field.value.start, field.value.end):
            if line.blank or table_columns(line) or _read_already(line, roster_cells):
                continue
            cells.extend(cell for _, cell in split_cells(text, line, known))
        if cells:
            sections.append(RosterSection(None, field.label, field.key, tuple(cells)))
    return sections


def _read_already(line: Line, roster_cells: set[int]) -> bool:
    return any(line.start <= at < line.end for at in roster_cells)


def _heads_a_roster_column(text: str, field: HeaderField, roster_cells: set[int]) -> bool:
    """True for a label in a later column of a heading row ("Ledamöter\tErsättare") over
    rows the member lists already read: it heads its column only, while its value as a
    field would run over both columns and make the left column's members its people too."""
    line_start = text.rfind("\n", 0, field.label.start) + 1
    if not text[line_start : field.label.start].strip():
        return False
    first_row = next(
        (line for line in split_lines(text, field.value.start, field.value.end) if not line.blank),
        None,
    )
    return first_row is not None and any(
        first_row.start <= cell < first_row.end for cell in roster_cells
    )


def _cut_footer(
    text: str, items: tuple[AgendaItemSegment, ...], footer: list[HeaderField]
) -> list[AgendaItemSegment]:
    """The last item ends where the footer ("Mötesanteckning: …") begins."""
    if not items or not footer:
        return list(items)
    last = items[-1]
    cut = min(field.label.start for field in footer)
    if not last.body.start <= cut <= last.body.end:
        return list(items)
    body = strip_markup(text, last.body.start, cut) if cut > last.body.start else last.body
    body = Span(
        last.body.start,
        max(body.end, last.body.start),
        text[last.body.start : max(body.end, last.body.start)],
    )
    shortened = AgendaItemSegment(
        last.number, last.marker, last.title, body, last.sub_items, last.case_number
    )
    return [*items[:-1], shortened]


def _cut_appendix(
    text: str, items: list[AgendaItemSegment], roster: list[RosterSection]
) -> list[AgendaItemSegment]:
    """An attendance table after the last item's text ("Bilaga 1 Närvarolista" over
    "Ledamot\tParti\tNärvarande\tErsättare") is an appendix: the item ends at the
    paragraph that holds the table, less the heading lines right above it."""
    if not items:
        return items
    last = items[-1]
    starts = [
        section.cells[0].start
        for section in roster
        if section.cells
        and last.body.start < section.cells[0].start < last.body.end
        and is_attendance_table(text, section.cells[0].start)
    ]
    if not starts:
        return items
    cut = text.rfind("\n\n", last.body.start, min(starts))
    cut = cut + 1 if cut >= 0 else last.body.start
    # The table's heading lines ("## Bilaga 1 Närvarolista") stand apart above it.
    while cut > last.body.start:
        above = text.rfind("\n", last.body.start, cut - 1) + 1
        line = text[max(above, last.body.start) : cut].strip()
        if line and not line.startswith("#"):
            break
        cut = max(above, last.body.start)
    body = strip_markup(text, last.body.start, cut) if cut > last.body.start else last.body
    end = max(body.end, last.body.start) if cut > last.body.start else last.body.start
    shortened = replace(last, body=Span(last.body.start, end, text[last.body.start : end]))
    return [*items[:-1], shortened]


def _title_lines(
    text: str, end: int, header: list[HeaderField], roster: list[RosterSection]
) -> list[Span]:
    """The heading lines before the first field, list, bullet or item."""
    stops = [end]
    stops += [field.label.start for field in header]
    stops += [cell.start for section in roster for cell in section.cells]
    stops += [section.group.start for section in roster if section.group]
    stops += [section.heading.start for section in roster if section.heading]
    stop = min(stops)
    title: list[Span] = []
    for line in split_lines(text, 0, stop):
        if line.blank:
            continue
        if _BULLET.match(line.text) or len(title) >= _MAX_TITLE_LINES:
            break
        span = strip_markup(text, line.start, line.end)
        if any(char.isalpha() for char in span.text):
            title.append(span)
    return title


def _document_kind(text: str, title: list[Span], style: str | None, has_summary: bool) -> str:
    if has_summary:
        return str(BG.summary)
    for line in title:
        matches = concepts_in(text, "DocumentKind", line.start, line.end)
        if matches:
            return matches[0].concept
    return str(BG.protocol) if style == "paragraph" else str(BG.minutes)


def _links(doc: RawDocument) -> list[Span]:
    """Link labels: the reader removed "[…](#)", so they are found in the source text."""
    spans = []
    for match in _LINK.finditer(doc.source_text):
        start, end = doc.offsets.to_text(match.start("label"), match.end("label"))
        if doc.text[start:end].strip():
            spans.append(Span(start, end, doc.text[start:end]))
    return spans
