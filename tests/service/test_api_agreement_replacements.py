"""An agreement that replaces another, as the pipeline writes it from written protocols
and the service shows it: CQ10 (docs/queries/cq10-agreement-replacements.rq) on the
store, and `/api/agreements/{id}` over real HTTP with "replaces" and "replaced_by". The
replaced agreement, adopted in an earlier protocol under the same title and version, is
one node across the two documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib.util import from_n3

from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.ks_protocol import HEADER, LAST_ITEM, ks_protocol
from tests.service.conftest import MakeSettings, Serve, ingested

CQ10 = Path(__file__).parents[2] / "docs" / "queries" / "cq10-agreement-replacements.rq"
AGREEMENT = "https://w3id.org/beslutsgraf/id/agreement/"
NEW = "overenskommelse-om-samverkan-kring-psykisk-halsa"
OLD = "overenskommelse-om-samverkan-kring-personer-med-psykisk-funktionsnedsattning-sro-2016-11-25"
ADOPTED = """§ 12 Dnr KS 2016/200
Överenskommelse om psykisk funktionsnedsättning
Kommunstyrelsens beslut
Kommunstyrelsen ställer sig bakom:
- Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning, SRO 2016-11-25

"""
REPLACED = """§ 12 Dnr KS 2024/100
Överenskommelse om psykisk hälsa
Ärendebeskrivning
Överenskommelsen ersätter Överenskommelse om samverkan kring personer med psykisk
funktionsnedsättning, SRO 2016-11-25.
Kommunstyrelsens beslut
Kommunstyrelsen antar Överenskommelse om samverkan kring psykisk hälsa.

"""


def _write(folder: Path, day: str, item: str) -> Path:
    path = folder / f"ks_protokoll_{day}.txt"
    header = HEADER.replace("2024-09-10", day)
    path.write_text(ks_protocol(item + LAST_ITEM, header=header), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def loaded(
    make_settings: MakeSettings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("agreement-replacements")
    settings = make_settings(folder / "store")
    paths = [_write(folder, "2016-12-05", ADOPTED), _write(folder, "2024-09-10", REPLACED)]
    ingested(settings, folder, paths)
    return folder, settings


@pytest.fixture(scope="module")
def api(serve: Serve, loaded: tuple[Path, Any]) -> Iterator[httpx.Client]:
    with serve(loaded[1]) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_cq10_names_the_agreement_what_it_replaces_and_the_deciding_decision(
    loaded: tuple[Path, Any],
) -> None:
    store = EmbeddedStore(loaded[1].store_dir)
    try:
        rows = store.select(CQ10.read_text(encoding="utf-8"))
    finally:
        store.close()
    answers = [{var: str(from_n3(term)) for var, term in row.items()} for row in rows]
    assert answers == [
        {
            "agreement": AGREEMENT + NEW,
            "title": "Överenskommelse om samverkan kring psykisk hälsa",
            "replaced": AGREEMENT + OLD,
            "replacedTitle": (
                "Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning"
            ),
            "replacedVersion": "SRO 2016-11-25",
            "decision": (
                "https://w3id.org/beslutsgraf/id/meeting/kommunstyrelsen/2024-09-10/item/12"
                "/decision/1"
            ),
            "decidedOn": "2024-09-10",
            "decidedByName": "Kommunstyrelsen",
        }
    ]


def test_the_api_shows_what_an_agreement_replaces_and_what_replaced_it(
    api: httpx.Client,
) -> None:
    new = api.get(f"/api/agreements/{NEW}")
    old = api.get(f"/api/agreements/{OLD}")
    assert new.status_code == 200, new.text
    assert old.status_code == 200, old.text

    assert [(r["iri"], r["label"]) for r in new.json()["replaces"]] == [
        (
            AGREEMENT + OLD,
            "Överenskommelse om samverkan kring personer med psykisk funktionsnedsättning",
        )
    ]
    assert new.json()["replaced_by"] == []
    assert [(r["iri"], r["label"]) for r in old.json()["replaced_by"]] == [
        (AGREEMENT + NEW, "Överenskommelse om samverkan kring psykisk hälsa")
    ]
    # One node for both documents: the 2016 decision adopted what the 2024 one replaces.
    assert [d["date"] for d in old.json()["decisions"]] == ["2016-12-05"]
    assert old.json()["version_label"] == "SRO 2016-11-25"
