"""What the cells of an attendance table say (närvarolista, printed after the last §).

A member whose presence cell ("Närv") is blank while other rows are marked ("X", "Ja",
"●") did not come, and neither did one marked under "Frånvarande"; a table with no
presence marks at all says nothing. A table with a column per item ("§ 31 | § 32")
gives the items each member attended; a member with none marked is absent, and a deputy
with none marked was not there. The tables are read with tabs, as Markdown and with runs
of spaces between the cells (a blank cell is then only a wider gap)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Attendance
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load

PROTOCOLS = Path(__file__).parent / "protocols"
PRESENCE = PROTOCOLS / "kf_narvaro_2024-04-22.txt"
PER_ITEM = PROTOCOLS / "kf_narvaro_2024-05-14.txt"
APPENDIX = "Bilaga 1\nNärvarolista\n"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"
COUNCIL = "<https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-04-22>"
BOARD = "<https://w3id.org/beslutsgraf/id/meeting/barn-och-utbildningsnamnden/2024-05-14>"
MARK = 3  # "X", "Ja", "●": short enough to stand centred
PER_ITEM_HEADING = "Ledamot\tParti\t§ 31\t§ 32\t§ 33\n"
# The same per-item columns headed as other protocols head them.
HEADINGS = {
    "compact": "Ledamot\tParti\t§31\t§32\t§33\n",
    "bare numbers": "Ledamot\tParti\t§ 31\t32\t33\n",
    "two rows": "Ledamot\tParti\t§\t\t\n\t\t31\t32\t33\n",
}


def _as_markdown(path: Path, folder: Path) -> Path:
    """The protocol with its appendix table written as a Markdown table under a heading;
    a blank cell is "|  |"."""
    head, table = path.read_text(encoding="utf-8").split(APPENDIX)
    rows = [row.split("\t") for row in table.strip("\n").split("\n")]
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows[1:]]
    markdown = folder / f"{path.stem}.md"
    text = head + "## Bilaga 1 Närvarolista\n\n" + "\n".join(lines) + "\n"
    markdown.write_text(text, encoding="utf-8")
    return markdown


def _as_spaced(path: Path, folder: Path) -> Path:
    """The protocol with its appendix table's cells parted by runs of spaces, as a PDF's
    text gives them: a blank cell is a wider gap, marks stand centred in their column."""
    head, table = path.read_text(encoding="utf-8").split(APPENDIX)
    rows = [row.split("\t") for row in table.strip("\n").split("\n")]
    widths = [max(len(row[i]) for row in rows if len(row) > i) + 3 for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.center(width) if column > 1 and len(cell) <= MARK else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("".join(cells).rstrip())
    spaced = folder / path.name
    spaced.write_text(head + APPENDIX + "\n".join(lines) + "\n", encoding="utf-8")
    return spaced


def _rewritten(path: Path, folder: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    rewritten = folder / path.name
    rewritten.write_text(text.replace(old, new), encoding="utf-8")
    return rewritten


@cache
def _attendance(path: Path) -> Attendance:
    return extract(segment(read(path))).attendance


def _absent(path: Path) -> set[str]:
    return {person.name for person in _attendance(path).absent}


WRITTEN = {"markdown": _as_markdown, "spaced": _as_spaced}


@pytest.fixture(params=["text", *WRITTEN])
def presence(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return PRESENCE if request.param == "text" else WRITTEN[request.param](PRESENCE, tmp_path)


@pytest.fixture(params=["text", *WRITTEN, *HEADINGS])
def per_item(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "text":
        return PER_ITEM
    if request.param in WRITTEN:
        return WRITTEN[request.param](PER_ITEM, tmp_path)
    return _rewritten(PER_ITEM, tmp_path, PER_ITEM_HEADING, HEADINGS[request.param])


def test_a_blank_presence_cell_among_marked_ones_is_absent(presence: Path) -> None:
    called = {person.name for person in _attendance(presence).called}
    assert "Erik Dahlgren" in _absent(presence)
    # "X", "x", "Ja" and "●" all mark a member present.
    marked = {"Maja Lindqvist", "Sofia Ahlberg", "Johan Ekvall", "Tove Rask"}
    assert marked <= called
    assert not marked & _absent(presence)


def test_a_mark_under_franvarande_is_absent(presence: Path) -> None:
    assert _absent(presence) == {"Henrik Bergström", "Erik Dahlgren", "Linnea Forsman"}


def test_the_deputy_in_an_absent_members_row_serves(presence: Path) -> None:
    attendance = _attendance(presence)
    pairs = {(s.substitute.name, s.substituted.name) for s in attendance.substitutions}
    assert pairs == {("Oskar Hedlund", "Linnea Forsman")}
    assert "Oskar Hedlund" in {person.name for person in attendance.called}
    assert "Oskar Hedlund" not in _absent(presence)


def test_a_table_without_presence_marks_says_nothing_of_blank_cells(tmp_path: Path) -> None:
    unmarked = PRESENCE
    for row in ("Maja Lindqvist\tS\tX", "Sofia Ahlberg\tC\t●", "Johan Ekvall\tL\tJa"):
        unmarked = _rewritten(unmarked, tmp_path, row, row.rsplit("\t", 1)[0] + "\t")
    unmarked = _rewritten(unmarked, tmp_path, "Tove Rask\tMP\tx", "Tove Rask\tMP\t")
    # Only the "Frånvarande" mark and the deputy named still say who did not come.
    assert _absent(unmarked) == {"Henrik Bergström", "Linnea Forsman"}
    assert "Erik Dahlgren" in {person.name for person in _attendance(unmarked).called}


def test_members_attend_the_items_marked_in_their_row(per_item: Path) -> None:
    items = {person.name: person.items for person in _attendance(per_item).called}
    assert items["Anders Holmqvist"] == (31, 32, 33)
    assert items["Karin Lundell"] == (31, 32)
    assert items["Nils Öberg"] == (32, 33)
    assert items["Ebba Fors"] == (31, 32, 33)


def test_a_member_with_no_item_marked_is_absent(per_item: Path) -> None:
    assert _absent(per_item) == {"Petra Sandin"}
    assert "Petra Sandin" in {person.name for person in _attendance(per_item).called}


def test_a_deputy_with_no_item_marked_was_not_there(per_item: Path) -> None:
    attendance = _attendance(per_item)
    others = {person.name: person.items for person in attendance.others_present}
    assert others == {"Lova Berg": (33,)}
    assert "Mikael Rydén" not in {person.name for person in attendance.called}
    assert "Mikael Rydén" not in _absent(per_item)


def test_the_per_item_table_is_no_part_of_the_last_item(per_item: Path) -> None:
    items = segment(read(per_item)).items
    assert [item.number for item in items] == [31, 32, 33]
    assert items[-1].body.text.rstrip().endswith("lägger redovisningen till handlingarna.")


def test_attendance_cells_in_the_store(tmp_path: Path, store: EmbeddedStore) -> None:
    load(store, PRESENCE, PER_ITEM, quarantine_dir=tmp_path / "quarantine")

    def absentees(meeting: str) -> set[str]:
        rows = store.select(PREFIXES + f"SELECT ?p WHERE {{ {meeting} bg:absentee ?p }}")
        return {row["p"] for row in rows}

    def item_attendees(number: int) -> set[str]:
        item = BOARD[:-1] + f"/item/{number}>"
        rows = store.select(PREFIXES + f"SELECT ?p WHERE {{ {item} bg:attendeeOfItem ?p }}")
        return {row["p"] for row in rows}

    assert absentees(COUNCIL) == {
        PERSON.format(slug) for slug in ("henrik-bergstrom", "erik-dahlgren", "linnea-forsman")
    }
    petra, nils = PERSON.format("petra-sandin"), PERSON.format("nils-oberg")
    karin, mikael = PERSON.format("karin-lundell"), PERSON.format("mikael-ryden")
    assert absentees(BOARD) == {petra}
    assert nils not in item_attendees(31) and nils in item_attendees(32)
    assert karin in item_attendees(32) and karin not in item_attendees(33)
    assert not any(person in item_attendees(n) for n in (31, 32, 33) for person in (petra, mikael))
