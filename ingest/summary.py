"""Yearly summaries: month sections ("Ställningstaganden av SRO mars 2025") of topic/position pairs.

An entry is either one line, "topic<TAB>position", or a topic paragraph
followed by a position paragraph (with the list that belongs to it).
"""

from __future__ import annotations

import re
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import month_number, month_pattern
from beslutsgraf.ingest.lines import Line, split_lines, trimmed_span
from beslutsgraf.ingest.model import Span, SummaryEntrySegment, SummarySection

__all__ = ["find_summary", "summary_heading_regexes"]

_LIST_LINE = re.compile(r"^[ \t]*(?:[•\-–*]|\d{1,2}[.)])[ \t]+")
_PER_CAPSULAM = re.compile(r"per\s+capsulam", re.IGNORECASE)


@cache
def summary_heading_regexes() -> tuple[re.Pattern[str], ...]:
    month = month_pattern()
    return tuple(
        re.compile(row[0].replace("{month}", month), re.IGNORECASE | re.MULTILINE)
        for row in read_table("summary_headings.tsv")
    )


def find_summary(text: str, start: int, end: int) -> list[SummarySection]:
    """The month sections of a yearly summary in `text[start:end]`, in order."""
    headings: list[re.Match[str]] = []
    for regex in summary_heading_regexes():
        headings.extend(regex.finditer(text, start, end))
    headings.sort(key=lambda match: match.start())
    sections = []
    for index, heading in enumerate(headings):
        section_end = headings[index + 1].start() if index + 1 < len(headings) else end
        sections.append(_section(text, heading, section_end))
    return sections


def _section(text: str, heading: re.Match[str], end: int) -> SummarySection:
    heading_span = trimmed_span(text, heading.start(), heading.end())
    rest = heading.group("rest")
    lead = None
    colon = rest.find(":")
    if colon >= 0:
        lead = trimmed_span(text, heading.start("rest") + colon + 1, heading.end("rest"))
    entries = _entries(text, heading.end(), end)
    return SummarySection(
        heading=heading_span,
        year=int(heading.group("year")),
        month=month_number(heading.group("month")) or 0,
        per_capsulam=bool(_PER_CAPSULAM.search(heading.group(0))),
        lead=lead if lead and lead.text else None,
        entries=tuple(entries),
    )


def _entries(text: str, start: int, end: int) -> list[SummaryEntrySegment]:
    entries: list[SummaryEntrySegment] = []
    pending_topic: Span | None = None
    for paragraph in _paragraphs(split_lines(text, start, end)):
        first = paragraph[0]
        if "\t" in first.text:
            for line in paragraph:
                tab = line.text.find("\t")
                if tab < 0:
                    continue
                topic = trimmed_span(text, line.start, line.start + tab)
                decision = trimmed_span(text, line.start + tab + 1, line.end)
                entries.append(SummaryEntrySegment(topic, decision))
            continue
        span = trimmed_span(text, first.start, paragraph[-1].end)
        if pending_topic is None:
            pending_topic = span
        else:
            entries.append(SummaryEntrySegment(pending_topic, span))
            pending_topic = None
    return entries


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines; a list that follows a paragraph belongs to it."""
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                paragraphs.append(current)
            current = []
            continue
        if not current and paragraphs and _LIST_LINE.match(line.text):
            current = paragraphs.pop()
        current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs
