"""The `read` stage: a file on disk → `RawDocument` (text, source text, offset map, sha256)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from beslutsgraf.ingest.document import (
    MEDIA_TYPE_DOCX,
    MEDIA_TYPE_MARKDOWN,
    MEDIA_TYPE_PDF,
    MEDIA_TYPE_TEXT,
    RawDocument,
)
from beslutsgraf.ingest.errors import (
    MAX_DOCUMENT_BYTES,
    CorruptDocx,
    DocumentTooLarge,
    EmptyDocument,
    ScannedPdf,
    TruncatedOrCorruptPdf,
    UnreadableFile,
    UnsupportedFormat,
)
from beslutsgraf.ingest.normalise import normalise
from beslutsgraf.ingest.read_docx import DocxFormatError, extract_docx_text
from beslutsgraf.ingest.read_pdf import PdfFormatError, extract_pdf_text
from beslutsgraf.ingest.read_text import decode_text

__all__ = ["MEDIA_TYPES", "read"]

# The file's extension decides the reader (one per entry of
# SUPPORTED_SUFFIXES); content is sniffed only to give a better error.
MEDIA_TYPES = {
    ".txt": MEDIA_TYPE_TEXT,
    ".md": MEDIA_TYPE_MARKDOWN,
    ".pdf": MEDIA_TYPE_PDF,
    ".docx": MEDIA_TYPE_DOCX,
}


def read(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> RawDocument:
    """Read, decode or extract, and normalise the document at `path`.

    Raises one of the `ReadError`s in `beslutsgraf.ingest.errors`; each says
    which file is at fault and what to do.
    """
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise UnsupportedFormat(path)
    data = _read_bytes(path, max_bytes)
    if not data:
        raise EmptyDocument(path)
    encoding: str | None = None
    if media_type == MEDIA_TYPE_PDF:
        source_text = _pdf_text(data, path)
    elif media_type == MEDIA_TYPE_DOCX:
        source_text = _docx_text(data, path)
    else:
        decoded = decode_text(data, path)
        source_text, encoding = decoded.text, decoded.encoding
    normalised = normalise(source_text)
    if not normalised.text.strip():
        raise EmptyDocument(path)
    return RawDocument(
        path=path,
        text=normalised.text,
        source_text=source_text,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        encoding=encoding,
        offsets=normalised.offsets,
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        if not path.is_file():
            reason = "it is a directory" if path.is_dir() else "no such file"
            raise UnreadableFile(path, reason)
        size = path.stat().st_size
        if size > max_bytes:
            # Refuse before reading: a mistaken 2 GB dump must not fill memory.
            raise DocumentTooLarge(path, size, max_bytes)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as error:
        raise UnreadableFile(path, error.strerror or type(error).__name__) from error
    if len(data) > max_bytes:
        raise DocumentTooLarge(path, len(data), max_bytes)
    return data


def _pdf_text(data: bytes, path: Path) -> str:
    if not data.lstrip(b"\x00\t\n\r ").startswith(b"%PDF-"):
        raise TruncatedOrCorruptPdf(path, "it does not start with %PDF-, so it is not a PDF")
    try:
        extracted = extract_pdf_text(data)
    except PdfFormatError as error:
        raise TruncatedOrCorruptPdf(path, str(error)) from error
    if not extracted.text.strip():
        if extracted.page_count == 0:
            raise TruncatedOrCorruptPdf(path, "it has no pages")
        raise ScannedPdf(path, extracted.page_count)
    return extracted.text


def _docx_text(data: bytes, path: Path) -> str:
    try:
        return extract_docx_text(data)
    except DocxFormatError as error:
        raise CorruptDocx(path, str(error)) from error
