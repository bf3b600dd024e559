"""Meetings a document announces: årshjul columns and "Nästa möte …" sentences."""

from __future__ import annotations

from beslutsgraf.ingest.dates import find_clock_range, find_clock_start, find_dates
from beslutsgraf.ingest.model import DateValue, PlannedMeeting, Segments, Span
from beslutsgraf.ingest.nlp import concepts_in
from beslutsgraf.ingest.patterns import Rule, compiled
from beslutsgraf.ontology import BG

__all__ = ["extract_planned_meetings"]


def extract_planned_meetings(
    segments: Segments, meeting_date: DateValue | None
) -> list[PlannedMeeting]:
    """Every announced meeting, in text order."""
    planned = _from_calendars(segments) + _from_sentences(segments, meeting_date)
    return sorted(planned, key=lambda meeting: meeting.span.start)


def _from_calendars(segments: Segments) -> list[PlannedMeeting]:
    text = segments.document.text
    planned = []
    for table in segments.calendars:
        for index, column in enumerate(table.columns):
            dates = find_dates(column.text, column.start)
            # A column dated by month only ("Januari 2026, studieresa") is an event, not a meeting.
            if not dates or dates[0].day is None:
                continue
            cells = [row[index] if index < len(row) else None for row in table.rows]
            topics = tuple(" ".join(cell.text.split()) for cell in cells if cell is not None)
            forms = concepts_in(text, "MeetingForm", column.start, column.end)
            planned.append(
                PlannedMeeting(
                    date=dates[0],
                    span=column,
                    label=column.text,
                    body=None,
                    topics=topics,
                    form=forms[0].concept if forms else None,
                    per_capsulam=bool(forms) and forms[0].concept == str(BG.perCapsulamMote),
                )
            )
    return planned


def _from_sentences(segments: Segments, meeting_date: DateValue | None) -> list[PlannedMeeting]:
    text = segments.document.text
    year = meeting_date.year if meeting_date else None
    planned = []
    for regex in compiled("planned_meeting_patterns.tsv"):
        for match in Rule(regex).finditer(text):  # a Rule: most texts lack its words
            dates = find_dates(match.group("date"), match.start("date"), year)
            if not dates or dates[0].day is None:
                continue
            date = dates[0]
            if _before(date, meeting_date):
                # "Nästa möte 25 juni" in minutes of December: next year's June.
                date = DateValue(date.year + 1, date.month, date.day, span=date.span)
            line_end = text.find("\n", match.end())
            line_end = len(text) if line_end < 0 else line_end
            clock = find_clock_range(text[match.end() : line_end], match.end())
            forms = concepts_in(text, "MeetingForm", match.start(), line_end)
            groups = match.groupdict()
            body = " ".join((groups.get("body") or "").split()) or None
            topic = " ".join((groups.get("topic") or "").split())
            per_capsulam = any(form.concept == str(BG.perCapsulamMote) for form in forms)
            planned.append(
                PlannedMeeting(
                    date=date,
                    span=Span(match.start(), line_end, text[match.start() : line_end]),
                    label=match.group(0),
                    body=body,
                    topics=(topic,) if topic else (),
                    start=clock.start if clock else find_clock_start(text[match.end() : line_end]),
                    end=clock.end if clock else None,
                    form=forms[0].concept if forms else None,
                    per_capsulam=per_capsulam,
                )
            )
    return _unique(planned)


def _before(date: DateValue, meeting_date: DateValue | None) -> bool:
    day, meeting_day = date.as_date(), meeting_date.as_date() if meeting_date else None
    return day is not None and meeting_day is not None and day < meeting_day


def _unique(planned: list[PlannedMeeting]) -> list[PlannedMeeting]:
    kept: list[PlannedMeeting] = []
    for meeting in planned:
        if not any(
            k.date == meeting.date and k.span.start <= meeting.span.start < k.span.end for k in kept
        ):
            kept.append(meeting)
    return kept
