"""Dates an agreement gets by reckoning from what the item states: the new end of a
prolongation by a term ("förlängs med två år" from the end it has), the last day of an
agreement that ends when another enters into force, and the years of the period its title
gives ("Samverkansavtal om hjälpmedel 2025–2028")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import DateValue, Span
from beslutsgraf.ingest.patterns import fill, number_word

__all__ = ["OwnPeriod", "day_before", "is_term", "own_period", "prolonged_end", "term_end"]

_MONTHS_IN = {"år": 12, "månad": 1, "månader": 1}


@cache
def _rules(kind: str) -> tuple[re.Pattern[str], ...]:
    rows = read_table("agreement_dates.tsv")
    return tuple(re.compile(fill(row[1]), re.I) for row in rows if row[0] == kind)


def is_term(text: str, position: int) -> bool:
    """Whether a term ("ytterligare ett år", "två år") starts at `position`, after spaces."""
    start = len(text) - len(text[position:].lstrip())
    return any(rule.match(text, start) for rule in _rules("term"))


def prolonged_end(text: str, clause: Span, ended: DateValue | None) -> DateValue | None:
    """The new end of an agreement that `clause` prolongs by a term ("förlängs med två
    år") from the end `ended` it has (2025-12-31 → 2027-12-31); None without a stated
    term or a whole current end: nothing else tells where the new term ends."""
    if ended is None or ended.as_date() is None:
        return None
    for rule in _rules("prolonged_by"):
        match = rule.search(text, clause.start, clause.end)
        if match is None:
            continue
        count = number_word(match.group("count"))
        if count is None:
            return None
        first, last = match.start("count"), match.end("unit")
        span = Span(first, last, text[first:last])
        months = count * _MONTHS_IN[match.group("unit").lower()]
        return term_end(ended, months, span)
    return None


def term_end(ended: DateValue, months: int, span: Span | None = None) -> DateValue | None:
    """The last day of a term of `months` that starts the day after `ended`: the same
    day of the month as `ended` for a month's end (2025-06-30 and six months: 2025-12-31)."""
    last = ended.as_date()
    if last is None:
        return None
    first = last + dt.timedelta(days=1)
    month = first.month - 1 + months
    try:
        after = first.replace(year=first.year + month // 12, month=month % 12 + 1)
    except ValueError:  # a day the month after the term does not have
        return None
    end = after - dt.timedelta(days=1)
    return DateValue(end.year, end.month, end.day, span=span)


@dataclass(frozen=True)
class OwnPeriod:
    """The period a title gives in years: the title without it, the first and last day."""

    title: Span
    start: DateValue
    end: DateValue


def own_period(text: str, title: Span, limit: int) -> OwnPeriod | None:
    """The period in years that ends `title` ("Samverkansavtal om hjälpmedel 2025–2028")
    or follows it ("… för perioden 2025–2028", up to `limit`): from the first day of its
    first year to the last day of its last; None for any other title."""
    for rule in _rules("own_period"):
        for match in rule.finditer(text, title.start, limit):
            cut = min(match.start(), title.end)
            if title.end not in (match.start(), match.end()) or cut <= title.start:
                continue  # a period elsewhere, or all the title is
            first = int(match.group("from_year"))
            last = match.group("until_year")
            # "2025–28": the century is the first year's
            last_year = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
            if last_year < first:
                return None
            return OwnPeriod(
                Span(title.start, cut, text[title.start : cut]),
                DateValue(first, 1, 1, span=_group_span(match, "from_year")),
                DateValue(last_year, 12, 31, span=_group_span(match, "until_year")),
            )
    return None


def _group_span(match: re.Match[str], group: str) -> Span:
    return Span(match.start(group), match.end(group), match.group(group))


def day_before(day: DateValue) -> DateValue | None:
    """The last day before `day`: the end of what `day` replaces; None for no whole day."""
    whole = day.as_date()
    if whole is None:
        return None
    end = whole - dt.timedelta(days=1)
    return DateValue(end.year, end.month, end.day, span=day.span)
