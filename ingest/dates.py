"""Dates, clock times and durations in Swedish text, each with its span.

Month names come from `data/months.tsv`; the grammar (day month year, ISO,
"kl. 12.00 den 19 juni 2025", "juni 2026") is fixed Swedish usage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import ClockTime, DateValue, Span

__all__ = [
    "DAY_ORDINAL",
    "ClockRange",
    "find_clock_range",
    "find_clock_start",
    "find_dates",
    "find_duration_minutes",
    "in_year_up_to",
    "month_number",
    "month_pattern",
]

_DASH = r"\s*[-–—]\s*"
# A day written as an ordinal: "den 3:e oktober", "den 1:a juli".
DAY_ORDINAL = r"(?::[ae])?"
# Every form of a date or clock time has a digit: most cells and lines have none,
# and one search for a digit is far cheaper than trying every form at every character.
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ClockRange:
    """A clock range such as "13.30 – 15.30", with its span."""

    start: ClockTime
    end: ClockTime
    span: Span


@cache
def _months() -> dict[str, int]:
    return {name.lower(): int(number) for name, number in read_table("months.tsv")}


def month_number(word: str) -> int | None:
    """1–12 for a Swedish month name or abbreviation ("Juni", "sept"), else None."""
    return _months().get(word.lower().rstrip("."))


@cache
def month_pattern() -> str:
    """A regex alternation of every month name, longest first."""
    names = sorted(_months(), key=len, reverse=True)
    return r"(?:" + "|".join(re.escape(n) for n in names) + r")"


@cache
def _date_regex() -> re.Pattern[str]:
    month = month_pattern()
    # Ordered alternatives: the most specific form wins at a position.
    return re.compile(
        rf"(?P<dt>kl\.?\s*(?P<dt_h>\d{{1,2}})[.:](?P<dt_m>\d{{2}})\s+den\s+"
        rf"(?P<dt_d>\d{{1,2}}){DAY_ORDINAL}\s+(?P<dt_mon>{month})\.?,?\s+(?P<dt_y>\d{{4}}))"
        rf"|(?P<iso>(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))(?!\d)"
        rf"|(?P<dmy>(?P<dmy_d>\d{{1,2}}){DAY_ORDINAL}\s+(?P<dmy_mon>{month})\.?,?\s+(?P<dmy_y>(?:19|20)\d{{2}}))(?!\d)"
        rf"|(?P<num>(?P<num_d>[0-3]?\d)/(?P<num_m>[01]?\d)[ -](?P<num_y>(?:19|20)\d{{2}}))(?!\d)"
        rf"|(?P<dm>(?P<dm_d>\d{{1,2}}){DAY_ORDINAL}\s+(?P<dm_mon>{month}))\b"
        rf"|(?P<my>(?P<my_mon>{month})\s+(?P<my_y>(?:19|20)\d{{2}}))(?!\d)",
        re.IGNORECASE,
    )


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        date(year, month, day or 1)
    except ValueError:
        return False  # "31 februari", month 13
    return True


def find_dates(text: str, base: int = 0, default_year: int | None = None) -> list[DateValue]:
    """Every date in `text`, in order; spans are offset by `base`.

    A day and month without a year ("25 juni") takes `default_year`, or is
    skipped when none is given.
    """
    found: list[DateValue] = []
    if _DIGIT.search(text) is None:
        return found
    for match in _date_regex().finditer(text):
        value = _to_value(match, default_year)
        if value is None:
            continue
        span = Span(base + match.start(), base + match.end(), match.group(0))
        found.append(
            DateValue(value.year, value.month, value.day, value.hour, value.minute, span=span)
        )
    return found


def _to_value(match: re.Match[str], default_year: int | None) -> DateValue | None:
    group = match.group
    if group("dt"):
        month = month_number(group("dt_mon")) or 0
        day, hour, minute = int(group("dt_d")), int(group("dt_h")), int(group("dt_m"))
        if not _valid(int(group("dt_y")), month, day) or hour > 24 or minute > 59:
            return None
        return DateValue(int(group("dt_y")), month, day, hour, minute)
    if group("iso"):
        year, month, day = int(group("iso_y")), int(group("iso_m")), int(group("iso_d"))
        return DateValue(year, month, day) if _valid(year, month, day) else None
    if group("dmy"):
        month = month_number(group("dmy_mon")) or 0
        year, day = int(group("dmy_y")), int(group("dmy_d"))
        return DateValue(year, month, day) if _valid(year, month, day) else None
    if group("num"):
        year, month, day = int(group("num_y")), int(group("num_m")), int(group("num_d"))
        return DateValue(year, month, day) if _valid(year, month, day) else None
    if group("dm"):
        month = month_number(group("dm_mon")) or 0
        day = int(group("dm_d"))
        if default_year is None or not _valid(default_year, month, day):
            return None
        return DateValue(default_year, month, day)
    month = month_number(group("my_mon")) or 0
    return DateValue(int(group("my_y")), month) if _valid(2000, month, None) else None


_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}")


def in_year_up_to(value: DateValue, limit: DateValue) -> DateValue | None:
    """A day and month written without a year ("den 5:e september", read in `limit`'s year)
    moved to the year before when it would fall after `limit`: earlier minutes named in
    minutes of 2025-01-15 as "från den 5 december" are of December 2024. A date whose text
    gives its year is kept as written; None when the day is not in the year before."""
    if value.span is None or _WRITTEN_YEAR.search(value.span.text) or value.month is None:
        return value
    if value.iso() <= limit.iso():
        return value
    year = value.year - 1
    return replace(value, year=year) if _valid(year, value.month, value.day) else None


_CLOCK = r"(?P<{p}h>[0-2]?\d)(?:[.:](?P<{p}m>[0-5]\d))?"
_CLOCK_RANGE = re.compile(
    r"(?<![\d.:])(?P<kl>kl\.?\s*)?"
    + _CLOCK.format(p="a")
    + _DASH
    + _CLOCK.format(p="b")
    + r"(?![\d.:]\d)",
    re.IGNORECASE,
)
# A single time needs its "kl." or "klockan": a bare "13.00" may be anything.
_CLOCK_START = re.compile(
    r"(?<![\w.:])(?:kl\.?|klockan)\s*" + _CLOCK.format(p="a") + r"(?![\d.:]\d)", re.IGNORECASE
)
_DURATION = re.compile(r"(?P<n>\d{1,3})\s*(?:minuter|min\b)", re.IGNORECASE)


def find_clock_range(text: str, base: int = 0) -> ClockRange | None:
    """The first time range ("13.30 – 15.30", "13:00-15:00", "kl. 11 – 12") in `text`."""
    if _DIGIT.search(text) is None:
        return None
    for match in _CLOCK_RANGE.finditer(text):
        # A bare "1200-1500" or "2018–2022" is no clock: minutes or "kl." are required.
        if not (match.group("kl") or (match.group("am") and match.group("bm"))):
            continue
        start = ClockTime(int(match.group("ah")), int(match.group("am") or 0))
        end = ClockTime(int(match.group("bh")), int(match.group("bm") or 0))
        if start.hour > 24 or end.hour > 24:
            continue
        span = Span(base + match.start(), base + match.end(), match.group(0))
        return ClockRange(start, end, span)
    return None


def find_clock_start(text: str) -> ClockTime | None:
    """A start time given alone ("kl. 13.00", "klockan 9"), when `text` has no range."""
    if _DIGIT.search(text) is None:
        return None
    match = _CLOCK_START.search(text)
    if match is None or int(match.group("ah")) > 24:
        return None
    return ClockTime(int(match.group("ah")), int(match.group("am") or 0))


def find_duration_minutes(text: str) -> int | None:
    """Minutes of a time slot: "(20 minuter, kl. …)" → 20."""
    match = _DURATION.search(text)
    return int(match.group("n")) if match else None
