"""Lines of a text with their offsets, and small span helpers shared by the segmenters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import Span

__all__ = [
    "Line",
    "ends_with_function_word",
    "make_span",
    "split_lines",
    "strip_markup",
    "trimmed_span",
]

# Markdown headings, bullets and leftover HTML tags wrap some lines.
_MARKUP = re.compile(r"^(?:\s*(?:#{1,6}|[•\-–*>]|<[a-z]+>)\s*)+|(?:\s*</?[a-z]+>\s*)+$")


@dataclass(frozen=True)
class Line:
    """One line of the text: `text == whole[start:end]`, without the line break."""

    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of `text[start:end]` with offsets into `text`."""
    stop = len(text) if end is None else end
    lines: list[Line] = []
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline < 0 else newline
        lines.append(Line(position, line_end, text[position:line_end]))
        position = line_end + 1
    return lines


def make_span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def trimmed_span(text: str, start: int, end: int, strip: str = " \t\n\u00a0") -> Span:
    """The span with surrounding whitespace (and `strip` characters) left out."""
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end, text[start:end])


def strip_markup(text: str, start: int, end: int) -> Span:
    """The span without heading marks, bullets and tags around its content."""
    span = trimmed_span(text, start, end)
    match = _MARKUP.search(span.text)
    while match and match.group(0):
        if match.start() == 0:
            span = trimmed_span(text, span.start + match.end(), span.end)
        else:
            span = trimmed_span(text, span.start, span.start + match.start())
        match = _MARKUP.search(span.text)
    return span


@cache
def _function_words() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_table("function_words.tsv"))


def ends_with_function_word(line: str) -> bool:
    """True when a wrapped title line ends mid-phrase ("… ungdomsmottagningarna i")."""
    words = line.split()
    return bool(words) and words[-1].lower() in _function_words()
