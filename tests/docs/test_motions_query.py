"""docs/queries/motions-by-party.rq on the graph the pipeline makes of two
kommunfullmäktige protocols (tests/ingest/test_kf_member_motions.py): a party's members'
written motions with every decision on them and where they were remitted."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib.plugins.sparql import prepareQuery

from beslutsgraf.ingest.run import run
from beslutsgraf.store import EmbeddedStore
from tests.ingest.test_kf_member_motions import TEXT_PROTOCOL, word_protocol

QUERY = (
    Path(__file__).resolve().parents[2] / "docs" / "queries" / "motions-by-party.rq"
).read_text(encoding="utf-8")
PARTY = "<https://w3id.org/beslutsgraf/id/party/V>"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("motions-query")
    text = folder / "kf_2025-04-28.txt"
    text.write_text(TEXT_PROTOCOL, encoding="utf-8")
    paths = [text, word_protocol(folder / "kf_2025-05-26.docx")]
    opened = EmbeddedStore(folder / "store")
    assert run(paths, opened, quarantine_dir=folder / "quarantine").ok
    yield opened
    opened.close()


def _rows(store: EmbeddedStore, party: str) -> list[dict[str, str]]:
    assert QUERY.count(PARTY) == 1
    query = QUERY.replace(PARTY, f"<https://w3id.org/beslutsgraf/id/party/{party}>")
    body = store.query(query, "text/csv").body.decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_the_query_parses_with_rdflib() -> None:
    prepareQuery(QUERY)


def test_a_motion_rejected(store: EmbeddedStore) -> None:
    rows = _rows(store, "V")
    assert [(r["title"], r["authorName"], r["decided"], r["granted"]) for r in rows] == [
        ("gratis kollektivtrafik för pensionärer", "Anna Lind", "2025-04-28", "false")
    ]
    assert rows[0]["decisionText"] == "Motionen avslås."


def test_a_motion_granted(store: EmbeddedStore) -> None:
    rows = _rows(store, "MP")
    assert [(r["title"], r["authorName"], r["granted"]) for r in rows] == [
        ("solceller på kommunens fastigheter", "Sara Nilsson", "true")
    ]


def test_motions_remitted_with_the_body_and_the_date_the_answer_is_due(
    store: EmbeddedStore,
) -> None:
    remitted = {
        (r["title"], r["authorName"], r["remittedTo"], r["answerDue"]) for r in _rows(store, "M")
    }
    assert remitted == {
        (
            "simskola för alla barn",
            "Göran Lilja",
            "Barn- och utbildningsnämnden i Säterbo kommun",
            "2025-06-30",
        ),
        ("trygghetskameror i centrum", "Ingrid Falk", "Kommunstyrelsen i Lillberga kommun", ""),
    }
