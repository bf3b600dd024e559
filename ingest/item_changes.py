"""Changes of attendance told under an item that name other items or another person's
seat: "Gustav Ekholm (C) deltar inte under §§ 48–49" (the items sat out), "Olle Nyberg
(C) tjänstgör därefter" after a departure (the deputy takes the seat of the one who
left). The phrasings are `sits_out` and `serves_after_departure` rows of
`data/sentence_patterns.tsv`."""

from __future__ import annotations

from collections.abc import Sequence

from beslutsgraf.ingest.model import (
    AgendaItemSegment,
    Departure,
    SatOut,
    Segments,
    Span,
    Substitution,
)
from beslutsgraf.ingest.patterns import sentence_rules
from beslutsgraf.ingest.people import items_in_cell, mention_at

__all__ = ["item_number_at", "items_sat_out", "serving_after_departures"]


def items_sat_out(segments: Segments, known: frozenset[str]) -> list[SatOut]:
    """Who sits out the items a sentence under an item names."""
    text = segments.document.text
    found = []
    for rule in sentence_rules("sits_out"):
        for match in rule.finditer(text):
            items = items_in_cell(match["items"])
            if items and item_number_at(segments.items, match.start()) is not None:
                person = mention_at(text, match.start("person"), match.end("person"), known)
                found.append(SatOut(person, items, Span(match.start(), match.end(), match[0])))
    return found


def serving_after_departures(
    segments: Segments, departures: Sequence[Departure], known: frozenset[str]
) -> list[Substitution]:
    """A deputy who "tjänstgör därefter" sits for the last one told to leave before, under
    the same item, from the first item that one misses."""
    text = segments.document.text
    found = []
    for rule in sentence_rules("serves_after_departure"):
        for match in rule.finditer(text):
            departure = _departure_before(segments.items, departures, match.start())
            if departure is not None:
                substitute = mention_at(
                    text, match.start("substitute"), match.end("substitute"), known
                )
                span = Span(match.start(), match.end(), match[0])
                found.append(Substitution(substitute, departure.person, span, departure.from_item))
    return found


def _departure_before(
    items: Sequence[AgendaItemSegment], departures: Sequence[Departure], offset: int
) -> Departure | None:
    item = item_number_at(items, offset)
    told_before = [
        departure
        for departure in departures
        if departure.span.end <= offset and item_number_at(items, departure.span.start) == item
    ]
    return max(told_before, key=lambda departure: departure.span.end, default=None)


def item_number_at(items: Sequence[AgendaItemSegment], offset: int) -> int | None:
    """The number of the item whose text holds `offset` (a sentence told under it)."""
    return next(
        (item.number for item in items if item.marker.start <= offset < item.body.end), None
    )
