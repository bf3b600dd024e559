"""Lines of a text with their offsets, and small span helpers shared by the segmenters."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

from beslutsgraf.ingest.data_files import read_table
from beslutsgraf.ingest.model import Span

__all__ = [
    "SENTENCE_END",
    "Line",
    "ends_with_function_word",
    "make_span",
    "sentences",
    "split_lines",
    "split_on",
    "split_on_gaps",
    "strip_markup",
    "trimmed_span",
]

# Markdown headings, bullets and leftover HTML tags wrap some lines.
_MARKUP = re.compile(r"^(?:\s*(?:#{1,6}|[•\-–*>]|<[a-z]+>)\s*)+|(?:\s*</?[a-z]+>\s*)+$")
# A sentence ends at a full stop before a space (not "bl.a"), or at the line's end.
SENTENCE_END = re.compile(r"\.(?=\s|$)|\n")
# Where a converted table's cells part: a tab, or a run of spaces.
_CELL_GAP = re.compile(r"\t| {2,}")


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
    if start >= stop:
        return []
    if not 0 <= start < stop <= len(text):
        return _split(text, start, stop)
    # The stages split the same text into lines dozens of times, region by region:
    # the whole text's lines are made once and reused where a region holds them whole.
    whole = _whole_lines(text)
    first = bisect_right(whole.starts, start) - 1
    lines = list(whole.lines[first : bisect_left(whole.starts, stop)])
    # The first and last line may stick out of the region: cut them to it.
    for index in (0, -1):
        line = lines[index]
        if line.start < start or line.end > stop:
            line_start, line_end = max(line.start, start), min(line.end, stop)
            lines[index] = Line(line_start, line_end, text[line_start:line_end])
    return lines


@dataclass(frozen=True)
class _WholeLines:
    lines: tuple[Line, ...]
    starts: tuple[int, ...]


@lru_cache(maxsize=8)
def _whole_lines(text: str) -> _WholeLines:
    # One more line when `text` ends with a newline: the empty one after it, for a
    # region that starts there.
    lines = _split(text, 0, len(text))
    if not lines or lines[-1].end < len(text):
        lines.append(Line(len(text), len(text), ""))
    return _WholeLines(tuple(lines), tuple(line.start for line in lines))


def _split(text: str, start: int, stop: int) -> list[Line]:
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
    if not 0 <= start <= end <= len(text):
        return _trimmed_by_character(text, start, end, strip)
    piece = text[start:end]
    content = piece.lstrip(strip)
    start += len(piece) - len(content)
    content = content.rstrip(strip)
    return Span(start, start + len(content), content)


def _trimmed_by_character(text: str, start: int, end: int, strip: str) -> Span:
    # Offsets outside `text` fail (or not) as they always did.
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end, text[start:end])


def strip_markup(text: str, start: int, end: int) -> Span:
    """The span without heading marks, bullets and tags around its content."""
    span = trimmed_span(text, start, end)
    if not _may_hold_markup(span.text):
        return span
    match = _MARKUP.search(span.text)
    while match and match.group(0):
        if match.start() == 0:
            span = trimmed_span(text, span.start + match.end(), span.end)
        else:
            span = trimmed_span(text, span.start, span.start + match.start())
        match = _MARKUP.search(span.text)
    return span


def _may_hold_markup(piece: str) -> bool:
    """Whether `_MARKUP` can match: a mark opens the content or a tag closes it. Most
    spans are plain words, and this look is cheaper than the search."""
    content = piece.strip()
    return bool(content) and (content[0] in _MARK_OPENERS or content[-1] == ">")


_MARK_OPENERS = "#•-–*><"


@cache
def _function_words() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_table("function_words.tsv"))


def ends_with_function_word(line: str) -> bool:
    """True when a wrapped title line ends mid-phrase ("… ungdomsmottagningarna i")."""
    words = line.split()
    return bool(words) and words[-1].lower() in _function_words()


def split_on(text: str, start: int, end: int, separator: str) -> list[Span]:
    """`text[start:end]` cut at every `separator` (a tab): empty pieces kept, they are
    cells left blank."""
    pieces, position = [], start
    while True:
        found = text.find(separator, position, end)
        if found < 0:
            pieces.append(Span(position, end, text[position:end]))
            return pieces
        pieces.append(Span(position, found, text[position:found]))
        position = found + len(separator)


def split_on_gaps(text: str, start: int, end: int) -> list[Span]:
    """`text[start:end]` cut at tabs and runs of two or more spaces, each piece trimmed;
    no empty pieces (a blank cell in spaced text is only a wider gap)."""
    pieces, position = [], start
    for gap in _CELL_GAP.finditer(text, start, end):
        pieces.append(trimmed_span(text, position, gap.start()))
        position = gap.end()
    pieces.append(trimmed_span(text, position, end))
    return [piece for piece in pieces if piece.text]


def sentences(words: str) -> list[str]:
    """`words` as sentences, whitespace folded, each with its full stop."""
    found, at = [], 0
    for end in [*SENTENCE_END.finditer(words), None]:
        stop = end.end() if end else len(words)
        sentence = " ".join(words[at:stop].split())
        if sentence:
            found.append(sentence)
        at = stop
    return found
