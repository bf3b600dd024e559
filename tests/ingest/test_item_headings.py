"""The ways § protocols head an item: the § after the body's abbreviation ("Ks § 12"),
the case number closing the title's line ("§ 12 Budget 2025      Dnr KS 2024/100"), or
on a line of its own. Each gives the same items, titles and case numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment

from .ks_protocol import ks_protocol, write_protocol

ITEMS = """{first}
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025 enligt § 3 i reglementet.

{second}
Kommunstyrelsens beslut
Redovisningen läggs till handlingarna.
"""
EXPECTED = [
    (12, "Budget 2025", "Dnr KS 2024/100"),
    (13, "Delegationsbeslut", "Dnr KS 2024/101"),
]
HEADINGS = {
    "abbreviation in capitals": (
        "KS § 12 Dnr KS 2024/100\nBudget 2025",
        "KS § 13 Dnr KS 2024/101\nDelegationsbeslut",
    ),
    "abbreviation capitalised": (
        "Ks § 12 Dnr KS 2024/100\nBudget 2025",
        "Ks § 13 Dnr KS 2024/101\nDelegationsbeslut",
    ),
    "written out": (
        "Paragraf 12 Dnr KS 2024/100\nBudget 2025",
        "Paragraf 13 Dnr KS 2024/101\nDelegationsbeslut",
    ),
    "case number between the § and the title": (
        "§ 12\nDnr KS 2024/100\nBudget 2025",
        "§ 13\nDnr KS 2024/101\nDelegationsbeslut",
    ),
    "case number in parentheses": (
        "§ 12 Budget 2025 (Dnr KS 2024/100)",
        "§ 13 Delegationsbeslut (Dnr KS 2024/101)",
    ),
    "case number on the next line": (
        "§ 12 Budget 2025\nDnr KS 2024/100",
        "§ 13 Delegationsbeslut\nDnr KS 2024/101",
    ),
    "case number right-aligned": (
        "§ 12 Budget 2025            Dnr KS 2024/100",
        "§ 13 Delegationsbeslut      Dnr KS 2024/101",
    ),
    "case number after Dnr": (
        "§ 12 Budget 2025 Dnr KS 2024/100",
        "§ 13 Delegationsbeslut Dnr KS 2024/101",
    ),
    "case number in a cell": (
        "§ 12\tBudget 2025\tDnr KS 2024/100",
        "§ 13\tDelegationsbeslut\tDnr KS 2024/101",
    ),
}


@pytest.mark.parametrize("layout", sorted(HEADINGS))
def test_item_heading_layouts_give_the_same_items(layout: str, tmp_path: Path) -> None:
    first, second = HEADINGS[layout]
    path = write_protocol(tmp_path, ks_protocol(ITEMS.format(first=first, second=second)))
    items = extract(segment(read(path))).items
    assert [(item.number, item.title, item.case_number) for item in items] == EXPECTED
    assert [len(item.decisions) for item in items] == [1, 1]


def test_case_numbers_labelled_otherwise_or_without_registry_letters(tmp_path: Path) -> None:
    items = ITEMS.format(
        first="§ 12\nDiarienummer KS 2024/100\nBudget 2025",
        second="§ 13 Delegationsbeslut\nÄrendenummer: 2024.101",
    )
    found = extract(segment(read(write_protocol(tmp_path, ks_protocol(items))))).items
    assert [(item.title, item.case_number) for item in found] == [
        ("Budget 2025", "Diarienummer KS 2024/100"),
        ("Delegationsbeslut", "Ärendenummer: 2024.101"),
    ]


def test_points_numbered_inside_a_paragraph_are_no_agenda(tmp_path: Path) -> None:
    # One § with a "Förslag till beslut" of points 1. and 2.: the § is the item, even
    # when the points outnumber the §§ (a protocol extract holds one §).
    item = (
        "§ 12 Dnr KS 2024/100\nBudget 2025\nFörslag till beslut\n"
        "1. Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.\n"
        "2. Kommunstyrelsen ger ekonomichefen i uppdrag att följa upp budgeten.\n"
        "3. Beslutet justeras omedelbart.\n"
        "Beslut\nKommunstyrelsen beslutar enligt förslaget.\n"
    )
    found = extract(segment(read(write_protocol(tmp_path, ks_protocol(item))))).items
    assert [(i.number, i.title, i.case_number) for i in found] == [
        (12, "Budget 2025", "Dnr KS 2024/100")
    ]


def test_a_paragraph_cited_at_a_lines_start_heads_no_item(tmp_path: Path) -> None:
    # "Se § 13 …" in § 12 cites a paragraph (a capitalised word before § as "Ks § 13" is):
    # it must not cut § 12 short as an item of its own.
    first, second = HEADINGS["abbreviation capitalised"]
    text = ks_protocol(ITEMS.format(first=first, second=second)).replace(
        "enligt § 3 i reglementet.", "enligt § 3 i reglementet.\nSe § 13 om delegationen."
    )
    path = write_protocol(tmp_path, text)
    items = extract(segment(read(path))).items
    assert [(item.number, item.title, item.case_number) for item in items] == EXPECTED
    assert "Se § 13 om delegationen." in items[0].span.text
