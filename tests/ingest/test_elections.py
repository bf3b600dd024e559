"""Elections and resignations as fullmäktige and nämnder record them ("väljer Nils Ek (SD)
till ny ledamot i socialnämnden", "har avsagt sig uppdraget som …", "beviljar …
entledigande från uppdraget som …"): role events of the person, with the party, in the
body the role names, not the body that met."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import RoleEventKind
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.segment import segment
from beslutsgraf.ontology import BG
from beslutsgraf.store.embedded import EmbeddedStore

from .conftest import loaded_store
from .ks_protocol import LAST_ITEM, ks_protocol, write_protocol

ITEM = """§ 12 Dnr KS 2024/100
Entledigande och fyllnadsval
Ärendebeskrivning
Per Ek (SD) har avsagt sig uppdraget som ledamot i socialnämnden.
Kommunstyrelsens beslut
Kommunstyrelsen beviljar Per Ek (SD) entledigande från uppdraget som ledamot i socialnämnden.
Kommunstyrelsen väljer Nils Ek (SD) till ny ledamot i socialnämnden till och med 2026-12-31.

"""


def _write(folder: Path) -> Path:
    return write_protocol(folder, ks_protocol(ITEM + LAST_ITEM))


def test_an_election_and_a_resignation_are_role_events(tmp_path: Path) -> None:
    events = extract(segment(read(_write(tmp_path)))).role_events
    found = {(e.kind, e.person.name, e.person.party, e.role, e.organisation) for e in events}
    assert found == {
        (RoleEventKind.APPOINTED, "Nils Ek", "SD", str(BG.ledamot), "socialnämnden"),
        (RoleEventKind.ENDED, "Per Ek", "SD", str(BG.ledamot), "socialnämnden"),
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("elections")
    with loaded_store(folder, _write(folder)) as opened:
        yield opened


def test_the_elected_member_belongs_to_the_body_the_role_names(store: EmbeddedStore) -> None:
    rows = store.select(
        "PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT ?body ?role WHERE { ?m org:member "
        "<https://w3id.org/beslutsgraf/id/person/nils-ek> ; org:organization ?body ; "
        "org:role ?role }"
    )
    assert {(r["body"], r["role"]) for r in rows} == {
        ("<https://w3id.org/beslutsgraf/id/org/socialnamnden>", f"<{BG.ledamot}>"),
        ("<https://w3id.org/beslutsgraf/id/party/SD>", f"<{BG.partimedlem}>"),
    }


def test_the_periods_the_protocol_gives(store: EmbeddedStore) -> None:
    # Nils Ek's seat runs "till och med 2026-12-31"; Per Ek's ended at this meeting.
    rows = store.select(
        "PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX time: <http://www.w3.org/2006/time#> "
        "SELECT DISTINCT ?person ?bound ?day WHERE { ?m org:member ?person ; "
        "org:organization <https://w3id.org/beslutsgraf/id/org/socialnamnden> ; "
        "org:memberDuring ?period . ?period ?bound ?instant . "
        "?instant time:inXSDDate ?day } ORDER BY ?person"
    )
    person = "<https://w3id.org/beslutsgraf/id/person/{}>"
    time = "<http://www.w3.org/2006/time#{}>"
    assert [(r["person"], r["bound"], literal_value(r["day"])) for r in rows] == [
        (person.format("nils-ek"), time.format("hasEnd"), "2026-12-31"),
        (person.format("per-ek"), time.format("hasEnd"), "2024-09-10"),
    ]


def test_a_chair_for_one_meeting_is_no_role(tmp_path: Path) -> None:
    text = ks_protocol(
        "§ 12 Dnr KS 2024/100\nVal av ordförande för sammanträdet\nKommunstyrelsens beslut\n"
        "Kommunstyrelsen väljer Lars Holm (M) som ordförande för dagens sammanträde.\n\n"
        + LAST_ITEM
    )
    assert extract(segment(read(write_protocol(tmp_path, text)))).role_events == ()
