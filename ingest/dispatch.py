"""To whom a § sends its decisions: the entries of its "Beslutet skickas till",
"Expedieras till" or "Expediering" field (the "dispatch" rows of `data/labels.tsv`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from beslutsgraf.ingest.model import DecisionClause, HeaderField

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
    entries = tuple(_entries(field.value.text))
    return [replace(d, sent_to=entries, sent_to_in=field.value) for d in decisions]


def _entries(listed: str) -> list[str]:
    entries = []
    for part in _ENTRY_BREAK.split(listed):
        entry = _BULLET.sub("", part).strip(" \t.:")
        if entry and entry not in entries:
            entries.append(entry)
    return entries
