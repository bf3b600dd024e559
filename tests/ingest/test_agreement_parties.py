"""The parties an agreement is "mellan" (bg:party): read from its title or the words right
after it, resolved like any organisation (a municipality to its SCB-coded node)."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.agreements import find_agreements
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from tests.conftest import CORPUS_DIR

from .conftest import loaded_store

PROTOCOL = Path(__file__).parent / "protocols" / "kf_protokoll_2024-10-21.txt"
ID = "https://w3id.org/beslutsgraf/id/"


def _parties(sentence: str) -> list[tuple[str, ...]]:
    return [agreement.parties for agreement in find_agreements(sentence, 0, len(sentence))]


@pytest.mark.parametrize(
    ("sentence", "parties"),
    [
        (
            "Kommunstyrelsen godkänner samverkansavtal mellan Region Halland och "
            "Falkenbergs kommun om hemsjukvård.",
            ("Region Halland", "Falkenbergs kommun"),
        ),
        (
            "Nämnden antar överenskommelse mellan Västra Götalandsregionen, Göteborgs Stad "
            "och Mölndals stad avseende barn och unga.",
            ("Västra Götalandsregionen", "Göteborgs Stad", "Mölndals stad"),
        ),
        # A collective is many organisations, not one to name.
        (
            "Styrelsen godkänner samverkansavtal mellan Region Jämtland Härjedalen och "
            "kommunerna i länet.",
            ("Region Jämtland Härjedalen",),
        ),
        # "mellan" of another phrase, after the agreement's sentence, names no party.
        (
            "Kommunen godkänner samverkansavtal för hemsjukvård. Dialogen mellan Region "
            "Halland och Varbergs kommun fortsätter.",
            (),
        ),
    ],
)
def test_parties_between_which_an_agreement_is_made(
    sentence: str, parties: tuple[str, ...]
) -> None:
    assert _parties(sentence) == [parties]


def test_corpus_002_agreement_between_the_municipalities_and_the_region() -> None:
    # "… överenskommelse mellan Västra \n\nGötalands kommuner och Västra Götalandsregionen om
    # samverkan vid in- och utskrivning …": a line broken twice by the PDF, one collective.
    [path] = sorted(CORPUS_DIR.glob("002_*.txt"))
    mentions = extract(segment(read(path)))
    prolonged = [
        clause.prolongs for item in mentions.items for clause in item.decisions if clause.prolongs
    ]
    assert [agreement.parties for agreement in prolonged] == [("Västra Götalandsregionen",)]


def test_loaded_agreement_names_its_parties_and_start(tmp_path: Path) -> None:
    with loaded_store(tmp_path, PROTOCOL) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "SELECT ?party ?from WHERE { ?decision bg:concerns ?agreement . "
            "?agreement bg:party ?party ; bg:appliesFrom ?from } ORDER BY ?party"
        )
    assert [(r["party"], literal_value(r["from"])) for r in rows] == [
        (f"<{ID}kommun/1490>", "2025-01-01"),  # Borås Stad, by the municipality register
        (f"<{ID}org/vastra-gotalandsregionen>", "2025-01-01"),
    ]
