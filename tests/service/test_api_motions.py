"""Written motions and where the assembly sent them, as a REST client sees them over real
HTTP: the store is loaded by the pipeline from the kommunfullmäktige protocol of
tests/ingest/test_kf_member_motions.py (motions answered, adopted and remitted)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.ingest.test_kf_member_motions import TEXT_PROTOCOL
from tests.service.conftest import MakeSettings, Serve, ingested

MEETING = "kommunfullmaktige-i-saterbo-kommun/2025-04-28/item/"


@pytest.fixture(scope="module")
def api(
    serve: Serve, make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("motions-api")
    protocol = folder / "kf_protokoll_2025-04-28.txt"
    protocol.write_text(TEXT_PROTOCOL, encoding="utf-8")
    settings = make_settings(folder / "store")
    ingested(settings, folder, [protocol])
    with serve(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _get(api: httpx.Client, url: str, **params: Any) -> Any:
    response = api.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_remitted_motion_is_an_open_assignment_of_its_body_with_the_decision_that_sent_it(
    api: httpx.Client,
) -> None:
    # § 36 remits two motions, each to its own body: two assignments of one decision.
    remitted = [a for a in _get(api, "/api/assignments")["items"] if "/item/36/" in a["iri"]]
    assert sorted((a["assignees"][0]["label"], a["deadline"]) for a in remitted) == [
        ("Barn- och utbildningsnämnden i Säterbo kommun", "2025-06-30"),
        ("Kommunstyrelsen i Säterbo kommun", None),
    ]
    for assignment in remitted:
        assert assignment["decision"]["id"] == MEETING + "36/decision/1"
        assert assignment["decision"]["date"] == "2025-04-28"
    still_open = _get(api, "/api/assignments", open_after="2025-06-01")["items"]
    assert [a["assignees"][0]["label"] for a in still_open] == [
        "Barn- och utbildningsnämnden i Säterbo kommun"
    ]


def test_a_decision_names_the_motions_it_answers_by_their_titles(api: httpx.Client) -> None:
    concerns = _get(api, f"/api/decisions/{MEETING}36/decision/1")["concerns"]
    titles = sorted(ref["label"] for ref in concerns if "/motion/" in ref["iri"])
    assert titles == ["fler platser i förskolan", "simskola för alla barn"]
