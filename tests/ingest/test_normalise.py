"""Normalisation: what changes in `text`, and that every span maps back to its source."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from beslutsgraf.ingest.document import OffsetMap
from beslutsgraf.ingest.normalise import normalise


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Marina Johansson (S), **vice ordförande**", "Marina Johansson (S), vice ordförande"),
        ("Inbjudna: *Ulrika Söderlund, VGR*", "Inbjudna: Ulrika Söderlund, VGR"),
        ("__Beslut__ fattades", "Beslut fattades"),
        ("➤ [2025-01-30 Mötesanteckning SRO](#)", "• 2025-01-30 Mötesanteckning SRO"),
        ("se [mötesanteckning 2022-04-06](#) från VVG", "se mötesanteckning 2022-04-06 från VVG"),
        ("\uf0b7 Lars Holmin, vice ordförande", "• Lars Holmin, vice ordförande"),
        ("<b>Övriga deltagare</b>\t", "Övriga deltagare\t"),
        # Emphasis over a line break, as in 001's title.
        (
            "**Uppdrag, återblick 2025\noch på gång 2026**",
            "Uppdrag, återblick 2025\noch på gång 2026",
        ),
        # Two spans glued by a lossy export, as in 003.
        (
            "*Föredragande: Anna Simonsson, VGR.***Bakgrund**",
            "Föredragande: Anna Simonsson, VGR.Bakgrund",
        ),
        # Decomposed letters (macOS file names, some PDFs) compose.
        ("Ha\u0308llered och A\u030amål", "Hällered och Åmål"),
        ("Lo\u00adöström", "Loöström"),
    ],
)
def test_markup_and_glyphs_are_normalised(source: str, text: str) -> None:
    assert normalise(source).text == text


@pytest.mark.parametrize(
    "source",
    [
        # A lone footnote asterisk (001) and a list marker are not emphasis.
        "*ställningstaganden att notera informationen är inte inkluderade.",
        "* punkt ett\n* punkt två",
        # Emphasis never crosses a blank line.
        "*början\n\nslut*",
        # Underscores inside words, and form blanks.
        "fil_namn_v2.pdf och Justerare: ________",
        # Links with real targets carry information and stay.
        "[Västkom](https://www.vastkom.se)",
        # Tabs and runs of spaces split merged table columns: kept.
        "Styrgrupp Region\tStyrgrupp Kommun\nKarin Looström Muth    Kristina Lännergren",
        # A "■" inside running text is not a bullet.
        "Yta ■ 20 m²",
    ],
)
def test_text_without_markup_is_left_alone(source: str) -> None:
    assert normalise(source).text == source


def test_crlf_becomes_lf_and_maps_to_both_characters() -> None:
    source = "Datum: 2025-03-06\r\nTid: 09:00\r\n"
    normalised = normalise(source)
    assert normalised.text == "Datum: 2025-03-06\nTid: 09:00\n"
    newline = normalised.text.index("\n")
    assert normalised.offsets.to_source(newline, newline + 1) == (17, 19)
    start = normalised.text.index("Tid")
    assert normalised.offsets.to_source(start, start + 3) == (19, 22)


def test_span_inside_emphasis_maps_to_the_characters_inside_the_asterisks() -> None:
    source = "Marina Johansson (S), Göteborgsregionen, **vice ordförande**"
    normalised = normalise(source)
    start = normalised.text.index("vice ordförande")
    source_start, source_end = normalised.offsets.to_source(start, start + len("vice ordförande"))
    assert source[source_start:source_end] == "vice ordförande"
    assert source[source_start - 2 : source_start] == "**"


def test_span_across_markup_quotes_the_source_as_written() -> None:
    source = "Inbjudna: *Ulrika Söderlund, VGR* och Hanna Jönsson"
    normalised = normalise(source)
    start = normalised.text.index("Ulrika")
    end = normalised.text.index("Hanna") + len("Hanna")
    source_start, source_end = normalised.offsets.to_source(start, end)
    assert source[source_start:source_end] == "Ulrika Söderlund, VGR* och Hanna"


def test_composed_letter_maps_to_its_decomposed_source() -> None:
    source = "A\u030amål"
    normalised = normalise(source)
    assert normalised.text == "Åmål"
    assert normalised.offsets.to_source(0, 1) == (0, 2)
    assert normalised.offsets.to_source(1, 4) == (2, 5)
    assert normalised.offsets.to_text(1, 2) == (0, 1)  # the ring alone widens to "Å"


def test_empty_spans_and_the_inverse_map() -> None:
    source = "**Bakgrund** text"
    normalised = normalise(source)
    assert normalised.text == "Bakgrund text"
    assert normalised.offsets.to_source(0, 0) == (2, 2)  # after the removed "**"
    assert normalised.offsets.to_source(13, 13) == (17, 17)
    assert normalised.offsets.to_text(0, 2) == (0, 0)  # markup alone is nothing
    assert normalised.offsets.to_text(0, 12) == (0, 8)
    with pytest.raises(ValueError, match="outside"):
        normalised.offsets.to_source(5, 14)


def test_unchanged_text_has_a_one_piece_map() -> None:
    normalised = normalise("Helén Eliasson (S), ordförande")
    assert len(normalised.offsets.pieces) == 1
    assert normalised.offsets == OffsetMap.identity(len("Helén Eliasson (S), ordförande"))


_MARKUP = re.compile(r"\*+|_{2,}|\[|\]\(#[^()\s]*\)|</?b>")


def strip_markup(text: str) -> str:
    """An independent statement of what normalisation removes, for checking spans."""
    text = text.replace("\r\n", "\n").replace("\uf0b7", "•").replace("➤", "•")
    return unicodedata.normalize("NFC", _MARKUP.sub("", text))


def test_random_spans_round_trip_on_a_synthetic_document() -> None:
    source = (
        "# Mötesanteckning\r\n\r\nInbjudna: *Ulrika Söderlund, VGR*\r\n"
        "Marina Johansson (S), **vice ordförande**\r\n\uf0b7 A\u030amål kommun\r\n"
        "➤ [2025-01-30 Mötesanteckning SRO](#)\r\n<b>Övriga</b>\tdeltagare\r\n"
    )
    assert_round_trips(source, normalise(source).text, normalise(source).offsets)


def assert_round_trips(source: str, text: str, offsets: OffsetMap, spans: int = 2000) -> None:
    """For random spans of `text`, the mapped source slice is the span plus markup only."""
    rng = random.Random(len(source))  # reproducible per document
    assert offsets.text_length == len(text) and offsets.source_length == len(source)
    checked = 0
    for _ in range(spans):
        start = rng.randrange(len(text))
        end = min(len(text), start + rng.randrange(1, 200))
        source_start, source_end = offsets.to_source(start, end)
        quote = source[source_start:source_end]
        assert strip_markup(quote) == strip_markup(text[start:end]), (start, end, quote)
        # Narrowed: the quote starts and ends on a character the text kept.
        assert offsets.to_text(source_start, source_end) == (start, end)
        checked += 1
    assert checked > 0
