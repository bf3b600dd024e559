"""Member lists of § protocols as other bodies print them: headed "Närvarande ledamöter" /
"Frånvarande ledamöter", flattened onto one "Beslutande:" line, with abbreviated roles
("ordf.", "1:e vice ordf.", "ers. för"), in a label column, or with ", frånvarande" after
a name. Each says the same: who chaired, who was called, who was absent and who served
in whose place."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG

PROTOCOL = """PROTOKOLL
Kommunstyrelsen
Sammanträdesdatum 2024-09-10

Plats och tid: Kommunhuset, kl. 09.00–12.00

{members}
Justerare: Lars Holm (M)

§ 12 Dnr KS 2024/100
Budget 2025
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.
"""
LISTS = {
    "present and absent headings": (
        "Närvarande ledamöter\nEva Berg (S), ordförande\nLars Holm (M)\nKarin Ek (C)\n\n"
        "Frånvarande ledamöter\nPer Ek (SD)\n\n"
        "Närvarande ersättare\nNils Ek (SD) tjänstgör för Per Ek (SD)\n"
    ),
    "one line": (
        "Beslutande: Eva Berg (S), ordförande, Lars Holm (M), Karin Ek (C), Nils Ek (SD) "
        "tjänstgörande ersättare för Per Ek (SD)\n"
    ),
    "abbreviated roles": (
        "Beslutande ledamöter\nEva Berg (S) ordf.\nLars Holm (M) 1:e vice ordf.\nKarin Ek (C)\n"
        "Nils Ek (SD) ers. för Per Ek (SD)\n"
    ),
    "label column": (
        "Beslutande\tEva Berg (S), ordförande\n\tLars Holm (M)\n\tKarin Ek (C)\n"
        "\tNils Ek (SD), tjänstgörande ersättare för Per Ek (SD)\n"
    ),
    "absence after the name": (
        "Ledamöter\nEva Berg (S), ordförande\nLars Holm (M)\nKarin Ek (C)\n"
        "Per Ek (SD), frånvarande\n\nErsättare\nNils Ek (SD), tjänstgörande för Per Ek (SD)\n"
    ),
}


@pytest.mark.parametrize("layout", sorted(LISTS))
def test_each_list_says_who_chaired_attended_was_absent_and_served(
    layout: str, tmp_path: Path
) -> None:
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(PROTOCOL.format(members=LISTS[layout]), encoding="utf-8")
    attendance = extract(segment(read(path))).attendance
    assert attendance.chair is not None and attendance.chair.name == "Eva Berg"
    called = {(p.name, p.party) for p in attendance.called}
    assert {("Eva Berg", "S"), ("Lars Holm", "M"), ("Karin Ek", "C")} <= called
    assert [p.name for p in attendance.absent] == ["Per Ek"]
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Nils Ek", "Per Ek")
    ]


def test_abbreviated_roles_are_the_roles_they_abbreviate(tmp_path: Path) -> None:
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(PROTOCOL.format(members=LISTS["abbreviated roles"]), encoding="utf-8")
    roles = {p.name: p.role for p in extract(segment(read(path))).attendance.called}
    assert roles["Eva Berg"] == str(BG.ordforande)
    assert roles["Lars Holm"] == str(BG.forsteViceOrdforande)
    assert roles["Nils Ek"] == str(BG.ersattare)


def test_an_absence_after_the_name_is_no_role(tmp_path: Path) -> None:
    path = tmp_path / "ks_protokoll_2024-09-10.txt"
    path.write_text(PROTOCOL.format(members=LISTS["absence after the name"]), encoding="utf-8")
    [per] = [p for p in extract(segment(read(path))).attendance.absent]
    assert (per.name, per.party, per.role_text, per.organisation) == ("Per Ek", "SD", None, None)
