"""When a protocol's minutes were checked (justerade): "Justeringens plats och tid:
Kommunhuset 2025-03-12", "Justerat 2025-03-12", "Protokollet justeras den 12 mars 2025".

The phrasings are the "adjusted_on" rows of `data/sentence_patterns.tsv`."""

from __future__ import annotations

from beslutsgraf.ingest.dates import find_dates
from beslutsgraf.ingest.model import DateValue, Span
from beslutsgraf.ingest.patterns import sentence_rules

__all__ = ["adjusting_date"]


def adjusting_date(text: str, meeting_date: DateValue | None) -> tuple[DateValue, Span] | None:
    """The first day the text says the minutes were checked, with the words that say it.

    Only a whole date with its year counts, and only one after the meeting: minutes are
    checked after the meeting, so a date on or before it is the meeting's own date (a
    header column merged into the line) or some other date, never the adjusting."""
    for rule in sentence_rules("adjusted_on"):
        for match in rule.finditer(text):
            start, end = match.span("date")
            for day in find_dates(text[start:end], start):
                if _after(day, meeting_date):
                    return day, Span(match.start(), match.end(), match.group(0))
    return None


def _after(day: DateValue, meeting_date: DateValue | None) -> bool:
    """A whole date, after the meeting's day when that is known."""
    checked = day.as_date()
    met = meeting_date.as_date() if meeting_date is not None else None
    return checked is not None and (met is None or checked > met)
