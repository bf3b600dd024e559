"""A municipal protocol (§ numbering, diarienummer, a vote, a reservation, a note, jäv):
the parts SRO's consensus minutes never have, ingested and queried."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.ingest.known import literal_value
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import load

PROTOCOL = Path(__file__).parent / "protocols" / "ks_protokoll_2025-05-20.txt"
PREFIXES = "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2025-05-20/item/{}>"


def test_protocol_records_votes_reservations_notes_and_disqualification(
    store: EmbeddedStore,
) -> None:
    load(store, PROTOCOL)

    (vote,) = store.select(
        PREFIXES + "SELECT ?yes ?no ?decision WHERE { ?v a bg:Vote ; bg:yesCount ?yes ; "
        "bg:noCount ?no ; bg:onDecision ?decision }"
    )
    assert (literal_value(vote["yes"]), literal_value(vote["no"])) == ("6", "3")
    assert vote["decision"].startswith(ITEM.format(57)[:-1] + "/decision/")

    (reservation,) = store.select(
        PREFIXES + "SELECT ?party ?decision WHERE { ?r a bg:Reservation ; "
        "bg:reservingParty ?party ; bg:against ?decision }"
    )
    assert reservation["party"] == "<https://w3id.org/beslutsgraf/id/party/V>"
    assert reservation["decision"] == vote["decision"]

    (note,) = store.select(
        PREFIXES + "SELECT ?item ?text WHERE { ?n a bg:ProtocolNote ; bg:onItem ?item ; "
        "bg:text ?text ; bg:author <https://w3id.org/beslutsgraf/id/party/C> }"
    )
    assert note["item"] == ITEM.format(57)
    assert "utredas vidare" in literal_value(note["text"])

    (jav,) = store.select(
        PREFIXES + "SELECT ?item WHERE { ?d a bg:Disqualification ; bg:onItem ?item ; "
        "bg:person <https://w3id.org/beslutsgraf/id/person/sara-holm> }"
    )
    assert jav["item"] == ITEM.format(58)

    cases = store.select(
        PREFIXES + f"SELECT ?case WHERE {{ {ITEM.format(56)} bg:caseNumber ?case }}"
    )
    assert [literal_value(row["case"]) for row in cases] == ["KS-2025-00305"]
