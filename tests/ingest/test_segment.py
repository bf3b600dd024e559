"""`segment` on the corpus layouts, on the sample protocols of other bodies and on our own."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.model import Segments
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from tests.conftest import SAMPLES_DIR, corpus_file

PROTOCOLS = Path(__file__).parent / "protocols"


@cache
def _segments(prefix: str) -> Segments:
    return segment(read(corpus_file(prefix)))


def _cells(segments: Segments) -> list[str]:
    return [cell.text for section in segments.roster for cell in section.cells]


def _spans_are_exact(segments: Segments) -> None:
    text = segments.document.text
    spans = [cell for section in segments.roster for cell in section.cells]
    spans += [item.title for item in segments.items] + [item.body for item in segments.items]
    spans += [field.value for field in segments.header]
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_span_is_a_slice_of_the_text(prefix: str) -> None:
    _spans_are_exact(_segments(prefix))


def test_two_columns_merged_into_one_line_are_two_people() -> None:
    # 002: "Axel Josefsson (M), Göteborgsregionen, vice ordförande Helén Eliasson (S) ordf. …"
    cells = _cells(_segments("002"))
    assert "Axel Josefsson (M), Göteborgsregionen, vice ordförande" in cells
    assert "Helén Eliasson (S) ordf. Regionstyrelsen, ordförande" in cells
    assert "Lena Hult (S), Fyrbodal" in cells
    assert "Kaarina Sundelin, tillförordnad hälso- och sjukvårdsdirektör" in cells
    assert "Anna Lärk Ståhlberg, förbundsdirektör Fyrbodal" in cells
    assert "Johanna Karlsson Deucher, sekreterare" in cells
    assert len(cells) == 8 + 5 + 4 + 6 + 1 + 1


def test_section_headings_and_column_groups() -> None:
    roster = _segments("002").roster
    vgr_politicians = next(s for s in roster if s.heading and s.heading.text == "Regionpolitiker")
    assert vgr_politicians.group is not None
    assert vgr_politicians.group.text == "För Västra Götalandsregionen (VGR)"
    assert vgr_politicians.key == "politicians"
    assert [c.text.split(" (")[0] for c in vgr_politicians.cells] == [
        "Helén Eliasson",
        "Lars Holmin",
        "Pär Lundquist",
        "Madeleine Jonsson",
        "Kerstin Brunnström",
    ]
    keys = [s.key for s in _segments("000").roster]
    assert keys == ["politicians", "officials", "politicians", "officials", "administration"]


def test_member_table_before_the_date_with_tab_columns() -> None:
    segments = _segments("003")
    first_cell = segments.roster[0].cells[0]
    date_field = next(field for field in segments.header if field.key == "date")
    assert first_cell.start < date_field.label.start
    assert date_field.value.text == "28 april 2022"
    assert [len(s.cells) for s in segments.roster] == [8, 5, 6, 4]


def test_name_organisation_cells_with_absence_marks() -> None:
    segments = _segments("004")
    headings = [s.heading.text for s in segments.roster if s.heading]
    assert headings == ["Styrgrupp Region", "Styrgrupp Kommun", "Övriga deltagare"]
    cells = _cells(segments)
    assert "Karin Looström Muth, Västra Götalandsregionen (förhinder)" in cells
    assert "Ebba Gierow, Ale kommun (förhindrad)" in cells
    assert len(cells) == 10 + 11 + 5


def test_numbered_items_with_sub_items() -> None:
    items = _segments("000").items
    assert [item.number for item in items] == list(range(1, 11))
    assert items[0].title.text == "Mötets öppnande"
    assert [(s.label, s.title.text) for s in items[0].sub_items] == [
        ("a", "närvaro/frånvaro"),
        ("b", "övriga frågor"),
    ]
    # The numbered clauses inside item 6 are no agenda items.
    assert items[6].title.text == "Dialog om aktuella ärenden under återstående mandatperiod"


def test_titles_that_wrap_onto_the_next_line() -> None:
    titles = {item.number: " ".join(item.title.text.split()) for item in _segments("003").items}
    assert titles[6] == (
        "Förlängning av befintligt inriktningsdokument för ungdomsmottagningarna i Västra Götaland"
    )
    assert len(titles) == 11
    items_002 = {item.number: item for item in _segments("002").items}
    assert " ".join(items_002[5].title.text.split()) == (
        "Förlängning av överenskommelse om samverkan vid in- och utskrivning från sluten "
        "hälso- och sjukvård"
    )


def test_markdown_headings_and_footer() -> None:
    segments = _segments("004")
    assert [item.number for item in segments.items] == [1, 2, 3, 4, 5]
    assert [s.label for s in segments.items[1].sub_items] == ["a", "b", "c", "d"]
    assert [(f.key, f.value.text) for f in segments.footer] == [
        ("minutes_taker", "Isabelle Alknäs")
    ]
    assert "Isabelle" not in segments.items[-1].body.text


def test_yearly_summary_has_month_sections() -> None:
    segments = _segments("001")
    assert segments.document_kind == str(BG.summary)
    sections = [(s.year, s.month, s.per_capsulam, len(s.entries)) for s in segments.summary]
    assert sections == [
        (2025, 1, False, 3),
        (2025, 3, False, 4),
        (2025, 8, False, 6),
        (2025, 9, False, 2),
        (2025, 10, True, 1),
        (2025, 11, False, 3),
    ]
    march = segments.summary[1]
    assert march.lead is not None and "ställer sig bakom" in march.lead.text
    october = segments.summary[4].entries[0]
    assert " ".join(october.topic.text.split()) == (
        "Länsgemensam handlingsplan för psykisk hälsa och suicidprevention 2025"
    )


@pytest.mark.parametrize(("prefix", "columns", "rows"), [("000", 5, 5), ("001", 5, 6)])
def test_calendar_tables(prefix: str, columns: int, rows: int) -> None:
    calendars = _segments(prefix).calendars
    assert len(calendars) == 1
    assert len(calendars[0].columns) == columns and len(calendars[0].rows) == rows


def test_link_labels_are_found_through_the_offset_map() -> None:
    segments = _segments("000")
    labels = [link.text for link in segments.links]
    assert labels[0] == "2025-01-30 Mötesanteckning SRO"
    assert len(labels) == 9


@pytest.mark.parametrize(
    ("name", "numbers", "case_number"),
    [
        ("ks_protokoll_2025-05-20.txt", [56, 57, 58], "Dnr KS-2025-00305"),
        ("namnd_protokoll_2024-10-08.txt", [101, 102, 103], "Dnr SN 2024/77"),
        ("forbund_protokollsutdrag_2023-03-15.txt", [12, 13], None),
    ],
)
def test_paragraph_protocols(name: str, numbers: list[int], case_number: str | None) -> None:
    segments = segment(read(PROTOCOLS / name))
    assert [item.number for item in segments.items] == numbers
    first = segments.items[0]
    assert (first.case_number.text if first.case_number else None) == case_number
    assert first.marker.text.startswith("§")
    assert segments.document_kind in (str(BG.protocol), str(BG.protocolExtract))
    _spans_are_exact(segments)


def test_protocol_header_lists_are_rosters() -> None:
    segments = segment(read(PROTOCOLS / "ks_protokoll_2025-05-20.txt"))
    keys = [section.key for section in segments.roster]
    assert keys == ["members", "serving_deputies", "others"]
    assert segments.roster[0].cells[0].text == "Anna Berg (S), ordförande"


SAMPLE_FILES = sorted(SAMPLES_DIR.glob("[0-9]*.txt"))


def test_there_are_samples() -> None:
    assert len(SAMPLE_FILES) > 0


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.name[:2])
def test_every_sample_segments_with_exact_spans(path: Path) -> None:
    segments = segment(read(path))
    _spans_are_exact(segments)
    assert segments.title or segments.items or segments.header or segments.roster
