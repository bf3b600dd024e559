"""Running page headers and footers of a PDF: what stands in the top or the foot band
of (almost) every page at the same height, page numbers aside.

A header or footer is text lines ("Sida 2 av 4") or a ruled table (the boxed
"KOMMUNSTYRELSEN | SAMMANTRÄDESPROTOKOLL | Sida 3 (12)" of a Word template). The
first page keeps its header, which names the body and the date; every other header
and every footer is left out. Only a run from the page's edge counts: the same
"Beslut" at the same height on two pages, under a different "§ 12" and "§ 14", is
content, and so is whatever stands between the content and the edge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from beslutsgraf.ingest.pdf_layout import Line, Page, Table

__all__ = ["Furniture", "page_content", "page_furniture"]

# Running page headers and footers stand in the top or the foot fifth of the page, at
# the same height (within this many points) on every page.
_FURNITURE_BAND = 0.2
_SAME_HEIGHT = 2.0
_NUMBER = re.compile(r"\d+")

# ("head" or "foot", the text with its page number and count read as "#"): a line's
# words joined by spaces, or a table's rows joined by newlines.
_Key = tuple[str, str]


@dataclass(frozen=True)
class Furniture:
    """The keys of the running header and footer lines and tables of one document."""

    lines: frozenset[_Key]
    tables: frozenset[_Key]


def page_furniture(pages: Sequence[Page]) -> Furniture:
    """The lines and tables that stand in the top or foot band at the same height on
    every page, or all but one (a first page of its own)."""
    line_tops: dict[_Key, list[float]] = {}
    table_tops: dict[_Key, list[float]] = {}
    for page in pages:
        for line in page.lines:
            key = _line_key(line, page, len(pages))
            if key is not None:
                line_tops.setdefault(key, []).append(line.top)
        for table in page.tables:
            key = _table_key(table, page, len(pages))
            if key is not None:
                table_tops.setdefault(key, []).append(table.top)
    needed = max(2, len(pages) - 1)

    def running(tops: dict[_Key, list[float]]) -> frozenset[_Key]:
        return frozenset(
            key
            for key, found in tops.items()
            if len(found) >= needed and max(found) - min(found) <= _SAME_HEIGHT
        )

    return Furniture(running(line_tops), running(table_tops))


def page_content(
    page: Page, furniture: Furniture, page_count: int
) -> tuple[tuple[Line, ...], tuple[Table, ...]]:
    """The page's lines and tables without its running footer, and without its running
    header after the first page (where it names the body and the date once)."""
    items: list[Line | Table] = sorted([*page.lines, *page.tables], key=lambda item: item.top)
    bands = [_band_if_running(item, page, furniture, page_count) for item in items]
    header = 0
    while header < len(items) and bands[header] == "head":
        header += 1
    footer = 0
    while footer < len(items) - header and bands[-1 - footer] == "foot":
        footer += 1
    kept = items[0 if page.number == 1 else header : len(items) - footer]
    return (
        tuple(item for item in kept if isinstance(item, Line)),
        tuple(item for item in kept if isinstance(item, Table)),
    )


def _band_if_running(
    item: Line | Table, page: Page, furniture: Furniture, page_count: int
) -> str | None:
    if isinstance(item, Line):
        key, running = _line_key(item, page, page_count), furniture.lines
    else:
        key, running = _table_key(item, page, page_count), furniture.tables
    return key[0] if key is not None and key in running else None


def _line_key(line: Line, page: Page, page_count: int) -> _Key | None:
    band = _band(line.top, line.bottom, page)
    if band is None:
        return None
    words = (_page_numbers_read_as_hash(word.text, page, page_count) for word in line.words)
    return band, " ".join(words)


def _table_key(table: Table, page: Page, page_count: int) -> _Key | None:
    band = _band(table.top, table.bottom, page)
    if band is None:
        return None
    return band, _page_numbers_read_as_hash("\n".join(table.rows), page, page_count)


def _band(top: float, bottom: float, page: Page) -> str | None:
    if bottom <= page.height * _FURNITURE_BAND:
        return "head"
    if top >= page.height * (1 - _FURNITURE_BAND):
        return "foot"
    return None


def _page_numbers_read_as_hash(text: str, page: Page, page_count: int) -> str:
    numbers = {str(page.number), str(page_count)}
    return _NUMBER.sub(lambda m: "#" if m.group(0) in numbers else m.group(0), text)
