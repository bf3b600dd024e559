"""Reading .txt/.md files: the corpus, its encodings, and the offset map on real text."""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from beslutsgraf.ingest.document import MEDIA_TYPE_MARKDOWN, MEDIA_TYPE_TEXT
from beslutsgraf.ingest.read import read
from tests.conftest import corpus_file
from tests.ingest.test_normalise import assert_round_trips

CORPUS_PREFIXES = ("000", "001", "002", "003", "004")


@pytest.mark.parametrize("prefix", CORPUS_PREFIXES)
def test_corpus_file_reads_as_utf8_with_its_sha256(prefix: str) -> None:
    path = corpus_file(prefix)
    document = read(path)
    data = path.read_bytes()
    assert document.encoding == "utf-8"
    assert document.media_type == MEDIA_TYPE_TEXT
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.source_text == data.decode("utf-8")
    assert not document.extracted
    assert document.path == path


@pytest.mark.parametrize("prefix", CORPUS_PREFIXES)
def test_corpus_offsets_round_trip(prefix: str) -> None:
    document = read(corpus_file(prefix))
    assert_round_trips(document.source_text, document.text, document.offsets)


@pytest.mark.parametrize("prefix", CORPUS_PREFIXES)
def test_no_markup_or_private_use_glyphs_leak_into_corpus_text(prefix: str) -> None:
    text = read(corpus_file(prefix)).text
    assert "**" not in text
    assert "](#)" not in text
    assert "<b>" not in text
    assert not re.search("[\ue000-\uf8ff]", text)
    assert "➤" not in text
    assert "\r" not in text


def test_000_vice_chair_loses_its_asterisks_and_maps_inside_them() -> None:
    document = read(corpus_file("000"))
    line = "Marina Johansson (S), Göteborgsregionen, vice ordförande"
    assert line in document.text
    start = document.text.index(line) + line.index("vice ordförande")
    source_start, source_end = document.offsets.to_source(start, start + len("vice ordförande"))
    assert document.source_text[source_start:source_end] == "vice ordförande"
    assert document.source_text[source_start - 2 : source_end + 2] == "**vice ordförande**"
    assert document.quote(start, start + len("vice ordförande")) == "vice ordförande"


def test_000_links_and_arrow_bullets_become_plain_text() -> None:
    document = read(corpus_file("000"))
    assert "• 2025-01-30 Mötesanteckning SRO\n" in document.text
    start = document.text.index("2025-01-30 Mötesanteckning SRO")
    end = start + len("2025-01-30 Mötesanteckning SRO")
    assert document.quote(start, end) == "2025-01-30 Mötesanteckning SRO"
    source_start, _ = document.source_span(start, end)
    assert document.source_text[source_start - 3 : source_start] == "➤ ["
    # The invited guests lose the emphasis around the whole list.
    assert "Inbjudna: Ulrika Söderlund, VGR, Helen Nordling," in document.text
    assert "Helena Lundberg Nilsson, VGR och Hanna Jönsson, VGR\n" in document.text


def test_002_private_use_bullets_become_bullets() -> None:
    document = read(corpus_file("002"))
    assert "\uf0b7" in document.source_text
    assert "\uf0b7" not in document.text
    assert "• Lars Holmin, vice ordförande i Regionstyrelsen är ny ledamot i SRO." in document.text
    # One code point for one: offsets after a bullet are unchanged.
    assert len(document.text) == len(document.source_text)


def test_001_title_over_two_lines_and_lone_footnote_asterisk() -> None:
    text = read(corpus_file("001")).text
    assert "Uppdrag, återblick 2025\noch på gång 2026\n" in text
    assert "\n*ställningstaganden att notera informationen är inte inkluderade" in text


def test_003_glued_presenter_and_heading_lose_all_asterisks() -> None:
    text = read(corpus_file("003")).text
    assert "Föredragande: Anna Simonsson, VGR, Catharina Sundström, Västkom.Bakgrund\n" in text


def test_004_html_bold_tag_is_removed() -> None:
    text = read(corpus_file("004")).text
    assert "\nÖvriga deltagare\t\n" in text


# 004 holds only characters that Windows-1252 can encode (en dashes included).
@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda text: codecs.BOM_UTF8 + text.encode("utf-8"), "utf-8-sig"),
        (lambda text: text.encode("cp1252"), "cp1252"),
        (lambda text: text.replace("\n", "\r\n").encode("cp1252"), "cp1252"),
        (lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"),
    ],
    ids=["utf8-bom", "cp1252", "cp1252-crlf", "utf8-bom-crlf"],
)
def test_encoding_variants_give_the_same_text(
    tmp_path: Path, encode: Callable[[str], bytes], encoding: str
) -> None:
    original = read(corpus_file("004"))
    variant = tmp_path / "004-variant.txt"
    data = encode(original.source_text)
    variant.write_bytes(data)
    document = read(variant)
    assert document.encoding == encoding
    assert document.text == original.text
    assert document.sha256 == hashlib.sha256(data).hexdigest() != original.sha256
    assert not document.source_text.startswith("\ufeff")  # the BOM is not text
    # Offsets count code points after the BOM, with "\r\n" kept in the source.
    start = document.text.index("Monica Holmgren")
    quote_start, quote_end = document.source_span(start, start + len("Monica Holmgren"))
    assert document.source_text[quote_start:quote_end] == "Monica Holmgren"
    crlf = "\r\n" in document.source_text
    lines_before = original.text[:start].count("\n")
    assert quote_start == start + (lines_before if crlf else 0)
    assert_round_trips(document.source_text, document.text, document.offsets, spans=300)


def test_cp1252_letters_decode_to_swedish_letters(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_bytes("Närvarande: Åsa Öberg (S) – ordförande\n".encode("cp1252"))
    document = read(path)
    assert document.encoding == "cp1252"
    assert document.text == "Närvarande: Åsa Öberg (S) – ordförande\n"


def test_markdown_file_has_the_markdown_media_type(tmp_path: Path) -> None:
    path = tmp_path / "anteckning.md"
    path.write_text("# Mötesanteckning\n\nDatum: **2026-05-13**\n", encoding="utf-8")
    document = read(path)
    assert document.media_type == MEDIA_TYPE_MARKDOWN
    assert document.text == "# Mötesanteckning\n\nDatum: 2026-05-13\n"


def test_format_samples_read_unchanged(samples_dir: Path) -> None:
    samples = sorted(samples_dir.glob("*.txt"))
    assert len(samples) >= 9
    for path in samples:
        document = read(path)
        assert document.encoding == "utf-8"
        # No markup, bullets or CRLF in these excerpts: nothing to normalise.
        assert document.text == document.source_text
        assert len(document.offsets.pieces) == 1
