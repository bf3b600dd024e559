"""Action points of minutes ("Åtgärd: Jeanette Sjöstrand återkommer med en delrapport till
mötet i juni.") are the group's assignments: a decision of type uppdrag whose assignee is
the one the point names first (else the item's "Ansvarig:"), the rest of the point its task,
and its deadline a date, or a meeting ("till nästa möte") dated by the minutes."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.ingest.known import literal_value

from .conftest import loaded_store

MINUTES = (
    """Minnesanteckningar
Styrgruppen för vårdsamverkan
Datum: 2024-03-14
Tid: 13.00–15.00
Plats: Digitalt via Teams

Närvarande: Anna Lind, Lerums kommun (ordförande), Jeanette Sjöstrand, """
    """Västra Götalandsregionen, Sara Blom, Alingsås kommun
Sekreterare: Jonas Berg

1. Mötets öppnande
Ordföranden öppnade mötet och hälsade alla välkomna.

2. Uppföljning av utskrivningsprocessen
Jeanette Sjöstrand redogjorde för läget i uppföljningen av utskrivningsprocessen.
Åtgärd: Jeanette Sjöstrand återkommer med en delrapport till mötet i juni.

3. Kommunikation
Sara Blom informerade om arbetet med den gemensamma webbplatsen.
Åtgärder:
- Sara Blom tar fram ett förslag till nyhetsbrev till nästa möte.
- Förvaltningen sammanställer frågorna från kommunerna senast den 30 april 2024.

4. Primärvårdens tillgänglighet
Anna Lind informerade om den nya mätningen.
Ansvarig: Närhälsan
Att göra: ta fram en jämförelse mellan vårdcentralerna.

5. Nästa möte
Nästa möte äger rum den 18 april 2024 kl. 13.00.
"""
)
PREFIXES = (
    "PREFIX bg: <https://w3id.org/beslutsgraf/def#> "
    "PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX oa: <http://www.w3.org/ns/oa#> "
)


def test_action_points_are_the_groups_assignments(tmp_path: Path) -> None:
    path = tmp_path / "styrgrupp_minnesanteckningar_2024-03-14.txt"
    path.write_text(MINUTES, encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            PREFIXES + "SELECT ?n ?who ?task ?deadline ?exact WHERE { "
            "?i bg:itemNumber ?n ; bg:hasDecision ?d . "
            "?d bg:decisionType bg:uppdrag ; bg:assignment ?a . "
            "?a bg:task ?task ; bg:assignee ?p . "
            "{ ?p foaf:name ?who } UNION { ?p skos:prefLabel ?who } "
            "OPTIONAL { ?a bg:deadline ?deadline } "
            "?e oa:hasBody ?d ; oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    # A set: an organisation of the reference registers has its label in two graphs.
    found = sorted(
        {
            (
                literal_value(row["n"]),
                literal_value(row["who"]),
                literal_value(row["task"]),
                literal_value(row["deadline"]) if row.get("deadline") else None,
                literal_value(row["exact"]),
            )
            for row in rows
        },
        key=str,
    )
    assert found == [
        (
            "2",
            "Jeanette Sjöstrand",
            "återkommer med en delrapport till mötet i juni",
            "2024-06",  # no meeting in June is announced: June of the meeting's year
            "Jeanette Sjöstrand återkommer med en delrapport till mötet i juni.",
        ),
        (
            "3",
            "Förvaltningen",
            "sammanställer frågorna från kommunerna senast den 30 april 2024",
            "2024-04-30",
            "Förvaltningen sammanställer frågorna från kommunerna senast den 30 april 2024.",
        ),
        (
            "3",
            "Sara Blom",
            "tar fram ett förslag till nyhetsbrev till nästa möte",
            "2024-04-18",  # "Nästa möte äger rum den 18 april 2024"
            "Sara Blom tar fram ett förslag till nyhetsbrev till nästa möte.",
        ),
        (
            "4",
            "Närhälsan",  # the item's "Ansvarig:", the point naming nobody
            "ta fram en jämförelse mellan vårdcentralerna",
            None,
            "ta fram en jämförelse mellan vårdcentralerna.",
        ),
    ]


def test_a_deadline_dated_by_a_meeting_has_its_own_evidence(tmp_path: Path) -> None:
    """The point's words say "till nästa möte", the minutes' last item dates that
    meeting: the assignment's deadline quotes both, the meeting's name in the point and
    the announcement that gives its date; a month no meeting is announced in, the name."""
    path = tmp_path / "styrgrupp_minnesanteckningar_2024-03-14.txt"
    path.write_text(MINUTES, encoding="utf-8")
    with loaded_store(tmp_path, path) as store:
        rows = store.select(
            PREFIXES + "SELECT ?who ?deadline ?motivation ?exact WHERE { "
            "?a a bg:Assignment ; bg:deadline ?deadline ; bg:assignee/foaf:name ?who . "
            "?e oa:hasBody ?a ; oa:motivatedBy ?motivation ; "
            "oa:hasTarget/oa:hasSelector/oa:exact ?exact }"
        )
    found = sorted(
        (
            literal_value(row["who"]),
            literal_value(row["deadline"]),
            row["motivation"].rsplit("#", 1)[-1].rstrip(">"),
            literal_value(row["exact"]),
        )
        for row in rows
    )
    assert found == [
        ("Jeanette Sjöstrand", "2024-06", "describing", "mötet i juni"),
        (
            "Sara Blom",
            "2024-04-18",
            "describing",
            "Nästa möte äger rum den 18 april 2024 kl. 13.00.",
        ),
        ("Sara Blom", "2024-04-18", "describing", "nästa möte"),
    ]
