"""How far a § protocol's decision and its handling reach: the sentences under a "Beslut"
heading, the numbered points of an unlabelled lead-in (each decision numbered apart), and
the motions a Beslutsgång tells (the chair's by role), read and loaded
(miljo_protokoll_2024-06-11.txt and § 22 of bmn_protokoll_2024-03-12.txt)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from beslutsgraf.ingest.decisions import decision_sentences
from beslutsgraf.ingest.extract import extract
from beslutsgraf.ingest.known import literal_value
from beslutsgraf.ingest.model import AgendaItem, Span
from beslutsgraf.ingest.read import read
from beslutsgraf.ingest.run import Status, run
from beslutsgraf.ingest.segment import segment
from beslutsgraf.store.embedded import EmbeddedStore
from tests.ingest.conftest import variant

PROTOCOLS = Path(__file__).parent / "protocols"
PROBE = PROTOCOLS / "miljo_protokoll_2024-06-11.txt"
BYGGLOV = PROTOCOLS / "bmn_protokoll_2024-03-12.txt"  # § 22: a permit and its fee
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
)
ITEM = "<https://w3id.org/beslutsgraf/id/meeting/miljonamnden/2024-06-11/item/{}>"
KARIN = "<https://w3id.org/beslutsgraf/id/person/karin-ljung>"
ANNA = "<https://w3id.org/beslutsgraf/id/person/anna-berg>"


@cache
def _item(number: int, path: Path = PROBE) -> AgendaItem:
    return next(item for item in extract(segment(read(path))).items if item.number == number)


# ---------------------------------------------------------------- extraction


def test_the_fee_under_the_beslut_heading_is_part_of_the_permit() -> None:
    [decision] = _item(22, BYGGLOV).decisions
    assert decision.text == (
        "Bygg- och miljönämnden beviljar bygglov med stöd av 9 kap. 31 § plan- och "
        "bygglagen (2010:900).\nAvgiften för bygglovet är 28 400 kronor."
    )
    assert decision.decision_type.endswith("#formelltBeslut")


def test_the_paragraph_under_beslut_stops_at_an_unlabelled_heading() -> None:
    [plan] = _item(31).decisions
    assert plan.text == (
        "Miljönämnden fastställer tillsynsplanen för 2024.\n"
        "Tillsynen av förorenade områden prioriteras under hösten."
    )
    # "Ärendet i korthet" is no label, but a heading: the description is not decided.
    [noted] = _item(33).decisions
    assert noted.text == "Redovisningen av delegationsbeslut läggs till handlingarna."


def test_an_unlabelled_lead_in_gives_one_decision_per_numbered_point() -> None:
    decisions = _item(32).decisions
    assert [(d.number, d.text) for d in decisions] == [
        (1, "anta taxan för prövning och tillsyn enligt miljöbalken,"),
        (2, "taxan ska gälla från och med den 1 januari 2025."),
    ]
    assert {d.decided_by for d in decisions} == {"Miljönämnden"}


def test_running_text_lead_in_is_not_cut_at_its_first_number() -> None:
    text = (
        "Ärendet har beretts av arbetsutskottet.\n"
        "Regionstyrelsen beslutar att\n"
        "1. godkänna avtalet,\n"
        "2. uppdra åt regiondirektören att teckna avtalet.\n"
    )
    clauses = decision_sentences(text, Span(0, len(text), text), 2024)
    assert [(c.number, c.text) for c in clauses] == [
        (1, "godkänna avtalet,"),
        (2, "uppdra åt regiondirektören att teckna avtalet."),
    ]


def test_motions_told_in_the_beslutsgang_with_the_chairs_adopted() -> None:
    item = _item(31)
    assert [(m.text, [p.name for p in m.persons], m.by_chair) for m in item.motions] == [
        # Put by the chair by role; she chairs the item, so she is its proposer.
        ("Ordföranden yrkar bifall till arbetsutskottets förslag.", ["Karin Ljung"], True),
        ("Anna Berg (S) yrkar avslag.", ["Anna Berg"], False),
    ]
    # "finner att nämnden beslutar enligt ordförandens yrkande": the chair's motion.
    assert item.adopted_motion == item.motions[0]
    [reservation] = item.reservations
    assert reservation.in_favour_of == item.motions[1]


def test_the_chairs_motion_adopted_by_her_name(tmp_path: Path) -> None:
    # "… beslutar enligt Karin Ljungs yrkande" after "Ordföranden yrkar …".
    path = variant(PROBE, tmp_path, "enligt ordförandens yrkande", "enligt Karin Ljungs yrkande")
    item = next(item for item in extract(segment(read(path))).items if item.number == 31)
    assert item.adopted_motion == item.motions[0]
    assert item.adopted_motion.by_chair


# --------------------------------------------------------------------- loaded


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    opened = EmbeddedStore(tmp_path_factory.mktemp("extents") / "store")
    try:
        outcomes = run([PROBE, BYGGLOV], opened).outcomes
        assert [o.status for o in outcomes] == [Status.LOADED] * 2, outcomes
        yield opened
    finally:
        opened.close()


def test_loaded_permit_text_states_the_fee(store: EmbeddedStore) -> None:
    decision = (
        "<https://w3id.org/beslutsgraf/id/meeting/bygg-och-miljonamnden/2024-03-12"
        "/item/22/decision/1>"
    )
    rows = store.select(PREFIXES + f"SELECT ?text WHERE {{ {decision} bg:decisionText ?text }}")
    [text] = [literal_value(row["text"]) for row in rows]
    assert text.endswith("Avgiften för bygglovet är 28 400 kronor.")


def test_loaded_chairs_motion_is_hers_and_adopted(store: EmbeddedStore) -> None:
    item = ITEM.format(31)
    rows = store.select(
        PREFIXES + f"SELECT ?motion ?by ?adopted WHERE {{ {item} bg:hasMotion ?motion . "
        "?motion bg:proposedBy ?by . "
        f"OPTIONAL {{ {item[:-1]}/decision/1> bg:adoptsMotion ?adopted "
        "FILTER(?adopted = ?motion) } } ORDER BY ?motion"
    )
    assert [(row["by"], "adopted" in row) for row in rows] == [(KARIN, True), (ANNA, False)]
    # The role is no person of its own.
    assert not store.ask(
        PREFIXES + 'ASK { ?person foaf:name ?name FILTER(STRSTARTS(STR(?name), "Ordför")) }'
    )


def test_loaded_lead_in_points_are_numbered_decisions(store: EmbeddedStore) -> None:
    rows = store.select(
        PREFIXES + f"SELECT ?number ?text WHERE {{ {ITEM.format(32)} bg:hasDecision ?d . "
        "?d bg:clauseNumber ?number ; bg:decisionText ?text } ORDER BY ?number"
    )
    assert [(literal_value(r["number"]), literal_value(r["text"])) for r in rows] == [
        ("1", "anta taxan för prövning och tillsyn enligt miljöbalken,"),
        ("2", "taxan ska gälla från och med den 1 januari 2025."),
    ]


def test_loaded_sentence_and_listed_points_are_three_decisions(store: EmbeddedStore) -> None:
    # "Miljönämnden noterar …" then "Miljönämnden beslutar att 1. … 2. …": the list's own
    # numbers would name two decisions alike, so the three are numbered in order.
    rows = store.select(
        PREFIXES + f"SELECT ?d (COUNT(?text) AS ?texts) (SAMPLE(?text) AS ?first) WHERE {{ "
        f"{ITEM.format(34)} bg:hasDecision ?d . ?d bg:decisionText ?text }} "
        "GROUP BY ?d ORDER BY ?d"
    )
    assert [(literal_value(r["texts"]), literal_value(r["first"])) for r in rows] == [
        ("1", "Miljönämnden noterar informationen om remissen."),
        ("1", "lämna yttrande enligt förvaltningens förslag,"),
        ("1", "förklara paragrafen omedelbart justerad."),
    ]
