"""Seats of people a protocol lists as not coming: deputies under "Frånvarande
ersättare: …" are deputies (ersättare) of the body, neither called nor absent members;
the rows under a "Frånvarande" row across a member table are absent members, who keep
their seats (ledamot) as the table's other members do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import (
    BUDGET_ITEM,
    LAST_ITEM,
    ks_protocol,
    meeting_people,
    membership_roles,
    write_protocol,
)

ABSENT_DEPUTIES = """Beslutande
Eva Berg (S), ordförande
Lars Holm (M)
Karin Ek (C)

Frånvarande ersättare: Lisa Ny (M), Ola Åberg (C)

Justerare: Lars Holm (M)
"""
TABBED_TABLE = """Ledamot\tParti\tNärvarande\tErsättare
Eva Berg\tS\tX\t
Lars Holm\tM\tX\t
Frånvarande
Karin Ek\tC\t\t
Per Ek\tSD\t\t

Justerare: Lars Holm (M)
"""
SPACED_TABLE = """Ledamot        Parti   Närvarande   Ersättare
Eva Berg       S       X
Lars Holm      M       X
Frånvarande
Karin Ek       C
Per Ek         SD

Justerare: Lars Holm (M)
"""


def _path(folder: Path, members: str) -> Path:
    return write_protocol(folder, ks_protocol(BUDGET_ITEM + LAST_ITEM, members=members))


def test_absent_deputies_are_deputies_not_absent_members(tmp_path: Path) -> None:
    with loaded_store(tmp_path, _path(tmp_path, ABSENT_DEPUTIES)) as store:
        assert membership_roles(store) == {
            "Eva Berg": "ordforande",
            "Lars Holm": "ledamot",
            "Karin Ek": "ledamot",
            "Lisa Ny": "ersattare",
            "Ola Åberg": "ersattare",
        }
        # The label ends the member list: the deputies were neither called nor there.
        assert meeting_people(store, "called") == {"Eva Berg", "Lars Holm", "Karin Ek"}
        assert not {"Lisa Ny", "Ola Åberg"} & (
            meeting_people(store, "absentee") | meeting_people(store, "attendee")
        )


@pytest.mark.parametrize("table", [TABBED_TABLE, SPACED_TABLE], ids=["tabs", "spaced"])
def test_a_row_group_of_absentees_in_a_member_table_keeps_their_seats(
    tmp_path: Path, table: str
) -> None:
    with loaded_store(tmp_path, _path(tmp_path, table)) as store:
        assert meeting_people(store, "absentee") == {"Karin Ek", "Per Ek"}
        assert meeting_people(store, "attendee") == {"Eva Berg", "Lars Holm"}
        assert membership_roles(store) == {
            "Eva Berg": "ledamot",
            "Lars Holm": "ledamot",
            "Karin Ek": "ledamot",
            "Per Ek": "ledamot",
        }
