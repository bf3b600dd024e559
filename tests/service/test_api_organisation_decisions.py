"""Decisions of a kommun over the REST API: `/api/decisions?organisation=…` gives the
decisions of the kommun's boards (org:subOrganizationOf, as the pipeline writes it for a
board under the kommun's letterhead), by the register's IRI or by name, and never the
boards of another kommun; `body=` still names one board. Real HTTP, real store, minutes
written by the test and ingested by the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.ingest.ks_protocol import BUDGET_ITEM, HEADER, LAST_ITEM, ks_protocol
from tests.service.conftest import MakeSettings, Serve, ingested

ID = "https://w3id.org/beslutsgraf/id/"
ALINGSAS = ID + "kommun/1489"  # the kommun register's node (SCB kommunkod 1489)


def _write(folder: Path, name: str, letterhead: str, day: str) -> Path:
    header = HEADER.replace("2024-09-10", day).replace("PROTOKOLL", letterhead)
    path = folder / name
    path.write_text(ks_protocol(BUDGET_ITEM + LAST_ITEM, header=header), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def api(
    serve: Serve, make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    folder = tmp_path_factory.mktemp("organisation-decisions")
    settings = make_settings(folder / "store")
    paths = [
        _write(folder, "alingsas.txt", "ALINGSÅS KOMMUN\tPROTOKOLL", "2024-09-10"),
        _write(folder, "storuman.txt", "STORUMANS KOMMUN\tPROTOKOLL", "2024-09-17"),
    ]
    ingested(settings, folder, paths)
    with serve(settings) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _decisions(api: httpx.Client, **params: Any) -> list[tuple[str, str, str]]:
    response = api.get("/api/decisions", params=params)
    assert response.status_code == 200, response.text
    return [(d["date"], d["body"]["label"], d["text"]) for d in response.json()["items"]]


def test_a_kommuns_decisions_are_those_of_its_boards(api: httpx.Client) -> None:
    alingsas = [
        ("2024-09-10", "Kommunstyrelsen i Alingsås kommun", text)
        for text in (
            "Kommunstyrelsen föreslår kommunfullmäktige att anta budget 2025.",
            "Redovisningen läggs till handlingarna.",
        )
    ]
    assert _decisions(api, organisation=ALINGSAS) == alingsas
    assert _decisions(api, organisation="Alingsås kommun") == alingsas
    storuman = _decisions(api, organisation="Storumans kommun")
    assert {(date, body) for date, body, _ in storuman} == {
        ("2024-09-17", "Kommunstyrelsen i Storumans kommun")
    }
    # One board by its own name; a kommun with no minutes here has none.
    assert _decisions(api, body="Kommunstyrelsen i Alingsås kommun") == alingsas
    assert _decisions(api, organisation="Lerums kommun") == []
