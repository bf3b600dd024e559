"""Attendance printed after the last item, as an appendix: the header says "Beslutande
Se närvarolista, bilaga 1" and "Bilaga 1 Närvarolista" follows the last § with a table
("Ledamot | Parti | Närvarande | Ersättare | §§", with tabs, as Markdown or with runs
of spaces between the cells). A member without a presence mark is absent, a deputy in
the "Ersättare" column serves in the member's place (from the first of the items in the
"§§" column, when that is not the meeting's first), and the table belongs to no item."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.model import Mentions
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load

PROTOCOL = Path(__file__).parent / "protocols" / "kf_narvarolista_2024-03-25.txt"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
MEETING = "<https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-03-25>"
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunfullmaktige/2024-03-25/item/{}>"
PERSON = "<https://w3id.org/beslutsgraf/id/person/{}>"
APPENDIX = "Bilaga 1\nNärvarolista\n"
MEMBERS = [
    "Tova Almgren",
    "Ragnar Ekholm",
    "Greta Nordin",
    "Olof Strand",
    "Signe Wallin",
    "Vidar Östling",
]


def _as_markdown(path: Path, folder: Path) -> Path:
    """The probe with its appendix table written as a Markdown table under a heading."""
    head, table = path.read_text(encoding="utf-8").split(APPENDIX)
    rows = [row.split("\t") for row in table.strip("\n").split("\n")]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    markdown = folder / f"{path.stem}.md"
    markdown.write_text(head + "## Bilaga 1 Närvarolista\n\n" + "\n".join(lines) + "\n")
    return markdown


def _as_spaced(path: Path, folder: Path) -> Path:
    """The probe with its appendix table's cells parted by runs of spaces, as a PDF's text
    gives them: a blank cell is only a wider gap."""
    head, table = path.read_text(encoding="utf-8").split(APPENDIX)
    rows = [row.split("\t") for row in table.strip("\n").split("\n")]
    widths = [max(len(row[i]) for row in rows) + 3 for i in range(len(rows[0]))]
    lines = ["".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    spaced = folder / path.name
    spaced.write_text(head + APPENDIX + "\n".join(line.rstrip() for line in lines) + "\n")
    return spaced


WRITTEN = {"markdown": _as_markdown, "spaced": _as_spaced}


@cache
def _mentions(path: Path) -> Mentions:
    return extract(segment(read(path)))


@pytest.fixture(params=["text", *WRITTEN])
def protocol(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return PROTOCOL if request.param == "text" else WRITTEN[request.param](PROTOCOL, tmp_path)


def test_the_appendix_table_lists_the_called_members_with_their_parties(protocol: Path) -> None:
    called = {person.name: person for person in _mentions(protocol).attendance.called}
    assert set(MEMBERS) <= set(called)
    # A party alone in its column is the party, never an organisation.
    assert called["Tova Almgren"].party == "S"
    assert called["Eva Sjö"].party == "SD"
    assert all(person.organisation is None for person in called.values())
    # The header's pointer to the appendix names no one.
    assert not any("närvarolista" in name.lower() for name in called)


def test_no_presence_mark_and_a_deputy_named_is_absent(protocol: Path) -> None:
    attendance = _mentions(protocol).attendance
    assert [person.name for person in attendance.absent] == ["Ragnar Ekholm"]
    substitutions = {
        (s.substitute.name, s.substituted.name): s.from_item for s in attendance.substitutions
    }
    # Alva Sundqvist took Vidar Östling's seat from § 14 on: he is not absent from the meeting.
    assert substitutions == {
        ("Ebba Rosengren", "Ragnar Ekholm"): None,
        ("Alva Sundqvist", "Vidar Östling"): 14,
    }
    serving = {person.name: person.items for person in attendance.called}
    assert serving["Ebba Rosengren"] == (12, 13, 14)
    assert serving["Alva Sundqvist"] == (14,)
    # A member's "§§" cell: the items attended; no "§§" cell, every item.
    assert serving["Signe Wallin"] == (12, 13)
    assert serving["Greta Nordin"] == ()


def test_the_appendix_is_no_part_of_the_last_item(protocol: Path) -> None:
    segments = segment(read(protocol))
    assert [item.number for item in segments.items] == [12, 13, 14]
    last = segments.items[-1].body.text
    assert last.rstrip().endswith("Kommunfullmäktige bifaller motionen.")
    assert "Närvarolista" not in last and "Ledamot" not in last
    item = next(item for item in _mentions(protocol).items if item.number == 14)
    assert "Ragnar Ekholm" not in item.span.text


def test_appendix_attendance_in_the_store(tmp_path: Path, store: EmbeddedStore) -> None:
    load(store, PROTOCOL, quarantine_dir=tmp_path / "quarantine")
    per, sara = PERSON.format("ragnar-ekholm"), PERSON.format("ebba-rosengren")
    johan, mats = PERSON.format("vidar-ostling"), PERSON.format("alva-sundqvist")
    assert store.ask(PREFIXES + f"ASK {{ {MEETING} bg:called {per} ; bg:absentee {per} }}")
    assert store.ask(PREFIXES + f"ASK {{ {MEETING} bg:attendee {sara} }}")
    assert not store.ask(PREFIXES + f"ASK {{ {MEETING} bg:absentee {johan} }}")
    assert store.ask(PREFIXES + f"ASK {{ ?s bg:substitute {sara} ; bg:substituted {per} }}")
    assert store.ask(
        PREFIXES + f"ASK {{ ?s bg:substitute {mats} ; bg:substituted {johan} ; "
        f"bg:fromItem {ITEM.format(14)} }}"
    )

    def item_attendees(number: int) -> set[str]:
        rows = store.select(
            PREFIXES + f"SELECT ?p WHERE {{ {ITEM.format(number)} bg:attendeeOfItem ?p }}"
        )
        return {row["p"] for row in rows}

    assert johan in item_attendees(13) and mats not in item_attendees(13)
    assert mats in item_attendees(14) and johan not in item_attendees(14)
    assert per not in item_attendees(12) and sara in item_attendees(12)
    signe = PERSON.format("signe-wallin")
    assert signe in item_attendees(13) and signe not in item_attendees(14)
    # No agenda item is made of the appendix's rows.
    numbers = store.select(
        PREFIXES + f"SELECT ?n WHERE {{ {MEETING} bg:hasAgendaItem ?i . ?i bg:itemNumber ?n }}"
    )
    assert sorted(row["n"].split('"')[1] for row in numbers) == ["12", "13", "14"]


def test_decisions_under_the_councils_own_heading() -> None:
    """ "Kommunfullmäktiges beslut" heads the decision as "Kommunstyrelsens beslut" does."""
    decisions = {item.number: item.decisions for item in _mentions(PROTOCOL).items}
    assert [d.text for d in decisions[13]] == [
        "Kommunfullmäktige antar taxa för bygglov att gälla från den 1 maj 2024."
    ]
    assert [d.text for d in decisions[14]] == ["Kommunfullmäktige bifaller motionen."]
    assert decisions[14][0].decision_type == str(BG.formelltBeslut)
