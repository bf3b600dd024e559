"""Word's automatic numbering of decision clauses ("1. att …", "2. att …") in a § protocol
written in Word: the numbers the text gets are the ones Word shows. Word counts a list
per abstract numbering definition: a new list instance (numId) of the same definition
continues its count, unless it restarts it (lvlOverride/startOverride, Word's "Restart
at 1"); a definition of its own starts at its own start."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DECIMAL = (
    f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{{id}}">'
    '<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
)
_NUM = (
    f'<w:num xmlns:w="{_W}" w:numId="{{num}}">'
    '<w:abstractNumId w:val="{abstract}"/>{override}</w:num>'
)
_RESTART = (
    f'<w:lvlOverride xmlns:w="{_W}" w:ilvl="0"><w:startOverride w:val="{{start}}"/></w:lvlOverride>'
)
_NUMBERED = (
    f'<w:pPr xmlns:w="{_W}"><w:numPr><w:ilvl w:val="0"/>'
    '<w:numId w:val="{num}"/></w:numPr></w:pPr>'
)


def _protocol(
    path: Path, lists: dict[int, tuple[int, int | None]], items: list[tuple[str, int]]
) -> Path:
    """Kommunstyrelsen's § protocol whose items' decisions are two clauses each, numbered
    by Word's list `lists` (numId → abstractNumId, startOverride or None); `items` are
    (title, numId)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for abstract in sorted({abstract for abstract, _ in lists.values()}, reverse=True):
        numbering.insert(0, parse_xml(_DECIMAL.format(id=abstract, start=1)))
    for num, (abstract, restart) in lists.items():
        override = _RESTART.format(start=restart) if restart is not None else ""
        numbering.append(parse_xml(_NUM.format(num=num, abstract=abstract, override=override)))
    for line in ("PROTOKOLL", "Kommunstyrelsen", "Sammanträdesdatum 2024-09-10"):
        document.add_paragraph(line)
    document.add_paragraph("Beslutande\nEva Berg (S), ordförande\nLars Holm (M)")
    for number, (title, num) in enumerate(items, start=12):
        document.add_paragraph(f"§ {number} Dnr KS 2024/{number}")
        document.add_paragraph(title)
        document.add_paragraph("Beslut")
        document.add_paragraph("Kommunstyrelsen beslutar")
        for clause in (
            f"att godkänna {title.lower()},",
            "att uppdra åt förvaltningen att verkställa beslutet.",
        ):
            paragraph = document.add_paragraph(clause)
            paragraph._p.insert(0, parse_xml(_NUMBERED.format(num=num)))
    document.save(str(path))
    return path


def _clause_numbers(path: Path) -> dict[int, list[int | None]]:
    """§ → the numbers of its decision's clauses, as the text prints them."""
    document = read(path)
    mentions = extract(segment(document))
    numbers = {}
    for item in mentions.items:
        clauses = item.decisions
        # The number stands in the text before the clause, as Word draws it.
        for clause in clauses:
            line_start = document.text.rfind("\n", 0, clause.span.start) + 1
            assert document.text[line_start : clause.span.start] == f"{clause.number}. "
        numbers[item.number] = [clause.number for clause in clauses]
    return numbers


def test_a_restarted_list_numbers_each_decision_from_one(tmp_path: Path) -> None:
    # One definition; Word's "Restart at 1" gives each later § a list of its own.
    lists = {91: (90, None), 92: (90, 1), 93: (90, 1)}
    items = [("Budget 2025", 91), ("Taxor 2025", 92), ("Delegationsordning", 93)]
    path = _protocol(tmp_path / "ks_2024-09-10.docx", lists, items)
    assert _clause_numbers(path) == {12: [1, 2], 13: [1, 2], 14: [1, 2]}


def test_a_continued_list_goes_on_counting_across_items(tmp_path: Path) -> None:
    # "Continue numbering": a new numId of the same definition, with no restart.
    lists = {91: (90, None), 92: (90, None)}
    items = [("Budget 2025", 91), ("Taxor 2025", 92)]
    path = _protocol(tmp_path / "ks_2024-09-10.docx", lists, items)
    assert _clause_numbers(path) == {12: [1, 2], 13: [3, 4]}


def test_lists_of_their_own_definitions_each_start_at_their_start(tmp_path: Path) -> None:
    lists = {91: (90, None), 92: (95, None)}
    items = [("Budget 2025", 91), ("Taxor 2025", 92), ("Delegationsordning", 91)]
    path = _protocol(tmp_path / "ks_2024-09-10.docx", lists, items)
    assert _clause_numbers(path) == {12: [1, 2], 13: [1, 2], 14: [3, 4]}


def test_a_list_set_to_start_at_a_number_starts_there(tmp_path: Path) -> None:
    # Word's "Set numbering value": the § 13 list is set to go on from 3.
    lists = {91: (90, None), 92: (90, 3)}
    items = [("Budget 2025", 91), ("Taxor 2025", 92)]
    path = _protocol(tmp_path / "ks_2024-09-10.docx", lists, items)
    assert _clause_numbers(path) == {12: [1, 2], 13: [3, 4]}
