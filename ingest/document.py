"""The output of the `read` stage: a document's text plus a map back to its source.

Every later stage reads `RawDocument.text` (normalised: NFC, bullets → "•",
Markdown emphasis and `(#)` link targets removed, line endings → "\\n").
Evidence quotes must be slices of `RawDocument.source_text`, so a span found
in `text` is converted with `RawDocument.offsets.to_source(start, end)`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "MEDIA_TYPE_DOCX",
    "MEDIA_TYPE_MARKDOWN",
    "MEDIA_TYPE_PDF",
    "MEDIA_TYPE_TEXT",
    "OffsetMap",
    "Piece",
    "RawDocument",
]

MEDIA_TYPE_TEXT = "text/plain"
MEDIA_TYPE_MARKDOWN = "text/markdown"
MEDIA_TYPE_PDF = "application/pdf"
MEDIA_TYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_EXTRACTED_MEDIA_TYPES = frozenset({MEDIA_TYPE_PDF, MEDIA_TYPE_DOCX})


@dataclass(frozen=True)
class Piece:
    """One stretch of `text` and the stretch of `source_text` it came from.

    A piece is either a copy (`text_len == source_len`, characters map one to
    one) or a replacement (the whole text stretch maps to the whole source
    stretch: an NFC composition, "\\r\\n" → "\\n", a bullet glyph). A deletion
    is a replacement with `text_len == 0` (removed markup such as "**").
    """

    text_start: int
    text_len: int
    source_start: int
    source_len: int
    copy: bool

    @property
    def text_end(self) -> int:
        return self.text_start + self.text_len

    @property
    def source_end(self) -> int:
        return self.source_start + self.source_len


@dataclass(frozen=True)
class OffsetMap:
    """Maps spans of the normalised text to spans of the source text and back.

    Pieces are contiguous and in order in both texts. Rules for the edges:

    * A span of `text` maps to the source characters that produced its first
      through last character. Markup removed *around* the span is left out
      (narrowed: "vice ordförande" in "**vice ordförande**" maps to the
      characters inside the asterisks); markup *inside* the span is kept, so
      the quote is the source exactly as written.
    * A span edge inside a replacement piece is widened to the whole piece
      (a quote never splits "\\r\\n" or a decomposed "a" + combining ring).
    * An empty span at offset n maps to the position just before character n,
      after any markup removed in front of it.
    """

    pieces: tuple[Piece, ...]
    text_length: int
    source_length: int
    _text_pieces: tuple[Piece, ...] = field(init=False, repr=False, compare=False)
    _text_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _source_pieces: tuple[Piece, ...] = field(init=False, repr=False, compare=False)
    _source_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Search keys over the pieces that hold characters on each side;
        # deletions hold no text character and are skipped on the text side.
        text_pieces = tuple(p for p in self.pieces if p.text_len)
        source_pieces = tuple(p for p in self.pieces if p.source_len)
        object.__setattr__(self, "_text_pieces", text_pieces)
        object.__setattr__(self, "_text_starts", tuple(p.text_start for p in text_pieces))
        object.__setattr__(self, "_source_pieces", source_pieces)
        object.__setattr__(self, "_source_starts", tuple(p.source_start for p in source_pieces))

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that normalisation left unchanged."""
        pieces = (Piece(0, length, 0, length, True),) if length else ()
        return cls(pieces, length, length)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span of `source_text` whose characters became `text[start:end]`."""
        _check_span(start, end, self.text_length)
        pieces, starts = self._text_pieces, self._text_starts
        if start == end:
            return self._position(start, pieces, starts, to_source=True)
        first = pieces[bisect_right(starts, start) - 1]
        last = pieces[bisect_right(starts, end - 1) - 1]
        source_start = first.source_start + (start - first.text_start if first.copy else 0)
        source_end = last.source_start + (end - last.text_start) if last.copy else last.source_end
        return source_start, source_end

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """The span of `text` made from `source_text[start:end]`.

        Removed markup maps to nothing, so a span of markup alone maps to an
        empty span; an edge inside a replacement widens to the whole piece.
        """
        _check_span(start, end, self.source_length)
        pieces, starts = self._source_pieces, self._source_starts
        if start == end:
            return self._position(start, pieces, starts, to_source=False)
        first = pieces[bisect_right(starts, start) - 1]
        last = pieces[bisect_right(starts, end - 1) - 1]
        text_start = first.text_start + (start - first.source_start if first.copy else 0)
        text_end = last.text_start + (end - last.source_start) if last.copy else last.text_end
        return text_start, max(text_start, text_end)

    def _position(
        self, offset: int, pieces: tuple[Piece, ...], starts: tuple[int, ...], *, to_source: bool
    ) -> tuple[int, int]:
        # An empty span sits before the character at `offset`, after any
        # markup removed just before that character.
        if offset == (self.text_length if to_source else self.source_length):
            position = self.source_length if to_source else self.text_length
            return position, position
        piece = pieces[bisect_right(starts, offset) - 1]
        if to_source:
            position = piece.source_start + (offset - piece.text_start if piece.copy else 0)
        else:
            position = piece.text_start + (offset - piece.source_start if piece.copy else 0)
        return position, position


def _check_span(start: int, end: int, length: int) -> None:
    if not 0 <= start <= end <= length:
        raise ValueError(f"span ({start}, {end}) is outside 0..{length}")


@dataclass(frozen=True)
class RawDocument:
    """A document as read from disk: the `read` stage's output."""

    path: Path
    text: str  # normalised; every later stage reads this
    source_text: str  # as decoded (BOM dropped) or extracted: evidence offsets point here
    sha256: str  # hex digest of the file's bytes
    media_type: str
    encoding: str | None  # "utf-8", "utf-8-sig", "cp1252"; None for PDF/DOCX
    offsets: OffsetMap

    @property
    def extracted(self) -> bool:
        """True for PDF/DOCX: `source_text` was extracted and is stored as bg:extractedText."""
        return self.media_type in _EXTRACTED_MEDIA_TYPES

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Shorthand for `offsets.to_source`: the evidence span of `text[start:end]`."""
        return self.offsets.to_source(start, end)

    def quote(self, start: int, end: int) -> str:
        """The exact source characters of `text[start:end]` (the oa:exact of its evidence)."""
        source_start, source_end = self.offsets.to_source(start, end)
        return self.source_text[source_start:source_end]
