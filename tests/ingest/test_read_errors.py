"""Bad input: every case raises one catalogued error whose message is one line naming the file."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from beslutsgraf.ingest import errors
from beslutsgraf.ingest.errors import (
    MAX_DOCUMENT_BYTES,
    SUPPORTED_SUFFIXES,
    BinaryContent,
    DocumentTooLarge,
    EmptyDocument,
    IngestError,
    NoRecognisableContent,
    ReadError,
    StoreWriteFailed,
    UndecodableText,
    UnreadableFile,
    UnsupportedFormat,
    ValidationFailed,
)
from beslutsgraf.ingest.read import MEDIA_TYPES, read


def assert_one_line_naming(error: IngestError, path: Path, code: str) -> str:
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"[{code}] {path}: ")
    assert path.name in message
    return message


@pytest.mark.parametrize("name", ["tom.txt", "tom.md", "tom.pdf", "tom.docx"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument) as caught:
        read(path)
    message = assert_one_line_naming(caught.value, path, "E001")
    assert "empty" in message


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \r\n\t\n\n   \n")
    with pytest.raises(EmptyDocument) as caught:
        read(path)
    assert_one_line_naming(caught.value, path, "E001")


def test_markup_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "markup.md"
    path.write_text("<b></b>\n\n\u00ad\u200b\n", encoding="utf-8")
    with pytest.raises(EmptyDocument):
        read(path)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Protokoll\x00\x00\x01\x02" * 50, "NUL bytes"),
        (bytes(range(1, 32)) * 40 + "ÅÄÖ text".encode(), "control characters"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "rename it to .pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    ],
    ids=["nul-bytes", "control-characters", "pdf-named-txt", "zip-named-txt"],
)
def test_binary_garbage_in_a_text_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_bytes(data)
    with pytest.raises(BinaryContent) as caught:
        read(path)
    message = assert_one_line_naming(caught.value, path, "E005")
    assert reason in message


def test_bytes_neither_utf8_nor_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "trasig.txt"
    # 0x81 is undefined in Windows-1252 and invalid as a UTF-8 start byte.
    path.write_bytes(b"M\xf6tesanteckning \x81 SRO\n")
    with pytest.raises(UndecodableText) as caught:
        read(path)
    message = assert_one_line_naming(caught.value, path, "E004")
    assert "0x81" in message and "UTF-8" in message


def test_utf16_text_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("Mötesanteckning".encode("utf-16"))
    with pytest.raises(UndecodableText) as caught:
        read(path)
    assert "UTF-16" in assert_one_line_naming(caught.value, path, "E004")


def test_twenty_megabyte_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as file:
        file.truncate(20 * 1024 * 1024)  # sparse: 20 MB on paper, nothing on disk

    def refuse_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although stat() showed it too large")

    monkeypatch.setattr(Path, "open", refuse_open)
    with pytest.raises(DocumentTooLarge) as caught:
        read(path)
    message = assert_one_line_naming(caught.value, path, "E009")
    assert "20.0 MB" in message and "limit of 10 MB" in message
    assert MAX_DOCUMENT_BYTES == 10 * 1024 * 1024


def test_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "kort.txt"
    path.write_text("Datum: 2025-03-06\n" * 100, encoding="utf-8")
    with pytest.raises(DocumentTooLarge):
        read(path, max_bytes=1000)
    assert read(path).text.startswith("Datum: 2025-03-06\n")


@pytest.mark.parametrize("name", ["budget.xlsx", "protokoll.odt", "protokoll", "bild.png"])
def test_unsupported_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"Datum: 2025-03-06\n")
    with pytest.raises(UnsupportedFormat) as caught:
        read(path)
    message = assert_one_line_naming(caught.value, path, "E003")
    assert (path.suffix or "no extension") in message
    assert ".txt, .md, .pdf, .docx" in message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = tmp_path / "saknas.txt"
    with pytest.raises(UnreadableFile) as caught:
        read(missing)
    assert "no such file" in assert_one_line_naming(caught.value, missing, "E010")
    folder = tmp_path / "mapp.txt"
    folder.mkdir()
    with pytest.raises(UnreadableFile) as caught:
        read(folder)
    assert "directory" in assert_one_line_naming(caught.value, folder, "E010")


def test_every_read_error_is_catchable_as_read_and_ingest_error(tmp_path: Path) -> None:
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError):
        read(path)
    assert issubclass(ReadError, IngestError)


def test_catalogue_codes_are_unique_and_messages_one_line(tmp_path: Path) -> None:
    classes = {
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, IngestError) and cls not in (IngestError, ReadError)
    }
    assert len(classes) >= 12
    codes = [cls.code for cls in classes]
    assert len(set(codes)) == len(codes)
    path = tmp_path / "2025-03-06 SRO.docx"
    later_stages = [
        NoRecognisableContent(path),
        ValidationFailed(path, 3, "bg:Meeting without dct:date", tmp_path / "quarantine"),
        StoreWriteFailed(path, "http://localhost:7878", "Connection refused\nretry later"),
    ]
    for error in later_stages:
        assert_one_line_naming(error, path, error.code)
    assert StoreWriteFailed.exit_code == 2 and ValidationFailed.exit_code == 1
    assert "3 SHACL violation(s)" in str(later_stages[1])


def test_every_supported_suffix_has_a_reader() -> None:
    assert tuple(MEDIA_TYPES) == SUPPORTED_SUFFIXES
