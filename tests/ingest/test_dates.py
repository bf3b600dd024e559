"""Dates, clock times, durations and amounts in every form the minutes use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from beslutsgraf.ingest.amounts import find_amounts
from beslutsgraf.ingest.dates import find_clock_range, find_dates, find_duration_minutes
from beslutsgraf.ingest.model import ClockTime, DatePrecision


@pytest.mark.parametrize(
    ("text", "iso", "precision", "quoted"),
    [
        ("Datum: 6 mars 2025", "2025-03-06", DatePrecision.DAY, "6 mars 2025"),
        ("Datum: 2025-03-06", "2025-03-06", DatePrecision.DAY, "2025-03-06"),
        ("Datum: 28 april 2022", "2022-04-28", DatePrecision.DAY, "28 april 2022"),
        ("SRO gav den 30 januari 2025 VGR", "2025-01-30", DatePrecision.DAY, "30 januari 2025"),
        ("senast i juni 2026 – efter dialog", "2026-06", DatePrecision.MONTH, "juni 2026"),
        ("till och med 2024-12-31.", "2024-12-31", DatePrecision.DAY, "2024-12-31"),
        ("från och med 1 januari 2027:", "2027-01-01", DatePrecision.DAY, "1 januari 2027"),
        ("vid sammanträdet 6 mars, 2025.", "2025-03-06", DatePrecision.DAY, "6 mars, 2025"),
        (
            "Remissvar ska vara inne senast kl. 12.00 den 19 juni 2025.",
            "2025-06-19T12:00:00",
            DatePrecision.MINUTE,
            "kl. 12.00 den 19 juni 2025",
        ),
        ("Januari 2026, studieresa", "2026-01", DatePrecision.MONTH, "Januari 2026"),
        ("Datum: 6/3 2024", "2024-03-06", DatePrecision.DAY, "6/3 2024"),
    ],
)
def test_dates_in_every_form(text: str, iso: str, precision: DatePrecision, quoted: str) -> None:
    found = find_dates(text, base=100)
    assert len(found) == 1
    date = found[0]
    assert date.iso() == iso
    assert date.precision == precision
    assert date.span is not None and date.span.text == quoted
    assert date.span.start == 100 + text.index(quoted)


def test_a_day_without_a_year_takes_the_context_year_or_nothing() -> None:
    text = "Nästa möte i gemensam styrgrupp 25 juni kl. 11 – 12, digitalt"
    assert find_dates(text) == []
    assert [d.iso() for d in find_dates(text, default_year=2026)] == ["2026-06-25"]


def test_invalid_dates_are_not_dates() -> None:
    assert find_dates("2025-13-40 och 45 mars 2025 och 31 februari 2025") == []


@pytest.mark.parametrize(
    ("text", "start", "end", "quoted"),
    [
        ("Tid: 13.30 – 15.30", ClockTime(13, 30), ClockTime(15, 30), "13.30 – 15.30"),
        ("Tid: 13:00-15:00", ClockTime(13, 0), ClockTime(15, 0), "13:00-15:00"),
        ("Tid: 08:00 – 09.00", ClockTime(8, 0), ClockTime(9, 0), "08:00 – 09.00"),
        (
            "(20 minuter, kl. 13.35 – 13.55)",
            ClockTime(13, 35),
            ClockTime(13, 55),
            "kl. 13.35 – 13.55",
        ),
        ("25 juni kl. 11 – 12, digitalt", ClockTime(11, 0), ClockTime(12, 0), "kl. 11 – 12"),
    ],
)
def test_clock_ranges(text: str, start: ClockTime, end: ClockTime, quoted: str) -> None:
    found = find_clock_range(text, base=7)
    assert found is not None
    assert (found.start, found.end) == (start, end)
    assert found.span.text == quoted and found.span.start == 7 + text.index(quoted)


@pytest.mark.parametrize("text", ["mellan 1200-1500 varje vecka", "perioden 2018–2022"])
def test_number_ranges_are_not_clock_times(text: str) -> None:
    assert find_clock_range(text) is None


def test_duration_in_minutes() -> None:
    assert find_duration_minutes("(20 minuter, kl. 13.35 – 13.55)") == 20
    assert find_duration_minutes("Information") is None


@pytest.mark.parametrize(
    ("text", "value", "approximate", "quoted"),
    [
        ("tilldelats drygt 61 miljoner kronor, där", 61_000_000, True, "drygt 61 miljoner kronor"),
        ("riktas totalt 150 000 000 kr till", 150_000_000, False, "totalt 150 000 000 kr"),
        ("om cirka 25 000 000 kr.", 25_000_000, True, "cirka 25 000 000 kr"),
        ("Det saknas 11 miljoner som bland annat", 11_000_000, False, "11 miljoner"),
        ("med 39,7 miljoner kronor.", 39_700_000, False, "39,7 miljoner kronor"),
    ],
)
def test_amounts_in_sek(text: str, value: int, approximate: bool, quoted: str) -> None:
    found = find_amounts(text, base=3)
    assert len(found) == 1
    amount = found[0]
    assert amount.value == Decimal(value)
    assert amount.currency == "SEK"
    assert amount.approximate is approximate
    assert amount.span.text == quoted and amount.span.start == 3 + text.index(quoted)


@pytest.mark.parametrize(
    "text", ["16 ledamöter och 16 ersättare", "2 miljoner invånare", "år 2022"]
)
def test_counts_are_not_money(text: str) -> None:
    assert find_amounts(text) == []
