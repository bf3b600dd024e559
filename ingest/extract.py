"""The `extract` stage: read the segments of one document as a meeting record.

People, parties, roles, dates, times, amounts, agreements and decisions, each
with its span in `RawDocument.text`. Rule components come from the SKOS
vocabulary (`nlp`) and the tables in `ingest/data/`.
"""

from __future__ import annotations

from dataclasses import replace

from beslutsgraf.ingest.dates import in_year_up_to
from beslutsgraf.ingest.decisions import (
    clauses_in,
    date_due_meetings,
    date_yearless_periods,
    link_report_backs,
)
from beslutsgraf.ingest.items import read_item
from beslutsgraf.ingest.meeting import announces_its_meeting, extract_meeting
from beslutsgraf.ingest.members import extract_attendance
from beslutsgraf.ingest.model import (
    Attendance,
    DateValue,
    Mentions,
    Reference,
    Segments,
    YearSummaryEntry,
)
from beslutsgraf.ingest.patterns import compiled
from beslutsgraf.ingest.planned import extract_planned_meetings
from beslutsgraf.ingest.roster import known_organisation_words

__all__ = ["extract"]


def extract(segments: Segments) -> Mentions:
    """Everything the document says about its meeting, with evidence spans."""
    text = segments.document.text
    known = known_organisation_words(text)
    meeting = extract_meeting(segments)
    year = meeting.date.year if meeting.date else None
    reading = extract_attendance(segments, meeting.date, known)
    changes = reading.attendance.chair_changes
    items = tuple(
        read_item(
            text,
            segment,
            links=segments.links,
            chair_changes=changes,
            default_year=year,
            known=known,
            chair=reading.attendance.chair,
            body_name=meeting.body,
        )
        for segment in segments.items
    )
    planned = tuple(extract_planned_meetings(segments, meeting.date))
    # "till nästa möte": an assignment is due at a meeting the document announces.
    # "senast v. 42": a period written without its year is the next one after the meeting.
    items = tuple(
        replace(
            item,
            decisions=tuple(
                date_yearless_periods(
                    date_due_meetings(item.decisions, meeting.date, planned), meeting.date
                )
            ),
        )
        for item in items
    )
    references = [
        reference
        for item in items
        if any(regex.search(item.title) for regex in compiled("previous_minutes_items.tsv"))
        for reference in item.references
    ]
    mentions = Mentions(
        document=segments.document,
        document_kind=segments.document_kind,
        meeting=meeting,
        attendance=reading.attendance,
        items=items,
        role_events=reading.role_events,
        previous_meeting=_previous_meeting(references, meeting.date),
        planned_meetings=planned,
        year_summary=tuple(_year_summary(segments)),
        people=(
            *reading.people,
            *(person for item in items for person in item.presenters),
            *(d.person for item in items for d in item.disqualifications),
            *(p for item in items for motion in item.motions for p in motion.persons),
            *(p for item in items for motion in item.filed_motions for p in motion.persons),
            *(p for item in items for r in item.reservations for p in r.persons),
        ),
    )
    return _announced(mentions) if announces_its_meeting(segments.document_kind) else mentions


def _announced(mentions: Mentions) -> Mentions:
    """A notice's meeting is yet to be held: its numbered items are the topics it is to
    handle, not agenda items with decisions, and the names under it (the chair and the
    secretary who sign it, a presenter) say nobody attended, chaired or presented."""
    topics = tuple(item.title for item in mentions.items)
    return replace(
        mentions,
        meeting=replace(mentions.meeting, topics=topics),
        attendance=Attendance(),
        items=(),
        role_events=(),
        previous_meeting=None,
        people=(),
    )


def _previous_meeting(
    references: list[Reference], meeting_date: DateValue | None
) -> Reference | None:
    """The latest earlier minutes an item links to ("2025-01-30 Mötesanteckning SRO"); a
    day named without a year ("från den 5:e september") is the last such day up to the
    meeting."""
    if meeting_date is not None:
        references = [
            replace(reference, date=in_year_up_to(reference.date, meeting_date))
            if reference.date is not None
            else reference
            for reference in references
        ]
    earlier = [
        reference
        for reference in references
        if reference.is_minutes
        and reference.date is not None
        and (meeting_date is None or reference.date.iso() < meeting_date.iso())
    ]
    return (
        max(earlier, key=lambda reference: reference.date.iso() if reference.date else "")
        if earlier
        else None
    )


def _year_summary(segments: Segments) -> list[YearSummaryEntry]:
    text = segments.document.text
    entries: list[YearSummaryEntry] = []
    for section in segments.summary:
        month = DateValue(section.year, section.month, span=section.heading)
        by_topic: list[YearSummaryEntry] = []
        for entry in section.entries:
            for clause in clauses_in(
                text,
                entry.decision,
                default_year=section.year,
                per_capsulam=section.per_capsulam,
                date=month,
                lead=section.lead,
            ):
                by_topic.append(
                    YearSummaryEntry(
                        year=section.year,
                        month=section.month,
                        per_capsulam=section.per_capsulam,
                        topic=" ".join(entry.topic.text.split()),
                        topic_span=entry.topic,
                        decision=clause,
                    )
                )
        linked = link_report_backs([entry.decision for entry in by_topic])
        entries += [
            YearSummaryEntry(e.year, e.month, e.per_capsulam, e.topic, e.topic_span, clause)
            for e, clause in zip(by_topic, linked, strict=True)
        ]
    return entries
