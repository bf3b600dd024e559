"""Dates an agreement gets by reckoning from what its item states: a prolongation by a
term ("förlängs med två år") from the end the item gives, and the end of an agreement
that stops when the one replacing it enters into force on a stated day."""

from __future__ import annotations

from pathlib import Path

import pytest

from beslutsgraf.ingest.known import literal_value
from tests.ingest.ks_protocol import items_protocol

from .conftest import loaded_store

AGREEMENT = "https://w3id.org/beslutsgraf/id/agreement/"
PREFIXES = (
    "PREFIX dct: <http://purl.org/dc/terms/> "
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX prov: <http://www.w3.org/ns/prov#> "
)


DATES = ("newEnd", "start", "end")


def _prolongations(folder: Path, background: str, decision: str) -> list[tuple[str, ...]]:
    item = ("Förlängning av samverkansavtal", background, decision)
    with loaded_store(folder, items_protocol(folder, item)) as store:
        rows = store.select(
            PREFIXES + "SELECT ?agreement ?newEnd ?start ?end WHERE { "
            "?decision bg:prolongs ?agreement . "
            "OPTIONAL { ?decision bg:newEndDate ?newEnd } "
            "OPTIONAL { ?agreement bg:hasValidityPeriod ?period . "
            "  ?period bg:start ?start ; bg:end ?end ; prov:wasGeneratedBy ?decision } }"
        )
    return [
        (row["agreement"], *(row.get(key) and literal_value(row[key]) for key in DATES))
        for row in rows
    ]


@pytest.mark.parametrize(
    ("decision", "new_end"),
    [
        (
            "Kommunstyrelsen beslutar att Samverkansavtal om digitala hjälpmedel förlängs med "
            "två år.",
            "2027-12-31",
        ),
        (
            "Kommunstyrelsen beslutar att förlänga samverkansavtalet om digitala hjälpmedel "
            "med ytterligare ett år.",
            "2026-12-31",
        ),
    ],
)
def test_a_prolongation_by_a_term_ends_a_term_after_the_current_end(
    tmp_path: Path, decision: str, new_end: str
) -> None:
    background = "Samverkansavtalet gäller till och med 2025-12-31 och kan förlängas."
    assert _prolongations(tmp_path, background, decision) == [
        (f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>", new_end, "2026-01-01", new_end)
    ]


def test_a_prolongation_by_a_term_without_a_current_end_guesses_no_date(
    tmp_path: Path,
) -> None:
    decision = (
        "Kommunstyrelsen beslutar att Samverkansavtal om digitala hjälpmedel förlängs med två år."
    )
    assert _prolongations(tmp_path, "Avtalet har fungerat väl.", decision) == [
        (f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>", None, None, None)
    ]


def test_the_replaced_agreement_ends_the_day_before_the_new_one_enters_into_force(
    tmp_path: Path,
) -> None:
    item = (
        "Samverkansavtal om hjälpmedel",
        "Samverkansavtal om tekniska hjälpmedel upphör att gälla när Samverkansavtal om "
        "digitala hjälpmedel träder i kraft 2027-01-01.",
        "Kommunstyrelsen godkänner Samverkansavtal om digitala hjälpmedel.",
    )
    with loaded_store(tmp_path, items_protocol(tmp_path, item)) as store:
        rows = store.select(
            PREFIXES + "SELECT ?new ?appliesFrom ?old ?until WHERE { "
            "?decision bg:concerns ?new . ?new dct:replaces ?old ; bg:appliesFrom ?appliesFrom . "
            "?old bg:validUntil ?until }"
        )
    assert [
        (r["new"], literal_value(r["appliesFrom"]), r["old"], literal_value(r["until"]))
        for r in rows
    ] == [
        (
            f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>",
            "2027-01-01",
            f"<{AGREEMENT}samverkansavtal-om-tekniska-hjalpmedel>",
            "2026-12-31",
        )
    ]


NAMED = "Kommunen och Region Halland samverkar enligt Samverkansavtal om digitala hjälpmedel."
PROPOSAL = "Förvaltningen föreslår att avtalet förlängs med två år."


@pytest.mark.parametrize(
    "decision",
    [
        "Kommunstyrelsen beslutar enligt förslaget.",
        "Kommunstyrelsen beslutar att förlänga avtalet enligt förslaget.",
    ],
)
def test_a_decision_by_the_proposal_prolongs_by_the_term_it_proposes(
    tmp_path: Path, decision: str
) -> None:
    # The term is stated only in the background, as the proposal the decision adopts.
    item = (
        "Förlängning av samverkansavtal",
        f"{NAMED} Avtalet gäller till och med 2024-12-31. {PROPOSAL}",
        decision,
    )
    budget = ("Budget", "Bakgrund.", "Kommunstyrelsen godkänner budgeten.")
    with loaded_store(tmp_path, items_protocol(tmp_path, item, budget)) as store:
        rows = store.select(
            PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#> "
            "SELECT ?agreement ?newEnd ?start ?end ?exact WHERE { "
            "?decision bg:prolongs ?agreement ; bg:newEndDate ?newEnd . "
            "?agreement bg:hasValidityPeriod [ bg:start ?start ; bg:end ?end ] . "
            "?note oa:hasBody ?decision ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    found = {
        (row["agreement"], *(literal_value(row[key]) for key in (*DATES, "exact"))) for row in rows
    }
    prolonged = f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>"
    # Where the body decided, and the proposal that states the term.
    assert found == {
        (prolonged, "2026-12-31", "2025-01-01", "2026-12-31", exact)
        for exact in (decision, PROPOSAL)
    }


@pytest.mark.parametrize(
    ("decision", "dates"),
    [
        # The date is the end the agreement has: the term runs from it.
        (
            "Kommunstyrelsen beslutar att förlänga avtalet, som löper ut 2024-12-31, med två år.",
            ("2026-12-31", "2025-01-01", "2026-12-31"),
        ),
        (
            "Kommunstyrelsen beslutar att förlänga avtalet, som gäller till och med 2024-12-31, "
            "med två år.",
            ("2026-12-31", "2025-01-01", "2026-12-31"),
        ),
        # The date is the new end the term leads to.
        (
            "Kommunstyrelsen beslutar att förlänga avtalet med två år till och med 2026-12-31.",
            ("2026-12-31", None, None),
        ),
    ],
)
def test_a_prolongation_by_a_term_tells_the_current_end_from_the_new_one(
    tmp_path: Path, decision: str, dates: tuple[str | None, ...]
) -> None:
    assert _prolongations(tmp_path, NAMED, decision) == [
        (f"<{AGREEMENT}samverkansavtal-om-digitala-hjalpmedel>", *dates)
    ]
