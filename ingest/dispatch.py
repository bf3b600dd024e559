"""To whom a § sends its decisions: the entries of its "Beslutet skickas till",
"Expedieras till" or "Expediering" field (the "dispatch" rows of `data/labels.tsv`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import DecisionClause, HeaderField, Span

__all__ = ["with_recipients"]

# Entries stand one a line, or in a line apart by commas, semicolons, "och" or "samt";
# the "och" of "Individ- och familjeomsorgen" joins a word, so it splits nothing.
_ENTRY_BREAK = re.compile(r"\s*[\n,;]\s*|(?<!-)\s+(?:och|samt)\s+")
_BULLET = re.compile(r"^[•\-–*]\s*")


def with_recipients(
    fields: Sequence[HeaderField], decisions: Sequence[DecisionClause]
) -> list[DecisionClause]:
    """Every decision of the § with the recipients its dispatch field lists: the field is
    the §'s, so each of its decisions is sent to them."""
    field = next((f for f in fields if f.key == "dispatch" and f.value.text.strip()), None)
    if field is None:
        return list(decisions)
    listed = _before_signatures(field.value)
    if not listed.text.strip():
        return list(decisions)
    entries = tuple(_entries(listed.text))
    return [replace(d, sent_to=entries, sent_to_in=listed) for d in decisions]


def _before_signatures(value: Span) -> Span:
    """The list up to the line that opens a signature block or a page's furniture: the
    last field of the last § runs on to the end of the text, over what follows it."""
    offset = 0
    for line in value.text.splitlines(keepends=True):
        if _signature_line().fullmatch(line.strip()):
            kept = value.text[:offset].rstrip()
            return Span(value.start, value.start + len(kept), kept)
        offset += len(line)
    return value


@cache
def _signature_line() -> re.Pattern[str]:
    rows = read_table("signature_lines.tsv")
    return re.compile("|".join(f"(?:{row[0]})" for row in rows), re.IGNORECASE)


def _entries(listed: str) -> list[str]:
    entries = []
    for part in _ENTRY_BREAK.split(listed):
        entry = _BULLET.sub("", part).strip(" \t.:")
        if entry and entry not in entries:
            entries.append(entry)
    return entries
