"""Serving deputies listed with the member they sit for: "Tjänstgörande ersättare: Lena
Berg (V) för Omar Ali (V); Kim Lo (L) för Ida Ström (L)".

Under that label a bare "för" says what "ersättare för" says in prose; the roster reads
the entry as two people, both deputies. The second is the member whose seat the first
fills: absent, a member of the body, and not a deputy of their own."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Final

from beslutsgraf.ingest.model import PersonMention, Span, Substitution

__all__ = ["deputies_sitting_for"]

_SERVING_DEPUTIES: Final = "serving_deputies"
# The entry of the deputy ends in the word that links the two names.
_FOR: Final = re.compile(r"\s(?:i\s+stället\s+)?för\W*$")


def deputies_sitting_for(
    text: str, roster: Sequence[PersonMention]
) -> tuple[list[PersonMention], list[Substitution]]:
    """The roster without the members sat for, and a substitution for each pair."""
    substitutions: list[Substitution] = []
    sat_for: set[int] = set()
    for deputy, member in itertools.pairwise(roster):
        if not _pair(text, deputy, member):
            continue
        assert deputy.entry is not None and member.entry is not None
        start, end = deputy.entry.start, member.entry.end
        items = member.items or deputy.items
        substitutions.append(
            Substitution(
                deputy, member, Span(start, end, text[start:end]), items[0] if items else None
            )
        )
        sat_for.add(id(member))
    return [p for p in roster if id(p) not in sat_for], substitutions


def _pair(text: str, deputy: PersonMention, member: PersonMention) -> bool:
    """Two entries of the serving deputies' list on one line, the first ending in "för"."""
    if deputy.section != _SERVING_DEPUTIES or member.section != _SERVING_DEPUTIES:
        return False
    if deputy.entry is None or member.entry is None or deputy.entry.end > member.entry.start:
        return False
    return (
        bool(_FOR.search(deputy.entry.text))
        and "\n" not in text[deputy.entry.end : member.entry.start]
    )
