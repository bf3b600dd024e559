"""A body's name in a page header's capitals ("REGIONSTYRELSEN VÄSTRA
GÖTALANDSREGIONEN") is labelled as prose writes it: its proper nouns as the document
writes them elsewhere, else as the reference registers name them; any other word in
lower case."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from tests.ingest.conftest import loaded_store

_ITEM = "§ 1\nMötets öppnande\n\nOrdföranden öppnade mötet.\n"


def _protocol(folder: Path, header: str, sentence: str = "") -> Path:
    path = folder / "protokoll.txt"
    path.write_text(
        f"{header}\tSAMMANTRÄDESPROTOKOLL\nSammanträdesdatum 2024-05-15\n\n"
        "Beslutande\nAnna Berg (S), ordförande\nPer Ek (M)\n\n"
        f"{_ITEM}\n§ 2\nSkrivelse\n\n{sentence or 'Skrivelsen läggs till handlingarna.'}\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("header", "sentence", "body"),
    [
        # The registers name the region: its name keeps its capitals.
        (
            "REGIONSTYRELSEN VÄSTRA GÖTALANDSREGIONEN",
            "",
            "Regionstyrelsen Västra Götalandsregionen",
        ),
        # The document writes the name mid-sentence: as written there.
        (
            "SAMORDNINGSFÖRBUNDET GÖTEBORG NORDOST",
            "Styrelsen för Samordningsförbundet Göteborg Nordost har fått en skrivelse.",
            "Samordningsförbundet Göteborg Nordost",
        ),
        (
            "SOCIALNÄMNDEN GÖTEBORGS STAD",
            "Nämnden har fått en skrivelse från stadsledningskontoret i Göteborgs Stad.",
            "Socialnämnden Göteborgs Stad",
        ),
        # Neither says more: the words are cased as a sentence, abbreviations kept.
        ("KOMMUNSTYRELSENS ARBETSUTSKOTT", "", "Kommunstyrelsens arbetsutskott"),
        ("SOCIALNÄMNDEN VGR", "", "Socialnämnden VGR"),
    ],
)
def test_a_body_in_capitals_keeps_the_case_of_its_proper_nouns(
    tmp_path: Path, header: str, sentence: str, body: str
) -> None:
    path = _protocol(tmp_path, header, sentence)
    assert extract(segment(read(path))).meeting.body == body


def test_the_bodys_label_in_the_graph_keeps_the_regions_name(tmp_path: Path) -> None:
    path = _protocol(tmp_path, "REGIONSTYRELSEN VÄSTRA GÖTALANDSREGIONEN")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?label WHERE { ?meeting bg:heldBy ?body . ?body skos:prefLabel ?label }"
        )
    assert [row["label"] for row in rows] == ['"Regionstyrelsen Västra Götalandsregionen"@sv']
