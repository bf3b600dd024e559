"""Whose board met: a body name every kommun has ("Kommunstyrelsen", "Socialnämnden") is
the body of the organisation the minutes' letterhead names, so two kommuners' boards are
two nodes, each part of its kommun (the register's node for a kommun in Västra Götaland).
Minutes without a letterhead keep the name as written; a board the registers hold (VGR's
Regionstyrelsen) stays the register's node when its owner's letterhead is on the minutes,
and another region's Regionstyrelsen is not VGR's."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.body_owner import letterhead_owner
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.store.base import Store

from .conftest import load, loaded_store
from .ks_protocol import HEADER, LAST_ITEM, ks_protocol

ID = "https://w3id.org/beslutsgraf/id/"
BODIES = """PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?date ?body ?label ?owner ?ownerLabel WHERE {
  ?meeting a bg:Meeting ; dct:date ?date ; bg:heldBy ?body .
  ?body skos:prefLabel ?label .
  OPTIONAL { ?body org:subOrganizationOf ?owner . ?owner skos:prefLabel ?ownerLabel }
}"""
RECOMMENDED = """PREFIX bg: <https://w3id.org/beslutsgraf/def#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?to ?owner WHERE {
  ?d bg:recommendsTo ?to . OPTIONAL { ?to org:subOrganizationOf ?owner }
}"""
ITEM = """§ 12 Dnr KS 2024/100
Budget 2025
Kommunstyrelsens beslut
Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.

"""


def _protocol(folder: Path, name: str, letterhead: str, date: str = "2024-09-10") -> Path:
    # The letterhead is the first line, where the plain header has "PROTOKOLL".
    header = HEADER.replace("2024-09-10", date).replace("PROTOKOLL", letterhead or "PROTOKOLL")
    text = ks_protocol(ITEM + LAST_ITEM, header=header)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _bodies(store: Store) -> dict[str, tuple[str, str, str | None, str | None]]:
    """Meeting date → (body IRI, its label, its owner's IRI, the owner's label)."""
    return {
        literal_value(row["date"]): (
            row["body"].strip("<>").removeprefix(ID),
            literal_value(row["label"]),
            row["owner"].strip("<>").removeprefix(ID) if row.get("owner") else None,
            literal_value(row["ownerLabel"]) if row.get("ownerLabel") else None,
        )
        for row in store.select(BODIES)
    }


def test_two_kommuners_boards_are_two_bodies_each_part_of_its_kommun(tmp_path: Path) -> None:
    alingsas = _protocol(tmp_path, "ks_a.txt", "ALINGSÅS KOMMUN          PROTOKOLL          1(4)")
    storuman = _protocol(tmp_path, "ks_b.txt", "Storumans kommun\tProtokoll", date="2024-09-17")
    with loaded_store(tmp_path, alingsas, storuman) as store:
        bodies = _bodies(store)
        recommended = {
            (row["to"].strip("<>").removeprefix(ID), row["owner"].strip("<>").removeprefix(ID))
            for row in store.select(RECOMMENDED)
        }
    # Alingsås is in the kommun register (SCB kommunkod 1489): its board is part of that node.
    assert bodies["2024-09-10"] == (
        "org/kommunstyrelsen-i-alingsas-kommun",
        "Kommunstyrelsen i Alingsås kommun",
        "kommun/1489",
        "Alingsås kommun",
    )
    assert bodies["2024-09-17"] == (
        "org/kommunstyrelsen-i-storumans-kommun",
        "Kommunstyrelsen i Storumans kommun",
        "org/storumans-kommun",
        "Storumans kommun",
    )
    # "föreslår kommunfullmäktige": each kommun's own assembly.
    assert recommended == {
        ("org/kommunfullmaktige-i-alingsas-kommun", "kommun/1489"),
        ("org/kommunfullmaktige-i-storumans-kommun", "org/storumans-kommun"),
    }


def test_minutes_without_a_letterhead_keep_the_name_as_written(tmp_path: Path) -> None:
    owned = _protocol(tmp_path, "ks_a.txt", "ALINGSÅS KOMMUN\tPROTOKOLL", date="2024-08-20")
    unowned = _protocol(tmp_path, "ks.txt", "")
    # A later run: the store's "Kommunstyrelsen i Alingsås kommun" is no spelling of it.
    with loaded_store(tmp_path, owned) as store:
        load(store, unowned)
        bodies = _bodies(store)
    assert bodies["2024-09-10"] == ("org/kommunstyrelsen", "Kommunstyrelsen", None, None)
    assert bodies["2024-08-20"][0] == "org/kommunstyrelsen-i-alingsas-kommun"


def test_a_registered_board_under_its_owners_letterhead_is_the_registers_node(
    tmp_path: Path,
) -> None:
    vgr = _protocol(tmp_path, "rs_vgr.txt", "Västra Götalandsregionen")
    varmland = _protocol(
        tmp_path, "rs_varmland.txt", "Region Värmland\tProtokoll\t1 (6)", date="2024-09-17"
    )
    for path in (vgr, varmland):
        text = path.read_text(encoding="utf-8").replace("Kommunstyrelsen", "Regionstyrelsen")
        path.write_text(text, encoding="utf-8")
    with loaded_store(tmp_path, vgr, varmland) as store:
        bodies = _bodies(store)
    assert bodies["2024-09-10"] == (
        "org/regionstyrelsen",
        "Regionstyrelsen",
        "org/vastra-gotalandsregionen",
        "Västra Götalandsregionen",
    )
    assert bodies["2024-09-17"] == (
        "org/regionstyrelsen-i-region-varmland",
        "Regionstyrelsen i Region Värmland",
        "org/region-varmland",
        "Region Värmland",
    )


@pytest.mark.parametrize(
    ("letterhead", "owner"),
    [
        ("ÄLVDALS KOMMUN                    PROTOKOLL                    1(3)", "Älvdals kommun"),
        ("ALINGSÅS KOMMUN | KOMMUNSTYRELSEN | Sida 1 (12)", "Alingsås kommun"),  # a Word box
        ("Göteborgs Stad\tProtokoll", "Göteborgs Stad"),
        ("LANDSTINGET I VÄRMLAND", "Landstinget i Värmland"),
        ("# Region Jämtland Härjedalen", "Region Jämtland Härjedalen"),
        ("Regionförbundet i Kalmar län\tProtokoll", "Regionförbundet i Kalmar län"),
        # A field, a place or the body is no letterhead.
        ("Plats: Kungsbacka stad", None),
        ("Plats och tid  Stadshuset, Kungsbacka", None),
        ("Kommunstyrelsen\tSammanträdesdatum 2024-09-10", None),
    ],
)
def test_the_owner_is_a_letterhead_part_of_its_own(letterhead: str, owner: str | None) -> None:
    assert letterhead_owner(f"{letterhead}\nKommunstyrelsen\nSammanträdesdatum 2024-09-10") == owner


def test_the_kommundirektor_assigned_is_the_post_in_the_letterheads_kommun(
    tmp_path: Path,
) -> None:
    item = """§ 12 Dnr KS 2024/100
Uppföljning av budget
Kommunstyrelsens beslut
Kommunstyrelsen ger kommundirektören i uppdrag att följa upp budgeten senast 2025-03-31.

"""
    header = HEADER.replace("PROTOKOLL", "ALINGSÅS KOMMUN\tPROTOKOLL")
    path = tmp_path / "ks.txt"
    path.write_text(ks_protocol(item + LAST_ITEM, header=header), encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX org: <http://www.w3.org/ns/org#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?label ?in ?role WHERE { ?a bg:assignee ?post . ?post a org:Post ; "
            "skos:prefLabel ?label ; org:postIn ?in ; org:role ?role }"
        )
    assert [
        (literal_value(r["label"]), r["in"].strip("<>").removeprefix(ID), r["role"]) for r in rows
    ] == [
        (
            "Kommundirektör, Alingsås kommun",
            "kommun/1489",
            "<https://w3id.org/beslutsgraf/def#kommundirektor>",
        )
    ]
