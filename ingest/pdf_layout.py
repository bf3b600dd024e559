"""The geometry the PDF reader works with: words, the lines they make, ruled tables and
pages, and whether one line runs on from the one before it (a soft wrap)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Line", "Page", "Table", "Word", "is_soft_wrap", "lines_of"]

# Gaps as multiples of the font size (a word's height): a space is about
# 0.25, a table column gap several.
_TAB_GAP = 1.0
_WIDE_GAP = 3.0
_GAP_CONTRAST = 2.0
_SPACE = 0.25  # width of a space, as a multiple of the font size
# Slack for where wrapping really happens: cell padding and a guessed right margin
# put the wrap point up to about one font size left of the measured one.
_WRAP_SLACK = 0.5
# A sentence that ends a line and a capital that starts the next: most likely the
# author's own break (the words alone cannot tell, when the sentence filled the line).
_SENTENCE_END = re.compile(r"[.:!?]$")
_HANGING_INDENT = 2.0  # a wrapped bullet's text may start this many font sizes right
# A line starting like an agenda item, a sub-item or a bullet starts anew even
# when the line before it happens to reach the margin.
_LIST_MARKER = re.compile(r"^(?:\d+[.)]|[a-zåäö]\)|[-–•*➤§])")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]  # left to right
    empty_cells_before: int = 0  # a table row whose first cells are empty
    right_margin: float | None = None  # where text in this line's column wraps

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    def cell_starts(self) -> list[float]:
        """The x position of each table cell on the line (one cell for plain text)."""
        return [self.words[0].x0] + [
            word.x0
            for (before, word) in zip(self.words, self.words[1:], strict=False)
            if self._is_column_gap(before, word)
        ]

    def cells(self) -> list[tuple[Word, ...]]:
        """The words of each table cell on the line, left to right (one cell for plain text)."""
        cells: list[list[Word]] = [[self.words[0]]]
        for before, word in zip(self.words, self.words[1:], strict=False):
            if self._is_column_gap(before, word):
                cells.append([])
            cells[-1].append(word)
        return [tuple(cell) for cell in cells]

    def text(self) -> str:
        parts = ["\t" * self.empty_cells_before, self.words[0].text]
        for before, word in zip(self.words, self.words[1:], strict=False):
            parts.append("\t" if self._is_column_gap(before, word) else " ")
            parts.append(word.text)
        return "".join(parts)

    def is_one_cell(self) -> bool:
        return not self.empty_cells_before and len(self.cell_starts()) == 1

    def _is_column_gap(self, before: Word, word: Word) -> bool:
        gap = word.x0 - before.x1
        size = max(before.size, word.size)
        # Justified text widens every gap alike; a column gap stands out
        # against the line's ordinary spaces, or is wide beyond doubt.
        return gap > _WIDE_GAP * size or (
            gap > _TAB_GAP * size and gap > _GAP_CONTRAST * self._narrowest_gap
        )

    @property
    def _narrowest_gap(self) -> float:
        # Words that overlap (a cell's second line read on with its row) make no gap.
        pairs = zip(self.words, self.words[1:], strict=False)
        gaps = (word.x0 - before.x1 for before, word in pairs)
        return min((gap for gap in gaps if gap >= 0), default=0.0)


@dataclass(frozen=True)
class Table:
    """A ruled table: one text line per row, its cells separated by tabs."""

    rows: tuple[str, ...]
    top: float
    bottom: float


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    lines: tuple[Line, ...]  # the words outside the ruled tables
    tables: tuple[Table, ...]
    width: float
    height: float


def lines_of(words: Sequence[Word]) -> list[Line]:
    """The words grouped into lines, top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= word.size * 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def is_soft_wrap(previous: Line, line: Line, slack: float = _WRAP_SLACK) -> bool:
    """Whether `line` continues `previous` only because its first word did not fit
    (within `slack` font sizes of where the line is taken to wrap)."""
    if previous.right_margin is None or not (previous.is_one_cell() and line.is_one_cell()):
        return False
    first = line.words[0]
    if first.x0 > previous.words[0].x0 + _HANGING_INDENT * previous.size:
        return False  # indented further: a new level, not the same paragraph
    if _LIST_MARKER.match(first.text):
        return False
    if _SENTENCE_END.search(previous.words[-1].text) and first.text[:1].isupper():
        return False
    room = previous.right_margin - previous.words[-1].x1 - _SPACE * previous.size
    return first.x1 - first.x0 > room - slack * previous.size
