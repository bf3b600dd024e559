"""Bodies a decision recommends to decide (bg:recommendsTo): an assembly prose names
generically ("rekommenderar regionfullmäktige att …") is the assembly of the organisation
whose board meets, named as prose names it ("Regionfullmäktige"): the register's node when
the registers know it, else a node labelled with a capital. Groups ("kommunerna") stay as
written."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.ingest.known import literal_value

from .conftest import loaded_store
from .ks_protocol import HEADER, LAST_ITEM, ks_protocol, write_protocol

QUERY = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX org: <http://www.w3.org/ns/org#> "
    "SELECT DISTINCT ?to ?label ?parent WHERE { ?d bg:recommendsTo ?to . "
    "?to skos:prefLabel ?label . OPTIONAL { ?to org:subOrganizationOf ?parent } }"
)
ORG = "https://w3id.org/beslutsgraf/id/org/"


def _recommended(tmp_path: Path, text: str) -> set[tuple[str, str, str | None]]:
    with loaded_store(tmp_path, write_protocol(tmp_path, text)) as store:
        rows = store.select(QUERY)
    return {
        (
            row["to"].strip("<>").removeprefix(ORG),
            literal_value(row["label"]),
            row["parent"].strip("<>").removeprefix(ORG) if row.get("parent") else None,
        )
        for row in rows
    }


def test_the_regions_assembly_named_generically_is_its_regionfullmaktige(tmp_path: Path) -> None:
    item = """§ 12 Dnr RS 2024/100
Bokslutsdispositioner 2023
Regionstyrelsens beslut
Regionstyrelsen rekommenderar regionfullmäktige att godkänna bokslutsdispositionerna.

"""
    header = HEADER.replace("Kommunstyrelsen", "Regionstyrelsen")
    found = _recommended(tmp_path, ks_protocol(item + LAST_ITEM, header=header))
    # Regionstyrelsen is VGR's board in the registers, which know VGR's Regionfullmäktige.
    assert found == {("regionfullmaktige", "Regionfullmäktige", "vastra-gotalandsregionen")}


def test_an_unregistered_assembly_gets_a_capital_and_groups_stay(tmp_path: Path) -> None:
    item = """§ 12 Dnr KS 2024/100
Taxor för äldreomsorgen 2025
Kommunstyrelsens beslut
1. Kommunstyrelsen rekommenderar kommunfullmäktige att anta taxorna.
2. Kommunstyrelsen rekommenderar kommunerna att anta taxorna.

"""
    found = _recommended(tmp_path, ks_protocol(item + LAST_ITEM))
    assert found == {
        ("kommunfullmaktige", "Kommunfullmäktige", None),
        ("kommunerna", "kommunerna", None),
    }


def test_bodies_recommended_together_are_each_recommended(tmp_path: Path) -> None:
    # The second point wraps mid-sentence: still the § item's point, not an agenda item.
    item = """§ 12 Dnr KS 2024/100
Överenskommelse om hemsjukvård
Kommunstyrelsens beslut
1. Kommunstyrelsen rekommenderar kommunerna och regionen att anta överenskommelsen.
2. Kommunstyrelsen rekommenderar GR, Fyrbodal samt hälso- och
sjukvårdsnämnderna att anta överenskommelsen.

"""
    found = _recommended(tmp_path, ks_protocol(item + LAST_ITEM))
    assert {(iri, label) for iri, label, _ in found} == {
        ("kommunerna", "kommunerna"),
        ("regionen", "regionen"),
        ("goteborgsregionen", "Göteborgsregionen"),
        ("fyrbodals-kommunalforbund", "Fyrbodals kommunalförbund"),
        ("halso-och-sjukvardsnamnderna", "hälso- och sjukvårdsnämnderna"),
    }
