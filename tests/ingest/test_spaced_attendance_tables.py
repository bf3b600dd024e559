"""Attendance tables whose columns are parted by runs of spaces, as PDF text extraction
and plain-text minutes print them, read as fully as tab-separated ones: each row's cells
stand under the heading line's columns, so a member's party, presence mark and "§§" cell
are read, and a deputy named in the "Tjänstgörande ersättare" or "Ersättare" column sits
for the row's member (from the first of the items given before or after the deputy's
name, when that is a later item)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Attendance
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import BUDGET_ITEM, ks_protocol, write_protocol

PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10>"
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/{}>"
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"
ITEMS = BUDGET_ITEM + "".join(
    f"§ {number} Dnr KS 2024/{number + 88}\n{title}\nKommunstyrelsens beslut\n{decision}\n\n"
    for number, title, decision in (
        (13, "Delegationsbeslut", "Redovisningen läggs till handlingarna."),
        (14, "Motion om cykelbanor", "Motionen avslås."),
        (15, "Informationsärenden", "Informationen läggs till handlingarna."),
        (16, "Avslutning", "Ordföranden förklarar sammanträdet avslutat."),
    )
)
POINTER = "Beslutande\tSe närvarolista, bilaga 1\n\nJusterare: Anna Berg (S)\n"
# A närvarolista as PDF text gives it: a blank cell is only a wider gap.
SERVING_SPACED = """\
Ledamöter            Parti   Närvarande   Tjänstgörande ersättare
Anna Berg            S       X
Per Ek               M                    Lisa Ny (M)
Karin Holm           C       X            §§ 14-16 Ola Åberg (C)
Nils Sand            KD      X
"""
SERVING_TABBED = (
    "Ledamöter\tParti\tNärvarande\tTjänstgörande ersättare\n"
    "Anna Berg\tS\tX\t\n"
    "Per Ek\tM\t\tLisa Ny (M)\n"
    "Karin Holm\tC\tX\t§§ 14-16 Ola Åberg (C)\n"
    "Nils Sand\tKD\tX\t\n"
)
ABBREVIATED = """\
Ledamot          Parti   Närv.   Ej närv.   Ersättare                   §
Anna Berg        S       X
Per Ek           M               X          Lisa Ny (M) §§ 14-16
Karin Holm       C       X                                              12-13
Nils Sand        KD      X
"""


def _written(folder: Path, table: str) -> Path:
    """The protocol, its header pointing to the närvarolista printed after the last §."""
    text = ks_protocol(ITEMS, members=POINTER) + "Bilaga 1\nNärvarolista\n" + table
    return write_protocol(folder, text)


def _attendance(path: Path) -> Attendance:
    return extract(segment(read(path))).attendance


@pytest.mark.parametrize("table", [SERVING_SPACED, SERVING_TABBED], ids=["spaced", "tabs"])
def test_a_serving_deputy_column_under_a_members_heading(tmp_path: Path, table: str) -> None:
    attendance = _attendance(_written(tmp_path, table))
    parties = {person.name: person.party for person in attendance.called}
    assert parties == {
        "Anna Berg": "S",
        "Per Ek": "M",
        "Karin Holm": "C",
        "Nils Sand": "KD",
        "Lisa Ny": "M",
        "Ola Åberg": "C",
    }
    assert all(person.organisation is None for person in attendance.called)
    assert [person.name for person in attendance.absent] == ["Per Ek"]
    substitutions = {
        (s.substitute.name, s.substituted.name): s.from_item for s in attendance.substitutions
    }
    # "§§ 14-16" before the deputy's name: Ola Åberg took Karin Holm's seat from § 14.
    assert substitutions == {("Lisa Ny", "Per Ek"): None, ("Ola Åberg", "Karin Holm"): 14}
    items = {person.name: person.items for person in attendance.called}
    assert items["Ola Åberg"] == (14, 15, 16)


def test_abbreviated_headings_in_a_spaced_table(tmp_path: Path) -> None:
    attendance = _attendance(_written(tmp_path, ABBREVIATED))
    called = {person.name: person for person in attendance.called}
    assert {name: person.party for name, person in called.items()} == {
        "Anna Berg": "S",
        "Per Ek": "M",
        "Karin Holm": "C",
        "Nils Sand": "KD",
        "Lisa Ny": "M",
    }
    # "X" under "Ej närv." is absent; the "§" cell gives the items attended.
    assert [person.name for person in attendance.absent] == ["Per Ek"]
    assert called["Karin Holm"].items == (12, 13)
    assert called["Lisa Ny"].items == (14, 15, 16)
    pairs = {(s.substitute.name, s.substituted.name) for s in attendance.substitutions}
    assert pairs == {("Lisa Ny", "Per Ek")}


def test_spaced_table_headed_by_list_headings_only_is_two_lists(tmp_path: Path) -> None:
    """ "Ledamöter      Ersättare" over names side by side heads two lists, not a table:
    the deputies came without serving."""
    members = "Ledamöter             Ersättare\nAnna Berg (S)         Lisa Ny (M)\nPer Ek (M)\n"
    attendance = _attendance(write_protocol(tmp_path, ks_protocol(ITEMS, members=members)))
    assert {person.name for person in attendance.called} == {"Anna Berg", "Per Ek"}
    assert {person.name for person in attendance.others_present} == {"Lisa Ny"}
    assert not attendance.substitutions


def test_spaced_attendance_in_the_store(tmp_path: Path) -> None:
    with loaded_store(tmp_path, _written(tmp_path, SERVING_SPACED)) as store:
        per, lisa = PERSON.format("per-ek"), PERSON.format("lisa-ny")
        karin, ola = PERSON.format("karin-holm"), PERSON.format("ola-aberg")
        assert store.ask(PREFIXES + f"ASK {{ {MEETING} bg:called {per} ; bg:absentee {per} }}")
        assert not store.ask(PREFIXES + f"ASK {{ {MEETING} bg:absentee {karin} }}")
        assert store.ask(PREFIXES + f"ASK {{ ?s bg:substitute {lisa} ; bg:substituted {per} }}")
        assert store.ask(
            PREFIXES + f"ASK {{ ?s bg:substitute {ola} ; bg:substituted {karin} ; "
            f"bg:fromItem {ITEM.format(14)} }}"
        )
        rows = store.select(
            PREFIXES + f"SELECT ?p WHERE {{ {ITEM.format(14)} bg:attendeeOfItem ?p }}"
        )
        attendees = {row["p"] for row in rows}
        assert ola in attendees and karin not in attendees
