"""The agenda items a member-list entry bounds rather than lists: "deltar från och med
§ 47", "lämnar sammanträdet efter § 50", "deltar inte under §§ 48–49". The phrasings
are rows of `data/item_scopes.tsv`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from beslutsgraf.ingest.data_files import read_table

__all__ = ["attendance_note_start", "item_scope", "scoped_items"]

_NOTE = "note"  # the rows that open a note, not a scope


@cache
def _rows() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((row[0], re.compile(row[1], re.I)) for row in read_table("item_scopes.tsv"))


def _scopes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(row for row in _rows() if row[0] != _NOTE)


def attendance_note_start(text: str, start: int, end: int, *, items_follow: bool) -> int | None:
    """Where a note on attendance opens in an entry's words after a name (`start` to
    `end`, the item numbers when they follow): its verb ("anländer kl. 14.10 och deltar
    …"), or the words that bound the items ("tjänstgörande ersättare från § 48"). None
    without one: the words describe the person."""
    found = [
        match.start()
        for kind, rule in _rows()
        if kind == _NOTE or items_follow
        if (match := rule.search(text, start, end)) is not None
    ]
    return min(found, default=None)


def item_scope(words_before: str) -> str | None:
    """The scope the words before an entry's item numbers give them, or None."""
    return next((scope for scope, rule in _scopes() if rule.search(words_before)), None)


def scoped_items(
    items: tuple[int, ...], scope: str | None, numbers: Sequence[int]
) -> tuple[int, ...]:
    """The items attended, of the meeting's item `numbers`, that `items` bound by `scope`.
    Without the meeting's items a bound cannot be spelt out: `items` stay as named."""
    if scope is None or not items or not numbers:
        return items
    if scope == "from":
        return tuple(n for n in numbers if n >= items[0])
    if scope == "until":
        return tuple(n for n in numbers if n <= items[-1])
    return tuple(n for n in numbers if n not in items)
