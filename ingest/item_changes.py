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
    PersonMention,
    SatOut,
    Segments,
    Span,
    Substitution,
)
from beslutsgraf.ingest.patterns import keyed
from beslutsgraf.ingest.people import items_in_cell, parse_person

__all__ = ["items_sat_out", "serving_after_departures"]


def items_sat_out(segments: Segments, known: frozenset[str]) -> list[SatOut]:
    """Who sits out the items a sentence under an item names."""
    text = segments.document.text
    found = []
    for kind, rule in keyed("sentence_patterns.tsv"):
        if kind != "sits_out":
            continue
        for match in rule.finditer(text):
            items = items_in_cell(match["items"])
            if items and _item_at(segments.items, match.start()) is not None:
                person = _person(text, match.start("person"), match.end("person"), known)
                found.append(SatOut(person, items, Span(match.start(), match.end(), match[0])))
    return found


def serving_after_departures(
    segments: Segments, departures: Sequence[Departure], known: frozenset[str]
) -> list[Substitution]:
    """A deputy who "tjänstgör därefter" sits for the last one told to leave before, under
    the same item, from the first item that one misses."""
    text = segments.document.text
    found = []
    for kind, rule in keyed("sentence_patterns.tsv"):
        if kind != "serves_after_departure":
            continue
        for match in rule.finditer(text):
            departure = _departure_before(segments.items, departures, match.start())
            if departure is not None:
                substitute = _person(
                    text, match.start("substitute"), match.end("substitute"), known
                )
                span = Span(match.start(), match.end(), match[0])
                found.append(Substitution(substitute, departure.person, span, departure.from_item))
    return found


def _departure_before(
    items: Sequence[AgendaItemSegment], departures: Sequence[Departure], offset: int
) -> Departure | None:
    item = _item_at(items, offset)
    told_before = [
        departure
        for departure in departures
        if departure.span.end <= offset and _item_at(items, departure.span.start) == item
    ]
    return max(told_before, key=lambda departure: departure.span.end, default=None)


def _item_at(items: Sequence[AgendaItemSegment], offset: int) -> int | None:
    return next(
        (item.number for item in items if item.marker.start <= offset < item.body.end), None
    )


def _person(text: str, start: int, end: int, known: frozenset[str]) -> PersonMention:
    person = parse_person(text, start, end, known_organisations=known)
    if person is not None:
        return person
    return PersonMention(" ".join(text[start:end].split()), Span(start, end, text[start:end]))
