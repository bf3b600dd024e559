"""CQ9 on the ingested corpus: the members of SRO called to a meeting, the
kommunalförbund each represented, and the municipalities that federation covers
according to the reference register."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib.util import from_n3

from beslutsgraf.ingest.run import run as ingest
from beslutsgraf.ontology import BG
from beslutsgraf.store import Store, open_store

QUERY = (
    Path(__file__).resolve().parents[2]
    / "docs"
    / "queries"
    / "cq9-federation-municipalities-of-members-at-meeting.rq"
)
EXAMPLE_VALUES = '("SRO" "2025-03-06"^^xsd:date)'
GOTEBORGSREGIONEN = "Göteborgsregionen"
BORASREGIONEN = "Boråsregionen Sjuhärads kommunalförbund"
FYRBODAL = "Fyrbodals kommunalförbund"
SKARABORG = "Skaraborgs kommunalförbund"

Row = dict[str, str]


@pytest.fixture(scope="module")
def store(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    work = tmp_path_factory.mktemp("cq9")
    opened = open_store(work / "store", None)
    summary = ingest([corpus_dir], opened, quarantine_dir=work / "quarantine")
    assert summary.ok
    yield opened
    opened.close()


def _raw_rows(store: Store, meeting_date: str = "2025-03-06") -> list[Row]:
    """The query's rows as N-Triples terms, with the meeting date rebound."""
    text = QUERY.read_text(encoding="utf-8")
    assert EXAMPLE_VALUES in text
    return store.select(text.replace(EXAMPLE_VALUES, f'("SRO" "{meeting_date}"^^xsd:date)'))


def _rows(store: Store, meeting_date: str = "2025-03-06") -> list[Row]:
    return [
        {var: str(from_n3(term)) for var, term in row.items()}
        for row in _raw_rows(store, meeting_date)
    ]


def _members(rows: list[Row]) -> set[tuple[str, str, str]]:
    return {(row["memberName"], row["federationName"], row["present"]) for row in rows}


@pytest.fixture(scope="module")
def register(corpus_dir: Path) -> dict[str, set[str]]:
    """Kommunkoder per kommunalförbund, read from the compiled register itself."""
    path = corpus_dir.parent / "reference" / "vastra-gotaland-kommuner.csv"
    by_federation: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_federation[row["kommunalforbund"]].add(row["kommunkod"])
    return dict(by_federation)


def test_the_members_on_the_list_of_2025_03_06_and_whom_they_represent(store: Store) -> None:
    # The "Kommunpolitiker" of the member list; three of them under "Frånvaro".
    assert _members(_rows(store)) == {
        ("Marina Johansson", GOTEBORGSREGIONEN, "true"),
        ("Miguel Odhner", GOTEBORGSREGIONEN, "false"),
        ("Ulf Olsson", BORASREGIONEN, "true"),
        ("Bengt Hilmersson", BORASREGIONEN, "true"),
        ("Adam Johansson", SKARABORG, "true"),
        ("Theres Sahlström", SKARABORG, "false"),
        ("Dan Nyberg", FYRBODAL, "true"),
        ("Peter Eriksson", FYRBODAL, "false"),
    }


def test_each_member_gets_exactly_the_register_municipalities_of_their_federation(
    store: Store, register: dict[str, set[str]]
) -> None:
    codes: dict[str, set[str]] = defaultdict(set)
    federation_of: dict[str, str] = {}
    rows = _rows(store)
    for row in rows:
        codes[row["memberName"]].add(row["kommunkod"])
        federation_of[row["memberName"]] = row["federationName"]
    assert {name: codes[name] for name in codes} == {
        name: register[federation] for name, federation in federation_of.items()
    }
    # Two members per federation, one row per member and municipality.
    per_federation = Counter(row["federationName"] for row in rows)
    assert per_federation == {
        GOTEBORGSREGIONEN: 2 * 13,
        BORASREGIONEN: 2 * 8,
        FYRBODAL: 2 * 14,
        SKARABORG: 2 * 15,
    }
    assert len(rows) == len({(r["member"], r["municipality"]) for r in rows})


def test_goteborgsregionen_covers_goteborg_and_kungsbacka_but_not_boras(store: Store) -> None:
    marina = [row for row in _raw_rows(store) if "Marina Johansson" in row["memberName"]]
    municipalities = {
        str(from_n3(row["kommunkod"])): str(from_n3(row["municipalityName"])) for row in marina
    }
    assert municipalities["1480"] == "Göteborgs kommun"
    assert municipalities["1384"] == "Kungsbacka kommun"  # in Halland, yet in GR
    assert municipalities["1440"] == "Ale kommun"
    assert "1490" not in municipalities  # Borås belongs to Boråsregionen
    # The code comes back as the register's typed notation, not a bare string.
    assert {row["kommunkod"].rsplit("^^", 1)[1] for row in marina} == {f"<{BG.kommunkod}>"}


def test_the_meeting_date_is_a_parameter(store: Store) -> None:
    # 2022-11-24: "Frånvarande: Axel Josefsson, Nina Miskovsky, …".
    assert _members(_rows(store, "2022-11-24")) == {
        ("Axel Josefsson", GOTEBORGSREGIONEN, "false"),
        ("Nina Miskovsky", GOTEBORGSREGIONEN, "false"),
        ("Ulf Olsson", BORASREGIONEN, "true"),
        ("Bengt Hilmersson", BORASREGIONEN, "true"),
        ("Katarina Jonsson", SKARABORG, "true"),
        ("Anna-Karin Skatt", SKARABORG, "true"),
        ("Martin Carling", FYRBODAL, "true"),
        ("Lena Hult", FYRBODAL, "true"),
    }
    # Decided per capsulam, without a member list: nobody was called.
    assert _rows(store, "2025-09-01") == []
