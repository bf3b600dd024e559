"""Seats of people a protocol lists as not coming: deputies under "Frånvarande
ersättare: …" are deputies (ersättare) of the body, neither called nor absent members;
the rows under a "Frånvarande" row across a member table are absent members, who keep
their seats (ledamot) as the table's other members do."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import loaded_store
from tests.ingest.ks_protocol import BUDGET_ITEM, LAST_ITEM, ks_protocol, write_protocol

PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
)
KS = "<https://w3id.org/beslutsgraf/id/org/kommunstyrelsen>"
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10>"
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


def _roles(store: EmbeddedStore) -> dict[str, str]:
    """Name → the role (local name) of their membership in kommunstyrelsen."""
    rows = store.select(
        PREFIXES + "SELECT ?name ?role WHERE { ?m org:member ?p ; org:role ?role ; "
        f"org:organization {KS} . ?p foaf:name ?name }}"
    )
    return {row["name"].strip('"'): row["role"].rsplit("#", 1)[-1].rstrip(">") for row in rows}


def _people(store: EmbeddedStore, predicate: str) -> set[str]:
    rows = store.select(
        PREFIXES + f"SELECT ?name WHERE {{ {MEETING} bg:{predicate} ?p . ?p foaf:name ?name }}"
    )
    return {row["name"].strip('"') for row in rows}


def _path(folder: Path, members: str) -> Path:
    return write_protocol(folder, ks_protocol(BUDGET_ITEM + LAST_ITEM, members=members))


def test_absent_deputies_are_deputies_not_absent_members(tmp_path: Path) -> None:
    with loaded_store(tmp_path, _path(tmp_path, ABSENT_DEPUTIES)) as store:
        assert _roles(store) == {
            "Eva Berg": "ordforande",
            "Lars Holm": "ledamot",
            "Karin Ek": "ledamot",
            "Lisa Ny": "ersattare",
            "Ola Åberg": "ersattare",
        }
        # The label ends the member list: the deputies were neither called nor there.
        assert _people(store, "called") == {"Eva Berg", "Lars Holm", "Karin Ek"}
        assert not {"Lisa Ny", "Ola Åberg"} & (
            _people(store, "absentee") | _people(store, "attendee")
        )


@pytest.mark.parametrize("table", [TABBED_TABLE, SPACED_TABLE], ids=["tabs", "spaced"])
def test_a_row_group_of_absentees_in_a_member_table_keeps_their_seats(
    tmp_path: Path, table: str
) -> None:
    with loaded_store(tmp_path, _path(tmp_path, table)) as store:
        assert _people(store, "absentee") == {"Karin Ek", "Per Ek"}
        assert _people(store, "attendee") == {"Eva Berg", "Lars Holm"}
        assert _roles(store) == {
            "Eva Berg": "ledamot",
            "Lars Holm": "ledamot",
            "Karin Ek": "ledamot",
            "Per Ek": "ledamot",
        }
