"""`/api/decisions/{id}` on § protocols, over real HTTP: how a decision was taken (the
motion it follows, votes with their question, outcome and ballots, reservations, who took
no part) and who attended the decision's own agenda item when attendance differs per item.
The store is loaded by the ingestion pipeline from two probe protocols in
tests/ingest/protocols."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.service.conftest import MakeSettings, Serve, ingested

PROTOCOLS = Path(__file__).parents[1] / "ingest" / "protocols"
COUNCIL = "kommunfullmaktige/2024-10-21/item/"
BOARD = "kommunstyrelsen/2024-05-15/item/"


@pytest.fixture(scope="module")
def api(
    serve: Serve, make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("procedure-api")
    settings = make_settings(folder / "store")
    paths = [PROTOCOLS / "kf_protokoll_2024-10-21.txt", PROTOCOLS / "ks_protokoll_2024-05-15.txt"]
    ingested(settings, folder, paths)
    with serve(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _decision(api: httpx.Client, key: str) -> Any:
    response = api.get(f"/api/decisions/{key}")
    assert response.status_code == 200, response.text
    return response.json()


def test_a_vote_with_its_question_outcome_and_the_motion_followed(api: httpx.Client) -> None:
    decision = _decision(api, COUNCIL + "89/decision/1")
    [vote] = decision["votes"]
    assert (vote["yes"], vote["no"], vote["abstain"]) == (8, 2, 1)
    assert vote["question"].endswith(
        "Ja-röst för avslag på motionen, nej-röst för bifall till motionen."
    )
    assert vote["outcome"].startswith("Med 8 ja-röster mot 2 nej-röster")
    motion = decision["adopted_motion"]
    assert motion["text"] == "Olof Brandt (M) yrkar avslag på motionen."
    assert [p["label"] for p in motion["proposed_by"]] == ["Olof Brandt"]
    [reservation] = decision["reservations"]
    assert [p["label"] for p in reservation["persons"]] == ["Ylva Nord"]
    assert reservation["in_favour_of"]["text"] == "Ylva Nord (V) yrkar bifall till motionen."


def test_a_roll_call_lists_each_members_choice_and_party(api: httpx.Client) -> None:
    [vote] = _decision(api, COUNCIL + "92/decision/1")["votes"]
    choices = {
        b["voter"]["label"]: (b["choice"]["label"], b["party"]["label"]) for b in vote["ballots"]
    }
    assert len(choices) == 11
    assert choices["Annika Roos"] == ("Ja", "Liberalerna")
    assert choices["Håkan Strid"] == ("Nej", "Sverigedemokraterna")
    assert sum(choice == "Ja" for choice, _ in choices.values()) == vote["yes"] == 7


def test_members_who_took_no_part(api: httpx.Client) -> None:
    named = _decision(api, COUNCIL + "91/decision/1")["abstained"]
    assert [p["label"] for p in named] == ["Marie Lindqvist", "Ylva Nord"]
    by_party = _decision(api, COUNCIL + "90/decision/1")["abstained"]
    assert [p["label"] for p in by_party] == ["Håkan Strid", "Petra Strid"]
    assert _decision(api, COUNCIL + "93/decision/1")["abstained"] == []


def test_attendance_is_the_decisions_own_items_when_it_differs_per_item(
    api: httpx.Client,
) -> None:
    # "Lars Eriksson (S), §§ 45–48"; "Ulrika Frick (V) ersätter Lars Eriksson (S), §§ 49–52".
    def attendees(item: int) -> set[str]:
        decision = _decision(api, BOARD + f"{item}/decision/1")
        return {a["person"]["label"] for a in decision["attendance"]["attendees"]}

    assert "Lars Eriksson" in attendees(45) and "Ulrika Frick" not in attendees(45)
    assert "Ulrika Frick" in attendees(49) and "Lars Eriksson" not in attendees(49)


def test_a_member_with_jav_did_not_attend_that_decision(api: httpx.Client) -> None:
    def attendees(item: int) -> set[str]:
        decision = _decision(api, COUNCIL + f"{item}/decision/1")
        return {a["person"]["label"] for a in decision["attendance"]["attendees"]}

    assert "Sanna Ek" in attendees(90) and "Sanna Ek" not in attendees(91)


def test_a_decision_names_to_whom_it_is_sent(api: httpx.Client) -> None:
    # § 46 ends "Expedieras till" / "Kommunfullmäktige"; § 47 sends nothing.
    for clause in (1, 2):
        sent = _decision(api, BOARD + f"46/decision/{clause}")["sent_to"]
        assert [ref["label"] for ref in sent] == ["Kommunfullmäktige"]
    assert _decision(api, BOARD + "47/decision/1")["sent_to"] == []
