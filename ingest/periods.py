"""Periods a deadline names instead of a day: weeks, quarters, tertials, half-years and the
turn of the year ("senast v. 42", "Q1 2026", "under första kvartalet 2026", "till
årsskiftet"), each read as its last day.

The words are rows of `data/periods.tsv`; the number words are those of `numerals.tsv`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import DateValue, Span

__all__ = ["is_yearless_period", "period_end", "period_regex_text"]

# A year after the period: "v. 42 2026", "Q1, 2026", "Q1-2026", "kvartal 1 år 2026".
_YEAR = r"(?:(?:,?\s+(?:år\s+)?|[-/])(?P<year>(?:19|20)\d{2})(?!\d))?"


@dataclass(frozen=True)
class _Form:
    """One row of `periods.tsv`: its regex, with the groups "number"/"ordinal" and "year"."""

    regex: re.Pattern[str]
    months: int  # 0 for an ISO week


@cache
def _ordinals() -> dict[str, int]:
    return {row[0].lower(): int(row[1]) for row in read_table("numerals.tsv")}


def _form_text(words: str, numbered: str) -> str:
    if numbered == "after":
        return rf"\b(?:{words})\s*(?P<number>\d{{1,2}})(?!\d)"
    if numbered == "ordinal":
        ordinals = "|".join(sorted(_ordinals(), key=len, reverse=True))
        return rf"\b(?P<ordinal>{ordinals})\s+(?:{words})"
    return rf"\b(?:{words})"


@cache
def _forms() -> tuple[_Form, ...]:
    return tuple(
        _Form(re.compile(_form_text(words, numbered) + _YEAR, re.IGNORECASE), int(months))
        for words, months, numbered in read_table("periods.tsv")
    )


@cache
def period_regex_text() -> str:
    """One regex (no named groups) for every period, for the {PERIOD} placeholder."""
    unnamed = (re.sub(r"\(\?P<\w+>", "(?:", form.regex.pattern) for form in _forms())
    return "(?i:" + "|".join(f"(?:{text})" for text in unnamed) + ")"


def period_end(text: str, default_year: int | None, base: int = 0) -> DateValue | None:
    """The last day of the period `text` opens with ("v. 42" → its Sunday, ISO weeks; "Q1
    2026" → 2026-03-31; "årsskiftet" → 31 December), in its own year or `default_year`;
    None for no period or one that does not exist ("v. 54", "Q5")."""
    for form in _forms():
        match = form.regex.match(text)
        if match is None:
            continue
        year = int(match["year"]) if match["year"] else default_year
        number = _number(match)
        if year is None or number is None:
            return None
        last = _last_day(year, number, form.months)
        span = Span(base, base + match.end(), match.group(0))
        return DateValue(last.year, last.month, last.day, span=span) if last else None
    return None


def is_yearless_period(text: str) -> bool:
    """True when `text` opens with a period written without its year ("v. 42")."""
    return any((m := form.regex.match(text)) and not m["year"] for form in _forms())


def _number(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("number"):
        return int(groups["number"])
    if groups.get("ordinal"):
        return _ordinals().get(groups["ordinal"].lower())
    return 1  # "årsskiftet": the one period of twelve months


def _last_day(year: int, number: int, months: int) -> date | None:
    try:
        if months == 0:
            return date.fromisocalendar(year, number, 7)
        if not 1 <= number <= 12 // months:
            return None
        month = number * months
        return date(year, month, monthrange(year, month)[1])
    except ValueError:
        return None  # week 53 of a year of 52
