"""Regex rule tables from `ingest/data/` with their placeholders filled in.

The tables hold the Swedish phrasing ("ersätter", "får i uppdrag", "till och
med"); the placeholders are the shared building blocks: {NAME}, {FIRST},
{PRONOUN}, {PARTY}, {DATE}, {NUM}.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.dates import month_pattern
from beslutsgraf.ingest.people import PARTY

__all__ = ["DATE", "NAME_IN_PROSE", "Rule", "compiled", "fill", "keyed", "number_word"]

_CAP = r"[A-ZÅÄÖÉÜ][a-zåäöéüA-ZÅÄÖÉ'’]*(?:-[A-ZÅÄÖÉa-zåäöé][a-zåäöéüA-ZÅÄÖ]*)*"
_GAP = r"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)"
NAME_IN_PROSE = rf"{_CAP}(?:{_GAP}{_CAP}){{1,3}}"


@cache
def _numerals() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_table("numerals.tsv")}


def number_word(word: str) -> int | None:
    """The value of a digit string or number word ("4", "fyra" → 4)."""
    return int(word) if word.isdigit() else _numerals().get(word.lower())


@cache
def date_regex_text() -> str:
    month = month_pattern()
    return (
        rf"(?:kl\.?\s*\d{{1,2}}[.:]\d{{2}}\s+den\s+)?"
        rf"(?:(?:19|20)\d{{2}}-[01]\d-[0-3]\d|[0-3]?\d/[01]?\d[ -](?:19|20)\d{{2}}"
        rf"|\d{{1,2}}\s+{month}\.?(?:,?\s+(?:19|20)\d{{2}})?"
        rf"|{month}\s+(?:19|20)\d{{2}})"
    )


DATE = "{DATE}"


def fill(pattern: str) -> str:
    """`pattern` with every placeholder replaced by its regex."""
    numerals = "|".join(sorted(_numerals(), key=len, reverse=True))
    replacements = {
        "{NAME}": NAME_IN_PROSE,
        "{FIRST}": rf"{_CAP}(?:{_GAP}{_CAP}){{0,3}}",
        "{PRONOUN}": r"hon|han|hen",
        "{PARTY}": PARTY.replace("(?P<party>", "(?:"),
        "{DATE}": date_regex_text(),
        "{NUM}": rf"(?:{numerals})",
    }
    for placeholder, regex in replacements.items():
        pattern = pattern.replace(placeholder, regex)
    return pattern


@dataclass(frozen=True)
class Rule:
    """A rule's regex and, when the table gives one, its guard: a regex that every match
    of the rule contains. A rule that opens with a lazy run ("(?P<who>[^.\n]+?)\\s+
    reserverade\\s+sig", "{NAME},?[^.]*?\\s+är\\s+ny") retries at every character of a
    long line; one linear search for the guard rules most texts out first. When the
    guard is found the rule runs as written, so the matches are the same."""

    regex: re.Pattern[str]
    guard: re.Pattern[str] | None = None

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self.guard is not None and self.guard.search(text, pos, endpos) is None:
            return iter(())
        return self.regex.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.guard is not None and self.guard.search(text, pos, endpos) is None:
            return None
        return self.regex.search(text, pos, endpos)


@cache
def keyed(table: str) -> tuple[tuple[str, Rule], ...]:
    """(kind, rule) rows of a rule table: kind, regex and an optional guard."""
    return tuple(
        (row[0], Rule(re.compile(fill(row[1])), re.compile(row[2]) if len(row) > 2 else None))
        for row in read_table(table)
    )


@cache
def compiled(table: str, flags: int = 0) -> tuple[re.Pattern[str], ...]:
    """The compiled regexes of a one-column rule table."""
    return tuple(re.compile(fill(row[0]), flags) for row in read_table(table))
