"""Which sums a decision is about: those it states, else its item's background sums only
when it is the item's one decision or names what they are ("förslaget till fördelning",
"medlen"), and never a sum another clause of the item states."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .conftest import loaded_store
from .ks_protocol import LAST_ITEM, MEETING, ks_protocol, write_protocol

ITEM = """§ 12 Dnr KS 2024/100
Fördelning av statsbidrag 2025
Kommunen har tilldelats 4,2 miljoner kronor i statsbidrag för 2025. Av dem avser
1,5 miljoner kronor föreningsbidrag.
Kommunstyrelsens beslut
1. Kommunstyrelsen godkänner förslaget till fördelning av statsbidraget.
2. Kommunstyrelsen avsätter 1,5 miljoner kronor till föreningsbidrag.
3. Kommunstyrelsen uppdrar åt förvaltningen att följa upp arbetet.

"""


def test_background_sum_goes_only_to_the_decision_about_it(tmp_path: Path) -> None:
    path = write_protocol(tmp_path, ks_protocol(ITEM + LAST_ITEM))
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
            "PREFIX schema: <http://schema.org/> "
            f"SELECT ?n ?value WHERE {{ {MEETING} bg:hasAgendaItem ?i . "
            "?i bg:itemNumber 12 ; bg:hasDecision ?d . ?d bg:clauseNumber ?n ; "
            "schema:amount/schema:value ?value }"
        )
    sums = sorted(
        (int(row["n"].split('"')[1]), Decimal(row["value"].split('"')[1])) for row in rows
    )
    # The approval of "förslaget till fördelning" is about the 4.2 million the item was
    # granted; the 1.5 million is clause 2's own, and the follow-up assignment has none.
    assert sums == [(1, Decimal(4_200_000)), (2, Decimal(1_500_000))]
