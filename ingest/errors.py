"""The ingestion error catalogue: one class per problem, each with a code and a fix.

Like spaCy's `Errors`, every error has a stable code (E001…) that users can
search for, and a message that names the file, says what is wrong and what to
do about it. `str(error)` is always ONE line, so the CLI can print
`error: {error}` to stderr as it is.

Catch `IngestError` for all of them, `ReadError` for the `read` stage only.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED_SUFFIXES",
    "BadCurationFile",
    "BinaryContent",
    "BinaryGarbage",
    "CorruptDocx",
    "DocumentTooLarge",
    "EmptyDocument",
    "IngestError",
    "NoRecognisableContent",
    "NotMinutes",
    "ReadError",
    "ScannedPdf",
    "StoreWriteFailed",
    "TruncatedOrCorruptPdf",
    "UndecodableText",
    "UnplacedMeeting",
    "UnreadableFile",
    "UnsupportedFormat",
    "ValidationFailed",
]

# Minutes are tens of kilobytes; a 10 MB file is a mistake (a dump, a scan,
# the wrong file), and reading it whole would stall a worker for nothing.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


def _one_line(text: str) -> str:
    # Details often come from library exceptions with newlines in them.
    return " ".join(text.split())


class IngestError(Exception):
    """Base of every ingestion error: `code`, `path` and a one-line message."""

    code: ClassVar[str] = "E000"
    exit_code: ClassVar[int] = 1  # the CLI's exit status: 1 user error, 2 internal

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = _one_line(message)
        super().__init__(self.message)

    def __str__(self) -> str:
        return f"[{self.code}] {self.path}: {self.message}"


class ReadError(IngestError):
    """The `read` stage could not turn the file into text."""


class EmptyDocument(ReadError):
    code = "E001"

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            "the document is empty or holds only whitespace; "
            "check that the export or download worked and ingest the file again",
        )


class NoRecognisableContent(IngestError):
    """Raised after reading: text, but nothing that looks like minutes (e.g. a title only).

    `found` says what the text does hold; `missing`, when given, what a meeting record
    needs and the text lacks ("a decision is reported … but no meeting date with a year
    was found"), so the user knows whether another document would do."""

    code = "E002"

    def __init__(
        self, path: Path | str, found: str = "only a title", missing: str | None = None
    ) -> None:
        what = f"{found} but {missing}" if missing else f"({found})"
        super().__init__(
            path,
            f"no minutes content found{': ' if missing else ' '}{what}; ingest meeting "
            "minutes or decision summaries that date the meeting, not news items, cover "
            "pages, stubs or other kinds of document",
        )


NotMinutes = NoRecognisableContent  # the name the issue uses


class UnsupportedFormat(ReadError):
    code = "E003"

    def __init__(self, path: Path | str) -> None:
        suffix = Path(path).suffix or "no extension"
        super().__init__(
            path,
            f"unsupported format ({suffix}); save the document as "
            f"{', '.join(SUPPORTED_SUFFIXES)} and ingest that file",
        )


class UndecodableText(ReadError):
    code = "E004"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"the text is neither UTF-8 nor Windows-1252 ({reason}); "
            "save it as UTF-8 text and ingest it again",
        )


class BinaryContent(ReadError):
    """A .txt/.md file whose bytes are not text (NUL bytes, control characters)."""

    code = "E005"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"the file holds binary data, not text ({reason}); "
            "check that it is really a text export and not a renamed PDF, Word or image file",
        )


BinaryGarbage = BinaryContent  # the name the issue uses


class TruncatedOrCorruptPdf(ReadError):
    code = "E006"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"the PDF is truncated or corrupt ({reason}); download or export it again",
        )


class ScannedPdf(ReadError):
    """A PDF without a text layer: only page images."""

    code = "E007"

    def __init__(self, path: Path | str, pages: int) -> None:
        super().__init__(
            path,
            f"none of the PDF's {pages} page(s) has extractable text (a scanned image?) and "
            "OCR is not supported; ingest a text PDF, a DOCX or a .txt version",
        )


class CorruptDocx(ReadError):
    code = "E008"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"the DOCX is corrupt or not a Word document ({reason}); "
            "open it in Word or LibreOffice, save it as .docx again and ingest that",
        )


class DocumentTooLarge(ReadError):
    code = "E009"

    def __init__(self, path: Path | str, size: int, limit: int = MAX_DOCUMENT_BYTES) -> None:
        super().__init__(
            path,
            f"the file is {size / 1_048_576:.1f} MB, over the limit of "
            f"{limit / 1_048_576:.0f} MB; check it is the right file, or split it into "
            "one document per meeting",
        )


class UnreadableFile(ReadError):
    code = "E010"

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(
            path,
            f"cannot read the file ({reason}); check that it exists, is a file "
            "and that you may read it",
        )


class ValidationFailed(IngestError):
    """The `validate` stage found SHACL violations; the document goes to quarantine."""

    code = "E011"

    def __init__(
        self, path: Path | str, violations: int, first: str, report: Path | str | None = None
    ) -> None:
        where = f"; the full report is in {report}" if report is not None else ""
        super().__init__(
            path,
            f"the extracted graph has {violations} SHACL violation(s), first: {first}; "
            f"the document was quarantined, not loaded{where}. Fix the source text or "
            "report the case as an ingestion bug",
        )
        self.violations = violations


class StoreWriteFailed(IngestError):
    code = "E012"
    exit_code = 2  # the document is fine; the store or its connection is not

    def __init__(self, path: Path | str, store: str, reason: str) -> None:
        super().__init__(
            path,
            f"could not write the document's graph to {store} ({reason}); nothing was "
            "changed for this document; check that the store is reachable and writable, "
            "then ingest again",
        )


class BadCurationFile(IngestError):
    """A curation file that cannot be read as pairs of people."""

    code = "E013"

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        where = f"line {line}: " if line is not None else ""
        super().__init__(
            path,
            f"{where}{problem}; fix the curation file (CSV columns left,right,relation with "
            "relation same or not-same; Turtle owl:sameAs / owl:differentFrom between "
            "person IRIs) and run again",
        )


class UnplacedMeeting(IngestError):
    """Raised by resolve: agenda items were read, but the meeting they belong to has no
    date with a year or no body, so it cannot be a bg:Meeting (the profile needs both)
    and its items and decisions would have nowhere to hang. Loading the rest (a list of
    names) as if the document had loaded would hide that its decisions are missing."""

    code = "E014"

    def __init__(self, path: Path | str, found: str, missing: str) -> None:
        super().__init__(
            path,
            f"{found} were read, but the meeting has {missing}, so they cannot be placed; "
            "nothing was loaded. Ingest the minutes with their first page (the one that "
            "names the body and the meeting date), or the whole protocol",
        )
