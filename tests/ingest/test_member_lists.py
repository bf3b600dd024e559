"""Member lists of § protocols as other bodies print them: headed "Närvarande ledamöter" /
"Frånvarande ledamöter", flattened onto one "Beslutande:" line, with abbreviated roles
("ordf.", "1:e vice ordf.", "ers. för"), in a label column, or with ", frånvarande" after
a name. Each says the same: who chaired, who was called, who was absent and who served
in whose place."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Attendance
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.base import Store

from .conftest import loaded_store
from .ks_protocol import (
    BUDGET_ITEM,
    ks_protocol,
    meeting_people,
    membership_roles,
    write_protocol,
)

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
    "role cells under a plain heading": (
        "Närvarande\nEva Berg (S)\tordförande\nLars Holm (M)\tledamot\nKarin Ek (C)\tledamot\n"
        "Nils Ek (SD)\ttjänstgörande ersättare för Per Ek (SD)\n\n"
    ),
    "party and role cells under a label": (
        "Beslutande:\nEva Berg\t(S)\tordförande\nLars Holm\t(M)\tledamot\nKarin Ek\t(C)\tledamot\n"
        "Nils Ek\t(SD)\ttjänstgörande ersättare för Per Ek (SD)\n\n"
    ),
    "absence after the name": (
        "Ledamöter\nEva Berg (S), ordförande\nLars Holm (M)\nKarin Ek (C)\n"
        "Per Ek (SD), frånvarande\n\nErsättare\nNils Ek (SD), tjänstgörande för Per Ek (SD)\n"
    ),
}


# The three members and the deputy who sat in for one of them, in the deputy layouts.
CALLED_WITH_SARA_LIND = ["Eva Berg", "Karin Ek", "Lars Holm", "Sara Lind"]


def _protocol_attendance(tmp_path: Path, members: str) -> tuple[Path, Attendance]:
    """The test protocol with the member list `members`, and what the reader makes of it."""
    path = write_protocol(tmp_path, ks_protocol(BUDGET_ITEM, members=members))
    return path, extract(segment(read(path))).attendance


def _attendance_read(folder: Path, layout: str) -> Attendance:
    return _protocol_attendance(folder, LISTS[layout] + "Justerare: Lars Holm (M)\n")[1]


@pytest.mark.parametrize("layout", sorted(LISTS))
def test_each_list_says_who_chaired_attended_was_absent_and_served(
    layout: str, tmp_path: Path
) -> None:
    attendance = _attendance_read(tmp_path, layout)
    assert attendance.chair is not None and attendance.chair.name == "Eva Berg"
    called = {(p.name, p.party) for p in attendance.called}
    assert {("Eva Berg", "S"), ("Lars Holm", "M"), ("Karin Ek", "C")} <= called
    assert [p.name for p in attendance.absent] == ["Per Ek"]
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Nils Ek", "Per Ek")
    ]


def test_abbreviated_roles_are_the_roles_they_abbreviate(tmp_path: Path) -> None:
    roles = {p.name: p.role for p in _attendance_read(tmp_path, "abbreviated roles").called}
    assert roles["Eva Berg"] == str(BG.ordforande)
    assert roles["Lars Holm"] == str(BG.forsteViceOrdforande)
    assert roles["Nils Ek"] == str(BG.ersattare)


def test_an_absence_after_the_name_is_no_role(tmp_path: Path) -> None:
    [per] = _attendance_read(tmp_path, "absence after the name").absent
    assert (per.name, per.party, per.role_text, per.organisation) == ("Per Ek", "SD", None, None)


TABLE_UNDER_LABEL = (
    "Beslutande\n"
    "Ledamot\tParti\tNärvarande\n"
    "Eva Berg\tS\tX\n"
    "Lars Holm\tM\tX\n"
    "Karin Ek\tC\t\n"
    "Nils Dahl\tV\tX\n\n"
    "Justerare: Lars Holm (M)\n"
)


def test_a_member_table_under_the_beslutande_label_is_read_once_as_the_table(
    tmp_path: Path,
) -> None:
    """The label's list and the table are the same lines: read as the table, each member
    is called once, with the party of the Parti column and the mark of Närvarande."""
    _, attendance = _protocol_attendance(tmp_path, TABLE_UNDER_LABEL)
    assert sorted((p.name, p.party) for p in attendance.called) == [
        ("Eva Berg", "S"),
        ("Karin Ek", "C"),
        ("Lars Holm", "M"),
        ("Nils Dahl", "V"),
    ]
    assert [(p.name, p.party) for p in attendance.absent] == [("Karin Ek", "C")]


def test_a_party_cell_after_a_role_in_the_name_cell_is_the_members_party(
    tmp_path: Path,
) -> None:
    """ "Eva Berg, ordförande | S | X": the role written after the name leaves the party
    in the next cell, as in the rows without a role."""
    members = TABLE_UNDER_LABEL.replace("Eva Berg\tS\tX", "Eva Berg, ordförande\tS\tX").replace(
        "Lars Holm\tM\tX", "Lars Holm, 1:e vice ordförande\tM\tX"
    )
    _, attendance = _protocol_attendance(tmp_path, members)
    called = {p.name: (p.party, p.role) for p in attendance.called}
    assert called["Eva Berg"] == ("S", str(BG.ordforande))
    assert called["Lars Holm"] == ("M", str(BG.forsteViceOrdforande))
    assert attendance.chair is not None and attendance.chair.name == "Eva Berg"


SIDE_BY_SIDE = {
    "tabs": (
        "Närvarande\nLedamöter\tErsättare\nEva Berg (S), ordförande\tNils Ek (SD)\n"
        "Lars Holm (M)\tSara Lind (V), tjg ers för Per Ek (SD)\nKarin Ek (C)\n"
    ),
    "spaces": (
        "Närvarande\nLedamöter                       Ersättare\n"
        "Eva Berg (S), ordförande        Nils Ek (SD)\n"
        "Lars Holm (M)                   Sara Lind (V), tjg ers för Per Ek (SD)\n"
        "Karin Ek (C)\n"
    ),
}


DEPUTY_COLUMN = {
    "name and deputy": (
        "Ledamot\tErsättare\n"
        "Eva Berg (S), ordförande\tAnna Lund (S)\n"
        "Lars Holm (M)\tSara Lind (V), tjg ers för Per Ek (SD)\n"
        "Karin Ek (C)\tOla Dahl (C)\n"
    ),
    "name and deputy, spaced": (
        "Ledamot                     Ersättare\n"
        "Eva Berg (S), ordförande    Anna Lund (S)\n"
        "Lars Holm (M)               Sara Lind (V), tjg ers för Per Ek (SD)\n"
        "Karin Ek (C)                Ola Dahl (C)\n"
    ),
    "name, party and deputy": (
        "Ledamot\tParti\tErsättare\n"
        "Eva Berg, ordförande\tS\tAnna Lund (S)\n"
        "Lars Holm\tM\tSara Lind (V), tjg ers för Per Ek (SD)\n"
        "Karin Ek\tC\tOla Dahl (C)\n"
    ),
}


# Deputies in a column beside the members, and who of them attends as a deputy.
DEPUTY_LAYOUTS = {
    **{f"under Närvarande, {name}": (text, ["Nils Ek"]) for name, text in SIDE_BY_SIDE.items()},
    **{name: (text, ["Anna Lund", "Ola Dahl"]) for name, text in DEPUTY_COLUMN.items()},
}


@pytest.mark.parametrize("layout", sorted(DEPUTY_LAYOUTS))
def test_a_deputy_beside_the_member_attends_as_deputy_unless_marked_serving(
    tmp_path: Path, layout: str
) -> None:
    """ "Ledamöter | Ersättare" under "Närvarande", or "Ledamot | Ersättare" with no
    column marking presence: the right column lists deputies present, as a plain
    "Ersättare" list does; they attend with a deputy's seat, and only the one marked
    "tjg" is called, sitting for the member she replaces."""
    text, deputies = DEPUTY_LAYOUTS[layout]
    members = text + "\nJusterare: Lars Holm (M)\n"
    path, attendance = _protocol_attendance(tmp_path, members)
    assert sorted(p.name for p in attendance.called) == CALLED_WITH_SARA_LIND
    assert sorted(p.name for p in attendance.others_present) == deputies
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Lind", "Per Ek")
    ]
    with loaded_store(tmp_path, path) as store:
        assert not set(deputies) & meeting_people(store, "called")
        assert set(deputies) <= meeting_people(store, "attendee")
        roles = membership_roles(store)
        assert [roles[name] for name in deputies] == ["ersattare"] * len(deputies)


SERVING_COLUMN = {
    "name, party and serving deputy": (
        "Ledamot\tParti\tTjänstgörande ersättare\n"
        "Eva Berg, ordförande\tS\t\n"
        "Lars Holm\tM\tSara Lind (M)\n"
        "Karin Ek\tC\t\n"
    ),
    "name and serving deputy": (
        "Ledamot\tTjänstgörande ersättare\n"
        "Eva Berg (S), ordförande\n"
        "Lars Holm (M)\tSara Lind (M)\n"
        "Karin Ek (C)\n"
    ),
    "name and serving deputy, spaced": (
        "Ledamot                     Tjänstgörande ersättare\n"
        "Eva Berg (S), ordförande\n"
        "Lars Holm (M)               Sara Lind (M)\n"
        "Karin Ek (C)\n"
    ),
}
SUBSTITUTIONS = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "SELECT ?deputy ?member WHERE { ?s bg:substitute/foaf:name ?deputy ; "
    "bg:substituted/foaf:name ?member }"
)


def _substitutions(store: Store) -> set[tuple[str, str]]:
    rows = store.select(SUBSTITUTIONS)
    return {(row["deputy"].strip('"'), row["member"].strip('"')) for row in rows}


@pytest.mark.parametrize("layout", sorted(SERVING_COLUMN))
def test_a_serving_deputies_column_names_who_sat_in_the_members_place(
    tmp_path: Path, layout: str
) -> None:
    """ "Tjänstgörande ersättare" says the deputy served, marks or none: she sat in the
    place of the member of her row, who did not come and keeps his seat, as under
    "Tjänstgörande ersättare: Sara Lind (M) för Lars Holm (M)"."""
    members = SERVING_COLUMN[layout] + "\nJusterare: Karin Ek (C)\n"
    path, attendance = _protocol_attendance(tmp_path, members)
    assert "Sara Lind" in {p.name for p in attendance.called}
    assert attendance.others_present == ()
    assert [p.name for p in attendance.absent] == ["Lars Holm"]
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Lind", "Lars Holm")
    ]
    with loaded_store(tmp_path, path) as store:
        assert _substitutions(store) == {("Sara Lind", "Lars Holm")}
        assert meeting_people(store, "absentee") == {"Lars Holm"}
        assert meeting_people(store, "attendee") == {"Eva Berg", "Karin Ek", "Sara Lind"}
        roles = membership_roles(store)
        assert (roles["Lars Holm"], roles["Sara Lind"]) == ("ledamot", "ersattare")


MARKED_WITH_DEPUTIES = {
    "tabs": (
        "Ledamot\tParti\tNärvarande\tErsättare\n"
        "Eva Berg, ordförande\tS\tX\tAnna Lund (S)\n"
        "Lars Holm\tM\t\tSara Lind (M)\n"
        "Karin Ek\tC\tX\tOla Dahl (C)\n"
    ),
    "spaced": (
        "Ledamot                 Parti   Närvarande   Ersättare\n"
        "Eva Berg, ordförande    S       X            Anna Lund (S)\n"
        "Lars Holm               M                    Sara Lind (M)\n"
        "Karin Ek                C       X            Ola Dahl (C)\n"
    ),
}


@pytest.mark.parametrize("layout", sorted(MARKED_WITH_DEPUTIES))
def test_the_deputy_of_a_member_marked_present_did_not_serve(tmp_path: Path, layout: str) -> None:
    """A table that marks presence lists every member's deputy beside them: only the
    deputy of a member not marked present sat in the member's place. The deputies of
    those who came were neither called nor there, deputies of the body all the same."""
    members = MARKED_WITH_DEPUTIES[layout] + "\nJusterare: Karin Ek (C)\n"
    path, attendance = _protocol_attendance(tmp_path, members)
    assert sorted(p.name for p in attendance.called) == CALLED_WITH_SARA_LIND
    assert attendance.others_present == ()
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Lind", "Lars Holm")
    ]
    with loaded_store(tmp_path, path) as store:
        assert _substitutions(store) == {("Sara Lind", "Lars Holm")}
        assert meeting_people(store, "attendee") == {"Eva Berg", "Karin Ek", "Sara Lind"}
        assert meeting_people(store, "absentee") == {"Lars Holm"}
        roles = membership_roles(store)
        assert (roles["Anna Lund"], roles["Ola Dahl"]) == ("ersattare", "ersattare")


DEPUTIES_MARKED = {
    "tabs": (
        "Ledamot\tParti\tNärvarande\tErsättare\tNärvarande\n"
        "Eva Berg, ordförande\tS\tX\tAnna Lund (S)\t\n"
        "Lars Holm\tM\t\tSara Lind (M)\tX\n"
        "Jonas Strand\tSD\t\tNils Fors (SD)\t\n"
        "Karin Ek\tC\tX\tOla Dahl (C)\tX\n"
    ),
    "spaced": (
        "Ledamot                 Parti   Närvarande   Ersättare        Närvarande\n"
        "Eva Berg, ordförande    S       X            Anna Lund (S)\n"
        "Lars Holm               M                    Sara Lind (M)    X\n"
        "Jonas Strand            SD                   Nils Fors (SD)\n"
        "Karin Ek                C       X            Ola Dahl (C)     X\n"
    ),
}


@pytest.mark.parametrize("layout", sorted(DEPUTIES_MARKED))
def test_a_deputys_own_presence_mark_says_whether_she_sat(tmp_path: Path, layout: str) -> None:
    """ "Ersättare | Närvarande": the deputy marked present sat in the place of the absent
    member of her row; the one left unmarked beside an absent member did not come, and
    sat for no one: neither called nor there, a deputy of the body all the same. One
    marked beside a member who came attended as a deputy, not called."""
    members = DEPUTIES_MARKED[layout] + "\nJusterare: Karin Ek (C)\n"
    path, attendance = _protocol_attendance(tmp_path, members)
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Lind", "Lars Holm")
    ]
    with loaded_store(tmp_path, path) as store:
        assert _substitutions(store) == {("Sara Lind", "Lars Holm")}
        assert meeting_people(store, "called") == {
            "Eva Berg",
            "Jonas Strand",
            "Karin Ek",
            "Lars Holm",
            "Sara Lind",
        }
        assert meeting_people(store, "attendee") == {
            "Eva Berg",
            "Karin Ek",
            "Ola Dahl",
            "Sara Lind",
        }
        assert meeting_people(store, "absentee") == {"Jonas Strand", "Lars Holm"}
        assert membership_roles(store)["Nils Fors"] == "ersattare"


def test_a_deputy_serving_for_a_member_of_another_row_is_named_by_her_own_cell(
    tmp_path: Path,
) -> None:
    """ "Lars Holm | M | X | Sara Lind (V), tjg ers för Per Ek (SD)": the name before "tjg
    ers för" is the deputy's cell only, not the member and party cells before the tabs."""
    members = (
        "Ledamot\tParti\tNärvarande\tErsättare\n"
        "Eva Berg, ordförande\tS\tX\t\n"
        "Lars Holm\tM\tX\tSara Lind (V), tjg ers för Per Ek (SD)\n"
        "Karin Ek\tC\tX\t\n\n"
        "Justerare: Karin Ek (C)\n"
    )
    path, attendance = _protocol_attendance(tmp_path, members)
    assert [(s.substitute.name, s.substituted.name) for s in attendance.substitutions] == [
        ("Sara Lind", "Per Ek")
    ]
    with loaded_store(tmp_path, path) as store:
        assert "Sara Lind" in meeting_people(store, "called")
        assert not {name for name in meeting_people(store, "attendee") if "Holm M" in name}


def test_two_people_joined_by_och_on_one_line_stay_in_their_list(tmp_path: Path) -> None:
    """ "Anna Viklund och Johan Ås, handläggare" under "Övriga närvarande": two officials
    present, neither called. The second name was read as a column of its own and made a
    member of the board (and "och" the first one's role)."""
    members = (
        "Beslutande\nEva Berg (S), ordförande\nLars Holm (M)\nKarin Ek (C)\n\n"
        "Övriga närvarande\nAnna Viklund och Johan Ås, handläggare\nPer Dahl, kommundirektör\n"
        "\nJusterare: Lars Holm (M)\n"
    )
    _, attendance = _protocol_attendance(tmp_path, members)
    assert sorted(p.name for p in attendance.called) == ["Eva Berg", "Karin Ek", "Lars Holm"]
    others = {p.name: p.role_text for p in attendance.others_present}
    assert others == {"Anna Viklund": None, "Johan Ås": "handläggare", "Per Dahl": "kommundirektör"}
