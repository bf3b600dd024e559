"""Sums of money with their span: "drygt 61 miljoner kronor" → 61 000 000 SEK, approximate.

Multipliers, currencies, qualifiers and the count nouns that make "2
miljoner invånare" no sum of money are rows of `data/amount_words.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import Amount, Span

__all__ = ["background_sums", "find_amounts", "find_amounts_outside"]


@cache
def _words(kind: str) -> dict[str, str]:
    return {
        row[1].lower(): (row[2] if len(row) > 2 else "")
        for row in read_table("amount_words.tsv")
        if row[0] == kind
    }


def _alternation(words: dict[str, str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _amount_regex() -> re.Pattern[str]:
    qualifier = _alternation(_words("qualifier"))
    multiplier = _alternation(_words("multiplier"))
    currency = _alternation(_words("currency"))
    # Digits grouped by spaces or non-breaking spaces ("150 000 000"), decimal comma.
    number = r"\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    # A sum opens with a digit or a qualifier's first letter: checked first, the character
    # rules out most positions before the qualifiers are tried there.
    opening = "".join(sorted({re.escape(word[:1]) for word in _words("qualifier")}))
    return re.compile(
        rf"(?=[\d{opening}])"
        rf"(?<![\w,.])(?:(?P<qualifier>{qualifier})\s+)?(?P<number>{number})(?![\d-])"
        rf"(?:\s+(?P<multiplier>{multiplier})\b)?(?:\s+(?P<currency>{currency})\b)?"
        rf"(?:\s+(?P<next>\w+))?",
        re.IGNORECASE,
    )


def find_amounts(text: str, base: int = 0) -> list[Amount]:
    """Every sum of money in `text`; spans are offset by `base`."""
    amounts: list[Amount] = []
    count_nouns = _words("count_noun")
    for match in _amount_regex().finditer(text):
        multiplier, currency = match.group("multiplier"), match.group("currency")
        following = (match.group("next") or "").lower()
        if currency is None and (multiplier is None or following in count_nouns):
            continue
        digits = re.sub(r"[ \u00a0]", "", match.group("number")).replace(",", ".")
        value = Decimal(digits)
        if multiplier:
            value *= Decimal(_words("multiplier")[multiplier.lower()])
        unit = _words("currency").get((currency or "").lower(), "SEK")
        qualifier = match.group("qualifier")
        end = match.end("currency") if currency else match.end("multiplier")
        span = Span(base + match.start(), base + end, text[match.start() : end])
        approximate = bool(qualifier) and _words("qualifier")[qualifier.lower()] == "approximate"
        amounts.append(Amount(value.quantize(Decimal(1)), unit, approximate, qualifier, span))
    return amounts


def find_amounts_outside(span: Span, excluded: Sequence[Span]) -> list[Amount]:
    """The sums of `span` that start in none of the `excluded` spans."""
    return [
        amount
        for amount in find_amounts(span.text, span.start)
        if not any(part.start <= amount.span.start < part.end for part in excluded)
    ]


def background_sums(
    stated: Sequence[Amount],
    text: str,
    background: Sequence[Amount],
    others: Sequence[Sequence[Amount]],
) -> tuple[Amount, ...]:
    """The sums a decision is about: those it states, else its item's `background` sums when
    it is the item's one decision (`others` empty) or names what they are ("fördelningen",
    "medlen"); never a sum another clause of the item states."""
    if stated:
        return tuple(stated)
    words = {word.casefold() for word in re.findall(r"\w+", text)}
    if others and not words & set(_words("sum_reference")):
        return ()
    taken = {amount.value for clause in others for amount in clause}
    return tuple(amount for amount in background if amount.value not in taken)
