"""Decode a plain-text or Markdown file: UTF-8 (with or without BOM), else Windows-1252."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from beslutsgraf.ingest.errors import BinaryContent, UndecodableText

__all__ = ["DecodedText", "decode_text"]

# Control bytes that real text files do not contain; tab, newline, form feed
# (page breaks from PDF converters) and carriage return are allowed.
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\x0c\r")
# A handful of stray control bytes survive copy-paste; binary data has far
# more (a random byte is a control byte one time in eight).
_MAX_CONTROL_SHARE = 0.01

_MAGIC_NUMBERS = (
    (b"%PDF-", "it starts like a PDF: rename it to .pdf"),
    (b"PK\x03\x04", "it is a ZIP archive (DOCX, XLSX, ODT…): give it its real extension"),
    (b"\xd0\xcf\x11\xe0", "it is an old Office file (.doc, .xls): save it as .docx"),
    (b"{\\rtf", "it is an RTF file: save it as .docx or .txt"),
)


@dataclass(frozen=True)
class DecodedText:
    text: str  # BOM removed
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"


def decode_text(data: bytes, path: Path) -> DecodedText:
    """Decode `data` (read from `path`), refusing anything that is not text.

    Strict UTF-8 comes first; Windows-1252 is only a fallback, because every
    byte sequence is "valid" cp1252 and only a failed UTF-8 decode tells us
    the file is not UTF-8.
    """
    _refuse_binary(data, path)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as error:
            raise UndecodableText(path, f"it has a UTF-8 byte-order mark but {error}") from error
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return DecodedText(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError as cp1252_error:
            reason = f"byte 0x{data[cp1252_error.start]:02x} at offset {cp1252_error.start}"
            raise UndecodableText(path, reason) from utf8_error


def _refuse_binary(data: bytes, path: Path) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UndecodableText(path, "it is UTF-16 text; save it as UTF-8")
    for magic, hint in _MAGIC_NUMBERS:
        if data.startswith(magic):
            raise BinaryContent(path, hint)
    if b"\x00" in data:
        raise BinaryContent(path, f"it contains NUL bytes, first at offset {data.index(0)}")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise BinaryContent(path, f"{controls} of its {len(data)} bytes are control characters")
