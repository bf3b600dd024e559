"""Normalise a document's source text and keep a map back to every source character.

What changes, and why (everything else, including tabs, runs of spaces and
blank lines, is kept: the segmenter splits merged table columns on them):

* line endings "\\r\\n" and "\\r" → "\\n", so later stages match lines with
  one pattern whatever the file's origin;
* bullet glyphs → "•": the private-use code points that Word's Symbol and
  Wingdings fonts leave behind (U+F0B7 …) anywhere, and visible arrow or box
  bullets ("➤", "▪" …) where they start a line;
* invisible characters that split words (soft hyphen, zero-width space, a
  byte-order mark in mid-text) are removed;
* Markdown emphasis (`**x**`, `*x*`, `__x__`, `_x_`), links to nowhere
  (`[label](#)` → `label`) and inline HTML formatting tags (`<b>`) are
  removed, so markup never leaks into names or titles;
* Markdown tables become what the PDF and DOCX readers make of a table: one
  tab-separated line a row (`| Anna Berg | Ordförande |` → "Anna Berg\tOrdförande"),
  without the rule under the heading row (`|---|---|`);
* Unicode NFC, so "a" + combining ring and "å" are the same name.

Every change is recorded as a piece of the `OffsetMap`; unchanged stretches
are single copy pieces, so the map stays small.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from beslutsgraf.ingest.document import OffsetMap, Piece

__all__ = ["BULLET", "NormalisedText", "normalise"]

BULLET = "•"

# Symbol/Wingdings bullets as Word exports them into the private-use area.
_PRIVATE_USE_BULLETS = frozenset(
    "\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf06e\uf06c\uf0e0\uf0e8\uf071\uf0a1\uf09f\uf0f0\uf0d2"
)
# Visible glyphs used as bullets; only replaced where they start a list item,
# since "■" or "●" in running text may mean something else.
_VISIBLE_BULLETS = "➤➢➣►▶▪▫■□●◦‣⁃❖✓✔"
_INVISIBLE = "\u00ad\u200b\u2060\ufeff"

_LINE_ENDING = re.compile(r"\r\n?")
_PRIVATE_USE_BULLET = re.compile("[" + "".join(sorted(_PRIVATE_USE_BULLETS)) + "]")
# Any other Symbol-font code point is a bullet only in list position.
_LINE_START_BULLET = re.compile(
    r"(?m)^[ \t]*([\uf000-\uf0ff" + re.escape(_VISIBLE_BULLETS) + r"])(?=[ \t])"
)
_INVISIBLE_CHARACTER = re.compile("[" + _INVISIBLE + "]")
# `[label](#)` or `[label](#anchor)`: a link whose target went nowhere in the
# export. Links with real URLs are kept, they carry information.
_FRAGMENT_LINK = re.compile(r"\[([^\[\]\r\n]+)\](\(#[^()\s]*\))")
_HTML_FORMATTING_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|font|sup|sub|mark)(?:\s[^<>\r\n]*)?>", re.IGNORECASE
)
# A Markdown table row, the rule under its heading row, and the border of a cell.
_TABLE_ROW = re.compile(r"(?m)^[ \t]*\|.*\|[ \t\r]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t\r]*")
_CELL_BORDER = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")
_EMPHASIS_RUN = re.compile(r"\*+|_+")
# Emphasis never crosses a blank line (a Markdown paragraph break).
_BLANK_LINE = re.compile(r"\r?\n[ \t]*(?=\r?\n)|\r[ \t]*(?=\r)")


@dataclass(frozen=True)
class NormalisedText:
    """The normalised text and the map from its spans to the source's."""

    text: str
    offsets: OffsetMap


@dataclass(frozen=True)
class _Edit:
    start: int  # in the source text
    end: int
    replacement: str


def normalise(source_text: str) -> NormalisedText:
    """Normalise `source_text` (see the module docstring) and map it back."""
    edits = _non_overlapping(
        [
            *_line_ending_edits(source_text),
            *_bullet_edits(source_text),
            *_deletions(_INVISIBLE_CHARACTER, source_text),
            *_deletions(_HTML_FORMATTING_TAG, source_text),
            *_link_edits(source_text),
            *_emphasis_edits(source_text),
            *_table_edits(source_text),
        ]
    )
    edits = _with_nfc_edits(source_text, edits)
    return _apply(source_text, edits)


def _line_ending_edits(source: str) -> list[_Edit]:
    return [_Edit(m.start(), m.end(), "\n") for m in _LINE_ENDING.finditer(source)]


def _bullet_edits(source: str) -> list[_Edit]:
    edits = [_Edit(m.start(), m.end(), BULLET) for m in _PRIVATE_USE_BULLET.finditer(source)]
    edits += [_Edit(m.start(1), m.end(1), BULLET) for m in _LINE_START_BULLET.finditer(source)]
    return edits


def _deletions(pattern: re.Pattern[str], source: str) -> list[_Edit]:
    return [_Edit(m.start(), m.end(), "") for m in pattern.finditer(source)]


def _link_edits(source: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for match in _FRAGMENT_LINK.finditer(source):
        edits.append(_Edit(match.start(), match.start() + 1, ""))  # "["
        edits.append(_Edit(match.end(1), match.end(), ""))  # "](#…)"
    return edits


def _table_edits(source: str) -> list[_Edit]:
    """Each row's outer borders removed and inner ones made tabs; the rule under the
    heading row removed with its line break."""
    edits: list[_Edit] = []
    for row in _TABLE_ROW.finditer(source):
        if _TABLE_RULE.fullmatch(row.group(0)):
            edits.append(_Edit(row.start(), min(row.end() + 1, len(source)), ""))
            continue
        borders = list(_CELL_BORDER.finditer(source, row.start(), row.end()))
        for index, border in enumerate(borders):
            outer = index in (0, len(borders) - 1)
            edits.append(_Edit(border.start(), border.end(), "" if outer else "\t"))
    return edits


@dataclass
class _Delimiter:
    char: str
    start: int  # the run's remaining (unmatched) characters are [start, end)
    end: int
    original_length: int
    can_open: bool
    can_close: bool


def _emphasis_edits(source: str) -> list[_Edit]:
    """Delimiter runs matched as CommonMark does, paragraph by paragraph.

    One deliberate difference: a `*` run beside punctuation may still close,
    so `*Föredragande: … Västkom.***Bakgrund**` (two spans glued together by
    a lossy export) loses all its asterisks instead of keeping two.
    """
    edits: list[_Edit] = []
    paragraph_start = 0
    for blank in [*_BLANK_LINE.finditer(source), None]:
        paragraph_end = blank.start() if blank else len(source)
        edits += _paragraph_emphasis(source, paragraph_start, paragraph_end)
        paragraph_start = blank.end() if blank else len(source)
    return edits


def _paragraph_emphasis(source: str, start: int, end: int) -> list[_Edit]:
    delimiters = [
        delimiter
        for match in _EMPHASIS_RUN.finditer(source, start, end)
        if (delimiter := _delimiter(source, match.start(), match.end(), start, end))
    ]
    edits: list[_Edit] = []
    closer_index = 0
    while closer_index < len(delimiters):
        closer = delimiters[closer_index]
        opener_index = _opener_for(delimiters, closer_index) if closer.can_close else None
        if opener_index is None:
            closer_index += 1
            continue
        opener = delimiters[opener_index]
        used = 2 if opener.end - opener.start >= 2 and closer.end - closer.start >= 2 else 1
        edits.append(_Edit(opener.end - used, opener.end, ""))
        edits.append(_Edit(closer.start, closer.start + used, ""))
        opener.end -= used
        closer.start += used
        # Runs between a matched pair can no longer match anything outside it.
        del delimiters[opener_index + 1 : closer_index]
        closer_index = opener_index + 1
        if opener.start == opener.end:
            del delimiters[opener_index]
            closer_index -= 1
        if closer.start == closer.end:
            del delimiters[closer_index]
    return edits


def _opener_for(delimiters: list[_Delimiter], closer_index: int) -> int | None:
    closer = delimiters[closer_index]
    for index in range(closer_index - 1, -1, -1):
        opener = delimiters[index]
        if opener.char != closer.char or not opener.can_open or opener.start == opener.end:
            continue
        # CommonMark's "rule of 3": `*a**b*` must not pair `*` with `**`.
        both_ways = opener.can_close or closer.can_open
        total = opener.original_length + closer.original_length
        if both_ways and total % 3 == 0 and closer.original_length % 3 != 0:
            continue
        return index
    return None


def _delimiter(source: str, start: int, end: int, lower: int, upper: int) -> _Delimiter | None:
    before = source[start - 1] if start > lower else " "
    after = source[end] if end < upper else " "
    char = source[start]
    if char == "*":
        can_open, can_close = not after.isspace(), not before.isspace()
    else:
        # `_` inside a word (file_name_v2) is never emphasis; `_____` blanks
        # on a form have spaces on both sides and match nothing.
        can_open = not after.isspace() and not before.isalnum()
        can_close = not before.isspace() and not after.isalnum()
    if not (can_open or can_close):
        return None
    return _Delimiter(char, start, end, end - start, can_open, can_close)


def _non_overlapping(edits: list[_Edit]) -> list[_Edit]:
    # The patterns above touch disjoint characters in any real document; if
    # two ever claim the same character, the first (by position) wins.
    kept: list[_Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, -e.end)):
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def _with_nfc_edits(source: str, edits: list[_Edit]) -> list[_Edit]:
    if unicodedata.is_normalized("NFC", source):
        return edits
    result: list[_Edit] = []
    position = 0
    for edit in [*edits, _Edit(len(source), len(source), "")]:
        result += _nfc_edits_by_line(source, position, edit.start)
        if edit.start < len(source):
            result.append(edit)
        position = edit.end
    return result


def _nfc_edits_by_line(source: str, start: int, end: int) -> list[_Edit]:
    # Nothing composes across a newline, so lines that are already NFC (all
    # but a few, checked at C speed) are skipped.
    edits: list[_Edit] = []
    while start < end:
        line_end = source.find("\n", start, end)
        line_end = end if line_end < 0 else line_end + 1
        if not unicodedata.is_normalized("NFC", source[start:line_end]):
            edits += _nfc_edits(source, start, line_end)
        start = line_end
    return edits


def _nfc_edits(source: str, start: int, end: int) -> list[_Edit]:
    """One replacement per cluster (a starter plus what composes with it) that NFC changes."""
    edits: list[_Edit] = []
    cluster_start = start
    for index in range(start + 1, end + 1):
        if index < end and _joins_previous(source[index]):
            continue
        cluster = source[cluster_start:index]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            edits.append(_Edit(cluster_start, index, composed))
        cluster_start = index
    return edits


def _joins_previous(char: str) -> bool:
    return unicodedata.combining(char) != 0 or char in _composing_starters()


@cache
def _composing_starters() -> frozenset[str]:
    # Characters of combining class 0 that NFC can still merge into the
    # previous character (Hangul vowels and finals, some Indic vowel signs).
    # Computed once, and only for the rare text that is not already NFC.
    starters: set[str] = set()
    for code_point in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code_point)).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            second = chr(int(decomposition[1], 16))
            if unicodedata.combining(second) == 0:
                starters.add(second)
    starters.update(chr(c) for c in range(0x1160, 0x11C3))  # Hangul jamo V and T
    return frozenset(starters)


def _apply(source: str, edits: list[_Edit]) -> NormalisedText:
    parts: list[str] = []
    pieces: list[Piece] = []
    text_position = 0
    source_position = 0
    for edit in [*edits, _Edit(len(source), len(source), "")]:
        if edit.start > source_position:
            length = edit.start - source_position
            parts.append(source[source_position : edit.start])
            pieces.append(Piece(text_position, length, source_position, length, True))
            text_position += length
        if edit.end > edit.start:
            parts.append(edit.replacement)
            pieces.append(
                Piece(
                    text_position,
                    len(edit.replacement),
                    edit.start,
                    edit.end - edit.start,
                    False,
                )
            )
            text_position += len(edit.replacement)
        source_position = edit.end
    text = "".join(parts)
    return NormalisedText(text, OffsetMap(tuple(pieces), len(text), len(source)))
